/**
 * Helm chart templates and placeholders through the whole service (issue 12): no finding may come from
 * template syntax or from an unknown value, while the literal parts are still checked at their template
 * line. Fixtures are our own, in the shape of real charts (the `helm create` scaffold, Bitnami's `common.*`
 * includes, ingress-nginx and cert-manager NetworkPolicies).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { serviceWith, uriOf, withCode } from '../../helpers/service';

/** Diagnostics of one file of a chart (`chart/templates/<name>`), with the chart's Chart.yaml and values. */
function inChart(name: string, text: string, extra: Record<string, string> = {}): Diagnostic[] {
  const s = serviceWith({
    'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'chart/values.yaml': 'replicaCount: 1\nkind: Deployment\nimage:\n  repository: nginx\n',
    [`chart/templates/${name}`]: text,
    ...extra,
  });
  const d = s.validate(uriOf(`chart/templates/${name}`));
  assert.deepEqual(s.internalErrors, []);
  return d;
}

/** The text of the line a diagnostic starts on, and the text it covers. */
function at(text: string, d: Diagnostic): { line: string; covered: string } {
  const lines = text.split('\n');
  const r = d.range;
  return {
    line: lines[r.start.line],
    covered: r.start.line === r.end.line ? lines[r.start.line].slice(r.start.character, r.end.character) : '',
  };
}

const DEPLOYMENT = `{{- if .Values.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
  annotations: {{- toYaml .Values.annotations | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "web.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels: {{- include "common.labels.standard" ( dict "customLabels" .Values.podLabels "context" $ ) | nindent 8 }}
        app.kubernetes.io/component: web
    spec:
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          ports:
            - name: http
              containerPort: {{ .Values.service.port }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
{{- end }}
`;

test('a chart template in the shape of `helm create` gets no finding at all', () => {
  assert.deepEqual(inChart('deployment.yaml', DEPLOYMENT), []);
});

test('Chart.yaml, values files and helmfile.yaml are not objects: no missing-kind, no missing-api-version', () => {
  const s = serviceWith({
    'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 1.x\n',
    'chart/values.yaml': 'kind: DaemonSet\nimage: nginx\n',
    'chart/ci/daemonset-values.yaml': 'kind: DaemonSet\n',
    'chart/values-production.yaml': 'apiVersion: v1\n',
    'helmfile.yaml': 'releases:\n  - name: web\n    chart: ./chart\n',
  });
  for (const f of [
    'chart/Chart.yaml',
    'chart/values.yaml',
    'chart/ci/daemonset-values.yaml',
    'chart/values-production.yaml',
    'helmfile.yaml',
  ]) {
    assert.deepEqual(s.validate(uriOf(f)), [], f);
  }
  // A template named like a values file is a template.
  assert.equal(
    withCode(
      serviceWith({ 'chart/templates/values-configmap.yaml': 'kind: ConfigMap\nmetadata:\n  name: x\n' }).validate(
        uriOf('chart/templates/values-configmap.yaml'),
      ),
      'missing-api-version',
    ).length,
    1,
  );
  // The same text under an ordinary name is checked.
  assert.deepEqual(
    withCode(serviceWith({ 'app.yaml': 'kind: DaemonSet\nimage: nginx\n' }).validate(uriOf('app.yaml')), 'missing-api-version').length,
    1,
  );
});

test('no yaml-syntax from template syntax: action lines, inline actions, if/else alternatives, block scalars', () => {
  const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ template "web.fullname" . }}-config
  labels: {{- include "common.labels.standard" . | nindent 4 }}
    app.kubernetes.io/component: config
data:
  {{- if .Values.secretConfig }}
  mode: secret
  {{- else }}
  mode: plain
  {{- end }}
  config.yaml: |
{{- if .Values.rules }}
    rules:
{{ toYaml .Values.rules | indent 6 }}
{{- end }}
    global: {}
{{- range $k, $v := .Values.extraData }}
  {{ $k }}: {{ $v | quote }}
{{- end }}
`;
  assert.deepEqual(inChart('configmap.yaml', text), []);
});

test('a genuine YAML error in the literal text of a template is reported at its line', () => {
  const text =
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  ports: [80, 443\n  type: ClusterIP\n';
  const d = withCode(inChart('service.yaml', text), 'yaml-syntax');
  assert.ok(d.length > 0);
  assert.ok(
    d.every((x) => x.range.start.line >= 5),
    JSON.stringify(d.map((x) => x.range)),
  );
});

test('literal parts are checked at their template line: removed apiVersion (range = the apiVersion value)', () => {
  const text = `{{- if .Values.ingress.enabled }}
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: {{ include "web.fullname" . }}
spec:
  backend:
    serviceName: {{ include "web.fullname" . }}
    servicePort: 80
{{- end }}
`;
  const d = withCode(inChart('ingress.yaml', text), 'api-removed');
  assert.equal(d.length, 1);
  assert.deepEqual(at(text, d[0]), { line: 'apiVersion: extensions/v1beta1', covered: 'extensions/v1beta1' });
  // Inside {{ if }} on a value: rendered only when the user turns it on, so a warning that says when.
  assert.equal(d[0].severity, 2);
  assert.match(d[0].message, /This template renders it only when `\.Values\.ingress\.enabled`/);
  // Not gated: an error.
  const plain = text.replace('{{- if .Values.ingress.enabled }}\n', '').replace('{{- end }}\n', '');
  assert.equal(withCode(inChart('ingress.yaml', plain), 'api-removed')[0].severity, 1);
});

test('a removed apiVersion gated on the cluster version is never rendered at the target: silent', () => {
  // The shape of the metrics-server and aws-node-termination-handler PSP templates, and of Datadog's.
  const gated = (cond: string) =>
    `{{- if and (.Values.rbac.pspEnabled) (${cond}) }}\napiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  privileged: false\n{{- end }}\n`;
  assert.deepEqual(withCode(inChart('psp.yaml', gated('semverCompare "<1.25-0" .Capabilities.KubeVersion.GitVersion')), 'api-removed'), []);
  assert.deepEqual(
    withCode(inChart('psp.yaml', gated('.Capabilities.APIVersions.Has "policy/v1beta1/PodSecurityPolicy"')), 'api-removed'),
    [],
  );
  assert.deepEqual(withCode(inChart('psp.yaml', gated('include "common.capabilities.psp.supported" .')), 'api-removed'), []);
  const valueOnly = withCode(inChart('psp.yaml', gated('.Values.psp.create')), 'api-removed');
  assert.equal(valueOnly.length, 1);
  assert.equal(valueOnly[0].severity, 2);
});

test('literal parts are checked: an unquoted number as a label value (range = the value)', () => {
  const text =
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\n  labels:\n    {{- include "web.labels" . | nindent 4 }}\n    tier: 2\nspec:\n  ports:\n    - port: {{ .Values.service.port }}\n';
  const d = withCode(inChart('service.yaml', text), 'meta-value-not-string');
  assert.equal(d.length, 1);
  assert.deepEqual(at(text, d[0]), { line: '    tier: 2', covered: '2' });
  // A templated label value is unknown: never a type finding.
  assert.deepEqual(withCode(inChart('service.yaml', text.replace('tier: 2', 'tier: {{ .Values.tier }}')), 'meta-value-not-string'), []);
});

const INGRESS = (annotations: string) => `{{- if .Values.ingress.enabled -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "web.fullname" . }}
  annotations:
${annotations}
spec:
  ingressClassName: alb
  rules:
    - host: {{ .Values.ingress.host | quote }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ include "web.fullname" . }}
                port:
                  number: 80
{{- end }}
`;

test('literal parts are checked: a misspelt literal ALB annotation name (range = the key)', () => {
  const text = INGRESS(
    '    alb.ingress.kubernetes.io/shceme: internet-facing\n    alb.ingress.kubernetes.io/target-type: {{ .Values.ingress.targetType }}',
  );
  const d = withCode(inChart('ingress.yaml', text), 'alb-unknown-annotation');
  assert.equal(d.length, 1);
  assert.equal(at(text, d[0]).covered, 'alb.ingress.kubernetes.io/shceme');
  assert.match(d[0].message, /did you mean alb\.ingress\.kubernetes\.io\/scheme/);
});

test('literal parts are checked: invalid literal JSON in a literal actions annotation; templated JSON is not judged', () => {
  const bad = INGRESS(
    `    alb.ingress.kubernetes.io/actions.redirect: '{"type": "redirect", "redirectConfig": {"statusCode": "HTTP_301",}}'`,
  );
  const d = withCode(inChart('ingress.yaml', bad), 'alb-json-invalid');
  assert.ok(d.length >= 1);
  assert.equal(at(bad, d[0]).line.trim().startsWith('alb.ingress.kubernetes.io/actions.redirect'), true);
  assert.equal(d[0].range.start.character, at(bad, d[0]).line.indexOf(',}}') + 1);
  const templated = INGRESS(
    `    alb.ingress.kubernetes.io/actions.redirect: '{"type": "redirect", "redirectConfig": {{ toJson .Values.redirect }}}'`,
  );
  assert.deepEqual(
    inChart('ingress.yaml', templated).filter((x) => String(x.code).startsWith('alb-')),
    [],
  );
});

test('templated annotation values are unknown: no type, enum or range finding', () => {
  const text = INGRESS(
    [
      '    alb.ingress.kubernetes.io/scheme: {{ .Values.ingress.scheme }}',
      '    alb.ingress.kubernetes.io/healthcheck-interval-seconds: "{{ .Values.hc.interval }}"',
      "    alb.ingress.kubernetes.io/listen-ports: '{{ toJson .Values.ingress.ports }}'",
      '    alb.ingress.kubernetes.io/group.name: {{ .Values.group }}',
    ].join('\n'),
  );
  assert.deepEqual(inChart('ingress.yaml', text), []);
  // The same values written literally and wrong are reported.
  const literal = INGRESS('    alb.ingress.kubernetes.io/scheme: public\n    alb.ingress.kubernetes.io/healthcheck-interval-seconds: "1"');
  assert.equal(withCode(inChart('ingress.yaml', literal), 'alb-annotation-value').length, 2);
});

test('an annotation that reads another: no "missing action" when the template may inject annotations', () => {
  const base = (ann: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
${ann}
spec:
  ingressClassName: alb
  defaultBackend:
    service:
      name: redirect
      port:
        name: use-annotation
`;
  // Annotations injected by the template: the action may be among them.
  assert.deepEqual(
    withCode(
      inChart('ingress.yaml', base('    {{- toYaml .Values.ingress.annotations | nindent 4 }}')),
      'alb-use-annotation-missing-action',
    ),
    [],
  );
  // A literal annotations map without it: the controller answers 503 (reported on the port name).
  const text = base('    alb.ingress.kubernetes.io/scheme: internal');
  const d = withCode(inChart('ingress.yaml', text), 'alb-use-annotation-missing-action');
  assert.equal(d.length, 1);
  assert.equal(at(text, d[0]).covered, 'use-annotation');
});

test('no missing-field finding on an open node; still one where nothing can be injected', () => {
  // metadata.name comes from an include that writes the metadata.
  const injected = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  {{- include "web.metadata" . | nindent 2 }}\n';
  assert.deepEqual(inChart('sa.yaml', injected), []);
  // The whole header from a shared include: apiVersion may be there.
  const header = '{{- include "web.header" . }}\nkind: ServiceAccount\nmetadata:\n  name: sa\n';
  assert.deepEqual(inChart('sa.yaml', header), []);
  // Only control actions around it: nothing is injected, the name is missing.
  const missing =
    '{{- if .Values.serviceAccount.create }}\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  labels:\n    app: web\n{{- end }}\n';
  const d = withCode(inChart('sa.yaml', missing), 'missing-name');
  assert.equal(d.length, 1);
  assert.equal(at(missing, d[0]).line, '  labels:');
});

test('NetworkPolicy templates (ingress-nginx/cert-manager shape): templated ports and labels are not judged', () => {
  const text = `{{- if .Values.networkPolicy.enabled }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "web.fullname" . }}
  namespace: {{ .Release.Namespace }}
spec:
  podSelector:
    matchLabels:
      {{- include "web.selectorLabels" . | nindent 6 }}
      app.kubernetes.io/component: controller
  policyTypes:
    - Ingress
  ingress:
    - ports:
        - protocol: TCP
          port: {{ .Values.controller.ports.http }}
        - port: {{ .Values.metricsPortName }}
    {{- with .Values.networkPolicy.from }}
      from: {{ toYaml . | nindent 8 }}
    {{- end }}
{{- end }}
`;
  assert.deepEqual(inChart('networkpolicy.yaml', text, { 'chart/templates/deployment.yaml': DEPLOYMENT }), []);
  // Literal mistakes are still found.
  const wrong = text.replace('protocol: TCP', 'protocol: tcp');
  const d = withCode(inChart('networkpolicy.yaml', wrong), 'np-protocol');
  assert.equal(d.length, 1);
  assert.equal(at(wrong, d[0]).covered, 'tcp');
});

test('placeholders (${VAR}, <value>, REPLACE_ME) are unknown values in plain manifests too', () => {
  const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress
spec:
  podSelector: {}
  egress:
    - to:
        - ipBlock:
            cidr: \${VPC_CIDR}
        - ipBlock:
            cidr: <your-cidr>
      ports:
        - port: \${PORT}
`;
  const s = serviceWith({ 'np.yaml': text });
  assert.deepEqual(
    s.validate(uriOf('np.yaml')).filter((d) => d.severity! <= 2),
    [],
  );
  const wrong = text.replace('${VPC_CIDR}', '10.0.0.0/33');
  const d = withCode(serviceWith({ 'np.yaml': wrong }).validate(uriOf('np.yaml')), 'np-cidr-invalid');
  assert.equal(d.length, 1);
  assert.equal(at(wrong, d[0]).covered, '10.0.0.0/33');
});

test('*.yaml.tpl files (Terraform templatefile) are manifests with placeholders', () => {
  const text =
    'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      nodeClassRef:\n        group: eks.amazonaws.com\n        kind: NodeClass\n        name: ${node_class}\n      requirements:\n        - key: karpenter.sh/capacity-type\n          operator: In\n          values: ["on-demand"]\n';
  const s = serviceWith({ 'terraform/nodepool.yaml.tpl': text });
  assert.deepEqual(
    s.validate(uriOf('terraform/nodepool.yaml.tpl')).filter((d) => d.severity! <= 2),
    [],
  );
  const removed = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\nspec:\n  minAvailable: 1\n';
  assert.equal(withCode(serviceWith({ 'pdb.yml.tpl': removed }).validate(uriOf('pdb.yml.tpl')), 'api-removed').length, 1);
});

test('_helpers.tpl and NOTES.txt are not manifests', () => {
  const s = serviceWith({
    'chart/templates/_helpers.tpl': '{{- define "web.fullname" -}}\nkind: Deployment\n{{- end }}\n',
    'chart/templates/NOTES.txt': 'kind: not yaml {{ .Release.Name }}\n',
  });
  assert.deepEqual(s.validate(uriOf('chart/templates/_helpers.tpl')), []);
  assert.deepEqual(s.validate(uriOf('chart/templates/NOTES.txt')), []);
});

test('a finding on a key whose value a template writes is dropped (`from:` then `{{- toYaml . | nindent 8 }}`)', () => {
  // The shape of prometheus-pushgateway's networkpolicy.yaml.
  const text = `{{- if .Values.networkPolicy }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ template "web.fullname" . }}
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
    - ports:
        - port: 9091
      {{- with .Values.networkPolicy.customSelectors }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
`;
  assert.deepEqual(inChart('networkpolicy.yaml', text), []);
  // Nothing written under it: an empty from allows everything (information, on the key).
  const empty = text.replace('        {{- toYaml . | nindent 8 }}\n', '');
  const d = withCode(inChart('networkpolicy.yaml', empty), 'np-empty-from');
  assert.equal(d.length, 1);
  assert.equal(at(empty, d[0]).covered, 'from');
});

test('np-host-network: not for `hostNetwork: true` inside {{ if }} on a value (cert-manager webhook shape)', () => {
  const deploy = (host: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  selector:\n    matchLabels:\n      app: webhook\n  template:\n    metadata:\n      labels:\n        app: webhook\n    spec:\n${host}      containers:\n        - name: webhook\n          image: webhook:1\n`;
  const np =
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: webhook\nspec:\n  podSelector:\n    matchLabels:\n      app: webhook\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n';
  const gated = '      {{- if .Values.webhook.hostNetwork }}\n      hostNetwork: true\n      {{- end }}\n';
  assert.deepEqual(
    withCode(inChart('networkpolicy.yaml', np, { 'chart/templates/deployment.yaml': deploy(gated) }), 'np-host-network'),
    [],
  );
  const d = withCode(
    inChart('networkpolicy.yaml', np, { 'chart/templates/deployment.yaml': deploy('      hostNetwork: true\n') }),
    'np-host-network',
  );
  assert.equal(d.length, 1);
  assert.match(d[0].message, /Deployment \{\{…\}\} uses hostNetwork: true/);
});

// The ALB checks that conclude from an annotation being absent (a default listener, timeout, scheme, IdP):
// each fires on a literal chart Ingress, and is silent once the template may add annotations.
const ALB_INGRESS = (annotations: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
${annotations}
spec:
  ingressClassName: alb
  defaultBackend:
    service:
      name: web
      port:
        number: 80
`;
const INJECTED = '    {{- with .Values.ingress.annotations }}\n    {{- toYaml . | nindent 4 }}\n    {{- end }}';
const ALB_ABSENT_CASES: { code: string; annotations: string; at: string; source: string }[] = [
  {
    code: 'alb-ssl-redirect-no-https',
    annotations: "    alb.ingress.kubernetes.io/ssl-redirect: '443'",
    at: "'443'",
    source: 'model_builder.go buildSSLRedirectConfig: listen-ports may come from the values',
  },
  {
    code: 'alb-listener-tls',
    annotations: '    alb.ingress.kubernetes.io/listen-ports: \'[{"HTTPS": 443}]\'',
    at: 'alb.ingress.kubernetes.io/listen-ports',
    source: 'model_build_listener.go computeIngressExplicitTLSCertARNs: certificate-arn may come from the values',
  },
  {
    code: 'alb-health-check',
    annotations: "    alb.ingress.kubernetes.io/healthcheck-interval-seconds: '5'",
    at: "'5'",
    source: 'model_builder.go default timeout 5: healthcheck-timeout-seconds may come from the values',
  },
  {
    code: 'alb-auth',
    annotations:
      '    alb.ingress.kubernetes.io/listen-ports: \'[{"HTTPS": 443}]\'\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-west-2:123456789012:certificate/c1\n    alb.ingress.kubernetes.io/auth-type: cognito',
    at: 'cognito',
    source: 'model_build_actions.go buildAuthenticateCognitoAction: auth-idp-cognito may come from the values',
  },
  {
    code: 'alb-ip-address-type',
    annotations: '    alb.ingress.kubernetes.io/ip-address-type: dualstack-without-public-ipv4',
    at: 'dualstack-without-public-ipv4',
    source: 'model_build_load_balancer.go buildLoadBalancerScheme: scheme may come from the values',
  },
  {
    code: 'alb-frontend-nlb',
    annotations:
      "    alb.ingress.kubernetes.io/enable-frontend-nlb: 'true'\n    alb.ingress.kubernetes.io/frontend-nlb-eip-allocations: eipalloc-0123456789abcdef0",
    at: 'eipalloc-0123456789abcdef0',
    source: 'model_build_frontend_nlb.go validateEIPAllocations: frontend-nlb-scheme may come from the values',
  },
];
for (const c of ALB_ABSENT_CASES) {
  test(`${c.code}: fires on a literal chart Ingress, silent when the template may add the annotation it misses — ${c.source}`, () => {
    const literal = ALB_INGRESS(c.annotations);
    const d = withCode(inChart('ingress.yaml', literal), c.code);
    assert.equal(d.length, 1, `${c.code} on:\n${literal}`);
    assert.equal(at(literal, d[0]).covered, c.at);
    assert.deepEqual(withCode(inChart('ingress.yaml', ALB_INGRESS(`${c.annotations}\n${INJECTED}`)), c.code), []);
  });
}

test('alb-health-check: a templated timeout is unknown, not the default', () => {
  const text = ALB_INGRESS(
    "    alb.ingress.kubernetes.io/healthcheck-interval-seconds: '5'\n    alb.ingress.kubernetes.io/healthcheck-timeout-seconds: '{{ .Values.hc.timeout }}'",
  );
  assert.deepEqual(withCode(inChart('ingress.yaml', text), 'alb-health-check'), []);
});

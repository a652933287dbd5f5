/**
 * The schema engine, every class of finding firing on the wrong form and silent on the right one, with the
 * exact range (real parser, real service). Built-in facts: kubernetes/kubernetes api/openapi-spec/v3 (the
 * OpenAPI of each minor) and pkg/apis/core/validation/validation.go (container image, port ranges, name
 * formats); CRD facts: the CRD YAML in the test, as a user would keep it in the workspace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, serviceWith, uriOf, withCode } from '../../helpers/service';
import type { Diagnostic } from 'vscode-languageserver-types';

function deployment(container: string, spec = '  replicas: 2\n'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${spec}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
${container.replace(/^/gm, '        ')}
`;
}

const GOOD_CONTAINER = '- name: web\n  image: nginx:1.27\n  ports:\n    - containerPort: 80';

/** The text a diagnostic covers. */
function covered(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  if (d.range.start.line !== d.range.end.line) return lines[d.range.start.line].slice(d.range.start.character);
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

interface Case {
  name: string;
  text: string;
  code: string;
  at?: string;
  message?: RegExp;
  severity?: number;
  settings?: Record<string, unknown>;
}

const FIRING: Case[] = [
  {
    name: 'unknown field with did-you-mean (portz → ports)',
    text: deployment('- name: web\n  image: nginx\n  portz:\n    - containerPort: 80'),
    code: 'schema-unknown-field',
    at: 'portz',
    message: /^Unknown field "spec\.template\.spec\.containers\[0\]\.portz".*did you mean "ports"\?/,
  },
  {
    name: 'string where an integer goes (replicas: "three")',
    text: deployment(GOOD_CONTAINER, '  replicas: "three"\n'),
    code: 'schema-type',
    at: '"three"',
    message: /^spec\.replicas must be an integer/,
  },
  {
    name: 'quoted integer names the fix',
    text: deployment(GOOD_CONTAINER, '  replicas: "3"\n'),
    code: 'schema-type',
    at: '"3"',
    message: /remove the quotes: 3/,
  },
  {
    name: 'enum (imagePullPolicy: Sometimes)',
    text: deployment('- name: web\n  image: nginx\n  imagePullPolicy: Sometimes'),
    code: 'schema-enum',
    at: 'Sometimes',
    message: /Always, Never, IfNotPresent/,
  },
  {
    name: 'required (container without image)',
    text: deployment('- name: web\n  ports:\n    - containerPort: 80'),
    code: 'schema-required',
    at: 'name',
    message: /spec\.template\.spec\.containers\[0\] is missing the required field "image"/,
  },
  {
    name: 'duplicate container names (rejected: error)',
    text: deployment(`${GOOD_CONTAINER}\n- name: web\n  image: busybox`),
    code: 'schema-duplicate-key',
    at: 'web',
    message: /containers\[1\] repeats "web" of spec\.template\.spec\.containers\[0\]/,
    severity: 1,
  },
  {
    name: 'duplicate containerPort + protocol (protocol defaults to TCP; the API server only warns)',
    text: deployment('- name: web\n  image: nginx\n  ports:\n    - containerPort: 80\n    - containerPort: 80\n      protocol: TCP'),
    code: 'schema-duplicate-key',
    message: /containerPort=80, protocol=TCP/,
    severity: 2,
  },
  {
    name: 'range: containerPort above 65535 (IsValidPortNum)',
    text: deployment('- name: web\n  image: nginx\n  ports:\n    - containerPort: 70000'),
    code: 'schema-range',
    at: '70000',
  },
  {
    name: 'pattern: container name is a DNS-1123 label',
    text: deployment('- name: Web_1\n  image: nginx'),
    code: 'schema-pattern',
    at: 'Web_1',
  },
  {
    name: 'Service type enum with did-you-mean',
    text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancers\n  ports:\n    - port: 80\n',
    code: 'schema-enum',
    at: 'LoadBalancers',
    message: /did you mean "LoadBalancer"/,
  },
  {
    name: 'name format: Service names are DNS-1035 labels',
    text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports:\n    - port: 80\n',
    code: 'schema-name-format',
    at: '1web',
  },
  {
    name: 'name format: Deployment names are DNS-1123 subdomains',
    text: deployment(GOOD_CONTAINER).replace('name: web\nspec', 'name: Web\nspec'),
    code: 'schema-name-format',
    at: 'Web',
  },
  {
    name: 'list where an object goes',
    text: deployment(GOOD_CONTAINER).replace('  selector:\n    matchLabels:\n      app: web\n', '  selector:\n    - app\n'),
    code: 'schema-type',
    message: /^spec\.selector must be an object, not a list/,
  },
  {
    name: 'number where a string goes names the quote fix',
    text: deployment('- name: web\n  image: nginx\n  env:\n    - name: DEBUG\n      value: true'),
    code: 'schema-type',
    at: 'true',
    message: /quote it: "true"/,
  },
  {
    name: 'invalid quantity',
    text: deployment('- name: web\n  image: nginx\n  resources:\n    requests:\n      memory: 512MB'),
    code: 'schema-type',
    at: '512MB',
    message: /not a Kubernetes quantity/,
  },
  {
    name: 'Secret data that is not base64',
    text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: hunter2!\n',
    code: 'schema-type',
    at: 'hunter2!',
    message: /stringData/,
  },
  {
    name: 'a field the target version does not serve (PodSpec.resources is 1.32+)',
    text: deployment(GOOD_CONTAINER).replace(
      '      containers:',
      '      resources:\n        limits:\n          cpu: "1"\n      containers:',
    ),
    code: 'schema-field-not-in-version',
    at: 'resources',
    settings: { kubernetesVersion: '1.31' },
    message: /served from Kubernetes 1\.32 on; the target version is 1\.31/,
  },
];

for (const c of FIRING) {
  test(`fires: ${c.name}`, () => {
    const d = withCode(diagnose(c.text, c.settings as never), c.code);
    assert.equal(
      d.length,
      1,
      `expected one ${c.code}, got ${JSON.stringify(diagnose(c.text, c.settings as never).map((x) => [x.code, x.message]))}`,
    );
    if (c.at) assert.equal(covered(c.text, d[0]), c.at);
    if (c.message) assert.match(d[0].message, c.message);
    if (c.severity) assert.equal(d[0].severity, c.severity);
  });
}

const SILENT: { name: string; text: string; settings?: Record<string, unknown>; files?: Record<string, string> }[] = [
  { name: 'a correct Deployment', text: deployment(GOOD_CONTAINER) },
  {
    name: 'int-or-string accepts both (maxSurge 25% and 1)',
    text: deployment(GOOD_CONTAINER, '  strategy:\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 1\n'),
  },
  {
    name: 'the same field at a version that serves it (PodSpec.resources at 1.32)',
    text: deployment(GOOD_CONTAINER).replace(
      '      containers:',
      '      resources:\n        limits:\n          cpu: "1"\n      containers:',
    ),
    settings: { kubernetesVersion: '1.32' },
  },
  {
    name: 'Helm actions and placeholders are unknown values',
    text: deployment('- name: web\n  image: ${IMAGE}\n  imagePullPolicy: ${PULL_POLICY}', '  replicas: ${REPLICAS}\n'),
  },
  {
    name: 'the same port twice with different protocols',
    text: deployment(
      '- name: dns\n  image: coredns\n  ports:\n    - containerPort: 53\n      protocol: UDP\n    - containerPort: 53\n      protocol: TCP',
    ),
  },
  { name: 'status is not judged (the API server drops it)', text: deployment(GOOD_CONTAINER) + 'status:\n  replicas: "x"\n  bogus: 1\n' },
  {
    name: 'a Kustomize patch lacking the required fields',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          resources:\n            limits:\n              memory: 1Gi\n',
  },
  {
    name: 'a file a kustomization applies as a patch',
    text: deployment('- name: web\n  env:\n    - name: A\n      value: "1"'),
    files: {
      'kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - base.yaml\npatches:\n  - path: main.yaml\n',
    },
  },
  { name: 'strategic-merge directives', text: deployment('- name: web\n  image: nginx\n  $patch: replace') },
  { name: 'schemaValidation off', text: deployment('- name: web\n  portz: 1'), settings: { schemaValidation: false } },
  {
    name: "auto: files Red Hat's YAML extension validates with a Kubernetes schema",
    text: deployment('- name: web\n  portz: 1'),
    settings: { schemaSkipGlobs: ['*.yaml'] },
  },
  {
    name: 'labels and annotations are free-form maps',
    text: deployment(GOOD_CONTAINER).replace(
      '  name: web\nspec',
      '  name: web\n  labels:\n    anything.example.com/x: "y"\n  annotations:\n    alb.ingress.kubernetes.io/scheme: internal\nspec',
    ),
  },
  { name: 'an elided value in documentation', text: deployment('- name: web\n  image: nginx\n  env: ...') },
];

for (const c of SILENT) {
  test(`silent: ${c.name}`, () => {
    const d = diagnose(c.text, c.settings as never, c.files).filter((x) => String(x.code).startsWith('schema-'));
    assert.deepEqual(
      d.map((x) => `${x.code}: ${x.message}`),
      [],
    );
  });
}

test("one diagnostic per mistake: a label value that is a number is core's finding, not also a schema one", () => {
  const text = deployment(GOOD_CONTAINER).replace('      labels:\n        app: web', '      labels:\n        app: web\n        tier: 1');
  const d = diagnose(text);
  assert.deepEqual(
    d.map((x) => x.code),
    ['meta-value-not-string'],
  );
});

test('NodePool and NetworkPolicy are left to their domain modules (no schema findings)', () => {
  const np = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  bogus: 1\n';
  assert.equal(diagnose(np).filter((x) => String(x.code).startsWith('schema-')).length, 0);
});

test('unknown kinds: one hint per document, nothing else', () => {
  const d = diagnose('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: [1, 2]\n');
  assert.deepEqual(
    d.map((x) => [x.code, x.severity]),
    [['schema-unknown-kind', 4]],
  );
});

test('bundled CRD: an HTTPRoute backend weight below the minimum (Gateway API v1.5.0)', () => {
  const text = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
spec:
  parentRefs:
    - name: gw
  rules:
    - backendRefs:
        - name: web
          port: 80
          weight: -5
`;
  const d = withCode(diagnose(text), 'schema-range');
  assert.equal(d.length, 1);
  assert.equal(covered(text, d[0]), '-5');
  assert.match(d[0].message, /spec\.rules\[0\]\.backendRefs\[0\]\.weight must be at least 0/);
  assert.equal(withCode(diagnose(text.replace('-5', '10')), 'schema-range').length, 0);
});

test('bundled CRD: a version the CRD does not serve is a warning naming the served ones', () => {
  // (Gateway API kinds get the gateway module's own, more specific finding: engine/dedupe.ts keeps that one.)
  const d = withCode(
    diagnose('apiVersion: snapshot.storage.k8s.io/v1alpha1\nkind: VolumeSnapshot\nmetadata:\n  name: r\nspec: {}\n'),
    'schema-version-not-served',
  );
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 2);
  assert.match(d[0].message, /served: snapshot\.storage\.k8s\.io\/v1\)/);
});

// ───────────────────────── a CRD defined in the workspace, with CEL rules ─────────────────────────

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.example.com
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Backup, plural: backups, singular: backup, listKind: BackupList }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [schedule]
              x-kubernetes-validations:
                - rule: "self.keep >= self.minKeep"
                  message: "keep must be at least minKeep"
                - rule: "self.schedule == oldSelf.schedule"
                  message: "schedule is immutable"
                - rule: "quantity(self.size).isGreaterThan(quantity('1Gi'))"
                  message: "size must be above 1Gi"
                - rule: "!has(self.__namespace__) || self.__namespace__ != 'kube-system'"
                  message: "never back up kube-system"
              properties:
                schedule: { type: string, pattern: '^(@daily|@hourly|[0-9*, /-]+( [0-9*, /-]+){4})$' }
                keep: { type: integer, minimum: 1, maximum: 100 }
                minKeep: { type: integer, default: 3 }
                size: { x-kubernetes-int-or-string: true }
                namespace: { type: string }
                mode: { type: string, enum: [Full, Incremental] }
                targets:
                  type: array
                  x-kubernetes-list-type: map
                  x-kubernetes-list-map-keys: [name]
                  items:
                    type: object
                    required: [name]
                    properties:
                      name: { type: string }
                      path: { type: string }
                extra:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
    - name: v1alpha1
      served: false
      storage: false
`;

function backup(spec: string, apiVersion = 'example.com/v1'): string {
  return `apiVersion: ${apiVersion}\nkind: Backup\nmetadata:\n  name: nightly\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
}

const CR_FIRING: Case[] = [
  {
    name: 'CEL rule fails with its own message (minKeep defaults to 3)',
    text: backup('schedule: "@daily"\nkeep: 2'),
    code: 'schema-cel',
    at: 'spec',
    message: /^spec: keep must be at least minKeep$/,
  },
  {
    name: 'CEL rule over an escaped property name (__namespace__)',
    text: backup('schedule: "@daily"\nkeep: 5\nnamespace: kube-system'),
    code: 'schema-cel',
    message: /never back up kube-system/,
  },
  {
    name: 'unknown field in a custom resource',
    text: backup('schedule: "@daily"\nkeep: 5\nkeepp: 1'),
    code: 'schema-unknown-field',
    at: 'keepp',
    message: /did you mean "keep"/,
  },
  { name: 'pattern', text: backup('schedule: "every day"\nkeep: 5'), code: 'schema-pattern', at: '"every day"' },
  { name: 'maximum', text: backup('schedule: "@daily"\nkeep: 500'), code: 'schema-range', at: '500' },
  { name: 'enum', text: backup('schedule: "@daily"\nkeep: 5\nmode: Partial'), code: 'schema-enum', at: 'Partial' },
  {
    name: 'required (a list item without its key)',
    text: backup('schedule: "@daily"\nkeep: 5\ntargets:\n  - path: /data'),
    code: 'schema-required',
    at: 'path',
    message: /spec\.targets\[0\] is missing the required field "name"/,
  },
  {
    name: 'duplicate list-map key',
    text: backup('schedule: "@daily"\nkeep: 5\ntargets:\n  - name: db\n  - name: db'),
    code: 'schema-duplicate-key',
    message: /repeats "db"/,
    severity: 1,
  },
  { name: 'int-or-string rejects a list', text: backup('schedule: "@daily"\nkeep: 5\nsize: [1]'), code: 'schema-type' },
  {
    name: 'a version the workspace CRD does not serve',
    text: backup('schedule: "@daily"', 'example.com/v1alpha1'),
    code: 'schema-version-not-served',
    at: 'example.com/v1alpha1',
    severity: 1,
  },
];

for (const c of CR_FIRING) {
  test(`workspace CRD fires: ${c.name}`, () => {
    const s = serviceWith({ 'crd.yaml': CRD, 'main.yaml': c.text });
    const d = withCode(s.validate(uriOf('main.yaml')), c.code);
    assert.equal(d.length, 1, JSON.stringify(s.validate(uriOf('main.yaml')).map((x) => [x.code, x.message])));
    if (c.at) assert.equal(covered(c.text, d[0]), c.at);
    if (c.message) assert.match(d[0].message, c.message);
    if (c.severity) assert.equal(d[0].severity, c.severity);
  });
}

test('workspace CRD silent: a valid custom resource; oldSelf and Kubernetes-library rules are skipped; preserve-unknown-fields', () => {
  const text = backup(
    'schedule: "0 3 * * *"\nkeep: 5\nsize: 10Gi\nmode: Full\ntargets:\n  - name: db\n  - name: files\nextra:\n  anything: { goes: [1] }',
  );
  const s = serviceWith({ 'crd.yaml': CRD, 'main.yaml': text });
  assert.deepEqual(
    s.validate(uriOf('main.yaml')).map((x) => `${x.code}: ${x.message}`),
    [],
  );
});

test('workspace CRD silent: CEL rules are not evaluated over unknown values', () => {
  const s = serviceWith({ 'crd.yaml': CRD, 'main.yaml': backup('schedule: "@daily"\nkeep: ${KEEP}') });
  assert.equal(withCode(s.validate(uriOf('main.yaml')), 'schema-cel').length, 0);
});

test('a workspace CRD wins over the bundled one, and the hint goes once the CRD is in the workspace', () => {
  const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  mine: true\n';
  const own = CRD.replace(/example\.com/g, 'gateway.networking.k8s.io')
    .replace(/Backup/g, 'HTTPRoute')
    .replace(/backups?/g, 'httproutes')
    .replace('required: [schedule]', 'required: []')
    .replace(/ {16}schedule:[^]*?extra:\n/, '                mine: { type: boolean }\n                extra:\n');
  const withBundled = withCode(diagnose(route), 'schema-unknown-field');
  assert.equal(withBundled.length, 1);
  const s = serviceWith({ 'crd.yaml': own, 'main.yaml': route });
  assert.deepEqual(
    s
      .validate(uriOf('main.yaml'))
      .filter((x) => String(x.code).startsWith('schema-'))
      .map((x) => x.message),
    [],
  );
  const w = serviceWith({ 'main.yaml': backup('schedule: "@daily"\nkeep: 5') });
  assert.deepEqual(
    w.validate(uriOf('main.yaml')).map((x) => x.code),
    ['schema-unknown-kind'],
  );
  w.setFile(uriOf('crd.yaml'), CRD);
  assert.deepEqual(
    w.validate(uriOf('main.yaml')).map((x) => x.code),
    [],
  );
});

test('hostile shapes never throw: aliases, deep nesting, odd scalars', () => {
  const deep = 'a:\n' + Array.from({ length: 200 }, (_, i) => ' '.repeat(2 * (i + 1)) + 'b:').join('\n') + ' 1\n';
  const texts = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: &m\n  name: x\nspec: *m\n',
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  ${deep.replace(/\n/g, '\n  ')}`,
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: 5\nspec: [1, {a: 2}, null]\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers: {name: a}\n',
  ];
  for (const t of texts) diagnose(t);
});

test('a chart template that picks its kind in an if is not judged by either schema (kube-state-metrics)', () => {
  // prometheus-community/helm-charts charts/kube-state-metrics/templates/deployment.yaml: `kind: StatefulSet`
  // under `if .Values.autosharding.enabled`, `kind: Deployment` in its else, and `strategy:` (a Deployment
  // field) under `if not .Values.autosharding.enabled`. The first-branch reading pairs StatefulSet with strategy.
  const conditional = [
    'apiVersion: apps/v1',
    '{{- if .Values.sharded }}',
    'kind: StatefulSet',
    '{{- else }}',
    'kind: Deployment',
    '{{- end }}',
    'metadata:',
    '  name: ksm',
    'spec:',
    '  selector: {matchLabels: {app: ksm}}',
    '  {{- if not .Values.sharded }}',
    '  strategy:',
    '    type: RollingUpdate',
    '  {{- end }}',
    '  template:',
    '    metadata: {labels: {app: ksm}}',
    '    spec:',
    '      containers: [{name: ksm, image: ksm}]',
    '',
  ].join('\n');
  const files = {
    'charts/ksm/Chart.yaml': 'apiVersion: v2\nname: ksm\nversion: 1.0.0\n',
    'charts/ksm/templates/deployment.yaml': conditional,
  };
  const s = serviceWith(files);
  assert.deepEqual(
    s
      .validate(uriOf('charts/ksm/templates/deployment.yaml'))
      .filter((x) => String(x.code).startsWith('schema-'))
      .map((x) => x.code),
    [],
  );
  // The same template with its kind outside any condition is judged: StatefulSet has no strategy.
  const fixed = conditional.replace(
    '{{- if .Values.sharded }}\nkind: StatefulSet\n{{- else }}\nkind: Deployment\n{{- end }}',
    'kind: StatefulSet',
  );
  const d = serviceWith({ ...files, 'charts/ksm/templates/deployment.yaml': fixed }).validate(
    uriOf('charts/ksm/templates/deployment.yaml'),
  );
  const unknown = withCode(d, 'schema-unknown-field');
  assert.equal(unknown.length, 1, JSON.stringify(d.map((x) => [x.code, x.message])));
  assert.equal(
    fixed.split('\n')[unknown[0].range.start.line].slice(unknown[0].range.start.character, unknown[0].range.end.character),
    'strategy',
  );
});

test('a mistake under an anchor is reported once, at the anchor, however many aliases repeat it', () => {
  // Two containers share their ports through an alias: `containerPort: "http"` is wrong once in the text.
  const text = deployment(
    '- name: a\n  image: nginx\n  ports: &ports\n    - containerPort: "http"\n- name: b\n  image: nginx\n  ports: *ports',
  );
  const found = withCode(diagnose(text), 'schema-type');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(covered(text, found[0]), '"http"');
  assert.match(found[0].message, /containers\[0\]\.ports\[0\]\.containerPort/);
  // Silent when the anchored value is right.
  assert.deepEqual(withCode(diagnose(text.replace('"http"', '8080')), 'schema-type'), []);
});

/**
 * Findings that assume the workspace holds the whole cluster (issue 12): a warning only when the workspace
 * shows that part of the cluster (objects deployed together: same kustomization build, same chart, same folder
 * tree, and nothing deployed with them that creates objects we cannot see); otherwise information with the
 * reason, or nothing. Layouts modelled on course repositories (one folder per lesson), GitOps folders with
 * operators' custom resources, and Helm charts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { serviceWith, uriOf } from '../../helpers/service';

function diags(files: Record<string, string>, file: string, code: string): Diagnostic[] {
  const s = serviceWith(files);
  const d = s.validate(uriOf(file));
  assert.deepEqual(s.internalErrors, []);
  return d.filter((x) => x.code === code);
}
const covered = (text: string, d: Diagnostic) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);

const ingress = (svc: string, ns = 'shop', extra = '') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: ${ns}
  annotations:
    alb.ingress.kubernetes.io/scheme: internet-facing${extra}
spec:
  ingressClassName: alb
  defaultBackend:
    service:
      name: ${svc}
      port:
        number: 80
`;
const service = (name: string, ns = 'shop') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  ports:\n    - port: 80\n`;

test("alb-backend-service-missing: a warning when the Ingress's folder deploys the namespace's Services", () => {
  const ing = ingress('web-svc');
  const d = diags({ 'app/ingress.yaml': ing, 'app/service.yaml': service('web') }, 'app/ingress.yaml', 'alb-backend-service-missing');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 2);
  assert.equal(covered(ing, d[0]), 'web-svc');
  assert.deepEqual(
    diags({ 'app/ingress.yaml': ingress('web'), 'app/service.yaml': service('web') }, 'app/ingress.yaml', 'alb-backend-service-missing'),
    [],
  );
});

test("alb-backend-service-missing: information when the namespace's Services are deployed from another folder (a course lesson)", () => {
  const d = diags(
    { 'lesson1/ingress.yaml': ingress('web'), 'lesson2/service.yaml': service('api') },
    'lesson1/ingress.yaml',
    'alb-backend-service-missing',
  );
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 3);
  assert.match(d[0].message, /no Service of this namespace is deployed together with this Ingress/);
});

test("alb-backend-service-missing: information when an operator's custom resource in the namespace may create the Service (RayService)", () => {
  const ray = 'apiVersion: ray.io/v1\nkind: RayService\nmetadata:\n  name: llm\n  namespace: shop\nspec: {}\n';
  const d = diags(
    { 'app/ingress.yaml': ingress('llm-serve-svc'), 'app/service.yaml': service('web'), 'app/ray.yaml': ray },
    'app/ingress.yaml',
    'alb-backend-service-missing',
  );
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 3);
  assert.match(d[0].message, /RayService llm \(ray\.io\/v1\) is deployed with it/);
  // Custom resources that create no Services (a Certificate) do not make it uncertain.
  const cert = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: tls\n  namespace: shop\nspec: {}\n';
  assert.equal(
    diags(
      { 'app/ingress.yaml': ingress('llm-serve-svc'), 'app/service.yaml': service('web'), 'app/cert.yaml': cert },
      'app/ingress.yaml',
      'alb-backend-service-missing',
    )[0].severity,
    2,
  );
});

test('alb-backend-service-missing: information when the kustomization inflates Helm charts or pulls remote bases', () => {
  const files = (k: string) => ({
    'app/kustomization.yaml': k,
    'app/ingress.yaml': ingress('grafana'),
    'app/service.yaml': service('web'),
  });
  const helm = diags(
    files('resources: [ingress.yaml, service.yaml]\nhelmCharts:\n  - name: grafana\n    repo: https://grafana.github.io/helm-charts\n'),
    'app/ingress.yaml',
    'alb-backend-service-missing',
  );
  assert.equal(helm[0].severity, 3);
  assert.match(helm[0].message, /inflates Helm charts/);
  const remote = diags(
    files('resources:\n  - ingress.yaml\n  - service.yaml\n  - https://github.com/example/app//deploy?ref=v1\n'),
    'app/ingress.yaml',
    'alb-backend-service-missing',
  );
  assert.equal(remote[0].severity, 3);
  assert.match(remote[0].message, /includes remote resources/);
});

test("alb-backend-service-missing: kube-system holds the cluster's add-ons (information)", () => {
  const d = diags(
    { 'app/ingress.yaml': ingress('kubernetes-dashboard', 'kube-system'), 'app/service.yaml': service('oauth2-proxy', 'kube-system') },
    'app/ingress.yaml',
    'alb-backend-service-missing',
  );
  assert.equal(d[0].severity, 3);
});

test('alb-backend-service-missing: no finding when a chart Service deployed with the Ingress has a templated name', () => {
  const chart = {
    'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'chart/templates/service.yaml':
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\n  namespace: shop\nspec:\n  ports:\n    - port: 80\n',
    'chart/templates/other.yaml': service('other'),
    'chart/templates/ingress.yaml': ingress('web-web'),
  };
  assert.deepEqual(diags(chart, 'chart/templates/ingress.yaml', 'alb-backend-service-missing'), []);
});

test('alb-group-conflict: only between Ingresses deployed together', () => {
  const grouped = (scheme: string) =>
    ingress('web', 'shop', `\n    alb.ingress.kubernetes.io/group.name: shared\n    alb.ingress.kubernetes.io/scheme: ${scheme}`).replace(
      '    alb.ingress.kubernetes.io/scheme: internet-facing\n',
      '',
    );
  const a = grouped('internal');
  const b = grouped('internet-facing').replace('name: web\n  namespace', 'name: web2\n  namespace');
  // Two lessons of a course in different folders reuse a group name: not one IngressGroup.
  assert.deepEqual(diags({ 'lesson1/ingress.yaml': a, 'lesson2/ingress.yaml': b }, 'lesson1/ingress.yaml', 'alb-group-conflict'), []);
  // The same folder: one IngressGroup, the controller stops reconciling it.
  const same = diags({ 'app/a.yaml': a, 'app/b.yaml': b }, 'app/a.yaml', 'alb-group-conflict');
  assert.equal(same.length, 1);
  assert.equal(covered(a, same[0]), 'internal');
  // Different folders in one kustomization build.
  const k = {
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - ingress.yaml\n',
    'base/kustomization.yaml': 'resources: [ingress.yaml]\n',
    'base/ingress.yaml': a,
    'overlays/prod/ingress.yaml': b,
  };
  assert.equal(diags(k, 'base/ingress.yaml', 'alb-group-conflict').length, 1);
});

const np = (spec: string, ns = 'shop') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: ${ns}\nspec:\n${spec}`;
const deploy = (labels: string, ns = 'shop') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels:\n${labels}\n    spec:\n      containers:\n        - name: api\n          image: api:1\n`;
const namespaces = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: payments\n';

test('np-namespace-selector-no-match: a namespace named but not declared is normal; a label typo of managed Namespaces warns', () => {
  const peer = (sel: string) =>
    np(`  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              ${sel}\n`);
  const files = (sel: string) => ({ 'app/np.yaml': peer(sel), 'app/ns.yaml': namespaces });
  assert.deepEqual(diags(files('kubernetes.io/metadata.name: ingress-nginx'), 'app/np.yaml', 'np-namespace-selector-no-match'), []);
  const typo = diags(files('team: payment'), 'app/np.yaml', 'np-namespace-selector-no-match');
  assert.equal(typo.length, 1);
  assert.equal(typo[0].severity, 2);
  // A label no Namespace deployed with the policy uses: the Namespace may be created elsewhere.
  const other = diags(files('monitoring: enabled'), 'app/np.yaml', 'np-namespace-selector-no-match');
  assert.equal(other[0].severity, 3);
  assert.match(other[0].message, /may be created outside the workspace/);
});

test("np-pod-selector-no-match: warning for the policy's own workloads; nothing for chart Pods; information for Pods a HelmRelease installs", () => {
  const policy = np('  podSelector:\n    matchLabels:\n      app: apx\n');
  const own = diags({ 'app/np.yaml': policy, 'app/deploy.yaml': deploy('        app: api') }, 'app/np.yaml', 'np-pod-selector-no-match');
  assert.equal(own.length, 1);
  assert.equal(own[0].severity, 2);
  // Chart Pods whose labels come from a helper: they may carry any label.
  const chart = {
    'chart/Chart.yaml': 'apiVersion: v2\nname: a\nversion: 1.0.0\n',
    'chart/templates/np.yaml': policy,
    'chart/templates/deploy.yaml': deploy('        {{- include "a.selectorLabels" . | nindent 8 }}'),
  };
  assert.deepEqual(diags(chart, 'chart/templates/np.yaml', 'np-pod-selector-no-match'), []);
  // A Flux HelmRelease deployed with the policy installs Pods the workspace does not show.
  const release =
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: apx\n  namespace: shop\nspec:\n  chart:\n    spec:\n      chart: apx\n';
  const flux = diags(
    { 'app/np.yaml': policy, 'app/deploy.yaml': deploy('        app: api'), 'app/release.yaml': release },
    'app/np.yaml',
    'np-pod-selector-no-match',
  );
  assert.equal(flux[0].severity, 3);
  assert.match(flux[0].message, /HelmRelease apx/);
  // Workloads of the namespace only in another lesson's folder: information.
  const apart = diags(
    { 'lesson1/np.yaml': policy, 'lesson2/deploy.yaml': deploy('        app: api') },
    'lesson1/np.yaml',
    'np-pod-selector-no-match',
  );
  assert.equal(apart[0].severity, 3);
});

test('The Service-side healthcheck-protocol annotation is case-insensitive (the controller upper-cases it)', () => {
  // kubernetes-sigs/aws-load-balancer-controller pkg/service/model_build_target_group.go (225f44568):
  // switch strings.ToUpper(rawHealthCheckProtocol) { case TCP, HTTP, HTTPS }.
  const svc = (v: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: nlb\n  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol: ${v}\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 80\n`;
  for (const ok of ['http', 'HTTP', 'tcp', 'Https'])
    assert.deepEqual(diags({ 'svc.yaml': svc(ok) }, 'svc.yaml', 'alb-annotation-value'), [], ok);
  const d = diags({ 'svc.yaml': svc('udp') }, 'svc.yaml', 'alb-annotation-value');
  assert.equal(d.length, 1);
  assert.equal(covered(svc('udp'), d[0]), 'udp');
});

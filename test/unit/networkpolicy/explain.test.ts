/** The plain-language explanation on many policy shapes (the text a user reads on hover and in the command). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexWith, objectsIn } from '../../helpers/service';
import { explainNetworkPolicy } from '../../../server/src/service/networkpolicy/explain';

function explain(spec: string, meta = '  name: p\n  namespace: shop\n', extra: Record<string, string> = {}): string {
  const text = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n${meta}spec:\n${spec.replace(/^\n/, '')}`;
  const s = indexWith({ 'np.yaml': text, ...extra });
  const obj = objectsIn(s, 'np.yaml')[0];
  const md = explainNetworkPolicy(obj, s);
  assert.ok(md);
  return md.replace(/`/g, '');
}

test('the issue example: selected Pods, ingress from same-namespace Pods on one port, egress untouched', () => {
  const md = explain(
    '  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: web\n      ports:\n        - protocol: TCP\n          port: 8080\n',
  );
  assert.match(md, /Selects all Pods in shop with app=api\./);
  assert.match(md, /Ingress:\*\* only from Pods with app=web in the same namespace, TCP 8080\./);
  assert.match(md, /Egress:\*\* not restricted by this policy\./);
  assert.match(md, /Denied by isolation:\*\* any other incoming connection/);
});

test('default deny ingress', () => {
  const md = explain('  podSelector: {}\n  policyTypes: [Ingress]\n');
  assert.match(md, /Selects every Pod in shop\./);
  assert.match(md, /Ingress:\*\* all incoming traffic denied/);
  assert.match(md, /Egress:\*\* not restricted/);
});

test('default deny all (both directions), with the DNS reminder', () => {
  const md = explain('  podSelector: {}\n  policyTypes:\n    - Ingress\n    - Egress\n');
  assert.match(md, /Ingress:\*\* all incoming traffic denied/);
  assert.match(md, /Egress:\*\* all outgoing traffic denied/);
  assert.match(md, /incoming and outgoing connection/);
  assert.match(md, /cannot resolve DNS/);
});

test('allow-all ingress (`- {}`)', () => {
  const md = explain('  podSelector: {}\n  ingress:\n    - {}\n');
  assert.match(md, /Ingress:\*\* everything allowed/);
  assert.doesNotMatch(md, /Denied by isolation/);
});

test('AND (one peer with both selectors) vs OR (two peers)', () => {
  const and = explain(
    '  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: ops\n          podSelector:\n            matchLabels:\n              app: prom\n',
  );
  assert.match(and, /only from Pods with app=prom in namespaces with team=ops, any port\./);
  const or = explain(
    '  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: ops\n        - podSelector:\n            matchLabels:\n              app: prom\n',
  );
  assert.match(or, /only from every Pod in namespaces with team=ops or Pods with app=prom in the same namespace, any port\./);
});

test('namespaceSelector only, and `{}` (every namespace)', () => {
  assert.match(
    explain(
      '  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: monitoring\n',
    ),
    /from every Pod in namespaces with kubernetes.io\/metadata.name=monitoring/,
  );
  assert.match(
    explain('  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector: {}\n'),
    /from every Pod in every namespace/,
  );
});

test('ipBlock with except', () => {
  const md = explain(
    '  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n            except:\n              - 10.0.0.0/8\n              - 192.168.0.0/16\n      ports:\n        - port: 443\n',
  );
  assert.match(md, /only from IP range 0\.0\.0\.0\/0 except 10\.0\.0\.0\/8, 192\.168\.0\.0\/16, TCP 443\./);
});

test('named ports and UDP', () => {
  const md = explain(
    '  podSelector: {}\n  ingress:\n    - ports:\n        - port: metrics\n        - protocol: UDP\n          port: 5353\n',
  );
  assert.match(md, /only from anywhere, TCP named port metrics, UDP 5353\./);
});

test('port ranges with endPort, and a protocol without a port', () => {
  const md = explain(
    '  podSelector: {}\n  egress:\n    - ports:\n        - port: 32000\n          endPort: 32768\n        - protocol: SCTP\n',
  );
  assert.match(md, /Egress:\*\* only to anywhere, TCP 32000–32768, all SCTP ports\./);
});

test('egress-only policy (policyTypes: [Egress]) leaves ingress alone', () => {
  const md = explain(
    '  podSelector:\n    matchLabels:\n      app: batch\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n              app: db\n      ports:\n        - port: 5432\n',
  );
  assert.match(md, /Ingress:\*\* not restricted by this policy\./);
  assert.match(md, /Egress:\*\* only to Pods with app=db in the same namespace, TCP 5432\./);
  assert.match(md, /cannot resolve DNS/);
});

test('DNS egress to kube-dns (no DNS warning)', () => {
  const md = explain(
    '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: kube-system\n          podSelector:\n            matchLabels:\n              k8s-app: kube-dns\n      ports:\n        - protocol: UDP\n          port: 53\n        - protocol: TCP\n          port: 53\n',
  );
  assert.match(md, /to Pods with k8s-app=kube-dns in namespaces with kubernetes.io\/metadata.name=kube-system, UDP 53, TCP 53\./);
  assert.doesNotMatch(md, /cannot resolve DNS/);
});

test('both directions with several rules', () => {
  const md = explain(
    '  podSelector:\n    matchExpressions:\n      - key: tier\n        operator: In\n        values: [api, worker]\n      - key: canary\n        operator: DoesNotExist\n  policyTypes: [Ingress, Egress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: web\n    - from:\n        - ipBlock:\n            cidr: 10.0.0.0/16\n      ports:\n        - port: 8080\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n',
  );
  assert.match(md, /Selects all Pods in shop with tier in \(api, worker\) and no label canary\./);
  assert.match(
    md,
    /Ingress:\*\* only\n- from Pods with app=web in the same namespace, any port\n- from IP range 10\.0\.0\.0\/16, TCP 8080/,
  );
  assert.match(md, /Egress:\*\* only to IP range 10\.0\.0\.0\/8, any port\./);
});

test('egress rules ignored by policyTypes are called out; no namespace → "the namespace it is applied to"', () => {
  const md = explain(
    '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: []\n  egress:\n    - to:\n        - podSelector: {}\n',
    '  name: p\n',
  );
  assert.match(md, /every Pod in the namespace it is applied to/);
  assert.match(md, /its 1 egress rule is ignored because policyTypes leaves out Egress/);
});

test('`egress: []` without policyTypes does not isolate egress', () => {
  const md = explain('  podSelector: {}\n  egress: []\n');
  assert.match(md, /Egress:\*\* not restricted/);
});

test('workspace: lists the selected workloads and hostNetwork ones', () => {
  const ds =
    'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      hostNetwork: true\n      containers: [{name: a, image: a}]\n';
  const md = explain('  podSelector: {}\n', undefined, { 'ds.yaml': ds });
  assert.match(md, /In this workspace\*\* it selects DaemonSet shop\/agent\./);
  assert.match(md, /DaemonSet agent uses hostNetwork: true/);
});

test('not a NetworkPolicy → undefined', () => {
  const s = indexWith({ 'x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' });
  assert.equal(explainNetworkPolicy(objectsIn(s, 'x.yaml')[0], s), undefined);
});

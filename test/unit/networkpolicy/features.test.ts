/** NetworkPolicy completion, hover and snippets (through the real service). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { serviceWith, uriOf, codesOf } from '../../helpers/service';

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: api, tier: backend}
    spec:
      containers:
        - name: api
          ports:
            - {name: http, containerPort: 8080}
            - {name: grpc, containerPort: 9090}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: db, tier: data}
    spec:
      containers: [{name: db, ports: [{name: pg, containerPort: 5432}]}]
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: other
  labels: {app: debug}
spec:
  containers: [{name: d, image: d}]
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: commerce}
`;

/** Service with the workloads and a policy; `|` in the policy marks the cursor. */
function at(policy: string) {
  const idx = policy.indexOf('|');
  const text = policy.slice(0, idx) + policy.slice(idx + 1);
  const before = text.slice(0, idx);
  const position = { line: before.split('\n').length - 1, character: idx - (before.lastIndexOf('\n') + 1) };
  const s = serviceWith({ 'np.yaml': text, 'workloads.yaml': WORKLOADS });
  return { s, uri: uriOf('np.yaml'), position, text };
}

function labels(policy: string): string[] {
  const { s, uri, position } = at(policy);
  return (s.complete(uri, position)?.items ?? []).map((i) => i.label);
}

const HEAD = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n';

test('completion: spec fields, then nested fields by schema path', () => {
  assert.deepEqual(labels(HEAD + '  |\n').sort(), ['egress', 'ingress', 'podSelector', 'policyTypes']);
  assert.deepEqual(labels(HEAD + '  podSelector: {}\n  |\n').sort(), ['egress', 'ingress', 'policyTypes']);
  assert.deepEqual(labels(HEAD + '  ingress:\n    - from:\n        - |\n').sort(), ['ipBlock', 'namespaceSelector', 'podSelector']);
  assert.deepEqual(labels(HEAD + '  ingress:\n    - ports:\n        - |\n').sort(), ['endPort', 'port', 'protocol']);
  assert.deepEqual(labels(HEAD + '  podSelector:\n    |\n').sort(), ['matchExpressions', 'matchLabels']);
});

test('completion: nested fields insert their block, indented under the key', () => {
  const { s, uri, position } = at(HEAD + '  ingress:\n    - fr|\n');
  const items = s.complete(uri, position)!.items;
  assert.equal((items.find((i) => i.label === 'from')!.textEdit as { newText: string }).newText, 'from:\n        - ');
  assert.equal(items.find((i) => i.label === 'from')!.insertTextMode, 1);
  const top = at(HEAD + '  |\n');
  const list = top.s.complete(top.uri, top.position)!.items;
  assert.equal((list.find((i) => i.label === 'podSelector')!.textEdit as { newText: string }).newText, 'podSelector:\n    ');
});

test('completion: enum values (protocol, policyTypes, operator)', () => {
  assert.deepEqual(labels(HEAD + '  ingress:\n    - ports:\n        - protocol: |\n'), ['TCP', 'UDP', 'SCTP']);
  assert.deepEqual(labels(HEAD + '  policyTypes:\n    - |\n'), ['Ingress', 'Egress']);
  assert.deepEqual(labels(HEAD + '  policyTypes: [|]\n'), ['Ingress', 'Egress']);
  assert.deepEqual(labels(HEAD + '  podSelector:\n    matchExpressions:\n      - key: app\n        operator: |\n'), [
    'In',
    'NotIn',
    'Exists',
    'DoesNotExist',
  ]);
});

test('completion: pod label keys and values from workloads of the policy namespace', () => {
  const keys = labels(HEAD + '  podSelector:\n    matchLabels:\n      |\n');
  assert.deepEqual(keys.sort(), ['app', 'tier']); // `debug` lives in another namespace
  assert.deepEqual(labels(HEAD + '  podSelector:\n    matchLabels:\n      app: |\n').sort(), ['api', 'db']);
  assert.deepEqual(labels(HEAD + '  podSelector:\n    matchLabels:\n      tier: b|\n').sort(), ['backend', 'data']);
  // A peer podSelector next to a namespaceSelector reaches every namespace.
  assert.ok(
    labels(
      HEAD +
        '  ingress:\n    - from:\n        - namespaceSelector: {}\n          podSelector:\n            matchLabels:\n              app: |\n',
    ).includes('debug'),
  );
  // matchExpressions: key, then values for that key.
  assert.deepEqual(labels(HEAD + '  podSelector:\n    matchExpressions:\n      - key: |\n').sort(), ['app', 'tier']);
  assert.deepEqual(
    labels(
      HEAD + '  podSelector:\n    matchExpressions:\n      - key: tier\n        operator: In\n        values:\n          - |\n',
    ).sort(),
    ['backend', 'data'],
  );
  assert.deepEqual(
    labels(HEAD + '  podSelector:\n    matchExpressions:\n      - key: tier\n        operator: In\n        values: [|]\n').sort(),
    ['backend', 'data'],
  );
});

test('completion: namespace labels, including kubernetes.io/metadata.name', () => {
  const keys = labels(HEAD + '  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              |\n');
  assert.deepEqual(keys.sort(), ['kubernetes.io/metadata.name', 'team']);
  const names = labels(
    HEAD +
      '  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: |\n',
  );
  for (const n of ['shop', 'other', 'kube-system']) assert.ok(names.includes(n), n);
});

test('completion: named ports of the selected Pods (ingress) and of the namespace (egress)', () => {
  assert.deepEqual(
    labels(HEAD + '  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n    - ports:\n        - port: |\n').sort(),
    ['grpc', 'http'],
  );
  assert.deepEqual(labels(HEAD + '  podSelector: {}\n  egress:\n    - ports:\n        - port: |\n').sort(), ['grpc', 'http', 'pg']);
});

test('completion items replace the word being typed', () => {
  const { s, uri, position } = at(HEAD + '  podSelector:\n    matchLabels:\n      app: a|\n');
  const it = s.complete(uri, position)!.items.find((i) => i.label === 'api')!;
  const te = it.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
  assert.equal(te.range.start.character, 11);
  assert.equal(te.range.end.character, 12);
});

function hoverText(policy: string): string {
  const { s, uri, position } = at(policy);
  const h = s.hover(uri, position) as Hover | undefined;
  return h ? (h.contents as MarkupContent).value : '';
}

test('hover: kind and metadata.name explain the policy; fields show their docs', () => {
  const pol =
    'apiVersion: networking.k8s.io/v1\nkind: Network|Policy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: api\n';
  const h = hoverText(pol);
  assert.match(h, /Selects all Pods in `shop` with `app=api`/);
  assert.match(h, /In this workspace\*\* it selects `Deployment shop\/api`/);
  assert.match(
    hoverText('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p|x\nspec:\n  podSelector: {}\n'),
    /Selects every Pod/,
  );
  assert.match(hoverText(HEAD + '  policy|Types: [Ingress]\n'), /spec\.policyTypes.*\n\nWhich directions/);
  assert.match(
    hoverText(HEAD + '  ingress:\n    - from:\n        - ipBl|ock:\n            cidr: 10.0.0.0/8\n'),
    /spec\.ingress\[\]\.from\[\]\.ipBlock/,
  );
  assert.match(hoverText(HEAD + '  ingress:\n    - ports:\n        - end|Port: 90\n'), /Needs a numeric `port`/);
  assert.match(hoverText(HEAD + '  policyTypes: [Egr|ess]\n'), /Isolate outgoing traffic/);
  assert.match(hoverText(HEAD + '  podSelector:\n    matchLabels:\n      ap|p: api\n'), /1 workload in the workspace has this label value/);
});

test('definition: a selector leads to the workloads (Pod template labels) and Namespaces it matches', () => {
  const def = (policy: string) => {
    const { s, uri, position } = at(policy);
    return s.definition(uri, position);
  };
  const pods = def(HEAD + '  podSelector:\n    matchLabels:\n      ti|er: data\n');
  assert.equal(pods.length, 1);
  assert.equal(pods[0].uri, uriOf('workloads.yaml'));
  assert.equal(
    pods[0].range.start.line,
    WORKLOADS.split('\n').findIndex((l) => l.includes('tier: data}')),
  ); // StatefulSet db's template labels
  assert.equal(def(HEAD + '  podSel|ector: {}\n').length, 2); // every workload of `shop`
  const ns = def(HEAD + '  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              te|am: commerce\n');
  assert.equal(ns.length, 1);
  assert.equal(ns[0].range.start.line, WORKLOADS.split('\n').findIndex((l) => l.includes('team: commerce')) - 1); // Namespace shop's name
  assert.deepEqual(def(HEAD + '  policy|Types: [Ingress]\n'), []);
});

test('snippets: each body (placeholders at their defaults) parses and raises no diagnostics', () => {
  const file = path.join(__dirname, '..', '..', '..', 'snippets', 'networkpolicy.json');
  const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { prefix: string; body: string[] }>;
  const names = Object.keys(snippets);
  assert.equal(names.length, 5);
  for (const [name, sn] of Object.entries(snippets)) {
    const text = sn.body
      .join('\n')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\d+/g, '');
    const s = serviceWith({ 'snippet.yaml': text });
    const d = s.validate(uriOf('snippet.yaml')).filter((x) => x.code !== 'np-eks-enforcement');
    assert.deepEqual(codesOf(d), [], name);
    assert.equal(s.internalErrors.length, 0);
    assert.ok(sn.prefix.startsWith('np-'));
  }
});

/** NetworkPolicy diagnostics: every code fires on the wrong form and stays silent on the right one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { diagnose, withCode, codesOf } from '../helpers/service';

/** A NetworkPolicy with the given spec body (indented by two spaces under `spec:`). */
function np(spec: string, meta = '  name: p\n  namespace: shop\n'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n${meta}spec:\n${spec.replace(/^\n/, '')}`;
}

/** np- codes, without the EKS enforcement note (which every default-deny policy carries; tested on its own). */
function npCodes(d: Diagnostic[]): string[] {
  return codesOf(d).filter((c) => c.startsWith('np-') && c !== 'np-eks-enforcement');
}

/** Apply a diagnostic's quick fix (file-position edits) to the text. */
export function applyFix(text: string, d: Diagnostic, title?: RegExp): string {
  const fixes = (d.data as { fixes?: { title: string; edits: TextEdit[] }[] } | undefined)?.fixes ?? [];
  const fix = title ? fixes.find((f) => title.test(f.title)) : fixes[0];
  assert.ok(fix, `no fix${title ? ' ' + title : ''} on ${d.code}: ${JSON.stringify(fixes.map((f) => f.title))}`);
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const edits = [...fix.edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of edits) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

const GOOD = np(`
  podSelector:
    matchLabels:
      app: api
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: web
          podSelector:
            matchLabels:
              app: web
        - ipBlock:
            cidr: 10.0.0.0/16
            except: [10.0.1.0/24]
      ports:
        - protocol: TCP
          port: 8080
        - port: 30000
          endPort: 32767
        - protocol: UDP
          port: dns
  egress:
    - to:
        - ipBlock:
            cidr: 2001:db8::/32
            except: ["2001:db8:1::/48"]
      ports:
        - protocol: SCTP
          port: 9000
`);

test('a well-formed policy has no diagnostics at all', () => {
  assert.deepEqual(codesOf(diagnose(GOOD)), []);
});

test('podSelector: {} and other empty-selector forms raise nothing (no false positives)', () => {
  for (const spec of [
    '  podSelector: {}\n',
    '  podSelector: {}\n  policyTypes: [Ingress]\n',
    '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n',
    '  podSelector: {}\n  ingress:\n    - {}\n',
    '  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {}\n',
    '  podSelector: {}\n  egress:\n    - to:\n        - namespaceSelector: {}\n',
    '  podSelector:\n',
  ]) assert.deepEqual(npCodes(diagnose(np(spec))), [], spec);
});

test('np-schema-type / unknown-field / required / enum', () => {
  const d = diagnose(np(`
  podSelector:
    matchLabels: [app]
  policyTypes: [Ingress, Sideways]
  ingres: []
  ingress:
    - from:
        - ipBlock:
            except: [10.0.0.0/8]
        - podSelector:
            matchExpressions:
              - operator: In
                values: [a]
`));
  assert.equal(withCode(d, 'np-schema-type').length, 1);
  assert.match(withCode(d, 'np-schema-type')[0].message, /matchLabels must be an object/);
  assert.match(withCode(d, 'np-schema-unknown-field')[0].message, /did you mean "ingress"/);
  assert.deepEqual(withCode(d, 'np-schema-required').map((x) => /"(\w+)"/.exec(x.message)![1]).sort(), ['cidr', 'key']);
  assert.match(withCode(d, 'np-schema-enum')[0].message, /Sideways/);
  assert.deepEqual(npCodes(diagnose(GOOD)), []);
});

test('np-schema-range: more than two policyTypes', () => {
  assert.equal(withCode(diagnose(np('  podSelector: {}\n  policyTypes: [Ingress, Egress, Ingress]\n')), 'np-schema-range').length, 1);
  assert.equal(withCode(diagnose(np('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n')), 'np-schema-range').length, 0);
});

test('np-protocol: upper case only, with a fix', () => {
  const text = np('  podSelector: {}\n  ingress:\n    - ports:\n        - protocol: tcp\n          port: 80\n        - protocol: ICMP\n');
  const d = withCode(diagnose(text), 'np-protocol');
  assert.equal(d.length, 2);
  assert.equal(withCode(diagnose(applyFix(text, d[0])), 'np-protocol').length, 1);
  for (const p of ['TCP', 'UDP', 'SCTP']) assert.deepEqual(npCodes(diagnose(np(`  podSelector: {}\n  ingress:\n    - ports:\n        - protocol: ${p}\n`))), []);
});

test('np-port-range: ports 1–65535', () => {
  const d = diagnose(np('  podSelector: {}\n  ingress:\n    - ports:\n        - port: 0\n        - port: 70000\n        - port: 1\n          endPort: 65536\n'));
  assert.equal(withCode(d, 'np-port-range').length, 3);
  assert.deepEqual(npCodes(diagnose(np('  podSelector: {}\n  ingress:\n    - ports:\n        - port: 1\n        - port: 65535\n'))), []);
});

test('np-schema-pattern: named ports and quoted numbers', () => {
  const text = np('  podSelector: {}\n  ingress:\n    - ports:\n        - port: "8080"\n        - port: Http_Port\n        - port: a-very-long-port-name\n');
  const d = withCode(diagnose(text), 'np-schema-pattern');
  assert.equal(d.length, 3);
  assert.match(d[0].message, /without quotes/);
  assert.equal(withCode(diagnose(applyFix(text, d[0])), 'np-schema-pattern').length, 2);
  assert.deepEqual(npCodes(diagnose(np('  podSelector: {}\n  ingress:\n    - ports:\n        - port: http-alt\n        - port: metrics\n'))), []);
});

test('np-endport-needs-numeric-port and np-endport-less-than-port (with a swap fix)', () => {
  const d = diagnose(np('  podSelector: {}\n  ingress:\n    - ports:\n        - endPort: 90\n        - port: http\n          endPort: 90\n'));
  assert.equal(withCode(d, 'np-endport-needs-numeric-port').length, 2);
  const text = np('  podSelector: {}\n  ingress:\n    - ports:\n        - port: 9000\n          endPort: 8000\n');
  const lt = withCode(diagnose(text), 'np-endport-less-than-port');
  assert.equal(lt.length, 1);
  assert.deepEqual(npCodes(diagnose(applyFix(text, lt[0]))), []);
  assert.deepEqual(npCodes(diagnose(np('  podSelector: {}\n  ingress:\n    - ports:\n        - port: 8000\n          endPort: 8000\n'))), []);
});

test('np-cidr-invalid: v4 and v6, host bits as a warning with a fix', () => {
  const bad = ['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', '2001:db8::/129', '2001:db8:::1/64', 'fe80::1%eth0/64', 'not-an-ip/8'];
  for (const c of bad) {
    const d = withCode(diagnose(np(`  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: "${c}"\n`)), 'np-cidr-invalid');
    assert.equal(d.length, 1, c);
    assert.equal(d[0].severity, 1, c);
  }
  const text = np('  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.1.2.3/16\n');
  const host = withCode(diagnose(text), 'np-cidr-invalid');
  assert.equal(host[0].severity, 2);
  assert.match(applyFix(text, host[0]), /cidr: 10\.1\.0\.0\/16/);
  const v6 = np('  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: "2001:db8::1/32"\n');
  assert.match(applyFix(v6, withCode(diagnose(v6), 'np-cidr-invalid')[0]), /cidr: 2001:db8::\/32/);
  for (const c of ['0.0.0.0/0', '192.168.1.10/32', '::/0', '2001:db8::/32', '::ffff:10.0.0.0/104', 'fd00::/8']) {
    assert.deepEqual(npCodes(diagnose(np(`  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: "${c}"\n`))), [], c);
  }
  const ex = diagnose(np('  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n            except: [10.0.0.0/x]\n'));
  assert.equal(withCode(ex, 'np-cidr-invalid').length, 1);
});

test('np-except-outside-cidr: strict subset, same family', () => {
  const d = diagnose(np('  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.0.0.0/16\n            except: [10.1.0.0/24, 10.0.0.0/16, 10.0.0.0/8, "2001:db8::/64"]\n'));
  assert.equal(withCode(d, 'np-except-outside-cidr').length, 4);
  assert.deepEqual(npCodes(diagnose(np('  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n            except: [169.254.169.254/32, 10.0.0.0/8]\n'))), []);
});

test('np-ipblock-with-selector: ipBlock must stand alone', () => {
  const d = diagnose(np('  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n          podSelector: {}\n'));
  assert.equal(withCode(d, 'np-ipblock-with-selector').length, 1);
  assert.deepEqual(npCodes(diagnose(np('  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n        - podSelector: {}\n'))), []);
});

test('np-empty-peer: a from item with nothing in it', () => {
  const d = diagnose(np('  podSelector: {}\n  ingress:\n    - from:\n        - {}\n'));
  assert.equal(withCode(d, 'np-empty-peer').length, 1);
  assert.deepEqual(npCodes(diagnose(np('  podSelector: {}\n  ingress:\n    - {}\n'))), []);
});

test('np-selector-values: In/NotIn need values, Exists/DoesNotExist must not have them', () => {
  const d = diagnose(np('  podSelector:\n    matchExpressions:\n      - key: app\n        operator: In\n      - key: tier\n        operator: Exists\n        values: [x]\n      - key: env\n        operator: NotIn\n        values: []\n'));
  assert.equal(withCode(d, 'np-selector-values').length, 3);
  assert.deepEqual(npCodes(diagnose(np('  podSelector:\n    matchExpressions:\n      - key: app\n        operator: In\n        values: [a, b]\n      - key: tier\n        operator: DoesNotExist\n'))), []);
});

test('np-egress-ignored and np-ingress-ignored, with fixes that add the type', () => {
  const block = np('  podSelector: {}\n  policyTypes:\n    - Ingress\n  egress:\n    - to:\n        - podSelector: {}\n');
  const d = withCode(diagnose(block), 'np-egress-ignored');
  assert.equal(d.length, 1);
  const fixed = applyFix(block, d[0]);
  assert.match(fixed, /policyTypes:\n {4}- Ingress\n {4}- Egress\n/);
  assert.deepEqual(npCodes(diagnose(fixed)), []);

  const flow = np('  podSelector: {}\n  policyTypes: [Egress]\n  ingress:\n    - from:\n        - podSelector: {}\n');
  const i = withCode(diagnose(flow), 'np-ingress-ignored');
  assert.equal(i.length, 1);
  const fixedFlow = applyFix(flow, i[0]);
  assert.match(fixedFlow, /policyTypes: \[Egress, Ingress\]/);
  assert.deepEqual(npCodes(diagnose(fixedFlow)), []);
  // No policyTypes: egress rules turn Egress on by themselves.
  assert.deepEqual(npCodes(diagnose(np('  podSelector: {}\n  egress:\n    - to:\n        - podSelector: {}\n'))), []);
});

test('np-and-or-peers: OR form next to each other → information with a merge fix', () => {
  const text = np(`
  podSelector: {}
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: web
        - podSelector:
            matchLabels:
              app: web
`);
  const d = withCode(diagnose(text), 'np-and-or-peers');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 3);
  const merged = applyFix(text, d[0], /Merge/);
  assert.match(merged, / {8}- namespaceSelector:\n {12}matchLabels:\n {14}team: web\n {10}podSelector:\n/);
  // The merged (AND) form is a hint with the opposite fix, which gives back the original text.
  const and = withCode(diagnose(merged), 'np-and-or-peers');
  assert.equal(and.length, 1);
  assert.equal(and[0].severity, 4);
  assert.equal(applyFix(merged, and[0], /Split/), text);
  // Silent: a lone namespace peer, peers that are not the two selector kinds, and clearly intended ANDs.
  assert.deepEqual(npCodes(diagnose(np('  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: web\n        - ipBlock:\n            cidr: 10.0.0.0/8\n'))), []);
  assert.deepEqual(npCodes(diagnose(np('  podSelector: {}\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: kube-system\n          podSelector:\n            matchLabels:\n              k8s-app: kube-dns\n'))), []);
  assert.deepEqual(npCodes(diagnose(np('  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector: {}\n          podSelector:\n            matchLabels:\n              app: prometheus\n'))), []);
});

test('np-empty-from: `from: []` allows everything; `egress: []` without policyTypes denies nothing', () => {
  const text = np('  podSelector: {}\n  ingress:\n    - from: []\n      ports:\n        - port: 80\n');
  const d = withCode(diagnose(text), 'np-empty-from');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /allows every source/);
  const fixed = applyFix(text, d[0]);
  assert.match(fixed, /ingress:\n {4}- ports:\n/);
  assert.deepEqual(npCodes(diagnose(fixed)), []);
  const alone = np('  podSelector: {}\n  egress:\n    - to:\n');
  assert.match(applyFix(alone, withCode(diagnose(alone), 'np-empty-from')[0]), /egress:\n {4}- \{\}\n/);

  const eg = np('  podSelector: {}\n  egress: []\n');
  const e = withCode(diagnose(eg), 'np-empty-from');
  assert.equal(e.length, 1);
  const egFixed = applyFix(eg, e[0]);
  assert.match(egFixed, /policyTypes: \[Ingress, Egress\]\n {2}egress: \[\]/);
  assert.deepEqual(npCodes(diagnose(egFixed)), []);
  // Silent: a missing from, `ingress: []` (deny all ingress, policyTypes defaults to Ingress).
  assert.deepEqual(withCode(diagnose(np('  podSelector: {}\n  ingress:\n    - ports:\n        - port: 80\n')), 'np-empty-from'), []);
  assert.deepEqual(withCode(diagnose(np('  podSelector: {}\n  ingress: []\n')), 'np-empty-from'), []);
});

// --- workspace checks -----------------------------------------------------------------------------------------

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api, tier: backend}
    spec:
      containers:
        - name: api
          ports:
            - name: http
              containerPort: 8080
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: agent}
    spec:
      hostNetwork: true
      containers:
        - name: agent
          ports:
            - name: metrics
              containerPort: 9100
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: shop
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: report}
        spec:
          containers: [{name: r, image: r}]
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: shop}
---
apiVersion: v1
kind: Namespace
metadata:
  name: web
`;

function ws(text: string): Diagnostic[] {
  return diagnose(text, {}, { 'workloads.yaml': WORKLOADS });
}

test('np-pod-selector-no-match: only when the namespace has workloads; podSelector: {} never', () => {
  const d = ws(np('  podSelector:\n    matchLabels:\n      app: apx\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: nope\n'));
  assert.equal(withCode(d, 'np-pod-selector-no-match').length, 2);
  assert.deepEqual(withCode(ws(np('  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: report\n')), 'np-pod-selector-no-match'), []);
  assert.deepEqual(withCode(ws(np('  podSelector:\n    matchExpressions:\n      - {key: tier, operator: In, values: [backend]}\n')), 'np-pod-selector-no-match'), []);
  // Another namespace without workloads in the workspace: silent.
  assert.deepEqual(withCode(ws(np('  podSelector:\n    matchLabels:\n      app: apx\n', '  name: p\n  namespace: other\n')), 'np-pod-selector-no-match'), []);
  assert.deepEqual(withCode(ws(np('  podSelector: {}\n')), 'np-pod-selector-no-match'), []);
  // Template placeholders are filled in later: silent.
  assert.deepEqual(withCode(ws(np('  podSelector:\n    matchLabels:\n      app: "{{ .Values.app }}"\n')), 'np-pod-selector-no-match'), []);
  assert.deepEqual(withCode(ws(np('  podSelector:\n    matchLabels:\n      app: ${APP}\n')), 'np-pod-selector-no-match'), []);
  // No workloads at all: silent.
  assert.deepEqual(withCode(diagnose(np('  podSelector:\n    matchLabels:\n      app: apx\n')), 'np-pod-selector-no-match'), []);
});

test('np-namespace-selector-no-match: labels and kubernetes.io/metadata.name of the workspace Namespaces', () => {
  const peer = (sel: string) => np(`  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              ${sel}\n`);
  // The workspace's Namespaces (deployed with the policy) carry `team`: a value none has is a likely typo.
  assert.equal(withCode(ws(peer('team: nobody')), 'np-namespace-selector-no-match').length, 1);
  // A namespace chosen by name that the workspace does not declare is created elsewhere (ingress-nginx,
  // monitoring, kube-system installed by Helm): normal, no finding (issue 12).
  assert.deepEqual(withCode(ws(peer('kubernetes.io/metadata.name: nowhere')), 'np-namespace-selector-no-match'), []);
  for (const ok of ['team: shop', 'kubernetes.io/metadata.name: web', 'kubernetes.io/metadata.name: kube-system', 'kubernetes.io/metadata.name: shop']) {
    assert.deepEqual(withCode(ws(peer(ok)), 'np-namespace-selector-no-match'), [], ok);
  }
  // Without Namespace objects in the workspace: silent.
  assert.deepEqual(withCode(diagnose(peer('team: nobody')), 'np-namespace-selector-no-match'), []);
});

test('np-named-port-unknown: against the selected Pods (ingress) and the destination Pods (egress)', () => {
  const ing = ws(np('  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n    - ports:\n        - port: htp\n        - port: http\n'));
  const d = withCode(ing, 'np-named-port-unknown');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /"htp".*declared: http/);
  const eg = ws(np('  podSelector: {}\n  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n              app: agent\n      ports:\n        - port: metrics\n        - port: http\n'));
  assert.equal(withCode(eg, 'np-named-port-unknown').length, 1);
  // Destination unknown (ipBlock): silent.
  assert.deepEqual(withCode(ws(np('  podSelector: {}\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n      ports:\n        - port: anything\n')), 'np-named-port-unknown'), []);
});

test('np-host-network: once per policy when a selected workload uses hostNetwork', () => {
  const d = ws(np('  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {}\n'));
  assert.equal(withCode(d, 'np-host-network').length, 1);
  assert.match(withCode(d, 'np-host-network')[0].message, /DaemonSet shop\/agent/);
  assert.deepEqual(withCode(ws(np('  podSelector:\n    matchLabels:\n      app: api\n')), 'np-host-network'), []);
});

test('np-eks-enforcement: on default-deny policies only, quiet when the workspace enables the controller', () => {
  const deny = np('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');
  const d = withCode(diagnose(deny), 'np-eks-enforcement');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 3);
  assert.match(d[0].message, /ingress and egress/);
  const withNodeClass = diagnose(deny, {}, { 'nc.yaml': 'apiVersion: eks.amazonaws.com/v1\nkind: NodeClass\nmetadata:\n  name: default\nspec:\n  networkPolicy: DefaultDeny\n' });
  assert.match(withCode(withNodeClass, 'np-eks-enforcement')[0].message, /NodeClass default sets networkPolicy: DefaultDeny/);
  const enabled = { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: amazon-vpc-cni\n  namespace: kube-system\ndata:\n  enable-network-policy-controller: "true"\n' };
  assert.deepEqual(withCode(diagnose(deny, {}, enabled), 'np-eks-enforcement'), []);
  // Not default-deny: silent.
  assert.deepEqual(withCode(diagnose(np('  podSelector:\n    matchLabels: {app: api}\n  policyTypes: [Ingress]\n')), 'np-eks-enforcement'), []);
  assert.deepEqual(withCode(diagnose(np('  podSelector: {}\n  ingress:\n    - {}\n')), 'np-eks-enforcement'), []);
});

test('hostile input never throws', () => {
  for (const spec of [
    '  podSelector: 5\n  ingress: {a: 1}\n  egress: "x"\n',
    '  podSelector: &a {matchLabels: *a}\n',
    '  ingress:\n    - from: 7\n      ports: [1, [2], {port: [3]}]\n',
    '  ingress:\n    - from:\n        - ipBlock: 4\n        - ipBlock: {cidr: [1]}\n        - namespaceSelector: {matchExpressions: [{key: k, operator: In, values: 5}]}\n',
    '  policyTypes: Ingress\n  ingress: [null, ~, {from: [null]}]\n',
  ]) diagnose(np(spec));
});

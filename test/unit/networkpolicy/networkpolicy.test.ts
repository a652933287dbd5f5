/**
 * NetworkPolicy diagnostics: every code fires on the wrong form (at its exact range) and stays silent on the
 * right one, through the checkTable harness. The API rules follow kubernetes/kubernetes
 * pkg/apis/networking/validation/validation.go (ValidateNetworkPolicySpec and its helpers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { diagnose, withCode, codesOf } from '../../helpers/service';
import { checkTable } from '../../helpers/checkTable';

/** A NetworkPolicy with the given spec body (indented by two spaces under `spec:`). */
function np(spec: string, meta = '  name: p\n  namespace: shop\n'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n${meta}spec:\n${spec.replace(/^\n/, '')}`;
}

/** np- codes, without the EKS enforcement note and the DNS reminder (which many fixtures here carry; tested on their own). */
function npCodes(d: Diagnostic[]): string[] {
  return codesOf(d).filter((c) => c.startsWith('np-') && c !== 'np-eks-enforcement' && c !== 'np-egress-no-dns');
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
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
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
  ])
    assert.deepEqual(npCodes(diagnose(np(spec))), [], spec);
});

const VALIDATION = 'kubernetes/kubernetes pkg/apis/networking/validation/validation.go';
const ALL = '  podSelector: {}\n';
const ing = (rule: string) => np(`${ALL}  ingress:\n${rule}`);
const ports = (items: string) => ing(`    - ports:\n${items}`);
const from = (peers: string) => ing(`    - from:\n${peers}`);
const cidr = (c: string) => from(`        - ipBlock:\n            cidr: "${c}"\n`);
const SCHEMA_MIX = np(`
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
`);

checkTable('NetworkPolicy schema and API validation', [
  {
    code: 'np-schema-type',
    source: VALIDATION,
    fire: SCHEMA_MIX,
    at: '[app]',
    silent: GOOD,
    count: 1,
    message: /matchLabels must be an object/,
  },
  { code: 'np-schema-unknown-field', source: VALIDATION, fire: SCHEMA_MIX, at: 'ingres', silent: GOOD, message: /did you mean "ingress"/ },
  {
    code: 'np-schema-required',
    name: 'ipBlock.cidr',
    source: VALIDATION,
    fire: from('        - ipBlock:\n            except: [10.0.0.0/8]\n'),
    at: 'ipBlock',
    silent: GOOD,
    count: 1,
    message: /"cidr"/,
  },
  {
    code: 'np-schema-required',
    name: 'matchExpressions key',
    source: VALIDATION,
    fire: from('        - podSelector:\n            matchExpressions:\n              - operator: In\n                values: [a]\n'),
    at: 'operator: In\n                values: [a]\n',
    silent: GOOD,
    count: 1,
    message: /"key"/,
  },
  { code: 'np-schema-enum', source: VALIDATION, fire: SCHEMA_MIX, at: 'Sideways', silent: GOOD, message: /Sideways/ },
  {
    code: 'np-schema-range',
    name: 'at most two policyTypes',
    source: VALIDATION,
    fire: np(`${ALL}  policyTypes: [Ingress, Egress, Ingress]\n`),
    at: '[Ingress, Egress, Ingress]',
    silent: np(`${ALL}  policyTypes: [Ingress, Egress]\n`),
    count: 1,
  },
  {
    code: 'np-protocol',
    source: VALIDATION,
    fire: ports('        - protocol: tcp\n          port: 80\n        - protocol: ICMP\n'),
    at: 'tcp',
    silent: ports('        - protocol: TCP\n        - protocol: UDP\n        - protocol: SCTP\n'),
    count: 2,
  },
  {
    code: 'np-port-range',
    source: VALIDATION,
    fire: ports('        - port: 0\n        - port: 70000\n        - port: 1\n          endPort: 65536\n'),
    at: '0',
    silent: ports('        - port: 1\n        - port: 65535\n'),
    count: 3,
  },
  {
    code: 'np-schema-pattern',
    name: 'named ports (IANA_SVC_NAME)',
    source: VALIDATION,
    fire: ports('        - port: "8080"\n        - port: Http_Port\n        - port: a-very-long-port-name\n'),
    at: '"8080"',
    silent: ports('        - port: http-alt\n        - port: metrics\n'),
    count: 3,
    message: /without quotes/,
  },
  {
    code: 'np-endport-needs-numeric-port',
    source: VALIDATION,
    fire: ports('        - endPort: 90\n        - port: http\n          endPort: 90\n'),
    at: '90',
    silent: ports('        - port: 8000\n          endPort: 8000\n'),
    count: 2,
  },
  {
    code: 'np-endport-less-than-port',
    source: VALIDATION,
    fire: ports('        - port: 9000\n          endPort: 8000\n'),
    at: '8000',
    silent: ports('        - port: 8000\n          endPort: 8000\n'),
    count: 1,
  },
  ...['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', '2001:db8::/129', '2001:db8:::1/64', 'fe80::1%eth0/64', 'not-an-ip/8'].map((c) => ({
    code: 'np-cidr-invalid',
    name: c,
    source: VALIDATION,
    fire: cidr(c),
    at: `"${c}"`,
    silent: cidr('10.0.0.0/8'),
    count: 1,
    severity: 'error' as const,
  })),
  ...['0.0.0.0/0', '192.168.1.10/32', '::/0', '2001:db8::/32', 'fd00::/8'].map((c) => ({
    code: 'np-cidr-invalid',
    name: `${c} is valid`,
    source: VALIDATION,
    fire: cidr('10.0.0.0/'),
    at: '"10.0.0.0/"',
    silent: cidr(c),
  })),
  {
    code: 'np-cidr-invalid',
    name: 'host bits set: a warning',
    source: VALIDATION,
    fire: cidr('10.1.2.3/16'),
    at: '"10.1.2.3/16"',
    silent: cidr('10.1.0.0/16'),
    severity: 'warning',
  },
  // ipBlock.cidr is a legacy field: ValidateIPBlock → IsValidCIDRForLegacyField → ParseCIDRSloppy (leading zeros read as decimal,
  // a warning); with StrictIPCIDRValidation (beta, on by default from 1.36) parseCIDR rejects leading zeros, IPv4-mapped IPv6
  // and host bits (staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go). The VPC CNI agent parses with Go's
  // net.ParseCIDR (aws/aws-network-policy-agent pkg/fwruleprocessor/fw_rule_processor.go), which rejects leading zeros.
  {
    code: 'np-cidr-invalid',
    name: 'leading zero: the agent cannot parse it (1.34)',
    source: `${VALIDATION} ValidateIPBlock; aws/aws-network-policy-agent fw_rule_processor.go`,
    fire: cidr('10.0.0.01/8'),
    at: '"10.0.0.01/8"',
    silent: cidr('10.0.0.0/8'),
    severity: 'error',
    count: 1,
    message: /reads it as decimal \(10\.0\.0\.0\/8\) with a warning.*net\.ParseCIDR/,
  },
  {
    code: 'np-cidr-invalid',
    name: 'leading zero in the prefix (1.36: rejected)',
    source: 'staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go parseCIDR',
    settings: { kubernetesVersion: '1.36' },
    fire: cidr('10.0.0.0/08'),
    at: '"10.0.0.0/08"',
    silent: cidr('10.0.0.0/8'),
    severity: 'error',
    message: /rejects it/,
  },
  {
    code: 'np-cidr-invalid',
    name: 'IPv4-mapped IPv6 (1.34): a warning',
    source: 'staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go GetWarningsForCIDR',
    fire: cidr('::ffff:10.0.0.0/104'),
    at: '"::ffff:10.0.0.0/104"',
    silent: cidr('10.0.0.0/8'),
    severity: 'warning',
  },
  {
    code: 'np-cidr-invalid',
    name: 'IPv4-mapped IPv6 (1.36): rejected',
    source: 'kubernetes/website feature-gates/StrictIPCIDRValidation.md',
    settings: { kubernetesVersion: '1.36' },
    fire: cidr('::ffff:10.0.0.0/104'),
    at: '"::ffff:10.0.0.0/104"',
    silent: cidr('10.0.0.0/8'),
    severity: 'error',
  },
  {
    code: 'np-cidr-invalid',
    name: 'host bits set (1.36): rejected',
    source: 'staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go parseCIDR',
    settings: { kubernetesVersion: '1.36' },
    fire: cidr('10.1.2.3/16'),
    at: '"10.1.2.3/16"',
    silent: cidr('10.1.0.0/16'),
    severity: 'error',
  },
  {
    code: 'np-cidr-invalid',
    name: 'a placeholder is unknown',
    source: 'model/templates.ts',
    fire: cidr('10.0.0/8'),
    at: '"10.0.0/8"',
    silent: cidr('${VPC_CIDR}'),
  },
  {
    code: 'np-cidr-invalid',
    name: 'an except entry',
    source: VALIDATION,
    fire: from('        - ipBlock:\n            cidr: 10.0.0.0/8\n            except: [10.0.0.0/x]\n'),
    at: '10.0.0.0/x',
    silent: from('        - ipBlock:\n            cidr: 10.0.0.0/8\n            except: [10.0.0.0/16]\n'),
    count: 1,
  },
  {
    code: 'np-except-outside-cidr',
    source: VALIDATION,
    fire: from(
      '        - ipBlock:\n            cidr: 10.0.0.0/16\n            except: [10.1.0.0/24, 10.0.0.0/16, 10.0.0.0/8, "2001:db8::/64"]\n',
    ),
    at: '10.1.0.0/24',
    silent: from('        - ipBlock:\n            cidr: 0.0.0.0/0\n            except: [169.254.169.254/32, 10.0.0.0/8]\n'),
    count: 4,
  },
  {
    code: 'np-ipblock-with-selector',
    source: VALIDATION,
    fire: from('        - ipBlock:\n            cidr: 10.0.0.0/8\n          podSelector: {}\n'),
    at: 'ipBlock',
    silent: from('        - ipBlock:\n            cidr: 10.0.0.0/8\n        - podSelector: {}\n'),
    count: 1,
  },
  { code: 'np-empty-peer', source: VALIDATION, fire: from('        - {}\n'), at: '{}', silent: ing('    - {}\n'), count: 1 },
  {
    code: 'np-selector-values',
    source: 'kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation (ValidateLabelSelectorRequirement)',
    fire: np(
      '  podSelector:\n    matchExpressions:\n      - key: app\n        operator: In\n      - key: tier\n        operator: Exists\n        values: [x]\n      - key: env\n        operator: NotIn\n        values: []\n',
    ),
    at: 'In',
    silent: np(
      '  podSelector:\n    matchExpressions:\n      - key: app\n        operator: In\n        values: [a, b]\n      - key: tier\n        operator: DoesNotExist\n',
    ),
    count: 3,
  },
]);

const CONCEPT = 'kubernetes/website content/en/docs/concepts/services-networking/network-policies.md';

checkTable('NetworkPolicy semantics', [
  {
    code: 'np-egress-ignored',
    source: CONCEPT,
    fire: np(`${ALL}  policyTypes:\n    - Ingress\n  egress:\n    - to:\n        - podSelector: {}\n`),
    at: 'egress',
    silent: np(`${ALL}  policyTypes:\n    - Ingress\n    - Egress\n  egress:\n    - to:\n        - podSelector: {}\n`),
    count: 1,
  },
  {
    code: 'np-egress-ignored',
    name: 'no policyTypes: egress rules turn Egress on',
    source: CONCEPT,
    fire: np(`${ALL}  policyTypes: [Ingress]\n  egress:\n    - to:\n        - podSelector: {}\n`),
    at: 'egress',
    silent: np(`${ALL}  egress:\n    - to:\n        - podSelector: {}\n`),
  },
  {
    code: 'np-ingress-ignored',
    source: CONCEPT,
    fire: np(`${ALL}  policyTypes: [Egress]\n  ingress:\n    - from:\n        - podSelector: {}\n`),
    at: 'ingress',
    silent: np(`${ALL}  policyTypes: [Egress, Ingress]\n  ingress:\n    - from:\n        - podSelector: {}\n`),
    count: 1,
  },
  {
    code: 'np-and-or-peers',
    name: 'OR form: information',
    source: CONCEPT,
    fire: from(
      '        - namespaceSelector:\n            matchLabels:\n              team: web\n        - podSelector:\n            matchLabels:\n              app: web\n',
    ),
    at: 'podSelector:\n            matchLabels:\n              app: web\n',
    silent: from(
      '        - namespaceSelector:\n            matchLabels:\n              team: web\n        - ipBlock:\n            cidr: 10.0.0.0/8\n',
    ),
    count: 1,
    severity: 'info',
  },
  {
    code: 'np-and-or-peers',
    name: 'a namespace chosen by name is a clear AND',
    source: CONCEPT,
    fire: from(
      '        - namespaceSelector:\n            matchLabels:\n              team: web\n          podSelector:\n            matchLabels:\n              app: web\n',
    ),
    at: 'namespaceSelector:\n            matchLabels:\n              team: web\n          podSelector:\n            matchLabels:\n              app: web\n',
    silent: np(
      `${ALL}  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: kube-system\n          podSelector:\n            matchLabels:\n              k8s-app: kube-dns\n`,
    ),
    severity: 'hint',
  },
  {
    code: 'np-and-or-peers',
    name: 'namespaceSelector {} with a podSelector is a clear AND',
    source: CONCEPT,
    fire: from(
      '        - namespaceSelector:\n            matchLabels:\n              team: web\n          podSelector:\n            matchLabels:\n              app: prometheus\n',
    ),
    at: 'namespaceSelector:\n            matchLabels:\n              team: web\n          podSelector:\n            matchLabels:\n              app: prometheus\n',
    silent: from('        - namespaceSelector: {}\n          podSelector:\n            matchLabels:\n              app: prometheus\n'),
  },
  {
    code: 'np-empty-from',
    name: 'from: [] allows every source',
    source: CONCEPT,
    fire: ing('    - from: []\n      ports:\n        - port: 80\n'),
    at: 'from',
    silent: ing('    - ports:\n        - port: 80\n'),
    count: 1,
    message: /allows every source/,
  },
  {
    code: 'np-empty-from',
    name: 'egress: [] without policyTypes denies nothing',
    source: CONCEPT,
    fire: np(`${ALL}  egress: []\n`),
    at: 'egress',
    silent: np(`${ALL}  ingress: []\n`),
    count: 1,
  },
]);

test('np-protocol: the fix upper-cases the protocol', () => {
  const text = ports('        - protocol: tcp\n          port: 80\n        - protocol: ICMP\n');
  const d = withCode(diagnose(text), 'np-protocol');
  assert.equal(withCode(diagnose(applyFix(text, d[0])), 'np-protocol').length, 1);
});

test('np-schema-pattern: the fix unquotes a numeric port', () => {
  const text = ports('        - port: "8080"\n        - port: Http_Port\n        - port: a-very-long-port-name\n');
  const d = withCode(diagnose(text), 'np-schema-pattern');
  assert.equal(withCode(diagnose(applyFix(text, d[0])), 'np-schema-pattern').length, 2);
});

test('np-endport-less-than-port: the swap fix gives a valid range', () => {
  const text = ports('        - port: 9000\n          endPort: 8000\n');
  assert.deepEqual(npCodes(diagnose(applyFix(text, withCode(diagnose(text), 'np-endport-less-than-port')[0]))), []);
});

test('np-cidr-invalid: host bits set or a leading zero: the fix writes the network address (v4 and v6), keeping the quotes', () => {
  const text = np('  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.1.2.3/16\n');
  assert.match(applyFix(text, withCode(diagnose(text), 'np-cidr-invalid')[0]), /cidr: 10\.1\.0\.0\/16/);
  const v6 = cidr('2001:db8::1/32');
  assert.match(applyFix(v6, withCode(diagnose(v6), 'np-cidr-invalid')[0]), /cidr: "2001:db8::\/32"/);
  const zero = cidr('10.0.0.01/8');
  const fixed = applyFix(zero, withCode(diagnose(zero), 'np-cidr-invalid')[0]);
  assert.match(fixed, /cidr: "10\.0\.0\.0\/8"/);
  assert.deepEqual(npCodes(diagnose(fixed)), []);
});

test('np-egress-ignored and np-ingress-ignored: the fixes add the type (block and flow lists)', () => {
  const block = np('  podSelector: {}\n  policyTypes:\n    - Ingress\n  egress:\n    - to:\n        - podSelector: {}\n');
  const fixed = applyFix(block, withCode(diagnose(block), 'np-egress-ignored')[0]);
  assert.match(fixed, /policyTypes:\n {4}- Ingress\n {4}- Egress\n/);
  assert.deepEqual(npCodes(diagnose(fixed)), []);
  const flow = np('  podSelector: {}\n  policyTypes: [Egress]\n  ingress:\n    - from:\n        - podSelector: {}\n');
  const fixedFlow = applyFix(flow, withCode(diagnose(flow), 'np-ingress-ignored')[0]);
  assert.match(fixedFlow, /policyTypes: \[Egress, Ingress\]/);
  assert.deepEqual(npCodes(diagnose(fixedFlow)), []);
});

test('np-and-or-peers: merge (OR → AND) and split (AND → OR) fixes give back each other', () => {
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
  const merged = applyFix(text, withCode(diagnose(text), 'np-and-or-peers')[0], /Merge/);
  assert.match(merged, / {8}- namespaceSelector:\n {12}matchLabels:\n {14}team: web\n {10}podSelector:\n/);
  const and = withCode(diagnose(merged), 'np-and-or-peers');
  assert.equal(and.length, 1);
  assert.equal(and[0].severity, 4);
  assert.equal(applyFix(merged, and[0], /Split/), text);
});

test('np-empty-from: the fixes keep the meaning and clear the finding', () => {
  const text = np('  podSelector: {}\n  ingress:\n    - from: []\n      ports:\n        - port: 80\n');
  const fixed = applyFix(text, withCode(diagnose(text), 'np-empty-from')[0]);
  assert.match(fixed, /ingress:\n {4}- ports:\n/);
  assert.deepEqual(npCodes(diagnose(fixed)), []);
  const alone = np('  podSelector: {}\n  egress:\n    - to:\n');
  assert.match(applyFix(alone, withCode(diagnose(alone), 'np-empty-from')[0]), /egress:\n {4}- \{\}\n/);
  const eg = np('  podSelector: {}\n  egress: []\n');
  const egFixed = applyFix(eg, withCode(diagnose(eg), 'np-empty-from')[0]);
  assert.match(egFixed, /policyTypes: \[Ingress, Egress\]\n {2}egress: \[\]/);
  assert.deepEqual(npCodes(diagnose(egFixed)), []);
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

const W = { 'workloads.yaml': WORKLOADS };
const sel = (labels: string) => `  podSelector:\n    matchLabels:\n      ${labels}\n`;
const nsPeer = (s: string) => from(`        - namespaceSelector:\n            matchLabels:\n              ${s}\n`);

checkTable('NetworkPolicy against the workspace', [
  {
    code: 'np-pod-selector-no-match',
    name: 'policy and peer',
    source: CONCEPT,
    files: W,
    fire: np(`${sel('app: apx')}  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: nope\n`),
    at: 'matchLabels:\n      app: apx\n',
    silent: np(`${sel('app: api')}  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: report\n`),
    count: 2,
  },
  {
    code: 'np-pod-selector-no-match',
    name: 'matchExpressions',
    source: CONCEPT,
    files: W,
    fire: np(sel('app: apx')),
    at: 'matchLabels:\n      app: apx\n',
    silent: np('  podSelector:\n    matchExpressions:\n      - {key: tier, operator: In, values: [backend]}\n'),
  },
  {
    code: 'np-pod-selector-no-match',
    name: 'a namespace without workloads in the workspace',
    source: CONCEPT,
    files: W,
    fire: np(sel('app: apx')),
    at: 'matchLabels:\n      app: apx\n',
    silent: np(sel('app: apx'), '  name: p\n  namespace: other\n'),
  },
  {
    code: 'np-pod-selector-no-match',
    name: 'podSelector: {}',
    source: CONCEPT,
    files: W,
    fire: np(sel('app: apx')),
    at: 'matchLabels:\n      app: apx\n',
    silent: np(ALL),
  },
  {
    code: 'np-pod-selector-no-match',
    name: 'a Helm placeholder',
    source: CONCEPT,
    files: W,
    fire: np(sel('app: apx')),
    at: 'matchLabels:\n      app: apx\n',
    silent: np(sel('app: "{{ .Values.app }}"')),
  },
  {
    code: 'np-pod-selector-no-match',
    name: 'an envsubst placeholder',
    source: CONCEPT,
    files: W,
    fire: np(sel('app: apx')),
    at: 'matchLabels:\n      app: apx\n',
    silent: np(sel('app: ${APP}')),
  },
  // The workspace's Namespaces (deployed with the policy) carry `team`: a value none has is a likely typo.
  {
    code: 'np-namespace-selector-no-match',
    name: 'a label',
    source: CONCEPT,
    files: W,
    fire: nsPeer('team: nobody'),
    at: 'matchLabels:\n              team: nobody\n',
    silent: nsPeer('team: shop'),
    count: 1,
    severity: 'warning',
  },
  // A namespace chosen by name that the workspace does not declare is created elsewhere (ingress-nginx,
  // monitoring, kube-system installed by Helm): normal, no finding (issue 12).
  ...[
    'kubernetes.io/metadata.name: web',
    'kubernetes.io/metadata.name: kube-system',
    'kubernetes.io/metadata.name: shop',
    'kubernetes.io/metadata.name: nowhere',
  ].map((ok) => ({
    code: 'np-namespace-selector-no-match',
    name: ok,
    source: 'kubernetes/website content/en/docs/reference/labels-annotations-taints/_index.md (kubernetes.io/metadata.name)',
    files: W,
    fire: nsPeer('team: nobody'),
    at: 'matchLabels:\n              team: nobody\n',
    silent: nsPeer(ok),
    count: 1,
  })),
  {
    code: 'np-named-port-unknown',
    name: 'ingress: the selected Pods',
    source: CONCEPT,
    files: W,
    fire: np(`${sel('app: api')}  ingress:\n    - ports:\n        - port: htp\n        - port: http\n`),
    at: 'htp',
    silent: np(`${sel('app: api')}  ingress:\n    - ports:\n        - port: http\n`),
    count: 1,
    message: /"htp".*declared: http/,
  },
  {
    code: 'np-named-port-unknown',
    name: 'egress: the destination Pods',
    source: CONCEPT,
    files: W,
    fire: np(
      `${ALL}  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n              app: agent\n      ports:\n        - port: metrics\n        - port: http\n`,
    ),
    at: 'http',
    silent: np(
      `${ALL}  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n              app: agent\n      ports:\n        - port: metrics\n`,
    ),
    count: 1,
  },
  {
    code: 'np-host-network',
    source: 'kubernetes/website network-policies.md (hostNetwork Pods)',
    files: W,
    fire: ing('    - from:\n        - podSelector: {}\n'),
    at: '{}',
    silent: np(sel('app: api')),
    count: 1,
    message: /DaemonSet shop\/agent/,
  },
]);

test('np-pod-selector-no-match and np-namespace-selector-no-match: silent when the workspace holds no workloads or Namespaces', () => {
  assert.deepEqual(withCode(diagnose(np(sel('app: apx'))), 'np-pod-selector-no-match'), []);
  assert.deepEqual(withCode(diagnose(nsPeer('team: nobody')), 'np-namespace-selector-no-match'), []);
});

const DENY = np('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');
const ENFORCEMENT = 'EKS user guide cni-network-policy-configure; auto-net-pol';

checkTable('EKS network policy enforcement note', [
  {
    code: 'np-eks-enforcement',
    name: 'default deny',
    source: ENFORCEMENT,
    fire: DENY,
    at: 'NetworkPolicy',
    silent: np('  podSelector:\n    matchLabels: {app: api}\n  policyTypes: [Ingress]\n'),
    count: 1,
    severity: 'info',
    message: /ingress and egress/,
  },
  { code: 'np-eks-enforcement', name: 'allow all', source: ENFORCEMENT, fire: DENY, at: 'NetworkPolicy', silent: ing('    - {}\n') },
  {
    code: 'np-eks-enforcement',
    name: 'the NodeClass setting is named',
    source: ENFORCEMENT,
    files: {
      'nc.yaml': 'apiVersion: eks.amazonaws.com/v1\nkind: NodeClass\nmetadata:\n  name: default\nspec:\n  networkPolicy: DefaultDeny\n',
    },
    fire: DENY,
    at: 'NetworkPolicy',
    silent: ing('    - {}\n'),
    message: /NodeClass default sets networkPolicy: DefaultDeny/,
  },
]);

const CONTROLLER = 'aws/amazon-network-policy-controller-k8s pkg/resolvers/endpoints.go';
const egressTo = (peers: string, ports: string) => np(`${ALL}  egress:\n    - to:\n${peers}      ports:\n${ports}`);
const DNS_RULE =
  '    - to:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: kube-system\n          podSelector:\n            matchLabels:\n              k8s-app: kube-dns\n      ports:\n        - protocol: UDP\n          port: 53\n        - protocol: TCP\n          port: 53\n';
const TO_DB = '    - to:\n        - podSelector:\n            matchLabels:\n              app: db\n      ports:\n        - port: 5432\n';
/** Another policy of namespace shop in the same file (deployed together). */
const DENY_IN = '---\n' + np(`${ALL}  policyTypes: [Ingress]\n`, '  name: deny-in\n  namespace: shop\n');
const KS = '  name: p\n  namespace: kube-system\n';
const manyPorts = (n: number) => Array.from({ length: n }, (_, i) => `        - port: ${8000 + i}\n`).join('');
const W_PROD = {
  'workloads.yaml':
    WORKLOADS +
    '---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: web\nspec:\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          ports:\n            - name: grpc\n              containerPort: 9090\n',
};

checkTable('NetworkPolicy on the VPC CNI', [
  // computeEgressEndpoints: "named ports excluded since there's no specific destination to resolve them against".
  {
    code: 'np-named-port-unknown',
    name: 'an egress rule to ipBlocks only',
    source: CONTROLLER,
    fire: egressTo('        - ipBlock:\n            cidr: 10.0.0.0/8\n', '        - port: https\n'),
    at: 'https',
    silent: egressTo('        - ipBlock:\n            cidr: 10.0.0.0/8\n', '        - port: 443\n'),
    count: 1,
    severity: 'warning',
  },
  // An AND peer reaches the selected Pods in the selected namespaces only.
  {
    code: 'np-named-port-unknown',
    name: 'an AND peer: only the Pods of the selected namespaces',
    source: `${CONCEPT}; ${CONTROLLER} (resolvePeerNamespaces)`,
    files: W_PROD,
    fire: egressTo(
      '        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: shop\n          podSelector:\n            matchLabels:\n              app: api\n',
      '        - port: grpc\n',
    ),
    at: 'grpc',
    silent: egressTo(
      '        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: web\n          podSelector:\n            matchLabels:\n              app: api\n',
      '        - port: grpc\n',
    ),
    count: 1,
  },
  {
    code: 'np-vpc-cni-port-limit',
    source: 'aws/aws-network-policy-agent pkg/utils/utils.go (ComputeTrieValue: "supported maximum of 24")',
    fire: ing(`    - ports:\n${manyPorts(25)}`),
    at: 'ports',
    silent: ing(`    - ports:\n${manyPorts(24)}`),
    count: 1,
    severity: 'warning',
  },
  // Warning when the workspace shows it manages the namespace's policies (another one deployed with it).
  {
    code: 'np-egress-no-dns',
    name: 'egress rules without DNS',
    source: `${CONCEPT} (egress isolation); EKS user guide cni-network-policy`,
    fire: np(`${ALL}  egress:\n${TO_DB}`) + DENY_IN,
    at: 'egress',
    silent: np(`${ALL}  egress:\n${TO_DB}${DNS_RULE}`) + DENY_IN,
    count: 1,
    severity: 'warning',
  },
  // Alone, or beside policies of other namespaces only, a DNS policy may be applied apart (platform teams do): information.
  {
    code: 'np-egress-no-dns',
    name: 'the only policy of its namespace in the workspace',
    source: CONCEPT,
    fire: np(`${ALL}  egress:\n${TO_DB}`),
    at: 'egress',
    silent: np(`${ALL}  egress:\n${TO_DB}${DNS_RULE}`),
    count: 1,
    severity: 'info',
    message: /may not hold every policy of the namespace: no other policy of this namespace is deployed with it/,
  },
  {
    code: 'np-egress-no-dns',
    name: 'beside a policy of another namespace',
    source: CONCEPT,
    files: { 'other.yaml': np(`${ALL}  policyTypes: [Ingress]\n`, '  name: deny-in\n  namespace: web\n') },
    fire: np(`${ALL}  egress:\n${TO_DB}`),
    at: 'egress',
    silent: np(`${ALL}  egress:\n${TO_DB}${DNS_RULE}`),
    severity: 'info',
  },
  // Deployed with another policy, but in a namespace the cluster's add-ons also fill (their policies are not here).
  {
    code: 'np-egress-no-dns',
    name: 'kube-system',
    source: CONCEPT,
    fire:
      np(`${ALL}  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/16\n      ports:\n        - port: 5432\n`, KS) +
      '---\n' +
      np(`${ALL}  policyTypes: [Ingress]\n`, '  name: deny-in\n  namespace: kube-system\n'),
    at: 'egress',
    silent: np(`${ALL}  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/16\n`, KS),
    severity: 'info',
    message: /kube-system also holds/,
  },
  {
    code: 'np-egress-no-dns',
    name: 'another policy of the namespace opens DNS',
    source: CONCEPT,
    fire: np(`${ALL}  egress:\n${TO_DB}`),
    at: 'egress',
    silent:
      np(`${ALL}  egress:\n${TO_DB}`) +
      '---\n' +
      np(`${ALL}  policyTypes: [Egress]\n  egress:\n${DNS_RULE}`, '  name: allow-dns\n  namespace: shop\n'),
  },
  {
    code: 'np-egress-no-dns',
    name: 'all ports to any namespace',
    source: CONCEPT,
    fire: np(`${ALL}  egress:\n${TO_DB}`),
    at: 'egress',
    silent: np(`${ALL}  egress:\n${TO_DB}    - to:\n        - namespaceSelector: {}\n`),
  },
  {
    code: 'np-egress-no-dns',
    name: 'the dns named port',
    source: 'kubernetes/kubernetes cluster/addons/dns/coredns (container ports dns, dns-tcp)',
    fire: np(`${ALL}  egress:\n${TO_DB}`),
    at: 'egress',
    silent: np(`${ALL}  egress:\n${TO_DB}    - ports:\n        - protocol: UDP\n          port: dns\n`),
  },
  // Values filled in later may be the DNS ones: a placeholder namespace, port or protocol is not "no DNS".
  ...[
    'kubernetes.io/metadata.name: ${DNS_NS}\n      ports:\n        - protocol: UDP\n          port: 53\n',
    'kubernetes.io/metadata.name: kube-system\n      ports:\n        - protocol: UDP\n          port: "{{ .Values.dnsPort }}"\n',
    'kubernetes.io/metadata.name: kube-system\n      ports:\n        - protocol: <PROTOCOL>\n          port: 53\n',
  ].map((rule) => ({
    code: 'np-egress-no-dns',
    name: `placeholder: ${rule
      .split('\n')
      .find((l) => /\$\{|\{\{|</.test(l))!
      .trim()}`,
    source: 'guide: placeholders are unknown values',
    fire: np(`${ALL}  egress:\n${TO_DB}`),
    at: 'egress',
    silent: np(`${ALL}  egress:\n${TO_DB}    - to:\n        - namespaceSelector:\n            matchLabels:\n              ${rule}`),
  })),
  {
    code: 'np-egress-no-dns',
    name: 'a deny-all egress policy is left alone',
    source: CONCEPT,
    fire: np(`${ALL}  egress:\n${TO_DB}`),
    at: 'egress',
    silent: np(`${ALL}  policyTypes: [Egress]\n`),
  },
  {
    code: 'np-egress-no-dns',
    name: 'egress not isolated',
    source: CONCEPT,
    fire: np(`${ALL}  egress:\n${TO_DB}`),
    at: 'egress',
    silent: np(`${ALL}  policyTypes: [Ingress]\n  egress:\n${TO_DB}`),
  },
]);

test('np-egress-no-dns: the quick fix adds the kube-dns rule after the last one, keeps the YAML valid and clears the finding (either list indentation, CRLF)', () => {
  const check = (text: string, expect: RegExp) => {
    const d = withCode(diagnose(text), 'np-egress-no-dns');
    assert.equal(d.length, 1, text);
    const fixed = applyFix(text, d[0]);
    assert.match(fixed, expect);
    assert.deepEqual(
      codesOf(diagnose(fixed)).filter((c) => c.startsWith('np-') && c !== 'np-eks-enforcement'),
      [],
      fixed,
    );
    return fixed;
  };
  check(
    np(`${ALL}  egress:\n${TO_DB}`),
    /port: 5432\n {4}- to:\n {8}- namespaceSelector:\n {12}matchLabels:\n {14}kubernetes\.io\/metadata\.name: kube-system\n {10}podSelector:\n {12}matchLabels:\n {14}k8s-app: kube-dns\n {6}ports:\n {8}- protocol: UDP\n {10}port: 53\n {8}- protocol: TCP\n {10}port: 53\n$/,
  );
  // Sequences written without indentation under their key.
  check(
    np('  podSelector: {}\n  egress:\n  - to:\n    - podSelector: {}\n    ports:\n    - port: 5432\n  policyTypes: [Egress]\n'),
    /port: 5432\n {2}- to:\n {6}- namespaceSelector:[\s\S]*\n {2}policyTypes: \[Egress\]\n$/,
  );
  const crlf = np(`${ALL}  egress:\n${TO_DB}`).replace(/\n/g, '\r\n');
  const fixed = check(crlf, /k8s-app: kube-dns\r\n/);
  assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/);
});

test('Explain says when egress allows no DNS, and names another policy that opens it', async () => {
  const { explainNetworkPolicy } = await import('../../../server/src/service/networkpolicy/explain');
  const { indexWith, objectsIn } = await import('../../helpers/service');
  const alone = indexWith({ 'a.yaml': np(`${ALL}  egress:\n${TO_DB}`) });
  assert.match(explainNetworkPolicy(objectsIn(alone, 'a.yaml')[0], alone)!, /\*\*DNS:\*\* no egress rule reaches the cluster DNS/);
  const both = indexWith({
    'a.yaml': np(`${ALL}  egress:\n${TO_DB}`),
    'b.yaml': np(`${ALL}  policyTypes: [Egress]\n  egress:\n${DNS_RULE}`, '  name: allow-dns\n  namespace: shop\n'),
  });
  assert.match(explainNetworkPolicy(objectsIn(both, 'a.yaml')[0], both)!, /NetworkPolicy `allow-dns` of the same namespace does/);
});

test('np-eks-enforcement: on Auto Mode the NodeClass networkPolicy step is optional (auto-net-pol.adoc, Step 3 "Optional")', () => {
  assert.match(withCode(diagnose(DENY), 'np-eks-enforcement')[0].message, /NodeClass networkPolicy setting is optional/);
});

test('np-eks-enforcement: quiet when the workspace enables the network policy controller', () => {
  const enabled = {
    'cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: amazon-vpc-cni\n  namespace: kube-system\ndata:\n  enable-network-policy-controller: "true"\n',
  };
  assert.deepEqual(withCode(diagnose(DENY, {}, enabled), 'np-eks-enforcement'), []);
});

test('hostile input never throws', () => {
  for (const spec of [
    '  podSelector: 5\n  ingress: {a: 1}\n  egress: "x"\n',
    '  podSelector: &a {matchLabels: *a}\n',
    '  ingress:\n    - from: 7\n      ports: [1, [2], {port: [3]}]\n',
    '  ingress:\n    - from:\n        - ipBlock: 4\n        - ipBlock: {cidr: [1]}\n        - namespaceSelector: {matchExpressions: [{key: k, operator: In, values: 5}]}\n',
    '  policyTypes: Ingress\n  ingress: [null, ~, {from: [null]}]\n',
    '  podSelector: {}\n  egress:\n    - ports: [{port: dns, protocol: 7}, {port: [53]}]\n      to: [{ipBlock: {cidr: 7}}, {namespaceSelector: {matchLabels: 5}}]\n',
    '  podSelector: {}\n  egress:\n    - to: [{ipBlock: {cidr: "10.0.0.01/8", except: ["010.0.0.0/16", 5]}}]\n      ports: [{port: https}]\n',
    `  podSelector: {}\n  egress:\n    - ports:\n${Array.from({ length: 40 }, (_, i) => `        - port: ${i % 2 ? 'x' : 1000 + i}\n`).join('')}`,
  ])
    diagnose(np(spec));
});

test('np-egress-no-dns: a flow list of rules gets the finding but no fix (no safe edit)', () => {
  const d = withCode(diagnose(np('  podSelector: {}\n  egress: [{to: [{podSelector: {}}], ports: [{port: 5432}]}]\n')), 'np-egress-no-dns');
  assert.equal(d.length, 1);
  assert.deepEqual((d[0].data as { fixes?: unknown[] } | undefined)?.fixes ?? [], []);
});

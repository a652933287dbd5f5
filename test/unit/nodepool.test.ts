/** NodePool / NodeClass local checks: each code firing on the wrong form and silent on the right one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, withCode, codesOf } from '../helpers/service';

const AUTO_REF = '      nodeClassRef:\n        group: eks.amazonaws.com\n        kind: NodeClass\n        name: default\n';
const AWS_REF = '      nodeClassRef:\n        group: karpenter.k8s.aws\n        kind: EC2NodeClass\n        name: default\n';

/** A valid Auto Mode NodePool; `reqs` replaces the requirements, `extraSpec` is added under template.spec, `tail` under spec. */
function pool(opts: { reqs?: string; extraSpec?: string; tail?: string; ref?: string; labels?: string } = {}): string {
  return 'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: general\nspec:\n  template:\n'
    + (opts.labels ? `    metadata:\n      labels:\n${opts.labels}` : '')
    + '    spec:\n' + (opts.ref ?? AUTO_REF)
    + '      requirements:\n' + (opts.reqs ?? '        - key: eks.amazonaws.com/instance-category\n          operator: In\n          values: ["c", "m", "r"]\n')
    + (opts.extraSpec ?? '')
    + (opts.tail ?? '');
}

function only(text: string, code: string) {
  const d = diagnose(text);
  return { all: d, hits: withCode(d, code) };
}

test('a complete Auto Mode NodePool and a self-managed one raise nothing', () => {
  const full = pool({
    reqs: '        - key: karpenter.sh/capacity-type\n          operator: In\n          values: ["spot", "on-demand"]\n        - key: eks.amazonaws.com/instance-generation\n          operator: Gt\n          values: ["4"]\n        - key: kubernetes.io/arch\n          operator: In\n          values: [amd64, arm64]\n          minValues: 1\n',
    extraSpec: '      expireAfter: 336h\n      terminationGracePeriod: 24h\n      taints:\n        - key: nvidia.com/gpu\n          effect: NoSchedule\n',
    tail: '  disruption:\n    consolidationPolicy: WhenEmptyOrUnderutilized\n    consolidateAfter: 30s\n    budgets:\n      - nodes: "10%"\n      - nodes: "0"\n        schedule: "0 9 * * mon-fri"\n        duration: 8h\n        reasons: [Drifted, Underutilized]\n  limits:\n    cpu: 1000\n    memory: 1000Gi\n  weight: 50\n',
  });
  assert.deepEqual(diagnose(full), []);
  assert.deepEqual(diagnose(pool({ ref: AWS_REF, reqs: '        - key: karpenter.k8s.aws/instance-category\n          operator: In\n          values: ["c"]\n' })), []);
});

test('nodepool-schema-pattern: durations, budget nodes/schedule/duration, label values, quantities', () => {
  const cases: [string, RegExp][] = [
    [pool({ extraSpec: '      expireAfter: 30d\n' }), /expireAfter "30d"/],
    [pool({ extraSpec: '      terminationGracePeriod: Never\n' }), /terminationGracePeriod "Never"/],
    [pool({ tail: '  disruption:\n    consolidateAfter: 5 minutes\n' }), /consolidateAfter/],
    [pool({ tail: '  disruption:\n    budgets:\n      - nodes: "110%"\n' }), /nodes "110%"/],
    [pool({ tail: '  disruption:\n    budgets:\n      - nodes: "1"\n        schedule: "9am"\n        duration: 8h\n' }), /schedule "9am"/],
    [pool({ tail: '  disruption:\n    budgets:\n      - nodes: "1"\n        schedule: "@daily"\n        duration: 30s\n' }), /duration "30s"/],
    [pool({ reqs: '        - key: topology.kubernetes.io/zone\n          operator: In\n          values: ["us west 2a"]\n' }), /values\[0\]/],
    [pool({ tail: '  limits:\n    cpu: lots\n' }), /quantity/],
  ];
  for (const [text, msg] of cases) {
    const hits = withCode(diagnose(text), 'nodepool-schema-pattern');
    assert.equal(hits.length, 1, text);
    assert.match(hits[0].message, msg);
    assert.equal(hits[0].severity, 1);
  }
  // placeholders are left alone
  assert.deepEqual(withCode(diagnose(pool({ reqs: '        - key: topology.kubernetes.io/zone\n          operator: In\n          values: ["<<AZ>>"]\n' })), 'nodepool-schema-pattern'), []);
});

test('nodepool-schema-enum: operator, consolidationPolicy, taint effect, budget reasons', () => {
  assert.equal(withCode(diagnose(pool({ reqs: '        - key: kubernetes.io/arch\n          operator: Equals\n          values: [amd64]\n' })), 'nodepool-schema-enum').length, 1);
  assert.equal(withCode(diagnose(pool({ tail: '  disruption:\n    consolidationPolicy: Always\n' })), 'nodepool-schema-enum').length, 1);
  assert.equal(withCode(diagnose(pool({ extraSpec: '      taints:\n        - key: a\n          effect: NoRun\n' })), 'nodepool-schema-enum').length, 1);
  assert.equal(withCode(diagnose(pool({ tail: '  disruption:\n    budgets:\n      - nodes: "1"\n        reasons: [Expired]\n' })), 'nodepool-schema-enum').length, 1);
  assert.deepEqual(withCode(diagnose(pool({ tail: '  disruption:\n    consolidationPolicy: WhenEmpty\n' })), 'nodepool-schema-enum'), []);
});

test('nodepool-schema-range: weight 1–100, minValues 1–50, at most 100 requirements', () => {
  assert.match(withCode(diagnose(pool({ tail: '  weight: 0\n' })), 'nodepool-schema-range')[0].message, /at least 1/);
  assert.match(withCode(diagnose(pool({ tail: '  weight: 101\n' })), 'nodepool-schema-range')[0].message, /at most 100/);
  assert.deepEqual(withCode(diagnose(pool({ tail: '  weight: 100\n' })), 'nodepool-schema-range'), []);
  const many = Array.from({ length: 101 }, (_, i) => `        - key: example.com/k${i}\n          operator: Exists\n`).join('');
  assert.match(withCode(diagnose(pool({ ref: AWS_REF, reqs: many })), 'nodepool-schema-range')[0].message, /101 items; at most 100/);
  const mv = (n: number) => pool({ reqs: `        - key: eks.amazonaws.com/instance-family\n          operator: In\n          values: [${Array.from({ length: 60 }, (_, i) => `f${i}`).join(', ')}]\n          minValues: ${n}\n` });
  assert.equal(withCode(diagnose(mv(51)), 'nodepool-schema-range').length, 1);
  assert.equal(withCode(diagnose(mv(0)), 'nodepool-schema-range').length, 1);
  assert.deepEqual(withCode(diagnose(mv(50)), 'nodepool-schema-range'), []);
});

test('nodepool-schema-required and -type: nodeClassRef fields, requirements, budget nodes, empty values', () => {
  const noKind = pool({ ref: '      nodeClassRef:\n        group: eks.amazonaws.com\n        name: default\n' });
  assert.match(withCode(diagnose(noKind), 'nodepool-schema-required')[0].message, /"kind"/);
  const empty = pool({ ref: '      nodeClassRef:\n        group: eks.amazonaws.com\n        kind: NodeClass\n        name: ""\n' });
  assert.match(withCode(diagnose(empty), 'nodepool-schema-required')[0].message, /name may not be empty/);
  const noReqs = 'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n' + AUTO_REF;
  assert.match(withCode(diagnose(noReqs), 'nodepool-schema-required')[0].message, /"requirements"/);
  assert.match(withCode(diagnose(pool({ tail: '  disruption:\n    budgets:\n      - reasons: [Empty]\n' })), 'nodepool-schema-required')[0].message, /"nodes"/);
  assert.equal(withCode(diagnose(pool({ tail: '  weight: "10"\n' })), 'nodepool-schema-type').length, 1);
  assert.deepEqual(withCode(diagnose(pool()), 'nodepool-schema-required'), []);
});

test('nodepool-schema-unknown-field: typos get a suggestion', () => {
  const d = withCode(diagnose(pool({ extraSpec: '      expireAftr: 336h\n' })), 'nodepool-schema-unknown-field');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /did you mean "expireAfter"/);
});

test('CEL: In needs values; Gt/Lt one non-negative integer; minValues <= values', () => {
  assert.equal(only(pool({ reqs: '        - key: kubernetes.io/arch\n          operator: In\n          values: []\n' }), 'nodepool-requirement-in-needs-values').hits.length, 1);
  assert.equal(only(pool({ reqs: '        - key: kubernetes.io/arch\n          operator: In\n' }), 'nodepool-requirement-in-needs-values').hits.length, 1);
  assert.equal(only(pool({ reqs: '        - key: kubernetes.io/arch\n          operator: Exists\n' }), 'nodepool-requirement-in-needs-values').hits.length, 0);
  for (const values of ['["4", "5"]', '["-1"]', '["four"]', '[]']) {
    assert.equal(only(pool({ reqs: `        - key: eks.amazonaws.com/instance-generation\n          operator: Gt\n          values: ${values}\n` }), 'nodepool-requirement-numeric-value').hits.length, 1, values);
  }
  assert.equal(only(pool({ reqs: '        - key: eks.amazonaws.com/instance-generation\n          operator: Lt\n          values: ["9"]\n' }), 'nodepool-requirement-numeric-value').hits.length, 0);
  assert.equal(only(pool({ reqs: '        - key: eks.amazonaws.com/instance-family\n          operator: In\n          values: [m5, m6i]\n          minValues: 3\n' }), 'nodepool-requirement-min-values').hits.length, 1);
  assert.equal(only(pool({ reqs: '        - key: eks.amazonaws.com/instance-family\n          operator: In\n          values: [m5, m6i, m7i]\n          minValues: 3\n' }), 'nodepool-requirement-min-values').hits.length, 0);
});

test('nodepool-restricted-label: karpenter.sh domain (except capacity-type), karpenter.sh/nodepool, kubernetes.io/hostname — in requirements and template labels', () => {
  for (const key of ['karpenter.sh/nodepool', 'kubernetes.io/hostname', 'karpenter.sh/custom', 'sub.karpenter.sh/x']) {
    assert.equal(only(pool({ reqs: `        - key: ${key}\n          operator: Exists\n` }), 'nodepool-restricted-label').hits.length, 1, key);
  }
  assert.equal(only(pool({ labels: '        karpenter.sh/nodepool: x\n' }), 'nodepool-restricted-label').hits.length, 1);
  assert.equal(only(pool({ labels: '        team: web\n', reqs: '        - key: karpenter.sh/capacity-type\n          operator: In\n          values: [spot]\n' }), 'nodepool-restricted-label').hits.length, 0);
});

test('nodepool-requirement-unknown-value: closed sets and number labels', () => {
  assert.equal(only(pool({ reqs: '        - key: kubernetes.io/arch\n          operator: In\n          values: [x86_64]\n' }), 'nodepool-requirement-unknown-value').hits.length, 1);
  assert.equal(only(pool({ reqs: '        - key: karpenter.sh/capacity-type\n          operator: In\n          values: [ondemand]\n' }), 'nodepool-requirement-unknown-value').hits.length, 1);
  assert.equal(only(pool({ reqs: '        - key: eks.amazonaws.com/instance-cpu\n          operator: In\n          values: ["4 cores"]\n' }), 'nodepool-requirement-unknown-value').hits.length, 1);
  assert.equal(only(pool({ reqs: '        - key: kubernetes.io/arch\n          operator: In\n          values: [arm64]\n' }), 'nodepool-requirement-unknown-value').hits.length, 0);
});

test('nodepool-budget-schedule-duration: one without the other', () => {
  assert.equal(only(pool({ tail: '  disruption:\n    budgets:\n      - nodes: "0"\n        schedule: "@daily"\n' }), 'nodepool-budget-schedule-duration').hits.length, 1);
  assert.equal(only(pool({ tail: '  disruption:\n    budgets:\n      - nodes: "0"\n        duration: 8h\n' }), 'nodepool-budget-schedule-duration').hits.length, 1);
  assert.equal(only(pool({ tail: '  disruption:\n    budgets:\n      - nodes: "0"\n        schedule: "@daily"\n        duration: 8h\n' }), 'nodepool-budget-schedule-duration').hits.length, 0);
});

test('nodepool-static-nodepool: weight and non-node limits with replicas', () => {
  const d = only(pool({ tail: '  replicas: 3\n  weight: 10\n  limits:\n    cpu: 100\n    nodes: 5\n' }), 'nodepool-static-nodepool').hits;
  assert.equal(d.length, 2);
  assert.equal(only(pool({ tail: '  replicas: 3\n  limits:\n    nodes: 5\n' }), 'nodepool-static-nodepool').hits.length, 0);
  assert.equal(only(pool({ tail: '  weight: 10\n  limits:\n    cpu: 100\n' }), 'nodepool-static-nodepool').hits.length, 0);
});

test('nodepool-auto-mode-karpenter-label: error with the eks.amazonaws.com replacement as a quick fix; silent outside Auto Mode', () => {
  const text = pool({ reqs: '        - key: karpenter.k8s.aws/instance-category\n          operator: In\n          values: ["c"]\n' });
  const d = withCode(diagnose(text), 'nodepool-auto-mode-karpenter-label');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 1);
  const fix = (d[0].data as { fixes: { title: string; edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.title, 'Use eks.amazonaws.com/instance-category');
  assert.equal(fix.edits[0].newText, 'eks.amazonaws.com/instance-category');
  const neg = withCode(diagnose(pool({ reqs: '        - key: karpenter.k8s.aws/instance-size\n          operator: NotIn\n          values: ["nano"]\n' })), 'nodepool-auto-mode-karpenter-label');
  assert.equal(neg[0].severity, 2);
  assert.deepEqual(withCode(diagnose(pool({ ref: AWS_REF, reqs: '        - key: karpenter.k8s.aws/instance-category\n          operator: In\n          values: ["c"]\n' })), 'nodepool-auto-mode-karpenter-label'), []);
});

test('nodepool-auto-mode-unsupported-label and nodepool-requirement-unknown-key', () => {
  assert.equal(only(pool({ reqs: '        - key: kubernetes.io/os\n          operator: In\n          values: [linux]\n' }), 'nodepool-auto-mode-unsupported-label').hits.length, 1);
  assert.equal(only(pool({ reqs: '        - key: node.kubernetes.io/windows-build\n          operator: Exists\n' }), 'nodepool-auto-mode-unsupported-label').hits.length, 1);
  assert.equal(only(pool({ ref: AWS_REF, reqs: '        - key: kubernetes.io/os\n          operator: In\n          values: [linux]\n' }), 'nodepool-auto-mode-unsupported-label').hits.length, 0);
  const typo = withCode(diagnose(pool({ reqs: '        - key: eks.amazonaws.com/instance-categroy\n          operator: In\n          values: [c]\n' })), 'nodepool-requirement-unknown-key');
  assert.equal(typo.length, 1);
  assert.match(typo[0].message, /did you mean "eks.amazonaws.com\/instance-category"/);
  assert.deepEqual(withCode(diagnose(pool()), 'nodepool-requirement-unknown-key'), []);
});

test('nodepool-expire-after-too-long: beyond 504h or Never in Auto Mode only', () => {
  for (const v of ['720h', 'Never', '505h', '500h300m']) {
    assert.equal(only(pool({ extraSpec: `      expireAfter: ${v}\n` }), 'nodepool-expire-after-too-long').hits.length, 1, v);
  }
  assert.equal(only(pool({ extraSpec: '      expireAfter: 504h\n' }), 'nodepool-expire-after-too-long').hits.length, 0);
  const fix = (only(pool({ extraSpec: '      expireAfter: Never\n' }), 'nodepool-expire-after-too-long').hits[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.edits[0].newText, '504h');
  assert.equal(only(pool({ ref: AWS_REF, extraSpec: '      expireAfter: 720h\n' }), 'nodepool-expire-after-too-long').hits.length, 0);
});

test('nodepool-tiny-instances-only: only nano/micro/small or 1 vCPU', () => {
  const fire = [
    '        - key: eks.amazonaws.com/instance-size\n          operator: In\n          values: [micro, small]\n',
    '        - key: node.kubernetes.io/instance-type\n          operator: In\n          values: [t3.small, t3.micro]\n',
    '        - key: eks.amazonaws.com/instance-cpu\n          operator: Lt\n          values: ["2"]\n',
    '        - key: eks.amazonaws.com/instance-cpu\n          operator: In\n          values: ["1"]\n',
  ];
  for (const reqs of fire) assert.equal(only(pool({ reqs }), 'nodepool-tiny-instances-only').hits.length, 1, reqs);
  assert.equal(only(pool({ reqs: '        - key: eks.amazonaws.com/instance-size\n          operator: In\n          values: [small, large]\n' }), 'nodepool-tiny-instances-only').hits.length, 0);
  assert.equal(only(pool({ reqs: '        - key: eks.amazonaws.com/instance-size\n          operator: NotIn\n          values: [nano, micro, small]\n' }), 'nodepool-tiny-instances-only').hits.length, 0);
});

const V1BETA1 = `apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata:
  name: default
spec:
  template:
    spec:
      nodeClassRef:
        apiVersion: karpenter.k8s.aws/v1beta1
        kind: EC2NodeClass
        name: default
      requirements:
        - key: karpenter.k8s.aws/instance-category
          operator: In
          values: ["c", "m"]
  disruption:
    consolidationPolicy: WhenUnderutilized
    expireAfter: 720h
`;

test('nodepool-v1beta1: one migration diagnostic with the moves, no schema noise; silent on v1', () => {
  const d = diagnose(V1BETA1);
  assert.deepEqual(codesOf(d), ['nodepool-v1beta1']);
  assert.match(d[0].message, /expireAfter to spec.template.spec.expireAfter/);
  assert.match(d[0].message, /WhenEmptyOrUnderutilized/);
  assert.match(d[0].message, /group/);
  const prov = diagnose('apiVersion: karpenter.sh/v1alpha5\nkind: Provisioner\nmetadata:\n  name: default\nspec:\n  ttlSecondsAfterEmpty: 30\n');
  assert.deepEqual(codesOf(prov), ['nodepool-v1beta1']);
  assert.match(prov[0].message, /Provisioner became NodePool/);
  assert.deepEqual(withCode(diagnose(pool()), 'nodepool-v1beta1'), []);
  // A v1-shaped NodePool with an old apiVersion (as in an AWS doc): only the apiVersion changes, with a quick fix.
  const oldVersion = diagnose(pool().replace('karpenter.sh/v1', 'karpenter.sh/v1alpha5'));
  assert.deepEqual(codesOf(oldVersion), ['nodepool-v1beta1']);
  assert.match(oldVersion[0].message, /already has the v1 shape/);
  assert.equal((oldVersion[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0].edits[0].newText, 'karpenter.sh/v1');
});

test('nodepool-v1beta1-leftover: v1beta1 shapes in a v1 NodePool get the leftover diagnostic instead of schema noise', () => {
  const text = V1BETA1.replace('karpenter.sh/v1beta1', 'karpenter.sh/v1').replace('karpenter.k8s.aws/instance-category', 'kubernetes.io/arch').replace('["c", "m"]', '[amd64]');
  const d = diagnose(text);
  assert.deepEqual(codesOf(d).sort(), ['nodepool-v1beta1-leftover', 'nodepool-v1beta1-leftover', 'nodepool-v1beta1-leftover']);
  const byMsg = (re: RegExp) => d.find((x) => re.test(x.message))!;
  assert.equal(byMsg(/drops it silently/).severity, 2);
  const pol = byMsg(/WhenUnderutilized/);
  assert.equal(pol.severity, 1);
  assert.equal((pol.data as { fixes: { edits: { newText: string }[] }[] }).fixes[0].edits[0].newText, 'WhenEmptyOrUnderutilized');
  const ref = byMsg(/nodeClassRef.apiVersion/);
  assert.equal((ref.data as { fixes: { edits: { newText: string }[] }[] }).fixes[0].edits[0].newText, 'group: karpenter.k8s.aws');
  const kubelet = diagnose(pool({ extraSpec: '      kubelet:\n        maxPods: 110\n' }));
  assert.deepEqual(codesOf(kubelet), ['nodepool-v1beta1-leftover']);
  assert.deepEqual(withCode(diagnose(pool()), 'nodepool-v1beta1-leftover'), []);
});

// ───────────────────────────── NodeClass ─────────────────────────────

const NODECLASS = `apiVersion: eks.amazonaws.com/v1
kind: NodeClass
metadata:
  name: private
spec:
  role: MyNodeRole
  subnetSelectorTerms:
    - tags:
        Name: private-subnet
    - id: subnet-0123456789abcdef0
  securityGroupSelectorTerms:
    - name: eks-cluster-sg
  snatPolicy: Random
  networkPolicy: DefaultDeny
  networkPolicyEventLogs: Enabled
  ephemeralStorage:
    size: 160Gi
    iops: 3000
    throughput: 125
  advancedNetworking:
    httpsProxy: http://192.0.2.4:3128
    noProxy: [localhost, .internal]
  certificateBundles:
    - name: corp
      data: LS0tLS1CRUdJTg==
  tags:
    team: platform
`;

test('a complete NodeClass raises nothing', () => {
  assert.deepEqual(diagnose(NODECLASS), []);
});

test('nodeclass-schema-*: required fields, enums, ephemeralStorage ranges, noProxy limit, unknown fields', () => {
  const noRole = diagnose(NODECLASS.replace('  role: MyNodeRole\n', ''));
  assert.deepEqual(codesOf(noRole), ['nodeclass-schema-required']);
  assert.equal(noRole[0].severity, 2);
  assert.equal(withCode(diagnose(NODECLASS.replace('snatPolicy: Random', 'snatPolicy: Enabled')), 'nodeclass-schema-enum').length, 1);
  assert.equal(withCode(diagnose(NODECLASS.replace('networkPolicy: DefaultDeny', 'networkPolicy: Deny')), 'nodeclass-schema-enum').length, 1);
  assert.match(withCode(diagnose(NODECLASS.replace('iops: 3000', 'iops: 20000')), 'nodeclass-schema-range')[0].message, /at most 16000/);
  assert.match(withCode(diagnose(NODECLASS.replace('iops: 3000', 'iops: 100')), 'nodeclass-schema-range')[0].message, /at least 3000/);
  assert.match(withCode(diagnose(NODECLASS.replace('throughput: 125', 'throughput: 2000')), 'nodeclass-schema-range')[0].message, /at most 1000/);
  const many = `[${Array.from({ length: 51 }, (_, i) => `h${i}.internal`).join(', ')}]`;
  assert.match(withCode(diagnose(NODECLASS.replace('[localhost, .internal]', many)), 'nodeclass-schema-range')[0].message, /51 items; at most 50/);
  assert.equal(withCode(diagnose(NODECLASS.replace('size: 160Gi', 'size: big')), 'nodeclass-schema-pattern').length, 1);
  const ami = withCode(diagnose(NODECLASS.replace('  tags:\n    team', '  amiFamily: AL2023\n  tags:\n    team')), 'nodeclass-schema-unknown-field');
  assert.equal(ami.length, 1);
  assert.match(ami[0].message, /EC2NodeClass field.*Auto Mode manages it/);
  assert.match(withCode(diagnose(NODECLASS.replace('  tags:\n    team', '  snatPolicyy: Random\n  tags:\n    team')), 'nodeclass-schema-unknown-field')[0].message, /did you mean "snatPolicy"/);
  assert.equal(withCode(diagnose(NODECLASS.replace('iops: 3000', 'iops: "3000"')), 'nodeclass-schema-type').length, 1);
});

test('nodeclass-selector-term: id combined with other fields, or an empty term', () => {
  const d = withCode(diagnose(NODECLASS.replace('    - id: subnet-0123456789abcdef0\n', '    - id: subnet-0123456789abcdef0\n      tags:\n        Name: x\n')), 'nodeclass-selector-term');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /cannot be combined with tags/);
  assert.equal(withCode(diagnose(NODECLASS.replace('    - name: eks-cluster-sg\n', '    - {}\n')), 'nodeclass-selector-term').length, 1);
});

test('nodeclass-reserved-tag and nodeclass-named-default', () => {
  assert.equal(withCode(diagnose(NODECLASS.replace('    team: platform', '    kubernetes.io/cluster/prod: owned')), 'nodeclass-reserved-tag').length, 1);
  assert.equal(withCode(diagnose(NODECLASS.replace('    team: platform', '    eks.amazonaws.com/nodeclass: x')), 'nodeclass-reserved-tag').length, 1);
  assert.equal(withCode(diagnose(NODECLASS.replace('name: private', 'name: default')), 'nodeclass-named-default').length, 1);
});

test('nodepool-v1beta1-leftover: the quick fix moves disruption.expireAfter to template.spec', async () => {
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const text = pool({ tail: '  disruption:\n    consolidationPolicy: WhenEmpty\n    expireAfter: 336h\n' });
  const d = withCode(diagnose(text), 'nodepool-v1beta1-leftover');
  assert.equal(d.length, 1);
  const fix = (d[0].data as { fixes: { title: string; edits: import('vscode-languageserver-types').TextEdit[] }[] }).fixes[0];
  assert.equal(fix.title, 'Move expireAfter to spec.template.spec');
  const fixed = TextDocument.applyEdits(TextDocument.create('file:///x.yaml', 'yaml', 1, text), fix.edits);
  assert.match(fixed, / {4}spec:\n {6}expireAfter: 336h\n {6}nodeClassRef:/);
  assert.doesNotMatch(fixed, / {4}expireAfter: 336h\n$/);
  assert.deepEqual(diagnose(fixed), []);
});

test('nodepool-duplicate-taint: a key/effect pair twice across taints and startupTaints', () => {
  const dup = pool({ extraSpec: '      taints:\n        - key: dedicated\n          value: gpu\n          effect: NoSchedule\n      startupTaints:\n        - key: dedicated\n          effect: NoSchedule\n' });
  const d = withCode(diagnose(dup), 'nodepool-duplicate-taint');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /dedicated:NoSchedule is already set in taints\[0\]/);
  const ok = pool({ extraSpec: '      taints:\n        - key: dedicated\n          effect: NoSchedule\n      startupTaints:\n        - key: dedicated\n          effect: NoExecute\n' });
  assert.deepEqual(withCode(diagnose(ok), 'nodepool-duplicate-taint'), []);
});

test('nodepool-requirement-unknown-key carries the suggestion as a quick fix', () => {
  const d = withCode(diagnose(pool({ reqs: '        - key: eks.amazonaws.com/instance-gpu-manufactuer\n          operator: In\n          values: [nvidia]\n' })), 'nodepool-requirement-unknown-key');
  const fix = (d[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.edits[0].newText, 'eks.amazonaws.com/instance-gpu-manufacturer');
});

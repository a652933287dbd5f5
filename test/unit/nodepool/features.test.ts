/** Completion and hover in NodePools and NodeClasses (the real service, parser and cursor). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceWith, uriOf } from '../../helpers/service';
import { positionOf } from '../../helpers/lspClient';
import { autoNodePool } from '../../helpers/nodepool';

const NP = autoNodePool(`        - key: eks.amazonaws.com/instance-category
          operator: In
          values: ["c", "m"]
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["spot", "on-demand"]
        - key: eks.amazonaws.com/instance-generation
          operator: Gt
          values: ["4"]
      expireAfter: 336h
      terminationGracePeriod: 24h
      taints:
        - key: nvidia.com/gpu
          effect: NoSchedule
  disruption:
    consolidationPolicy: WhenEmpty
    consolidateAfter: 5m
    budgets:
      - nodes: "20%"
      - nodes: "0"
        schedule: "0 9 * * mon-fri"
        duration: 8h
  limits:
    cpu: 1000
`);

function at(text: string, needle: string, delta = 0, files: Record<string, string> = {}) {
  const s = serviceWith({ 'np.yaml': text, ...files });
  return { s, uri: uriOf('np.yaml'), pos: positionOf(text, needle, delta) };
}
const labels = (l: { items: { label: string }[] } | undefined) => (l?.items ?? []).map((i) => i.label);

test('completion: requirement keys in an Auto Mode NodePool, with operators in the details', () => {
  const text = NP.replace('key: karpenter.sh/capacity-type', 'key: eks.amazonaws.com/inst');
  const { s, uri, pos } = at(text, 'eks.amazonaws.com/inst', 'eks.amazonaws.com/inst'.length);
  const list = s.complete(uri, pos)!;
  const names = labels(list);
  assert.ok(names.includes('eks.amazonaws.com/instance-category'));
  assert.ok(names.includes('eks.amazonaws.com/instance-gpu-name'));
  assert.ok(names.includes('karpenter.sh/capacity-type'));
  assert.ok(!names.includes('kubernetes.io/os'));
  const gen = list.items.find((i) => i.label === 'eks.amazonaws.com/instance-generation')!;
  assert.match(gen.detail!, /Gt, Lt/);
});

test("completion: requirement values from the key's known values; operators from the schema", () => {
  const { s, uri, pos } = at(NP, '"spot"', 1);
  assert.deepEqual(labels(s.complete(uri, pos)).slice(0, 3), ['on-demand', 'spot', 'reserved']);
  const block = NP.replace('          values: ["c", "m"]\n', '          values:\n            - \n');
  const b = at(block, '            - ', 14);
  assert.ok(labels(b.s.complete(b.uri, b.pos)).includes('c'));
  const op = at(NP, 'operator: Gt', 'operator: '.length);
  assert.deepEqual(labels(op.s.complete(op.uri, op.pos)), ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Gte', 'Lte']);
});

test('completion: field names by path, durations, budget forms, enums', () => {
  const text = NP.replace('      expireAfter: 336h\n', '      expireAfter: 336h\n      \n');
  const c = at(text, 'expireAfter: 336h\n', 'expireAfter: 336h\n      '.length);
  const names = labels(c.s.complete(c.uri, c.pos));
  assert.ok(names.includes('startupTaints'));
  assert.ok(!names.includes('expireAfter'), 'present fields are not offered again');
  const d = at(NP, 'expireAfter: 336h', 'expireAfter: '.length);
  assert.ok(labels(d.s.complete(d.uri, d.pos)).includes('504h'));
  const b = at(NP, 'nodes: "20%"', 'nodes: '.length);
  assert.ok(labels(b.s.complete(b.uri, b.pos)).includes('"10%"'));
  const sch = at(NP, 'schedule: "0 9', 'schedule: '.length);
  assert.ok(labels(sch.s.complete(sch.uri, sch.pos)).includes('"@daily"'));
  const pol = at(NP, 'consolidationPolicy: WhenEmpty', 'consolidationPolicy: '.length);
  assert.deepEqual(labels(pol.s.complete(pol.uri, pol.pos)), ['WhenEmptyOrUnderutilized', 'WhenEmpty', 'Balanced']);
  const budgetKeys = NP.replace('      - nodes: "20%"\n', '      - nodes: "20%"\n        \n');
  const bk = at(budgetKeys, 'nodes: "20%"\n', 'nodes: "20%"\n        '.length);
  assert.deepEqual(labels(bk.s.complete(bk.uri, bk.pos)).sort(), ['duration', 'reasons', 'schedule']);
});

test('completion: nodeClassRef.name from NodeClasses in the workspace and default', () => {
  const nc = 'apiVersion: eks.amazonaws.com/v1\nkind: NodeClass\nmetadata:\n  name: private-compute\nspec:\n  role: R\n';
  const c = at(NP, 'name: default', 'name: '.length, { 'nc.yaml': nc });
  assert.deepEqual(labels(c.s.complete(c.uri, c.pos)).sort(), ['default', 'private-compute']);
});

test('completion: NodeClass fields and enum values', () => {
  const text = 'apiVersion: eks.amazonaws.com/v1\nkind: NodeClass\nmetadata:\n  name: a\nspec:\n  snatPolicy: Random\n  \n';
  const s = serviceWith({ 'nc.yaml': text });
  const keys = labels(s.complete(uriOf('nc.yaml'), { line: 6, character: 2 }));
  for (const k of ['role', 'subnetSelectorTerms', 'securityGroupSelectorTerms', 'ephemeralStorage', 'networkPolicy'])
    assert.ok(keys.includes(k), k);
  assert.deepEqual(labels(s.complete(uriOf('nc.yaml'), { line: 5, character: 14 })), ['Random', 'Disabled']);
});

test('hover: field docs by path, requirement keys and values, enum values', () => {
  const h = (needle: string, delta = 1) => {
    const c = at(NP, needle, delta);
    return JSON.stringify(c.s.hover(c.uri, c.pos)?.contents ?? '');
  };
  assert.match(h('terminationGracePeriod'), /drain/);
  assert.match(h('expireAfter'), /21 days/);
  assert.match(h('eks.amazonaws.com/instance-generation', 5), /generation/i);
  assert.match(h('eks.amazonaws.com/instance-generation', 5), /Gt/);
  assert.match(h('"spot"', 2), /discount/);
  assert.match(h('WhenEmpty', 3), /Only remove nodes that run no workload Pods/);
  assert.match(h('budgets'), /disrupted at once/);
});

test("hover on a NodePool's kind or name summarises instances, lifetime and disruption", () => {
  const c = at(NP, 'name: general', 7);
  const text = JSON.stringify(c.s.hover(c.uri, c.pos)!.contents);
  assert.match(text, /EKS Auto Mode/);
  assert.match(text, /instance category: c, m/);
  assert.match(text, /capacity type: spot, on-demand/);
  assert.match(text, /generation > 4/);
  assert.match(text, /replaced after 14 days/);
  assert.match(text, /at most 1 day/);
  assert.match(text, /nvidia.com\/gpu:NoSchedule/);
  assert.match(text, /only empty nodes/);
  assert.match(text, /20% of nodes at a time; no nodes at a time from `0 9 \* \* mon-fri` for 8h/);
  const k = at(NP, 'kind: NodePool', 7);
  assert.match(JSON.stringify(k.s.hover(k.uri, k.pos)!.contents), /Lifetime/);
});

test('completion: the fields of a new requirement item; hover on NodeClass fields', () => {
  const text = NP.replace(
    '        - key: eks.amazonaws.com/instance-generation\n',
    '        - \n        - key: eks.amazonaws.com/instance-generation\n',
  );
  const c = at(text, '        - \n', 10);
  assert.deepEqual(labels(c.s.complete(c.uri, c.pos)).sort(), ['key', 'minValues', 'operator', 'values']);
  const nc =
    'apiVersion: eks.amazonaws.com/v1\nkind: NodeClass\nmetadata:\n  name: a\nspec:\n  ephemeralStorage:\n    iops: 3000\n  networkPolicy: DefaultDeny\n';
  const s = serviceWith({ 'nc.yaml': nc });
  assert.match(JSON.stringify(s.hover(uriOf('nc.yaml'), { line: 6, character: 6 })!.contents), /3000 to 16000/);
  assert.match(JSON.stringify(s.hover(uriOf('nc.yaml'), { line: 7, character: 20 })!.contents), /denied unless a NetworkPolicy allows it/);
});

test('completion while typing a list item finds the right requirement (not the first one)', () => {
  const text = NP.replace(
    '          operator: Gt\n          values: ["4"]\n',
    '          operator: In\n          values:\n            - \n',
  );
  const c = at(text, '            - \n', 14);
  const got = labels(c.s.complete(c.uri, c.pos));
  assert.ok(got.includes('7'), JSON.stringify(got));
  assert.ok(!got.includes('c'));
});

test('hover says which Karpenter release added Gte/Lte, replicas and Balanced (kubernetes-sigs/karpenter #2674, #2521, #2962)', () => {
  const text = NP.replace('operator: Gt\n', 'operator: Gte\n')
    .replace('consolidationPolicy: WhenEmpty', 'consolidationPolicy: Balanced')
    .replace('  limits:\n', '  replicas: 3\n  limits:\n');
  const h = (needle: string, delta = 1) => {
    const c = at(text, needle, delta);
    return JSON.stringify(c.s.hover(c.uri, c.pos)?.contents ?? '');
  };
  assert.match(h('operator: Gte', 12), /Karpenter v1\.9\.0/);
  assert.match(h('Balanced', 2), /Karpenter v1\.14\.0/);
  assert.match(h('replicas', 2), /Karpenter v1\.8\.0/);
});

test('completion offers karpenter.k8s.aws requirement keys to self-managed pools only', () => {
  const keys = (text: string) => {
    const c = at(text, 'key: karpenter.sh/capacity-type', 5);
    return (c.s.complete(c.uri, c.pos)?.items ?? []).map((i) => i.label);
  };
  assert.ok(!keys(NP).includes('karpenter.k8s.aws/instance-family'));
  const aws = NP.replace('group: eks.amazonaws.com', 'group: karpenter.k8s.aws').replace('kind: NodeClass', 'kind: EC2NodeClass');
  assert.ok(keys(aws).includes('karpenter.k8s.aws/instance-family'));
});

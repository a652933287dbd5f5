/**
 * NodePool / NodeClass local checks: each code firing on the wrong form (at its exact range) and silent on
 * the right one, through the checkTable harness. Rules cite their upstream source: the NodePool CRD
 * (kubernetes-sigs/karpenter pkg/apis/crds/karpenter.sh_nodepools.yaml), its Go validation
 * (pkg/apis/v1/nodepool_validation.go) and the EKS Auto Mode user guide pages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, withCode, codesOf } from '../../helpers/service';
import { checkTable } from '../../helpers/checkTable';
import { KARPENTER_FEATURES as KF } from '../../../server/src/service/nodepool/catalog';

const AUTO_REF = '      nodeClassRef:\n        group: eks.amazonaws.com\n        kind: NodeClass\n        name: default\n';
const AWS_REF = '      nodeClassRef:\n        group: karpenter.k8s.aws\n        kind: EC2NodeClass\n        name: default\n';

/** A valid Auto Mode NodePool; `reqs` replaces the requirements, `extraSpec` is added under template.spec, `tail` under spec. */
function pool(opts: { reqs?: string; extraSpec?: string; tail?: string; ref?: string; labels?: string } = {}): string {
  return (
    'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: general\nspec:\n  template:\n' +
    (opts.labels ? `    metadata:\n      labels:\n${opts.labels}` : '') +
    '    spec:\n' +
    (opts.ref ?? AUTO_REF) +
    '      requirements:\n' +
    (opts.reqs ?? '        - key: eks.amazonaws.com/instance-category\n          operator: In\n          values: ["c", "m", "r"]\n') +
    (opts.extraSpec ?? '') +
    (opts.tail ?? '')
  );
}

/** One requirement item. */
const req = (key: string, operator: string, values?: string, extra = ''): string =>
  `        - key: ${key}\n          operator: ${operator}\n${values !== undefined ? `          values: ${values}\n` : ''}${extra}`;
const budget = (body: string): string => `  disruption:\n    budgets:\n${body}`;

/** The wrong (fire) and the right (silent) form of a case: the pool with one requirement, same key and operator. */
const reqPair = (key: string, operator: string, wrong: string, right: string) => ({
  fire: pool({ reqs: req(key, operator, wrong) }),
  silent: pool({ reqs: req(key, operator, right) }),
});
/** The same for fields under template.spec (`extraSpec`), fields under spec (`tail`) and disruption budgets. */
const specPair = (wrong: string, right: string) => ({ fire: pool({ extraSpec: wrong }), silent: pool({ extraSpec: right }) });
const tailPair = (wrong: string, right: string) => ({ fire: pool({ tail: wrong }), silent: pool({ tail: right }) });
const budgetPair = (wrong: string, right: string) => tailPair(budget(wrong), budget(right));

const CRD = 'kubernetes-sigs/karpenter pkg/apis/crds/karpenter.sh_nodepools.yaml';

test('a complete Auto Mode NodePool and a self-managed one raise nothing', () => {
  const full = pool({
    reqs: '        - key: karpenter.sh/capacity-type\n          operator: In\n          values: ["spot", "on-demand"]\n        - key: eks.amazonaws.com/instance-generation\n          operator: Gt\n          values: ["4"]\n        - key: kubernetes.io/arch\n          operator: In\n          values: [amd64, arm64]\n          minValues: 1\n',
    extraSpec:
      '      expireAfter: 336h\n      terminationGracePeriod: 24h\n      taints:\n        - key: nvidia.com/gpu\n          effect: NoSchedule\n',
    tail: '  disruption:\n    consolidationPolicy: WhenEmptyOrUnderutilized\n    consolidateAfter: 30s\n    budgets:\n      - nodes: "10%"\n      - nodes: "0"\n        schedule: "0 9 * * mon-fri"\n        duration: 8h\n        reasons: [Drifted, Underutilized]\n  limits:\n    cpu: 1000\n    memory: 1000Gi\n  weight: 50\n',
  });
  assert.deepEqual(diagnose(full), []);
  assert.deepEqual(
    diagnose(
      pool({ ref: AWS_REF, reqs: '        - key: karpenter.k8s.aws/instance-category\n          operator: In\n          values: ["c"]\n' }),
    ),
    [],
  );
});

const many = (n: number) => Array.from({ length: n }, (_, i) => req(`example.com/k${i}`, 'Exists')).join('');
const mv = (n: number) =>
  pool({
    reqs: req(
      'eks.amazonaws.com/instance-family',
      'In',
      `[${Array.from({ length: 60 }, (_, i) => `f${i}`).join(', ')}]`,
      `          minValues: ${n}\n`,
    ),
  });

checkTable('NodePool schema (CRD patterns, enums, ranges, required fields)', [
  {
    code: 'nodepool-schema-pattern',
    name: 'expireAfter',
    source: CRD,
    ...specPair('      expireAfter: 30d\n', '      expireAfter: 720h\n'),
    at: '30d',
    count: 1,
    message: /expireAfter "30d"/,
    severity: 'error',
  },
  {
    code: 'nodepool-schema-pattern',
    name: 'terminationGracePeriod has no Never',
    source: CRD,
    ...specPair('      terminationGracePeriod: Never\n', '      terminationGracePeriod: 48h\n'),
    at: 'Never',
    count: 1,
    message: /terminationGracePeriod "Never"/,
    severity: 'error',
  },
  {
    code: 'nodepool-schema-pattern',
    name: 'consolidateAfter',
    source: CRD,
    ...tailPair('  disruption:\n    consolidateAfter: 5 minutes\n', '  disruption:\n    consolidateAfter: 5m\n'),
    at: '5 minutes',
    count: 1,
    message: /consolidateAfter/,
    severity: 'error',
  },
  {
    code: 'nodepool-schema-pattern',
    name: 'budget nodes',
    source: CRD,
    ...budgetPair('      - nodes: "110%"\n', '      - nodes: "100%"\n'),
    at: '"110%"',
    count: 1,
    message: /nodes "110%"/,
    severity: 'error',
  },
  {
    code: 'nodepool-schema-pattern',
    name: 'budget schedule',
    source: CRD,
    ...budgetPair(
      '      - nodes: "1"\n        schedule: "9am"\n        duration: 8h\n',
      '      - nodes: "1"\n        schedule: "0 9 * * *"\n        duration: 8h\n',
    ),
    at: '"9am"',
    count: 1,
    message: /schedule "9am"/,
    severity: 'error',
  },
  {
    code: 'nodepool-schema-pattern',
    name: 'budget duration',
    source: CRD,
    ...budgetPair(
      '      - nodes: "1"\n        schedule: "@daily"\n        duration: 30s\n',
      '      - nodes: "1"\n        schedule: "@daily"\n        duration: 30m\n',
    ),
    at: '30s',
    count: 1,
    message: /duration "30s"/,
    severity: 'error',
  },
  // Placeholders are unknown values: left alone (the silent form).
  {
    code: 'nodepool-schema-pattern',
    name: 'label value; a placeholder is unknown',
    source: CRD,
    ...reqPair('topology.kubernetes.io/zone', 'In', '["us west 2a"]', '["<<AZ>>"]'),
    at: '"us west 2a"',
    count: 1,
    message: /values\[0\]/,
    severity: 'error',
  },
  {
    code: 'nodepool-schema-pattern',
    name: 'limits quantity',
    source: CRD,
    ...tailPair('  limits:\n    cpu: lots\n', '  limits:\n    cpu: "1000"\n'),
    at: 'lots',
    count: 1,
    message: /quantity/,
    severity: 'error',
  },
  {
    code: 'nodepool-schema-enum',
    name: 'operator',
    source: CRD,
    fire: pool({ reqs: req('kubernetes.io/arch', 'Equals', '[amd64]') }),
    at: 'Equals',
    silent: pool({ reqs: req('kubernetes.io/arch', 'In', '[amd64]') }),
    count: 1,
  },
  {
    code: 'nodepool-schema-enum',
    name: 'consolidationPolicy',
    source: CRD,
    ...tailPair('  disruption:\n    consolidationPolicy: Always\n', '  disruption:\n    consolidationPolicy: WhenEmpty\n'),
    at: 'Always',
    count: 1,
  },
  {
    code: 'nodepool-schema-enum',
    name: 'taint effect',
    source: CRD,
    ...specPair(
      '      taints:\n        - key: a\n          effect: NoRun\n',
      '      taints:\n        - key: a\n          effect: NoExecute\n',
    ),
    at: 'NoRun',
    count: 1,
  },
  {
    code: 'nodepool-schema-enum',
    name: 'budget reasons',
    source: CRD,
    ...budgetPair('      - nodes: "1"\n        reasons: [Expired]\n', '      - nodes: "1"\n        reasons: [Drifted]\n'),
    at: 'Expired',
    count: 1,
  },
  {
    code: 'nodepool-schema-range',
    name: 'weight below 1',
    source: CRD,
    ...tailPair('  weight: 0\n', '  weight: 100\n'),
    at: '0',
    message: /at least 1/,
  },
  {
    code: 'nodepool-schema-range',
    name: 'weight above 100',
    source: CRD,
    ...tailPair('  weight: 101\n', '  weight: 1\n'),
    at: '101',
    message: /at most 100/,
  },
  {
    code: 'nodepool-schema-range',
    name: 'at most 100 requirements',
    source: CRD,
    fire: pool({ ref: AWS_REF, reqs: many(101) }),
    at: many(101).trimStart(),
    silent: pool({ ref: AWS_REF, reqs: many(100) }),
    message: /101 items; at most 100/,
  },
  { code: 'nodepool-schema-range', name: 'minValues at most 50', source: CRD, fire: mv(51), at: '51', silent: mv(50), count: 1 },
  { code: 'nodepool-schema-range', name: 'minValues at least 1', source: CRD, fire: mv(0), at: '0', silent: mv(1), count: 1 },
  {
    code: 'nodepool-schema-required',
    name: 'nodeClassRef kind',
    source: CRD,
    fire: pool({ ref: '      nodeClassRef:\n        group: eks.amazonaws.com\n        name: default\n' }),
    at: 'nodeClassRef',
    silent: pool(),
    message: /"kind"/,
  },
  {
    code: 'nodepool-schema-required',
    name: 'nodeClassRef name may not be empty (CEL)',
    source: CRD,
    fire: pool({ ref: '      nodeClassRef:\n        group: eks.amazonaws.com\n        kind: NodeClass\n        name: ""\n' }),
    at: '""',
    silent: pool(),
    message: /name may not be empty/,
  },
  {
    code: 'nodepool-schema-required',
    name: 'requirements',
    source: CRD,
    fire: 'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n' + AUTO_REF,
    at: 'spec',
    silent: pool(),
    message: /"requirements"/,
  },
  {
    code: 'nodepool-schema-required',
    name: 'budget nodes',
    source: CRD,
    ...budgetPair('      - reasons: [Empty]\n', '      - nodes: "1"\n        reasons: [Empty]\n'),
    at: 'reasons: [Empty]\n',
    message: /"nodes"/,
  },
  {
    code: 'nodepool-schema-type',
    name: 'weight is an integer',
    source: CRD,
    ...tailPair('  weight: "10"\n', '  weight: 10\n'),
    at: '"10"',
    count: 1,
  },
  {
    code: 'nodepool-schema-unknown-field',
    name: 'a typo gets a suggestion',
    source: CRD,
    ...specPair('      expireAftr: 336h\n', '      expireAfter: 336h\n'),
    at: 'expireAftr',
    count: 1,
    message: /did you mean "expireAfter"/,
  },
]);

checkTable('NodePool CEL rules and requirement values', [
  {
    code: 'nodepool-requirement-in-needs-values',
    name: 'empty values',
    source: CRD,
    fire: pool({ reqs: req('kubernetes.io/arch', 'In', '[]') }),
    at: 'In',
    silent: pool({ reqs: req('kubernetes.io/arch', 'Exists') }),
    count: 1,
  },
  {
    code: 'nodepool-requirement-in-needs-values',
    name: 'no values',
    source: CRD,
    fire: pool({ reqs: req('kubernetes.io/arch', 'In') }),
    at: 'In',
    silent: pool({ reqs: req('kubernetes.io/arch', 'In', '[amd64]') }),
    count: 1,
  },
  ...['["4", "5"]', '["-1"]', '["four"]', '[]'].map((values) => ({
    code: 'nodepool-requirement-numeric-value',
    name: `Gt ${values}`,
    source: CRD,
    fire: pool({ reqs: req('eks.amazonaws.com/instance-generation', 'Gt', values) }),
    at: values,
    silent: pool({ reqs: req('eks.amazonaws.com/instance-generation', 'Lt', '["9"]') }),
    count: 1,
  })),
  {
    code: 'nodepool-requirement-min-values',
    source: CRD,
    fire: pool({ reqs: req('eks.amazonaws.com/instance-family', 'In', '[m5, m6i]', '          minValues: 3\n') }),
    at: '3',
    silent: pool({ reqs: req('eks.amazonaws.com/instance-family', 'In', '[m5, m6i, m7i]', '          minValues: 3\n') }),
    count: 1,
  },
  ...['karpenter.sh/nodepool', 'kubernetes.io/hostname', 'karpenter.sh/custom', 'sub.karpenter.sh/x'].map((key) => ({
    code: 'nodepool-restricted-label',
    name: `requirement ${key}`,
    source: CRD,
    fire: pool({ reqs: req(key, 'Exists') }),
    at: key,
    silent: pool({ reqs: req('karpenter.sh/capacity-type', 'In', '[spot]') }),
    count: 1,
  })),
  {
    code: 'nodepool-restricted-label',
    name: 'template label',
    source: CRD,
    fire: pool({ labels: '        karpenter.sh/nodepool: x\n' }),
    at: 'karpenter.sh/nodepool',
    silent: pool({ labels: '        team: web\n', reqs: req('karpenter.sh/capacity-type', 'In', '[spot]') }),
    count: 1,
  },
  {
    code: 'nodepool-requirement-unknown-value',
    name: 'arch',
    source: 'https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-arch',
    ...reqPair('kubernetes.io/arch', 'In', '[x86_64]', '[arm64]'),
    at: 'x86_64',
    count: 1,
  },
  {
    code: 'nodepool-requirement-unknown-value',
    name: 'capacity type',
    source: 'kubernetes-sigs/karpenter pkg/apis/v1/labels.go',
    ...reqPair('karpenter.sh/capacity-type', 'In', '[ondemand]', '[on-demand]'),
    at: 'ondemand',
    count: 1,
  },
  {
    code: 'nodepool-requirement-unknown-value',
    name: 'number label',
    source: 'EKS user guide create-node-pool (supported labels)',
    ...reqPair('eks.amazonaws.com/instance-cpu', 'In', '["4 cores"]', '["4"]'),
    at: '"4 cores"',
    count: 1,
  },
  {
    code: 'nodepool-budget-schedule-duration',
    name: 'schedule alone',
    source: CRD,
    ...budgetPair(
      '      - nodes: "0"\n        schedule: "@daily"\n',
      '      - nodes: "0"\n        schedule: "@daily"\n        duration: 8h\n',
    ),
    at: 'schedule',
    count: 1,
  },
  {
    code: 'nodepool-budget-schedule-duration',
    name: 'duration alone',
    source: CRD,
    ...budgetPair('      - nodes: "0"\n        duration: 8h\n', '      - nodes: "0"\n        schedule: "@daily"\n        duration: 8h\n'),
    at: 'duration',
    count: 1,
  },
  {
    code: 'nodepool-static-nodepool',
    name: 'weight and non-node limits',
    source: CRD,
    ...tailPair('  replicas: 3\n  weight: 10\n  limits:\n    cpu: 100\n    nodes: 5\n', '  replicas: 3\n  limits:\n    nodes: 5\n'),
    at: 'weight',
    count: 2,
  },
  {
    code: 'nodepool-static-nodepool',
    name: 'not static without replicas',
    source: CRD,
    ...tailPair('  replicas: 3\n  limits:\n    cpu: 100\n', '  weight: 10\n  limits:\n    cpu: 100\n'),
    at: 'cpu',
    count: 1,
  },
  {
    code: 'nodepool-duplicate-taint',
    source: 'kubernetes-sigs/karpenter pkg/apis/v1/nodepool_validation.go (taints)',
    fire: pool({
      extraSpec:
        '      taints:\n        - key: dedicated\n          value: gpu\n          effect: NoSchedule\n      startupTaints:\n        - key: dedicated\n          effect: NoSchedule\n',
    }),
    at: 'key',
    silent: pool({
      extraSpec:
        '      taints:\n        - key: dedicated\n          effect: NoSchedule\n      startupTaints:\n        - key: dedicated\n          effect: NoExecute\n',
    }),
    count: 1,
    message: /dedicated:NoSchedule is already set in taints\[0\]/,
  },
]);

const AUTO_LABELS = 'https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html#auto-supported-labels';

checkTable('EKS Auto Mode NodePools', [
  {
    code: 'nodepool-auto-mode-karpenter-label',
    name: 'In: error',
    source: AUTO_LABELS,
    fire: pool({ reqs: req('karpenter.k8s.aws/instance-category', 'In', '["c"]') }),
    at: 'karpenter.k8s.aws/instance-category',
    silent: pool({ ref: AWS_REF, reqs: req('karpenter.k8s.aws/instance-category', 'In', '["c"]') }),
    count: 1,
    severity: 'error',
  },
  {
    code: 'nodepool-auto-mode-karpenter-label',
    name: 'NotIn: warning',
    source: AUTO_LABELS,
    fire: pool({ reqs: req('karpenter.k8s.aws/instance-size', 'NotIn', '["nano"]') }),
    at: 'karpenter.k8s.aws/instance-size',
    silent: pool({ reqs: req('eks.amazonaws.com/instance-size', 'NotIn', '["nano"]') }),
    severity: 'warning',
  },
  {
    code: 'nodepool-auto-mode-unsupported-label',
    name: 'kubernetes.io/os',
    source: AUTO_LABELS,
    fire: pool({ reqs: req('kubernetes.io/os', 'In', '[linux]') }),
    at: 'kubernetes.io/os',
    silent: pool({ ref: AWS_REF, reqs: req('kubernetes.io/os', 'In', '[linux]') }),
    count: 1,
  },
  {
    code: 'nodepool-auto-mode-unsupported-label',
    name: 'windows-build',
    source: AUTO_LABELS,
    fire: pool({ reqs: req('node.kubernetes.io/windows-build', 'Exists') }),
    at: 'node.kubernetes.io/windows-build',
    silent: pool(),
    count: 1,
  },
  {
    code: 'nodepool-requirement-unknown-key',
    source: AUTO_LABELS,
    fire: pool({ reqs: req('eks.amazonaws.com/instance-categroy', 'In', '[c]') }),
    at: 'eks.amazonaws.com/instance-categroy',
    silent: pool(),
    count: 1,
    message: /did you mean "eks.amazonaws.com\/instance-category"/,
  },
  ...['720h', 'Never', '505h', '500h300m'].map((v) => ({
    code: 'nodepool-expire-after-too-long',
    name: v,
    source: 'EKS user guide create-node-pool (21-day maximum node lifetime)',
    fire: pool({ extraSpec: `      expireAfter: ${v}\n` }),
    at: v,
    silent: pool({ extraSpec: '      expireAfter: 504h\n' }),
    count: 1,
  })),
  {
    code: 'nodepool-expire-after-too-long',
    name: 'self-managed Karpenter has no cap',
    source: 'EKS user guide create-node-pool',
    fire: pool({ extraSpec: '      expireAfter: 720h\n' }),
    at: '720h',
    silent: pool({ ref: AWS_REF, extraSpec: '      expireAfter: 720h\n' }),
  },
  ...[
    [req('eks.amazonaws.com/instance-size', 'In', '[micro, small]'), '[micro, small]'],
    [req('node.kubernetes.io/instance-type', 'In', '[t3.small, t3.micro]'), '[t3.small, t3.micro]'],
    [req('eks.amazonaws.com/instance-cpu', 'Lt', '["2"]'), '["2"]'],
    [req('eks.amazonaws.com/instance-cpu', 'In', '["1"]'), '["1"]'],
  ].map(([reqs, at], i) => ({
    code: 'nodepool-tiny-instances-only',
    name: `case ${i}`,
    source: 'aws/containers-roadmap #2516; EKS user guide create-node-pool',
    fire: pool({ reqs }),
    at,
    silent: pool({
      reqs:
        i % 2
          ? req('eks.amazonaws.com/instance-size', 'NotIn', '[nano, micro, small]')
          : req('eks.amazonaws.com/instance-size', 'In', '[small, large]'),
    }),
    count: 1,
  })),
]);

const NODEPOOL_GO =
  'kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go (Budget.IsActive: cron.ParseStandard; GetAllowedDisruptions fails closed)';
const VALIDATION = 'kubernetes-sigs/karpenter pkg/apis/v1/nodepool_validation.go (RuntimeValidate)';
const AWS_LABELS = 'aws/karpenter-provider-aws pkg/apis/v1/labels.go (RestrictedLabelDomains, WellKnownLabels)';
const INSTANCES = 'https://docs.aws.amazon.com/eks/latest/userguide/automode-learn-instances.html#auto-supported-instances';
const sched = (v: string) => pool({ tail: budget(`      - nodes: "0"\n        schedule: "${v}"\n        duration: 8h\n`) });

checkTable('NodePool rules Karpenter applies beyond the CRD', [
  // The CRD pattern ^(@(annually|...))|((.+)\s(.+)\s(.+)\s(.+)\s(.+))$ is loose; robfig/cron parser.go is what runs.
  ...(
    [
      ['0 9 * * mon-fri extra', 'exactly 5 fields'],
      ['@dailyx', 'not a cron descriptor'],
      ['61 9 * * *', 'outside 0–59'],
      ['0 9 * * funday', 'not a number or name'],
      ['0 9 32 * *', 'outside 1–31'],
      ['0 9 * * 7', 'outside 0–6'],
      ['*/0 * * * *', 'must be positive'],
      ['0 9-5 * * *', 'starts after it ends'],
    ] as const
  ).map(([bad, why]) => ({
    code: 'nodepool-budget-schedule-invalid',
    name: bad,
    source: `${NODEPOOL_GO}; robfig/cron parser.go`,
    fire: sched(bad),
    at: `"${bad}"`,
    silent: sched('0 9 * * MON-FRI'),
    count: 1,
    severity: 'error' as const,
    message: new RegExp(why),
  })),
  {
    code: 'nodepool-budget-schedule-invalid',
    name: 'descriptors and steps are fine',
    source: 'robfig/cron parser.go (parseDescriptor, getRange)',
    fire: sched('@weekly@'),
    at: '"@weekly@"',
    silent: sched('*/15 0-6,22 1/2 jan-jun ?'),
  },
  {
    code: 'nodepool-budget-duplicate-reason',
    source: `${CRD} (reasons: x-kubernetes-list-type: set)`,
    ...budgetPair(
      '      - nodes: "1"\n        reasons: [Drifted, Empty, Drifted]\n',
      '      - nodes: "1"\n        reasons: [Drifted, Empty]\n',
    ),
    at: 'Drifted',
    count: 1,
    severity: 'error',
  },
  {
    code: 'nodepool-nodeclass-kind',
    name: 'eks.amazonaws.com + EC2NodeClass',
    source: 'EKS user guide create-node-pool (nodeClassRef); aws/karpenter-provider-aws pkg/apis/v1/ec2nodeclass.go',
    fire: pool({ ref: AUTO_REF.replace('kind: NodeClass', 'kind: EC2NodeClass') }),
    at: 'EC2NodeClass',
    silent: pool(),
    count: 1,
    severity: 'error',
  },
  {
    code: 'nodepool-nodeclass-kind',
    name: 'karpenter.k8s.aws + NodeClass',
    source: 'aws/karpenter-provider-aws pkg/apis/v1/ec2nodeclass.go',
    fire: pool({ ref: AWS_REF.replace('kind: EC2NodeClass', 'kind: NodeClass') }),
    at: 'NodeClass',
    silent: pool({ ref: AWS_REF }),
    count: 1,
  },
  {
    code: 'nodepool-restricted-label',
    name: 'self-managed: a karpenter.k8s.aws requirement key that is not well-known',
    source: AWS_LABELS,
    fire: pool({ ref: AWS_REF, reqs: req('karpenter.k8s.aws/instance-categroy', 'In', '[c]') }),
    at: 'karpenter.k8s.aws/instance-categroy',
    silent: pool({ ref: AWS_REF, reqs: req('karpenter.k8s.aws/instance-category', 'In', '[c]') }),
    count: 1,
    message: /did you mean "karpenter\.k8s\.aws\/instance-category"/,
  },
  {
    code: 'nodepool-restricted-label',
    name: 'self-managed: a karpenter.k8s.aws template label',
    source: `${AWS_LABELS}; ${VALIDATION} validateLabels`,
    fire: pool({ ref: AWS_REF, labels: '        karpenter.k8s.aws/team: web\n' }),
    at: 'karpenter.k8s.aws/team',
    silent: pool({ ref: AWS_REF, labels: '        example.com/team: web\n' }),
    count: 1,
  },
  {
    code: 'nodepool-schema-pattern',
    name: 'template label key is not a qualified name',
    source: `${VALIDATION} validateLabels (IsQualifiedName)`,
    fire: pool({ labels: '        "team name": web\n' }),
    at: '"team name"',
    silent: pool({ labels: '        team-name: web\n' }),
    count: 1,
    severity: 'error',
  },
  {
    code: 'nodepool-requirement-unknown-value',
    name: 'self-managed: a karpenter.k8s.aws number label',
    source: AWS_LABELS,
    fire: pool({ ref: AWS_REF, reqs: req('karpenter.k8s.aws/instance-cpu', 'In', '["4 cores"]') }),
    at: '"4 cores"',
    silent: pool({ ref: AWS_REF, reqs: req('karpenter.k8s.aws/instance-cpu', 'In', '["4"]') }),
    count: 1,
    severity: 'warning',
  },
  ...(
    [
      [req('eks.amazonaws.com/instance-family', 'In', '[p3, a1]'), '[p3, a1]'],
      [req('eks.amazonaws.com/instance-category', 'In', '[a, mac]'), '[a, mac]'],
      [req('node.kubernetes.io/instance-type', 'In', '[p3.2xlarge, u-6tb1.metal]'), '[p3.2xlarge, u-6tb1.metal]'],
    ] as const
  ).map(([reqs, at], i) => ({
    code: 'nodepool-auto-mode-unsupported-family',
    name: `case ${i}`,
    source: INSTANCES,
    fire: pool({ reqs }),
    at,
    silent: pool({
      reqs:
        i === 1
          ? req('eks.amazonaws.com/instance-category', 'In', '[a, m]')
          : i === 2
            ? req('node.kubernetes.io/instance-type', 'In', '[p3.2xlarge, p5.48xlarge]')
            : req('eks.amazonaws.com/instance-family', 'In', '[p3, g5, c9i]'),
    }),
    count: 1,
    severity: 'warning' as const,
  })),
  {
    code: 'nodepool-version-skew',
    name: 'Gte',
    source: KF.gteLte.source,
    fire: pool({ reqs: req('eks.amazonaws.com/instance-generation', 'Gte', '["5"]') }),
    at: 'Gte',
    silent: pool({ reqs: req('eks.amazonaws.com/instance-generation', 'Gt', '["4"]') }),
    severity: 'info',
    message: /v1\.9\.0/,
  },
  {
    code: 'nodepool-version-skew',
    name: 'replicas',
    source: KF.replicas.source,
    fire: pool({ tail: '  replicas: 2\n' }),
    at: 'replicas',
    silent: pool(),
    message: /v1\.8\.0/,
  },
  {
    code: 'nodepool-version-skew',
    name: 'Balanced',
    source: KF.balanced.source,
    ...tailPair('  disruption:\n    consolidationPolicy: Balanced\n', '  disruption:\n    consolidationPolicy: WhenEmptyOrUnderutilized\n'),
    at: 'Balanced',
    message: /v1\.14\.0/,
  },
]);

test('nodepool-auto-mode-karpenter-label: the quick fix switches to the eks.amazonaws.com label', () => {
  const d = withCode(
    diagnose(pool({ reqs: req('karpenter.k8s.aws/instance-category', 'In', '["c"]') })),
    'nodepool-auto-mode-karpenter-label',
  );
  const fix = (d[0].data as { fixes: { title: string; edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.title, 'Use eks.amazonaws.com/instance-category');
  assert.equal(fix.edits[0].newText, 'eks.amazonaws.com/instance-category');
});

test('nodepool-expire-after-too-long: the quick fix sets 504h', () => {
  const d = withCode(diagnose(pool({ extraSpec: '      expireAfter: Never\n' })), 'nodepool-expire-after-too-long');
  assert.equal((d[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0].edits[0].newText, '504h');
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

checkTable('karpenter.sh/v1beta1 and v1alpha5 leftovers', [
  {
    code: 'nodepool-v1beta1',
    name: 'v1beta1 NodePool',
    source: 'kubernetes-sigs/karpenter v1 migration (pkg/apis/v1)',
    fire: V1BETA1,
    at: 'karpenter.sh/v1beta1',
    silent: pool(),
  },
  {
    code: 'nodepool-v1beta1',
    name: 'v1alpha5 Provisioner',
    source: 'kubernetes-sigs/karpenter v1 migration',
    fire: 'apiVersion: karpenter.sh/v1alpha5\nkind: Provisioner\nmetadata:\n  name: default\nspec:\n  ttlSecondsAfterEmpty: 30\n',
    at: 'karpenter.sh/v1alpha5',
    silent: pool(),
  },
  {
    code: 'nodepool-v1beta1-leftover',
    name: 'kubelet',
    source: CRD,
    fire: pool({ extraSpec: '      kubelet:\n        maxPods: 110\n' }),
    at: 'kubelet',
    silent: pool(),
    count: 1,
  },
  {
    code: 'nodepool-v1beta1-leftover',
    name: 'disruption.expireAfter',
    source: CRD,
    fire: pool({ tail: '  disruption:\n    consolidationPolicy: WhenEmpty\n    expireAfter: 336h\n' }),
    at: 'expireAfter',
    silent: pool({ extraSpec: '      expireAfter: 336h\n', tail: '  disruption:\n    consolidationPolicy: WhenEmpty\n' }),
    count: 1,
    severity: 'warning',
  },
]);

test('nodepool-v1beta1: one migration diagnostic with the moves, no schema noise; silent on v1', () => {
  const d = diagnose(V1BETA1);
  assert.deepEqual(codesOf(d), ['nodepool-v1beta1']);
  assert.match(d[0].message, /expireAfter to spec.template.spec.expireAfter/);
  assert.match(d[0].message, /WhenEmptyOrUnderutilized/);
  assert.match(d[0].message, /group/);
  const prov = diagnose(
    'apiVersion: karpenter.sh/v1alpha5\nkind: Provisioner\nmetadata:\n  name: default\nspec:\n  ttlSecondsAfterEmpty: 30\n',
  );
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
  const text = V1BETA1.replace('karpenter.sh/v1beta1', 'karpenter.sh/v1')
    .replace('karpenter.k8s.aws/instance-category', 'kubernetes.io/arch')
    .replace('["c", "m"]', '[amd64]');
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
  advancedSecurity:
    fips: true
    kernelLockdown: integrity
  capacityReservationSelectorTerms:
    - id: cr-56fac701cc1951b03
    - tags:
        Name: targeted-odcr
      owner: "012345678901"
  tags:
    team: platform
`;

test('a complete NodeClass raises nothing', () => {
  assert.deepEqual(diagnose(NODECLASS), []);
});

const NODECLASS_DOCS = 'https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html';
const nc = (from: string, to: string) => NODECLASS.replace(from, to);
const PROXIES = `[${Array.from({ length: 51 }, (_, i) => `h${i}.internal`).join(', ')}]`;

test('nodeclass-schema-required: a missing role is the only finding, a warning', () => {
  const noRole = diagnose(nc('  role: MyNodeRole\n', ''));
  assert.deepEqual(codesOf(noRole), ['nodeclass-schema-required']);
  assert.equal(noRole[0].severity, 2);
});

checkTable('NodeClass (EKS Auto Mode)', [
  {
    code: 'nodeclass-schema-required',
    name: 'role',
    source: NODECLASS_DOCS,
    fire: nc('  role: MyNodeRole\n', ''),
    at: 'spec',
    silent: NODECLASS,
    severity: 'warning',
  },
  {
    code: 'nodeclass-schema-enum',
    name: 'snatPolicy',
    source: NODECLASS_DOCS,
    fire: nc('snatPolicy: Random', 'snatPolicy: Enabled'),
    at: 'Enabled',
    silent: NODECLASS,
    count: 1,
  },
  {
    code: 'nodeclass-schema-enum',
    name: 'networkPolicy',
    source: NODECLASS_DOCS,
    fire: nc('networkPolicy: DefaultDeny', 'networkPolicy: Deny'),
    at: 'Deny',
    silent: NODECLASS,
    count: 1,
  },
  {
    code: 'nodeclass-schema-range',
    name: 'iops at most 16000',
    source: NODECLASS_DOCS,
    fire: nc('iops: 3000', 'iops: 20000'),
    at: '20000',
    silent: NODECLASS,
    message: /at most 16000/,
  },
  {
    code: 'nodeclass-schema-range',
    name: 'iops at least 3000',
    source: NODECLASS_DOCS,
    fire: nc('iops: 3000', 'iops: 100'),
    at: '100',
    silent: NODECLASS,
    message: /at least 3000/,
  },
  {
    code: 'nodeclass-schema-range',
    name: 'throughput at most 1000',
    source: NODECLASS_DOCS,
    fire: nc('throughput: 125', 'throughput: 2000'),
    at: '2000',
    silent: NODECLASS,
    message: /at most 1000/,
  },
  {
    code: 'nodeclass-schema-range',
    name: 'noProxy at most 50',
    source: NODECLASS_DOCS,
    fire: nc('[localhost, .internal]', PROXIES),
    at: PROXIES,
    silent: NODECLASS,
    message: /51 items; at most 50/,
  },
  {
    code: 'nodeclass-schema-pattern',
    name: 'size is a quantity',
    source: NODECLASS_DOCS,
    fire: nc('size: 160Gi', 'size: big'),
    at: 'big',
    silent: NODECLASS,
    count: 1,
  },
  {
    code: 'nodeclass-schema-unknown-field',
    name: 'an EC2NodeClass field',
    source: NODECLASS_DOCS,
    fire: nc('  tags:\n    team', '  amiFamily: AL2023\n  tags:\n    team'),
    at: 'amiFamily',
    silent: NODECLASS,
    count: 1,
    message: /EC2NodeClass field.*Auto Mode manages it/,
  },
  {
    code: 'nodeclass-schema-unknown-field',
    name: 'a typo',
    source: NODECLASS_DOCS,
    fire: nc('  tags:\n    team', '  snatPolicyy: Random\n  tags:\n    team'),
    at: 'snatPolicyy',
    silent: NODECLASS,
    message: /did you mean "snatPolicy"/,
  },
  {
    code: 'nodeclass-schema-type',
    name: 'iops is an integer',
    source: NODECLASS_DOCS,
    fire: nc('iops: 3000', 'iops: "3000"'),
    at: '"3000"',
    silent: NODECLASS,
    count: 1,
  },
  {
    code: 'nodeclass-selector-term',
    name: 'id with other fields',
    source: NODECLASS_DOCS,
    fire: nc('    - id: subnet-0123456789abcdef0\n', '    - id: subnet-0123456789abcdef0\n      tags:\n        Name: x\n'),
    at: 'id',
    silent: NODECLASS,
    count: 1,
    message: /cannot be combined with tags/,
  },
  {
    code: 'nodeclass-selector-term',
    name: 'an empty term',
    source: NODECLASS_DOCS,
    fire: nc('    - name: eks-cluster-sg\n', '    - {}\n'),
    at: '{}',
    silent: NODECLASS,
    count: 1,
  },
  {
    code: 'nodeclass-reserved-tag',
    name: 'kubernetes.io/cluster/*',
    source: NODECLASS_DOCS,
    fire: nc('    team: platform', '    kubernetes.io/cluster/prod: owned'),
    at: 'kubernetes.io/cluster/prod',
    silent: NODECLASS,
    count: 1,
  },
  {
    code: 'nodeclass-reserved-tag',
    name: 'eks.amazonaws.com/nodeclass',
    source: NODECLASS_DOCS,
    fire: nc('    team: platform', '    eks.amazonaws.com/nodeclass: x'),
    at: 'eks.amazonaws.com/nodeclass',
    silent: NODECLASS,
    count: 1,
  },
  {
    code: 'nodeclass-named-default',
    source: NODECLASS_DOCS,
    fire: nc('name: private', 'name: default'),
    at: 'default',
    silent: NODECLASS,
    count: 1,
  },
  // "role and instanceProfile are mutually exclusive fields" (create-node-class.html#auto-node-class-spec).
  {
    code: 'nodeclass-role-and-instance-profile',
    name: 'both set',
    source: `${NODECLASS_DOCS}#auto-node-class-spec`,
    fire: nc('  role: MyNodeRole\n', '  role: MyNodeRole\n  instanceProfile: eks-MyNodeProfile\n'),
    at: 'instanceProfile',
    silent: nc('  role: MyNodeRole\n', '  instanceProfile: eks-MyNodeProfile\n'),
    count: 1,
    severity: 'error',
  },
  {
    code: 'nodeclass-schema-required',
    name: 'neither role nor instanceProfile',
    source: `${NODECLASS_DOCS}#auto-node-class-spec`,
    fire: nc('  role: MyNodeRole\n', ''),
    at: 'spec',
    silent: nc('  role: MyNodeRole\n', '  instanceProfile: eks-MyNodeProfile\n'),
    count: 1,
    message: /role.*or instanceProfile/,
  },
  {
    code: 'nodeclass-schema-enum',
    name: 'advancedSecurity.kernelLockdown',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/auto-advanced-security.html',
    fire: nc('kernelLockdown: integrity', 'kernelLockdown: strict'),
    at: 'strict',
    silent: nc('kernelLockdown: integrity', 'kernelLockdown: none'),
    count: 1,
  },
  {
    code: 'nodeclass-schema-type',
    name: 'advancedSecurity.fips is a boolean',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/auto-advanced-security.html',
    fire: nc('fips: true', 'fips: "yes"'),
    at: '"yes"',
    silent: nc('fips: true', 'fips: false'),
    count: 1,
  },
  {
    code: 'nodeclass-schema-unknown-field',
    name: 'capacity reservation ownerID is owner in Auto Mode',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/auto-odcr.html',
    fire: nc('      owner: "012345678901"', '      ownerID: "012345678901"'),
    at: 'ownerID',
    silent: NODECLASS,
    count: 1,
    message: /calls the owning account "owner"/,
  },
  ...(
    [
      ['60000Gi', '59000Gi'],
      ['64001G', '64000G'],
      ['59Ti', '58Ti'],
      ['65T', '64T'],
      ['0Gi', '1Gi'],
    ] as const
  ).map(([bad, good]) => ({
    code: 'nodeclass-schema-range',
    name: `ephemeralStorage.size ${bad}`,
    source: `${NODECLASS_DOCS}#auto-node-class-spec (Range: 1-59000Gi or 1-64000G or 1-58Ti or 1-64T)`,
    fire: nc('size: 160Gi', `size: ${bad}`),
    at: bad,
    silent: nc('size: 160Gi', `size: ${good}`),
    count: 1,
    severity: 'error' as const,
  })),
  {
    code: 'nodeclass-schema-range',
    name: 'ephemeralStorage.size in an undocumented unit',
    source: `${NODECLASS_DOCS}#auto-node-class-spec`,
    fire: nc('size: 160Gi', 'size: 512Mi'),
    at: '512Mi',
    silent: nc('size: 160Gi', 'size: "1T"'),
    severity: 'warning',
  },
]);

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

test('nodepool-requirement-unknown-key carries the suggestion as a quick fix', () => {
  const d = withCode(
    diagnose(
      pool({ reqs: '        - key: eks.amazonaws.com/instance-gpu-manufactuer\n          operator: In\n          values: [nvidia]\n' }),
    ),
    'nodepool-requirement-unknown-key',
  );
  const fix = (d[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.edits[0].newText, 'eks.amazonaws.com/instance-gpu-manufacturer');
});

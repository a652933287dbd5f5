/** Cross-document NodePool checks: NodeClass references, Pod grace periods vs NodePools, PDBs on Auto Mode. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceWith, uriOf, withCode } from '../../helpers/service';
import { checkTable } from '../../helpers/checkTable';

function nodePool(
  name: string,
  opts: { group?: string; kind?: string; cls?: string; tgp?: string; taint?: string; labels?: string; reqs?: string } = {},
): string {
  return `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: ${name}
spec:
  template:
${opts.labels ? `    metadata:\n      labels:\n${opts.labels}` : ''}    spec:
      nodeClassRef:
        group: ${opts.group ?? 'eks.amazonaws.com'}
        kind: ${opts.kind ?? 'NodeClass'}
        name: ${opts.cls ?? 'default'}
      requirements:
${opts.reqs ?? '        - key: kubernetes.io/arch\n          operator: In\n          values: [amd64]\n'}${opts.tgp ? `      terminationGracePeriod: ${opts.tgp}\n` : ''}${opts.taint ? `      taints:\n        - key: ${opts.taint}\n          effect: NoSchedule\n` : ''}`;
}

function deployment(
  opts: {
    grace?: number;
    replicas?: number;
    nodeSelector?: string;
    tolerations?: string;
    affinity?: string;
    kind?: string;
    ns?: string;
  } = {},
): string {
  const kind = opts.kind ?? 'Deployment';
  const podSpec = `${opts.grace !== undefined ? `      terminationGracePeriodSeconds: ${opts.grace}\n` : ''}${opts.nodeSelector ? `      nodeSelector:\n${opts.nodeSelector}` : ''}${opts.tolerations ? `      tolerations:\n${opts.tolerations}` : ''}${opts.affinity ?? ''}      containers:\n        - name: app\n          image: nginx\n`;
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
${opts.ns ? `  namespace: ${opts.ns}\n` : ''}spec:
${opts.replicas !== undefined ? `  replicas: ${opts.replicas}\n` : ''}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${podSpec}`;
}

const PDB =
  'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n';

function run(main: string, others: Record<string, string>, code: string) {
  const s = serviceWith({ 'main.yaml': main, ...others });
  const d = withCode(s.validate(uriOf('main.yaml')), code);
  assert.deepEqual(s.internalErrors, []);
  return d;
}

const NC_PRIVATE =
  'apiVersion: eks.amazonaws.com/v1\nkind: NodeClass\nmetadata:\n  name: private\nspec:\n  role: R\n  subnetSelectorTerms: [{id: subnet-1}]\n  securityGroupSelectorTerms: [{id: sg-1}]\n';
const TGP_DOCS = 'kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go (TerminationGracePeriod); EKS user guide create-node-pool';

checkTable('NodePool cross-document checks', [
  {
    code: 'nodepool-nodeclass-missing',
    name: 'the built-in default',
    source: 'EKS user guide create-node-class (the default NodeClass)',
    fire: nodePool('gp', { cls: 'private' }),
    at: 'private',
    silent: nodePool('gp'),
    count: 1,
  },
  {
    code: 'nodepool-nodeclass-missing',
    name: 'a NodeClass of the workspace',
    source: 'EKS user guide create-node-pool (nodeClassRef)',
    files: { 'nc.yaml': NC_PRIVATE },
    fire: nodePool('gp', { cls: 'privat' }),
    at: 'privat',
    silent: nodePool('gp', { cls: 'private' }),
  },
  {
    code: 'nodepool-nodeclass-missing',
    name: 'another group is not ours to resolve',
    source: 'EKS user guide create-node-pool (nodeClassRef)',
    fire: nodePool('gp', { cls: 'private' }),
    at: 'private',
    silent: nodePool('gp', { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', cls: 'private' }),
  },
  {
    code: 'pod-grace-exceeds-nodepool',
    name: 'longer than the pool',
    source: TGP_DOCS,
    files: { 'np.yaml': nodePool('gp', { tgp: '1h' }) },
    fire: deployment({ grace: 7200 }),
    at: '7200',
    silent: deployment({ grace: 1800 }),
    count: 1,
  },
  {
    code: 'pod-grace-exceeds-nodepool',
    name: 'no grace on the Pod',
    source: TGP_DOCS,
    files: { 'np.yaml': nodePool('gp', { tgp: '1m' }) },
    fire: deployment({ grace: 3600 }),
    at: '3600',
    silent: deployment(),
  },
  {
    code: 'workload-no-pdb',
    name: 'a PDB covers it',
    source: 'EKS user guide auto-mode disruption (PodDisruptionBudgets)',
    files: { 'np.yaml': nodePool('gp') },
    fire: deployment({ replicas: 3 }),
    at: '3',
    silent: deployment({ replicas: 3 }) + '---\n' + PDB,
    count: 1,
    severity: 'info',
    message: /3 replicas on EKS Auto Mode NodePool gp/,
  },
  {
    code: 'workload-no-pdb',
    name: 'one replica',
    source: 'EKS user guide auto-mode disruption',
    files: { 'np.yaml': nodePool('gp') },
    fire: deployment({ replicas: 2 }),
    at: '2',
    silent: deployment({ replicas: 1 }),
  },
  {
    code: 'workload-no-pdb',
    name: 'compute-type auto without a NodePool',
    source: 'EKS user guide associate-workload (eks.amazonaws.com/compute-type)',
    fire: deployment({ replicas: 2, kind: 'StatefulSet', nodeSelector: '        eks.amazonaws.com/compute-type: auto\n' }),
    at: '2',
    silent: deployment({ replicas: 2, kind: 'StatefulSet' }),
    count: 1,
  },
]);

test('nodepool-nodeclass-missing / pod-grace / workload-no-pdb: the silent forms that need other files', () => {
  assert.equal(run(nodePool('gp', { cls: 'private' }), { 'nc.yaml': NC_PRIVATE }, 'nodepool-nodeclass-missing').length, 0);
  assert.equal(run(deployment({ grace: 7200 }), { 'np.yaml': nodePool('gp') }, 'pod-grace-exceeds-nodepool').length, 0);
  assert.equal(
    run(deployment({ replicas: 3 }), { 'np.yaml': nodePool('gp', { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' }) }, 'workload-no-pdb')
      .length,
    0,
  );
});

test('pod-grace-exceeds-nodepool: on the workload field, NodePool in related information', () => {
  const d = run(deployment({ grace: 7200 }), { 'np.yaml': nodePool('gp', { tgp: '1h' }) }, 'pod-grace-exceeds-nodepool');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /7200 \(2h\).*NodePool gp \(1h\)/);
  assert.equal(d[0].range.start.line, 13);
  assert.equal(d[0].relatedInformation![0].location.uri, uriOf('np.yaml'));
  assert.match(d[0].relatedInformation![0].message, /terminationGracePeriod: 1h/);
});

test('pod-grace-exceeds-nodepool: every workload kind with a Pod template (StatefulSet, DaemonSet, Job, CronJob, Pod)', () => {
  const np = { 'np.yaml': nodePool('gp', { tgp: '10m' }) };
  assert.equal(run(deployment({ grace: 3600, kind: 'StatefulSet' }), np, 'pod-grace-exceeds-nodepool').length, 1);
  assert.equal(run(deployment({ grace: 3600, kind: 'DaemonSet' }), np, 'pod-grace-exceeds-nodepool').length, 1);
  const job =
    'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 3600\n      restartPolicy: Never\n      containers: [{name: a, image: b}]\n';
  assert.equal(run(job, np, 'pod-grace-exceeds-nodepool').length, 1);
  const cron =
    'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          terminationGracePeriodSeconds: 3600\n          restartPolicy: Never\n          containers: [{name: a, image: b}]\n';
  assert.equal(run(cron, np, 'pod-grace-exceeds-nodepool').length, 1);
  const pod =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  terminationGracePeriodSeconds: 3600\n  containers: [{name: a, image: b}]\n';
  assert.equal(run(pod, np, 'pod-grace-exceeds-nodepool').length, 1);
});

test('pod-grace-exceeds-nodepool: only NodePools the Pods can land on (nodeSelector, affinity, tolerations)', () => {
  const pools = {
    'gpu.yaml': nodePool('gpu', { tgp: '10m', taint: 'nvidia.com/gpu' }),
    'arm.yaml': nodePool('arm', {
      tgp: '20m',
      reqs: '        - key: kubernetes.io/arch\n          operator: In\n          values: [arm64]\n',
    }),
    'team.yaml': nodePool('team', { tgp: '30m', labels: '        team: data\n' }),
  };
  // No constraints: the untainted pools (arm, team) but not the tainted gpu pool.
  let d = run(deployment({ grace: 7200 }), pools, 'pod-grace-exceeds-nodepool');
  assert.deepEqual(d[0].relatedInformation!.map((r) => r.location.uri).sort(), [uriOf('arm.yaml'), uriOf('team.yaml')]);
  // A toleration opens the gpu pool; the nodeSelector on arch=amd64 closes the arm pool.
  d = run(
    deployment({
      grace: 7200,
      nodeSelector: '        kubernetes.io/arch: amd64\n',
      tolerations: '        - key: nvidia.com/gpu\n          operator: Exists\n',
    }),
    pools,
    'pod-grace-exceeds-nodepool',
  );
  assert.deepEqual(d[0].relatedInformation!.map((r) => r.location.uri).sort(), [uriOf('gpu.yaml'), uriOf('team.yaml')]);
  // A custom label only the team pool has.
  d = run(deployment({ grace: 7200, nodeSelector: '        team: data\n' }), pools, 'pod-grace-exceeds-nodepool');
  assert.deepEqual(
    d[0].relatedInformation!.map((r) => r.location.uri),
    [uriOf('team.yaml')],
  );
  // Required node affinity selecting arm64 only.
  const affinity =
    '      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - key: kubernetes.io/arch\n                    operator: In\n                    values: [arm64]\n';
  d = run(deployment({ grace: 7200, affinity }), pools, 'pod-grace-exceeds-nodepool');
  assert.deepEqual(
    d[0].relatedInformation!.map((r) => r.location.uri),
    [uriOf('arm.yaml')],
  );
  // karpenter.sh/nodepool selects one pool by name; a pool it cannot reach keeps it silent.
  assert.equal(
    run(deployment({ grace: 7200, nodeSelector: '        karpenter.sh/nodepool: gpu\n' }), pools, 'pod-grace-exceeds-nodepool').length,
    0,
  );
});

test('workload-no-pdb: a PDB in another namespace does not cover it', () => {
  const otherNs = PDB.replace('  name: web\n', '  name: web\n  namespace: other\n');
  assert.equal(
    run(deployment({ replicas: 3, ns: 'shop' }), { 'np.yaml': nodePool('gp'), 'pdb.yaml': otherNs }, 'workload-no-pdb').length,
    1,
  );
});

test('pod-grace-exceeds-nodepool offers to lower the grace period; nodeClassRef.name goes to the NodeClass', () => {
  const d = run(
    deployment({ grace: 7200 }),
    { 'np.yaml': nodePool('gp', { tgp: '10m' }), 'np2.yaml': nodePool('gp2', { tgp: '30m' }) },
    'pod-grace-exceeds-nodepool',
  );
  const fix = (d[0].data as { fixes: { title: string; edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.edits[0].newText, '600');
  const nc = 'apiVersion: eks.amazonaws.com/v1\nkind: NodeClass\nmetadata:\n  name: private\nspec:\n  role: R\n';
  const np = nodePool('gp', { cls: 'private' });
  const s = serviceWith({ 'np.yaml': np, 'nc.yaml': nc });
  const line = np.split('\n').findIndex((l) => l.includes('name: private'));
  const locs = s.definition(uriOf('np.yaml'), { line, character: 16 });
  assert.equal(locs.length, 1);
  assert.equal(locs[0].uri, uriOf('nc.yaml'));
  assert.equal(locs[0].range.start.line, 3);
});

// ───────────────────────────── Auto Mode defaults, PDBs, do-not-disrupt ─────────────────────────────

const TGP_DEFAULT =
  'https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html (Termination Grace Period: 24 hours on the NodeClaim)';
const PDB_V1 = (spec: string, apiVersion = 'policy/v1') =>
  `apiVersion: ${apiVersion}\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n${spec}`;
const SEL = '  selector:\n    matchLabels:\n      app: web\n';
const DRAIN =
  'kubernetes-sigs/karpenter pkg/controllers/node/termination (evictions respect PodDisruptionBudgets); kubernetes/website concepts/workloads/pods/disruptions.md';
const ANNOTATED = (where: 'own' | 'template', value: string) =>
  deployment({ replicas: 2 }).replace(
    where === 'own' ? 'metadata:\n  name: web\n' : '    metadata:\n      labels:\n        app: web\n',
    where === 'own'
      ? `metadata:\n  name: web\n  annotations:\n    karpenter.sh/do-not-disrupt: "${value}"\n`
      : `    metadata:\n      annotations:\n        karpenter.sh/do-not-disrupt: "${value}"\n      labels:\n        app: web\n`,
  );
const autoPod = (selector: string) => deployment({ nodeSelector: `        eks.amazonaws.com/compute-type: auto\n${selector}` });

checkTable('Workloads on Karpenter and EKS Auto Mode', [
  {
    code: 'pod-grace-exceeds-nodepool',
    name: 'the 24h Auto Mode default counts',
    source: TGP_DEFAULT,
    files: { 'np.yaml': nodePool('gp') },
    fire: deployment({ grace: 90000 }),
    at: '90000',
    silent: deployment({ grace: 86400 }),
    count: 1,
    message: /EKS Auto Mode default/,
  },
  {
    code: 'pod-auto-mode-karpenter-label',
    name: 'nodeSelector',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html#auto-supported-labels',
    fire: autoPod('        karpenter.k8s.aws/instance-family: m7i\n'),
    at: 'karpenter.k8s.aws/instance-family',
    silent: autoPod('        eks.amazonaws.com/instance-family: m7i\n'),
    count: 1,
    severity: 'warning',
  },
  {
    code: 'pod-auto-mode-karpenter-label',
    name: 'not on self-managed nodes',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/associate-workload.html',
    fire: autoPod('        karpenter.k8s.aws/instance-family: m7i\n'),
    at: 'karpenter.k8s.aws/instance-family',
    silent: deployment({ nodeSelector: '        karpenter.k8s.aws/instance-family: m7i\n' }),
  },
  {
    code: 'pod-auto-mode-karpenter-label',
    name: 'required node affinity',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/associate-workload.html',
    fire: deployment({
      affinity:
        '      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - key: eks.amazonaws.com/compute-type\n                    operator: In\n                    values: [auto]\n                  - key: karpenter.k8s.aws/instance-gpu-count\n                    operator: Gt\n                    values: ["0"]\n',
    }),
    at: 'karpenter.k8s.aws/instance-gpu-count',
    silent: deployment({
      affinity:
        '      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - key: eks.amazonaws.com/compute-type\n                    operator: In\n                    values: [auto]\n                  - key: eks.amazonaws.com/instance-gpu-count\n                    operator: Gt\n                    values: ["0"]\n',
    }),
  },
  {
    code: 'pdb-blocks-eviction',
    name: 'maxUnavailable 0',
    source: DRAIN,
    fire: PDB_V1(`  maxUnavailable: 0\n${SEL}`),
    at: '0',
    silent: PDB_V1(`  maxUnavailable: 1\n${SEL}`),
    count: 1,
    severity: 'warning',
  },
  {
    code: 'pdb-blocks-eviction',
    name: 'minAvailable 100%',
    source: DRAIN,
    fire: PDB_V1(`  minAvailable: 100%\n${SEL}`),
    at: '100%',
    silent: PDB_V1(`  minAvailable: 50%\n${SEL}`),
    count: 1,
  },
  {
    code: 'pdb-blocks-eviction',
    name: 'minAvailable equal to the replicas',
    source: DRAIN,
    files: { 'deploy.yaml': deployment({ replicas: 3 }) },
    fire: PDB_V1(`  minAvailable: 3\n${SEL}`),
    at: '3',
    silent: PDB_V1(`  minAvailable: 2\n${SEL}`),
    count: 1,
    severity: 'info',
    message: /not below the 3 replicas written for Deployment web/,
  },
  {
    code: 'pdb-blocks-eviction',
    name: 'an HPA scales the replicas',
    source: DRAIN,
    files: { 'deploy.yaml': deployment({ replicas: 3 }) },
    fire: PDB_V1(`  minAvailable: 3\n${SEL}`),
    at: '3',
    silent:
      PDB_V1(`  minAvailable: 3\n${SEL}`) +
      '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 10\n',
  },
  {
    code: 'do-not-disrupt-misplaced',
    source: 'kubernetes-sigs/karpenter pkg/utils/pod/scheduling.go (IsDoNotDisruptActive reads pod.Annotations)',
    fire: ANNOTATED('own', 'true'),
    at: 'karpenter.sh/do-not-disrupt',
    silent: ANNOTATED('template', 'true'),
    count: 1,
    severity: 'warning',
  },
  {
    code: 'do-not-disrupt-value',
    name: 'Pods: "true" or a positive Go duration',
    source: 'kubernetes-sigs/karpenter pkg/utils/pod/scheduling.go (parseDoNotDisrupt: time.ParseDuration, positive)',
    fire: ANNOTATED('template', 'yes'),
    at: '"yes"',
    silent: ANNOTATED('template', '1h30m'),
    count: 1,
  },
  {
    code: 'do-not-disrupt-value',
    name: 'a zero duration is not positive',
    source: 'kubernetes-sigs/karpenter pkg/utils/pod/scheduling.go',
    fire: ANNOTATED('template', '0s'),
    at: '"0s"',
    silent: ANNOTATED('template', '30m'),
  },
  {
    code: 'do-not-disrupt-value',
    name: 'nodes: only "true"',
    source: 'kubernetes-sigs/karpenter pkg/controllers/state/statenode.go',
    fire: nodePool('gp').replace(
      '  template:\n',
      '  template:\n    metadata:\n      annotations:\n        karpenter.sh/do-not-disrupt: "1h"\n',
    ),
    at: '"1h"',
    silent: nodePool('gp').replace(
      '  template:\n',
      '  template:\n    metadata:\n      annotations:\n        karpenter.sh/do-not-disrupt: "true"\n',
    ),
  },
  // policy/v1: "an empty spec.selector ({}) selects all pods in the namespace" (deprecation guide, PodDisruptionBudget v1.25).
  {
    code: 'workload-no-pdb',
    name: 'a policy/v1 PDB with selector {} covers every Pod',
    source: 'kubernetes/website deprecation-guide.md (PodDisruptionBudget v1.25)',
    files: { 'np.yaml': nodePool('gp') },
    fire: deployment({ replicas: 3 }) + '---\n' + PDB_V1('  maxUnavailable: 1\n  selector: {}\n', 'policy/v1beta1'),
    at: '3',
    silent: deployment({ replicas: 3 }) + '---\n' + PDB_V1('  maxUnavailable: 1\n  selector: {}\n'),
  },
]);

test('pod-grace-exceeds-nodepool: self-managed Karpenter has no 24h default (NodeClaims then have no terminationGracePeriod)', () => {
  assert.equal(
    run(
      deployment({ grace: 90000 }),
      { 'np.yaml': nodePool('gp', { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' }) },
      'pod-grace-exceeds-nodepool',
    ).length,
    0,
  );
});

test('pdb-blocks-eviction: silent when the replicas are not written (an overlay may set them: kubernetes-sigs/metrics-server high-availability component)', () => {
  assert.equal(run(PDB_V1(`  minAvailable: 1\n${SEL}`), { 'deploy.yaml': deployment() }, 'pdb-blocks-eviction').length, 0);
});

test('pod-auto-mode-karpenter-label offers the eks.amazonaws.com label', () => {
  const d = run(autoPod('        karpenter.k8s.aws/instance-family: m7i\n'), {}, 'pod-auto-mode-karpenter-label');
  assert.equal((d[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0].edits[0].newText, 'eks.amazonaws.com/instance-family');
});

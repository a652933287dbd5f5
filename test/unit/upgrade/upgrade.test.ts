/**
 * The EKS calendar, the support window of eksctl versions and of the target version, and the
 * version-specific breakages, each firing and silent with its exact text. Sources: awsdocs/amazon-eks-user-guide
 * latest/ug/versioning/kubernetes-versions.adoc (calendar) and kubernetes-versions-standard.adoc (per-version
 * changes), https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-standard.html.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, withCode } from '../../helpers/service';
import { cc, textAt } from '../../helpers/eksctl';
import { supportStatus, supportWindowText, versionSteps, minorOf, newestStandard } from '../../../server/src/service/upgrade/calendar';
import { targetVersionNote } from '../../../server/src/service/upgrade/checks';
import { UPGRADE_CODES } from '../../../server/src/service/upgrade/codes';
import { planUpgrade, removedApisUpTo } from '../../../server/src/service/upgrade/plan';
import { indexWith } from '../../helpers/service';

test('calendar: phases on both sides of each boundary (kubernetes-versions.adoc release calendar)', () => {
  assert.equal(supportStatus('1.33', '2026-07-28').phase, 'standard');
  assert.equal(supportStatus('1.33', '2026-07-29').phase, 'extended'); // billing starts on the end-of-standard day
  assert.equal(supportStatus('1.33', '2027-07-28').phase, 'extended');
  assert.equal(supportStatus('1.33', '2027-07-29').phase, 'ended');
  assert.equal(supportStatus('1.35', '2026-01-01').phase, 'not-yet-released');
  assert.equal(supportStatus('1.22', '2026-01-01').phase, 'ended'); // older than the table
  assert.equal(supportStatus('1.40', '2026-01-01').phase, 'unknown');
  assert.equal(supportStatus('latest', '2026-01-01').phase, 'unknown');
  assert.equal(minorOf('v1.31.4-eks-1'), '1.31');
  assert.deepEqual(versionSteps('1.31', '1.34'), ['1.32', '1.33', '1.34']);
  assert.equal(newestStandard('2026-06-01'), '1.35');
  assert.match(supportWindowText('1.30', '2026-06-01'), /extended support, billed per cluster hour, until 2026-07-23/);
});

test('target version note: warning past extended support, info in extended support, nothing in standard', () => {
  assert.equal(targetVersionNote({ kubernetesVersion: '1.29', today: '2026-06-01' })?.severity, 'warning');
  assert.match(targetVersionNote({ kubernetesVersion: '1.29', today: '2026-06-01' })!.message, /2026-03-23/);
  assert.equal(targetVersionNote({ kubernetesVersion: '1.31', today: '2026-06-01' })?.severity, 'info');
  assert.equal(targetVersionNote({ kubernetesVersion: '1.34', today: '2026-06-01' }), undefined);
});

const ON = '2026-06-01';

interface Case {
  code: string;
  source: string;
  fire: string;
  silent: string;
  fireText: string;
  target?: string;
}

const EP = 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: legacy\nsubsets: []\n';
const SA = (ann: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  annotations:\n    ${ann}: "true"\n`;
const DEPLOY = (ann: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n      annotations:\n        ${ann}: runtime/default\n    spec:\n      containers:\n        - name: web\n          image: nginx\n`;
const VAC = (v: string) =>
  `apiVersion: ${v}\nkind: VolumeAttributesClass\nmetadata:\n  name: fast\ndriverName: ebs.csi.aws.com\nparameters:\n  iops: "6000"\n`;
const NC = (alias: string) =>
  `apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: default\nspec:\n  role: KarpenterNodeRole\n  amiSelectorTerms:\n    - alias: ${alias}\n  subnetSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]\n  securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]\n`;
const KP = (mode: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kube-proxy-config\n  namespace: kube-system\ndata:\n  config: |\n    kind: KubeProxyConfiguration\n    mode: "${mode}"\n`;
const BOOT = (script: string) =>
  cc(
    `autoModeConfig: {enabled: false}\nnodeGroups:\n  - name: ng-1\n    overrideBootstrapCommand: |\n      #!/bin/bash\n      /etc/eks/bootstrap.sh demo --kubelet-extra-args '${script}'\n`,
  );

const cases: Case[] = [
  {
    code: 'eks-version-end-of-support',
    source: 'kubernetes-versions.adoc: 1.29 extended support ended 2026-03-23',
    fire: cc('', '"1.29"'),
    silent: cc('', '"1.32"'),
    fireText: '"1.29"',
  },
  {
    code: 'eks-version-extended-support',
    source: 'kubernetes-versions.adoc: 1.31 standard support ended 2025-11-26',
    fire: cc('', '"1.31"'),
    silent: cc('', '"1.33"'),
    fireText: '"1.31"',
  },
  {
    code: 'upgrade-al2-ami',
    source: 'kubernetes-versions-standard.adoc 1.32 (last AL2 AMIs); eksctl types.go AmazonLinux2EOLVersion',
    fire: cc('autoModeConfig: {enabled: false}\nmanagedNodeGroups:\n  - name: a\n    amiFamily: AmazonLinux2\n', '"1.32"'),
    silent: cc('autoModeConfig: {enabled: false}\nmanagedNodeGroups:\n  - name: a\n    amiFamily: AmazonLinux2023\n', '"1.32"'),
    fireText: 'AmazonLinux2',
    target: '1.33',
  },
  {
    code: 'upgrade-al2-ami',
    source: 'kubernetes-versions-standard.adoc 1.33 (no AL2 AMIs); Karpenter EC2NodeClass alias',
    fire: NC('al2@latest'),
    silent: NC('al2023@latest'),
    fireText: 'al2@latest',
    target: '1.33',
  },
  {
    code: 'upgrade-cgroup-v1',
    source: 'kubernetes-versions-standard.adoc 1.35 (kubelet refuses cgroup v1)',
    fire: BOOT('--node-labels=a=b').replace(
      '/etc/eks/bootstrap.sh',
      'grubby --update-kernel=ALL --args="systemd.unified_cgroup_hierarchy=0"\n      /etc/eks/bootstrap.sh',
    ),
    silent: BOOT('--node-labels=a=b'),
    fireText: 'systemd.unified_cgroup_hierarchy=0',
    target: '1.35',
  },
  {
    code: 'upgrade-removed-kubelet-flag',
    source: 'kubernetes-versions-standard.adoc 1.35 (--pod-infra-container-image removed)',
    fire: BOOT('--pod-infra-container-image=602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/pause:3.5'),
    silent: BOOT('--max-pods=58'),
    fireText: '--pod-infra-container-image',
    target: '1.35',
  },
  {
    code: 'upgrade-removed-kubelet-flag',
    source: 'kubernetes-versions-standard.adoc 1.31 (--keep-terminated-pod-volumes removed)',
    fire: BOOT('--keep-terminated-pod-volumes'),
    silent: BOOT('--keep-terminated-pod-volumes').replace('"1.34"', '"1.30"'),
    fireText: '--keep-terminated-pod-volumes',
    target: '1.30',
  },
  {
    code: 'upgrade-deprecated-feature',
    source: 'kubernetes-versions-standard.adoc 1.33 (Endpoints API deprecated)',
    fire: EP,
    silent: EP.replace('kind: Endpoints', 'kind: Service'),
    fireText: 'Endpoints',
    target: '1.33',
  },
  {
    code: 'upgrade-deprecated-feature',
    source: 'kubernetes-versions-standard.adoc 1.32 (enforce-mountable-secrets deprecated)',
    fire: SA('kubernetes.io/enforce-mountable-secrets'),
    silent: SA('eks.amazonaws.com/sts-regional-endpoints'),
    fireText: 'kubernetes.io/enforce-mountable-secrets',
    target: '1.32',
  },
  {
    code: 'upgrade-deprecated-feature',
    source: 'kubernetes-versions-standard.adoc 1.34 (AppArmor deprecated)',
    fire: DEPLOY('container.apparmor.security.beta.kubernetes.io/web'),
    silent: DEPLOY('seccomp.example.com/profile'),
    fireText: 'container.apparmor.security.beta.kubernetes.io/web',
    target: '1.34',
  },
  {
    code: 'upgrade-deprecated-feature',
    source: 'kubernetes-versions-standard.adoc 1.35 (kube-proxy IPVS deprecated)',
    fire: KP('ipvs'),
    silent: KP('iptables'),
    fireText: '',
    target: '1.35',
  },
  {
    code: 'upgrade-vac-beta',
    source: 'kubernetes-versions-standard.adoc 1.34 (VolumeAttributesClass GA)',
    fire: VAC('storage.k8s.io/v1beta1'),
    silent: VAC('storage.k8s.io/v1'),
    fireText: 'storage.k8s.io/v1beta1',
    target: '1.34',
  },
  {
    code: 'upgrade-addon-version-skew',
    source: 'managing-kube-proxy.adoc (kube-proxy minor follows the cluster)',
    fire: cc('addons:\n  - name: kube-proxy\n    version: v1.33.3-eksbuild.2\n'),
    silent: cc('addons:\n  - name: kube-proxy\n    version: v1.34.1-eksbuild.2\n'),
    fireText: 'v1.33.3-eksbuild.2',
  },
];

for (const c of cases) {
  test(`${c.code}: fires and is silent (${c.source})`, () => {
    const settings = { today: ON, kubernetesVersion: c.target ?? '1.34' };
    const fired = withCode(diagnose(c.fire, settings), c.code);
    assert.equal(
      fired.length,
      1,
      `expected one ${c.code}, got ${JSON.stringify(diagnose(c.fire, settings).map((d) => [d.code, d.message]))}`,
    );
    if (c.fireText) assert.equal(textAt(c.fire, fired[0]), c.fireText);
    assert.deepEqual(
      withCode(diagnose(c.silent, settings), c.code).map((d) => d.message),
      [],
    );
  });
}

test('a breakage needs the target version: silent one version below', () => {
  assert.equal(withCode(diagnose(EP, { kubernetesVersion: '1.32' }), 'upgrade-deprecated-feature').length, 0);
  assert.equal(withCode(diagnose(VAC('storage.k8s.io/v1beta1'), { kubernetesVersion: '1.33' }), 'upgrade-vac-beta').length, 0);
  assert.equal(
    withCode(
      diagnose(BOOT('--pod-infra-container-image=x'), { kubernetesVersion: '1.34' }).filter((d) => !/1\.34/.test(d.message)),
      'upgrade-removed-kubelet-flag',
    ).length,
    0,
  );
});

test('the VolumeAttributesClass quick fix changes only the apiVersion', () => {
  const text = VAC('storage.k8s.io/v1beta1');
  const d = withCode(diagnose(text, { kubernetesVersion: '1.34' }), 'upgrade-vac-beta')[0];
  const fix = (d.data as { fixes: { edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.edits[0].newText, 'storage.k8s.io/v1');
});

test('every upgrade code has a firing case', () => {
  const covered = new Set(cases.map((c) => c.code));
  assert.deepEqual(
    UPGRADE_CODES.map((c) => c.code).filter((c) => !covered.has(c)),
    [],
  );
});

test('EC2NodeClass with custom AL2 AMIs (selector terms other than an alias): no AL2 AMI finding, cgroup v1 from 1.35', () => {
  const custom = `apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: custom\nspec:\n  role: KarpenterNodeRole\n  amiFamily: AL2\n  amiSelectorTerms:\n    - id: ami-0123456789abcdef0\n  subnetSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]\n  securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]\n`;
  assert.equal(withCode(diagnose(custom, { kubernetesVersion: '1.34' }), 'upgrade-al2-ami').length, 0);
  const d = withCode(diagnose(custom, { kubernetesVersion: '1.35' }), 'upgrade-cgroup-v1');
  assert.equal(d.length, 1);
  assert.equal(textAt(custom, d[0]), 'AL2');
});

test('plan and removedApis: the replacement served at the target, deprecations without a removal, never-served kinds (shared/apiVersions.ts)', () => {
  const byKey = (target: string) => new Map(removedApisUpTo(target).map((a) => [`${a.apiVersion}|${a.kind}`, a]));
  assert.equal(byKey('1.27').get('flowcontrol.apiserver.k8s.io/v1beta1|FlowSchema')?.replacement, 'flowcontrol.apiserver.k8s.io/v1beta3');
  assert.equal(byKey('1.34').get('flowcontrol.apiserver.k8s.io/v1beta1|FlowSchema')?.replacement, 'flowcontrol.apiserver.k8s.io/v1');
  assert.equal(byKey('1.34').get('policy/v1beta1|PodSecurityPolicy')?.replacement, undefined);
  // v1 Endpoints is deprecated with no removal scheduled; apps/v1beta1 never served ReplicaSet: nothing to look for on a cluster.
  assert.equal(byKey('1.34').has('v1|Endpoints'), false);
  assert.equal(byKey('1.34').has('apps/v1beta1|ReplicaSet'), false);
  assert.equal(byKey('1.24').has('batch/v1beta1|CronJob'), false);
  const index = indexWith({
    'ep.yaml': 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ext\nsubsets: []\n',
    'rs.yaml': 'apiVersion: apps/v1beta1\nkind: ReplicaSet\nmetadata:\n  name: old\n',
    'fs.yaml': 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta2\nkind: FlowSchema\nmetadata:\n  name: f\n',
  });
  const items = planUpgrade(index, { target: '1.34', today: ON }).items;
  const of = (name: string) => items.find((i) => i.object.endsWith(' ' + name) && (i.section === 'removed' || i.section === 'deprecated'));
  assert.deepEqual([of('ext')?.section, of('ext')?.level], ['deprecated', 'should']);
  assert.match(of('ext')!.message, /deprecated since Kubernetes 1\.33 \(no removal is scheduled\): move to discovery\.k8s\.io\/v1\./);
  assert.match(of('old')!.message, /^apps\/v1beta1 never served ReplicaSet: use apps\/v1\./);
  assert.match(of('f')!.message, /was removed in Kubernetes 1\.29: use flowcontrol\.apiserver\.k8s\.io\/v1\./);
  assert.equal(
    planUpgrade(index, { target: '1.32', today: ON }).items.find((i) => i.object.endsWith(' ext') && i.section === 'deprecated'),
    undefined,
  );
});

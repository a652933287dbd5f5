/** `eks-manifests plan-upgrade` as CI runs it: the bundled CLI, real files, exit codes, the three formats. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { ROOT } from '../helpers/lspClient';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-plan-'));
const write = (f: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
  fs.writeFileSync(path.join(tmp, f), text);
};
write(
  'cluster.yaml',
  `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: shop
  region: eu-west-1
  version: "1.32"
autoModeConfig:
  enabled: false
managedNodeGroups:
  - name: ng-1
    amiFamily: AmazonLinux2
addons:
  - name: kube-proxy
    version: v1.32.6-eksbuild.2
`,
);
write(
  'apps/flowschema.yaml',
  'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: fs\nspec:\n  priorityLevelConfiguration: {name: global-default}\n',
);
write('apps/endpoints.yaml', 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: legacy\nsubsets: []\n');
write(
  'apps/flux.yaml',
  'apiVersion: helm.toolkit.fluxcd.io/v2beta2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: web\nspec:\n  interval: 10m\n  chart:\n    spec:\n      chart: podinfo\n      sourceRef: {kind: HelmRepository, name: podinfo}\n',
);
write('ok/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n');

const run = (args: string[]) => runCli(['plan-upgrade', ...args], tmp);

test('text report: removed APIs, eksctl steps, AL2, kube-proxy, Flux, each at file:line:col; exit 1 when something must change', () => {
  const r = run(['--to', '1.35', '--today', '2026-06-01', '.']);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^Upgrade plan: Kubernetes 1\.35/);
  assert.match(r.out, /Kubernetes 1\.35 is in EKS standard support until 2027-03-27/);
  assert.match(
    r.out,
    /apps\/flowschema\.yaml:1:13: must FlowSchema fs: flowcontrol\.apiserver\.k8s\.io\/v1beta3 was removed in Kubernetes 1\.32: use flowcontrol\.apiserver\.k8s\.io\/v1/,
  );
  assert.match(
    r.out,
    /cluster\.yaml:6:12: must eksctl ClusterConfig shop: The control plane is at 1\.32; EKS upgrades one minor version at a time: 1\.32 → 1\.33 → 1\.34 → 1\.35/,
  );
  assert.match(r.out, /cluster\.yaml:11:16: must eksctl ClusterConfig shop: managedNodeGroups\[0\] runs Amazon Linux 2/);
  assert.match(
    r.out,
    /cluster\.yaml:14:14: must eksctl ClusterConfig shop: kube-proxy v1\.32\.6-eksbuild\.2 must follow the cluster minor: use a v1\.35\.x-eksbuild version/,
  );
  assert.match(r.out, /apps\/endpoints\.yaml:2:7: should Endpoints legacy: The Endpoints API is deprecated from Kubernetes 1\.33/);
  assert.match(
    r.out,
    /apps\/flux\.yaml:1:13: must HelmRelease web\/podinfo: helm\.toolkit\.fluxcd\.io\/v2beta2 is not served by current Flux/,
  );
  assert.match(r.out, / 1\.32: standard support until 2026-03-23, extended until 2027-03-23 \(extended\)/);
});

test('nothing to change: exit 0', () => {
  const r = run(['--to', '1.35', '--today', '2026-06-01', 'ok']);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /0 changes to make before upgrading, 0 to plan, 1 object checked/);
});

test('a lower target: the FlowSchema removal does not apply yet', () => {
  const r = run(['--to', '1.31', '--today', '2026-06-01', 'apps/flowschema.yaml']);
  assert.match(r.out, /deprecated and stops being served in Kubernetes 1\.32/);
  assert.equal(r.code, 0);
});

test('--format markdown links each line to its location; --format json is the plan object', () => {
  const md = run(['--to', '1.35', '--today', '2026-06-01', '--format', 'markdown', '.']);
  assert.match(md.out, /^# Upgrade plan: Kubernetes 1\.35/);
  assert.match(md.out, /\| 1\.35 \| 2027-03-27 \| 2028-03-27 \| standard \|/);
  assert.match(md.out, /\(\[apps\/flowschema\.yaml:1\]\(apps\/flowschema\.yaml#L1\)\)/);
  const js = JSON.parse(run(['--to', '1.35', '--today', '2026-06-01', '--format=json', '.']).out);
  assert.equal(js.target, '1.35');
  assert.ok(js.items.some((i: { section: string; object: string }) => i.section === 'removed' && i.object === 'FlowSchema fs'));
  assert.ok(js.items.every((i: { location?: { uri: string } }) => !i.location || i.location.uri.startsWith('file://')));
});

test('usage errors exit 2', () => {
  assert.equal(run(['.']).code, 2);
  assert.match(run(['.']).err, /--to X\.Y is required/);
  assert.equal(run(['--to', 'latest', '.']).code, 2);
  assert.equal(run(['--to', '1.35', 'missing-folder']).code, 2);
  assert.equal(run(['--help']).code, 0);
});

test('the examples folder: the report runs and names the eksctl example', () => {
  const r = runCli(['plan-upgrade', '--to', '1.35', '--today', '2026-06-01', 'examples'], ROOT);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  assert.match(r.out, /Upgrade plan: Kubernetes 1\.35/);
});

test('check prints a note when --kubernetes-version is past EKS extended support', () => {
  const r = runCli(['check', '--kubernetes-version', '1.27', path.join(tmp, 'ok')]);
  assert.match(
    r.out,
    /--kubernetes-version 1\.27: warning: Target Kubernetes 1\.27: Kubernetes 1\.27 reached the end of EKS extended support on 2025-07-24/,
  );
});

/** NodePool checks through the bundled CLI (dist/cli.js): a folder with a NodePool and a workload in separate files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { autoNodePool } from '../helpers/nodepool';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-np-cli-'));
fs.writeFileSync(
  path.join(tmp, 'nodepool.yaml'),
  autoNodePool(`        - key: karpenter.k8s.aws/instance-family
          operator: In
          values: ["m7i"]
      expireAfter: 720h
      terminationGracePeriod: 1h
`),
);
fs.writeFileSync(
  path.join(tmp, 'web.yaml'),
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 7200
      containers: [{name: web, image: nginx}]
`,
);

test('eks-manifests check reports NodePool findings, including the cross-file grace period, and exits 1 on the error', () => {
  const r = runCli(['check', tmp]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /nodepool\.yaml:13:\d+: error \[nodepool-auto-mode-karpenter-label\]/);
  assert.match(r.out, /nodepool\.yaml:16:\d+: warning \[nodepool-expire-after-too-long\]/);
  assert.match(r.out, /web\.yaml:10:\d+: warning \[pod-grace-exceeds-nodepool\]/);
});

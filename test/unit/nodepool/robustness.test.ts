/** Odd YAML in every NodePool field (nulls, lists, maps, numbers, aliases) never makes a check, completion or hover throw. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceWith, uriOf } from '../../helpers/service';

const BASE = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: general
spec:
  template:
    metadata:
      labels:
        team: a
    spec:
      nodeClassRef:
        group: eks.amazonaws.com
        kind: NodeClass
        name: default
      requirements:
        - key: eks.amazonaws.com/instance-category
          operator: In
          values: ["c"]
          minValues: 1
      expireAfter: 336h
      terminationGracePeriod: 1h
      taints:
        - key: a
          effect: NoSchedule
  disruption:
    consolidationPolicy: WhenEmpty
    consolidateAfter: 5m
    budgets:
      - nodes: "1"
        schedule: "@daily"
        duration: 8h
  limits:
    cpu: 10
  weight: 5
`;

test('every field replaced by odd values: no check, completion or hover throws', () => {
  const odd = ['null', '[]', '{}', '[1, 2]', '{a: b}', '*x', '""', '7', 'true'];
  const lines = BASE.split('\n');
  let variants = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*-?\s*[^:]+:)\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    for (const r of odd) {
      const copy = [...lines];
      copy[i] = `${m[1]} ${r}`;
      const text = (r === '*x' ? 'x: &x {a: 1}\n---\n' : '') + copy.join('\n');
      const plain = r === '*x' ? '{}' : r;
      const workload = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: 3\n  template:\n    metadata:\n      labels: ${plain}\n    spec:\n      terminationGracePeriodSeconds: 9999\n      nodeSelector: ${plain}\n      tolerations: ${plain}\n      affinity: ${plain}\n      containers: []\n`;
      const s = serviceWith({ 'np.yaml': text, 'w.yaml': workload });
      s.validate(uriOf('np.yaml'));
      s.validate(uriOf('w.yaml'));
      for (let l = 0; l <= copy.length; l += 3)
        for (const c of [4, 12]) {
          s.complete(uriOf('np.yaml'), { line: l, character: c });
          s.hover(uriOf('np.yaml'), { line: l, character: c });
        }
      assert.deepEqual(s.internalErrors, [], `line ${i} → ${r}`);
      variants++;
    }
  }
  assert.ok(variants > 200);
});

/** The documents the newer NodeClass, workload and PodDisruptionBudget checks read. */
const OTHERS = `apiVersion: eks.amazonaws.com/v1
kind: NodeClass
metadata:
  name: private
spec:
  role: R
  instanceProfile: P
  subnetSelectorTerms:
    - id: subnet-1
  securityGroupSelectorTerms:
    - id: sg-1
  ephemeralStorage:
    size: 80Gi
  advancedSecurity:
    fips: true
    kernelLockdown: integrity
  capacityReservationSelectorTerms:
    - owner: "1"
      tags:
        a: b
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: w
  annotations:
    karpenter.sh/do-not-disrupt: "true"
spec:
  replicas: 2
  selector:
    matchLabels:
      app: w
  template:
    metadata:
      labels:
        app: w
      annotations:
        karpenter.sh/do-not-disrupt: 5m
    spec:
      nodeSelector:
        eks.amazonaws.com/compute-type: auto
        karpenter.k8s.aws/instance-family: m7i
      containers:
        - name: a
          image: b
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: w
spec:
  minAvailable: 2
  maxUnavailable: 0
  selector:
    matchLabels:
      app: w
`;

test('NodeClass, workload and PDB fields replaced by odd values: no check throws', () => {
  const odd = ['null', '[]', '{}', '[1, 2]', '{a: b}', '""', '7', 'true', '"0%"'];
  const lines = OTHERS.split('\n');
  let variants = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*-?\s*[^:]+:)\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    for (const r of odd) {
      const copy = [...lines];
      copy[i] = `${m[1]} ${r}`;
      const s = serviceWith({ 'o.yaml': copy.join('\n') });
      s.validate(uriOf('o.yaml'));
      assert.deepEqual(s.internalErrors, [], `line ${i} → ${r}`);
      variants++;
    }
  }
  assert.ok(variants > 300);
});

/** The CLI runs the domain modules too (ALB, NodePool, NetworkPolicy), cross-file checks included. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { autoNodePool } from '../helpers/nodepool';

function check(dir: string): { code: number | null; codes: string[] } {
  const r = runCli(['check', '--format', 'json', dir]);
  return { code: r.code, codes: (JSON.parse(r.out) as { code: string }[]).map((x) => x.code) };
}

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
  annotations:
    alb.ingress.kubernetes.io/shceme: internet-facing
    alb.ingress.kubernetes.io/actions.rollout: '{"type": "forward", "forwardConfig": {"targetGroups": [{"serviceName": "web", "servicePort": 80, "weight": 1000}]}}'
spec:
  ingressClassName: alb
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: rollout
                port:
                  name: use-annotations
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  ports:
    - port: 80
      protocol: TCP
`;
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - ports:
        - protocol: tcp
          port: 8080
`;
const NODEPOOL = autoNodePool(`        - key: karpenter.k8s.aws/instance-category
          operator: In
          values: ["c", "m"]
`);

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-cli-domains-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test('ALB, NetworkPolicy and NodePool mistakes are reported by the CLI with their codes', () => {
  const r = check(workspace({ 'ingress.yaml': INGRESS, 'service.yaml': SERVICE, 'policy.yaml': POLICY, 'nodepool.yaml': NODEPOOL }));
  assert.equal(r.code, 1);
  for (const code of [
    'alb-unknown-annotation',
    'alb-use-annotation-typo',
    'alb-action-weight-range',
    'np-protocol',
    'nodepool-auto-mode-karpenter-label',
  ]) {
    assert.ok(r.codes.includes(code), `${code} missing from ${JSON.stringify(r.codes)}`);
  }
});

test('the corrected files raise none of them', () => {
  const r = check(
    workspace({
      'ingress.yaml': INGRESS.replace('shceme', 'scheme')
        .replace('"weight": 1000', '"weight": 100')
        .replace('use-annotations', 'use-annotation'),
      'service.yaml': SERVICE,
      'policy.yaml': POLICY.replace('protocol: tcp', 'protocol: TCP'),
      'nodepool.yaml': NODEPOOL.replace('karpenter.k8s.aws/instance-category', 'eks.amazonaws.com/instance-category'),
    }),
  );
  for (const code of [
    'alb-unknown-annotation',
    'alb-use-annotation-typo',
    'alb-action-weight-range',
    'np-protocol',
    'nodepool-auto-mode-karpenter-label',
  ]) {
    assert.ok(!r.codes.includes(code), `${code} still reported: ${JSON.stringify(r.codes)}`);
  }
  assert.equal(r.code, 0, JSON.stringify(r.codes));
});

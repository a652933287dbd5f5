/** Removed and deprecated apiVersions (kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, withCode, serviceWith, uriOf } from '../helpers/service';
import { checkTable } from '../helpers/checkTable';

const GUIDE = 'kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md';
const obj = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`;

const ingressBeta = 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: x\n';

test('api-removed fires for an Ingress v1beta1 at 1.34, names the replacement, no mechanical fix', () => {
  const d = withCode(diagnose(ingressBeta), 'api-removed');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /removed in Kubernetes 1\.22.*networking\.k8s\.io\/v1/);
  assert.equal(d[0].severity, 1);
  assert.deepEqual(d[0].range.start, { line: 0, character: 12 });
  assert.equal((d[0].data as { fixes?: unknown[] } | undefined)?.fixes, undefined);
  assert.equal(d[0].source, 'eks-manifests');
  assert.equal(d[0].codeDescription?.href, 'file:///docs/diagnostics.md#api-removed');
});

checkTable('apiVersion lifecycle', [
  { code: 'api-deprecated', name: 'PDB policy/v1beta1 at 1.24', source: GUIDE, settings: { kubernetesVersion: '1.24' }, fire: obj('policy/v1beta1', 'PodDisruptionBudget'), at: 'policy/v1beta1', silent: obj('policy/v1', 'PodDisruptionBudget'), count: 1, severity: 'warning' },
  { code: 'api-removed', name: 'PDB policy/v1beta1 at 1.25', source: GUIDE, settings: { kubernetesVersion: '1.25' }, fire: obj('policy/v1beta1', 'PodDisruptionBudget'), at: 'policy/v1beta1', silent: obj('policy/v1', 'PodDisruptionBudget'), count: 1 },
]);

test('api-deprecated: not before the deprecation, and never together with api-removed', () => {
  const pdb = obj('policy/v1beta1', 'PodDisruptionBudget');
  assert.equal(withCode(diagnose(pdb, { kubernetesVersion: '1.24' }), 'api-removed').length, 0);
  assert.equal(diagnose(pdb, { kubernetesVersion: '1.20' }).length, 0);
});

test('mechanical moves carry a quick fix that rewrites the apiVersion', () => {
  const text = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: x\n';
  const s = serviceWith({ 'a.yaml': text });
  const d = s.validate(uriOf('a.yaml'));
  const actions = s.codeActions(uriOf('a.yaml'), d[0].range, d);
  const fix = actions.find((a) => a.title === 'Change apiVersion to batch/v1');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const edit = fix!.edit!.changes![uriOf('a.yaml')][0];
  assert.equal(edit.newText, 'batch/v1');
  assert.deepEqual(edit.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 25 } });
});

test('autoscaling/v2beta2 removed in 1.26, flowcontrol v1beta3 in 1.32', () => {
  assert.equal(withCode(diagnose('apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: x\n', { kubernetesVersion: '1.26' }), 'api-removed').length, 1);
  assert.equal(withCode(diagnose('apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: x\n', { kubernetesVersion: '1.31' }), 'api-deprecated').length, 1);
  assert.equal(withCode(diagnose('apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: x\n', { kubernetesVersion: '1.32' }), 'api-removed').length, 1);
});

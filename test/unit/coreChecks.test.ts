import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, withCode, codesOf, serviceWith, uriOf } from '../helpers/service';

test('yaml-syntax: reported with a position; the other documents are still checked', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: [1,\n---\napiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: b\n';
  const d = diagnose(text);
  const syn = withCode(d, 'yaml-syntax');
  assert.ok(syn.length >= 1);
  assert.ok(syn[0].range.start.line >= 4 && syn[0].range.start.line <= 5, JSON.stringify(syn[0].range));
  assert.equal(withCode(d, 'api-removed').length, 1);
});

test('yaml-syntax: silent on valid YAML, and off when another extension reports it', () => {
  assert.deepEqual(diagnose('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n'), []);
  assert.equal(withCode(diagnose('apiVersion: v1\nkind: ConfigMap\nmetadata: [\n', { syntaxErrors: false }), 'yaml-syntax').length, 0);
});

test('files that are not Kubernetes manifests get no diagnostics at all', () => {
  assert.deepEqual(diagnose('name: CI\non: [push]\njobs: {build: [\n'), []);
});

test('missing-api-version / missing-kind / missing-name fire, and are silent when present', () => {
  assert.deepEqual(codesOf(diagnose('kind: Service\nmetadata:\n  name: a\n')), ['missing-api-version']);
  assert.match(diagnose('kind: Service\nmetadata:\n  name: a\n')[0].message, /apiVersion: v1/);
  assert.deepEqual(codesOf(diagnose('apiVersion: v1\nmetadata:\n  name: a\n')), ['missing-kind']);
  assert.deepEqual(codesOf(diagnose('apiVersion: v1\nkind: Service\nmetadata:\n  labels: {}\n')), ['missing-name']);
  assert.deepEqual(diagnose('apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: run-\n'), []);
  assert.deepEqual(diagnose('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n'), []);
});

test('meta-value-not-string: numbers, booleans and null in labels/annotations/ConfigMap data, with a quoting fix', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    tier: 1\n    ok: "1"\n  annotations:\n    inject: false\n    empty:\ndata:\n  port: 8080\n  name: web\n';
  const s = serviceWith({ 'a.yaml': text });
  const d = withCode(s.validate(uriOf('a.yaml')), 'meta-value-not-string');
  assert.equal(d.length, 4, JSON.stringify(d.map((x) => x.message)));
  const actions = s.codeActions(uriOf('a.yaml'), d[0].range, [d[0]]);
  assert.equal(actions[0].title, 'Quote the value: "1"');
  assert.equal(actions[0].edit!.changes![uriOf('a.yaml')][0].newText, '"1"');
});

test('meta-value-not-string: Pod template labels and selectors of workloads', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels:\n      v: 2\n  template:\n    metadata:\n      labels:\n        v: 2\n';
  assert.equal(withCode(diagnose(text), 'meta-value-not-string').length, 2);
  assert.deepEqual(diagnose(text.replace(/v: 2/g, 'v: "2"')), []);
});

test('suppression: next-line comment, document comment, and the setting', () => {
  const base = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n';
  assert.equal(diagnose(base + '    # eks-manifests-disable-next-line meta-value-not-string\n    tier: 1\n').length, 0);
  assert.equal(diagnose(base + '    # eks-manifests-disable-next-line api-removed\n    tier: 1\n').length, 1);
  assert.equal(diagnose(base + '    # eks-manifests-disable-next-line\n    tier: 1\n').length, 0);
  assert.equal(diagnose('# eks-manifests-disable meta-value-not-string\n' + base + '    tier: 1\n    x: 2\n').length, 0);
  assert.equal(diagnose(base + '    tier: 1\n', { disabled: ['meta-value-not-string'] }).length, 0);
});

test('every diagnostic offers a "disable for this line" action that inserts the comment', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    tier: 1\n';
  const s = serviceWith({ 'a.yaml': text });
  const d = s.validate(uriOf('a.yaml'));
  const a = s.codeActions(uriOf('a.yaml'), d[0].range, d).find((x) => x.title.startsWith('Disable'));
  const e = a!.edit!.changes![uriOf('a.yaml')][0];
  assert.equal(e.newText, '    # eks-manifests-disable-next-line meta-value-not-string\n');
  s.setFile(uriOf('a.yaml'), text.replace('    tier', e.newText + '    tier'));
  assert.deepEqual(s.validate(uriOf('a.yaml')), []);
});

test('file-too-large: one clear diagnostic instead of analysis', () => {
  const big = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n' + '  k: "v"\n'.repeat(2000);
  const d = diagnose(big, { maxFileSize: 5000 });
  assert.deepEqual(codesOf(d), ['file-too-large']);
  assert.match(d[0].message, /eksManifests\.maxFileSize/);
  assert.equal(withCode(diagnose(big), 'file-too-large').length, 0);
});

test('Helm-style templates are not parsed as manifests twice: one broken template gives only syntax errors', () => {
  const d = diagnose('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: {{ .Values.x }}\n');
  assert.ok(d.every((x) => x.code === 'yaml-syntax' || x.code === 'meta-value-not-string'));
});

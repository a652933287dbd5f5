/** Core checks: syntax, identity fields, string metadata values, suppression, file size. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, withCode, codesOf, serviceWith, uriOf } from '../../helpers/service';
import { checkTable } from '../../helpers/checkTable';

const META = 'kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1 (ObjectMeta labels/annotations: map[string]string)';
const CM_BAD =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    tier: 1\n    ok: "1"\n  annotations:\n    inject: false\n    empty:\ndata:\n  port: 8080\n  name: web\n';
const DEPLOY_BAD =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels:\n      v: 2\n  template:\n    metadata:\n      labels:\n        v: 2\n';

checkTable('core checks', [
  {
    code: 'missing-api-version',
    source: 'kubernetes/kubernetes apimachinery runtime (Object kind is not registered / apiVersion not set)',
    fire: 'kind: Service\nmetadata:\n  name: a\n',
    at: 'Service',
    silent: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n',
    count: 1,
    message: /apiVersion: v1/,
  },
  {
    code: 'missing-kind',
    source: "kubernetes/kubernetes apimachinery runtime (Object 'Kind' is missing)",
    fire: 'apiVersion: v1\nmetadata:\n  name: a\n',
    at: 'v1',
    silent: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n',
    count: 1,
  },
  {
    code: 'missing-name',
    source: 'kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (name or generateName is required)',
    fire: 'apiVersion: v1\nkind: Service\nmetadata:\n  labels: {}\n',
    at: 'labels: {}\n',
    silent: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: run-\n',
    count: 1,
  },
  {
    code: 'meta-value-not-string',
    name: 'labels, annotations, ConfigMap data',
    source: META,
    fire: CM_BAD,
    at: '1',
    silent: CM_BAD.replace('tier: 1', 'tier: "1"')
      .replace('inject: false', 'inject: "false"')
      .replace('empty:', 'empty: ""')
      .replace('port: 8080', 'port: "8080"'),
    count: 4,
  },
  {
    code: 'meta-value-not-string',
    name: 'Pod template labels and selectors',
    source: META,
    fire: DEPLOY_BAD,
    at: '2',
    silent: DEPLOY_BAD.replace(/v: 2/g, 'v: "2"'),
    count: 2,
  },
]);

test('yaml-syntax: reported with a position; the other documents are still checked', () => {
  const text =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: [1,\n---\napiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: b\n';
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

test('missing-*: exactly one finding each, none for tool files', () => {
  assert.deepEqual(codesOf(diagnose('kind: Service\nmetadata:\n  name: a\n')), ['missing-api-version']);
  assert.deepEqual(codesOf(diagnose('apiVersion: v1\nmetadata:\n  name: a\n')), ['missing-kind']);
  assert.deepEqual(codesOf(diagnose('apiVersion: v1\nkind: Service\nmetadata:\n  labels: {}\n')), ['missing-name']);
  assert.deepEqual(diagnose('apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: run-\n'), []);
  assert.deepEqual(diagnose('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n'), []);
});

test('meta-value-not-string: the quoting fix', () => {
  const s = serviceWith({ 'a.yaml': CM_BAD });
  const d = withCode(s.validate(uriOf('a.yaml')), 'meta-value-not-string');
  assert.equal(d.length, 4, JSON.stringify(d.map((x) => x.message)));
  const actions = s.codeActions(uriOf('a.yaml'), d[0].range, [d[0]]);
  assert.equal(actions[0].title, 'Quote the value: "1"');
  assert.equal(actions[0].edit!.changes![uriOf('a.yaml')][0].newText, '"1"');
  assert.deepEqual(diagnose(DEPLOY_BAD.replace(/v: 2/g, 'v: "2"')), []);
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

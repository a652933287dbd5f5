/** The gp3 StorageClass and IRSA ServiceAccount snippets, expanded with their defaults, are manifests our checks accept. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { serviceWith, uriOf } from '../../helpers/service';
import { expand } from '../../helpers/snippets';

const ROOT = path.join(__dirname, '..', '..', '..');
const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'platform.json'), 'utf8')) as Record<
  string,
  { prefix: string; body: string[]; description: string }
>;

test('package.json contributes the platform snippets', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.ok(
    pkg.contributes.snippets.some(
      (s: { path: string; language: string }) => s.path === './snippets/platform.json' && s.language === 'yaml',
    ),
  );
  assert.deepEqual(
    Object.values(snippets)
      .map((s) => s.prefix)
      .sort(),
    ['serviceaccount-irsa', 'storageclass-ebs-gp3'],
  );
});

for (const [name, s] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to a manifest with no diagnostics`, () => {
    const text = expand(s.body);
    assert.doesNotMatch(text, /\$\{|\$\d/);
    const svc = serviceWith({ 'snippet.yaml': text });
    assert.deepEqual(svc.validate(uriOf('snippet.yaml')), [], text);
    assert.deepEqual(svc.internalErrors, []);
  });
}

test('the StorageClass snippet with the Auto Mode provisioner (its second choice) is clean too', () => {
  const text = expand(snippets['EBS gp3 StorageClass'].body).replace(
    'provisioner: ebs.csi.aws.com',
    'provisioner: ebs.csi.eks.amazonaws.com',
  );
  assert.deepEqual(serviceWith({ 'snippet.yaml': text }).validate(uriOf('snippet.yaml')), []);
});

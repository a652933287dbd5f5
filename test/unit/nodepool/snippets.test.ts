/** Every NodePool/NodeClass snippet, expanded with its defaults, is a manifest our checks accept as it is. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { indexWith, objectsIn, serviceWith, uriOf } from '../../helpers/service';
import { expand } from '../../helpers/snippets';

const ROOT = path.join(__dirname, '..', '..', '..');
const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'nodepool.json'), 'utf8')) as Record<
  string,
  { prefix: string; body: string[]; description: string }
>;

test('package.json contributes the NodePool snippets', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.ok(
    pkg.contributes.snippets.some(
      (s: { path: string; language: string }) => s.path === './snippets/nodepool.json' && s.language === 'yaml',
    ),
  );
});

test('the four snippets exist: general-purpose, GPU, spot with budgets, custom NodeClass', () => {
  assert.deepEqual(
    Object.values(snippets)
      .map((s) => s.prefix)
      .sort(),
    ['nodeclass-auto', 'nodepool-auto-general', 'nodepool-auto-gpu', 'nodepool-auto-spot'],
  );
});

for (const [name, s] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to a manifest with no diagnostics`, () => {
    const text = expand(s.body);
    assert.doesNotMatch(text, /\$\{|\$\d/);
    const svc = serviceWith({ 'snippet.yaml': text });
    assert.deepEqual(svc.validate(uriOf('snippet.yaml')), [], text);
    assert.deepEqual(svc.internalErrors, []);
    const obj = objectsIn(indexWith({ 'snippet.yaml': text }), 'snippet.yaml')[0];
    assert.ok(obj.kind === 'NodePool' || obj.kind === 'NodeClass');
  });
}

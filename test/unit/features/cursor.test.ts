import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorIn } from '../../helpers/service';
import { positionOf } from '../../helpers/lspClient';

function ctxAt(text: string, marker: string) {
  const pos = positionOf(text, marker);
  const clean = text.replace(marker, '');
  return cursorIn({ 'c.yaml': clean }, 'c.yaml', pos)!;
}

test('cursor on a value of a nested key', () => {
  const c = ctxAt('kind: Ingress\nmetadata:\n  annotations:\n    alb.ingress.kubernetes.io/scheme: inter|\n', '|');
  assert.deepEqual(c.path, ['metadata', 'annotations', 'alb.ingress.kubernetes.io/scheme']);
  assert.equal(c.onKey, false);
  assert.equal(c.word, 'inter');
});

test('cursor on a key being typed (no colon yet) uses indentation', () => {
  const c = ctxAt('kind: Ingress\nmetadata:\n  name: x\n  annotations:\n    alb.ingress.kubernetes.io/|\n', '|');
  assert.deepEqual(c.path, ['metadata', 'annotations', 'alb.ingress.kubernetes.io/']);
  assert.equal(c.onKey, true);
  assert.equal(c.word, 'alb.ingress.kubernetes.io/');
});

test('cursor on an empty line inside a sequence item', () => {
  const c = ctxAt('kind: NodePool\nspec:\n  template:\n    spec:\n      requirements:\n        - key: a\n          |\n', '|');
  assert.deepEqual(c.path, ['spec', 'template', 'spec', 'requirements', 0, '']);
  assert.equal(c.onKey, true);
});

test('cursor typing a new sequence item key', () => {
  const c = ctxAt('kind: NodePool\nspec:\n  template:\n    spec:\n      requirements:\n        - key: a\n        - ke|\n', '|');
  assert.deepEqual(c.path, ['spec', 'template', 'spec', 'requirements', 0, 'ke']);
});

test('cursor on an existing key', () => {
  const c = ctxAt('kind: Service\nspec:\n  ty|pe: ClusterIP\n', '|');
  assert.deepEqual(c.path, ['spec', 'type']);
  assert.equal(c.onKey, true);
});

test('cursor in the second document of a file', () => {
  const c = ctxAt('kind: A\n---\nkind: B\nmetadata:\n  name: |\n', '|');
  assert.equal(c.obj?.kind, 'B');
  assert.deepEqual(c.path, ['metadata', 'name']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAlias, isScalar, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { YamlFile, splitDocuments } from '@shared/manifest/yamlFile';
import { child } from '@shared/manifest/yamlNodes';

test('splits at --- lines only at column 0, keeping offsets', () => {
  const text = 'a: 1\n---\nb: 2\n  ---not\nc: "---"\n--- # c\nd: 4\n';
  const pieces = splitDocuments(text);
  assert.deepEqual(
    pieces.map((p) => p.text),
    ['a: 1\n', '---\nb: 2\n  ---not\nc: "---"\n', '--- # c\nd: 4\n'],
  );
  for (const p of pieces) assert.equal(text.slice(p.start, p.start + p.text.length), p.text);
});

test('a --- inside a block scalar ends the document, as YAML says', () => {
  const pieces = splitDocuments('a: |\n  x\n---\nb: 1\n');
  assert.equal(pieces.length, 2);
});

test('... ends a document and belongs to the previous piece', () => {
  const pieces = splitDocuments('a: 1\n...\nb: 2\n');
  assert.deepEqual(
    pieces.map((p) => p.text),
    ['a: 1\n...\n', 'b: 2\n'],
  );
});

test('positions are file positions across chunks', () => {
  const f = new YamlFile('a: 1\n---\nkind: X\nname: y\n');
  const c = f.chunks[1];
  const off = c.text.indexOf('name');
  assert.deepEqual(c.toPosition(off), { line: 3, character: 0 });
  assert.equal(c.toOffset({ line: 3, character: 2 }), off + 2);
  assert.equal(f.chunkAt({ line: 3, character: 0 }), c);
  assert.equal(f.chunkAt({ line: 0, character: 0 }), f.chunks[0]);
});

test('an edit re-parses only the changed document; later chunks move', () => {
  const docs = Array.from({ length: 50 }, (_, i) => `kind: ConfigMap\nmetadata:\n  name: cm${i}\n`);
  const f = new YamlFile(docs.join('---\n'));
  const before = f.chunks.slice();
  assert.equal(f.lastReparsed, 50);
  const edited = docs.slice();
  edited[10] = 'kind: ConfigMap\nmetadata:\n  name: changed\n  extra: line\n';
  f.update(edited.join('---\n'));
  assert.equal(f.lastReparsed, 1);
  assert.equal(f.chunks[9], before[9]);
  assert.notEqual(f.chunks[10], before[10]);
  assert.equal(f.chunks[11], before[11]);
  assert.equal(f.chunks[11].startLine, before[10].startLine + 5);
});

test('a broken document does not hide the others', () => {
  const f = new YamlFile('a: [1,\n---\nb: 2\n');
  assert.ok(f.chunks[0].docs[0].errors.length > 0);
  assert.equal(f.chunks[1].docs[0].errors.length, 0);
});

test('an alias names the last node with its anchor before it, as YAML 1.2 and the yaml library say', () => {
  // YAML 1.2.2 §3.2.2.2: an alias refers to the most recent preceding node with that anchor.
  const text = 'a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: *y\nf: &y {g: *x}\n';
  const doc = new YamlFile(text).chunks[0].docs[0];
  const at = (key: string): unknown => {
    const v = child(doc.contents, key, doc);
    return isScalar(v) ? v.value : v === undefined ? undefined : 'node';
  };
  assert.deepEqual(['b', 'd', 'e'].map(at), [1, 2, undefined]);
  const g = child(child(doc.contents, 'f', doc), 'g', doc);
  assert.equal(isScalar(g) && g.value, 2);
  // The same answers as yaml's own Alias.resolve, which walks the document each time.
  const d = parseDocument(text);
  for (const k of ['b', 'd']) {
    const alias = (d.contents as YAMLMap).get(k, true);
    assert.ok(isAlias(alias));
    assert.equal((alias.resolve(d) as Scalar).value, at(k));
  }
});

/** Regressions found by the robustness suite, pinned at the service level (the real parser and modules). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { MAX_KEPT_ERRORS, YamlChunk } from '@shared/manifest/yamlFile';
import { serviceWith, uriOf } from '../helpers/service';

test('completion and hover on a line holding \\r or U+2028 do not throw (indentation fallback)', () => {
  for (const sep of ['\r', '\u2028', '\u2029', '\u0085']) {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x${sep}  labels:\n    a${sep}b: c\ndata:\n  k: \n  `;
    const s = serviceWith({ 'main.yaml': text });
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      for (let character = 0; character <= lines[line].length; character++) {
        s.complete(uriOf('main.yaml'), { line, character });
        s.hover(uriOf('main.yaml'), { line, character });
      }
    }
    assert.deepEqual(s.internalErrors, [], JSON.stringify(sep));
  }
});

test("duplicate keys: same errors as the parser's own uniqueKeys check, in linear time", { timeout: 120_000 }, (t) => {
  const cases = [
    'a: 1\na: 2\n',
    'a: 1\nb: {x: 1, x: 2}\n',
    '&k a: 1\na: 2\n',
    '1: a\n"1": b\n1: c\n',
    '? [a]\n: 1\n? [a]\n: 2\n',
    'x:\n  - {a: 1, a: 1}\n  - y: 1\n    y: 2\n',
    ': 1\n: 2\n',
    'a: &x {q: 1, q: 2}\nb: *x\n',
    'null: 1\n~: 2\n',
    'a: [\nb: 1\nb: 2\n',
  ];
  for (const c of cases) {
    const reference = parseAllDocuments(c, { uniqueKeys: true, prettyErrors: false });
    const ours = new YamlChunk(c);
    const shape = (docs: { errors: { code: string; pos: [number, number]; message: string }[] }[]) =>
      docs.flatMap((d) => d.errors.map((e) => [e.code, e.pos, e.message]));
    assert.deepEqual(shape(ours.docs), shape(reference as never), JSON.stringify(c));
  }
  // 100,000 keys in one map (the parser's check is quadratic: minutes; the hang guard is the timeout).
  const big = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`).join('\n') + '\nk5: again\n';
  const started = Date.now();
  const chunk = new YamlChunk(big);
  t.diagnostic(`100,000 keys in ${Date.now() - started} ms`);
  assert.deepEqual(
    chunk.docs[0].errors.map((e) => e.code),
    ['DUPLICATE_KEY'],
  );
});

test('parsing does not change Error.stackTraceLimit', () => {
  const before = Error.stackTraceLimit;
  new YamlChunk('a: [' + '['.repeat(5000));
  new YamlChunk('a: 1\n');
  assert.equal(Error.stackTraceLimit, before);
});

test('a syntax-error storm on one line stays bounded: errors kept and reported per document are capped', { timeout: 120_000 }, (t) => {
  const started = Date.now();
  const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  x: ' + '[{'.repeat(50_000) + '\n';
  const s = serviceWith({ 'main.yaml': text });
  const d = s.validate(uriOf('main.yaml'));
  t.diagnostic(`${d.length} diagnostics in ${Date.now() - started} ms`);
  assert.ok(d.length <= 10, `${d.length} diagnostics`);
  for (const doc of new YamlChunk(text).docs) assert.ok(doc.errors.length <= MAX_KEPT_ERRORS);
});

test('an edit re-splits only around the change and gives exactly the chunks of a full split (random edits)', async () => {
  const { YamlFile, splitDocuments } = await import('@shared/manifest/yamlFile');
  const { rng, int, pick } = await import('./support');
  const r = rng(7);
  const pieces = [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
    '---\n',
    '...\n',
    '--- # c\n',
    '---',
    '\n',
    'x: 1\n',
    '  - y\n',
    '# ---\n',
    '----\n',
    '--- |\n  t\n',
    '\r\n',
    '',
    '%YAML 1.2\n',
    '%TAG !e! tag:e.com,2000:\n',
    '\r',
  ];
  let text = Array.from({ length: 40 }, (_, i) => `kind: K${i}\nmetadata:\n  name: n${i}\n`).join('---\n');
  const f = new YamlFile(text);
  for (let i = 0; i < 1500; i++) {
    const at = int(r, text.length + 1);
    const del = r() < 0.5 ? int(r, 30) : 0;
    const ins = r() < 0.7 ? pick(r, pieces) : text.slice(int(r, text.length), int(r, text.length));
    text = text.slice(0, at) + ins + text.slice(at + del);
    if (text.length > 20_000) text = text.slice(0, 8_000);
    f.update(text);
    // The reference: a full split of the new text (what a fresh YamlFile does), a lone CR read as a LF.
    let line = 0;
    const lf = text.replace(/\r(?!\n)/g, '\n');
    const ref = splitDocuments(lf).map((piece) => {
      const row = [piece.start, line, piece.text];
      line += piece.text.split('\n').length - 1;
      return row;
    });
    assert.deepEqual(
      f.chunks.map((c) => [c.startOffset, c.startLine, c.text]),
      ref,
      `edit ${i}`,
    );
    assert.equal(f.text, lf);
  }
  // One character in the middle of 1,000 documents: one document parsed again.
  const big = Array.from({ length: 1000 }, (_, i) => `kind: K${i}\nmetadata:\n  name: n${i}\n`).join('---\n');
  const g = new YamlFile(big);
  const mid = big.indexOf('name: n500') + 7;
  g.update(big.slice(0, mid) + 'x' + big.slice(mid));
  assert.equal(g.lastReparsed, 1);
  assert.equal(g.chunks.length, 1000);
});

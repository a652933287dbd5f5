/**
 * Quick fixes that write a value into YAML (server/src/service/model/edits.ts) change exactly that value and
 * keep the file valid — the meta-value-not-string fixes on the shapes that used to break the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAllDocuments } from 'yaml';
import { serviceWith, uriOf } from '../../helpers/service';
import type { DiagnosticData } from '../../../server/src/service/engine/toDiagnostic';
import { plainSafe, preferredQuote, quoted } from '../../../server/src/service/model/edits';

const cm = (labels: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:${labels}\ndata: {}\n`;

/** Apply the first fix of the first meta-value-not-string finding; undefined when it has none. */
function fixed(text: string): string | undefined {
  const s = serviceWith({ 'main.yaml': text });
  const d = s.validate(uriOf('main.yaml')).find((x) => x.code === 'meta-value-not-string');
  assert.ok(d, `no finding on:\n${text}`);
  const fix = (d.data as DiagnosticData | undefined)?.fixes?.[0];
  if (!fix) return undefined;
  return TextDocument.applyEdits(TextDocument.create('file:///x.yaml', 'yaml', 1, text), fix.edits);
}

const CASES: { name: string; labels: string; want: string | undefined }[] = [
  { name: 'empty value', labels: '\n    app:\n    tier: web', want: '\n    app: ""\n    tier: web' },
  { name: 'empty value before a comment', labels: '\n    owner: # team\n    tier: web', want: '\n    owner: "" # team\n    tier: web' },
  { name: 'flow map key without a value', labels: ' {app, tier: web}', want: ' {app: "", tier: web}' },
  { name: 'explicit key without a value: no fix rather than a broken map', labels: '\n    ? app\n    tier: web', want: undefined },
  { name: 'a number', labels: '\n    port: 8080', want: '\n    port: "8080"' },
  { name: 'a tagged number: the tag goes with it', labels: '\n    n: !!int 1', want: '\n    n: "1"' },
  {
    name: 'a boolean in a file that quotes with single quotes',
    labels: "\n    a: 'x'\n    b: 'y'\n    on: true",
    want: "\n    a: 'x'\n    b: 'y'\n    on: 'true'",
  },
  { name: 'CRLF line endings stay', labels: '\r\n    app:\r\n    tier: web', want: '\r\n    app: ""\r\n    tier: web' },
];

for (const c of CASES) {
  test(`meta-value-not-string fix: ${c.name}`, () => {
    const text = cm(c.labels);
    const out = fixed(text);
    if (c.want === undefined) {
      assert.equal(out, undefined);
      return;
    }
    assert.equal(out, cm(c.want));
    for (const doc of parseAllDocuments(out!)) assert.deepEqual(doc.errors, []);
    assert.ok(
      !serviceWith({ 'main.yaml': out! })
        .validate(uriOf('main.yaml'))
        .some((x) => x.code === 'meta-value-not-string'),
      'fixed',
    );
  });
}

test('plain text stays plain only when YAML 1.1 and 1.2 read it back as the same string', () => {
  for (const v of ['web', 'v1.2.3', 'a-b_c', 'http://x/y']) assert.equal(plainSafe(v), true, v);
  for (const v of ['yes', 'on', '8080', '1_000', '0b101', 'null', '~', 'a: b', '#x', '- x', '', ' x', 'true'])
    assert.equal(plainSafe(v), false, v);
  assert.equal(quoted("it's", 'single'), "'it''s'");
  assert.equal(quoted('a\nb', 'single'), '"a\\nb"');
  assert.equal(preferredQuote("a: 'x'\nb: 'y'\nc: \"z\"\n"), 'single');
  assert.equal(preferredQuote('a: x\n'), 'double');
});

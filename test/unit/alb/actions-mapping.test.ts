/**
 * The YAML scalar → JSON value source map, for every scalar style: the reconstructed value must equal the
 * `yaml` parser's value, and each value character must map back to the source text that produced it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, type Scalar } from 'yaml';
import { scalarText, embeddedJson } from '../../../server/src/service/alb/actions/embedded';

function scalarOf(src: string, key = 'v'): Scalar {
  const doc = parseDocument(src);
  const n = doc.get(key, true) as Scalar;
  assert.ok(n, `no scalar ${key}`);
  return n;
}

/** Check exactness and that each value char's span in the source decodes to that char (for plain chars). */
function check(src: string, key = 'v'): ReturnType<typeof scalarText> {
  const n = scalarOf(src, key);
  const st = scalarText(src, n)!;
  assert.ok(st, 'no scalar text');
  assert.equal(st.value, n.value, 'value differs from yaml');
  assert.ok(st.exact, `mapping not exact for ${JSON.stringify(src)}`);
  for (let i = 0; i < st.value.length; i++) {
    const c = st.value[i];
    const s = src.slice(st.start[i], st.end[i]);
    if (/[A-Za-z0-9{}[\]:,]/.test(c) && st.end[i] - st.start[i] === 1)
      assert.equal(s, c, `char ${i} ${JSON.stringify(c)} maps to ${JSON.stringify(s)}`);
    if (i > 0) assert.ok(st.start[i] >= st.start[i - 1], 'monotonic');
  }
  return st;
}

const samples: Record<string, string> = {
  // A plain scalar cannot start with { or [ (YAML reads a flow collection), so plain JSON is always broken JSON.
  plain: 'v: x{"type":"forward","targetGroupARN":"arn"}\n',
  plainMultiLine: 'v: x{"type":"forward",  \n  "targetGroupARN":"arn",\n    "b":1}\nw: 1\n',
  plainEmptyLine: 'v: x{"a":1,\n\n  "b":2}  # comment\n',
  single: `v: '{"type": "redirect", "x": "it''s"}'\n`,
  singleMultiLine: `v: '{"type":\n   "redirect",\n\n   "q": 1}'\n`,
  double: 'v: "{\\"type\\": \\"forward\\", \\"t\\": \\"a\\\\tb\\u00e9\\x41\\"}"\n',
  doubleMultiLine: 'v: "{\\"a\\":\n    1,\n\n  \\"b\\": 2}"\n',
  doubleEscapedBreak: 'v: "{\\"a\\": \\\n    1}"\n',
  literal: 'v: |\n  {\n    "type": "forward",\n    "x": [1, 2]\n  }\nw: 1\n',
  literalStrip: 'v: |-\n  {"a": 1}\n\n',
  literalKeep: 'v: |+\n  {"a": 1}\n\n\nw: 1\n',
  literalIndentIndicator: 'v: |2\n    {"a": 1}\n',
  literalLeadingEmpty: 'v: |\n\n  {"a": 1}\n',
  folded: 'v: >\n  {"type":"forward",\n  "forwardConfig":{"targetGroups":[]}}\n',
  foldedMoreIndented: 'v: >\n  [\n    {\n      "field": "host-header"\n    }\n  ]\n',
  foldedEmptyLines: 'v: >-\n  {"a":\n\n  1}\n',
  foldedComment: 'v: > # the action\n  {"a": 1}\n',
  nested: 'm:\n  annotations:\n    v: |\n      {"a": 1}\n    w: x\n',
  crlf: 'v: |\r\n  {"a": 1,\r\n   "b": 2}\r\n',
};

for (const [name, src] of Object.entries(samples)) {
  test(`mapping: ${name}`, () => {
    if (name === 'nested') {
      const doc = parseDocument(src);
      const n = doc.getIn(['m', 'annotations', 'v'], true) as Scalar;
      const st = scalarText(src, n)!;
      assert.equal(st.value, n.value);
      assert.ok(st.exact);
      return;
    }
    check(src);
  });
}

test('mapping: JSON error positions land on the offending source character', () => {
  // A missing comma between two properties, in a folded block scalar.
  const src = 'v: >\n  {"type":"forward"\n   "x": 1}\n';
  const ej = embeddedJson(src, scalarOf(src))!;
  assert.ok(ej.errors.length > 0);
  const [s] = ej.toSource(ej.errors[0].offset, ej.errors[0].length);
  assert.equal(src.slice(s, s + 3), '"x"');
});

test('mapping: double-quoted escapes map the decoded quote to its backslash escape', () => {
  const src = 'v: "{\\"type\\": 1}"\n';
  const ej = embeddedJson(src, scalarOf(src))!;
  const typeKey = ej.root!.children![0].children![0];
  const [s, e] = ej.toSource(typeKey.offset, typeKey.length);
  assert.equal(src.slice(s, e), '\\"type\\"');
});

test('mapping: source offsets map back into the JSON (cursor)', () => {
  const src = 'v: |\n  {\n    "type": "forward"\n  }\n';
  const ej = embeddedJson(src, scalarOf(src))!;
  const at = src.indexOf('forward');
  assert.equal(ej.text.slice(ej.fromSource(at), ej.fromSource(at) + 7), 'forward');
  const dq = 'v: "{\\"type\\": 1}"\n';
  const ej2 = embeddedJson(dq, scalarOf(dq))!;
  assert.equal(ej2.fromSource(dq.indexOf('type')), ej2.text.indexOf('type'));
});

test('mapping: a form we do not model falls back to the whole scalar, never to a wrong place', () => {
  const src = 'v: !!str |\n  {"a": 1}\n';
  const st = scalarText(src, scalarOf(src))!;
  assert.equal(st.value, '{"a": 1}\n');
});

test('mapping: non-string scalars have no text', () => {
  const src = 'v: 42\n';
  assert.equal(scalarText(src, scalarOf(src)), undefined);
});

test('mapping: random values written by the yaml library in every style and line width map exactly', async () => {
  const { stringify } = await import('yaml');
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const alphabet = [
    '{',
    '}',
    '[',
    ']',
    '"',
    ':',
    ',',
    ' ',
    ' ',
    ' ',
    'a',
    'b',
    'type',
    'forward',
    '1',
    '\\',
    "'",
    '\n',
    '\t',
    'é',
    '#',
    '-',
    '  ',
    '\n\n',
    '😀',
  ];
  const styles = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;
  let checked = 0,
    exact = 0;
  for (let i = 0; i < 400; i++) {
    let v = '';
    const len = 1 + rnd(40);
    for (let k = 0; k < len; k++) v += alphabet[rnd(alphabet.length)];
    for (const style of styles) {
      const src = stringify({ m: { v } }, { defaultStringType: style, lineWidth: 20 + rnd(30), minContentWidth: 5 });
      const doc = parseDocument(src);
      const n = doc.getIn(['m', 'v'], true) as Scalar;
      if (!n || n.value !== v) continue; // the library could not write this value in this style
      const st = scalarText(src, n)!;
      checked++;
      assert.equal(st.value, v);
      if (st.exact) exact++;
      else assert.fail(`not exact: style ${n.type} for ${JSON.stringify(v)} written as\n${src}`);
    }
  }
  assert.ok(checked > 1000, `only ${checked} cases`);
  assert.equal(exact, checked);
});

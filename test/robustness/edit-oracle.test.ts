/**
 * The judge of the code-action property test catches the damage issue 16 describes (and passes the sound
 * edits), so the property test can fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { judge, type Edit } from './editOracle';

/** An edit replacing [from, from + length) of `text` (found by a needle) with `newText`. */
function edit(text: string, needle: string, newText: string, opts: { delta?: number; length?: number } = {}): Edit {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  const start = at + (opts.delta ?? 0);
  return { range: { start: doc.positionAt(start), end: doc.positionAt(start + (opts.length ?? 0)) }, newText };
}

const LABELS =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    app:\n    owner: # team\n    tier: web\nspec:\n  a: 1\n';
const FLOW = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {app, tier: web}\n';
const BLOCK =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    a.io/actions.x: |\n      {"type": "forward",\n       "x": 1}\n';
const LINE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    a.io/actions.x: \'{"type": "forward"}\' # note\n';
const PEERS =
  'spec:\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {a: b}}\n          namespaceSelector: {matchLabels: {c: d}}\n        - ipBlock: {cidr: 10.0.0.0/8}\n';

const EGRESS =
  'spec:\n  egress:\n    - to: [{ipBlock: {cidr: 10.0.0.0/24}}]\n      ports:\n        - protocol: TCP\n          port: 5978\nother: 1\n';

const DAMAGE: { name: string; text: string; edits: (t: string) => Edit[]; kind?: string; want: RegExp }[] = [
  {
    name: '`app:` → `app:""` (no space: a new key)',
    text: LABELS,
    edits: (t) => [edit(t, 'app:', '""', { delta: 4 })],
    want: /no longer parses|lost its key|changed/,
  },
  { name: '`owner: # team` → `owner: ""# team`', text: LABELS, edits: (t) => [edit(t, '# team', '""')], want: /no longer parses/ },
  {
    name: 'flow map: the next key deleted',
    text: FLOW,
    edits: (t) => [edit(t, 'app, tier: web', 'app: ""', { length: 'app, tier: web'.length })],
    want: /entries became|changed or disappeared/,
  },
  {
    name: 'the next line (spec:) deleted',
    text: LABELS,
    edits: (t) => [edit(t, 'web\nspec:', 'web\n  a2', { length: 'web\nspec:'.length })],
    want: /./,
  },
  {
    name: 'a comment written into a block scalar',
    text: BLOCK,
    kind: 'quickfix',
    edits: (t) => [edit(t, '       "x": 1', '      # eks-manifests-disable-next-line x\n')],
    want: /comment-only insertion changed the data/,
  },
  {
    name: 'the JSON rewrite pulling a trailing comment in',
    text: LINE,
    kind: 'refactor.rewrite',
    edits: (t) => [edit(t, `'{"type"`, '|\n      {"type": "forward"} # note', { length: `'{"type": "forward"}' # note`.length })],
    want: /JSON .*no longer parses|refactor changed the JSON/,
  },
  {
    name: 'a LF written into a CRLF file',
    text: LABELS.replace(/\n/g, '\r\n'),
    edits: (t) => [edit(t, '    tier', '    extra: x\n')],
    want: /line ending/,
  },
  {
    name: 'a change in another document',
    text: `${LABELS}---\n${LABELS}`,
    edits: (t) => [
      edit(t, 'name: x', 'name: y'),
      { ...edit(t, 'tier: web', ''), range: { start: { line: 18, character: 4 }, end: { line: 18, character: 13 } }, newText: 'tier: db' },
    ],
    want: /documents changed/,
  },
  { name: 'an untouched sibling changed', text: LABELS, edits: (t) => [edit(t, 'app:', 'app: "", tier2', { length: 4 })], want: /./ },
];

const SOUND: { name: string; text: string; edits: (t: string) => Edit[]; kind?: string }[] = [
  { name: '`app:` → `app: ""`', text: LABELS, edits: (t) => [edit(t, 'app:', ' ""', { delta: 4 })] },
  { name: 'flow map key given a value', text: FLOW, edits: (t) => [edit(t, 'app,', ': ""', { delta: 3 })] },
  { name: 'a value quoted', text: LABELS, edits: (t) => [edit(t, 'web', '"web"', { length: 3 })] },
  { name: 'a key renamed', text: LABELS, edits: (t) => [edit(t, 'tier', 'layer', { length: 4 })] },
  { name: 'a sibling line added after a value', text: LABELS, edits: (t) => [edit(t, 'tier: web', '\n    extra: x', { delta: 9 })] },
  {
    name: 'a disable comment above a line',
    text: LABELS,
    edits: (t) => [edit(t, '    tier', '    # eks-manifests-disable-next-line x\n')],
  },
  {
    name: 'a list item split in two (refactor)',
    text: PEERS,
    kind: 'refactor.rewrite',
    edits: (t) => [
      edit(
        t,
        'podSelector: {matchLabels: {a: b}}\n          namespaceSelector: {matchLabels: {c: d}}',
        'podSelector: {matchLabels: {a: b}}\n        - namespaceSelector: {matchLabels: {c: d}}',
        { length: 'podSelector: {matchLabels: {a: b}}\n          namespaceSelector: {matchLabels: {c: d}}'.length },
      ),
    ],
  },
  { name: 'two peers merged by turning a `-` into a space', text: PEERS, edits: (t) => [edit(t, '- ipBlock', ' ', { length: 1 })] },
  {
    name: 'one peer split by turning indentation into `- `',
    text: PEERS,
    edits: (t) => [edit(t, '  namespaceSelector', '- ', { length: 2 })],
  },
  { name: 'a CRLF file with CRLF inserted', text: LABELS.replace(/\n/g, '\r\n'), edits: (t) => [edit(t, '    tier', '    extra: x\r\n')] },
  {
    name: 'a list item added after the last one (the DNS egress rule fix)',
    text: EGRESS,
    edits: (t) => [
      edit(t, 'port: 5978', '\n    - to: [{namespaceSelector: {}}]\n      ports: [{port: 53, protocol: UDP}]', {
        delta: 'port: 5978'.length,
      }),
    ],
  },
];

for (const c of DAMAGE) {
  test(`the judge catches: ${c.name}`, () => {
    const { problems } = judge(c.text, { title: c.name, kind: c.kind, edits: c.edits(c.text) });
    assert.ok(problems.length > 0, 'no problem found');
    assert.match(problems.join('; '), c.want);
  });
}

for (const c of SOUND) {
  test(`the judge passes: ${c.name}`, () => {
    assert.deepEqual(judge(c.text, { title: c.name, kind: c.kind, edits: c.edits(c.text) }).problems, []);
  });
}

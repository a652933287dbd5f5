/**
 * YAML that is legal but odd, or built to cost: CR-only line endings, directives before `---`, aliases across
 * documents, deep nesting under the size limit, error storms, huge files that hold no manifest, too many
 * lines; and "missing" findings while the workspace index is incomplete. Bounds are asserted on work done
 * (documents parsed, errors kept), never on time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_KEPT_ERRORS, MAX_NESTING, YamlChunk, YamlFile, splitDocuments } from '@shared/manifest/yamlFile';
import { checkTable, textAt } from '../../helpers/checkTable';
import { indexWith, serviceWith, uriOf } from '../../helpers/service';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
const labels = (value: string) => `${CM}  labels:\n    app: ${value}\n`;
const flow = (levels: number) => `${CM}data:\n  x: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
const flowMaps = (levels: number) => `${CM}data:\n  x: ${'{a: '.repeat(levels)}1${'}'.repeat(levels)}\n`;
/** Compact block sequences (`- - - x`): real block nesting, two characters a level. */
const blockSeq = (levels: number) => `${CM}spec:\n  x: \n    ${'- '.repeat(levels)}x\n`;
/** Block maps, one space of indentation more per level (size grows with the square of the depth). */
const blockMaps = (levels: number) =>
  `${CM}spec:\n` + Array.from({ length: levels }, (_, i) => `${' '.repeat(1 + i)}k${i}:`).join('\n') + ' end\n';

checkTable('odd and hostile YAML', [
  {
    code: 'yaml-unknown-alias',
    name: 'anchor in the previous --- document',
    source: 'go-yaml v2.4.2 decode.go (d.p.doc.anchors are per document: "unknown anchor \'%s\' referenced"); kubectl splits at --- first',
    fire: `${CM}  labels: &l\n    app: x\n---\n${CM.replace('name: x', 'name: y')}  labels: *l\n`,
    at: '*l',
    silent: `${CM}  labels: &l\n    app: x\n---\n${CM.replace('name: x', 'name: y')}  labels:\n    app: x\n`,
  },
  {
    code: 'yaml-unknown-alias',
    name: 'alias before its anchor',
    source: 'go-yaml v2.4.2 parserc.go / decode.go: anchors are known from where they are defined',
    fire: `${CM}data:\n  a: *v\n  b: &v one\n`,
    at: '*v',
    silent: `${CM}data:\n  b: &v one\n  a: *v\n`,
  },
  { code: 'yaml-too-deep', name: '3,000 nested flow lists', fire: flow(3000), at: 'a', silent: flow(MAX_NESTING - 10) },
  { code: 'yaml-too-deep', name: '10,000 nested flow lists (20 kB)', fire: flow(10_000), at: 'a', silent: flow(100) },
  { code: 'yaml-too-deep', name: '5,000 nested flow maps', fire: flowMaps(5000), at: 'a', silent: flowMaps(100) },
  { code: 'yaml-too-deep', name: '3,000 nested block sequences', fire: blockSeq(3000), at: 'a', silent: blockSeq(100) },
  { code: 'yaml-too-deep', name: '1,200 nested block maps', fire: blockMaps(1200), at: 'a', silent: blockMaps(100) },
  {
    code: 'yaml-too-deep',
    name: '4.8 MB of implicit keys on one line, in a manifest',
    fire: `${CM}data:\n  x: ${'a: '.repeat(1_600_000)}\n`,
    at: 'a',
    silent: `${CM}data:\n  x: ${'a: '.repeat(100)}\n`,
  },
  {
    code: 'file-too-large',
    name: 'more lines than eksManifests.maxFileLines',
    fire: CM + '# c\n'.repeat(2000),
    at: '',
    silent: CM + '# c\n'.repeat(900),
    settings: { maxFileLines: 1000 },
  },
  {
    code: 'meta-value-not-string',
    name: 'CR-only line endings: positions are LSP lines',
    fire: labels('1').replace(/\n/g, '\r'),
    at: '1',
    silent: labels('"1"').replace(/\n/g, '\r'),
  },
  {
    code: 'api-removed',
    name: 'a manifest written as one line of JSON is still analysed',
    fire: '{"apiVersion": "extensions/v1beta1", "kind": "Ingress", "metadata": {"name": "x"}}\n',
    at: '"extensions/v1beta1"',
    silent: '{"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "x"}}\n',
  },
]);

test('too deep: a clear finding for that document only; no stack overflow reaches the user or the log', () => {
  for (const text of [flow(3000), flow(10_000), blockSeq(3000), blockMaps(1200), flowMaps(5000)]) {
    const removed = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\n';
    const s = serviceWith({ 'main.yaml': `${removed}---\n${text}` });
    const d = s.validate(uriOf('main.yaml'));
    assert.deepEqual(
      d.filter((x) => x.code !== 'schema-unknown-kind').map((x) => [x.code, x.range.start.line]),
      [
        ['api-removed', 0],
        ['yaml-too-deep', 4],
      ],
      JSON.stringify(d.map((x) => x.message)),
    );
    assert.ok(!d.some((x) => /call stack/i.test(x.message)));
    assert.match(d.find((x) => x.code === 'yaml-too-deep')!.message, /more than 500 levels/);
    assert.deepEqual(s.internalErrors, []);
  }
});

test(`nesting just under the limit (${MAX_NESTING - 1} levels) is analysed, and every feature answers there`, () => {
  for (const text of [flow(MAX_NESTING - 2), flowMaps(MAX_NESTING - 2), blockSeq(MAX_NESTING - 3)]) {
    const s = serviceWith({ 'main.yaml': text });
    const d = s.validate(uriOf('main.yaml'));
    assert.ok(!d.some((x) => x.code === 'yaml-too-deep' || x.code === 'yaml-syntax'), JSON.stringify(d.map((x) => x.code)));
    const deep = { line: 5, character: 4 + MAX_NESTING - 10 };
    s.complete(uriOf('main.yaml'), deep);
    s.hover(uriOf('main.yaml'), deep);
    s.definition(uriOf('main.yaml'), deep);
    s.documentSymbols(uriOf('main.yaml'));
    s.codeActions(uriOf('main.yaml'), { start: deep, end: deep }, d);
    s.codeLenses(uriOf('main.yaml'));
    assert.deepEqual(s.internalErrors, [], 'no check or feature threw');
  }
});

test('a line of implicit keys deeper than the limit is not even parsed; its positions still map', () => {
  const text = `---\n${CM}data:\n  x: ${'a: '.repeat(1_600_000)}\nz: 1\n`;
  const chunk = new YamlFile(text).chunks[0];
  assert.equal(chunk.tooDeep, true);
  assert.equal(chunk.docs.length, 0);
  assert.deepEqual(chunk.toPosition(text.indexOf('z: 1')), { line: 7, character: 0 });
  assert.equal(chunk.toOffset({ line: 7, character: 0 }), text.indexOf('z: 1'));
});

test('an error storm keeps at most MAX_KEPT_ERRORS parser errors per document', () => {
  const chunk = new YamlChunk('apiVersion: v1\nkind: ConfigMap\ndata:\n  x: ' + '[{'.repeat(20_000) + ']: : ,'.repeat(5000) + '\n');
  assert.ok(chunk.docs.length > 0 || chunk.tooDeep);
  for (const d of chunk.docs) assert.ok(d.errors.length <= MAX_KEPT_ERRORS, `${d.errors.length} errors kept`);
  const storm = new YamlChunk('apiVersion: v1\nkind: ConfigMap\n' + 'a: b: c: ] } ,\n'.repeat(3000));
  assert.equal(storm.docs[0].errors.length, MAX_KEPT_ERRORS);
});

test('a file with no apiVersion/kind key is not parsed at all (4.9 MB of "a: a: a:", a million comment lines)', () => {
  const index = indexWith({ 'a.yaml': 'a: '.repeat(1_600_000), 'c.yaml': '# c\n'.repeat(1_000_000), 'm.yaml': '# kind of a note\nx: 1\n' });
  for (const name of ['a.yaml', 'c.yaml', 'm.yaml']) {
    const f = index.get(uriOf(name))!;
    assert.equal(f.yaml.text, '', `${name} parsed`);
    assert.equal(f.notManifest, true);
  }
  const s = serviceWith({ 'a.yaml': 'a: '.repeat(1_600_000) });
  assert.deepEqual(s.validate(uriOf('a.yaml')), []);
  // Any spelling of the key still parses: indented, quoted, in a flow map, after other keys, in an eksctl file.
  for (const text of [
    '  apiVersion: v1\n  kind: Pod\n',
    '"kind": Pod\n',
    '{"metadata": {}, "apiVersion": "v1"}',
    'x: 1\napiVersion: v1\n',
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\n',
    'apiVersion: v2\nname: chart\n',
  ]) {
    assert.equal(indexWith({ 'k.yaml': text }).get(uriOf('k.yaml'))!.yaml.text, text);
  }
});

test('a line limit beside the size limit: lines count as LSP counts them (LF, CRLF, CR)', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = (CM + 'data:\n' + Array.from({ length: 1200 }, (_, i) => `  k${i}: v\n`).join('')).replace(/\n/g, eol);
    const over = serviceWith({ 'main.yaml': text }, { maxFileLines: 1000 }).validate(uriOf('main.yaml'));
    assert.deepEqual(
      over.map((d) => d.code),
      ['file-too-large'],
      JSON.stringify(eol),
    );
    assert.match(over[0].message, /1206 lines; the limit is 1000\). Raise eksManifests\.maxFileLines/);
    assert.deepEqual(serviceWith({ 'main.yaml': text }, { maxFileLines: 2000 }).validate(uriOf('main.yaml')), []);
  }
});

test('CR-only files: every finding is where the client puts it (LSP takes a lone CR as a line break)', () => {
  const text = 'apiVersion: extensions/v1beta1\rkind: Ingress\rmetadata:\r  name: x\r  labels:\r    app: yes\r    n: 8080\r';
  const s = serviceWith({ 'main.yaml': text });
  const d = s.validate(uriOf('main.yaml'));
  const doc = TextDocument.create(uriOf('main.yaml'), 'yaml', 1, text);
  assert.deepEqual(
    d.filter((x) => x.code !== 'schema-unknown-kind').map((x) => [x.code, x.range.start.line, textAt(text, x)]),
    [
      ['api-removed', 0, 'extensions/v1beta1'],
      ['meta-value-not-string', 5, 'yes'],
      ['meta-value-not-string', 6, '8080'],
    ],
  );
  assert.equal(doc.lineCount, 8);
  // The fix and "disable for this line" write CR line endings there.
  const n = d.find((x) => textAt(text, x) === '8080')!;
  const actions = s.codeActions(uriOf('main.yaml'), n.range, [n]);
  const disable = actions.find((a) => a.title.startsWith('Disable'))!;
  assert.equal(disable.edit!.changes![uriOf('main.yaml')][0].newText, '    # eks-manifests-disable-next-line meta-value-not-string\r');
});

test('%YAML and %TAG directives stay with the document after them', () => {
  assert.deepEqual(
    splitDocuments('%YAML 1.2\n# c\n---\na: 1\n---\nb: 2\n...\n%TAG !e! tag:e.com,2000:\n---\nc: !e!x 1\n').map((p) => p.text),
    ['%YAML 1.2\n# c\n---\na: 1\n', '---\nb: 2\n...\n', '%TAG !e! tag:e.com,2000:\n---\nc: !e!x 1\n'],
  );
  assert.deepEqual(
    splitDocuments('a: 1\n%x\n---\nb: 1\n').map((p) => p.text),
    ['a: 1\n%x\n', '---\nb: 1\n'],
    'a % line after content is content',
  );
  const tagged = '%TAG !e! tag:example.com,2000:\n---\n' + CM.replace('name: x', 'name: !e!n x');
  assert.deepEqual(serviceWith({ 'main.yaml': tagged }).validate(uriOf('main.yaml')), [], 'the tag handle resolves');
  const y11 = '%YAML 1.1\n---\n' + labels('yes');
  assert.deepEqual(
    serviceWith({ 'main.yaml': y11 })
      .validate(uriOf('main.yaml'))
      .map((d) => d.code),
    ['meta-value-not-string'],
  );
  assert.equal(new YamlFile(y11).chunks.length, 1);
});

test('"missing" findings are held back while the workspace index is incomplete', () => {
  const pool =
    'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: gp\nspec:\n  template:\n    spec:\n      nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: private}\n      requirements: []\n';
  const s = serviceWith({ 'main.yaml': pool });
  const codes = () => s.validate(uriOf('main.yaml')).map((d) => d.code);
  assert.ok(codes().includes('nodepool-nodeclass-missing'));
  s.setIndexComplete(false);
  assert.ok(!codes().includes('nodepool-nodeclass-missing'), 'held back');
  assert.ok(!s.validateQuick(uriOf('main.yaml')).diagnostics.some((d) => d.code === 'nodepool-nodeclass-missing'), 'quick pass too');
  s.setIndexComplete(true);
  assert.ok(codes().includes('nodepool-nodeclass-missing'), 'back once complete');
  const absence = s
    .codes()
    .filter((c) => c.notInWorkspace)
    .map((c) => c.code)
    .sort();
  assert.deepEqual(absence, [
    'alb-action-service-missing',
    'alb-backend-service-missing',
    'flux-ref-missing',
    'gateway-backend-missing',
    'gateway-class-missing',
    'gateway-parent-missing',
    'gateway-reference-grant-missing',
    'lattice-policy-target-missing',
    'lbc-gateway-config-missing',
    'nodepool-nodeclass-missing',
    'np-egress-no-dns',
    'np-namespace-selector-no-match',
    'np-pod-selector-no-match',
    'schema-unknown-kind',
    'serviceaccount-missing',
    'storage-class-missing',
    'workload-no-pdb',
  ]);
});

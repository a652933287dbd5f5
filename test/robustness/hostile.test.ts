/**
 * Hostile files against the bundled server: alias bombs, a 10 MB file, 100k lines, 10k nested flows,
 * extremely long lines, files that are not YAML at all. Each must be answered in bounded time and memory,
 * with a clear diagnostic where one applies, and the server must keep answering afterwards.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { askEverything, assertDiagnostics, failureLogs, peakRssMiB, setText } from './support';

const clients: LspClient[] = [];
after(async () => { await Promise.all(clients.map((c) => c.stop())); });

/** Bounds for a 2-core CI machine; generous on purpose (a hang or a blow-up is orders of magnitude above). */
const TIME_LIMIT_MS = 15_000;
const RSS_LIMIT_MIB = 1024;

async function fresh(): Promise<LspClient> {
  const c = await LspClient.start({ settings: { yamlSyntaxErrors: 'always' } });
  clients.push(c);
  return c;
}

const MANIFEST_HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\ndata:\n';

/** Open `text`, time the diagnostics, ask every request at a few places, check the server is still fine. */
async function survive(name: string, text: string, opts: { expectCode?: string; quiet?: boolean } = {}): Promise<unknown[]> {
  const c = await fresh();
  const uri = `file:///tmp/hostile/${name}.yaml`;
  const started = Date.now();
  const d = await setText(c, uri, text, 1, TIME_LIMIT_MS * 2);
  const took = Date.now() - started;
  assert.ok(took < TIME_LIMIT_MS, `${name}: diagnostics took ${took} ms`);
  assertDiagnostics(d, text);
  if (opts.expectCode) assert.ok((d as { code?: string }[]).some((x) => x.code === opts.expectCode), `${name}: expected ${opts.expectCode}, got ${JSON.stringify((d as { code?: string }[]).map((x) => x.code))}`);
  for (const pos of [{ line: 0, character: 0 }, { line: 3, character: 4 }, { line: 5, character: 10_000 }, { line: 99_999, character: 2 }]) {
    const t0 = Date.now();
    await askEverything(c, uri, text, pos, d);
    assert.ok(Date.now() - t0 < TIME_LIMIT_MS, `${name}: requests at ${JSON.stringify(pos)} took ${Date.now() - t0} ms`);
  }
  // It still works on a normal file afterwards.
  const ok = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: x\nspec:\n  maxUnavailable: 1\n';
  const d2 = await setText(c, 'file:///tmp/hostile/after.yaml', ok, 1);
  assert.ok((d2 as { code?: string }[]).some((x) => x.code === 'api-removed'), `${name}: the server still analyses other files`);
  assert.ok(c.alive, `${name}: server alive`);
  const rss = peakRssMiB(c);
  assert.ok(rss < RSS_LIMIT_MIB, `${name}: peak RSS ${rss.toFixed(0)} MiB`);
  const caught = failureLogs(c);
  assert.deepEqual(caught.filter((l) => /Uncaught|Unhandled/.test(l)), [], `${name}: no uncaught exception`);
  await c.stop();
  return d;
}

test('billion laughs: a 9^9 alias bomb in a block map', async () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const p = String.fromCharCode(96 + i), n = String.fromCharCode(97 + i);
    levels.push(`${n}: &${n} [${Array(9).fill('*' + p).join(',')}]`);
  }
  await survive('bomb-flow', MANIFEST_HEAD + levels.map((l) => '  ' + l).join('\n') + '\nspec:\n  x: *j\n  <<: *j\nmetadata2: *j\n');
});

test('billion laughs: merge-key bomb and aliases in identity fields', async () => {
  const lines = ['apiVersion: apps/v1', 'kind: Deployment', 'x0: &x0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}'];
  for (let i = 1; i < 30; i++) lines.push(`x${i}: &x${i} {<<: [${Array(8).fill(`*x${i - 1}`).join(', ')}], k${i}: ${i}}`);
  lines.push('metadata: &m', '  name: *x29', '  labels: *x29', '  annotations: *x29', '  namespace: *m');
  lines.push('spec:', '  selector:', '    matchLabels: *x29', '  template:', '    metadata: {labels: *x29}', '    spec: {containers: *x29}');
  await survive('bomb-merge', lines.join('\n') + '\n');
});

test('a 10 MB file gets one clear "file too large" diagnostic naming the setting', async () => {
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: ' + 'x'.repeat(1000) + '\n';
  const text = Array.from({ length: Math.ceil(10_000_000 / doc.length) }, () => doc).join('---\n');
  const d = (await survive('ten-megabytes', text, { expectCode: 'file-too-large' })) as { code?: string; message: string }[];
  assert.equal(d.length, 1);
  assert.match(d[0].message, /eksManifests\.maxFileSize/);
});

test('a 100,000-line file is analysed in bounded time', async () => {
  const parts: string[] = [];
  for (let i = 0; parts.length * 10 < 100_000; i++) parts.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\n  labels:\n    app: a${i}\nspec:\n  ports:\n    - port: ${80 + (i % 1000)}\n`);
  const text = parts.join('---\n');
  assert.ok(text.split('\n').length >= 100_000);
  await survive('hundred-thousand-lines', text);
});

test('100,000 lines in ONE document (no --- to split at)', async () => {
  const text = MANIFEST_HEAD + Array.from({ length: 100_000 }, (_, i) => `  key${i}: value ${i}`).join('\n') + '\n';
  await survive('one-huge-document', text);
});

test('10,000 nested [ and { flows', async () => {
  await survive('nested-seq', MANIFEST_HEAD + '  x: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n');
  await survive('nested-map', MANIFEST_HEAD + '  x: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n');
  await survive('unclosed', MANIFEST_HEAD + '  x: ' + '['.repeat(10_000) + '\n');
  await survive('nested-block', MANIFEST_HEAD + Array.from({ length: 5_000 }, (_, i) => ' '.repeat(2 + i) + `k${i}:`).join('\n') + ' end\n');
  await survive('nested-seq-block', MANIFEST_HEAD + '  x:\n' + Array.from({ length: 5_000 }, (_, i) => ' '.repeat(4 + i * 2) + '-').join('\n') + ' end\n');
});

test('a 1 MB line, as a value, a key and an annotation', async () => {
  await survive('long-value', MANIFEST_HEAD + '  k: ' + 'a'.repeat(1_000_000) + '\n');
  await survive('long-key', MANIFEST_HEAD + '  ' + 'k'.repeat(1_000_000) + ': v\n');
  await survive('long-annotation', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    alb.ingress.kubernetes.io/actions.a: \'' + '{"type": "forward", '.repeat(50_000) + '\'\n');
  await survive('long-flow', MANIFEST_HEAD + '  k: [' + '1, '.repeat(300_000) + '1]\n');
});

test('files that are not YAML at all', async () => {
  const bytes = Buffer.alloc(200_000);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; bytes[i] = x & 0xff; }
  const binary = bytes.toString('utf8');
  assert.deepEqual(await survive('binary', binary), [], 'no diagnostics on a binary file');
  await survive('binary-with-kind', 'apiVersion: v1\nkind: Pod\n' + binary);
  assert.deepEqual(await survive('markdown', '# Title\n\nSome *text* with `code` and a [link](http://x).\n\n```yaml\n  kind: Pod\n```\n'.repeat(2000)), []);
  await survive('json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: 2000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } })) }));
  await survive('nul', '\u0000'.repeat(100_000));
  await survive('only-markers', '---\n'.repeat(50_000));
  await survive('tabs-and-crs', '\t\r'.repeat(100_000));
  await survive('surrogates', MANIFEST_HEAD + '  k: "\ud800\udc00\ud800 \\ud800 \\x00"\n' + '\ud83d'.repeat(10_000));
});

test('many small documents with many errors each', async () => {
  const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n  labels: {a: 1, a: 2}\n data:\n  - x\n  y: : z\n';
  await survive('errors-everywhere', Array.from({ length: 3000 }, () => bad).join('---\n'));
});

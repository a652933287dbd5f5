/**
 * Hostile files against the bundled server: alias bombs, a 10 MB file, 100k lines, deep nesting under the
 * size limit, extremely long lines, error storms, files that are not YAML at all. Each must be answered, with
 * a clear diagnostic where one applies, and the server must keep answering afterwards. No wall-time
 * assertion: each test has a generous hang guard (the runner's timeout), and the time taken and the server's
 * peak memory are reported (t.diagnostic); the work bounds themselves are asserted in
 * test/unit/manifest/hostile-yaml.test.ts (documents parsed, errors kept).
 */
import { test, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { askEverything, assertDiagnostics, failureLogs, peakRssMiB, setText } from './support';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

/** A hang guard per test, and a memory bound for a 2-core CI machine: generous on purpose. */
const HANG_GUARD = { timeout: 300_000 };
const RSS_LIMIT_MIB = 1024;

async function fresh(): Promise<LspClient> {
  const c = await LspClient.start({ settings: { yamlSyntaxErrors: 'always' } });
  clients.push(c);
  return c;
}

const MANIFEST_HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\ndata:\n';

/** Open `text`, ask every request at a few places, check the server is still fine; report time and memory. */
async function survive(
  t: TestContext,
  name: string,
  text: string,
  opts: { expectCode?: string; quiet?: boolean } = {},
): Promise<unknown[]> {
  const c = await fresh();
  const uri = `file:///tmp/hostile/${name}.yaml`;
  const started = Date.now();
  const d = await setText(c, uri, text, 1, HANG_GUARD.timeout);
  const took = Date.now() - started;
  assertDiagnostics(d, text);
  if (opts.expectCode)
    assert.ok(
      (d as { code?: string }[]).some((x) => x.code === opts.expectCode),
      `${name}: expected ${opts.expectCode}, got ${JSON.stringify((d as { code?: string }[]).map((x) => x.code))}`,
    );
  const asked = Date.now();
  for (const pos of [
    { line: 0, character: 0 },
    { line: 3, character: 4 },
    { line: 5, character: 10_000 },
    { line: 99_999, character: 2 },
  ]) {
    await askEverything(c, uri, text, pos, d);
  }
  const requests = Date.now() - asked;
  // It still works on a normal file afterwards.
  const ok = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: x\nspec:\n  maxUnavailable: 1\n';
  const d2 = await setText(c, 'file:///tmp/hostile/after.yaml', ok, 1);
  assert.ok(
    (d2 as { code?: string }[]).some((x) => x.code === 'api-removed'),
    `${name}: the server still analyses other files`,
  );
  assert.ok(c.alive, `${name}: server alive`);
  const rss = peakRssMiB(c);
  t.diagnostic(
    `${name}: ${(text.length / 1e6).toFixed(2)} MB, ${d.length} diagnostics in ${took} ms, 20 requests in ${requests} ms, server peak RSS ${rss.toFixed(0)} MiB`,
  );
  assert.ok(rss < RSS_LIMIT_MIB, `${name}: peak RSS ${rss.toFixed(0)} MiB`);
  const caught = failureLogs(c);
  assert.deepEqual(
    caught.filter((l) => /Uncaught|Unhandled/.test(l)),
    [],
    `${name}: no uncaught exception`,
  );
  await c.stop();
  return d;
}

test('billion laughs: a 9^9 alias bomb in a block map', HANG_GUARD, async (t) => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const p = String.fromCharCode(96 + i),
      n = String.fromCharCode(97 + i);
    levels.push(
      `${n}: &${n} [${Array(9)
        .fill('*' + p)
        .join(',')}]`,
    );
  }
  await survive(t, 'bomb-flow', MANIFEST_HEAD + levels.map((l) => '  ' + l).join('\n') + '\nspec:\n  x: *j\n  <<: *j\nmetadata2: *j\n');
});

test('billion laughs: merge-key bomb and aliases in identity fields', HANG_GUARD, async (t) => {
  const lines = ['apiVersion: apps/v1', 'kind: Deployment', 'x0: &x0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}'];
  for (let i = 1; i < 30; i++)
    lines.push(
      `x${i}: &x${i} {<<: [${Array(8)
        .fill(`*x${i - 1}`)
        .join(', ')}], k${i}: ${i}}`,
    );
  lines.push('metadata: &m', '  name: *x29', '  labels: *x29', '  annotations: *x29', '  namespace: *m');
  lines.push(
    'spec:',
    '  selector:',
    '    matchLabels: *x29',
    '  template:',
    '    metadata: {labels: *x29}',
    '    spec: {containers: *x29}',
  );
  await survive(t, 'bomb-merge', lines.join('\n') + '\n');
});

test('a 10 MB file gets one clear "file too large" diagnostic naming the setting', HANG_GUARD, async (t) => {
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: ' + 'x'.repeat(1000) + '\n';
  const text = Array.from({ length: Math.ceil(10_000_000 / doc.length) }, () => doc).join('---\n');
  const d = (await survive(t, 'ten-megabytes', text, { expectCode: 'file-too-large' })) as { code?: string; message: string }[];
  assert.equal(d.length, 1);
  assert.match(d[0].message, /eksManifests\.maxFileSize/);
});

test('a 100,000-line file is analysed', HANG_GUARD, async (t) => {
  const parts: string[] = [];
  for (let i = 0; parts.length * 10 < 100_000; i++)
    parts.push(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\n  labels:\n    app: a${i}\nspec:\n  ports:\n    - port: ${80 + (i % 1000)}\n`,
    );
  const text = parts.join('---\n');
  assert.ok(text.split('\n').length >= 100_000);
  await survive(t, 'hundred-thousand-lines', text);
});

test('100,000 lines in ONE document (no --- to split at)', HANG_GUARD, async (t) => {
  const text = MANIFEST_HEAD + Array.from({ length: 100_000 }, (_, i) => `  key${i}: value ${i}`).join('\n') + '\n';
  await survive(t, 'one-huge-document', text);
});

test('deep nesting under the size limit (3,000–10,000 levels): "nesting too deep", never a stack overflow', HANG_GUARD, async (t) => {
  const deep = async (name: string, text: string) => {
    assert.ok(text.length < 5_000_000, `${name} is under the size limit`);
    const d = (await survive(t, name, text, { expectCode: 'yaml-too-deep' })) as { message: string }[];
    assert.ok(!d.some((x) => /call stack/i.test(x.message)), JSON.stringify(d.map((x) => x.message)));
  };
  await deep('nested-seq', MANIFEST_HEAD + '  x: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n');
  await deep('nested-map', MANIFEST_HEAD + '  x: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n');
  await deep('nested-seq-3000', MANIFEST_HEAD + '  x: ' + '['.repeat(3_000) + ']'.repeat(3_000) + '\n');
  await deep('unclosed', MANIFEST_HEAD + '  x: ' + '['.repeat(10_000) + '\n');
  // Block nesting costs its indentation: 3,000 levels at one space each is 4.5 MB.
  await deep('nested-block', MANIFEST_HEAD + Array.from({ length: 3_000 }, (_, i) => ' '.repeat(1 + i) + `k${i}:`).join('\n') + ' end\n');
  await deep('nested-seq-block', MANIFEST_HEAD + '  x:\n    ' + '- '.repeat(10_000) + 'end\n');
});

test('inputs under the size limit built to cost: skipped, bounded, or cut by the line limit', HANG_GUARD, async (t) => {
  assert.deepEqual(await survive(t, 'a-a-a', 'a: '.repeat(1_600_000)), [], 'no apiVersion/kind key: not parsed, no diagnostics');
  assert.deepEqual(await survive(t, 'million-comments', '# c\n'.repeat(1_000_000)), []);
  await survive(t, 'million-comments-kind', MANIFEST_HEAD + '# c\n'.repeat(1_000_000), { expectCode: 'file-too-large' });
  // With a kind line it is parsed: the parser nests each `a:` in the one before, so it is too deep to analyse.
  await survive(t, 'a-a-a-kind', MANIFEST_HEAD + '  x: ' + 'a: '.repeat(100_000) + '\n', { expectCode: 'yaml-too-deep' });
});

test('a 1 MB line, as a value, a key and an annotation', HANG_GUARD, async (t) => {
  await survive(t, 'long-value', MANIFEST_HEAD + '  k: ' + 'a'.repeat(1_000_000) + '\n');
  await survive(t, 'long-key', MANIFEST_HEAD + '  ' + 'k'.repeat(1_000_000) + ': v\n');
  await survive(
    t,
    'long-annotation',
    "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    alb.ingress.kubernetes.io/actions.a: '" +
      '{"type": "forward", '.repeat(50_000) +
      "'\n",
  );
  await survive(t, 'long-flow', MANIFEST_HEAD + '  k: [' + '1, '.repeat(300_000) + '1]\n');
});

test('files that are not YAML at all', HANG_GUARD, async (t) => {
  const bytes = Buffer.alloc(200_000);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x & 0xff;
  }
  const binary = bytes.toString('utf8');
  assert.deepEqual(await survive(t, 'binary', binary), [], 'no diagnostics on a binary file');
  await survive(t, 'binary-with-kind', 'apiVersion: v1\nkind: Pod\n' + binary);
  assert.deepEqual(
    await survive(t, 'markdown', '# Title\n\nSome *text* with `code` and a [link](http://x).\n\n```yaml\n  kind: Pod\n```\n'.repeat(2000)),
    [],
  );
  await survive(
    t,
    'json',
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: Array.from({ length: 2000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } })),
    }),
  );
  await survive(t, 'nul', '\u0000'.repeat(100_000));
  await survive(t, 'only-markers', '---\n'.repeat(50_000));
  await survive(t, 'tabs-and-crs', '\t\r'.repeat(100_000));
  await survive(t, 'surrogates', MANIFEST_HEAD + '  k: "\ud800\udc00\ud800 \\ud800 \\x00"\n' + '\ud83d'.repeat(10_000));
});

test('many small documents with many errors each', HANG_GUARD, async (t) => {
  const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n  labels: {a: 1, a: 2}\n data:\n  - x\n  y: : z\n';
  await survive(t, 'errors-everywhere', Array.from({ length: 3000 }, () => bad).join('---\n'));
});

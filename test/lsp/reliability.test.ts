/**
 * The bundled server at the edges of its input: a workspace larger than eksManifests.maxWorkspaceFiles,
 * watched-file events for files the scan would not read, a didChange to version 0, a message frame without
 * Content-Length, requests after shutdown.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspClient, SERVER } from '../helpers/lspClient';

const clients: LspClient[] = [];
const dirs: string[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tmpDir(name: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `eks-${name}-`));
  dirs.push(d);
  return d;
}

async function start(opts: Parameters<typeof LspClient.start>[0]): Promise<LspClient> {
  const c = await LspClient.start(opts);
  clients.push(c);
  return c;
}

const NODEPOOL =
  'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: gp\nspec:\n  template:\n    spec:\n      nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: private}\n      requirements: []\n';
const cm = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`;
const codes = (d: { code?: unknown }[]) => d.map((x) => String(x.code));

test(
  'a workspace over eksManifests.maxWorkspaceFiles: the cut is logged, "missing" findings wait, a higher limit scans again',
  { timeout: 120_000 },
  async () => {
    const dir = tmpDir('cut');
    fs.writeFileSync(path.join(dir, 'pool.yaml'), NODEPOOL);
    for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(dir, `c${i}.yaml`), cm(i));
    const c = await start({ rootPath: dir, settings: { maxWorkspaceFiles: 3 } });
    await c.waitForIndex();
    assert.ok(
      c.logs.some((l) => /workspace scan stopped at 3 YAML files \(eksManifests\.maxWorkspaceFiles\)/.test(l)),
      c.logs.join('\n'),
    );
    const uri = pathToFileURL(path.join(dir, 'pool.yaml')).href;
    c.open(uri, NODEPOOL);
    const held = await c.diagnosticsFor(uri, { version: 1 });
    assert.ok(!codes(held).includes('nodepool-nodeclass-missing'), JSON.stringify(codes(held)));
    // Raise the limit: a new scan reads everything, and the finding comes.
    c.settings = { maxWorkspaceFiles: 100 };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const d = await c.diagnosticsFor(uri, { until: (x) => codes(x).includes('nodepool-nodeclass-missing'), timeoutMs: 60_000 });
    assert.ok(codes(d).includes('nodepool-nodeclass-missing'));
    assert.ok(
      c.logs.some((l) => /^Indexed 5 YAML files in \d+ ms$/.test(l)),
      c.logs.join('\n'),
    );
  },
);

test(
  "watched-file events follow the scan's rules: no device, nothing outside the workspace, no huge file, malformed params ignored",
  { timeout: 120_000 },
  async () => {
    const dir = tmpDir('watch');
    const outside = tmpDir('outside');
    const svc = (name: string, pad = 0) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  annotations:\n    pad: "${'x'.repeat(pad)}"\nspec:\n  ports: [{port: 80}]\n`;
    const ingress =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: alb\n  rules:\n    - http:\n        paths:\n          - {path: /a, pathType: Prefix, backend: {service: {name: outside-svc, port: {number: 80}}}}\n          - {path: /b, pathType: Prefix, backend: {service: {name: linked-svc, port: {number: 80}}}}\n          - {path: /c, pathType: Prefix, backend: {service: {name: huge-svc, port: {number: 80}}}}\n          - {path: /d, pathType: Prefix, backend: {service: {name: inside-svc, port: {number: 80}}}}\n';
    fs.writeFileSync(path.join(outside, 'svc.yaml'), svc('outside-svc'));
    fs.writeFileSync(path.join(outside, 'linked.yaml'), svc('linked-svc'));
    fs.symlinkSync(path.join(outside, 'linked.yaml'), path.join(dir, 'linked.yaml'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    fs.writeFileSync(path.join(dir, 'huge.yaml'), svc('huge-svc', 6000));
    fs.writeFileSync(path.join(dir, 'ing.yaml'), ingress);
    const c = await start({ rootPath: dir, settings: { maxFileSize: 1000 } });
    await c.waitForIndex();
    fs.writeFileSync(path.join(dir, 'inside.yaml'), svc('inside-svc'));
    const ingUri = pathToFileURL(path.join(dir, 'ing.yaml')).href;
    c.open(ingUri, ingress);
    await c.diagnosticsFor(ingUri, { version: 1 });
    const created = (f: string) => ({ uri: pathToFileURL(f).href, type: 1 });
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        created(path.join(outside, 'svc.yaml')),
        created(path.join(dir, 'linked.yaml')),
        created(path.join(dir, 'zero.yaml')),
        created(path.join(dir, 'huge.yaml')),
        created(path.join(dir, 'inside.yaml')),
      ],
    });
    for (const bad of [
      {},
      { changes: 'x' },
      { changes: [null, { uri: 5 }, { uri: 'untitled:Untitled-1', type: 1 }, { uri: 'file:///%zz', type: 2 }] },
    ]) {
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', bad);
    }
    const lines = ingress.split('\n');
    const definitionOf = async (name: string) => {
      const line = lines.findIndex((l) => l.includes(name));
      return c.request<unknown[]>('textDocument/definition', {
        textDocument: { uri: ingUri },
        position: { line, character: lines[line].indexOf(name) + 2 },
      });
    };
    // The one admitted file arrives (the events are handled in order): then the others were judged too.
    for (let i = 0; i < 200 && (await definitionOf('inside-svc')).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal((await definitionOf('inside-svc')).length, 1, 'a new file inside the workspace is indexed');
    assert.deepEqual(await definitionOf('outside-svc'), [], 'a file outside the workspace folders is not indexed');
    assert.deepEqual(await definitionOf('linked-svc'), [], 'a symlink out of the workspace is not followed');
    assert.deepEqual(await definitionOf('huge-svc'), [], 'a file over 4 × maxFileSize is not read');
    assert.ok(c.alive);
    assert.deepEqual(
      c.logs.filter((l) => /Unhandled|Uncaught|failed/.test(l)),
      [],
    );
  },
);

test('didChange to version 0 is applied like any other change', { timeout: 60_000 }, async () => {
  const c = await start({});
  const uri = 'file:///tmp/v0.yaml';
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: -1, text: cm(1) } });
  await c.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 0 },
    contentChanges: [{ text: 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\n' }],
  });
  const d = await c.diagnosticsFor(uri, { until: (x) => codes(x).includes('api-removed'), timeoutMs: 20_000 });
  assert.ok(codes(d).includes('api-removed'));
});

test('a message frame without Content-Length ends the server (it would be deaf otherwise)', { timeout: 60_000 }, async () => {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.stdin.write(
    'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}',
  );
  assert.equal(await exited, 1, stderr);
  assert.match(stderr, /malformed message frame/);
});

test('requests after shutdown are refused with InvalidRequest', { timeout: 60_000 }, async () => {
  const c = await start({});
  c.open('file:///tmp/s.yaml', cm(1));
  await c.request('shutdown', null);
  await assert.rejects(
    c.request('textDocument/hover', { textDocument: { uri: 'file:///tmp/s.yaml' }, position: { line: 0, character: 1 } }),
    (err: { code?: number }) => err.code === -32600,
  );
  await assert.rejects(
    c.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///tmp/s.yaml' } }),
    (err: { code?: number }) => err.code === -32600,
  );
});

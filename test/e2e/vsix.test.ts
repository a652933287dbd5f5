/**
 * The packaged .vsix holds exactly what runs: the three bundles, the docs the diagnostics link to, the
 * files the manifest points at (icon, snippets, grammars), README/LICENSE/CHANGELOG, and nothing else
 * (no sources, tests, source maps or node_modules). Packages with scripts/package.sh when E2E_VSIX is unset.
 */
import { test } from 'node:test';
import * as assert from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, runDir } from '../../tools/vscode-host/codeServer';
import { OUT } from './paths';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { listZip, extractZip } = require('../../scripts/vsix-list.js') as {
  listZip(file: string): { name: string; size: number }[];
  extractZip(file: string, dest: string): void;
};

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

function vsixPath(): string {
  if (process.env.E2E_VSIX) return path.resolve(process.env.E2E_VSIX);
  const out = path.join(OUT, 'eks-manifests.vsix');
  if (!fs.existsSync(out)) execFileSync('bash', [path.join(REPO, 'scripts', 'package.sh'), out], { stdio: 'inherit' });
  return out;
}
const vsix = vsixPath();
const entries = listZip(vsix);
const files = entries
  .map((e) => e.name)
  .filter((n) => n.startsWith('extension/'))
  .map((n) => n.slice('extension/'.length));

/** Files the manifest refers to, which VS Code loads at run time. */
function manifestFiles(): string[] {
  const c = pkg.contributes ?? {};
  const rel = (p: string) => path.posix.normalize(p.replace(/^\.\//, ''));
  return [
    rel(pkg.main),
    pkg.icon && rel(pkg.icon),
    ...(c.snippets ?? []).map((s: { path: string }) => rel(s.path)),
    ...(c.grammars ?? []).map((g: { path: string }) => rel(g.path)),
    ...(c.languages ?? [])
      .filter((l: { configuration?: string }) => l.configuration)
      .map((l: { configuration: string }) => rel(l.configuration)),
    ...(c.jsonValidation ?? []).filter((j: { url: string }) => !/^https?:/.test(j.url)).map((j: { url: string }) => rel(j.url)),
  ].filter(Boolean);
}

test('contains the bundles, docs, icon, README, LICENSE and CHANGELOG', () => {
  for (const f of [
    'package.json',
    'dist/client.js',
    'dist/server.js',
    'dist/cli.js',
    'dist/k8s-descriptions.json',
    'docs/diagnostics.md',
    'readme.md',
    'changelog.md',
    'LICENSE.txt',
    'images/icon.png',
  ]) {
    assert.ok(files.includes(f), `${f} missing from the .vsix; it has: ${files.join(', ')}`);
  }
});

test('contains every file the manifest points at', () => {
  for (const f of manifestFiles()) assert.ok(files.includes(f), `package.json refers to ${f}, which is not in the .vsix`);
});

test('contains nothing else: no sources, tests, source maps, node_modules', () => {
  const allowed =
    /^(package\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/(client|server|cli)\.js|dist\/k8s-descriptions\.json|docs\/diagnostics\.md|images\/icon\.png|snippets\/[^/]+\.json|syntaxes\/[^/]+\.json)$/;
  assert.deepStrictEqual(
    files.filter((f) => !allowed.test(f)),
    [],
  );
  assert.deepStrictEqual(
    entries
      .map((e) => e.name)
      .filter((n) => !n.startsWith('extension/'))
      .sort(),
    ['[Content_Types].xml', 'extension.vsixmanifest'],
  );
});

test('the packaged manifest is the repository manifest, with engines.vscode matching @types/vscode', () => {
  const dir = fs.mkdtempSync(path.join(OUT, 'vsix-manifest-'));
  try {
    extractZip(vsix, dir);
    const shipped = JSON.parse(fs.readFileSync(path.join(dir, 'extension', 'package.json'), 'utf8'));
    assert.strictEqual(shipped.name, pkg.name);
    assert.strictEqual(shipped.version, pkg.version);
    assert.deepStrictEqual(shipped.contributes, pkg.contributes);
    // The extension may only use API that its oldest supported VS Code has: the typings are pinned to it.
    const types = JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8'))
      .version as string;
    const engine = /^\^(\d+\.\d+)\.\d+$/.exec(pkg.engines.vscode)?.[1];
    assert.ok(engine, `engines.vscode ${pkg.engines.vscode} is a caret range`);
    assert.strictEqual(types.split('.').slice(0, 2).join('.'), engine, `@types/vscode ${types} vs engines.vscode ${pkg.engines.vscode}`);
    // The bundled client runs in the extension host: it must not try to load anything from node_modules.
    const client = fs.readFileSync(path.join(dir, 'extension', 'dist', 'client.js'), 'utf8');
    assert.doesNotMatch(client, /require\("(vscode-languageclient|vscode-languageserver|yaml|@kubernetes\/client-node)[/"]/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('is small: under 2 MB (the bundles are the bulk)', () => {
  const size = fs.statSync(vsix).size;
  assert.ok(size < 2_000_000, `${vsix} is ${size} bytes`);
});

test('the packaged CLI and language server start outside the repository (nothing borrowed from node_modules)', async () => {
  const dir = runDir('vsix-smoke');
  extractZip(vsix, dir);
  const ext = path.join(dir, 'extension');
  const cli = spawnSync(process.execPath, [path.join(ext, 'dist', 'cli.js'), 'check', path.join(REPO, 'examples')], {
    encoding: 'utf8',
    cwd: dir,
  });
  assert.strictEqual(cli.status, 1, `the CLI finds the deliberate errors in examples/ (exit 1):\n${cli.stdout}\n${cli.stderr}`);
  assert.match(cli.stdout, /legacy\.yaml:4:13: error \[api-removed\]/);

  // LSP initialize over stdio against the packaged server: it must load and answer.
  const server = spawn(process.execPath, [path.join(ext, 'dist', 'server.js'), '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    let out = '',
      err = '';
    server.stderr.on('data', (d) => (err += d));
    const answered = new Promise<Record<string, unknown>>((resolve, reject) => {
      server.stdout.on('data', (d) => {
        out += d;
        const m = /Content-Length: (\d+)\r\n\r\n/.exec(out);
        if (m && out.length >= m.index + m[0].length + Number(m[1]))
          resolve(JSON.parse(out.slice(m.index + m[0].length, m.index + m[0].length + Number(m[1]))));
      });
      server.on('exit', (code) => reject(new Error(`server exited (${code}) before answering:\n${err}`)));
    });
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { indexWorkspace: false } },
    });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const reply = (await answered) as { result?: { capabilities?: Record<string, unknown> } };
    assert.ok(reply.result?.capabilities?.completionProvider, `initialize result: ${JSON.stringify(reply)}`);
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The bundled server over stdio, with real protocol messages. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspClient, positionOf, ROOT } from '../helpers/lspClient';
import type { CompletionList, DocumentSymbol, CodeAction, Hover, Location } from 'vscode-languageserver-types';

const examples = path.join(ROOT, 'examples');
const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

async function start(opts: Parameters<typeof LspClient.start>[0] = {}): Promise<LspClient> {
  const c = await LspClient.start(opts);
  clients.push(c);
  return c;
}

const LEGACY =
  'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  labels:\n    tier: 1\nspec:\n  maxUnavailable: 1\n';

test('didOpen → diagnostics with code, source and a docs link', async () => {
  const c = await start();
  const uri = 'file:///tmp/legacy.yaml';
  c.open(uri, LEGACY);
  const d = await c.diagnosticsFor(uri);
  assert.deepEqual(d.map((x) => x.code).sort(), ['api-removed', 'meta-value-not-string']);
  for (const x of d) {
    assert.equal(x.source, 'eks-manifests');
    assert.match(x.codeDescription!.href, /^file:\/\/.*docs\/diagnostics\.md#/);
  }
});

test('incremental didChange → fresh diagnostics for that version', async () => {
  const c = await start();
  const uri = 'file:///tmp/change.yaml';
  c.open(uri, LEGACY);
  await c.diagnosticsFor(uri, { until: (d) => d.length === 2 });
  const v = c.change(uri, { start: { line: 5, character: 10 }, end: { line: 5, character: 11 } }, '"1"');
  const d = await c.diagnosticsFor(uri, { version: v });
  assert.deepEqual(
    d.map((x) => x.code),
    ['api-removed'],
  );
  const v2 = c.change(uri, { start: { line: 0, character: 12 }, end: { line: 0, character: 26 } }, 'policy/v1');
  assert.deepEqual(await c.diagnosticsFor(uri, { version: v2 }), []);
});

test('completion, hover, documentSymbol, codeAction and definition over the wire', async () => {
  const c = await start({ rootPath: examples });
  await c.waitForIndex();
  const uri = pathToFileURL(path.join(examples, 'shop', 'legacy.yaml')).href;
  c.open(uri, LEGACY);
  const diags = await c.diagnosticsFor(uri, { until: (d) => d.length === 2 });

  const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 12 } });
  assert.ok(list.items.some((i) => i.label === 'policy/v1' && i.preselect));

  const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 15 } });
  assert.match(JSON.stringify(hover.contents), /removed/);

  const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(syms[0].name, 'PodDisruptionBudget web');

  const quote = diags.find((d) => d.code === 'meta-value-not-string')!;
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: quote.range,
    context: { diagnostics: [quote] },
  });
  assert.ok(actions.some((a) => a.title === 'Quote the value: "1"' && a.isPreferred));

  // Definition across files found by the workspace scan (ingress.yaml → web.yaml is not open).
  const ingUri = pathToFileURL(path.join(examples, 'shop', 'ingress.yaml')).href;
  const fs = await import('fs');
  const ingText = fs.readFileSync(path.join(examples, 'shop', 'ingress.yaml'), 'utf8');
  c.open(ingUri, ingText);
  const locs = await c.request<Location[]>('textDocument/definition', {
    textDocument: { uri: ingUri },
    position: positionOf(ingText, 'name: api', 7),
  });
  assert.equal(locs.length, 1);
  assert.match(locs[0].uri, /shop\/api\.yaml$/);
});

test('settings from workspace/configuration are respected (kubernetesVersion, disabled codes)', async () => {
  const c = await start({ settings: { kubernetesVersion: '1.24', diagnostics: { disabled: ['meta-value-not-string'] } } });
  const uri = 'file:///tmp/settings.yaml';
  c.open(uri, LEGACY);
  const d = await c.diagnosticsFor(uri, { until: (x) => x.length === 1 });
  assert.deepEqual(
    d.map((x) => x.code),
    ['api-deprecated'],
  );
});

test('garbage input and odd requests never kill the server', async () => {
  const c = await start();
  const uri = 'file:///tmp/garbage.yaml';
  const text = 'apiVersion: v1\nkind: [\n\u0000\u0001 : : :\n---\n{{{{\n';
  c.open(uri, text);
  const d = await c.diagnosticsFor(uri);
  // The broken YAML is reported as such, at positions inside the document.
  assert.ok(d.length > 0 && d.every((x) => x.code === 'yaml-syntax'), JSON.stringify(d.map((x) => x.code)));
  const lines = text.split('\n');
  for (const x of d) assert.ok(x.range.start.line < lines.length && x.range.end.line < lines.length, JSON.stringify(x.range));
  // A position past the end and a document never opened get the empty answers, not errors.
  assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 99, character: 99 } }), null);
  const completion = await c.request<{ items: unknown[] } | null>('textDocument/completion', {
    textDocument: { uri: 'file:///never/opened.yaml' },
    position: { line: 0, character: 0 },
  });
  assert.ok(completion === null || completion.items.length === 0, JSON.stringify(completion));
  assert.deepEqual(
    await c.request('textDocument/definition', { textDocument: { uri: 'file:///never/opened.yaml' }, position: { line: 0, character: 0 } }),
    [],
  );
  assert.ok(c.alive);
});

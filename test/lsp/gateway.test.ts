/**
 * Gateway API, VPC Lattice and App Mesh over the wire: the bundled server over stdio with real protocol
 * messages — diagnostics with their ranges, completion and go to definition of references, the weight code
 * lenses with the edits they carry, the quick fix that splits a multi-match rule, and the migration requests.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, positionOf } from '../helpers/lspClient';
import { Requests } from '@shared/protocol';
import type { CodeAction, CodeLens, CompletionList, Location, TextEdit } from 'vscode-languageserver-types';
import { LATTICE_CLASS, SERVICES, latticeGateway, route, splitRoute, matching } from '../helpers/gatewayFixtures';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

const DIR = 'file:///tmp/gateway-lsp';

async function workspace(): Promise<LspClient> {
  const c = await LspClient.start();
  clients.push(c);
  c.open(`${DIR}/class.yaml`, LATTICE_CLASS);
  c.open(`${DIR}/gw.yaml`, latticeGateway());
  c.open(`${DIR}/svc.yaml`, SERVICES);
  return c;
}

test('reference completion and go to definition over LSP: Gateway, listener, Service, port', async () => {
  const c = await workspace();
  const uri = `${DIR}/route.yaml`;
  const text = route('- backendRefs:\n  - name: checkout-v1\n    port: 80', { parent: '- name: shop-net\n  sectionName: https' });
  c.open(uri, text);
  await c.diagnosticsFor(uri);
  const names = async (needle: string, delta: number) =>
    (
      await c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, needle, delta) })
    ).items.map((i) => i.label);
  assert.ok((await names('name: shop-net', 6)).includes('shop-net'));
  assert.deepEqual((await names('sectionName: https', 13)).filter((l) => l === 'http' || l === 'https').sort(), ['http', 'https']);
  assert.ok((await names('name: checkout-v1', 6)).includes('checkout-v2'));
  const def = (needle: string, delta: number) =>
    c.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, needle, delta) });
  const gw = await def('name: shop-net', 8);
  assert.deepEqual(
    gw.map((l) => [l.uri, l.range.start]),
    [[`${DIR}/gw.yaml`, positionOf(latticeGateway(), 'shop-net')]],
  );
  const listener = await def('sectionName: https', 14);
  assert.deepEqual(
    listener.map((l) => [l.uri, l.range.start]),
    [[`${DIR}/gw.yaml`, positionOf(latticeGateway(), '- name: https', 8)]],
  );
  const svc = await def('name: checkout-v1', 8);
  assert.deepEqual(
    svc.map((l) => [l.uri, l.range.start]),
    [[`${DIR}/svc.yaml`, positionOf(SERVICES, 'checkout-v1')]],
  );
});

test('weight code lenses over LSP carry eksManifests.applyEdit with edits of the weight numbers only', async () => {
  const c = await workspace();
  const uri = `${DIR}/canary.yaml`;
  const text = splitRoute();
  c.open(uri, text);
  await c.diagnosticsFor(uri);
  const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  const titles = lenses.map((l) => l.command?.title);
  assert.deepEqual(titles, [
    'Traffic: checkout-v1 90% · checkout-v2 10%',
    '+10% to checkout-v2',
    '−10% to checkout-v2',
    'Swap',
    'All to checkout-v1',
    'All to checkout-v2',
  ]);
  const plus = lenses.find((l) => l.command?.title === '+10% to checkout-v2')!;
  assert.equal(plus.command!.command, 'eksManifests.applyEdit');
  const [target, edits] = plus.command!.arguments as [string, TextEdit[]];
  assert.equal(target, uri);
  const lines = text.split('\n');
  assert.deepEqual(
    edits.map((e) => [lines[e.range.start.line].slice(e.range.start.character, e.range.end.character), e.newText]),
    [
      ['90', '80'],
      ['10', '20'],
    ],
  );
});

test('diagnostics and the "one rule per match" quick fix over LSP', async () => {
  const c = await workspace();
  const uri = `${DIR}/multi.yaml`;
  const text = matching('- path:\n    type: PathPrefix\n    value: /cart\n- path:\n    type: PathPrefix\n    value: /orders');
  c.open(uri, text);
  const diags = await c.diagnosticsFor(uri, { until: (d) => d.some((x) => x.code === 'lattice-multiple-matches') });
  const d = diags.find((x) => x.code === 'lattice-multiple-matches')!;
  assert.equal(d.severity, 1);
  assert.equal(text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character), 'matches');
  assert.match(d.codeDescription!.href, /diagnostics\.md#lattice-multiple-matches/);
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d] },
  });
  const split = actions.find((a) => a.title.startsWith('Split into 2 rules'))!;
  assert.ok(split, actions.map((a) => a.title).join(' | '));
  assert.equal(split.edit!.changes![uri].length, 1);
});

test('previewLatticeMigration / previewGatewayMigration answer with the text of the preview, or null outside a migratable object', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const uri = `${DIR}/mesh.yaml`;
  const text =
    'apiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata:\n  name: store-mesh\nspec:\n  namespaceSelector:\n    matchLabels: {mesh: store-mesh}\n';
  c.open(uri, text);
  await c.diagnosticsFor(uri, { until: (d) => d.some((x) => x.code === 'appmesh-end-of-support') });
  const p = await c.request<{ title: string; content: string } | null>(Requests.previewLatticeMigration, {
    uri,
    position: { line: 1, character: 2 },
  });
  assert.equal(p!.title, 'store-mesh-lattice.yaml');
  assert.match(p!.content, /kind: Gateway\n/);
  assert.equal(await c.request(Requests.previewGatewayMigration, { uri, position: { line: 1, character: 2 } }), null);
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } },
    context: { diagnostics: [] },
  });
  assert.ok(actions.some((a) => a.command?.command === 'eksManifests.previewMigration'));
});

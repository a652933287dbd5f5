/** ALB actions/conditions JSON over the wire: the bundled server over stdio, real protocol messages. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, positionOf } from '../helpers/lspClient';
import { actionIngress } from '../fixtures/alb/manifests';
import type { CompletionList, Hover, CodeLens, CodeAction, TextEdit, Location } from 'vscode-languageserver-types';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web-blue
  namespace: shop
spec:
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: web-green
  namespace: shop
spec:
  ports: [{name: http, port: 80}]
`;

const ING = actionIngress(`alb.ingress.kubernetes.io/actions.bg: >
  {"type": "forward",
   "forwardConfig": {"targetGroups": [
     {"serviceName": "web-blue", "servicePort": 80, "weight": 90},
     {"serviceName": "web-green", "servicePort": "http", "wieght": 10}]}}
alb.ingress.kubernetes.io/conditions.bg: |
  [{"field": "http-header",
    "httpHeaderConfig": {"httpHeaderName": "X-Canary" "values": ["on"]}}]`);

test('ALB JSON over LSP: diagnostics at the exact JSON position, quick fix, completion, hover, code lens', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const svcUri = 'file:///tmp/alb-actions/svc.yaml';
  const uri = 'file:///tmp/alb-actions/ingress.yaml';
  c.open(svcUri, SVC);
  c.open(uri, ING);
  const diags = await c.diagnosticsFor(uri, { until: (d) => d.some((x) => x.code === 'alb-json-invalid') });
  const lines = ING.split('\n');
  const textOf = (r: { start: { line: number; character: number }; end: { character: number } }): string =>
    lines[r.start.line].slice(r.start.character, r.end.character);
  const invalid = diags.find((d) => d.code === 'alb-json-invalid')!;
  assert.equal(textOf(invalid.range), '"values"');
  assert.match(invalid.codeDescription!.href, /diagnostics\.md#alb-json-invalid/);
  const unknown = diags.find((d) => d.code === 'alb-json-unknown-key')!;
  assert.equal(textOf(unknown.range), '"wieght"');
  assert.ok(diags.some((d) => d.code === 'alb-action-weight-missing'));

  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: unknown.range,
    context: { diagnostics: [unknown] },
  });
  const rename = actions.find((a) => a.title === 'Rename to "weight"')!;
  assert.ok(rename, actions.map((a) => a.title).join(', '));
  assert.equal(rename.edit!.changes![uri][0].newText, 'weight');

  const list = await c.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(ING, '"serviceName": "web-green"', 16),
  });
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('web-blue') && labels.includes('web-green'), labels.join(','));

  const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(ING, '"forwardConfig"', 3) });
  assert.match(JSON.stringify(hover.contents), /\*\*forwardConfig\*\* · object/);

  const locs = await c.request<Location[]>('textDocument/definition', {
    textDocument: { uri },
    position: positionOf(ING, '"web-blue"', 3),
  });
  assert.equal(locs.length, 1);
  assert.equal(locs[0].uri, svcUri);
});

test('code lens over LSP: resolved with codeLens/resolve into eksManifests.applyEdit with edits that shift the weights', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const uri = 'file:///tmp/alb-actions/lens.yaml';
  const text = ING.replace('"wieght"', '"weight"').replace('"X-Canary" "values"', '"X-Canary", "values"');
  c.open(uri, text);
  await c.diagnosticsFor(uri);
  const unresolved = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  // The weight-changing lenses come without their command; the editor resolves the visible ones.
  assert.ok(unresolved.some((l) => !l.command));
  const lenses = await Promise.all(unresolved.map((l) => (l.command ? l : c.request<CodeLens>('codeLens/resolve', l))));
  const titles = lenses.map((l) => l.command?.title);
  assert.ok(titles.includes('Traffic: web-blue 90% · web-green 10%'), titles.join(' | '));
  const plus = lenses.find((l) => l.command?.title === '+10% to web-green')!;
  assert.equal(plus.command!.command, 'eksManifests.applyEdit');
  const [target, edits] = plus.command!.arguments as [string, TextEdit[]];
  assert.equal(target, uri);
  assert.deepEqual(edits.map((e) => e.newText).sort(), ['20', '80']);
  const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '"forwardConfig"', 3) });
  assert.match(JSON.stringify(hover.contents), /web-blue 90% · web-green 10%/);
  const line = text.split('\n')[edits[0].range.start.line];
  assert.match(line.slice(edits[0].range.start.character, edits[0].range.end.character), /^(90|10)$/);
});

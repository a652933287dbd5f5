/** ALB annotations through the bundled server over stdio: completion, hover, a diagnostic and its quick fix. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, positionOf } from '../helpers/lspClient';
import type { CodeAction, CompletionList, Hover, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

const P = 'alb.ingress.kubernetes.io/';
const TEXT = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    ${P}shceme: internet-facing
    ${P}healthcheck-interval-seconds: '10'
    ${P}
spec:
  ingressClassName: alb
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: blue-green
                port:
                  name: use-annotation
`;

test('ALB annotations over LSP: completion after the prefix, hover, unknown-annotation diagnostic and its rename fix', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const uri = 'file:///tmp/alb-ingress.yaml';
  c.open(uri, TEXT);
  const diags = await c.diagnosticsFor(uri, { until: (d) => d.some((x) => x.code === 'alb-unknown-annotation') });
  const unknown = diags.find((d) => d.code === 'alb-unknown-annotation')!;
  assert.match(unknown.message, /did you mean alb\.ingress\.kubernetes\.io\/scheme/);
  assert.equal(unknown.range.start.line, 5);
  assert.ok(diags.some((d) => d.code === 'alb-use-annotation-missing-action'));

  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: unknown.range,
    context: { diagnostics: [unknown] },
  });
  const fix = actions.find((a) => a.title === `Rename to ${P}scheme`)!;
  assert.ok(fix && fix.isPreferred);
  const edit = (fix.edit as WorkspaceEdit).changes![uri][0] as TextEdit;
  assert.equal(edit.newText, P + 'scheme');
  assert.deepEqual(edit.range, unknown.range);

  const list = await c.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(TEXT, `    ${P}\n`, 4 + P.length),
  });
  const target = list.items.find((i) => i.label === P + 'target-type');
  assert.ok(target, 'target-type offered');
  assert.match(target!.detail!, /instance \| ip/);
  assert.ok(
    list.items.some((i) => i.label === P + 'actions.blue-green'),
    'action name from the use-annotation backend',
  );

  const hover = await c.request<Hover>('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(TEXT, 'healthcheck-interval', 5),
  });
  assert.match(JSON.stringify(hover.contents), /Range: 5 to 300/);

  // Applying the fix clears the diagnostic.
  const v = c.change(uri, unknown.range, P + 'scheme');
  const after2 = await c.diagnosticsFor(uri, { version: v });
  assert.ok(!after2.some((d) => d.code === 'alb-unknown-annotation'));
});

test('ALB annotations over LSP: value completion as YAML strings and a cross-file class check', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const clsUri = 'file:///tmp/alb-ws/class.yaml';
  c.open(
    clsUri,
    'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: k8s.io/ingress-nginx\n',
  );
  const uri = 'file:///tmp/alb-ws/ing.yaml';
  const text = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    ${P}use-regex-path-match: \n    ${P}scheme: internet-facing\nspec:\n  ingressClassName: nginx\n`;
  c.open(uri, text);
  const d = await c.diagnosticsFor(uri, { until: (x) => x.some((y) => y.code === 'alb-not-alb-class') });
  const cls = d.find((x) => x.code === 'alb-not-alb-class')!;
  assert.equal(cls.range.start.line, 8);
  assert.match(cls.message, /k8s\.io\/ingress-nginx/);
  const list = await c.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(text, 'match: ', 7),
  });
  // Quoted in the file's style (no quotes yet: double, as the quick fixes do; model/edits.ts preferredQuote).
  assert.deepEqual(list.items.map((i) => (i.textEdit as TextEdit).newText).sort(), ['"false"', '"true"']);
});

test('ALB authoring over LSP: short-name completion, use-annotation and action names at backends, definition to the action, escaped hover', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const uri = 'file:///tmp/alb-authoring.yaml';
  const text = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    ${P}actions.blue-green: '{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "503"}}'
    ssl
spec:
  ingressClassName: alb
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: blue-green
                port:
                  name: u
`;
  c.open(uri, text);
  await c.diagnosticsFor(uri);
  const names = await c.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(text, '    ssl', 7),
  });
  const ssl = names.items.find((i) => i.label === `${P}ssl-redirect`)!;
  assert.ok(
    ssl,
    names.items
      .map((i) => i.label)
      .slice(0, 10)
      .join(', '),
  );
  assert.equal(ssl.filterText, 'ssl-redirect');
  assert.match((ssl.textEdit as TextEdit).newText, /ssl-redirect: ["']\$\{1:443\}["']/);
  const ports = await c.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(text, 'name: u', 7),
  });
  assert.ok(ports.items.some((i) => i.label === 'use-annotation' && i.preselect));
  const svc = await c.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(text, 'name: blue-green', 8),
  });
  assert.ok(svc.items.some((i) => i.label === 'blue-green'));
  const locs = await c.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', {
    textDocument: { uri },
    position: positionOf(text, 'name: blue-green', 9),
  });
  assert.equal(locs.length, 1);
  assert.equal(locs[0].range.start.line, 5);
  const hover = await c.request<Hover>('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(text, 'actions.blue-green', 3),
  });
  assert.match(JSON.stringify(hover.contents), /&lt;name&gt;/);
});

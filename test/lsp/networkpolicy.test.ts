/** NetworkPolicy through the bundled server over stdio: workspace label completion, explanation hover, a diagnostic and its quick fix, and the custom explain request. */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { LspClient, positionOf } from '../helpers/lspClient';

let dir = '';
let client: LspClient;

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: web
        tier: frontend
    spec:
      containers:
        - name: web
          ports:
            - name: http
              containerPort: 8080
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: we
  policyTypes:
    - Egress
  ingress:
    - ports:
        - protocol: TCP
          port: http
`;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'np-lsp-'));
  fs.writeFileSync(path.join(dir, 'web.yaml'), WORKLOADS);
  fs.writeFileSync(path.join(dir, 'policy.yaml'), POLICY);
  client = await LspClient.start({ rootPath: dir });
  await client.waitForIndex();
});

after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const uri = () => pathToFileURL(path.join(dir, 'policy.yaml')).href;

test('completion of a label value from a workload in the workspace', async () => {
  client.open(uri(), POLICY);
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: uri() },
    position: positionOf(POLICY, 'app: we', 7),
  });
  const web = list.items.find((i) => i.label === 'web');
  assert.ok(web, JSON.stringify(list.items.map((i) => i.label)));
  assert.match(web.detail ?? '', /app=web on 1 workload/);
  assert.equal((web.textEdit as TextEdit).newText, 'web');
});

test('a diagnostic with a quick fix, applied through codeAction', async () => {
  client.open(uri(), POLICY);
  const diags = await client.diagnosticsFor(uri(), { until: (d) => d.some((x) => x.code === 'np-ingress-ignored') });
  const d = diags.find((x) => x.code === 'np-ingress-ignored')!;
  assert.equal(d.source, 'eks-manifests');
  assert.match(d.codeDescription!.href, /diagnostics\.md#np-ingress-ignored$/);
  assert.ok(
    diags.some((x) => x.code === 'np-pod-selector-no-match'),
    'app: we matches no workload',
  );
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: uri() },
    range: d.range,
    context: { diagnostics: [d] },
  });
  const fix = actions.find((a) => a.title === 'Add Ingress to policyTypes');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const edits = fix.edit!.changes![uri()];
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, '\n    - Ingress');
  // Apply it as the editor would, and the warning goes away.
  const v = client.change(uri(), edits[0].range, edits[0].newText);
  const after = await client.diagnosticsFor(uri(), { version: v });
  assert.ok(!after.some((x) => x.code === 'np-ingress-ignored'));
});

test('hover on kind explains the policy in plain words', async () => {
  const text = POLICY.replace('app: we', 'app: web').replace('    - Egress', '    - Ingress');
  client.open(uri(), text);
  const hover = await client.request<Hover>('textDocument/hover', {
    textDocument: { uri: uri() },
    position: positionOf(text, 'NetworkPolicy', 3),
  });
  const md = (hover.contents as MarkupContent).value;
  assert.match(md, /Selects all Pods in `shop` with `app=web`/);
  assert.match(md, /\*\*Ingress:\*\* only from anywhere, TCP named port `http`/);
  assert.match(md, /In this workspace\*\* it selects `Deployment shop\/web`/);
});

test('eksManifests/explainNetworkPolicy answers Markdown for a position inside a policy, null elsewhere', async () => {
  const text = POLICY.replace('app: we', 'app: web');
  client.open(uri(), text);
  const res = await client.request<{ markdown: string; name: string; namespace: string } | null>('eksManifests/explainNetworkPolicy', {
    uri: uri(),
    position: positionOf(text, 'protocol'),
  });
  assert.ok(res);
  assert.equal(res.name, 'web-ingress');
  assert.equal(res.namespace, 'shop');
  assert.match(res.markdown, /### NetworkPolicy `shop\/web-ingress`/);
  assert.match(res.markdown, /\*\*Ingress:\*\* not restricted by this policy \(its 1 ingress rule is ignored/);
  const other = pathToFileURL(path.join(dir, 'web.yaml')).href;
  client.open(other, WORKLOADS);
  assert.equal(await client.request('eksManifests/explainNetworkPolicy', { uri: other, position: { line: 1, character: 3 } }), null);
  assert.equal(
    await client.request('eksManifests/explainNetworkPolicy', { uri: 'file:///nowhere.yaml', position: { line: 0, character: 0 } }),
    null,
  );
  assert.ok(client.alive);
});

test('an egress policy without DNS: the warning, its quick fix over codeAction (CRLF file), and the explanation', async () => {
  const text =
    'apiVersion: networking.k8s.io/v1\r\nkind: NetworkPolicy\r\nmetadata:\r\n  name: to-db\r\n  namespace: shop\r\nspec:\r\n  podSelector: {}\r\n  egress:\r\n    - to:\r\n        - podSelector:\r\n            matchLabels:\r\n              app: web\r\n      ports:\r\n        - port: 5432\r\n';
  const u = pathToFileURL(path.join(dir, 'to-db.yaml')).href;
  client.open(u, text);
  const diags = await client.diagnosticsFor(u, { until: (d) => d.some((x) => x.code === 'np-egress-no-dns') });
  const d = diags.find((x) => x.code === 'np-egress-no-dns')!;
  // A warning: the workspace manages shop's policies (web-ingress is deployed from the same folder).
  assert.equal(d.severity, 2);
  // Published without its fix in `data`: the code action below takes the fix from the server's current findings.
  assert.equal('data' in d, false);
  const res = await client.request<{ markdown: string } | null>('eksManifests/explainNetworkPolicy', {
    uri: u,
    position: positionOf(text, 'egress'),
  });
  assert.match(res!.markdown, /\*\*DNS:\*\* no egress rule reaches the cluster DNS/);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: u },
    range: d.range,
    context: { diagnostics: [d] },
  });
  const fix = actions.find((a) => a.title === 'Allow DNS to kube-dns (UDP and TCP 53)');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const e = fix.edit!.changes![u][0];
  assert.match(e.newText, /^\r\n {4}- to:\r\n/);
  assert.doesNotMatch(e.newText.replace(/\r\n/g, ''), /\n/);
  const v = client.change(u, e.range, e.newText);
  const after = await client.diagnosticsFor(u, { version: v });
  assert.deepEqual(
    after.filter((x) => String(x.code).startsWith('np-') && x.code !== 'np-eks-enforcement').map((x) => x.code),
    [],
  );
});

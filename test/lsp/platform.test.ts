/** Storage, identity and Datadog features through the bundled server over stdio: completion, hover, diagnostics with fixes. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, positionOf } from '../helpers/lspClient';
import type { CodeAction, CompletionItem, CompletionList, Hover, TextEdit } from 'vscode-languageserver-types';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

const items = (r: CompletionList | CompletionItem[] | null): CompletionItem[] => (Array.isArray(r) ? r : (r?.items ?? []));

const SC = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
parameters:
  type: gp3
  encrypted: "True"
  thr
`;

test('StorageClass parameters over LSP: key completion from the driver catalog, value completion, hover, the boolean diagnostic and its fix', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const uri = 'file:///tmp/platform-lsp/sc.yaml';
  c.open(uri, SC);
  const keys = items(
    await c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(SC, '  thr', 5) }),
  );
  const thr = keys.find((i) => i.label === 'throughput');
  assert.ok(thr, keys.map((i) => i.label).join(','));
  assert.match((thr!.textEdit as TextEdit).newText, /^throughput: "\$\{1:125\}"$/);
  assert.match(JSON.stringify(thr!.documentation), /gp3 only/);
  for (const k of ['iops', 'kmsKeyId', 'csi.storage.k8s.io/fstype', 'tagSpecification_1'])
    assert.ok(
      keys.some((i) => i.label === k),
      k,
    );
  assert.ok(!keys.some((i) => i.label === 'type'), 'keys already present are not offered again');

  const values = items(
    await c.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(SC, 'type: gp3', 'type: gp'.length),
    }),
  );
  assert.deepEqual(
    values.slice(0, 4).map((i) => i.label),
    ['gp3', 'gp2', 'io2', 'io1'],
  );

  const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(SC, 'encrypted', 2) });
  assert.match(JSON.stringify(hover.contents), /exact string/);

  const diags = await c.diagnosticsFor(uri, { until: (d) => d.some((x) => x.code === 'ebs-boolean-value') });
  const b = diags.find((d) => d.code === 'ebs-boolean-value')!;
  assert.equal(SC.split('\n')[b.range.start.line].slice(b.range.start.character, b.range.end.character), '"True"');
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: b.range,
    context: { diagnostics: [b] },
  });
  const fix = actions.find((a) => a.title === 'Change to "true"');
  assert.ok(fix, actions.map((a) => a.title).join(', '));
  assert.equal((fix!.edit!.changes![uri] as TextEdit[])[0].newText, '"true"');
});

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations:
        ad.datadoghq.com/wbe.logs: '[{"source": "nginx"}]'
    spec:
      serviceAccountName: web-sa
      containers:
        - name: web
          image: nginx
          ports: [{name: http, containerPort: 8080}]
        - name: redis
          image: redis
`;

test("Datadog annotation keys over LSP: completion with the template's containers, the container-mismatch diagnostic with its rename fix, hover", async () => {
  const c = await LspClient.start();
  clients.push(c);
  const typingUri = 'file:///tmp/platform-lsp/typing.yaml';
  const typing = DEPLOY.replace(`'[{"source": "nginx"}]'\n`, `'[{"source": "nginx"}]'\n        ad.datadoghq.com/\n`);
  c.open(typingUri, typing);
  const list = items(
    await c.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: typingUri },
      position: positionOf(typing, 'ad.datadoghq.com/\n', 'ad.datadoghq.com/'.length),
    }),
  );
  const labels = list.map((i) => i.label);
  for (const k of ['ad.datadoghq.com/web.checks', 'ad.datadoghq.com/redis.checks', 'ad.datadoghq.com/web.logs', 'ad.datadoghq.com/tags'])
    assert.ok(labels.includes(k), `${k} in ${labels.slice(0, 8).join(',')}`);
  const checks = list.find((i) => i.label === 'ad.datadoghq.com/web.checks')!;
  assert.match((checks.textEdit as TextEdit).newText, /^ad\.datadoghq\.com\/web\.checks: '\{"\$\{1:check\}"/);
  assert.match(JSON.stringify(checks.documentation), /http \(8080\)/);

  const uri = 'file:///tmp/platform-lsp/web.yaml';
  c.open(uri, DEPLOY);
  const diags = await c.diagnosticsFor(uri, { until: (d) => d.some((x) => x.code === 'dd-ad-container-mismatch') });
  const m = diags.find((d) => d.code === 'dd-ad-container-mismatch')!;
  assert.equal(DEPLOY.split('\n')[m.range.start.line].slice(m.range.start.character, m.range.end.character), 'ad.datadoghq.com/wbe.logs');
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: m.range,
    context: { diagnostics: [m] },
  });
  const rename = actions.find((a) => a.title === 'Rename to ad.datadoghq.com/web.logs');
  assert.ok(rename, actions.map((a) => a.title).join(', '));

  const hover = await c.request<Hover>('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(DEPLOY, 'ad.datadoghq.com/wbe.logs', 20),
  });
  assert.match(JSON.stringify(hover.contents), /No container `wbe`/);
});

test('IRSA over LSP: go to definition from serviceAccountName, hover with the role', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const saUri = 'file:///tmp/platform-lsp2/sa.yaml';
  const uri = 'file:///tmp/platform-lsp2/web.yaml';
  c.open(
    saUri,
    'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web-sa\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/web\n',
  );
  c.open(uri, DEPLOY);
  await c.diagnosticsFor(uri);
  const defs = await c.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', {
    textDocument: { uri },
    position: positionOf(DEPLOY, 'web-sa', 2),
  });
  assert.equal(defs[0].uri, saUri);
  assert.equal(defs[0].range.start.line, 3);
  const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(DEPLOY, 'web-sa', 2) });
  assert.match(JSON.stringify(hover.contents), /arn:aws:iam::111122223333:role\/web/);
});

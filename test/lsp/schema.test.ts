/**
 * The schema engine through the bundled server over stdio: completion and hover on a Deployment container's
 * fields (also half-typed), and on a custom resource's fields from a CRD in the workspace; a diagnostic
 * with its did-you-mean fix.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, positionOf } from '../helpers/lspClient';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-types';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          imagePullPolicy: IfNotPresent
          portz:
            - containerPort: 80
          res
`;

test('Deployment container over LSP: field completion on a half-typed key, enum values, hover, unknown-field fix', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const uri = 'file:///tmp/schema-lsp/deploy.yaml';
  const typing = 'file:///tmp/schema-lsp/typing.yaml';
  c.open(uri, DEPLOY.replace('          res\n', ''));
  c.open(typing, DEPLOY);
  const diags = await c.diagnosticsFor(uri, { until: (d) => d.some((x) => x.code === 'schema-unknown-field' && /portz/.test(x.message)) });
  const portz = diags.find((d: Diagnostic) => d.code === 'schema-unknown-field' && /portz/.test(d.message))!;
  assert.equal(portz.range.start.line, 17);
  assert.match(portz.message, /spec\.template\.spec\.containers\[0\]\.portz.*did you mean "ports"/);
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: portz.range,
    context: { diagnostics: [portz] },
  });
  assert.ok(actions.some((a) => a.title === 'Rename to ports'));

  // `res` typed on its own line (no colon yet): container fields, with type and required marks.
  const list = await c.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: typing },
    position: positionOf(DEPLOY, '          res', '          res'.length),
  });
  const resources = list.items.find((i) => i.label === 'resources');
  assert.ok(resources, JSON.stringify(list.items.map((i) => i.label)));
  assert.match(resources!.detail!, /object/);
  assert.ok(list.items.some((i) => i.label === 'readinessProbe'));
  assert.ok(!list.items.some((i) => i.label === 'image'), 'fields already present are not offered again');
  const resolved = await c.request<CompletionItem>('completionItem/resolve', resources);
  assert.match(JSON.stringify(resolved.documentation), /requests/);

  const values = await c.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(DEPLOY, 'imagePullPolicy: ', 'imagePullPolicy: '.length),
  });
  assert.deepEqual(values.items.filter((i) => ['Always', 'Never', 'IfNotPresent'].includes(i.label as string)).length, 3);

  const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(DEPLOY, 'imagePullPolicy', 3) });
  const text = JSON.stringify(hover.contents);
  assert.match(text, /spec\.template\.spec\.containers\[0\]\.imagePullPolicy/);
  assert.match(text, /Allowed: `Always`, `Never`, `IfNotPresent`/);
  assert.match(text, /kubernetes-api\/v1\.34\/#container-v1-core/);
});

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.example.com
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Backup, plural: backups }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [schedule]
              properties:
                schedule:
                  type: string
                  description: When the backup runs, in cron syntax.
                retention:
                  type: object
                  required: [days]
                  properties:
                    days: { type: integer, minimum: 1 }
                mode: { type: string, enum: [Full, Incremental], default: Full }
`;

const CR = `apiVersion: example.com/v1
kind: Backup
metadata:
  name: nightly
spec:
  schedule: "@daily"
  mode: Full
  re
`;

test('custom resource over LSP: completion and hover from a CRD in the workspace', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const crdUri = 'file:///tmp/schema-lsp/crd.yaml';
  const uri = 'file:///tmp/schema-lsp/backup.yaml';
  c.open(crdUri, CRD);
  c.open(uri, CR);
  await c.diagnosticsFor(uri, { until: () => true });
  const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(CR, '  re', 4) });
  const retention = list.items.find((i) => i.label === 'retention');
  assert.ok(retention, JSON.stringify(list.items.map((i) => i.label)));
  // The snippet holds the required child.
  assert.match((retention!.textEdit as { newText: string }).newText, /retention:\n\s+days: \$1/);

  const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(CR, 'schedule', 2) });
  const text = JSON.stringify(hover.contents);
  assert.match(text, /spec\.schedule/);
  assert.match(text, /required/);
  assert.match(text, /When the backup runs, in cron syntax/);
  const mode = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(CR, 'mode', 1) });
  assert.match(JSON.stringify(mode.contents), /Default: `Full`/);
});

test('hover on a built-in field we did not describe shows the upstream description the build read from @kubernetes/client-node', async () => {
  // The text is read from the installed package here too (never committed): whatever the build wrote must reach the hover.
  const { readK8sDescriptions } = await import('../../scripts/k8s-descriptions.mjs');
  const upstream = readK8sDescriptions().fields['V1ContainerPort.hostIP'] as string;
  assert.ok(upstream && upstream.length > 10);
  const c = await LspClient.start();
  clients.push(c);
  const text = DEPLOY.replace('          res\n', '')
    .replace('            - containerPort: 80', '            - containerPort: 80\n              hostIP: 10.0.0.1')
    .replace('portz:', 'ports:');
  const uri = 'file:///tmp/schema-lsp/hostip.yaml';
  c.open(uri, text);
  await c.diagnosticsFor(uri);
  const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'hostIP', 2) });
  assert.ok(JSON.stringify(h?.contents).includes(upstream.slice(0, 30)), JSON.stringify(h?.contents));
});

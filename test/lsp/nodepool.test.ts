/** NodePool features through the bundled server over stdio: diagnostics + quick fix, completion, hover, cross-file checks. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, positionOf } from '../helpers/lspClient';
import type { CodeAction, CompletionList, Hover, TextEdit } from 'vscode-languageserver-types';
import { autoNodePool } from '../helpers/nodepool';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

const NP = autoNodePool(`        - key: karpenter.k8s.aws/instance-family
          operator: In
          values: ["m7i", "c7i"]
        - key: karpenter.sh/capa
          operator: In
          values: ["on-demand"]
      expireAfter: 336h
      terminationGracePeriod: 1h
`);

test('Auto Mode NodePool over LSP: karpenter.k8s.aws label diagnostic with its quick fix, requirement-key completion, hover summary', async () => {
  const c = await LspClient.start();
  clients.push(c);
  const uri = 'file:///tmp/np/nodepool.yaml';
  c.open(uri, NP);
  const diags = await c.diagnosticsFor(uri, { until: (d) => d.some((x) => x.code === 'nodepool-auto-mode-karpenter-label') });
  const label = diags.find((d) => d.code === 'nodepool-auto-mode-karpenter-label')!;
  assert.equal(label.severity, 1);
  assert.equal(label.range.start.line, 12);
  assert.match(label.codeDescription!.href, /diagnostics\.md#nodepool-auto-mode-karpenter-label/);

  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: label.range,
    context: { diagnostics: [label] },
  });
  const fix = actions.find((a) => a.title === 'Use eks.amazonaws.com/instance-family')!;
  assert.ok(fix && fix.isPreferred);
  const edit = (fix.edit!.changes![uri] as TextEdit[])[0];
  assert.equal(edit.newText, 'eks.amazonaws.com/instance-family');
  assert.deepEqual(edit.range, label.range);

  const list = await c.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(NP, 'karpenter.sh/capa', 'karpenter.sh/capa'.length),
  });
  const item = list.items.find((i) => i.label === 'karpenter.sh/capacity-type');
  assert.ok(item, JSON.stringify(list.items.map((i) => i.label)));
  assert.ok(list.items.some((i) => i.label === 'eks.amazonaws.com/instance-category'));

  const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(NP, 'name: general', 8) });
  const text = JSON.stringify(hover.contents);
  assert.match(text, /NodePool general/);
  assert.match(text, /EKS Auto Mode/);
  assert.match(text, /Lifetime/);
  assert.match(text, /at most 1h/);
});

test("cross-file over LSP: a Deployment whose grace period exceeds the NodePool's, with the NodePool as related information", async () => {
  const c = await LspClient.start();
  clients.push(c);
  const npUri = 'file:///tmp/np2/nodepool.yaml';
  const depUri = 'file:///tmp/np2/web.yaml';
  c.open(
    npUri,
    NP.replace('karpenter.k8s.aws/instance-family', 'eks.amazonaws.com/instance-family').replace(
      'karpenter.sh/capa',
      'karpenter.sh/capacity-type',
    ),
  );
  const dep =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      terminationGracePeriodSeconds: 7200\n      containers: [{name: web, image: nginx}]\n';
  c.open(depUri, dep);
  const d = await c.diagnosticsFor(depUri, { until: (x) => x.some((y) => y.code === 'pod-grace-exceeds-nodepool') });
  const g = d.find((x) => x.code === 'pod-grace-exceeds-nodepool')!;
  assert.equal(g.range.start.line, 11);
  assert.equal(g.relatedInformation![0].location.uri, npUri);
});

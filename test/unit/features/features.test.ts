import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexWith, serviceWith, uriOf } from '../../helpers/service';
import { positionOf } from '../../helpers/lspClient';

const app =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ports: [{port: 80}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n';

test('document symbols: one entry per object with Kind namespace/name and its parts', () => {
  const s = serviceWith({ 'a.yaml': app });
  const syms = s.documentSymbols(uriOf('a.yaml'));
  assert.deepEqual(
    syms.map((x) => x.name),
    ['Service shop/web', 'Deployment shop/web'],
  );
  assert.deepEqual(
    syms[0].children!.map((c) => c.name),
    ['metadata', 'spec'],
  );
  assert.deepEqual(
    syms[1].children![1].children!.map((c) => c.name),
    ['replicas'],
  );
  assert.equal(syms[1].selectionRange.start.line, 11);
});

test('definition: an Ingress backend service name jumps to the Service in another file (same namespace only)', () => {
  const ing =
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n  namespace: shop\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port: {number: 80}\n';
  const s = serviceWith({
    'app.yaml': app,
    'ing.yaml': ing,
    'other.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: other\n',
  });
  const locs = s.definition(uriOf('ing.yaml'), positionOf(ing, 'name: web', 7));
  assert.equal(locs.length, 1);
  assert.equal(locs[0].uri, uriOf('app.yaml'));
  assert.equal(locs[0].range.start.line, 3);
});

test('completion: apiVersion values put the current version of the kind first; kind values list kinds', () => {
  const text = 'kind: Ingress\napiVersion: \n';
  const s = serviceWith({ 'a.yaml': text });
  const list = s.complete(uriOf('a.yaml'), { line: 1, character: 12 })!;
  const pre = list.items.find((i) => i.preselect);
  assert.equal(pre?.label, 'networking.k8s.io/v1');
  const k = serviceWith({ 'b.yaml': 'apiVersion: v1\nkind: Se\n' }).complete(uriOf('b.yaml'), { line: 1, character: 8 })!;
  assert.ok(k.items.some((i) => i.label === 'Service'));
});

test('hover on a removed apiVersion explains the move', () => {
  const text = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: x\n';
  const h = serviceWith({ 'a.yaml': text }).hover(uriOf('a.yaml'), { line: 0, character: 15 });
  assert.match(JSON.stringify(h?.contents), /removed\*\* in Kubernetes 1.22/);
});

test('workspace index answers cross-file questions and follows edits and deletions', () => {
  const s = indexWith({ 'app.yaml': app });
  assert.equal(s.find({ kind: 'Service', name: 'web', namespace: 'shop' }).length, 1);
  assert.equal(s.find({ kind: 'Service', name: 'web', namespace: 'other' }).length, 0);
  assert.equal(s.find({ kind: 'Service', name: 'web' }).length, 1);
  s.set(uriOf('app.yaml'), app.replace('name: web\n  namespace: shop\nspec:\n  ports', 'name: www\n  namespace: shop\nspec:\n  ports'));
  assert.equal(s.find({ kind: 'Service', name: 'web', namespace: 'shop' }).length, 0);
  assert.equal(s.find({ kind: 'Service', name: 'www', namespace: 'shop' }).length, 1);
  s.delete(uriOf('app.yaml'));
  assert.equal(s.byKind('Service').length, 0);
});

/**
 * The bundled server on repositories shaped like real ones (issue 12): chart templates, kustomizations on
 * disk, the eksManifests.exclude setting, and the eksManifests/checkRenderedChart request behind
 * EKS: Check Rendered Chart (with a real helm from scripts/ensure-helm.sh).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, Location } from 'vscode-languageserver-types';
import { LspClient, positionOf, ROOT } from '../helpers/lspClient';
import { helmBinary } from '../helpers/helm';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});
async function start(opts: Parameters<typeof LspClient.start>[0] = {}): Promise<LspClient> {
  const c = await LspClient.start(opts);
  clients.push(c);
  return c;
}

function tempRepo(files: Record<string, string>): { root: string; uri: (name: string) => string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-lsp-repo-'));
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(root, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return { root, uri: (name) => pathToFileURL(path.join(root, name)).href };
}

const TEMPLATE = `{{- if .Values.service.enabled }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
    tier: 1
spec:
  type: {{ .Values.service.type }}
  ports:
    - port: {{ .Values.service.port }}
{{- end }}
`;

test('a chart template opened in the editor: only the literal mistake, at its line', async () => {
  const repo = tempRepo({ 'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n', 'chart/templates/service.yaml': TEMPLATE });
  const c = await start({ rootPath: repo.root });
  await c.waitForIndex();
  const uri = repo.uri('chart/templates/service.yaml');
  c.open(uri, TEMPLATE);
  const d = await c.diagnosticsFor(uri);
  assert.deepEqual(
    d.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character]),
    [['meta-value-not-string', 7, 10, 11]],
  );
  c.open(repo.uri('chart/Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
  assert.deepEqual(await c.diagnosticsFor(repo.uri('chart/Chart.yaml')), []);
});

test('a kustomization on disk: a missing path at its range, and go to definition on a base', async () => {
  const k = 'resources:\n  - ../base\n  - ingress.yaml\n';
  const repo = tempRepo({ 'overlay/kustomization.yaml': k, 'base/kustomization.yaml': 'resources: []\n' });
  const c = await start({ rootPath: repo.root });
  await c.waitForIndex();
  const uri = repo.uri('overlay/kustomization.yaml');
  c.open(uri, k);
  const d = await c.diagnosticsFor(uri, { until: (x) => x.length > 0 });
  assert.deepEqual(
    d.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character]),
    [['kustomize-path-missing', 2, 4, 16]],
  );
  const def = await c.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(k, '../base', 3) });
  assert.deepEqual(
    def.map((l) => l.uri),
    [repo.uri('base/kustomization.yaml')],
  );
  // Creating the file on disk and telling the server clears the finding.
  fs.writeFileSync(path.join(repo.root, 'overlay', 'ingress.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: repo.uri('overlay/ingress.yaml'), type: 1 }] });
  assert.deepEqual(await c.diagnosticsFor(uri, { until: (x) => x.length === 0 }), []);
});

const INGRESS =
  'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ingressClassName: alb\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n';
const svc = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  ports:\n    - port: 80\n`;

test('eksManifests.exclude: excluded files take no part in cross-document checks', async () => {
  const repo = tempRepo({ 'app/ingress.yaml': INGRESS, 'app/service.yaml': svc('api'), 'app/generated/web.yaml': svc('web') });
  const codesWith = async (exclude: string[]): Promise<string[]> => {
    const c = await start({ rootPath: repo.root, settings: { exclude } });
    await c.waitForIndex();
    c.open(repo.uri('app/ingress.yaml'), INGRESS);
    const d: Diagnostic[] = await c.diagnosticsFor(repo.uri('app/ingress.yaml'));
    return d.map((x) => String(x.code));
  };
  assert.deepEqual(await codesWith([]), []);
  assert.deepEqual(await codesWith(['generated']), ['alb-backend-service-missing']);
  assert.deepEqual(await codesWith(['app/generated/**']), ['alb-backend-service-missing']);
});

interface RenderResult {
  ok: boolean;
  reason?: string;
  message?: string;
  chart?: string;
  documents?: number;
  files?: { uri: string; diagnostics: Diagnostic[] }[];
}

test("eksManifests/checkRenderedChart: the rendered chart's findings on its templates (real helm)", async () => {
  const chart = path.join(ROOT, 'test', 'fixtures', 'helm', 'web');
  const c = await start({ settings: { helm: { path: helmBinary() } } });
  // Settings arrive with the first configuration pull; open a document so that has happened.
  c.open('file:///tmp/x.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  await c.diagnosticsFor('file:///tmp/x.yaml');
  const r = await c.request<RenderResult>('eksManifests/checkRenderedChart', {
    uri: pathToFileURL(path.join(chart, 'templates', 'service.yaml')).href,
  });
  assert.equal(r.ok, true, r.message);
  assert.equal(r.documents, 3);
  assert.equal(r.chart, pathToFileURL(chart).href);
  assert.deepEqual(
    r.files!.map((f) => [path.relative(chart, new URL(f.uri).pathname), f.diagnostics.map((d) => [d.code, d.range.start.line])]),
    [['templates/ingress.yaml', [['alb-unknown-annotation', 9]]]],
  );
  const broken = await c.request<RenderResult>('eksManifests/checkRenderedChart', {
    uri: pathToFileURL(path.join(ROOT, 'test', 'fixtures', 'helm', 'broken')).href,
  });
  assert.equal(broken.ok, false);
  assert.equal(broken.reason, 'render-error');
  assert.match(broken.message!, /clusterName must be set/);
});

test('eksManifests/checkRenderedChart: no helm is one clear message', async () => {
  const c = await start({ settings: { helm: { path: path.join(os.tmpdir(), 'no-such-helm') } } });
  c.open('file:///tmp/y.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n');
  await c.diagnosticsFor('file:///tmp/y.yaml');
  const r = await c.request<RenderResult>('eksManifests/checkRenderedChart', {
    uri: pathToFileURL(path.join(ROOT, 'test', 'fixtures', 'helm', 'web')).href,
  });
  assert.deepEqual([r.ok, r.reason], [false, 'no-helm']);
  assert.match(r.message!, /not an executable file/);
});

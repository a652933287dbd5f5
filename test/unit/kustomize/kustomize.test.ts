/**
 * The Kustomize module (server/src/service/kustomize/) on a real folder on disk, read through the same
 * FileSystem the LSP server and the CLI use: missing paths (firing and silent, exact ranges), go to definition,
 * completion and hover of kustomization fields, patches as partial objects, and the namespace / namePrefix /
 * nameSuffix of a build in cross-document questions. Field names follow kubernetes-sigs/kustomize
 * api/types/kustomization.go (commit 12f9e6391); layouts are modelled on EKS Workshop and podinfo.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service/languageService';
import { nodeFileSystem } from '../../../server/src/node/fileSystem';
import { positionOf } from '../../helpers/lspClient';

/** A workspace on disk: files written under a fresh temp folder, all loaded into a service with a real FileSystem. */
function workspace(files: Record<string, string>, load: (name: string) => boolean = () => true) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-kustomize-'));
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(root, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  const errors: string[] = [];
  const s = createLanguageService({ env: { fs: nodeFileSystem }, log: (m) => errors.push(m) });
  const uri = (name: string) => pathToFileURL(path.join(root, name)).href;
  for (const name of Object.keys(files)) if (/\.ya?ml$|Kustomization$/.test(name) && load(name)) s.setFile(uri(name), files[name]);
  return {
    s,
    root,
    uri,
    errors,
    validate: (name: string) => {
      const d = s.validate(uri(name));
      assert.deepEqual(errors, []);
      return d;
    },
  };
}

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));
const covered = (text: string, d: Diagnostic) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);

const DEPLOY =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ui\nspec:\n  selector:\n    matchLabels: {app: ui}\n  template:\n    metadata:\n      labels: {app: ui}\n    spec:\n      containers:\n        - name: ui\n          image: ui:1\n';
const SERVICE =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: ui\nspec:\n  selector: {app: ui}\n  ports:\n    - name: http\n      port: 80\n';

test('kustomize-path-missing: every kind of listed path, at the exact path text; silent when it exists', () => {
  const k = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - deployment.yaml',
    '  - missing.yaml',
    '  - ../base',
    '  - ../nowhere',
    '  - ../plain',
    '  - https://github.com/kubernetes-sigs/aws-load-balancer-controller//config/default?ref=v2.8.0',
    '  - github.com/fluxcd/flux2/manifests/install?ref=v2.3.0',
    'components:',
    '  - ../components/tls',
    '  - ../components/gone',
    'crds:',
    '  - crds/widget.yaml',
    '  - crds/none.yaml',
    'patches:',
    '  - path: patch-replicas.yaml',
    '  - path: patch-gone.yaml',
    '  - patch: |-',
    '      - op: replace',
    '        path: /spec/replicas',
    '        value: 3',
    '    target: {kind: Deployment}',
    'patchesStrategicMerge:',
    '  - patch-old.yaml',
    'configMapGenerator:',
    '  - name: scripts',
    '    files:',
    '      - scripts/warm.sh',
    '      - init=scripts/init-gone.sh',
    '    envs:',
    '      - app.env',
    '  - name: more',
    '    env: gone.env',
    '',
  ].join('\n');
  const w = workspace({
    'app/kustomization.yaml': k,
    'app/deployment.yaml': DEPLOY,
    'app/patch-replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ui\nspec:\n  replicas: 2\n',
    'app/patch-old.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ui\n',
    'app/crds/widget.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n',
    'app/scripts/warm.sh': 'echo warm\n',
    'app/app.env': 'A=1\n',
    'base/kustomization.yaml': 'resources:\n  - service.yaml\n',
    'base/service.yaml': SERVICE,
    'plain/readme.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    'components/tls/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n',
  });
  const d = w.validate('app/kustomization.yaml').filter((x) => x.code === 'kustomize-path-missing');
  assert.deepEqual(
    d.map((x) => covered(k, x)),
    [
      'missing.yaml',
      '../nowhere',
      '../plain',
      '../components/gone',
      'crds/none.yaml',
      'patch-gone.yaml',
      'scripts/init-gone.sh',
      'gone.env',
    ],
  );
  assert.ok(d.every((x) => x.severity === 1));
  assert.match(d[2].message, /folder \.\.\/plain has no kustomization\.yaml/);
  assert.match(d[0].message, /resources: missing\.yaml does not exist/);
  // The same kustomization without the broken entries: silent.
  const fixed = k
    .split('\n')
    .filter((l) => !/missing|nowhere|plain|gone|none/.test(l))
    .join('\n');
  const w2 = workspace({
    'app/kustomization.yaml': fixed,
    'app/deployment.yaml': DEPLOY,
    'app/patch-replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ui\n',
    'app/patch-old.yaml': 'kind: Deployment\n',
    'app/crds/widget.yaml': 'kind: X\napiVersion: v1\nmetadata: {name: w}\n',
    'app/scripts/warm.sh': '',
    'app/app.env': '',
    'base/kustomization.yaml': 'resources: [service.yaml]\n',
    'base/service.yaml': SERVICE,
    'components/tls/kustomization.yaml': 'kind: Component\n',
  });
  assert.deepEqual(codes(w2.validate('app/kustomization.yaml')), []);
});

test('a kustomization without apiVersion/kind (kustomize defaults them) is not an object: no missing-* finding', () => {
  const w = workspace({ 'k/kustomization.yml': 'resources:\n  - a.yaml\n', 'k/a.yaml': SERVICE, 'k/Kustomization': 'namespace: x\n' });
  assert.deepEqual(w.validate('k/kustomization.yml'), []);
});

test('go to definition: a resource file, a base folder (its kustomization) and a patch path', () => {
  const k = 'resources:\n  - deployment.yaml\n  - ../base\npatches:\n  - path: patch.yaml\n';
  const w = workspace(
    {
      'app/kustomization.yaml': k,
      'app/deployment.yaml': DEPLOY,
      'app/patch.yaml': 'kind: Deployment\n',
      'base/kustomization.yaml': 'resources: [s.yaml]\n',
      'base/s.yaml': SERVICE,
    },
    (n) => n !== 'app/patch.yaml',
  );
  const def = (needle: string) => w.s.definition(w.uri('app/kustomization.yaml'), positionOf(k, needle, 2)).map((l) => l.uri);
  assert.deepEqual(def('deployment.yaml'), [w.uri('app/deployment.yaml')]);
  assert.deepEqual(def('../base'), [w.uri('base/kustomization.yaml')]);
  // Not in the index (not loaded), found on disk.
  assert.deepEqual(def('patch.yaml'), [w.uri('app/patch.yaml')]);
  assert.deepEqual(w.s.definition(w.uri('app/kustomization.yaml'), positionOf(k, 'resources', 2)), []);
});

test('completion of kustomization fields (missing ones only), of enum values, and of resources from the workspace', () => {
  const k =
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - \nconfigMapGenerator:\n  - name: x\n    behavior: \nnamePr\n';
  const w = workspace({
    'overlays/prod/kustomization.yaml': k,
    'overlays/prod/ingress.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n',
    'base/kustomization.yaml': 'resources: []\n',
    'components/tls/kustomization.yaml': 'kind: Component\n',
  });
  const labels = (line: number, character: number) =>
    (w.s.complete(w.uri('overlays/prod/kustomization.yaml'), { line, character })?.items ?? [])
      .filter((i) => (i.data as { module?: string }).module === 'kustomize')
      .map((i) => i.label);
  const fields = labels(7, 6);
  assert.ok(fields.includes('namePrefix') && fields.includes('patches') && fields.includes('components'), fields.join());
  assert.ok(!fields.includes('resources'), 'already set');
  assert.deepEqual(labels(6, 14), ['create', 'replace', 'merge']);
  const res = labels(3, 4);
  assert.ok(res.includes('ingress.yaml') && res.includes('../../base'), res.join());
  assert.ok(!res.includes('../../components/tls'), 'components are not resources');
});

test('hover: a field (our words, deprecation noted) and a path (what it resolves to)', () => {
  const k = 'bases:\n  - ../base\nnamespace: shop\n';
  const w = workspace({ 'app/kustomization.yaml': k, 'base/kustomization.yaml': 'resources: []\n' });
  const h = (needle: string, off = 1) =>
    JSON.stringify(w.s.hover(w.uri('app/kustomization.yaml'), positionOf(k, needle, off))?.contents ?? '');
  assert.match(h('bases'), /Deprecated: list them in resources/);
  assert.match(h('namespace'), /Namespace set on every namespaced resource/);
  assert.match(h('../base', 3), /Resolves to .*base\/kustomization\.yaml/);
});

test('patches are partial objects: no missing-name and no cross-document finding on them', () => {
  const patch =
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  annotations:\n    alb.ingress.kubernetes.io/scheme: internet-facing\nspec:\n  defaultBackend:\n    service:\n      name: nothing\n      port: {number: 80}\n';
  const files = {
    'app/kustomization.yaml':
      'resources:\n  - service.yaml\npatches:\n  - path: ingress-patch.yaml\n    target: {kind: Ingress, name: web}\n',
    'app/service.yaml': SERVICE,
    'app/ingress-patch.yaml': patch,
  };
  assert.deepEqual(codes(workspace(files).validate('app/ingress-patch.yaml')), []);
  // The same file, not used as a patch: a missing name (error), a backend with no Service, and (information)
  // no class while the workspace has no default IngressClass.
  const alone = workspace({ ...files, 'app/kustomization.yaml': 'resources:\n  - service.yaml\n' });
  assert.deepEqual(codes(alone.validate('app/ingress-patch.yaml')).sort(), ['alb-backend-service-missing', 'alb-no-class', 'missing-name']);
  // Values in a patch are still checked.
  assert.deepEqual(
    codes(workspace({ ...files, 'app/ingress-patch.yaml': patch.replace('internet-facing', 'public') }).validate('app/ingress-patch.yaml')),
    ['alb-annotation-value'],
  );
});

test('an overlay Ingress backend resolves to the base Service its namePrefix and namespace rename', () => {
  const ingress =
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ui\n  namespace: prod\nspec:\n  ingressClassName: alb\n  defaultBackend:\n    service:\n      name: prod-ui\n      port:\n        name: http\n';
  const files = {
    'base/kustomization.yaml': 'resources:\n  - service.yaml\n  - deployment.yaml\n',
    'base/service.yaml': SERVICE.replace('name: ui\n', 'name: ui\n  namespace: default\n'),
    'base/deployment.yaml': DEPLOY,
    'overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n  - ../../base\n  - ingress.yaml\n',
    'overlays/prod/ingress.yaml': ingress,
  };
  const w = workspace(files);
  assert.deepEqual(
    codes(w.validate('overlays/prod/ingress.yaml')).filter((c) => c.startsWith('alb-backend')),
    [],
  );
  const def = w.s.definition(w.uri('overlays/prod/ingress.yaml'), positionOf(ingress, 'prod-ui', 2));
  assert.deepEqual(
    def.map((l) => l.uri),
    [w.uri('base/service.yaml')],
  );
  // A name the build does not produce is missing, and the build deploys Services there: a warning.
  const wrong = workspace({ ...files, 'overlays/prod/ingress.yaml': ingress.replace('prod-ui', 'prod-api') });
  const d = wrong.validate('overlays/prod/ingress.yaml').filter((x) => x.code === 'alb-backend-service-missing');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 2);
  assert.equal(covered(ingress.replace('prod-ui', 'prod-api'), d[0]), 'prod-api');
  assert.match(d[0].message, /did you mean "prod-ui"/);
  // Without the overlay, the base Service keeps its own name and namespace (default): the workspace has no
  // Service in prod to compare with, so nothing is said.
  const noOverlay = workspace({ ...files, 'overlays/prod/kustomization.yaml': 'resources:\n  - ingress.yaml\n' });
  assert.deepEqual(
    noOverlay.validate('overlays/prod/ingress.yaml').filter((x) => x.code === 'alb-backend-service-missing'),
    [],
  );
  assert.deepEqual(noOverlay.s.definition(noOverlay.uri('overlays/prod/ingress.yaml'), positionOf(ingress, 'prod-ui', 2)), []);
});

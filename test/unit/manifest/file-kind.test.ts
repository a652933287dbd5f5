/** The file classification (model/fileKind.ts) and Kustomize's remote paths (kustomize/model.ts), table by table. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileRole, isScannedFileName } from '@shared/manifest/fileKind';
import { isRemotePath } from '../../../server/src/service/kustomize/model';

test('fileRole: Helm chart files, kustomizations, manifests', () => {
  const cases: [string, string][] = [
    ['file:///r/chart/Chart.yaml', 'helm'],
    ['file:///r/chart/Chart.lock', 'helm'],
    ['file:///r/chart/values.yaml', 'helm'],
    ['file:///r/chart/values-production.yaml', 'helm'],
    ['file:///r/chart/ci/daemonset-values.yml', 'helm'],
    ['file:///r/env/prod.values.yaml', 'helm'],
    ['file:///r/chart/values.schema.json', 'helm'],
    ['file:///r/helmfile.yaml', 'helm'],
    ['file:///r/helmfile.yaml.gotmpl', 'helm'],
    ['file:///r/chart/templates/_helpers.tpl', 'helm'],
    ['file:///r/chart/templates/NOTES.txt', 'helm'],
    ['file:///r/k/kustomization.yaml', 'kustomization'],
    ['file:///r/k/kustomization.yml', 'kustomization'],
    ['file:///r/k/Kustomization', 'kustomization'],
    ['file:///r/chart/templates/deployment.yaml', 'manifest'],
    ['file:///r/chart/templates/values-configmap.yaml', 'manifest'],
    ['file:///r/tf/nodepool.yaml.tpl', 'manifest'],
    ['file:///r/app/valuesets.yaml', 'manifest'],
    ['untitled:Untitled-1', 'manifest'],
  ];
  for (const [uri, role] of cases) assert.equal(fileRole(uri), role, uri);
});

test('isScannedFileName: what the workspace scan and the CLI read', () => {
  for (const n of ['a.yaml', 'a.yml', 'A.YAML', 'nodepool.yaml.tpl', 'x.yml.tpl', 'Kustomization'])
    assert.equal(isScannedFileName(n), true, n);
  for (const n of ['_helpers.tpl', 'NOTES.txt', 'a.json', 'manifest.yaml.template', 'kustomization'])
    assert.equal(isScannedFileName(n), false, n);
});

test('isRemotePath: URLs kustomize fetches, not local paths', () => {
  for (const p of [
    'https://github.com/org/repo//deploy?ref=v1',
    'http://example.com/x.yaml',
    'git@github.com:org/repo.git//base',
    'ssh://git@host/org/repo',
    'git::https://host/repo',
    'github.com/fluxcd/flux2/manifests/install?ref=v2.3.0',
    'gitlab.com/org/repo/path',
    'host.example.org/org/repo.git',
  ])
    assert.equal(isRemotePath(p), true, p);
  for (const p of ['../base', './deployment.yaml', 'deployment.yaml', 'charts.d/app', '../../overlays/prod', 'config.v2/x.yaml'])
    assert.equal(isRemotePath(p), false, p);
});

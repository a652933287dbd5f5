/**
 * DeployedWith answers "which of these objects are deployed together with this file" from an index of the
 * objects, where deployedTogether compares two files. The two must agree on every pair: kustomization
 * builds (an overlay and its base), a Helm chart, nested folders, folders whose names share a prefix, and
 * URIs without a folder (untitled documents).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../../server/src/service/workspace/workspaceIndex';
import { DeployedWith, deployedTogether, deployedWithIn } from '../../../server/src/service/workspace/deployment';

const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function workspace(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  const files: Record<string, string> = {
    'file:///repo/base/app.yaml': cm('base-app'),
    'file:///repo/base/kustomization.yaml': 'resources:\n  - app.yaml\n',
    'file:///repo/overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - extra.yaml\n',
    'file:///repo/overlays/prod/extra.yaml': cm('prod-extra'),
    'file:///repo/overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n',
    'file:///repo/charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'file:///repo/charts/web/templates/cm.yaml': cm('web'),
    'file:///repo/charts/web/templates/sub/more.yaml': cm('web-more'),
    'file:///repo/a/x.yaml': cm('a-x'),
    'file:///repo/a/b/y.yaml': cm('a-b-y'),
    'file:///repo/ab/z.yaml': cm('ab-z'),
    'file:///repo/top.yaml': cm('top'),
    'file:///other/w.yaml': cm('other-w'),
    'untitled:Untitled-1': cm('untitled-1'),
    'untitled:Untitled-10': cm('untitled-10'),
  };
  for (const [uri, text] of Object.entries(files)) index.set(uri, text);
  return index;
}

test('DeployedWith gives, for every file, the objects deployedTogether pairs it with, in order', () => {
  const index = workspace();
  const objects = index.byKind('ConfigMap');
  assert.equal(objects.length, 11);
  const units = new DeployedWith(index, objects, (o) => o.uri);
  const sizes = new Set<number>();
  for (const uri of [...index.uris(), 'file:///repo/a/b/c/new.yaml', 'file:///elsewhere/n.yaml', 'untitled:Untitled']) {
    const expected = objects.filter((o) => deployedTogether(index, uri, o.uri)).map((o) => o.name);
    assert.deepEqual(
      units.of(uri).map((o) => o.name),
      expected,
      uri,
    );
    assert.deepEqual(
      deployedWithIn(index, objects, uri).map((o) => o.name),
      expected,
      uri,
    );
    sizes.add(expected.length);
  }
  // The workspace has units of several sizes: the comparison above is not between two trivial answers.
  assert.ok(sizes.size >= 4, `answer sizes ${[...sizes].join(', ')}`);
});

test('DeployedWith: a base goes with its overlay; a chart only with itself; a folder with its tree', () => {
  const index = workspace();
  const objects = index.byKind('ConfigMap');
  const units = new DeployedWith(index, objects, (o) => o.uri);
  const names = (uri: string): (string | undefined)[] => units.of(uri).map((o) => o.name);
  assert.deepEqual(names('file:///repo/overlays/prod/extra.yaml'), ['base-app', 'prod-extra', 'top']);
  assert.deepEqual(names('file:///repo/charts/web/templates/cm.yaml'), ['web', 'web-more']);
  assert.deepEqual(names('file:///repo/a/b/y.yaml'), ['a-x', 'a-b-y', 'top']);
  assert.deepEqual(names('file:///repo/ab/z.yaml'), ['ab-z', 'top']);
  assert.deepEqual(names('untitled:Untitled-1'), ['untitled-1', 'untitled-10']);
});

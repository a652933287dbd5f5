/**
 * One list of the API server's built-in groups (shared/manifest/documentKind.ts) decides what is a custom
 * resource, which schema applies, which name format a kind has and how discovery reads a cluster. Every group
 * of the bundled Kubernetes schema data and of the removed-apiVersion table must be in it, and no group outside them
 * but the removed `extensions`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILT_IN_GROUPS, isBuiltInGroup, isCustomResource } from '@shared/manifest/documentKind';
import { REMOVED_APIS } from '@shared/apiVersions';
import { k8sData } from '../../../server/src/service/schema/store';

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

test('every group of the schema data and the removed-apiVersion table is built in', () => {
  const fromData = new Set(Object.keys(k8sData().kinds).map((id) => (id.split('/').length === 3 ? id.split('/')[0] : '')));
  const fromTables = new Set([
    ...REMOVED_APIS.flatMap((a) => [a.apiVersion, ...a.replacements.flatMap((r) => (r.apiVersion ? [r.apiVersion] : []))]).map(groupOf),
  ]);
  assert.ok(fromData.size > 20, `${fromData.size} groups in the schema data`);
  for (const g of [...fromData, ...fromTables]) assert.ok(isBuiltInGroup(g), `group "${g}"`);
  const extra = [...BUILT_IN_GROUPS].filter((g) => !fromData.has(g));
  assert.deepEqual(extra, ['extensions']);
});

test('a group outside the list is a custom resource; a built-in one is not', () => {
  assert.equal(isCustomResource('karpenter.sh/v1', 'NodePool'), true);
  assert.equal(isCustomResource('resource.k8s.io/v1beta1', 'ResourceClaim'), false);
  assert.equal(isCustomResource('extensions/v1beta1', 'Ingress'), false);
  assert.equal(isBuiltInGroup('elbv2.k8s.aws'), false);
});

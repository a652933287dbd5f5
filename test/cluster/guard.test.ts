/**
 * The production guard (issue 16): it fails closed on an invalid pattern, looks at the context name, the
 * cluster name and the server URL, reads only the user's setting, and cannot be made to hang by a
 * pathological pattern (RE2JS matches in linear time; without it the `(a+)+$` cases below would not end).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  isProductionContext,
  productionVerdict,
  confirmationNeeded,
  guardPatternFromSetting,
  MAX_GUARD_INPUT,
  MAX_GUARD_PATTERN,
  type GuardTarget,
} from '../../client/src/cluster';

const eksAlias: GuardTarget = {
  context: 'shop',
  cluster: 'arn:aws:eks:eu-west-1:123456789012:cluster/shop-prod',
  server: 'https://0A1B2C3D.gr7.eu-west-1.eks.amazonaws.com',
};

describe('production guard: what it matches', () => {
  const cases: { name: string; target: GuardTarget | string; pattern?: unknown; production: boolean; reason?: RegExp }[] = [
    {
      name: 'default pattern: a context name containing "prod"',
      target: 'arn:aws:eks:eu-west-1:1:cluster/shop-prod',
      production: true,
      reason: /context name/,
    },
    { name: 'case-insensitive', target: 'PROD-eu', production: true },
    { name: 'a name without it', target: 'staging', production: false },
    {
      name: '`aws eks update-kubeconfig --alias shop` of a production cluster: the cluster ARN matches',
      target: eksAlias,
      production: true,
      reason: /cluster name "arn:aws:eks:.*shop-prod"/,
    },
    {
      name: 'the server URL matches',
      target: { context: 'blue', cluster: 'blue', server: 'https://api.prod.example.com:6443' },
      production: true,
      reason: /server URL "https:\/\/api\.prod\.example\.com:6443"/,
    },
    {
      name: 'credentials in the server URL are neither matched nor shown',
      target: { context: 'blue', cluster: 'blue', server: 'https://prod:hunter2@api.example.com' },
      production: false,
    },
    { name: 'nothing matches', target: { context: 'dev', cluster: 'dev-cluster', server: 'https://127.0.0.1:6443' }, production: false },
    { name: 'own pattern', target: 'live-eu', pattern: '^live-', production: true },
    { name: 'own pattern, no match', target: 'shop-prod', pattern: '^live-', production: false },
    { name: 'empty pattern (user settings only): guard off', target: 'shop-prod', pattern: '', production: false },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const v = productionVerdict(c.target, c.pattern ?? 'prod');
      assert.equal(v.production, c.production, v.reason);
      if (c.reason) assert.match(v.reason, c.reason);
      assert.doesNotMatch(v.reason, /hunter2/);
    });
  }
});

describe('production guard: fails closed', () => {
  const invalid: { name: string; pattern: unknown; why: RegExp }[] = [
    { name: 'unbalanced bracket (`prod|[live`)', pattern: 'prod|[live', why: /missing closing \]/ },
    { name: 'lookahead, which RE2 does not support', pattern: '(?=prod)', why: /not a valid regular expression/ },
    { name: "a repeat count over RE2's limit", pattern: '(a{1000}){1000}', why: /invalid repeat count/ },
    {
      name: 'a pattern over the length limit',
      pattern: 'a'.repeat(MAX_GUARD_PATTERN + 1),
      why: new RegExp(`longer than ${MAX_GUARD_PATTERN}`),
    },
    { name: 'a setting that is not a string', pattern: 42, why: /is not a string/ },
    { name: 'null in settings.json', pattern: null, why: /is not a string/ },
  ];
  for (const c of invalid) {
    test(`invalid pattern → every context is production: ${c.name}`, () => {
      for (const t of ['dev', 'staging', eksAlias]) {
        const v = productionVerdict(t, c.pattern);
        assert.equal(v.production, true);
        assert.match(v.invalidPattern!, c.why);
        assert.match(v.reason, /every context is treated as production/);
      }
      const q = confirmationNeeded({ context: 'dev' }, c.pattern, 'Apply', 2)!;
      assert.match(q, /every context is treated as production until you fix it in your user settings\. Apply 2 objects to "dev"\?/);
    });
  }

  test('a name longer than the input bound is not searched: it counts as production', () => {
    const v = productionVerdict({ context: 'x'.repeat(MAX_GUARD_INPUT + 1) }, '^never$');
    assert.equal(v.production, true);
    assert.match(v.reason, /too long to check/);
    assert.equal(isProductionContext({ context: 'x'.repeat(MAX_GUARD_INPUT) }, '^never$'), false, 'at the bound it is searched');
  });

  test('pathological patterns finish (linear-time engine): no match and a match at the input bound', () => {
    const long = 'a'.repeat(MAX_GUARD_INPUT - 1) + 'b';
    // With a backtracking engine each of these takes exponential time on `long`.
    assert.equal(isProductionContext({ context: long, cluster: long, server: long }, '(a+)+$'), false);
    assert.equal(isProductionContext({ context: long }, '(a|aa)*c'), false);
    assert.equal(isProductionContext({ context: long }, '^(a|a?)+b$'), true);
    assert.equal(isProductionContext({ context: long }, '(.*a){20}c'), false);
  });
});

describe('production guard: the question', () => {
  test('says which name matched, and the action and count', () => {
    assert.match(
      confirmationNeeded(eksAlias, undefined, 'Apply', 3)!,
      /^"shop" looks like a production context: its cluster name "arn:aws:eks:eu-west-1:123456789012:cluster\/shop-prod" matches eksManifests\.cluster\.productionContextPattern \("prod"\)\. Apply 3 objects to it\?$/,
    );
    assert.match(confirmationNeeded('shop-prod', 'prod', 'Force-apply', 1)!, /Force-apply 1 object to it\?$/);
    assert.equal(confirmationNeeded({ context: 'dev', cluster: 'dev', server: 'https://127.0.0.1' }, undefined, 'Apply', 1), undefined);
  });
});

describe('production guard: only the user decides', () => {
  test('workspace and folder values are ignored (a repository cannot set "" to switch it off)', () => {
    const r = guardPatternFromSetting({ defaultValue: 'prod', workspaceValue: '', workspaceFolderValue: '^never$' });
    assert.equal(r.pattern, 'prod');
    assert.deepEqual(r.ignored, ['workspace', 'workspace folder']);
    assert.equal(isProductionContext('shop-prod', r.pattern), true);
  });
  test('the user value wins over the default, including an empty one', () => {
    assert.deepEqual(guardPatternFromSetting({ defaultValue: 'prod', globalValue: '^live-' }), { pattern: '^live-', ignored: [] });
    assert.equal(guardPatternFromSetting({ defaultValue: 'prod', globalValue: '', workspaceValue: 'x' }).pattern, '');
    assert.equal(guardPatternFromSetting(undefined).pattern, 'prod');
  });
  test('package.json declares the setting with application scope (VS Code then ignores workspace values)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const configs = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
    const setting = configs.map((c: any) => c.properties?.['eksManifests.cluster.productionContextPattern']).find(Boolean);
    assert.equal(setting.scope, 'application');
    assert.equal(setting.default, 'prod');
  });
});

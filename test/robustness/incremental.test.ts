/**
 * Incremental analysis after an edit (service level, with a small cross-document test module): the quick
 * pass is fresh for the changed document and may reuse earlier cross-document findings for the others;
 * the sliced refresh then brings every document to the same result a full validation gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service/languageService';
import { coreModule } from '../../server/src/service/core/coreModule';
import type { LanguageModule } from '../../server/src/service/module';

/** Reports on every ConfigMap whose `data.wants` names a Secret that is nowhere in the workspace. */
let runs = 0;
const crossModule: LanguageModule = {
  id: 'test-cross',
  codes: [{ code: 'test-secret-missing', severity: 'warning', area: 'test', summary: 'test only' }],
  checks: [
    {
      id: 'test.secretMissing',
      scope: 'workspace',
      appliesTo: (o) => o.kind === 'ConfigMap',
      run(ctx) {
        runs++;
        const wants = ctx.obj.node(['data', 'wants']) as { value?: unknown } | undefined;
        if (typeof wants?.value === 'string' && ctx.index.find({ kind: 'Secret', name: wants.value }).length === 0)
          ctx.report('test-secret-missing', ['data', 'wants'], `no Secret ${wants.value}`);
      },
    },
  ],
};

function file(secretName: string, configMaps: number): string {
  const docs = [`apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${secretName}\n`];
  for (let i = 0; i < configMaps; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  wants: s\n`);
  return docs.join('---\n');
}

test('quick validation after an edit, then the sliced refresh, equals a full validation', () => {
  const uri = 'file:///ws/a.yaml';
  const s = createLanguageService({ modules: [coreModule, crossModule] });
  s.setFile(uri, file('s', 200));
  assert.equal(s.validate(uri).length, 0);

  // Rename the Secret (the first document): the 200 ConfigMaps are unchanged.
  s.setFile(uri, file('t', 200));
  runs = 0;
  const quick = s.validateQuick(uri);
  assert.equal(quick.complete, false, 'unchanged documents answered with earlier cross-document findings');
  assert.equal(runs, 0, 'no cross-document check re-ran for unchanged documents in the quick pass');
  assert.equal(quick.diagnostics.length, 0);

  // Refresh in small slices until done; then validate is complete and matches a fresh service.
  let slices = 0;
  while (!s.refreshWorkspaceFindings(uri, 0)) slices++;
  assert.ok(slices >= 1);
  assert.equal(runs, 200);
  const full = s.validate(uri);
  const fresh = createLanguageService({ modules: [coreModule, crossModule] });
  fresh.setFile(uri, file('t', 200));
  assert.deepEqual(full, fresh.validate(uri));
  assert.equal(full.length, 200);
  assert.equal(s.validateQuick(uri).complete, true);

  // The changed document itself is always fresh in the quick pass.
  s.setFile(uri, file('t', 200).replace('wants: s\n', 'wants: t\n'));
  const q2 = s.validateQuick(uri);
  assert.equal(full.filter((d) => d.range.start.line === 10).length, 1, 'c0 (data.wants on line 10) missed Secret s');
  assert.equal(q2.diagnostics.filter((d) => d.range.start.line === 10).length, 0, 'the edited ConfigMap now finds Secret t');
  assert.equal(q2.diagnostics.length, 199);
});

test('settings changes are never answered from stale cross-document findings', () => {
  const uri = 'file:///ws/b.yaml';
  const s = createLanguageService({ modules: [coreModule, crossModule] });
  s.setFile(uri, file('x', 3));
  assert.equal(s.validate(uri).length, 3);
  s.setSettings({ disabled: ['test-secret-missing'] });
  s.setFile(uri, file('s', 3));
  const q = s.validateQuick(uri);
  assert.equal(q.diagnostics.length, 0);
  s.setSettings({ disabled: [] });
  const q2 = s.validateQuick(uri);
  assert.equal(q2.complete, true, 'no earlier result under these settings: computed fresh');
  assert.equal(q2.diagnostics.length, 0);
});

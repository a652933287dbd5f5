/**
 * The edit → quick publish → sliced refresh → complete publish sequence (lsp/validationScheduler.ts), driven
 * with the real language service and real timers, without the LSP transport.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service/languageService';
import { coreModule } from '../../../server/src/service/core/coreModule';
import type { LanguageModule } from '../../../server/src/service/module';
import { ValidationScheduler } from '../../../server/src/lsp/validationScheduler';
import { waitFor } from '../../helpers/waitFor';

/** Reports every ConfigMap whose `data.wants` names a Secret the workspace does not hold. */
const crossModule: LanguageModule = {
  id: 'test-cross',
  codes: [{ code: 'test-secret-missing', severity: 'warning', area: 'test', summary: 'test only' }],
  checks: [
    {
      id: 'test.secretMissing',
      scope: 'workspace',
      reads: ['Secret'],
      appliesTo: (o) => o.kind === 'ConfigMap',
      run(ctx) {
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

function harness(open: Record<string, number>, written?: () => Promise<void>) {
  const service = createLanguageService({ modules: [coreModule, crossModule] });
  const published: { uri: string; version: number; diagnostics: Diagnostic[] }[] = [];
  const logs: string[] = [];
  const scheduler = new ValidationScheduler({
    service,
    versionOf: (uri) => open[uri],
    openUris: () => Object.keys(open),
    publish: (uri, version, diagnostics) => {
      published.push({ uri, version, diagnostics });
      return written?.();
    },
    log: (m) => logs.push(m),
  });
  return { service, scheduler, published, logs };
}

test('an edit publishes quick diagnostics at once, then the complete set for the same version', async () => {
  const uri = 'file:///ws/a.yaml';
  const open: Record<string, number> = { [uri]: 1 };
  const h = harness(open);
  h.service.setFile(uri, file('s', 300));
  h.scheduler.opened(uri);
  await waitFor('the first publish', () => h.published.length === 1);
  assert.equal(h.published[0].diagnostics.length, 0);

  // Rename the Secret: the 300 unchanged ConfigMaps now miss it, which only the refresh finds.
  open[uri] = 2;
  h.service.setFile(uri, file('t', 300));
  h.scheduler.edited(uri);
  await waitFor('the quick and the complete publish', () => h.published.length === 3);
  const [, quick, complete] = h.published;
  assert.equal(quick.version, 2);
  assert.equal(quick.diagnostics.length, 0, 'the quick publish keeps the earlier cross-document findings of unchanged documents');
  assert.equal(complete.version, 2);
  assert.equal(complete.diagnostics.length, 300);
  assert.deepEqual(complete.diagnostics, h.service.validate(uri));
  assert.deepEqual(h.logs, []);
  h.scheduler.dispose();
});

test('the refresh starts only once the quick publish is written (a large publish leaves in pieces)', async () => {
  const uri = 'file:///ws/w.yaml';
  const open: Record<string, number> = { [uri]: 1 };
  let release: (() => void) | undefined;
  const writes: Promise<void>[] = [];
  const h = harness(open, () => {
    const p = new Promise<void>((r) => (release = r));
    writes.push(p);
    return p;
  });
  const refreshes: number[] = [];
  const refresh = h.service.refreshWorkspaceFindings.bind(h.service);
  h.service.refreshWorkspaceFindings = (u, budget) => {
    refreshes.push(h.published.length);
    return refresh(u, budget);
  };
  h.service.setFile(uri, file('s', 300));
  h.scheduler.opened(uri);
  await waitFor('the first publish', () => h.published.length === 1);
  release!();
  open[uri] = 2;
  h.service.setFile(uri, file('t', 300));
  h.scheduler.edited(uri);
  await waitFor('the quick publish', () => h.published.length === 2);
  // The message is not written yet: no refresh slice runs, however long it takes.
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(refreshes, []);
  assert.equal(h.published.length, 2);
  release!();
  await waitFor('the complete publish', () => h.published.length === 3);
  assert.ok(refreshes.length > 0 && refreshes.every((n) => n === 2), `refresh slices after publish ${refreshes.join(', ')}`);
  assert.equal(h.published[2].diagnostics.length, 300);
  assert.equal(writes.length, 3);
  h.scheduler.dispose();
});

test('a new edit cancels the pending refresh; nothing is published for a closed document', async () => {
  const uri = 'file:///ws/b.yaml';
  const other = 'file:///ws/other.yaml';
  const open: Record<string, number> = { [uri]: 1, [other]: 1 };
  const h = harness(open);
  h.service.setFile(uri, file('s', 50));
  h.service.setFile(other, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: o\n');
  h.scheduler.edited(uri);
  h.service.setFile(uri, file('t', 50));
  open[uri] = 2;
  h.scheduler.edited(uri);
  await waitFor('the other document re-checked', () => h.published.some((p) => p.uri === other));
  const mine = h.published.filter((p) => p.uri === uri);
  assert.ok(
    mine.every((p) => p.version === 2),
    'the first edit never published: the second replaced it before its timer ran',
  );
  // The other open document is re-checked after an edit elsewhere (its cross-document findings may change).
  assert.equal(h.published.filter((p) => p.uri === other).length, 1);

  delete open[uri];
  h.scheduler.closed(uri);
  const before = h.published.length;
  h.service.setFile(uri, file('u', 50));
  h.scheduler.edited(uri);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(h.published.filter((p) => p.uri === uri).length, mine.length, 'closed: nothing published');
  assert.ok(h.published.length >= before);
  h.scheduler.dispose();
});

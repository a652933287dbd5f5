/** The bundled server over stdio: the Plan Upgrade request, and the message about the target version setting. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { LspClient, ROOT } from '../helpers/lspClient';
import type { UpgradePlan } from '../../server/src/service/upgrade/plan';

const clients: LspClient[] = [];
after(async () => { await Promise.all(clients.map((c) => c.stop())); });

async function until(what: string, cond: () => boolean, c: LspClient): Promise<void> {
  // Bounded by message round trips, not by a clock: each hover answers only after earlier messages were handled.
  for (let i = 0; i < 200 && !cond(); i++) await c.request('textDocument/hover', { textDocument: { uri: 'file:///none.yaml' }, position: { line: 0, character: 0 } });
  assert.ok(cond(), what);
}

test('eksManifests/planUpgrade: the plan of the indexed workspace, with the removed APIs to look for on a cluster', async () => {
  const c = await LspClient.start({ rootPath: path.join(ROOT, 'examples') });
  clients.push(c);
  await c.waitForIndex();
  const res = await c.request<{ plan: UpgradePlan; removed: { apiVersion: string }[] }>('eksManifests/planUpgrade', { target: '1.35', today: '2026-06-01' });
  assert.equal(res.plan.target, '1.35');
  assert.ok(res.plan.items.some((i) => i.section === 'removed' && i.object === 'CronJob shop/nightly-report' && i.location?.uri.endsWith('/shop/legacy.yaml')), JSON.stringify(res.plan.items.map((i) => i.object)));
  assert.deepEqual(res.plan.current.map((v) => v.version), ['1.35']);
  assert.ok(res.removed.some((r) => r.apiVersion === 'batch/v1beta1'));
});

test('a kubernetesVersion setting past EKS extended support: a warning message once', async () => {
  const c = await LspClient.start({ settings: { kubernetesVersion: '1.27' } });
  clients.push(c);
  await until('the warning message', () => c.messages.some((m) => m.type === 2 && /1\.27 reached the end of EKS extended support on 2025-07-24/.test(m.message)), c);
  assert.equal(c.messages.filter((m) => /1\.27/.test(m.message)).length, 1);
});

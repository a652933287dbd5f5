/** The bundled server over stdio: the Plan Upgrade request, and the message about the target version setting. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspClient, ROOT } from '../helpers/lspClient';
import { Requests } from '@shared/protocol';
import type { UpgradePlan } from '../../server/src/service/upgrade/plan';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

async function until(what: string, cond: () => boolean, c: LspClient): Promise<void> {
  // Bounded by message round trips, not by a clock: each hover answers only after earlier messages were handled.
  for (let i = 0; i < 200 && !cond(); i++)
    await c.request('textDocument/hover', { textDocument: { uri: 'file:///none.yaml' }, position: { line: 0, character: 0 } });
  assert.ok(cond(), what);
}

test('eksManifests/planUpgrade: the plan of the indexed workspace; removedApis and upgradeTargets for the client', async () => {
  const c = await LspClient.start({ rootPath: path.join(ROOT, 'examples') });
  clients.push(c);
  await c.waitForIndex();
  const json = await c.request<{ text: string; mustChange: number }>(Requests.planUpgrade, {
    target: '1.35',
    today: '2026-06-01',
    format: 'json',
  });
  const plan = JSON.parse(json.text) as UpgradePlan;
  assert.equal(plan.target, '1.35');
  assert.ok(
    plan.items.some(
      (i) => i.section === 'removed' && i.object === 'CronJob shop/nightly-report' && i.location?.uri.endsWith('/shop/legacy.yaml'),
    ),
    JSON.stringify(plan.items.map((i) => i.object)),
  );
  assert.deepEqual(
    plan.current.map((v) => v.version),
    ['1.35'],
  );
  assert.equal(json.mustChange, plan.items.filter((i) => i.level === 'must').length);
  // Markdown for the editor: links to the file URI at the line, shown relative to the workspace folder.
  const base = pathToFileURL(path.join(ROOT, 'examples')).href;
  const md = await c.request<{ text: string }>(Requests.planUpgrade, {
    target: '1.35',
    today: '2026-06-01',
    format: 'markdown',
    base,
    links: 'uri',
  });
  assert.match(
    md.text,
    new RegExp(`\\[shop/legacy\\.yaml:\\d+\\]\\(${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/shop/legacy\\.yaml#L\\d+\\)`),
  );
  const removed = await c.request<{ apiVersion: string }[]>(Requests.removedApis, { target: '1.35' });
  assert.ok(removed.some((r) => r.apiVersion === 'batch/v1beta1'));
  const targets = await c.request<{ version: string; phase: string }[]>(Requests.upgradeTargets, { today: '2026-06-01' });
  assert.ok(
    targets.some((t) => t.version === '1.35' && t.phase === 'standard'),
    JSON.stringify(targets),
  );
});

test('a kubernetesVersion setting past EKS extended support: a warning message once', async () => {
  const c = await LspClient.start({ settings: { kubernetesVersion: '1.27' } });
  clients.push(c);
  await until(
    'the warning message',
    () => c.messages.some((m) => m.type === 2 && /1\.27 reached the end of EKS extended support on 2025-07-24/.test(m.message)),
    c,
  );
  assert.equal(c.messages.filter((m) => /1\.27/.test(m.message)).length, 1);
});

/**
 * UI tests: a person's view of the INSTALLED .vsix in a real VS Code (code-server) driven through
 * Chromium with playwright-core. Each step saves a screenshot under test-output/e2e/ (the evidence; the
 * README's images in docs/screenshots/ come from here: E2E_UPDATE_SCREENSHOTS=1 copies them).
 * No fixed sleeps: every step waits for what a person would wait for (a widget, a row, a text).
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  REPO,
  copyFolder,
  runDir,
  installVsix,
  launchBrowser,
  startCodeServer,
  workbenchUrl,
  type Browser,
  type CodeServer,
} from '../../tools/vscode-host/codeServer';
import { clusterScriptsPresent, startLocalCluster, type LocalCluster } from '../../tools/vscode-host/localCluster';
import { waitFor } from '../helpers/waitFor';
import { OUT } from './paths';
import { parseDocument } from 'yaml';
import { Connection, applyManifests, loadKubeconfig, parseManifests } from '../../client/src/cluster';

const VSIX = path.resolve(process.env.E2E_VSIX ?? path.join(OUT, 'eks-manifests.vsix'));
const SHOTS = OUT;
const README_SHOTS = path.join(REPO, 'docs', 'screenshots');
const STEP_TIMEOUT = 120000;

let server: CodeServer | undefined;
let cluster: LocalCluster | undefined;
let browser: Browser | undefined;
let page: Page;
const t0 = Date.now();
const log = (m: string) => console.log(`  [${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

async function shot(name: string, readme = false): Promise<string> {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  log(`screenshot ${path.relative(REPO, file)}`);
  if (readme && process.env.E2E_UPDATE_SCREENSHOTS === '1') {
    fs.mkdirSync(README_SHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(README_SHOTS, `${name}.png`));
  }
  return file;
}

/**
 * A test step that leaves a screenshot behind when it fails, then runs its cleanup (which also runs on
 * success) so the next step starts from a clean editor.
 */
function step(name: string, fn: (t: TestContext) => Promise<void>, cleanup?: () => Promise<void>): void {
  test(name, { timeout: STEP_TIMEOUT }, async (t) => {
    try {
      await fn(t);
    } catch (e) {
      if (page) await page.screenshot({ path: path.join(SHOTS, `FAILED-${name.replace(/[^\w]+/g, '-')}.png`) }).catch(() => undefined);
      throw e;
    } finally {
      if (cleanup && page) await cleanup();
    }
  });
}

// ------------------------------------------------------------------------------------ workbench helpers

const editor = () => page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
const quickInput = () => page.locator('.quick-input-widget');

async function closeQuickInput(): Promise<void> {
  if (await quickInput().isVisible()) await page.keyboard.press('Escape');
  await quickInput()
    .waitFor({ state: 'hidden', timeout: 5000 })
    .catch(() => undefined);
}

/**
 * Types into the command palette / quick open and waits for a row matching `row`. Right after load the
 * palette may not list an extension's commands yet ("No matching commands"): close and retry until it does.
 */
async function quickPick(prefix: '>' | '' | ':', text: string, row: string | RegExp, attempts = 15): Promise<Locator> {
  for (let attempt = 1; ; attempt++) {
    await closeQuickInput();
    await page.keyboard.press('F1');
    const input = quickInput().locator('input');
    if (
      !(await input.waitFor({ state: 'visible', timeout: 3000 }).then(
        () => true,
        () => false,
      ))
    ) {
      // F1 went nowhere (focus inside a webview or on nothing): focus the workbench and try again
      if (attempt >= attempts) throw new Error('the command palette does not open');
      log(`quick input attempt ${attempt}: F1 did not open the palette, refocusing the workbench`);
      await page
        .locator('.part.titlebar .window-title, .part.titlebar')
        .first()
        .click({ timeout: 5000 })
        .catch(() => undefined);
      continue;
    }
    await input.fill(prefix + text);
    if (prefix === ':') return input; // go-to-line shows no rows
    const match = quickInput().locator('.quick-input-list .monaco-list-row', { hasText: row }).first();
    if (
      await match.waitFor({ state: 'visible', timeout: 4000 }).then(
        () => true,
        () => false,
      )
    )
      return match;
    if (attempt >= attempts) throw new Error(`quick input: nothing matching ${row} for "${prefix}${text}"`);
    log(`quick input attempt ${attempt}: "${prefix}${text}" not listed yet, retrying`);
  }
}

const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

async function runCommand(title: string): Promise<void> {
  await quickPick('>', title, title);
  // the row whose label is exactly the title (not a longer command that contains it)
  const rows = quickInput().locator('.quick-input-list .monaco-list-row');
  const row = rows.filter({ has: page.locator('.label-name', { hasText: exact(title) }) }).first();
  if (
    !(await row.waitFor({ state: 'visible', timeout: 5000 }).then(
      () => true,
      () => false,
    ))
  ) {
    throw new Error(`no command titled "${title}"; the palette lists ${JSON.stringify(await rows.locator('.label-name').allInnerTexts())}`);
  }
  await row.click();
  // The palette closes, or (for a command that asks something) turns into that command's own picker.
  await waitFor(
    `"${title}" to leave the palette`,
    async () => !(await quickInput().isVisible()) || !(await quickInput().locator('input').inputValue()).startsWith('>'),
    10000,
  );
}

async function openFile(rel: string, expectText: string): Promise<void> {
  const row = await quickPick('', rel, path.basename(rel));
  await row.click();
  await page.locator(`.tabs-container .tab.active`, { hasText: path.basename(rel) }).waitFor({ timeout: 30000 });
  await editor().locator('.view-lines', { hasText: expectText }).waitFor({ timeout: 30000 });
}

/** Puts the cursor at a 1-based line and column (Go to Line/Column). */
async function goTo(line: number, column: number): Promise<void> {
  await quickPick(':', `${line}:${column}`, '');
  await page.keyboard.press('Enter');
  await quickInput().waitFor({ state: 'hidden', timeout: 10000 });
}

/** 1-based line of the first line of a workspace file containing `needle`, and the column where it starts. */
function find(rel: string, needle: string): { line: number; column: number } {
  const lines = fs.readFileSync(path.join(workspace(), rel), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} not in ${rel}`);
  return { line: i + 1, column: lines[i].indexOf(needle) + 1 };
}

/** Moves the mouse over the character at the cursor, like a person pointing at it, and returns the hover. */
async function hoverAtCursor(expect: string | RegExp): Promise<Locator> {
  const cursor = editor().locator('.cursors-layer .cursor').first();
  await cursor.waitFor({ state: 'attached' });
  const box = await waitFor('the cursor position', async () => (await cursor.boundingBox()) ?? undefined, 10000);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
  // Move off and back on until the hover shows (the first move can land before the model is tokenized).
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(box.x + 200, box.y + 400);
    await page.mouse.move(box.x + 4, box.y + box.height / 2, { steps: 3 });
    if (
      await hover.waitFor({ state: 'visible', timeout: 5000 }).then(
        () => true,
        () => false,
      )
    )
      return hover;
    if (attempt === 5) throw new Error(`no hover matching ${expect} at the cursor`);
  }
}

/** Reverts the active editor to the file on disk (steps leave no edits behind, even when they fail). */
async function revert(): Promise<void> {
  await closeQuickInput();
  await page.keyboard.press('Escape');
  const tab = page.locator('.tabs-container .tab.active');
  if (await tab.evaluate((el) => el.classList.contains('dirty'))) {
    await runCommand('File: Revert File');
    await waitFor('the editor to be reverted', () => tab.evaluate((el) => !el.classList.contains('dirty')), 10000);
  }
}

/** Closes every editor, answering "Don't Save" for untitled ones (e.g. the NetworkPolicy explanation). */
async function closeAllEditors(): Promise<void> {
  await runCommand('View: Close All Editors');
  const dialog = page.locator('.monaco-dialog-box');
  for (
    let i = 0;
    i < 10 &&
    (await dialog.waitFor({ state: 'visible', timeout: 1500 }).then(
      () => true,
      () => false,
    ));
    i++
  ) {
    await dialog.getByRole('button', { name: "Don't Save" }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  }
  await page.locator('.editor-group-container .tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10000 });
}

async function panelVisible(visible: boolean): Promise<void> {
  const panel = page.locator('.part.panel');
  if ((await panel.isVisible()) !== visible) await runCommand('View: Toggle Panel Visibility');
  await panel.waitFor({ state: visible ? 'visible' : 'hidden', timeout: 10000 });
}

async function suggestLabels(): Promise<string[]> {
  const widget = page.locator('.editor-widget.suggest-widget.visible');
  await widget.locator('.monaco-list-row').first().waitFor({ timeout: 30000 });
  return widget.locator('.monaco-list-row .label-name').allInnerTexts();
}

/**
 * up.sh writes the contexts "local" (admin, current) and "restricted"; the production guard needs a context
 * whose name contains "prod": the admin context again under the name "local-prod" (same server and user).
 */
function addProductionContext(kubeconfig: string): void {
  const doc = parseDocument(fs.readFileSync(kubeconfig, 'utf8'));
  const contexts = doc.get('contexts') as { add(v: unknown): void };
  contexts.add(doc.createNode({ name: PROD_CONTEXT, context: { cluster: 'local', user: 'admin' } }));
  fs.writeFileSync(kubeconfig, doc.toString(), { mode: 0o600 });
}
const PROD_CONTEXT = 'local-prod';

/** The API server as the tests see it (admin context), to check what the palette commands did. */
async function live(apiPath: string): Promise<{ status: number; body: any }> {
  const conn = new Connection(loadKubeconfig({ overridePath: cluster!.kubeconfig }).kc);
  const r = await conn.request('GET', apiPath);
  return { status: r.status, body: r.body };
}

const statusItem = (text: string | RegExp) => page.locator('.statusbar-item', { hasText: text }).first();
const toast = (text: string | RegExp) => page.locator('.notification-toast .notification-list-item-message', { hasText: text }).first();

/** Picks a row of the quick pick a command opened (by its exact label) and waits for the picker to close. */
async function pickRow(label: string): Promise<void> {
  const row = quickInput()
    .locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact(label) }) })
    .first();
  await row.waitFor({ timeout: 30000 });
  await row.click();
  await quickInput().waitFor({ state: 'hidden', timeout: 10000 });
}

/** Dismisses every notification toast (so a later wait for a toast cannot match an old one). */
async function clearNotifications(): Promise<void> {
  if (await page.locator('.notification-toast').count()) await runCommand('Notifications: Clear All Notifications');
  await page
    .locator('.notification-toast')
    .first()
    .waitFor({ state: 'detached', timeout: 10000 })
    .catch(() => undefined);
}

/** Writes a file into the workspace (as if saved by another tool) and opens it. */
async function writeAndOpen(rel: string, text: string, expectText: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.join(workspace(), rel)), { recursive: true });
  fs.writeFileSync(path.join(workspace(), rel), text);
  await openFile(rel, expectText);
}

let workspaceDir = '';
const workspace = () => workspaceDir;

/** The Services view (in the EKS activity-bar container), opened if the side bar shows something else. */
async function servicesPane(): Promise<Locator> {
  const pane = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^\s*Services/ }) }).first();
  if (!(await pane.isVisible()))
    await page.locator('.activitybar .action-item a[aria-label^="EKS"], .activitybar .action-item[aria-label^="EKS"]').first().click();
  await pane.waitFor({ timeout: 30000 });
  return pane;
}

let widened = false;
/** Room for the Services view's details: drag the side bar's right edge (its sash) to the right, once. */
async function widenSideBar(): Promise<void> {
  if (widened) return;
  const side = await page.locator('.part.sidebar').boundingBox();
  if (!side) return;
  const x = side.x + side.width + 1,
    y = side.y + side.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 260, y, { steps: 8 });
  await page.mouse.up();
  widened = true;
}

/** Points at a row until its tooltip (matching `text`) shows; returns the tooltip. */
async function rowTooltip(row: Locator, text: RegExp): Promise<Locator> {
  const tip = page.locator('.monaco-hover, .workbench-hover', { hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(5, 400);
    await row.hover();
    if (
      await tip.waitFor({ state: 'visible', timeout: 5000 }).then(
        () => true,
        () => false,
      )
    )
      return tip;
    if (attempt === 4) throw new Error(`no tooltip matching ${text}`);
  }
}

/** Expands a tree row (by its text) if it is collapsed, and waits until it is. */
async function expandRow(pane: Locator, text: string | RegExp): Promise<Locator> {
  const row = pane.locator('.monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 30000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
  await waitFor(`"${text}" expanded`, async () => (await row.getAttribute('aria-expanded')) === 'true', 10000);
  return row;
}

// ------------------------------------------------------------------------------------------------ tests

describe('EKS Manifests in the VS Code UI (code-server + Chromium)', () => {
  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} missing: run scripts/package.sh ${path.relative(REPO, VSIX)}`);
    for (const f of fs.readdirSync(SHOTS)) if (/^(\d\d-|FAILED-).*\.png$/.test(f)) fs.rmSync(path.join(SHOTS, f));
    // Outside the repository: the installed extension cannot borrow the repository's node_modules, and the
    // workspace (a scratch copy of examples/) is not inside a git repository.
    const dir = runDir('ui');
    workspaceDir = copyFolder(path.join(REPO, 'examples'), path.join(dir, 'examples'));
    const userDataDir = path.join(dir, 'user-data'),
      extensionsDir = path.join(dir, 'extensions');
    installVsix(VSIX, userDataDir, extensionsDir);
    log('installed the .vsix');
    // A real kube-apiserver as the current kubeconfig context, when the cluster scripts are present.
    if (process.env.E2E_CLUSTER !== '0' && clusterScriptsPresent()) {
      cluster = startLocalCluster(path.join(dir, 'cluster'), log);
      addProductionContext(cluster.kubeconfig);
    }
    server = await startCodeServer({
      userDataDir,
      extensionsDir,
      env: cluster ? { KUBECONFIG: cluster.kubeconfig } : {},
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'editor.minimap.enabled': false,
        'diffEditor.useInlineViewWhenSpaceIsLimited': false,
        'editor.hover.delay': 200,
        'files.autoSave': 'off',
        'git.openRepositoryInParentFolders': 'never',
        'git.enabled': false,
      },
    });
    browser = await launchBrowser();
    page = browser.page;
    await page.goto(workbenchUrl(server, workspace()));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'shop' }).waitFor({ timeout: 60000 });
    log(`workbench up at ${server.url}`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    cluster?.stop();
  });

  step('the extension is installed and listed', async () => {
    await runCommand('Extensions: Show Installed Extensions');
    const item = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'EKS Manifests' }).first();
    await item.waitFor({ timeout: 30000 });
    await shot('00-installed');
    await runCommand('View: Show Explorer');
  });

  step('a removed apiVersion is squiggled and listed in the Problems panel', async () => {
    await openFile('shop/legacy.yaml', 'policy/v1beta1');
    await editor().locator('.squiggly-error').first().waitFor({ timeout: 60000 });
    await runCommand('Problems: Focus on Problems View');
    const problems = page.locator('.markers-panel .monaco-list-row');
    await problems
      .filter({ hasText: 'PodDisruptionBudget policy/v1beta1 was removed in Kubernetes 1.25' })
      .first()
      .waitFor({ timeout: 30000 });
    await problems.filter({ hasText: 'Label "tier" must be a string' }).first().waitFor({ timeout: 30000 });
    const rows = await waitFor('the 4 legacy.yaml problems', async () => {
      const texts = await problems.allInnerTexts();
      return texts.filter((t) => /eks-manifests/.test(t)).length >= 4 && texts;
    });
    log(`problems: ${rows.map((r) => r.replace(/\s+/g, ' ').slice(0, 70)).join(' | ')}`);
    // Point at the first mistake so the screenshot shows the message where the squiggle is.
    const at = find('shop/legacy.yaml', 'policy/v1beta1');
    await goTo(at.line, at.column + 3);
    const hover = await hoverAtCursor('was removed in Kubernetes 1.25');
    await waitFor(
      'the hover to finish looking for quick fixes',
      async () => !/Checking for quick fixes/.test(await hover.innerText()),
      15000,
    );
    await shot('01-problems', true);
    await page.keyboard.press('Escape');
  });

  step('the quick fix rewrites the apiVersion', async () => {
    const at = find('shop/legacy.yaml', 'policy/v1beta1');
    await goTo(at.line, at.column + 3);
    await runCommand('Quick Fix...');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Change apiVersion to policy/v1' }).first();
    await fix.waitFor({ timeout: 30000 });
    await shot('02-quick-fix', true);
    await fix.click();
    // (Monaco renders spaces as non-breaking spaces: \s matches both)
    await editor()
      .locator('.view-line', { hasText: /^apiVersion:\s+policy\/v1$/ })
      .first()
      .waitFor({ timeout: 10000 });
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'PodDisruptionBudget policy/v1beta1' })
      .waitFor({ state: 'detached', timeout: 30000 });
    await revert();
    await panelVisible(false);
  });

  step(
    'typing an ALB annotation key in an Ingress lists the annotations',
    async () => {
      await openFile('shop/ingress.yaml', 'alb.ingress.kubernetes.io/scheme');
      {
        // A new line above the first annotation, indented like it, then the key prefix typed as a person would.
        const at = find('shop/ingress.yaml', 'alb.ingress.kubernetes.io/scheme');
        await goTo(at.line, 1);
        await page.keyboard.press('Enter');
        await page.keyboard.press('ArrowUp');
        await page.keyboard.type(' '.repeat(at.column - 1));
        await page.keyboard.type('alb.ingress.kubernetes.io/');
        const widget = page.locator('.editor-widget.suggest-widget.visible');
        const alb = widget.locator('.monaco-list-row .label-name', { hasText: /^alb\.ingress\.kubernetes\.io\// }).first();
        if (
          !(await alb.waitFor({ timeout: 10000 }).then(
            () => true,
            () => false,
          ))
        ) {
          // typing '/' triggers completion; if the widget missed it, ask explicitly
          await page.keyboard.press('Control+Space');
          await alb.waitFor({ timeout: 20000 }).catch(() => undefined);
        }
        const labels = await suggestLabels();
        log(`suggestions: ${labels.slice(0, 8).join(', ')}${labels.length > 8 ? ', ...' : ''}`);
        assert.ok(
          labels.length >= 5 && labels.every((l) => l.startsWith('alb.ingress.kubernetes.io/')),
          `suggestions: ${JSON.stringify(labels)}`,
        );
        await shot('03-alb-annotation-completion');
        // Narrow the list as a person would, accept a key: the snippet writes `key: ""`.
        await page.keyboard.type('load-balancer-n');
        const row = widget.locator('.monaco-list-row', { hasText: 'alb.ingress.kubernetes.io/load-balancer-name' }).first();
        await row.waitFor({ timeout: 10000 });
        // Ctrl+Space on an open list shows the selected item's documentation beside it
        const details = page.locator('.suggest-details-container .suggest-details', { hasText: /load balancer|name/i });
        await page.keyboard.press('Control+Space');
        await details.first().waitFor({ state: 'visible', timeout: 10000 });
        await shot('03b-alb-annotation-docs', true);
        await page.keyboard.press('Enter');
        // The empty value is quoted in the file's own style (shop/ingress.yaml uses double quotes; the rule is
        // unit-tested in test/unit/alb/completion.test.ts).
        await waitFor(
          'the accepted annotation key in the editor',
          async () =>
            (await editor().locator('.view-line').allInnerTexts()).some((l) =>
              /^\s+alb\.ingress\.kubernetes\.io\/load-balancer-name:\s+""$/.test(l),
            ),
          10000,
        );
      }
    },
    revert,
  );

  step('hovering an ALB annotation explains it', async () => {
    const at = find('shop/ingress.yaml', 'alb.ingress.kubernetes.io/target-type');
    await goTo(at.line, at.column + 'alb.ingress.kubernetes.io/'.length + 2);
    const hover = await hoverAtCursor(/target-type/);
    const text = await hover.innerText();
    log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
    assert.match(text, /\bip\b/);
    await shot('04-alb-annotation-hover', true);
    await page.mouse.move(5, 5);
  });

  step(
    'a misspelt annotation name is flagged with the right name, and the quick fix corrects it',
    async () => {
      await openFile('shop/ingress.yaml', 'alb.ingress.kubernetes.io/target-type');
      const at = find('shop/ingress.yaml', 'alb.ingress.kubernetes.io/target-type');
      await goTo(at.line, at.column + 'alb.ingress.kubernetes.io/target-type'.length);
      await page.keyboard.press('Backspace'); // target-type → target-typ
      await editor().locator('.squiggly-warning').first().waitFor({ timeout: 30000 });
      await runCommand('Problems: Focus on Problems View');
      const problem = page
        .locator('.markers-panel .monaco-list-row', { hasText: 'did you mean alb.ingress.kubernetes.io/target-type?' })
        .first();
      await problem.waitFor({ timeout: 30000 });
      await goTo(at.line, at.column + 5);
      await runCommand('Quick Fix...');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'alb.ingress.kubernetes.io/target-type' }).first();
      await fix.waitFor({ timeout: 30000 });
      log(`quick fixes: ${(await page.locator('.action-widget .monaco-list-row').allInnerTexts()).join(' | ')}`);
      await shot('05-annotation-typo', true);
      await fix.click();
      await waitFor(
        'the corrected annotation name',
        async () =>
          (await editor().locator('.view-line').allInnerTexts()).some((l) =>
            /^\s+alb\.ingress\.kubernetes\.io\/target-type:\s+ip$/.test(l),
          ),
        10000,
      );
      await problem.waitFor({ state: 'detached', timeout: 30000 });
    },
    async () => {
      await revert();
      await panelVisible(false);
    },
  );

  step(
    'apiVersion completion offers the versions of the kind',
    async () => {
      await openFile('shop/web.yaml', 'kind: Deployment');
      const at = find('shop/web.yaml', 'apiVersion: apps/v1');
      await goTo(at.line, at.column + 'apiVersion: '.length);
      await page.keyboard.press('Shift+End');
      await page.keyboard.press('Delete');
      await page.keyboard.press('Control+Space');
      const labels = await suggestLabels();
      assert.ok(labels.includes('apps/v1'), `apiVersion suggestions: ${JSON.stringify(labels)}`);
      await shot('05b-apiversion-completion');
    },
    revert,
  );

  step('EKS: Explain NetworkPolicy is offered inside a NetworkPolicy only, and shows a read-only preview', async () => {
    // outside a NetworkPolicy the palette does not offer it
    await openFile('shop/ingress.yaml', 'kind: Ingress');
    await quickPick('>', 'EKS: Explain', /EKS: /);
    const rows = await quickInput().locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
    assert.ok(!rows.includes('EKS: Explain NetworkPolicy'), `offered outside a NetworkPolicy: ${JSON.stringify(rows)}`);
    await closeQuickInput();
    await openFile('shop/network-policies.yaml', 'NetworkPolicy');
    const at = find('shop/network-policies.yaml', 'name: web-from-alb');
    await goTo(at.line, at.column + 8);
    await runCommand('EKS: Explain NetworkPolicy');
    // The explanation opens as a Markdown preview beside the manifest (a webview: nested iframes).
    await page
      .locator('.tabs-container .tab', { hasText: /Preview NetworkPolicy shop-web-from-alb/ })
      .first()
      .waitFor({ timeout: 30000 });
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const text = await waitFor(
      'the rendered explanation',
      async () => {
        const t = await preview.locator('body').innerText({ timeout: 2000 });
        return /Ingress/.test(t) && /web/.test(t) && t;
      },
      30000,
    );
    log(`explanation: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
    await page.mouse.move(1100, 700); // no tooltip left where the mouse last was
    await page
      .locator('.monaco-hover:not(.hidden), .workbench-hover')
      .first()
      .waitFor({ state: 'hidden', timeout: 5000 })
      .catch(() => undefined);
    await shot('06-explain-networkpolicy', true);
    // read-only: closing it asks nothing (an untitled document used to ask to be saved)
    await runCommand('View: Close All Editors');
    await page.locator('.editor-group-container .tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10000 });
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no "save changes?" dialog');
  });

  step(
    'a diagnostic code in the Problems panel opens the rendered docs at its row',
    async () => {
      await openFile('shop/legacy.yaml', 'policy/v1beta1');
      await runCommand('Problems: Focus on Problems View');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'PodDisruptionBudget policy/v1beta1 was removed' }).first();
      await row.waitFor({ timeout: 30000 });
      await row.locator('a.monaco-link', { hasText: 'api-removed' }).click();
      await page.locator('.tabs-container .tab.active', { hasText: 'Diagnostic code api-removed' }).waitFor({ timeout: 30000 });
      const docs = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const current = docs.locator('tr.current');
      await current.waitFor({ timeout: 30000 });
      assert.match(await current.innerText(), /^api-removed\s+core\s+error/);
      assert.ok(
        await current.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= (globalThis as any).innerHeight;
        }),
        'the row is scrolled into view',
      );
      await panelVisible(false);
      await shot('06b-diagnostic-docs', true);
    },
    async () => {
      await panelVisible(false);
      await closeAllEditors();
    },
  );

  step(
    'the settings read "EKS Manifests" (General, Cluster), titles without "Eks Manifests"',
    async () => {
      await runCommand('Preferences: Open Settings (UI)');
      const toc = page.locator('.settings-editor .settings-toc-container .monaco-list-row');
      const settings = page.locator('.settings-editor');
      await toc
        .filter({ hasText: /^Extensions/ })
        .first()
        .click({ timeout: 30000 });
      await page.keyboard.press('ArrowRight');
      await toc
        .filter({ hasText: /^EKS Manifests/ })
        .first()
        .click({ timeout: 30000 });
      const titles = async (category: string) => {
        await toc
          .filter({ hasText: new RegExp(`^${category}`) })
          .first()
          .click({ timeout: 30000 });
        const items = settings.locator('.setting-item-contents .setting-item-title');
        await items.first().waitFor({ timeout: 30000 });
        return (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      };
      const general = await titles('General');
      assert.ok(general.includes('Kubernetes Version') && general.includes('Diagnostics: Disabled'), JSON.stringify(general));
      const cluster = await titles('Cluster');
      assert.ok(cluster.includes('Kubeconfig'), JSON.stringify(cluster));
      // (search results still show VS Code's own "Eks Manifests ›" prefix, made from the keys eksManifests.*)
      for (const t of [...general, ...cluster]) assert.doesNotMatch(t, /Eks Manifests/, t);
      await shot('06c-settings');
    },
    async () => {
      // the Settings editor opens as a modal: Escape inside it closes it
      const item = page.locator('.settings-editor .setting-item-title').first();
      if (await item.isVisible()) {
        await item.click();
        await page.keyboard.press('Escape');
      }
      await page
        .locator('.settings-editor')
        .first()
        .waitFor({ state: 'hidden', timeout: 10000 })
        .catch(() => undefined);
    },
  );

  step(
    'the first Apply reads the cluster version: a notification and a status bar item say it differs from the target',
    async (t) => {
      if (!cluster) {
        t.skip('no local API server (test/cluster scripts missing or E2E_CLUSTER=0)');
        return;
      }
      await closeQuickInput();
      await closeAllEditors();
      await clearNotifications();
      // the namespace first (the API server rejects objects in a namespace that does not exist)
      await openFile('shop/namespace.yaml', 'kind: Namespace');
      await runCommand('EKS: Apply File to Cluster');
      await toast(/Applied \(shop\/namespace\.yaml → local\): 1 created/).waitFor({ timeout: 60000 });
      await statusItem('Kubernetes 1.20 ≠ target 1.34').waitFor({ timeout: 30000 });
      // the notification (an information toast hides after a while: read it in the notification center)
      await runCommand('Notifications: Show Notifications');
      const item = page
        .locator('.notifications-center .notification-list-item', {
          hasText: /Context "local" runs Kubernetes 1\.20 \(v1\.20\.\d+\), but EKS Manifests checks your files for 1\.34/,
        })
        .first();
      await item.waitFor({ timeout: 30000 });
      await item.locator('.monaco-button', { hasText: 'Use 1.20 as the target' }).waitFor({ timeout: 10000 });
      await shot('07a-version-mismatch', true);
      assert.equal(
        await page.locator('.notifications-center .notification-list-item', { hasText: 'runs Kubernetes 1.20' }).count(),
        1,
        'said once',
      );
    },
    async () => {
      if (await page.locator('.notifications-center').isVisible()) await runCommand('Notifications: Hide Notifications');
    },
  );

  step('applying manifests from the palette fills the Services view: Ingresses through a weighted action', async (t) => {
    if (!cluster) {
      t.skip('no local API server (test/cluster scripts missing or E2E_CLUSTER=0)');
      return;
    }
    await clearNotifications();
    await openFile('shop/web.yaml', 'kind: Deployment');
    await runCommand('EKS: Apply File to Cluster');
    await toast(/Applied \(shop\/web\.yaml → local\): 4 created/).waitFor({ timeout: 60000 });
    await openFile('shop/ingress.yaml', 'kind: Ingress');
    await runCommand('EKS: Apply File to Cluster');
    await toast(/Applied \(shop\/ingress\.yaml → local\): 2 created/).waitFor({ timeout: 60000 });
    // the Services view: only in the EKS activity-bar container now, with room for the details
    assert.equal(
      await page.locator('.pane-header', { hasText: 'Kubernetes Services' }).count(),
      0,
      'no second Services view in the Explorer',
    );
    const pane = await servicesPane();
    const svc = pane.locator('.monaco-list-row', { hasText: 'web-blue' }).first();
    await svc.waitFor({ timeout: 60000 });
    await widenSideBar();
    await expandRow(pane, 'web-blue');
    const text = await svc.innerText();
    log(`Services view: ${text.replace(/\s+/g, ' ')}`);
    assert.match(text, /ClusterIP 10\.0\.0\.\d+/);
    // web-blue is reached by the Ingress "shop" through its actions.web-rollout (90/10 blue/green)
    await expandRow(pane, 'Ingresses');
    const ing = pane.locator('.monaco-list-row', { hasText: /shop.*weighted/ }).first();
    await ing.waitFor({ timeout: 30000 });
    await rowTooltip(ing, /action\s+web-rollout:\s+90%\s+\(weight\s+90\)/);
    await pane.locator('.monaco-list-row', { hasText: 'web-green' }).first().waitFor({ timeout: 30000 });
    await pane.locator('.monaco-list-row', { hasText: 'Endpoints' }).first().waitFor({ timeout: 30000 });
    await page.locator('.statusbar-item', { hasText: 'local' }).first().waitFor({ timeout: 10000 });
    await shot('07-services-view', true);
    await page.mouse.move(1100, 700);
  });

  step(
    'shop/api.yaml on Kubernetes 1.20: the error names what 1.20 serves; with policy/v1beta1 it applies',
    async (t) => {
      if (!cluster) {
        t.skip('no local API server (test/cluster scripts missing or E2E_CLUSTER=0)');
        return;
      }
      await clearNotifications();
      await closeAllEditors();
      await openFile('shop/api.yaml', 'kind: Deployment');
      await runCommand('EKS: Apply File to Cluster');
      await toast(/Nothing applied: the dry-run failed \(shop\/api\.yaml → local\): 2 would be created, 1 failed/).waitFor({
        timeout: 60000,
      });
      await runCommand('Problems: Focus on Problems View');
      const problem = page
        .locator('.markers-panel .monaco-list-row', { hasText: /does not serve PodDisruptionBudget in policy\/v1/ })
        .first();
      await problem.waitFor({ timeout: 30000 });
      const row = await problem.innerText();
      log(`problem: ${row.replace(/\s+/g, ' ')}`);
      const { line, column } = find('shop/api.yaml', 'apiVersion: policy/v1');
      assert.match(row, new RegExp(`\\[Ln ${line}, Col ${column + 'apiVersion: '.length}\\]`), 'on the apiVersion value');
      assert.match(
        row,
        /it serves PodDisruptionBudget as policy\/v1beta1\. policy\/v1 PodDisruptionBudget was added in Kubernetes 1\.21\./,
      );
      await shot('07c-not-served-on-1.20', true);
      // "Use 1.20 as the target" (the status bar item runs it too); the editor then checks for 1.20
      await statusItem('Kubernetes 1.20 ≠ target 1.34').click();
      await statusItem('Kubernetes 1.20 ≠ target').waitFor({ state: 'detached', timeout: 10000 });
      assert.equal(
        JSON.parse(fs.readFileSync(path.join(workspace(), '.vscode', 'settings.json'), 'utf8'))['eksManifests.kubernetesVersion'],
        '1.20',
      );
      // what 1.20 serves: policy/v1beta1 (no error at target 1.20: it was removed in 1.25)
      await goTo(line, 'apiVersion: policy/v1'.length + 1);
      await page.keyboard.type('beta1');
      await editor()
        .locator('.view-line', { hasText: /^apiVersion:\s+policy\/v1beta1$/ })
        .waitFor({ timeout: 10000 });
      await clearNotifications();
      await runCommand('EKS: Apply File to Cluster');
      await toast(/Applied \(shop\/api\.yaml → local\): 3 created/).waitFor({ timeout: 60000 });
      assert.equal((await live('/apis/policy/v1beta1/namespaces/shop/poddisruptionbudgets/api')).status, 200);
    },
    async () => {
      await revert();
      await panelVisible(false);
      fs.rmSync(path.join(workspace(), '.vscode'), { recursive: true, force: true }); // back to the default target
      await clearNotifications();
    },
  );

  step(
    'Apply asks first when the file already has errors; Cancel applies nothing',
    async (t) => {
      if (!cluster) {
        t.skip('no local API server (test/cluster scripts missing or E2E_CLUSTER=0)');
        return;
      }
      await closeAllEditors();
      await openFile('shop/legacy.yaml', 'policy/v1beta1');
      await editor().locator('.squiggly-error').first().waitFor({ timeout: 60000 });
      await runCommand('EKS: Apply File to Cluster');
      const dialog = page.locator('.monaco-dialog-box', {
        hasText: /shop\/legacy\.yaml has 4 errors found by EKS Manifests \(first, shop\/legacy\.yaml:4: /,
      });
      await dialog.waitFor({ timeout: 30000 });
      assert.match(await dialog.innerText(), /Apply anyway\?/);
      await shot('07d-local-errors-question');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 10000 });
      assert.equal((await live('/apis/batch/v1beta1/namespaces/shop/cronjobs/nightly-report')).status, 404, 'nothing applied');
    },
    async () => {
      const d = page.locator('.monaco-dialog-box');
      if (await d.isVisible()) await d.getByRole('button', { name: 'Cancel' }).click();
    },
  );

  step(
    'Apply warns when Argo CD manages the live object, and applies after "Apply Anyway"',
    async (t) => {
      if (!cluster) {
        t.skip('no local API server (test/cluster scripts missing or E2E_CLUSTER=0)');
        return;
      }
      await closeAllEditors();
      await clearNotifications();
      // What Argo CD leaves on what it syncs (annotation tracking, argoproj/argo-cd common/common.go)
      const conn = new Connection(loadKubeconfig({ overridePath: cluster!.kubeconfig }).kc);
      const created = await conn.request('POST', '/api/v1/namespaces/shop/configmaps', {
        body: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: 'shop-flags',
            namespace: 'shop',
            annotations: { 'argocd.argoproj.io/tracking-id': 'shop:/ConfigMap:shop/shop-flags' },
          },
          data: { checkout: 'old' },
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      // (checkout keeps the live value: the POST's field manager owns it, and changing it would be a conflict)
      await writeAndOpen(
        'cluster/flags.yaml',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-flags\n  namespace: shop\ndata:\n  checkout: old\n  banner: sale\n',
        'shop-flags',
      );
      await runCommand('EKS: Apply File to Cluster');
      const dialog = page.locator('.monaco-dialog-box', {
        hasText: 'ConfigMap shop/shop-flags in context "local" is managed by Argo CD application shop',
      });
      await dialog.waitFor({ timeout: 30000 });
      assert.match(await dialog.innerText(), /Argo CD puts the objects back as Git has them at its next sync when self-heal is on/);
      await shot('07e-gitops-warning', true);
      await dialog.getByRole('button', { name: 'Apply Anyway' }).click();
      await toast(/Applied \(cluster\/flags\.yaml → local\): 1 configured/).waitFor({ timeout: 60000 });
      assert.equal((await live('/api/v1/namespaces/shop/configmaps/shop-flags')).body.data.banner, 'sale');
    },
    async () => {
      const d = page.locator('.monaco-dialog-box');
      if (await d.isVisible()) await d.getByRole('button', { name: 'Cancel' }).click();
      await clearNotifications();
    },
  );

  // ---------------------------------------------------------------- cluster commands from the palette

  const needCluster = (t: TestContext) => {
    if (!cluster) t.skip('no local API server (test/cluster scripts missing or E2E_CLUSTER=0)');
    return !!cluster;
  };

  step('EKS: Switch Kubernetes Context picks another kubeconfig context; the status bar follows', async (t) => {
    if (!needCluster(t)) return;
    await closeAllEditors();
    await statusItem('local/default').waitFor({ timeout: 30000 });
    await runCommand('EKS: Switch Kubernetes Context');
    await quickInput().locator('.quick-input-list .monaco-list-row', { hasText: PROD_CONTEXT }).first().waitFor({ timeout: 30000 });
    const labels = (await quickInput().locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts()).filter(
      (l) => !l.startsWith('cluster '),
    );
    assert.deepEqual([...labels].sort(), ['local', PROD_CONTEXT, 'restricted'], `contexts listed: ${JSON.stringify(labels)}`);
    await shot('08-switch-context');
    await pickRow('restricted');
    await statusItem('restricted/team-a').waitFor({ timeout: 10000 });
    await shot('09-context-restricted');
    // back to the admin context, through the status bar item (it runs the same command)
    await statusItem('restricted/team-a').click();
    await pickRow('local');
    await statusItem('local/default').waitFor({ timeout: 10000 });
  });

  step('EKS: Switch Kubernetes Namespace lists the namespaces of the API server', async (t) => {
    if (!needCluster(t)) return;
    await runCommand('EKS: Switch Kubernetes Namespace');
    await quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'kube-system' }).first().waitFor({ timeout: 30000 });
    const labels = await quickInput().locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
    for (const ns of ['default', 'kube-system', 'shop']) assert.ok(labels.includes(ns), `namespaces listed: ${JSON.stringify(labels)}`);
    await shot('10-switch-namespace');
    await pickRow('shop');
    await statusItem('local/shop').waitFor({ timeout: 10000 });
    await runCommand('EKS: Switch Kubernetes Namespace');
    await pickRow('default');
    await statusItem('local/default').waitFor({ timeout: 10000 });
  });

  step(
    "EKS: Dry-run File on Cluster puts the API server's rejection in the Problems panel; a context switch clears it",
    async (t) => {
      if (!needCluster(t)) return;
      await clearNotifications();
      const text =
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: bad-port\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    protocol: TCP\n    port: 99999\n';
      await writeAndOpen('cluster/bad-port.yaml', text, 'bad-port');
      await runCommand('EKS: Dry-run File on Cluster');
      await toast(/Dry-run \(cluster\/bad-port\.yaml → local\): 1 failed/).waitFor({ timeout: 60000 });
      await runCommand('Problems: Focus on Problems View');
      const problem = page
        .locator('.markers-panel .monaco-list-row', { hasText: /Service shop\/bad-port: spec\.ports\[0\]\.port: Invalid value: 99999/ })
        .first();
      await problem.waitFor({ timeout: 30000 });
      const row = await problem.innerText();
      log(`problem: ${row.replace(/\s+/g, ' ')}`);
      assert.match(row, /spec\.ports\[0\]\.port/);
      assert.match(row, /\[Ln 12, Col \d+\]/, 'on the line of the rejected field');
      await editor().locator('.squiggly-error').first().waitFor({ timeout: 10000 });
      await page
        .locator('.notification-toast', { hasText: 'Dry-run of cluster/bad-port.yaml' })
        .waitFor({ state: 'detached', timeout: 10000 });
      await shot('11-dry-run-problem', true);
      assert.equal((await live('/api/v1/namespaces/shop/services/bad-port')).status, 404, 'a dry-run creates nothing');
      // what "local" said means nothing for another context: switching clears it
      await runCommand('EKS: Switch Kubernetes Context');
      await pickRow('restricted');
      await problem.waitFor({ state: 'detached', timeout: 10000 });
      await runCommand('EKS: Switch Kubernetes Context');
      await pickRow('local');
      await statusItem('local/default').waitFor({ timeout: 10000 });
    },
    async () => {
      await panelVisible(false);
      await clearNotifications();
    },
  );

  step(
    'a production context: Apply asks first; Cancel applies nothing, Apply applies',
    async (t) => {
      if (!needCluster(t)) return;
      await closeAllEditors();
      const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-settings\n  namespace: shop\ndata:\n  colour: blue\n';
      await writeAndOpen('cluster/settings.yaml', text, 'shop-settings');
      await runCommand('EKS: Switch Kubernetes Context');
      await pickRow(PROD_CONTEXT);
      await statusItem(`${PROD_CONTEXT}/default`).waitFor({ timeout: 10000 });
      // a production context is in the warning colour; the others are not
      await page.locator('.statusbar-item.warning-kind', { hasText: `${PROD_CONTEXT}/default` }).waitFor({ timeout: 10000 });
      const dialog = page.locator('.monaco-dialog-box');
      const question = dialog.filter({ hasText: `"${PROD_CONTEXT}" looks like a production context` });
      // 1. Cancel: nothing reaches the server
      await runCommand('EKS: Apply File to Cluster');
      await question.waitFor({ timeout: 30000 });
      assert.match(await question.innerText(), /Apply 1 object to it\?/);
      await shot('12-production-confirmation', true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 10000 });
      // the command returns right after the answer; no progress or result notification follows
      await page
        .locator('.notification-toast', { hasText: /Applying|Applied/ })
        .first()
        .waitFor({ state: 'visible', timeout: 3000 })
        .then(
          () => assert.fail('something was applied after Cancel'),
          () => undefined,
        );
      assert.equal((await live('/api/v1/namespaces/shop/configmaps/shop-settings')).status, 404, 'nothing applied after Cancel');
      // 2. Apply: the object is created
      await runCommand('EKS: Apply File to Cluster');
      await question.waitFor({ timeout: 30000 });
      await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
      await toast(new RegExp(`Applied \\(cluster/settings\\.yaml → ${PROD_CONTEXT}\\): 1 created`)).waitFor({ timeout: 60000 });
      const cm = await waitFor(
        'the ConfigMap on the API server',
        async () => {
          const r = await live('/api/v1/namespaces/shop/configmaps/shop-settings');
          return r.status === 200 && r.body;
        },
        10000,
      );
      assert.equal(cm.data.colour, 'blue');
    },
    async () => {
      const dialog = page.locator('.monaco-dialog-box');
      if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Cancel' }).click();
      await clearNotifications();
    },
  );

  step(
    'EKS: Diff File with Cluster opens the live object beside the dry-run of the local file',
    async (t) => {
      if (!needCluster(t)) return;
      // still in the production context: a diff changes nothing, so it asks nothing
      await closeAllEditors();
      fs.writeFileSync(
        path.join(workspace(), 'cluster/settings.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-settings\n  namespace: shop\ndata:\n  colour: green\n',
      );
      await openFile('cluster/settings.yaml', 'colour: green');
      await runCommand('EKS: Diff File with Cluster');
      const tab = page.locator('.tabs-container .tab.active', { hasText: 'ConfigMap shop/shop-settings: live ↔ dry-run of local' });
      await tab.waitFor({ timeout: 60000 });
      const diff = page.locator('.editor-group-container.active .monaco-diff-editor');
      await diff.waitFor({ timeout: 30000 });
      await diff
        .locator('.editor.original .view-line', { hasText: /colour:\s+blue/ })
        .first()
        .waitFor({ timeout: 30000 });
      await diff
        .locator('.editor.modified .view-line', { hasText: /colour:\s+green/ })
        .first()
        .waitFor({ timeout: 30000 });
      const all = (await diff.locator('.view-line').allInnerTexts()).join('\n');
      assert.doesNotMatch(all, /managedFields/);
      await page.locator('.notification-toast', { hasText: 'Diff against the cluster' }).waitFor({ state: 'detached', timeout: 10000 });
      await shot('13-diff-with-cluster', true);
      assert.equal((await live('/api/v1/namespaces/shop/configmaps/shop-settings')).body.data.colour, 'blue', 'a diff changes nothing');
    },
    async () => {
      await closeAllEditors();
      await runCommand('EKS: Switch Kubernetes Context');
      await pickRow('local');
      await statusItem('local/default').waitFor({ timeout: 10000 });
    },
  );

  step('EKS: Refresh Services from the palette; the view lists a Service created outside VS Code', async (t) => {
    if (!needCluster(t)) return;
    // created behind the extension's back (as kubectl would), then the view refreshed from the palette
    const conn = new Connection(loadKubeconfig({ overridePath: cluster!.kubeconfig }).kc);
    const r = await conn.request('POST', '/api/v1/namespaces/shop/services', {
      body: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'from-outside', namespace: 'shop' },
        spec: { selector: { app: 'x' }, ports: [{ port: 8080 }] },
      },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await runCommand('EKS: Refresh Services');
    const pane = await servicesPane();
    await pane.locator('.monaco-list-row', { hasText: 'from-outside' }).first().waitFor({ timeout: 60000 });
    await shot('14-services-refreshed');
  });

  step('EKS: Copy Service DNS Name asks for a Service and copies its cluster DNS name', async (t) => {
    if (!needCluster(t)) return;
    await browser!.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server!.url });
    await runCommand('EKS: Copy Service DNS Name');
    await quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'web-green' }).first().waitFor({ timeout: 30000 });
    await shot('15-copy-dns-name');
    await pickRow('web-blue');
    await page.locator('.statusbar-item', { hasText: 'Copied web-blue.shop.svc.cluster.local' }).first().waitFor({ timeout: 10000 });
    const copied = await waitFor(
      'the clipboard',
      () => page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>),
      10000,
    );
    assert.equal(copied, 'web-blue.shop.svc.cluster.local');
  });

  step(
    'EKS: Open Service as YAML and EKS: Reveal Manifest in Workspace, from the palette',
    async (t) => {
      if (!needCluster(t)) return;
      await closeAllEditors();
      await runCommand('EKS: Open Service as YAML (read-only)');
      await pickRow('web-blue');
      await page.locator('.tabs-container .tab.active', { hasText: 'web-blue.yaml' }).waitFor({ timeout: 30000 });
      await editor()
        .locator('.view-line', { hasText: /clusterIP:\s+10\.0\.0\.\d+/ })
        .first()
        .waitFor({ timeout: 30000 });
      const yamlText = (await editor().locator('.view-line').allInnerTexts()).join('\n');
      assert.doesNotMatch(yamlText, /managedFields/);
      // a manifest, not just the list item: list/watch items come without apiVersion and kind
      assert.match(yamlText, /^apiVersion:\s+v1\nkind:\s+Service\n/, yamlText.slice(0, 200));
      await shot('16-service-as-yaml');
      await runCommand('EKS: Reveal Manifest in Workspace');
      await pickRow('web-blue');
      await page.locator('.tabs-container .tab.active', { hasText: 'web.yaml' }).waitFor({ timeout: 30000 });
      await editor()
        .locator('.view-line', { hasText: /name:\s+web-blue/ })
        .first()
        .waitFor({ timeout: 30000 });
    },
    closeAllEditors,
  );

  step(
    "EKS: Open Load Balancer URL opens the Service's load balancer address in the browser",
    async (t) => {
      if (!needCluster(t)) return;
      const conn = new Connection(loadKubeconfig({ overridePath: cluster!.kubeconfig }).kc);
      const created = await conn.request('POST', '/api/v1/namespaces/shop/services', {
        body: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'lb-web', namespace: 'shop' },
          spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] },
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      // What a cloud controller would do: publish the load balancer's hostname through the status subresource.
      const host = 'k8s-shop-lbweb-0123456789.elb.eu-west-1.amazonaws.com';
      const current = (await conn.request('GET', '/api/v1/namespaces/shop/services/lb-web')).body;
      const updated = await conn.request('PUT', '/api/v1/namespaces/shop/services/lb-web/status', {
        body: { ...current, status: { loadBalancer: { ingress: [{ hostname: host }] } } },
      });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      const pane = await servicesPane();
      await pane.locator('.monaco-list-row', { hasText: host }).first().waitFor({ timeout: 60000 });
      // The browser has no network here: answer the load balancer's address ourselves and see it open.
      await browser!.context.route(`http://${host}/**`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>the shop behind its load balancer</h1>' }),
      );
      const opened = browser!.context.waitForEvent('page', { timeout: 60000 });
      await runCommand('EKS: Open Load Balancer URL');
      // only Services that can be reached from outside: ClusterIP Services (api, web-*, from-outside) never get an address
      await quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'lb-web' }).first().waitFor({ timeout: 30000 });
      const offered = await quickInput().locator('.quick-input-list .monaco-list-row .label-name:visible').allInnerTexts();
      assert.deepEqual(offered, ['lb-web'], `offered: ${JSON.stringify(offered)}`);
      await pickRow('lb-web');
      // VS Code asks before opening an external site.
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 30000 });
      await shot('18-open-load-balancer');
      await dialog
        .locator('.monaco-button', { hasText: /^Open$/ })
        .first()
        .click();
      const tab = await opened;
      await tab.waitForLoadState('domcontentloaded');
      assert.equal(tab.url(), `http://${host}/`);
      assert.match(await tab.locator('h1').innerText(), /shop behind its load balancer/);
      await tab.close();
    },
    async () => {
      await browser?.context.unrouteAll().catch(() => undefined);
    },
  );

  step(
    'EKS: Apply Selection to Cluster applies only the objects under the selection',
    async (t) => {
      if (!needCluster(t)) return;
      await clearNotifications();
      const text =
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: first, namespace: shop}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: second, namespace: shop}\ndata: {k: v}\n';
      await writeAndOpen('cluster/two.yaml', text, 'second');
      await goTo(6, 1);
      await page.keyboard.press('Shift+ArrowDown'); // lines 6-7: inside the second document only
      await runCommand('EKS: Apply Selection to Cluster');
      await toast(/Applied \(cluster\/two\.yaml \(lines 6-7\) → local\): 1 created/).waitFor({ timeout: 60000 });
      await page.locator('.notification-toast', { hasText: 'Applying cluster/two.yaml' }).waitFor({ state: 'detached', timeout: 10000 });
      await shot('17-apply-selection');
      assert.equal((await live('/api/v1/namespaces/shop/configmaps/second')).status, 200, 'the selected object is applied');
      assert.equal((await live('/api/v1/namespaces/shop/configmaps/first')).status, 404, 'the other object is not');
    },
    async () => {
      await clearNotifications();
      await closeAllEditors();
    },
  );
  step('the Services view shows the Gateway API routes that send traffic to a Service, with their Gateway', async (t) => {
    if (!needCluster(t)) return;
    const conn = new Connection(loadKubeconfig({ overridePath: cluster!.kubeconfig }).kc);
    // Our stand-ins for the Gateway API CRDs (same group, kinds and versions as upstream; any content),
    // installed as a platform team would, then a Gateway with its address and an HTTPRoute to web-green.
    const crds = await applyManifests(
      conn,
      parseManifests(fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'gateway-api', 'crds.yaml'), 'utf8'), 'file:///crds.yaml').docs,
    );
    assert.equal(crds.failed, false, [...crds.dryRun, ...crds.applied].map((r) => r.message).join('\n'));
    const objects = parseManifests(
      `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec: {gatewayClassName: amazon-vpc-lattice, listeners: [{name: http, port: 80, protocol: HTTP}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web-canary, namespace: shop}
spec:
  parentRefs: [{name: public, sectionName: http}]
  hostnames: [canary.shop.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /}}]
    backendRefs: [{name: web-green, port: 80}]
`,
      'file:///routes.yaml',
    ).docs;
    const r = await applyManifests(conn, objects);
    assert.equal(r.failed, false, [...r.dryRun, ...r.applied].map((x) => x.message).join('\n'));
    const gw = (await conn.request('GET', '/apis/gateway.networking.k8s.io/v1/namespaces/shop/gateways/public')).body;
    await conn.request('PUT', '/apis/gateway.networking.k8s.io/v1/namespaces/shop/gateways/public/status', {
      body: { ...gw, status: { addresses: [{ type: 'Hostname', value: 'public-shop.lattice.example.com' }] } },
    });
    // the Gateway API was not installed when the view started: Refresh picks it up
    await runCommand('EKS: Refresh Services');
    const pane = await servicesPane();
    await widenSideBar();
    await expandRow(pane, /^web-green/);
    await expandRow(pane, 'Gateway routes');
    await expandRow(pane, /web-canary.*HTTPRoute/);
    await pane
      .locator('.monaco-list-row', { hasText: /shop\/public \(http\).*Gateway · amazon-vpc-lattice · public-shop\.lattice\.example\.com/ })
      .first()
      .waitFor({ timeout: 30000 });
    await shot('19-gateway-routes', true);
  });

  step(
    'a context without RBAC rights: the Services view says why in the row, and the details on hover',
    async (t) => {
      if (!needCluster(t)) return;
      await runCommand('EKS: Switch Kubernetes Context');
      await pickRow('restricted');
      const pane = await servicesPane();
      const row = pane.locator('.monaco-list-row', { hasText: 'No access (RBAC)' }).first();
      await row.waitFor({ timeout: 60000 });
      assert.match(await row.innerText(), /may not list services in team-a/);
      const tip = await rowTooltip(
        row,
        /Forbidden\s+by\s+RBAC:\s+user\s+"restricted"\s+may\s+not\s+list\s+services\s+in\s+namespace\s+"team-a"/,
      );
      assert.match(await tip.innerText(), /Ask\s+a\s+cluster\s+admin\s+for\s+a\s+Role\s+granting\s+"list"\s+on\s+"services"/);
      await shot('20-rbac-row');
    },
    async () => {
      await page.mouse.move(1100, 700);
      await runCommand('EKS: Switch Kubernetes Context');
      await pickRow('local');
      await statusItem('local/default').waitFor({ timeout: 10000 });
    },
  );
});

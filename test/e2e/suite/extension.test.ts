/**
 * The packaged extension inside a real VS Code extension host, on a scratch copy of examples/ (the
 * workspace folder). Everything goes through VS Code's own API (`vscode.execute*Provider`, diagnostics,
 * WorkspaceEdit, configuration), so these tests see what the editor sees: the manifest's contributions,
 * the bundled client, the language server process it starts, and the settings round trip.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor as poll, type Probe } from '../../helpers/waitFor';

const EXTENSION_ID = 'eks-manifests.eks-manifests';
const SOURCE = 'eks-manifests';

// ---------------------------------------------------------------------------------------------- helpers

/** Polls a condition until it holds (30 s); the failure message shows the last value seen. */
const waitFor = <T>(what: string, probe: Probe<T>, timeoutMs = 30000): Promise<T> => poll(what, probe, timeoutMs, 50);

function root(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests need the examples folder open as the workspace');
  return f.uri;
}
const exampleUri = (rel: string) => vscode.Uri.joinPath(root(), ...rel.split('/'));

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
}
function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}
/** "line:code" (1-based line) of our diagnostics, sorted: compact and readable in assertion messages. */
function summary(uri: vscode.Uri, severity?: vscode.DiagnosticSeverity): string[] {
  return ours(uri)
    .filter((d) => severity === undefined || d.severity === severity)
    .map((d) => `${d.range.start.line + 1}:${codeOf(d)}`)
    .sort();
}
async function waitForSummary(uri: vscode.Uri, expected: string[], what: string): Promise<void> {
  const want = [...expected].sort();
  await waitFor(what, () => JSON.stringify(summary(uri)) === JSON.stringify(want) || (undefined as undefined), 30000).catch((e) => {
    throw new Error(`${(e as Error).message}\nexpected ${JSON.stringify(want)}\nactual   ${JSON.stringify(summary(uri))}`);
  });
}

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(exampleUri(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}
/** An unsaved YAML editor with this text: edits in the tests never touch files on disk. */
async function scratch(text: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}
async function closeActive(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** Closes every editor without saving (closing an untitled editor with text would ask). */
async function closeAll(): Promise<void> {
  const focus = ['First', 'Second', 'Third', 'Fourth'];
  for (let i = 0; i < 50; i++) {
    const group = vscode.window.tabGroups.all.find((g) => g.tabs.length > 0);
    if (!group) return;
    await vscode.commands.executeCommand(`workbench.action.focus${focus[group.viewColumn - 1] ?? 'First'}EditorGroup`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`"${needle}" not found in ${doc.uri.toString()}`);
}
/** Position just after `needle` on the first line containing it (or at its start with `atStart`). */
function posOf(doc: vscode.TextDocument, needle: string, atStart = false): vscode.Position {
  const line = lineOf(doc, needle);
  const col = doc.lineAt(line).text.indexOf(needle) + (atStart ? 0 : needle.length);
  return new vscode.Position(line, col);
}

async function completionLabels(uri: vscode.Uri, pos: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos);
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}
async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}
async function applyAction(doc: vscode.TextDocument, range: vscode.Range, title: RegExp): Promise<vscode.CodeAction> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range);
  const action = (actions ?? []).find((a) => title.test(a.title));
  assert.ok(action, `no code action matching ${title}; offered: ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
  assert.ok(action.edit, `code action "${action.title}" carries no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}" failed`);
  return action;
}

const config = () => vscode.workspace.getConfiguration('eksManifests');

const LEGACY_EXPECTED = ['4:api-removed', '11:meta-value-not-string', '19:api-removed', '26:meta-value-not-string'];

// ------------------------------------------------------------------------------------------------ tests

describe('EKS Manifests in a real VS Code extension host', () => {
  let legacy: vscode.TextDocument;

  before(async () => {
    // Start from defaults even if an earlier run left user settings behind.
    for (const key of ['diagnostics.disabled', 'kubernetesVersion'])
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    // The first YAML file: every test may use it (E2E_GREP can select any subset of the tests).
    legacy = await open('shop/legacy.yaml');
  });

  it('is installed from its manifest and activates when a YAML file opens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    assert.strictEqual(ext.packageJSON.main, './dist/client.js');
    assert.strictEqual(legacy.languageId, 'yaml');
    await waitFor('the extension to activate', () => ext.isActive);
    const api = ext.exports as { client?: { isRunning(): boolean } } | undefined;
    assert.ok(api?.client, 'activate() returns the language client');
    await waitFor('the language server to run', () => api.client!.isRunning());
  });

  it('reports the deliberate mistakes in examples/shop/legacy.yaml, as errors with a docs link', async () => {
    await vscode.window.showTextDocument(legacy);
    await waitForSummary(legacy.uri, LEGACY_EXPECTED, 'the legacy.yaml diagnostics');
    for (const d of ours(legacy.uri)) {
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, `${codeOf(d)} severity`);
      const target = typeof d.code === 'object' ? d.code.target : undefined;
      // the rendered docs page at the code's row (not the raw Markdown file at line 1)
      assert.ok(
        target && target.scheme === 'eks-manifests-docs' && target.query === codeOf(d),
        `${codeOf(d)} links to its row of the diagnostics docs (got ${target})`,
      );
    }
    const removed = ours(legacy.uri).find((d) => codeOf(d) === 'api-removed')!;
    assert.match(removed.message, /policy\/v1beta1 was removed in Kubernetes 1\.25.*use policy\/v1/);
  });

  it("a diagnostic code opens the rendered docs page at that code's row", async () => {
    await waitForSummary(legacy.uri, LEGACY_EXPECTED, 'the legacy.yaml diagnostics');
    const removed = ours(legacy.uri).find((d) => codeOf(d) === 'api-removed')!;
    const target = (removed.code as { target: vscode.Uri }).target;
    await vscode.commands.executeCommand('vscode.open', target); // what a click on the code does
    const tab = await waitFor('the docs editor', () => vscode.window.tabGroups.activeTabGroup.activeTab);
    assert.ok(tab.input instanceof vscode.TabInputCustom, `a custom editor, not a text editor (got ${tab.input?.constructor?.name})`);
    assert.strictEqual((tab.input as vscode.TabInputCustom).viewType, 'eksManifests.diagnosticDocs');
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { docs: { lastShown?: { code: string; html: string } } };
    const shown = await waitFor('the rendered page', () => api.docs.lastShown?.code === 'api-removed' && api.docs.lastShown);
    assert.match(shown.html, /data-code="api-removed"/);
    assert.match(shown.html, /<table[\s>][\s\S]*id="api-removed"/, "the Markdown table is rendered to HTML, with the code's anchor");
    assert.doesNotMatch(shown.html, /\| Code \| Area \|/, 'not the raw Markdown');
    await closeAll();
  });

  it('shows no errors on the other (correct) examples', async () => {
    const files = (await vscode.workspace.findFiles('**/*.{yaml,yml}')).filter((u) => !u.path.endsWith('/shop/legacy.yaml'));
    assert.ok(files.length >= 5, `expected the bundled examples, found ${files.length} YAML files`);
    for (const uri of files) {
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      // A diagnostic we know must appear proves the file was validated: append a document with a removed
      // apiVersion, wait for exactly that finding, then look at everything else reported for the file.
      const probe = `${doc.lineCount + 2}:api-removed`; // 1-based line of the probe's apiVersion
      await editor.edit((e) =>
        e.insert(
          doc.lineAt(doc.lineCount - 1).range.end,
          '\n---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: probe\n',
        ),
      );
      await waitFor(`validation of ${uri.path}`, () => summary(uri).includes(probe));
      const errors = summary(uri, vscode.DiagnosticSeverity.Error).filter((s) => s !== probe);
      await closeActive();
      assert.deepStrictEqual(errors, [], `unexpected errors in ${vscode.workspace.asRelativePath(uri)}`);
    }
    legacy = await open('shop/legacy.yaml');
  });

  it('completes apiVersion values for the kind (executeCompletionItemProvider)', async () => {
    const doc = await scratch('apiVersion: \nkind: PodDisruptionBudget\nmetadata:\n  name: web\n');
    const labels = await waitFor('apiVersion completions', async () => {
      const l = await completionLabels(doc.uri, new vscode.Position(0, 12));
      return l.length > 0 && l;
    });
    assert.ok(labels.includes('policy/v1'), `apiVersion completions: ${JSON.stringify(labels)}`);
    await closeActive();
  });

  it('explains a removed apiVersion on hover (executeHoverProvider)', async () => {
    const text = await hoverText(legacy.uri, posOf(legacy, 'policy/v1beta1', true).translate(0, 3));
    assert.match(text, /PodDisruptionBudget · policy\/v1beta1/);
    assert.match(text, /\*\*removed\*\* in Kubernetes 1\.25/);
    assert.match(text, /`policy\/v1`/);
  });

  it('lists every object in the outline and jumps from an Ingress backend to its Service', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', legacy.uri);
    assert.deepStrictEqual(
      (symbols ?? []).map((s) => s.name),
      ['PodDisruptionBudget shop/web', 'CronJob shop/nightly-report'],
    );
    const ingress = await open('shop/ingress.yaml');
    const locs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      ingress.uri,
      posOf(ingress, 'name: api', true).translate(0, 7),
    );
    const targets = (locs ?? []).map((l) => ('targetUri' in l ? l.targetUri : l.uri).path.replace(/.*\/shop\//, 'shop/'));
    assert.deepStrictEqual(targets, ['shop/api.yaml']);
    await closeActive();
  });

  describe('quick fixes applied through VS Code', () => {
    let doc: vscode.TextDocument;
    beforeEach(async () => {
      doc = await scratch(legacy.getText());
      await waitForSummary(doc.uri, LEGACY_EXPECTED, 'diagnostics on the scratch copy');
    });
    afterEach(closeActive);

    it('quotes a label value the API server would reject', async () => {
      const d = ours(doc.uri).find((x) => codeOf(x) === 'meta-value-not-string' && x.range.start.line === 10)!;
      await applyAction(doc, d.range, /^Quote the value: "1"$/);
      assert.strictEqual(doc.lineAt(10).text, '    tier: "1"');
      await waitForSummary(
        doc.uri,
        LEGACY_EXPECTED.filter((s) => s !== '11:meta-value-not-string'),
        'the label diagnostic to go',
      );
    });

    it('changes a removed apiVersion to its replacement', async () => {
      const d = ours(doc.uri).find((x) => codeOf(x) === 'api-removed' && x.range.start.line === 18)!;
      await applyAction(doc, d.range, /^Change apiVersion to batch\/v1$/);
      assert.strictEqual(doc.lineAt(18).text, 'apiVersion: batch/v1');
      await waitForSummary(
        doc.uri,
        LEGACY_EXPECTED.filter((s) => s !== '19:api-removed'),
        'the api-removed diagnostic to go',
      );
    });

    it('silences one line with a disable comment', async () => {
      const d = ours(doc.uri).find((x) => codeOf(x) === 'meta-value-not-string' && x.range.start.line === 25)!;
      await applyAction(doc, d.range, /^Disable meta-value-not-string for this line$/);
      assert.strictEqual(doc.lineAt(25).text, '    # eks-manifests-disable-next-line meta-value-not-string');
      await waitForSummary(doc.uri, ['4:api-removed', '11:meta-value-not-string', '19:api-removed'], 'the suppressed diagnostic to go');
    });
  });

  describe('settings', () => {
    afterEach(async () => {
      for (const key of ['diagnostics.disabled', 'kubernetesVersion'])
        await config().update(key, undefined, vscode.ConfigurationTarget.Global);
      await waitForSummary(legacy.uri, LEGACY_EXPECTED, 'the default diagnostics to come back');
    });

    it('eksManifests.diagnostics.disabled turns a code off everywhere', async () => {
      await config().update('diagnostics.disabled', ['meta-value-not-string'], vscode.ConfigurationTarget.Global);
      await waitForSummary(legacy.uri, ['4:api-removed', '19:api-removed'], 'meta-value-not-string to be disabled');
    });

    it('eksManifests.kubernetesVersion moves the removal line (1.24: deprecated warnings, not errors)', async () => {
      await config().update('kubernetesVersion', '1.24', vscode.ConfigurationTarget.Global);
      await waitForSummary(
        legacy.uri,
        ['4:api-deprecated', '11:meta-value-not-string', '19:api-deprecated', '26:meta-value-not-string'],
        'api-deprecated at 1.24',
      );
      for (const d of ours(legacy.uri).filter((x) => codeOf(x) === 'api-deprecated'))
        assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    });
  });

  // The domain modules (present when this suite was written; each test exercises the real bundled server).
  describe('ALB Ingress annotations', () => {
    afterEach(closeActive);

    it('completes annotation keys on a new line typed above an existing annotation', async () => {
      // Typed above another key, YAML merges the two lines into one multi-line key: the completion range
      // must still be single-line or VS Code drops every item.
      const ingress = (await vscode.workspace.openTextDocument(exampleUri('shop/ingress.yaml'))).getText();
      const doc = await scratch(ingress.replace('  annotations:\n', '  annotations:\n    alb.ingress.kubernetes.io/\n'));
      const pos = posOf(doc, 'alb.ingress.kubernetes.io/\n'.trimEnd());
      const labels = await waitFor('ALB annotation completions', async () => {
        const l = await completionLabels(doc.uri, new vscode.Position(pos.line, doc.lineAt(pos.line).text.length));
        return l.some((x) => x.startsWith('alb.ingress.kubernetes.io/')) && l;
      });
      // (keys already in the Ingress, like scheme, are not offered again)
      for (const key of ['load-balancer-name', 'subnets', 'security-groups', 'group.name']) {
        assert.ok(
          labels.includes(`alb.ingress.kubernetes.io/${key}`),
          `missing alb.ingress.kubernetes.io/${key} in ${JSON.stringify(labels.slice(0, 20))}`,
        );
      }
    });

    it('explains an annotation on hover', async () => {
      const doc = await open('shop/ingress.yaml');
      const text = await hoverText(doc.uri, posOf(doc, 'target-type', true).translate(0, 3));
      assert.match(text, /alb\.ingress\.kubernetes\.io\/target-type/);
      assert.match(text, /`instance`/);
      assert.match(text, /`ip`/);
    });
  });

  describe('EKS Auto Mode NodePool', () => {
    afterEach(closeActive);

    it('completes requirement keys and explains them on hover', async () => {
      const nodepool = (await vscode.workspace.openTextDocument(exampleUri('platform/nodepool.yaml'))).getText();
      const doc = await scratch(nodepool.replace('      requirements:\n', '      requirements:\n        - key: \n'));
      const line = lineOf(doc, '- key: ');
      const labels = await waitFor('requirement key completions', async () => {
        const l = await completionLabels(doc.uri, new vscode.Position(line, doc.lineAt(line).text.length));
        return l.length > 0 && l;
      });
      assert.ok(labels.includes('eks.amazonaws.com/instance-category'), JSON.stringify(labels));
      assert.ok(labels.includes('karpenter.sh/capacity-type'), JSON.stringify(labels));
      const hover = await hoverText(doc.uri, posOf(doc, 'eks.amazonaws.com/instance-category', true).translate(0, 20));
      assert.match(hover, /\*\*eks\.amazonaws\.com\/instance-category\*\*/);
    });
  });

  describe('NetworkPolicy', () => {
    it('"EKS: Explain NetworkPolicy" explains the policy at the cursor', async () => {
      const doc = await open('shop/network-policies.yaml');
      const markdown = await vscode.commands.executeCommand<string>(
        'eksManifests.explainNetworkPolicy',
        doc.uri,
        posOf(doc, 'name: web-from-alb'),
      );
      const plain = (markdown ?? '').replace(/`/g, '');
      assert.match(plain, /Selects all Pods in shop with app=web\./);
      assert.match(plain, /Ingress:\*\* only from IP range 10\.0\.0\.0\/16/);
      // it opens the explanation beside the manifest: a read-only virtual document, nothing untitled to save
      const shown = await waitFor('the explanation document', () => vscode.workspace.textDocuments.find((d) => d.getText() === markdown));
      assert.strictEqual(shown.uri.scheme, 'eks-manifests-cluster');
      assert.match(shown.uri.path, /^\/explain\/NetworkPolicy shop-web-from-alb\.md$/);
      assert.strictEqual(shown.isUntitled, false);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled && d.getText() === markdown), 'no untitled copy');
      assert.strictEqual(
        vscode.workspace.fs.isWritableFileSystem('eks-manifests-cluster'),
        undefined,
        'a content provider, not a writable file system',
      );
      await closeAll();
    });
  });

  describe('Upgrade planning', () => {
    it('"EKS: Plan Upgrade to…" reports the examples for a target version, each line linked to its file', async () => {
      const markdown = await vscode.commands.executeCommand<string>('eksManifests.planUpgrade', '1.35', { cluster: false });
      assert.ok(markdown, 'the command returns the report');
      assert.match(markdown, /^# Upgrade plan: Kubernetes 1\.35/);
      assert.match(markdown, /Versions in this workspace: 1\.35 \(eksctl ClusterConfig shop\)/);
      // the deliberate removed APIs of shop/legacy.yaml, with a link to their line
      assert.match(
        markdown,
        /`PodDisruptionBudget shop\/web` — policy\/v1beta1 was removed in Kubernetes 1\.25: use policy\/v1\..*\(\[shop\/legacy\.yaml:4\]\(file:[^)]*legacy\.yaml#L4\)\)/,
      );
      assert.match(markdown, /`CronJob shop\/nightly-report` — batch\/v1beta1 was removed in Kubernetes 1\.25/);
      assert.match(markdown, /\| 1\.35 \| 2027-03-27 \| 2028-03-27 \|/);
      await waitFor('the report editor', () =>
        vscode.workspace.textDocuments.some((d) => d.languageId === 'markdown' && d.getText() === markdown),
      );
      await closeAll();
    });

    it('an eksctl ClusterConfig: the unquoted version is an error with a quoting fix, and hover shows the support window', async () => {
      const doc = await scratch(
        'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: eu-west-1\n  version: 1.30\nautoModeConfig:\n  enabled: true\n',
      );
      const d = await waitFor('the eksctl diagnostic', () => ours(doc.uri).find((x) => codeOf(x) === 'eksctl-version-unquoted'));
      assert.strictEqual(d.range.start.line, 5);
      assert.strictEqual(doc.getText(d.range), '1.30');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
      const fix = actions.find((a) => a.title.startsWith('Quote the version'));
      assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
      await vscode.workspace.applyEdit(fix.edit);
      assert.match(doc.getText(), /version: "1\.30"/);
      const hover = await hoverText(doc.uri, posOf(doc, '"1.30"', true).translate(0, 2));
      assert.match(hover, /Kubernetes 1\.30/);
      await closeActive();
    });
  });

  describe('App Mesh → VPC Lattice', () => {
    it('the code action on a Mesh runs "Preview VPC Lattice Migration", which opens the preview as untitled YAML', async () => {
      const doc = await scratch(
        'apiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata:\n  name: store-mesh\nspec:\n  namespaceSelector:\n    matchLabels: {mesh: store-mesh}\n',
      );
      const at = new vscode.Position(1, 3);
      const actions = await waitFor('the migration code action', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          new vscode.Range(at, at),
        );
        return (all ?? []).filter((a) => a.command?.command === 'eksManifests.previewMigration').length > 0 && all;
      });
      const action = actions.find((a) => a.command?.command === 'eksManifests.previewMigration')!;
      const content = await vscode.commands.executeCommand<string>(action.command!.command, ...(action.command!.arguments ?? []));
      assert.match(content ?? '', /kind: Gateway\n/);
      await waitFor('the preview editor', () =>
        vscode.workspace.textDocuments.some((d) => d.isUntitled && d.languageId === 'yaml' && d.getText() === content),
      );
      await closeAll();
    });
  });

  it('registers every command the manifest contributes', async function () {
    const contributed = (
      (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes?.commands ?? []) as { command: string }[]
    ).map((c) => c.command);
    if (contributed.length === 0) this.skip();
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
      'contributed but not registered',
    );
  });
});

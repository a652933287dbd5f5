/**
 * Apply / Dry-run / Diff commands: thin wiring around the pure cluster module. Progress notification
 * with cancel, per-object results in the output channel, dry-run failures as diagnostics on the
 * documents, explicit "force" on field-manager conflicts, confirmation for production contexts.
 */
import * as vscode from 'vscode';
import {
  applyManifests, applySummary, diffManifest, parseManifests, confirmationNeeded, ClusterError, Applier,
  type ManifestDoc, type ObjectResult, type ApplyReport, type ManifestProblem,
} from '../cluster';
import type { ClusterSession } from './session';
import type { ReadOnlyContent } from '../views/readOnlyContent';

interface Target { docs: ManifestDoc[]; problems: ManifestProblem[]; what: string; uris: vscode.Uri[] }

const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export class ClusterCommands {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('eks-manifests-cluster');

  constructor(private readonly session: ClusterSession, private readonly output: vscode.OutputChannel, private readonly content: ReadOnlyContent) {}

  register(context: vscode.ExtensionContext): void {
    const reg = (id: string, f: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: any[]) => {
      try { await f(...args); } catch (e) { this.fail(e); }
    }));
    context.subscriptions.push(this.diagnostics, vscode.workspace.onDidChangeTextDocument((e) => {
      if (this.diagnostics.has(e.document.uri) && e.contentChanges.length) this.diagnostics.delete(e.document.uri);
    }));
    reg('eksManifests.cluster.apply', (uri?: vscode.Uri, uris?: vscode.Uri[]) => this.run('apply', uri, uris, false));
    reg('eksManifests.cluster.applySelection', () => this.run('apply', undefined, undefined, true));
    reg('eksManifests.cluster.applyFolder', (uri?: vscode.Uri) => this.runFolder('apply', uri));
    reg('eksManifests.cluster.dryRun', (uri?: vscode.Uri, uris?: vscode.Uri[]) => this.run('dry-run', uri, uris, false));
    reg('eksManifests.cluster.dryRunFolder', (uri?: vscode.Uri) => this.runFolder('dry-run', uri));
    reg('eksManifests.cluster.diff', (uri?: vscode.Uri) => this.diff(uri));
  }

  private fail(e: unknown): void {
    const msg = e instanceof ClusterError ? e.message : `EKS Manifests: ${(e as Error)?.message ?? e}`;
    this.output.appendLine(`[error] ${msg}`);
    void vscode.window.showErrorMessage(msg, 'Show Output').then((a) => { if (a) this.output.show(true); });
  }

  /** Documents of the given file(s), or the active editor (its selection when asked). */
  private async target(uri: vscode.Uri | undefined, uris: vscode.Uri[] | undefined, selection: boolean): Promise<Target | undefined> {
    const list = uris && uris.length > 1 ? uris : uri ? [uri] : [];
    if (list.length === 0) {
      const ed = vscode.window.activeTextEditor;
      if (!ed) { void vscode.window.showWarningMessage('Open a YAML manifest (or pick files in the Explorer) first.'); return undefined; }
      const sel = selection && !ed.selection.isEmpty ? { first: ed.selection.start.line, last: ed.selection.end.line } : undefined;
      const parsed = parseManifests(ed.document.getText(), ed.document.uri.toString(), sel);
      return { ...parsed, what: `${vscode.workspace.asRelativePath(ed.document.uri)}${sel ? ` (lines ${sel.first + 1}-${sel.last + 1})` : ''}`, uris: [ed.document.uri] };
    }
    const docs: ManifestDoc[] = [];
    const problems: ManifestProblem[] = [];
    for (const u of list) {
      const stat = await vscode.workspace.fs.stat(u);
      if (stat.type & vscode.FileType.Directory) { const t = await this.folderTarget(u); if (t) { docs.push(...t.docs); problems.push(...t.problems); } continue; }
      const doc = await vscode.workspace.openTextDocument(u);
      const parsed = parseManifests(doc.getText(), u.toString());
      docs.push(...parsed.docs); problems.push(...parsed.problems);
    }
    return { docs, problems, what: list.length === 1 ? vscode.workspace.asRelativePath(list[0]) : `${list.length} files`, uris: list };
  }

  private async folderTarget(folder: vscode.Uri): Promise<Target> {
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{yaml,yml}'), '**/node_modules/**');
    files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
    const docs: ManifestDoc[] = [];
    const problems: ManifestProblem[] = [];
    for (const f of files) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(f));
      const parsed = parseManifests(text, f.toString());
      docs.push(...parsed.docs); problems.push(...parsed.problems);
    }
    return { docs, problems, what: `${vscode.workspace.asRelativePath(folder)}/ (${files.length} files)`, uris: files };
  }

  private async runFolder(mode: 'apply' | 'dry-run', uri?: vscode.Uri): Promise<void> {
    let folder = uri;
    if (!folder) {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: mode === 'apply' ? 'Apply folder' : 'Dry-run folder' });
      folder = picked?.[0];
    }
    if (!folder) return;
    const t = await this.folderTarget(folder);
    await this.execute(mode, t, false);
  }

  private async run(mode: 'apply' | 'dry-run', uri: vscode.Uri | undefined, uris: vscode.Uri[] | undefined, selection: boolean): Promise<void> {
    const t = await this.target(uri, uris, selection);
    if (t) await this.execute(mode, t, false);
  }

  private async execute(mode: 'apply' | 'dry-run', t: Target, force: boolean): Promise<void> {
    const conn = this.session.connect();
    for (const u of t.uris) this.diagnostics.delete(u);
    if (t.problems.length) {
      this.showProblems(t.problems);
      void vscode.window.showErrorMessage(`${t.problems.length} document(s) in ${t.what} cannot be sent to the cluster (see Problems). Nothing was applied.`);
      return;
    }
    if (t.docs.length === 0) { void vscode.window.showInformationMessage(`No Kubernetes objects in ${t.what}.`); return; }
    if (mode === 'apply') {
      const question = confirmationNeeded({ context: conn.context, cluster: conn.cluster, server: conn.server }, this.session.productionPattern, force ? 'Force-apply' : 'Apply', t.docs.length);
      if (question && (await vscode.window.showWarningMessage(question, { modal: true }, 'Apply')) !== 'Apply') return;
    }
    const namespace = this.session.currentNamespace();
    this.output.appendLine(`\n[${new Date().toISOString()}] ${mode === 'apply' ? (force ? 'Apply (force)' : 'Apply') : 'Dry-run'} ${t.what} → context "${conn.context}", default namespace "${namespace}"`);
    const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${mode === 'apply' ? 'Applying' : 'Dry-run of'} ${t.what}`, cancellable: true }, async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return applyManifests(conn, t.docs, {
        dryRunOnly: mode === 'dry-run', force, namespace, signal: ac.signal,
        onProgress: (phase, i, n, d) => progress.report({ message: `${phase} ${i + 1}/${n}: ${d.label}`, increment: 100 / (2 * n) }),
        onResult: (r, phase) => this.output.appendLine(`  ${phase === 'dry-run' ? 'dry-run' : 'applied'} ${r.message}`),
      });
    });
    this.report(mode, t, report);
    if (report.conflicts && mode === 'apply') {
      const a = await vscode.window.showWarningMessage('Some fields are owned by another field manager. Apply with force to take them over?', 'Apply with Force', 'Show Output');
      if (a === 'Apply with Force') await this.execute(mode, t, true);
      else if (a === 'Show Output') this.output.show(true);
    }
  }

  private showProblems(problems: ManifestProblem[]): void {
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      const d = new vscode.Diagnostic(toRange(p.range), p.message, vscode.DiagnosticSeverity.Error);
      d.source = 'eks-manifests (cluster)';
      byUri.set(p.uri, [...(byUri.get(p.uri) ?? []), d]);
    }
    for (const [u, ds] of byUri) this.diagnostics.set(vscode.Uri.parse(u), ds);
  }

  private report(mode: 'apply' | 'dry-run', t: Target, report: ApplyReport): void {
    const failures: ObjectResult[] = [...report.dryRun, ...report.applied].filter((r) => r.outcome === 'failed');
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const r of failures) {
      const d = new vscode.Diagnostic(toRange(r.range), `${r.doc.label}: ${r.error?.message ?? 'failed'}`, vscode.DiagnosticSeverity.Error);
      d.source = 'eks-manifests (cluster)';
      d.code = r.error?.kind;
      byUri.set(r.doc.uri, [...(byUri.get(r.doc.uri) ?? []), d]);
    }
    for (const [u, ds] of byUri) this.diagnostics.set(vscode.Uri.parse(u), ds);
    const { headline: line, details, ok } = applySummary(mode, report, t.what, this.session.currentContext());
    for (const d of details) this.output.appendLine(`  ${d}`);
    this.output.appendLine(line);
    if (failures.length || (!ok && report.didApply)) void vscode.window.showErrorMessage(line, 'Show Output').then((a) => { if (a) this.output.show(true); });
    else if (report.warnings.length) void vscode.window.showWarningMessage(`${line} (${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}: ${report.warnings[0]})`, 'Show Output').then((a) => { if (a) this.output.show(true); });
    else void vscode.window.showInformationMessage(line);
  }

  /** Diff each document of the active file (or the given file) against the live object. */
  private async diff(uri?: vscode.Uri): Promise<void> {
    const t = await this.target(uri, undefined, !uri);
    if (!t) return;
    if (t.problems.length) { this.showProblems(t.problems); return; }
    if (t.docs.length === 0) { void vscode.window.showInformationMessage(`No Kubernetes objects in ${t.what}.`); return; }
    let docs = t.docs;
    if (docs.length > 1) {
      const picked = await vscode.window.showQuickPick(docs.map((d) => ({ label: d.label, description: `line ${d.range.start.line + 1}`, d })), { canPickMany: true, placeHolder: 'Objects to diff against the cluster' });
      if (!picked || picked.length === 0) return;
      docs = picked.map((p) => p.d);
    }
    const conn = this.session.connect();
    const applier = new Applier(conn);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Diff against the cluster', cancellable: true }, async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      for (const d of docs) {
        if (ac.signal.aborted) break;
        progress.report({ message: d.label });
        try {
          const r = await diffManifest(conn, d, { namespace: this.session.currentNamespace(), signal: ac.signal }, applier);
          const name = `${d.kind}-${d.namespace ?? this.session.currentNamespace()}-${d.name}`;
          const left = this.content.put(`live/${conn.context}/${name}.yaml`, r.live || `# ${d.label} does not exist in context "${conn.context}" yet\n`);
          const right = this.content.put(`dry-run/${conn.context}/${name}.yaml`, r.proposed);
          await vscode.commands.executeCommand('vscode.diff', left, right, `${d.label}: live ↔ dry-run of local${r.changed ? '' : ' (no changes)'}`, { preview: docs.length === 1 });
        } catch (e) {
          if (e instanceof ClusterError && e.kind === 'cancelled') break;
          this.fail(e instanceof ClusterError ? new ClusterError(e.kind, `${d.label}: ${e.message}`, e.details) : e);
        }
      }
    });
  }
}

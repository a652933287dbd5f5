/**
 * Apply / Dry-run / Diff commands: thin wiring around the pure cluster module. Progress notification
 * with cancel, per-object results in the output channel, rejections as diagnostics on the fields the
 * server names (cleared when the context changes), explicit "force" on field-manager conflicts. Before
 * Apply: a question when the file already has errors, the production confirmation, and a warning when a
 * GitOps controller owns the objects.
 */
import * as vscode from 'vscode';
import {
  applyManifests,
  applySummary,
  diffManifest,
  parseManifests,
  confirmationNeeded,
  ClusterError,
  Applier,
  fieldProblems,
  findGitOpsOwned,
  gitOpsQuestion,
  type ManifestDoc,
  type ObjectResult,
  type ApplyReport,
  type ManifestProblem,
} from '../cluster';
import type { ClusterSession } from './session';
import type { ReadOnlyContent } from '../views/readOnlyContent';
import { COMMANDS, LANGUAGE_DIAGNOSTICS_SOURCE } from './ids';

interface Target {
  docs: ManifestDoc[];
  problems: ManifestProblem[];
  what: string;
  uris: vscode.Uri[];
}

const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export const CLUSTER_DIAGNOSTICS_SOURCE = 'eks-manifests (cluster)';

export class ClusterCommands {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('eks-manifests-cluster');
  /** `context/namespace` the cluster diagnostics were made against: they mean nothing for another one. */
  private diagnosticsFor: string | undefined;

  constructor(
    private readonly session: ClusterSession,
    private readonly output: vscode.OutputChannel,
    private readonly content: ReadOnlyContent,
  ) {}

  register(context: vscode.ExtensionContext): void {
    const reg = (id: string, f: (...args: any[]) => unknown) =>
      context.subscriptions.push(
        vscode.commands.registerCommand(id, async (...args: any[]) => {
          try {
            await f(...args);
          } catch (e) {
            this.fail(e);
          }
        }),
      );
    context.subscriptions.push(
      this.diagnostics,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.diagnostics.has(e.document.uri) && e.contentChanges.length) this.diagnostics.delete(e.document.uri);
      }),
      this.session.onDidChange(() => {
        if (this.diagnosticsFor !== undefined && this.diagnosticsFor !== this.scope()) {
          this.diagnostics.clear();
          this.diagnosticsFor = undefined;
        }
      }),
    );
    reg(COMMANDS.apply, (uri?: vscode.Uri, uris?: vscode.Uri[]) => this.run('apply', uri, uris, false));
    reg(COMMANDS.applySelection, () => this.run('apply', undefined, undefined, true));
    reg(COMMANDS.applyFolder, (uri?: vscode.Uri) => this.runFolder('apply', uri));
    reg(COMMANDS.dryRun, (uri?: vscode.Uri, uris?: vscode.Uri[]) => this.run('dry-run', uri, uris, false));
    reg(COMMANDS.dryRunSelection, () => this.run('dry-run', undefined, undefined, true));
    reg(COMMANDS.dryRunFolder, (uri?: vscode.Uri) => this.runFolder('dry-run', uri));
    reg(COMMANDS.diff, (uri?: vscode.Uri) => this.diff(uri));
  }

  private scope(): string {
    return `${this.session.currentContext() ?? ''}/${this.session.currentNamespace() ?? ''}`;
  }

  private setDiagnostics(byUri: Map<string, vscode.Diagnostic[]>): void {
    for (const [u, ds] of byUri) this.diagnostics.set(vscode.Uri.parse(u), ds);
    if (byUri.size) this.diagnosticsFor = this.scope();
  }

  private fail(e: unknown): void {
    const msg = e instanceof ClusterError ? e.message : `EKS Manifests: ${(e as Error)?.message ?? e}`;
    this.output.appendLine(`[error] ${msg}`);
    void vscode.window.showErrorMessage(msg, 'Show Output').then((a) => {
      if (a) this.output.show(true);
    });
  }

  /** Documents of the given file(s), or the active editor (its selection when asked). */
  private async target(uri: vscode.Uri | undefined, uris: vscode.Uri[] | undefined, selection: boolean): Promise<Target | undefined> {
    const list = uris && uris.length > 1 ? uris : uri ? [uri] : [];
    if (list.length === 0) {
      const ed = vscode.window.activeTextEditor;
      if (!ed) {
        void vscode.window.showWarningMessage('Open a YAML manifest (or pick files in the Explorer) first.');
        return undefined;
      }
      const sel = selection && !ed.selection.isEmpty ? { first: ed.selection.start.line, last: ed.selection.end.line } : undefined;
      const parsed = parseManifests(ed.document.getText(), ed.document.uri.toString(), sel);
      return {
        ...parsed,
        what: `${vscode.workspace.asRelativePath(ed.document.uri)}${sel ? ` (lines ${sel.first + 1}-${sel.last + 1})` : ''}`,
        uris: [ed.document.uri],
      };
    }
    const docs: ManifestDoc[] = [];
    const problems: ManifestProblem[] = [];
    for (const u of list) {
      const stat = await vscode.workspace.fs.stat(u);
      if (stat.type & vscode.FileType.Directory) {
        const t = await this.folderTarget(u);
        if (t) {
          docs.push(...t.docs);
          problems.push(...t.problems);
        }
        continue;
      }
      const doc = await vscode.workspace.openTextDocument(u);
      const parsed = parseManifests(doc.getText(), u.toString());
      docs.push(...parsed.docs);
      problems.push(...parsed.problems);
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
      docs.push(...parsed.docs);
      problems.push(...parsed.problems);
    }
    return { docs, problems, what: `${vscode.workspace.asRelativePath(folder)}/ (${files.length} files)`, uris: files };
  }

  private async runFolder(mode: 'apply' | 'dry-run', uri?: vscode.Uri): Promise<void> {
    let folder = uri;
    if (!folder) {
      const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        openLabel: mode === 'apply' ? 'Apply folder' : 'Dry-run folder',
      });
      folder = picked?.[0];
    }
    if (!folder) return;
    const t = await this.folderTarget(folder);
    await this.execute(mode, t, false);
  }

  private async run(
    mode: 'apply' | 'dry-run',
    uri: vscode.Uri | undefined,
    uris: vscode.Uri[] | undefined,
    selection: boolean,
  ): Promise<void> {
    const t = await this.target(uri, uris, selection);
    if (t) await this.execute(mode, t, false);
  }

  private async execute(mode: 'apply' | 'dry-run', t: Target, force: boolean): Promise<void> {
    const conn = this.session.connect();
    for (const u of t.uris) this.diagnostics.delete(u);
    if (t.problems.length) {
      this.showProblems(t.problems);
      void vscode.window.showErrorMessage(
        `${t.problems.length} document(s) in ${t.what} cannot be sent to the cluster (see Problems). Nothing was applied.`,
      );
      return;
    }
    if (t.docs.length === 0) {
      void vscode.window.showInformationMessage(`No Kubernetes objects in ${t.what}.`);
      return;
    }
    if (mode === 'apply' && !force && !(await this.acceptLocalErrors(t))) return;
    if (mode === 'apply') {
      const question = confirmationNeeded(
        { context: conn.context, cluster: conn.cluster, server: conn.server },
        this.session.productionPattern,
        force ? 'Force-apply' : 'Apply',
        t.docs.length,
      );
      if (question && (await vscode.window.showWarningMessage(question, { modal: true }, 'Apply')) !== 'Apply') return;
    }
    const namespace = this.session.currentNamespace();
    if (mode === 'apply' && !force && !(await this.acceptGitOps(conn, t, namespace))) return;
    this.output.appendLine(
      `\n[${new Date().toISOString()}] ${mode === 'apply' ? (force ? 'Apply (force)' : 'Apply') : 'Dry-run'} ${t.what} → context "${conn.context}", default namespace "${namespace}"`,
    );
    const report = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `${mode === 'apply' ? 'Applying' : 'Dry-run of'} ${t.what}`,
        cancellable: true,
      },
      async (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        return applyManifests(conn, t.docs, {
          dryRunOnly: mode === 'dry-run',
          force,
          namespace,
          signal: ac.signal,
          onProgress: (phase, i, n, d) => progress.report({ message: `${phase} ${i + 1}/${n}: ${d.label}`, increment: 100 / (2 * n) }),
          onResult: (r, phase) => this.output.appendLine(`  ${phase === 'dry-run' ? 'dry-run' : 'applied'} ${r.message}`),
        });
      },
    );
    this.report(mode, t, report);
    if (report.conflicts && mode === 'apply') {
      const a = await vscode.window.showWarningMessage(
        'Some fields are owned by another field manager. Apply with force to take them over?',
        'Apply with Force',
        'Show Output',
      );
      if (a === 'Apply with Force') await this.execute(mode, t, true);
      else if (a === 'Show Output') this.output.show(true);
    }
  }

  private showProblems(problems: ManifestProblem[]): void {
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      const d = new vscode.Diagnostic(toRange(p.range), p.message, vscode.DiagnosticSeverity.Error);
      d.source = CLUSTER_DIAGNOSTICS_SOURCE;
      byUri.set(p.uri, [...(byUri.get(p.uri) ?? []), d]);
    }
    this.setDiagnostics(byUri);
  }

  /**
   * The language server's errors inside the documents about to be applied. When there are some, the user
   * decides: the API server may accept what the editor flags (a removed API on a cluster still serving
   * it), but usually the error is the reason the apply would break something.
   */
  private async acceptLocalErrors(t: Target): Promise<boolean> {
    const errors: { uri: vscode.Uri; d: vscode.Diagnostic }[] = [];
    for (const uri of t.uris) {
      const docs = t.docs.filter((d) => d.uri === uri.toString());
      for (const d of vscode.languages.getDiagnostics(uri)) {
        if (d.source !== LANGUAGE_DIAGNOSTICS_SOURCE || d.severity !== vscode.DiagnosticSeverity.Error) continue;
        if (docs.some((doc) => toRange(doc.range).contains(d.range.start))) errors.push({ uri, d });
      }
    }
    if (errors.length === 0) return true;
    errors.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()) || a.d.range.start.compareTo(b.d.range.start));
    const first = errors[0];
    const where = `${vscode.workspace.asRelativePath(first.uri)}:${first.d.range.start.line + 1}`;
    const answer = await vscode.window.showWarningMessage(
      `${t.what} has ${errors.length} error${errors.length === 1 ? '' : 's'} found by EKS Manifests (first, ${where}: ${first.d.message.split('\n')[0]}). Apply anyway?`,
      { modal: true },
      'Apply Anyway',
      'Show Problems',
    );
    if (answer === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    return answer === 'Apply Anyway';
  }

  /** Objects a GitOps controller owns: say that the controller will revert the change, and let the user decide. */
  private async acceptGitOps(conn: ReturnType<ClusterSession['connect']>, t: Target, namespace: string | undefined): Promise<boolean> {
    const hits = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Checking who manages these objects' },
      () => findGitOpsOwned(conn, t.docs, { namespace }),
    );
    for (const h of hits)
      this.output.appendLine(
        `  ${h.doc.label}: managed by ${h.owner.tool} ${h.owner.owner} (${h.owner.mark}${h.where === 'file' ? ' in the file' : ' on the cluster'})`,
      );
    const question = gitOpsQuestion(hits, conn.context);
    if (!question) return true;
    return (await vscode.window.showWarningMessage(question, { modal: true }, 'Apply Anyway')) === 'Apply Anyway';
  }

  private report(mode: 'apply' | 'dry-run', t: Target, report: ApplyReport): void {
    const failures: ObjectResult[] = [...report.dryRun, ...report.applied].filter((r) => r.outcome === 'failed');
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const r of failures) {
      const problems = r.error
        ? fieldProblems(r.error, r.doc.object, r.doc.label)
        : [{ field: 'metadata.name', message: `${r.doc.label}: failed` }];
      for (const p of problems) {
        const d = new vscode.Diagnostic(toRange(r.doc.rangeOfField(p.field)), p.message, vscode.DiagnosticSeverity.Error);
        d.source = CLUSTER_DIAGNOSTICS_SOURCE;
        d.code = r.error?.kind;
        byUri.set(r.doc.uri, [...(byUri.get(r.doc.uri) ?? []), d]);
      }
    }
    this.setDiagnostics(byUri);
    const { headline: line, details, ok } = applySummary(mode, report, t.what, this.session.currentContext());
    for (const d of details) this.output.appendLine(`  ${d}`);
    this.output.appendLine(line);
    if (failures.length || (!ok && report.didApply))
      void vscode.window.showErrorMessage(line, 'Show Output').then((a) => {
        if (a) this.output.show(true);
      });
    else if (report.warnings.length)
      void vscode.window
        .showWarningMessage(
          `${line} (${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}: ${report.warnings[0]})`,
          'Show Output',
        )
        .then((a) => {
          if (a) this.output.show(true);
        });
    else void vscode.window.showInformationMessage(line);
  }

  /** Diff each document of the active file (or the given file) against the live object. */
  private async diff(uri?: vscode.Uri): Promise<void> {
    const t = await this.target(uri, undefined, !uri);
    if (!t) return;
    if (t.problems.length) {
      this.showProblems(t.problems);
      return;
    }
    if (t.docs.length === 0) {
      void vscode.window.showInformationMessage(`No Kubernetes objects in ${t.what}.`);
      return;
    }
    let docs = t.docs;
    if (docs.length > 1) {
      const picked = await vscode.window.showQuickPick(
        docs.map((d) => ({ label: d.label, description: `line ${d.range.start.line + 1}`, d })),
        { canPickMany: true, placeHolder: 'Objects to diff against the cluster' },
      );
      if (!picked || picked.length === 0) return;
      docs = picked.map((p) => p.d);
    }
    const conn = this.session.connect();
    const applier = new Applier(conn);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Diff against the cluster', cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        for (const d of docs) {
          if (ac.signal.aborted) break;
          progress.report({ message: d.label });
          try {
            const r = await diffManifest(conn, d, { namespace: this.session.currentNamespace(), signal: ac.signal }, applier);
            const name = `${d.kind}-${d.namespace ?? this.session.currentNamespace()}-${d.name}`;
            const left = this.content.put(
              `live/${conn.context}/${name}.yaml`,
              r.live || `# ${d.label} does not exist in context "${conn.context}" yet\n`,
            );
            const right = this.content.put(`dry-run/${conn.context}/${name}.yaml`, r.proposed);
            await vscode.commands.executeCommand(
              'vscode.diff',
              left,
              right,
              `${d.label}: live ↔ dry-run of local${r.changed ? '' : ' (no changes)'}`,
              { preview: docs.length === 1 },
            );
          } catch (e) {
            if (e instanceof ClusterError && e.kind === 'cancelled') break;
            this.fail(e instanceof ClusterError ? new ClusterError(e.kind, `${d.label}: ${e.message}`, e.details) : e);
          }
        }
      },
    );
  }
}

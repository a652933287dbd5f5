/**
 * The VS Code side of cluster access: reads settings, loads the kubeconfig through the pure cluster
 * module, keeps the in-memory context/namespace choice, shows it in the status bar, and hands out
 * connections. Every cluster action goes through `connect()`, which refuses in untrusted workspaces.
 */
import * as vscode from 'vscode';
import {
  Connection, ClusterError, loadKubeconfig, useContext, contextNamespace, contextNames, describeContext, persistCurrentContext, shortContext,
  guardPatternFromSetting, GUARD_SETTING, type LoadedKubeconfig,
} from '../cluster';

export const CONFIG = 'eksManifests.cluster';

export class ClusterSession implements vscode.Disposable {
  private loaded: LoadedKubeconfig | undefined;
  private context: string | undefined;
  private namespace: string | undefined;
  private readonly status: vscode.StatusBarItem;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly output: vscode.OutputChannel) {
    this.status = vscode.window.createStatusBarItem('eksManifests.cluster', vscode.StatusBarAlignment.Left, 50);
    this.status.name = 'EKS Manifests: Kubernetes context';
    this.status.command = 'eksManifests.cluster.switchContext';
    this.disposables.push(this.status, this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(CONFIG)) this.reload(); }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()));
    this.reload();
  }

  dispose(): void { for (const d of this.disposables) d.dispose(); }

  private settings() {
    const c = vscode.workspace.getConfiguration(CONFIG);
    return {
      kubeconfig: c.get<string>('kubeconfig', ''),
      timeoutMs: Math.max(1, c.get<number>('requestTimeout', 30)) * 1000,
      clusterDomain: c.get<string>('clusterDomain', 'cluster.local'),
      persistContextSwitch: c.get<boolean>('persistContextSwitch', false),
    };
  }

  private reportedIgnoredGuard = '';

  /**
   * The production guard's pattern from the user's settings only (the setting has application scope):
   * a workspace or folder value is ignored, and said so once in the output. Not necessarily a string:
   * the guard treats anything else as invalid, i.e. every context as production.
   */
  get productionPattern(): unknown {
    const { pattern, ignored } = guardPatternFromSetting(vscode.workspace.getConfiguration(CONFIG).inspect('productionContextPattern'));
    const note = ignored.join(',');
    if (note && note !== this.reportedIgnoredGuard) this.output.appendLine(`[guard] ${GUARD_SETTING} set in the ${ignored.join(' and ')} settings is ignored: only your user settings can change the production guard.`);
    this.reportedIgnoredGuard = note;
    return pattern;
  }
  get clusterDomain(): string { return this.settings().clusterDomain; }

  /** Re-read the kubeconfig (settings changed, or the user asked). Keeps the chosen context if it still exists. */
  reload(): void {
    try {
      const s = this.settings();
      this.loaded = loadKubeconfig({ overridePath: vscode.workspace.isTrusted ? s.kubeconfig : undefined });
      if (this.context && this.loaded.kc.getContextObject(this.context)) useContext(this.loaded.kc, this.context);
      else { this.context = this.loaded.kc.getCurrentContext(); this.namespace = undefined; }
    } catch (e) {
      this.loaded = undefined;
      this.output.appendLine(`[kubeconfig] ${(e as Error).message}`);
    }
    this.updateStatus();
    this.changed.fire();
  }

  private updateStatus(): void {
    if (!vscode.workspace.isTrusted) { this.status.hide(); return; }
    if (!this.loaded) {
      this.status.text = '$(cloud) no kubeconfig';
      this.status.tooltip = 'EKS Manifests: no Kubernetes context found. Click to pick one after setting up a kubeconfig.';
    } else {
      const d = describeContext(this.loaded.kc, this.currentNamespace());
      this.status.text = `$(cloud) ${shortContext(d.context)}/${d.namespace}`;
      this.status.tooltip = new vscode.MarkdownString(`**Kubernetes context** \`${d.context}\`\n\ncluster \`${d.cluster}\` at ${d.server}\n\nnamespace \`${d.namespace}\` · user \`${d.user}\`\n\nClick to switch context.`);
    }
    this.status.show();
  }

  currentNamespace(): string | undefined {
    if (!this.loaded) return undefined;
    return this.namespace ?? contextNamespace(this.loaded.kc);
  }

  currentContext(): string | undefined { return this.loaded?.kc.getCurrentContext(); }

  /** A connection for the active context. Throws a user-facing error when untrusted or unconfigured. */
  connect(): Connection {
    if (!vscode.workspace.isTrusted) throw new ClusterError('no-config', 'Cluster commands are disabled in Restricted Mode: trust this workspace first (they run your kubeconfig\'s credential plugins).');
    if (!this.loaded) this.reload();
    if (!this.loaded) throw new ClusterError('no-config', 'No Kubernetes context found: set up a kubeconfig (for EKS: `aws eks update-kubeconfig --name <cluster> --region <region>`) or set eksManifests.cluster.kubeconfig.');
    return new Connection(this.loaded.kc, { timeoutMs: this.settings().timeoutMs });
  }

  async pickContext(): Promise<void> {
    if (!vscode.workspace.isTrusted) { void vscode.window.showWarningMessage('Cluster commands are disabled in Restricted Mode.'); return; }
    this.reload();
    if (!this.loaded) { void vscode.window.showErrorMessage('EKS Manifests: no kubeconfig with a context was found.'); return; }
    const kc = this.loaded.kc;
    const items = contextNames(kc).map((name) => {
      const ctx = kc.getContextObject(name)!;
      return { label: name, description: name === kc.getCurrentContext() ? '(current)' : '', detail: `cluster ${ctx.cluster} · user ${ctx.user}${ctx.namespace ? ` · namespace ${ctx.namespace}` : ''}` };
    });
    const pick = await vscode.window.showQuickPick(items, { placeHolder: `Kubernetes context (from ${this.loaded.files.join(', ')})`, matchOnDetail: true });
    if (!pick) return;
    useContext(kc, pick.label);
    this.context = pick.label;
    this.namespace = undefined;
    if (this.settings().persistContextSwitch) {
      const file = persistCurrentContext(this.loaded, pick.label);
      this.output.appendLine(`[kubeconfig] current-context set to ${pick.label} in ${file}`);
    }
    this.updateStatus();
    this.changed.fire();
  }

  async pickNamespace(): Promise<void> {
    let conn: Connection;
    try { conn = this.connect(); } catch (e) { void vscode.window.showErrorMessage((e as Error).message); return; }
    let names: string[] = [];
    try {
      const list = await conn.call('GET', '/api/v1/namespaces');
      names = (list?.items ?? []).map((n: any) => n.metadata?.name).filter(Boolean).sort();
    } catch (e) {
      this.output.appendLine(`[namespaces] ${(e as Error).message}`);
    }
    const current = this.currentNamespace();
    const items: vscode.QuickPickItem[] = names.map((n) => ({ label: n, description: n === current ? '(current)' : '' }));
    items.push({ label: '$(edit) Type a namespace…', alwaysShow: true });
    const pick = await vscode.window.showQuickPick(items, { placeHolder: names.length ? 'Namespace for objects without metadata.namespace' : 'Could not list namespaces; type one' });
    if (!pick) return;
    let ns = pick.label;
    if (ns.startsWith('$(edit)')) {
      const typed = await vscode.window.showInputBox({ prompt: 'Namespace', value: current, validateInput: (v) => (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) ? undefined : 'Not a valid namespace name') });
      if (!typed) return;
      ns = typed;
    }
    this.namespace = ns;
    this.updateStatus();
    this.changed.fire();
  }
}

/**
 * The VS Code side of cluster access: reads settings, loads the kubeconfig through the pure cluster
 * module, keeps the in-memory context/namespace choice, shows it in the status bar (in the warning colour
 * for a production context), and hands out connections. Every cluster action goes through `connect()`,
 * which refuses in untrusted workspaces. The first connection to a context reads the server's Kubernetes
 * version: when it differs from `eksManifests.kubernetesVersion`, a second status bar item and one
 * notification say so, with "Use 1.xx as the target".
 */
import * as vscode from 'vscode';
import {
  Connection,
  ClusterError,
  loadKubeconfig,
  useContext,
  contextNamespace,
  contextNames,
  describeContext,
  persistCurrentContext,
  shortContext,
  guardPatternFromSetting,
  GUARD_SETTING,
  isProductionContext,
  readServerVersion,
  compareToTarget,
  versionMismatchMessage,
  useAsTargetLabel,
  type LoadedKubeconfig,
  type ServerVersion,
} from '../cluster';
import { COMMANDS } from './ids';

export const CONFIG = 'eksManifests.cluster';
const TARGET_SETTING = 'kubernetesVersion';

export class ClusterSession implements vscode.Disposable {
  private loaded: LoadedKubeconfig | undefined;
  private context: string | undefined;
  private namespace: string | undefined;
  private readonly status: vscode.StatusBarItem;
  private readonly versionStatus: vscode.StatusBarItem;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** Server version per context (read once per context and kubeconfig load; undefined: could not be read). */
  private readonly versions = new Map<string, Promise<ServerVersion | undefined>>();
  private readonly known = new Map<string, ServerVersion>();
  /** `context@version` pairs already told about, so the notification comes once. */
  private readonly told = new Set<string>();

  constructor(readonly output: vscode.OutputChannel) {
    this.status = vscode.window.createStatusBarItem('eksManifests.cluster', vscode.StatusBarAlignment.Left, 50);
    this.status.name = 'EKS Manifests: Kubernetes context';
    this.status.command = COMMANDS.switchContext;
    this.versionStatus = vscode.window.createStatusBarItem('eksManifests.clusterVersion', vscode.StatusBarAlignment.Left, 49);
    this.versionStatus.name = 'EKS Manifests: cluster version';
    this.versionStatus.command = COMMANDS.useServerVersion;
    this.disposables.push(
      this.status,
      this.versionStatus,
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(CONFIG)) this.reload();
        else if (e.affectsConfiguration(`eksManifests.${TARGET_SETTING}`)) this.updateStatus();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()),
    );
    this.reload();
  }

  /** The version the editor checks files for (`eksManifests.kubernetesVersion`, first folder's value). */
  target(): string {
    return vscode.workspace
      .getConfiguration('eksManifests', vscode.workspace.workspaceFolders?.[0]?.uri)
      .get<string>(TARGET_SETTING, '1.34');
  }

  /** The server version of the current context, reading it on first use (undefined when it cannot be read). */
  serverVersion(conn?: Connection): Promise<ServerVersion | undefined> {
    const context = this.currentContext();
    if (!context) return Promise.resolve(undefined);
    let p = this.versions.get(context);
    if (!p) {
      let c: Connection;
      try {
        c = conn ?? this.connect();
      } catch {
        return Promise.resolve(undefined);
      }
      p = readServerVersion(c).then(
        (v) => {
          if (v) {
            this.known.set(context, v);
            this.output.appendLine(`[version] context "${context}" runs Kubernetes ${v.gitVersion}`);
          }
          return v;
        },
        (e) => {
          this.versions.delete(context);
          this.output.appendLine(`[version] ${(e as Error).message}`);
          return undefined;
        },
      );
      this.versions.set(context, p);
      void p.then((v) => {
        if (v && this.currentContext() === context) {
          this.updateStatus();
          this.tell(context, v);
        }
      });
    }
    return p;
  }

  /** The notification, once per context and server version. */
  private tell(context: string, v: ServerVersion): void {
    const message = versionMismatchMessage(context, v, this.target());
    const key = `${context}@${v.gitVersion}`;
    if (!message || this.told.has(key)) return;
    this.told.add(key);
    const use = useAsTargetLabel(v);
    void vscode.window.showInformationMessage(message, use).then((a) => {
      if (a === use) void this.useServerVersion();
    });
  }

  /** Sets eksManifests.kubernetesVersion to the current context's server version (workspace, else user settings). */
  async useServerVersion(): Promise<void> {
    const context = this.currentContext();
    const v = context ? (this.known.get(context) ?? (await this.serverVersion())) : undefined;
    if (!v) {
      void vscode.window.showWarningMessage(
        'EKS Manifests: the Kubernetes version of the current context could not be read (see the "EKS Manifests: Cluster" output).',
      );
      return;
    }
    const where = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('eksManifests').update(TARGET_SETTING, v.text, where);
    this.output.appendLine(
      `[version] eksManifests.${TARGET_SETTING} set to ${v.text} in the ${where === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user'} settings`,
    );
    this.updateStatus();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

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
    if (note && note !== this.reportedIgnoredGuard)
      this.output.appendLine(
        `[guard] ${GUARD_SETTING} set in the ${ignored.join(' and ')} settings is ignored: only your user settings can change the production guard.`,
      );
    this.reportedIgnoredGuard = note;
    return pattern;
  }
  get clusterDomain(): string {
    return this.settings().clusterDomain;
  }

  /** Re-read the kubeconfig (settings changed, or the user asked). Keeps the chosen context if it still exists. */
  reload(): void {
    try {
      const s = this.settings();
      this.loaded = loadKubeconfig({ overridePath: vscode.workspace.isTrusted ? s.kubeconfig : undefined });
      this.versions.clear(); // another kubeconfig may point a context name at another server
      if (this.context && this.loaded.kc.getContextObject(this.context)) useContext(this.loaded.kc, this.context);
      else {
        this.context = this.loaded.kc.getCurrentContext();
        this.namespace = undefined;
      }
    } catch (e) {
      this.loaded = undefined;
      this.output.appendLine(`[kubeconfig] ${(e as Error).message}`);
    }
    this.updateStatus();
    this.changed.fire();
  }

  private updateStatus(): void {
    if (!vscode.workspace.isTrusted) {
      this.status.hide();
      this.versionStatus.hide();
      return;
    }
    this.status.backgroundColor = undefined;
    if (!this.loaded) {
      this.status.text = '$(cloud) no kubeconfig';
      this.status.tooltip = 'EKS Manifests: no Kubernetes context found. Click to pick one after setting up a kubeconfig.';
    } else {
      const d = describeContext(this.loaded.kc, this.currentNamespace());
      const production = isProductionContext({ context: d.context, cluster: d.cluster, server: d.server }, this.productionPattern);
      this.status.text = `$(cloud) ${shortContext(d.context)}/${d.namespace}`;
      this.status.tooltip = new vscode.MarkdownString(
        `**Kubernetes context** \`${d.context}\`${production ? ' — **production** (Apply asks first)' : ''}\n\ncluster \`${d.cluster}\` at ${d.server}\n\nnamespace \`${d.namespace}\` · user \`${d.user}\`\n\nClick to switch context.`,
      );
      if (production) this.status.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    this.status.show();
    const context = this.currentContext();
    const v = context ? this.known.get(context) : undefined;
    const c = v ? compareToTarget(v, this.target()) : undefined;
    if (v && c !== undefined && c !== 0) {
      this.versionStatus.text = `$(warning) Kubernetes ${v.text} ≠ target ${this.target()}`;
      this.versionStatus.tooltip = `${versionMismatchMessage(context!, v, this.target())} Click to use ${v.text} as the target.`;
      this.versionStatus.show();
    } else this.versionStatus.hide();
  }

  currentNamespace(): string | undefined {
    if (!this.loaded) return undefined;
    return this.namespace ?? contextNamespace(this.loaded.kc);
  }

  currentContext(): string | undefined {
    return this.loaded?.kc.getCurrentContext();
  }

  /** A connection for the active context. Throws a user-facing error when untrusted or unconfigured. */
  connect(): Connection {
    if (!vscode.workspace.isTrusted)
      throw new ClusterError(
        'no-config',
        "Cluster commands are disabled in Restricted Mode: trust this workspace first (they run your kubeconfig's credential plugins).",
      );
    if (!this.loaded) this.reload();
    if (!this.loaded)
      throw new ClusterError(
        'no-config',
        'No Kubernetes context found: set up a kubeconfig (for EKS: `aws eks update-kubeconfig --name <cluster> --region <region>`) or set eksManifests.cluster.kubeconfig.',
      );
    const conn = new Connection(this.loaded.kc, { timeoutMs: this.settings().timeoutMs });
    if (!this.versions.has(conn.context)) void this.serverVersion(conn);
    return conn;
  }

  /** Switch context: the one named (a command argument, e.g. from a keybinding), else the one picked. */
  async pickContext(name?: unknown): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Cluster commands are disabled in Restricted Mode.');
      return;
    }
    this.reload();
    if (!this.loaded) {
      void vscode.window.showErrorMessage('EKS Manifests: no kubeconfig with a context was found.');
      return;
    }
    const kc = this.loaded.kc;
    let pick: { label: string } | undefined;
    if (typeof name === 'string') {
      if (!kc.getContextObject(name)) {
        void vscode.window.showErrorMessage(`EKS Manifests: the kubeconfig has no context "${name}".`);
        return;
      }
      pick = { label: name };
    } else {
      const items = contextNames(kc).map((n) => {
        const ctx = kc.getContextObject(n)!;
        return {
          label: n,
          description: n === kc.getCurrentContext() ? '(current)' : '',
          detail: `cluster ${ctx.cluster} · user ${ctx.user}${ctx.namespace ? ` · namespace ${ctx.namespace}` : ''}`,
        };
      });
      pick = await vscode.window.showQuickPick(items, {
        placeHolder: `Kubernetes context (from ${this.loaded.files.join(', ')})`,
        matchOnDetail: true,
      });
    }
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
    void this.serverVersion(); // the user chose to talk to this cluster: learn its version now
  }

  async pickNamespace(): Promise<void> {
    let conn: Connection;
    try {
      conn = this.connect();
    } catch (e) {
      void vscode.window.showErrorMessage((e as Error).message);
      return;
    }
    let names: string[] = [];
    try {
      const list = await conn.call('GET', '/api/v1/namespaces');
      names = (list?.items ?? [])
        .map((n: any) => n.metadata?.name)
        .filter(Boolean)
        .sort();
    } catch (e) {
      this.output.appendLine(`[namespaces] ${(e as Error).message}`);
    }
    const current = this.currentNamespace();
    const items: vscode.QuickPickItem[] = names.map((n) => ({ label: n, description: n === current ? '(current)' : '' }));
    items.push({ label: '$(edit) Type a namespace…', alwaysShow: true });
    const pick = await vscode.window.showQuickPick(items, {
      placeHolder: names.length ? 'Namespace for objects without metadata.namespace' : 'Could not list namespaces; type one',
    });
    if (!pick) return;
    let ns = pick.label;
    if (ns.startsWith('$(edit)')) {
      const typed = await vscode.window.showInputBox({
        prompt: 'Namespace',
        value: current,
        validateInput: (v) => (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) ? undefined : 'Not a valid namespace name'),
      });
      if (!typed) return;
      ns = typed;
    }
    this.namespace = ns;
    this.updateStatus();
    this.changed.fire();
  }
}

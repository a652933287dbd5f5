/**
 * The Services tree (one view, in the EKS activity-bar container): namespaces → Services → the Ingresses
 * that reach them (direct backends and weighted ALB actions), the Gateway API routes that send traffic to
 * them with their Gateways, and their endpoints, kept live by the cluster module's ServiceWatcher.
 * Actions: refresh, open as read-only YAML, copy DNS name, open the load balancer URL, reveal the
 * manifest in the workspace. A refusal (RBAC, credentials) shows its reason in the row and the whole
 * message on hover.
 */
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import {
  ServiceWatcher,
  stripNoise,
  findManifest,
  PENDING,
  ClusterError,
  type NamespaceServices,
  type ServiceInfo,
  type IngressRef,
  type EndpointInfo,
  type RouteRef,
  type GatewayRef,
} from '../cluster';
import type { ClusterSession } from '../commands/session';
import { COMMANDS, SERVICES_VIEW } from '../commands/ids';
import type { ReadOnlyContent } from './readOnlyContent';

export type Node =
  | { type: 'message'; text: string; description?: string; detail?: string; icon?: string }
  | { type: 'namespace'; ns: NamespaceServices }
  | { type: 'service'; svc: ServiceInfo }
  | { type: 'group'; svc: ServiceInfo; what: 'ingresses' | 'routes' | 'endpoints' }
  | { type: 'ingress'; svc: ServiceInfo; ing: IngressRef }
  | { type: 'route'; svc: ServiceInfo; route: RouteRef }
  | { type: 'gateway'; svc: ServiceInfo; gw: GatewayRef }
  | { type: 'endpoint'; ep: EndpointInfo };

/** A refusal as a short reason for the row (the full message goes in the tooltip). */
export function problemRow(e: unknown): { text: string; description: string; detail: string } {
  const detail = e instanceof Error ? e.message : String(e);
  if (e instanceof ClusterError) {
    const d = e.details;
    switch (e.kind) {
      case 'forbidden':
        return {
          text: 'No access (RBAC)',
          description:
            d.verb && d.resource ? `may not ${d.verb} ${d.resource}${d.namespace ? ` in ${d.namespace}` : ' cluster-wide'}` : 'forbidden',
          detail,
        };
      case 'unauthorized':
        return { text: 'Not logged in', description: 'the cluster rejected the credentials', detail };
      case 'auth-plugin':
        return { text: 'Credentials failed', description: "the kubeconfig's credential plugin failed", detail };
      case 'unreachable':
      case 'timeout':
        return { text: 'Cannot reach the API server', description: e.kind === 'timeout' ? 'timed out' : 'connection failed', detail };
      case 'tls':
        return { text: 'TLS failed', description: 'the server certificate is not trusted', detail };
      case 'no-config':
        return { text: 'No Kubernetes context', description: 'set up a kubeconfig', detail };
      default:
        break;
    }
  }
  const first = detail.split(/(?<=\.)\s/)[0];
  return { text: first.length > 60 ? `${first.slice(0, 57)}…` : first, description: '', detail };
}

export class ServicesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private watcher: ServiceWatcher | undefined;
  private tree: NamespaceServices[] | undefined;
  private problem: unknown;
  private fellBack: { error: ClusterError; scope?: string } | undefined;
  private started = false;
  private generation = 0;

  constructor(
    private readonly session: ClusterSession,
    private readonly output: vscode.OutputChannel,
    private readonly content: ReadOnlyContent,
  ) {}

  register(context: vscode.ExtensionContext): void {
    const view = vscode.window.createTreeView(SERVICES_VIEW, { treeDataProvider: this, showCollapseAll: true });
    context.subscriptions.push(
      view,
      view.onDidChangeVisibility((e) => {
        if (e.visible && !this.started) void this.restart();
      }),
    );
    const reg = (id: string, f: (n?: any) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, f));
    reg(COMMANDS.servicesRefresh, () => this.restart());
    reg(COMMANDS.servicesOpenYaml, (n?: Node) => this.openYaml(n));
    reg(COMMANDS.servicesCopyDnsName, (n?: Node) => this.copyDns(n));
    reg(COMMANDS.servicesOpenLoadBalancer, (n?: Node) => this.openLb(n));
    reg(COMMANDS.servicesRevealManifest, (n?: Node) => this.reveal(n));
    context.subscriptions.push(
      this,
      this.session.onDidChange(() => {
        if (this.started) void this.restart();
      }),
    );
  }

  dispose(): void {
    void this.watcher?.stop();
    this.changed.dispose();
  }

  /** The current tree (for tests and commands). */
  get snapshot(): NamespaceServices[] | undefined {
    return this.tree;
  }

  async restart(): Promise<void> {
    this.started = true;
    const gen = ++this.generation;
    await this.watcher?.stop();
    this.watcher = undefined;
    this.tree = undefined;
    this.problem = undefined;
    this.fellBack = undefined;
    this.changed.fire(undefined);
    if (!vscode.workspace.isTrusted) {
      this.problem = new Error('Trust this workspace to see cluster Services.');
      this.changed.fire(undefined);
      return;
    }
    try {
      const w = new ServiceWatcher(
        this.session.connect(),
        {
          onUpdate: (t) => {
            if (gen === this.generation) {
              this.tree = t;
              this.changed.fire(undefined);
            }
          },
          onError: (e) => this.output.appendLine(`[services watch] ${e.message} (reconnecting)`),
        },
        { clusterDomain: this.session.clusterDomain, fallbackNamespace: this.session.currentNamespace() },
      );
      this.watcher = w;
      const first = await w.start();
      if (gen !== this.generation) {
        await w.stop();
        return;
      }
      if (w.fellBack) {
        this.fellBack = { error: w.fellBack, scope: w.scope };
        this.output.appendLine(`[services] ${w.fellBack.message} Showing namespace "${w.scope}" only.`);
      }
      this.tree = first;
    } catch (e) {
      if (gen !== this.generation) return;
      this.problem = e;
      this.output.appendLine(`[services] ${(e as Error)?.message ?? e}`);
    }
    this.changed.fire(undefined);
  }

  getChildren(n?: Node): Node[] {
    if (!n) {
      if (!this.started) {
        void this.restart();
        return [{ type: 'message', text: 'Loading…' }];
      }
      if (this.problem) {
        const p = problemRow(this.problem);
        return [{ type: 'message', text: p.text, description: p.description, detail: p.detail, icon: 'error' }];
      }
      if (!this.tree) return [{ type: 'message', text: 'Loading…' }];
      const head: Node[] = [];
      if (this.fellBack) {
        const p = problemRow(this.fellBack.error);
        head.push({
          type: 'message',
          text: `Only namespace ${this.fellBack.scope}`,
          description: p.description,
          detail: `${p.detail}\n\nShowing namespace "${this.fellBack.scope}" (the context's namespace) instead.`,
          icon: 'warning',
        });
      }
      if (this.tree.length === 0) return [...head, { type: 'message', text: 'No Services' }];
      return [...head, ...this.tree.map((ns): Node => ({ type: 'namespace', ns }))];
    }
    if (n.type === 'namespace') return n.ns.services.map((svc) => ({ type: 'service', svc }));
    if (n.type === 'service') {
      const out: Node[] = [];
      if (n.svc.ingresses.length) out.push({ type: 'group', svc: n.svc, what: 'ingresses' });
      if (n.svc.routes.length) out.push({ type: 'group', svc: n.svc, what: 'routes' });
      out.push({ type: 'group', svc: n.svc, what: 'endpoints' });
      return out;
    }
    if (n.type === 'group' && n.what === 'ingresses') return n.svc.ingresses.map((ing) => ({ type: 'ingress', svc: n.svc, ing }));
    if (n.type === 'group' && n.what === 'routes') return n.svc.routes.map((route) => ({ type: 'route', svc: n.svc, route }));
    if (n.type === 'route') return n.route.gateways.map((gw) => ({ type: 'gateway', svc: n.svc, gw }));
    if (n.type === 'group')
      return n.svc.endpoints.length ? n.svc.endpoints.map((ep) => ({ type: 'endpoint', ep })) : [{ type: 'message', text: 'no endpoints' }];
    return [];
  }

  getTreeItem(n: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (n.type) {
      case 'message': {
        const i = new vscode.TreeItem(n.text, C.None);
        i.description = n.description;
        if (n.detail) i.tooltip = new vscode.MarkdownString().appendText(n.detail);
        if (n.icon) i.iconPath = new vscode.ThemeIcon(n.icon);
        return i;
      }
      case 'namespace': {
        const i = new vscode.TreeItem(n.ns.namespace, C.Expanded);
        i.iconPath = new vscode.ThemeIcon('symbol-namespace');
        i.description = `${n.ns.services.length} service${n.ns.services.length === 1 ? '' : 's'}`;
        i.contextValue = 'namespace';
        return i;
      }
      case 'service': {
        const s = n.svc;
        const i = new vscode.TreeItem(s.name, C.Collapsed);
        i.id = `svc/${s.namespace}/${s.name}`;
        i.iconPath = new vscode.ThemeIcon(s.type === 'LoadBalancer' ? 'globe' : 'symbol-interface');
        const lb = s.loadBalancer !== undefined ? ` · ${s.loadBalancer}` : s.externalName ? ` · → ${s.externalName}` : '';
        i.description = `${s.type} ${s.clusterIP} · ${s.ports.map((p) => p.text).join(', ')}${lb}`;
        const sel =
          Object.entries(s.selector)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ') || '(none)';
        i.tooltip = new vscode.MarkdownString(
          [
            `**${s.name}** (${s.namespace})`,
            `type: ${s.type}`,
            `cluster IP: ${s.clusterIP}`,
            `ports: ${s.ports.map((p) => p.text).join(', ') || '(none)'}`,
            ...(s.loadBalancer !== undefined ? [`load balancer: ${s.loadBalancer}`] : []),
            `selector: ${sel}`,
            `DNS: \`${s.dnsName}\``,
          ].join('\n\n'),
        );
        i.contextValue = lbTarget(s) ? 'service.lb' : 'service';
        return i;
      }
      case 'group': {
        const count = n.what === 'ingresses' ? n.svc.ingresses.length : n.what === 'routes' ? n.svc.routes.length : n.svc.endpoints.length;
        const i = new vscode.TreeItem(
          n.what === 'ingresses' ? 'Ingresses' : n.what === 'routes' ? 'Gateway routes' : 'Endpoints',
          count ? C.Collapsed : C.None,
        );
        i.description = String(count);
        i.iconPath = new vscode.ThemeIcon(n.what === 'endpoints' ? 'server' : 'arrow-swap');
        return i;
      }
      case 'ingress': {
        const i = new vscode.TreeItem(n.ing.name, C.None);
        i.iconPath = new vscode.ThemeIcon('arrow-right');
        const weighted = n.ing.rules.some((r) => r.includes('→ action '));
        i.description = `${n.ing.hostname}${n.ing.className ? ` · ${n.ing.className}` : ''}${weighted ? ' · weighted' : ''}`;
        i.tooltip = n.ing.rules.join('\n');
        i.contextValue = n.ing.hostname !== PENDING ? 'ingress.lb' : 'ingress';
        return i;
      }
      case 'route': {
        const r = n.route;
        const i = new vscode.TreeItem(r.name, r.gateways.length ? C.Collapsed : C.None);
        i.id = `route/${n.svc.namespace}/${n.svc.name}/${r.kind}/${r.namespace}/${r.name}`;
        i.iconPath = new vscode.ThemeIcon('arrow-right');
        i.description = `${r.kind}${r.namespace !== n.svc.namespace ? ` ${r.namespace}` : ''} · ${r.hostnames.join(', ') || '*'}`;
        i.tooltip = r.rules.join('\n');
        i.contextValue = 'route';
        return i;
      }
      case 'gateway': {
        const g = n.gw;
        const i = new vscode.TreeItem(`${g.namespace}/${g.name}${g.sectionName ? ` (${g.sectionName})` : ''}`, C.None);
        i.iconPath = new vscode.ThemeIcon('globe');
        i.description = `Gateway${g.className ? ` · ${g.className}` : ''} · ${g.address ?? (g.known ? PENDING : 'not found')}`;
        i.contextValue = g.address ? 'gateway.lb' : 'gateway';
        return i;
      }
      case 'endpoint': {
        const i = new vscode.TreeItem(n.ep.address, C.None);
        i.iconPath = new vscode.ThemeIcon(n.ep.ready ? 'pass' : 'circle-slash');
        i.description = `${n.ep.ports}${n.ep.target ? ` · ${n.ep.target}` : ''}${n.ep.ready ? '' : ' · not ready'}`;
        return i;
      }
    }
  }

  private async pickService(
    n?: Node,
    filter: (s: ServiceInfo) => boolean = () => true,
    empty = 'No Services in the current context.',
  ): Promise<ServiceInfo | undefined> {
    if (n?.type === 'service' || n?.type === 'group' || n?.type === 'ingress' || n?.type === 'route' || n?.type === 'gateway') return n.svc;
    const all = (this.tree ?? []).flatMap((ns) => ns.services).filter(filter);
    if (all.length === 0) {
      void vscode.window.showInformationMessage(empty);
      return undefined;
    }
    const p = await vscode.window.showQuickPick(
      all.map((svc) => {
        const host = lbTarget(svc)?.host;
        return { label: svc.name, description: host ? `${svc.namespace} · ${host}` : svc.namespace, svc };
      }),
      { placeHolder: 'Service' },
    );
    return p?.svc;
  }

  private async openYaml(n?: Node): Promise<void> {
    const s = await this.pickService(n);
    if (!s) return;
    // Items of a list/watch response carry no apiVersion/kind: put them back so the YAML is a manifest.
    const uri = this.content.put(
      `services/${s.namespace}/${s.name}.yaml`,
      stringify({ apiVersion: 'v1', kind: 'Service', ...stripNoise(s.object) }),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  private async copyDns(n?: Node): Promise<void> {
    const s = await this.pickService(n);
    if (!s) return;
    await vscode.env.clipboard.writeText(s.dnsName);
    void vscode.window.setStatusBarMessage(`Copied ${s.dnsName}`, 3000);
  }

  private async openLb(n?: Node): Promise<void> {
    let target: { host: string; https: boolean } | undefined;
    if (n?.type === 'ingress') target = n.ing.hostname !== PENDING ? { host: n.ing.hostname, https: false } : undefined;
    else if (n?.type === 'gateway') target = n.gw.address ? { host: n.gw.address, https: false } : undefined;
    else {
      // Only Services that have (or are reached through) a load balancer: ClusterIP Services never get one.
      const s = await this.pickService(
        n,
        (svc) => !!lbTarget(svc),
        'No Service of the current context has a load balancer address (LoadBalancer Services, or Ingresses/Gateways that reach a Service, once provisioned).',
      );
      target = s && lbTarget(s);
    }
    if (!target) {
      void vscode.window.showInformationMessage('This has no load balancer address yet (<pending>).');
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(`${target.https ? 'https' : 'http'}://${target.host.split(',')[0].trim()}`));
  }

  private async reveal(n?: Node): Promise<void> {
    const want =
      n?.type === 'ingress'
        ? { kind: 'Ingress', name: n.ing.name, namespace: n.ing.namespace }
        : n?.type === 'route'
          ? { kind: n.route.kind, name: n.route.name, namespace: n.route.namespace }
          : n?.type === 'gateway'
            ? { kind: 'Gateway', name: n.gw.name, namespace: n.gw.namespace }
            : await this.pickService(n).then((s) => s && { kind: 'Service', name: s.name, namespace: s.namespace });
    if (!want) return;
    const uris = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**', 5000);
    const files: { uri: string; text: string }[] = [];
    for (const u of uris) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString());
      files.push({ uri: u.toString(), text: open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(u)) });
    }
    const hits = findManifest(files, want);
    if (hits.length === 0) {
      void vscode.window.showInformationMessage(`No manifest for ${want.kind} ${want.namespace}/${want.name} in this workspace.`);
      return;
    }
    let hit = hits[0];
    if (hits.length > 1) {
      const p = await vscode.window.showQuickPick(
        hits.map((h) => ({
          label: vscode.workspace.asRelativePath(vscode.Uri.parse(h.uri)),
          description: `line ${h.range.start.line + 1}`,
          h,
        })),
        { placeHolder: `${want.kind} ${want.name} is defined in several places` },
      );
      if (!p) return;
      hit = p.h;
    }
    const r = hit.range;
    await vscode.window.showTextDocument(vscode.Uri.parse(hit.uri), {
      selection: new vscode.Range(r.start.line, r.start.character, r.start.line, r.start.character),
    });
  }
}

/**
 * Where a Service is reachable from outside: its own load balancer (type LoadBalancer, once provisioned),
 * else the address of an Ingress or Gateway that reaches it. undefined for a Service that has none.
 */
export function lbTarget(s: ServiceInfo): { host: string; https: boolean } | undefined {
  if (s.loadBalancer && s.loadBalancer !== PENDING) return { host: s.loadBalancer, https: s.ports.some((p) => p.port === 443) };
  const ing = s.ingresses.find((i) => i.hostname !== PENDING);
  if (ing) return { host: ing.hostname, https: false };
  const gw = s.routes.flatMap((r) => r.gateways).find((g) => g.address);
  return gw?.address ? { host: gw.address, https: false } : undefined;
}

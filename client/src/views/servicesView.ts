/**
 * The Services tree (Explorer, and the EKS activity-bar container): namespaces → Services → Ingresses and
 * endpoints, kept live by the cluster module's ServiceWatcher. Actions: refresh, open as read-only YAML,
 * copy DNS name, open the load balancer URL, reveal the manifest in the workspace.
 */
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { ServiceWatcher, stripNoise, findManifest, PENDING, type NamespaceServices, type ServiceInfo, type IngressRef, type EndpointInfo } from '../cluster';
import type { ClusterSession } from '../commands/session';
import type { ReadOnlyContent } from './readOnlyContent';

type Node =
  | { type: 'message'; text: string; detail?: string }
  | { type: 'namespace'; ns: NamespaceServices }
  | { type: 'service'; svc: ServiceInfo }
  | { type: 'group'; svc: ServiceInfo; what: 'ingresses' | 'endpoints' }
  | { type: 'ingress'; svc: ServiceInfo; ing: IngressRef }
  | { type: 'endpoint'; ep: EndpointInfo };

export class ServicesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private watcher: ServiceWatcher | undefined;
  private tree: NamespaceServices[] | undefined;
  private problem: string | undefined;
  private started = false;
  private generation = 0;

  constructor(private readonly session: ClusterSession, private readonly output: vscode.OutputChannel, private readonly content: ReadOnlyContent) {}

  register(context: vscode.ExtensionContext): void {
    for (const id of ['eksManifests.services', 'eksManifests.servicesActivity']) {
      const view = vscode.window.createTreeView(id, { treeDataProvider: this, showCollapseAll: true });
      context.subscriptions.push(view, view.onDidChangeVisibility((e) => { if (e.visible && !this.started) void this.restart(); }));
    }
    const reg = (id: string, f: (n?: any) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, f));
    reg('eksManifests.services.refresh', () => this.restart());
    reg('eksManifests.services.openYaml', (n?: Node) => this.openYaml(n));
    reg('eksManifests.services.copyDnsName', (n?: Node) => this.copyDns(n));
    reg('eksManifests.services.openLoadBalancer', (n?: Node) => this.openLb(n));
    reg('eksManifests.services.revealManifest', (n?: Node) => this.reveal(n));
    context.subscriptions.push(this, this.session.onDidChange(() => { if (this.started) void this.restart(); }));
  }

  dispose(): void { void this.watcher?.stop(); this.changed.dispose(); }

  async restart(): Promise<void> {
    this.started = true;
    const gen = ++this.generation;
    await this.watcher?.stop();
    this.watcher = undefined;
    this.tree = undefined;
    this.problem = undefined;
    this.changed.fire(undefined);
    if (!vscode.workspace.isTrusted) { this.problem = 'Trust this workspace to see cluster Services.'; this.changed.fire(undefined); return; }
    try {
      const w = new ServiceWatcher(this.session.connect(), {
        onUpdate: (t) => { if (gen === this.generation) { this.tree = t; this.changed.fire(undefined); } },
        onError: (e) => this.output.appendLine(`[services watch] ${e.message} (reconnecting)`),
      }, { clusterDomain: this.session.clusterDomain, fallbackNamespace: this.session.currentNamespace() });
      this.watcher = w;
      const first = await w.start();
      if (gen !== this.generation) { await w.stop(); return; }
      if (w.fellBack) this.output.appendLine(`[services] ${w.fellBack.message} Showing namespace "${w.scope}" only.`);
      this.tree = first;
    } catch (e) {
      if (gen !== this.generation) return;
      this.problem = (e as Error).message;
      this.output.appendLine(`[services] ${this.problem}`);
    }
    this.changed.fire(undefined);
  }

  getChildren(n?: Node): Node[] {
    if (!n) {
      if (!this.started) { void this.restart(); return [{ type: 'message', text: 'Loading…' }]; }
      if (this.problem) return [{ type: 'message', text: this.problem.split('. ')[0], detail: this.problem }];
      if (!this.tree) return [{ type: 'message', text: 'Loading…' }];
      if (this.tree.length === 0) return [{ type: 'message', text: 'No Services' }];
      return this.tree.map((ns) => ({ type: 'namespace', ns }));
    }
    if (n.type === 'namespace') return n.ns.services.map((svc) => ({ type: 'service', svc }));
    if (n.type === 'service') {
      const out: Node[] = [];
      if (n.svc.ingresses.length) out.push({ type: 'group', svc: n.svc, what: 'ingresses' });
      out.push({ type: 'group', svc: n.svc, what: 'endpoints' });
      return out;
    }
    if (n.type === 'group' && n.what === 'ingresses') return n.svc.ingresses.map((ing) => ({ type: 'ingress', svc: n.svc, ing }));
    if (n.type === 'group') return n.svc.endpoints.length ? n.svc.endpoints.map((ep) => ({ type: 'endpoint', ep })) : [{ type: 'message', text: 'no endpoints' }];
    return [];
  }

  getTreeItem(n: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (n.type) {
      case 'message': { const i = new vscode.TreeItem(n.text, C.None); i.tooltip = n.detail; return i; }
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
        const sel = Object.entries(s.selector).map(([k, v]) => `${k}=${v}`).join(', ') || '(none)';
        i.tooltip = new vscode.MarkdownString([
          `**${s.name}** (${s.namespace})`, `type: ${s.type}`, `cluster IP: ${s.clusterIP}`,
          `ports: ${s.ports.map((p) => p.text).join(', ') || '(none)'}`,
          ...(s.loadBalancer !== undefined ? [`load balancer: ${s.loadBalancer}`] : []),
          `selector: ${sel}`, `DNS: \`${s.dnsName}\``,
        ].join('\n\n'));
        i.contextValue = s.loadBalancer && s.loadBalancer !== PENDING ? 'service.lb' : 'service';
        return i;
      }
      case 'group': {
        const count = n.what === 'ingresses' ? n.svc.ingresses.length : n.svc.endpoints.length;
        const i = new vscode.TreeItem(n.what === 'ingresses' ? 'Ingresses' : 'Endpoints', count ? C.Collapsed : C.None);
        i.description = String(count);
        i.iconPath = new vscode.ThemeIcon(n.what === 'ingresses' ? 'arrow-swap' : 'server');
        return i;
      }
      case 'ingress': {
        const i = new vscode.TreeItem(n.ing.name, C.None);
        i.iconPath = new vscode.ThemeIcon('arrow-right');
        i.description = `${n.ing.hostname}${n.ing.className ? ` · ${n.ing.className}` : ''}`;
        i.tooltip = n.ing.rules.join('\n');
        i.contextValue = n.ing.hostname !== PENDING ? 'ingress.lb' : 'ingress';
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

  private async pickService(n?: Node): Promise<ServiceInfo | undefined> {
    if (n?.type === 'service' || n?.type === 'group' || n?.type === 'ingress') return n.svc;
    const all = (this.tree ?? []).flatMap((ns) => ns.services);
    const p = await vscode.window.showQuickPick(all.map((svc) => ({ label: svc.name, description: svc.namespace, svc })), { placeHolder: 'Service' });
    return p?.svc;
  }

  private async openYaml(n?: Node): Promise<void> {
    const s = await this.pickService(n);
    if (!s) return;
    // Items of a list/watch response carry no apiVersion/kind: put them back so the YAML is a manifest.
    const uri = this.content.put(`services/${s.namespace}/${s.name}.yaml`, stringify({ apiVersion: 'v1', kind: 'Service', ...stripNoise(s.object) }));
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
    let host: string | undefined;
    let https: boolean;
    if (n?.type === 'ingress') { host = n.ing.hostname; https = false; }
    else { const s = await this.pickService(n); host = s?.loadBalancer ?? s?.ingresses.find((i) => i.hostname !== PENDING)?.hostname; https = !!s?.ports.some((p) => p.port === 443); }
    if (!host || host === PENDING) { void vscode.window.showInformationMessage('This Service has no load balancer address yet (<pending>).'); return; }
    await vscode.env.openExternal(vscode.Uri.parse(`${https ? 'https' : 'http'}://${host.split(',')[0].trim()}`));
  }

  private async reveal(n?: Node): Promise<void> {
    const want = n?.type === 'ingress' ? { kind: 'Ingress', name: n.ing.name, namespace: n.ing.namespace } : await this.pickService(n).then((s) => s && { kind: 'Service', name: s.name, namespace: s.namespace });
    if (!want) return;
    const uris = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**', 5000);
    const files: { uri: string; text: string }[] = [];
    for (const u of uris) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString());
      files.push({ uri: u.toString(), text: open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(u)) });
    }
    const hits = findManifest(files, want);
    if (hits.length === 0) { void vscode.window.showInformationMessage(`No manifest for ${want.kind} ${want.namespace}/${want.name} in this workspace.`); return; }
    let hit = hits[0];
    if (hits.length > 1) {
      const p = await vscode.window.showQuickPick(hits.map((h) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(h.uri)), description: `line ${h.range.start.line + 1}`, h })), { placeHolder: `${want.kind} ${want.name} is defined in several places` });
      if (!p) return;
      hit = p.h;
    }
    const r = hit.range;
    await vscode.window.showTextDocument(vscode.Uri.parse(hit.uri), { selection: new vscode.Range(r.start.line, r.start.character, r.start.line, r.start.character) });
  }
}

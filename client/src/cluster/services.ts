/**
 * The live Services view as data: namespaces → Services with type, cluster IP, ports, load balancer
 * hostname, selector and in-cluster DNS name; for each, the Ingresses routing to it (with their ALB
 * hostname) and its endpoints (EndpointSlices, or Endpoints when the server has no EndpointSlice API).
 * `ServiceWatcher` keeps it current with list+watch per resource and reconnects after errors.
 */
import type { Connection } from './connection';
import { ClusterError } from './errors';
import { namespaceProblem } from './identity';

export interface PortInfo { name?: string; protocol: string; port: number; targetPort?: string | number; nodePort?: number; text: string }
export interface IngressRef { namespace: string; name: string; hostname: string; className?: string; rules: string[] }
export interface EndpointInfo { address: string; ready: boolean; ports: string; target?: string }
export interface ServiceInfo {
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  ports: PortInfo[];
  /** LoadBalancer: hostname/IP or `<pending>`; undefined for other types. */
  loadBalancer?: string;
  externalName?: string;
  selector: Record<string, string>;
  dnsName: string;
  ingresses: IngressRef[];
  endpoints: EndpointInfo[];
  /** The raw object (for "open as YAML"). */
  object: any;
}
export interface NamespaceServices { namespace: string; services: ServiceInfo[] }

export const PENDING = '<pending>';

export function dnsName(name: string, namespace: string, clusterDomain = 'cluster.local'): string {
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

export function portText(p: { port: number; targetPort?: string | number; nodePort?: number; protocol?: string }): string {
  const target = p.targetPort !== undefined && String(p.targetPort) !== String(p.port) ? `→${p.targetPort}` : '';
  const node = p.nodePort ? ` (node ${p.nodePort})` : '';
  return `${p.port}${target}/${p.protocol ?? 'TCP'}${node}`;
}

function lbAddress(status: any): string | undefined {
  const ing = status?.loadBalancer?.ingress;
  if (!Array.isArray(ing) || ing.length === 0) return undefined;
  return ing.map((i: any) => i?.hostname ?? i?.ip).filter(Boolean).join(', ') || undefined;
}

/** Service names an Ingress routes to (v1 `service.name` and v1beta1 `serviceName`), with the route text. */
export function ingressBackends(ing: any): { service: string; route: string }[] {
  const out: { service: string; route: string }[] = [];
  const nameOf = (b: any): string | undefined => b?.service?.name ?? b?.serviceName;
  const portOf = (b: any): string => String(b?.service?.port?.number ?? b?.service?.port?.name ?? b?.servicePort ?? '');
  const def = ing?.spec?.defaultBackend ?? ing?.spec?.backend;
  if (nameOf(def)) out.push({ service: nameOf(def)!, route: `(default) → :${portOf(def)}` });
  for (const rule of Array.isArray(ing?.spec?.rules) ? ing.spec.rules : []) {
    for (const p of Array.isArray(rule?.http?.paths) ? rule.http.paths : []) {
      const n = nameOf(p?.backend);
      if (n) out.push({ service: n, route: `${rule?.host ?? '*'}${p?.path ?? '/'} → :${portOf(p?.backend)}` });
    }
  }
  return out;
}

export interface ClusterObjects { services: any[]; ingresses: any[]; endpointSlices: any[]; endpoints: any[] }

/** Pure: build the tree from raw lists. */
export function buildServiceTree(objs: ClusterObjects, clusterDomain = 'cluster.local'): NamespaceServices[] {
  const byNs = new Map<string, ServiceInfo[]>();
  const ingressesByService = new Map<string, IngressRef[]>();
  for (const ing of objs.ingresses) {
    const ns = ing?.metadata?.namespace ?? 'default';
    const routes = new Map<string, string[]>();
    for (const b of ingressBackends(ing)) routes.set(b.service, [...(routes.get(b.service) ?? []), b.route]);
    for (const [svc, rules] of routes) {
      const key = `${ns}/${svc}`;
      const ref: IngressRef = { namespace: ns, name: ing.metadata?.name ?? '', hostname: lbAddress(ing.status) ?? PENDING, className: ing.spec?.ingressClassName ?? ing.metadata?.annotations?.['kubernetes.io/ingress.class'], rules };
      ingressesByService.set(key, [...(ingressesByService.get(key) ?? []), ref]);
    }
  }
  const endpointsByService = new Map<string, EndpointInfo[]>();
  for (const s of objs.endpointSlices) {
    const svc = s?.metadata?.labels?.['kubernetes.io/service-name'];
    if (!svc) continue;
    const key = `${s.metadata.namespace}/${svc}`;
    const ports = (Array.isArray(s.ports) ? s.ports : []).map((p: any) => `${p?.port ?? '?'}/${p?.protocol ?? 'TCP'}`).join(', ');
    const list = endpointsByService.get(key) ?? [];
    for (const e of Array.isArray(s.endpoints) ? s.endpoints : []) {
      for (const a of Array.isArray(e?.addresses) ? e.addresses : []) {
        list.push({ address: a, ready: e?.conditions?.ready !== false, ports, target: e?.targetRef ? `${e.targetRef.kind}/${e.targetRef.name}` : undefined });
      }
    }
    endpointsByService.set(key, list);
  }
  for (const ep of objs.endpoints) {
    const key = `${ep?.metadata?.namespace}/${ep?.metadata?.name}`;
    if (endpointsByService.has(key)) continue; // EndpointSlices win
    const list: EndpointInfo[] = [];
    for (const sub of Array.isArray(ep?.subsets) ? ep.subsets : []) {
      const ports = (Array.isArray(sub?.ports) ? sub.ports : []).map((p: any) => `${p?.port ?? '?'}/${p?.protocol ?? 'TCP'}`).join(', ');
      for (const a of Array.isArray(sub?.addresses) ? sub.addresses : []) list.push({ address: a.ip, ready: true, ports, target: a.targetRef ? `${a.targetRef.kind}/${a.targetRef.name}` : undefined });
      for (const a of Array.isArray(sub?.notReadyAddresses) ? sub.notReadyAddresses : []) list.push({ address: a.ip, ready: false, ports, target: a.targetRef ? `${a.targetRef.kind}/${a.targetRef.name}` : undefined });
    }
    if (list.length) endpointsByService.set(key, list);
  }
  for (const s of objs.services) {
    const ns = s?.metadata?.namespace ?? 'default';
    const name = s?.metadata?.name ?? '';
    const type = s?.spec?.type ?? 'ClusterIP';
    const ports: PortInfo[] = (Array.isArray(s?.spec?.ports) ? s.spec.ports : []).map((p: any) => ({
      name: p?.name, protocol: p?.protocol ?? 'TCP', port: p?.port, targetPort: p?.targetPort, nodePort: p?.nodePort, text: portText(p ?? {}),
    }));
    const info: ServiceInfo = {
      namespace: ns, name, type, clusterIP: s?.spec?.clusterIP ?? '', ports,
      loadBalancer: type === 'LoadBalancer' ? lbAddress(s.status) ?? PENDING : undefined,
      externalName: s?.spec?.externalName,
      selector: s?.spec?.selector ?? {},
      dnsName: dnsName(name, ns, clusterDomain),
      ingresses: ingressesByService.get(`${ns}/${name}`) ?? [],
      endpoints: endpointsByService.get(`${ns}/${name}`) ?? [],
      object: s,
    };
    byNs.set(ns, [...(byNs.get(ns) ?? []), info]);
  }
  return [...byNs.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([namespace, services]) => ({ namespace, services: services.sort((a, b) => a.name.localeCompare(b.name)) }));
}

/** The API paths the view reads, chosen from what the server serves. */
export interface ResourceApis { services: string; ingresses?: string; endpointSlices?: string; endpoints: string }

export async function chooseApis(conn: Connection, namespace?: string, signal?: AbortSignal): Promise<ResourceApis> {
  const badNs = namespace ? namespaceProblem(namespace) : undefined;
  if (badNs) throw new ClusterError('invalid', `Not sent to the cluster: ${badNs}.`);
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const serves = async (gv: string, resource: string) => {
    const r = await conn.request('GET', `/apis/${gv}`, { signal });
    if (r.status === 404) return false;
    if (r.status >= 300) throw conn.statusError(r, { what: `discovery of ${gv}` });
    return (r.body?.resources ?? []).some((x: any) => x.name === resource);
  };
  const pick = async (resource: string, gvs: string[]) => { for (const gv of gvs) if (await serves(gv, resource)) return `/apis/${gv}${ns}/${resource}`; return undefined; };
  return {
    services: `/api/v1${ns}/services`,
    endpoints: `/api/v1${ns}/endpoints`,
    ingresses: await pick('ingresses', ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1']),
    endpointSlices: await pick('endpointslices', ['discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1']),
  };
}

/** One list of everything the view shows (no watch). */
export async function listServices(conn: Connection, opts: { namespace?: string; signal?: AbortSignal; clusterDomain?: string } = {}): Promise<NamespaceServices[]> {
  const apis = await chooseApis(conn, opts.namespace, opts.signal);
  const list = async (p: string | undefined, optional: boolean) => {
    if (!p) return [];
    const r = await conn.request('GET', p, { signal: opts.signal });
    if (r.status === 403 && optional) return [];
    if (r.status >= 300) throw conn.statusError(r, { what: `list ${p}` });
    return (r.body?.items ?? []) as any[];
  };
  const [services, ingresses, endpointSlices, endpoints] = await Promise.all([
    list(apis.services, false), list(apis.ingresses, true), list(apis.endpointSlices, true), apis.endpointSlices ? Promise.resolve([]) : list(apis.endpoints, true),
  ]);
  return buildServiceTree({ services, ingresses, endpointSlices, endpoints }, opts.clusterDomain);
}

/** List+watch of one resource, with resume from the last resourceVersion and relist after errors. */
class Informer {
  readonly items = new Map<string, any>();
  private rv = '';
  synced = false;
  constructor(private readonly conn: Connection, readonly path: string, private readonly onChange: () => void, private readonly onError: (e: ClusterError) => void,
    private readonly backoff: { minMs: number; maxMs: number }) {}

  private key(o: any): string { return `${o?.metadata?.namespace ?? ''}/${o?.metadata?.name ?? ''}`; }

  async list(signal: AbortSignal): Promise<void> {
    const r = await this.conn.request('GET', this.path, { signal });
    if (r.status >= 300) throw this.conn.statusError(r, { what: `list ${this.path}` });
    this.items.clear();
    for (const o of r.body?.items ?? []) this.items.set(this.key(o), o);
    this.rv = r.body?.metadata?.resourceVersion ?? '';
    this.synced = true;
    this.onChange();
  }

  /** Runs until aborted: list, then watch; on any error wait (backoff) and list again. */
  async run(signal: AbortSignal): Promise<void> {
    let delay = this.backoff.minMs;
    let needList = !this.synced;
    while (!signal.aborted) {
      try {
        if (needList) { await this.list(signal); needList = false; }
        let expired = false;
        await this.conn.stream(this.path, { watch: 'true', resourceVersion: this.rv, allowWatchBookmarks: 'true', timeoutSeconds: 300 }, (ev) => {
          const o = ev?.object;
          if (ev?.type === 'ERROR') { if (o?.code === 410) expired = true; return; }
          if (o?.metadata?.resourceVersion) this.rv = o.metadata.resourceVersion;
          if (ev?.type === 'BOOKMARK') return;
          if (ev?.type === 'DELETED') this.items.delete(this.key(o)); else this.items.set(this.key(o), o);
          delay = this.backoff.minMs;
          this.onChange();
        }, signal);
        if (expired) needList = true;
      } catch (e) {
        if (signal.aborted) break;
        const err = e instanceof ClusterError ? e : new ClusterError('server', String(e));
        this.onError(err);
        needList = true;
        await new Promise((res) => { const t = setTimeout(res, delay); signal.addEventListener('abort', () => { clearTimeout(t); res(undefined); }, { once: true }); });
        delay = Math.min(delay * 2, this.backoff.maxMs);
      }
    }
  }
}

export interface WatcherEvents {
  /** The tree changed (debounced). */
  onUpdate?: (tree: NamespaceServices[]) => void;
  /** A watch failed; it reconnects by itself. */
  onError?: (e: ClusterError) => void;
}

/**
 * Keeps the Services tree live. `start()` resolves after the first full list; `stop()` ends all watches.
 * Reconnects with exponential backoff (minMs..maxMs) after errors and relists.
 */
export class ServiceWatcher {
  private readonly abort = new AbortController();
  private informers: Informer[] = [];
  private timer: NodeJS.Timeout | undefined;
  private runs: Promise<void>[] = [];
  /** How many watch errors happened (for tests and the view's status). */
  errors = 0;
  lastError: ClusterError | undefined;

  constructor(private readonly conn: Connection, private readonly events: WatcherEvents = {},
    private readonly opts: {
      namespace?: string;
      /** When listing all namespaces is forbidden (RBAC), show this namespace instead. */
      fallbackNamespace?: string;
      clusterDomain?: string; debounceMs?: number; backoff?: { minMs: number; maxMs: number };
    } = {}) {
    this.namespace = opts.namespace;
  }

  /** The namespace actually shown (undefined: all), after a possible RBAC fallback. */
  get scope(): string | undefined { return this.namespace; }
  private namespace: string | undefined;
  /** Set when the cluster-wide list was forbidden and the view fell back to one namespace. */
  fellBack: ClusterError | undefined;

  snapshot(): NamespaceServices[] {
    const [svc, ing, eps, ep] = ['services', 'ingresses', 'endpointSlices', 'endpoints'].map((k) => this.informers.find((i) => i.path === (this.apis as any)?.[k]));
    return buildServiceTree({
      services: [...(svc?.items.values() ?? [])], ingresses: [...(ing?.items.values() ?? [])],
      endpointSlices: [...(eps?.items.values() ?? [])], endpoints: [...(ep?.items.values() ?? [])],
    }, this.opts.clusterDomain);
  }

  private apis: ResourceApis | undefined;

  async start(): Promise<NamespaceServices[]> {
    try {
      return await this.startIn(this.namespace);
    } catch (e) {
      if (!(e instanceof ClusterError && e.kind === 'forbidden') || this.namespace !== undefined || !this.opts.fallbackNamespace) throw e;
      this.fellBack = e;
      this.namespace = this.opts.fallbackNamespace;
      return this.startIn(this.namespace);
    }
  }

  private async startIn(namespace: string | undefined): Promise<NamespaceServices[]> {
    const signal = this.abort.signal;
    this.apis = await chooseApis(this.conn, namespace, signal);
    const paths = [this.apis.services, this.apis.ingresses, this.apis.endpointSlices ?? this.apis.endpoints].filter((p): p is string => !!p);
    const changed = () => {
      if (this.timer) return;
      this.timer = setTimeout(() => { this.timer = undefined; if (!signal.aborted) this.events.onUpdate?.(this.snapshot()); }, this.opts.debounceMs ?? 100);
    };
    const onError = (e: ClusterError) => { this.errors++; this.lastError = e; this.events.onError?.(e); };
    this.informers = paths.map((p) => new Informer(this.conn, p, changed, onError, this.opts.backoff ?? { minMs: 500, maxMs: 30_000 }));
    // The first list must succeed for the services (a clear error for the view); optional lists may be forbidden.
    await this.informers[0].list(signal);
    for (const inf of this.informers.slice(1)) await inf.list(signal).catch((e) => onError(e instanceof ClusterError ? e : new ClusterError('server', String(e))));
    this.runs = this.informers.map((i) => i.run(signal));
    return this.snapshot();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled(this.runs);
  }
}

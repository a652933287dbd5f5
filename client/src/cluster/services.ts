/**
 * The live Services view as data: namespaces → Services with type, cluster IP, ports, load balancer
 * hostname, selector and in-cluster DNS name; for each, the Ingresses routing to it (with their ALB
 * hostname: direct backends and the target groups of weighted `actions.*` annotations), the Gateway API
 * routes that send traffic to it with their Gateways, and its endpoints (EndpointSlices, or Endpoints when
 * the server has no EndpointSlice API). `ServiceWatcher` keeps it current with list+watch per resource
 * and reconnects after errors.
 */
import type { Connection } from './connection';
import { ClusterError } from './errors';
import { namespaceProblem } from './identity';

export interface PortInfo {
  name?: string;
  protocol: string;
  port: number;
  targetPort?: string | number;
  nodePort?: number;
  text: string;
}
export interface IngressRef {
  namespace: string;
  name: string;
  hostname: string;
  className?: string;
  rules: string[];
}
/** A Gateway a route attaches to (parentRefs), with its address when the Gateway is known. */
export interface GatewayRef {
  namespace: string;
  name: string;
  sectionName?: string;
  className?: string;
  address?: string;
  known: boolean;
}
/** A Gateway API route (HTTPRoute, GRPCRoute, TLSRoute) that sends traffic to a Service (backendRefs). */
export interface RouteRef {
  kind: string;
  namespace: string;
  name: string;
  hostnames: string[];
  gateways: GatewayRef[];
  rules: string[];
}
export interface EndpointInfo {
  address: string;
  ready: boolean;
  ports: string;
  target?: string;
}
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
  routes: RouteRef[];
  endpoints: EndpointInfo[];
  /** The raw object (for "open as YAML"). */
  object: any;
}
export interface NamespaceServices {
  namespace: string;
  services: ServiceInfo[];
}

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
  return (
    ing
      .map((i: any) => i?.hostname ?? i?.ip)
      .filter(Boolean)
      .join(', ') || undefined
  );
}

/** The annotation prefix of the AWS Load Balancer Controller's custom actions (`actions.<name>`). */
export const ALB_ACTIONS_PREFIX = 'alb.ingress.kubernetes.io/actions.';

/**
 * The Services of a `use-annotation` backend: the controller reads the action from the annotation
 * `alb.ingress.kubernetes.io/actions.<backend service name>` (aws-load-balancer-controller,
 * pkg/ingress/enhanced_backend_builder.go `buildActionViaAnnotation`; types in pkg/ingress/config_types.go
 * `Action`/`ForwardActionConfig`/`TargetGroupTuple`): a `forward` action's
 * `forwardConfig.targetGroups[].serviceName`/`servicePort`/`weight` (weight 1 when there is one target
 * group and no weight). Target groups given by ARN or name, and redirect/fixed-response actions, reach no
 * Service. Malformed JSON reaches none either (the editor reports it).
 */
export function actionTargets(ing: any, actionName: string): { service: string; port: string; weight: number; share: string }[] {
  const raw = ing?.metadata?.annotations?.[`${ALB_ACTIONS_PREFIX}${actionName}`];
  if (typeof raw !== 'string' || raw.length > 100_000) return [];
  let action: any;
  try {
    action = JSON.parse(raw);
  } catch {
    return [];
  }
  if (action?.type !== 'forward') return [];
  const tgs = Array.isArray(action?.forwardConfig?.targetGroups) ? action.forwardConfig.targetGroups : [];
  const named = tgs.filter((t: any) => typeof t?.serviceName === 'string' && t.serviceName);
  const weightOf = (t: any) => (typeof t?.weight === 'number' && t.weight >= 0 ? t.weight : tgs.length === 1 ? 1 : 0);
  const total = tgs.reduce((n: number, t: any) => n + weightOf(t), 0);
  return named.map((t: any) => ({
    service: t.serviceName,
    port: String(t.servicePort ?? ''),
    weight: weightOf(t),
    share: total > 0 ? `${Math.round((weightOf(t) / total) * 100)}%` : '0%',
  }));
}

/**
 * Service names an Ingress routes to (v1 `service.name` and v1beta1 `serviceName`), with the route text.
 * A backend whose port is `use-annotation` names an ALB action, not a Service: its Services are the
 * action's weighted target groups (blue/green).
 */
export function ingressBackends(ing: any): { service: string; route: string }[] {
  const out: { service: string; route: string }[] = [];
  const nameOf = (b: any): string | undefined => b?.service?.name ?? b?.serviceName;
  const portOf = (b: any): string => String(b?.service?.port?.number ?? b?.service?.port?.name ?? b?.servicePort ?? '');
  const add = (b: any, where: string) => {
    const n = nameOf(b);
    if (typeof n !== 'string' || !n) return;
    if (portOf(b) === 'use-annotation') {
      for (const t of actionTargets(ing, n))
        out.push({ service: t.service, route: `${where} → action ${n}: ${t.share} (weight ${t.weight}) → :${t.port}` });
      return;
    }
    out.push({ service: n, route: `${where} → :${portOf(b)}` });
  };
  add(ing?.spec?.defaultBackend ?? ing?.spec?.backend, '(default)');
  for (const rule of Array.isArray(ing?.spec?.rules) ? ing.spec.rules : []) {
    for (const p of Array.isArray(rule?.http?.paths) ? rule.http.paths : []) add(p?.backend, `${rule?.host ?? '*'}${p?.path ?? '/'}`);
  }
  return out;
}

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** The route kinds the view reads, with their REST resource names. */
export const ROUTE_KINDS = [
  ['HTTPRoute', 'httproutes'],
  ['GRPCRoute', 'grpcroutes'],
  ['TLSRoute', 'tlsroutes'],
] as const;

/**
 * The Services a Gateway API route sends traffic to, per rule (gateway-api apis/v1 httproute_types.go,
 * shared_types.go `BackendRef`/`BackendObjectReference`): `backendRefs[]` with `group` '' and `kind`
 * `Service` (the defaults), `namespace` defaulting to the route's, `port`, and `weight` (default 1).
 * Backends of other kinds (e.g. a ServiceImport) are not Services of this cluster and are left out.
 */
export function routeBackends(route: any, kind: string): { namespace: string; service: string; route: string }[] {
  const ns = route?.metadata?.namespace ?? 'default';
  const out: { namespace: string; service: string; route: string }[] = [];
  const hosts: string[] = (Array.isArray(route?.spec?.hostnames) ? route.spec.hostnames : []).filter((h: unknown) => typeof h === 'string');
  (Array.isArray(route?.spec?.rules) ? route.spec.rules : []).forEach((rule: any, i: number) => {
    const refs = (Array.isArray(rule?.backendRefs) ? rule.backendRefs : []).filter(
      (b: any) => (b?.group ?? '') === '' && (b?.kind ?? 'Service') === 'Service' && typeof b?.name === 'string',
    );
    const total = refs.reduce((n: number, b: any) => n + (typeof b?.weight === 'number' ? b.weight : 1), 0);
    const where = routeWhere(rule, kind, i, hosts);
    for (const b of refs) {
      const w = typeof b?.weight === 'number' ? b.weight : 1;
      const share = refs.length > 1 ? ` ${total > 0 ? Math.round((w / total) * 100) : 0}% (weight ${w})` : '';
      const bns = typeof b?.namespace === 'string' && b.namespace ? b.namespace : ns;
      const cross = bns !== ns ? ` (from namespace ${ns}: needs a ReferenceGrant in ${bns})` : '';
      out.push({ namespace: bns, service: b.name, route: `${where} →${share} :${b?.port ?? ''}${cross}` });
    }
  });
  return out;
}

/** What a rule matches, for a person: `shop.example.com/api*`, `shop.Api/Get`, `secure.example.com`. */
function routeWhere(rule: any, kind: string, index: number, hosts: string[]): string {
  const host = hosts.length ? hosts.join(',') : '*';
  const m = Array.isArray(rule?.matches) ? rule.matches[0] : undefined;
  if (kind === 'HTTPRoute')
    return m?.path?.value ? `${host}${m.path.value}${m.path.type === 'Exact' ? '' : '*'}` : `${host} (rule ${index + 1})`;
  if (kind === 'GRPCRoute') {
    const method = m?.method?.service || m?.method?.method ? `${m.method.service ?? '*'}/${m.method.method ?? '*'}` : `(rule ${index + 1})`;
    return hosts.length ? `${host} ${method}` : method;
  }
  return host;
}

/** The Gateways a route attaches to (parentRefs of group gateway.networking.k8s.io and kind Gateway, the defaults). */
export function routeParents(route: any, gateways: Map<string, any>): GatewayRef[] {
  const ns = route?.metadata?.namespace ?? 'default';
  return (Array.isArray(route?.spec?.parentRefs) ? route.spec.parentRefs : [])
    .filter(
      (p: any) => (p?.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && (p?.kind ?? 'Gateway') === 'Gateway' && typeof p?.name === 'string',
    )
    .map((p: any) => {
      const gns = typeof p?.namespace === 'string' && p.namespace ? p.namespace : ns;
      const gw = gateways.get(`${gns}/${p.name}`);
      const addrs = (Array.isArray(gw?.status?.addresses) ? gw.status.addresses : [])
        .map((a: any) => a?.value)
        .filter((v: unknown) => typeof v === 'string');
      return {
        namespace: gns,
        name: p.name,
        sectionName: typeof p?.sectionName === 'string' ? p.sectionName : undefined,
        className: gw?.spec?.gatewayClassName,
        address: addrs.length ? addrs.join(', ') : undefined,
        known: !!gw,
      };
    });
}

export interface ClusterObjects {
  services: any[];
  ingresses: any[];
  endpointSlices: any[];
  endpoints: any[];
  gateways?: any[];
  httpRoutes?: any[];
  grpcRoutes?: any[];
  tlsRoutes?: any[];
}

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
      const ref: IngressRef = {
        namespace: ns,
        name: ing.metadata?.name ?? '',
        hostname: lbAddress(ing.status) ?? PENDING,
        className: ing.spec?.ingressClassName ?? ing.metadata?.annotations?.['kubernetes.io/ingress.class'],
        rules,
      };
      ingressesByService.set(key, [...(ingressesByService.get(key) ?? []), ref]);
    }
  }
  const gatewaysByKey = new Map<string, any>(
    (objs.gateways ?? []).map((g) => [`${g?.metadata?.namespace ?? 'default'}/${g?.metadata?.name ?? ''}`, g]),
  );
  const routesByService = new Map<string, RouteRef[]>();
  for (const [kind, list] of [
    ['HTTPRoute', objs.httpRoutes],
    ['GRPCRoute', objs.grpcRoutes],
    ['TLSRoute', objs.tlsRoutes],
  ] as const) {
    for (const route of list ?? []) {
      const ns = route?.metadata?.namespace ?? 'default';
      const byService = new Map<string, string[]>();
      for (const b of routeBackends(route, kind))
        byService.set(`${b.namespace}/${b.service}`, [...(byService.get(`${b.namespace}/${b.service}`) ?? []), b.route]);
      if (byService.size === 0) continue;
      const ref = {
        kind,
        namespace: ns,
        name: route?.metadata?.name ?? '',
        hostnames: (Array.isArray(route?.spec?.hostnames) ? route.spec.hostnames : []).filter((h: unknown) => typeof h === 'string'),
        gateways: routeParents(route, gatewaysByKey),
      };
      for (const [key, rules] of byService) routesByService.set(key, [...(routesByService.get(key) ?? []), { ...ref, rules }]);
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
        list.push({
          address: a,
          ready: e?.conditions?.ready !== false,
          ports,
          target: e?.targetRef ? `${e.targetRef.kind}/${e.targetRef.name}` : undefined,
        });
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
      for (const a of Array.isArray(sub?.addresses) ? sub.addresses : [])
        list.push({ address: a.ip, ready: true, ports, target: a.targetRef ? `${a.targetRef.kind}/${a.targetRef.name}` : undefined });
      for (const a of Array.isArray(sub?.notReadyAddresses) ? sub.notReadyAddresses : [])
        list.push({ address: a.ip, ready: false, ports, target: a.targetRef ? `${a.targetRef.kind}/${a.targetRef.name}` : undefined });
    }
    if (list.length) endpointsByService.set(key, list);
  }
  for (const s of objs.services) {
    const ns = s?.metadata?.namespace ?? 'default';
    const name = s?.metadata?.name ?? '';
    const type = s?.spec?.type ?? 'ClusterIP';
    const ports: PortInfo[] = (Array.isArray(s?.spec?.ports) ? s.spec.ports : []).map((p: any) => ({
      name: p?.name,
      protocol: p?.protocol ?? 'TCP',
      port: p?.port,
      targetPort: p?.targetPort,
      nodePort: p?.nodePort,
      text: portText(p ?? {}),
    }));
    const info: ServiceInfo = {
      namespace: ns,
      name,
      type,
      clusterIP: s?.spec?.clusterIP ?? '',
      ports,
      loadBalancer: type === 'LoadBalancer' ? (lbAddress(s.status) ?? PENDING) : undefined,
      externalName: s?.spec?.externalName,
      selector: s?.spec?.selector ?? {},
      dnsName: dnsName(name, ns, clusterDomain),
      ingresses: ingressesByService.get(`${ns}/${name}`) ?? [],
      routes: routesByService.get(`${ns}/${name}`) ?? [],
      endpoints: endpointsByService.get(`${ns}/${name}`) ?? [],
      object: s,
    };
    byNs.set(ns, [...(byNs.get(ns) ?? []), info]);
  }
  return [...byNs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([namespace, services]) => ({ namespace, services: services.sort((a, b) => a.name.localeCompare(b.name)) }));
}

/** The API paths the view reads, chosen from what the server serves. */
export interface ResourceApis {
  services: string;
  ingresses?: string;
  endpointSlices?: string;
  endpoints: string;
  /** Gateway API (a CRD bundle: present only when installed). */
  gateways?: string;
  httpRoutes?: string;
  grpcRoutes?: string;
  tlsRoutes?: string;
}

/** ResourceApis keys → ClusterObjects keys are the same; the order of the lists the view reads. */
const API_KEYS = ['services', 'ingresses', 'endpointSlices', 'endpoints', 'gateways', 'httpRoutes', 'grpcRoutes', 'tlsRoutes'] as const;

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
  const pick = async (resource: string, gvs: string[]) => {
    for (const gv of gvs) if (await serves(gv, resource)) return `/apis/${gv}${ns}/${resource}`;
    return undefined;
  };
  const gw = ['v1', 'v1beta1', 'v1alpha3', 'v1alpha2'].map((v) => `${GATEWAY_GROUP}/${v}`);
  return {
    services: `/api/v1${ns}/services`,
    endpoints: `/api/v1${ns}/endpoints`,
    ingresses: await pick('ingresses', ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1']),
    endpointSlices: await pick('endpointslices', ['discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1']),
    gateways: await pick('gateways', gw),
    httpRoutes: await pick('httproutes', gw),
    grpcRoutes: await pick('grpcroutes', gw),
    tlsRoutes: await pick('tlsroutes', gw),
  };
}

/** One list of everything the view shows (no watch). */
export async function listServices(
  conn: Connection,
  opts: { namespace?: string; signal?: AbortSignal; clusterDomain?: string } = {},
): Promise<NamespaceServices[]> {
  const apis = await chooseApis(conn, opts.namespace, opts.signal);
  const list = async (p: string | undefined, optional: boolean) => {
    if (!p) return [];
    const r = await conn.request('GET', p, { signal: opts.signal });
    if (r.status === 403 && optional) return [];
    if (r.status >= 300) throw conn.statusError(r, { what: `list ${p}` });
    return (r.body?.items ?? []) as any[];
  };
  const [services, ingresses, endpointSlices, endpoints, gateways, httpRoutes, grpcRoutes, tlsRoutes] = await Promise.all([
    list(apis.services, false),
    list(apis.ingresses, true),
    list(apis.endpointSlices, true),
    apis.endpointSlices ? Promise.resolve([]) : list(apis.endpoints, true),
    list(apis.gateways, true),
    list(apis.httpRoutes, true),
    list(apis.grpcRoutes, true),
    list(apis.tlsRoutes, true),
  ]);
  return buildServiceTree(
    { services, ingresses, endpointSlices, endpoints, gateways, httpRoutes, grpcRoutes, tlsRoutes },
    opts.clusterDomain,
  );
}

/** List+watch of one resource, with resume from the last resourceVersion and relist after errors. */
class Informer {
  readonly items = new Map<string, any>();
  private rv = '';
  synced = false;
  constructor(
    private readonly conn: Connection,
    readonly path: string,
    private readonly onChange: () => void,
    private readonly onError: (e: ClusterError) => void,
    private readonly backoff: { minMs: number; maxMs: number },
  ) {}

  private key(o: any): string {
    return `${o?.metadata?.namespace ?? ''}/${o?.metadata?.name ?? ''}`;
  }

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
        if (needList) {
          await this.list(signal);
          needList = false;
        }
        let expired = false;
        await this.conn.stream(
          this.path,
          { watch: 'true', resourceVersion: this.rv, allowWatchBookmarks: 'true', timeoutSeconds: 300 },
          (ev) => {
            const o = ev?.object;
            if (ev?.type === 'ERROR') {
              if (o?.code === 410) expired = true;
              return;
            }
            if (o?.metadata?.resourceVersion) this.rv = o.metadata.resourceVersion;
            if (ev?.type === 'BOOKMARK') return;
            if (ev?.type === 'DELETED') this.items.delete(this.key(o));
            else this.items.set(this.key(o), o);
            delay = this.backoff.minMs;
            this.onChange();
          },
          signal,
        );
        if (expired) needList = true;
      } catch (e) {
        if (signal.aborted) break;
        const err = e instanceof ClusterError ? e : new ClusterError('server', String(e));
        this.onError(err);
        needList = true;
        await new Promise((res) => {
          const t = setTimeout(res, delay);
          signal.addEventListener(
            'abort',
            () => {
              clearTimeout(t);
              res(undefined);
            },
            { once: true },
          );
        });
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

  constructor(
    private readonly conn: Connection,
    private readonly events: WatcherEvents = {},
    private readonly opts: {
      namespace?: string;
      /** When listing all namespaces is forbidden (RBAC), show this namespace instead. */
      fallbackNamespace?: string;
      clusterDomain?: string;
      debounceMs?: number;
      backoff?: { minMs: number; maxMs: number };
    } = {},
  ) {
    this.namespace = opts.namespace;
  }

  /** The namespace actually shown (undefined: all), after a possible RBAC fallback. */
  get scope(): string | undefined {
    return this.namespace;
  }
  private namespace: string | undefined;
  /** Set when the cluster-wide list was forbidden and the view fell back to one namespace. */
  fellBack: ClusterError | undefined;

  snapshot(): NamespaceServices[] {
    const objs = Object.fromEntries(
      API_KEYS.map((k) => {
        const inf = this.informers.find((i) => i.path === this.apis?.[k]);
        return [k, [...(inf?.items.values() ?? [])]];
      }),
    ) as unknown as ClusterObjects;
    return buildServiceTree(objs, this.opts.clusterDomain);
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
    const apis = this.apis;
    const paths = [
      apis.services,
      apis.ingresses,
      apis.endpointSlices ?? apis.endpoints,
      apis.gateways,
      apis.httpRoutes,
      apis.grpcRoutes,
      apis.tlsRoutes,
    ].filter((p): p is string => !!p);
    const changed = () => {
      if (this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!signal.aborted) this.events.onUpdate?.(this.snapshot());
      }, this.opts.debounceMs ?? 100);
    };
    const onError = (e: ClusterError) => {
      this.errors++;
      this.lastError = e;
      this.events.onError?.(e);
    };
    this.informers = paths.map((p) => new Informer(this.conn, p, changed, onError, this.opts.backoff ?? { minMs: 500, maxMs: 30_000 }));
    // The first list must succeed for the services (a clear error for the view); optional lists may be forbidden.
    await this.informers[0].list(signal);
    for (const inf of this.informers.slice(1))
      await inf.list(signal).catch((e) => onError(e instanceof ClusterError ? e : new ClusterError('server', String(e))));
    this.runs = this.informers.map((i) => i.run(signal));
    return this.snapshot();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled(this.runs);
  }
}

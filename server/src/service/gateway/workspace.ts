/**
 * The workspace as the Gateway API sees it, read once per generation of the kinds involved: GatewayClasses by
 * name and the controller each names, Gateways by name, which implementation serves a Gateway (VPC Lattice,
 * the Load Balancer Controller's ALB or NLB, another), and the Gateways a route's parentRefs resolve to.
 *
 * The implementation is decided the way the controllers decide it: the Gateway's GatewayClass and its
 * `controllerName` (aws/aws-application-networking-k8s pkg/k8s/utils.go IsControlledByLatticeGatewayController;
 * kubernetes-sigs/aws-load-balancer-controller pkg/gateway/constants/controller_constants.go). When the class is
 * not in the workspace, the documented Lattice class name `amazon-vpc-lattice`
 * (aws-application-networking-k8s files/controller-installation/gatewayclass.yaml) counts as Lattice.
 */
import type { K8sObject } from '@shared/manifest/k8sObject';
import { sameNamespace } from '@shared/manifest/k8sObject';
import { isUnknownText } from '@shared/manifest/templates';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { gatewayClassInfo, gatewayInfo, refNamespace, GW_GROUP, type ParentRef, type RouteInfo } from './model';

export const LATTICE_CONTROLLER = 'application-networking.k8s.aws/gateway-api-controller';
export const LBC_ALB_CONTROLLER = 'gateway.k8s.aws/alb';
export const LBC_NLB_CONTROLLER = 'gateway.k8s.aws/nlb';
export const LATTICE_CLASS_NAME = 'amazon-vpc-lattice';

export type Impl = 'lattice' | 'alb' | 'nlb' | 'other' | 'unknown';

export interface ImplInfo {
  impl: Impl;
  className?: string;
  classObj?: K8sObject;
  controller?: string;
  /** True when decided from the class name alone (the class is not in the workspace). */
  byName: boolean;
}

export const IMPL_LABEL: Record<Impl, string> = {
  lattice: 'VPC Lattice (AWS Gateway API Controller)',
  alb: 'the AWS Load Balancer Controller (ALB)',
  nlb: 'the AWS Load Balancer Controller (NLB)',
  other: 'another controller',
  unknown: 'an unknown controller',
};

/** What the gateway checks read from the index. */
export const GATEWAY_KINDS: readonly string[] = ['Gateway', 'GatewayClass'];

interface Table {
  key: string;
  classes: Map<string, K8sObject[]>;
  gateways: Map<string, K8sObject[]>;
  impls: Map<K8sObject, ImplInfo>;
}
const tables = new WeakMap<WorkspaceIndex, Table>();

function table(index: WorkspaceIndex): Table {
  const key = index.kindsKey(GATEWAY_KINDS);
  let t = tables.get(index);
  if (t && t.key === key) return t;
  const classes = new Map<string, K8sObject[]>();
  for (const c of index.byKind('GatewayClass')) {
    if (c.group !== GW_GROUP || !c.name) continue;
    const l = classes.get(c.name);
    if (l) l.push(c);
    else classes.set(c.name, [c]);
  }
  const gateways = new Map<string, K8sObject[]>();
  for (const g of index.byKind('Gateway')) {
    if (g.group !== GW_GROUP || !g.name) continue;
    const l = gateways.get(g.name);
    if (l) l.push(g);
    else gateways.set(g.name, [g]);
  }
  t = { key, classes, gateways, impls: new Map() };
  tables.set(index, t);
  return t;
}

export function implOfController(controller: string | undefined): Impl {
  if (controller === LATTICE_CONTROLLER) return 'lattice';
  if (controller === LBC_ALB_CONTROLLER) return 'alb';
  if (controller === LBC_NLB_CONTROLLER) return 'nlb';
  return controller ? 'other' : 'unknown';
}

export function gatewayClassesNamed(index: WorkspaceIndex, name: string): K8sObject[] {
  return table(index).classes.get(name) ?? [];
}

export function allGatewayClasses(index: WorkspaceIndex): K8sObject[] {
  return [...table(index).classes.values()].flat();
}

/** Which implementation serves a Gateway, as far as the workspace tells. */
export function implOf(index: WorkspaceIndex, gw: K8sObject): ImplInfo {
  const t = table(index);
  let info = t.impls.get(gw);
  if (info) return info;
  const className = gatewayInfo(gw).className.value;
  if (className === undefined) info = { impl: 'unknown', byName: false };
  else {
    const cls = t.classes.get(className)?.[0];
    if (cls) {
      const controller = gatewayClassInfo(cls).controllerName.value;
      info = { impl: implOfController(controller), className, classObj: cls, controller, byName: false };
    } else if (className === LATTICE_CLASS_NAME) info = { impl: 'lattice', className, controller: LATTICE_CONTROLLER, byName: true };
    else info = { impl: 'unknown', className, byName: false };
  }
  t.impls.set(gw, info);
  return info;
}

/** Gateways named `name` a reference from namespace `ns` can mean (a missing namespace matches any). */
export function gatewaysNamed(index: WorkspaceIndex, name: string, ns: string | undefined): K8sObject[] {
  return (table(index).gateways.get(name) ?? []).filter((g) => sameNamespace(g.namespace, ns));
}

export function allGateways(index: WorkspaceIndex): K8sObject[] {
  return [...table(index).gateways.values()].flat();
}

function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? '' : uri.slice(0, i);
}

/**
 * Of several objects a reference could mean (same name, namespaces that may match), the ones nearest to the
 * referring file: in the same file, else in the same folder, else in the nearest enclosing folder holding
 * any. A workspace often holds unrelated examples or overlays that reuse names; the nearest is the one meant.
 */
export function nearest(objs: K8sObject[], uri: string): K8sObject[] {
  if (objs.length <= 1) return objs;
  const same = objs.filter((o) => o.uri === uri);
  if (same.length) return same;
  for (let dir = dirOf(uri); dir.includes('/'); dir = dirOf(dir)) {
    const here = objs.filter((o) => o.uri.startsWith(dir + '/'));
    if (here.length) return here;
  }
  return objs;
}

/**
 * The objects a reference from `from` to namespace `ns` resolves to, as far as the workspace can tell: with
 * both namespaces written, a match by name is trusted (the nearest of those); an object or reference without
 * a namespace (applied with -n) counts only when it sits in the same file or folder as the referring object.
 */
export function resolveNear(objs: K8sObject[], from: K8sObject, ns: string | undefined): K8sObject[] {
  const sure = ns !== undefined ? objs.filter((o) => o.namespace === ns) : [];
  if (sure.length) return nearest(sure, from.uri);
  const dir = dirOf(from.uri);
  return nearest(
    objs.filter((o) => sameNamespace(o.namespace, ns) && (o.uri === from.uri || dirOf(o.uri) === dir)),
    from.uri,
  );
}

/**
 * The parentRefs of a route that name a Gateway, with the Gateways they resolve to (`gateways`: see resolveNear)
 * and every Gateway of that name whose namespace may match (`all`: overlays and patches included).
 */
export function routeParents(index: WorkspaceIndex, route: RouteInfo): { ref: ParentRef; gateways: K8sObject[]; all: K8sObject[] }[] {
  const out: { ref: ParentRef; gateways: K8sObject[]; all: K8sObject[] }[] = [];
  for (const ref of route.parentRefs) {
    if (ref.group !== GW_GROUP || ref.kind !== 'Gateway' || !ref.name.value) continue;
    const ns = refNamespace(ref, route.obj);
    const all = gatewaysNamed(index, ref.name.value, ns);
    out.push({ ref, gateways: resolveNear(all, route.obj, ns), all });
  }
  return out;
}

/** The implementations serving a route (through the Gateways its parentRefs resolve to). */
export function routeImpls(index: WorkspaceIndex, route: RouteInfo): Set<Impl> {
  const s = new Set<Impl>();
  for (const p of routeParents(index, route)) for (const g of p.gateways) s.add(implOf(index, g).impl);
  return s;
}

/** The first parent Gateway served by `impl` (the Lattice controller uses the first Lattice parent only). */
export function firstParentOf(
  index: WorkspaceIndex,
  route: RouteInfo,
  impl: Impl,
): { ref: ParentRef; gw: K8sObject; info: ImplInfo } | undefined {
  for (const p of routeParents(index, route))
    for (const g of p.gateways) {
      const info = implOf(index, g);
      if (info.impl === impl) return { ref: p.ref, gw: g, info };
    }
  return undefined;
}

/**
 * How sure a "missing object" finding can be: 'warning' when the reference's namespace is known and the
 * workspace holds objects of that kind in it, none with an unknown (templated) name; 'info' when it holds
 * some elsewhere, with unknown names, or the namespace is not known; undefined when it holds none at all
 * (the object is likely managed elsewhere).
 */
export function missingSeverity(objs: K8sObject[], ns: string | undefined): 'warning' | 'info' | undefined {
  if (objs.length === 0) return undefined;
  // Without a namespace the reference is applied with -n: the workspace cannot show which namespace holds it.
  if (ns === undefined) return 'info';
  const here = objs.filter((o) => o.namespace === ns);
  if (here.length === 0) return 'info';
  if (here.some((o) => o.name === undefined || isUnknownText(o.name) || o.hasTemplates)) return 'info';
  return 'warning';
}

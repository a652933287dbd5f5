/**
 * A typed, total reading of Gateway API objects (gateway.networking.k8s.io): GatewayClass, Gateway with its
 * listeners, routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) with parentRefs, rules, matches,
 * filters and backendRefs, and ReferenceGrant. Values that are templates or placeholders read as unknown
 * (see model/templates.ts): a reference with an unknown name is never judged. Lists are read up to a bound
 * (far above what the CRDs allow), so hostile input stays cheap. Results are memoised per object.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLSeq } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { child, keyString, pairs, resolve, type NodePath } from '@shared/manifest/yamlNodes';
import { isUnknownNode, knownString } from '@shared/manifest/templates';
import { readSelector, type Selector } from '../model/labelSelector';

export const GW_GROUP = 'gateway.networking.k8s.io';
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];
/** Reads bound every list: the CRDs allow at most 64 listeners, 16 rules, 64 matches, 16 backendRefs, 32 parentRefs. */
export const LIST_BOUND = 200;

export function isGatewayApi(obj: K8sObject): boolean {
  return obj.group === GW_GROUP;
}
export function isRoute(obj: K8sObject): boolean {
  return (ROUTE_KINDS as readonly string[]).includes(obj.kind ?? '') && isGatewayApi(obj);
}

/** A string field: its node, its known value (undefined when absent or unknown) and whether it is unknown. */
export interface Str {
  node?: Node;
  value?: string;
  unknown: boolean;
}
export interface Num {
  node?: Node;
  value?: number;
  unknown: boolean;
}

export function readStr(parent: unknown, key: string, obj: K8sObject): Str {
  const node = child(parent, key, obj.doc);
  return { node, value: knownString(node), unknown: isUnknownNode(node) };
}

export function readNum(parent: unknown, key: string, obj: K8sObject): Num {
  const node = child(parent, key, obj.doc);
  if (!isScalar(node)) return { node, unknown: false };
  if (isUnknownNode(node)) return { node, unknown: true };
  const v = (node as Scalar).value;
  return { node, value: typeof v === 'number' && Number.isFinite(v) ? v : undefined, unknown: false };
}

/** Items of a list node (aliases followed once), up to LIST_BOUND. */
export function items(node: unknown, obj: K8sObject): Node[] {
  const n = resolve(node, obj.doc);
  if (!isSeq(n)) return [];
  const out: Node[] = [];
  const list = (n as YAMLSeq).items;
  for (let i = 0; i < list.length && i < LIST_BOUND; i++) {
    const it = resolve(list[i], obj.doc);
    if (it) out.push(it);
  }
  return out;
}

export function keyNodeOf(parent: unknown, key: string, obj: K8sObject): Node | undefined {
  const p = pairs(resolve(parent, obj.doc)).find((x) => keyString(x) === key);
  return (p?.key as Node | undefined) ?? undefined;
}

const memo = new WeakMap<K8sObject, Map<string, unknown>>();
function memoised<T>(obj: K8sObject, key: string, build: () => T): T {
  let m = memo.get(obj);
  if (!m) {
    m = new Map();
    memo.set(obj, m);
  }
  if (m.has(key)) return m.get(key) as T;
  const v = build();
  m.set(key, v);
  return v;
}

// ------------------------------------------------------------------------------------------ GatewayClass, Gateway

export interface LocalRef {
  group: string;
  kind: string;
  name: Str;
  namespace: Str;
  node: Node;
}

function readRef(node: Node | undefined, obj: K8sObject, defaults: { group: string; kind: string }): LocalRef | undefined {
  if (!isMap(node)) return undefined;
  return {
    group: readStr(node, 'group', obj).value ?? defaults.group,
    kind: readStr(node, 'kind', obj).value ?? defaults.kind,
    name: readStr(node, 'name', obj),
    namespace: readStr(node, 'namespace', obj),
    node,
  };
}

export interface GatewayClassInfo {
  obj: K8sObject;
  controllerName: Str;
  parametersRef?: LocalRef;
}

export function gatewayClassInfo(obj: K8sObject): GatewayClassInfo {
  return memoised(obj, 'gc', () => {
    const spec = obj.node(['spec']);
    return {
      obj,
      controllerName: readStr(spec, 'controllerName', obj),
      parametersRef: readRef(child(spec, 'parametersRef', obj.doc), obj, { group: '', kind: '' }),
    };
  });
}

export interface ListenerInfo {
  index: number;
  node: Node;
  name: Str;
  port: Num;
  protocol: Str;
  hostname: Str;
  tlsMode: Str;
  tlsNode?: Node;
  /** Keys and values of tls.options. */
  tlsOptions: Record<string, string>;
  certificateRefs: Node[];
  /** allowedRoutes.namespaces.from (Same when absent), its node, the selector for `Selector`. */
  allowedFrom: Str;
  allowedSelector?: Selector;
  /** allowedRoutes.kinds[].kind, or undefined when not given (the protocol decides). */
  allowedKinds?: string[];
  allowedKindsUnknown: boolean;
}

export interface GatewayInfo {
  obj: K8sObject;
  className: Str;
  listeners: ListenerInfo[];
  listenersNode?: Node;
  /** Whether some listener is templated or could be injected by a template (then listener lookups are not judged). */
  listenersOpen: boolean;
  parametersRef?: LocalRef;
}

export function gatewayInfo(obj: K8sObject): GatewayInfo {
  return memoised(obj, 'gw', () => {
    const spec = obj.node(['spec']);
    const listenersNode = child(spec, 'listeners', obj.doc);
    const listeners: ListenerInfo[] = items(listenersNode, obj).map((l, index) => {
      const tls = child(l, 'tls', obj.doc);
      const options: Record<string, string> = {};
      for (const p of pairs(child(tls, 'options', obj.doc))) {
        const k = keyString(p);
        const v = knownString(resolve(p.value, obj.doc));
        if (k !== undefined && v !== undefined) options[k] = v;
      }
      const ar = child(l, 'allowedRoutes', obj.doc);
      const ns = child(ar, 'namespaces', obj.doc);
      const kindsNode = child(ar, 'kinds', obj.doc);
      let allowedKinds: string[] | undefined;
      let allowedKindsUnknown = false;
      if (isSeq(kindsNode) && (kindsNode as YAMLSeq).items.length > 0) {
        allowedKinds = [];
        for (const k of items(kindsNode, obj)) {
          const s = readStr(k, 'kind', obj);
          if (s.value) allowedKinds.push(s.value);
          else allowedKindsUnknown = true;
        }
      }
      const from = readStr(ns, 'from', obj);
      const selNode = child(ns, 'selector', obj.doc);
      return {
        index,
        node: l,
        name: readStr(l, 'name', obj),
        port: readNum(l, 'port', obj),
        protocol: readStr(l, 'protocol', obj),
        hostname: readStr(l, 'hostname', obj),
        tlsMode: readStr(tls, 'mode', obj),
        tlsNode: tls,
        tlsOptions: options,
        certificateRefs: items(child(tls, 'certificateRefs', obj.doc), obj),
        allowedFrom: from,
        allowedSelector: isMap(selNode) ? readSelector(selNode, obj.doc) : undefined,
        allowedKinds,
        allowedKindsUnknown,
      };
    });
    const listenersOpen =
      obj.isOpen(['spec', 'listeners']) ||
      isUnknownNode(listenersNode) ||
      listeners.some((l) => l.name.unknown || l.port.unknown || l.protocol.unknown);
    return {
      obj,
      className: readStr(spec, 'gatewayClassName', obj),
      listeners,
      listenersNode,
      listenersOpen,
      parametersRef: readRef(child(child(spec, 'infrastructure', obj.doc), 'parametersRef', obj.doc), obj, { group: '', kind: '' }),
    };
  });
}

// ------------------------------------------------------------------------------------------------------- routes

export interface ParentRef {
  index: number;
  node: Node;
  group: string;
  kind: string;
  name: Str;
  namespace: Str;
  sectionName: Str;
  port: Num;
}

export interface BackendRef {
  index: number;
  node: Node;
  path: NodePath;
  group: string;
  kind: string;
  name: Str;
  namespace: Str;
  port: Num;
  /** The weight as written (undefined when absent: the default is 1). */
  weight: Num;
  filtersNode?: Node;
}

export interface HeaderMatch {
  node: Node;
  name: Str;
  type: Str;
  value: Str;
}
export interface RouteMatch {
  index: number;
  node: Node;
  path?: { node: Node; type: Str; value: Str };
  headers: HeaderMatch[];
  headersNode?: Node;
  queryParamsNode?: Node;
  method: Str;
  /** GRPCRoute `method` match. */
  grpcMethod?: { node: Node; type: Str; service: Str; method: Str };
}

export interface RouteFilter {
  node: Node;
  type: Str;
  extensionRef?: LocalRef;
}

export interface RouteRule {
  index: number;
  node: Node;
  path: NodePath;
  name: Str;
  matches: RouteMatch[];
  matchesNode?: Node;
  filters: RouteFilter[];
  filtersNode?: Node;
  backendRefs: BackendRef[];
  backendRefsNode?: Node;
  /** Whether a template may add backendRefs to this rule (then weights are not judged as a whole). */
  backendRefsOpen: boolean;
  timeoutsNode?: Node;
  retryNode?: Node;
  sessionPersistenceNode?: Node;
}

export interface RouteInfo {
  obj: K8sObject;
  kind: RouteKind;
  parentRefs: ParentRef[];
  parentRefsNode?: Node;
  hostnames: Str[];
  hostnamesNode?: Node;
  rules: RouteRule[];
  rulesNode?: Node;
}

function readParentRefs(spec: Node | undefined, obj: K8sObject): ParentRef[] {
  return items(child(spec, 'parentRefs', obj.doc), obj).map((p, index) => ({
    index,
    node: p,
    group: readStr(p, 'group', obj).value ?? GW_GROUP,
    kind: readStr(p, 'kind', obj).value ?? 'Gateway',
    name: readStr(p, 'name', obj),
    namespace: readStr(p, 'namespace', obj),
    sectionName: readStr(p, 'sectionName', obj),
    port: readNum(p, 'port', obj),
  }));
}

function readMatch(m: Node, index: number, obj: K8sObject, kind: RouteKind): RouteMatch {
  const pathNode = child(m, 'path', obj.doc);
  const headersNode = child(m, 'headers', obj.doc);
  const methodNode = child(m, 'method', obj.doc);
  const match: RouteMatch = {
    index,
    node: m,
    path: isMap(pathNode) ? { node: pathNode, type: readStr(pathNode, 'type', obj), value: readStr(pathNode, 'value', obj) } : undefined,
    headers: items(headersNode, obj).map((h) => ({
      node: h,
      name: readStr(h, 'name', obj),
      type: readStr(h, 'type', obj),
      value: readStr(h, 'value', obj),
    })),
    headersNode,
    queryParamsNode: child(m, 'queryParams', obj.doc),
    method: kind === 'GRPCRoute' ? { unknown: false } : readStr(m, 'method', obj),
  };
  if (kind === 'GRPCRoute' && isMap(methodNode)) {
    match.grpcMethod = {
      node: methodNode,
      type: readStr(methodNode, 'type', obj),
      service: readStr(methodNode, 'service', obj),
      method: readStr(methodNode, 'method', obj),
    };
  }
  return match;
}

function readRule(r: Node, index: number, obj: K8sObject, kind: RouteKind): RouteRule {
  const path: NodePath = ['spec', 'rules', index];
  const matchesNode = child(r, 'matches', obj.doc);
  const filtersNode = child(r, 'filters', obj.doc);
  const backendRefsNode = child(r, 'backendRefs', obj.doc);
  const backendRefs: BackendRef[] = items(backendRefsNode, obj).map((b, i) => ({
    index: i,
    node: b,
    path: [...path, 'backendRefs', i],
    group: readStr(b, 'group', obj).value ?? '',
    kind: readStr(b, 'kind', obj).value ?? 'Service',
    name: readStr(b, 'name', obj),
    namespace: readStr(b, 'namespace', obj),
    port: readNum(b, 'port', obj),
    weight: readNum(b, 'weight', obj),
    filtersNode: child(b, 'filters', obj.doc),
  }));
  return {
    index,
    node: r,
    path,
    name: readStr(r, 'name', obj),
    matches: items(matchesNode, obj).map((m, i) => readMatch(m, i, obj, kind)),
    matchesNode,
    filters: items(filtersNode, obj).map((f) => ({
      node: f,
      type: readStr(f, 'type', obj),
      extensionRef: readRef(child(f, 'extensionRef', obj.doc), obj, { group: '', kind: '' }),
    })),
    filtersNode,
    backendRefs,
    backendRefsNode,
    backendRefsOpen: obj.isOpen(backendRefsNode) || isUnknownNode(backendRefsNode) || (backendRefsNode === undefined && obj.isOpen(r)),
    timeoutsNode: child(r, 'timeouts', obj.doc),
    retryNode: child(r, 'retry', obj.doc),
    sessionPersistenceNode: child(r, 'sessionPersistence', obj.doc),
  };
}

export function routeInfo(obj: K8sObject): RouteInfo | undefined {
  if (!isRoute(obj)) return undefined;
  return memoised(obj, 'route', () => {
    const kind = obj.kind as RouteKind;
    const spec = obj.node(['spec']);
    const hostnamesNode = child(spec, 'hostnames', obj.doc);
    const rulesNode = child(spec, 'rules', obj.doc);
    return {
      obj,
      kind,
      parentRefs: readParentRefs(spec, obj),
      parentRefsNode: child(spec, 'parentRefs', obj.doc),
      hostnames: items(hostnamesNode, obj).map((h) => ({ node: h, value: knownString(h), unknown: isUnknownNode(h) })),
      hostnamesNode,
      rules: items(rulesNode, obj).map((r, i) => readRule(r, i, obj, kind)),
      rulesNode,
    };
  });
}

/** The namespace a route's reference points to: its own `namespace`, else the route's. */
export function refNamespace(ref: { namespace: Str }, from: K8sObject): string | undefined {
  return ref.namespace.value ?? from.namespace;
}

// ------------------------------------------------------------------------------------------------ ReferenceGrant

export interface GrantInfo {
  obj: K8sObject;
  from: { group: string; kind: string; namespace?: string }[];
  to: { group: string; kind: string; name?: string }[];
}

export function grantInfo(obj: K8sObject): GrantInfo {
  return memoised(obj, 'grant', () => {
    const spec = obj.node(['spec']);
    return {
      obj,
      from: items(child(spec, 'from', obj.doc), obj).map((f) => ({
        group: readStr(f, 'group', obj).value ?? '',
        kind: readStr(f, 'kind', obj).value ?? '',
        namespace: readStr(f, 'namespace', obj).value,
      })),
      to: items(child(spec, 'to', obj.doc), obj).map((t) => ({
        group: readStr(t, 'group', obj).value ?? '',
        kind: readStr(t, 'kind', obj).value ?? '',
        name: readStr(t, 'name', obj).value,
      })),
    };
  });
}

/** Whether a ReferenceGrant lets `from` (group/kind in a namespace) refer to `to` (group/kind/name in the grant's namespace). */
export function grantAllows(
  g: GrantInfo,
  from: { group: string; kind: string; namespace?: string },
  to: { group: string; kind: string; name?: string },
): boolean {
  const fromOk = g.from.some(
    (f) =>
      f.group === from.group &&
      f.kind === from.kind &&
      (f.namespace === undefined || from.namespace === undefined || f.namespace === from.namespace),
  );
  const toOk = g.to.some((t) => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === to.name));
  return fromOk && toOk;
}

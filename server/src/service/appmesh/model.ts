/**
 * A total reading of App Mesh objects (appmesh.k8s.aws/v1beta2; aws/aws-app-mesh-controller-for-k8s
 * apis/appmesh/v1beta2/*_types.go): the mesh an object belongs to, VirtualService providers, VirtualRouter
 * routes (matches, weighted targets, retries, timeouts), VirtualNode pod selectors, listeners and service
 * discovery, and the sidecar-injection switch (pkg/inject/constants.go). Unknown (templated) values read as
 * absent. Lists are read up to the model's bound.
 */
import { isMap, type Node } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { child, keyString, pairs, resolve } from '@shared/manifest/yamlNodes';
import { knownString } from '@shared/manifest/templates';
import { readSelector, type Selector } from '../model/labelSelector';
import { items, readNum, readStr, type Str } from '../gateway/model';

export const APPMESH_GROUP = 'appmesh.k8s.aws';
export const INJECT_KEY = 'appmesh.k8s.aws/sidecarInjectorWebhook';
export const APPMESH_KINDS = ['Mesh', 'VirtualService', 'VirtualRouter', 'VirtualNode', 'VirtualGateway', 'GatewayRoute', 'BackendGroup'];
export const END_OF_SUPPORT = '2026-09-30';

export function isAppMesh(obj: K8sObject): boolean {
  return obj.group === APPMESH_GROUP;
}

export interface RouteMatchInfo {
  prefix?: string;
  exact?: string;
  regex?: string;
  method?: string;
  headers: { name?: string; exact?: string; other?: string; invert: boolean }[];
  queryParameters: number;
  grpc?: { service?: string; method?: string; metadata: number };
}

export interface WeightedTarget {
  node?: string;
  nodeNamespace?: string;
  arn?: string;
  weight?: number;
  port?: number;
}

export interface MeshRoute {
  name?: string;
  priority?: number;
  type: 'httpRoute' | 'http2Route' | 'grpcRoute' | 'tcpRoute' | undefined;
  match: RouteMatchInfo;
  targets: WeightedTarget[];
  retry: boolean;
  timeout: boolean;
}

function header(h: Node, obj: K8sObject) {
  const m = child(h, 'match', obj.doc);
  const exact = readStr(m, 'exact', obj).value;
  const other = ['prefix', 'suffix', 'regex', 'range'].find((k) => child(m, k, obj.doc) !== undefined);
  return { name: readStr(h, 'name', obj).value, exact, other, invert: readStr(h, 'invert', obj).value === 'true' };
}

export function virtualRouterRoutes(obj: K8sObject): MeshRoute[] {
  return items(obj.node(['spec', 'routes']), obj).map((r) => {
    const type = (['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'] as const).find((t) => child(r, t, obj.doc) !== undefined);
    const body = type ? child(r, type, obj.doc) : undefined;
    const match = child(body, 'match', obj.doc);
    const path = child(match, 'path', obj.doc);
    const info: RouteMatchInfo = {
      prefix: readStr(match, 'prefix', obj).value,
      exact: readStr(path, 'exact', obj).value,
      regex: readStr(path, 'regex', obj).value,
      method: readStr(match, 'method', obj).value,
      headers: items(child(match, 'headers', obj.doc), obj).map((h) => header(h, obj)),
      queryParameters: items(child(match, 'queryParameters', obj.doc), obj).length,
    };
    if (type === 'grpcRoute')
      info.grpc = {
        service: readStr(match, 'serviceName', obj).value,
        method: readStr(match, 'methodName', obj).value,
        metadata: items(child(match, 'metadata', obj.doc), obj).length,
      };
    const targets = items(child(child(body, 'action', obj.doc), 'weightedTargets', obj.doc), obj).map((t) => {
      const ref = child(t, 'virtualNodeRef', obj.doc);
      return {
        node: readStr(ref, 'name', obj).value,
        nodeNamespace: readStr(ref, 'namespace', obj).value,
        arn: readStr(t, 'virtualNodeARN', obj).value,
        weight: readNum(t, 'weight', obj).value,
        port: readNum(t, 'port', obj).value,
      };
    });
    return {
      name: readStr(r, 'name', obj).value,
      priority: readNum(r, 'priority', obj).value,
      type,
      match: info,
      targets,
      retry: child(body, 'retryPolicy', obj.doc) !== undefined,
      timeout: child(body, 'timeout', obj.doc) !== undefined,
    };
  });
}

export interface Provider {
  kind: 'VirtualNode' | 'VirtualRouter';
  name?: string;
  namespace?: string;
  arn?: string;
}

export function virtualServiceProvider(obj: K8sObject): Provider | undefined {
  const p = obj.node(['spec', 'provider']);
  for (const kind of ['virtualRouter', 'virtualNode'] as const) {
    const b = child(p, kind, obj.doc);
    if (!isMap(b)) continue;
    const ref = child(b, kind === 'virtualRouter' ? 'virtualRouterRef' : 'virtualNodeRef', obj.doc);
    return {
      kind: kind === 'virtualRouter' ? 'VirtualRouter' : 'VirtualNode',
      name: readStr(ref, 'name', obj).value,
      namespace: readStr(ref, 'namespace', obj).value,
      arn: readStr(b, kind === 'virtualRouter' ? 'virtualRouterARN' : 'virtualNodeARN', obj).value,
    };
  }
  return undefined;
}

export interface NodeListener {
  port?: number;
  protocol?: string;
  health?: Record<string, string | undefined>;
  tls: boolean;
  outlier: boolean;
  pool: boolean;
  timeout: boolean;
}

export function virtualNodeListeners(obj: K8sObject): NodeListener[] {
  return items(obj.node(['spec', 'listeners']), obj).map((l) => {
    const pm = child(l, 'portMapping', obj.doc);
    const hc = child(l, 'healthCheck', obj.doc);
    const health: Record<string, string | undefined> | undefined = isMap(hc) ? {} : undefined;
    if (health)
      for (const p of pairs(resolve(hc, obj.doc))) {
        const k = keyString(p);
        if (k) health[k] = knownString(resolve(p.value, obj.doc));
      }
    return {
      port: readNum(pm, 'port', obj).value,
      protocol: readStr(pm, 'protocol', obj).value,
      health,
      tls: child(l, 'tls', obj.doc) !== undefined,
      outlier: child(l, 'outlierDetection', obj.doc) !== undefined,
      pool: child(l, 'connectionPool', obj.doc) !== undefined,
      timeout: child(l, 'timeout', obj.doc) !== undefined,
    };
  });
}

/** The VirtualNode's podSelector; undefined when absent (the controller then selects no Pod). */
export function podSelectorOf(obj: K8sObject): Selector | undefined {
  const n = obj.node(['spec', 'podSelector']);
  return isMap(n) ? readSelector(n, obj.doc) : undefined;
}

/** `meshRef.name` when written (the webhook fills it from namespace membership otherwise). */
export function meshRefName(obj: K8sObject): Str {
  return readStr(obj.node(['spec', 'meshRef']), 'name', obj);
}

/** Injection mode as the injector reads it: the Pod annotation wins over the Namespace label, compared case-insensitively. */
export function injectMode(nsLabel: string | undefined, podAnnotation: string | undefined): 'enabled' | 'disabled' | 'unspecified' | 'off' {
  // The webhook's namespaceSelector (In: enabled, disabled; case-sensitive) does not send other Pods at all.
  if (nsLabel !== 'enabled' && nsLabel !== 'disabled') return 'off';
  const v = (podAnnotation ?? nsLabel).toLowerCase();
  return v === 'enabled' ? 'enabled' : v === 'disabled' ? 'disabled' : 'unspecified';
}

/**
 * Reading an Ingress the way the AWS Load Balancer Controller does: its annotations (with their YAML nodes),
 * its rule backends (v1 `service.name/port` and v1beta1 `serviceName/servicePort`), and which controller its
 * class points to. Total over odd YAML: every helper tolerates missing or wrongly-typed nodes.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { sameNamespace } from '@shared/manifest/k8sObject';
import { keyString, resolve, scalarString, type NodePath } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { identitiesOf, namespacesOf, KUSTOMIZE_READS } from '../../kustomize/model';
import { deployedTogether, unseenSources } from '../../workspace/deployment';
import { ALB_PREFIX } from './catalog';

export const USE_ANNOTATION = 'use-annotation';

export interface AnnotationPair {
  key: string;
  keyNode: Node;
  /** The value node (undefined for `key:` with nothing). */
  valueNode?: Node;
  /** Text of the value when it is a scalar (numbers/booleans stringified). */
  text?: string;
  pair: Pair;
}

/** Per-object memo: K8sObjects of unchanged documents are reused, so these survive edits elsewhere. */
function memo<T>(cache: WeakMap<K8sObject, T>, obj: K8sObject, build: () => T): T {
  let v = cache.get(obj);
  if (v === undefined) { v = build(); cache.set(obj, v); }
  return v;
}
const pairsMemo = new WeakMap<K8sObject, AnnotationPair[]>();
const backendsMemo = new WeakMap<K8sObject, Backend[]>();

/** The pairs under metadata.annotations (aliases followed once). */
export function annotationPairs(obj: K8sObject): AnnotationPair[] {
  return memo(pairsMemo, obj, () => buildAnnotationPairs(obj));
}

function buildAnnotationPairs(obj: K8sObject): AnnotationPair[] {
  const map = obj.node(['metadata', 'annotations']);
  if (!isMap(map)) return [];
  const out: AnnotationPair[] = [];
  for (const p of (map as YAMLMap).items as Pair[]) {
    const key = keyString(p);
    if (key === undefined || !p.key) continue;
    const v = resolve(p.value, obj.doc);
    out.push({ key, keyNode: p.key as Node, valueNode: v, text: scalarString(v), pair: p });
  }
  return out;
}

/**
 * Whether a template may add annotations this document does not show: the annotations map is open (an
 * action writes into it, or it is an action), an annotation name is an action, or there is no annotations
 * map and metadata is open. Checks that conclude "annotation X is not set" must not then.
 */
export function annotationsMayHoldMore(obj: K8sObject): boolean {
  if (!obj.hasTemplates) return false;
  if (annotationPairs(obj).some((a) => isUnknownText(a.key))) return true;
  const ann = obj.node(['metadata', 'annotations']);
  if (ann !== undefined) return obj.isOpen(ann);
  const md = obj.node(['metadata']);
  return md !== undefined ? obj.isOpen(md) : obj.isOpen(obj.root);
}

/** Whether a template may add rule backends this document does not show (or some have unknown names). */
export function backendsMayHoldMore(obj: K8sObject): boolean {
  if (!obj.hasTemplates) return false;
  if (ingressBackends(obj).some((b) => b.name === undefined || isUnknownText(b.name))) return true;
  const spec = obj.node(['spec']);
  if (spec === undefined) return obj.isOpen(obj.root);
  const rules = obj.node(['spec', 'rules']);
  if (rules !== undefined && obj.isOpen(rules)) return true;
  return obj.isOpen(spec);
}

export function albPairs(obj: K8sObject): AnnotationPair[] {
  return annotationPairs(obj).filter((a) => a.key.startsWith(ALB_PREFIX));
}


export interface Backend {
  /** Service name (or action name for use-annotation backends). */
  name?: string;
  nameNode?: Node;
  /** port.name / servicePort when a string. */
  portName?: string;
  /** port.number / servicePort when a number (or a numeric string in v1beta1). */
  portNumber?: number;
  portNode?: Node;
  /** Path under the object root of the backend map. */
  path: NodePath;
  /** v1beta1 style (serviceName/servicePort). */
  legacy: boolean;
}

function backendAt(obj: K8sObject, path: NodePath): Backend | undefined {
  const b = obj.node(path);
  if (!isMap(b)) return undefined;
  const svc = obj.node([...path, 'service']);
  if (isMap(svc)) {
    const nameNode = obj.node([...path, 'service', 'name']);
    const portNameNode = obj.node([...path, 'service', 'port', 'name']);
    const portNumberNode = obj.node([...path, 'service', 'port', 'number']);
    const num = isScalar(portNumberNode) ? (portNumberNode as Scalar).value : undefined;
    return {
      name: scalarString(nameNode), nameNode,
      portName: scalarString(portNameNode),
      portNumber: typeof num === 'number' ? num : undefined,
      portNode: portNameNode ?? portNumberNode,
      path, legacy: false,
    };
  }
  const nameNode = obj.node([...path, 'serviceName']);
  const portNode = obj.node([...path, 'servicePort']);
  if (!nameNode && !portNode) return undefined;
  const pv = isScalar(portNode) ? (portNode as Scalar).value : undefined;
  const isNum = typeof pv === 'number' || (typeof pv === 'string' && /^\d+$/.test(pv));
  return {
    name: scalarString(nameNode), nameNode,
    portName: !isNum && typeof pv === 'string' ? pv : undefined,
    portNumber: isNum ? Number(pv) : undefined,
    portNode, path, legacy: true,
  };
}

/** Every backend of an Ingress: the default backend and each rule path's backend. */
export function ingressBackends(obj: K8sObject): Backend[] {
  return memo(backendsMemo, obj, () => buildBackends(obj));
}

function buildBackends(obj: K8sObject): Backend[] {
  const out: Backend[] = [];
  for (const key of ['defaultBackend', 'backend']) {
    const b = backendAt(obj, ['spec', key]);
    if (b) out.push(b);
  }
  const rules = obj.node(['spec', 'rules']);
  if (!isSeq(rules)) return out;
  (rules as YAMLSeq).items.forEach((_, i) => {
    const paths = obj.node(['spec', 'rules', i, 'http', 'paths']);
    if (!isSeq(paths)) return;
    (paths as YAMLSeq).items.forEach((__, j) => {
      const b = backendAt(obj, ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
      if (b) out.push(b);
    });
  });
  return out;
}

/** Names of use-annotation backends (the action names rules expect). */
export function actionBackendNames(obj: K8sObject): string[] {
  return [...new Set(ingressBackends(obj).filter((b) => b.portName === USE_ANNOTATION && b.name).map((b) => b.name!))];
}

export type ClassKind = 'alb' | 'auto-mode' | 'other' | 'unknown';

export interface ClassInfo {
  kind: ClassKind;
  /** The class name (from spec.ingressClassName, the legacy annotation, or the default IngressClass). */
  name?: string;
  /** Where the class was named. */
  via: 'ingressClassName' | 'annotation' | 'default' | 'none';
  node?: Node;
  controller?: string;
}

export const LBC_CONTROLLER = 'ingress.k8s.aws/alb';
export const AUTO_MODE_CONTROLLER = 'eks.amazonaws.com/alb';
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function controllerKind(controller: string | undefined): ClassKind {
  if (controller === LBC_CONTROLLER) return 'alb';
  if (controller === AUTO_MODE_CONTROLLER) return 'auto-mode';
  return controller ? 'other' : 'unknown';
}

/** IngressClass objects are cluster-scoped: match by name only. */
function ingressClassNamed(index: WorkspaceIndex, name: string): K8sObject | undefined {
  return index.byKind('IngressClass').find((c) => c.name === name);
}

/** Which controller serves this Ingress, as far as the workspace tells. */
export function ingressClassOf(obj: K8sObject, index: WorkspaceIndex): ClassInfo {
  const nameNode = obj.node(['spec', 'ingressClassName']);
  const name = scalarString(nameNode);
  if (name !== undefined) {
    const cls = ingressClassNamed(index, name);
    const controller = cls ? scalarString(cls.node(['spec', 'controller'])) : undefined;
    if (cls) return { kind: controllerKind(controller), name, via: 'ingressClassName', node: nameNode, controller };
    return { kind: name === 'alb' ? 'alb' : 'unknown', name, via: 'ingressClassName', node: nameNode };
  }
  const ann = annotationPairs(obj).find((a) => a.key === LEGACY_CLASS_ANNOTATION);
  if (ann && ann.text !== undefined) {
    const cls = ingressClassNamed(index, ann.text);
    const controller = cls ? scalarString(cls.node(['spec', 'controller'])) : undefined;
    // The controller matches the annotation against its --ingress-class flag ("alb" by default), not IngressClasses.
    const kind: ClassKind = ann.text === 'alb' ? 'alb' : cls ? controllerKind(controller) : 'other';
    return { kind, name: ann.text, via: 'annotation', node: ann.valueNode, controller };
  }
  const def = index.byKind('IngressClass').find((c) => c.annotations['ingressclass.kubernetes.io/is-default-class'] === 'true');
  if (def) {
    const controller = scalarString(def.node(['spec', 'controller']));
    return { kind: controllerKind(controller), name: def.name, via: 'default', controller };
  }
  return { kind: 'unknown', via: 'none' };
}

/**
 * Services by name (until the Services or the kustomizations change: a build renames them) and Ingresses by
 * IngressGroup (until the Ingresses change).
 */
interface WsCache {
  serviceGen: string; ingressGen: number;
  servicesByName?: Map<string, { svc: K8sObject; namespace?: string }[]>; unknownNamed?: K8sObject[]; serviceNamespaces?: Set<string | undefined>;
  groups?: Map<string, K8sObject[]>; groupValues?: Map<string, Map<string, K8sObject>>;
}
const wsCaches = new WeakMap<WorkspaceIndex, WsCache>();
function wsCache(index: WorkspaceIndex): WsCache {
  const serviceGen = index.kindsKey(SERVICE_READS);
  const ingressGen = index.kindGeneration('Ingress');
  let c = wsCaches.get(index);
  if (!c) { c = { serviceGen, ingressGen }; wsCaches.set(index, c); }
  if (c.serviceGen !== serviceGen) { c.serviceGen = serviceGen; c.servicesByName = undefined; c.unknownNamed = undefined; c.serviceNamespaces = undefined; }
  if (c.ingressGen !== ingressGen) { c.ingressGen = ingressGen; c.groups = undefined; c.groupValues = undefined; }
  return c;
}

/** What the Service lookups read: Services, and the kustomizations that rename them. */
export const SERVICE_READS: readonly string[] = ['Service', ...KUSTOMIZE_READS];
function groupBy(objs: K8sObject[], key: (o: K8sObject) => string | undefined): Map<string, K8sObject[]> {
  const m = new Map<string, K8sObject[]>();
  for (const o of objs) {
    const k = key(o);
    if (k === undefined) continue;
    const l = m.get(k);
    if (l) l.push(o); else m.set(k, [o]);
  }
  return m;
}

/**
 * Services of the workspace an Ingress in `namespace` can reach by name: by their own name, or by the name a
 * kustomization build gives them (namespace, namePrefix, nameSuffix).
 */
export function servicesNamed(index: WorkspaceIndex, name: string, namespace: string | undefined): K8sObject[] {
  const c = wsCache(index);
  if (!c.servicesByName) {
    const m = new Map<string, { svc: K8sObject; namespace?: string }[]>();
    for (const svc of index.byKind('Service')) {
      for (const id of identitiesOf(index, svc)) {
        const l = m.get(id.name);
        if (l) l.push({ svc, namespace: id.namespace }); else m.set(id.name, [{ svc, namespace: id.namespace }]);
      }
    }
    c.servicesByName = m;
  }
  const out: K8sObject[] = [];
  for (const e of c.servicesByName.get(name) ?? []) if (sameNamespace(e.namespace, namespace) && !out.includes(e.svc)) out.push(e.svc);
  return out;
}

/** Whether the workspace has a Service an Ingress in `namespace` can see (by its own or a build-given namespace). */
export function hasServicesFor(index: WorkspaceIndex, namespace: string | undefined): boolean {
  servicesNamed(index, '', undefined);
  const c = wsCache(index);
  if (!c.serviceNamespaces) {
    c.serviceNamespaces = new Set();
    for (const list of c.servicesByName!.values()) for (const e of list) c.serviceNamespaces.add(e.namespace);
  }
  return namespace === undefined ? c.serviceNamespaces.size > 0 : c.serviceNamespaces.has(namespace) || c.serviceNamespaces.has(undefined);
}

/** Every name a Service of the workspace has (own and build-given), for "did you mean". */
export function serviceNames(index: WorkspaceIndex, namespace: string | undefined): Set<string> {
  servicesNamed(index, '', undefined);
  const out = new Set<string>();
  for (const [name, list] of wsCache(index).servicesByName!) if (list.some((e) => namespace === undefined || e.namespace === undefined || e.namespace === namespace)) out.add(name);
  return out;
}

/** Services whose name is a template action or placeholder, which an Ingress in `namespace` may mean. */
export function unknownNamedServices(index: WorkspaceIndex, namespace: string | undefined): K8sObject[] {
  const c = wsCache(index);
  c.unknownNamed ??= index.byKind('Service').filter((s) => s.nameUnknown);
  return c.unknownNamed.filter((s) => sameNamespace(s.namespace, namespace));
}

/** Ingresses of the workspace whose `group.name` annotation is `group` (IngressGroups span namespaces). */
export function ingressGroupMembers(index: WorkspaceIndex, group: string): K8sObject[] {
  const c = wsCache(index);
  c.groups ??= groupBy(index.byKind('Ingress'), (o) => o.annotations[GROUP_NAME_KEY]);
  return c.groups.get(group) ?? [];
}
const GROUP_NAME_KEY = ALB_PREFIX + 'group.name';

/**
 * The distinct values an annotation takes across the members of an IngressGroup (placeholders left out),
 * each with the first member that sets it. Built once per group and key until the Ingresses change, so checking
 * every member stays linear in the group's size.
 */
export function groupAnnotationValues(index: WorkspaceIndex, group: string, key: string): Map<string, K8sObject> {
  const c = wsCache(index);
  c.groupValues ??= new Map();
  const id = `${group}\u0000${key}`;
  let values = c.groupValues.get(id);
  if (!values) {
    values = new Map();
    for (const o of ingressGroupMembers(index, group)) {
      const v = o.annotations[key];
      if (v !== undefined && !isUnknownText(v) && !values.has(v)) values.set(v, o);
    }
    c.groupValues.set(id, values);
  }
  return values;
}

/**
 * Whether the workspace shows the Services an Ingress (or its actions) may name in these namespaces, for a
 * Service it does not find:
 * - null: a Service deployed with the Ingress has a templated name and may be the one: nothing is missing;
 * - a reason (then the finding is information at most): no Service of the namespace is deployed together
 *   with the Ingress (same kustomization build, chart or folder tree), or something deployed with it creates
 *   objects the workspace does not show (Helm charts, remote bases, operators' custom resources, kube-system);
 * - undefined: the workspace shows them; a missing Service is a warning.
 */
export function missingServiceDoubt(index: WorkspaceIndex, obj: K8sObject, nss: (string | undefined)[]): string | undefined | null {
  if (nss.some((n) => unknownNamedServices(index, n).some((s) => deployedTogether(index, obj.uri, s.uri)))) return null;
  const together = index.byKind('Service').some((s) => nss.some((n) => namespacesOf(index, s).some((sn) => sameNamespace(sn, n))) && deployedTogether(index, obj.uri, s.uri));
  if (!together) return 'no Service of this namespace is deployed together with this Ingress';
  for (const n of nss) {
    const why = unseenSources(index, obj.uri, n);
    if (why) return why;
  }
  return undefined;
}

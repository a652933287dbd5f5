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
import { MemoKey } from '@shared/manifest/memo';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { groupBy, indexCache } from '../../workspace/indexCache';
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

// Per-object memos: K8sObjects of unchanged documents are reused, so these survive edits elsewhere.
const PAIRS = new MemoKey<AnnotationPair[]>('alb.annotationPairs');
const BACKENDS = new MemoKey<Backend[]>('alb.backends');

/** The pairs under metadata.annotations (aliases followed once). */
export function annotationPairs(obj: K8sObject): AnnotationPair[] {
  return obj.memo.getOrCreate(PAIRS, () => buildAnnotationPairs(obj));
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
  return obj.memo.getOrCreate(BACKENDS, () => buildBackends(obj));
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

// Cross-document tables, rebuilt when the kinds they read change (per-kind generations of the index).
const servicesByName = indexCache(['Service'], (index) => groupBy(index.byKind('Service'), (s) => s.name));
const ingressGroups = indexCache(['Ingress'], (index) => ({
  members: groupBy(index.byKind('Ingress'), (o) => o.annotations[GROUP_NAME_KEY]),
  values: new Map<string, Map<string, K8sObject>>(),
}));

/** Services of the workspace an Ingress in `namespace` can reach by name. */
export function servicesNamed(index: WorkspaceIndex, name: string, namespace: string | undefined): K8sObject[] {
  return (servicesByName(index).get(name) ?? []).filter((s) => sameNamespace(s.namespace, namespace));
}

/** Ingresses of the workspace whose `group.name` annotation is `group` (IngressGroups span namespaces). */
export function ingressGroupMembers(index: WorkspaceIndex, group: string): K8sObject[] {
  return ingressGroups(index).members.get(group) ?? [];
}
const GROUP_NAME_KEY = ALB_PREFIX + 'group.name';

/**
 * The distinct values an annotation takes across the members of an IngressGroup (placeholders left out),
 * each with the first member that sets it. Built once per group and key until the Ingresses change, so checking
 * every member stays linear in the group's size.
 */
export function groupAnnotationValues(index: WorkspaceIndex, group: string, key: string): Map<string, K8sObject> {
  const c = ingressGroups(index);
  const id = `${group}\u0000${key}`;
  let values = c.values.get(id);
  if (!values) {
    values = new Map();
    for (const o of ingressGroupMembers(index, group)) {
      const v = o.annotations[key];
      if (v !== undefined && !isUnknownText(v) && !values.has(v)) values.set(v, o);
    }
    c.values.set(id, values);
  }
  return values;
}


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
import { indexCache } from '../../workspace/indexCache';
import { identitiesOf, namespacesOf, KUSTOMIZE_READS } from '../../kustomize/model';
import { deployedTogether, unseenSources } from '../../workspace/deployment';
import { ALB_PREFIX } from './catalog';
import { parseGoBool, parseListenPorts, parseStringList, type ListenPort } from './values';
import { CLASS_READS, ingressClassOf, type ClassInfo, type ClassParams } from '../classParams/model';

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
      name: scalarString(nameNode),
      nameNode,
      portName: scalarString(portNameNode),
      portNumber: typeof num === 'number' ? num : undefined,
      portNode: portNameNode ?? portNumberNode,
      path,
      legacy: false,
    };
  }
  const nameNode = obj.node([...path, 'serviceName']);
  const portNode = obj.node([...path, 'servicePort']);
  if (!nameNode && !portNode) return undefined;
  const pv = isScalar(portNode) ? (portNode as Scalar).value : undefined;
  const isNum = typeof pv === 'number' || (typeof pv === 'string' && /^\d+$/.test(pv));
  return {
    name: scalarString(nameNode),
    nameNode,
    portName: !isNum && typeof pv === 'string' ? pv : undefined,
    portNumber: isNum ? Number(pv) : undefined,
    portNode,
    path,
    legacy: true,
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
  return [
    ...new Set(
      ingressBackends(obj)
        .filter((b) => b.portName === USE_ANNOTATION && b.name)
        .map((b) => b.name!),
    ),
  ];
}

export {
  ingressClassOf,
  LBC_CONTROLLER,
  AUTO_MODE_CONTROLLER,
  LEGACY_CLASS_ANNOTATION,
  CLASS_READS,
  type ClassInfo,
  type ClassKind,
} from '../classParams/model';

// ------------------------------------------------------------------------------------ settings after the class

/** An annotation's known text on this Ingress (undefined when absent or a template/placeholder). */
export function knownAnnotation(obj: K8sObject, suffix: string): string | undefined {
  const v = obj.annotations[ALB_PREFIX + suffix];
  return v === undefined || isUnknownText(v) ? undefined : v;
}

export interface IngressSettings {
  obj: K8sObject;
  cls: ClassInfo;
  params?: ClassParams;
  /** The IngressGroup: IngressClassParams `spec.group.name` wins over the `group.name` annotation (group_loader.go loadGroupID). */
  group?: { name: string; fromParams: boolean };
  /** Certificates for the HTTPS listeners: the class's, else `certificate-arn` (model_build_listener.go computeIngressExplicitTLSCertARNs). */
  certificates: { arns: string[]; fromParams: boolean; unknown: boolean };
  /** Whether the controller prefers TLS for the default listener (explicit certificates, or create-acm-cert). */
  preferTLS: boolean;
  /**
   * The listeners: `listen-ports`, or the default HTTPS:443 when TLS is preferred, else HTTP:80
   * (computeIngressListenPorts). Undefined when listen-ports is a template or does not parse.
   */
  listeners?: ListenPort[];
  /** Whether the listeners are the default ones (no listen-ports annotation). */
  defaultListeners: boolean;
  /** Whether a template may add annotations this document does not show (annotationsMayHoldMore). */
  mayHoldMore: boolean;
}

const settingsMemo = indexCache([...CLASS_READS], () => new WeakMap<K8sObject, IngressSettings>());

/** What the controller will use for this Ingress once its IngressClass and IngressClassParams are applied. */
export function ingressSettings(obj: K8sObject, index: WorkspaceIndex): IngressSettings {
  const memo = settingsMemo(index);
  let s = memo.get(obj);
  if (!s) {
    s = buildSettings(obj, index);
    memo.set(obj, s);
  }
  return s;
}

function buildSettings(obj: K8sObject, index: WorkspaceIndex): IngressSettings {
  const cls = ingressClassOf(obj, index);
  const params = cls.params;
  let group: IngressSettings['group'];
  if (params?.group) group = { name: params.group, fromParams: true };
  else if (!params?.unknown.has('group')) {
    const g = knownAnnotation(obj, 'group.name');
    if (g !== undefined) group = { name: g, fromParams: false };
  }
  // A template that may add annotations may add certificate-arn or listen-ports: then neither is known.
  const mayHoldMore = annotationsMayHoldMore(obj);
  const certText = obj.annotations[ALB_PREFIX + 'certificate-arn'];
  const certificates = params?.certificateArns
    ? { arns: params.certificateArns, fromParams: true, unknown: false }
    : {
        arns: certText !== undefined && !isUnknownText(certText) ? parseStringList(certText) : [],
        fromParams: false,
        unknown: (certText !== undefined ? isUnknownText(certText) : mayHoldMore) || !!params?.unknown.has('certificateArns'),
      };
  const createAcm = parseGoBool(obj.annotations[ALB_PREFIX + 'create-acm-cert'] ?? '') === true;
  const preferTLS = certificates.arns.length > 0 || createAcm;
  const lp = obj.annotations[ALB_PREFIX + 'listen-ports'];
  let listeners: ListenPort[] | undefined;
  if (lp !== undefined) listeners = isUnknownText(lp) ? undefined : parseListenPorts(lp);
  else if (!certificates.unknown && !mayHoldMore)
    listeners = [preferTLS ? { protocol: 'HTTPS', port: 443 } : { protocol: 'HTTP', port: 80 }];
  return { obj, cls, params, group, certificates, preferTLS, listeners, defaultListeners: lp === undefined, mayHoldMore };
}

/** What the Service lookups read: Services, and the kustomizations that rename them. */
export const SERVICE_READS: readonly string[] = ['Service', ...KUSTOMIZE_READS];

// Services by name, own and build-given (a kustomization's namespace, namePrefix, nameSuffix), rebuilt when
// the Services or the kustomizations change (per-kind generations of the index).
const serviceTables = indexCache(SERVICE_READS, (index) => {
  const byName = new Map<string, { svc: K8sObject; namespace?: string }[]>();
  const namespaces = new Set<string | undefined>();
  const unknownNamed: K8sObject[] = [];
  for (const svc of index.byKind('Service')) {
    if (svc.nameUnknown) unknownNamed.push(svc);
    for (const id of identitiesOf(index, svc)) {
      const l = byName.get(id.name);
      if (l) l.push({ svc, namespace: id.namespace });
      else byName.set(id.name, [{ svc, namespace: id.namespace }]);
      namespaces.add(id.namespace);
    }
  }
  return { byName, namespaces, unknownNamed };
});

/**
 * Services of the workspace an Ingress in `namespace` can reach by name: by their own name, or by the name a
 * kustomization build gives them (namespace, namePrefix, nameSuffix).
 */
export function servicesNamed(index: WorkspaceIndex, name: string, namespace: string | undefined): K8sObject[] {
  const out: K8sObject[] = [];
  for (const e of serviceTables(index).byName.get(name) ?? [])
    if (sameNamespace(e.namespace, namespace) && !out.includes(e.svc)) out.push(e.svc);
  return out;
}

/** Whether the workspace has a Service an Ingress in `namespace` can see (by its own or a build-given namespace). */
export function hasServicesFor(index: WorkspaceIndex, namespace: string | undefined): boolean {
  const nss = serviceTables(index).namespaces;
  return namespace === undefined ? nss.size > 0 : nss.has(namespace) || nss.has(undefined);
}

/** Every name a Service of the workspace has (own and build-given), for "did you mean". */
export function serviceNames(index: WorkspaceIndex, namespace: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const [name, list] of serviceTables(index).byName)
    if (list.some((e) => namespace === undefined || e.namespace === undefined || e.namespace === namespace)) out.add(name);
  return out;
}

/** Services whose name is a template action or placeholder, which an Ingress in `namespace` may mean. */
export function unknownNamedServices(index: WorkspaceIndex, namespace: string | undefined): K8sObject[] {
  return serviceTables(index).unknownNamed.filter((s) => sameNamespace(s.namespace, namespace));
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
  const together = index
    .byKind('Service')
    .some((s) => nss.some((n) => namespacesOf(index, s).some((sn) => sameNamespace(sn, n))) && deployedTogether(index, obj.uri, s.uri));
  if (!together) return 'no Service of this namespace is deployed together with this Ingress';
  for (const n of nss) {
    const why = unseenSources(index, obj.uri, n);
    if (why) return why;
  }
  return undefined;
}

// ------------------------------------------------------------------------------------ what a template may add

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

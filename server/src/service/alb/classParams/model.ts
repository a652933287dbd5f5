/**
 * IngressClassParams as the two ALB controllers read them, and the chain an Ingress follows to reach them:
 * the legacy class annotation (which wins and loads no parameters), `spec.ingressClassName`, or the default
 * IngressClass; then the IngressClass's `spec.parameters` (aws-load-balancer-controller
 * pkg/ingress/class_loader.go Load, group_loader.go classifyIngress).
 *
 * Two flavours: `elbv2.k8s.aws/v1beta1` for the AWS Load Balancer Controller (apis/elbv2/v1beta1/
 * ingressclassparams_types.go) and `eks.amazonaws.com/v1` for EKS Auto Mode's built-in ALB, whose field names
 * differ (`certificateARNs`, `subnets.matchTags`; EKS user guide, auto-configure-alb). Template values are
 * unknown: they neither override nor conflict.
 */
import { isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { MemoKey } from '@shared/manifest/memo';
import { isUnknownNode, knownString } from '@shared/manifest/templates';
import { child, keyString, pairs, scalarString, toPlain } from '@shared/manifest/yamlNodes';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { indexCache } from '../../workspace/indexCache';

export type Flavour = 'lbc' | 'auto';

export const LBC_CONTROLLER = 'ingress.k8s.aws/alb';
export const AUTO_MODE_CONTROLLER = 'eks.amazonaws.com/alb';
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
/** The API group each controller's IngressClass parameters must name (class_loader.go; EKS user guide). */
export const PARAMS_GROUP: Record<Flavour, string> = { lbc: 'elbv2.k8s.aws', auto: 'eks.amazonaws.com' };
export const PARAMS_KIND = 'IngressClassParams';

export function flavourOfController(controller: string | undefined): Flavour | undefined {
  return controller === LBC_CONTROLLER ? 'lbc' : controller === AUTO_MODE_CONTROLLER ? 'auto' : undefined;
}

/** The flavour of an IngressClassParams object, from its API group. */
export function flavourOfParams(obj: K8sObject): Flavour | undefined {
  if (obj.kind !== PARAMS_KIND) return undefined;
  return obj.group === PARAMS_GROUP.lbc ? 'lbc' : obj.group === PARAMS_GROUP.auto ? 'auto' : undefined;
}

/** A string map as a sorted, comparable text (`k=v` lines). */
export function mapKey(m: ReadonlyMap<string, string>): string {
  return [...m.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/** What an IngressClassParams object sets, in the controller's terms (undefined: not set, or a template). */
export interface ClassParams {
  obj: K8sObject;
  flavour: Flavour;
  group?: string;
  scheme?: string;
  ipAddressType?: string;
  loadBalancerName?: string;
  /** `certificateArn` (controller) / `certificateARNs` (Auto Mode); set only when non-empty. */
  certificateArns?: string[];
  sslPolicy?: string;
  sslRedirectPort?: string;
  inboundCIDRs?: string[];
  /** `prefixListsIDs`, else the legacy `PrefixListsIDs`. */
  prefixLists?: string[];
  targetType?: string;
  /** The subnet selector, as comparable text (the controller compares selectors with cmp.Equal). */
  subnets?: string;
  tags?: Map<string, string>;
  loadBalancerAttributes?: Map<string, string>;
  /** Listener attributes by `PROTOCOL-port`. */
  listenerAttributes?: Map<string, Map<string, string>>;
  minimumCapacityUnits?: string;
  ipamPool?: string;
  wafv2AclArn?: string;
  wafv2AclName?: string;
  /** Fields whose value is a template or placeholder: unknown, so they neither override nor conflict. */
  unknown: Set<string>;
}

/** The spec field of each flavour that a ClassParams property comes from (for messages and docs). */
export const PARAMS_FIELD: Record<Flavour, Partial<Record<keyof ClassParams, string>>> = {
  lbc: {
    group: 'spec.group.name',
    scheme: 'spec.scheme',
    ipAddressType: 'spec.ipAddressType',
    loadBalancerName: 'spec.loadBalancerName',
    certificateArns: 'spec.certificateArn',
    sslPolicy: 'spec.sslPolicy',
    sslRedirectPort: 'spec.sslRedirectPort',
    inboundCIDRs: 'spec.inboundCIDRs',
    prefixLists: 'spec.prefixListsIDs',
    targetType: 'spec.targetType',
    subnets: 'spec.subnets',
    tags: 'spec.tags',
    loadBalancerAttributes: 'spec.loadBalancerAttributes',
    listenerAttributes: 'spec.listeners[].listenerAttributes',
    minimumCapacityUnits: 'spec.minimumLoadBalancerCapacity.capacityUnits',
    ipamPool: 'spec.ipamConfiguration.ipv4IPAMPoolId',
    wafv2AclArn: 'spec.wafv2AclArn',
    wafv2AclName: 'spec.wafv2AclName',
  },
  auto: {
    group: 'spec.group.name',
    scheme: 'spec.scheme',
    ipAddressType: 'spec.ipAddressType',
    certificateArns: 'spec.certificateARNs',
    subnets: 'spec.subnets',
    tags: 'spec.tags',
    loadBalancerAttributes: 'spec.loadBalancerAttributes',
  },
};

const PARAMS = new MemoKey<ClassParams | undefined>('alb.classParams');

/** The IngressClassParams object read once per document. */
export function classParamsOf(obj: K8sObject): ClassParams | undefined {
  const flavour = flavourOfParams(obj);
  if (!flavour) return undefined;
  return obj.memo.getOrCreate(PARAMS, () => readParams(obj, flavour));
}

function readParams(obj: K8sObject, flavour: Flavour): ClassParams {
  const spec = obj.node(['spec']);
  const doc = obj.doc;
  const unknown = new Set<string>();
  const str = (name: string, field: keyof ClassParams, node = child(spec, name, doc)): string | undefined => {
    if (node === undefined) return undefined;
    if (isUnknownNode(node)) {
      unknown.add(field);
      return undefined;
    }
    const v = knownString(node);
    return v === '' ? undefined : v;
  };
  const list = (name: string, field: keyof ClassParams): string[] | undefined => {
    const n = child(spec, name, doc);
    if (n === undefined) return undefined;
    if (!isSeq(n)) {
      if (isUnknownNode(n) || obj.isOpen(n)) unknown.add(field);
      return undefined;
    }
    const out: string[] = [];
    for (const item of n.items) {
      if (isUnknownNode(item)) {
        unknown.add(field);
        return undefined;
      }
      const s = knownString(item);
      if (s !== undefined) out.push(s);
    }
    return out.length ? out : undefined;
  };
  /** A list of {key, value} objects (Tag, Attribute). */
  const keyValues = (n: unknown, field: keyof ClassParams): Map<string, string> | undefined => {
    if (n === undefined) return undefined;
    if (!isSeq(n)) {
      unknown.add(field);
      return undefined;
    }
    const m = new Map<string, string>();
    for (const item of n.items) {
      const k = child(item, 'key', doc),
        v = child(item, 'value', doc);
      if (isUnknownNode(k) || isUnknownNode(v) || !isMap(item)) {
        unknown.add(field);
        return undefined;
      }
      const ks = knownString(k);
      if (ks !== undefined) m.set(ks, knownString(v) ?? '');
    }
    return m.size ? m : undefined;
  };
  const p: ClassParams = { obj, flavour, unknown };
  p.group = str('name', 'group', child(child(spec, 'group', doc), 'name', doc));
  p.scheme = str('scheme', 'scheme');
  p.ipAddressType = str('ipAddressType', 'ipAddressType');
  p.certificateArns = list(flavour === 'auto' ? 'certificateARNs' : 'certificateArn', 'certificateArns');
  p.tags = keyValues(child(spec, 'tags', doc), 'tags');
  p.loadBalancerAttributes = keyValues(child(spec, 'loadBalancerAttributes', doc), 'loadBalancerAttributes');
  const subnets = child(spec, 'subnets', doc);
  if (subnets !== undefined) {
    if (!isMap(subnets) || containsUnknown(subnets)) unknown.add('subnets');
    else p.subnets = JSON.stringify(sortedPlain(toPlain(subnets, doc)));
  }
  if (flavour === 'lbc') {
    p.loadBalancerName = str('loadBalancerName', 'loadBalancerName');
    p.sslPolicy = str('sslPolicy', 'sslPolicy');
    p.sslRedirectPort = str('sslRedirectPort', 'sslRedirectPort');
    p.inboundCIDRs = list('inboundCIDRs', 'inboundCIDRs');
    p.prefixLists = list('prefixListsIDs', 'prefixLists') ?? list('PrefixListsIDs', 'prefixLists');
    p.targetType = str('targetType', 'targetType');
    p.wafv2AclArn = str('wafv2AclArn', 'wafv2AclArn');
    p.wafv2AclName = str('wafv2AclName', 'wafv2AclName');
    p.ipamPool = str('ipv4IPAMPoolId', 'ipamPool', child(child(spec, 'ipamConfiguration', doc), 'ipv4IPAMPoolId', doc));
    p.minimumCapacityUnits = str(
      'capacityUnits',
      'minimumCapacityUnits',
      child(child(spec, 'minimumLoadBalancerCapacity', doc), 'capacityUnits', doc),
    );
    const listeners = child(spec, 'listeners', doc);
    if (isSeq(listeners)) {
      const byPort = new Map<string, Map<string, string>>();
      for (const l of listeners.items) {
        const proto = knownString(child(l, 'protocol', doc)),
          port = knownString(child(l, 'port', doc));
        const attrs = keyValues(child(l, 'listenerAttributes', doc), 'listenerAttributes');
        if (proto && port && attrs && !byPort.has(`${proto}-${port}`)) byPort.set(`${proto}-${port}`, attrs);
      }
      if (byPort.size) p.listenerAttributes = byPort;
    }
  }
  return p;
}

function containsUnknown(n: unknown, budget = { left: 2000 }): boolean {
  if (--budget.left < 0) return true;
  if (isUnknownNode(n)) return true;
  if (isMap(n))
    return (n as YAMLMap).items.some((p) => containsUnknown((p as Pair).key, budget) || containsUnknown((p as Pair).value, budget));
  if (isSeq(n)) return n.items.some((i) => containsUnknown(i, budget));
  return false;
}

function sortedPlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedPlain);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, sortedPlain(x)]),
    );
  return v;
}

// ------------------------------------------------------------------------------------------------ classes

export type ClassKind = 'alb' | 'auto-mode' | 'other' | 'unknown';

export interface ClassInfo {
  kind: ClassKind;
  /** The class name (from spec.ingressClassName, the legacy annotation, or the default IngressClass). */
  name?: string;
  /** Where the class was named. */
  via: 'ingressClassName' | 'annotation' | 'default' | 'none';
  node?: Node;
  controller?: string;
  /** The IngressClass object, when the workspace has it. */
  ingressClass?: K8sObject;
  /** Its IngressClassParams, when it names parameters of its controller's flavour and the workspace has them. */
  params?: ClassParams;
  /** The class names parameters that the workspace does not hold (their values are unknown). */
  paramsUnseen?: boolean;
}

function controllerKind(controller: string | undefined): ClassKind {
  if (controller === LBC_CONTROLLER) return 'alb';
  if (controller === AUTO_MODE_CONTROLLER) return 'auto-mode';
  return controller ? 'other' : 'unknown';
}

/**
 * IngressClasses by name, the default classes, and IngressClassParams by flavour and name. A name the
 * workspace defines twice, differently (variants for several clusters), is ambiguous: its parameters are then
 * not known, and the class counts only for what all its definitions agree on (the controller).
 */
const classTables = indexCache(['IngressClass', PARAMS_KIND], (index) => {
  const classes = new Map<string, K8sObject>();
  const ambiguousClasses = new Set<string>();
  const defaults: K8sObject[] = [];
  const specText = (o: K8sObject) => JSON.stringify(toPlain(o.node(['spec']), o.doc));
  for (const c of index.byKind('IngressClass')) {
    if (!c.name) continue;
    const seen = classes.get(c.name);
    if (!seen) classes.set(c.name, c);
    else if (specText(seen) !== specText(c)) ambiguousClasses.add(c.name);
    if (c.annotations[DEFAULT_CLASS_ANNOTATION] === 'true' && !defaults.some((d) => d.name === c.name)) defaults.push(c);
  }
  const params = new Map<string, ClassParams>();
  const ambiguousParams = new Set<string>();
  for (const o of index.byKind(PARAMS_KIND)) {
    const p = classParamsOf(o);
    if (!p || !o.name) continue;
    const key = `${p.flavour}/${o.name}`;
    const seen = params.get(key);
    if (!seen) params.set(key, p);
    else if (specText(seen.obj) !== specText(o)) ambiguousParams.add(key);
  }
  return { classes, ambiguousClasses, defaults, params, ambiguousParams };
});

/** Kinds the class resolution reads (checks that use it declare them). */
export const CLASS_READS = ['IngressClass', PARAMS_KIND] as const;

export function ingressClassNamed(index: WorkspaceIndex, name: string): K8sObject | undefined {
  return classTables(index).classes.get(name);
}

export function defaultIngressClasses(index: WorkspaceIndex): K8sObject[] {
  return classTables(index).defaults;
}

/** The IngressClassParams an IngressClass names, if they fit its controller and are in the workspace. */
export function paramsOfClass(index: WorkspaceIndex, cls: K8sObject): { params?: ClassParams; unseen: boolean } {
  const flavour = flavourOfController(scalarString(cls.node(['spec', 'controller'])));
  const ref = cls.node(['spec', 'parameters']);
  if (!flavour || !isMap(ref)) return { unseen: false };
  const group = knownString(child(ref, 'apiGroup', cls.doc));
  const kind = knownString(child(ref, 'kind', cls.doc));
  const name = knownString(child(ref, 'name', cls.doc));
  if (group !== PARAMS_GROUP[flavour] || kind !== PARAMS_KIND || !name) return { unseen: group === undefined || name === undefined };
  const t = classTables(index);
  if (t.ambiguousParams.has(`${flavour}/${name}`) || (cls.name && t.ambiguousClasses.has(cls.name))) return { unseen: true };
  const params = t.params.get(`${flavour}/${name}`);
  return { params, unseen: !params };
}

const classOfMemo = indexCache(['IngressClass', PARAMS_KIND], () => new WeakMap<K8sObject, ClassInfo>());

/** Which controller serves this Ingress and with which parameters, as far as the workspace tells. */
export function ingressClassOf(obj: K8sObject, index: WorkspaceIndex): ClassInfo {
  const memo = classOfMemo(index);
  let info = memo.get(obj);
  if (!info) {
    info = resolveClass(obj, index);
    memo.set(obj, info);
  }
  return info;
}

function resolveClass(obj: K8sObject, index: WorkspaceIndex): ClassInfo {
  // The legacy annotation wins over spec.ingressClassName and loads no parameters (group_loader.go
  // classifyIngress); the controller matches it against its --ingress-class flag ("alb" by default).
  const annPair = pairs(obj.node(['metadata', 'annotations'])).find((p) => keyString(p) === LEGACY_CLASS_ANNOTATION);
  const annText = annPair ? scalarString(annPair.value) : undefined;
  if (annText !== undefined) {
    const cls = ingressClassNamed(index, annText);
    const controller = cls ? scalarString(cls.node(['spec', 'controller'])) : undefined;
    const kind: ClassKind = annText === 'alb' ? 'alb' : cls ? controllerKind(controller) : 'other';
    return { kind, name: annText, via: 'annotation', node: annPair!.value as Node, controller };
  }
  const nameNode = obj.node(['spec', 'ingressClassName']);
  const name = scalarString(nameNode);
  let via: ClassInfo['via'] = 'ingressClassName';
  let cls: K8sObject | undefined;
  if (name !== undefined) cls = ingressClassNamed(index, name);
  else {
    const defaults = defaultIngressClasses(index);
    if (defaults.length !== 1) return { kind: 'unknown', via: 'none' };
    cls = defaults[0];
    via = 'default';
  }
  if (!cls) return { kind: name === 'alb' ? 'alb' : 'unknown', name, via, node: nameNode };
  const controller = scalarString(cls.node(['spec', 'controller']));
  const { params, unseen } = paramsOfClass(index, cls);
  return {
    kind: controllerKind(controller),
    name: cls.name,
    via,
    node: via === 'default' ? undefined : nameNode,
    controller,
    ingressClass: cls,
    params,
    paramsUnseen: unseen,
  };
}

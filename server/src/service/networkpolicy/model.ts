/** A NetworkPolicy read into a plain structure (keeping YAML nodes for ranges), shared by checks and the explanation. */
import type { Node, Pair, YAMLSeq } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { MemoKey } from '@shared/manifest/memo';
import { child, getPair, isMap, isSeq, isScalar, resolve, scalarString } from '@shared/manifest/yamlNodes';
import { readSelector, type Selector } from '../model/labelSelector';

export { readSelector, isEmptySelector, matches, type Selector, type SelectorExpr } from '../model/labelSelector';

export type Direction = 'ingress' | 'egress';

export interface Peer {
  node: Node;
  index: number;
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { node: Node; cidr?: string; cidrNode?: Node; except: { text: string; node: Node }[] };
}

export interface PortSpec {
  node: Node;
  protocol: string;
  port?: number | string;
  portNode?: Node;
  endPort?: number;
  endPortNode?: Node;
}

/** The port's name when it names a container port (a string that is not all digits), else undefined. */
export function namedPort(port: PortSpec): string | undefined {
  return typeof port.port === 'string' && !/^\d+$/.test(port.port) ? port.port : undefined;
}

export interface Rule {
  node: Node;
  index: number;
  /** undefined: the key is absent; [] with peersExplicitEmpty: `from: []` or `from:` */
  peers?: Peer[];
  peersKey?: Pair;
  ports?: PortSpec[];
}

export interface Policy {
  obj: K8sObject;
  podSelector: Selector;
  podSelectorNode?: Node;
  /** The policyTypes as written (undefined when not set). */
  policyTypesWritten?: string[];
  policyTypesNode?: Node;
  /** Effective: the API server's defaulting when policyTypes is not set. */
  isolates: { ingress: boolean; egress: boolean };
  ingress?: Rule[];
  egress?: Rule[];
  ingressNode?: Node;
  egressNode?: Node;
}

function list(node: unknown, obj: K8sObject): Node[] {
  const n = resolve(node, obj.doc);
  if (!isSeq(n)) return [];
  return (n as YAMLSeq).items
    .slice(0, 500)
    .map((i) => resolve(i, obj.doc))
    .filter((x): x is Node => x !== undefined);
}

function readPeer(node: Node, index: number, obj: K8sObject): Peer {
  const doc = obj.doc;
  const p: Peer = { node, index };
  const ps = getPair(node, 'podSelector');
  if (ps) p.podSelector = readSelector(ps.value, doc);
  const ns = getPair(node, 'namespaceSelector');
  if (ns) p.namespaceSelector = readSelector(ns.value, doc);
  const ib = child(node, 'ipBlock', doc);
  if (getPair(node, 'ipBlock') && ib) {
    const cidrNode = child(ib, 'cidr', doc);
    p.ipBlock = {
      node: ib,
      cidr: scalarString(cidrNode),
      cidrNode,
      except: list(child(ib, 'except', doc), obj)
        .map((n) => ({ text: scalarString(n) ?? '', node: n }))
        .filter((e) => isScalar(e.node)),
    };
  }
  return p;
}

function readPort(node: Node, obj: K8sObject): PortSpec {
  const doc = obj.doc;
  const portNode = child(node, 'port', doc);
  const endPortNode = child(node, 'endPort', doc);
  const pv = isScalar(portNode) ? portNode.value : undefined;
  const ev = isScalar(endPortNode) ? endPortNode.value : undefined;
  return {
    node,
    portNode,
    endPortNode,
    protocol: scalarString(child(node, 'protocol', doc)) ?? 'TCP',
    port: typeof pv === 'number' || typeof pv === 'string' ? pv : undefined,
    endPort: typeof ev === 'number' ? ev : undefined,
  };
}

function readRules(node: Node | undefined, dir: Direction, obj: K8sObject): Rule[] | undefined {
  if (!isSeq(node)) return undefined;
  const peersKey = dir === 'ingress' ? 'from' : 'to';
  return list(node, obj).map((r, index) => {
    const rule: Rule = { node: r, index };
    if (!isMap(r)) return rule;
    const pk = getPair(r, peersKey);
    if (pk) {
      rule.peersKey = pk as Pair;
      rule.peers = list(pk.value, obj).map((p, i) => readPeer(p, i, obj));
    }
    const pp = getPair(r, 'ports');
    if (pp) rule.ports = list(pp.value, obj).map((p) => readPort(p, obj));
    return rule;
  });
}

/** Read the policy (memoised per document). */
export function readPolicy(obj: K8sObject): Policy {
  return obj.memo.getOrCreate(POLICY, () => buildPolicy(obj));
}

const POLICY = new MemoKey<Policy>('networkpolicy.policy');

function buildPolicy(obj: K8sObject): Policy {
  const doc = obj.doc;
  const spec = obj.node(['spec']);
  const podSelectorNode = child(spec, 'podSelector', doc);
  const ptNode = child(spec, 'policyTypes', doc);
  const ingressNode = child(spec, 'ingress', doc);
  const egressNode = child(spec, 'egress', doc);
  const policyTypesWritten = isSeq(ptNode) ? list(ptNode, obj).map((n) => scalarString(n) ?? '') : undefined;
  const egress = readRules(egressNode, 'egress', obj);
  const isolates =
    policyTypesWritten && policyTypesWritten.length
      ? { ingress: policyTypesWritten.includes('Ingress'), egress: policyTypesWritten.includes('Egress') }
      : { ingress: true, egress: (egress?.length ?? 0) > 0 };
  const p: Policy = {
    obj,
    podSelector: readSelector(podSelectorNode, doc),
    podSelectorNode,
    policyTypesWritten,
    policyTypesNode: ptNode,
    isolates,
    ingress: readRules(ingressNode, 'ingress', obj),
    egress,
    ingressNode,
    egressNode,
  };
  return p;
}

export function isNetworkPolicy(obj: K8sObject): boolean {
  return obj.kind === 'NetworkPolicy' && obj.apiVersion === 'networking.k8s.io/v1';
}

/** `app=web and tier in (a, b)`; empty selector → undefined. */
export function selectorText(s: Selector): string | undefined {
  const parts: string[] = Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of s.expressions) {
    switch (e.operator) {
      case 'In':
        parts.push(e.values.length === 1 ? `${e.key}=${e.values[0]}` : `${e.key} in (${e.values.join(', ')})`);
        break;
      case 'NotIn':
        parts.push(e.values.length === 1 ? `${e.key}≠${e.values[0]}` : `${e.key} not in (${e.values.join(', ')})`);
        break;
      case 'Exists':
        parts.push(`label ${e.key} set`);
        break;
      case 'DoesNotExist':
        parts.push(`no label ${e.key}`);
        break;
      default:
        parts.push(`${e.key} ${e.operator} (${e.values.join(', ')})`);
    }
  }
  return parts.length ? parts.map((p) => '`' + p + '`').join(' and ') : undefined;
}

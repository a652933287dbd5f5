/**
 * Reading an eksctl ClusterConfig (eksctl.io/v1alpha5) the way eksctl does.
 *
 * eksctl loads the file with sigs.k8s.io/yaml (`yaml.UnmarshalStrict`, eksctl-io/eksctl pkg/eks/api.go
 * ParseConfig): YAML is converted to JSON by a YAML 1.1 parser (goyaml.v2), so `yes`/`on`/`y` are booleans
 * and `1.30` is the number 1.3, then decoded into the Go types. Our parser reads YAML 1.2, so the type of a
 * plain scalar is resolved here with the YAML 1.1 rules (`yaml11Type`).
 */
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLSeq } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { keyString, pairs, resolve, scalarString } from '@shared/manifest/yamlNodes';
import { isUnknownNode, knownString } from '@shared/manifest/templates';

/** An eksctl ClusterConfig (recognised by apiVersion and kind; eksctl.io/* with kind ClusterConfig). */
export function isClusterConfig(o: K8sObject): boolean {
  return o.kind === 'ClusterConfig' && o.group === 'eksctl.io';
}

export type Yaml11Type = 'null' | 'bool' | 'int' | 'float' | 'string';

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLS = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
]);
const INT = /^[-+]?(0|[1-9][0-9_]*|0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+)$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;

/**
 * The type a scalar has for eksctl (YAML 1.1 resolution of plain scalars, as goyaml.v2 does it). Quoted
 * and block scalars are strings; an explicit tag (`!!str`) wins.
 */
export function yaml11Type(node: unknown): Yaml11Type | undefined {
  if (!isScalar(node)) return undefined;
  const s = node as Scalar;
  const tag = s.tag;
  if (tag === 'tag:yaml.org,2002:str') return 'string';
  if (s.type && s.type !== 'PLAIN') return 'string';
  const src = typeof s.source === 'string' ? s.source : s.value === null || s.value === undefined ? '' : String(s.value);
  if (NULLS.has(src)) return 'null';
  if (BOOLS.has(src)) return 'bool';
  if (INT.test(src)) return 'int';
  if (FLOAT.test(src)) return 'float';
  return 'string';
}

/** A boolean as eksctl reads it (YAML 1.1 spellings); undefined when not a boolean or unknown. */
export function yaml11Bool(node: unknown): boolean | undefined {
  if (!isScalar(node) || isUnknownNode(node) || yaml11Type(node) !== 'bool') return undefined;
  const src = String((node as Scalar).source ?? (node as Scalar).value);
  return /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(src);
}

/** Items of a sequence node (resolved), empty for anything else. */
export function seqItems(node: unknown, o: K8sObject): Node[] {
  const n = resolve(node, o.doc);
  if (!isSeq(n)) return [];
  const out: Node[] = [];
  for (const it of (n as YAMLSeq).items) {
    const r = resolve(it, o.doc);
    if (r) out.push(r);
  }
  return out;
}

/** The value node of a key in a map node (resolved). */
export function field(node: unknown, key: string, o: K8sObject): Node | undefined {
  const n = resolve(node, o.doc);
  for (const p of pairs(n)) if (keyString(p) === key) return resolve(p.value, o.doc);
  return undefined;
}

/** The key node of a field in a map node. */
export function fieldKey(node: unknown, key: string, o: K8sObject): Node | undefined {
  const n = resolve(node, o.doc);
  for (const p of pairs(n)) if (keyString(p) === key) return p.key as Node;
  return undefined;
}

/** Whether a map node sets the field to something (a YAML null or an absent key counts as unset). */
export function isSet(node: unknown, key: string, o: K8sObject): boolean {
  const v = field(node, key, o);
  if (v === undefined) return false;
  if (isScalar(v) && yaml11Type(v) === 'null') return false;
  return true;
}

/** Whether the field holds a non-empty value (Go's "set and non-zero": a string, a non-empty list or map). */
export function isNonEmpty(node: unknown, key: string, o: K8sObject): boolean {
  const v = field(node, key, o);
  if (v === undefined) return false;
  if (isScalar(v)) {
    const t = yaml11Type(v);
    return t !== 'null' && !(t === 'string' && String((v as Scalar).value) === '');
  }
  if (isSeq(v)) return (v as YAMLSeq).items.length > 0;
  if (isMap(v)) return v.items.length > 0;
  return true;
}

/** Whether `autoModeConfig.enabled` is true (eksctl: IsAutoModeEnabled). */
export function autoModeEnabled(o: K8sObject): boolean {
  return yaml11Bool(o.node(['autoModeConfig', 'enabled'])) === true;
}

/** The eksctl version of a metadata.version scalar as text ("1.30"), or undefined when absent/unknown. */
export function clusterVersionText(o: K8sObject): string | undefined {
  const n = o.node(['metadata', 'version']);
  if (!isScalar(n) || isUnknownNode(n)) return undefined;
  const t = yaml11Type(n);
  if (t === 'null') return undefined;
  return typeof (n as Scalar).source === 'string' && t !== 'string' ? String((n as Scalar).source) : knownString(n);
}

/** Node groups of both kinds, with their path prefix for messages. */
export interface NodeGroupRef {
  node: Node;
  path: string;
  managed: boolean;
  index: number;
}

export function nodeGroups(o: K8sObject): NodeGroupRef[] {
  const out: NodeGroupRef[] = [];
  seqItems(o.node(['nodeGroups']), o).forEach((node, index) => out.push({ node, path: `nodeGroups[${index}]`, managed: false, index }));
  seqItems(o.node(['managedNodeGroups']), o).forEach((node, index) =>
    out.push({ node, path: `managedNodeGroups[${index}]`, managed: true, index }),
  );
  return out;
}

/** Add-ons listed under `addons`, with their (lower-case) names. */
export interface AddonRef {
  node: Node;
  name?: string;
  nameNode?: Node;
  index: number;
}

export function addons(o: K8sObject): AddonRef[] {
  return seqItems(o.node(['addons']), o).map((node, index) => {
    const nameNode = field(node, 'name', o);
    const name = knownString(nameNode);
    return { node, name: name?.toLowerCase(), nameNode, index };
  });
}

export { scalarString, isUnknownNode };

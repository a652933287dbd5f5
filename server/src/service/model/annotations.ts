/** Reading a string map (annotations, labels) entry by entry, with the nodes a check reports on. */
import { isMap, isScalar, type Node, type Pair, type Scalar } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { keyString, pairs, resolve, type NodePath } from '@shared/manifest/yamlNodes';
import { isUnknownNode } from '@shared/manifest/templates';

/** One annotation of a map, with its nodes and its value when known. */
export interface Annotation {
  key: string;
  keyNode: Node;
  pair: Pair;
  valueNode?: Node;
  /** The value when it is a known string (a number/boolean there is the core module's finding). */
  value?: string;
}

/** The entries of the map at `path` (annotations or labels); keys that are templates are left out. */
export function annotationsAt(o: K8sObject, path: NodePath): Annotation[] {
  const map = o.node(path);
  if (!isMap(map)) return [];
  const out: Annotation[] = [];
  for (const p of pairs(map)) {
    const key = keyString(p);
    if (key === undefined || isUnknownNode(p.key)) continue;
    const v = resolve(p.value, o.doc);
    const value = isScalar(v) && typeof (v as Scalar).value === 'string' && !isUnknownNode(v) ? String((v as Scalar).value) : undefined;
    out.push({ key, keyNode: p.key as Node, pair: p, valueNode: v, value });
  }
  return out;
}

/**
 * Kubernetes label selectors (matchLabels + matchExpressions) read from YAML, and matching against a label
 * set: shared by every module that asks "which Pods does this select?".
 */
import type { Document, Node, YAMLSeq } from 'yaml';
import { child, isSeq, scalarString, stringMap, resolve, isMap } from '@shared/manifest/yamlNodes';

export interface SelectorExpr {
  key: string;
  operator: string;
  values: string[];
}
export interface Selector {
  node?: Node;
  matchLabels: Record<string, string>;
  expressions: SelectorExpr[];
}

export function readSelector(node: unknown, doc: Document): Selector {
  const n = resolve(node, doc);
  const matchLabels = stringMap(child(n, 'matchLabels', doc), doc);
  const expressions: SelectorExpr[] = [];
  const ex = child(n, 'matchExpressions', doc);
  if (isSeq(ex)) {
    for (let i = 0; i < (ex as YAMLSeq).items.length && i < 100; i++) {
      const e = child(ex, i, doc);
      const key = scalarString(child(e, 'key', doc));
      const operator = scalarString(child(e, 'operator', doc));
      if (key === undefined || operator === undefined) continue;
      const vs = child(e, 'values', doc);
      const values: string[] = [];
      if (isSeq(vs))
        for (let j = 0; j < (vs as YAMLSeq).items.length && j < 200; j++) {
          const v = scalarString(child(vs, j, doc));
          if (v !== undefined) values.push(v);
        }
      expressions.push({ key, operator, values });
    }
  }
  return { node: isMap(n) ? n : undefined, matchLabels, expressions };
}

export function isEmptySelector(s: Selector): boolean {
  return Object.keys(s.matchLabels).length === 0 && s.expressions.length === 0;
}

export function matches(s: Selector, labels: Record<string, string>): boolean {
  // `for in` over the selector's own plain object: no entries array per call (a NetworkPolicy is matched
  // against every workload of the workspace).
  const wanted = s.matchLabels;
  for (const k in wanted) if (labels[k] !== wanted[k]) return false;
  for (const e of s.expressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // invalid operator: the API server rejects the object
    }
  }
  return true;
}

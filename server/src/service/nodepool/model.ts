/** Reading NodePools and workloads: requirements, Auto Mode detection, Pod templates. Total over any YAML. */
import { isMap, isSeq, type Node } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { nodeAt, pairs, keyString, resolve, scalarString, stringMap, type NodePath } from '@shared/manifest/yamlNodes';
import { DURATION } from './catalog';

export interface Requirement {
  index: number;
  item: Node;
  key?: string;
  keyNode?: Node;
  operator?: string;
  operatorNode?: Node;
  values: string[];
  valueNodes: Node[];
  valuesNode?: Node;
  minValues?: number;
  minValuesNode?: Node;
}

export const REQUIREMENTS_PATH: NodePath = ['spec', 'template', 'spec', 'requirements'];

export function isNodePool(o: K8sObject): boolean { return o.kind === 'NodePool' && o.group === 'karpenter.sh'; }
export function isNodePoolV1(o: K8sObject): boolean { return o.kind === 'NodePool' && o.apiVersion === 'karpenter.sh/v1'; }
export function isAutoModeNodeClass(o: K8sObject): boolean { return o.kind === 'NodeClass' && o.group === 'eks.amazonaws.com'; }

/** A NodePool is Auto Mode when its nodeClassRef points at the eks.amazonaws.com group. */
export function isAutoMode(o: K8sObject): boolean {
  return scalarString(o.node(['spec', 'template', 'spec', 'nodeClassRef', 'group'])) === 'eks.amazonaws.com';
}

/** Requirement-like items (NodePool requirements, Pod matchExpressions) under a sequence node. */
export function requirementsAt(seq: Node | undefined, o: K8sObject): Requirement[] {
  const out: Requirement[] = [];
  if (!isSeq(seq)) return out;
  seq.items.forEach((raw, index) => {
    const item = resolve(raw, o.doc);
    if (!isMap(item)) return;
    const r: Requirement = { index, item, values: [], valueNodes: [] };
    for (const p of pairs(item)) {
      const k = keyString(p);
      const val = resolve(p.value, o.doc);
      if (k === 'key') { r.key = scalarString(val); r.keyNode = val; }
      else if (k === 'operator') { r.operator = scalarString(val); r.operatorNode = val; }
      else if (k === 'values') {
        r.valuesNode = val;
        if (isSeq(val)) for (const x of val.items) { const n = resolve(x, o.doc); const s = scalarString(n); if (s !== undefined && n) { r.values.push(s); r.valueNodes.push(n); } }
      } else if (k === 'minValues') { const s = scalarString(val); r.minValues = s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined; r.minValuesNode = val; }
    }
    out.push(r);
  });
  return out;
}

export function nodePoolRequirements(o: K8sObject): Requirement[] {
  return requirementsAt(o.node(REQUIREMENTS_PATH), o);
}

export interface Taint { key?: string; value?: string; effect?: string }

export function taintsOf(node: Node | undefined, o: K8sObject): Taint[] {
  if (!isSeq(node)) return [];
  return node.items.map((x) => {
    const m = resolve(x, o.doc);
    const s = stringMap(m, o.doc);
    return { key: s.key, value: s.value, effect: s.effect };
  });
}

/** Parse a Karpenter duration (`1h30m`, `720h`) into seconds; undefined for Never or invalid text. */
export function durationSeconds(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)(s|m|h)/g)) total += Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
  return total;
}

/** Seconds as a short human duration: 90 → "1m30s", 1209600 → "14 days". */
export function humanDuration(seconds: number): string {
  if (seconds >= 86400 && seconds % 3600 === 0) {
    const days = seconds / 86400;
    return Number.isInteger(days) ? `${days} day${days === 1 ? '' : 's'}` : `${seconds / 3600}h (${days.toFixed(1)} days)`;
  }
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return `${h ? h + 'h' : ''}${m ? m + 'm' : ''}${s || (!h && !m) ? s + 's' : ''}`;
}

export { nodeAt };

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

export function isNodePool(o: K8sObject): boolean {
  return o.kind === 'NodePool' && o.group === 'karpenter.sh';
}
export function isNodePoolV1(o: K8sObject): boolean {
  return o.kind === 'NodePool' && o.apiVersion === 'karpenter.sh/v1';
}
export function isAutoModeNodeClass(o: K8sObject): boolean {
  return o.kind === 'NodeClass' && o.group === 'eks.amazonaws.com';
}

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
      if (k === 'key') {
        r.key = scalarString(val);
        r.keyNode = val;
      } else if (k === 'operator') {
        r.operator = scalarString(val);
        r.operatorNode = val;
      } else if (k === 'values') {
        r.valuesNode = val;
        if (isSeq(val))
          for (const x of val.items) {
            const n = resolve(x, o.doc);
            const s = scalarString(n);
            if (s !== undefined && n) {
              r.values.push(s);
              r.valueNodes.push(n);
            }
          }
      } else if (k === 'minValues') {
        const s = scalarString(val);
        r.minValues = s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
        r.minValuesNode = val;
      }
    }
    out.push(r);
  });
  return out;
}

export function nodePoolRequirements(o: K8sObject): Requirement[] {
  return requirementsAt(o.node(REQUIREMENTS_PATH), o);
}

export interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

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
  const h = Math.floor(seconds / 3600),
    m = Math.floor((seconds % 3600) / 60),
    s = seconds % 60;
  return `${h ? h + 'h' : ''}${m ? m + 'm' : ''}${s || (!h && !m) ? s + 's' : ''}`;
}

export { nodeAt };

// ───────────────────────────── cron, as Karpenter reads a budget schedule ─────────────────────────────

const CRON_BOUNDS: { min: number; max: number; names?: Record<string, number> }[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } },
  { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];
const CRON_FIELDS = ['minute', 'hour', 'day of month', 'month', 'day of week'];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

function cronNumber(text: string, names?: Record<string, number>): number | undefined {
  if (names && text.toLowerCase() in names) return names[text.toLowerCase()];
  return /^[+]?\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Why Karpenter cannot use a budget schedule, or undefined when it can. Karpenter parses it with robfig/cron's
 * ParseStandard after prefixing "TZ=UTC " (kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go, Budget.IsActive):
 * a descriptor (@daily, ..., or @every <duration>) or exactly five fields of numbers, names, `*`/`?`, ranges,
 * steps and lists within each field's bounds (robfig/cron parser.go getRange).
 */
export function cronError(schedule: string): string | undefined {
  const spec = schedule.trim();
  if (spec === '') return 'the schedule is empty';
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) return undefined;
    if (/^@every /.test(spec))
      return /^@every ([0-9]+(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/.test(spec) ? undefined : `"${spec}" has no valid duration after @every`;
    return `"${spec}" is not a cron descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)`;
  }
  const fields = spec.split(/\s+/);
  if (fields.length !== 5)
    return `a cron schedule has exactly 5 fields (minute hour day-of-month month day-of-week); "${spec}" has ${fields.length}`;
  for (let i = 0; i < 5; i++) {
    const b = CRON_BOUNDS[i];
    for (const expr of fields[i].split(',').filter((x) => x !== '')) {
      const [range, step, ...more] = expr.split('/');
      if (more.length) return `too many slashes in "${expr}" (${CRON_FIELDS[i]})`;
      let start: number | undefined, end: number | undefined;
      if (range === '*' || range === '?') {
        start = b.min;
        end = b.max;
      } else {
        const [lo, hi, ...rest] = range.split('-');
        if (rest.length) return `too many hyphens in "${expr}" (${CRON_FIELDS[i]})`;
        start = cronNumber(lo, b.names);
        end = hi === undefined ? start : cronNumber(hi, b.names);
        if (start === undefined || end === undefined) return `"${expr}" is not a number${b.names ? ' or name' : ''} (${CRON_FIELDS[i]})`;
        if (step !== undefined && hi === undefined) end = b.max;
      }
      if (step !== undefined) {
        const n = cronNumber(step);
        if (n === undefined) return `the step in "${expr}" is not a number (${CRON_FIELDS[i]})`;
        if (n === 0) return `the step in "${expr}" must be positive (${CRON_FIELDS[i]})`;
      }
      if (start < b.min || end > b.max) return `"${expr}" is outside ${b.min}–${b.max} (${CRON_FIELDS[i]})`;
      if (start > end) return `"${expr}" starts after it ends (${CRON_FIELDS[i]})`;
    }
  }
  return undefined;
}

// ───────────────────────────── Kubernetes names and Go durations ─────────────────────────────

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Why a label key is not a qualified name (k8s.io/apimachinery util/validation IsQualifiedName), or undefined. */
export function qualifiedNameError(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'a qualified name has at most one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)))
    return 'the prefix must be a DNS subdomain (lower case letters, digits, "-" and ".")';
  if (name.length === 0 || name.length > 63) return 'the name part must be 1–63 characters';
  if (!QUALIFIED_NAME.test(name))
    return 'the name part must start and end with a letter or digit and hold only letters, digits, "-", "_" and "."';
  return undefined;
}

/** Whether text is a positive Go duration (time.ParseDuration: "90s", "1h30m", "1.5h"). */
export function isPositiveGoDuration(text: string): boolean {
  if (!/^\+?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$/.test(text)) return false;
  return /[1-9]/.test(text.replace(/(ns|us|µs|μs|ms|s|m|h)/g, ' '));
}

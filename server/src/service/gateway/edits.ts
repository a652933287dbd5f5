/**
 * Text edits on routes that keep the file valid YAML and touch only the intended text: split a rule with
 * several matches into one rule per match, and set a backendRef's weight (replacing the number, or adding a
 * `weight:` entry in the map's own style). Every builder returns undefined when the source has a shape it
 * does not model (aliases, comments inside the region it would copy, odd flow styles): no edit is better
 * than a wrong one.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { FixEdit } from '../diagnostics/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import type { BackendRef, RouteRule } from './model';

type Ranged = Node & { range?: [number, number, number]; flow?: boolean };

function range(n: unknown): [number, number] | undefined {
  const r = (n as Ranged | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Whether a collection node is written in flow style (`[...]`, `{...}`). */
function isFlow(n: unknown, text: string): boolean {
  const r = range(n);
  if (!r) return false;
  const c = text[r[0]];
  return c === '[' || c === '{';
}

/** Offset of the `-` that starts a block sequence item whose content starts at `start` (only spaces between). */
function dashBefore(text: string, start: number): number | undefined {
  let i = start - 1;
  while (i >= 0 && text[i] === ' ') i--;
  return i >= 0 && text[i] === '-' ? i : undefined;
}

function column(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  return offset - s;
}

function hasAlias(n: unknown, budget = { left: 2000 }): boolean {
  if (--budget.left < 0) return true;
  if (isAlias(n)) return true;
  if (isMap(n)) return (n as YAMLMap).items.some((p) => hasAlias(p.key, budget) || hasAlias(p.value, budget));
  if (isSeq(n)) return (n as YAMLSeq).items.some((i) => hasAlias(i, budget));
  return false;
}

/**
 * One edit replacing a rule that has several matches by one rule per match (same backendRefs, filters and
 * other fields; rule order kept, so each new rule sits where the old one was). Undefined when the rule has a
 * `name` (copies would repeat it) or the YAML has a shape we do not rewrite.
 */
export function oneRulePerMatch(obj: K8sObject, rule: RouteRule): FixEdit | undefined {
  const text = obj.chunk.text;
  const rulesNode = obj.node(['spec', 'rules']);
  const ruleNode = rule.node;
  const matches = rule.matchesNode;
  if (!isSeq(rulesNode) || !isMap(ruleNode) || !isSeq(matches) || rule.matches.length < 2 || rule.name.node !== undefined) return undefined;
  if (hasAlias(ruleNode)) return undefined;
  const rr = range(ruleNode),
    mr = range(matches);
  if (!rr || !mr) return undefined;
  const flowRules = isFlow(rulesNode, text);
  const flowMatches = isFlow(matches, text);
  let regionStart: number;
  if (flowRules) regionStart = rr[0];
  else {
    const d = dashBefore(text, rr[0]);
    if (d === undefined) return undefined;
    regionStart = d;
  }
  const regionEnd = rr[1];
  const items = (matches as YAMLSeq).items;
  const pieces: string[] = [];
  for (const it of items) {
    const ir = range(it);
    if (!ir) return undefined;
    let piece: string;
    if (flowMatches) piece = `[${text.slice(ir[0], ir[1])}]`;
    else {
      const d = dashBefore(text, ir[0]);
      if (d === undefined) return undefined;
      piece = text.slice(d, ir[1]);
      if (!piece.endsWith('\n') && text.slice(mr[0], mr[1]).endsWith('\n')) piece += '\n';
    }
    const copy = text.slice(regionStart, mr[0]) + piece + text.slice(mr[1], regionEnd);
    pieces.push(copy);
  }
  let joined: string;
  if (flowRules) joined = pieces.join(', ');
  else {
    const indent = ' '.repeat(column(text, regionStart));
    joined = pieces
      .map((p, i) => (i === 0 ? p : indent + p))
      .reduce((acc, p, i) => (i === 0 ? p : acc + (acc.endsWith('\n') ? '' : '\n') + p), '');
  }
  return { start: regionStart, end: regionEnd, newText: joined };
}

/**
 * The edit that sets a backendRef's weight to `value`: the number replaced in place, or a `weight` entry
 * added after the map's last entry (block style: a new line at the keys' indentation; flow style: before `}`).
 */
export function setWeightEdit(obj: K8sObject, b: BackendRef, value: number): FixEdit | undefined {
  const text = obj.chunk.text;
  if (b.weight.node !== undefined) {
    const r = range(b.weight.node);
    if (!r || !isScalar(b.weight.node) || b.weight.unknown) return undefined;
    return { start: r[0], end: r[1], newText: String(value) };
  }
  const m = b.node;
  if (!isMap(m)) return undefined;
  const mapItems = (m as YAMLMap).items;
  if (!mapItems.length) return undefined;
  const mr = range(m);
  if (!mr) return undefined;
  if (isFlow(m, text)) {
    const close = mr[1] - 1;
    if (text[close] !== '}') return undefined;
    let at = close;
    while (at > mr[0] && (text[at - 1] === ' ' || text[at - 1] === '\n')) at--;
    return { start: at, end: at, newText: `, weight: ${value}` };
  }
  const first = range(mapItems[0].key);
  const last = mapItems[mapItems.length - 1];
  const end = range(last.value) ?? range(last.key);
  if (!first || !end) return undefined;
  // Block values end after their line break; scalars end at their last character.
  let at = end[1];
  if (text[at - 1] === '\n') at--;
  // A comment after the last value stays on its line: insert after the line.
  const nl = text.indexOf('\n', at);
  const lineRest = text.slice(at, nl === -1 ? text.length : nl);
  if (lineRest.trim() !== '' && !lineRest.trim().startsWith('#')) return undefined;
  const insertAt = nl === -1 ? text.length : nl;
  return { start: insertAt, end: insertAt, newText: `\n${' '.repeat(column(text, first[0]))}weight: ${value}` };
}

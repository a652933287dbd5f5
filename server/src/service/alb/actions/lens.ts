/**
 * Weighted forward actions: the traffic split (weights normalised to percentages), and code lenses that
 * shift it by rewriting only the weight numbers in place (every other byte of the annotation stays as is).
 * The lens commands are `eksManifests.applyEdit` with [uri, TextEdit[]]; the VS Code client applies them.
 */
import { TextEdit, type CodeLens } from 'vscode-languageserver-types';
import type { FileContext } from '../../module';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { Commands } from '@shared/protocol';
import { albJsonAnnotations, present, type AlbJsonAnnotation } from './model';
import type { Node as JsonNode } from 'jsonc-parser';

export const APPLY_EDIT_COMMAND = Commands.applyEdit;

export interface SplitTarget { label: string; weight: number; node: JsonNode }

/** Display name of a target group: the Service, the target group name, or the name inside the ARN. */
function targetLabel(tg: JsonNode, i: number): string {
  const s = (k: string): string | undefined => { const v = present(tg, k); return v?.type === 'string' ? (v.value as string) : undefined; };
  const arn = s('targetGroupARN');
  const fromArn = arn ? /targetgroup\/([^/]+)/.exec(arn)?.[1] ?? arn : undefined;
  return s('serviceName') ?? s('targetGroupName') ?? fromArn ?? `target ${i + 1}`;
}

/** The weighted targets of a forward action (two or more, every weight a number), else undefined. */
export function weightedTargets(root: JsonNode | undefined): SplitTarget[] | undefined {
  const tgs = present(present(root, 'forwardConfig'), 'targetGroups');
  if (tgs?.type !== 'array' || (tgs.children ?? []).length < 2) return undefined;
  const out: SplitTarget[] = [];
  for (const [i, tg] of (tgs.children ?? []).entries()) {
    const w = present(tg, 'weight');
    if (tg.type !== 'object' || w?.type !== 'number' || !Number.isInteger(w.value)) return undefined;
    out.push({ label: targetLabel(tg, i), weight: w.value as number, node: w });
  }
  return out;
}

/** Percentages that add up to 100 (largest remainder); all zero when the total is zero. */
export function percentages(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (Math.max(0, w) * 100) / total);
  const out = exact.map(Math.floor);
  let left = 100 - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) { if (left <= 0) break; out[i]++; left--; }
  return out;
}

export function splitText(targets: SplitTarget[]): string {
  const p = percentages(targets.map((t) => t.weight));
  if (p.every((x) => x === 0)) return `no traffic (all weights 0): ${targets.map((t) => t.label).join(' · ')}`;
  return targets.map((t, i) => `${t.label} ${p[i]}%`).join(' · ');
}

/** New weights (in percent) after moving `step` points to target `to`, taken from the others, largest first. */
export function shiftTo(weights: number[], to: number, step: number): number[] {
  const p = percentages(weights);
  if (p.every((x) => x === 0)) { const z = p.map(() => 0); z[to] = step; return z; }
  let need = Math.min(step, 100 - p[to]);
  p[to] += need;
  while (need > 0) {
    let k = -1;
    for (let i = 0; i < p.length; i++) if (i !== to && p[i] > 0 && (k === -1 || p[i] > p[k])) k = i;
    if (k === -1) break;
    const take = Math.min(need, p[k]);
    p[k] -= take;
    need -= take;
  }
  return p;
}

function lensEdits(a: AlbJsonAnnotation, obj: K8sObject, targets: SplitTarget[], next: number[]): TextEdit[] {
  const edits: TextEdit[] = [];
  targets.forEach((t, i) => {
    if (t.weight === next[i]) return;
    const [s, e] = a.ej!.toSource(t.node.offset, t.node.length);
    edits.push(TextEdit.replace(obj.chunk.toRange(s, e), String(next[i])));
  });
  return edits;
}

export function weightLenses(ctx: FileContext, obj: K8sObject): CodeLens[] {
  const out: CodeLens[] = [];
  for (const a of albJsonAnnotations(obj)) {
    if (a.kind !== 'actions' || !a.ej?.root || a.ej.errors.length || !a.ej.st.exact) continue;
    const type = present(a.ej.root, 'type');
    if (type?.type !== 'string' || type.value !== 'forward') continue;
    const targets = weightedTargets(a.ej.root);
    if (!targets) continue;
    const kr = nodeRange(a.pair.key);
    if (!kr) continue;
    const range = obj.chunk.toRange(kr[0], kr[1]);
    const uri = ctx.file.uri;
    const weights = targets.map((t) => t.weight);
    const p = percentages(weights);
    const lens = (title: string, next?: number[]): void => {
      if (!next) { out.push({ range, command: { title, command: '' } }); return; }
      const edits = lensEdits(a, obj, targets, next);
      if (edits.length) out.push({ range, command: { title, command: APPLY_EDIT_COMMAND, arguments: [uri, edits] } });
    };
    lens(`Traffic: ${splitText(targets)}`);
    let main = 0;
    for (let i = 1; i < p.length; i++) if (p[i] > p[main]) main = i;
    const nxt = (main + 1) % targets.length;
    if (p[nxt] < 100) lens(`+10% to ${targets[nxt].label}`, shiftTo(weights, nxt, 10));
    if (targets.length === 2 && weights[0] !== weights[1]) lens('Swap', [weights[1], weights[0]]);
    targets.forEach((t, i) => {
      if (p[i] === 100) return;
      lens(`All to ${t.label}`, targets.map((_, j) => (j === i ? 100 : 0)));
    });
  }
  return out;
}

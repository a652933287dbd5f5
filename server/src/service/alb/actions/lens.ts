/**
 * Weighted forward actions: the traffic split (percentages and shifts from features/trafficSplit.ts, shared with
 * the Gateway API lenses), and code lenses that shift it by rewriting only the weight numbers in place (every
 * other byte of the annotation stays as is).
 *
 * Bounded and lazy: lenses exist only for a forward action within ELB's limit of five target groups (more is
 * an error the checks report), so their number is at most eight per action; the lenses that change weights
 * carry only their title and the new weights (`data`), and their command, `eksManifests.applyEdit` with
 * [uri, TextEdit[]], is computed from the current text on `codeLens/resolve`.
 */
import { TextEdit, type CodeLens } from 'vscode-languageserver-types';
import type { FileContext } from '../../module';
import type { Position } from '@shared/manifest/yamlFile';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { APPLY_EDIT_COMMAND, percentages, shiftTo, splitText as sharedSplitText } from '../../features/trafficSplit';
import { albJsonAnnotations, present, type AlbJsonAnnotation } from './model';
import type { Node as JsonNode } from 'jsonc-parser';

export interface SplitTarget {
  label: string;
  weight: number;
  node: JsonNode;
}

/** Display name of a target group: the Service, the target group name, or the name inside the ARN. */
function targetLabel(tg: JsonNode, i: number): string {
  const s = (k: string): string | undefined => {
    const v = present(tg, k);
    return v?.type === 'string' ? (v.value as string) : undefined;
  };
  const arn = s('targetGroupARN');
  const fromArn = arn ? (/targetgroup\/([^/]+)/.exec(arn)?.[1] ?? arn) : undefined;
  return s('serviceName') ?? s('targetGroupName') ?? fromArn ?? `target ${i + 1}`;
}

/** ELB's limit of target groups in one forward action: beyond it there is nothing to shift. */
export const MAX_TARGET_GROUPS = 5;

/** The weighted targets of a forward action (two to five, every weight a number), else undefined. */
export function weightedTargets(root: JsonNode | undefined): SplitTarget[] | undefined {
  const tgs = present(present(root, 'forwardConfig'), 'targetGroups');
  const n = tgs?.type === 'array' ? (tgs.children ?? []).length : 0;
  if (n < 2 || n > MAX_TARGET_GROUPS) return undefined;
  const out: SplitTarget[] = [];
  for (const [i, tg] of (tgs!.children ?? []).entries()) {
    const w = present(tg, 'weight');
    if (tg.type !== 'object' || w?.type !== 'number' || !Number.isInteger(w.value)) return undefined;
    out.push({ label: targetLabel(tg, i), weight: w.value as number, node: w });
  }
  return out;
}

/** The one-line split of these targets (features/trafficSplit.ts, shared with the Gateway API lenses). */
export function splitText(targets: SplitTarget[]): string {
  return sharedSplitText(
    targets.map((t) => t.label),
    targets.map((t) => t.weight),
  );
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

/** What a weight-changing lens keeps until it is resolved: the annotation, its title, the new weights. */
interface ShiftData {
  module?: string;
  uri?: string;
  key: string;
  title: string;
  next: number[];
}

/**
 * Longest annotation value a forward action within the limit can plausibly need (five target groups with
 * ARNs and stickiness fit in a few KB): longer values get no lenses and are not even parsed for them.
 */
const MAX_LENS_SOURCE = 16 * 1024;

/** The forward action of this annotation with its weighted targets, if it is one we shift. */
function shiftable(a: AlbJsonAnnotation): SplitTarget[] | undefined {
  const vr = nodeRange(a.pair.value);
  if (a.kind !== 'actions' || !vr || vr[1] - vr[0] > MAX_LENS_SOURCE) return undefined;
  if (!a.ej?.root || a.ej.errors.length || !a.ej.st.exact) return undefined;
  const type = present(a.ej.root, 'type');
  if (type?.type !== 'string' || type.value !== 'forward') return undefined;
  return weightedTargets(a.ej.root);
}

export function weightLenses(_ctx: FileContext, obj: K8sObject): CodeLens[] {
  const out: CodeLens[] = [];
  for (const a of albJsonAnnotations(obj)) {
    const targets = shiftable(a);
    if (!targets) continue;
    const kr = nodeRange(a.pair.key);
    if (!kr) continue;
    const range = obj.chunk.toRange(kr[0], kr[1]);
    const weights = targets.map((t) => t.weight);
    const p = percentages(weights);
    const shift = (title: string, next: number[]): void => {
      if (next.every((w, i) => w === weights[i])) return; // nothing would change
      const data: ShiftData = { key: a.key, title, next };
      out.push({ range, data });
    };
    out.push({ range, command: { title: `Traffic: ${splitText(targets)}`, command: '' } });
    let main = 0;
    for (let i = 1; i < p.length; i++) if (p[i] > p[main]) main = i;
    const nxt = (main + 1) % targets.length;
    if (p[nxt] < 100) shift(`+10% to ${targets[nxt].label}`, shiftTo(weights, nxt, 10));
    if (targets.length === 2 && weights[0] !== weights[1]) shift('Swap', [weights[1], weights[0]]);
    targets.forEach((t, i) => {
      if (p[i] === 100) return;
      shift(
        `All to ${t.label}`,
        targets.map((_, j) => (j === i ? 100 : 0)),
      );
    });
  }
  return out;
}

/**
 * The command of a weight-changing lens, from the document as it is now: the edits rewrite the weights of the
 * action the lens sits on. When that action is gone or changed shape, the lens says so and does nothing.
 */
export function resolveWeightLens(lens: CodeLens, ctx: FileContext): CodeLens | undefined {
  const d = lens.data as ShiftData | undefined;
  if (!d || typeof d.key !== 'string' || !Array.isArray(d.next) || d.next.length > MAX_TARGET_GROUPS || typeof d.title !== 'string')
    return undefined;
  const at: Position = lens.range.start;
  const chunk = ctx.file.yaml.chunkAt(at);
  const stale = { ...lens, command: { title: `${d.title} (the action changed: reopen the lenses)`, command: '' } };
  if (!chunk) return stale;
  const offset = chunk.toOffset(at);
  for (const obj of ctx.file.objectsOf(chunk)) {
    for (const a of albJsonAnnotations(obj)) {
      const kr = nodeRange(a.pair.key);
      if (a.key !== d.key || !kr || kr[0] !== offset) continue;
      const targets = shiftable(a);
      if (!targets || targets.length !== d.next.length || !d.next.every((w) => Number.isInteger(w) && w >= 0 && w <= 999)) return stale;
      const edits = lensEdits(a, obj, targets, d.next);
      if (!edits.length) return stale;
      return { ...lens, command: { title: d.title, command: APPLY_EDIT_COMMAND, arguments: [ctx.file.uri, edits] } };
    }
  }
  return stale;
}

/**
 * Traffic splits between weighted backends, independent of where the weights are written (Gateway API
 * backendRefs, ALB forward actions, ...): percentages, the one-line summary, and the shifts a code lens offers
 * (±10%, swap, all to one). The caller turns new weights into edits of its own text.
 *
 * Bounded by design: `splitActions` returns at most `3 + n` actions for `n` targets and nothing beyond the
 * summary when `n` exceeds `maxTargets` (the most targets the format allows), so the number of edits a caller
 * builds is at most (3 + maxTargets) × maxTargets, never proportional to the square of arbitrary input.
 */

import { Commands } from '@shared/protocol';

/** The client command that applies a lens's edits: arguments [uri, TextEdit[]] (client/src/albCommands.ts). */
export const APPLY_EDIT_COMMAND = Commands.applyEdit;

/** Percentages that add up to 100 (largest remainder); all zero when the total is zero. Negative weights count as 0. */
export function percentages(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (Math.max(0, w) * 100) / total);
  const out = exact.map(Math.floor);
  let left = 100 - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

/** `checkout-v1 90% · checkout-v2 10%`, or a note when no backend gets traffic. */
export function splitText(labels: readonly string[], weights: readonly number[]): string {
  const p = percentages(weights);
  if (p.every((x) => x === 0)) return `no traffic (all weights 0): ${labels.join(' · ')}`;
  return labels.map((l, i) => `${l} ${p[i]}%`).join(' · ');
}

/** New weights (in percent) after moving `step` points to target `to` (negative: away from it), taken from / given to the others. */
export function shiftTo(weights: readonly number[], to: number, step: number): number[] {
  const p = percentages(weights);
  if (p.every((x) => x === 0)) {
    const z = p.map(() => 0);
    if (step > 0) z[to] = Math.min(100, step);
    return z;
  }
  if (step >= 0) {
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
  const give = Math.min(-step, p[to]);
  if (p.length < 2 || give === 0) return p;
  p[to] -= give;
  // The freed share goes to the largest other target (the main one), the usual canary rollback.
  let k = -1;
  for (let i = 0; i < p.length; i++) if (i !== to && (k === -1 || p[i] > p[k])) k = i;
  p[k] += give;
  return p;
}

export interface SplitAction {
  title: string;
  weights: number[];
}

/** The index of the target with the most traffic (the first on a tie). */
export function mainTarget(weights: readonly number[]): number {
  const p = percentages(weights);
  let main = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[main]) main = i;
  return main;
}

/**
 * The shifts a code lens offers for a split: +10% and −10% for the target after the main one (the canary),
 * Swap for two unequal targets, and All to each target that does not already get everything. Actions that
 * change nothing are left out. Empty when there are fewer than two or more than `maxTargets` targets.
 */
export function splitActions(labels: readonly string[], weights: readonly number[], maxTargets: number): SplitAction[] {
  const n = weights.length;
  if (n < 2 || n > maxTargets || labels.length !== n) return [];
  const p = percentages(weights);
  const out: SplitAction[] = [];
  const same = (w: number[]): boolean => w.every((x, i) => x === weights[i]);
  const push = (title: string, w: number[]): void => {
    if (!same(w)) out.push({ title, weights: w });
  };
  const canary = (mainTarget(weights) + 1) % n;
  if (p[canary] < 100) push(`+10% to ${labels[canary]}`, shiftTo(weights, canary, 10));
  if (p[canary] > 0) push(`−10% to ${labels[canary]}`, shiftTo(weights, canary, -10));
  if (n === 2 && weights[0] !== weights[1]) push('Swap', [weights[1], weights[0]]);
  for (let i = 0; i < n; i++)
    if (p[i] !== 100)
      push(
        `All to ${labels[i]}`,
        weights.map((_, j) => (j === i ? 100 : 0)),
      );
  return out;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Weights rescaled into 0..max keeping their ratios: divided by their greatest common divisor when that is
 * enough (exact ratios), else as percentages (every non-zero weight stays at least 1). Undefined when the
 * weights already fit or are not non-negative integers.
 */
export function rescaleWeights(weights: readonly number[], max: number): number[] | undefined {
  if (weights.some((w) => !Number.isInteger(w) || w < 0)) return undefined;
  if (weights.every((w) => w <= max)) return undefined;
  const g = weights.reduce((a, b) => gcd(a, b), 0);
  if (g > 1 && weights.every((w) => w / g <= max)) return weights.map((w) => w / g);
  const p = percentages(weights).map((x, i) => (weights[i] > 0 ? Math.max(1, x) : 0));
  return p.every((x) => x <= max) ? p : undefined;
}

/**
 * Values that are filled in later: Helm/Go-template actions and placeholders. One place decides what is
 * unknown, so no module judges the type, format or value of text that is not there yet.
 *
 * - Template actions (`{{ … }}`) are masked before parsing (`parse/template.ts`): each character of an
 *   action inside a line becomes MASK_CHAR (offsets and lines stay where they are), and a line holding only
 *   actions becomes blank. The chunk records the masked regions (`YamlChunk.masked`).
 * - Placeholders (`${VAR}`, `$(VAR)`, `{VAR}`, `{{VAR}}`, `<your-value>`, `REPLACE_ME`, `sg-xxxxxxxx`) are
 *   left in the text and recognised here.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';

/** What a masked template action reads as (one UTF-16 unit per masked character). */
export const MASK_CHAR = '\u2592';

/**
 * A masked template region of a chunk: chunk-relative [start, end). `line`: the region is structure YAML
 * cannot see (a line of actions only, or an action that opens a block). `output`: an action there may write
 * content (`include`, `toYaml`, `.Values.x`, an `else` branch read away); false for control actions
 * (`if`, `end`, `range`, `with`, `define`), comments and variable assignments, which add nothing.
 */
export interface MaskedRegion {
  start: number;
  end: number;
  line: boolean;
  output: boolean;
}

// Every repeated part is bounded and excludes its own opening character, so a long line of `{` or `<` costs
// linear time (an unbounded `[^}]*` after `{{` made a 44 KB line take seconds).
const PLACEHOLDER = new RegExp(
  [
    '\\$\\{[^{}\\n]{0,200}\\}', // ${VAR}, ${VAR:-x}
    '\\$\\([A-Za-z_][A-Za-z0-9_]{0,100}\\)', // $(VAR)
    '\\{\\{[^{}\\n]{0,200}\\}\\}', // {{VAR}}, {{ .Values.x }} when not masked (docs, Argo templates)
    '\\{[A-Z_][A-Z0-9_]{0,100}\\}', // {VAR}
    '<<[^<>\\n]{0,200}>>', // <<AZ>>
    '<[A-Za-z][^<>\\n]{0,200}>', // <your-value>, arn:aws:acm:<region>:...
    '\\$[A-Z_][A-Z0-9_]+\\b', // $VAR
    '\\b(?:REPLACE|CHANGE)[_-]?ME\\b',
    '\\b(?:YOUR|MY)[_-][A-Z0-9_-]+\\b', // YOUR_ACCOUNT_ID
    '(?:^|[-_/:.])[xX]{4,}(?=$|[-_/:.])', // sg-xxxxxxxx, 1234-xxxx
  ].join('|'),
);

/** Whether text holds a masked template action or a placeholder (its real value is not known yet). */
export function isUnknownText(text: string): boolean {
  return text.includes(MASK_CHAR) || PLACEHOLDER.test(text);
}

/** A scalar whose text is (partly) a template action or placeholder. Keys count too. */
export function isUnknownNode(node: unknown): boolean {
  if (!isScalar(node)) return false;
  const s = node as Scalar;
  if (typeof s.value === 'string') return isUnknownText(s.value);
  // A masked action never reads as a number/bool; a plain scalar's source may still hold one in odd styles.
  return typeof s.source === 'string' && isUnknownText(s.source);
}

/** The scalar's string value when it is known (not a template action or placeholder). */
export function knownString(node: unknown): string | undefined {
  if (!isScalar(node) || isUnknownNode(node)) return undefined;
  const v = (node as Scalar).value;
  return v === null || v === undefined ? undefined : String(v);
}

/**
 * Whether a template action may inject content into this node (a map, a list, or an empty value): then no
 * "missing field" finding may come from it. True when a line where an action writes content lies inside the
 * node, right after it (before the next text of the document) or, for a map or list, right before it; or
 * when the node itself is unknown.
 *
 * `text` is the chunk's masked text, `masked` its masked regions (both on YamlChunk).
 */
export function isOpenNode(node: unknown, text: string, masked: readonly MaskedRegion[], after?: number): boolean {
  if (masked.length === 0) return false;
  if (isUnknownNode(node)) return true;
  const r = (node as { range?: [number, number, number] } | undefined)?.range;
  let start: number;
  let end: number;
  if (r && (isMap(node) || isSeq(node) || isScalar(node))) {
    start = r[0];
    end = r[1];
  } else if (after !== undefined) {
    start = after;
    end = after;
  } else return false;
  // Extend to the blanks around it: an action line right before the first item or right after the last one
  // writes into it too (action lines are blank in the masked text).
  const blank = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
  let e = end;
  while (e < text.length && blank(text.charCodeAt(e))) e++;
  let b = start;
  if (isMap(node) || isSeq(node)) while (b > 0 && blank(text.charCodeAt(b - 1))) b--;
  return someMaskedIn(masked, b, Math.max(e, end + 1), (m) => m.line && m.output);
}

/** Per masked list: the greatest end of the regions up to each index (regions are sorted by start). */
const maxEnds = new WeakMap<readonly MaskedRegion[], Int32Array>();

/**
 * Whether a masked region matching `pred` overlaps [start, end) (an empty range counts as one character).
 * Binary search on the sorted starts, then back while a region may still reach `start`: no scan of the whole
 * list per question, so large templates stay linear.
 */
export function someMaskedIn(
  masked: readonly MaskedRegion[],
  start: number,
  end: number,
  pred: (m: MaskedRegion) => boolean = () => true,
): boolean {
  const n = masked.length;
  if (n === 0) return false;
  let me = maxEnds.get(masked);
  if (!me || me.length !== n) {
    me = new Int32Array(n);
    let max = -1;
    for (let i = 0; i < n; i++) {
      max = Math.max(max, masked[i].end);
      me[i] = max;
    }
    maxEnds.set(masked, me);
  }
  const e = Math.max(end, start + 1);
  // First region whose start is >= e: candidates are before it.
  let lo = 0,
    hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (masked[mid].start < e) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && me[i] > start; i--) {
    const m = masked[i];
    if (m.end > start && pred(m)) return true;
  }
  return false;
}

const lineStartsCache = new WeakMap<readonly MaskedRegion[], Int32Array>();

/** Whether a structure region (`line`) starts strictly between `after` and `before` (binary search). */
export function lineRegionStartsBetween(masked: readonly MaskedRegion[], after: number, before: number): boolean {
  let starts = lineStartsCache.get(masked);
  if (!starts) {
    starts = Int32Array.from(masked.filter((m) => m.line).map((m) => m.start)).sort();
    lineStartsCache.set(masked, starts);
  }
  let lo = 0,
    hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length && starts[lo] < before;
}

export type { Node };

/**
 * Whether a template control line (`{{- if }}`, `{{- else }}`, `{{- range }}`, `{{- end }}`) lies between two
 * offsets: then the text on either side may be alternatives that never render together (the same list entry
 * in an `if` and its `else`), so they are not judged against each other.
 */
export function controlLineBetween(masked: readonly MaskedRegion[], start: number, end: number): boolean {
  return masked.length > 0 && someMaskedIn(masked, start, end, (m) => m.line && !m.output);
}

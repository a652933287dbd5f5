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

/** A masked template region of a chunk: chunk-relative [start, end); `line`: the whole line was actions. */
export interface MaskedRegion { start: number; end: number; line: boolean }

// Every repeated part is bounded and excludes its own opening character, so a long line of `{` or `<` costs
// linear time (an unbounded `[^}]*` after `{{` made a 44 KB line take seconds).
const PLACEHOLDER = new RegExp([
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
].join('|'));

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
 * "missing field" finding may come from it. True when an action-only line lies inside the node or right
 * after it (before the next text of the document), or when the node itself is unknown.
 *
 * `text` is the chunk's masked text, `masked` its masked regions (both on YamlChunk).
 */
export function isOpenNode(node: unknown, text: string, masked: readonly MaskedRegion[], after?: number): boolean {
  if (masked.length === 0) return false;
  if (isUnknownNode(node)) return true;
  const r = (node as { range?: [number, number, number] } | undefined)?.range;
  let start: number;
  let end: number;
  if (r && (isMap(node) || isSeq(node) || isScalar(node))) { start = r[0]; end = r[1]; } else if (after !== undefined) { start = after; end = after; } else return false;
  // Extend to the next non-blank character: an action line right after the last item injects into it.
  let e = end;
  while (e < text.length && (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 10 || text.charCodeAt(e) === 13 || text.charCodeAt(e) === 9)) e++;
  return masked.some((m) => m.line && m.start < Math.max(e, end + 1) && m.end > start);
}

/** Whether a node lies in (or overlaps) any masked region. */
export function overlapsMasked(start: number, end: number, masked: readonly MaskedRegion[]): boolean {
  for (const m of masked) if (m.start < Math.max(end, start + 1) && m.end > start) return true;
  return false;
}

export type { Node };

const ACTION_LINE = /^[ \t]*\{\{[^\n]*\}\}[ \t]*\r?$/m;

/**
 * Whether raw (unmasked) text holds a line made only of template actions (`{{- if … }}`, `{{ toYaml . }}`):
 * such a line may add fields or items anywhere in its document, so nothing may be reported as missing. Once
 * actions are masked before parsing, `isOpenNode` answers this precisely; this is the coarse sign for text
 * that was not masked.
 */
export function hasActionLines(text: string): boolean {
  return ACTION_LINE.test(text);
}

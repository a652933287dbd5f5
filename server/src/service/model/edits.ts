/**
 * Quick-fix edits on YAML scalars that change exactly the value they mean to and keep the file valid: the
 * one place that knows how to write a string back into YAML. Every module's "change to X" and "quote it"
 * fixes use it.
 *
 * - The new text keeps the scalar's quote style when that style can hold the value; a plain scalar stays
 *   plain only when YAML would read the new text back as the same string (`yes`, `8080`, `null` and `a: b`
 *   get quoted), and is then quoted in the style the file already uses most.
 * - A tag (`!!int 1`) is dropped with the value it typed.
 * - An empty value (`app:`, `owner: # team`) gets text inserted exactly at the value's position, with the
 *   spaces YAML needs, never replacing anything after it.
 */
import { isScalar, parse, type Node, type Scalar } from 'yaml';
import type { Fix, FixEdit } from '../diagnostics/types';
import { nodeRange } from '@shared/manifest/yamlNodes';

export type QuoteStyle = 'single' | 'double';

/** The quote style a file uses most for quoted scalars (double when it has none). */
export function preferredQuote(text: string): QuoteStyle {
  let single = 0,
    double = 0;
  for (const m of text.matchAll(/[:\-[,]\s+(['"])/g)) {
    if (m[1] === "'") single++;
    else double++;
    if (single + double > 200) break;
  }
  return single > double ? 'single' : 'double';
}

/** A YAML 1.2 double-quoted or single-quoted scalar holding exactly `value`. */
export function quoted(value: string, style: QuoteStyle): string {
  // Single quotes cannot escape anything: control characters and line breaks need double quotes.
  // eslint-disable-next-line no-control-regex
  if (style === 'single' && !/[\x00-\x1f]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** Whether `value` written as a plain scalar reads back as that same string (block context, one line). */
export function plainSafe(value: string): boolean {
  if (value === '' || /^\s|\s$/.test(value) || /[\n\r]/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/^-[^\s]/.test(value)) return false;
  if (/: |:$| #/.test(value)) return false;
  try {
    return parse(value, { version: '1.2' }) === value && parse(value, { version: '1.1' }) === value;
  } catch {
    return false;
  }
}

/**
 * The edit that makes `node` hold the string `value`. `text` is the chunk's text. Undefined when the node
 * has no position. Plain text that reads as the same string stays plain (e.g. an enum value).
 */
export function replaceScalarEdit(text: string, node: unknown, value: string): FixEdit | undefined {
  if (!isScalar(node)) return undefined;
  const s = node as Scalar;
  const r = s.range;
  if (!r) return undefined;
  const [start, end] = [tagStart(text, r[0]), r[1]];
  let newText: string;
  if (s.type === 'QUOTE_SINGLE') newText = quoted(value, 'single');
  else if (s.type === 'QUOTE_DOUBLE') newText = quoted(value, 'double');
  else newText = plainSafe(value) ? value : quoted(value, preferredQuote(text));
  return emptyAware(text, start, end, newText);
}

/** The edit that turns a scalar YAML reads as a number, boolean or null into the same text as a string. */
export function quoteScalarEdit(text: string, node: unknown): FixEdit | undefined {
  if (!isScalar(node)) return undefined;
  const r = (node as Scalar).range;
  if (!r) return undefined;
  const source = (node as Scalar).value === null ? '' : text.slice(r[0], r[1]);
  return emptyAware(text, tagStart(text, r[0]), r[1], quoted(source, preferredQuote(text)));
}

/**
 * The edit that gives a key with no value at all (`{app, tier: web}`) the string value `value`, inserted
 * right after the key. Undefined where an insertion would change the structure (an explicit `? key`).
 */
export function addValueEdit(text: string, keyEnd: number, value: string): FixEdit | undefined {
  const lineStart = text.lastIndexOf('\n', keyEnd - 1) + 1;
  if (/^\s*(?:-\s+)*\?/.test(text.slice(lineStart, keyEnd))) return undefined;
  const after = text.charAt(keyEnd);
  if (after === ':') return emptyAware(text, keyEnd + 1, keyEnd + 1, quoted(value, preferredQuote(text)));
  return { start: keyEnd, end: keyEnd, newText: `: ${quoted(value, preferredQuote(text))}` };
}

/** Where a scalar's tag (`!!int `, `!foo `) begins, when one stands right before it on its line. */
function tagStart(text: string, valueStart: number): number {
  const lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
  const m = /!\S*\s+$/.exec(text.slice(lineStart, valueStart));
  return m ? lineStart + m.index : valueStart;
}

/** A replacement of [start, end); for an empty range, the spaces YAML needs around the inserted text. */
function emptyAware(text: string, start: number, end: number, newText: string): FixEdit {
  if (start !== end) return { start, end, newText };
  const before = text.charAt(start - 1);
  const after = text.charAt(start);
  const lead = before === ':' || before === '-' || before === '?' ? ' ' : '';
  const trail = after !== '' && !/[\s,\]}]/.test(after) ? ' ' : '';
  return { start, end, newText: lead + newText + trail };
}

/** A quick fix that makes a scalar (a key or a value) hold `text` (see replaceScalarEdit). */
export function replaceScalarFix(
  chunkText: string,
  node: Node | undefined,
  text: string,
  title: string,
  preferred = true,
): Fix | undefined {
  const edit = replaceScalarEdit(chunkText, node, text);
  return edit ? { title, edits: [edit], preferred } : undefined;
}

/**
 * A fix adding `key: value` as a new line of the block map that holds `sibling` (a key node of that map),
 * at the sibling's indentation, after the line where the sibling's value ends. Undefined for flow maps or
 * when the line is not found. The new line uses the file's line ending.
 */
export function insertSiblingLineFix(
  chunkText: string,
  sibling: Node | undefined,
  line: string,
  title: string,
  siblingValue?: Node,
): Fix | undefined {
  const r = nodeRange(sibling);
  if (!r) return undefined;
  const lineStart = chunkText.lastIndexOf('\n', r[0] - 1) + 1;
  const before = chunkText.slice(lineStart, r[0]);
  if (!/^[ \t]*(- )?[ \t]*$/.test(before)) return undefined;
  const indent = ' '.repeat(before.length);
  const end = Math.max(r[1], nodeRange(siblingValue)?.[1] ?? 0);
  let eol = chunkText.indexOf('\n', end);
  if (eol === -1) eol = chunkText.length;
  const cr = eol > 0 && chunkText.charAt(eol - 1) === '\r';
  const at = cr ? eol - 1 : eol;
  return { title, edits: [{ start: at, end: at, newText: `${cr ? '\r\n' : '\n'}${indent}${line}` }] };
}

/**
 * JSON embedded in a YAML scalar, with exact positions. YAML turns the source of a scalar into its value by
 * unquoting, unescaping, folding line breaks and stripping indentation; `scalarText` redoes that and records,
 * for every character of the value, the source span it came from. `embeddedJson` parses the value with
 * jsonc-parser and answers "where in the YAML document is this JSON offset" (and the reverse, for a cursor).
 *
 * The reconstructed value is compared with the value the `yaml` parser produced: on any disagreement (an
 * exotic form we do not model) positions fall back to the whole scalar, so results stay correct, only coarser.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import { isScalar, type Scalar } from 'yaml';

export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/** A scalar's value and, per value character, the chunk-relative source span [start[i], end[i]). */
export interface ScalarText {
  value: string;
  start: number[];
  end: number[];
  /** False when the mapping could not be built exactly (spans then cover the whole scalar). */
  exact: boolean;
  style: ScalarStyle;
  /** Chunk-relative [start, end) of the scalar's source (header/quotes included). */
  range: [number, number];
}

class Builder {
  value = '';
  start: number[] = [];
  end: number[] = [];
  push(text: string, s: number, e: number): void {
    for (let k = 0; k < text.length; k++) {
      this.value += text[k];
      this.start.push(s);
      this.end.push(e);
    }
  }
  /** Remove trailing characters from `from` on. */
  truncate(from: number): void {
    this.value = this.value.slice(0, from);
    this.start.length = from;
    this.end.length = from;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

function isBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}
function isWhite(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Length of the line break at i (\n, \r\n or \r), 0 when none. */
function breakLen(src: string, i: number): number {
  if (src[i] === '\r') return src[i + 1] === '\n' ? 2 : 1;
  return src[i] === '\n' ? 1 : 0;
}

/**
 * Flow scalar content [a, b): plain, single- or double-quoted. Line folding: trailing white space of a line
 * is dropped, leading white space of the next line too; one line break becomes a space, n+1 breaks become
 * n newlines.
 */
function flowText(src: string, a: number, b: number, style: ScalarStyle, out: Builder): void {
  let pending: number[] = [];
  const flush = (): void => {
    for (const p of pending) out.push(src[p], p, p + 1);
    pending = [];
  };
  /** Skip a line break at i and following empty lines; returns [next index, empty line break offsets]. */
  const skipBreaks = (i: number): [number, number[]] => {
    i += breakLen(src, i);
    const empties: number[] = [];
    for (;;) {
      let j = i;
      while (j < b && isWhite(src[j])) j++;
      if (j < b && isBreak(src[j])) {
        empties.push(j);
        i = j + breakLen(src, j);
        continue;
      }
      return [j, empties];
    }
  };
  let i = a;
  while (i < b) {
    const c = src[i];
    if (style === 'QUOTE_DOUBLE' && c === '\\') {
      const n = src[i + 1];
      if (isBreak(n)) {
        flush(); // white space before an escaped line break is content
        const [next, empties] = skipBreaks(i + 1);
        for (const e of empties) out.push('\n', e, e + breakLen(src, e));
        i = next;
        continue;
      }
      flush();
      if (n !== undefined && SIMPLE_ESCAPES[n] !== undefined) {
        out.push(SIMPLE_ESCAPES[n], i, i + 2);
        i += 2;
        continue;
      }
      const hex = n !== undefined ? HEX_ESCAPES[n] : undefined;
      if (hex !== undefined) {
        const digits = src.slice(i + 2, i + 2 + hex);
        const code = /^[0-9a-fA-F]+$/.test(digits) && digits.length === hex ? parseInt(digits, 16) : NaN;
        if (!Number.isNaN(code) && code <= 0x10ffff) {
          out.push(String.fromCodePoint(code), i, i + 2 + hex);
          i += 2 + hex;
          continue;
        }
      }
      out.push(c, i, i + 1); // invalid escape: keep as is (the value comparison will notice)
      i++;
      continue;
    }
    if (style === 'QUOTE_SINGLE' && c === "'" && src[i + 1] === "'") {
      flush();
      out.push("'", i, i + 2);
      i += 2;
      continue;
    }
    if (isWhite(c)) {
      pending.push(i);
      i++;
      continue;
    }
    if (isBreak(c)) {
      pending = []; // trailing white space of the line is not content
      const [next, empties] = skipBreaks(i);
      if (empties.length === 0) out.push(' ', i, i + breakLen(src, i));
      else for (const e of empties) out.push('\n', e, e + breakLen(src, e));
      i = next;
      continue;
    }
    flush();
    out.push(c, i, i + 1);
    i++;
  }
  flush();
}

/** Indentation (spaces) of the line holding offset i. */
function lineIndent(src: string, i: number): number {
  let s = i;
  while (s > 0 && !isBreak(src[s - 1])) s--;
  let n = 0;
  while (src[s + n] === ' ') n++;
  return n;
}

/** Block scalar (`|` or `>`) whose header starts at a and whose content ends at b. */
function blockText(src: string, a: number, b: number, style: ScalarStyle, out: Builder): void {
  let i = a + 1;
  let explicit = 0;
  let chomp: 'clip' | 'strip' | 'keep' = 'clip';
  while (i < b && /[1-9+-]/.test(src[i])) {
    if (src[i] === '-') chomp = 'strip';
    else if (src[i] === '+') chomp = 'keep';
    else explicit = Number(src[i]);
    i++;
  }
  while (i < b && !isBreak(src[i])) i++; // spaces and a comment
  if (i >= b) return;
  i += breakLen(src, i);
  // Lines of the body.
  const lines: { s: number; e: number; brk: number; brkLen: number }[] = [];
  while (i < b) {
    let e = i;
    while (e < b && !isBreak(src[e])) e++;
    const bl = e < src.length ? breakLen(src, e) : 0;
    lines.push({ s: i, e, brk: e, brkLen: Math.min(bl, Math.max(0, b - e)) });
    i = e + (bl || 1);
  }
  let indent: number;
  if (explicit) indent = lineIndent(src, a) + explicit;
  else {
    indent = 0;
    for (const l of lines) {
      let n = 0;
      while (src[l.s + n] === ' ') n++;
      if (l.s + n < l.e) {
        indent = n;
        break;
      }
      indent = Math.max(indent, n);
    }
  }
  type Line = { cs: number; ce: number; empty: boolean; more: boolean; brk: number; brkLen: number };
  const body: Line[] = lines.map((l) => {
    const cs = Math.min(l.s + indent, l.e);
    const empty = cs >= l.e;
    return { cs, ce: l.e, empty, more: !empty && isWhite(src[cs]), brk: l.brk, brkLen: l.brkLen };
  });
  let lastContent = -1;
  for (let k = body.length - 1; k >= 0; k--)
    if (!body[k].empty) {
      lastContent = k;
      break;
    }
  const emitBreak = (l: Line): void => {
    if (l.brkLen > 0) out.push('\n', l.brk, l.brk + l.brkLen);
  };
  const emitLine = (l: Line): void => {
    for (let p = l.cs; p < l.ce; p++) out.push(src[p], p, p + 1);
  };
  if (style === 'BLOCK_LITERAL') {
    for (let k = 0; k <= lastContent; k++) {
      emitLine(body[k]);
      if (k < lastContent) emitBreak(body[k]);
    }
  } else {
    let prev: Line | undefined;
    let empties: Line[] = [];
    for (let k = 0; k <= lastContent; k++) {
      const l = body[k];
      if (l.empty) {
        empties.push(l);
        continue;
      }
      if (!prev) for (const e of empties) emitBreak(e);
      else if (!prev.more && !l.more) {
        if (empties.length === 0) out.push(' ', prev.brk, prev.brk + Math.max(1, prev.brkLen));
        else for (const e of empties) emitBreak(e);
      } else {
        emitBreak(prev);
        for (const e of empties) emitBreak(e);
      }
      empties = [];
      emitLine(l);
      prev = l;
    }
  }
  // Chomping: the break after the last content line and the trailing empty lines.
  if (lastContent < 0) {
    if (chomp === 'keep') for (const l of body) emitBreak(l);
    return;
  }
  if (chomp === 'strip') return;
  emitBreak(body[lastContent]);
  if (chomp === 'keep') for (let k = lastContent + 1; k < body.length; k++) emitBreak(body[k]);
}

/** The value of a scalar with its source map, or undefined for non-string scalars. */
export function scalarText(chunkText: string, node: Scalar): ScalarText | undefined {
  const r = (node as { range?: number[] }).range;
  if (!r || typeof node.value !== 'string') return undefined;
  const style = (node.type ?? 'PLAIN') as ScalarStyle;
  const [a, b] = [r[0], r[1]];
  const out = new Builder();
  try {
    if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') blockText(chunkText, a, b, style, out);
    else if (style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE') flowText(chunkText, a + 1, Math.max(a + 1, b - 1), style, out);
    else flowText(chunkText, a, b, style, out);
  } catch {
    /* fall through to the comparison */
  }
  if (out.value === node.value) return { value: out.value, start: out.start, end: out.end, exact: true, style, range: [a, b] };
  const v = node.value;
  return {
    value: v,
    start: Array.from({ length: v.length }, () => a),
    end: Array.from({ length: v.length }, () => b),
    exact: false,
    style,
    range: [a, b],
  };
}

/** Parsed JSON of a scalar, positions mapped to the chunk. */
export interface EmbeddedJson {
  st: ScalarText;
  text: string;
  root?: JsonNode;
  errors: ParseError[];
  /** Chunk-relative [start, end) for the JSON range [offset, offset + length). */
  toSource(offset: number, length: number): [number, number];
  /** JSON offset for a chunk-relative offset inside the scalar (the first value char at or after it). */
  fromSource(offset: number): number;
}

const cache = new WeakMap<Scalar, { text: string; ej: EmbeddedJson }>();

/**
 * JSON nested deeper than this is not parsed: the controller's types are a few levels deep, and jsonc-parser
 * (and formatting) recurse per level, so hostile input could exhaust the stack or take quadratic time.
 */
export const MAX_JSON_DEPTH = 64;
/** Error code used for JSON nested deeper than MAX_JSON_DEPTH (not one of jsonc-parser's codes). */
export const TOO_DEEP = 1000 as ParseErrorCode;

/** Offset where nesting first exceeds `max` ([ and { outside strings), or -1. */
export function excessiveNesting(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return -1;
}

export function embeddedJson(chunkText: string, node: unknown): EmbeddedJson | undefined {
  if (!isScalar(node)) return undefined;
  const hit = cache.get(node);
  if (hit && hit.text === chunkText) return hit.ej;
  const st = scalarText(chunkText, node);
  if (!st) return undefined;
  const errors: ParseError[] = [];
  const deep = excessiveNesting(st.value);
  const root =
    deep >= 0 ? undefined : parseTree(st.value, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (deep >= 0) errors.push({ error: TOO_DEEP, offset: deep, length: 1 });
  const n = st.value.length;
  const contentEnd = n > 0 ? st.end[n - 1] : st.style === 'QUOTE_DOUBLE' || st.style === 'QUOTE_SINGLE' ? st.range[0] + 1 : st.range[0];
  const ej: EmbeddedJson = {
    st,
    text: st.value,
    root,
    errors,
    toSource(offset, length) {
      const s = Math.max(0, Math.min(offset, n));
      const e = Math.max(s, Math.min(offset + length, n));
      const from = s < n ? st.start[s] : contentEnd;
      const to = e > s ? st.end[e - 1] : from;
      return [from, Math.max(from, to)];
    },
    fromSource(offset) {
      let lo = 0,
        hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (st.end[mid] <= offset) lo = mid + 1;
        else hi = mid;
      }
      // lo: first char whose span ends after offset; the cursor sits before it unless inside its span.
      if (lo < n && st.start[lo] < offset && st.end[lo] > offset && st.end[lo] - st.start[lo] > 1) return lo + 1;
      return lo;
    },
  };
  cache.set(node, { text: chunkText, ej });
  return ej;
}

/** Human message for a jsonc-parser error code, in Go's terms where it matters. */
export function jsonErrorMessage(e: ParseError): string {
  if (e.error === TOO_DEEP) return `nested more than ${MAX_JSON_DEPTH} levels deep (not analysed further)`;
  const name = printParseErrorCode(e.error);
  const text: Record<string, string> = {
    InvalidSymbol: 'invalid character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'a property name in double quotes expected',
    ValueExpected: 'a value expected',
    ColonExpected: '":" expected',
    CommaExpected: '"," expected',
    CloseBraceExpected: '"}" expected',
    CloseBracketExpected: '"]" expected',
    EndOfFileExpected: 'unexpected text after the JSON value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'incomplete number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape in a JSON string',
    InvalidCharacter: 'invalid control character in a JSON string',
  };
  return text[name] ?? name;
}

/** Text to write inside the scalar for JSON text `s` (quotes and backslashes escaped per style). */
export function encodeForStyle(style: ScalarStyle, s: string): string {
  if (style === 'QUOTE_DOUBLE') return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  if (style === 'QUOTE_SINGLE') return s.replace(/'/g, "''");
  return s;
}

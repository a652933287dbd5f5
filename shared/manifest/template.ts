/**
 * Go-template (Helm) actions hidden from the YAML parser without moving anything: every offset and line of
 * the masked text is the offset and line of the source.
 *
 * - A line that holds only actions (and blanks, and maybe a trailing `#` comment) becomes blank: it is
 *   structure YAML cannot see (`{{- if }}`, `{{- end }}`, `{{- include … | nindent 4 }}`, `{{- range }}`).
 * - An action inside a line of text becomes a run of MASK_CHAR, so `name: {{ .Release.Name }}` is a plain
 *   scalar that model/templates.ts reads as unknown.
 * - Actions and comments may span lines: their newlines are kept; a continuation line that is only action
 *   is blank, and the action text that starts a continuation line with text after it becomes blanks (so the
 *   text keeps its column).
 *
 * The lexer follows text/template: an action runs from `{{` to the first `}}` outside a string ("…" with
 * escapes, `…` raw, '…' char) and outside a comment (`/* … *\/`). An action never closed ends at its line's end
 * (text being typed), so one stray `{{` does not hide the rest of the file.
 */
import { MASK_CHAR, type MaskedRegion } from './templates';

/** Whether the text holds Go-template actions (then it is masked before parsing). */
export function hasTemplateActions(text: string): boolean {
  return text.includes('{{');
}

/** [start, end) of each action (delimiters included). */
export function templateActions(text: string): [number, number][] {
  const out: [number, number][] = [];
  const n = text.length;
  // Where the last comment close is: a comment opened after it is never closed (no search to the end each time).
  const lastClose = text.lastIndexOf('*/');
  let i = text.indexOf('{{');
  while (i !== -1) {
    const end = actionEnd(text, i + 2, lastClose);
    out.push([i, end]);
    if (end >= n) break;
    i = text.indexOf('{{', end);
  }
  return out;
}

/** Offset just after the `}}` closing the action whose body starts at `from`. */
function actionEnd(text: string, from: number, lastClose: number): number {
  const n = text.length;
  let i = from;
  // A comment is `{{/*` or `{{- /*`: it ends at `*/` followed by `}}` (or ` -}}`).
  let j = i;
  if (text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\t' || text[j + 1] === '\n' || text[j + 1] === '\r')) j++;
  while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
  if (text.startsWith('/*', j)) {
    const close = j + 2 <= lastClose ? text.indexOf('*/', j + 2) : -1;
    if (close !== -1) {
      const after = text.indexOf('}}', close + 2);
      if (after !== -1) return after + 2;
    }
    return lineEndOf(text, from);
  }
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 125 /* } */ && text.charCodeAt(i + 1) === 125) return i + 2;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      // Interpreted string or char constant: ends at the same quote, backslash escapes; never spans lines.
      let k = i + 1;
      while (k < n && text.charCodeAt(k) !== c && text.charCodeAt(k) !== 10) k += text.charCodeAt(k) === 92 ? 2 : 1;
      if (k >= n || text.charCodeAt(k) === 10) return lineEndOf(text, from);
      i = k + 1;
      continue;
    }
    if (c === 96 /* ` */) {
      const k = text.indexOf('`', i + 1);
      if (k === -1) return lineEndOf(text, from);
      i = k + 1;
      continue;
    }
    if (c === 123 /* { */ && text.charCodeAt(i + 1) === 123) return lineEndOf(text, from); // `{{` inside: unclosed
    i++;
  }
  return lineEndOf(text, from);
}

function lineEndOf(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  const end = nl === -1 ? text.length : nl;
  return end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

export interface MaskedText {
  text: string;
  masked: MaskedRegion[];
}

interface MaskLine {
  start: number;
  end: number;
  /** Parts of actions on this line, clamped to it. */
  spans: [number, number][];
  /** The first span continues an action begun on an earlier line. */
  continues: boolean;
  /** Nothing but actions, blanks and maybe a comment. */
  onlyActions: boolean;
}

/** The text with every action masked (see the file comment), and the masked regions, sorted. */
export function maskTemplate(source: string): MaskedText {
  if (!hasTemplateActions(source)) return { text: source, masked: [] };
  const actions = templateActions(source);
  if (actions.length === 0) return { text: source, masked: [] };
  const lines = linesWithActions(source, actions);
  // Replacements in order ([start, end, fill char]); the text is assembled once at the end.
  const edits: [number, number, string][] = [];
  const masked: MaskedRegion[] = [];
  const blank = (s: number, e: number) => {
    edits.push([s, e, ' ']);
  };
  lines.forEach((l, li) => {
    if (l.onlyActions) {
      for (const [s, e] of l.spans) blank(s, e);
      masked.push({
        start: l.start,
        end: l.end,
        line: true,
        output: l.spans.some((sp, i) => writes(source, sp, i === 0 && l.continues, actions)),
      });
      return;
    }
    l.spans.forEach(([s, e], i) => {
      // A continuation line of a multi-line action: its leading action text becomes blanks, so the text after
      // it keeps its column. An action that ends `key: {{ … }}` or `- {{ … }}` with more-indented lines after
      // it injects the start of a block (`{{- include … | nindent 4 }}` then literal keys): it is structure too.
      const leading = i === 0 && l.continues;
      const opening = i === l.spans.length - 1 && !leading && opensBlock(source, l, s, lines, li);
      if (leading || opening) blank(s, e);
      else edits.push([s, e, MASK_CHAR]);
      masked.push({ start: s, end: e, line: leading || opening, output: writes(source, [s, e], leading, actions) });
    });
  });
  return { text: applyFills(source, edits), masked };
}

/** The source with each [start, end) replaced by its fill character, same length (a `\r` is kept). */
function applyFills(source: string, edits: [number, number, string][]): string {
  const parts: string[] = [];
  let at = 0;
  for (const [s, e, ch] of edits) {
    if (s < at) continue;
    parts.push(source.slice(at, s));
    const piece = source.slice(s, e);
    parts.push(piece.includes('\r') ? piece.replace(/[^\r]/g, ch) : ch.repeat(e - s));
    at = e;
  }
  parts.push(source.slice(at));
  return parts.join('');
}

/** Every line that an action touches, with its spans, in order. */
function linesWithActions(source: string, actions: [number, number][]): MaskLine[] {
  const out: MaskLine[] = [];
  const n = source.length;
  let a = 0;
  let lineStart = 0;
  while (lineStart <= n && a < actions.length) {
    const nl = source.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? n : nl;
    while (a < actions.length && actions[a][1] <= lineStart) a++;
    if (a >= actions.length) break;
    if (actions[a][0] < lineEnd) {
      const spans: [number, number][] = [];
      for (let k = a; k < actions.length && actions[k][0] < lineEnd; k++)
        spans.push([Math.max(actions[k][0], lineStart), Math.min(actions[k][1], lineEnd)]);
      let rest = '';
      let p = lineStart;
      for (const [s, e] of spans) {
        rest += source.slice(p, s);
        p = e;
      }
      rest += source.slice(p, lineEnd);
      out.push({
        start: lineStart,
        end: lineEnd,
        spans,
        continues: actions[a][0] < lineStart,
        onlyActions: /^[ \t]*(?:#.*)?\r?$/.test(rest),
      });
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return out;
}

/**
 * Whether the action at `s`, the last thing on its line after `key:` or `- `, opens a block: the next line with
 * text (action-only lines do not count) is indented deeper than this line.
 */
function opensBlock(source: string, l: MaskLine, s: number, lines: MaskLine[], li: number): boolean {
  const e = l.spans[l.spans.length - 1][1];
  if (!/^[ \t]*(?:#.*)?\r?$/.test(source.slice(e, l.end))) return false;
  const before = source.slice(l.start, s);
  if (!/(?::|^[ \t]*-)[ \t]*$/.test(before) || /^[ \t]*#/.test(before)) return false;
  // The column the block must be deeper than: the key's (after any `- `), or the dash's for `- {{ … }}`.
  const indent = /:[ \t]*$/.test(before) ? /^[ \t]*(?:-[ \t]+)*/.exec(before)![0].length : /^[ \t]*/.exec(before)![0].length;
  let k = li + 1;
  let at = l.end + 1;
  while (at < source.length) {
    const nl = source.indexOf('\n', at);
    const end = nl === -1 ? source.length : nl;
    while (k < lines.length && lines[k].start < at) k++;
    const isActionOnly = k < lines.length && lines[k].start === at && lines[k].onlyActions;
    const text = source.slice(at, end);
    if (!isActionOnly && /\S/.test(text) && !/^[ \t]*#/.test(text)) return /^[ \t]*/.exec(text)![0].length > indent;
    if (nl === -1) break;
    at = nl + 1;
  }
  return false;
}

const SILENT = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'break', 'continue']);

/**
 * Whether the action (or the part of it at `span`) may write text: not a control action, a comment or a
 * variable assignment. A continuation part takes the answer of the action it continues.
 */
function writes(source: string, span: [number, number], continues: boolean, actions: [number, number][]): boolean {
  let a = span;
  if (continues) {
    const whole = actions.find(([s, e]) => s < span[0] && e >= span[1]);
    if (whole) a = whole;
  }
  const head = source.slice(a[0], Math.min(a[1], a[0] + 80));
  const m = /^\{\{-?\s*(\/\*|\$[\w]*\s*:?=(?!=)|[a-z]+\b)?/.exec(head);
  const word = m?.[1];
  if (!word) return true;
  if (word === '/*' || word.startsWith('$')) return false;
  return !SILENT.has(word);
}

/** The keyword an action starts with (`if`, `else`, `end`, `range`, …), or '' for output and comments. */
function actionKeyword(source: string, [s, e]: [number, number]): string {
  const m = /^\{\{-?\s*([a-z]+)\b/.exec(source.slice(s, Math.min(e, s + 40)));
  return m ? m[1] : '';
}

const OPENS = new Set(['if', 'range', 'with', 'define', 'block']);

/**
 * [start, end) of every `{{ else … }}` branch: from its first `else` action to the `end` that closes the block
 * (nested blocks inside are part of it). Blanking them leaves one reading of each `if`/`with`/`range`.
 */
export function elseBranches(source: string, actions: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  const stack: { elseAt?: number }[] = [];
  for (const a of actions) {
    const kw = actionKeyword(source, a);
    if (OPENS.has(kw)) stack.push({});
    else if (kw === 'else') {
      const top = stack[stack.length - 1];
      if (top && top.elseAt === undefined) top.elseAt = a[0];
    } else if (kw === 'end') {
      const top = stack.pop();
      if (top?.elseAt !== undefined) {
        // An outer branch already blanked covers this one.
        while (out.length && out[out.length - 1][0] >= top.elseAt) out.pop();
        out.push([top.elseAt, a[0]]);
      }
    }
  }
  return out;
}

/**
 * The second reading of a template: every `else` branch blanked (its lines become structure, as action-only
 * lines do), the rest masked as maskTemplate does. Used when the first reading does not parse: branches that
 * are alternatives (`{{ if }} key: a {{ else }} {} {{ end }}`) are not YAML side by side.
 */
export function maskTemplateFirstBranches(source: string): MaskedText | undefined {
  if (!hasTemplateActions(source)) return undefined;
  const actions = templateActions(source);
  const branches = elseBranches(source, actions);
  if (branches.length === 0) return undefined;
  const chars = source.split('');
  for (const [s, e] of branches) for (let k = s; k < e; k++) if (chars[k] !== '\n' && chars[k] !== '\r') chars[k] = ' ';
  const m = maskTemplate(chars.join(''));
  const regions = [...m.masked, ...branches.map(([start, end]) => ({ start, end, line: true, output: true }))].sort(
    (x, y) => x.start - y.start,
  );
  return { text: m.text, masked: regions };
}

/**
 * The conditions of the `if`/`with` blocks (and the `else` branches of them) that enclose `offset`: the text of
 * each condition, outermost first. An object inside such a block exists only when its condition holds.
 */
export function enclosingConditions(source: string, offset: number): string[] {
  const stack: { kw: string; cond: string }[] = [];
  for (const a of templateActions(source)) {
    if (a[0] >= offset) break;
    const kw = actionKeyword(source, a);
    const body = source
      .slice(a[0], a[1])
      .replace(/^\{\{-?\s*/, '')
      .replace(/\s*-?\}\}$/, '');
    if (kw === 'if' || kw === 'with') stack.push({ kw, cond: body.replace(/^(if|with)\s+/, '') });
    else if (kw === 'range' || kw === 'define' || kw === 'block') stack.push({ kw, cond: '' });
    else if (kw === 'else' && stack.length) {
      const top = stack[stack.length - 1];
      const more = body.replace(/^else\s*/, '').replace(/^(if|with)\s+/, '');
      top.cond = more ? `${top.cond} is false and ${more}` : `${top.cond} is false`;
    } else if (kw === 'end') stack.pop();
  }
  return stack.filter((s) => s.kw === 'if' || s.kw === 'with').map((s) => s.cond);
}

/**
 * The judge of the code-action property test: applies one code action's edits to a text the way an LSP
 * client does (vscode-languageserver-textdocument) and says what, if anything, it damaged.
 *
 * - Line endings: line breaks in inserted text must be the ones of the line the edit starts on (CRLF in a
 *   CRLF file, CR in a CR file, LF otherwise).
 * - Documents: the edits stay inside one `---` document; every other document is byte-identical after.
 * - YAML: the edited document gains no parser error it did not have.
 * - Structure: the change stays inside the node the edits are in (the deepest node whose range holds every
 *   edit). Above it every entry is unchanged. At a key, only that entry may change; at a map or list,
 *   entries that no edit touches stay as they were (new entries may be added); a comment-only insertion
 *   changes no data at all.
 * - Annotation JSON: a string value that held valid JSON still does; a refactor keeps the same JSON value.
 *
 * Aliases are compared by name (never expanded); documents nested deeper than MAX_DEPTH are compared as text.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { YamlFile, type YamlChunk } from '@shared/manifest/yamlFile';

export interface Edit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}
export interface ActionUnderTest {
  title: string;
  kind?: string;
  edits: Edit[];
}

const MAX_DEPTH = 200;
const COMMENT_LINES = /^(?:[ \t]*#[^\r\n]*(?:\r\n|\r|\n))+$/;

/** The line ending of the line holding `offset` ('' for a last line without one: then the file's first). */
export function eolAt(text: string, offset: number): string {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return '\n';
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

/** Every line break of `newText` is `eol`. */
function usesEol(newText: string, eol: string): boolean {
  for (const m of newText.matchAll(/\r\n|\r|\n/g)) if (m[0] !== eol) return false;
  return true;
}

/** Apply the edits; the problems found (empty: the action is sound) and the new text. */
export function judge(before: string, action: ActionUnderTest): { problems: string[]; after?: string } {
  const problems: string[] = [];
  const doc = TextDocument.create('file:///judge.yaml', 'yaml', 1, before);
  const spans = action.edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as const);
  action.edits.forEach((e, i) => {
    const eol = eolAt(before, spans[i][0]);
    if (!usesEol(e.newText, eol))
      problems.push(
        `inserted text ${JSON.stringify(e.newText.slice(0, 80))} does not use the line ending ${JSON.stringify(eol)} of its line`,
      );
  });
  let after: string;
  try {
    after = TextDocument.applyEdits(doc, action.edits);
  } catch (err) {
    return { problems: [...problems, `edits cannot be applied: ${(err as Error).message}`] };
  }
  if (after === before) return { problems, after };
  const s = Math.min(...spans.map((x) => x[0]));
  const e = Math.max(...spans.map((x) => x[1]));
  const a = new YamlFile(before),
    b = new YamlFile(after);
  if (a.chunks.length !== b.chunks.length) {
    problems.push(`the file had ${a.chunks.length} documents, now ${b.chunks.length}`);
    return { problems, after };
  }
  const changed = a.chunks.map((_, i) => i).filter((i) => a.chunks[i].text !== b.chunks[i].text);
  if (changed.length !== 1) {
    problems.push(`${changed.length} documents changed`);
    return { problems, after };
  }
  const i = changed[0];
  const ca = a.chunks[i],
    cb = b.chunks[i];
  if (s < ca.startOffset || e > ca.startOffset + ca.text.length) problems.push('an edit reaches outside the document it changes');
  const commentOnly = action.edits.every((x, k) => spans[k][0] === spans[k][1] && COMMENT_LINES.test(x.newText));
  if (commentOnly) {
    // A whole comment line, inserted at the start of a line.
    for (const [x] of spans)
      if (x > 0 && !/[\r\n]/.test(before.charAt(x - 1))) problems.push('a comment line is inserted in the middle of a line');
    // In a document that did not parse, a comment cannot be judged by what the parser recovers.
    if (errorMessages(ca).length > 0) return { problems, after };
  }
  problems.push(...yamlErrors(ca, cb));
  const insertion = spans.every(([x, y]) => x === y);
  // Edits of nothing but list indicators and indentation (`- ` ↔ `  `) restructure the list around them.
  const indicators = action.edits.every((x, k) => /^[ -]*$/.test(x.newText) && /^[ -]*$/.test(before.slice(spans[k][0], spans[k][1])));
  problems.push(
    ...structure(ca, cb, s - ca.startOffset, e - ca.startOffset, {
      insertion,
      commentOnly,
      indicators,
      refactor: (action.kind ?? '').startsWith('refactor'),
    }),
  );
  return { problems, after };
}

function errorMessages(c: YamlChunk): string[] {
  const out = c.parserFailure ? [c.parserFailure] : [];
  for (const d of c.docs) for (const x of d.errors) out.push(x.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
  return out;
}

function yamlErrors(a: YamlChunk, b: YamlChunk): string[] {
  const before = errorMessages(a),
    after = errorMessages(b);
  if (after.length > before.length || after.some((m) => !before.includes(m))) {
    const fresh = after.filter((m) => !before.includes(m));
    return [
      `the YAML no longer parses as before: ${before.length} → ${after.length} errors${fresh.length ? ` (new: ${fresh.slice(0, 3).join('; ')})` : ''}`,
    ];
  }
  return [];
}

// --- structure -------------------------------------------------------------------------------------------

type Step = { pair: number; side: 'key' | 'value' } | { item: number };

function range(n: unknown): [number, number] | undefined {
  const r = (n as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/**
 * Whether a node holds the edits: a replacement [s, e) lies inside it (and is not all of it); an insertion at p
 * lies strictly inside a scalar (at its end it is text after it, such as a new sibling line) or anywhere in a
 * collection.
 */
function holds(n: unknown, s: number, e: number, insertion: boolean, item = false): boolean {
  const r = range(n);
  if (!r) return false;
  // Replacing a node as a whole is a change of its parent (a quoted value, a renamed key, a split item).
  if (!insertion) return r[0] <= s && e <= r[1] && !wholly(n, s, e, item);
  // At the very end of a list item, an insertion may be a new item after it (the DNS rule fix): the list holds it.
  if (item && s >= contentEnd(n)) return false;
  return isScalar(n) || isAlias(n) ? r[0] < s && s < r[1] : r[0] <= s && s <= r[1];
}

/** Where the last text of a node ends (a block collection's range may run on over the line break after it). */
function contentEnd(n: unknown, depth = 0): number {
  if (depth < MAX_DEPTH && (isMap(n) || isSeq(n)) && n.items.length) return contentEnd(n.items[n.items.length - 1], depth + 1);
  if (depth < MAX_DEPTH && isPair(n)) return contentEnd(n.value ?? n.key, depth + 1);
  return range(n)?.[1] ?? Infinity;
}

/**
 * Whether [s, e) covers all of a node: its text, or for a list item its entries from the first to the last
 * (a map in a map keeps the map rules: its keys must stay).
 */
function wholly(n: unknown, s: number, e: number, item: boolean): boolean {
  const r = range(n)!;
  if (r[0] === s && e === r[1]) return true;
  if (!item || (!isMap(n) && !isSeq(n))) return false;
  const items = n.items as unknown[];
  if (!items.length) return false;
  const first = items[0],
    last = items[items.length - 1];
  const start = range(isPair(first) ? first.key : first)?.[0];
  const end = range(isPair(last) ? (last.value ?? last.key) : last)?.[1];
  return start !== undefined && end !== undefined && s <= start && e >= end;
}

/** The path from the document root to the deepest node holding the edits, and that node. */
function locate(doc: Document.Parsed, s: number, e: number, insertion: boolean): { path: Step[]; node: unknown } {
  let node: unknown = doc.contents;
  const path: Step[] = [];
  const h = (n: unknown, item = false) => holds(n, s, e, insertion, item);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    let next: { step: Step; node: unknown } | undefined;
    if (isMap(node)) {
      (node.items as Pair[]).forEach((p, k) => {
        if (next) return;
        if (h(p.key)) next = { step: { pair: k, side: 'key' }, node: p.key };
        else if (h(p.value)) next = { step: { pair: k, side: 'value' }, node: p.value };
      });
    } else if (isSeq(node)) {
      node.items.forEach((it, k) => {
        if (next) return;
        if (isPair(it) ? h(it.key) || h(it.value) : h(it, true)) next = { step: { item: k }, node: it };
      });
    } else if (isPair(node)) {
      if (h(node.key)) next = { step: { pair: 0, side: 'key' }, node: node.key };
      else if (h(node.value)) next = { step: { pair: 0, side: 'value' }, node: node.value };
    }
    if (!next) break;
    path.push(next.step);
    node = next.node;
  }
  return { path, node };
}

/** A comparable view of a node: scalars by type and value, aliases by name, collections by entries. */
function same(x: unknown, y: unknown, ta: string, tb: string, depth = 0): boolean {
  if (depth > MAX_DEPTH) return slice(ta, x) === slice(tb, y);
  if (x === null || x === undefined || y === null || y === undefined)
    return (x ?? null) === (y ?? null) || (isNullScalar(x) && isNullScalar(y));
  if (isAlias(x) || isAlias(y)) return isAlias(x) && isAlias(y) && x.source === y.source;
  if (isScalar(x) || isScalar(y))
    return (isScalar(x) && isScalar(y) && x.value === y.value && (x.tag ?? '') === (y.tag ?? '')) || (isNaNScalar(x) && isNaNScalar(y));
  if (isMap(x) || isMap(y)) {
    if (!isMap(x) || !isMap(y) || x.items.length !== y.items.length) return false;
    return (x.items as Pair[]).every((p, k) => {
      const q = (y.items as Pair[])[k];
      return same(p.key, q.key, ta, tb, depth + 1) && same(p.value, q.value, ta, tb, depth + 1);
    });
  }
  if (isSeq(x) || isSeq(y)) {
    if (!isSeq(x) || !isSeq(y) || x.items.length !== y.items.length) return false;
    return x.items.every((it, k) => same(it, y.items[k], ta, tb, depth + 1));
  }
  if (isPair(x) && isPair(y)) return same(x.key, y.key, ta, tb, depth + 1) && same(x.value, y.value, ta, tb, depth + 1);
  return slice(ta, x) === slice(tb, y);
}

function isNullScalar(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && n.value === null);
}
function isNaNScalar(n: unknown): boolean {
  return isScalar(n) && typeof n.value === 'number' && Number.isNaN(n.value);
}
function slice(text: string, n: unknown): string {
  const r = range(n);
  return r ? text.slice(r[0], r[1]) : '';
}

function describe(path: Step[]): string {
  return path.map((s) => ('item' in s ? `[${s.item}]` : `.${s.pair}${s.side === 'key' ? '(key)' : ''}`)).join('') || '(root)';
}

function structure(
  a: YamlChunk,
  b: YamlChunk,
  s: number,
  e: number,
  how: { insertion: boolean; commentOnly: boolean; indicators: boolean; refactor: boolean },
): string[] {
  const { insertion, commentOnly, indicators, refactor } = how;
  if (a.docs.length !== b.docs.length) return [`the document count in the chunk changed (${a.docs.length} → ${b.docs.length})`];
  const out: string[] = [];
  a.docs.forEach((da, k) => {
    const db = b.docs[k];
    if (commentOnly) {
      if (!same(da.contents, db.contents, a.text, b.text)) out.push('a comment-only insertion changed the data');
      return;
    }
    const holdsEdit = holds(da.contents, s, e, insertion) || (da.range[0] <= s && e <= da.range[2]);
    if (!holdsEdit) {
      if (!same(da.contents, db.contents, a.text, b.text)) out.push(`document ${k} changed though no edit is in it`);
      return;
    }
    const { path, node } = locate(da, s, e, insertion);
    if (indicators) {
      // The target is the innermost list on the path, and the edit touches the items on both sides of it.
      let cut = -1;
      let n: unknown = da.contents;
      path.forEach((step, k) => {
        if (isSeq(n)) cut = k;
        n = follow(n, [step]);
      });
      if (isSeq(n)) cut = path.length;
      if (cut >= 0) {
        const list = follow(da.contents, path.slice(0, cut)) as { items: unknown[] };
        const items = list.items.map((it) => range(it)).filter((r): r is [number, number] => !!r);
        const before = items.filter((r) => r[1] <= s).pop(),
          after = items.find((r) => r[0] >= e);
        path.length = cut;
        out.push(
          ...compareAlong(da.contents, db.contents, path, 0, a.text, b.text, Math.min(s, before?.[1] ?? s), Math.max(e, after?.[0] ?? e)),
        );
        return;
      }
    }
    out.push(...compareAlong(da.contents, db.contents, path, 0, a.text, b.text, s, e));
    if (refactor && isScalar(node) && typeof node.value === 'string') {
      const nb = follow(db.contents, path);
      const [ja, jb] = [json(node.value), json(isScalar(nb) ? nb.value : undefined)];
      if (ja !== undefined && JSON.stringify(ja) !== JSON.stringify(jb))
        out.push(`the refactor changed the JSON value at ${describe(path)}`);
    }
    out.push(...jsonKept(da.contents, db.contents, a.text, b.text));
  });
  return out;
}

/** Walk both trees along the path; above the target everything but the step taken must be equal. */
function compareAlong(x: unknown, y: unknown, path: Step[], depth: number, ta: string, tb: string, s: number, e: number): string[] {
  const here = describe(path.slice(0, depth));
  if (depth === path.length) return atTarget(x, y, here, ta, tb, s, e);
  const step = path[depth];
  if ('pair' in step) {
    if (isPair(x) && isPair(y)) {
      if (step.side === 'key') return [];
      if (!same(x.key, y.key, ta, tb)) return [`the key of ${here} changed`];
      return compareAlong(x.value, y.value, path, depth + 1, ta, tb, s, e);
    }
    if (!isMap(x) || !isMap(y)) return [`${here} is no longer a map`];
    if (x.items.length !== y.items.length) return [`${here}: ${x.items.length} entries became ${y.items.length}`];
    const out: string[] = [];
    (x.items as Pair[]).forEach((p, k) => {
      const q = (y.items as Pair[])[k];
      if (k !== step.pair) {
        if (!same(p.key, q.key, ta, tb) || !same(p.value, q.value, ta, tb))
          out.push(`entry ${k} of ${here} changed, but the edit is in entry ${step.pair}`);
        return;
      }
      // The edit is in this entry's key: the key (and its value) may change; in its value: the key stays.
      if (step.side === 'key' && depth + 1 === path.length) return;
      if (!same(p.key, q.key, ta, tb)) {
        out.push(`the key of entry ${k} of ${here} changed`);
        return;
      }
      out.push(
        ...compareAlong(step.side === 'key' ? p.key : p.value, step.side === 'key' ? q.key : q.value, path, depth + 1, ta, tb, s, e),
      );
    });
    return out;
  }
  if (!isSeq(x) || !isSeq(y)) return [`${here} is no longer a list`];
  if (x.items.length !== y.items.length) return [`${here}: ${x.items.length} items became ${y.items.length}`];
  const out: string[] = [];
  x.items.forEach((it, k) => {
    if (k !== step.item) {
      if (!same(it, y.items[k], ta, tb)) out.push(`item ${k} of ${here} changed, but the edit is in item ${step.item}`);
      return;
    }
    out.push(...compareAlong(it, y.items[k], path, depth + 1, ta, tb, s, e));
  });
  return out;
}

/**
 * At the node holding the edits: a scalar may become anything. A map keeps every entry no edit touches (same
 * key, same value, same order) and the key of every entry whose value alone is edited; it loses no entry (a
 * key an edit covers may be renamed). A list keeps every item no edit touches; touched items may be replaced
 * by any number of items (split, merge).
 */
function atTarget(x: unknown, y: unknown, here: string, ta: string, tb: string, s: number, e: number): string[] {
  const touched = (n: unknown): boolean => {
    const r = range(n);
    return !!r && r[0] <= e && s <= r[1];
  };
  const out: string[] = [];
  if (isMap(x)) {
    if (!isMap(y)) return [`${here} is no longer a map`];
    const xs = x.items as Pair[],
      ys = y.items as Pair[];
    if (ys.length < xs.length) out.push(`${here}: ${xs.length} entries became ${ys.length}`);
    let j = 0;
    for (const [k, p] of xs.entries()) {
      if (touched(p.key)) continue;
      // An entry with no value (`app:`) reaches from its key to the next entry.
      const kr = range(p.key);
      const open =
        (p.value === null || p.value === undefined) &&
        kr !== undefined &&
        kr[0] <= e &&
        s < (range(xs[k + 1]?.key)?.[0] ?? range(x)![1] + 1);
      const hit = touched(p.value) || open;
      let found = -1;
      for (let m = j; m < ys.length; m++)
        if (same(p.key, ys[m].key, ta, tb) && (hit || same(p.value, ys[m].value, ta, tb))) {
          found = m;
          break;
        }
      if (found === -1) {
        out.push(
          `entry ${JSON.stringify(slice(ta, p.key) || '?')} of ${here} ${hit ? 'lost its key' : 'changed or disappeared, though no edit touches it'}`,
        );
        continue;
      }
      j = found + 1;
    }
    return out;
  }
  if (isSeq(x)) {
    if (!isSeq(y)) return [`${here} is no longer a list`];
    let j = 0;
    for (const it of x.items) {
      if (touched(it) || it === null) continue;
      let found = -1;
      for (let m = j; m < y.items.length; m++)
        if (same(it, y.items[m], ta, tb)) {
          found = m;
          break;
        }
      if (found === -1) {
        out.push(`item ${JSON.stringify(slice(ta, it).slice(0, 40))} of ${here} changed or disappeared, though no edit touches it`);
        continue;
      }
      j = found + 1;
    }
  }
  return out;
}

function follow(root: unknown, path: Step[]): unknown {
  let n = root;
  for (const step of path) {
    if ('pair' in step) {
      const p = isPair(n) ? n : isMap(n) ? (n.items as Pair[])[step.pair] : undefined;
      if (!p) return undefined;
      n = step.side === 'key' ? p.key : p.value;
    } else n = isSeq(n) ? n.items[step.item] : undefined;
  }
  return n;
}

function json(v: unknown): unknown {
  if (typeof v !== 'string' || !/^\s*[[{]/.test(v)) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

/** String values that were valid JSON (objects or lists) are still valid JSON at the same key path. */
function jsonKept(x: unknown, y: unknown, ta: string, tb: string): string[] {
  const out: string[] = [];
  const walk = (n: unknown, m: unknown, where: string, depth: number): void => {
    if (depth > MAX_DEPTH || out.length > 5) return;
    if (isScalar(n)) {
      if (json(n.value) !== undefined && isScalar(m) && typeof m.value === 'string' && json(m.value) === undefined)
        out.push(`the JSON at ${where} no longer parses`);
      return;
    }
    if (isMap(n) && isMap(m)) {
      for (const p of n.items as Pair[]) {
        const key = slice(ta, p.key);
        const q = (m.items as Pair[]).find((r) => slice(tb, r.key) === key);
        if (q) walk(p.value, q.value, `${where}.${key}`, depth + 1);
      }
    } else if (isSeq(n) && isSeq(m) && n.items.length === m.items.length)
      n.items.forEach((it, k) => walk(it, m.items[k], `${where}[${k}]`, depth + 1));
  };
  walk(x, y, '', 0);
  return out;
}

export type { Node };

/**
 * A YAML file split at document boundaries. Each piece ("chunk") is parsed on its own with `yaml`, so an
 * edit re-parses only the chunks whose text changed; the others are reused as they are, with only their
 * start offset/line moved. Node ranges inside a chunk stay chunk-relative; `toPosition` maps them to the file.
 */
import { LineCounter, parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, YAMLParseError, type Document, type Pair } from 'yaml';
import type { MaskedRegion } from './templates';
import { Memo } from './memo';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** One `---`-delimited piece of a file and its parsed documents. */
export class YamlChunk {
  /** Offset of the chunk's first character in the file. Updated when earlier chunks change. */
  startOffset = 0;
  /** 0-based line of the chunk's first line in the file. */
  startLine = 0;
  readonly lineCounter = new LineCounter();
  readonly docs: Document.Parsed[];
  /** Set when the parser itself threw (it is tolerant and should not): the chunk then has no documents. */
  parserFailure?: string;
  /**
   * Set when a document nests deeper than MAX_NESTING levels (or so deep that the parser ran out of stack):
   * the chunk then has no documents, and is not analysed.
   */
  tooDeep?: boolean;
  /** Aliases with no anchor of that name before them in their document (anchors do not cross `---`). */
  readonly unknownAliases: { start: number; end: number; name: string }[] = [];
  /**
   * Template actions hidden from the parser (see model/templates.ts), chunk-relative and sorted; empty for
   * plain YAML.
   */
  readonly masked: MaskedRegion[] = [];
  /** Per-chunk memo for analysis results that depend only on this chunk's text (see ManifestFile users). */
  readonly memo = new Memo();

  constructor(readonly text: string) {
    // The parser makes one Error object per problem; on hostile input (100k `[` on a line) that is tens of
    // thousands, and capturing their stack traces dominated the parse. Nothing reads those stacks.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    if (compactKeysTooDeep(text)) {
      this.docs = [];
      this.tooDeep = true;
      // The line counter the parser would have filled: positions in the chunk still map to the file.
      for (let i = 0; i !== -1 && i <= text.length; i = text.indexOf('\n', i) + 1 || -1) this.lineCounter.addNewLine(i);
      return;
    }
    try {
      // uniqueKeys is checked below in linear time: the parser's own check compares every key with every
      // earlier key of its map (100,000 keys in one map took minutes).
      this.docs = parseAllDocuments(text, { lineCounter: this.lineCounter, uniqueKeys: false, prettyErrors: false }) as unknown as Document.Parsed[];
      for (const doc of this.docs) addDuplicateKeyErrors(doc);
    } catch (err) {
      this.docs = [];
      this.parserFailure = String(err);
    } finally {
      Error.stackTraceLimit = limit;
    }
    if (this.nestsTooDeep()) this.docs = [];
  }

  /** Bounds and cross-checks on what the parser built (see MAX_NESTING, MAX_KEPT_ERRORS, unknownAliases). */
  private nestsTooDeep(): boolean {
    const exhausted = /Maximum call stack/.test(this.parserFailure ?? '') || this.docs.some((d) => d.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION'));
    if (exhausted || this.docs.some((d) => walkDocument(d, this.unknownAliases) > MAX_NESTING)) {
      this.tooDeep = true;
      this.parserFailure = undefined;
      this.unknownAliases.length = 0;
      return true;
    }
    for (const d of this.docs) {
      if (d.errors.length > MAX_KEPT_ERRORS) d.errors.length = MAX_KEPT_ERRORS;
      if (d.warnings.length > MAX_KEPT_ERRORS) d.warnings.length = MAX_KEPT_ERRORS;
    }
    return false;
  }

  /** Chunk-relative offset → file position (0-based line and UTF-16 character). */
  toPosition(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const { line, col } = this.lineCounter.linePos(o);
    return { line: this.startLine + line - 1, character: col - 1 };
  }

  toRange(start: number, end: number): Range {
    return { start: this.toPosition(start), end: this.toPosition(end) };
  }

  /** File position → chunk-relative offset (clamped to the chunk). */
  toOffset(pos: Position): number {
    const rel = pos.line - this.startLine;
    const starts = this.lineCounter.lineStarts;
    if (rel < 0) return 0;
    if (rel >= starts.length) return this.text.length;
    const lineEnd = rel + 1 < starts.length ? starts[rel + 1] - 1 : this.text.length;
    return Math.min(starts[rel] + pos.character, Math.max(starts[rel], lineEnd));
  }

  /** Text of a chunk-relative line (without the newline). */
  lineText(relLine: number): string {
    const starts = this.lineCounter.lineStarts;
    if (relLine < 0 || relLine >= starts.length) return '';
    const end = relLine + 1 < starts.length ? starts[relLine + 1] - 1 : this.text.length;
    return this.text.slice(starts[relLine], end);
  }
}

/**
 * Documents nested deeper than this are not analysed: the parser and the tree walks after it recurse per
 * level, and no real manifest comes near it (kubectl's go-yaml refuses more than 10,000 levels: go-yaml
 * v2.4.2 scannerc.go max_flow_level / max_indents).
 */
export const MAX_NESTING = 500;
/** Parser errors (and warnings) kept per document; a broken line can produce one per character. */
export const MAX_KEPT_ERRORS = 100;

/**
 * A line of more than MAX_NESTING implicit keys in a row (`a: a: a: …`): the parser nests each in the one
 * before, at a cost in memory that grows with the line, so such a chunk is not parsed at all.
 */
function compactKeysTooDeep(text: string): boolean {
  const keys = new RegExp(`[ \\t]*(?:-[ \\t]+)*(?:[^\\s:#,\\[\\]{}'"&*!|>%@\`][^\\s:]*:[ \\t]+){${MAX_NESTING}}`, 'y');
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start > 2 * MAX_NESTING) { keys.lastIndex = start; if (keys.test(text)) return true; }
    start = end + 1;
  }
  return false;
}

/**
 * One walk over a document in document order: its nesting depth (collections inside collections), and the
 * aliases that name no anchor defined before them in the document — go-yaml (kubectl) rejects those
 * ("unknown anchor"), and an anchor in another `---` document does not count. Stops below MAX_NESTING.
 */
function walkDocument(doc: Document.Parsed, unknown: { start: number; end: number; name: string }[]): number {
  const anchors = new Set<string>();
  const stack: [unknown, number][] = [[doc.contents, 1]];
  let deepest = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (isPair(node)) { stack.push([node.value, depth], [node.key, depth]); continue; }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.add(anchor);
    if (isAlias(node)) {
      if (!anchors.has(node.source) && node.range) unknown.push({ start: node.range[0], end: node.range[1], name: node.source });
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > deepest) deepest = depth;
    if (depth > MAX_NESTING) return depth;
    const items = node.items as unknown[];
    for (let i = items.length - 1; i >= 0; i--) stack.push([items[i], depth + 1]);
  }
  return deepest;
}

/**
 * The parser's "Map keys must be unique" errors (same message, code and position as `uniqueKeys: true`:
 * scalar keys with equal values), found with one hash set per map. Aliases are not followed.
 */
function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const stack: unknown[] = [doc.contents];
  let added = false;
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items as Pair[]) {
        const k = pair.key;
        if (isScalar(k)) {
          const v = k.value;
          if (seen.has(v) && !(typeof v === 'number' && Number.isNaN(v))) {
            const at = k.range?.[0] ?? 0;
            doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
            added = true;
          } else seen.add(v);
        } else if (k && typeof k === 'object') stack.push(k);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  if (added) doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

const DOC_MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/;

/**
 * Split text into pieces that each start at a `---`/`...` line (the first piece starts at 0). Directives
 * (`%YAML`, `%TAG`) belong to the document after them: a piece holding only directives, comments and blank
 * lines goes on through the `---` that ends them.
 */
export function splitDocuments(text: string): { start: number; text: string }[] {
  const pieces: { start: number; text: string }[] = [];
  let pieceStart = 0;
  let lineStart = 0;
  // Whether the current piece so far is only directives, comments and blank lines, and has a directive.
  let preamble = true, directive = false;
  const n = text.length;
  while (lineStart < n) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? n : nl;
    const c = text.charCodeAt(lineStart);
    if (lineStart > pieceStart && (c === 45 /* - */ || c === 46 /* . */) && DOC_MARKER.test(text.slice(lineStart, Math.min(lineEnd + 1, lineStart + 4)))) {
      // `...` ends a document: it belongs to the previous piece.
      if (c === 46) {
        const after = nl === -1 ? n : nl + 1;
        pieces.push({ start: pieceStart, text: text.slice(pieceStart, after) });
        pieceStart = after;
        preamble = true; directive = false;
      } else {
        if (!(preamble && directive)) {
          pieces.push({ start: pieceStart, text: text.slice(pieceStart, lineStart) });
          pieceStart = lineStart;
        }
        preamble = false;
      }
    } else if (preamble) {
      if (c === 37 /* % */) directive = true;
      else if (!/^[ \t]*(#.*)?\r?$/.test(text.slice(lineStart, lineEnd))) preamble = false;
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  if (pieceStart < n || pieces.length === 0) pieces.push({ start: pieceStart, text: text.slice(pieceStart) });
  return pieces;
}

/** A file as chunks. `update` reuses unchanged chunks (by text) and re-parses only the rest. */
export class YamlFile {
  chunks: YamlChunk[] = [];
  text = '';
  /** How many chunks the last update parsed anew (for tests and the benchmark). */
  lastReparsed = 0;
  /** The chunks the last update created (parsed anew) and the ones it dropped: what changed in the file. */
  lastAdded: YamlChunk[] = [];
  lastRemoved: YamlChunk[] = [];

  constructor(text: string) {
    this.update(text);
  }

  update(raw: string): void {
    // LSP clients (and go-yaml) take a lone CR as a line break, the parser does not: it becomes a LF here.
    // Same length, so every offset in the text stays the same.
    const text = raw.includes('\r') ? raw.replace(/\r(?!\n)/g, '\n') : raw;
    if (this.chunks.length >= 4 && this.updateAround(text)) return;
    const previous = new Map<string, YamlChunk[]>();
    for (const c of this.chunks) {
      const list = previous.get(c.text);
      if (list) list.push(c); else previous.set(c.text, [c]);
    }
    const chunks: YamlChunk[] = [];
    let line = 0;
    let reparsed = 0;
    const added: YamlChunk[] = [];
    for (const piece of splitDocuments(text)) {
      let chunk = previous.get(piece.text)?.shift();
      if (!chunk) { chunk = new YamlChunk(piece.text); reparsed++; added.push(chunk); }
      chunk.startOffset = piece.start;
      chunk.startLine = line;
      line += countNewlines(piece.text);
      chunks.push(chunk);
    }
    this.text = text;
    this.chunks = chunks;
    this.lastReparsed = reparsed;
    this.lastAdded = added;
    this.lastRemoved = [...previous.values()].flat();
  }

  /**
   * The fast path for an edit: chunks unchanged at the start keep their offsets, chunks unchanged at the end
   * are moved by the length/line difference, and only the text between them is split again (with one
   * unchanged chunk of margin on each side, so a `---`/`...` line typed or deleted at a border is seen).
   * A split depends only on each line and the line before it, so this gives the same chunks as a full split.
   * Cost: native comparisons of the unchanged text, no per-line scan. Returns false to fall back.
   */
  private updateAround(text: string): boolean {
    const old = this.chunks;
    const n = old.length;
    const delta = text.length - this.text.length;
    let p = 0;
    while (p < n && text.startsWith(old[p].text, old[p].startOffset)) p++;
    if (p === n && delta === 0) { this.text = text; this.lastReparsed = 0; this.lastAdded = []; this.lastRemoved = []; return true; }
    const prefixEnd = p > 0 ? old[p - 1].startOffset + old[p - 1].text.length : 0;
    let q = n;
    while (q > p && old[q - 1].startOffset + delta >= prefixEnd && text.startsWith(old[q - 1].text, old[q - 1].startOffset + delta)) q--;
    const a = Math.max(0, p - 1);
    const b = Math.min(n, q + 1);
    const regionStart = old[a].startOffset;
    const oldRegionEnd = b < n ? old[b].startOffset : this.text.length;
    const newRegionEnd = oldRegionEnd + delta;
    if (newRegionEnd < regionStart) return false;
    const previous = new Map<string, YamlChunk[]>();
    let oldLines = 0;
    for (let i = a; i < b; i++) {
      const c = old[i];
      oldLines += countNewlines(c.text);
      const list = previous.get(c.text);
      if (list) list.push(c); else previous.set(c.text, [c]);
    }
    const region: YamlChunk[] = [];
    const firstLine = old[a].startLine;
    let line = firstLine;
    let reparsed = 0;
    const added: YamlChunk[] = [];
    for (const piece of splitDocuments(text.slice(regionStart, newRegionEnd))) {
      if (!piece.text) continue;
      let chunk = previous.get(piece.text)?.shift();
      if (!chunk) { chunk = new YamlChunk(piece.text); reparsed++; added.push(chunk); }
      chunk.startOffset = regionStart + piece.start;
      chunk.startLine = line;
      line += countNewlines(piece.text);
      region.push(chunk);
    }
    if (region.length === 0 && a === 0 && b === n) return false;
    const lineDelta = line - firstLine - oldLines;
    const tail = old.slice(b);
    for (const c of tail) { c.startOffset += delta; c.startLine += lineDelta; }
    const chunks = old.slice(0, a).concat(region, tail);
    this.text = text;
    this.chunks = chunks;
    this.lastReparsed = reparsed;
    this.lastAdded = added;
    this.lastRemoved = [...previous.values()].flat();
    return true;
  }

  /** The chunk holding a file position (the last chunk whose start line is <= the line). */
  chunkAt(pos: Position): YamlChunk | undefined {
    const cs = this.chunks;
    let lo = 0, hi = cs.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cs[mid].startLine <= pos.line) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    // A `---` line starts the chunk after it; a position on that line belongs to the new chunk.
    return found >= 0 ? cs[found] : cs[0];
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

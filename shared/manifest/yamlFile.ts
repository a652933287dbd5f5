/**
 * A YAML file split at document boundaries. Each piece ("chunk") is parsed on its own with `yaml`, so an
 * edit re-parses only the chunks whose text changed; the others are reused as they are, with only their
 * start offset/line moved. Node ranges inside a chunk stay chunk-relative; `toPosition` maps them to the file.
 */
import { LineCounter, parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, YAMLParseError, type Document, type Pair } from 'yaml';
import { lineRegionStartsBetween, someMaskedIn, type MaskedRegion } from './templates';
import { hasTemplateActions, maskTemplate, maskTemplateFirstBranches, templateActions } from './template';
import { Memo } from './memo';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** One `---`-delimited piece of a file and its parsed documents. */
export class YamlChunk {
  /** Offset of the chunk's first character in the file. Updated when earlier chunks change. */
  startOffset = 0;
  /** 0-based line of the chunk's first line in the file. */
  startLine = 0;
  readonly lineCounter: LineCounter;
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
  readonly masked: MaskedRegion[];
  /**
   * What the parser read: the source with its template actions masked (parse/template.ts), same length and
   * lines. Equal to `source` for plain YAML.
   */
  readonly text: string;
  /** Per-chunk memo for analysis results that depend only on this chunk's text (see ManifestFile users). */
  readonly memo = new Memo();

  /**
   * `source`: the chunk's text as written. `templates`: mask Go-template actions before parsing (the language
   * service's reading); without it the text is parsed as it is (what a cluster receives).
   */
  constructor(
    readonly source: string,
    templates = false,
  ) {
    if (compactKeysTooDeep(source)) {
      this.text = source;
      this.masked = [];
      this.lineCounter = new LineCounter();
      this.docs = [];
      this.tooDeep = true;
      // The line counter the parser would have filled: positions in the chunk still map to the file.
      for (let i = 0; i !== -1 && i <= source.length; i = source.indexOf('\n', i) + 1 || -1) this.lineCounter.addNewLine(i);
      return;
    }
    const first = templates ? maskTemplate(source) : { text: source, masked: [] as MaskedRegion[] };
    const parsed = parseChunk(first.text, first.masked);
    if (first.masked.length && (hasErrors(parsed.docs) || parsed.branchDuplicates)) {
      // A template that does not parse, or whose keys repeat across an `if` and its `else`, holds alternatives
      // side by side (`{{ if }} a: 1 {{ else }} a: 2 {{ end }}`): read it again with only the first branch of each
      // block. When that reading is clean it is the one analysed (the alternatives merged are no object at all).
      // Otherwise an error it does not have came from the template, not from the literal YAML; the ones both
      // readings share are reported.
      const second = maskTemplateFirstBranches(source);
      const again = second && parseChunk(second.text, second.masked);
      if (second && again && !again.failure) {
        if (!hasErrors(again.docs)) {
          this.text = second.text;
          this.masked = second.masked;
          this.lineCounter = again.lineCounter;
          this.docs = again.docs;
          this.bound();
          return;
        }
        keepSharedErrors(parsed.docs, again.docs);
      }
    }
    if (first.masked.length) for (const d of parsed.docs) dropMaskedBlockScalarErrors(d, first.text, first.masked);
    this.text = first.text;
    this.masked = first.masked;
    this.lineCounter = parsed.lineCounter;
    this.docs = parsed.docs;
    if (parsed.failure) this.parserFailure = parsed.failure;
    this.bound();
  }

  /** Drop the documents of a chunk nested too deep (see nestsTooDeep). */
  private bound(): void {
    if (this.nestsTooDeep()) (this as { docs: Document.Parsed[] }).docs = [];
  }

  /** Bounds and cross-checks on what the parser built (see MAX_NESTING, MAX_KEPT_ERRORS, unknownAliases). */
  private nestsTooDeep(): boolean {
    const exhausted =
      /Maximum call stack/.test(this.parserFailure ?? '') || this.docs.some((d) => d.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION'));
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

interface Parsed {
  docs: Document.Parsed[];
  lineCounter: LineCounter;
  failure?: string;
  branchDuplicates?: boolean;
}

function parseChunk(text: string, masked: readonly MaskedRegion[]): Parsed {
  const lineCounter = new LineCounter();
  // The parser makes one Error object per problem; on hostile input (100k `[` on a line) that is tens of
  // thousands, and capturing their stack traces dominated the parse. Nothing reads those stacks.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // uniqueKeys is checked below in linear time: the parser's own check compares every key with every
    // earlier key of its map (100,000 keys in one map took minutes).
    const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false }) as unknown as Document.Parsed[];
    let branchDuplicates = false;
    for (const doc of docs) if (addDuplicateKeyErrors(doc, masked)) branchDuplicates = true;
    return { docs, lineCounter, branchDuplicates };
  } catch (err) {
    return { docs: [], lineCounter, failure: String(err) };
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function hasErrors(docs: Document.Parsed[]): boolean {
  return docs.some((d) => d.errors.length > 0);
}

/** Keep in `docs` only the errors that `other` has too (same position and code). */
function keepSharedErrors(docs: Document.Parsed[], other: Document.Parsed[]): void {
  const seen = new Set<string>();
  for (const d of other) for (const e of d.errors) seen.add(`${e.pos[0]}:${e.code}`);
  for (const d of docs) d.errors = d.errors.filter((e) => seen.has(`${e.pos[0]}:${e.code}`));
}

/**
 * A block scalar whose first lines were action-only lines reads them as blank lines longer than its
 * indentation, which YAML rejects ("more-indented leading empty lines"): that comes from the masking.
 */
function dropMaskedBlockScalarErrors(doc: Document.Parsed, text: string, masked: readonly MaskedRegion[]): void {
  doc.errors = doc.errors.filter((e) => {
    if (e.code !== 'MISSING_CHAR' || !e.message.startsWith('Block scalars with more-indented')) return true;
    // The blank lines right above the error: is one of them a masked line?
    let ls = text.lastIndexOf('\n', e.pos[0] - 1);
    while (ls > 0) {
      const prev = text.lastIndexOf('\n', ls - 1);
      const line = text.slice(prev + 1, ls);
      if (/\S/.test(line)) break;
      if (someMaskedIn(masked, prev + 1, ls, (m) => m.line)) return false;
      ls = prev;
    }
    return true;
  });
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
    if (end - start > 2 * MAX_NESTING) {
      keys.lastIndex = start;
      if (keys.test(text)) return true;
    }
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
    if (isPair(node)) {
      stack.push([node.value, depth], [node.key, depth]);
      continue;
    }
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
 * scalar keys with equal values), found with one hash map per map. Aliases are not followed. In a template,
 * two equal keys with an action-only line between them are branches (`{{ if }} … {{ else }} …`), not a
 * duplicate; a key that is a masked action is never a duplicate.
 */
/** Adds the duplicate-key errors; returns whether a key repeats across a template branch (an `if` and its `else`). */
function addDuplicateKeyErrors(doc: Document.Parsed, masked: readonly MaskedRegion[]): boolean {
  let acrossBranches = false;
  const stack: unknown[] = [doc.contents];
  let added = false;
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<unknown, number>();
      for (const pair of node.items as Pair[]) {
        const k = pair.key;
        if (isScalar(k)) {
          const v = k.value;
          const at = k.range?.[0] ?? 0;
          const first = seen.get(v);
          if (first !== undefined && !(typeof v === 'number' && Number.isNaN(v))) {
            const end = k.range?.[1] ?? at + 1;
            const branch = masked.length > 0 && (lineRegionStartsBetween(masked, first, at) || someMaskedIn(masked, at, end));
            if (!branch) {
              doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
              added = true;
            } else acrossBranches = true;
          } else if (first === undefined) seen.set(v, at);
        } else if (k && typeof k === 'object') stack.push(k);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  if (added) doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  return acrossBranches;
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
  let preamble = true,
    directive = false;
  const n = text.length;
  while (lineStart < n) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? n : nl;
    const c = text.charCodeAt(lineStart);
    if (
      lineStart > pieceStart &&
      (c === 45 /* - */ || c === 46) /* . */ &&
      DOC_MARKER.test(text.slice(lineStart, Math.min(lineEnd + 1, lineStart + 4)))
    ) {
      // `...` ends a document: it belongs to the previous piece.
      if (c === 46) {
        const after = nl === -1 ? n : nl + 1;
        pieces.push({ start: pieceStart, text: text.slice(pieceStart, after) });
        pieceStart = after;
        preamble = true;
        directive = false;
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

/**
 * Split a template: a `---` line inside a multi-line action or comment is not a marker, so when a split point
 * falls inside an action the masked text decides (the pieces are still slices of the source).
 */
function splitTemplate(text: string): { start: number; text: string }[] {
  const pieces = splitDocuments(text);
  const actions = templateActions(text);
  let a = 0;
  let inside = false;
  for (const p of pieces) {
    while (a < actions.length && actions[a][1] <= p.start) a++;
    if (a < actions.length && actions[a][0] < p.start) {
      inside = true;
      break;
    }
  }
  if (!inside) return pieces;
  return splitDocuments(maskTemplate(text).text).map((p) => ({ start: p.start, text: text.slice(p.start, p.start + p.text.length) }));
}

/**
 * Whether `text` holds `part` at `offset`. The same answer as `text.startsWith(part, offset)`, but V8 compares
 * a substring with `===` as memory, and `startsWith` character by character: for the 5,000 chunks of a
 * 2.8 MB file, 1 ms against 25 ms on each keystroke.
 */
function holds(text: string, part: string, offset: number): boolean {
  return text.slice(offset, offset + part.length) === part;
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

  /** `options.templates`: read Go-template actions as masked (see YamlChunk); off by default. */
  constructor(
    text: string,
    readonly options: { templates?: boolean } = {},
  ) {
    this.update(text);
  }

  update(raw: string): void {
    // LSP clients (and go-yaml) take a lone CR as a line break, the parser does not: it becomes a LF here.
    // Same length, so every offset in the text stays the same.
    const text = raw.includes('\r') ? raw.replace(/\r(?!\n)/g, '\n') : raw;
    // A template is split on its masked text (a `---` inside a multi-line action or comment is not a marker),
    // so the local re-split of updateAround does not hold for it.
    const template = this.options.templates === true && hasTemplateActions(text);
    if (!template && this.chunks.length >= 4 && this.updateAround(text)) return;
    const previous = new Map<string, YamlChunk[]>();
    for (const c of this.chunks) {
      const list = previous.get(c.source);
      if (list) list.push(c);
      else previous.set(c.source, [c]);
    }
    const chunks: YamlChunk[] = [];
    let line = 0;
    let reparsed = 0;
    const added: YamlChunk[] = [];
    const pieces = template ? splitTemplate(text) : splitDocuments(text);
    for (const piece of pieces) {
      let chunk = previous.get(piece.text)?.shift();
      if (!chunk) {
        chunk = new YamlChunk(piece.text, this.options.templates === true);
        reparsed++;
        added.push(chunk);
      }
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
    while (p < n && holds(text, old[p].source, old[p].startOffset)) p++;
    if (p === n && delta === 0) {
      this.text = text;
      this.lastReparsed = 0;
      this.lastAdded = [];
      this.lastRemoved = [];
      return true;
    }
    const prefixEnd = p > 0 ? old[p - 1].startOffset + old[p - 1].source.length : 0;
    let q = n;
    while (q > p && old[q - 1].startOffset + delta >= prefixEnd && holds(text, old[q - 1].source, old[q - 1].startOffset + delta)) q--;
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
      oldLines += countNewlines(c.source);
      const list = previous.get(c.source);
      if (list) list.push(c);
      else previous.set(c.source, [c]);
    }
    const region: YamlChunk[] = [];
    const firstLine = old[a].startLine;
    let line = firstLine;
    let reparsed = 0;
    const added: YamlChunk[] = [];
    for (const piece of splitDocuments(text.slice(regionStart, newRegionEnd))) {
      if (!piece.text) continue;
      let chunk = previous.get(piece.text)?.shift();
      if (!chunk) {
        chunk = new YamlChunk(piece.text, this.options.templates === true);
        reparsed++;
        added.push(chunk);
      }
      chunk.startOffset = regionStart + piece.start;
      chunk.startLine = line;
      line += countNewlines(piece.text);
      region.push(chunk);
    }
    if (region.length === 0 && a === 0 && b === n) return false;
    const lineDelta = line - firstLine - oldLines;
    const tail = old.slice(b);
    for (const c of tail) {
      c.startOffset += delta;
      c.startLine += lineDelta;
    }
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
    let lo = 0,
      hi = cs.length - 1,
      found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cs[mid].startLine <= pos.line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
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

/**
 * Where the cursor is: which file, chunk, document/object, and the YAML path at that point, whether the
 * cursor is on a key or in a value, and the word being typed. Works on broken YAML while typing by
 * falling back to indentation.
 */
import { NO_ENV, type ServiceEnv } from '../env';
import { isMap, isScalar, isSeq, type Node, type Pair, type Document } from 'yaml';
import type { ManifestFile, WorkspaceIndex } from '../workspace/workspaceIndex';
import type { Position, YamlChunk } from '@shared/manifest/yamlFile';
import type { K8sObject } from '@shared/manifest/k8sObject';
import type { Settings } from '../settings';
import { keyString, nodeRange, type NodePath } from '@shared/manifest/yamlNodes';

export interface CursorContext {
  /** What the host provides (field descriptions, …). */
  env: ServiceEnv;
  file: ManifestFile;
  chunk: YamlChunk;
  index: WorkspaceIndex;
  settings: Settings;
  position: Position;
  /** Chunk-relative offset of the cursor. */
  offset: number;
  /** The object of the document under the cursor (may be a non-manifest document). */
  obj?: K8sObject;
  /** Path to the key or value under the cursor, e.g. ['metadata','annotations','alb.ingress.kubernetes.io/scheme']. */
  path: NodePath;
  /**
   * True when the cursor is on a key (or where a new key would go). A plain word typed as a sequence item
   * (`- ab|`) is reported as a key of a new item (path [..., 0, 'ab']): modules whose sequences hold
   * scalars should treat that as a value.
   */
  onKey: boolean;
  /** The scalar node under the cursor, if any. */
  node?: Node;
  /** The pair whose key or value holds the cursor. */
  pair?: Pair;
  /** Text of the cursor's line before the cursor. */
  linePrefix: string;
  /** The word being typed: the key or value prefix before the cursor. */
  word: string;
  /** Chunk-relative [start, end) of the text a completion should replace. */
  replace: [number, number];
}

/** Find the deepest node/pair holding `offset` in a document's AST. */
function walk(
  doc: Document,
  node: unknown,
  offset: number,
  path: NodePath,
): { path: NodePath; node?: Node; pair?: Pair; onKey: boolean } | undefined {
  if (isMap(node)) {
    for (const p of node.items as Pair[]) {
      const k = p.key as Node | null;
      const kr = (k as { range?: number[] } | null)?.range;
      const key = keyString(p);
      if (kr && offset >= kr[0] && offset <= kr[1]) return { path: [...path, key ?? ''], node: k ?? undefined, pair: p, onKey: true };
      const v = p.value as Node | null;
      const vr = (v as { range?: number[] } | null)?.range;
      if (vr && offset >= vr[0] && offset <= vr[1] && key !== undefined) {
        if (isScalar(v)) return { path: [...path, key], node: v, pair: p, onKey: false };
        const deeper = walk(doc, v, offset, [...path, key]);
        if (deeper) return deeper;
      }
    }
  } else if (isSeq(node)) {
    const items = node.items as unknown[];
    for (let i = 0; i < items.length; i++) {
      const it = items[i] as Node;
      const r = (it as { range?: number[] } | null)?.range;
      if (r && offset >= r[0] && offset <= r[1]) {
        if (isScalar(it)) return { path: [...path, i], node: it, onKey: false };
        return walk(doc, it, offset, [...path, i]) ?? { path: [...path, i], onKey: true };
      }
    }
  }
  return undefined;
}

const KEY_LINE = /^(\s*)((?:-[ \t]+)*)([^\s:#"'[{][^:#]*?)?$/;
const KEY_AT_START = /^("[^"]*"|'[^']*'|[^\s#"'][^#]*?)\s*:(?:\s|$)/;

/**
 * Path from indentation: for a cursor on a line being typed (no colon yet, or an empty line), walk up the
 * lines above to find the parent keys. Handles block maps and `- ` sequence items. `column` is where the
 * key being typed starts; with `inSequenceAt` the cursor line is itself a `- ` item at that indent.
 */
export function indentationPath(chunk: YamlChunk, relLine: number, column: number, inSequenceAt?: number): NodePath {
  const path: NodePath = [];
  let indent = inSequenceAt ?? column;
  let allowEqual = inSequenceAt !== undefined;
  for (let i = relLine - 1; i >= 0; i--) {
    if (indent === 0 && !allowEqual) break;
    const line = chunk.lineText(i);
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(line)) break;
    // `[^]*`, not `.*`: a line may hold \r or U+2028 (only \n splits lines here), and `.` stops at those.
    const m = /^(\s*)((?:-[ \t]+|-$)*)([^]*)$/.exec(line)!;
    const lineIndent = m[1].length;
    const dashes = m[2];
    const content = m[3];
    const contentCol = lineIndent + dashes.length;
    const km = KEY_AT_START.exec(content);
    const key = km ? km[1].replace(/^["']|["']$/g, '') : undefined;
    const opensBlock = key !== undefined && /:\s*(#.*)?$/.test(content);
    if (dashes) {
      if (allowEqual && lineIndent >= indent) continue; // an earlier item of the same (or a deeper) sequence
      if (lineIndent >= indent) continue;
      if (contentCol < indent && opensBlock) path.unshift(0, key!);
      else if (contentCol <= indent) path.unshift(0);
      else continue;
      indent = lineIndent;
      allowEqual = true;
      continue;
    }
    if (lineIndent < indent || (allowEqual && lineIndent === indent)) {
      if (key === undefined) continue;
      path.unshift(key);
      indent = lineIndent;
      allowEqual = false;
    }
  }
  return path;
}

export function cursorContext(
  file: ManifestFile,
  index: WorkspaceIndex,
  settings: Settings,
  position: Position,
  env: ServiceEnv = NO_ENV,
): CursorContext | undefined {
  const chunk = file.yaml.chunkAt(position);
  if (!chunk) return undefined;
  const offset = chunk.toOffset(position);
  const relLine = position.line - chunk.startLine;
  const lineText = chunk.lineText(relLine);
  const linePrefix = lineText.slice(0, position.character);
  const objs = file.objectsOf(chunk);
  const obj =
    objs.find((o) => {
      const r = o.doc.range;
      return r && offset >= r[0] && offset <= r[2];
    }) ?? objs[objs.length - 1];

  const base = { env, file, chunk, index, settings, position, offset, obj, linePrefix };
  const found = obj ? walk(obj.doc, obj.doc.contents, offset, []) : undefined;
  const keyTyping = KEY_LINE.exec(linePrefix);
  // A plain scalar on a line with no colon may be a key being typed: YAML reads `annotations:\n  alb.x`
  // as the value of `annotations`, and `- ke` as a sequence item. Prefer the indentation view there.
  const typingKeyHere =
    keyTyping !== null &&
    found !== undefined &&
    !found.onKey &&
    isScalar(found.node) &&
    (found.pair ? !sameLine(chunk, (found.pair.key as { range?: number[] } | null)?.range?.[0] ?? 0, offset) : true);
  if (found && !typingKeyHere && !(keyTyping && !found.onKey && !isScalar(found.node))) {
    const n = found.node as (Node & { range?: number[]; source?: string }) | undefined;
    const r = n?.range;
    const start = r ? r[0] : offset;
    const end = r ? r[1] : offset;
    // An editor accepts only a single-line replace range that contains the cursor: a plain scalar can span
    // lines (a key typed above another key merges with it), so clamp the range to the cursor's line.
    const lineStart = chunk.toOffset({ line: position.line, character: 0 });
    const lineEnd = lineStart + lineText.length;
    const from = Math.max(start, lineStart);
    const word = r && isScalar(n) ? chunk.text.slice(from, offset).replace(/^["']/, '') : '';
    const quoteAdj = r && isScalar(n) && from === start && /^["']/.test(chunk.text.slice(start, start + 1)) ? 1 : 0;
    const to = Math.min(Math.max(offset, end - quoteAdj), lineEnd);
    return {
      ...base,
      path: found.path,
      onKey: found.onKey,
      node: n,
      pair: found.pair,
      word,
      replace: [from + quoteAdj, Math.max(offset, to)],
    };
  }
  // Indentation fallback: an empty line or a key being typed.
  if (keyTyping) {
    const word = keyTyping[3] ?? '';
    const column = keyTyping[1].length + keyTyping[2].length;
    const path = keyTyping[2]
      ? [...indentationPath(chunk, relLine, column, keyTyping[1].length), 0]
      : indentationPath(chunk, relLine, column);
    return { ...base, path: [...path, word], onKey: true, word, replace: [offset - word.length, offset] };
  }
  // `key: partial` on a line the AST did not place: value of that key.
  const valueTyping = /^(\s*)((?:-[ \t]+)*)([^\s:#][^:#]*?)\s*:\s+(.*)$/.exec(linePrefix);
  if (valueTyping) {
    const column = valueTyping[1].length + valueTyping[2].length;
    const path = valueTyping[2]
      ? [...indentationPath(chunk, relLine, column, valueTyping[1].length), 0]
      : indentationPath(chunk, relLine, column);
    const word = valueTyping[4].replace(/^["']/, '');
    return { ...base, path: [...path, valueTyping[3]], onKey: false, word, replace: [offset - word.length, offset] };
  }
  return { ...base, path: [], onKey: false, word: '', replace: [offset, offset] };
}

function sameLine(chunk: YamlChunk, a: number, b: number): boolean {
  const lo = Math.min(a, b),
    hi = Math.max(a, b);
  return chunk.text.indexOf('\n', lo) === -1 || chunk.text.indexOf('\n', lo) >= hi;
}

/**
 * The cursor's path with real list indices: the indentation fallback (a line being typed) reports every list
 * item as index 0, so pick the last item that starts before the cursor instead.
 */
export function withRealIndices(obj: K8sObject, path: NodePath, offset: number): NodePath {
  const out: NodePath = [];
  for (const seg of path) {
    if (typeof seg === 'number') {
      const seq = obj.node(out);
      if (isSeq(seq)) {
        let idx = seg;
        seq.items.forEach((it, i) => {
          const r = nodeRange(it);
          if (r && r[0] <= offset) idx = i;
        });
        out.push(idx);
        continue;
      }
    }
    out.push(seg);
  }
  return out;
}

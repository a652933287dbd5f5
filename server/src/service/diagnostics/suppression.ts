/**
 * In-file suppression comments:
 *   # eks-manifests-disable-next-line [CODE[, CODE...]]   — the next non-comment line
 *   # eks-manifests-disable [CODE[, CODE...]]             — the rest of this YAML document
 * With no code, every code is suppressed there. Parsed once per chunk (memoised).
 *
 * A comment cannot go inside a multi-line scalar (a `|`/`>` block, a quoted string over several lines: it
 * would become part of the value). So "the next line" of a directive above the line where such a scalar's
 * entry starts covers every line of the scalar, and `anchorLine` tells where to write a directive for a
 * finding inside one.
 */
import { isScalar, visit, type Scalar } from 'yaml';
import type { YamlChunk } from '@shared/manifest/yamlFile';
import { MemoKey } from '@shared/manifest/memo';

export interface ChunkSuppressions {
  /** chunk-relative line → codes (empty set = all codes) */
  lines: Map<number, Set<string>>;
  /** document-wide suppressions starting at a line */
  fromLine: { line: number; codes: Set<string> }[];
}

/** A scalar over several lines: the line its entry starts on (key or `-`) and its last line (chunk-relative). */
interface MultiLineScalar {
  anchor: number;
  last: number;
}

const SUPPRESSIONS = new MemoKey<ChunkSuppressions>('suppressions');
const MULTI_LINE = new MemoKey<MultiLineScalar[]>('multiLineScalars');

const DIRECTIVE = /#\s*eks-manifests-(disable-next-line|disable)\b([^\n]*)/;

export function suppressionsOf(chunk: YamlChunk): ChunkSuppressions {
  const cached = chunk.memo.get(SUPPRESSIONS);
  if (cached) return cached;
  const result: ChunkSuppressions = { lines: new Map(), fromLine: [] };
  if (chunk.text.includes('eks-manifests-disable')) {
    const starts = chunk.lineCounter.lineStarts;
    for (let i = 0; i < starts.length; i++) {
      const line = chunk.lineText(i);
      const m = DIRECTIVE.exec(line);
      if (!m) continue;
      const codes = new Set(
        m[2]
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter((s) => s && !s.startsWith('--')),
      );
      if (m[1] === 'disable') {
        result.fromLine.push({ line: i, codes });
        continue;
      }
      // The next line that is not blank or a comment, and the rest of a multi-line scalar starting there.
      let j = i + 1;
      while (j < starts.length && /^\s*(#.*)?$/.test(chunk.lineText(j))) j++;
      const span = multiLineScalars(chunk).find((s) => s.anchor === j);
      for (let k = j; k <= (span?.last ?? j); k++) addCodes(result.lines, k, codes);
    }
  }
  chunk.memo.set(SUPPRESSIONS, result);
  return result;
}

function addCodes(lines: Map<number, Set<string>>, line: number, codes: Set<string>): void {
  const existing = lines.get(line);
  if (!existing) {
    lines.set(line, new Set(codes));
    return;
  }
  if (existing.size === 0) return; // already every code
  if (codes.size === 0) {
    existing.clear();
    return;
  }
  codes.forEach((c) => existing.add(c));
}

/** Whether a finding starting at a chunk-relative line with this code is suppressed. */
export function isSuppressed(s: ChunkSuppressions, relLine: number, code: string): boolean {
  const codes = s.lines.get(relLine);
  if (codes && (codes.size === 0 || codes.has(code))) return true;
  for (const f of s.fromLine) if (f.line <= relLine && (f.codes.size === 0 || f.codes.has(code))) return true;
  return false;
}

/**
 * The chunk-relative line above which a `disable-next-line` directive for a finding on `relLine` must go:
 * the line itself, or the first line of the entry when `relLine` is inside a multi-line scalar.
 */
export function anchorLine(chunk: YamlChunk, relLine: number): number {
  for (const s of multiLineScalars(chunk)) if (s.anchor < relLine && relLine <= s.last) return s.anchor;
  return relLine;
}

function multiLineScalars(chunk: YamlChunk): MultiLineScalar[] {
  return chunk.memo.getOrCreate(MULTI_LINE, () => {
    const out: MultiLineScalar[] = [];
    const line = (offset: number) => chunk.lineCounter.linePos(offset).line - 1;
    const note = (scalar: Scalar, entryStart: number) => {
      const r = scalar.range;
      if (!r) return;
      const last = line(Math.max(r[0], r[1] - 1));
      const anchor = line(entryStart);
      if (last > anchor) out.push({ anchor, last });
    };
    for (const doc of chunk.docs) {
      visit(doc, {
        Pair(_, pair) {
          if (isScalar(pair.value) && isScalar(pair.key) && pair.key.range) note(pair.value, pair.key.range[0]);
        },
        Seq(_, seq) {
          for (const item of seq.items) if (isScalar(item) && item.range) note(item, item.range[0]);
        },
      });
    }
    return out;
  });
}

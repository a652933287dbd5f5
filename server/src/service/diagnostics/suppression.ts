/**
 * In-file suppression comments:
 *   # eks-manifests-disable-next-line [CODE[, CODE...]]   — the next non-comment line
 *   # eks-manifests-disable [CODE[, CODE...]]             — the rest of this YAML document
 * With no code, every code is suppressed there. Parsed once per chunk (memoised).
 */
import type { YamlChunk } from '../parse/yamlFile';

export interface ChunkSuppressions {
  /** chunk-relative line → codes (empty set = all codes) */
  lines: Map<number, Set<string>>;
  /** document-wide suppressions starting at a line */
  fromLine: { line: number; codes: Set<string> }[];
}

const DIRECTIVE = /#\s*eks-manifests-(disable-next-line|disable)\b([^\n]*)/;

export function suppressionsOf(chunk: YamlChunk): ChunkSuppressions {
  const cached = chunk.memo.get('suppressions') as ChunkSuppressions | undefined;
  if (cached) return cached;
  const result: ChunkSuppressions = { lines: new Map(), fromLine: [] };
  if (chunk.text.includes('eks-manifests-disable')) {
    const starts = chunk.lineCounter.lineStarts;
    for (let i = 0; i < starts.length; i++) {
      const line = chunk.lineText(i);
      const m = DIRECTIVE.exec(line);
      if (!m) continue;
      const codes = new Set(m[2].split(/[\s,]+/).map((s) => s.trim()).filter((s) => s && !s.startsWith('--')));
      if (m[1] === 'disable') { result.fromLine.push({ line: i, codes }); continue; }
      // The next line that is not blank or a comment.
      let j = i + 1;
      while (j < starts.length && /^\s*(#.*)?$/.test(chunk.lineText(j))) j++;
      const existing = result.lines.get(j);
      if (existing && existing.size > 0 && codes.size > 0) codes.forEach((c) => existing.add(c));
      else result.lines.set(j, existing && existing.size === 0 ? existing : codes);
    }
  }
  chunk.memo.set('suppressions', result);
  return result;
}

/** Whether a finding starting at a chunk-relative line with this code is suppressed. */
export function isSuppressed(s: ChunkSuppressions, relLine: number, code: string): boolean {
  const codes = s.lines.get(relLine);
  if (codes && (codes.size === 0 || codes.has(code))) return true;
  for (const f of s.fromLine) if (f.line <= relLine && (f.codes.size === 0 || f.codes.has(code))) return true;
  return false;
}

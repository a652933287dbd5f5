/**
 * One diagnostic per mistake: where a generic check (a code declared `generic`, the schema engine's) and a
 * more specific one report on the same line of the same document, the user sees the specific finding, which
 * explains more. Syntax errors do not count as specific.
 */
import type { Finding } from '../diagnostics/types';
import { YAML_SYNTAX } from './codes';

export function dropGenericDuplicates(findings: Finding[], isGeneric: (code: string) => boolean): Finding[] {
  let generic = false,
    specific = false;
  for (const f of findings) {
    if (isGeneric(f.code)) generic = true;
    else if (f.code !== YAML_SYNTAX) specific = true;
  }
  if (!generic || !specific) return findings;
  const line = (f: Finding): number => f.chunk.lineCounter.linePos(f.start).line;
  const taken = new Set<number>();
  for (const f of findings) if (!isGeneric(f.code) && f.code !== YAML_SYNTAX) taken.add(line(f));
  return findings.filter((f) => !isGeneric(f.code) || !taken.has(line(f)));
}

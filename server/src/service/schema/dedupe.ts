/**
 * One diagnostic per mistake: where the generic schema engine and a domain module (or the core module)
 * report on the same line of the same document, the user sees the domain's finding, which explains more.
 *
 * The engine calls `dropSchemaDuplicates(findings)` on the findings of one chunk (local and cross-document
 * together) before turning them into diagnostics.
 */
import type { Finding } from '../diagnostics/types';
import { SCHEMA_CODE_SET } from './codes';

/**
 * Kinds whose whole schema a domain module already checks (with its own codes and deeper messages): the
 * schema engine leaves them to it (no findings, no completion, no hover). group/kind.
 */
export const DOMAIN_SCHEMA_KINDS = new Set(['karpenter.sh/NodePool', 'eks.amazonaws.com/NodeClass', 'networking.k8s.io/NetworkPolicy']);

/** The findings without the schema findings that start on a line where a non-schema finding starts. */
export function dropSchemaDuplicates(findings: Finding[]): Finding[] {
  let hasSchema = false, hasOther = false;
  for (const f of findings) { if (SCHEMA_CODE_SET.has(f.code)) hasSchema = true; else if (f.code !== 'yaml-syntax') hasOther = true; }
  if (!hasSchema || !hasOther) return findings;
  const lines = new Set<string>();
  const ids = new Map<unknown, number>();
  const lineOf = (f: Finding): string => {
    if (!ids.has(f.chunk)) ids.set(f.chunk, ids.size);
    return `${ids.get(f.chunk)}:${f.chunk.lineCounter.linePos(f.start).line}`;
  };
  for (const f of findings) if (!SCHEMA_CODE_SET.has(f.code) && f.code !== 'yaml-syntax') lines.add(lineOf(f));
  return findings.filter((f) => !SCHEMA_CODE_SET.has(f.code) || !lines.has(lineOf(f)));
}

/**
 * Kustomize patches are partial objects: a strategic-merge patch names its target and carries only the fields
 * it changes. No absence finding (missing name, required field) and no cross-document finding (a Service that
 * does not exist, a selector that matches nothing) is published on a file a kustomization uses as a patch.
 * Which files are patches depends on the kustomizations, so this filter runs when diagnostics are published,
 * after the per-chunk caches (the result is memoised per chunk on the identity of the cached findings).
 */
import type { DiagnosticCodeInfo, Finding } from '../diagnostics/types';
import type { YamlChunk } from '@shared/manifest/yamlFile';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { isPatchFile } from '../kustomize/model';
import { isAbsenceCode } from './unknownValues';
import { MemoKey } from '@shared/manifest/memo';

interface Memo {
  local: Finding[];
  ws: Finding[];
  out: { local: Finding[]; ws: Finding[] };
}

const PARTIAL = new MemoKey<Memo>('engine.partialObjects');

/** The findings to publish for a chunk of `uri`: as computed, or without what a partial object cannot have. */
export function forPartialObjects(
  index: WorkspaceIndex,
  uri: string,
  chunk: YamlChunk,
  codes: ReadonlyMap<string, DiagnosticCodeInfo>,
  local: Finding[],
  ws: Finding[],
): { local: Finding[]; ws: Finding[] } {
  if (!isPatchFile(index, uri)) return { local, ws };
  const memo = chunk.memo.get(PARTIAL);
  if (memo && memo.local === local && memo.ws === ws) return memo.out;
  const out = { local: local.filter((f) => !isAbsenceCode(f.code, codes.get(f.code))), ws: [] as Finding[] };
  chunk.memo.set(PARTIAL, { local, ws, out });
  return out;
}

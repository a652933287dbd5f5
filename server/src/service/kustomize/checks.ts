/**
 * Kustomization checks: every local path it lists must exist (a file, or a folder holding a kustomization
 * where kustomize reads one), as `kustomize build` requires. Remote URLs are left to kustomize. Needs the
 * file system the service was given (FileSystem): without one, nothing is reported.
 */
import type { Check } from '../checks/types';
import { KUSTOMIZATION_FILE_NAMES } from '@shared/manifest/fileKind';
import { isKustomization, readKustomization, type PathEntry } from './model';
import type { FileSystem } from '../workspace/fileSystem';
import { FILE_SET, KUSTOMIZATIONS } from '../workspace/workspaceIndex';

const WHAT: Record<PathEntry['role'], string> = {
  resource: 'resource',
  component: 'component',
  crd: 'CRD file',
  patch: 'patch file',
  generator: 'generator source',
};

/** What is wrong with an entry, or undefined when kustomize can read it. */
export function pathProblem(fs: FileSystem, e: PathEntry): string | undefined {
  if (!e.uri || e.remote) return undefined;
  const kind = fs.stat(e.uri);
  if (kind === undefined) return undefined; // cannot be told (not a file: URI): no finding
  if (kind === 'none') return `${e.field}: ${e.text} does not exist (relative to this kustomization's folder), so kustomize build fails`;
  if (kind === 'directory' && (e.role === 'resource' || e.role === 'component')) {
    if (!KUSTOMIZATION_FILE_NAMES.some((n) => fs.stat(`${e.uri}/${n}`) === 'file')) {
      return `${e.field}: the folder ${e.text} has no ${KUSTOMIZATION_FILE_NAMES.join(', ')}, so kustomize cannot build it as a ${WHAT[e.role]}`;
    }
  }
  if (kind === 'directory' && (e.role === 'patch' || e.role === 'crd'))
    return `${e.field}: ${e.text} is a folder; a ${WHAT[e.role]} must be a file`;
  return undefined;
}

export const pathCheck: Check = {
  id: 'kustomize.paths',
  // Whether a path exists changes without this document changing: re-checked when files come and go.
  scope: 'workspace',
  reads: [FILE_SET, KUSTOMIZATIONS],
  appliesTo: isKustomization,
  run(ctx) {
    const fs = ctx.env.fs;
    if (!fs) return;
    for (const e of readKustomization(ctx.obj).entries) {
      const why = pathProblem(fs, e);
      if (why) ctx.report('kustomize-path-missing', e.range, why);
    }
  },
};

export const KUSTOMIZE_CHECKS: Check[] = [pathCheck];

/**
 * Which files of the workspace the index reads, for the LSP server (the scan and watched-file events) and
 * the CLI (folders given on the command line). One set of rules for every way a file arrives:
 * - a `.yaml`/`.yml` (or `.yaml.tpl`, `Kustomization`) name (isScannedFileName), inside one of the roots, not
 *   under a dependency or build folder (SKIP_DIRS) nor an excluded one (`eksManifests.exclude`, `--exclude`);
 * - a regular file — a symbolic link only when it resolves to a regular file inside a root (never to a
 *   device such as /dev/zero, nor out of the workspace); symlinked folders are not followed;
 * - at most `maxBytes` bytes (far larger than the analysis limit: not even read).
 * The scan stops at `limit` files and says so (`truncated`): the caller must report it.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { isScannedFileName } from '@shared/manifest/fileKind';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.terraform', '.venv', 'vendor', '.cache']);

/**
 * A matcher for `eksManifests.exclude` / `--exclude` globs, tested against a path relative to the scanned
 * folder (with `/`). A pattern without `/` matches a file or folder name anywhere (`*.generated.yaml`,
 * `legacy`); a pattern that matches a folder excludes everything under it (`charts/old`, `tests`).
 */
export function excludeMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  const clean = patterns.map((p) => p.trim().replace(/^\.\//, '').replace(/\/+$/, '')).filter(Boolean);
  if (clean.length === 0) return () => false;
  const isMatch = picomatch(
    clean.map((p) => (p.includes('/') ? p : `**/${p}`)),
    { dot: true },
  );
  return (relPath: string) => {
    const rel = relPath.split(path.sep).join('/').replace(/^\.\//, '');
    if (isMatch(rel)) return true;
    // A folder that matches excludes what is under it.
    for (let i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) if (isMatch(rel.slice(0, i))) return true;
    return false;
  };
}

/** The default number of YAML files a scan reads (eksManifests.maxWorkspaceFiles; CLI --max-files). */
export const DEFAULT_MAX_FILES = 20_000;

export interface ScanResult {
  /** Candidate files, sorted (check each with admitFile before reading it). */
  files: string[];
  /** True when the scan stopped at the limit with more YAML files left. */
  truncated: boolean;
}

/** The part of `file` under `root`, or undefined when it is not inside it. */
function under(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel;
}

/** Whether a path is inside one of the roots and under no skipped folder. */
export function inWorkspace(file: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const rel = under(root, file);
    return (
      rel !== undefined &&
      !rel
        .split(path.sep)
        .slice(0, -1)
        .some((seg) => SKIP_DIRS.has(seg))
    );
  });
}

/** YAML files under the roots, up to `limit` in all (the first roots first). */
export async function scanYamlFiles(
  roots: readonly string[],
  limit = DEFAULT_MAX_FILES,
  exclude: readonly string[] = [],
): Promise<ScanResult> {
  const excluded = excludeMatcher(exclude);
  const out: string[] = [];
  let truncated = false;
  for (const root of roots) {
    const stack = [root];
    while (stack.length && !truncated) {
      const dir = stack.pop()!;
      let entries: import('fs').Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name) && !excluded(path.relative(root, p))) stack.push(p);
          continue;
        }
        if (!(e.isFile() || e.isSymbolicLink()) || !isScannedFileName(e.name) || excluded(path.relative(root, p))) continue;
        if (out.length >= limit) {
          truncated = true;
          break;
        }
        out.push(p);
      }
    }
    if (truncated) break;
  }
  return { files: out.sort(), truncated };
}

/** The files of one folder (scanYamlFiles for one root; the files only). */
export async function findYamlFiles(root: string, limit = DEFAULT_MAX_FILES, exclude: readonly string[] = []): Promise<string[]> {
  return (await scanYamlFiles([root], limit, exclude)).files;
}

export type Admission = { ok: true; size: number } | { ok: false; reason: string };

/** Whether the index may read this file (the rules above); checked again for every watched-file event. */
export async function admitFile(file: string, roots: readonly string[], maxBytes: number): Promise<Admission> {
  if (!isScannedFileName(path.basename(file))) return { ok: false, reason: 'not a YAML file name' };
  if (!inWorkspace(file, roots)) return { ok: false, reason: 'outside the workspace folders' };
  try {
    const link = await fs.lstat(file);
    if (link.isSymbolicLink()) {
      const real = await fs.realpath(file);
      const realRoots = await Promise.all(roots.map((r) => fs.realpath(r).catch(() => r)));
      if (!inWorkspace(real, realRoots)) return { ok: false, reason: 'a symbolic link out of the workspace' };
    }
    const st = link.isSymbolicLink() ? await fs.stat(file) : link;
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size > maxBytes) return { ok: false, reason: `larger than ${maxBytes} bytes` };
    return { ok: true, size: st.size };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

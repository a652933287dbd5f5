/** Find the YAML files of a workspace folder (skipping dependency and build folders); see isScannedFileName. */
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
  const isMatch = picomatch(clean.map((p) => (p.includes('/') ? p : `**/${p}`)), { dot: true });
  return (relPath: string) => {
    const rel = relPath.split(path.sep).join('/').replace(/^\.\//, '');
    if (isMatch(rel)) return true;
    // A folder that matches excludes what is under it.
    for (let i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) if (isMatch(rel.slice(0, i))) return true;
    return false;
  };
}

export async function findYamlFiles(root: string, limit = 20000, exclude: readonly string[] = []): Promise<string[]> {
  const excluded = excludeMatcher(exclude);
  const out: string[] = [];
  const stack = [root];
  while (stack.length && out.length < limit) {
    const dir = stack.pop()!;
    let entries: import('fs').Dirent[];
    try { entries = await fs.readdir(dir, { withFileTypes: true }); } catch { continue; }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name) && !excluded(path.relative(root, p))) stack.push(p); }
      else if (e.isFile() && isScannedFileName(e.name) && !excluded(path.relative(root, p))) out.push(p);
    }
  }
  return out.sort();
}

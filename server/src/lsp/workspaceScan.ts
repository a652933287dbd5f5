/** Find the YAML files of a workspace folder (skipping dependency and build folders); see isScannedFileName. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { isScannedFileName } from '../service/model/fileKind';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.terraform', '.venv', 'vendor', '.cache']);

export async function findYamlFiles(root: string, limit = 20000): Promise<string[]> {
  const out: string[] = [];
  const stack = [root];
  while (stack.length && out.length < limit) {
    const dir = stack.pop()!;
    let entries: import('fs').Dirent[];
    try { entries = await fs.readdir(dir, { withFileTypes: true }); } catch { continue; }
    for (const e of entries) {
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) stack.push(path.join(dir, e.name)); }
      else if (e.isFile() && isScannedFileName(e.name)) out.push(path.join(dir, e.name));
    }
  }
  return out.sort();
}

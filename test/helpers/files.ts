/** Files under a folder (recursive), for tests that walk the examples, the corpus or the sources. */
import * as fs from 'fs';
import * as path from 'path';

/** Paths of the files under `dir` whose name matches `name` (none when `dir` does not exist). */
export function filesUnder(dir: string, name: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p, name) : name.test(e.name) ? [p] : [];
  });
}

export const YAML_FILE = /\.ya?ml$/;

/** The language service's FileSystem over Node's fs (used by the LSP server and the CLI). */
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import type { FileSystem } from '../service/fileSystem';

export const nodeFileSystem: FileSystem = {
  stat(uri: string) {
    if (!uri.startsWith('file:')) return undefined;
    try {
      const st = fs.statSync(fileURLToPath(uri), { throwIfNoEntry: false });
      if (!st) return undefined;
      return st.isDirectory() ? 'directory' : 'file';
    } catch {
      return undefined;
    }
  },
};

/** The language service's FileSystem over the real disk (for the LSP server and the CLI). */
import { statSync } from 'fs';
import { fileURLToPath } from 'url';
import type { FileSystem } from '../service/workspace/fileSystem';

export const nodeFileSystem: FileSystem = {
  stat(uri: string) {
    if (!uri.startsWith('file:')) return undefined;
    try {
      const st = statSync(fileURLToPath(uri), { throwIfNoEntry: false });
      if (!st) return 'none';
      return st.isDirectory() ? 'directory' : 'file';
    } catch {
      return undefined;
    }
  },
};

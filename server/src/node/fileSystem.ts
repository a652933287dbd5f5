/** The language service's FileSystem over the real disk (for the LSP server and the CLI). */
import { existsSync } from 'fs';
import { fileURLToPath } from 'url';
import type { FileSystem } from '../service/workspace/fileSystem';

export const nodeFileSystem: FileSystem = {
  exists(uri: string): boolean | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try { return existsSync(fileURLToPath(uri)); } catch { return undefined; }
  },
};

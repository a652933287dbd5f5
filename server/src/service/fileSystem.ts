/**
 * The one thing the language service asks of the file system: whether a path exists and what it is. The
 * service stays a pure library: the LSP server and the CLI pass a real implementation (lsp/nodeFileSystem.ts),
 * tests a real one on a temporary folder; without one, checks that need it stay silent.
 */
export interface FileSystem {
  /** What is at a `file:` URI: a file, a folder, or nothing (undefined). Must not throw. */
  stat(uri: string): 'file' | 'directory' | undefined;
}

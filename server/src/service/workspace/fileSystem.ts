/**
 * The one thing the language service asks of the file system (for Kustomize and GitOps paths, which name
 * files that need not be in the index): what is at a path. The service stays a pure library: the LSP server
 * and the CLI pass an implementation over the real disk (server/src/node/fileSystem.ts), tests one over a
 * temporary folder; without one, checks that need it stay silent.
 */
export interface FileSystem {
  /** What is at a `file:` URI: a file, a folder, nothing (`none`); undefined when it cannot be told (then no finding). Must not throw. */
  stat(uri: string): 'file' | 'directory' | 'none' | undefined;
}

/** Whether something exists at the URI; undefined when it cannot be told. */
export function exists(fs: FileSystem, uri: string): boolean | undefined {
  const k = fs.stat(uri);
  return k === undefined ? undefined : k !== 'none';
}

/** The parent of a file:// URI ("file:///a/b/c.yaml" → "file:///a/b"); undefined at the root. */
export function parentUri(uri: string): string | undefined {
  const u = uri.replace(/\/+$/, '');
  const i = u.lastIndexOf('/');
  if (i <= 'file://'.length) return undefined;
  return u.slice(0, i);
}

/** A relative path (`./apps/prod`, `apps/prod/`, `/apps`) under a folder URI; undefined when it leaves the folder. */
export function joinUri(folder: string, rel: string): string | undefined {
  const parts = folder.replace(/\/+$/, '').split('/');
  const base = parts.slice(0, 3); // "file:", "", host
  const segs = parts.slice(3);
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!segs.length) return undefined;
      segs.pop();
      continue;
    }
    segs.push(encodeSegment(seg));
  }
  return [...base, ...segs].join('/');
}

/** Encode a path segment the way Node's pathToFileURL does for the characters paths usually hold. */
function encodeSegment(s: string): string {
  return s.replace(/%/g, '%25').replace(/ /g, '%20').replace(/#/g, '%23').replace(/\?/g, '%3F');
}

/** Folders from a file's own folder up to the root, nearest first (at most `limit`). */
export function ancestorFolders(fileUri: string, limit = 32): string[] {
  const out: string[] = [];
  let cur = parentUri(fileUri);
  while (cur && out.length < limit) {
    out.push(cur);
    cur = parentUri(cur);
  }
  return out;
}

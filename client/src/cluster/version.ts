/**
 * The Kubernetes version of the connected API server (`GET /version`) held against the version the editor
 * checks files for (`eksManifests.kubernetesVersion`), and the words for a built-in API the cluster does
 * not serve. Which Kubernetes version added or removed a built-in API comes from the language service's
 * catalog (shared/apiVersions.ts), never from a second table here.
 */
import { availableSince, findRemovedApi, replacementAt } from '@shared/apiVersions';
import type { Connection } from './connection';

export interface ServerVersion {
  major: number;
  minor: number;
  /** `1.20`: what `eksManifests.kubernetesVersion` takes. */
  text: string;
  /** As the server reports it (`v1.20.2`, `v1.29.3-eks-adc7111`). */
  gitVersion: string;
}

/**
 * Reads `/version`'s body. `minor` may carry a `+` (EKS and GKE report `"29+"`), so the digits of
 * `minor` win, then those of `gitVersion`; undefined when neither gives a version.
 */
export function parseServerVersion(body: unknown): ServerVersion | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { major?: unknown; minor?: unknown; gitVersion?: unknown };
  const gitVersion = typeof b.gitVersion === 'string' ? b.gitVersion : '';
  let major = typeof b.major === 'string' ? Number.parseInt(b.major, 10) : NaN;
  let minor = typeof b.minor === 'string' ? Number.parseInt(b.minor, 10) : NaN;
  if (!(major >= 0) || !(minor >= 0)) {
    const m = /^v?(\d+)\.(\d+)/.exec(gitVersion);
    if (!m) return undefined;
    major = Number(m[1]);
    minor = Number(m[2]);
  }
  return { major, minor, text: `${major}.${minor}`, gitVersion: gitVersion || `v${major}.${minor}` };
}

export async function readServerVersion(conn: Connection, signal?: AbortSignal): Promise<ServerVersion | undefined> {
  const r = await conn.request('GET', '/version', { signal });
  if (r.status >= 300) throw conn.statusError(r, { what: 'reading the server version' });
  return parseServerVersion(r.body);
}

/** `1.34` → [1, 34]; undefined for anything else. */
export function parseTarget(target: unknown): [number, number] | undefined {
  const m = typeof target === 'string' ? /^\s*v?(\d+)\.(\d+)\s*$/.exec(target) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** -1: the cluster is older than the target, 0: same minor version, 1: newer; undefined when the target is not a version. */
export function compareToTarget(server: ServerVersion, target: unknown): -1 | 0 | 1 | undefined {
  const t = parseTarget(target);
  if (!t) return undefined;
  const d = server.major - t[0] || server.minor - t[1];
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** The one notification when the cluster and the target differ (undefined when they agree). */
export function versionMismatchMessage(context: string, server: ServerVersion, target: unknown): string | undefined {
  const c = compareToTarget(server, target);
  if (c === undefined || c === 0) return undefined;
  const consequence =
    c < 0
      ? `apiVersions newer than ${server.text} pass in the editor but this cluster rejects them`
      : `the editor reports apiVersions removed after ${server.text} that this cluster still serves`;
  return `Context "${context}" runs Kubernetes ${server.text} (${server.gitVersion}), but EKS Manifests checks your files for ${target} (eksManifests.kubernetesVersion): ${consequence}.`;
}

/** The action of that notification. */
export const useAsTargetLabel = (server: ServerVersion): string => `Use ${server.text} as the target`;

/** Whether a `1.21`-style version is newer than the server's. */
const newerThan = (a: string, b: ServerVersion): boolean => {
  const t = parseTarget(a);
  return !!t && (t[0] - b.major || t[1] - b.minor) > 0;
};

/**
 * Why a cluster rejects a built-in apiVersion/kind it does not serve, in plain words: which versions of the
 * group serve that kind on this cluster (`servedAs`), and which Kubernetes version added (or removed) the
 * one in the file.
 */
export function notServedMessage(opts: {
  apiVersion: string;
  kind: string;
  context?: string;
  server?: ServerVersion;
  /** Versions of the same group that serve this kind (`policy/v1beta1`). */
  servedAs: string[];
  /** All versions the cluster serves of the group (empty: the group is not served at all). */
  groupVersions: string[];
}): string {
  const { apiVersion, kind, server, servedAs, groupVersions } = opts;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const who = server
    ? `Kubernetes ${server.text}${opts.context ? ` (context "${opts.context}")` : ''}`
    : `The cluster${opts.context ? ` of context "${opts.context}"` : ''}`;
  const parts: string[] = [];
  parts.push(`${who} does not serve ${kind} in ${apiVersion}`);
  if (servedAs.length) parts[0] += `: it serves ${kind} as ${servedAs.join(', ')}.`;
  else if (groupVersions.length)
    parts[0] += ` (it serves ${group || 'the core group'} only as ${groupVersions.join(', ')}, none with ${kind}).`;
  else parts[0] += '.';
  const added = availableSince(apiVersion, kind);
  const removed = findRemovedApi(apiVersion, kind);
  if (added && (!server || newerThan(added, server))) {
    parts.push(`${apiVersion} ${kind} was added in Kubernetes ${added}.`);
    parts.push(
      servedAs.length
        ? `Use ${servedAs[0]} with this cluster${server ? ` (and set eksManifests.kubernetesVersion to ${server.text}, so the editor checks for it)` : ''}, or a cluster on ${added} or newer.`
        : `It needs a cluster on ${added} or newer.`,
    );
  } else if (removed && (removed.neverServed || removed.removedIn !== undefined)) {
    // The replacement this cluster serves (the latest one when its version is unknown).
    const repl = server ? replacementAt(removed, server.text)?.apiVersion : removed.replacements.at(-1)?.apiVersion;
    const what = removed.neverServed
      ? `${apiVersion} never served ${kind}`
      : `${apiVersion} ${kind} was removed in Kubernetes ${removed.removedIn}`;
    parts.push(`${what}${repl ? `; use ${repl}` : ''}.`);
  } else if (servedAs.length) {
    parts.push(`Use ${servedAs[0]}.`);
  }
  return parts.join(' ');
}

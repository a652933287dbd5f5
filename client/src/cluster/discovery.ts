/**
 * apiVersion + kind → REST resource (plural name, namespaced or not), read from the API server's
 * discovery documents and cached per group/version. An apiVersion/kind the server does not serve is a
 * ClusterError('unknown-kind') that says what the cluster serves instead: for a built-in API, which
 * versions serve the kind and which Kubernetes version added the one in the file; for a CRD, to install
 * or upgrade it.
 */
import type { Connection } from './connection';
import { ClusterError } from './errors';
import { apiVersionProblem, assertPathSafe } from './identity';
import { isBuiltInGroup } from '@shared/manifest/documentKind';
import { notServedMessage, readServerVersion, type ServerVersion } from './version';

export interface ResourceInfo {
  apiVersion: string;
  kind: string;
  resource: string;
  namespaced: boolean;
}

interface APIResourceList {
  groupVersion?: string;
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

export class Discovery {
  private readonly cache = new Map<string, Promise<APIResourceList | undefined>>();

  constructor(private readonly conn: Connection) {}

  /** Forget everything (after a CRD was created). */
  invalidate(): void {
    this.cache.clear();
  }

  private groupVersion(apiVersion: string, signal?: AbortSignal): Promise<APIResourceList | undefined> {
    const bad = apiVersionProblem(apiVersion);
    if (bad) return Promise.reject(new ClusterError('invalid', `Not sent to the cluster: ${bad}.`));
    let p = this.cache.get(apiVersion);
    if (!p) {
      const url = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      p = this.conn.request('GET', url, { signal }).then((r) => {
        if (r.status === 404) return undefined;
        if (r.status >= 300) throw this.conn.statusError(r, { what: `discovery of ${apiVersion}` });
        return r.body as APIResourceList;
      });
      p.catch(() => this.cache.delete(apiVersion));
      this.cache.set(apiVersion, p);
    }
    return p;
  }

  /** Whether the server serves this apiVersion at all. */
  async serves(apiVersion: string, signal?: AbortSignal): Promise<boolean> {
    return (await this.groupVersion(apiVersion, signal)) !== undefined;
  }

  private versionPromise: Promise<ServerVersion | undefined> | undefined;

  /** The server's version (`GET /version`, once; undefined when it cannot be read). */
  serverVersion(signal?: AbortSignal): Promise<ServerVersion | undefined> {
    this.versionPromise ??= readServerVersion(this.conn, signal).catch(() => undefined);
    return this.versionPromise;
  }

  async resolve(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceInfo> {
    const list = await this.groupVersion(apiVersion, signal);
    const found = list?.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
    if (found) return { apiVersion, kind, resource: found.name, namespaced: found.namespaced };
    throw new ClusterError('unknown-kind', await this.notServed(apiVersion, kind, list !== undefined, signal));
  }

  /** Why the server does not serve apiVersion/kind: what it serves instead, and what to do. */
  private async notServed(apiVersion: string, kind: string, versionServed: boolean, signal?: AbortSignal): Promise<string> {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    let groupVersions: string[];
    if (group) {
      const groups = await this.conn.request('GET', '/apis', { signal }).catch(() => undefined);
      const g = (groups?.body?.groups as { name: string; versions: { groupVersion: string }[] }[] | undefined)?.find(
        (x) => x?.name === group,
      );
      groupVersions = (g?.versions ?? []).map((v) => v.groupVersion).filter((v) => typeof v === 'string');
    } else {
      groupVersions = ['v1'];
    }
    const servedAs: string[] = [];
    for (const gv of groupVersions.filter((v) => v !== apiVersion)) {
      const l = await this.groupVersion(gv, signal).catch(() => undefined);
      if (l?.resources?.some((r) => r.kind === kind && !r.name.includes('/'))) servedAs.push(gv);
    }
    if (isBuiltInGroup(group)) {
      if (versionServed && servedAs.length === 0) {
        return `The cluster serves ${apiVersion} but no kind "${kind}" in it: check the spelling of kind (it is case-sensitive).`;
      }
      return notServedMessage({
        apiVersion,
        kind,
        context: this.conn.context,
        server: await this.serverVersion(signal),
        servedAs,
        groupVersions: versionServed ? [apiVersion, ...groupVersions.filter((v) => v !== apiVersion)] : groupVersions,
      });
    }
    if (servedAs.length) {
      return `The cluster serves ${kind} as ${servedAs.join(', ')}, not ${apiVersion}: the installed CRD does not have the version this file uses. Change the apiVersion to one the cluster serves, or upgrade the CRD (usually with the controller's Helm chart).`;
    }
    if (versionServed)
      return `The cluster serves ${apiVersion} but no kind "${kind}" in it: check the spelling of kind, or upgrade the CRD that defines ${group}.`;
    const others = groupVersions.length ? ` (the cluster serves ${group} only as ${groupVersions.join(', ')}, none with ${kind})` : '';
    return `The cluster does not know kind "${kind}" in apiVersion "${apiVersion}"${others}. Install the CRD first (usually with the controller's Helm chart or manifests), or apply the file that defines it together with this one.`;
  }
}

/** The REST path of a resource collection or object. */
export function resourcePath(info: ResourceInfo, namespace: string | undefined, name?: string): string {
  assertPathSafe({ apiVersion: info.apiVersion, kind: info.kind, name, namespace: info.namespaced ? namespace : undefined });
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(info.resource))
    throw new ClusterError(
      'invalid',
      `The server named the resource of ${info.kind} ${JSON.stringify(info.resource)}, which is not a resource name.`,
    );
  const base = info.apiVersion.includes('/') ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${info.resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

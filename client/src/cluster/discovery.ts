/**
 * apiVersion + kind → REST resource (plural name, namespaced or not), read from the API server's
 * discovery documents and cached per group/version. An apiVersion/kind the server does not serve is a
 * ClusterError('unknown-kind') telling the user to install the CRD first.
 */
import type { Connection } from './connection';
import { ClusterError } from './errors';
import { apiVersionProblem, assertPathSafe } from './identity';

export interface ResourceInfo { apiVersion: string; kind: string; resource: string; namespaced: boolean }

interface APIResourceList { groupVersion?: string; resources?: { name: string; kind: string; namespaced: boolean }[] }

export class Discovery {
  private readonly cache = new Map<string, Promise<APIResourceList | undefined>>();

  constructor(private readonly conn: Connection) {}

  /** Forget everything (after a CRD was created). */
  invalidate(): void { this.cache.clear(); }

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

  async resolve(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceInfo> {
    const list = await this.groupVersion(apiVersion, signal);
    const found = list?.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
    if (found) return { apiVersion, kind, resource: found.name, namespaced: found.namespaced };
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    let served = '';
    if (!list && group) {
      const groups = await this.conn.request('GET', '/apis', { signal }).catch(() => undefined);
      const g = (groups?.body?.groups as { name: string; versions: { groupVersion: string }[] }[] | undefined)?.find((x) => x.name === group);
      if (g) served = ` (the cluster serves ${group} only as ${g.versions.map((v) => v.groupVersion).join(', ')})`;
    }
    const builtIn = group === '' || /(^|\.)k8s\.io$/.test(group) || ['apps', 'batch', 'policy', 'autoscaling'].includes(group);
    const advice = served
      ? ' Change the apiVersion to one the cluster serves, or upgrade the CRD.'
      : builtIn
        ? ' This Kubernetes version does not serve that API (removed or not yet added); use an apiVersion this cluster serves.'
        : ' Install the CRD first (usually with the controller\'s Helm chart or manifests), or apply the file that defines it together with this one.';
    throw new ClusterError('unknown-kind', `The cluster does not know kind "${kind}" in apiVersion "${apiVersion}"${served}.${advice}`);
  }
}

/** The REST path of a resource collection or object. */
export function resourcePath(info: ResourceInfo, namespace: string | undefined, name?: string): string {
  assertPathSafe({ apiVersion: info.apiVersion, kind: info.kind, name, namespace: info.namespaced ? namespace : undefined });
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(info.resource)) throw new ClusterError('invalid', `The server named the resource of ${info.kind} ${JSON.stringify(info.resource)}, which is not a resource name.`);
  const base = info.apiVersion.includes('/') ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${info.resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

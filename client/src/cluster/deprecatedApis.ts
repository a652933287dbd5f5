/**
 * What the cluster itself says before an upgrade (for the Plan Upgrade report): which deprecated APIs
 * clients have requested (the API server's `apiserver_requested_deprecated_apis` gauge on /metrics, when the
 * user may read it), and which objects it still serves through an API version the target removes (found by
 * discovery of that group/version and a list of the resource). No `vscode` here: tested against a real
 * kube-apiserver in test/cluster/.
 */
import type { Connection } from './connection';
import type { ClusterFindings } from '@shared/protocol';

export interface RemovedApiRef {
  apiVersion: string;
  kind: string;
  removedIn: string;
  replacement?: string;
}

/** Parse the `apiserver_requested_deprecated_apis` samples of a Prometheus text exposition. */
export function parseDeprecatedApiMetrics(
  text: string,
): { group: string; version: string; resource: string; subresource: string; removedRelease?: string }[] {
  const out: { group: string; version: string; resource: string; subresource: string; removedRelease?: string }[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('apiserver_requested_deprecated_apis{')) continue;
    const close = line.lastIndexOf('}');
    if (close < 0) continue;
    const value = Number(
      line
        .slice(close + 1)
        .trim()
        .split(/\s+/)[0],
    );
    if (!(value > 0)) continue;
    const labels: Record<string, string> = {};
    const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    const body = line.slice(line.indexOf('{') + 1, close);
    for (let m = re.exec(body); m; m = re.exec(body)) labels[m[1]] = m[2].replace(/\\(.)/g, '$1');
    const row = {
      group: labels.group ?? '',
      version: labels.version ?? '',
      resource: labels.resource ?? '',
      subresource: labels.subresource ?? '',
      removedRelease: labels.removed_release || undefined,
    };
    const key = `${row.group}/${row.version}/${row.resource}/${row.subresource}`;
    if (!row.resource || seen.has(key)) continue;
    seen.add(key);
    out.push(row);
  }
  return out;
}

function minorLE(a: string, b: string): boolean {
  const pa = a.split('.').map(Number),
    pb = b.split('.').map(Number);
  return pa[0] < pb[0] || (pa[0] === pb[0] && pa[1] <= pb[1]);
}

/**
 * Ask the cluster. `removed`: the Kubernetes APIs removed up to the target (the service's
 * `removedApisUpTo`). Every part that cannot be read becomes a note instead of failing the report.
 */
export async function clusterUpgradeFindings(
  conn: Connection,
  target: string,
  removed: RemovedApiRef[],
  opts: { maxObjects?: number; signal?: AbortSignal } = {},
): Promise<ClusterFindings> {
  const notes: string[] = [];
  const findings: ClusterFindings = { context: conn.context, notes };
  const v = await conn.request('GET', '/version', { signal: opts.signal });
  if (v.status === 200 && v.body?.gitVersion) findings.serverVersion = String(v.body.gitVersion);
  else if (v.status >= 300) throw conn.statusError(v, { what: 'the server version' });

  const m = await conn.request('GET', '/metrics', { signal: opts.signal });
  if (m.status === 200 && m.text.includes('apiserver_')) {
    findings.requested = parseDeprecatedApiMetrics(m.text)
      .filter((r) => !r.removedRelease || minorLE(r.removedRelease, target))
      .map(({ group, version, resource, subresource, removedRelease }) => ({
        group,
        version,
        resource: subresource ? `${resource}/${subresource}` : resource,
        removedRelease,
      }));
  } else {
    notes.push(
      `The API server's /metrics could not be read (HTTP ${m.status}): deprecated-API request counts need \`get\` on the non-resource URL /metrics. Listed the served API versions instead.`,
    );
  }

  const served: NonNullable<ClusterFindings['served']> = [];
  const byVersion = new Map<string, RemovedApiRef[]>();
  for (const r of removed) {
    const l = byVersion.get(r.apiVersion);
    if (l) l.push(r);
    else byVersion.set(r.apiVersion, [r]);
  }
  for (const [apiVersion, apis] of byVersion) {
    const url = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const d = await conn.request('GET', url, { signal: opts.signal });
    if (d.status === 404) continue;
    if (d.status >= 300) {
      notes.push(`Discovery of ${apiVersion} failed (HTTP ${d.status}).`);
      continue;
    }
    const resources = (d.body?.resources ?? []) as { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
    for (const api of apis) {
      const res = resources.find((x) => x.kind === api.kind && !x.name.includes('/'));
      // Review kinds (TokenReview, SubjectAccessReview) are create-only: nothing is stored to migrate.
      if (!res || !(res.verbs ?? []).includes('list')) continue;
      const list = await conn.request('GET', `${url}/${res.name}`, { query: { limit: opts.maxObjects ?? 20 }, signal: opts.signal });
      if (list.status === 403) {
        notes.push(
          `Not allowed to list ${res.name} through ${apiVersion}; the cluster serves it, so objects of that kind may still use it.`,
        );
        served.push({ apiVersion, kind: api.kind, removedIn: api.removedIn, replacement: api.replacement, objects: [], total: 0 });
        continue;
      }
      if (list.status >= 300) {
        notes.push(`Listing ${res.name} through ${apiVersion} failed (HTTP ${list.status}).`);
        continue;
      }
      const items = (list.body?.items ?? []) as { metadata?: { name?: string; namespace?: string } }[];
      const remaining = Number(list.body?.metadata?.remainingItemCount ?? 0);
      const names = items.map((i) => `${i.metadata?.namespace ? i.metadata.namespace + '/' : ''}${i.metadata?.name ?? '?'}`);
      served.push({
        apiVersion,
        kind: api.kind,
        removedIn: api.removedIn,
        replacement: api.replacement,
        objects: names,
        total: items.length + (Number.isFinite(remaining) ? remaining : 0),
      });
    }
  }
  findings.served = served.filter((s) => s.total > 0 || s.objects.length > 0 || notes.some((n) => n.includes(s.apiVersion)));
  return findings;
}

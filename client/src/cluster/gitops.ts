/**
 * Objects a GitOps controller owns: applying them by hand lasts only until the controller's next sync.
 * The marks are the ones the controllers themselves write on what they apply (so we read them on the LIVE
 * object; a file copied from `kubectl get -o yaml` may carry them too):
 * - Argo CD (argoproj/argo-cd common/common.go): annotation `argocd.argoproj.io/tracking-id`
 *   (AnnotationKeyAppInstance, `<app>:<group>/<Kind>:<namespace>/<name>`, the annotation tracking method);
 *   label `argocd.argoproj.io/instance` (the instance label key Argo CD's docs suggest instead of the
 *   default, so it does not clash with Helm); the legacy label `applications.argoproj.io/app-name`. The
 *   default label key `app.kubernetes.io/instance` is also what Helm writes on every release, so on its
 *   own it says nothing and is not used.
 * - Flux: labels `kustomize.toolkit.fluxcd.io/name` + `/namespace` (kustomize-controller) and
 *   `helm.toolkit.fluxcd.io/name` + `/namespace` (helm-controller's origin labels). The annotation
 *   `kustomize.toolkit.fluxcd.io/reconcile: disabled` tells Flux to leave the object alone.
 */
import type { Connection } from './connection';
import { Discovery, resourcePath } from './discovery';
import type { ManifestDoc } from './manifests';

export interface GitOpsOwner {
  tool: 'Argo CD' | 'Flux';
  /** `application shop-web`, `Kustomization flux-system/apps`, `HelmRelease flux-system/podinfo`. */
  owner: string;
  /** The label or annotation that says so. */
  mark: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Who owns an object, from its metadata (undefined: no GitOps mark). */
export function gitOpsOwner(obj: unknown): GitOpsOwner | undefined {
  const md = (obj && typeof obj === 'object' ? (obj as { metadata?: unknown }).metadata : undefined) as
    { labels?: unknown; annotations?: unknown } | undefined;
  const labels = (md?.labels && typeof md.labels === 'object' ? md.labels : {}) as Record<string, unknown>;
  const annotations = (md?.annotations && typeof md.annotations === 'object' ? md.annotations : {}) as Record<string, unknown>;
  const tracking = str(annotations['argocd.argoproj.io/tracking-id']);
  if (tracking) {
    const app = tracking.split(':')[0];
    return { tool: 'Argo CD', owner: `application ${app.replace('_', '/')}`, mark: 'annotation argocd.argoproj.io/tracking-id' };
  }
  for (const key of ['argocd.argoproj.io/instance', 'applications.argoproj.io/app-name']) {
    const app = str(labels[key]);
    if (app) return { tool: 'Argo CD', owner: `application ${app}`, mark: `label ${key}` };
  }
  const fluxOff = str(annotations['kustomize.toolkit.fluxcd.io/reconcile']) === 'disabled';
  for (const [group, kind] of [
    ['kustomize.toolkit.fluxcd.io', 'Kustomization'],
    ['helm.toolkit.fluxcd.io', 'HelmRelease'],
  ] as const) {
    const name = str(labels[`${group}/name`]);
    if (!name) continue;
    if (fluxOff && kind === 'Kustomization') continue;
    const ns = str(labels[`${group}/namespace`]);
    return { tool: 'Flux', owner: `${kind} ${ns ? `${ns}/` : ''}${name}`, mark: `label ${group}/name` };
  }
  return undefined;
}

export interface GitOpsHit {
  doc: ManifestDoc;
  owner: GitOpsOwner;
  where: 'cluster' | 'file';
}

/**
 * The documents whose live object (or, failing that, the file) carries a GitOps mark. Objects that do
 * not exist yet, kinds the cluster does not serve and objects the user may not read are skipped: the apply
 * itself reports those. At most `concurrency` requests at a time.
 */
export async function findGitOpsOwned(
  conn: Connection,
  docs: readonly ManifestDoc[],
  opts: { namespace?: string; signal?: AbortSignal; concurrency?: number } = {},
): Promise<GitOpsHit[]> {
  const discovery = new Discovery(conn);
  const hits: (GitOpsHit | undefined)[] = new Array(docs.length);
  let next = 0;
  const worker = async () => {
    while (next < docs.length && !opts.signal?.aborted) {
      const i = next++;
      const doc = docs[i];
      const inFile = gitOpsOwner(doc.object);
      try {
        const info = await discovery.resolve(doc.apiVersion, doc.kind, opts.signal);
        const ns = info.namespaced ? (doc.namespace ?? opts.namespace ?? 'default') : undefined;
        const r = await conn.request('GET', resourcePath(info, ns, doc.name), { signal: opts.signal });
        const live = r.status === 200 ? gitOpsOwner(r.body) : undefined;
        if (live) {
          hits[i] = { doc, owner: live, where: 'cluster' };
          continue;
        }
      } catch {
        /* not served, forbidden, unreachable: the apply says so */
      }
      if (inFile) hits[i] = { doc, owner: inFile, where: 'file' };
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 6, docs.length) }, worker));
  return hits.filter((h): h is GitOpsHit => !!h);
}

/** The question before Apply (undefined when nothing is owned). */
export function gitOpsQuestion(hits: readonly GitOpsHit[], context: string): string | undefined {
  if (hits.length === 0) return undefined;
  const owners = [...new Map(hits.map((h) => [`${h.owner.tool} ${h.owner.owner}`, h.owner])).values()];
  const first =
    hits
      .slice(0, 3)
      .map((h) => h.doc.label)
      .join(', ') + (hits.length > 3 ? ` and ${hits.length - 3} more` : '');
  const tools = [...new Set(owners.map((o) => o.tool))];
  const revert = tools
    .map((t) =>
      t === 'Argo CD'
        ? 'Argo CD puts the objects back as Git has them at its next sync when self-heal is on, and shows them OutOfSync until then'
        : 'Flux re-applies what Git has at its next reconciliation',
    )
    .join('; ');
  const by =
    owners
      .slice(0, 3)
      .map((o) => `${o.tool} ${o.owner}`)
      .join(', ') + (owners.length > 3 ? ` and ${owners.length - 3} more` : '');
  return `${first} in context "${context}" ${hits.length === 1 ? 'is' : 'are'} managed by ${by}. ${revert}: change the manifests in Git instead. Apply anyway?`;
}

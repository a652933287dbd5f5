/**
 * Whether an object is managed by a GitOps controller, from the labels and annotations the controllers put
 * on the objects they apply. A change applied by hand to such an object is reverted at the next sync.
 * Pure: works on a file's object or on a live object read from the cluster.
 *
 * - Argo CD: annotation `argocd.argoproj.io/tracking-id` (annotation tracking, the default since 3.0),
 *   the label `argocd.argoproj.io/instance` (a common `application.instanceLabelKey`), the legacy
 *   `applications.argoproj.io/app-name`; the label `app.kubernetes.io/instance` is Argo CD's default for label
 *   tracking but Helm sets it too, so it counts only as "possibly" (argoproj/argo-cd common/common.go).
 * - Flux: labels `kustomize.toolkit.fluxcd.io/name` + `/namespace` (kustomize-controller SetOwnerLabels) and
 *   `helm.toolkit.fluxcd.io/name` + `/namespace` (helm-controller post-renderer).
 */
export interface GitOpsManager {
  tool: 'argocd' | 'flux';
  /** The owning Application (Argo CD) or `Kustomization namespace/name` / `HelmRelease namespace/name` (Flux). */
  owner: string;
  /** `possible` when the only sign is a label other tools also set. */
  confidence: 'certain' | 'possible';
  /** The label or annotation that says so. */
  evidence: string;
}

export function gitopsManager(meta: { labels?: Record<string, string>; annotations?: Record<string, string> }): GitOpsManager | undefined {
  const labels = meta.labels ?? {}, ann = meta.annotations ?? {};
  const id = ann['argocd.argoproj.io/tracking-id'];
  if (id) return { tool: 'argocd', owner: id.split(':')[0], confidence: 'certain', evidence: 'annotation argocd.argoproj.io/tracking-id' };
  for (const key of ['kustomize.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io']) {
    const name = labels[`${key}/name`];
    if (name) {
      const ns = labels[`${key}/namespace`];
      return { tool: 'flux', owner: `${key.startsWith('kustomize') ? 'Kustomization' : 'HelmRelease'} ${ns ? ns + '/' : ''}${name}`, confidence: 'certain', evidence: `label ${key}/name` };
    }
  }
  for (const key of ['argocd.argoproj.io/instance', 'applications.argoproj.io/app-name']) {
    if (labels[key]) return { tool: 'argocd', owner: labels[key], confidence: 'certain', evidence: `label ${key}` };
  }
  const inst = labels['app.kubernetes.io/instance'];
  if (inst && labels['app.kubernetes.io/managed-by'] !== 'Helm') return { tool: 'argocd', owner: inst, confidence: 'possible', evidence: 'label app.kubernetes.io/instance' };
  return undefined;
}

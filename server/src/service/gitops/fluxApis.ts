/**
 * Flux API versions: which version of each Flux kind current controllers serve, and which older versions
 * were removed, by which controller release. Sources (CHANGELOG.md of each repository, "The vX APIs were
 * removed"; served versions from config/crd/bases/*.yaml; latest versions from fluxcd/flux2
 * cmd/flux/migrate.go latestAPIVersions):
 * - fluxcd/source-controller: v1beta1 removed in 1.7.0 (2025-09-15), v1beta2 in 1.8.0 (2026-02-17);
 * - fluxcd/kustomize-controller: v1beta1 removed in 1.7.0 (2025-09-24), v1beta2 in 1.8.0 (2026-02-17);
 * - fluxcd/helm-controller: v2beta1 removed in 1.4.0 (2025-09-25), v2beta2 in 1.5.0 (2026-02-20);
 * - fluxcd/notification-controller: v1beta1 removed in 1.7.0 (2025-09-24), v1beta2 in 1.9.0 (2026-06-19);
 *   Alert and Provider are served as v1beta3, Receiver as v1;
 * - fluxcd/image-reflector-controller: v1beta1 removed in 1.0.0 (2025-09-15), v1beta2 in 1.2.0 (2026-06-17);
 *   image-automation-controller: ImageUpdateAutomation v1beta1 removed with Flux 2.7, v1 current.
 * Before upgrading the CRDs, objects stored in the cluster must be moved with `flux migrate`.
 */

export interface FluxKind {
  group: string;
  kind: string;
  current: string;
}

export const FLUX_KINDS: readonly FluxKind[] = [
  { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', current: 'v1' },
  { group: 'source.toolkit.fluxcd.io', kind: 'OCIRepository', current: 'v1' },
  { group: 'source.toolkit.fluxcd.io', kind: 'HelmRepository', current: 'v1' },
  { group: 'source.toolkit.fluxcd.io', kind: 'HelmChart', current: 'v1' },
  { group: 'source.toolkit.fluxcd.io', kind: 'Bucket', current: 'v1' },
  { group: 'source.toolkit.fluxcd.io', kind: 'ExternalArtifact', current: 'v1' },
  { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', current: 'v1' },
  { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', current: 'v2' },
  { group: 'notification.toolkit.fluxcd.io', kind: 'Alert', current: 'v1beta3' },
  { group: 'notification.toolkit.fluxcd.io', kind: 'Provider', current: 'v1beta3' },
  { group: 'notification.toolkit.fluxcd.io', kind: 'Receiver', current: 'v1' },
  { group: 'image.toolkit.fluxcd.io', kind: 'ImageRepository', current: 'v1' },
  { group: 'image.toolkit.fluxcd.io', kind: 'ImagePolicy', current: 'v1' },
  { group: 'image.toolkit.fluxcd.io', kind: 'ImageUpdateAutomation', current: 'v1' },
];

export const FLUX_GROUPS: ReadonlySet<string> = new Set(FLUX_KINDS.map((k) => k.group));

export interface FluxRemoval {
  group: string;
  version: string;
  /** Kinds this removal covers (all kinds of the group when absent). */
  kinds?: string[];
  controller: string;
  release: string;
  date: string;
  /**
   * Whether the newer version is a version bump for objects that do not use `dropped` fields (the
   * CHANGELOG's "backwards compatible, except for ..."); older betas changed more and get no quick fix.
   */
  mechanical: boolean;
  /** Fields the current version dropped (dotted paths, `[]` for list items). */
  dropped?: string[];
}

const KUSTOMIZE_DROPPED = ['spec.validation', 'spec.patchesStrategicMerge', 'spec.patchesJson6902'];
const HELM_DROPPED = [
  'spec.chart.spec.valuesFile',
  'spec.postRenderers[].kustomize.patchesJson6902',
  'spec.postRenderers[].kustomize.patchesStrategicMerge',
];
const SOURCE_DROPPED = ['spec.gitImplementation', 'spec.accessFrom', 'spec.valuesFile'];

export const FLUX_REMOVALS: readonly FluxRemoval[] = [
  {
    group: 'source.toolkit.fluxcd.io',
    version: 'v1beta1',
    controller: 'source-controller',
    release: '1.7.0',
    date: '2025-09-15',
    mechanical: false,
    dropped: SOURCE_DROPPED,
  },
  {
    group: 'source.toolkit.fluxcd.io',
    version: 'v1beta2',
    controller: 'source-controller',
    release: '1.8.0',
    date: '2026-02-17',
    mechanical: true,
    dropped: SOURCE_DROPPED,
  },
  {
    group: 'kustomize.toolkit.fluxcd.io',
    version: 'v1beta1',
    controller: 'kustomize-controller',
    release: '1.7.0',
    date: '2025-09-24',
    mechanical: false,
    dropped: KUSTOMIZE_DROPPED,
  },
  {
    group: 'kustomize.toolkit.fluxcd.io',
    version: 'v1beta2',
    controller: 'kustomize-controller',
    release: '1.8.0',
    date: '2026-02-17',
    mechanical: true,
    dropped: KUSTOMIZE_DROPPED,
  },
  {
    group: 'helm.toolkit.fluxcd.io',
    version: 'v2beta1',
    controller: 'helm-controller',
    release: '1.4.0',
    date: '2025-09-25',
    mechanical: false,
    dropped: HELM_DROPPED,
  },
  {
    group: 'helm.toolkit.fluxcd.io',
    version: 'v2beta2',
    controller: 'helm-controller',
    release: '1.5.0',
    date: '2026-02-20',
    mechanical: true,
    dropped: HELM_DROPPED,
  },
  {
    group: 'notification.toolkit.fluxcd.io',
    version: 'v1beta1',
    controller: 'notification-controller',
    release: '1.7.0',
    date: '2025-09-24',
    mechanical: false,
  },
  {
    group: 'notification.toolkit.fluxcd.io',
    version: 'v1beta2',
    controller: 'notification-controller',
    release: '1.9.0',
    date: '2026-06-19',
    mechanical: true,
  },
  {
    group: 'image.toolkit.fluxcd.io',
    version: 'v1beta1',
    controller: 'image-reflector-controller / image-automation-controller',
    release: '1.0.0',
    date: '2025-09-15',
    mechanical: false,
  },
  {
    group: 'image.toolkit.fluxcd.io',
    version: 'v1beta2',
    kinds: ['ImageRepository', 'ImagePolicy'],
    controller: 'image-reflector-controller',
    release: '1.2.0',
    date: '2026-06-17',
    mechanical: true,
  },
];

export function fluxKind(group: string, kind: string | undefined): FluxKind | undefined {
  return kind ? FLUX_KINDS.find((k) => k.group === group && k.kind === kind) : undefined;
}

/** What is known about an apiVersion of a Flux kind: current, removed (with details), or only deprecated. */
export type FluxVersionState =
  { state: 'current' } | { state: 'removed'; removal: FluxRemoval; current: string } | { state: 'old'; current: string }; // an older version with no dated removal in our data (still served by some releases)

export function fluxVersionState(apiVersion: string, kind: string | undefined): FluxVersionState | undefined {
  const i = apiVersion.indexOf('/');
  if (i < 0) return undefined;
  const group = apiVersion.slice(0, i),
    version = apiVersion.slice(i + 1);
  const k = fluxKind(group, kind);
  if (!k) return undefined;
  if (version === k.current) return { state: 'current' };
  const removal = FLUX_REMOVALS.find((r) => r.group === group && r.version === version && (!r.kinds || r.kinds.includes(k.kind)));
  if (removal) return { state: 'removed', removal, current: k.current };
  // Alpha versions are long gone; anything else older than current is at least deprecated.
  if (/^v\d+alpha\d+$/.test(version))
    return {
      state: 'removed',
      removal: { group, version, controller: 'Flux', release: 'an early release', date: 'before 2022', mechanical: false },
      current: k.current,
    };
  return { state: 'old', current: k.current };
}

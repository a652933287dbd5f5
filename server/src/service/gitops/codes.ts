import type { DiagnosticCodeInfo } from '../diagnostics/types';

const A = 'gitops';

export const GITOPS_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'flux-api-removed',
    severity: 'warning',
    area: A,
    summary:
      "A Flux apiVersion current Flux controllers no longer serve (the message names the release that removed it and the version to use; quick fix when only the apiVersion changes). An error when the workspace's own Flux CRDs do not serve it.",
  },
  {
    code: 'flux-api-deprecated',
    severity: 'info',
    area: A,
    summary: 'An older Flux apiVersion that still works with some releases; move to the current one.',
  },
  {
    code: 'flux-gitrepository-no-ref',
    severity: 'warning',
    area: A,
    summary:
      'A GitRepository without `spec.ref`: Flux checks out the `master` branch, which fails on repositories whose default branch is `main`.',
  },
  {
    code: 'flux-git-url-port',
    severity: 'error',
    area: A,
    summary:
      'A GitRepository `ssh://host:org/repo` URL: the API server accepts it, but the clone fails because only a port number may follow the colon (use `ssh://git@host/org/repo`).',
  },
  {
    code: 'flux-kustomization-kind-mixup',
    severity: 'warning',
    area: A,
    summary:
      'A kustomize.config.k8s.io Kustomization with Flux fields (sourceRef, interval, prune) or a Flux Kustomization with kustomize fields (resources, patchesStrategicMerge): the two kinds are confused.',
  },
  {
    code: 'flux-path-missing',
    severity: 'warning',
    area: A,
    summary:
      "A Flux Kustomization `path` that does not exist in this repository, when the workspace shows where the source's root is (another Kustomization of the same source resolves).",
  },
  {
    code: 'flux-ref-missing',
    notInWorkspace: true,
    severity: 'warning',
    area: A,
    summary:
      'sourceRef, chartRef or dependsOn names a Flux object that is not in the workspace, although the workspace declares objects of that kind in that namespace.',
  },
  {
    code: 'flux-substitution-without-postbuild',
    severity: 'info',
    area: A,
    summary: "Files under a Kustomization's path use `${var}` but the Kustomization has no postBuild: Flux applies the text literally.",
  },
  {
    code: 'flux-substitution-unresolved',
    severity: 'warning',
    area: A,
    summary:
      "A `${var}` under a Kustomization's path that postBuild does not define (and has no default): Flux replaces it with an empty string.",
  },
  {
    code: 'argocd-destination-server-and-name',
    severity: 'error',
    area: A,
    summary: 'An Application destination with both `server` and `name`: Argo CD refuses it ("can\'t have both name and server defined").',
  },
  {
    code: 'argocd-source-and-sources',
    severity: 'warning',
    area: A,
    summary: 'An Application with both `source` and `sources`: Argo CD uses `sources` and ignores `source`.',
  },
  {
    code: 'argocd-path-missing',
    severity: 'warning',
    area: A,
    summary:
      'An Application source `path` that does not exist in this repository, when the workspace shows where the repository root is (another source of the same repoURL and revision resolves).',
  },
  {
    code: 'argocd-sync-wave',
    severity: 'warning',
    area: A,
    summary: 'An `argocd.argoproj.io/sync-wave` value that is not an integer: Argo CD silently uses wave 0.',
  },
  {
    code: 'argocd-hook',
    severity: 'warning',
    area: A,
    summary: 'An unknown `argocd.argoproj.io/hook` or `hook-delete-policy` value: Argo CD ignores it silently.',
  },
  {
    code: 'argocd-sync-option',
    severity: 'warning',
    area: A,
    summary: 'A sync option Argo CD does not know (key or value, compared exactly): it is ignored silently.',
  },
  {
    code: 'argocd-eks-capability',
    severity: 'warning',
    area: A,
    summary:
      "An Argo CD object that does not work with the EKS Argo CD capability declared in the workspace's eksctl config (local cluster by URL, wrong namespace, AppProject without sourceNamespaces, config management plugins).",
  },
];

/**
 * What a YAML document is for, decided in one place: an object for the API server, or the file of a tool
 * that only looks like one (eksctl, Kustomize, kind, kubeadm, a kubeconfig, a List). Object checks (required
 * metadata, apiVersion lifecycle, schema of built-in kinds) apply only to API objects; a tool's own module
 * checks its files.
 */

/** API groups whose documents are read by a tool, never sent to the API server. */
export const TOOL_CONFIG_GROUPS: ReadonlySet<string> = new Set([
  'eksctl.io', // eksctl ClusterConfig
  'kustomize.config.k8s.io', // Kustomization, Component
  'kind.x-k8s.io',
  'kubeadm.k8s.io',
  'kubelet.config.k8s.io',
  'apiserver.config.k8s.io',
  'audit.k8s.io',
  'kubeproxy.config.k8s.io',
  'node.eks.aws', // nodeadm NodeConfig (EKS hybrid and AL2023 nodes)
  'controller-runtime.sigs.k8s.io', // a controller's ControllerManagerConfig file
]);

/** Whether a document with this apiVersion and kind is a tool's file rather than an API object. */
export function isToolConfig(apiVersion: string | undefined, kind: string | undefined): boolean {
  const v = apiVersion ?? '';
  const i = v.indexOf('/');
  const group = i === -1 ? '' : v.slice(0, i);
  return TOOL_CONFIG_GROUPS.has(group) || (v === 'v1' && kind === 'Config') || kind === 'List';
}

/**
 * API groups the API server serves itself (and the old `extensions`, served only by removed versions): objects
 * of other groups are custom resources. The one list of them: the schema data and the apiVersion tables are held
 * to it by a test (test/unit/shared/built-in-groups.test.ts).
 */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'extensions',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'apiextensions.k8s.io',
  'admissionregistration.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'certificates.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'apiregistration.k8s.io',
  'resource.k8s.io',
  'storagemigration.k8s.io',
  'internal.apiserver.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
]);

/** Whether an API group ('' for the core group) is built into the API server. */
export function isBuiltInGroup(group: string): boolean {
  return BUILT_IN_GROUPS.has(group);
}

/** Whether a document is a custom resource (its group is not built into the API server, nor a tool's). */
export function isCustomResource(apiVersion: string | undefined, kind: string | undefined): boolean {
  if (apiVersion === undefined || kind === undefined || isToolConfig(apiVersion, kind)) return false;
  const i = apiVersion.indexOf('/');
  return !BUILT_IN_GROUPS.has(i === -1 ? '' : apiVersion.slice(0, i));
}

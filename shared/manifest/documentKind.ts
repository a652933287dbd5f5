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
]);

/** Whether a document with this apiVersion and kind is a tool's file rather than an API object. */
export function isToolConfig(apiVersion: string | undefined, kind: string | undefined): boolean {
  const v = apiVersion ?? '';
  const i = v.indexOf('/');
  const group = i === -1 ? '' : v.slice(0, i);
  return TOOL_CONFIG_GROUPS.has(group) || (v === 'v1' && kind === 'Config') || kind === 'List';
}

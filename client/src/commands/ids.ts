/**
 * Every name the client shares with someone else, in one place: the command ids of package.json, the
 * context keys its `when` clauses read, the language server's custom requests and diagnostic source, and
 * our own URI schemes. A rename on either side is a change here.
 */

/** Custom LSP requests of the language server (server/src/lsp/server.ts). */
export const LSP_REQUESTS = {
  /** `{ uri, position }` → `{ markdown, name, namespace } | null` */
  explainNetworkPolicy: 'eksManifests/explainNetworkPolicy',
} as const;

/** `Diagnostic.source` of the language server's findings. */
export const LANGUAGE_DIAGNOSTICS_SOURCE = 'eks-manifests';

export const COMMANDS = {
  explainNetworkPolicy: 'eksManifests.explainNetworkPolicy',
  applyEdit: 'eksManifests.applyEdit',
  showDiagnosticDocs: 'eksManifests.showDiagnosticDocs',
  apply: 'eksManifests.cluster.apply',
  applySelection: 'eksManifests.cluster.applySelection',
  applyFolder: 'eksManifests.cluster.applyFolder',
  dryRun: 'eksManifests.cluster.dryRun',
  dryRunSelection: 'eksManifests.cluster.dryRunSelection',
  dryRunFolder: 'eksManifests.cluster.dryRunFolder',
  diff: 'eksManifests.cluster.diff',
  switchContext: 'eksManifests.cluster.switchContext',
  switchNamespace: 'eksManifests.cluster.switchNamespace',
  reloadKubeconfig: 'eksManifests.cluster.reloadKubeconfig',
  useServerVersion: 'eksManifests.cluster.useServerVersion',
  servicesRefresh: 'eksManifests.services.refresh',
  servicesOpenYaml: 'eksManifests.services.openYaml',
  servicesCopyDnsName: 'eksManifests.services.copyDnsName',
  servicesOpenLoadBalancer: 'eksManifests.services.openLoadBalancer',
  servicesRevealManifest: 'eksManifests.services.revealManifest',
} as const;

/** Context keys set by the client (read by `when` clauses in package.json). */
export const CONTEXT_KEYS = {
  /** The cursor of the active editor is inside a NetworkPolicy document. */
  inNetworkPolicy: 'eksManifests.inNetworkPolicy',
} as const;

/** The single Services view (in the EKS activity-bar container). */
export const SERVICES_VIEW = 'eksManifests.services';

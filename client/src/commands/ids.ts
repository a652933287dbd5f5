/**
 * The names of the client's own contributions in one place: the command ids of package.json and the context
 * keys its `when` clauses read. What the client shares with the language server (custom requests, the
 * commands the server names in code lenses and code actions, the diagnostic source) is in shared/protocol.ts.
 */
import { Commands, DIAGNOSTIC_SOURCE } from '@shared/protocol';

/** `Diagnostic.source` of the language server's findings. */
export const LANGUAGE_DIAGNOSTICS_SOURCE = DIAGNOSTIC_SOURCE;

export const COMMANDS = {
  ...Commands,
  explainNetworkPolicy: 'eksManifests.explainNetworkPolicy',
  planUpgrade: 'eksManifests.planUpgrade',
  previewLatticeMigration: 'eksManifests.previewLatticeMigration',
  previewGatewayMigration: 'eksManifests.previewGatewayMigration',
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

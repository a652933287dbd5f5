/**
 * What the VS Code client and the language server say to each other beyond LSP itself: the initialization
 * options, the settings section, the custom requests with their parameter and result types, and the commands
 * the server names in code lenses. Both sides import this file; neither spells these names on its own.
 */

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}

/** The `eksManifests` settings section as the client sends it (see package.json `contributes.configuration`). */
export interface ClientSettings {
  kubernetesVersion: string;
  diagnostics: { disabled: string[] };
  yamlSyntaxErrors: 'auto' | 'always' | 'never';
  maxFileSize: number;
  maxFileLines: number;
  /** How many YAML files the workspace scan reads at most. */
  maxWorkspaceFiles: number;
  schemaValidation: 'auto' | 'on' | 'off';
  /** Globs the workspace scan skips (relative to each workspace folder). */
  exclude: string[];
  helm: { path?: string };
}

export const SETTINGS_SECTION = 'eksManifests';

export interface InitOptions {
  /** Resolved by the client: false when another extension already reports YAML syntax errors. */
  syntaxErrors?: boolean;
  /** Resolved by the client: globs Red Hat's YAML extension validates with a Kubernetes schema (schemaValidation auto). */
  yamlKubernetesGlobs?: string[];
  /** Scan workspace folders for YAML files (default true). */
  indexWorkspace?: boolean;
  settings?: Partial<ClientSettings>;
}

/**
 * A Kubernetes API removed at some version (for the cluster module to look for objects still served by it):
 * the facts of `shared/apiVersions.ts` for one target, with the replacement that target serves.
 */
export interface RemovedApi {
  apiVersion: string;
  kind: string;
  removedIn: string;
  replacement?: string;
}

/** What the client found on the cluster for an upgrade plan (client/src/cluster/deprecatedApis.ts fills it). */
export interface ClusterFindings {
  context: string;
  serverVersion?: string;
  /** From apiserver_requested_deprecated_apis (requests since the API server started). */
  requested?: { group: string; version: string; resource: string; removedRelease?: string }[];
  /** Objects of resources the cluster serves through an apiVersion the target removed. */
  served?: { apiVersion: string; kind: string; removedIn: string; replacement?: string; objects: string[]; total: number }[];
  /** Why a part could not be read (permissions, connection). */
  notes: string[];
}

/** A version one can plan an upgrade to, with its EKS support phase today. */
export interface UpgradeTarget {
  version: string;
  phase: 'standard' | 'extended' | 'ended' | 'not-yet-released';
  description: string;
}

/** Custom requests, client → server. */
export const Requests = {
  /** The plain-language explanation of the NetworkPolicy at a position; null when there is none. */
  explainNetworkPolicy: 'eksManifests/explainNetworkPolicy',
  /** The versions an upgrade can be planned to (EKS calendar), for a picker. */
  upgradeTargets: 'eksManifests/upgradeTargets',
  /** The Kubernetes APIs removed up to a target version. */
  removedApis: 'eksManifests/removedApis',
  /** The Plan Upgrade report of the workspace for a target version, rendered. */
  planUpgrade: 'eksManifests/planUpgrade',
  /** The Gateway API objects that replace the ALB Ingress at a position (a new document's text). */
  previewGatewayMigration: 'eksManifests/previewGatewayMigration',
  /** The VPC Lattice objects that replace the App Mesh Mesh/VirtualService/VirtualRouter at a position. */
  previewLatticeMigration: 'eksManifests/previewLatticeMigration',
  /** Render the Helm chart holding a file with `helm template` and check the rendered objects (the LSP server runs helm). */
  checkRenderedChart: 'eksManifests/checkRenderedChart',
} as const;

/** A generated document the client opens untitled. */
export interface MigrationPreview {
  title: string;
  content: string;
}

export interface RequestTypes {
  [Requests.explainNetworkPolicy]: {
    params: { uri: string; position: Position };
    result: { markdown: string; name: string | null; namespace: string | null } | null;
  };
  [Requests.upgradeTargets]: { params: { today?: string }; result: UpgradeTarget[] };
  [Requests.removedApis]: { params: { target: string }; result: RemovedApi[] };
  [Requests.planUpgrade]: {
    params: {
      target: string;
      /** YYYY-MM-DD the support windows are judged on (default: today). */
      today?: string;
      format: 'markdown' | 'text' | 'json';
      /** A folder URI: locations are written relative to it. */
      base?: string;
      /** Markdown links: to the location's URI (an editor), or to the path relative to `base` (a file on disk). */
      links?: 'uri' | 'relative';
      cluster?: ClusterFindings;
    };
    result: { text: string; mustChange: number; items: number };
  };
  [Requests.previewGatewayMigration]: { params: { uri: string; position: Position }; result: MigrationPreview | null };
  [Requests.previewLatticeMigration]: { params: { uri: string; position: Position }; result: MigrationPreview | null };
  [Requests.checkRenderedChart]: {
    params: { uri: string; values?: string[] };
    result:
      | { ok: true; chart: string; documents: number; files: { uri: string; diagnostics: unknown[] }[] }
      | { ok: false; reason: 'no-helm' | 'no-chart' | 'render-error'; message: string };
  };
}

export type RequestMethod = keyof RequestTypes;
export type RequestParams<M extends RequestMethod> = RequestTypes[M]['params'];
export type RequestResult<M extends RequestMethod> = RequestTypes[M]['result'];

/** `Diagnostic.source` of the language server's findings. */
export const DIAGNOSTIC_SOURCE = 'eks-manifests';

/** Commands the server puts into code lenses and code actions; the client registers them. */
export const Commands = {
  /** Arguments: [uri: string, edits: TextEdit[]]; applies the edits as one undoable change. */
  applyEdit: 'eksManifests.applyEdit',
  /** Arguments: [uri: string, position, target: 'gateway' | 'lattice']; opens the migration preview. */
  previewMigration: 'eksManifests.previewMigration',
} as const;

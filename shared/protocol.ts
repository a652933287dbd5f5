/**
 * What the VS Code client and the language server say to each other beyond LSP itself: the initialization
 * options, the settings section, the custom requests with their parameter and result types, and the commands
 * the server names in code lenses. Both sides import this file; neither spells these names on its own.
 */

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

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

/** Custom requests, client → server. */
export const Requests = {
  /** The plain-language explanation of the NetworkPolicy at a position; null when there is none. */
  explainNetworkPolicy: 'eksManifests/explainNetworkPolicy',
} as const;

export interface RequestTypes {
  [Requests.explainNetworkPolicy]: {
    params: { uri: string; position: Position };
    result: { markdown: string; name: string | null; namespace: string | null } | null;
  };
}

export type RequestMethod = keyof RequestTypes;
export type RequestParams<M extends RequestMethod> = RequestTypes[M]['params'];
export type RequestResult<M extends RequestMethod> = RequestTypes[M]['result'];

/** Commands the server puts into code lenses; the client registers them. */
export const Commands = {
  /** Arguments: [uri: string, edits: TextEdit[]]; applies the edits as one undoable change. */
  applyEdit: 'eksManifests.applyEdit',
} as const;

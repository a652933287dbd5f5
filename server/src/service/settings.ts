/** What the user can configure; the LSP server maps `eksManifests.*` settings onto this, the CLI its flags. */
export interface Settings {
  /** Target Kubernetes minor version, e.g. "1.34". */
  kubernetesVersion: string;
  /** Diagnostic codes turned off everywhere. */
  disabled: string[];
  /** Report YAML syntax errors (off when another extension already does). */
  syntaxErrors: boolean;
  /** Files larger than this (bytes, UTF-16 units) are not analysed. */
  maxFileSize: number;
  /** Files with more lines than this are not analysed. */
  maxFileLines: number;
  /** Validate every field against the kind's schema (eksManifests.schemaValidation resolved to on/off). */
  schemaValidation: boolean;
  /**
   * With eksManifests.schemaValidation `auto`: globs of files that Red Hat's YAML extension validates with a
   * Kubernetes schema (its `yaml.schemas`); the schema engine leaves those files to it.
   */
  schemaSkipGlobs: string[];
  /**
   * The date (YYYY-MM-DD, UTC) support windows are judged on; unset means today. Set by tests and by CI
   * runs that want a reproducible report.
   */
  today?: string;
}

/** A current EKS standard-support version. */
export const DEFAULT_KUBERNETES_VERSION = '1.34';

export const defaultSettings: Settings = {
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  disabled: [],
  syntaxErrors: true,
  maxFileSize: 5_000_000,
  maxFileLines: 200_000,
  schemaValidation: true,
  schemaSkipGlobs: [],
};

/** Parse "1.34" / "v1.34.2" → [1, 34]; undefined when not a version. */
export function parseMinorVersion(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Compare two "major.minor" versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = parseMinorVersion(a) ?? [0, 0];
  const pb = parseMinorVersion(b) ?? [0, 0];
  return pa[0] - pb[0] || pa[1] - pb[1];
}

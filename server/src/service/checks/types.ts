/** The contract between the engine and every check. Checks are pure: they read the model, report findings. */
import type { Node } from 'yaml';
import type { K8sObject } from '../model/k8sObject';
import type { ManifestFile, WorkspaceIndex } from '../workspace/workspaceIndex';
import type { Settings } from '../settings';
import type { Finding, Fix, Severity } from '../diagnostics/types';
import type { NodePath } from '../model/yamlNodes';
import type { FileSystem } from '../fileSystem';

export interface ReportOptions {
  severity?: Severity;
  fixes?: Fix[];
  tags?: Finding['tags'];
  related?: Finding['related'];
}

export interface CheckContext {
  obj: K8sObject;
  file: ManifestFile;
  settings: Settings;
  /** Only for `workspace` checks; local checks must not depend on other documents. */
  index: WorkspaceIndex;
  /** The file system, when the service was given one (only for `workspace` checks: it changes under them). */
  fs?: FileSystem;
  /** Report on a node, a path under the object root, or chunk-relative [start, end). */
  report(code: string, at: Node | NodePath | [number, number] | undefined, message: string, options?: ReportOptions): void;
}

export interface Check {
  /** Unique name, for logs when a check throws. */
  id: string;
  /**
   * `local`: depends only on the document's own text and the settings (its results are cached per chunk).
   * `workspace`: may read the workspace index (re-run when the index changes).
   */
  scope: 'local' | 'workspace';
  /**
   * For `workspace` checks: the kinds of other objects the check reads from the index (and
   * NAMESPACES_IN_USE when it reads which namespaces exist). Its cached results are then reused until an
   * object of one of those kinds changes. Without it, any change anywhere re-runs the check.
   */
  reads?: readonly string[];
  /** Cheap filter; run() is called only for objects it accepts. */
  appliesTo?(obj: K8sObject): boolean;
  run(ctx: CheckContext): void;
}

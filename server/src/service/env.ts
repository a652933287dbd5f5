/**
 * What the host gives the language service beyond file texts: resources it may read but cannot find itself
 * (the service does no I/O). Every part is optional; without it the feature is simply poorer.
 */
import type { FileSystem } from './workspace/fileSystem';

export interface ServiceEnv {
  /** Files outside the index (Kustomize and GitOps paths): whether they exist. */
  fs?: FileSystem;
  /**
   * The upstream description of a built-in field, by the @kubernetes/client-node model class and field name
   * (`V1ContainerPort`, `hostIP`): the LSP server reads them from dist/k8s-descriptions.json, made at build time.
   */
  fieldDescription?(modelClass: string, field: string): string | undefined;
}

export const NO_ENV: ServiceEnv = {};

/** Types of scripts/k8s-descriptions.mjs (the build step that reads field descriptions from @kubernetes/client-node). */
export interface K8sDescriptions {
  source: string;
  kubernetes: string | undefined;
  fields: Record<string, string>;
}
export function readK8sDescriptions(): K8sDescriptions;
export function writeK8sDescriptions(outFile: string): void;

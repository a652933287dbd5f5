/**
 * `metadata.name` formats per kind, as the API server's validation decides them:
 * - kubernetes/kubernetes pkg/apis/core/validation/validation.go: `ValidateServiceName =
 *   apimachineryvalidation.NameIsDNS1035Label`, `ValidateNamespaceName` (a DNS-1123 label),
 *   `ValidatePodName`, `ValidateNodeName`, ConfigMap/Secret/ServiceAccount names: `NameIsDNSSubdomain`.
 * - pkg/apis/apps/validation, batch, networking, policy, autoscaling, storage: `NameIsDNSSubdomain`; CronJob
 *   names at most 52 characters (pkg/apis/batch/validation: the Job name gets an 11-character suffix).
 * - pkg/apis/rbac/validation/validation.go: `ValidateRBACName` = `path.IsValidPathSegmentName` (anything
 *   but `/`, `%`, `.` and `..`).
 * - apiextensions-apiserver pkg/registry/customresource/validator.go: custom resources, `NameIsDNSSubdomain`.
 * The character rules are apimachinery pkg/util/validation/validation.go (IsDNS1123Subdomain, IsDNS1123Label,
 * IsDNS1035Label). Kinds not listed are not judged.
 */
export type NameFormat = 'subdomain' | 'label' | 'dns1035' | 'segment';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const BY_KIND: Record<string, NameFormat> = {
  Namespace: 'label',
  Service: 'dns1035',
  Role: 'segment',
  ClusterRole: 'segment',
  RoleBinding: 'segment',
  ClusterRoleBinding: 'segment',
};
const SUBDOMAIN_KINDS = new Set([
  'Pod',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Ingress',
  'IngressClass',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'StorageClass',
  'Node',
]);

/** The name format of a built-in kind (undefined: not judged); custom resources are DNS subdomains. */
export function nameFormat(kind: string, builtin: boolean): NameFormat | undefined {
  if (!builtin) return 'subdomain';
  return BY_KIND[kind] ?? (SUBDOMAIN_KINDS.has(kind) ? 'subdomain' : undefined);
}

/** What is wrong with the name, in words, or undefined when it is valid. */
export function nameProblem(name: string, format: NameFormat, kind: string): string | undefined {
  switch (format) {
    case 'segment':
      if (name === '.' || name === '..') return `may not be "${name}"`;
      if (/[/%]/.test(name)) return 'may not contain "/" or "%"';
      return undefined;
    case 'label':
      if (name.length > 63) return `must be at most 63 characters (a DNS-1123 label); it has ${name.length}`;
      return LABEL.test(name)
        ? undefined
        : 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';
    case 'dns1035':
      if (name.length > 63) return `must be at most 63 characters (a DNS-1035 label); it has ${name.length}`;
      return DNS1035.test(name)
        ? undefined
        : 'must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
    case 'subdomain':
      if (name.length > 253) return `must be at most 253 characters (a DNS-1123 subdomain); it has ${name.length}`;
      if (kind === 'CronJob' && name.length > 52)
        return `must be at most 52 characters for a CronJob (its Jobs add 11); it has ${name.length}`;
      return SUBDOMAIN.test(name)
        ? undefined
        : 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
  }
}

/**
 * API versions that Kubernetes stopped serving, from the upstream deprecation guide
 * (kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md), per kind.
 * `deprecatedIn`: from this version on, the API server warns (we warn). `removedIn`: no longer served
 * (we report an error). `mechanical`: only the apiVersion line needs to change, so a quick fix can do it.
 */
export interface RemovedApi {
  apiVersion: string;
  kind: string;
  deprecatedIn: string;
  removedIn: string;
  /** The apiVersion to move to; undefined when there is no direct replacement. */
  replacement?: string;
  mechanical: boolean;
  /** What changes beyond the apiVersion, in our words. */
  notes?: string;
}

export const DEPRECATION_GUIDE = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';

const r = (apiVersion: string, kinds: string[], deprecatedIn: string, removedIn: string, replacement: string | undefined, mechanical: boolean, notes?: string): RemovedApi[] =>
  kinds.map((kind) => ({ apiVersion, kind, deprecatedIn, removedIn, replacement, mechanical, notes }));

export const REMOVED_APIS: RemovedApi[] = [
  // 1.16
  ...r('extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1', false, '`spec.selector` becomes required and must match the Pod template labels.'),
  ...r('apps/v1beta1', ['Deployment', 'StatefulSet'], '1.9', '1.16', 'apps/v1', false, '`spec.selector` becomes required and must match the Pod template labels.'),
  ...r('apps/v1beta2', ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'], '1.9', '1.16', 'apps/v1', false, '`spec.selector` becomes required and must match the Pod template labels.'),
  ...r('extensions/v1beta1', ['NetworkPolicy'], '1.9', '1.16', 'networking.k8s.io/v1', true),
  ...r('extensions/v1beta1', ['PodSecurityPolicy'], '1.10', '1.16', 'policy/v1beta1', true),
  // 1.22
  ...r('extensions/v1beta1', ['Ingress'], '1.14', '1.22', 'networking.k8s.io/v1', false, 'Backends change shape (`service.name`, `service.port.number|name`) and every path needs a `pathType`.'),
  ...r('networking.k8s.io/v1beta1', ['Ingress'], '1.19', '1.22', 'networking.k8s.io/v1', false, 'Backends change shape (`service.name`, `service.port.number|name`) and every path needs a `pathType`.'),
  ...r('networking.k8s.io/v1beta1', ['IngressClass'], '1.19', '1.22', 'networking.k8s.io/v1', true),
  ...r('admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], '1.16', '1.22', 'admissionregistration.k8s.io/v1', false, '`admissionReviewVersions` and `sideEffects` become required; defaults change.'),
  ...r('apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], '1.16', '1.22', 'apiextensions.k8s.io/v1', false, 'Each version needs a structural `schema.openAPIV3Schema`; several fields move under `versions[]`.'),
  ...r('apiregistration.k8s.io/v1beta1', ['APIService'], '1.19', '1.22', 'apiregistration.k8s.io/v1', true),
  ...r('authentication.k8s.io/v1beta1', ['TokenReview'], '1.19', '1.22', 'authentication.k8s.io/v1', true),
  ...r('authorization.k8s.io/v1beta1', ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'], '1.19', '1.22', 'authorization.k8s.io/v1', false, '`spec.group` is renamed `spec.groups`.'),
  ...r('certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.19', '1.22', 'certificates.k8s.io/v1', false, '`spec.signerName` becomes required.'),
  ...r('coordination.k8s.io/v1beta1', ['Lease'], '1.19', '1.22', 'coordination.k8s.io/v1', true),
  ...r('rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.17', '1.22', 'rbac.authorization.k8s.io/v1', true),
  ...r('scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.14', '1.22', 'scheduling.k8s.io/v1', true),
  ...r('storage.k8s.io/v1beta1', ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], '1.19', '1.22', 'storage.k8s.io/v1', true),
  // 1.25
  ...r('batch/v1beta1', ['CronJob'], '1.21', '1.25', 'batch/v1', true),
  ...r('discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.21', '1.25', 'discovery.k8s.io/v1', false, '`topology` is replaced by `zone` and `nodeName` on each endpoint.'),
  ...r('events.k8s.io/v1beta1', ['Event'], '1.19', '1.25', 'events.k8s.io/v1', true),
  ...r('autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.22', '1.25', 'autoscaling/v2', false, 'Metric targets move under `target` (`averageUtilization`, `averageValue`, `value`).'),
  ...r('policy/v1beta1', ['PodDisruptionBudget'], '1.21', '1.25', 'policy/v1', true, 'An empty `spec.selector` now selects every Pod in the namespace (it selected none in v1beta1).'),
  ...r('policy/v1beta1', ['PodSecurityPolicy'], '1.21', '1.25', undefined, false, 'PodSecurityPolicy is gone; use Pod Security Admission (namespace labels) or a policy engine.'),
  ...r('node.k8s.io/v1beta1', ['RuntimeClass'], '1.20', '1.25', 'node.k8s.io/v1', true),
  // 1.26
  ...r('flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], '1.23', '1.26', 'flowcontrol.apiserver.k8s.io/v1', true),
  ...r('autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.23', '1.26', 'autoscaling/v2', true),
  // 1.27
  ...r('storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.24', '1.27', 'storage.k8s.io/v1', true),
  // 1.29
  ...r('flowcontrol.apiserver.k8s.io/v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], '1.26', '1.29', 'flowcontrol.apiserver.k8s.io/v1', true),
  // 1.32
  ...r('flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1', true),
];

const byKey = new Map(REMOVED_APIS.map((a) => [`${a.apiVersion}|${a.kind}`, a]));

export function findRemovedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return byKey.get(`${apiVersion}|${kind}`);
}

/** Current apiVersions of common kinds, for completion and for the replacement hint. */
export const CURRENT_API_VERSIONS: Record<string, string> = {
  Namespace: 'v1', Pod: 'v1', Service: 'v1', ConfigMap: 'v1', Secret: 'v1', ServiceAccount: 'v1',
  PersistentVolumeClaim: 'v1', PersistentVolume: 'v1', Endpoints: 'v1', LimitRange: 'v1', ResourceQuota: 'v1',
  Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', ReplicaSet: 'apps/v1',
  Job: 'batch/v1', CronJob: 'batch/v1',
  Ingress: 'networking.k8s.io/v1', IngressClass: 'networking.k8s.io/v1', NetworkPolicy: 'networking.k8s.io/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2', PodDisruptionBudget: 'policy/v1',
  Role: 'rbac.authorization.k8s.io/v1', RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1', ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  StorageClass: 'storage.k8s.io/v1', PriorityClass: 'scheduling.k8s.io/v1', EndpointSlice: 'discovery.k8s.io/v1',
  CustomResourceDefinition: 'apiextensions.k8s.io/v1',
  NodePool: 'karpenter.sh/v1', NodeClass: 'eks.amazonaws.com/v1', IngressClassParams: 'elbv2.k8s.aws/v1beta1',
  TargetGroupBinding: 'elbv2.k8s.aws/v1beta1',
};

/**
 * The Kubernetes version from which each replacement API is served, per kind: the "available since" of
 * the same deprecation guide (DEPRECATION_GUIDE; its sections for 1.16 to 1.32). With it, a rejection by
 * an OLDER cluster can say which Kubernetes version added the apiVersion the file uses (e.g. policy/v1
 * PodDisruptionBudget on a 1.20 cluster).
 */
const since = (apiVersion: string, kinds: string[], version: string): [string, string][] => kinds.map((k) => [`${apiVersion}|${k}`, version]);
const AVAILABLE_SINCE = new Map<string, string>([
  ...since('apps/v1', ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'], '1.9'),
  ...since('networking.k8s.io/v1', ['NetworkPolicy'], '1.8'),
  ...since('networking.k8s.io/v1', ['Ingress', 'IngressClass'], '1.19'),
  ...since('admissionregistration.k8s.io/v1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], '1.16'),
  ...since('apiextensions.k8s.io/v1', ['CustomResourceDefinition'], '1.16'),
  ...since('apiregistration.k8s.io/v1', ['APIService'], '1.10'),
  ...since('authentication.k8s.io/v1', ['TokenReview'], '1.6'),
  ...since('authorization.k8s.io/v1', ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'], '1.6'),
  ...since('certificates.k8s.io/v1', ['CertificateSigningRequest'], '1.19'),
  ...since('coordination.k8s.io/v1', ['Lease'], '1.14'),
  ...since('rbac.authorization.k8s.io/v1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.8'),
  ...since('scheduling.k8s.io/v1', ['PriorityClass'], '1.14'),
  ...since('storage.k8s.io/v1', ['CSIDriver'], '1.19'),
  ...since('storage.k8s.io/v1', ['CSINode'], '1.17'),
  ...since('storage.k8s.io/v1', ['StorageClass'], '1.6'),
  ...since('storage.k8s.io/v1', ['VolumeAttachment'], '1.13'),
  ...since('storage.k8s.io/v1', ['CSIStorageCapacity'], '1.24'),
  ...since('batch/v1', ['CronJob'], '1.21'),
  ...since('discovery.k8s.io/v1', ['EndpointSlice'], '1.21'),
  ...since('events.k8s.io/v1', ['Event'], '1.19'),
  ...since('autoscaling/v2', ['HorizontalPodAutoscaler'], '1.23'),
  ...since('policy/v1', ['PodDisruptionBudget'], '1.21'),
  ...since('node.k8s.io/v1', ['RuntimeClass'], '1.20'),
  ...since('flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], '1.26'),
  ...since('flowcontrol.apiserver.k8s.io/v1', ['FlowSchema', 'PriorityLevelConfiguration'], '1.29'),
]);

/** The Kubernetes version that added this built-in apiVersion for this kind (undefined: not in the guide). */
export function availableSince(apiVersion: string, kind: string): string | undefined {
  return AVAILABLE_SINCE.get(`${apiVersion}|${kind}`);
}

/** API groups that ship with Kubernetes (not CRDs), from the two tables above; '' is the core group. */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  '',
  ...[...REMOVED_APIS.flatMap((a) => [a.apiVersion, a.replacement ?? '']), ...[...AVAILABLE_SINCE.keys()].map((k) => k.split('|')[0])]
    .filter((v) => v.includes('/')).map((v) => v.split('/')[0]),
]);

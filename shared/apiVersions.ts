/**
 * API versions that Kubernetes stopped serving (or announced it will), per kind: from the upstream deprecation
 * guide (kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md) and the API types'
 * prerelease-lifecycle tags (kubernetes/kubernetes staging/src/k8s.io/api/<group>/<version>/
 * zz_generated.prerelease-lifecycle.go: APILifecycleDeprecated / APILifecycleRemoved).
 * `deprecatedIn`: from this version on, the API server warns (we warn). `removedIn`: no longer served (we report
 * an error); undefined when no removal is scheduled. The replacement depends on the target version: it must
 * exist there (flowcontrol v1beta3 from 1.26, v1 from 1.29; autoscaling/v2 from 1.23).
 */
export interface FieldRename {
  /** Path of the map holding the field, from the object root. */
  at: string[];
  from: string;
  to: string;
}

export interface Replacement {
  /** The first Kubernetes version that serves `apiVersion`. */
  since: string;
  /** undefined: from `since` on there is no replacement at all. */
  apiVersion?: string;
  /** Fields the move renames (the quick fix renames them too). */
  renames?: FieldRename[];
}

export interface RemovedApi {
  apiVersion: string;
  kind: string;
  deprecatedIn: string;
  /** undefined: deprecated, but no removal is scheduled. */
  removedIn?: string;
  /** Replacements by target version, oldest first; the last one whose `since` is not after the target applies. */
  replacements: Replacement[];
  /** Only the apiVersion line (and the listed renames) needs to change, so a quick fix can do it. */
  mechanical: boolean;
  /** This group/version never served the kind at all (listed by the migration guide with the removals). */
  neverServed?: boolean;
  /** What changes beyond the apiVersion, in our words. */
  notes?: string;
}

export const DEPRECATION_GUIDE = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';

/** Compare "major.minor" strings. */
function cmp(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number),
    [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** The replacement that exists at the target version (undefined: none). */
export function replacementAt(api: RemovedApi, target: string): Replacement | undefined {
  let found: Replacement | undefined = api.replacements[0];
  for (const r of api.replacements) if (cmp(r.since, target) <= 0) found = r;
  return found?.apiVersion ? found : undefined;
}

const one = (apiVersion: string, since = '1.0'): Replacement[] => [{ since, apiVersion }];

const r = (
  apiVersion: string,
  kinds: string[],
  deprecatedIn: string,
  removedIn: string | undefined,
  replacements: Replacement[],
  mechanical: boolean,
  notes?: string,
  neverServed?: boolean,
): RemovedApi[] => kinds.map((kind) => ({ apiVersion, kind, deprecatedIn, removedIn, replacements, mechanical, notes, neverServed }));

const SELECTOR = '`spec.selector` becomes required and must match the Pod template labels.';
const INGRESS = 'Backends change shape (`service.name`, `service.port.number|name`) and every path needs a `pathType`.';
const PLC_RENAME: FieldRename[] = [{ at: ['spec', 'limited'], from: 'assuredConcurrencyShares', to: 'nominalConcurrencyShares' }];
const FLOW_NOTE =
  'From v1beta3 on, PriorityLevelConfiguration `spec.limited.assuredConcurrencyShares` is named `nominalConcurrencyShares`; in v1 an explicit 0 stays 0.';

export const REMOVED_APIS: RemovedApi[] = [
  // 1.16
  ...r('extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.8', '1.16', one('apps/v1', '1.9'), false, SELECTOR),
  ...r('apps/v1beta1', ['Deployment', 'StatefulSet'], '1.8', '1.16', one('apps/v1', '1.9'), false, SELECTOR),
  ...r('apps/v1beta1', ['ControllerRevision'], '1.8', '1.16', one('apps/v1', '1.9'), true),
  ...r('apps/v1beta1', ['ReplicaSet'], '1.8', '1.16', one('apps/v1', '1.9'), false, SELECTOR, true),
  ...r('apps/v1beta2', ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'], '1.9', '1.16', one('apps/v1', '1.9'), false, SELECTOR),
  ...r('apps/v1beta2', ['ControllerRevision'], '1.9', '1.16', one('apps/v1', '1.9'), true),
  ...r('extensions/v1beta1', ['NetworkPolicy'], '1.9', '1.16', one('networking.k8s.io/v1', '1.8'), true),
  ...r(
    'extensions/v1beta1',
    ['PodSecurityPolicy'],
    '1.11',
    '1.16',
    [{ since: '1.10', apiVersion: 'policy/v1beta1' }, { since: '1.25' }],
    true,
  ),
  // 1.22
  ...r(
    'extensions/v1beta1',
    ['Ingress'],
    '1.14',
    '1.22',
    [
      { since: '1.14', apiVersion: 'networking.k8s.io/v1beta1' },
      { since: '1.19', apiVersion: 'networking.k8s.io/v1' },
    ],
    false,
    INGRESS,
  ),
  ...r('networking.k8s.io/v1beta1', ['Ingress'], '1.19', '1.22', one('networking.k8s.io/v1', '1.19'), false, INGRESS),
  ...r('networking.k8s.io/v1beta1', ['IngressClass'], '1.19', '1.22', one('networking.k8s.io/v1', '1.19'), true),
  ...r(
    'admissionregistration.k8s.io/v1beta1',
    ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    '1.16',
    '1.22',
    one('admissionregistration.k8s.io/v1', '1.16'),
    false,
    '`admissionReviewVersions` and `sideEffects` become required; defaults change.',
  ),
  ...r(
    'apiextensions.k8s.io/v1beta1',
    ['CustomResourceDefinition'],
    '1.16',
    '1.22',
    one('apiextensions.k8s.io/v1', '1.16'),
    false,
    'Each version needs a structural `schema.openAPIV3Schema`; several fields move under `versions[]`.',
  ),
  ...r('apiregistration.k8s.io/v1beta1', ['APIService'], '1.19', '1.22', one('apiregistration.k8s.io/v1', '1.10'), true),
  ...r('authentication.k8s.io/v1beta1', ['TokenReview'], '1.19', '1.22', one('authentication.k8s.io/v1', '1.6'), true),
  ...r(
    'authorization.k8s.io/v1beta1',
    ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'],
    '1.19',
    '1.22',
    one('authorization.k8s.io/v1', '1.6'),
    false,
    '`spec.group` is renamed `spec.groups`.',
  ),
  ...r('authorization.k8s.io/v1beta1', ['SelfSubjectRulesReview'], '1.19', '1.22', one('authorization.k8s.io/v1', '1.6'), true),
  ...r(
    'certificates.k8s.io/v1beta1',
    ['CertificateSigningRequest'],
    '1.19',
    '1.22',
    one('certificates.k8s.io/v1', '1.19'),
    false,
    '`spec.signerName` becomes required.',
  ),
  ...r('coordination.k8s.io/v1beta1', ['Lease'], '1.19', '1.22', one('coordination.k8s.io/v1', '1.14'), true),
  ...r(
    'rbac.authorization.k8s.io/v1beta1',
    ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    '1.17',
    '1.22',
    one('rbac.authorization.k8s.io/v1', '1.8'),
    true,
  ),
  ...r('scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.14', '1.22', one('scheduling.k8s.io/v1', '1.14'), true),
  ...r(
    'storage.k8s.io/v1beta1',
    ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
    '1.19',
    '1.22',
    one('storage.k8s.io/v1', '1.19'),
    true,
  ),
  // 1.25
  ...r('batch/v1beta1', ['CronJob'], '1.21', '1.25', one('batch/v1', '1.21'), true),
  ...r(
    'discovery.k8s.io/v1beta1',
    ['EndpointSlice'],
    '1.21',
    '1.25',
    one('discovery.k8s.io/v1', '1.21'),
    false,
    '`topology` is replaced by `zone` and `nodeName` on each endpoint.',
  ),
  ...r('events.k8s.io/v1beta1', ['Event'], '1.22', '1.25', one('events.k8s.io/v1', '1.19'), true),
  ...r(
    'autoscaling/v2beta1',
    ['HorizontalPodAutoscaler'],
    '1.22',
    '1.25',
    [
      { since: '1.12', apiVersion: 'autoscaling/v2beta2' },
      { since: '1.23', apiVersion: 'autoscaling/v2' },
    ],
    false,
    'Metric targets move under `target` (`averageUtilization`, `averageValue`, `value`).',
  ),
  ...r(
    'policy/v1beta1',
    ['PodDisruptionBudget'],
    '1.21',
    '1.25',
    one('policy/v1', '1.21'),
    true,
    'An empty `spec.selector` now selects every Pod in the namespace (it selected none in v1beta1).',
  ),
  ...r(
    'policy/v1beta1',
    ['PodSecurityPolicy'],
    '1.21',
    '1.25',
    [{ since: '1.0' }],
    false,
    'PodSecurityPolicy is gone; use Pod Security Admission (namespace labels) or a policy engine.',
  ),
  ...r('node.k8s.io/v1beta1', ['RuntimeClass'], '1.22', '1.25', one('node.k8s.io/v1', '1.20'), true),
  // 1.26
  ...r(
    'flowcontrol.apiserver.k8s.io/v1beta1',
    ['FlowSchema'],
    '1.23',
    '1.26',
    [
      { since: '1.23', apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2' },
      { since: '1.26', apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3' },
      { since: '1.29', apiVersion: 'flowcontrol.apiserver.k8s.io/v1' },
    ],
    true,
  ),
  ...r(
    'flowcontrol.apiserver.k8s.io/v1beta1',
    ['PriorityLevelConfiguration'],
    '1.23',
    '1.26',
    [
      { since: '1.23', apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2' },
      { since: '1.26', apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', renames: PLC_RENAME },
      { since: '1.29', apiVersion: 'flowcontrol.apiserver.k8s.io/v1', renames: PLC_RENAME },
    ],
    true,
    FLOW_NOTE,
  ),
  ...r('autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.23', '1.26', one('autoscaling/v2', '1.23'), true),
  // 1.27
  ...r('storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.24', '1.27', one('storage.k8s.io/v1', '1.24'), true),
  // 1.29
  ...r(
    'flowcontrol.apiserver.k8s.io/v1beta2',
    ['FlowSchema'],
    '1.26',
    '1.29',
    [
      { since: '1.26', apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3' },
      { since: '1.29', apiVersion: 'flowcontrol.apiserver.k8s.io/v1' },
    ],
    true,
  ),
  ...r(
    'flowcontrol.apiserver.k8s.io/v1beta2',
    ['PriorityLevelConfiguration'],
    '1.26',
    '1.29',
    [
      { since: '1.26', apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', renames: PLC_RENAME },
      { since: '1.29', apiVersion: 'flowcontrol.apiserver.k8s.io/v1', renames: PLC_RENAME },
    ],
    true,
    FLOW_NOTE,
  ),
  // 1.32
  ...r(
    'flowcontrol.apiserver.k8s.io/v1beta3',
    ['FlowSchema', 'PriorityLevelConfiguration'],
    '1.29',
    '1.32',
    one('flowcontrol.apiserver.k8s.io/v1', '1.29'),
    true,
  ),
  // deprecated, no removal scheduled
  ...r(
    'v1',
    ['Endpoints'],
    '1.33',
    undefined,
    one('discovery.k8s.io/v1', '1.21'),
    false,
    'Write EndpointSlices (kind EndpointSlice, with `kubernetes.io/service-name` and per-endpoint addresses) instead; the API server warns on every v1 Endpoints request from 1.33.',
  ),
];

const byKey = new Map(REMOVED_APIS.map((a) => [`${a.apiVersion}|${a.kind}`, a]));

export function findRemovedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return byKey.get(`${apiVersion}|${kind}`);
}

/** Current apiVersions of common kinds, for completion and for the replacement hint. */
export const CURRENT_API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  Pod: 'v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  ServiceAccount: 'v1',
  PersistentVolumeClaim: 'v1',
  PersistentVolume: 'v1',
  Endpoints: 'v1',
  LimitRange: 'v1',
  ResourceQuota: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  StorageClass: 'storage.k8s.io/v1',
  PriorityClass: 'scheduling.k8s.io/v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  CustomResourceDefinition: 'apiextensions.k8s.io/v1',
  NodePool: 'karpenter.sh/v1',
  NodeClass: 'eks.amazonaws.com/v1',
  IngressClassParams: 'elbv2.k8s.aws/v1beta1',
  TargetGroupBinding: 'elbv2.k8s.aws/v1beta1',
};

/**
 * The Kubernetes version from which each replacement API is served, per kind: the "available since" of
 * the same deprecation guide (DEPRECATION_GUIDE; its sections for 1.16 to 1.32). With it, a rejection by
 * an OLDER cluster can say which Kubernetes version added the apiVersion the file uses (e.g. policy/v1
 * PodDisruptionBudget on a 1.20 cluster).
 */
const since = (apiVersion: string, kinds: string[], version: string): [string, string][] =>
  kinds.map((k) => [`${apiVersion}|${k}`, version]);
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

import type { DiagnosticCodeInfo } from '../diagnostics/types';
import type { SchemaCodes } from '../catalog/schema';

const A = 'nodepool';

export const NODEPOOL_SCHEMA_CODES: SchemaCodes = {
  type: 'nodepool-schema-type',
  unknownField: 'nodepool-schema-unknown-field',
  required: 'nodepool-schema-required',
  enum: 'nodepool-schema-enum',
  pattern: 'nodepool-schema-pattern',
  range: 'nodepool-schema-range',
};
export const NODECLASS_SCHEMA_CODES: SchemaCodes = {
  type: 'nodeclass-schema-type',
  unknownField: 'nodeclass-schema-unknown-field',
  required: 'nodeclass-schema-required',
  enum: 'nodeclass-schema-enum',
  pattern: 'nodeclass-schema-pattern',
  range: 'nodeclass-schema-range',
};

export const NODEPOOL_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'nodepool-schema-type',
    severity: 'error',
    area: A,
    summary: 'A NodePool field has the wrong type (object, list, string, integer).',
  },
  {
    code: 'nodepool-schema-unknown-field',
    severity: 'warning',
    area: A,
    summary:
      'A field the karpenter.sh/v1 NodePool does not have (typo or a field from another version); the API server drops or rejects it.',
  },
  {
    code: 'nodepool-schema-required',
    severity: 'error',
    area: A,
    summary:
      'A required NodePool field is missing or empty (template, template.spec, nodeClassRef with group/kind/name, requirements, budget nodes, taint key/effect, requirement key/operator).',
  },
  {
    code: 'nodepool-schema-enum',
    severity: 'error',
    area: A,
    summary: 'A NodePool field has a value outside its allowed set (operator, consolidationPolicy, taint effect, budget reasons).',
  },
  {
    code: 'nodepool-schema-pattern',
    severity: 'error',
    area: A,
    summary:
      'A NodePool value does not match the CRD pattern (expireAfter, terminationGracePeriod, consolidateAfter, budget nodes/schedule/duration, label keys and values, limits quantities).',
  },
  {
    code: 'nodepool-schema-range',
    severity: 'error',
    area: A,
    summary:
      'A NodePool number or list is out of range (weight 1–100, minValues 1–50, at most 100 requirements, 50 budgets, key/value length).',
  },
  {
    code: 'nodepool-requirement-in-needs-values',
    severity: 'error',
    area: A,
    summary: 'A requirement with operator In has no values (the CRD rejects it).',
  },
  {
    code: 'nodepool-requirement-numeric-value',
    severity: 'error',
    area: A,
    summary: 'A requirement with Gt, Lt, Gte or Lte must have exactly one value, a non-negative integer.',
  },
  {
    code: 'nodepool-requirement-min-values',
    severity: 'error',
    area: A,
    summary: "A requirement's minValues is larger than the number of values it lists.",
  },
  {
    code: 'nodepool-restricted-label',
    severity: 'error',
    area: A,
    summary:
      'A requirement key or template label uses a reserved label: karpenter.sh/nodepool, kubernetes.io/hostname, the karpenter.sh domain other than karpenter.sh/capacity-type, or (self-managed Karpenter on AWS) a karpenter.k8s.aws key that is not one of its well-known labels.',
  },
  {
    code: 'nodepool-requirement-unknown-value',
    severity: 'warning',
    area: A,
    summary: 'A requirement value that the label never has (e.g. kubernetes.io/arch x86_64, a non-integer for a numeric label).',
  },
  {
    code: 'nodepool-requirement-unknown-key',
    severity: 'warning',
    area: A,
    summary: 'An eks.amazonaws.com/* requirement key that EKS Auto Mode does not define (likely a typo); no node would ever match it.',
  },
  {
    code: 'nodepool-budget-schedule-duration',
    severity: 'error',
    area: A,
    summary: 'A disruption budget sets schedule without duration or duration without schedule.',
  },
  {
    code: 'nodepool-budget-schedule-invalid',
    severity: 'error',
    area: A,
    summary:
      'A budget schedule passes the CRD pattern but is not a standard five-field cron expression or descriptor: Karpenter cannot parse it and then allows no disruption for the NodePool.',
  },
  {
    code: 'nodepool-budget-duplicate-reason',
    severity: 'error',
    area: A,
    summary: 'A budget lists the same reason twice; reasons are a set and the API server rejects duplicates.',
  },
  {
    code: 'nodepool-nodeclass-kind',
    severity: 'error',
    area: A,
    summary:
      "nodeClassRef pairs a group with the other product's kind (eks.amazonaws.com + EC2NodeClass, karpenter.k8s.aws + NodeClass): it never resolves.",
  },
  {
    code: 'nodepool-auto-mode-unsupported-family',
    severity: 'warning',
    area: A,
    summary:
      "An Auto Mode NodePool's requirements only allow instance families or categories Auto Mode does not launch: the NodePool never creates nodes.",
  },
  {
    code: 'nodepool-version-skew',
    severity: 'info',
    area: A,
    summary:
      'A NodePool uses a field or value added in a recent Karpenter release (Gte/Lte v1.9.0, replicas v1.8.0, Balanced v1.14.0); older controllers reject or drop it.',
  },
  {
    code: 'nodepool-duplicate-taint',
    severity: 'error',
    area: A,
    summary:
      'The same taint key and effect appears twice across taints and startupTaints; Karpenter marks the NodePool invalid (not Ready).',
  },
  {
    code: 'nodepool-static-nodepool',
    severity: 'error',
    area: A,
    summary: 'A static NodePool (replicas set) uses weight or resource limits other than limits.nodes.',
  },
  {
    code: 'nodepool-auto-mode-karpenter-label',
    severity: 'error',
    area: A,
    summary:
      'An Auto Mode NodePool uses a karpenter.k8s.aws/* label, which Auto Mode nodes never carry; a quick fix switches to the eks.amazonaws.com/* label.',
  },
  {
    code: 'nodepool-auto-mode-unsupported-label',
    severity: 'warning',
    area: A,
    summary:
      'An Auto Mode NodePool uses a label Auto Mode does not support in requirements (kubernetes.io/os, node.kubernetes.io/windows-build).',
  },
  {
    code: 'nodepool-expire-after-too-long',
    severity: 'warning',
    area: A,
    summary: 'An Auto Mode NodePool sets expireAfter beyond 21 days (504h) or Never: Auto Mode replaces nodes after 21 days anyway.',
  },
  {
    code: 'nodepool-tiny-instances-only',
    severity: 'warning',
    area: A,
    summary:
      "An Auto Mode NodePool's requirements only allow sizes Auto Mode never launches (nano, micro, small, 1 vCPU): the NodePool is Ready but never creates nodes.",
  },
  {
    code: 'nodepool-v1beta1',
    severity: 'warning',
    area: A,
    summary:
      'A karpenter.sh/v1beta1 NodePool or a v1alpha5 Provisioner: Karpenter 1.x and EKS Auto Mode serve only karpenter.sh/v1; the message lists what moves.',
  },
  {
    code: 'nodepool-v1beta1-leftover',
    severity: 'warning',
    area: A,
    summary:
      'A v1beta1 field left in a v1 NodePool (expireAfter under disruption, kubelet, consolidationPolicy WhenUnderutilized, nodeClassRef.apiVersion): dropped silently or rejected.',
  },
  {
    code: 'nodepool-nodeclass-missing',
    notInWorkspace: true,
    severity: 'warning',
    area: A,
    summary: 'nodeClassRef names an eks.amazonaws.com NodeClass that is not in the workspace (the built-in `default` is always accepted).',
  },
  {
    code: 'pod-grace-exceeds-nodepool',
    severity: 'warning',
    area: A,
    summary:
      "A workload's terminationGracePeriodSeconds is longer than the terminationGracePeriod of a NodePool it can run on: its Pods are killed before they finish when the node drains.",
  },
  {
    code: 'pod-auto-mode-karpenter-label',
    severity: 'warning',
    area: A,
    summary:
      'Pods that ask for EKS Auto Mode nodes (eks.amazonaws.com/compute-type: auto) also require a karpenter.k8s.aws/* label, which Auto Mode nodes never carry: they stay Pending (a quick fix switches to the eks.amazonaws.com label).',
  },
  {
    code: 'pdb-blocks-eviction',
    severity: 'warning',
    area: A,
    summary:
      'A PodDisruptionBudget allows no eviction (maxUnavailable 0, minAvailable 100% or at least the replicas it covers): node drains for consolidation, expiry and updates wait on it.',
  },
  {
    code: 'do-not-disrupt-misplaced',
    severity: 'warning',
    area: A,
    summary: "karpenter.sh/do-not-disrupt on a workload's own metadata: Karpenter reads it from Pods, so it belongs on the Pod template.",
  },
  {
    code: 'do-not-disrupt-value',
    severity: 'warning',
    area: A,
    summary:
      'karpenter.sh/do-not-disrupt with a value Karpenter ignores: Pods take "true" or a positive duration, nodes (NodePool template) only "true".',
  },
  {
    code: 'workload-no-pdb',
    notInWorkspace: true,
    severity: 'info',
    area: A,
    summary:
      'A Deployment/StatefulSet with several replicas that runs on EKS Auto Mode has no PodDisruptionBudget; node replacement (at most every 21 days) may take its replicas down together.',
  },
  { code: 'nodeclass-schema-type', severity: 'error', area: A, summary: 'A NodeClass field has the wrong type.' },
  {
    code: 'nodeclass-schema-unknown-field',
    severity: 'warning',
    area: A,
    summary: 'A field the eks.amazonaws.com/v1 NodeClass does not have (an EC2NodeClass field, or a typo).',
  },
  {
    code: 'nodeclass-schema-required',
    severity: 'warning',
    area: A,
    summary:
      'A NodeClass field EKS documents as required is missing (role or instanceProfile, subnetSelectorTerms, securityGroupSelectorTerms; certificate bundle name/data).',
  },
  {
    code: 'nodeclass-role-and-instance-profile',
    severity: 'error',
    area: A,
    summary: 'A NodeClass sets both role and instanceProfile, which EKS documents as mutually exclusive.',
  },
  {
    code: 'nodeclass-schema-enum',
    severity: 'error',
    area: A,
    summary:
      'A NodeClass field has a value outside its allowed set (snatPolicy, networkPolicy, networkPolicyEventLogs, advancedSecurity.kernelLockdown).',
  },
  {
    code: 'nodeclass-schema-pattern',
    severity: 'error',
    area: A,
    summary: 'A NodeClass value has the wrong format (e.g. ephemeralStorage.size is not a quantity).',
  },
  {
    code: 'nodeclass-schema-range',
    severity: 'error',
    area: A,
    summary:
      'A NodeClass number or list is out of range (ephemeralStorage size 1–59000Gi/1–64000G/1–58Ti/1–64T, iops 3000–16000, throughput 125–1000, at most 50 noProxy entries; a size in another unit is a warning).',
  },
  {
    code: 'nodeclass-selector-term',
    severity: 'error',
    area: A,
    summary: 'A subnet/security group selector term combines `id` with other fields, or is empty.',
  },
  {
    code: 'nodeclass-reserved-tag',
    severity: 'error',
    area: A,
    summary: 'A NodeClass tag uses a key EKS reserves (kubernetes.io/cluster/*, karpenter.sh/nodepool, eks.amazonaws.com/nodeclass, ...).',
  },
  {
    code: 'nodeclass-named-default',
    severity: 'warning',
    area: A,
    summary: "A custom NodeClass is named `default`, the name of Auto Mode's built-in NodeClass.",
  },
];

import type { DiagnosticCodeInfo } from '../diagnostics/types';

const A = 'eksctl';

export const EKSCTL_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'eksctl-unknown-field',
    severity: 'error',
    area: A,
    summary:
      "A field eksctl.io/v1alpha5 ClusterConfig does not have: eksctl's strict loader rejects the file (a typo, or a field newer than your eksctl).",
  },
  {
    code: 'eksctl-field-case',
    severity: 'warning',
    area: A,
    summary: 'A key that matches a ClusterConfig field only when case is ignored: eksctl accepts the file but drops the value.',
  },
  {
    code: 'eksctl-type',
    severity: 'error',
    area: A,
    summary:
      'A ClusterConfig value has the wrong type for eksctl (YAML 1.1 typing: `1.30` is a number, `yes` a boolean); eksctl cannot decode the file.',
  },
  {
    code: 'eksctl-enum',
    severity: 'error',
    area: A,
    summary:
      'A ClusterConfig value outside the set eksctl allows (amiFamily, volumeType, nat.gateway, ipFamily, upgradePolicy.supportType, ...).',
  },
  {
    code: 'eksctl-required',
    severity: 'warning',
    area: A,
    summary: 'A field eksctl requires is missing (metadata.name/region, node group and add-on names, ...).',
  },
  {
    code: 'eksctl-version-unquoted',
    severity: 'error',
    area: A,
    summary: '`metadata.version` is a YAML number (`1.30` reads as 1.3): eksctl cannot decode it. Quote it.',
  },
  {
    code: 'eksctl-auto-mode-config',
    severity: 'error',
    area: A,
    summary:
      'An autoModeConfig eksctl rejects: unknown or duplicate nodePools, nodeRoleARN/permissionsBoundaryARN with `nodePools: []` or together, settings while Auto Mode is disabled, Auto Mode on Outposts.',
  },
  {
    code: 'eksctl-auto-mode-nodegroups',
    severity: 'warning',
    area: A,
    summary:
      'Auto Mode is enabled and the file also defines nodeGroups/managedNodeGroups: `eksctl create cluster` rejects it (create them afterwards with `eksctl create nodegroup`).',
  },
  {
    code: 'eksctl-auto-mode-default-addons',
    severity: 'warning',
    area: A,
    summary:
      'Auto Mode is enabled and the file lists vpc-cni, kube-proxy or coredns without Fargate profiles or hybrid nodes: `eksctl create cluster` rejects it.',
  },
  {
    code: 'eksctl-auto-mode-default-change',
    severity: 'hint',
    area: A,
    summary:
      'Node groups without an explicit `autoModeConfig`: eksctl announced that Auto Mode becomes the default; set `autoModeConfig.enabled: false` to keep node groups.',
  },
  {
    code: 'eksctl-al2-unsupported',
    severity: 'error',
    area: A,
    summary:
      '`amiFamily: AmazonLinux2` with Kubernetes 1.33 or later: there are no EKS AL2 AMIs and eksctl rejects the node group (use AmazonLinux2023 or Bottlerocket).',
  },
  {
    code: 'eksctl-addon-irsa-and-pod-identity',
    severity: 'error',
    area: A,
    summary:
      'An add-on sets IRSA (serviceAccountRoleARN, attachPolicyARNs, attachPolicy, wellKnownPolicies) and podIdentityAssociations together; eksctl rejects it.',
  },
  {
    code: 'eksctl-addon-policy-sources',
    severity: 'error',
    area: A,
    summary:
      'An add-on sets more than one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy; eksctl allows at most one.',
  },
  {
    code: 'eksctl-pod-identity-association',
    severity: 'error',
    area: A,
    summary:
      'A pod identity association eksctl rejects: missing namespace or serviceAccountName, no role or policy, roleARN with policies, or associations on the eks-pod-identity-agent add-on itself.',
  },
  {
    code: 'eksctl-pod-identity-agent-missing',
    severity: 'warning',
    area: A,
    summary:
      'Pod identity associations are configured but the `eks-pod-identity-agent` add-on is not listed and Auto Mode is off: `eksctl create cluster` rejects it.',
  },
  {
    code: 'eksctl-irsa-needs-oidc',
    severity: 'warning',
    area: A,
    summary:
      '`iam.serviceAccounts` without `iam.withOIDC: true`: eksctl rejects `withOIDC: false` and, when unset, creates no IRSA service accounts with the cluster.',
  },
  {
    code: 'eksctl-capability-config',
    severity: 'error',
    area: A,
    summary:
      'An EKS capability eksctl or EKS rejects: ARGOCD without configuration.argocd.awsIdc, or an Argo CD RBAC role other than ADMIN, EDITOR, VIEWER.',
  },
  {
    code: 'eksctl-nodegroup-name',
    severity: 'error',
    area: A,
    summary:
      'A node group name eksctl rejects: characters other than letters, digits and hyphens, or the same name twice across nodeGroups and managedNodeGroups.',
  },
];

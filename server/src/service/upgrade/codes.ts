import type { DiagnosticCodeInfo } from '../diagnostics/types';

const A = 'upgrade';

export const UPGRADE_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'eks-version-end-of-support',
    severity: 'warning',
    area: A,
    summary:
      'An eksctl `metadata.version` past the end of EKS extended support: no new clusters, and EKS upgrades existing control planes on its own. The message gives the dates.',
  },
  {
    code: 'eks-version-extended-support',
    severity: 'info',
    area: A,
    summary: 'An eksctl `metadata.version` in EKS extended support (billed per cluster hour) with the date it ends.',
  },
  {
    code: 'upgrade-al2-ami',
    severity: 'warning',
    area: A,
    summary:
      'Amazon Linux 2 nodes (eksctl amiFamily, Karpenter EC2NodeClass) and a target version of 1.33 or later: EKS publishes no AL2 AMIs from 1.33.',
  },
  {
    code: 'upgrade-cgroup-v1',
    severity: 'warning',
    area: A,
    summary:
      'Nodes forced onto cgroup v1 (bootstrap kernel arguments) and a target of 1.35 or later: the kubelet refuses to start on cgroup v1 by default.',
  },
  {
    code: 'upgrade-removed-kubelet-flag',
    severity: 'warning',
    area: A,
    summary:
      'A bootstrap script or user data passes a kubelet flag the target version removed (`--keep-terminated-pod-volumes` in 1.31, `--pod-infra-container-image` in 1.35): the kubelet does not start.',
  },
  {
    code: 'upgrade-deprecated-feature',
    severity: 'info',
    area: A,
    summary:
      'Something the target version deprecates: the Endpoints API (1.33), the enforce-mountable-secrets annotation (1.32), AppArmor annotations (1.34), kube-proxy IPVS mode (1.35).',
  },
  {
    code: 'upgrade-vac-beta',
    severity: 'info',
    area: A,
    summary:
      'A VolumeAttributesClass at storage.k8s.io/v1beta1 with a target of 1.34 or later, where the API is GA as storage.k8s.io/v1 (quick fix).',
  },
  {
    code: 'upgrade-addon-version-skew',
    severity: 'warning',
    area: A,
    summary:
      'An eksctl kube-proxy add-on version whose minor differs from metadata.version: kube-proxy must match the control plane minor and never be newer.',
  },
];

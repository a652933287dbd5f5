import type { DiagnosticCodeInfo } from '../diagnostics/types';

const A = 'identity';

export const IDENTITY_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'irsa-role-arn-format',
    severity: 'error',
    area: A,
    summary:
      "`eks.amazonaws.com/role-arn` is not an IAM role ARN in the form the Pod Identity Webhook checks (`arn:aws…:iam::<12 digits>:role/<name>`): the webhook only logs it and Pods get no working credentials. A bare role name (warning) works only with the webhook's `--compose-role-arn`; an unknown partition is a warning.",
  },
  {
    code: 'irsa-sts-regional-value',
    severity: 'warning',
    area: A,
    summary: "`eks.amazonaws.com/sts-regional-endpoints` is not a value Go's ParseBool accepts: the webhook ignores it without a word.",
  },
  {
    code: 'irsa-token-expiration',
    severity: 'warning',
    area: A,
    summary:
      "`eks.amazonaws.com/token-expiration` is not a whole number (ignored without a word) or below 600 seconds (raised to 600); above 86400 (EKS's maximum) is information.",
  },
  {
    code: 'irsa-annotation-typo',
    severity: 'warning',
    area: A,
    summary:
      'A near-miss of an IRSA annotation (`eks.amazon.com/role-arn`, `eks.amazonaws.com/role_arn`, …): the webhook does not read it and Pods run without the role. Quick fix renames it.',
  },
  {
    code: 'irsa-annotation-misplaced',
    severity: 'warning',
    area: A,
    summary:
      "An IRSA annotation on an object the webhook does not read it from: `role-arn`, `audience` and `sts-regional-endpoints` belong on the ServiceAccount, not on a Deployment or Pod; Pod annotations go on the Pod template, not on the workload's own metadata.",
  },
  {
    code: 'irsa-skip-containers',
    severity: 'warning',
    area: A,
    summary: '`eks.amazonaws.com/skip-containers` names a container the Pod does not have: nothing is skipped for it.',
  },
  {
    code: 'serviceaccount-missing',
    notInWorkspace: true,
    severity: 'warning',
    area: A,
    summary:
      "A workload's `serviceAccountName` names no ServiceAccount of its namespace (nor one eksctl creates), in a workspace that declares that namespace's ServiceAccounts: the API server refuses to create its Pods. Not reported when the workspace declares no ServiceAccounts there or one has a templated name.",
  },
  {
    code: 'irsa-and-pod-identity',
    severity: 'warning',
    area: A,
    summary:
      'A ServiceAccount has an IRSA `role-arn` and an EKS Pod Identity association (eksctl `podIdentityAssociations`): new Pods get the Pod Identity role only (the webhook gives container credentials precedence), Pods started earlier keep the IRSA role.',
  },
];

/**
 * IAM for Pods on EKS: IRSA ServiceAccount annotations as the Pod Identity Webhook reads them, near-miss keys
 * and annotations on the wrong object, workloads naming ServiceAccounts the workspace does not declare, and
 * ServiceAccounts configured for both IRSA and EKS Pod Identity (eksctl `podIdentityAssociations`).
 * Completion and hover for the annotations, definition and hover from `serviceAccountName`.
 */
import type { LanguageModule } from '../module';
import { IDENTITY_CODES } from './codes';
import { IDENTITY_LOCAL_CHECKS } from './checks';
import { IDENTITY_WORKSPACE_CHECKS } from './workspaceChecks';
import { completeIdentity, hoverIdentity, identityDefinition } from './features';

export const identityModule: LanguageModule = {
  id: 'identity',
  codes: IDENTITY_CODES,
  checks: [...IDENTITY_LOCAL_CHECKS, ...IDENTITY_WORKSPACE_CHECKS],
  complete: completeIdentity,
  hover: hoverIdentity,
  definition: identityDefinition,
};

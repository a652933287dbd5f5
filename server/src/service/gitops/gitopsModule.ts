/**
 * GitOps objects: Flux (source, kustomize, helm, notification, image toolkits) and Argo CD (Application,
 * ApplicationSet, AppProject, and the sync annotations on any object). Removed Flux API versions with quick
 * fixes (fluxApis.ts), source/Kustomization/Application semantics (checks.ts), references, paths and
 * variable substitution across the workspace (workspaceChecks.ts), and `gitopsManager` (tracking.ts) for
 * hosts that must warn before changing an object a controller owns.
 */
import type { LanguageModule } from '../module';
import { GITOPS_CODES } from './codes';
import { argoAnnotationCheck, argoApplicationCheck, gitRepositoryCheck, kustomizationKindCheck } from './checks';
import { argoCapabilityCheck, argoPathCheck, fluxApiCheck, fluxPathCheck, fluxRefCheck, fluxSubstitutionCheck } from './workspaceChecks';

export const gitopsModule: LanguageModule = {
  id: 'gitops',
  codes: GITOPS_CODES,
  checks: [
    gitRepositoryCheck,
    kustomizationKindCheck,
    argoApplicationCheck,
    argoAnnotationCheck,
    fluxApiCheck,
    fluxRefCheck,
    fluxPathCheck,
    argoPathCheck,
    fluxSubstitutionCheck,
    argoCapabilityCheck,
  ],
};

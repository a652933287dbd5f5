/**
 * Kustomize: kustomization.yaml / kustomization.yml / Kustomization files (kustomize.config.k8s.io/v1beta1
 * Kustomization, v1alpha1 Component). Completion and hover of their fields, a check that every local path
 * they list exists, go to definition on each path. The builds they describe (model.ts) tell the other
 * modules which files are deployed together, how their objects are renamed, and which files are patches.
 */
import type { LanguageModule } from '../module';
import { KUSTOMIZE_CODES } from './codes';
import { KUSTOMIZE_CHECKS } from './checks';
import { completeKustomization, hoverKustomization, kustomizationDefinition } from './features';

export const kustomizeModule: LanguageModule = {
  id: 'kustomize',
  codes: KUSTOMIZE_CODES,
  checks: KUSTOMIZE_CHECKS,
  complete: completeKustomization,
  hover: hoverKustomization,
  definition: kustomizationDefinition,
};

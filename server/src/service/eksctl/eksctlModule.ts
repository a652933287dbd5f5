/**
 * eksctl ClusterConfig files (eksctl.io/v1alpha5): recognised by apiVersion and kind (model/documentKind.ts
 * marks them as a tool's file, so no Kubernetes object check applies). The strict schema derived from
 * eksctl's JSON Schema (schema.ts), the unquoted version, the cross-field rules eksctl enforces (checks.ts),
 * completion and hover for every field (features.ts).
 */
import type { LanguageModule } from '../module';
import { EKSCTL_CODES } from './codes';
import { EKSCTL_CHECKS } from './checks';
import { completeEksctl, hoverEksctl } from './features';

export const eksctlModule: LanguageModule = {
  id: 'eksctl',
  codes: EKSCTL_CODES,
  checks: EKSCTL_CHECKS,
  complete: completeEksctl,
  hover: hoverEksctl,
};

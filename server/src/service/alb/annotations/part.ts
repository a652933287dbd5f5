/**
 * ALB annotation features: the catalog of every `alb.ingress.kubernetes.io/*` annotation (catalog.ts),
 * name/value checks, the use-annotation contract, ssl-redirect vs listen-ports, the Ingress class and
 * backend Services (checks.ts), completion and hover (features.ts). The JSON inside actions./conditions./
 * transforms. values belongs to ../actions.
 */
import type { ModulePart } from '../../module';
import { ANNOTATION_CODES } from './codes';
import { ANNOTATION_CHECKS } from './checks';
import { completeAnnotations, hoverAnnotations } from './features';

export const annotationsPart: ModulePart = {
  codes: ANNOTATION_CODES,
  checks: ANNOTATION_CHECKS,
  complete: completeAnnotations,
  hover: hoverAnnotations,
};

/**
 * ALB annotations: the catalog of every `alb.ingress.kubernetes.io/*` annotation (catalog.ts), the reading of
 * an Ingress the controller's way (model.ts, values.ts), one-document checks (checks.ts: names, values, the
 * use-annotation contract, ssl-redirect vs listen-ports), cross-document checks (workspaceChecks.ts: the
 * Ingress class, backend Services, IngressGroups), completion and hover (features.ts). The JSON inside
 * actions./conditions./transforms. values belongs to ../actions.
 */
import type { ModulePart } from '../../module';
import { ANNOTATION_CODES } from './codes';
import { LOCAL_ANNOTATION_CHECKS } from './checks';
import { WORKSPACE_ANNOTATION_CHECKS } from './workspaceChecks';
import { completeAnnotations, definitionAnnotations, hoverAnnotations } from './features';

export const annotationsPart: ModulePart = {
  codes: ANNOTATION_CODES,
  checks: [...LOCAL_ANNOTATION_CHECKS, ...WORKSPACE_ANNOTATION_CHECKS],
  complete: completeAnnotations,
  hover: hoverAnnotations,
  definition: definitionAnnotations,
};

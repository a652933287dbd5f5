/**
 * AWS Load Balancer Controller Ingress intelligence. Two parts:
 *  - annotations/: the annotation catalog, names/values, IngressGroup and class rules, the use-annotation
 *    contract, backends and Services;
 *  - actions/: the JSON inside actions.* / conditions.* / transforms.* (positions mapped into YAML),
 *    completion and hover inside it, weighted-forward code lenses.
 */
import { combineParts } from '../module';
import { annotationsPart } from './annotations/annotationsPart';
import { actionsPart } from './actions/actionsPart';

export const albModule = combineParts('alb', [annotationsPart, actionsPart]);

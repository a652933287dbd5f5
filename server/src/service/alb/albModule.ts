/**
 * AWS Load Balancer Controller Ingress intelligence. Three parts:
 *  - annotations/: the annotation catalog, names/values, IngressGroup and class rules, the use-annotation
 *    contract, backends and Services;
 *  - actions/: the JSON inside actions.* / conditions.* / transforms.* (positions mapped into YAML),
 *    completion and hover inside it, weighted-forward code lenses;
 *  - classParams/: IngressClassParams of both flavours and the IngressClasses that point at them (whose
 *    values override the annotations).
 */
import { combineParts } from '../module';
import { annotationsPart } from './annotations/annotationsPart';
import { actionsPart } from './actions/actionsPart';
import { classParamsPart } from './classParams/classParamsPart';

export const albModule = combineParts('alb', [annotationsPart, actionsPart, classParamsPart]);

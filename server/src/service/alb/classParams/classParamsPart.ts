/**
 * IngressClassParams of both ALB flavours (the AWS Load Balancer Controller's elbv2.k8s.aws and EKS Auto
 * Mode's eks.amazonaws.com): reading them and resolving an Ingress's class (model.ts, used by the annotation
 * checks, whose values they override), checks of the objects and of the IngressClasses that point at them
 * (checks.ts), hover on their fields (features.ts).
 */
import type { ModulePart } from '../../module';
import { CLASS_PARAMS_CODES } from './codes';
import { CLASS_PARAMS_CHECKS } from './checks';
import { hoverClassParams } from './features';

export const classParamsPart: ModulePart = {
  codes: CLASS_PARAMS_CODES,
  checks: CLASS_PARAMS_CHECKS,
  hover: hoverClassParams,
};

import type { DiagnosticCodeInfo } from '../../diagnostics/types';

const alb = (code: string, severity: DiagnosticCodeInfo['severity'], summary: string): DiagnosticCodeInfo => ({
  code,
  severity,
  area: 'alb',
  summary,
});

/** Codes of the IngressClassParams and IngressClass checks (stable: users disable them by name). */
export const CLASS_PARAMS_CODES: DiagnosticCodeInfo[] = [
  alb(
    'alb-class-params',
    'error',
    "An IngressClassParams field the controller refuses or ignores: a field of the other flavour (`certificateArn` vs Auto Mode's `certificateARNs`, `subnets.tags` vs `subnets.matchTags`, listener attributes in Auto Mode), an inbound CIDR its webhook rejects, subnets with both or neither of `ids` and `tags` or a duplicate, an invalid `group.name`, an `sslRedirectPort` that is not a number (the redirect is then silently dropped), a certificate that is not an ARN.",
  ),
  alb(
    'alb-class-params-ref',
    'error',
    "An IngressClass of an ALB controller whose `spec.parameters` do not name that controller's IngressClassParams (`elbv2.k8s.aws` for `ingress.k8s.aws/alb`, `eks.amazonaws.com` for `eks.amazonaws.com/alb`, kind IngressClassParams): every Ingress of the class fails. Information when the named IngressClassParams are not in a workspace that holds others.",
  ),
];

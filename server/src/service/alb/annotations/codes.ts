import type { DiagnosticCodeInfo } from '../../diagnostics/types';

const alb = (code: string, severity: DiagnosticCodeInfo['severity'], summary: string): DiagnosticCodeInfo => ({
  code,
  severity,
  area: 'alb',
  summary,
});

/** Codes of the ALB annotation checks (stable: users disable them by name). */
export const ANNOTATION_CODES: DiagnosticCodeInfo[] = [
  alb(
    'alb-unknown-annotation',
    'warning',
    'An `alb.ingress.kubernetes.io/` annotation the AWS Load Balancer Controller does not read (the controller ignores it silently); suggests the closest name with a quick fix.',
  ),
  alb(
    'alb-annotation-name',
    'error',
    'A variable annotation name is malformed: `actions.`/`conditions.`/`transforms.` without a valid backend name, `listener-attributes.` without `HTTP-<port>`/`HTTPS-<port>`, `target-control-port.` without `<service>.<port>`.',
  ),
  alb(
    'alb-annotation-value',
    'error',
    'An ALB annotation value does not fit its type: not an integer or out of range (health check interval 5–300, timeout 2–120, thresholds 2–10, `group.order` -1000..1000, ports 1–65535), not a boolean, not one of the allowed values, a malformed stringList/stringMap, or invalid JSON.',
  ),
  alb(
    'alb-annotation-not-string',
    'error',
    'An ALB annotation value is a YAML map or list; annotation values must be strings (write JSON or comma-separated text in a string).',
  ),
  alb('alb-annotation-scope', 'warning', 'An Ingress-only ALB annotation is set on a Service, where the controller does not read it.'),
  alb(
    'alb-group-name',
    'error',
    '`group.name` is not a valid IngressGroup name (lowercase letters, digits, `-`, `.`; starting and ending with a letter or digit; at most 63 characters): the controller rejects the Ingress.',
  ),
  alb('alb-certificate-arn', 'error', 'An entry of `certificate-arn` is not an ACM (or IAM server) certificate ARN.'),
  alb(
    'alb-listen-ports',
    'error',
    '`listen-ports` is not a JSON list of `{"HTTP"|"HTTPS": port}` objects with ports 1–65535, or lists a port twice.',
  ),
  alb(
    'alb-ssl-redirect-no-https',
    'error',
    '`ssl-redirect` names a port that is not an HTTPS listener of the Ingress (from `listen-ports`, or the default listener): the controller fails to build the load balancer. A warning when the Ingress is in an IngressGroup, whose other members may add the listener.',
  ),
  alb(
    'alb-listener-tls',
    'warning',
    'Listeners and TLS do not fit together on one Ingress (outside IngressGroups): an HTTPS listen port with no certificate source (certificate-arn, create-acm-cert or hosts for discovery), a certificate-arn with no HTTPS listener, or `auth-type` cognito/oidc without an HTTPS listener.',
  ),
  alb(
    'alb-deprecated-annotation',
    'warning',
    'A deprecated ALB annotation (e.g. `web-acl-id`); the quick fix renames it to its replacement.',
  ),
  alb(
    'alb-use-annotation-missing-action',
    'error',
    'A rule backend uses `port.name: use-annotation` but the Ingress has no `actions.<service name>` annotation: the controller answers those requests with a fixed 503.',
  ),
  alb(
    'alb-unused-action',
    'warning',
    'An `actions.<name>` annotation no `use-annotation` backend refers to, or a `conditions.<name>`/`transforms.<name>`/`target-control-port.<service>.<port>` annotation no rule backend refers to: it has no effect (often a name mismatch).',
  ),
  alb(
    'alb-use-annotation-typo',
    'error',
    'A backend port name is a near miss of the magic `use-annotation` (e.g. `use-annotations`): the controller looks for a Service port of that name instead of the action.',
  ),
  alb(
    'alb-not-alb-class',
    'warning',
    'An Ingress with ALB annotations whose class (`spec.ingressClassName`, IngressClass in the workspace, or the legacy `kubernetes.io/ingress.class` annotation) is not served by the AWS Load Balancer Controller: the annotations have no effect.',
  ),
  alb(
    'alb-auto-mode-unsupported',
    'warning',
    "An annotation EKS Auto Mode's built-in ALB (`eks.amazonaws.com/alb`) does not support (`group.name`, `waf-acl-id`, `web-acl-id`, `shield-advanced-protection`, `listener-attributes.*`, the legacy class annotation).",
  ),
  alb(
    'alb-group-conflict',
    'error',
    'Two Ingresses of one IngressGroup (`group.name`, or the group of their IngressClassParams) give a setting values the controller cannot merge, compared its way: one value for scheme, subnets (as a set), security-groups (in order), …; the same key with two values in tags, load-balancer-attributes or listener attributes; inbound-cidrs, ssl-policy or mutual-authentication different on a shared port; one port HTTP and HTTPS. The controller stops reconciling the whole group.',
  ),
  {
    ...alb(
      'alb-backend-service-missing',
      'warning',
      'An Ingress backend names a Service that does not exist in the workspace (checked only when the workspace has Services in that namespace; `use-annotation` backends are skipped).',
    ),
    notInWorkspace: true,
  },
  alb('alb-backend-port-missing', 'warning', 'An Ingress backend names a port (number or name) that its Service does not expose.'),
  alb(
    'alb-annotation-ignored',
    'warning',
    "An annotation the controller does not use here: `wafv2-acl-name` hides `wafv2-acl-arn`, `waf-acl-id` hides `web-acl-id`, listener attributes for a port that is not a listener of the Ingress; information when the IngressClassParams of the Ingress's class set the same setting, which wins.",
  ),
  alb(
    'alb-waf-conflict',
    'warning',
    'One ALB gets both a WAFv2 web ACL (`wafv2-acl-arn`/`wafv2-acl-name`) and a WAF Classic one (`waf-acl-id`/`web-acl-id`), on one Ingress or across its IngressGroup: each association replaces the other on every reconcile.',
  ),
  alb(
    'alb-health-check',
    'error',
    "Health-check settings ELB rejects for a target group once the Service's annotations are merged over the Ingress's (and the controller's defaults, interval 15 s and timeout 5 s, applied): an interval not greater than the timeout, success codes outside 200–499 (0–99 with `backend-protocol-version: GRPC`), a named `healthcheck-port` the Service does not have, or, with ip targets, one whose targetPort is a name.",
  ),
  alb(
    'alb-auth',
    'error',
    'Authentication the controller cannot build for HTTPS listeners: `auth-type` cognito/oidc without its `auth-idp-cognito`/`auth-idp-oidc` annotation, or `jwt-validation` together with `auth-type` cognito/oidc.',
  ),
  alb(
    'alb-frontend-nlb',
    'error',
    'Frontend NLB settings the controller refuses: `frontend-nlb-eip-allocations` without an internet-facing frontend NLB (its scheme is `frontend-nlb-scheme`, internal by default), or not exactly one allocation per `frontend-nlb-subnets` entry.',
  ),
  alb(
    'alb-ip-address-type',
    'error',
    '`ip-address-type: dualstack-without-public-ipv4` on an internal ALB (scheme from the annotation or the IngressClassParams): only internet-facing load balancers can have it.',
  ),
  alb(
    'alb-target-control-port',
    'error',
    'A `target-control-port.<service>.<port>` annotation for a backend whose targets are instances (target-type instance, the default): the controller supports target control ports only for ip targets.',
  ),
  alb(
    'alb-no-class',
    'info',
    'An Ingress with ALB annotations and no class (`spec.ingressClassName` or the legacy annotation) while the workspace has no default IngressClass: the AWS Load Balancer Controller ignores it unless it runs with an empty `--ingress-class` (or the cluster has a default class the workspace does not show).',
  ),
  alb(
    'alb-auto-mode-secret-access',
    'info',
    "EKS Auto Mode's ALB reads the OIDC client Secret named in `auth-idp-oidc`, but its managed access policy cannot get Secrets: a Role granting `get` on it bound to the group `eks:managed` is needed. Information, a warning when the workspace holds RBAC for that namespace but none grants it.",
  ),
  alb(
    'alb-instance-target-clusterip',
    'warning',
    "`target-type: instance` with a backend Service of type ClusterIP: instance targets need a NodePort or LoadBalancer Service (or use `target-type: ip`). Information when no target-type is set and the controller's default (instance) applies.",
  ),
];

import type { DiagnosticCodeInfo } from '../diagnostics/types';

const c =
  (area: string) =>
  (code: string, severity: DiagnosticCodeInfo['severity'], summary: string): DiagnosticCodeInfo => ({ code, severity, area, summary });
const gw = c('gateway');
const lat = c('lattice');
const lbc = c('lbc-gateway');

/** Gateway API core: versions, references between objects, weights. */
export const GATEWAY_CODES: DiagnosticCodeInfo[] = [
  gw(
    'gateway-api-version',
    'error',
    'A Gateway API, VPC Lattice or Load Balancer Controller Gateway kind with an apiVersion its bundled CRDs do not serve (e.g. TLSRoute `v1alpha2`, which Gateway API v1.5.0 serves only as `v1`); the message names the served versions. A warning when the workspace shows the experimental channel is installed.',
  ),
  gw(
    'gateway-api-unknown-kind',
    'error',
    'A kind in the `gateway.networking.k8s.io`, `application-networking.k8s.aws` or `gateway.k8s.aws` group that no bundled CRD defines, close to one that does (a typo such as `HttpRoute`).',
  ),
  gw(
    'gateway-api-version-deprecated',
    'info',
    "A Load Balancer Controller configuration kind written as `gateway.k8s.aws/v1beta1`, deprecated since the controller's v3.5.0 (the API server warns); `v1` has the same schema (quick fix).",
  ),
  {
    ...gw(
      'gateway-class-missing',
      'warning',
      "A Gateway's `gatewayClassName` names no GatewayClass of the workspace while the workspace declares GatewayClasses (no controller picks the Gateway up). Information when the workspace's classes have templated names.",
    ),
    notInWorkspace: true,
  },
  {
    ...gw(
      'gateway-parent-missing',
      'warning',
      "A route's parentRef names a Gateway that is not in the workspace while that namespace has Gateways (information when it has none there or some with templated names): the route is attached to nothing.",
    ),
    notInWorkspace: true,
  },
  gw(
    'gateway-parent-listener',
    'error',
    "A route's parentRef `sectionName` or `port` matches no listener of the Gateway it names (the route is not accepted: NoMatchingParent); suggests the listener names.",
  ),
  gw(
    'gateway-parent-not-allowed',
    'error',
    "The Gateway listener a route attaches to does not admit it: `allowedRoutes.namespaces` (default `Same`) excludes the route's namespace, the route kind is not allowed on that listener (explicit `allowedRoutes.kinds`, or the implementation's default kinds for the protocol), or no listener hostname intersects the route's hostnames.",
  ),
  {
    ...gw(
      'gateway-backend-missing',
      'warning',
      'A backendRef names a Service (or ServiceImport) that is not in the workspace while that namespace has such objects (information otherwise), or a port the Service does not expose.',
    ),
    notInWorkspace: true,
  },
  {
    ...gw(
      'gateway-reference-grant-missing',
      'warning',
      'A backendRef into another namespace with no ReferenceGrant there allowing it: the Load Balancer Controller rejects it (RefNotPermitted); Gateway API requires the grant. Information when the implementation is unknown or does not check grants (VPC Lattice), or the workspace does not hold the target namespace.',
    ),
    notInWorkspace: true,
  },
  gw(
    'gateway-weights-all-zero',
    'warning',
    'Every backendRef of a route rule has weight 0: Gateway API says the rule then answers every request with an error (500) instead of forwarding.',
  ),
  gw(
    'gateway-weight-limit',
    'error',
    "A backendRef weight above what the implementation accepts: VPC Lattice and the Load Balancer Controller take 0–999 (Gateway API allows up to 1,000,000), so the route fails at reconcile. The quick fix rescales the rule's weights keeping their ratios.",
  ),
];

/** VPC Lattice (AWS Gateway API Controller) rules and its application-networking.k8s.aws kinds. */
export const LATTICE_CODES: DiagnosticCodeInfo[] = [
  lat(
    'lattice-multiple-matches',
    'error',
    'A route rule on a VPC Lattice Gateway with more than one entry in `matches`: the controller fails the whole route (LATTICE_NO_SUPPORT_FOR_MULTIPLE_MATCHES). Quick fix: one rule per match.',
  ),
  lat(
    'lattice-unsupported-match',
    'error',
    'A match VPC Lattice cannot express, which fails the whole route: a `RegularExpression` path, query-parameter matches, a non-`Exact` header match, more than 5 header matches, a gRPC method match that is not `Exact` or names a method without a service.',
  ),
  lat(
    'lattice-ignored-feature',
    'warning',
    'A route feature the VPC Lattice controller never reads: rule `filters` (redirects, rewrites, header changes, mirrors), backendRef filters, `timeouts`, `retry`, `sessionPersistence`. Traffic is forwarded unchanged.',
  ),
  lat(
    'lattice-hostnames',
    'warning',
    'A route with several `hostnames` on VPC Lattice: Lattice keeps one custom domain per service, so only the first hostname is used.',
  ),
  lat(
    'lattice-listener-protocol',
    'error',
    'A listener of a VPC Lattice Gateway whose protocol Lattice has no listener for: only HTTP, HTTPS (TLS terminated) and TLS with `mode: Passthrough` exist.',
  ),
  lat(
    'lattice-listener-certificate',
    'info',
    "An HTTPS listener of a VPC Lattice Gateway without `tls.options` `application-networking.k8s.aws/certificate-arn`: its `certificateRefs` are not used; the controller looks for an ACM certificate matching the route's hostname instead.",
  ),
  lat(
    'lattice-backend-kind',
    'error',
    "A backendRef kind VPC Lattice does not accept (only `Service` and `ServiceImport`): the route's references do not resolve (InvalidKind).",
  ),
  lat(
    'lattice-backend-service',
    'error',
    'A backend Service VPC Lattice cannot target: dual-stack (two `ipFamilies`; the controller rejects the route) or `ExternalName`.',
  ),
  lat(
    'lattice-service-name-collision',
    'error',
    'Two routes in one namespace whose generated VPC Lattice service names are equal (first 20 characters of the route name + first 18 of the namespace): they claim the same Lattice service.',
  ),
  lat(
    'lattice-policy-target',
    'error',
    'A VPC Lattice policy whose `targetRef` group/kind that policy cannot attach to (TargetGroupPolicy: Service or ServiceExport; VpcAssociationPolicy: Gateway; AccessLogPolicy and IAMAuthPolicy: Gateway, HTTPRoute, GRPCRoute), or an AccessLogPolicy whose target is in another namespace (Invalid).',
  ),
  {
    ...lat(
      'lattice-policy-target-missing',
      'warning',
      "A VPC Lattice policy whose target is not in the workspace while the namespace has objects of that kind (information otherwise), or whose `targetRef.namespace` differs from the policy's (the controller looks in the policy's namespace).",
    ),
    notInWorkspace: true,
  },
  lat(
    'lattice-policy-conflict',
    'warning',
    'Two VPC Lattice policies of the same kind target the same object: the controller applies the oldest and marks the other Conflicted.',
  ),
  lat(
    'lattice-target-group-policy',
    'error',
    'A TargetGroupPolicy the controller cannot apply: a `protocol` other than HTTP, HTTPS or TCP (the CRD has no enum; VPC Lattice refuses the target group), or a `protocolVersion` together with TCP (the controller refuses to build the target group).',
  ),
  lat('lattice-vpc-association', 'error', 'A VpcAssociationPolicy with more than 5 security groups (a fixed VPC Lattice quota).'),
  lat(
    'lattice-auth-policy',
    'error',
    'The IAM policy document of an IAMAuthPolicy is not valid JSON (reported at the exact character), not an object with `Statement`, has an `Effect` other than Allow/Deny, or exceeds the 10 KB auth-policy quota.',
  ),
  lat(
    'lattice-auth-policy-action',
    'warning',
    'An IAMAuthPolicy statement whose actions are not VPC Lattice service actions (`vpc-lattice-svcs:*`, e.g. `vpc-lattice-svcs:Invoke`): it grants or denies nothing for Lattice traffic.',
  ),
  lat(
    'lattice-annotation-unknown',
    'warning',
    'An `application-networking.k8s.aws/` annotation the controller does not read (typo: suggests the closest), or one it reads on other kinds only, or an output annotation the controller writes itself.',
  ),
  lat(
    'lattice-annotation-value',
    'warning',
    'An `application-networking.k8s.aws/` annotation value the controller rejects or drops: an invalid `service-name-override` (an error: the route is not reconciled), `standalone` other than true/false, a `rule-<n>-priority` that is not an integer, `tags` pairs it drops silently, a malformed `allow-takeover-from` or `target-group-arn`.',
  ),
  lat(
    'lattice-service-import',
    'error',
    'A ServiceImport that sets `target-group-arn` together with a tag-discovery annotation (`export-name`, `aws-vpc`, `aws-eks-cluster-name`): the controller refuses it ("set exactly one").',
  ),
  lat(
    'lattice-service-export',
    'warning',
    'A ServiceExport whose Service (same name, or the `service-name` annotation) is not in the workspace while the namespace has Services, or whose `exportedPorts` name a port the Service does not expose.',
  ),
];

/** The AWS Load Balancer Controller's Gateway support (gateway.k8s.aws/alb and /nlb) and its configuration kinds. */
export const LBC_GATEWAY_CODES: DiagnosticCodeInfo[] = [
  {
    ...lbc(
      'lbc-gateway-config-missing',
      'warning',
      'A Gateway (`infrastructure.parametersRef`) or GatewayClass (`parametersRef`) naming a LoadBalancerConfiguration, a route filter naming a ListenerRuleConfiguration, or a `defaultTargetGroupConfiguration` naming a TargetGroupConfiguration that is not in the workspace while the namespace has such objects (information otherwise).',
    ),
    notInWorkspace: true,
  },
  lbc(
    'lbc-listener-config-unmatched',
    'warning',
    'A LoadBalancerConfiguration `listenerConfigurations[].protocolPort` that matches no listener of the Gateways using it: the settings (certificates, SSL policy, ALPN) apply to nothing.',
  ),
  lbc(
    'lbc-https-no-certificate',
    'warning',
    'An HTTPS (or TLS) listener of a Load Balancer Controller Gateway with no certificate source: no `defaultCertificate` in its LoadBalancerConfiguration and no hostname on the listener or its routes for certificate discovery.',
  ),
  lbc(
    'lbc-tgc-target',
    'warning',
    'A TargetGroupConfiguration whose `targetReference` names a Service that is not in the workspace while the namespace has Services (information otherwise), or two TargetGroupConfigurations for one Service (only one is used).',
  ),
  lbc(
    'lbc-config-value',
    'error',
    'A LoadBalancerConfiguration or TargetGroupConfiguration value ELB rejects, checked by the same rules (and with the same messages) as the matching Ingress annotation: health-check interval 5–300, timeout 2–120, thresholds 2–10, path starting with `/`, port `traffic-port` or 1–65535, certificate ARNs, CIDRs of sourceRanges, SSL policies. The CRDs do not check these.',
  ),
  lbc(
    'lbc-instance-target-clusterip',
    'warning',
    "`targetType: instance` for a backend Service of type ClusterIP: instance targets need a NodePort or LoadBalancer Service (or use `targetType: ip`). Information when no target type is set and the controller's default (instance) applies.",
  ),
  lbc(
    'lbc-ignored-feature',
    'warning',
    "A route or listener feature the Load Balancer Controller's Gateway does not implement: `timeouts`, `retry`, `sessionPersistence`, RequestMirror/ResponseHeaderModifier/CORS/ExternalAuth filters, listener `tls.certificateRefs`/`tls.options` (use a LoadBalancerConfiguration), a path-only ReplacePrefixMatch redirect (ELB rejects the loop).",
  ),
];

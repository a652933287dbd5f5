/**
 * The controller's rules beyond single annotation values, each firing on a manifest written from the
 * controller's code and silent on the corrected one (checkTable). Sources: aws-load-balancer-controller
 * pkg/ingress (function named per case), webhooks/elbv2/ingressclassparams_validator.go, the ELBv2 API, and
 * the EKS user guide (auto-configure-alb, auto-managed-rbac-example) for Auto Mode.
 */
import { checkTable, type CheckCase } from '../../helpers/checkTable';
import { P, ingress, service, ingressClass, classParams, LBC, AUTO } from '../../fixtures/alb/manifests';

const CERT = 'arn:aws:acm:us-west-2:123456789012:certificate/c1';
const HTTPS = '\'[{"HTTPS": 443}]\'';
const lbcClass = (name: string, spec?: string) =>
  ingressClass(name, LBC, spec === undefined ? undefined : name) + (spec === undefined ? '' : '---\n' + classParams(name, spec));
const autoClass = (name: string, spec?: string) =>
  ingressClass(name, AUTO, spec === undefined ? undefined : name) + (spec === undefined ? '' : '---\n' + classParams(name, spec, 'auto'));
const SVC = service('web', {
  ns: 'shop',
  ports: '[{name: http, port: 80, targetPort: 8080}, {name: health, port: 8081, targetPort: 8081}]',
});
const SVC_NAMED = service('web', {
  ns: 'shop',
  ports: '[{name: http, port: 80, targetPort: http}, {name: health, port: 8081, targetPort: health-port}]',
});
const fwd = (svc: string) =>
  `'{"type": "forward", "forwardConfig": {"targetGroups": [{"serviceName": "${svc}", "servicePort": 80, "weight": 90}, {"serviceName": "other", "servicePort": 80, "weight": 10}]}}'`;

/** The wrong (fire) and the right (silent) form of a case: an Ingress with one annotation, two values. */
const annotationPair = (key: string, wrong: string, right: string) => ({
  fire: ingress({ [key]: wrong }),
  silent: ingress({ [key]: right }),
});

const cases: CheckCase[] = [
  // --- IngressClassParams win over annotations (false findings removed)
  {
    code: 'alb-ssl-redirect-no-https',
    name: 'certificates from IngressClassParams make the default listener HTTPS:443',
    source: 'model_build_listener.go computeIngressExplicitTLSCertARNs, computeIngressListenPorts',
    fire: ingress({ 'ssl-redirect': "'443'" }, { cls: 'plain' }),
    at: "'443'",
    silent: ingress({ 'ssl-redirect': "'443'" }, { cls: 'secure' }),
    files: { 'c.yaml': lbcClass('plain') + '---\n' + lbcClass('secure', `certificateArn:\n  - ${CERT}`) },
  },
  {
    code: 'alb-listener-tls',
    name: 'an HTTPS listener with its certificate from IngressClassParams',
    source: 'model_build_listener.go computeIngressExplicitTLSCertARNs',
    fire: ingress({ 'listen-ports': HTTPS }, { cls: 'plain' }),
    at: P + 'listen-ports',
    silent: ingress({ 'listen-ports': HTTPS }, { cls: 'secure' }),
    files: { 'c.yaml': lbcClass('plain') + '---\n' + lbcClass('secure', `certificateArn:\n  - ${CERT}`) },
  },
  {
    code: 'alb-listener-tls',
    name: 'Auto Mode certificateARNs',
    source: 'EKS user guide auto-configure-alb (certificateARNs)',
    fire: ingress({ 'listen-ports': HTTPS }, { cls: 'auto-plain' }),
    at: P + 'listen-ports',
    silent: ingress({ 'listen-ports': HTTPS }, { cls: 'auto-secure' }),
    files: { 'c.yaml': autoClass('auto-plain') + '---\n' + autoClass('auto-secure', `certificateARNs:\n  - ${CERT}`) },
  },
  {
    code: 'alb-annotation-ignored',
    name: 'an annotation the class sets',
    source: 'model_build_load_balancer.go buildLoadBalancerScheme (IngClassParams.Spec.Scheme first)',
    severity: 'info',
    fire: ingress({ scheme: 'internal' }, { cls: 'public' }),
    at: P + 'scheme',
    silent: ingress({ scheme: 'internal' }, { cls: 'plain' }),
    files: { 'c.yaml': lbcClass('plain') + '---\n' + lbcClass('public', 'scheme: internet-facing') },
  },
  {
    code: 'alb-instance-target-clusterip',
    name: "the class's targetType wins over the Ingress annotation",
    source: 'model_build_target_group.go buildTargetGroupTargetType',
    fire: ingress({ 'target-type': 'ip' }, { ns: 'shop', cls: 'inst' }),
    at: 'web',
    silent: ingress({ 'target-type': 'instance' }, { ns: 'shop', cls: 'iptargets' }),
    files: { 's.yaml': SVC, 'c.yaml': lbcClass('inst', 'targetType: instance') + '---\n' + lbcClass('iptargets', 'targetType: ip') },
  },
  {
    code: 'alb-instance-target-clusterip',
    name: 'targets of a weighted action',
    source: 'enhanced_backend_builder.go buildActionViaAnnotation → model_build_target_group.go buildTargetGroupSpec',
    fire: ingress(
      { 'target-type': 'instance', 'actions.bg': fwd('web') },
      { ns: 'shop', backends: [{ name: 'bg', port: 'use-annotation' }] },
    ),
    at: '"web"',
    silent: ingress({ 'target-type': 'ip', 'actions.bg': fwd('web') }, { ns: 'shop', backends: [{ name: 'bg', port: 'use-annotation' }] }),
    files: { 's.yaml': SVC },
  },
  // --- Health checks per target group
  {
    code: 'alb-health-check',
    name: 'interval not above timeout',
    source: 'ELBv2 CreateTargetGroup (timeout < interval)',
    fire: ingress({ 'healthcheck-interval-seconds': "'5'", 'healthcheck-timeout-seconds': "'5'" }),
    at: "'5'",
    silent: ingress({ 'healthcheck-interval-seconds': "'10'", 'healthcheck-timeout-seconds': "'5'" }),
  },
  {
    code: 'alb-health-check',
    name: 'the default timeout of 5',
    source: 'model_builder.go defaultHealthCheckTimeoutSeconds',
    ...annotationPair('healthcheck-interval-seconds', "'5'", "'6'"),
    at: "'5'",
  },
  {
    code: 'alb-health-check',
    name: 'the backend Service in the workspace leaves the default timeout: an error',
    source: 'model_builder.go defaultHealthCheckTimeoutSeconds',
    severity: 'error',
    fire: ingress({ 'healthcheck-interval-seconds': "'5'" }, { ns: 'shop' }),
    at: "'5'",
    silent: ingress({ 'healthcheck-interval-seconds': "'6'" }, { ns: 'shop' }),
    files: { 's.yaml': service('web', { ns: 'shop' }) },
  },
  {
    code: 'alb-health-check',
    name: 'the backend Service outside the workspace: a warning, its own annotations would win',
    source: 'model_build_target_group.go buildTargetGroupSpec (MergeStringMap(svc, ing))',
    severity: 'warning',
    fire: ingress({ 'healthcheck-interval-seconds': "'5'" }, { ns: 'shop' }),
    at: "'5'",
    silent: ingress({ 'healthcheck-interval-seconds': "'6'" }, { ns: 'shop' }),
  },
  {
    code: 'alb-health-check',
    name: 'no Service target group: target groups by ARN take none of these settings',
    source: 'model_build_actions.go buildForwardAction (a targetGroupARN is used as given: no target group is built)',
    fire: ingress({ 'healthcheck-interval-seconds': "'5'" }, { ns: 'shop' }),
    at: "'5'",
    silent: ingress(
      {
        'healthcheck-interval-seconds': "'5'",
        'actions.tg': `'{"type": "forward", "targetGroupARN": "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/web/0123456789abcdef"}'`,
      },
      { ns: 'shop', backends: [{ name: 'tg', port: 'use-annotation' }] },
    ),
  },
  {
    code: 'alb-health-check',
    name: 'the default interval of 15, timeout on the Service',
    source: 'model_build_target_group.go buildTargetGroupSpec (Service annotations over the Ingress)',
    fire: service('web', { ns: 'shop', ann: { 'healthcheck-timeout-seconds': "'20'" } }),
    at: "'20'",
    silent: service('web', { ns: 'shop', ann: { 'healthcheck-timeout-seconds': "'10'" } }),
    files: { 'i.yaml': ingress({ scheme: 'internal' }, { ns: 'shop' }) },
  },
  {
    code: 'alb-health-check',
    name: 'gRPC codes with GRPC on the Service',
    source: 'model_build_target_group.go buildTargetGroupHealthCheckMatcher (GRPCCode)',
    fire: ingress({ 'success-codes': "'200'" }, { ns: 'shop' }),
    at: "'200'",
    silent: ingress({ 'success-codes': "'12'" }, { ns: 'shop' }),
    files: { 's.yaml': service('web', { ns: 'shop', ann: { 'backend-protocol-version': 'GRPC' } }) },
  },
  {
    code: 'alb-health-check',
    name: 'a gRPC code for an HTTP target group',
    source: 'model_build_target_group.go buildTargetGroupHealthCheckMatcher (HTTPCode 200–499)',
    fire: ingress({ 'success-codes': "'12'" }),
    at: "'12'",
    silent: ingress({ 'success-codes': "'12'", 'backend-protocol-version': 'GRPC' }),
  },
  {
    code: 'alb-health-check',
    name: 'a named healthcheck-port the Service lacks',
    source: 'model_build_target_group.go buildTargetGroupHealthCheckPort (LookupServicePort)',
    fire: ingress({ 'healthcheck-port': 'status' }, { ns: 'shop' }),
    at: 'status',
    silent: ingress({ 'healthcheck-port': 'health' }, { ns: 'shop' }),
    files: { 's.yaml': SVC },
  },
  {
    code: 'alb-health-check',
    name: 'a named healthcheck-port with a named targetPort and ip targets',
    source: 'model_build_target_group.go buildTargetGroupHealthCheckPort (IP TargetType)',
    fire: ingress({ 'healthcheck-port': 'health', 'target-type': 'ip' }, { ns: 'shop' }),
    at: 'health',
    silent: ingress({ 'healthcheck-port': "'8081'", 'target-type': 'ip' }, { ns: 'shop' }),
    files: { 's.yaml': SVC_NAMED },
  },
  {
    code: 'alb-target-control-port',
    source: 'model_build_target_group.go buildTargetGroupSpec (target control port is not supported for instance target)',
    fire: ingress({ 'target-type': 'instance', 'target-control-port.web.80': "'3000'" }, { ns: 'shop' }),
    at: "'3000'",
    silent: ingress({ 'target-type': 'ip', 'target-control-port.web.80': "'3000'" }, { ns: 'shop' }),
    files: { 's.yaml': service('web', { ns: 'shop', type: 'NodePort' }) },
  },
  // --- Authentication
  {
    code: 'alb-auth',
    name: 'auth-type without its IdP',
    source: 'model_build_actions.go buildAuthenticateCognitoAction (missing IDPConfigCognito)',
    fire: ingress({ 'listen-ports': HTTPS, 'certificate-arn': CERT, 'auth-type': 'cognito' }, { ns: 'shop' }),
    at: 'cognito',
    silent: ingress(
      {
        'listen-ports': HTTPS,
        'certificate-arn': CERT,
        'auth-type': 'cognito',
        'auth-idp-cognito':
          '\'{"userPoolARN": "arn:aws:cognito-idp:us-west-2:123456789012:userpool/p", "userPoolClientID": "c", "userPoolDomain": "d"}\'',
      },
      { ns: 'shop' },
    ),
    files: { 's.yaml': service('web', { ns: 'shop' }) },
  },
  {
    code: 'alb-auth',
    name: 'JWT validation with auth-type',
    source: "model_build_actions.go buildActions (authentication and jwt validation can't both be configured)",
    fire: ingress({
      'listen-ports': HTTPS,
      'certificate-arn': CERT,
      'auth-type': 'oidc',
      'auth-idp-oidc':
        '\'{"issuer": "https://i", "authorizationEndpoint": "https://a", "tokenEndpoint": "https://t", "userInfoEndpoint": "https://u", "secretName": "s"}\'',
      'jwt-validation': '\'{"jwksEndpoint": "https://i/jwks", "issuer": "https://i"}\'',
    }),
    at: P + 'jwt-validation',
    silent: ingress({
      'listen-ports': HTTPS,
      'certificate-arn': CERT,
      'jwt-validation': '\'{"jwksEndpoint": "https://i/jwks", "issuer": "https://i"}\'',
    }),
  },
  // --- WAF
  {
    code: 'alb-annotation-ignored',
    name: 'wafv2-acl-name hides wafv2-acl-arn',
    source: 'model_build_load_balancer_addons.go buildWAFv2WebACLAssociation',
    fire: ingress({ 'wafv2-acl-name': 'acl', 'wafv2-acl-arn': 'arn:aws:wafv2:us-west-2:123456789012:regional/webacl/acl/1' }),
    at: P + 'wafv2-acl-arn',
    silent: ingress({ 'wafv2-acl-arn': 'arn:aws:wafv2:us-west-2:123456789012:regional/webacl/acl/1' }),
  },
  {
    code: 'alb-annotation-ignored',
    name: 'waf-acl-id hides web-acl-id',
    source: 'model_build_load_balancer_addons.go buildWAFRegionalWebACLAssociation',
    fire: ingress({ 'waf-acl-id': 'acl-1', 'web-acl-id': 'acl-1' }),
    at: P + 'web-acl-id',
    silent: ingress({ 'web-acl-id': 'acl-1' }),
  },
  {
    code: 'alb-waf-conflict',
    source: 'model_build_load_balancer_addons.go buildLoadBalancerAddOns (WAFv2 and WAF Regional associations)',
    fire: ingress({ 'waf-acl-id': 'acl-1', 'wafv2-acl-name': 'acl' }),
    at: P + 'waf-acl-id',
    silent: ingress({ 'wafv2-acl-name': 'acl' }),
  },
  {
    code: 'alb-waf-conflict',
    name: 'across an IngressGroup',
    source: 'model_build_load_balancer_addons.go (one association per group)',
    fire: ingress({ 'group.name': 'team', 'waf-acl-id': 'acl-1' }),
    at: P + 'waf-acl-id',
    silent: ingress({ 'group.name': 'other', 'waf-acl-id': 'acl-1' }),
    files: { 'b.yaml': ingress({ 'group.name': 'team', 'wafv2-acl-name': 'acl' }, { name: 'b' }) },
  },
  // --- Listeners
  {
    code: 'alb-annotation-ignored',
    name: 'listener attributes for a port that is not a listener',
    source: 'model_build_listener.go buildIngressListenerAttributes (read per listener)',
    fire: ingress({ 'listener-attributes.HTTPS-443': 'routing.http.response.server.enabled=false' }),
    at: P + 'listener-attributes.HTTPS-443',
    silent: ingress({
      'listen-ports': HTTPS,
      'certificate-arn': CERT,
      'listener-attributes.HTTPS-443': 'routing.http.response.server.enabled=false',
    }),
  },
  {
    code: 'alb-annotation-ignored',
    name: 'an mTLS entry for a port that is not an HTTPS listener',
    source: 'model_build_listener.go computeIngressListenPortConfigByPort (mutualAuthentication per HTTPS port)',
    fire: ingress({
      'listen-ports': HTTPS,
      'certificate-arn': CERT,
      'mutual-authentication': '\'[{"port": 8443, "mode": "passthrough"}]\'',
    }),
    at: P + 'mutual-authentication',
    silent: ingress({
      'listen-ports': HTTPS,
      'certificate-arn': CERT,
      'mutual-authentication': '\'[{"port": 443, "mode": "passthrough"}]\'',
    }),
  },
  // --- Load balancer settings
  {
    code: 'alb-ip-address-type',
    source: 'ELBv2 CreateLoadBalancer (dualstack-without-public-ipv4 needs internet-facing)',
    fire: ingress({ scheme: 'internal', 'ip-address-type': 'dualstack-without-public-ipv4' }),
    at: 'dualstack-without-public-ipv4',
    silent: ingress({ scheme: 'internet-facing', 'ip-address-type': 'dualstack-without-public-ipv4' }),
  },
  {
    code: 'alb-frontend-nlb',
    name: 'Elastic IPs for an internal frontend NLB',
    source: 'model_build_frontend_nlb.go validateEIPAllocations',
    fire: ingress({
      'enable-frontend-nlb': "'true'",
      'frontend-nlb-scheme': 'internal',
      'frontend-nlb-eip-allocations': 'eipalloc-1,eipalloc-2',
    }),
    at: 'eipalloc-1,eipalloc-2',
    silent: ingress({
      'enable-frontend-nlb': "'true'",
      'frontend-nlb-scheme': 'internet-facing',
      'frontend-nlb-eip-allocations': 'eipalloc-1,eipalloc-2',
    }),
  },
  {
    code: 'alb-frontend-nlb',
    name: 'one Elastic IP per subnet',
    source: 'model_build_frontend_nlb.go buildFrontendNlbSubnetMappings (count of EIP allocations and subnets must match)',
    fire: ingress({
      'enable-frontend-nlb': "'true'",
      'frontend-nlb-scheme': 'internet-facing',
      'frontend-nlb-subnets': 'subnet-a,subnet-b',
      'frontend-nlb-eip-allocations': 'eipalloc-1',
    }),
    at: 'eipalloc-1',
    silent: ingress({
      'enable-frontend-nlb': "'true'",
      'frontend-nlb-scheme': 'internet-facing',
      'frontend-nlb-subnets': 'subnet-a,subnet-b',
      'frontend-nlb-eip-allocations': 'eipalloc-1,eipalloc-2',
    }),
  },
  {
    code: 'alb-annotation-value',
    name: 'frontend NLB health-check port by name',
    source: 'model_build_frontend_nlb.go buildFrontendNlbTargetGroupHealthCheckPort',
    ...annotationPair('frontend-nlb-healthcheck-port', 'http', "'80'"),
    at: 'http',
  },
  {
    code: 'alb-annotation-value',
    name: 'port mapping with a non-integer',
    source: 'model_build_frontend_nlb.go parseFrontendNlbListenerPortMapping',
    ...annotationPair('frontend-nlb-listener-port-mapping', '80=https', '80=443'),
    at: '80=https',
  },
  {
    code: 'alb-annotation-value',
    name: 'capacity key',
    source: 'model_build_load_balancer_capacity_reservation.go buildLoadBalancerMinimumCapacity (Expected key: CapacityUnits)',
    ...annotationPair('minimum-load-balancer-capacity', 'capacityUnits=100', 'CapacityUnits=100'),
    at: 'capacityUnits=100',
  },
  {
    code: 'alb-annotation-value',
    name: 'empty customer-owned-ipv4-pool',
    source: 'model_build_load_balancer.go buildLoadBalancerCOIPv4Pool (cannot use empty value)',
    ...annotationPair('customer-owned-ipv4-pool', "''", 'ipv4pool-coip-1'),
    at: "''",
  },
  {
    code: 'alb-annotation-value',
    name: "success codes outside ELB's ranges",
    source: 'ELBv2 Matcher (HttpCode 200–499, GrpcCode 0–99)',
    ...annotationPair('success-codes', "'200-599'", "'200-499'"),
    at: "'200-599'",
  },
  // --- Classes
  {
    code: 'alb-no-class',
    source: 'group_loader.go classifyIngress (no class: managed only with an empty --ingress-class)',
    fire: ingress({ scheme: 'internal' }, { cls: null }),
    at: P + 'scheme',
    silent: ingress({ scheme: 'internal' }),
    files: { 'c.yaml': ingressClass('alb', LBC) },
  },
  {
    code: 'alb-auto-mode-unsupported',
    name: 'listener attributes',
    source: 'EKS user guide auto-configure-alb (ListenerAttribute cannot be set)',
    fire: ingress({ 'listener-attributes.HTTP-80': 'routing.http.response.server.enabled=false' }, { cls: 'auto' }),
    at: P + 'listener-attributes.HTTP-80',
    silent: ingress({ scheme: 'internal' }, { cls: 'auto' }),
    files: { 'c.yaml': ingressClass('auto', AUTO) },
  },
  {
    code: 'alb-auto-mode-secret-access',
    source: 'EKS user guide auto-managed-rbac-example (Role + RoleBinding to eks:managed)',
    severity: 'info',
    fire: ingress(
      {
        'auth-type': 'oidc',
        'auth-idp-oidc':
          '\'{"issuer": "https://i", "authorizationEndpoint": "https://a", "tokenEndpoint": "https://t", "userInfoEndpoint": "https://u", "secretName": "oidc"}\'',
      },
      { ns: 'monitoring', cls: 'auto' },
    ),
    at: 'oidc',
    silent: ingress(
      {
        'auth-type': 'oidc',
        'auth-idp-oidc':
          '\'{"issuer": "https://i", "authorizationEndpoint": "https://a", "tokenEndpoint": "https://t", "userInfoEndpoint": "https://u", "secretName": "oidc"}\'',
      },
      { ns: 'shop', cls: 'auto' },
    ),
    files: {
      'c.yaml': ingressClass('auto', AUTO),
      'rbac.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: [secrets]\n    resourceNames: [oidc]\n    verbs: [get]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: reader\n  namespace: shop\nsubjects:\n  - kind: Group\n    name: eks:managed\n    apiGroup: rbac.authorization.k8s.io\nroleRef:\n  kind: Role\n  name: reader\n  apiGroup: rbac.authorization.k8s.io\n',
    },
  },
  // --- IngressClassParams and IngressClasses
  {
    code: 'alb-class-params',
    name: "the Auto Mode spelling on the controller's IngressClassParams",
    source: 'apis/elbv2/v1beta1/ingressclassparams_types.go (certificateArn)',
    fire: classParams('p', `certificateARNs:\n  - ${CERT}`),
    at: 'certificateARNs',
    silent: classParams('p', `certificateArn:\n  - ${CERT}`),
  },
  {
    code: 'alb-class-params',
    name: "the controller's spelling in Auto Mode",
    source: 'EKS user guide auto-configure-alb (spec.certificateARNs, spec.subnets.matchTags)',
    fire: classParams('p', 'subnets:\n  tags:\n    kubernetes.io/role/elb: ["1"]', 'auto'),
    at: 'tags',
    silent: classParams('p', 'subnets:\n  matchTags:\n    kubernetes.io/role/elb: ["1"]', 'auto'),
  },
  {
    code: 'alb-class-params',
    name: 'Auto Mode listener attributes',
    source: 'EKS user guide auto-configure-alb (listenerAttributes not supported)',
    severity: 'warning',
    fire: classParams(
      'p',
      'listeners:\n  - protocol: HTTPS\n    port: 443\n    listenerAttributes:\n      - key: routing.http.response.server.enabled\n        value: "false"',
      'auto',
    ),
    at: 'listenerAttributes',
    silent: classParams('p', 'scheme: internal', 'auto'),
  },
  {
    code: 'alb-class-params',
    name: 'an inbound CIDR with host bits',
    source: 'webhooks/elbv2/ingressclassparams_validator.go validateCIDR',
    fire: classParams('p', 'inboundCIDRs:\n  - 10.0.0.1/8'),
    at: '10.0.0.1/8',
    silent: classParams('p', 'inboundCIDRs:\n  - 10.0.0.0/8'),
  },
  {
    code: 'alb-class-params',
    name: 'subnets with ids and tags',
    source: 'webhooks/elbv2/ingressclassparams_validator.go checkSubnetSelectors',
    fire: classParams('p', 'subnets:\n  ids: [subnet-1]\n  tags:\n    Name: [a]'),
    at: 'tags',
    silent: classParams('p', 'subnets:\n  ids: [subnet-1]'),
  },
  {
    code: 'alb-class-params',
    name: 'an invalid group name',
    source: 'group_loader.go loadGroupID (validateGroupName)',
    fire: classParams('p', 'group:\n  name: Team_A'),
    at: 'Team_A',
    silent: classParams('p', 'group:\n  name: team-a'),
  },
  {
    code: 'alb-class-params',
    name: 'sslRedirectPort that is not a number',
    source: 'model_builder.go buildSSLRedirectConfig (ParseInt error: no redirect)',
    severity: 'warning',
    fire: classParams('p', 'sslRedirectPort: https'),
    at: 'https',
    silent: classParams('p', 'sslRedirectPort: "443"'),
  },
  {
    code: 'alb-class-params-ref',
    source: 'class_loader.go Load (references unknown parameters)',
    fire: ingressClass('alb', LBC, 'p', { apiGroup: 'eks.amazonaws.com' }),
    at: 'eks.amazonaws.com',
    silent: ingressClass('alb', LBC, 'p'),
  },
  {
    code: 'alb-class-params-ref',
    name: 'IngressClassParams not in a workspace that holds others',
    source: 'class_loader.go Load (IngressClassParams NotFound)',
    severity: 'info',
    fire: ingressClass('alb', LBC, 'missing'),
    at: 'missing',
    silent: ingressClass('alb', LBC, 'p'),
    files: { 'p.yaml': classParams('p', 'scheme: internal') },
  },
];

checkTable('ALB controller rules', cases);

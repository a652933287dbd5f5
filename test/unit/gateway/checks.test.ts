/**
 * Every diagnostic code of the Gateway API core and VPC Lattice checks: firing on the wrong form, silent on the
 * right one (real parser, real service), with the exact text of the range. Each case names the upstream source
 * of the rule it holds us to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, withCode } from '../../helpers/service';
import {
  BACKENDS,
  LATTICE_CLASS,
  SERVICES,
  WORKSPACE,
  lattice,
  latticeGateway,
  matching,
  rangeText,
  route,
  service,
  splitRoute,
  targetRef,
} from '../../helpers/gatewayFixtures';
import { GATEWAY_CODES, LATTICE_CODES } from '../../../server/src/service/gateway/codes';

interface Case {
  code: string;
  /** Where the rule comes from (repository + path, or a documentation URL). */
  source: string;
  fire: string;
  silent: string;
  /** The exact text the first finding's range covers. */
  fireText?: string;
  /** Other files of the workspace (default: the Lattice class, Gateway and Services above). */
  files?: Record<string, string>;
  /** Files for the silent form when they differ (e.g. a ReferenceGrant added). */
  silentFiles?: Record<string, string>;
  severity?: 1 | 2 | 3 | 4;
}

const tgp = (service: string, name = 'tgp') => lattice('TargetGroupPolicy', name, targetRef('Service', service), { namespace: 'shop' });
const vap = (target: string) => lattice('VpcAssociationPolicy', 'vap', `${target}\nsecurityGroupIds: [sg-0a1b2c3d]`, { namespace: 'shop' });
const iam = (policy: string) => lattice('IAMAuthPolicy', 'iap', `policy: ${policy}`);
/** One IAM policy statement (JSON) allowing vpc-lattice-svcs:Invoke to everyone, unless told otherwise. */
const statement = ({ effect = 'Allow', action = '"vpc-lattice-svcs:Invoke"' } = {}) =>
  `{"Effect":"${effect}","Principal":"*","Action":${action},"Resource":"*"}`;
const TARGET_GROUP_ARN =
  'application-networking.k8s.aws/target-group-arn: arn:aws:vpc-lattice:us-west-2:123456789012:targetgroup/tg-0123456789abcdef0';
const serviceImport = (annotations: string) =>
  lattice('ServiceImport', 'legacy', 'type: ClusterSetIP\nports: [{port: 80}]', { annotations });
const serviceExport = (name: string, port: number) =>
  lattice('ServiceExport', name, `exportedPorts:\n- port: ${port}\n  routeType: HTTP`, { namespace: 'shop' });

const cases: Case[] = [
  // ---------------------------------------------------------------------------------------- versions
  {
    code: 'gateway-api-version',
    source: 'kubernetes-sigs/gateway-api v1.5.0 config/crd/standard/gateway.networking.k8s.io_tlsroutes.yaml (v1alpha2 served: false)',
    fire: route('- backendRefs:\n  - name: checkout-v1\n    port: 80', {
      kind: 'TLSRoute',
      apiVersion: 'gateway.networking.k8s.io/v1alpha2',
    }),
    silent: route('- backendRefs:\n  - name: checkout-v1\n    port: 80', { kind: 'TLSRoute' }),
    fireText: 'gateway.networking.k8s.io/v1alpha2',
    severity: 1,
  },
  {
    code: 'gateway-api-version',
    source:
      'aws/aws-application-networking-k8s v2.1.3 config/crds/bases/application-networking.k8s.aws_targetgrouppolicies.yaml (v1alpha1 only)',
    fire: lattice('TargetGroupPolicy', 'tgp', undefined, { apiVersion: 'application-networking.k8s.aws/v1beta1' }),
    silent: lattice('TargetGroupPolicy', 'tgp'),
    fireText: 'application-networking.k8s.aws/v1beta1',
  },
  {
    code: 'gateway-api-unknown-kind',
    source: 'kubernetes-sigs/gateway-api v1.5.0 config/crd/standard (kind names)',
    fire: splitRoute({ kind: 'HttpRoute' }),
    silent: splitRoute(),
    fireText: 'HttpRoute',
  },
  {
    code: 'gateway-api-version-deprecated',
    source:
      'kubernetes-sigs/aws-load-balancer-controller v3.5.0 config/crd/gateway/gateway.k8s.aws_loadbalancerconfigurations.yaml (v1beta1 deprecated)',
    fire: 'apiVersion: gateway.k8s.aws/v1beta1\nkind: LoadBalancerConfiguration\nmetadata:\n  name: lb\n',
    silent: 'apiVersion: gateway.k8s.aws/v1\nkind: LoadBalancerConfiguration\nmetadata:\n  name: lb\n',
    fireText: 'gateway.k8s.aws/v1beta1',
    severity: 3,
  },
  // ---------------------------------------------------------------------------------------- weights
  {
    code: 'gateway-weights-all-zero',
    source:
      'gateway-api v1.5.0 httproutes CRD: backendRefs[].weight "If weight is set to 0, no traffic should be forwarded for this entry"',
    fire: route('- ' + BACKENDS.replace('90', '0').replace('10', '0')),
    silent: route('- ' + BACKENDS.replace('90', '0')),
    fireText: 'backendRefs',
  },
  {
    code: 'gateway-weight-limit',
    source: 'docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_WeightedTargetGroup.html (weight 0–999)',
    fire: route('- ' + BACKENDS.replace('90', '9000').replace('10', '1000')),
    silent: route('- ' + BACKENDS.replace('90', '900').replace('10', '100')),
    fireText: '9000',
    severity: 1,
  },
  // ---------------------------------------------------------------------------------------- references
  {
    code: 'gateway-parent-missing',
    source: 'gateway-api spec: parentRefs name a Gateway in the route namespace unless namespace is set',
    fire: splitRoute({ parent: '- name: shop-nett' }),
    silent: splitRoute({ parent: '- name: shop-net' }),
    fireText: 'shop-nett',
    severity: 2,
  },
  {
    code: 'gateway-parent-listener',
    source: 'aws-application-networking-k8s pkg/controllers/route_controller.go validateRouteParentRefs (NoMatchingParent)',
    fire: splitRoute({ parent: '- name: shop-net\n  sectionName: htps' }),
    silent: splitRoute({ parent: '- name: shop-net\n  sectionName: https' }),
    fireText: 'htps',
    severity: 1,
  },
  {
    code: 'gateway-parent-listener',
    source: 'route_controller.go validateRouteParentRefs: parentRef.port must equal a listener port',
    fire: splitRoute({ parent: '- name: shop-net\n  port: 8080' }),
    silent: splitRoute({ parent: '- name: shop-net\n  port: 443' }),
    fireText: '8080',
  },
  {
    code: 'gateway-parent-not-allowed',
    source: 'aws-application-networking-k8s pkg/model/core/route.go IsRouteAllowedByListener (from: Same is the default)',
    fire: splitRoute({ parent: '- name: shop-net\n  namespace: shop' }).replace('namespace: shop\nspec', 'namespace: web\nspec'),
    silent: splitRoute({ parent: '- name: shop-net\n  namespace: shop' }),
    fireText: 'shop-net',
    files: { 'class.yaml': LATTICE_CLASS, 'gw.yaml': latticeGateway(), 'svc.yaml': SERVICES.replace(/shop/g, 'web') },
  },
  {
    code: 'gateway-parent-not-allowed',
    source: 'route.go isRouteKindAllowedByListener: an HTTP listener takes HTTPRoute only on Lattice',
    fire: route('- backendRefs:\n  - name: checkout-v1\n    port: 80', { kind: 'GRPCRoute' }),
    silent: route('- backendRefs:\n  - name: checkout-v1\n    port: 80', {
      kind: 'GRPCRoute',
      parent: '- name: shop-net\n  sectionName: https',
    }),
    fireText: 'shop-net',
  },
  {
    code: 'gateway-parent-not-allowed',
    source: 'route.go hostnamesIntersect (NoMatchingListenerHostname)',
    fire: splitRoute({ hostnames: '- shop.example.org' }),
    silent: splitRoute({ hostnames: '- api.example.com' }),
    fireText: 'shop-net',
    files: {
      'class.yaml': LATTICE_CLASS,
      'gw.yaml': latticeGateway('    - name: http\n      protocol: HTTP\n      port: 80\n      hostname: "*.example.com"'),
      'svc.yaml': SERVICES,
    },
  },
  {
    code: 'gateway-backend-missing',
    source: 'route_controller.go validateBackedRefs (BackendNotFound)',
    fire: route('- ' + BACKENDS.replace('checkout-v2', 'checkout-v3')),
    silent: splitRoute(),
    fireText: 'checkout-v3',
    severity: 2,
  },
  {
    code: 'gateway-backend-missing',
    source: 'gateway-api HTTPBackendRef: port is the Service port',
    fire: route('- ' + BACKENDS.replace('port: 80\n    weight: 10', 'port: 8080\n    weight: 10')),
    silent: splitRoute(),
    fireText: '8080',
  },
  {
    code: 'gateway-reference-grant-missing',
    source:
      'gateway-api ReferenceGrant (GEP-709); aws-load-balancer-controller pkg/gateway/routeutils/backend_service.go (RefNotPermitted)',
    fire: route('- backendRefs:\n  - name: billing\n    namespace: pay\n    port: 80'),
    fireText: 'pay',
    severity: 3,
    silent: route('- backendRefs:\n  - name: billing\n    namespace: pay\n    port: 80'),
    silentFiles: {
      ...WORKSPACE,
      'grant.yaml':
        'apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: from-shop\n  namespace: pay\nspec:\n  from:\n  - group: gateway.networking.k8s.io\n    kind: HTTPRoute\n    namespace: shop\n  to:\n  - group: ""\n    kind: Service\n',
    },
  },
  {
    code: 'gateway-class-missing',
    source: 'aws-application-networking-k8s pkg/k8s/utils.go IsControlledByLatticeGatewayController (the class decides)',
    fire: latticeGateway().replace('gatewayClassName: amazon-vpc-lattice', 'gatewayClassName: amazon-vpc-latice'),
    silent: latticeGateway(),
    fireText: 'amazon-vpc-latice',
    severity: 2,
    files: { 'class.yaml': LATTICE_CLASS },
  },
  // ---------------------------------------------------------------------------------------- Lattice routes
  {
    code: 'lattice-multiple-matches',
    source: 'aws-application-networking-k8s pkg/gateway/model_build_rule.go LATTICE_NO_SUPPORT_FOR_MULTIPLE_MATCHES; issue #520',
    fire: matching('- path:\n    type: PathPrefix\n    value: /cart\n- path:\n    type: PathPrefix\n    value: /orders'),
    silent: matching('- path:\n    type: PathPrefix\n    value: /cart'),
    fireText: 'matches',
    severity: 1,
  },
  {
    code: 'lattice-unsupported-match',
    source: 'model_build_rule.go LATTICE_UNSUPPORTED_PATH_MATCH_TYPE',
    fire: matching('- path:\n    type: RegularExpression\n    value: /cart/.*'),
    silent: matching('- path:\n    type: Exact\n    value: /cart'),
    fireText: 'RegularExpression',
  },
  {
    code: 'lattice-unsupported-match',
    source: 'model_build_rule.go LATTICE_UNSUPPORTED_MATCH_TYPE (query parameters)',
    fire: matching('- queryParams:\n  - name: beta\n    value: "1"'),
    silent: matching('- headers:\n  - name: beta\n    value: "1"'),
    fireText: 'queryParams',
  },
  {
    code: 'lattice-unsupported-match',
    source: 'model_build_rule.go LATTICE_EXCEED_MAX_HEADER_MATCHES (5)',
    fire: matching('- headers:\n' + [1, 2, 3, 4, 5, 6].map((i) => `  - name: h${i}\n    value: v`).join('\n')),
    silent: matching('- headers:\n' + [1, 2, 3, 4, 5].map((i) => `  - name: h${i}\n    value: v`).join('\n')),
    fireText: 'h6',
  },
  {
    code: 'lattice-unsupported-match',
    source: 'model_build_rule.go LATTICE_UNSUPPORTED_HEADER_MATCH_TYPE',
    fire: matching('- headers:\n  - name: x-user\n    type: RegularExpression\n    value: "a.*"'),
    silent: matching('- headers:\n  - name: x-user\n    type: Exact\n    value: "a"'),
    fireText: 'RegularExpression',
  },
  {
    code: 'lattice-ignored-feature',
    source: 'aws-application-networking-k8s: no code path under pkg/ reads HTTPRoute filters, timeouts or retry',
    fire: route('- ' + BACKENDS + '\n  timeouts:\n    request: 10s'),
    silent: splitRoute(),
    fireText: 'timeouts',
    severity: 2,
  },
  {
    code: 'lattice-ignored-feature',
    source: 'same: rule filters are not read',
    fire: route(
      '- ' +
        BACKENDS +
        '\n  filters:\n  - type: RequestHeaderModifier\n    requestHeaderModifier:\n      add:\n      - name: x\n        value: y',
    ),
    silent: splitRoute(),
    fireText: 'filters',
  },
  {
    code: 'lattice-hostnames',
    source: 'aws-application-networking-k8s docs/guides/custom-domain-name.md (one custom domain per service, first hostname used)',
    fire: splitRoute({ hostnames: '- a.example.com\n- b.example.com' }),
    silent: splitRoute({ hostnames: '- a.example.com' }),
    fireText: 'b.example.com',
  },
  {
    code: 'lattice-backend-kind',
    source: 'route_controller.go validBackendKinds = Service, ServiceImport (InvalidKind)',
    fire: route('- backendRefs:\n  - name: legacy\n    kind: TargetGroupName\n    group: ""'),
    silent: route('- backendRefs:\n  - name: checkout-v1\n    kind: Service\n    port: 80'),
    fireText: 'TargetGroupName',
  },
  {
    code: 'lattice-backend-service',
    source: 'route_controller.go validateBackendRefsIpFamilies ("Invalid IpFamilies")',
    fire: route('- backendRefs:\n  - name: dual\n    port: 80'),
    silent: route('- backendRefs:\n  - name: single\n    port: 80'),
    fireText: 'dual',
    files: {
      ...WORKSPACE,
      'dual.yaml':
        service('dual', 'shop', '  ipFamilies: [IPv4, IPv6]\n  ports:\n    - port: 80\n') +
        '---\n' +
        service('single', 'shop', '  ipFamilies: [IPv4]\n  ports:\n    - port: 80\n'),
    },
  },
  {
    code: 'lattice-service-name-collision',
    source: 'aws-application-networking-k8s pkg/utils/common.go LatticeServiceName (20 + 18 characters); issues #657, #798',
    fire: splitRoute({ name: 'checkout-frontend-service-a' }),
    silent: splitRoute({ name: 'checkout-frontend-a' }),
    fireText: 'checkout-frontend-service-a',
    files: { ...WORKSPACE, 'other.yaml': splitRoute({ name: 'checkout-frontend-service-b' }) },
  },
  // ---------------------------------------------------------------------------------------- Lattice gateways
  {
    code: 'lattice-listener-protocol',
    source: 'aws-application-networking-k8s pkg/gateway/model_build_listener.go (HTTP, HTTPS, TLS_PASSTHROUGH)',
    fire: latticeGateway('    - name: tcp\n      protocol: TCP\n      port: 5432'),
    silent: latticeGateway('    - name: tls\n      protocol: TLS\n      port: 443\n      tls:\n        mode: Passthrough'),
    fireText: 'TCP',
    files: { 'class.yaml': LATTICE_CLASS },
  },
  {
    code: 'lattice-listener-certificate',
    source: 'model_build_listener.go awsCustomCertARN; docs/guides/https.md',
    fire: latticeGateway(
      '    - name: https\n      protocol: HTTPS\n      port: 443\n      tls:\n        mode: Terminate\n        certificateRefs:\n          - name: unused',
    ),
    silent: latticeGateway(),
    fireText: 'tls',
    severity: 3,
    files: { 'class.yaml': LATTICE_CLASS },
  },
  // ---------------------------------------------------------------------------------------- policies
  {
    code: 'lattice-policy-target',
    source: 'aws-application-networking-k8s pkg/k8s/policyhelper/policy.go NewVpcAssociationPolicyHandler (Gateway only)',
    fire: vap(targetRef('HTTPRoute', 'checkout')),
    silent: vap(targetRef('Gateway', 'shop-net')),
    fireText: 'HTTPRoute',
  },
  {
    code: 'lattice-policy-target-missing',
    source: 'policy.go ValidateTargetRef (TargetNotFound); TargetRefObj looks in the policy namespace',
    fire: tgp('checkout-v9'),
    silent: tgp('checkout-v1'),
    fireText: 'checkout-v9',
    severity: 2,
  },
  {
    code: 'lattice-policy-conflict',
    source: 'policy.go ObjPolicies / ValidateTargetRef (Conflicted: the oldest wins)',
    fire: tgp('checkout-v1'),
    silent: tgp('checkout-v2'),
    fireText: 'checkout-v1',
    files: {
      ...WORKSPACE,
      'tgp2.yaml': tgp('checkout-v1', 'tgp-old'),
    },
  },
  {
    code: 'lattice-target-group-policy',
    source:
      'aws-application-networking-k8s pkg/apis/applicationnetworking/v1alpha1/targetgrouppolicy_types.go (HTTP, HTTPS, TCP; no enum in the CRD)',
    fire: lattice('TargetGroupPolicy', 'tgp', 'protocol: http'),
    silent: lattice('TargetGroupPolicy', 'tgp', 'protocol: HTTP'),
    fireText: 'http',
  },
  {
    code: 'lattice-target-group-policy',
    source: 'pkg/gateway/model_build_targetgroup.go parseTargetGroupConfig ("protocolVersion is not supported for TCP")',
    fire: lattice('TargetGroupPolicy', 'tgp', 'protocol: TCP\nprotocolVersion: HTTP1'),
    silent: lattice('TargetGroupPolicy', 'tgp', 'protocol: TCP'),
    fireText: 'protocolVersion',
  },
  {
    code: 'lattice-vpc-association',
    source: 'docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html (5 security groups per VPC association, not adjustable)',
    fire: lattice('VpcAssociationPolicy', 'vap', 'securityGroupIds: [sg-1, sg-2, sg-3, sg-4, sg-5, sg-6]'),
    silent: lattice('VpcAssociationPolicy', 'vap', 'securityGroupIds: [sg-1, sg-2, sg-3, sg-4, sg-5]'),
    fireText: 'sg-6',
  },
  {
    code: 'lattice-auth-policy',
    source: 'aws-application-networking-k8s docs/api-types/iam-auth-policy.md (policy is an IAM policy JSON document)',
    fire: iam(
      '|\n  {"Version": "2012-10-17",\n   "Statement": [{"Effect": "Allow" "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"}]}',
    ),
    silent: iam(
      '|\n  {"Version": "2012-10-17",\n   "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"}]}',
    ),
    fireText: '"Principal"',
  },
  {
    code: 'lattice-auth-policy',
    source: 'IAM policy grammar: Effect is "Allow" or "Deny"',
    fire: iam(`'{"Version":"2012-10-17","Statement":[${statement({ effect: 'allow' })}]}'`),
    silent: iam(`'{"Version":"2012-10-17","Statement":[${statement()}]}'`),
    fireText: '"allow"',
  },
  {
    code: 'lattice-auth-policy-action',
    source: 'docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html (actions vpc-lattice-svcs:Invoke)',
    fire: iam(`'{"Version":"2012-10-17","Statement":[${statement({ action: '"vpc-lattice:Invoke"' })}]}'`),
    silent: iam(`'{"Version":"2012-10-17","Statement":[${statement({ action: '["vpc-lattice-svcs:Invoke"]' })}]}'`),
    fireText: '"vpc-lattice:Invoke"',
  },
  // ---------------------------------------------------------------------------------------- annotations
  {
    code: 'lattice-annotation-unknown',
    source: 'aws-application-networking-k8s pkg/k8s/utils.go (annotation constants)',
    fire: splitRoute({ annotations: 'application-networking.k8s.aws/service-name-overide: checkout' }),
    silent: splitRoute({ annotations: 'application-networking.k8s.aws/service-name-override: checkout' }),
    fireText: 'application-networking.k8s.aws/service-name-overide',
  },
  {
    code: 'lattice-annotation-value',
    source: 'pkg/k8s/utils.go ValidateVPCLatticeServiceName (3–40, [a-z0-9-], not svc-)',
    fire: splitRoute({ annotations: 'application-networking.k8s.aws/service-name-override: svc-checkout' }),
    silent: splitRoute({ annotations: 'application-networking.k8s.aws/service-name-override: checkout-svc' }),
    fireText: 'svc-checkout',
    severity: 1,
  },
  {
    code: 'lattice-annotation-value',
    source: 'pkg/k8s/utils.go ParseTagsFromAnnotation (invalid pairs dropped)',
    fire: splitRoute({ annotations: 'application-networking.k8s.aws/tags: "team=shop,costcenter"' }),
    silent: splitRoute({ annotations: 'application-networking.k8s.aws/tags: "team=shop,costcenter=42"' }),
    fireText: '"team=shop,costcenter"',
    severity: 2,
  },
  {
    code: 'lattice-annotation-value',
    source: 'pkg/gateway/model_build_rule.go (rule-<i>-priority parsed with ParseInt, else ignored)',
    fire: splitRoute({ annotations: 'application-networking.k8s.aws/rule-0-priority: high' }),
    silent: splitRoute({ annotations: 'application-networking.k8s.aws/rule-0-priority: "10"' }),
    fireText: 'high',
  },
  {
    code: 'lattice-service-import',
    source: 'pkg/gateway/model_build_rule.go NewConflictingServiceImportAnnotationsError ("set exactly one")',
    fire: serviceImport(`${TARGET_GROUP_ARN}\napplication-networking.k8s.aws/aws-vpc: vpc-0abc`),
    silent: serviceImport(TARGET_GROUP_ARN),
    fireText: 'application-networking.k8s.aws/target-group-arn',
  },
  {
    code: 'lattice-service-export',
    source: 'aws-application-networking-k8s docs/api-types/service-export.md (exports the Service of the same name)',
    fire: serviceExport('checkout-v3', 80),
    silent: serviceExport('checkout-v1', 80),
    fireText: 'checkout-v3',
    severity: 2,
  },
  {
    code: 'lattice-service-export',
    source: 'docs/api-types/service-export.md (exportedPorts[].port is a Service port)',
    fire: serviceExport('checkout-v1', 8080),
    silent: serviceExport('checkout-v1', 80),
    fireText: '8080',
  },
];

for (const [i, c] of cases.entries()) {
  test(`${c.code} #${i} (${c.source}): fires on the wrong form, silent on the right one`, () => {
    const files = c.files ?? WORKSPACE;
    const fired = withCode(diagnose(c.fire, {}, files), c.code);
    assert.ok(fired.length > 0, `${c.code} did not fire on:\n${c.fire}`);
    if (c.fireText !== undefined) assert.equal(rangeText(c.fire, fired[0]), c.fireText, `range of ${c.code}`);
    if (c.severity !== undefined) assert.equal(fired[0].severity, c.severity, `severity of ${c.code}: ${fired[0].message}`);
    const silent = withCode(diagnose(c.silent, {}, c.silentFiles ?? files), c.code);
    assert.deepEqual(
      silent.map((d) => d.message),
      [],
      `${c.code} fired on the right form:\n${c.silent}`,
    );
  });
}

test('every Gateway API and Lattice code has a firing case', () => {
  const covered = new Set(cases.map((c) => c.code));
  for (const c of [...GATEWAY_CODES, ...LATTICE_CODES]) assert.ok(covered.has(c.code), `no test for ${c.code}`);
});

/**
 * The Load Balancer Controller's Gateway checks (gateway.k8s.aws/alb and /nlb, v3.5.0): each code firing on the
 * wrong form and silent on the right one, with the exact range and the upstream source of the rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, withCode } from '../../helpers/service';
import { rangeText, service } from '../../helpers/gatewayFixtures';
import { LBC_GATEWAY_CODES } from '../../../server/src/service/gateway/codes';

const ALB_CLASS = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: aws-alb
spec:
  controllerName: gateway.k8s.aws/alb
`;

const albGateway = (
  listeners = '    - name: http\n      protocol: HTTP\n      port: 80',
  infra = '  infrastructure:\n    parametersRef:\n      group: gateway.k8s.aws\n      kind: LoadBalancerConfiguration\n      name: web-lb\n',
): string => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
  namespace: shop
spec:
  gatewayClassName: aws-alb
${infra}  listeners:
${listeners}
`;

const lbConfig = (spec: string, name = 'web-lb'): string => `apiVersion: gateway.k8s.aws/v1
kind: LoadBalancerConfiguration
metadata:
  name: ${name}
  namespace: shop
spec:
${spec}`;

const httpRoute = (rules: string, hostnames = ''): string => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: store
  namespace: shop
spec:
  parentRefs:
    - name: web
${hostnames}  rules:
${rules.replace(/^/gm, '    ')}
`;

const tgc = (spec: string, name = 'store-tg'): string => `apiVersion: gateway.k8s.aws/v1
kind: TargetGroupConfiguration
metadata:
  name: ${name}
  namespace: shop
spec:
${spec}`;

const SVC = service('store') + '---\n' + service('store-np', 'shop', '  type: NodePort\n  ports:\n    - port: 80\n');
const BASE = { 'class.yaml': ALB_CLASS, 'gw.yaml': albGateway(), 'lb.yaml': lbConfig('  scheme: internet-facing\n'), 'svc.yaml': SVC };

interface Case {
  code: string;
  source: string;
  fire: string;
  silent: string;
  fireText: string;
  files?: Record<string, string>;
  silentFiles?: Record<string, string>;
  severity?: number;
}

const cases: Case[] = [
  {
    code: 'lbc-gateway-config-missing',
    source:
      "aws-load-balancer-controller docs/guide/gateway/customization.md (the LoadBalancerConfiguration must be in the Gateway's namespace)",
    fire: albGateway(
      undefined,
      '  infrastructure:\n    parametersRef:\n      group: gateway.k8s.aws\n      kind: LoadBalancerConfiguration\n      name: web-lbb\n',
    ),
    silent: albGateway(),
    fireText: 'web-lbb',
    severity: 2,
    files: { 'class.yaml': ALB_CLASS, 'lb.yaml': lbConfig('  scheme: internet-facing\n'), 'svc.yaml': SVC },
  },
  {
    code: 'lbc-gateway-config-missing',
    source:
      'aws-load-balancer-controller pkg/gateway/routeutils/backend.go listenerRuleConfigLoader (ExtensionRef → ListenerRuleConfiguration)',
    fire: httpRoute(
      '- filters:\n  - type: ExtensionRef\n    extensionRef:\n      group: gateway.k8s.aws\n      kind: ListenerRuleConfiguration\n      name: only-office\n  backendRefs:\n  - name: store\n    port: 80',
    ),
    silent: httpRoute(
      '- filters:\n  - type: ExtensionRef\n    extensionRef:\n      group: gateway.k8s.aws\n      kind: ListenerRuleConfiguration\n      name: office\n  backendRefs:\n  - name: store\n    port: 80',
    ),
    fireText: 'only-office',
    files: {
      ...BASE,
      'lrc.yaml':
        'apiVersion: gateway.k8s.aws/v1\nkind: ListenerRuleConfiguration\nmetadata:\n  name: office\n  namespace: shop\nspec:\n  conditions:\n  - field: source-ip\n    sourceIPConfig:\n      values: [10.0.0.0/8]\n',
    },
  },
  {
    code: 'lbc-listener-config-unmatched',
    source:
      'aws-load-balancer-controller pkg/gateway/model/model_build_listener.go mapLoadBalancerListenerConfigsByPort (protocol:port of a Gateway listener)',
    fire: lbConfig(
      '  listenerConfigurations:\n    - protocolPort: HTTPS:8443\n      defaultCertificate: arn:aws:acm:us-east-1:123456789012:certificate/abc\n',
    ),
    silent: lbConfig(
      '  listenerConfigurations:\n    - protocolPort: HTTPS:443\n      defaultCertificate: arn:aws:acm:us-east-1:123456789012:certificate/abc\n',
    ),
    fireText: 'HTTPS:8443',
    files: { 'class.yaml': ALB_CLASS, 'gw.yaml': albGateway('    - name: https\n      protocol: HTTPS\n      port: 443'), 'svc.yaml': SVC },
  },
  {
    code: 'lbc-https-no-certificate',
    source: 'model_build_listener.go buildListenerCertificates ("No hostnames found for TLS cert discovery")',
    fire: albGateway('    - name: https\n      protocol: HTTPS\n      port: 443'),
    silent: albGateway('    - name: https\n      protocol: HTTPS\n      port: 443'),
    fireText: 'HTTPS',
    severity: 2,
    files: { ...BASE, 'route.yaml': httpRoute('- backendRefs:\n  - name: store-np\n    port: 80') },
    silentFiles: {
      ...BASE,
      'route.yaml': httpRoute('- backendRefs:\n  - name: store-np\n    port: 80', '  hostnames:\n    - store.example.com\n'),
    },
  },
  {
    code: 'lbc-tgc-target',
    source: 'aws-load-balancer-controller docs/guide/gateway/customization.md (one TargetGroupConfiguration per Service, same namespace)',
    fire: tgc('  targetReference:\n    name: stor\n  defaultConfiguration:\n    targetType: ip\n'),
    silent: tgc('  targetReference:\n    name: store\n  defaultConfiguration:\n    targetType: ip\n'),
    fireText: 'stor',
    severity: 2,
  },
  {
    code: 'lbc-tgc-target',
    source: 'pkg/gateway/routeutils/backend.go LookUpTargetGroupConfiguration (the first match wins)',
    fire: tgc('  targetReference:\n    name: store\n'),
    silent: tgc('  targetReference:\n    name: store-np\n'),
    fireText: 'store',
    files: { ...BASE, 'tgc2.yaml': tgc('  targetReference:\n    name: store\n', 'store-tg-old') },
  },
  {
    code: 'lbc-instance-target-clusterip',
    source:
      "pkg/gateway/model/model_build_target_group.go (\"When using Instance targets, your service must be of type 'NodePort' or 'LoadBalancer'\")",
    fire: tgc('  targetReference:\n    name: store\n  defaultConfiguration:\n    targetType: instance\n'),
    silent: tgc('  targetReference:\n    name: store-np\n  defaultConfiguration:\n    targetType: instance\n'),
    fireText: 'instance',
    severity: 2,
  },
  {
    code: 'lbc-instance-target-clusterip',
    source: "same; the controller's --default-target-type is instance",
    fire: httpRoute('- backendRefs:\n  - name: store\n    port: 80'),
    silent: httpRoute('- backendRefs:\n  - name: store-np\n    port: 80'),
    fireText: 'store',
    severity: 3,
  },
  {
    code: 'lbc-ignored-feature',
    source: 'aws-load-balancer-controller docs/guide/gateway/l7gateway.md (HTTPRouteTimeouts not supported)',
    fire: httpRoute('- backendRefs:\n  - name: store-np\n    port: 80\n  timeouts:\n    request: 5s'),
    silent: httpRoute('- backendRefs:\n  - name: store-np\n    port: 80'),
    fireText: 'timeouts',
    severity: 2,
  },
  {
    code: 'lbc-ignored-feature',
    source: 'pkg/gateway/routeutils/route_rule_action.go buildHttpRuleRedirectActionsBasedOnFilter ("Unsupported filter type")',
    fire: httpRoute(
      '- filters:\n  - type: RequestMirror\n    requestMirror:\n      backendRef:\n        name: store-np\n        port: 80\n  backendRefs:\n  - name: store-np\n    port: 80',
    ),
    silent: httpRoute(
      '- filters:\n  - type: RequestRedirect\n    requestRedirect:\n      scheme: https\n  backendRefs:\n  - name: store-np\n    port: 80',
    ),
    fireText: 'RequestMirror',
    severity: 1,
  },
  {
    code: 'lbc-ignored-feature',
    source: 'docs/guide/gateway/l7gateway.md (ReplacePrefixMatch without scheme/port/hostname: "creates a loop")',
    fire: httpRoute(
      '- filters:\n  - type: RequestRedirect\n    requestRedirect:\n      path:\n        type: ReplacePrefixMatch\n        replacePrefixMatch: /new',
    ),
    silent: httpRoute(
      '- filters:\n  - type: RequestRedirect\n    requestRedirect:\n      hostname: new.example.com\n      path:\n        type: ReplacePrefixMatch\n        replacePrefixMatch: /new',
    ),
    fireText: 'ReplacePrefixMatch',
    severity: 1,
  },
  {
    code: 'lbc-ignored-feature',
    source: 'docs/guide/gateway/gateway.md ("configuration of TLS certificates cannot be done via the certificateRefs field")',
    fire: albGateway(
      '    - name: https\n      protocol: HTTPS\n      port: 443\n      hostname: shop.example.com\n      tls:\n        certificateRefs:\n          - name: shop-tls',
    ),
    silent: albGateway('    - name: https\n      protocol: HTTPS\n      port: 443\n      hostname: shop.example.com'),
    fireText: 'certificateRefs',
  },
  {
    code: 'lbc-config-value',
    source:
      'ELB CreateTargetGroup HealthCheckIntervalSeconds 5–300 (the alb.ingress.kubernetes.io/healthcheck-interval-seconds rule); the TargetGroupConfiguration CRD has no range',
    fire: tgc('  targetReference:\n    name: store-np\n  defaultConfiguration:\n    healthCheckConfig:\n      healthCheckInterval: 3\n'),
    silent: tgc('  targetReference:\n    name: store-np\n  defaultConfiguration:\n    healthCheckConfig:\n      healthCheckInterval: 30\n'),
    fireText: '3',
    severity: 1,
  },
  {
    code: 'lbc-config-value',
    source: 'ELB listener certificates are ACM/IAM ARNs (the alb.ingress.kubernetes.io/certificate-arn rule)',
    fire: lbConfig('  listenerConfigurations:\n    - protocolPort: HTTPS:443\n      defaultCertificate: my-cert\n'),
    silent: lbConfig(
      '  listenerConfigurations:\n    - protocolPort: HTTPS:443\n      defaultCertificate: arn:aws:acm:us-east-1:123456789012:certificate/abc\n',
    ),
    fireText: 'my-cert',
    files: { 'class.yaml': ALB_CLASS, 'gw.yaml': albGateway('    - name: https\n      protocol: HTTPS\n      port: 443'), 'svc.yaml': SVC },
  },
];

for (const [i, c] of cases.entries()) {
  test(`${c.code} #${i} (${c.source}): fires on the wrong form, silent on the right one`, () => {
    const files = c.files ?? BASE;
    const fired = withCode(diagnose(c.fire, {}, files), c.code);
    assert.ok(fired.length > 0, `${c.code} did not fire on:\n${c.fire}`);
    assert.equal(rangeText(c.fire, fired[0]), c.fireText, `range of ${c.code}`);
    if (c.severity !== undefined) assert.equal(fired[0].severity, c.severity, fired[0].message);
    const silent = withCode(diagnose(c.silent, {}, c.silentFiles ?? files), c.code);
    assert.deepEqual(
      silent.map((d) => d.message),
      [],
      `${c.code} fired on the right form:\n${c.silent}`,
    );
  });
}

test('every Load Balancer Controller Gateway code has a firing case', () => {
  const covered = new Set(cases.map((c) => c.code));
  for (const c of LBC_GATEWAY_CODES) assert.ok(covered.has(c.code), `no test for ${c.code}`);
});

test('the health-check rule says the same as the Ingress annotation check', () => {
  const d = withCode(
    diagnose(
      tgc('  targetReference:\n    name: store-np\n  defaultConfiguration:\n    healthCheckConfig:\n      healthyThresholdCount: 11\n'),
    ),
    'lbc-config-value',
  );
  assert.equal(
    d[0].message,
    'healthyThresholdCount must be at most 10, got 11 (allowed: 2–10) (the rule of alb.ingress.kubernetes.io/healthy-threshold-count)',
  );
});

test('the instance-target rule says the same as the Ingress annotation check', () => {
  const d = withCode(
    diagnose(tgc('  targetReference:\n    name: store\n  defaultConfiguration:\n    targetType: instance\n'), {}, BASE),
    'lbc-instance-target-clusterip',
  );
  assert.match(
    d[0].message,
    /sends traffic to a NodePort, but Service store is ClusterIP \(it has no NodePort\): set spec.type: NodePort, or use targetType "ip"/,
  );
});

/**
 * ALB annotation checks as a table (test/helpers/checkTable.ts): each code fires on the wrong form at its exact
 * range and is silent on the right one. Sources: aws-load-balancer-controller pkg/annotations (parser.go,
 * constants.go), pkg/ingress (model_build_*.go, model_builder.go, group_loader.go, class_loader.go,
 * enhanced_backend_builder.go), and the EKS user guide for Auto Mode.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTable, diagnoseWith, type CheckCase } from '../../helpers/checkTable';
import { P, ingress, service, ingressClass, LBC, AUTO } from '../../fixtures/alb/manifests';

const CERT = 'arn:aws:acm:us-west-2:123456789012:certificate/c1';
const withOther = (text: string, name = 'other') => text.replace('name: app', `name: ${name}`);

const cases: CheckCase[] = [
  {
    code: 'alb-unknown-annotation',
    source: 'pkg/annotations/constants.go (no such suffix)',
    fire: ingress({ shceme: 'internet-facing' }),
    at: P + 'shceme',
    silent: ingress({ scheme: 'internet-facing' }),
  },
  {
    code: 'alb-annotation-name',
    source: 'model_build_listener.go buildIngressListenerAttributes (listener-attributes.<HTTP|HTTPS>-<port>)',
    fire: ingress({ 'listener-attributes.https-443': 'a=b' }),
    at: P + 'listener-attributes.https-443',
    silent: ingress({ 'listener-attributes.HTTPS-443': 'a=b' }),
  },
  {
    code: 'alb-annotation-value',
    source: 'ELBv2 API HealthCheckIntervalSeconds 5–300',
    fire: ingress({ 'healthcheck-interval-seconds': "'500'" }),
    at: "'500'",
    silent: ingress({ 'healthcheck-interval-seconds': "'300'" }),
  },
  {
    code: 'alb-annotation-not-string',
    source: 'Kubernetes: annotations are map[string]string',
    fire: ingress({ subnets: '[subnet-a, subnet-b]' }),
    at: '[subnet-a, subnet-b]',
    silent: ingress({ subnets: 'subnet-a, subnet-b' }),
  },
  {
    code: 'alb-annotation-scope',
    source: 'model_build_load_balancer.go reads scheme from Ingress annotations only',
    fire: service('web', { ann: { scheme: 'internet-facing' } }),
    at: P + 'scheme',
    silent: service('web', { ann: { 'healthcheck-path': '/health' } }),
  },
  {
    code: 'alb-group-name',
    source: 'group_loader.go validateGroupName',
    fire: ingress({ 'group.name': 'My_Group' }),
    at: 'My_Group',
    silent: ingress({ 'group.name': 'my-group' }),
  },
  {
    code: 'alb-certificate-arn',
    source: 'ACM certificate ARN format',
    fire: ingress({ 'certificate-arn': `${CERT},my-cert` }),
    at: `${CERT},my-cert`,
    silent: ingress({ 'certificate-arn': CERT }),
  },
  {
    code: 'alb-listen-ports',
    source: 'model_build_listener.go computeIngressListenPorts',
    fire: ingress({ 'listen-ports': '\'[{"http": 80}]\'' }),
    at: '\'[{"http": 80}]\'',
    silent: ingress({ 'listen-ports': '\'[{"HTTP": 80}]\'' }),
  },
  {
    code: 'alb-ssl-redirect-no-https',
    source: 'model_builder.go buildSSLRedirectConfig',
    fire: ingress({ 'listen-ports': '\'[{"HTTP": 80}]\'', 'ssl-redirect': "'443'" }),
    at: "'443'",
    silent: ingress({ 'listen-ports': '\'[{"HTTP": 80}, {"HTTPS": 443}]\'', 'ssl-redirect': "'443'" }),
  },
  {
    code: 'alb-listener-tls',
    source: 'model_build_listener.go computeIngressListenPortConfigByPort (certificates for HTTPS)',
    fire: ingress({ 'listen-ports': '\'[{"HTTPS": 443}]\'' }),
    at: P + 'listen-ports',
    silent: ingress({ 'listen-ports': '\'[{"HTTPS": 443}]\'', 'certificate-arn': CERT }),
  },
  {
    code: 'alb-deprecated-annotation',
    source: 'model_build_load_balancer_addons.go buildWAFRegionalWebACLAssociation (web-acl-id fallback)',
    fire: ingress({ 'web-acl-id': 'abc' }),
    at: P + 'web-acl-id',
    silent: ingress({ 'waf-acl-id': 'abc' }),
  },
  {
    code: 'alb-use-annotation-missing-action',
    source: 'enhanced_backend_builder.go buildActionViaAnnotation',
    fire: ingress({}, { backends: [{ name: 'blue-green', port: 'use-annotation' }] }),
    at: 'use-annotation',
    silent: ingress(
      { 'actions.blue-green': '\'{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "200"}}\'' },
      { backends: [{ name: 'blue-green', port: 'use-annotation' }] },
    ),
  },
  {
    code: 'alb-unused-action',
    source: 'enhanced_backend_builder.go Build (actions.<service name>)',
    fire: ingress(
      { 'actions.blue-gren': '\'{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "200"}}\'' },
      { backends: [{ name: 'blue-green', port: 'use-annotation' }] },
    ),
    at: P + 'actions.blue-gren',
    silent: ingress(
      { 'actions.blue-green': '\'{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "200"}}\'' },
      { backends: [{ name: 'blue-green', port: 'use-annotation' }] },
    ),
  },
  {
    code: 'alb-use-annotation-typo',
    source: 'enhanced_backend_builder.go magicServicePortUseAnnotation',
    fire: ingress({}, { backends: [{ name: 'blue', port: 'use-annotations' }] }),
    at: 'use-annotations',
    silent: ingress({}, { backends: [{ name: 'blue', port: 'http' }] }),
  },
  {
    code: 'alb-not-alb-class',
    source: 'group_loader.go classifyIngress',
    fire: ingress({ scheme: 'internet-facing' }, { cls: 'nginx' }),
    at: 'nginx',
    silent: ingress({ scheme: 'internet-facing' }),
    files: { 'c.yaml': ingressClass('nginx', 'k8s.io/ingress-nginx') + '---\n' + ingressClass('alb', LBC) },
  },
  {
    code: 'alb-auto-mode-unsupported',
    source: 'EKS user guide auto-configure-alb (annotations not supported)',
    fire: ingress({ 'shield-advanced-protection': "'true'" }, { cls: 'auto-alb' }),
    at: P + 'shield-advanced-protection',
    silent: ingress({ scheme: 'internet-facing' }, { cls: 'auto-alb' }),
    files: { 'c.yaml': ingressClass('auto-alb', AUTO) },
  },
  {
    code: 'alb-group-conflict',
    source: 'model_build_load_balancer.go buildLoadBalancerScheme',
    fire: ingress({ 'group.name': 'team', scheme: 'internet-facing' }),
    at: 'internet-facing',
    silent: ingress({ 'group.name': 'team', scheme: 'internal' }),
    files: { 'b.yaml': withOther(ingress({ 'group.name': 'team', scheme: 'internal' })) },
  },
  {
    code: 'alb-backend-service-missing',
    source: 'enhanced_backend_builder.go loadBackendServices',
    fire: ingress({}, { ns: 'shop', backends: [{ name: 'gone', port: 80 }] }),
    at: 'gone',
    silent: ingress({}, { ns: 'shop', backends: [{ name: 'web', port: 80 }] }),
    files: { 's.yaml': service('web', { ns: 'shop' }) },
  },
  {
    code: 'alb-backend-port-missing',
    source: 'k8s LookupServicePort (model_build_target_group.go buildTargetGroup)',
    fire: ingress({}, { ns: 'shop', backends: [{ name: 'web', port: 8080 }] }),
    at: '8080',
    silent: ingress({}, { ns: 'shop', backends: [{ name: 'web', port: 80 }] }),
    files: { 's.yaml': service('web', { ns: 'shop' }) },
  },
  {
    code: 'alb-instance-target-clusterip',
    source: 'model_build_target_group.go buildTargetGroupSpec (TargetGroup port is empty)',
    fire: ingress({ 'target-type': 'instance' }, { ns: 'shop' }),
    at: 'web',
    silent: ingress({ 'target-type': 'ip' }, { ns: 'shop' }),
    files: { 's.yaml': service('web', { ns: 'shop' }) },
  },
];

/** Values the controller (Go strconv, its parsers) or ELB rejects, and a right form of each. */
const VALUES: [string, string, string, string][] = [
  ['healthcheck-interval-seconds', "'500'", "'300'", 'ELBv2 HealthCheckIntervalSeconds 5–300'],
  ['healthcheck-timeout-seconds', "'1'", "'2'", 'ELBv2 HealthCheckTimeoutSeconds 2–120'],
  ['healthy-threshold-count', "'11'", "'10'", 'ELBv2 HealthyThresholdCount 2–10'],
  ['unhealthy-threshold-count', "'1'", "'2'", 'ELBv2 UnhealthyThresholdCount 2–10'],
  ['group.order', "'1001'", "'-1000'", 'group_loader.go sortGroupMembers (-1000..1000)'],
  ['shield-advanced-protection', "'yes'", "'True'", 'parser.go ParseBoolAnnotation (strconv.ParseBool)'],
  ['scheme', 'public', 'internet-facing', 'model_build_load_balancer.go buildLoadBalancerScheme'],
  ['target-type', 'IP', 'ip', 'model_build_target_group.go buildTargetGroupTargetType (case-sensitive)'],
  ['tags', 'a=b,c', 'Environment=dev,Team=test', 'parser.go ParseStringMapAnnotation'],
  ['inbound-cidrs', '10.0.0.0/33', "'10.0.0.0/8, ::/0'", 'model_build_listener.go computeIngressExplicitInboundCIDRs (net.ParseCIDR)'],
  ['healthcheck-port', 'traffic_port', 'traffic-port', 'model_build_target_group.go buildTargetGroupHealthCheckPort'],
  ['success-codes', '200;302', '200-399', 'ELBv2 Matcher HttpCode'],
];
const LISTEN_PORTS_OK = '\'[{"HTTP": 80}, {"HTTPS": 443}, {"HTTP": 8080}]\'';
const LISTEN_PORTS_BAD = [
  '\'[{"HTTP": 80}\'',
  '\'{"HTTP": 80}\'',
  "'[]'",
  '\'[{"http": 80}]\'',
  '\'[{"HTTPS": "443"}]\'',
  '\'[{"HTTPS": 70000}]\'',
  '\'[{"HTTP": 80}, {"HTTPS": 80}]\'',
  "'[80]'",
];

checkTable('ALB annotations', [
  ...cases,
  ...VALUES.map(([k, bad, good, source]): CheckCase => ({
    code: 'alb-annotation-value',
    name: k,
    source,
    fire: ingress({ [k]: bad }),
    at: bad,
    silent: ingress({ [k]: good }),
  })),
  ...LISTEN_PORTS_BAD.map((bad): CheckCase => ({
    code: 'alb-listen-ports',
    name: bad,
    source: 'model_build_listener.go computeIngressListenPorts',
    fire: ingress({ 'listen-ports': bad }),
    at: bad,
    silent: ingress({ 'listen-ports': LISTEN_PORTS_OK }),
  })),
]);

test('alb-listen-ports on an entry nested 5,000 deep: one finding with a short message, no stack overflow (found by test/robustness/domain-inputs.test.ts)', () => {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const d = diagnoseWith(ingress({ 'listen-ports': `'[${deep}]'` })).filter((x) => x.code === 'alb-listen-ports');
  assert.equal(d.length, 1);
  assert.ok(d[0].message.length < 200, d[0].message);
  assert.match(d[0].message, /nested too deep to show|\.\.\./);
});

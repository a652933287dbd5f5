/**
 * Every diagnostic code of the ALB actions/conditions/transforms JSON: firing on the wrong form at its exact
 * range, silent on the right one (real parser, real service, the checkTable harness). The JSON types are the
 * controller's (aws-load-balancer-controller pkg/ingress/config_types.go), the limits ELBv2's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, serviceWith, uriOf, withCode } from '../../helpers/service';
import { checkTable, type CheckCase } from '../../helpers/checkTable';
import { actionIngress } from '../../fixtures/alb/manifests';
import { ACTIONS_CODES } from '../../../server/src/service/alb/actions/codes';

/** An Ingress in namespace shop whose rule routes to backend `x` (host + Prefix path), with these annotations. */
const ingress = (annotations: string, extraSpec = ''): string =>
  actionIngress(annotations, { backend: 'x', host: 'shop.example.com', extraSpec });

const ACT = 'alb.ingress.kubernetes.io/actions.x';
const COND = 'alb.ingress.kubernetes.io/conditions.x';
const TR = 'alb.ingress.kubernetes.io/transforms.x';
const JWT = 'alb.ingress.kubernetes.io/jwt-validation';
const MTLS = 'alb.ingress.kubernetes.io/mutual-authentication';
const COG = 'alb.ingress.kubernetes.io/auth-idp-cognito';
const OIDC = 'alb.ingress.kubernetes.io/auth-idp-oidc';
const fwd = (tgs: string, extra = ''): string => `${ACT}: '{"type":"forward","forwardConfig":{"targetGroups":[${tgs}]${extra}}}'`;
const tg = (name: string, weight?: number | string): string =>
  `{"serviceName":"${name}","servicePort":80${weight !== undefined ? `,"weight":${weight}` : ''}}`;

const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: blue
  namespace: shop
spec:
  ports:
    - name: http
      port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: green
  namespace: shop
spec:
  ports:
    - name: http
      port: 80
`;

/** Annotation lines of the fire/silent forms (wrapped in `ingress()` below). */
const cases: Omit<CheckCase, 'source'>[] = [
  {
    code: 'alb-json-invalid',
    fire: `${ACT}: |\n  {"type": "forward",\n   "targetGroupARN": "arn" "x": 1}`,
    silent: `${ACT}: |\n  {"type": "forward",\n   "targetGroupARN": "arn"}`,
    at: '"x"',
  },
  { code: 'alb-json-invalid', fire: `${ACT}: ''`, silent: `${ACT}: '{"type":"forward","targetGroupName":"tg"}'`, at: "''" },
  {
    code: 'alb-json-type',
    fire: fwd(`${tg('blue', '"50"')},${tg('green', 50)}`),
    silent: fwd(`${tg('blue', 50)},${tg('green', 50)}`),
    at: '"50"',
  },
  {
    code: 'alb-json-type',
    fire: `${ACT}: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":503}}'`,
    silent: `${ACT}: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"503"}}'`,
    at: '503',
  },
  {
    code: 'alb-json-type',
    fire: `${ACT}: '{"type":"redirect","redirectConfig":{"port":443,"protocol":"HTTPS","statusCode":"HTTP_301"}}'`,
    silent: `${ACT}: '{"type":"redirect","redirectConfig":{"port":"443","protocol":"HTTPS","statusCode":"HTTP_301"}}'`,
    at: '443',
  },
  {
    code: 'alb-json-type',
    fire: `${COND}: '{"field":"host-header","hostHeaderConfig":{"values":["a.example.com"]}}'`,
    silent: `${COND}: '[{"field":"host-header","hostHeaderConfig":{"values":["a.example.com"]}}]'`,
    at: '{"field":"host-header","hostHeaderConfig":{"values":["a.example.com"]}}',
  },
  {
    code: 'alb-json-unknown-key',
    fire: fwd(`${tg('blue', 90)},{"serviceName":"green","servicePort":80,"wieght":10}`),
    silent: fwd(`${tg('blue', 90)},${tg('green', 10)}`),
    at: '"wieght"',
  },
  {
    code: 'alb-json-duplicate-key',
    fire: `${ACT}: '{"type":"redirect","targetGroupARN":"arn","Type":"forward"}'`,
    silent: `${ACT}: '{"type":"forward","targetGroupARN":"arn"}'`,
    at: '"type"',
  },
  {
    code: 'alb-json-key-case',
    fire: `${ACT}: '{"Type":"forward","TargetGroupArn":"arn"}'`,
    silent: `${ACT}: '{"type":"forward","targetGroupARN":"arn"}'`,
    at: '"Type"',
  },
  {
    code: 'alb-action-type',
    fire: `${ACT}: '{"type":"Forward","targetGroupARN":"arn"}'`,
    silent: `${ACT}: '{"type":"forward","targetGroupARN":"arn"}'`,
    at: '"Forward"',
  },
  {
    code: 'alb-action-type',
    fire: `${ACT}: '{"targetGroupARN":"arn"}'`,
    silent: `${ACT}: '{"type":"forward","targetGroupARN":"arn"}'`,
    at: 'alb.ingress.kubernetes.io/actions.x',
  },
  {
    code: 'alb-action-unused-config',
    fire: `${ACT}: '{"type":"forward","targetGroupARN":"arn","redirectConfig":{"statusCode":"HTTP_301"}}'`,
    silent: `${ACT}: '{"type":"forward","targetGroupARN":"arn"}'`,
    at: '"redirectConfig"',
  },
  {
    code: 'alb-action-forward-missing',
    fire: `${ACT}: '{"type":"forward"}'`,
    silent: `${ACT}: '{"type":"forward","targetGroupName":"legacy"}'`,
    at: '"forward"',
  },
  { code: 'alb-action-forward-missing', fire: fwd(`{"servicePort":80}`), silent: fwd(tg('blue')), at: '{"servicePort":80}' },
  {
    code: 'alb-action-forward-conflict',
    fire: `${ACT}: '{"type":"forward","targetGroupARN":"arn","forwardConfig":{"targetGroups":[{"targetGroupARN":"arn"}]}}'`,
    silent: `${ACT}: '{"type":"forward","forwardConfig":{"targetGroups":[{"targetGroupARN":"arn"}]}}'`,
    at: '"forwardConfig"',
  },
  {
    code: 'alb-action-forward-conflict',
    fire: fwd(`{"serviceName":"blue","servicePort":80,"targetGroupName":"tg"}`),
    silent: fwd(`{"targetGroupName":"tg"}`),
    at: '"targetGroupName"',
  },
  {
    code: 'alb-action-target-groups-limit',
    fire: fwd([1, 2, 3, 4, 5, 6].map((i) => `{"targetGroupName":"t${i}","weight":1}`).join(',')),
    silent: fwd([1, 2, 3, 4, 5].map((i) => `{"targetGroupName":"t${i}","weight":1}`).join(',')),
    at: '{"targetGroupName":"t6","weight":1}',
  },
  {
    code: 'alb-action-service-port-missing',
    fire: fwd(`{"serviceName":"blue"}`),
    silent: fwd(`{"serviceName":"blue","servicePort":"http"}`),
    at: '"serviceName"',
  },
  {
    code: 'alb-action-weight-missing',
    fire: fwd(`${tg('blue', 90)},${tg('green')}`),
    silent: fwd(`${tg('blue', 90)},${tg('green', 10)}`),
    at: '"serviceName"',
  },
  { code: 'alb-action-weight-missing', fire: fwd(`${tg('blue', 90)},${tg('green')}`), silent: fwd(`${tg('blue')}`), at: '"serviceName"' },
  {
    code: 'alb-action-weight-range',
    fire: fwd(`${tg('blue', 1000)},${tg('green', 0)}`),
    silent: fwd(`${tg('blue', 999)},${tg('green', 0)}`),
    at: '1000',
  },
  {
    code: 'alb-action-all-weights-zero',
    fire: fwd(`${tg('blue', 0)},${tg('green', 0)}`),
    silent: fwd(`${tg('blue', 0)},${tg('green', 1)}`),
    at: '"targetGroups"',
  },
  {
    code: 'alb-action-stickiness',
    fire: fwd(tg('blue'), ',"targetGroupStickinessConfig":{"enabled":true}'),
    silent: fwd(tg('blue'), ',"targetGroupStickinessConfig":{"enabled":true,"durationSeconds":300}'),
    at: '"targetGroupStickinessConfig"',
  },
  {
    code: 'alb-action-stickiness',
    fire: fwd(tg('blue'), ',"targetGroupStickinessConfig":{"enabled":true,"durationSeconds":604801}'),
    silent: fwd(tg('blue'), ',"targetGroupStickinessConfig":{"enabled":true,"durationSeconds":604800}'),
    at: '604801',
  },
  {
    code: 'alb-action-redirect',
    fire: `${ACT}: '{"type":"redirect","redirectConfig":{"protocol":"HTTPS","port":"443","statusCode":"301"}}'`,
    silent: `${ACT}: '{"type":"redirect","redirectConfig":{"protocol":"HTTPS","port":"443","statusCode":"HTTP_301"}}'`,
    at: '"301"',
  },
  {
    code: 'alb-action-redirect',
    fire: `${ACT}: '{"type":"redirect"}'`,
    silent: `${ACT}: '{"type":"redirect","redirectConfig":{"host":"example.org","statusCode":"HTTP_302"}}'`,
    at: '"redirect"',
  },
  {
    code: 'alb-action-redirect',
    fire: `${ACT}: '{"type":"redirect","redirectConfig":{"protocol":"https","statusCode":"HTTP_301"}}'`,
    silent: `${ACT}: '{"type":"redirect","redirectConfig":{"protocol":"HTTPS","statusCode":"HTTP_301"}}'`,
    at: '"https"',
  },
  {
    code: 'alb-action-redirect',
    fire: `${ACT}: '{"type":"redirect","redirectConfig":{"port":"70000","statusCode":"HTTP_301"}}'`,
    silent: `${ACT}: '{"type":"redirect","redirectConfig":{"port":"8443","statusCode":"HTTP_301"}}'`,
    at: '"70000"',
  },
  {
    code: 'alb-action-redirect',
    fire: `${ACT}: '{"type":"redirect","redirectConfig":{"path":"new","statusCode":"HTTP_301"}}'`,
    silent: `${ACT}: '{"type":"redirect","redirectConfig":{"path":"/new/#{path}","statusCode":"HTTP_301"}}'`,
    at: '"new"',
  },
  {
    code: 'alb-action-redirect',
    fire: `${ACT}: '{"type":"redirect","redirectConfig":{"host":"#{host}","query":"?a=1","statusCode":"HTTP_301"}}'`,
    silent: `${ACT}: '{"type":"redirect","redirectConfig":{"host":"new.example.com","query":"a=1","statusCode":"HTTP_301"}}'`,
    at: '"?a=1"',
  },
  {
    code: 'alb-action-fixed-response',
    fire: `${ACT}: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"302"}}'`,
    silent: `${ACT}: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"503"}}'`,
    at: '"302"',
  },
  {
    code: 'alb-action-fixed-response',
    fire: `${ACT}: '{"type":"fixed-response"}'`,
    silent: `${ACT}: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"404"}}'`,
    at: '"fixed-response"',
  },
  {
    code: 'alb-action-fixed-response',
    fire: `${ACT}: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"200","contentType":"text/xml"}}'`,
    silent: `${ACT}: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"200","contentType":"application/json"}}'`,
    at: '"text/xml"',
  },
  {
    code: 'alb-action-fixed-response',
    fire: `${ACT}: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"200","messageBody":"${'x'.repeat(1025)}"}}'`,
    silent: `${ACT}: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"200","messageBody":"${'x'.repeat(1024)}"}}'`,
    at: `"${'x'.repeat(1025)}"`,
  },
  {
    code: 'alb-condition-field',
    fire: `${COND}: '[{"field":"Host-Header","hostHeaderConfig":{"values":["a.example.com"]}}]'`,
    silent: `${COND}: '[{"field":"host-header","hostHeaderConfig":{"values":["a.example.com"]}}]'`,
    at: '"Host-Header"',
  },
  {
    code: 'alb-condition-field',
    fire: `${COND}: '[{"hostHeaderConfig":{"values":["a.example.com"]}}]'`,
    silent: `${COND}: '[{"field":"host-header","hostHeaderConfig":{"values":["a.example.com"]}}]'`,
    at: '{"hostHeaderConfig":{"values":["a.example.com"]}}',
  },
  {
    code: 'alb-condition-config',
    fire: `${COND}: '[{"field":"http-header","pathPatternConfig":{"values":["/a"]}}]'`,
    silent: `${COND}: '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"X-Canary","values":["on"]}}]'`,
    at: '"pathPatternConfig"',
  },
  {
    code: 'alb-condition-config',
    fire: `${COND}: '[{"field":"http-header","httpHeaderConfig":{"values":["on"]}}]'`,
    silent: `${COND}: '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"X-Canary","values":["on"]}}]'`,
    at: '"httpHeaderConfig"',
  },
  {
    code: 'alb-condition-config',
    fire: `${COND}: '[{"field":"source-ip","sourceIPConfig":{"values":["10.0.0.300/8"]}}]'`,
    silent: `${COND}: '[{"field":"source-ip","sourceIPConfig":{"values":["10.0.0.0/8","2001:db8::/32"]}}]'`,
    at: '"10.0.0.300/8"',
  },
  {
    code: 'alb-condition-config',
    fire: `${COND}: '[{"field":"http-request-method","httpRequestMethodConfig":{"values":["get"]}}]'`,
    silent: `${COND}: '[{"field":"http-request-method","httpRequestMethodConfig":{"values":["GET","HEAD"]}}]'`,
    at: '"get"',
  },
  {
    code: 'alb-condition-config',
    fire: `${COND}: '[{"field":"query-string","queryStringConfig":{"values":[{"key":"v"}]}}]'`,
    silent: `${COND}: '[{"field":"query-string","queryStringConfig":{"values":[{"key":"v","value":"2"}]}}]'`,
    at: '{"key":"v"}',
  },
  {
    code: 'alb-condition-config',
    fire: `${COND}: '[{"field":"path-pattern","pathPatternConfig":{"values":[]}}]'`,
    silent: `${COND}: '[{"field":"path-pattern","pathPatternConfig":{"values":["/api/*"]}}]'`,
    at: '"pathPatternConfig"',
  },
  {
    code: 'alb-condition-values-conflict',
    fire: `${COND}: '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"User-Agent","values":["*Chrome*"],"regexValues":[".+Chrome.+"]}}]'`,
    silent: `${COND}: '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"User-Agent","regexValues":[".+Chrome.+"]}}]'`,
    at: '"regexValues"',
  },
  {
    code: 'alb-condition-values-conflict',
    fire: `${COND}: '[{"field":"host-header","hostHeaderConfig":{"regexValues":["^(.+)\\\\.example\\\\.com$"]}}]'`,
    silent: `${COND}: '[{"field":"host-header","hostHeaderConfig":{"values":["*.example.com"]}}]'`,
    at: '"regexValues"',
  },
  {
    code: 'alb-condition-limits',
    fire: `${COND}: '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"X-A","values":["1","2","3","4"]}}]'`,
    silent: `${COND}: '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"X-A","values":["1","2"]}}]'`,
    at: '"httpHeaderConfig"',
  },
  {
    code: 'alb-condition-limits',
    fire: `${COND}: '[{"field":"host-header","hostHeaderConfig":{"values":["a.example.com","b.example.com","c.example.com"]}}]'`,
    silent: `${COND}: '[{"field":"host-header","hostHeaderConfig":{"values":["a.example.com","b.example.com"]}}]'`,
    at: 'alb.ingress.kubernetes.io/conditions.x',
  },
  {
    code: 'alb-condition-limits',
    fire: `${COND}: '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"X-A","values":["1","2","3"]}},{"field":"query-string","queryStringConfig":{"values":[{"value":"a"}]}}]'`,
    silent: `${COND}: '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"X-A","values":["1","2"]}},{"field":"query-string","queryStringConfig":{"values":[{"value":"a"}]}}]'`,
    at: 'alb.ingress.kubernetes.io/conditions.x',
  },
  {
    code: 'alb-condition-limits',
    fire: `${COND}: '[{"field":"source-ip","sourceIPConfig":{"values":["10.0.0.0/8"]}},{"field":"source-ip","sourceIPConfig":{"values":["192.168.0.0/16"]}}]'`,
    silent: `${COND}: '[{"field":"source-ip","sourceIPConfig":{"values":["10.0.0.0/8","192.168.0.0/16"]}}]'`,
    at: '"source-ip"',
  },
  {
    code: 'alb-transform-type',
    fire: `${TR}: '[{"type":"url-rewrites","urlRewriteConfig":{"rewrites":[{"regex":"^/api/(.+)$","replace":"/$1"}]}}]'`,
    silent: `${TR}: '[{"type":"url-rewrite","urlRewriteConfig":{"rewrites":[{"regex":"^/api/(.+)$","replace":"/$1"}]}}]'`,
    at: '"url-rewrites"',
  },
  {
    code: 'alb-transform-config',
    fire: `${TR}: '[{"type":"url-rewrite","urlRewriteConfig":{"rewrites":[]}}]'`,
    silent: `${TR}: '[{"type":"url-rewrite","urlRewriteConfig":{"rewrites":[{"regex":"^/api/(.+)$","replace":"/$1"}]}}]'`,
    at: '"urlRewriteConfig"',
  },
  {
    code: 'alb-transform-config',
    fire: `${TR}: '[{"type":"host-header-rewrite","urlRewriteConfig":{"rewrites":[{"regex":"a","replace":"b"}]}}]'`,
    silent: `${TR}: '[{"type":"host-header-rewrite","hostHeaderRewriteConfig":{"rewrites":[{"regex":"a","replace":"b"}]}}]'`,
    at: '"urlRewriteConfig"',
  },
  // jwt-validation, mutual-authentication, auth-idp-*: enhanced_backend_builder.go buildJwtValidationConfig,
  // model_build_listener.go validateMutualAuthenticationConfig, config_types.go AuthIDPConfig* (ELBv2 required fields).
  {
    code: 'alb-jwt-validation',
    fire: `${JWT}: '{"jwksEndpoint": "https://id.example.com/jwks"}'`,
    silent: `${JWT}: '{"jwksEndpoint": "https://id.example.com/jwks", "issuer": "https://id.example.com"}'`,
    at: '{"jwksEndpoint": "https://id.example.com/jwks"}',
  },
  {
    code: 'alb-jwt-validation',
    fire: `${JWT}: '{"jwksEndpoint": "https://i/jwks", "issuer": "https://i", "additionalClaims": [{"format": "array", "name": "scope", "values": ["read"]}]}'`,
    silent: `${JWT}: '{"jwksEndpoint": "https://i/jwks", "issuer": "https://i", "additionalClaims": [{"format": "string-array", "name": "scope", "values": ["read"]}]}'`,
    at: '"array"',
  },
  {
    code: 'alb-jwt-validation',
    fire: `${JWT}: '{"jwksEndpoint": "https://i/jwks", "issuer": "https://i", "additionalClaims": [{"format": "single-string", "name": "scope", "values": []}]}'`,
    silent: `${JWT}: '{"jwksEndpoint": "https://i/jwks", "issuer": "https://i", "additionalClaims": [{"format": "single-string", "name": "scope", "values": ["read"]}]}'`,
    at: '"values"',
  },
  {
    code: 'alb-mutual-authentication',
    fire: `${MTLS}: '[{"port": 443, "mode": "verify"}]'`,
    silent: `${MTLS}: '[{"port": 443, "mode": "verify", "trustStore": "arn:aws:elasticloadbalancing:us-west-2:123456789012:truststore/ts/1"}]'`,
    at: '"verify"',
  },
  {
    code: 'alb-mutual-authentication',
    fire: `${MTLS}: '[{"port": 443, "mode": "passthrough", "trustStore": "ts"}]'`,
    silent: `${MTLS}: '[{"port": 443, "mode": "passthrough"}]'`,
    at: '"trustStore"',
  },
  {
    code: 'alb-mutual-authentication',
    fire: `${MTLS}: '[{"port": 443, "mode": "Verify", "trustStore": "ts"}]'`,
    silent: `${MTLS}: '[{"port": 443, "mode": "verify", "trustStore": "ts"}]'`,
    at: '"Verify"',
  },
  {
    code: 'alb-mutual-authentication',
    fire: `${MTLS}: '[{"port": 443, "mode": "off", "advertiseTrustStoreCaNames": "on"}]'`,
    silent: `${MTLS}: '[{"port": 443, "mode": "off"}]'`,
    at: '"advertiseTrustStoreCaNames"',
  },
  { code: 'alb-mutual-authentication', fire: `${MTLS}: '[]'`, silent: `${MTLS}: '[{"port": 443, "mode": "off"}]'`, at: '[]' },
  {
    code: 'alb-json-type',
    fire: `${MTLS}: '[{"port": "443", "mode": "off"}]'`,
    silent: `${MTLS}: '[{"port": 443, "mode": "off"}]'`,
    at: '"443"',
  },
  {
    code: 'alb-json-unknown-key',
    fire: `${MTLS}: '[{"port": 443, "mode": "verify", "truststore": "ts", "trustStor": "x"}]'`,
    silent: `${MTLS}: '[{"port": 443, "mode": "verify", "trustStore": "ts"}]'`,
    at: '"trustStor"',
  },
  {
    code: 'alb-auth-idp',
    fire: `${COG}: '{"userPoolARN": "arn:aws:cognito-idp:us-west-2:123456789012:userpool/p", "userPoolClientID": "c"}'`,
    silent: `${COG}: '{"userPoolARN": "arn:aws:cognito-idp:us-west-2:123456789012:userpool/p", "userPoolClientID": "c", "userPoolDomain": "d"}'`,
    at: '{"userPoolARN": "arn:aws:cognito-idp:us-west-2:123456789012:userpool/p", "userPoolClientID": "c"}',
  },
  {
    code: 'alb-auth-idp',
    fire: `${OIDC}: '{"issuer": "https://i", "authorizationEndpoint": "https://a", "tokenEndpoint": "https://t", "userInfoEndpoint": "https://u"}'`,
    silent: `${OIDC}: '{"issuer": "https://i", "authorizationEndpoint": "https://a", "tokenEndpoint": "https://t", "userInfoEndpoint": "https://u", "secretName": "oidc"}'`,
    at: '{"issuer": "https://i", "authorizationEndpoint": "https://a", "tokenEndpoint": "https://t", "userInfoEndpoint": "https://u"}',
  },
];

checkTable(
  'ALB actions JSON',
  cases.map((c) => ({
    ...c,
    fire: ingress(c.fire),
    silent: ingress(c.silent),
    source: 'aws-load-balancer-controller pkg/ingress/config_types.go, enhanced_backend_builder.go',
  })),
);

test('every declared code has a firing case here (or below)', () => {
  const covered = new Set([...cases.map((c) => c.code), 'alb-action-service-missing']);
  for (const c of ACTIONS_CODES) assert.ok(covered.has(c.code), `no test for ${c.code}`);
});

test('alb-action-service-missing: a serviceName with no Service in the namespace (warning), and an unknown port', () => {
  const text = ingress(fwd(`${tg('blue', 90)},${tg('gren', 10)}`));
  const d = withCode(diagnose(text, {}, { 'svc.yaml': SERVICES }), 'alb-action-service-missing');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 2);
  assert.match(d[0].message, /No Service "gren" in namespace shop.*Did you mean "green"/);
  const okText = ingress(fwd(`${tg('blue', 90)},${tg('green', 10)}`));
  assert.deepEqual(withCode(diagnose(okText, {}, { 'svc.yaml': SERVICES }), 'alb-action-service-missing'), []);
  const badPort = ingress(
    fwd(`{"serviceName":"blue","servicePort":"web","weight":1},{"serviceName":"green","servicePort":8080,"weight":1}`),
  );
  const p = withCode(diagnose(badPort, {}, { 'svc.yaml': SERVICES }), 'alb-action-service-missing');
  assert.equal(p.length, 2);
  assert.match(p[0].message, /no port named "web"/);
  const goodPort = ingress(
    fwd(`{"serviceName":"blue","servicePort":"http","weight":1},{"serviceName":"green","servicePort":"80","weight":1}`),
  );
  assert.deepEqual(withCode(diagnose(goodPort, {}, { 'svc.yaml': SERVICES }), 'alb-action-service-missing'), []);
  // A Service of the same name in another namespace does not count.
  const other =
    SERVICES.replace(/namespace: shop/g, 'namespace: other') +
    '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: unrelated\n  namespace: shop\nspec:\n  ports: [{port: 80}]\n';
  assert.equal(withCode(diagnose(okText, {}, { 'svc.yaml': other }), 'alb-action-service-missing').length, 2);
});

test('non-canonical key case is only a hint; unknown keys are warnings', () => {
  const d = diagnose(ingress(`${ACT}: '{"Type":"redirect","RedirectConfig":{"Protocol":"HTTPS","Port":"443","StatusCode":"HTTP_301"}}'`));
  assert.ok(withCode(d, 'alb-json-key-case').every((x) => x.severity === 4));
  assert.deepEqual(
    d.filter((x) => x.severity === 1).map((x) => x.code),
    [],
  );
  const u = withCode(diagnose(ingress(`${ACT}: '{"type":"forward","targetGroupARN":"arn","note":"x"}'`)), 'alb-json-unknown-key');
  assert.equal(u[0].severity, 2);
  assert.match(u[0].message, /ignores it silently/);
});

test('error positions in every scalar style point at the offending JSON', () => {
  const bad = '{"type":"forward","targetGroupARN":"arn","forwardConfig":{"targetGroups":[]}}';
  const forms: Record<string, string> = {
    single: `${ACT}: '${bad}'`,
    double: `${ACT}: ${JSON.stringify(bad)}`,
    literal: `${ACT}: |\n  {\n    "type": "forward",\n    "targetGroupARN": "arn",\n    "forwardConfig": {"targetGroups": []}\n  }`,
    folded: `${ACT}: >\n  {"type":"forward",\n  "targetGroupARN":"arn",\n  "forwardConfig":{"targetGroups":[]}}`,
    foldedStrip: `${ACT}: >-\n    {"type":"forward", "targetGroupARN":"arn",\n     "forwardConfig":{"targetGroups":[]}}\n\n`,
  };
  for (const [name, ann] of Object.entries(forms)) {
    const text = ingress(ann);
    const d = withCode(diagnose(text), 'alb-action-forward-conflict');
    assert.equal(d.length, 1, name);
    const line = text.split('\n')[d[0].range.start.line];
    const got = line.slice(d[0].range.start.character, d[0].range.end.character);
    assert.equal(got.replace(/\\"/g, '"'), '"forwardConfig"', `${name}: ${got}`);
  }
});

test('quick fixes rewrite inside the scalar with the right escaping', () => {
  const text = ingress(`${ACT}: "{\\"type\\":\\"Forward\\",\\"targetGroupARN\\":\\"arn\\"}"`);
  const s = serviceWith({ 'main.yaml': text });
  const d = withCode(s.validate(uriOf('main.yaml')), 'alb-action-type');
  const fix = (
    d[0].data as {
      fixes: { edits: { range: { start: { line: number; character: number }; end: { character: number } }; newText: string }[] }[];
    }
  ).fixes[0].edits[0];
  const lines = text.split('\n');
  const l = lines[fix.range.start.line];
  lines[fix.range.start.line] = l.slice(0, fix.range.start.character) + fix.newText + l.slice(fix.range.end.character);
  const fixed = lines.join('\n');
  assert.deepEqual(withCode(diagnose(fixed), 'alb-action-type'), []);
  assert.match(fixed, /\\"type\\":\\"forward\\"/);
});

test('the upstream examples that use Type/RedirectConfig and sourceIpConfig raise no error', () => {
  const d = diagnose(
    ingress(
      `${ACT}: '{"Type": "redirect", "RedirectConfig": { "Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}'\n${COND}: >\n  [{"field":"source-ip","sourceIpConfig":{"values":["192.168.0.0/16", "172.16.0.0/16"]}}]`,
    ),
  );
  assert.deepEqual(
    d.filter((x) => x.severity === 1 && String(x.code).startsWith('alb-')).map((x) => x.code),
    [],
  );
});

test('bad input never throws: odd shapes everywhere', () => {
  for (const v of [
    'null',
    '[]',
    '{}',
    '[1, "a", null]',
    '{"type": null}',
    '{"type":"forward","forwardConfig":null}',
    '{"type":"forward","forwardConfig":{"targetGroups":[null, 1, "x", {}]}}',
    '"str"',
    '1e999',
  ]) {
    for (const k of [ACT, COND, TR]) diagnose(ingress(`${k}: '${v}'`));
  }
  diagnose(ingress(`${ACT}: &a '{"type":"forward"}'\nother: *a`));
});

test('alb-json-invalid points at the offending token in every scalar style', () => {
  const forms: Record<string, [string, string]> = {
    single: [`${ACT}: '{"type": "forward" "b": 1}'`, '"b"'],
    double: [`${ACT}: "{\\"type\\": \\"forward\\" \\"b\\": 1}"`, '\\"b\\"'],
    literal: [`${ACT}: |\n  {\n    "type": "forward"\n    "b": 1\n  }`, '"b"'],
    folded: [`${ACT}: >\n  {"type": "forward"\n   "b": 1}`, '"b"'],
    doubleMultiLine: [`${ACT}: "{\\"type\\":\n  \\"forward\\"\n  \\"b\\": 1}"`, '\\"b\\"'],
    singleTrailingComma: [`${ACT}: '{"type": "forward", "targetGroupARN": "a",}'`, '}'],
  };
  for (const [name, [ann, want]] of Object.entries(forms)) {
    const text = ingress(ann);
    const d = withCode(diagnose(text), 'alb-json-invalid');
    assert.ok(d.length >= 1, name);
    const line = text.split('\n')[d[0].range.start.line];
    assert.equal(line.slice(d[0].range.start.character, d[0].range.end.character), want, name);
  }
});

test('many Ingresses with actions: every one checked, the same findings again, the one edited to an out-of-range weight found', (t) => {
  // The size bounds the work; no wall-clock assertion (timings are only reported).
  const one = (i: number): string => ingress(fwd(`${tg('blue', 90)},${tg('green', i % 1000)}`)).replace('name: web', `name: web-${i}`);
  const docs = Array.from({ length: 1500 }, (_, i) => one(i));
  const s = serviceWith({ 'big.yaml': docs.join('---\n') });
  let started = Date.now();
  const d = s.validate(uriOf('big.yaml'));
  assert.equal(withCode(d, 'alb-action-weight-range').length, 0);
  assert.equal(withCode(d, 'alb-action-all-weights-zero').length, 0);
  t.diagnostic(`1,500 Ingresses validated in ${Date.now() - started} ms`);
  assert.deepEqual(s.validate(uriOf('big.yaml')), d);
  assert.ok(s.complete(uriOf('big.yaml'), { line: 6, character: 60 }));
  assert.ok(s.hover(uriOf('big.yaml'), { line: 6, character: 60 }));
  // Weight 1000 is out of range (ELB allows 0–999): exactly the edited document reports it.
  docs[700] = one(700).replace(`${tg('green', 700)}`, `${tg('green', 1000)}`);
  s.setFile(uriOf('big.yaml'), docs.join('---\n'));
  started = Date.now();
  assert.equal(withCode(s.validate(uriOf('big.yaml')), 'alb-action-weight-range').length, 1);
  t.diagnostic(`after a one-document edit: ${Date.now() - started} ms`);
  assert.deepEqual(s.internalErrors, []);
});

test('alb-json-type quick fixes: quote a number where a string is expected, unquote a number or boolean', () => {
  const apply = (text: string, code: string): string => {
    const s = serviceWith({ 'main.yaml': text });
    const d = withCode(s.validate(uriOf('main.yaml')), code);
    const fix = (
      d[0].data as {
        fixes: { edits: { range: { start: { line: number; character: number }; end: { character: number } }; newText: string }[] }[];
      }
    ).fixes[0].edits[0];
    const lines = text.split('\n');
    const l = lines[fix.range.start.line];
    lines[fix.range.start.line] = l.slice(0, fix.range.start.character) + fix.newText + l.slice(fix.range.end.character);
    return lines.join('\n');
  };
  const w = apply(ingress(fwd(`${tg('blue', '"50"')},${tg('green', 50)}`)), 'alb-json-type');
  assert.match(w, /"weight":50,?\}?.*"weight":50/);
  assert.deepEqual(withCode(diagnose(w), 'alb-json-type'), []);
  const dq = apply(
    ingress(`${ACT}: "{\\"type\\":\\"fixed-response\\",\\"fixedResponseConfig\\":{\\"statusCode\\":503}}"`),
    'alb-json-type',
  );
  assert.match(dq, /\\"statusCode\\":\\"503\\"/);
  assert.deepEqual(withCode(diagnose(dq), 'alb-json-type'), []);
  const b = apply(ingress(fwd(tg('blue'), ',"targetGroupStickinessConfig":{"enabled":"true","durationSeconds":60}')), 'alb-json-type');
  assert.match(b, /"enabled":true/);
});

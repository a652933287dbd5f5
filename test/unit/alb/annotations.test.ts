/** ALB annotation diagnostics: each code fires on the wrong form and stays silent on the right one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, withCode, serviceWith, uriOf } from '../../helpers/service';

const P = 'alb.ingress.kubernetes.io/';

interface Backend {
  name: string;
  port: string | number;
}
/** An Ingress with annotations (values written as given, so quoting is the test's choice) and backends. */
function ingress(
  ann: Record<string, string>,
  opts: { backends?: Backend[]; ns?: string; cls?: string | null; extraMeta?: string } = {},
): string {
  const backends = opts.backends ?? [{ name: 'web', port: 80 }];
  const lines = ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: app'];
  if (opts.ns) lines.push(`  namespace: ${opts.ns}`);
  if (Object.keys(ann).length) {
    lines.push('  annotations:');
    for (const [k, v] of Object.entries(ann))
      lines.push(`    ${k.startsWith('kubernetes.io') || (k.includes('/') && !k.startsWith(P)) ? k : P + k}: ${v}`);
  }
  if (opts.extraMeta) lines.push(opts.extraMeta);
  lines.push('spec:');
  if (opts.cls !== null) lines.push(`  ingressClassName: ${opts.cls ?? 'alb'}`);
  lines.push('  rules:', '    - http:', '        paths:');
  backends.forEach((b, i) => {
    lines.push(
      `          - path: /p${i}`,
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      `                name: ${b.name}`,
      '                port:',
      typeof b.port === 'number' ? `                  number: ${b.port}` : `                  name: ${b.port}`,
    );
  });
  return lines.join('\n') + '\n';
}

function service(name: string, opts: { ns?: string; type?: string; ports?: string; ann?: Record<string, string> } = {}): string {
  const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`];
  if (opts.ns) lines.push(`  namespace: ${opts.ns}`);
  if (opts.ann) {
    lines.push('  annotations:');
    for (const [k, v] of Object.entries(opts.ann)) lines.push(`    ${k.includes('/') ? k : P + k}: ${v}`);
  }
  lines.push('spec:');
  if (opts.type) lines.push(`  type: ${opts.type}`);
  lines.push('  selector: {app: x}', `  ports: ${opts.ports ?? '[{name: http, port: 80}]'}`);
  return lines.join('\n') + '\n';
}

function codes(text: string, code: string, extra: Record<string, string> = {}) {
  return withCode(diagnose(text, {}, extra), code);
}

test('alb-unknown-annotation: a typo gets "did you mean" and a rename quick fix; known names are silent', () => {
  const d = codes(ingress({ shceme: 'internet-facing' }), 'alb-unknown-annotation');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /did you mean alb\.ingress\.kubernetes\.io\/scheme\?/);
  const fix = (d[0].data as { fixes: { title: string; edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.edits[0].newText, P + 'scheme');
  assert.equal(d[0].range.start.line, 5);
  assert.match(codes(ingress({ 'healthcheck-interval': "'10'" }), 'alb-unknown-annotation')[0].message, /healthcheck-interval-seconds\?/);
  assert.match(codes(ingress({ Scheme: 'internal' }), 'alb-unknown-annotation')[0].message, /\/scheme\?/);
  // A misspelt variable prefix keeps the name.
  const a = codes(ingress({ 'action.blue': "'{}'" }, { backends: [{ name: 'blue', port: 'use-annotation' }] }), 'alb-unknown-annotation');
  assert.match(a[0].message, /actions\.blue/);
  assert.deepEqual(
    codes(
      ingress({
        scheme: 'internet-facing',
        'target-type': 'ip',
        'group.order': "'10'",
        'listener-attributes.HTTPS-443': 'routing.http.response.server.enabled=true',
        'target-control-port.web.80': "'3000'",
      }),
      'alb-unknown-annotation',
    ),
    [],
  );
  // Placeholders in names (docs) are not judged.
  assert.deepEqual(codes(ingress({ 'target-control-port.${serviceName}.${servicePort}': "'3000'" }), 'alb-unknown-annotation'), []);
});

test('alb-annotation-name: malformed variable names; well-formed ones are silent', () => {
  assert.equal(codes(ingress({ 'listener-attributes.https-443': 'a=b' }), 'alb-annotation-name').length, 1);
  assert.equal(codes(ingress({ 'actions.Blue_Green': "'{}'" }), 'alb-annotation-name').length, 1);
  assert.equal(codes(ingress({ 'conditions.': "'[]'" }), 'alb-annotation-name').length, 1);
  assert.equal(codes(ingress({ 'listener-attributes.HTTP-70000': 'a=b' }), 'alb-annotation-name').length, 1);
  assert.deepEqual(codes(ingress({ 'listener-attributes.HTTP-80': 'a=b', 'conditions.web': "'[]'" }), 'alb-annotation-name'), []);
});

test('alb-annotation-value: integers, ranges, booleans, enums, stringMap, JSON', () => {
  // Each wrong value fires at its exact range in test/unit/alb/annotations-checks.test.ts (checkTable); here the messages.
  assert.match(codes(ingress({ 'target-type': 'IP' }), 'alb-annotation-value')[0].message, /did you mean "ip"/);
  // Broken JSON of auth-idp-cognito is the JSON part's finding, at the exact character (not a second one here).
  assert.deepEqual(codes(ingress({ 'auth-idp-cognito': '\'{"userPoolARN": \'' }), 'alb-annotation-value'), []);
  assert.ok(codes(ingress({ 'auth-idp-cognito': '\'{"userPoolARN": \'' }), 'alb-json-invalid').length >= 1);
  assert.match(codes(ingress({ 'group.order': "'-1001'" }), 'alb-annotation-value')[0].message, /-1000–1000/);
  const good: Record<string, string> = {
    'healthcheck-interval-seconds': "'300'",
    'healthcheck-timeout-seconds': "'2'",
    'healthy-threshold-count': "'10'",
    'unhealthy-threshold-count': "'2'",
    'group.order': "'-1000'",
    'shield-advanced-protection': "'True'",
    scheme: 'internet-facing',
    'target-type': 'ip',
    tags: 'Environment=dev,Team=test',
    'auth-idp-cognito': '\'{"userPoolARN": "arn"}\'',
    'inbound-cidrs': '10.0.0.0/8, ::/0',
    'healthcheck-port': 'traffic-port',
    'success-codes': '200-399',
    'listener-attributes.HTTPS-443': 'routing.http.response.access_control_allow_headers.header_value=a\\,b',
    'ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    subnets: 'subnet-1, subnet-2',
  };
  assert.deepEqual(codes(ingress(good), 'alb-annotation-value'), []);
  // Placeholders (docs, templates) are not judged.
  assert.deepEqual(
    codes(
      ingress({ 'inbound-cidrs': '$INBOUND_CIDRS', 'healthcheck-interval-seconds': "'<seconds>'", scheme: '${SCHEME}' }),
      'alb-annotation-value',
    ),
    [],
  );
  // An unknown ssl-policy name is a warning, a near-real one only information.
  assert.equal(codes(ingress({ 'ssl-policy': 'my-policy' }), 'alb-annotation-value')[0].severity, 2);
  assert.equal(codes(ingress({ 'ssl-policy': 'ELBSecurityPolicy-TLS13-9-9-2099-01' }), 'alb-annotation-value')[0].severity, 3);
});

test('alb-annotation-not-string: YAML lists/maps as values; strings are silent', () => {
  const t = ingress({ subnets: '[subnet-a, subnet-b]' });
  assert.equal(codes(t, 'alb-annotation-not-string').length, 1);
  assert.deepEqual(codes(ingress({ subnets: 'subnet-a, subnet-b' }), 'alb-annotation-not-string'), []);
  // Unquoted numbers/booleans are the core check's (meta-value-not-string), not reported twice.
  assert.deepEqual(codes(ingress({ 'ssl-redirect': '443', 'listen-ports': '\'[{"HTTPS": 443}]\'' }), 'alb-annotation-not-string'), []);
});

test('alb-annotation-scope: Ingress-only annotations on a Service; Ingress+Service ones are fine there', () => {
  const svc = service('web', { ann: { scheme: 'internet-facing', 'target-type': 'ip' } });
  const d = codes(svc, 'alb-annotation-scope');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /scheme/);
  assert.deepEqual(codes(service('web', { ann: { 'healthcheck-path': '/health' } }), 'alb-annotation-scope'), []);
});

test('alb-group-name: pattern and length', () => {
  assert.equal(codes(ingress({ 'group.name': 'My_Group' }), 'alb-group-name').length, 1);
  assert.equal(codes(ingress({ 'group.name': 'a'.repeat(64) }), 'alb-group-name').length, 1);
  assert.equal(codes(ingress({ 'group.name': '-team' }), 'alb-group-name').length, 1);
  assert.deepEqual(codes(ingress({ 'group.name': 'my-team.awesome-group' }), 'alb-group-name'), []);
});

test('alb-certificate-arn: each entry must be a certificate ARN', () => {
  assert.equal(
    codes(ingress({ 'certificate-arn': 'arn:aws:acm:us-west-2:123456789012:certificate/abc,my-cert' }), 'alb-certificate-arn').length,
    1,
  );
  assert.equal(
    codes(ingress({ 'certificate-arn': 'arn:aws:acm-pca:us-west-2:123456789012:certificate-authority/x' }), 'alb-certificate-arn').length,
    1,
  );
  assert.deepEqual(
    codes(
      ingress({ 'certificate-arn': 'arn:aws:acm:us-west-2:xxxxx:certificate/c1, arn:aws:iam::123456789012:server-certificate/legacy' }),
      'alb-certificate-arn',
    ),
    [],
  );
  assert.deepEqual(
    codes(ingress({ 'certificate-arn': 'arn:aws:acm:<region>:<account-id>:certificate/<certificate-id>' }), 'alb-certificate-arn'),
    [],
  );
});

test('alb-listen-ports: JSON schema of listeners', () => {
  // The wrong forms fire at their exact range in test/unit/alb/annotations-checks.test.ts; here the messages.
  assert.match(codes(ingress({ 'listen-ports': '\'[{"http": 80}]\'' }), 'alb-listen-ports')[0].message, /in capitals: "HTTP"/);
  assert.deepEqual(codes(ingress({ 'listen-ports': '\'[{"HTTP": 80}, {"HTTPS": 443}, {"HTTP": 8080}]\'' }), 'alb-listen-ports'), []);
  // A block scalar with JSON is fine too.
  assert.deepEqual(codes(ingress({ 'listen-ports': '>\n      [{"HTTP": 80}, {"HTTPS":443}]' }), 'alb-listen-ports'), []);
});

test('alb-ssl-redirect-no-https: the redirect port must be an HTTPS listener', () => {
  const d = codes(ingress({ 'listen-ports': '\'[{"HTTP": 80}]\'', 'ssl-redirect': "'443'" }), 'alb-ssl-redirect-no-https');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 1);
  assert.equal(codes(ingress({ 'ssl-redirect': "'443'" }), 'alb-ssl-redirect-no-https').length, 1, 'default listener is HTTP:80');
  assert.equal(
    codes(ingress({ 'listen-ports': '\'[{"HTTP": 443}]\'', 'ssl-redirect': "'443'" }), 'alb-ssl-redirect-no-https').length,
    1,
    'HTTP on 443',
  );
  const grp = codes(
    ingress({ 'listen-ports': '\'[{"HTTP": 80}]\'', 'ssl-redirect': "'443'", 'group.name': 'team' }),
    'alb-ssl-redirect-no-https',
  );
  assert.equal(grp[0].severity, 2, 'a warning inside an IngressGroup');
  assert.deepEqual(
    codes(ingress({ 'listen-ports': '\'[{"HTTP": 80}, {"HTTPS": 443}]\'', 'ssl-redirect': "'443'" }), 'alb-ssl-redirect-no-https'),
    [],
  );
  assert.deepEqual(
    codes(
      ingress({ 'certificate-arn': 'arn:aws:acm:us-west-2:123456789012:certificate/c', 'ssl-redirect': "'443'" }),
      'alb-ssl-redirect-no-https',
    ),
    [],
    'default HTTPS:443 with a certificate',
  );
});

test('alb-deprecated-annotation: web-acl-id, with a rename fix', () => {
  const d = codes(ingress({ 'web-acl-id': 'abc' }), 'alb-deprecated-annotation');
  assert.equal(d.length, 1);
  assert.equal((d[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0].edits[0].newText, P + 'waf-acl-id');
  assert.deepEqual(codes(ingress({ 'waf-acl-id': 'abc' }), 'alb-deprecated-annotation'), []);
});

test('alb-use-annotation-missing-action: the silent 503, both API styles', () => {
  const d = codes(ingress({}, { backends: [{ name: 'blue-green', port: 'use-annotation' }] }), 'alb-use-annotation-missing-action');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /actions\.blue-green/);
  assert.deepEqual(
    codes(
      ingress(
        { 'actions.blue-green': '\'{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "200"}}\'' },
        { backends: [{ name: 'blue-green', port: 'use-annotation' }] },
      ),
      'alb-use-annotation-missing-action',
    ),
    [],
  );
  const beta =
    'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: old\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            backend:\n              serviceName: ssl-redirect\n              servicePort: use-annotation\n';
  assert.equal(codes(beta, 'alb-use-annotation-missing-action').length, 1);
});

test('alb-unused-action: actions/conditions/transforms no backend refers to', () => {
  const t = ingress(
    {
      'actions.blue-gren': '\'{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "200"}}\'',
      'conditions.nobody': '\'[{"field": "http-header", "httpHeaderConfig": {"httpHeaderName": "x", "values": ["y"]}}]\'',
      'actions.web': '\'{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "200"}}\'',
    },
    {
      backends: [
        { name: 'blue-green', port: 'use-annotation' },
        { name: 'web', port: 80 },
      ],
    },
  );
  const d = codes(t, 'alb-unused-action');
  assert.equal(d.length, 3);
  assert.ok(d.some((x) => /did you mean "blue-green"/.test(x.message)));
  assert.ok(d.some((x) => /uses a real port \(80\)/.test(x.message)));
  const ok = ingress(
    {
      'actions.blue-green': '\'{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "200"}}\'',
      'conditions.web': '\'[{"field": "http-header", "httpHeaderConfig": {"httpHeaderName": "x", "values": ["y"]}}]\'',
      'transforms.web': '\'[{"type": "url-rewrite", "urlRewriteConfig": {"rewrites": [{"regex": "^/a$", "replace": "/b"}]}}]\'',
    },
    {
      backends: [
        { name: 'blue-green', port: 'use-annotation' },
        { name: 'web', port: 80 },
      ],
    },
  );
  assert.deepEqual(codes(ok, 'alb-unused-action'), []);
  // target-control-port.<service>.<port> must name a backend as written.
  assert.equal(codes(ingress({ 'target-control-port.web.8080': "'3000'" }), 'alb-unused-action').length, 1);
  assert.deepEqual(codes(ingress({ 'target-control-port.web.80': "'3000'" }), 'alb-unused-action'), []);
});

test('alb-use-annotation-typo: near misses of the magic port name, with a fix', () => {
  for (const typo of ['use-annotations', 'use_annotation', 'useannotation', 'use-anotation']) {
    const d = codes(ingress({}, { backends: [{ name: 'blue', port: typo }] }), 'alb-use-annotation-typo');
    assert.equal(d.length, 1, typo);
    assert.equal((d[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0].edits[0].newText, 'use-annotation');
  }
  assert.deepEqual(codes(ingress({}, { backends: [{ name: 'blue', port: 'http' }] }), 'alb-use-annotation-typo'), []);
});

const ALB_CLASS =
  'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: alb\nspec:\n  controller: ingress.k8s.aws/alb\n';
const NGINX_CLASS =
  'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: k8s.io/ingress-nginx\n';
const AUTO_CLASS =
  'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: auto-alb\nspec:\n  controller: eks.amazonaws.com/alb\n';

test('alb-not-alb-class: class resolved through IngressClass objects or the legacy annotation', () => {
  assert.equal(codes(ingress({ scheme: 'internet-facing' }, { cls: 'nginx' }), 'alb-not-alb-class', { 'c.yaml': NGINX_CLASS }).length, 1);
  assert.equal(
    codes(ingress({ scheme: 'internet-facing', 'kubernetes.io/ingress.class': 'nginx' }, { cls: null }), 'alb-not-alb-class').length,
    1,
  );
  // Silent: alb without an IngressClass in the workspace, an ALB IngressClass, the legacy "alb", an unknown class.
  assert.deepEqual(codes(ingress({ scheme: 'internet-facing' }), 'alb-not-alb-class'), []);
  assert.deepEqual(codes(ingress({ scheme: 'internet-facing' }), 'alb-not-alb-class', { 'c.yaml': ALB_CLASS }), []);
  assert.deepEqual(
    codes(ingress({ scheme: 'internet-facing', 'kubernetes.io/ingress.class': 'alb' }, { cls: null }), 'alb-not-alb-class'),
    [],
  );
  assert.deepEqual(codes(ingress({ scheme: 'internet-facing' }, { cls: 'custom' }), 'alb-not-alb-class'), []);
  assert.deepEqual(codes(ingress({}, { cls: 'nginx' }), 'alb-not-alb-class', { 'c.yaml': NGINX_CLASS }), [], 'no ALB annotations');
});

test('alb-auto-mode-unsupported: group.name, WAF classic, Shield, listener attributes under eks.amazonaws.com/alb (OIDC is supported)', () => {
  const t = ingress(
    {
      'group.name': 'team',
      'waf-acl-id': 'x',
      'shield-advanced-protection': "'true'",
      'auth-type': 'oidc',
      scheme: 'internet-facing',
      'listener-attributes.HTTP-80': 'routing.http.response.server.enabled=false',
    },
    { cls: 'auto-alb' },
  );
  const d = codes(t, 'alb-auto-mode-unsupported', { 'c.yaml': AUTO_CLASS });
  assert.equal(d.length, 4);
  assert.ok(!d.some((x) => /oidc/.test(x.message)));
  assert.deepEqual(
    codes(ingress({ 'auth-type': 'cognito', scheme: 'internet-facing' }, { cls: 'auto-alb' }), 'alb-auto-mode-unsupported', {
      'c.yaml': AUTO_CLASS,
    }),
    [],
  );
  assert.deepEqual(codes(t.replace('auto-alb', 'alb'), 'alb-auto-mode-unsupported', { 'c.yaml': AUTO_CLASS }), [], 'the LBC class');
});

test('alb-backend-service-missing / alb-backend-port-missing: names and ports checked against the workspace, by namespace', () => {
  const ing = ingress(
    {},
    {
      ns: 'shop',
      backends: [
        { name: 'web', port: 80 },
        { name: 'api', port: 'http' },
        { name: 'gone', port: 80 },
        { name: 'action', port: 'use-annotation' },
      ],
    },
  );
  const extra = {
    's.yaml':
      service('web', { ns: 'shop', ports: '[{name: http, port: 8080}]' }) +
      '---\n' +
      service('api', { ns: 'shop' }) +
      '---\n' +
      service('gone', { ns: 'other' }),
  };
  const all = diagnose(ing, {}, extra);
  const missing = withCode(all, 'alb-backend-service-missing');
  assert.equal(missing.length, 1);
  assert.match(missing[0].message, /"gone" in namespace shop/);
  const port = withCode(all, 'alb-backend-port-missing');
  assert.equal(port.length, 1);
  assert.match(port[0].message, /no port 80; its ports: http \(8080\)/);
  // Silent when the workspace has no Service in that namespace at all.
  assert.deepEqual(withCode(diagnose(ingress({}, { ns: 'empty' })), 'alb-backend-service-missing'), []);
  // Silent for matching names and ports.
  assert.deepEqual(
    withCode(diagnose(ingress({}, { ns: 'shop' }), {}, { 's.yaml': service('web', { ns: 'shop' }) }), 'alb-backend-port-missing'),
    [],
  );
});

test('alb-instance-target-clusterip: instance targets need NodePort Services (Ingress or Service annotation)', () => {
  const ing = ingress({ 'target-type': 'instance' }, { ns: 'shop' });
  assert.equal(codes(ing, 'alb-instance-target-clusterip', { 's.yaml': service('web', { ns: 'shop' }) }).length, 1);
  assert.deepEqual(codes(ing, 'alb-instance-target-clusterip', { 's.yaml': service('web', { ns: 'shop', type: 'NodePort' }) }), []);
  assert.deepEqual(
    codes(ing, 'alb-instance-target-clusterip', { 's.yaml': service('web', { ns: 'shop', ann: { 'target-type': 'ip' } }) }),
    [],
    'Service overrides',
  );
  assert.deepEqual(
    codes(ingress({ 'target-type': 'ip' }, { ns: 'shop' }), 'alb-instance-target-clusterip', { 's.yaml': service('web', { ns: 'shop' }) }),
    [],
  );
  // No target-type at all: the controller's default (instance) applies — information, for the ALB class only.
  const dflt = codes(ingress({ scheme: 'internal' }, { ns: 'shop' }), 'alb-instance-target-clusterip', {
    's.yaml': service('web', { ns: 'shop' }),
  });
  assert.equal(dflt.length, 1);
  assert.equal(dflt[0].severity, 3);
  assert.deepEqual(
    codes(ingress({ scheme: 'internal' }, { ns: 'shop', cls: 'auto-alb' }), 'alb-instance-target-clusterip', {
      's.yaml': service('web', { ns: 'shop' }),
      'c.yaml': AUTO_CLASS,
    }),
    [],
  );
  // On the Service itself.
  assert.equal(codes(service('web', { ann: { 'target-type': 'instance' } }), 'alb-instance-target-clusterip').length, 1);
  assert.deepEqual(codes(service('web', { type: 'NodePort', ann: { 'target-type': 'instance' } }), 'alb-instance-target-clusterip'), []);
});

test('Service-side service.beta.kubernetes.io annotations: values checked, unknown names left alone', () => {
  const svc = service('nlb', {
    type: 'LoadBalancer',
    ann: {
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'public',
      'service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout': "'60'",
    },
  });
  const d = diagnose(svc);
  assert.equal(withCode(d, 'alb-annotation-value').length, 1);
  assert.equal(withCode(d, 'alb-annotation-value')[0].severity, 2, 'a warning: the in-tree provider reads these names too');
  assert.equal(withCode(d, 'alb-unknown-annotation').length, 0);
  assert.deepEqual(
    withCode(
      diagnose(service('nlb', { type: 'LoadBalancer', ann: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' } })),
      'alb-annotation-value',
    ),
    [],
  );
});

test('odd YAML never throws: aliases, nulls, non-map annotations, flow style', () => {
  const texts = [
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations: &a\n    alb.ingress.kubernetes.io/scheme: *a\nspec: {rules: [{http: {paths: [{backend: {service: {name: *a, port: {name: [x]}}}}]}}]}\n',
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    alb.ingress.kubernetes.io/scheme:\nspec:\n  rules: 5\n',
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x, annotations: [1, 2]}\nspec: {defaultBackend: {service: {name: web, port: {name: use-annotation}}}}\n',
  ];
  for (const t of texts) diagnose(t); // diagnose throws when a check throws
  const s = serviceWith({ 'a.yaml': texts[2] });
  assert.ok(s.validate(uriOf('a.yaml')).some((d) => d.code === 'alb-use-annotation-missing-action'));
});

test('alb-group-conflict: Exclusive annotations must agree across the IngressGroup; Merge ones may differ', () => {
  const a = ingress({ 'group.name': 'team', scheme: 'internet-facing', tags: 'a=1' });
  const b = ingress({ 'group.name': 'team', scheme: 'internal', tags: 'b=2' }).replace('name: app', 'name: other');
  const d = codes(a, 'alb-group-conflict', { 'b.yaml': b });
  assert.equal(d.length, 1);
  assert.match(d[0].message, /scheme must agree across IngressGroup "team": this Ingress has internet-facing, Ingress other has internal/);
  assert.equal(d[0].relatedInformation![0].location.uri, uriOf('b.yaml'));
  assert.deepEqual(codes(a, 'alb-group-conflict', { 'b.yaml': b.replace('internal', 'internet-facing') }), []);
  assert.deepEqual(codes(a, 'alb-group-conflict', { 'b.yaml': b.replace('group.name: team', 'group.name: other-team') }), []);
});

test('alb-listener-tls: HTTPS without a certificate source, certificates without HTTPS, auth without HTTPS', () => {
  const https = '\'[{"HTTPS": 443}]\'';
  const noHost = ingress({ 'listen-ports': https });
  assert.equal(codes(noHost, 'alb-listener-tls').length, 1);
  assert.deepEqual(
    codes(noHost.replace('    - http:', '    - host: shop.example.com\n      http:'), 'alb-listener-tls'),
    [],
    'host for certificate discovery',
  );
  assert.deepEqual(
    codes(ingress({ 'listen-ports': https, 'certificate-arn': 'arn:aws:acm:us-west-2:123456789012:certificate/c' }), 'alb-listener-tls'),
    [],
  );
  assert.deepEqual(
    codes(ingress({ 'listen-ports': https, 'group.name': 'team' }), 'alb-listener-tls'),
    [],
    'group members share listeners',
  );
  assert.equal(
    codes(
      ingress({ 'listen-ports': '\'[{"HTTP": 80}]\'', 'certificate-arn': 'arn:aws:acm:us-west-2:123456789012:certificate/c' }),
      'alb-listener-tls',
    ).length,
    1,
  );
  assert.deepEqual(
    codes(ingress({ 'certificate-arn': 'arn:aws:acm:us-west-2:123456789012:certificate/c' }), 'alb-listener-tls'),
    [],
    'default listener is HTTPS:443 with a certificate',
  );
  assert.equal(codes(ingress({ 'auth-type': 'cognito' }), 'alb-listener-tls').length, 1);
  assert.deepEqual(
    codes(ingress({ 'auth-type': 'cognito', 'certificate-arn': 'arn:aws:acm:us-west-2:123456789012:certificate/c' }), 'alb-listener-tls'),
    [],
  );
});

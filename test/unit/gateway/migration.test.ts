/**
 * Ingress → Gateway API preview (the code action on an ALB Ingress): the generated text is valid YAML, carries
 * weights, conditions, redirects and fixed responses over to the Load Balancer Controller's Gateway kinds
 * (kubernetes-sigs/aws-load-balancer-controller docs/guide/gateway/*.md, v3.5.0), lists what it cannot carry,
 * and our own checks raise no error or warning on it next to the Ingress's Services.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { serviceWith, uriOf } from '../../helpers/service';
import { ingressToGateway } from '../../../server/src/service/gateway/migration';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: web
  annotations:
    alb.ingress.kubernetes.io/scheme: internet-facing
    alb.ingress.kubernetes.io/target-type: ip
    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
    alb.ingress.kubernetes.io/ssl-redirect: '443'
    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc
    alb.ingress.kubernetes.io/healthcheck-path: /healthz
    alb.ingress.kubernetes.io/group.name: shared
    alb.ingress.kubernetes.io/actions.canary: >
      {"type":"forward","forwardConfig":{"targetGroups":[
        {"serviceName":"web-v1","servicePort":80,"weight":90},
        {"serviceName":"web-v2","servicePort":"http","weight":10}]}}
    alb.ingress.kubernetes.io/conditions.canary: '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"X-Beta","values":["on"]}}]'
    alb.ingress.kubernetes.io/actions.gone: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"410","contentType":"text/plain","messageBody":"gone"}}'
spec:
  ingressClassName: alb
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: canary
                port:
                  name: use-annotation
          - path: /old/*
            pathType: ImplementationSpecific
            backend:
              service:
                name: gone
                port:
                  name: use-annotation
`;

const svc = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: web
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 80}]
`;

test('Ingress → Gateway: Gateway, LoadBalancerConfiguration, HTTPRoutes with weights and header match, redirect, fixed response, target groups', () => {
  const files = { 'ing.yaml': INGRESS, 'svc.yaml': [svc('web-v1'), svc('web-v2')].join('---\n') };
  const s = serviceWith(files);
  const obj = [...s.index.get(uriOf('ing.yaml'))!.objects()][0];
  const p = ingressToGateway(obj, s.index)!;
  const docs = parseAllDocuments(p.content);
  for (const d of docs) assert.deepEqual(d.errors, []);
  const js = docs.map((d) => d.toJS());
  const kinds = js.map((d) => d.kind);
  assert.deepEqual(kinds, [
    'GatewayClass',
    'Gateway',
    'LoadBalancerConfiguration',
    'HTTPRoute',
    'HTTPRoute',
    'ListenerRuleConfiguration',
    'TargetGroupConfiguration',
    'TargetGroupConfiguration',
  ]);
  const gw = js[1];
  assert.deepEqual(
    gw.spec.listeners.map((l: { name: string }) => l.name),
    ['http-80', 'https-443'],
  );
  const lb = js[2];
  assert.equal(lb.spec.scheme, 'internet-facing');
  assert.deepEqual(lb.spec.listenerConfigurations, [
    { protocolPort: 'HTTPS:443', defaultCertificate: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
  ]);
  const route = js[3];
  assert.deepEqual(route.spec.parentRefs, [{ name: 'shop', sectionName: 'https-443' }]);
  assert.deepEqual(route.spec.hostnames, ['shop.example.com']);
  assert.deepEqual(route.spec.rules[0].matches, [
    { path: { type: 'PathPrefix', value: '/' }, headers: [{ type: 'Exact', name: 'X-Beta', value: 'on' }] },
  ]);
  // The Service port name "http" is looked up in the workspace: 80.
  assert.deepEqual(route.spec.rules[0].backendRefs, [
    { name: 'web-v1', port: 80, weight: 90 },
    { name: 'web-v2', port: 80, weight: 10 },
  ]);
  assert.deepEqual(route.spec.rules[1].matches, [{ path: { type: 'PathPrefix', value: '/old' } }]);
  assert.equal(route.spec.rules[1].filters[0].extensionRef.name, 'shop-gone');
  const redirect = js[4];
  assert.deepEqual(redirect.spec.rules[0].filters[0].requestRedirect, { scheme: 'https', port: 443, statusCode: 301 });
  assert.deepEqual(js[5].spec.actions[0], {
    type: 'fixed-response',
    fixedResponseConfig: { statusCode: 410, contentType: 'text/plain', messageBody: 'gone' },
  });
  assert.deepEqual(js[6].spec, {
    targetReference: { name: 'web-v1' },
    defaultConfiguration: { targetType: 'ip', healthCheckConfig: { healthCheckPath: '/healthz' } },
  });
  // "on" stays a string for YAML 1.1 readers (the API server's decoder).
  assert.match(p.content, /value: "on"/);
  assert.match(p.content, /^# Not carried over:\n# - alb\.ingress\.kubernetes\.io\/group\.name: /m);
  // Our checks accept the result.
  const s2 = serviceWith({ ...files, 'out.yaml': p.content });
  assert.deepEqual(
    s2
      .validate(uriOf('out.yaml'))
      .filter((d) => d.severity! <= 2)
      .map((d) => `${d.code}: ${d.message}`),
    [],
  );
});

test('Ingress → Gateway is offered on ALB Ingresses only', () => {
  const nginx = INGRESS.replace('ingressClassName: alb', 'ingressClassName: nginx').replace(/ {4}alb\.ingress[^\n]*\n( {6}[^\n]*\n)*/g, '');
  const s = serviceWith({
    'ing.yaml': INGRESS,
    'nginx.yaml': nginx,
    'cls.yaml':
      'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: k8s.io/ingress-nginx\n',
  });
  const actions = (f: string) =>
    s
      .codeActions(uriOf(f), { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, [])
      .filter((a) => a.command?.command === 'eksManifests.previewMigration');
  assert.equal(actions('ing.yaml').length, 1);
  assert.deepEqual(actions('ing.yaml')[0].command!.arguments, [uriOf('ing.yaml'), { line: 1, character: 0 }, 'gateway']);
  assert.equal(actions('nginx.yaml').length, 0);
  assert.equal(ingressToGateway([...s.index.get(uriOf('nginx.yaml'))!.objects()][0], s.index), undefined);
});

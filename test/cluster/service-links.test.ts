/**
 * The Services view's links, read from a real kube-apiserver: an Ingress that reaches Services through a
 * weighted ALB action (blue/green, `use-annotation` backends), and the Gateway API routes (HTTPRoute,
 * GRPCRoute, TLSRoute) that send traffic to a Service, with the Gateways they attach to. The Gateway API
 * CRDs are our test stand-ins (test/fixtures/gateway-api/crds.yaml: same group, kinds and versions as
 * upstream, any content accepted), installed into the API server by the test.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { admin, createNamespace, docs, unique } from './helpers';
import { applyManifests, listServices, ServiceWatcher, type NamespaceServices, type ServiceInfo } from '../../client/src/cluster';
import { waitFor } from '../helpers/waitFor';

const CRDS = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'gateway-api', 'crds.yaml'), 'utf8');
const ns = unique('links');
const infra = unique('infra');

const svc = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  selector: {app: ${name}}\n  ports:\n  - {name: http, port: 80, protocol: TCP}\n`;

// The blue/green shape of examples/shop/ingress.yaml: `/` goes to the action, whose target groups are the Services.
const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: ${ns}
  annotations:
    alb.ingress.kubernetes.io/actions.web-rollout: >
      {"type": "forward", "forwardConfig": {"targetGroups": [
        {"serviceName": "web-blue", "servicePort": 80, "weight": 90},
        {"serviceName": "web-green", "servicePort": 80, "weight": 10}]}}
    alb.ingress.kubernetes.io/actions.maintenance: >
      {"type": "fixed-response", "fixedResponseConfig": {"statusCode": "503"}}
spec:
  ingressClassName: alb
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
      - {path: /down, pathType: Prefix, backend: {service: {name: maintenance, port: {name: use-annotation}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: web-rollout, port: {name: use-annotation}}}}
`;

// gateway-api apis/v1: parentRefs default to group gateway.networking.k8s.io / kind Gateway / the route's
// namespace; backendRefs default to group "" / kind Service / the route's namespace, weight 1.
const GATEWAY_API = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: ${infra}}
spec:
  gatewayClassName: amazon-vpc-lattice
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: ${ns}}
spec:
  parentRefs: [{name: public, namespace: ${infra}, sectionName: http}]
  hostnames: [shop.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /}}]
    backendRefs:
    - {name: web-blue, port: 80, weight: 80}
    - {name: web-green, port: 80, weight: 20}
  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs:
    - {name: api, port: 80}
    - {kind: ServiceImport, group: multicluster.x-k8s.io, name: api-elsewhere, port: 80}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: api-grpc, namespace: ${ns}}
spec:
  parentRefs: [{name: public, namespace: ${infra}}]
  rules:
  - matches: [{method: {service: shop.Api}}]
    backendRefs: [{name: api, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TLSRoute
metadata: {name: tls-passthrough, namespace: ${infra}}
spec:
  parentRefs: [{name: public}, {name: missing-gateway}]
  hostnames: [secure.example.com]
  rules:
  - backendRefs: [{name: web-green, namespace: ${ns}, port: 80}]
`;

const find = (tree: NamespaceServices[], name: string): ServiceInfo => {
  const s = tree.find((n) => n.namespace === ns)?.services.find((x) => x.name === name);
  assert.ok(s, `Service ${name} in ${JSON.stringify(tree.map((n) => n.namespace))}`);
  return s;
};

describe('Services view links from the live cluster', () => {
  before(async () => {
    const conn = admin();
    const crds = await applyManifests(conn, docs(CRDS));
    assert.equal(crds.failed, false, [...crds.dryRun, ...crds.applied].map((r) => r.message).join('\n'));
    await createNamespace(conn, ns);
    await createNamespace(conn, infra);
    const r = await applyManifests(conn, docs([svc('web-blue'), svc('web-green'), svc('api'), INGRESS, GATEWAY_API].join('---\n')));
    assert.equal(r.failed, false, [...r.dryRun, ...r.applied].map((x) => x.message).join('\n'));
    // what a Gateway controller would publish
    const gw = (await conn.request('GET', `/apis/gateway.networking.k8s.io/v1/namespaces/${infra}/gateways/public`)).body;
    const st = await conn.request('PUT', `/apis/gateway.networking.k8s.io/v1/namespaces/${infra}/gateways/public/status`, {
      body: { ...gw, status: { addresses: [{ type: 'Hostname', value: 'public-0a1b.lattice.example.com' }] } },
    });
    assert.equal(st.status, 200, JSON.stringify(st.body));
  });

  test('an Ingress reaches web-blue and web-green through its weighted action, with each share', async () => {
    const tree = await listServices(admin());
    const blue = find(tree, 'web-blue');
    assert.deepEqual(
      blue.ingresses.map((i) => [i.name, i.rules]),
      [['shop', ['shop.example.com/ → action web-rollout: 90% (weight 90) → :80']]],
    );
    assert.deepEqual(find(tree, 'web-green').ingresses[0].rules, ['shop.example.com/ → action web-rollout: 10% (weight 10) → :80']);
    // a direct backend still links; the action's name and a fixed-response action are no Services
    assert.deepEqual(find(tree, 'api').ingresses[0].rules, ['shop.example.com/api → :80']);
    assert.equal(
      tree.flatMap((n) => n.services).some((s) => s.name === 'web-rollout' || s.name === 'maintenance'),
      false,
    );
  });

  test('Gateway API routes: HTTPRoute weights, GRPCRoute, a cross-namespace TLSRoute, and their Gateways', async () => {
    const tree = await listServices(admin());
    const blue = find(tree, 'web-blue');
    assert.deepEqual(
      blue.routes.map((r) => [r.kind, r.name, r.rules]),
      [['HTTPRoute', 'web', ['shop.example.com/* → 80% (weight 80) :80']]],
    );
    assert.deepEqual(blue.routes[0].gateways, [
      {
        namespace: infra,
        name: 'public',
        sectionName: 'http',
        className: 'amazon-vpc-lattice',
        address: 'public-0a1b.lattice.example.com',
        known: true,
      },
    ]);
    const green = find(tree, 'web-green');
    assert.deepEqual(green.routes.map((r) => `${r.kind} ${r.namespace}/${r.name}`).sort(), [
      `HTTPRoute ${ns}/web`,
      `TLSRoute ${infra}/tls-passthrough`,
    ]);
    const tls = green.routes.find((r) => r.kind === 'TLSRoute')!;
    assert.deepEqual(tls.rules, [`secure.example.com → :80 (from namespace ${infra}: needs a ReferenceGrant in ${ns})`]);
    assert.deepEqual(
      tls.gateways.map((g) => [g.name, g.known]),
      [
        ['public', true],
        ['missing-gateway', false],
      ],
    );
    const api = find(tree, 'api');
    assert.deepEqual(api.routes.map((r) => [r.kind, r.rules]).sort(), [
      ['GRPCRoute', ['shop.Api/* → :80']],
      ['HTTPRoute', ['shop.example.com/api* → :80']],
    ]);
  });

  test('the watch sees a route created after it started', async () => {
    const w = new ServiceWatcher(admin(), {}, { namespace: ns, debounceMs: 10 });
    try {
      await w.start();
      const r = await admin().request('POST', `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes`, {
        body: {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: 'late', namespace: ns },
          spec: { parentRefs: [{ name: 'public', namespace: infra }], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] },
        },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      await waitFor('the late route in the watched tree', () => find(w.snapshot(), 'api').routes.some((x) => x.name === 'late'), 20000);
    } finally {
      await w.stop();
    }
  });
});

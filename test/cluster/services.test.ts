/**
 * The Services view data against the real API server: listing with type, cluster IP, ports, DNS names,
 * selector, LB hostname via the status subresource, Ingress routes with their ALB hostname, endpoints
 * (EndpointSlices), and the live watch (new Service, status change, reconnection after the connection drops).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'net';
import {
  Connection,
  listServices,
  ServiceWatcher,
  applyManifests,
  loadKubeconfig,
  buildServiceTree,
  PENDING,
  type NamespaceServices,
  type ServiceInfo,
} from '../../client/src/cluster';
import { admin, docs, unique, createNamespace, kubeconfigWithUser, adminToken, tmpDir } from './helpers';
import * as fs from 'fs';

let conn: Connection;
let ns: string;
const dir = tmpDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function find(tree: NamespaceServices[], namespace: string, name: string): ServiceInfo | undefined {
  return tree.find((n) => n.namespace === namespace)?.services.find((s) => s.name === name);
}

async function until<T>(what: string, f: () => T | undefined, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function setLbHostname(namespace: string, name: string, hostname: string): Promise<void> {
  await conn.call('PATCH', `/api/v1/namespaces/${namespace}/services/${name}/status`, {
    contentType: 'application/merge-patch+json',
    body: { status: { loadBalancer: { ingress: [{ hostname }] } } },
  });
}

before(async () => {
  conn = admin();
  ns = unique('svc');
  await createNamespace(conn, ns);
  const text = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${ns}}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080, protocol: TCP}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: ${ns}}
spec:
  selector: {app: api, tier: backend}
  ports:
  - {name: grpc, port: 9000, protocol: TCP}
---
apiVersion: v1
kind: Service
metadata: {name: nodeport, namespace: ${ns}}
spec:
  type: NodePort
  selector: {app: np}
  ports:
  - {port: 80, targetPort: http, nodePort: 30080, protocol: TCP}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: ${ns}
  annotations: {alb.ingress.kubernetes.io/scheme: internet-facing}
spec:
  ingressClassName: alb
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
      - path: /api
        pathType: Prefix
        backend: {service: {name: api, port: {name: grpc}}}
---
apiVersion: discovery.k8s.io/v1beta1
kind: EndpointSlice
metadata:
  name: api-abc
  namespace: ${ns}
  labels: {kubernetes.io/service-name: api}
addressType: IPv4
ports:
- {name: grpc, port: 9000, protocol: TCP}
endpoints:
- addresses: [10.1.0.5]
  conditions: {ready: true}
  targetRef: {kind: Pod, name: api-0, namespace: ${ns}}
- addresses: [10.1.0.6]
  conditions: {ready: false}
`;
  const report = await applyManifests(conn, docs(text));
  assert.equal(report.failed, false, [...report.dryRun, ...report.applied].map((r) => r.message).join('\n'));
});

describe('listing', () => {
  test('namespaces → Services with type, cluster IP, ports, selector, DNS name', async () => {
    const tree = await listServices(conn);
    assert.ok(tree.some((n) => n.namespace === 'default' && n.services.some((s) => s.name === 'kubernetes')));
    const mine = tree.find((n) => n.namespace === ns)!;
    assert.deepEqual(
      mine.services.map((s) => s.name),
      ['api', 'nodeport', 'web'],
    );
    const web = find(tree, ns, 'web')!;
    assert.equal(web.type, 'LoadBalancer');
    assert.match(web.clusterIP, /^10\.0\.0\.\d+$/);
    assert.ok(web.ports[0].nodePort! > 0, 'LoadBalancer Services get a node port');
    assert.equal(web.ports[0].text, `80→8080/TCP (node ${web.ports[0].nodePort})`);
    assert.equal(find(tree, ns, 'api')!.ports[0].text, '9000/TCP');
    assert.equal(web.loadBalancer, PENDING);
    assert.deepEqual(web.selector, { app: 'web' });
    assert.equal(web.dnsName, `web.${ns}.svc.cluster.local`);
    const np = find(tree, ns, 'nodeport')!;
    assert.equal(np.ports[0].text, '80→http/TCP (node 30080)');
    assert.equal(np.loadBalancer, undefined);
    assert.equal(find(tree, ns, 'api')!.dnsName, `api.${ns}.svc.cluster.local`);
  });

  test('Ingresses routing to each Service, with their ALB hostname', async () => {
    let tree = await listServices(conn, { namespace: ns });
    const web = find(tree, ns, 'web')!;
    assert.equal(web.ingresses.length, 1);
    assert.equal(web.ingresses[0].name, 'web');
    assert.equal(web.ingresses[0].hostname, PENDING);
    assert.equal(web.ingresses[0].className, 'alb');
    assert.deepEqual(web.ingresses[0].rules, ['shop.example.com/ → :80']);
    assert.deepEqual(find(tree, ns, 'api')!.ingresses[0].rules, ['shop.example.com/api → :grpc']);
    assert.equal(find(tree, ns, 'nodeport')!.ingresses.length, 0);
    const alb = 'k8s-shop-web-0123456789.eu-west-1.elb.amazonaws.com';
    await conn.call('PATCH', `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses/web/status`, {
      contentType: 'application/merge-patch+json',
      body: { status: { loadBalancer: { ingress: [{ hostname: alb }] } } },
    });
    tree = await listServices(conn, { namespace: ns });
    assert.equal(find(tree, ns, 'web')!.ingresses[0].hostname, alb);
  });

  test('endpoints from EndpointSlices (v1beta1 on this server)', async () => {
    const tree = await listServices(conn, { namespace: ns });
    const api = find(tree, ns, 'api')!;
    assert.deepEqual(
      api.endpoints.map((e) => `${e.address} ${e.ready ? 'ready' : 'not ready'} ${e.ports} ${e.target ?? ''}`.trim()),
      ['10.1.0.5 ready 9000/TCP Pod/api-0', '10.1.0.6 not ready 9000/TCP'],
    );
  });
});

describe('older APIs', () => {
  test('Endpoints (clusters without EndpointSlices) and a networking.k8s.io/v1beta1 Ingress', async () => {
    const ep = await conn.call('POST', `/api/v1/namespaces/${ns}/endpoints`, {
      body: {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'web' },
        subsets: [
          {
            addresses: [{ ip: '10.2.0.1', targetRef: { kind: 'Pod', name: 'web-0' } }],
            notReadyAddresses: [{ ip: '10.2.0.2' }],
            ports: [{ port: 8080, protocol: 'TCP' }],
          },
        ],
      },
    });
    const ing = await conn.call('POST', `/apis/networking.k8s.io/v1beta1/namespaces/${ns}/ingresses`, {
      body: {
        apiVersion: 'networking.k8s.io/v1beta1',
        kind: 'Ingress',
        metadata: { name: 'legacy', annotations: { 'kubernetes.io/ingress.class': 'alb' } },
        spec: { backend: { serviceName: 'web', servicePort: 80 } },
      },
    });
    const svc = await conn.call('GET', `/api/v1/namespaces/${ns}/services/web`);
    const tree = buildServiceTree({ services: [svc], ingresses: [ing], endpointSlices: [], endpoints: [ep] });
    const web = find(tree, ns, 'web')!;
    assert.deepEqual(
      web.endpoints.map((e) => `${e.address} ${e.ready} ${e.ports} ${e.target ?? ''}`.trim()),
      ['10.2.0.1 true 8080/TCP Pod/web-0', '10.2.0.2 false 8080/TCP'],
    );
    assert.deepEqual(
      web.ingresses.map((i) => [i.name, i.className, i.rules]),
      [['legacy', 'alb', ['(default) → :80']]],
    );
    await conn.call('DELETE', `/apis/networking.k8s.io/v1beta1/namespaces/${ns}/ingresses/legacy`);
  });
});

describe('watch', () => {
  test('a Service created after the watch starts shows up; an LB hostname set via status shows up', async () => {
    const updates: NamespaceServices[][] = [];
    const w = new ServiceWatcher(conn, { onUpdate: (t) => updates.push(t) }, { debounceMs: 20 });
    try {
      const first = await w.start();
      assert.equal(find(first, ns, 'late'), undefined);
      await applyManifests(
        conn,
        docs(
          `apiVersion: v1\nkind: Service\nmetadata: {name: late, namespace: ${ns}}\nspec:\n  type: LoadBalancer\n  ports:\n  - {port: 443, protocol: TCP}\n`,
        ),
      );
      const late = await until('the new Service', () => find(w.snapshot(), ns, 'late'));
      assert.equal(late.loadBalancer, PENDING);
      assert.ok(updates.length > 0, 'onUpdate was called');
      const nlb = 'late-0123456789abcdef.elb.eu-west-1.amazonaws.com';
      await setLbHostname(ns, 'late', nlb);
      await until('the LB hostname', () => find(w.snapshot(), ns, 'late')?.loadBalancer === nlb);
      await conn.call('DELETE', `/api/v1/namespaces/${ns}/services/late`);
      await until('the deletion', () => (find(w.snapshot(), ns, 'late') === undefined ? true : undefined));
    } finally {
      await w.stop();
    }
  });

  test('reconnects after the connection drops and catches up', async () => {
    // A TCP proxy in front of the real API server; closing its sockets breaks the watch for real.
    const kcAdmin = loadKubeconfig({ overridePath: process.env.EKS_TEST_KUBECONFIG }).kc;
    const target = new URL(kcAdmin.getCurrentCluster()!.server);
    const sockets = new Set<net.Socket>();
    let accepting = true;
    const proxy = net
      .createServer((client) => {
        if (!accepting) {
          client.destroy();
          return;
        }
        const upstream = net.connect(Number(target.port), target.hostname);
        client.pipe(upstream).pipe(client);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
      })
      .listen(0, '127.0.0.1');
    await new Promise((r) => proxy.once('listening', r));
    const file = kubeconfigWithUser(
      dir,
      { token: adminToken() },
      { server: `https://127.0.0.1:${(proxy.address() as net.AddressInfo).port}` },
    );
    const viaProxy = new Connection(loadKubeconfig({ overridePath: file }).kc, { timeoutMs: 3000 });
    const w = new ServiceWatcher(viaProxy, {}, { debounceMs: 20, backoff: { minMs: 100, maxMs: 400 } });
    try {
      await w.start();
      accepting = false;
      for (const s of sockets) s.destroy();
      await until('a watch error', () => (w.errors > 0 ? true : undefined));
      // While disconnected, a Service appears.
      await applyManifests(
        conn,
        docs(
          `apiVersion: v1\nkind: Service\nmetadata: {name: while-down, namespace: ${ns}}\nspec:\n  ports:\n  - {port: 80, protocol: TCP}\n`,
        ),
      );
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(find(w.snapshot(), ns, 'while-down'), undefined);
      accepting = true;
      await until('the Service created while disconnected', () => find(w.snapshot(), ns, 'while-down'));
      assert.ok(w.lastError);
    } finally {
      await w.stop();
      for (const s of sockets) s.destroy();
      proxy.close();
    }
  });
});

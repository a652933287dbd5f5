/**
 * App Mesh after its end of support: every code firing on the wrong form and silent on the right one with its
 * exact range, citing aws/aws-app-mesh-controller-for-k8s; and the "Preview VPC Lattice Migration" text: valid
 * YAML, weights carried over unchanged, untranslatable matches left out (never widened) and listed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { diagnose, serviceWith, uriOf, withCode } from '../../helpers/service';
import { rangeText } from '../../helpers/gatewayFixtures';
import { APPMESH_CODES } from '../../../server/src/service/appmesh/codes';
import { latticeMigration } from '../../../server/src/service/appmesh/migration';

const ns = (labels: string, annotations = ''): string => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
${labels ? `  labels:\n${labels.replace(/^/gm, '    ')}\n` : ''}${annotations ? `  annotations:\n${annotations.replace(/^/gm, '    ')}\n` : ''}`;

const deployment = (app: string, podMeta = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: shop
spec:
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels:
        app: ${app}
${podMeta}    spec:
      containers:
        - name: app
          image: example/${app}:1
          ports: [{containerPort: 8080}]
`;

const virtualNode = (name: string, selector = `app: ${name}`, extra = ''): string => `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: ${name}
  namespace: shop
spec:
  podSelector:
    matchLabels:
      ${selector}
  listeners:
    - portMapping: {port: 8080, protocol: http}
      healthCheck: {protocol: http, path: /ping, healthyThreshold: 2, unhealthyThreshold: 3, timeoutMillis: 2000, intervalMillis: 10000}
  serviceDiscovery:
    dns:
      hostname: ${name}.shop.svc.cluster.local
${extra}`;

const MESH = `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata:
  name: store-mesh
spec:
  namespaceSelector:
    matchLabels:
      mesh: store-mesh
`;

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
    code: 'appmesh-end-of-support',
    source: 'docs.aws.amazon.com/app-mesh/latest/userguide (end of support notice: September 30, 2026)',
    fire: MESH,
    silent: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: store-mesh\n',
    fireText: 'Mesh',
    severity: 3,
  },
  {
    code: 'appmesh-api-version',
    source: 'aws-app-mesh-controller-for-k8s config/crd/bases/appmesh.k8s.aws_meshes.yaml (v1beta2 only)',
    fire: MESH.replace('v1beta2', 'v1beta1'),
    silent: MESH,
    fireText: 'appmesh.k8s.aws/v1beta1',
    severity: 1,
  },
  {
    code: 'appmesh-injection-label-placement',
    source: 'aws-app-mesh-controller-for-k8s config/helm/appmesh-controller/templates/webhook.yaml (namespaceSelector on the label)',
    fire: ns('', 'appmesh.k8s.aws/sidecarInjectorWebhook: enabled'),
    silent: ns('appmesh.k8s.aws/sidecarInjectorWebhook: enabled'),
    fireText: 'appmesh.k8s.aws/sidecarInjectorWebhook',
  },
  {
    code: 'appmesh-injection-label-placement',
    source: 'aws-app-mesh-controller-for-k8s pkg/inject/inject.go determineSidecarInjectMode (Pod annotation)',
    fire: deployment('web').replace('        app: web\n', '        app: web\n        appmesh.k8s.aws/sidecarInjectorWebhook: disabled\n'),
    silent: deployment('web', '      annotations:\n        appmesh.k8s.aws/sidecarInjectorWebhook: disabled\n'),
    fireText: 'appmesh.k8s.aws/sidecarInjectorWebhook',
  },
  {
    code: 'appmesh-injection-disabled',
    source: 'pkg/inject/inject.go (the webhook runs on Pod CREATE only)',
    fire: ns('appmesh.k8s.aws/sidecarInjectorWebhook: disabled'),
    silent: ns('appmesh.k8s.aws/sidecarInjectorWebhook: enabled'),
    fireText: 'disabled',
    severity: 3,
  },
  {
    code: 'appmesh-injection-no-virtualnode',
    source: 'pkg/inject/inject.go ("sidecarInject enabled but no matching VirtualNode or VirtualGateway found")',
    fire: deployment('cart'),
    silent: deployment('web'),
    fireText: 'cart',
    severity: 2,
    files: {
      'ns.yaml': ns('appmesh.k8s.aws/sidecarInjectorWebhook: enabled\nmesh: store-mesh'),
      'mesh.yaml': MESH,
      'vn.yaml': virtualNode('web'),
    },
  },
  {
    code: 'appmesh-injection-multiple-virtualnodes',
    source: 'pkg/virtualnode/membership_designator.go ("found multiple matching VirtualNodes")',
    fire: deployment('web'),
    silent: deployment('web'),
    fireText: 'web',
    files: {
      'ns.yaml': ns('appmesh.k8s.aws/sidecarInjectorWebhook: enabled'),
      'vn.yaml': virtualNode('web') + '---\n' + virtualNode('web-canary', 'app: web'),
    },
    silentFiles: {
      'ns.yaml': ns('appmesh.k8s.aws/sidecarInjectorWebhook: enabled'),
      'vn.yaml': virtualNode('web') + '---\n' + virtualNode('web-canary', 'app: web-canary'),
    },
  },
  {
    code: 'appmesh-webhook-fail-closed',
    source: 'config/helm/appmesh-controller/templates/webhook.yaml (failurePolicy: Fail)',
    fire: ns('appmesh.k8s.aws/sidecarInjectorWebhook: disabled'),
    silent: ns('appmesh.k8s.aws/sidecarInjectorWebhook: disabled'),
    fireText: 'appmesh.k8s.aws/sidecarInjectorWebhook',
    severity: 2,
    files: {
      'route.yaml':
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  parentRefs: [{name: net}]\n  rules: [{backendRefs: [{name: web, port: 80}]}]\n',
    },
    silentFiles: { 'vn.yaml': virtualNode('web') },
  },
];

for (const [i, c] of cases.entries()) {
  test(`${c.code} #${i} (${c.source}): fires on the wrong form, silent on the right one`, () => {
    const fired = withCode(diagnose(c.fire, {}, c.files ?? {}), c.code);
    assert.ok(fired.length > 0, `${c.code} did not fire on:\n${c.fire}`);
    assert.equal(rangeText(c.fire, fired[0]), c.fireText, `range of ${c.code}`);
    if (c.severity !== undefined) assert.equal(fired[0].severity, c.severity, fired[0].message);
    const silent = withCode(diagnose(c.silent, {}, c.silentFiles ?? c.files ?? {}), c.code);
    assert.deepEqual(
      silent.map((d) => d.message),
      [],
      `${c.code} fired on the right form:\n${c.silent}`,
    );
  });
}

test('every App Mesh code has a firing case', () => {
  const covered = new Set(cases.map((c) => c.code));
  for (const c of APPMESH_CODES) assert.ok(covered.has(c.code), `no test for ${c.code}`);
});

test('the end-of-support notice names the Lattice equivalent of the kind', () => {
  const d = withCode(diagnose(virtualNode('web')), 'appmesh-end-of-support');
  assert.match(d[0].message, /2026-09-30/);
  assert.match(d[0].message, /VirtualNode becomes the Kubernetes Service a backendRef names/);
});

test('without App Mesh objects in the workspace a Pod without VirtualNode is information only; placeholder namespaces are not judged', () => {
  const d = withCode(
    diagnose(deployment('cart'), {}, { 'ns.yaml': ns('appmesh.k8s.aws/sidecarInjectorWebhook: enabled') }),
    'appmesh-injection-no-virtualnode',
  );
  assert.deepEqual(
    d.map((x) => x.severity),
    [3],
  );
  const tpl = deployment('cart').replace('namespace: shop', 'namespace: ${APP_NAMESPACE}');
  assert.deepEqual(
    withCode(
      diagnose(
        tpl,
        {},
        {
          'ns.yaml': ns('appmesh.k8s.aws/sidecarInjectorWebhook: enabled').replace('name: shop', 'name: ${APP_NAMESPACE}'),
          'vn.yaml': virtualNode('web'),
        },
      ),
      'appmesh-injection-no-virtualnode',
    ),
    [],
  );
});

const ROUTER = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata:
  name: web-router
  namespace: shop
spec:
  listeners:
    - portMapping: {port: 8080, protocol: http}
  routes:
    - name: beta
      priority: 1
      httpRoute:
        match:
          prefix: /
          headers:
            - name: x-beta
              match: {regex: "^on"}
        action:
          weightedTargets:
            - virtualNodeRef: {name: web-v2}
              weight: 1
    - name: canary
      priority: 5
      httpRoute:
        match:
          prefix: /
        action:
          weightedTargets:
            - virtualNodeRef: {name: web-v1}
              weight: 90
            - virtualNodeRef: {name: web-v2}
              weight: 10
        retryPolicy:
          maxRetries: 2
          perRetryTimeout: {unit: ms, value: 500}
          httpRetryEvents: [server-error]
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualService
metadata:
  name: web
  namespace: shop
spec:
  awsName: web.shop.svc.cluster.local
  provider:
    virtualRouter:
      virtualRouterRef: {name: web-router}
`;

const SVC = (name: string, app: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: shop
spec:
  selector: {app: ${app}}
  ports: [{port: 8080}]
`;

test('Preview VPC Lattice Migration: routes, weights, TargetGroupPolicies, what is lost; valid YAML our checks accept', () => {
  const files = {
    'mesh.yaml': MESH,
    'ns.yaml': ns('mesh: store-mesh'),
    'router.yaml': ROUTER,
    'vn.yaml': virtualNode('web-v1', 'app: web-v1') + '---\n' + virtualNode('web-v2', 'app: web-v2'),
    'svc.yaml': SVC('web-v1', 'web-v1') + '---\n' + SVC('web-v2', 'web-v2'),
  };
  const s = serviceWith(files);
  for (const target of ['mesh.yaml', 'router.yaml']) {
    const objs = [...s.index.get(uriOf(target))!.objects()];
    const obj = objs.find((o) => o.kind === 'Mesh' || o.kind === 'VirtualService')!;
    const p = latticeMigration(obj, s.index)!;
    assert.ok(p, target);
    const docs = parseAllDocuments(p.content);
    for (const d of docs) assert.deepEqual(d.errors, []);
    const js = docs.map((d) => d.toJS()).filter(Boolean);
    assert.deepEqual(
      js.map((d) => d.kind),
      ['GatewayClass', 'ServiceNetwork', 'Gateway', 'HTTPRoute', 'TargetGroupPolicy', 'TargetGroupPolicy'],
    );
    const gw = js.find((d) => d.kind === 'Gateway');
    assert.equal(gw.metadata.name, 'store-mesh');
    const route = js.find((d) => d.kind === 'HTTPRoute');
    // The regex-header route is left out (kept without its header it would catch all traffic); the canary keeps 90/10.
    assert.equal(route.spec.rules.length, 1);
    assert.deepEqual(route.spec.rules[0].backendRefs, [
      { name: 'web-v1', port: 8080, weight: 90 },
      { name: 'web-v2', port: 8080, weight: 10 },
    ]);
    assert.equal(route.spec.hostnames, undefined);
    const tgp = js.find((d) => d.kind === 'TargetGroupPolicy' && d.spec.targetRef.name === 'web-v1');
    assert.deepEqual(tgp.spec.healthCheck, {
      enabled: true,
      intervalSeconds: 10,
      timeoutSeconds: 2,
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 3,
      path: '/ping',
      protocol: 'HTTP',
    });
    assert.match(p.content, /# - VirtualRouter web-router route beta: header match x-beta \(regex; .*\): rule left out/);
    assert.match(p.content, /retryPolicy \(the Lattice controller ignores HTTPRoute retry\)/);
    // The generated objects raise no error or warning of ours next to the Services.
    const s2 = serviceWith({ ...files, 'out.yaml': p.content });
    const bad = s2.validate(uriOf('out.yaml')).filter((d) => d.severity! <= 2);
    assert.deepEqual(
      bad.map((d) => `${d.code}: ${d.message}`),
      [],
    );
  }
});

test('the migration code action appears on a Mesh, VirtualService and VirtualRouter only, and names the command', () => {
  const s = serviceWith({ 'router.yaml': ROUTER, 'vn.yaml': virtualNode('web-v1') });
  const at = (file: string, line: number) =>
    s
      .codeActions(uriOf(file), { start: { line, character: 2 }, end: { line, character: 2 } }, [])
      .filter((a) => a.command?.command === 'eksManifests.previewMigration');
  assert.equal(at('router.yaml', 2).length, 1);
  assert.deepEqual(at('router.yaml', 2)[0].command!.arguments, [uriOf('router.yaml'), { line: 2, character: 2 }, 'lattice']);
  assert.equal(at('vn.yaml', 2).length, 0);
});

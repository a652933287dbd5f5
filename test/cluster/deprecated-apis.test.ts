/**
 * What the cluster says before an upgrade, against the real kube-apiserver (1.20, which still serves
 * networking.k8s.io/v1beta1, deprecated there, and batch/v1beta1, deprecated only from 1.21): the
 * deprecated-API request gauge on /metrics when readable, else the served versions,
 * and the objects reachable through an API version the target removes. The restricted user can read
 * neither /metrics nor the objects: the report says so instead of failing.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Connection, clusterUpgradeFindings, parseDeprecatedApiMetrics } from '../../client/src/cluster';
import { removedApisUpTo } from '../../server/src/service/upgrade/plan';
import { admin, createNamespace, loadTestKc, unique } from './helpers';

let conn: Connection;
let ns: string;

before(async () => {
  conn = admin();
  ns = unique('upgrade');
  await createNamespace(conn, ns);
  const cron = {
    apiVersion: 'batch/v1beta1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: ns },
    spec: {
      schedule: '0 2 * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'r', image: 'busybox' }] } } } },
    },
  };
  const r = await conn.request('POST', `/apis/batch/v1beta1/namespaces/${ns}/cronjobs`, { body: cron });
  assert.equal(r.status, 201, r.text);
  const ing = {
    apiVersion: 'networking.k8s.io/v1beta1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: ns },
    spec: { backend: { serviceName: 'web', servicePort: 80 } },
  };
  const i = await conn.request('POST', `/apis/networking.k8s.io/v1beta1/namespaces/${ns}/ingresses`, { body: ing });
  assert.equal(i.status, 201, i.text);
});

test('admin: requests through networking.k8s.io/v1beta1 show in apiserver_requested_deprecated_apis; the objects are listed', async () => {
  const f = await clusterUpgradeFindings(conn, '1.25', removedApisUpTo('1.25'));
  assert.match(f.serverVersion ?? '', /^v1\.\d+/);
  assert.ok(
    f.requested?.some(
      (x) => x.group === 'networking.k8s.io' && x.version === 'v1beta1' && x.resource === 'ingresses' && x.removedRelease === '1.22',
    ),
    JSON.stringify(f.requested),
  );
  const ing = f.served?.find((s) => s.apiVersion === 'networking.k8s.io/v1beta1' && s.kind === 'Ingress');
  assert.ok(ing?.objects.includes(`${ns}/web`), JSON.stringify(f.served));
  const cron = f.served?.find((s) => s.apiVersion === 'batch/v1beta1' && s.kind === 'CronJob');
  assert.ok(cron?.objects.includes(`${ns}/nightly`), JSON.stringify(f.served));
  assert.equal(cron!.replacement, 'batch/v1');
  assert.deepEqual(f.notes, []);
});

test('a target before the removal: nothing through batch/v1beta1 is reported', async () => {
  const f = await clusterUpgradeFindings(conn, '1.24', removedApisUpTo('1.24'));
  assert.ok(!f.served?.some((s) => s.apiVersion === 'batch/v1beta1'));
  assert.ok(
    f.served?.some((s) => s.apiVersion === 'networking.k8s.io/v1beta1'),
    'removed in 1.22, so still reported',
  );
});

test('restricted user: /metrics and the list are refused; the findings say so', async () => {
  const f = await clusterUpgradeFindings(new Connection(loadTestKc('restricted')), '1.25', removedApisUpTo('1.25'));
  assert.equal(f.requested, undefined);
  assert.ok(
    f.notes.some((n) => /\/metrics could not be read \(HTTP 403\)/.test(n)),
    JSON.stringify(f.notes),
  );
  assert.ok(
    f.notes.some((n) => /Not allowed to list cronjobs through batch\/v1beta1/.test(n)),
    JSON.stringify(f.notes),
  );
});

test('the metrics parser keeps positive samples once, with their labels', () => {
  const text = [
    '# TYPE apiserver_requested_deprecated_apis gauge',
    'apiserver_requested_deprecated_apis{group="batch",removed_release="1.25",resource="cronjobs",subresource="",version="v1beta1"} 1',
    'apiserver_requested_deprecated_apis{group="",removed_release="",resource="componentstatuses",subresource="",version="v1"} 1',
    'apiserver_requested_deprecated_apis{group="policy",removed_release="1.25",resource="podsecuritypolicies",subresource="",version="v1beta1"} 0',
    'apiserver_request_total{code="200"} 5',
  ].join('\n');
  assert.deepEqual(parseDeprecatedApiMetrics(text), [
    { group: 'batch', version: 'v1beta1', resource: 'cronjobs', subresource: '', removedRelease: '1.25' },
    { group: '', version: 'v1', resource: 'componentstatuses', subresource: '', removedRelease: undefined },
  ]);
});

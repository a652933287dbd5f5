/**
 * Apply, dry-run and diff against the real kube-apiserver: ordering, per-object outcomes, all-or-nothing
 * dry-run with failures mapped to lines, SSA conflicts and force, unknown kinds, CRDs and namespaces
 * created by the same apply, partial failure and cancellation.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import {
  applyManifests,
  applySummary,
  diffManifest,
  maskSecretValues,
  FIELD_MANAGER,
  type Connection,
  type ManifestDoc,
} from '../../client/src/cluster';
import { admin, docs, unique, createNamespace, adminToken } from './helpers';

let conn: Connection;
let ns: string;

before(async () => {
  conn = admin();
  ns = unique('apply');
  await createNamespace(conn, ns);
});

async function exists(p: string): Promise<boolean> {
  const r = await conn.request('GET', p);
  return r.status === 200;
}

const cm = (name: string, namespace: string, value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${namespace}
data:
  key: "${value}"
`;

/** A namespaced CRD `<singular>s.<group>` served at v1, whose spec.size is an integer from 1 to 10. */
const crd = (group: string, singular: string, kind: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ${singular}s.${group}}
spec:
  group: ${group}
  scope: Namespaced
  names: {plural: ${singular}s, singular: ${singular}, kind: ${kind}}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer, minimum: 1, maximum: 10}
`;

describe('apply', () => {
  test('creates, then reports unchanged, then configured; uses our field manager', async () => {
    const text = cm('one', ns, 'a');
    const first = await applyManifests(conn, docs(text));
    assert.equal(first.failed, false);
    assert.equal(first.didApply, true);
    assert.deepEqual(
      first.dryRun.map((r) => r.outcome),
      ['created'],
    );
    assert.deepEqual(
      first.applied.map((r) => r.outcome),
      ['created'],
    );
    const live = await conn.call('GET', `/api/v1/namespaces/${ns}/configmaps/one`);
    assert.equal(live.data.key, 'a');
    assert.ok(live.metadata.managedFields.some((m: any) => m.manager === FIELD_MANAGER && m.operation === 'Apply'));

    const again = await applyManifests(conn, docs(text));
    assert.deepEqual(
      again.dryRun.map((r) => r.outcome),
      ['unchanged'],
    );
    assert.deepEqual(
      again.applied.map((r) => r.outcome),
      ['unchanged'],
    );

    const changed = await applyManifests(conn, docs(cm('one', ns, 'b')));
    assert.deepEqual(
      changed.dryRun.map((r) => r.outcome),
      ['configured'],
    );
    assert.deepEqual(
      changed.applied.map((r) => r.outcome),
      ['configured'],
    );
    assert.match(changed.applied[0].message, /^ConfigMap .*\/one: configured/);
  });

  test('a namespaced object without metadata.namespace goes to the given (context) namespace', async () => {
    const report = await applyManifests(conn, docs('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: no-ns\ndata: {a: "1"}\n'), {
      namespace: ns,
    });
    assert.equal(report.failed, false);
    assert.ok(await exists(`/api/v1/namespaces/${ns}/configmaps/no-ns`));
  });

  test('Namespaces and CRDs go first: a new namespace, a CRD and its custom resource in one file', async () => {
    const newNs = unique('ordered');
    const group = `${unique('g')}.eks-manifests.test`;
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: ${newNs}}
data: {a: "1"}
---
apiVersion: ${group}/v1
kind: Widget
metadata: {name: w1, namespace: ${newNs}}
spec: {size: 3}
---
${crd(group, 'widget', 'Widget')}---
apiVersion: v1
kind: Namespace
metadata: {name: ${newNs}}
`;
    const order: string[] = [];
    const report = await applyManifests(conn, docs(text), {
      onProgress: (phase, _i, _n, d) => {
        if (phase === 'apply') order.push(d.kind);
      },
    });
    assert.equal(
      report.failed,
      false,
      report.dryRun
        .concat(report.applied)
        .map((r) => r.message)
        .join('\n'),
    );
    assert.deepEqual(order, ['Namespace', 'CustomResourceDefinition', 'ConfigMap', 'Widget']);
    // What depends on objects created by this apply got its dry-run once they existed, before the rest.
    assert.match(
      report.dryRun.find((r) => r.doc.kind === 'Widget')!.message,
      /Widget .*: created \(checked after its namespace\/CRD was created\)/,
    );
    assert.match(
      report.dryRun.find((r) => r.doc.kind === 'ConfigMap')!.message,
      /ConfigMap .*: created \(checked after its namespace\/CRD was created\)/,
    );
    assert.deepEqual(
      report.applied.map((r) => r.outcome),
      ['created', 'created', 'created', 'created'],
    );
    assert.equal(applySummary('apply', report, 'f.yaml', 'local').headline, 'Applied (f.yaml → local): 4 created');
    assert.ok(await exists(`/apis/${group}/v1/namespaces/${newNs}/widgets/w1`));
  });

  test('an object in a Namespace this apply creates fails its (second) dry-run: only the Namespace stays applied', async () => {
    const newNs = unique('second');
    const text = `${cm('elsewhere', ns, 'x')}---
apiVersion: v1
kind: Namespace
metadata: {name: ${newNs}}
---
${cm('inside', newNs, 'y')}---
apiVersion: v1
kind: Service
metadata: {name: bad-port, namespace: ${newNs}}
spec:
  ports:
  - {name: http, protocol: TCP, port: 99999}
`;
    const order: string[] = [];
    const report = await applyManifests(conn, docs(text), { onResult: (r, phase) => order.push(`${phase} ${r.doc.kind}:${r.outcome}`) });
    assert.deepEqual(
      order,
      [
        'dry-run Namespace:created',
        'dry-run ConfigMap:created',
        'dry-run ConfigMap:skipped',
        'dry-run Service:skipped',
        'apply Namespace:created',
        'dry-run ConfigMap:created',
        'dry-run Service:failed',
        'apply ConfigMap:skipped',
        'apply ConfigMap:skipped',
        'apply Service:skipped',
      ],
      'round 1 dry-runs all; round 2 applies only the Namespace, then checks what is in it; nothing else goes',
    );
    assert.equal(report.stoppedIn, 'second-dry-run');
    const failure = report.dryRun.find((r) => r.outcome === 'failed')!;
    assert.equal(report.stoppedAt, failure);
    assert.equal(failure.error!.kind, 'invalid');
    assert.equal(failure.range.start.line, 25, 'on the port with `port: 99999`');
    assert.ok(await exists(`/api/v1/namespaces/${newNs}`), 'the Namespace stays (nothing is rolled back)');
    assert.equal(await exists(`/api/v1/namespaces/${ns}/configmaps/elsewhere`), false, 'the object elsewhere was not applied');
    assert.equal(await exists(`/api/v1/namespaces/${newNs}/configmaps/inside`), false);
    assert.equal(
      applySummary('apply', report, 'two.yaml', 'local').headline,
      `Apply stopped (two.yaml → local): the dry-run of Service ${newNs}/bad-port (checked once its namespace/CRD existed) failed; 1 object stayed applied (Namespace ${newNs} (created)), 3 objects not applied. Nothing was rolled back.`,
    );
  });

  test('a custom resource whose CRD this apply creates fails its (second) dry-run: only the CRD stays applied', async () => {
    const group = `${unique('g2')}.eks-manifests.test`;
    const text = `${crd(group, 'gadget', 'Gadget')}---
apiVersion: ${group}/v1
kind: Gadget
metadata: {name: g1, namespace: ${ns}}
spec:
  size: 99
---
${cm('after-gadget', ns, 'x')}`;
    const report = await applyManifests(conn, docs(text));
    assert.equal(report.stoppedIn, 'second-dry-run');
    assert.deepEqual(
      report.stayedApplied.map((r) => `${r.doc.kind}:${r.outcome}`),
      ['CustomResourceDefinition:created'],
    );
    const failure = report.stoppedAt!;
    assert.equal(failure.doc.kind, 'Gadget');
    assert.equal(failure.error!.kind, 'invalid');
    assert.match(failure.error!.message, /spec\.size/);
    assert.equal(failure.range.start.line, 24, 'on `size: 99`');
    assert.deepEqual(report.notApplied.map((r) => r.doc.kind).sort(), ['ConfigMap', 'Gadget']);
    assert.equal(await exists(`/api/v1/namespaces/${ns}/configmaps/after-gadget`), false);
    assert.ok(await exists(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.${group}`));
  });

  test('dry-run only: what depends on a Namespace/CRD created in the same file is reported as not checkable', async () => {
    const newNs = unique('dryonly');
    const report = await applyManifests(
      conn,
      docs(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${newNs}}\n---\n${cm('x', newNs, 'y')}`),
      { dryRunOnly: true },
    );
    assert.deepEqual(
      report.dryRun.map((r) => r.outcome),
      ['created', 'skipped'],
    );
    assert.match(
      report.dryRun[1].message,
      new RegExp(`its namespace ${newNs} is created by this apply: cannot be checked until it exists`),
    );
    assert.equal(await exists(`/api/v1/namespaces/${newNs}`), false);
  });

  test('unknown kind (CRD not installed): "install the CRD first", and nothing of the file is applied', async () => {
    const text = `${cm('before-nodepool', ns, 'x')}---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: default
spec: {}
`;
    const report = await applyManifests(conn, docs(text));
    assert.equal(report.didApply, false);
    const failed = report.dryRun.filter((r) => r.outcome === 'failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0].error!.kind, 'unknown-kind');
    assert.match(failed[0].error!.message, /does not know kind "NodePool" in apiVersion "karpenter.sh\/v1".*Install the CRD first/);
    assert.equal(failed[0].range.start.line, 8, 'the failure is on the NodePool document');
    assert.equal(await exists(`/api/v1/namespaces/${ns}/configmaps/before-nodepool`), false, 'the valid ConfigMap was not applied either');
  });

  test('invalid object: the server message is mapped to the line of the field it names', async () => {
    const text = `apiVersion: v1
kind: Service
metadata:
  name: bad-port
  namespace: ${ns}
spec:
  selector: {app: web}
  ports:
  - name: http
    protocol: TCP
    port: 99999
`;
    const report = await applyManifests(conn, docs(text), { dryRunOnly: true });
    const r = report.dryRun[0];
    assert.equal(r.outcome, 'failed');
    assert.equal(r.error!.kind, 'invalid');
    assert.match(r.error!.message, /spec\.ports\[0\]\.port/);
    assert.equal(r.range.start.line, 10, 'points at `port: 99999`');
    assert.equal(report.didApply, false);
  });

  test('1.20 SSA bug: a Service port without protocol gets a clear message', async () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata: {name: no-proto, namespace: ${ns}}\nspec:\n  ports:\n  - port: 80\n`;
    const report = await applyManifests(conn, docs(text), { dryRunOnly: true });
    const r = report.dryRun[0];
    const version = await conn.call('GET', '/version');
    if (Number(version.major) === 1 && parseInt(version.minor, 10) < 21) {
      assert.equal(r.outcome, 'failed');
      assert.equal(r.error!.kind, 'invalid');
      assert.match(r.error!.message, /omits key field "protocol".*Add `protocol: TCP` to every port/);
      assert.equal(r.range.start.line, 0);
    } else {
      assert.equal(r.outcome, 'created'); // fixed in 1.21
    }
  });

  test('dry-run only: per-object results, nothing created', async () => {
    const report = await applyManifests(conn, docs(cm('dry-only', ns, 'x')), { dryRunOnly: true });
    assert.deepEqual(
      report.dryRun.map((r) => r.outcome),
      ['created'],
    );
    assert.equal(report.didApply, false);
    assert.equal(report.applied.length, 0);
    assert.equal(await exists(`/api/v1/namespaces/${ns}/configmaps/dry-only`), false);
    assert.deepEqual(applySummary('dry-run', report, 'd.yaml', 'local'), {
      headline: 'Dry-run (d.yaml → local): 1 would be created',
      details: [],
      ok: true,
    });
  });

  test('field-manager conflict: reported with the force option; force takes ownership', async () => {
    // Another manager owns data.key.
    await conn.call('PATCH', `/api/v1/namespaces/${ns}/configmaps/owned`, {
      query: { fieldManager: 'someone-else' },
      contentType: 'application/apply-patch+yaml',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owned', namespace: ns }, data: { key: 'theirs' } },
    });
    const report = await applyManifests(conn, docs(cm('owned', ns, 'ours')));
    assert.equal(report.didApply, false);
    assert.equal(report.conflicts, true);
    const err = report.dryRun[0].error!;
    assert.equal(err.kind, 'conflict');
    assert.equal(err.details.forceAvailable, true);
    assert.match(err.message, /someone-else/);
    assert.match(err.message, /force/);
    assert.equal(report.dryRun[0].range.start.line, 6, 'points at data.key');

    const forced = await applyManifests(conn, docs(cm('owned', ns, 'ours')), { force: true });
    assert.equal(forced.failed, false);
    assert.deepEqual(
      forced.applied.map((r) => r.outcome),
      ['configured'],
    );
    assert.equal((await conn.call('GET', `/api/v1/namespaces/${ns}/configmaps/owned`)).data.key, 'ours');
  });

  test('partial failure of a multi-object apply: others applied, the failing one reported', async () => {
    // Both Services ask for the same cluster IP: each passes the dry-run alone, the second fails for real.
    const svc = (name: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  clusterIP: 10.0.0.77
  ports:
  - {name: http, port: 80, protocol: TCP}
`;
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: after-ips, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec:
      containers:
      - {name: x, image: nginx}
`;
    const text = `${svc('ip-a')}---\n${svc('ip-b')}---\n${deployment}`;
    const report = await applyManifests(conn, docs(text));
    assert.equal(report.didApply, true, report.dryRun.map((r) => r.message).join('\n'));
    assert.deepEqual(
      report.applied.map((r) => `${r.doc.name}:${r.outcome}`),
      ['ip-a:created', 'ip-b:failed', 'after-ips:skipped'],
      'it stops at the first failure',
    );
    const failure = report.applied[1];
    assert.match(failure.error!.message, /already allocated/);
    assert.equal(failure.range.start.line >= 7, true, 'on the second document');
    assert.equal(report.failed, true);
    assert.equal(report.stoppedAt, failure);
    assert.deepEqual(
      report.stayedApplied.map((r) => r.doc.name),
      ['ip-a'],
    );
    assert.deepEqual(
      report.notApplied.map((r) => r.doc.name),
      ['after-ips'],
    );
    assert.equal(await exists(`/apis/apps/v1/namespaces/${ns}/deployments/after-ips`), false, 'nothing after the failure is applied');
    assert.equal(await exists(`/api/v1/namespaces/${ns}/services/ip-b`), false);
    assert.ok(await exists(`/api/v1/namespaces/${ns}/services/ip-a`), 'and nothing is rolled back');
    const { headline, details, ok } = applySummary('apply', report, 'ips.yaml', 'local');
    assert.equal(ok, false);
    assert.equal(
      headline,
      `Apply stopped (ips.yaml → local): Service ${ns}/ip-b failed; 1 object stayed applied (Service ${ns}/ip-a (created)), 1 object not applied. Nothing was rolled back.`,
    );
    assert.doesNotMatch(headline, /^Applied/);
    assert.deepEqual(details, [`stayed applied: Service ${ns}/ip-a (created)`, `not applied: Deployment ${ns}/after-ips`]);
  });

  test('cancellation mid-apply: the rest is skipped and not created', async () => {
    const ac = new AbortController();
    const text = [1, 2, 3, 4].map((i) => cm(`cancel-${i}`, ns, String(i))).join('---\n');
    const report = await applyManifests(conn, docs(text), {
      signal: ac.signal,
      onResult: (r, phase) => {
        if (phase === 'apply' && r.doc.name === 'cancel-2') ac.abort();
      },
    });
    assert.equal(report.cancelled, true);
    assert.deepEqual(
      report.applied.map((r) => `${r.doc.name}:${r.outcome}`),
      ['cancel-1:created', 'cancel-2:created', 'cancel-3:skipped', 'cancel-4:skipped'],
    );
    assert.equal(await exists(`/api/v1/namespaces/${ns}/configmaps/cancel-2`), true);
    assert.equal(await exists(`/api/v1/namespaces/${ns}/configmaps/cancel-3`), false);
    assert.equal(
      applySummary('apply', report, 'c.yaml', 'local').headline,
      `Apply cancelled (c.yaml → local): 2 objects stayed applied (ConfigMap ${ns}/cancel-1 (created), ConfigMap ${ns}/cancel-2 (created)), 2 objects not applied. Nothing was rolled back.`,
    );
  });

  test('race after the dry-run: another manager takes a field between dry-run and apply; the batch stops there', async () => {
    const text = ['race-a', 'race-b', 'race-c'].map((n) => cm(n, ns, 'ours')).join('---\n');
    const report = await applyManifests(conn, docs(text), {
      onProgress: async (phase, _i, _n, d) => {
        if (phase !== 'apply' || d.name !== 'race-b') return;
        await conn.call('PATCH', `/api/v1/namespaces/${ns}/configmaps/race-b`, {
          query: { fieldManager: 'racer' },
          contentType: 'application/apply-patch+yaml',
          body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'race-b', namespace: ns }, data: { key: 'theirs' } },
        });
      },
    });
    assert.deepEqual(
      report.dryRun.map((r) => r.outcome),
      ['created', 'created', 'created'],
      'the dry-run saw no problem',
    );
    assert.deepEqual(
      report.applied.map((r) => `${r.doc.name}:${r.outcome}`),
      ['race-a:created', 'race-b:failed', 'race-c:skipped'],
    );
    assert.equal(report.stoppedAt!.error!.kind, 'conflict');
    assert.equal(report.conflicts, true);
    assert.equal(await exists(`/api/v1/namespaces/${ns}/configmaps/race-c`), false);
    assert.equal((await conn.call('GET', `/api/v1/namespaces/${ns}/configmaps/race-b`)).data.key, 'theirs');
    assert.match(
      applySummary('apply', report, 'race.yaml', 'local').headline,
      new RegExp(
        `^Apply stopped \\(race\\.yaml → local\\): ConfigMap ${ns}/race-b failed; 1 object stayed applied \\(ConfigMap ${ns}/race-a \\(created\\)\\), 1 object not applied\\. Nothing was rolled back\\.$`,
      ),
    );
  });

  test('the same object twice in one batch: a warning naming both places; both are applied in turn', async () => {
    const text = `${cm('twice', ns, 'first')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: twice\ndata:\n  key: "second"\n---\n${cm('once', ns, 'x')}`;
    const report = await applyManifests(conn, docs(text, 'file:///dup.yaml'), { namespace: ns });
    assert.deepEqual(report.warnings, [
      `ConfigMap ${ns}/twice appears 2 times in this apply (dup.yaml line 1, dup.yaml line 9): each is applied in turn and the last one wins.`,
    ]);
    assert.equal(report.failed, false);
    assert.equal((await conn.call('GET', `/api/v1/namespaces/${ns}/configmaps/twice`)).data.key, 'second');
    assert.deepEqual(applySummary('apply', report, 'dup.yaml', 'local').details, [`warning: ${report.warnings[0]}`]);
    const clean = await applyManifests(conn, docs(cm('once', ns, 'x')), { dryRunOnly: true });
    assert.deepEqual(clean.warnings, []);
  });

  test('a document built by hand with a path-breaking name is refused before any request', async () => {
    const [good] = docs(cm('fine', ns, 'x'));
    const bad: ManifestDoc = {
      ...good,
      name: '..',
      object: { ...good.object, metadata: { name: '..', namespace: ns } },
      label: `ConfigMap ${ns}/..`,
    };
    const labelsBefore = (await conn.call('GET', `/api/v1/namespaces/${ns}`)).metadata.resourceVersion;
    const report = await applyManifests(conn, [bad]);
    assert.equal(report.didApply, false);
    assert.equal(report.dryRun[0].error!.kind, 'invalid');
    assert.match(report.dryRun[0].error!.message, /metadata\.name ".." cannot be used as a name/);
    assert.equal(
      (await conn.call('GET', `/api/v1/namespaces/${ns}`)).metadata.resourceVersion,
      labelsBefore,
      'the namespace object was not touched',
    );
  });

  test('results and messages never contain the token', async () => {
    const report = await applyManifests(conn, docs(cm('secretless', ns, 'a')));
    const token = adminToken();
    for (const r of [...report.dryRun, ...report.applied]) assert.ok(!r.message.includes(token));
  });
});

describe('diff', () => {
  test('live vs server dry-run of the local file, managed fields and noise stripped', async () => {
    await applyManifests(conn, docs(cm('diffed', ns, 'old')));
    const [doc] = docs(cm('diffed', ns, 'new'));
    const d = await diffManifest(conn, doc);
    assert.equal(d.exists, true);
    assert.equal(d.changed, true);
    assert.match(d.live, /key: old/);
    assert.match(d.proposed, /key: new/);
    for (const t of [d.live, d.proposed]) {
      assert.doesNotMatch(t, /managedFields|resourceVersion|uid:|creationTimestamp/);
      assert.match(t, /name: diffed/);
    }
    assert.equal((await conn.call('GET', `/api/v1/namespaces/${ns}/configmaps/diffed`)).data.key, 'old', 'diff applies nothing');
  });

  test('an object that does not exist yet: empty live side', async () => {
    const [doc] = docs(cm('not-yet', ns, 'v'));
    const d = await diffManifest(conn, doc);
    assert.equal(d.exists, false);
    assert.equal(d.live, '');
    assert.match(d.proposed, /key: v/);
  });

  test('Secret: values masked on both sides as kubectl diff does, changed keys still visible', async () => {
    const b64 = (v: string) => Buffer.from(v).toString('base64');
    const secret = (data: Record<string, string>, stringData?: Record<string, string>) => `apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: ${ns}}
type: Opaque
data:
${Object.entries(data)
  .map(([k, v]) => `  ${k}: ${b64(v)}`)
  .join('\n')}
${
  stringData
    ? `stringData:\n${Object.entries(stringData)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}\n`
    : ''
}`;
    const applied = await applyManifests(
      conn,
      docs(secret({ same: 'unchanged-value-1', changed: 'old-password-2', removed: 'gone-value-3' })),
    );
    assert.equal(applied.failed, false, applied.dryRun.map((r) => r.message).join('\n'));
    const d = await diffManifest(
      conn,
      docs(secret({ same: 'unchanged-value-1', changed: 'new-password-4' }, { added: 'plain-added-5' }))[0],
    );
    const values = ['unchanged-value-1', 'old-password-2', 'gone-value-3', 'new-password-4', 'plain-added-5'];
    for (const text of [d.live, d.proposed]) {
      for (const v of values) {
        assert.ok(!text.includes(v), `${v} shown in clear:\n${text}`);
        assert.ok(!text.includes(b64(v)), `${v} shown in base64:\n${text}`);
      }
    }
    const live = parseYaml(d.live);
    const proposed = parseYaml(d.proposed);
    // kubectl's masks (k8s.io/kubectl pkg/cmd/diff/diff.go, Masker): *** for equal, (before)/(after) for changed.
    assert.deepEqual(live.data, { same: '***', changed: '*** (before)', removed: '***' });
    assert.deepEqual(
      proposed.data,
      { same: '***', changed: '*** (after)', added: '***' },
      'the server moved stringData into data; removed is gone (we own it)',
    );
    assert.equal(d.changed, true);
    assert.equal(live.metadata.name, 'creds', 'the rest of the object is shown');

    const same = await diffManifest(
      conn,
      docs(secret({ same: 'unchanged-value-1', changed: 'old-password-2', removed: 'gone-value-3' }))[0],
    );
    assert.equal(same.changed, false, 'no change: both sides masked alike');
    const fresh = await diffManifest(conn, docs(secret({ k: 'brand-new-6' }).replace('name: creds', 'name: not-yet-secret'))[0]);
    assert.equal(fresh.live, '');
    assert.deepEqual(parseYaml(fresh.proposed).data, { k: '***' });
    assert.ok(!fresh.proposed.includes(b64('brand-new-6')));
  });

  test('Secret masking on shapes the server would not return (pure)', () => {
    assert.deepEqual(
      maskSecretValues(
        { kind: 'Secret', apiVersion: 'v1', stringData: { a: 'x', b: 'y' } },
        { kind: 'Secret', apiVersion: 'v1', stringData: { a: 'x', b: 'z' }, data: 'not-a-map' },
      ),
      [
        { kind: 'Secret', apiVersion: 'v1', stringData: { a: '***', b: '*** (before)' } },
        { kind: 'Secret', apiVersion: 'v1', stringData: { a: '***', b: '*** (after)' }, data: '***' },
      ],
    );
    const cm = { kind: 'ConfigMap', apiVersion: 'v1', data: { a: 'x' } };
    assert.deepEqual(maskSecretValues(cm, cm), [cm, cm], 'only Secrets are masked');
  });

  test('unchanged object: both sides equal', async () => {
    await applyManifests(conn, docs(cm('same', ns, 'v')));
    const d = await diffManifest(conn, docs(cm('same', ns, 'v'))[0]);
    assert.equal(d.changed, false);
    assert.equal(d.live, d.proposed);
  });
});

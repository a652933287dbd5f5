/**
 * Removed and deprecated apiVersions. The expected table below is written from the upstream sources, not from
 * our catalog: the API types' lifecycle (kubernetes/kubernetes staging/src/k8s.io/api/<group>/<version>/
 * zz_generated.prerelease-lifecycle.go, APILifecycleDeprecated/Removed) and the migration guide
 * (kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md). Every row is checked at each
 * target-version boundary (just before deprecation, at deprecation, just before removal, at removal) and at each
 * version where its replacement changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { diagnose, withCode, serviceWith, uriOf } from '../../helpers/service';
import { checkTable } from '../../helpers/checkTable';
import { REMOVED_APIS } from '@shared/apiVersions';

const GUIDE = 'kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md';
const LIFECYCLE = 'kubernetes/kubernetes staging/src/k8s.io/api/*/zz_generated.prerelease-lifecycle.go';
const obj = (apiVersion: string, kind: string, extra = '') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n${extra}`;

interface Row {
  apiVersion: string;
  kinds: string[];
  deprecated: string;
  removed?: string;
  use: [since: string, apiVersion: string | null][];
  neverServed?: boolean;
}

const FLOW: Row['use'] = [
  ['1.23', 'flowcontrol.apiserver.k8s.io/v1beta2'],
  ['1.26', 'flowcontrol.apiserver.k8s.io/v1beta3'],
  ['1.29', 'flowcontrol.apiserver.k8s.io/v1'],
];
const EXPECTED: Row[] = [
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'],
    deprecated: '1.8',
    removed: '1.16',
    use: [['1.9', 'apps/v1']],
  },
  {
    apiVersion: 'apps/v1beta1',
    kinds: ['Deployment', 'StatefulSet', 'ControllerRevision'],
    deprecated: '1.8',
    removed: '1.16',
    use: [['1.9', 'apps/v1']],
  },
  // apps/v1beta1 has no ReplicaSet type (zz_generated.prerelease-lifecycle.go lists none); the guide lists it with the 1.16 removals.
  { apiVersion: 'apps/v1beta1', kinds: ['ReplicaSet'], deprecated: '1.8', removed: '1.16', use: [['1.9', 'apps/v1']], neverServed: true },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'],
    deprecated: '1.9',
    removed: '1.16',
    use: [['1.9', 'apps/v1']],
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['NetworkPolicy'],
    deprecated: '1.9',
    removed: '1.16',
    use: [['1.8', 'networking.k8s.io/v1']],
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecated: '1.11',
    removed: '1.16',
    use: [
      ['1.10', 'policy/v1beta1'],
      ['1.25', null],
    ],
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Ingress'],
    deprecated: '1.14',
    removed: '1.22',
    use: [
      ['1.14', 'networking.k8s.io/v1beta1'],
      ['1.19', 'networking.k8s.io/v1'],
    ],
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['Ingress', 'IngressClass'],
    deprecated: '1.19',
    removed: '1.22',
    use: [['1.19', 'networking.k8s.io/v1']],
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    deprecated: '1.16',
    removed: '1.22',
    use: [['1.16', 'admissionregistration.k8s.io/v1']],
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kinds: ['CustomResourceDefinition'],
    deprecated: '1.16',
    removed: '1.22',
    use: [['1.16', 'apiextensions.k8s.io/v1']],
  },
  {
    apiVersion: 'apiregistration.k8s.io/v1beta1',
    kinds: ['APIService'],
    deprecated: '1.19',
    removed: '1.22',
    use: [['1.10', 'apiregistration.k8s.io/v1']],
  },
  {
    apiVersion: 'authentication.k8s.io/v1beta1',
    kinds: ['TokenReview'],
    deprecated: '1.19',
    removed: '1.22',
    use: [['1.6', 'authentication.k8s.io/v1']],
  },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'],
    deprecated: '1.19',
    removed: '1.22',
    use: [['1.6', 'authorization.k8s.io/v1']],
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    deprecated: '1.19',
    removed: '1.22',
    use: [['1.19', 'certificates.k8s.io/v1']],
  },
  {
    apiVersion: 'coordination.k8s.io/v1beta1',
    kinds: ['Lease'],
    deprecated: '1.19',
    removed: '1.22',
    use: [['1.14', 'coordination.k8s.io/v1']],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    deprecated: '1.17',
    removed: '1.22',
    use: [['1.8', 'rbac.authorization.k8s.io/v1']],
  },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kinds: ['PriorityClass'],
    deprecated: '1.14',
    removed: '1.22',
    use: [['1.14', 'scheduling.k8s.io/v1']],
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
    deprecated: '1.19',
    removed: '1.22',
    use: [['1.19', 'storage.k8s.io/v1']],
  },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecated: '1.21', removed: '1.25', use: [['1.21', 'batch/v1']] },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    deprecated: '1.21',
    removed: '1.25',
    use: [['1.21', 'discovery.k8s.io/v1']],
  },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecated: '1.22', removed: '1.25', use: [['1.19', 'events.k8s.io/v1']] },
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    deprecated: '1.22',
    removed: '1.25',
    use: [
      ['1.12', 'autoscaling/v2beta2'],
      ['1.23', 'autoscaling/v2'],
    ],
  },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecated: '1.21', removed: '1.25', use: [['1.21', 'policy/v1']] },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecated: '1.21', removed: '1.25', use: [['1.0', null]] },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecated: '1.22', removed: '1.25', use: [['1.20', 'node.k8s.io/v1']] },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecated: '1.23',
    removed: '1.26',
    use: FLOW,
  },
  {
    apiVersion: 'autoscaling/v2beta2',
    kinds: ['HorizontalPodAutoscaler'],
    deprecated: '1.23',
    removed: '1.26',
    use: [['1.23', 'autoscaling/v2']],
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIStorageCapacity'],
    deprecated: '1.24',
    removed: '1.27',
    use: [['1.24', 'storage.k8s.io/v1']],
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecated: '1.26',
    removed: '1.29',
    use: FLOW.slice(1),
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecated: '1.29',
    removed: '1.32',
    use: [['1.29', 'flowcontrol.apiserver.k8s.io/v1']],
  },
  // "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice" (the API server's warning; kubernetes/website endpoint-slices.md).
  { apiVersion: 'v1', kinds: ['Endpoints'], deprecated: '1.33', use: [['1.21', 'discovery.k8s.io/v1']] },
];

const prev = (v: string) => {
  const [a, b] = v.split('.').map(Number);
  return `${a}.${b - 1}`;
};
/** The replacement the row names at a target version. */
function expectedUse(row: Row, target: string): string | null {
  const cmp = (a: string, b: string) => {
    const [x, y] = a.split('.').map(Number),
      [p, q] = b.split('.').map(Number);
    return x - p || y - q;
  };
  let u = row.use[0][1];
  for (const [since, v] of row.use) if (cmp(since, target) <= 0) u = v;
  return u;
}
const useText = (u: string | null, target: string) => (u ? `use ${u}.` : `Kubernetes ${target} has no replacement`);

test('the catalog holds exactly the upstream rows', () => {
  const mine = REMOVED_APIS.map(
    (a) => `${a.apiVersion}|${a.kind}|${a.deprecatedIn}|${a.removedIn ?? '-'}|${a.neverServed ? 'never' : ''}`,
  ).sort();
  const upstream = EXPECTED.flatMap((r) =>
    r.kinds.map((k) => `${r.apiVersion}|${k}|${r.deprecated}|${r.removed ?? '-'}|${r.neverServed ? 'never' : ''}`),
  ).sort();
  assert.deepEqual(mine, upstream);
});

for (const row of EXPECTED)
  for (const kind of row.kinds) {
    test(`${kind} ${row.apiVersion}: deprecated ${row.deprecated}, ${row.removed ? `removed ${row.removed}` : 'not removed'} — ${row.neverServed ? GUIDE : LIFECYCLE}`, () => {
      const text = obj(row.apiVersion, kind);
      const at = (target: string) =>
        diagnose(text, { kubernetesVersion: target }).filter((d) => d.code === 'api-removed' || d.code === 'api-deprecated');
      if (row.neverServed) {
        for (const t of ['1.9', row.removed!, '1.34']) {
          const d = at(t);
          assert.deepEqual(
            d.map((x) => x.code),
            ['api-removed'],
            t,
          );
          assert.match(d[0].message, /never served/);
        }
        return;
      }
      assert.deepEqual(at(prev(row.deprecated)), [], `before ${row.deprecated}`);
      const dep = at(row.deprecated);
      assert.deepEqual(
        dep.map((x) => x.code),
        [row.removed === row.deprecated ? 'api-removed' : 'api-deprecated'],
        `at ${row.deprecated}`,
      );
      assert.ok(dep[0].message.includes(useText(expectedUse(row, row.deprecated), row.deprecated)), dep[0].message);
      if (row.removed) {
        const before = at(prev(row.removed));
        assert.deepEqual(
          before.map((x) => x.code),
          ['api-deprecated'],
          `before ${row.removed}`,
        );
        const rm = at(row.removed);
        assert.deepEqual(
          rm.map((x) => x.code),
          ['api-removed'],
          `at ${row.removed}`,
        );
        assert.equal(rm[0].severity, 1);
        assert.ok(rm[0].message.includes(useText(expectedUse(row, row.removed), row.removed)), rm[0].message);
      } else {
        assert.deepEqual(
          at('1.40').map((x) => x.code),
          ['api-deprecated'],
          'no removal is scheduled',
        );
      }
      // Where the replacement changes, the message follows the target (the replacement must exist there).
      for (const [since, u] of row.use) {
        if (Number(since.split('.')[1]) <= Number(row.deprecated.split('.')[1])) continue;
        const d = at(since);
        assert.ok(d[0].message.includes(useText(u, since)), `${since}: ${d[0].message}`);
        const b = at(prev(since));
        assert.ok(b[0].message.includes(useText(expectedUse(row, prev(since)), prev(since))), `${prev(since)}: ${b[0].message}`);
      }
    });
  }

test('api-removed for an Ingress v1beta1 at 1.34: the replacement, no mechanical fix, the position and docs link', () => {
  const d = withCode(diagnose('apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: x\n'), 'api-removed');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /removed in Kubernetes 1\.22.*networking\.k8s\.io\/v1/);
  assert.deepEqual(d[0].range.start, { line: 0, character: 12 });
  assert.equal((d[0].data as { fixes?: unknown[] } | undefined)?.fixes, undefined);
  assert.equal(d[0].source, 'eks-manifests');
  assert.equal(d[0].codeDescription?.href, 'file:///docs/diagnostics.md#api-removed');
});

checkTable('apiVersion lifecycle', [
  {
    code: 'api-deprecated',
    name: 'PDB policy/v1beta1 at 1.24',
    source: GUIDE,
    settings: { kubernetesVersion: '1.24' },
    fire: obj('policy/v1beta1', 'PodDisruptionBudget'),
    at: 'policy/v1beta1',
    silent: obj('policy/v1', 'PodDisruptionBudget'),
    count: 1,
    severity: 'warning',
  },
  {
    code: 'api-removed',
    name: 'PDB policy/v1beta1 at 1.25',
    source: GUIDE,
    settings: { kubernetesVersion: '1.25' },
    fire: obj('policy/v1beta1', 'PodDisruptionBudget'),
    at: 'policy/v1beta1',
    silent: obj('policy/v1', 'PodDisruptionBudget'),
    count: 1,
  },
  {
    code: 'api-deprecated',
    name: 'v1 Endpoints from 1.33',
    source: 'kubernetes/website content/en/docs/concepts/services-networking/endpoint-slices.md',
    settings: { kubernetesVersion: '1.33' },
    fire: obj('v1', 'Endpoints'),
    at: 'v1',
    silent: obj('discovery.k8s.io/v1', 'EndpointSlice'),
    message: /no removal is scheduled.*discovery\.k8s\.io\/v1/,
  },
]);

test('silent on current versions', () => {
  for (const t of [
    obj('networking.k8s.io/v1', 'Ingress'),
    obj('policy/v1', 'PodDisruptionBudget'),
    obj('batch/v1', 'CronJob'),
    obj('autoscaling/v2', 'HorizontalPodAutoscaler'),
  ])
    assert.deepEqual(diagnose(t), [], t);
});

function applyFirstFix(text: string, target: string): { title: string; fixed: string } {
  const s = serviceWith({ 'a.yaml': text }, { kubernetesVersion: target });
  const d = s.validate(uriOf('a.yaml')).filter((x) => x.code === 'api-removed' || x.code === 'api-deprecated');
  const action = s.codeActions(uriOf('a.yaml'), d[0].range, d).find((a) => a.title.startsWith('Change apiVersion'));
  assert.ok(action, 'no apiVersion fix');
  const edits = action!.edit!.changes![uriOf('a.yaml')] as TextEdit[];
  return { title: action!.title, fixed: TextDocument.applyEdits(TextDocument.create('x', 'yaml', 1, text), edits) };
}

test('mechanical moves carry a quick fix that rewrites the apiVersion (exact range)', () => {
  const text = obj('batch/v1beta1', 'CronJob');
  const s = serviceWith({ 'a.yaml': text });
  const d = s.validate(uriOf('a.yaml'));
  const fix = s.codeActions(uriOf('a.yaml'), d[0].range, d).find((a) => a.title === 'Change apiVersion to batch/v1');
  assert.ok(fix);
  const edit = fix!.edit!.changes![uriOf('a.yaml')][0];
  assert.equal(edit.newText, 'batch/v1');
  assert.deepEqual(edit.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 25 } });
});

test('PriorityLevelConfiguration: the fix to v1beta3/v1 also renames assuredConcurrencyShares (one click, valid result); to v1beta2 it does not', () => {
  const plc = (v: string) =>
    obj(
      v,
      'PriorityLevelConfiguration',
      'spec:\n  type: Limited\n  limited:\n    assuredConcurrencyShares: 10\n    limitResponse:\n      type: Reject\n',
    );
  const at127 = applyFirstFix(plc('flowcontrol.apiserver.k8s.io/v1beta2'), '1.27');
  assert.equal(at127.title, 'Change apiVersion to flowcontrol.apiserver.k8s.io/v1beta3 and rename assuredConcurrencyShares');
  assert.match(at127.fixed, /^apiVersion: flowcontrol\.apiserver\.k8s\.io\/v1beta3\n[\s\S]*\n {4}nominalConcurrencyShares: 10\n/);
  assert.deepEqual(
    diagnose(at127.fixed, { kubernetesVersion: '1.27' }).filter((d) => String(d.code).startsWith('api-')),
    [],
  );
  const at130 = applyFirstFix(plc('flowcontrol.apiserver.k8s.io/v1beta1'), '1.30');
  assert.match(at130.fixed, /^apiVersion: flowcontrol\.apiserver\.k8s\.io\/v1\n[\s\S]*nominalConcurrencyShares: 10/);
  const at124 = applyFirstFix(plc('flowcontrol.apiserver.k8s.io/v1beta1'), '1.24');
  assert.equal(at124.title, 'Change apiVersion to flowcontrol.apiserver.k8s.io/v1beta2');
  assert.match(at124.fixed, /assuredConcurrencyShares: 10/);
  // A FlowSchema has no such field: the plain apiVersion fix; at 1.27 it names v1beta3, not v1 (not served before 1.29).
  assert.equal(
    applyFirstFix(obj('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema'), '1.27').title,
    'Change apiVersion to flowcontrol.apiserver.k8s.io/v1beta3',
  );
});

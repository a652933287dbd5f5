/**
 * A workspace check that declares `reads` is re-run only when objects of those kinds change, so it must not
 * read any other kind. Run every such check over the examples and the corpus with an index that records
 * what it is asked, and hold the answers to the declaration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { defaultSettings } from '../../../server/src/service/settings';
import { createLanguageService } from '../../../server/src/service/languageService';
import { ALL_MODULES } from '../../../server/src/service/modules';
import { NAMESPACES_IN_USE, WorkspaceIndex } from '../../../server/src/service/workspace/workspaceIndex';
import { ROOT } from '../../helpers/lspClient';
import { filesUnder, YAML_FILE } from '../../helpers/files';

function recordingIndex(index: WorkspaceIndex, seen: Set<string>): WorkspaceIndex {
  return new Proxy(index, {
    get(target, prop) {
      if (prop === 'byKind')
        return (k: string) => {
          seen.add(k);
          return target.byKind(k);
        };
      if (prop === 'find')
        return (ref: { kind: string }) => {
          seen.add(ref.kind);
          return target.find(ref as never);
        };
      if (prop === 'named')
        return (k: string, name: string) => {
          seen.add(k);
          return target.named(k, name);
        };
      if (prop === 'hasKindIn')
        return (k: string, ns: string | undefined) => {
          seen.add(k);
          return target.hasKindIn(k, ns);
        };
      if (prop === 'all')
        return function* () {
          seen.add(NAMESPACES_IN_USE);
          yield* target.all();
        };
      if (prop === 'get' || prop === 'uris') seen.add('#files');
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

test('workspace checks read only the kinds they declare', () => {
  const files = [
    ...filesUnder(path.join(ROOT, 'examples'), YAML_FILE),
    ...filesUnder(path.join(ROOT, '..', 'shared', 'corpus', 'files'), YAML_FILE),
  ];
  const s = new WorkspaceIndex();
  for (const f of files) s.set(pathToFileURL(f).href, fs.readFileSync(f, 'utf8'));
  // Paths the real files may not take: a ClusterIP backend with no target-type on the open-source class.
  s.set(
    'file:///synthetic/ingress.yaml',
    `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: syn
  namespace: syn
  annotations:
    alb.ingress.kubernetes.io/scheme: internal
spec:
  ingressClassName: alb
  defaultBackend:
    service:
      name: web
      port:
        number: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: syn
spec:
  type: ClusterIP
  ports:
    - port: 80
`,
  );
  // Storage and identity paths: a StorageClass in an Auto Mode workspace, claims, an IRSA ServiceAccount in a
  // Pod Identity association, a workload naming a ServiceAccount.
  s.set(
    'file:///synthetic/platform.yaml',
    [
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: ebs.csi.aws.com\n',
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: auto\nprovisioner: ebs.csi.eks.amazonaws.com\n',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: syn\nspec:\n  storageClassName: slow\n  volumeAttributesClassName: io2\n',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: syn\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/app\n',
      'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: syn\n  region: us-west-2\niam:\n  podIdentityAssociations:\n    - {namespace: syn, serviceAccountName: app}\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: syn\nspec:\n  template:\n    spec:\n      serviceAccountName: ap\n      containers: [{name: web, image: nginx}]\n',
    ].join('---\n'),
  );
  const checks = ALL_MODULES.flatMap((m) => m.checks ?? []).filter((c) => c.scope === 'workspace');
  assert.ok(checks.length >= 5);
  for (const check of checks) {
    assert.ok(check.reads, `${check.id} declares no reads (it would re-run on every edit anywhere)`);
    const seen = new Set<string>();
    const index = recordingIndex(s, seen);
    let ran = 0;
    for (const uri of s.uris()) {
      const file = s.get(uri)!;
      for (const obj of file.objects()) {
        if (!obj.isManifest || (check.appliesTo && !check.appliesTo(obj))) continue;
        ran++;
        check.run({
          obj,
          file,
          settings: defaultSettings,
          index,
          env: {},
          report() {
            /* only the reads matter here */
          },
        });
      }
    }
    const undeclared = [...seen].filter((k) => !check.reads!.includes(k));
    assert.deepEqual(undeclared, [], `${check.id} (ran on ${ran} objects) reads undeclared kinds`);
  }
});

test('an edit re-runs only the workspace checks that read the edited kind', () => {
  const runs = new Map<string, number>();
  const s = createLanguageService();
  const ing = (n: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${n}\n  namespace: shop\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n`;
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ports:\n    - port: 80\n';
  s.setFile('file:///w/app.yaml', [ing('a'), ing('b'), svc].join('---\n'));
  s.setFile('file:///w/other.yaml', ing('c'));
  const count = (uri: string) => {
    s.validate(uri);
  };
  // Count check runs through the logger-free route: wrap each workspace check's run.
  for (const m of ALL_MODULES)
    for (const c of m.checks ?? []) {
      if (c.scope !== 'workspace' || (c as { __wrapped?: boolean }).__wrapped) continue;
      const orig = c.run.bind(c);
      c.run = (ctx) => {
        runs.set(c.id, (runs.get(c.id) ?? 0) + 1);
        orig(ctx);
      };
      (c as { __wrapped?: boolean }).__wrapped = true;
    }
  count('file:///w/other.yaml');
  runs.clear();
  // Edit the Service (in another file): checks reading Service re-run on other.yaml; checks reading only Ingress do not.
  s.setFile('file:///w/app.yaml', [ing('a'), ing('b'), svc.replace('port: 80', 'port: 81')].join('---\n'));
  count('file:///w/other.yaml');
  assert.ok((runs.get('alb.backends') ?? 0) >= 1, JSON.stringify([...runs]));
  assert.equal(runs.get('alb.groupConflict') ?? 0, 0, 'group conflicts do not depend on Services');
  runs.clear();
  // An edit that touches nothing other.yaml depends on (a ConfigMap) re-runs none of its ALB checks.
  s.setFile('file:///w/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  count('file:///w/other.yaml');
  assert.equal(runs.get('alb.backends') ?? 0, 0);
  assert.equal(runs.get('alb.ingressClass') ?? 0, 0);
});

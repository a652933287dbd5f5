/**
 * Flux and Argo CD checks: each firing on the wrong form and silent on the right one, at its exact text.
 * Sources are cited per case (fluxcd/* controller repositories and docs, argoproj/argo-cd code and docs,
 * awsdocs/amazon-eks-user-guide for the EKS Argo CD capability). Path checks run against a real temporary
 * folder through the LSP server's FileSystem.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnose, serviceWith, uriOf, withCode } from '../../helpers/service';
import { textAt } from '../../helpers/eksctl';
import { createLanguageService } from '../../../server/src/service/languageService';
import { nodeFileSystem } from '../../../server/src/node/fileSystem';
import { GITOPS_CODES } from '../../../server/src/service/gitops/codes';

const KS = (
  opts: { api?: string; path?: string; src?: string; srcKind?: string; extra?: string; ns?: string; name?: string } = {},
) => `apiVersion: ${opts.api ?? 'kustomize.toolkit.fluxcd.io/v1'}
kind: Kustomization
metadata:
  name: ${opts.name ?? 'apps'}
  namespace: ${opts.ns ?? 'flux-system'}
spec:
  interval: 10m
  prune: true
  sourceRef:
    kind: ${opts.srcKind ?? 'GitRepository'}
    name: ${opts.src ?? 'flux-system'}
  path: ${opts.path ?? './apps'}
${opts.extra ?? ''}`;

const GIT = (spec: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
${spec}`;

const APP = (spec: string, meta = '  namespace: argocd\n') => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook
${meta}spec:
  project: default
${spec}`;

const CM = (annotations: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
${annotations}
data: {}
`;

interface Case {
  code: string;
  source: string;
  fire: string;
  silent: string;
  fireText: string;
  files?: Record<string, string>;
  severity?: number;
}

const cases: Case[] = [
  {
    code: 'flux-api-removed',
    source: 'fluxcd/kustomize-controller CHANGELOG 1.8.0 (v1beta2 removed)',
    fire: KS({ api: 'kustomize.toolkit.fluxcd.io/v1beta2' }),
    silent: KS(),
    fireText: 'kustomize.toolkit.fluxcd.io/v1beta2',
  },
  {
    code: 'flux-api-removed',
    source: 'fluxcd/helm-controller CHANGELOG 1.5.0 (v2beta2 removed)',
    fire: 'apiVersion: helm.toolkit.fluxcd.io/v2beta2\nkind: HelmRelease\nmetadata:\n  name: podinfo\nspec:\n  interval: 10m\n  chart:\n    spec:\n      chart: podinfo\n      sourceRef: {kind: HelmRepository, name: podinfo}\n',
    silent:
      'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\nspec:\n  interval: 10m\n  chart:\n    spec:\n      chart: podinfo\n      sourceRef: {kind: HelmRepository, name: podinfo}\n',
    fireText: 'helm.toolkit.fluxcd.io/v2beta2',
  },
  {
    code: 'flux-api-removed',
    source: 'fluxcd/notification-controller CHANGELOG 1.9.0 (v1beta2 removed; Alert is v1beta3)',
    fire: 'apiVersion: notification.toolkit.fluxcd.io/v1beta2\nkind: Alert\nmetadata:\n  name: slack\nspec:\n  providerRef: {name: slack}\n  eventSources: [{kind: Kustomization, name: "*"}]\n',
    silent:
      'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: slack\nspec:\n  providerRef: {name: slack}\n  eventSources: [{kind: Kustomization, name: "*"}]\n',
    fireText: 'notification.toolkit.fluxcd.io/v1beta2',
  },
  {
    code: 'flux-api-deprecated',
    source: 'fluxcd/notification-controller config/crd/bases (Receiver served as v1 only)',
    fire: 'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Receiver\nmetadata:\n  name: gh\nspec:\n  type: github\n  resources: []\n  secretRef: {name: token}\n',
    silent:
      'apiVersion: notification.toolkit.fluxcd.io/v1\nkind: Receiver\nmetadata:\n  name: gh\nspec:\n  type: github\n  resources: []\n  secretRef: {name: token}\n',
    fireText: 'notification.toolkit.fluxcd.io/v1beta3',
  },
  {
    code: 'flux-gitrepository-no-ref',
    source: 'fluxcd/source-controller docs/spec/v1/gitrepositories.md (ref defaults to master)',
    fire: GIT('  url: https://github.com/example/fleet\n'),
    silent: GIT('  url: https://github.com/example/fleet\n  ref:\n    branch: main\n'),
    fireText: 'spec',
  },
  {
    code: 'flux-git-url-port',
    source: 'fluxcd/source-controller gitrepositories.md URL; fluxcd/flux2 #2029',
    fire: GIT('  url: ssh://git@github.com:example/fleet\n  ref: {branch: main}\n'),
    silent: GIT('  url: ssh://git@github.com:22/example/fleet\n  ref: {branch: main}\n'),
    fireText: 'ssh://git@github.com:example/fleet',
  },
  {
    code: 'flux-kustomization-kind-mixup',
    source: 'fluxcd/flux2 #811 (two Kustomization kinds)',
    fire: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\nsourceRef:\n  kind: GitRepository\n  name: flux-system\n',
    silent: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\n',
    fireText: 'sourceRef',
  },
  {
    code: 'flux-kustomization-kind-mixup',
    source: 'fluxcd/flux2 #811 (a Flux Kustomization with resources)',
    fire: KS({ extra: '  resources: [deploy.yaml]\n' }),
    silent: KS(),
    fireText: 'resources',
  },
  {
    code: 'flux-ref-missing',
    source: 'kustomizations.md sourceRef; the workspace declares GitRepositories in flux-system',
    fire: KS({ src: 'fleet-infra' }),
    silent: KS(),
    fireText: 'fleet-infra',
    files: { 'git.yaml': GIT('  url: https://github.com/example/fleet\n  ref: {branch: main}\n') },
  },
  {
    code: 'flux-ref-missing',
    source: "kustomizations.md dependsOn (namespace defaults to the object's)",
    fire: KS({ extra: '  dependsOn:\n    - name: infra\n' }),
    silent: KS({ extra: '  dependsOn:\n    - name: apps\n' }),
    fireText: 'infra',
  },
  {
    code: 'argocd-destination-server-and-name',
    source: 'argoproj/argo-cd util/argo/argo.go ValidateDestination',
    fire: APP(
      '  destination:\n    server: https://kubernetes.default.svc\n    name: in-cluster\n    namespace: guestbook\n  source: {repoURL: https://github.com/argoproj/argocd-example-apps, path: guestbook}\n',
    ),
    silent: APP(
      '  destination:\n    server: https://kubernetes.default.svc\n    namespace: guestbook\n  source: {repoURL: https://github.com/argoproj/argocd-example-apps, path: guestbook}\n',
    ),
    fireText: 'name',
  },
  {
    code: 'argocd-source-and-sources',
    source: 'argoproj/argo-cd docs/user-guide/multiple_sources.md',
    fire: APP(
      '  destination: {server: https://kubernetes.default.svc, namespace: a}\n  source: {repoURL: https://github.com/x/a, path: a}\n  sources:\n    - {repoURL: https://github.com/x/b, path: b}\n',
    ),
    silent: APP(
      '  destination: {server: https://kubernetes.default.svc, namespace: a}\n  sources:\n    - {repoURL: https://github.com/x/a, path: a}\n    - {repoURL: https://github.com/x/b, path: b}\n',
    ),
    fireText: 'source',
  },
  {
    code: 'argocd-sync-wave',
    source: 'argoproj/argo-cd gitops-engine/pkg/sync/syncwaves/waves.go (strconv.Atoi)',
    fire: CM('    argocd.argoproj.io/sync-wave: "first"'),
    silent: CM('    argocd.argoproj.io/sync-wave: "-1"'),
    fireText: '"first"',
  },
  {
    code: 'argocd-hook',
    source: 'argoproj/argo-cd gitops-engine/pkg/sync/common/types.go NewHookType; controller/hook.go',
    fire: CM('    argocd.argoproj.io/hook: PreSync,Postsync'),
    silent: CM('    argocd.argoproj.io/hook: PreSync,PostSync'),
    fireText: 'Postsync',
  },
  {
    code: 'argocd-hook',
    source: 'argoproj/argo-cd gitops-engine/pkg/sync/common/types.go NewHookDeletePolicy',
    fire: CM('    argocd.argoproj.io/hook-delete-policy: OnSuccess'),
    silent: CM('    argocd.argoproj.io/hook-delete-policy: HookSucceeded'),
    fireText: 'OnSuccess',
  },
  {
    code: 'argocd-sync-option',
    source: 'argoproj/argo-cd docs/user-guide/sync-options.md; controller/sync.go HasOption (exact match)',
    fire: APP(
      '  destination: {server: https://kubernetes.default.svc, namespace: a}\n  syncPolicy:\n    syncOptions:\n      - CreateNamespace=True\n',
    ),
    silent: APP(
      '  destination: {server: https://kubernetes.default.svc, namespace: a}\n  syncPolicy:\n    syncOptions:\n      - CreateNamespace=true\n',
    ),
    fireText: 'CreateNamespace=True',
  },
  {
    code: 'argocd-sync-option',
    source: 'argoproj/argo-cd docs/user-guide/sync-options.md (resource annotation)',
    fire: CM('    argocd.argoproj.io/sync-options: Prune=false,SkipDryRun=true'),
    silent: CM('    argocd.argoproj.io/sync-options: Prune=false,SkipDryRunOnMissingResource=true'),
    fireText: 'SkipDryRun=true',
  },
  {
    code: 'argocd-eks-capability',
    source: 'awsdocs latest/ug/capabilities/argocd-considerations.adoc (register clusters by ARN)',
    fire: APP('  destination: {server: https://kubernetes.default.svc, namespace: a}\n'),
    silent: APP('  destination: {server: arn:aws:eks:us-west-2:111122223333:cluster/demo, namespace: a}\n'),
    fireText: 'https://kubernetes.default.svc',
    files: {
      'cluster.yaml':
        'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: demo, region: us-west-2, version: "1.34"}\ncapabilities:\n  - name: argocd\n    type: ARGOCD\n    configuration:\n      argocd:\n        awsIdc: {idcInstanceArn: "arn:aws:sso:::instance/ssoins-1"}\n',
    },
  },
];

for (const c of cases) {
  test(`${c.code}: fires and is silent (${c.source})`, () => {
    const fired = withCode(diagnose(c.fire, {}, c.files), c.code);
    assert.equal(
      fired.length,
      1,
      `expected one ${c.code}, got ${JSON.stringify(diagnose(c.fire, {}, c.files).map((d) => [d.code, d.message]))}`,
    );
    assert.equal(textAt(c.fire, fired[0]), c.fireText);
    if (c.severity !== undefined) assert.equal(fired[0].severity, c.severity);
    assert.deepEqual(
      withCode(diagnose(c.silent, {}, c.files), c.code).map((d) => d.message),
      [],
    );
  });
}

const CAPABILITY = {
  'cluster.yaml':
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: demo, region: us-west-2, version: "1.34"}\ncapabilities:\n  - name: argocd\n    type: ARGOCD\n    configuration:\n      argocd:\n        namespace: gitops\n        awsIdc: {idcInstanceArn: "arn:aws:sso:::instance/ssoins-1"}\n',
};

test('argocd-eks-capability: namespace, AppProject sourceNamespaces, argocd-cm keys, notifications (awsdocs capabilities/argocd-considerations.adoc)', () => {
  const ns = withCode(
    diagnose(APP('  destination: {name: demo, namespace: a}\n', '  namespace: argocd\n'), {}, CAPABILITY),
    'argocd-eks-capability',
  );
  assert.equal(ns.length, 1);
  assert.match(ns[0].message, /only from namespace gitops/);
  assert.equal(
    withCode(diagnose(APP('  destination: {name: demo, namespace: a}\n', '  namespace: gitops\n'), {}, CAPABILITY), 'argocd-eks-capability')
      .length,
    0,
  );
  const proj =
    'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: team\n  namespace: gitops\nspec:\n  destinations: [{namespace: "*", server: "*"}]\n';
  const p = withCode(diagnose(proj, {}, CAPABILITY), 'argocd-eks-capability');
  assert.equal(textAt(proj, p[0]), 'spec');
  assert.equal(
    withCode(diagnose(proj.replace('spec:\n', 'spec:\n  sourceNamespaces: [gitops]\n'), {}, CAPABILITY), 'argocd-eks-capability').length,
    0,
  );
  const cm =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n  namespace: gitops\ndata:\n  resource.customizations.health.kro.run_ResourceGraphDefinition: |\n    hs = {}\n    return hs\n  timeout.reconciliation: 60s\n';
  const c = withCode(diagnose(cm, {}, CAPABILITY), 'argocd-eks-capability');
  assert.deepEqual(
    c.map((d) => textAt(cm, d)),
    ['timeout.reconciliation'],
  );
  const notif = APP(
    '  destination: {name: demo, namespace: a}\n',
    '  namespace: gitops\n  annotations:\n    notifications.argoproj.io/subscribe.on-sync-failed.slack: ops\n',
  );
  assert.equal(withCode(diagnose(notif, {}, CAPABILITY), 'argocd-eks-capability').length, 1);
  // without the capability in the workspace, none of this is reported
  assert.equal(withCode(diagnose(cm), 'argocd-eks-capability').length, 0);
  // a self-managed Argo CD in the workspace means the objects may be its
  const selfManaged = {
    ...CAPABILITY,
    'argocd.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: argocd-server, namespace: argocd}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: a}]}\n',
  };
  assert.equal(withCode(diagnose(cm, {}, selfManaged), 'argocd-eks-capability').length, 0);
});

test('flux-api-removed: quick fix only when the object uses no dropped field (kustomize-controller CHANGELOG "promoted to v1")', () => {
  const fixOf = (d: Diagnostic) => (d.data as { fixes?: { edits: { newText: string }[] }[] } | undefined)?.fixes?.[0]?.edits[0]?.newText;
  const plain = withCode(diagnose(KS({ api: 'kustomize.toolkit.fluxcd.io/v1beta2' })), 'flux-api-removed')[0];
  assert.equal(fixOf(plain), 'kustomize.toolkit.fluxcd.io/v1');
  const old = withCode(
    diagnose(KS({ api: 'kustomize.toolkit.fluxcd.io/v1beta2', extra: '  patchesStrategicMerge:\n    - kind: Deployment\n' })),
    'flux-api-removed',
  )[0];
  assert.equal(fixOf(old), undefined);
  assert.match(old.message, /replace spec\.patchesStrategicMerge/);
  const beta1 = withCode(diagnose(KS({ api: 'kustomize.toolkit.fluxcd.io/v1beta1' })), 'flux-api-removed')[0];
  assert.equal(fixOf(beta1), undefined, 'v1beta1 changed more than the version');
});

test("flux-api-removed: an error when the workspace's own Flux CRD does not serve it, silent when it does", () => {
  const crd = (versions: string) =>
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: kustomizations.kustomize.toolkit.fluxcd.io\nspec:\n  group: kustomize.toolkit.fluxcd.io\n  names: {kind: Kustomization, plural: kustomizations}\n  scope: Namespaced\n  versions:\n${versions}`;
  const v1only = withCode(
    diagnose(
      KS({ api: 'kustomize.toolkit.fluxcd.io/v1beta2' }),
      {},
      { 'crd.yaml': crd('    - name: v1\n      served: true\n      storage: true\n') },
    ),
    'flux-api-removed',
  );
  assert.equal(v1only[0].severity, 1);
  const both = withCode(
    diagnose(
      KS({ api: 'kustomize.toolkit.fluxcd.io/v1beta2' }),
      {},
      {
        'crd.yaml': crd(
          '    - name: v1\n      served: true\n      storage: true\n    - name: v1beta2\n      served: true\n      storage: false\n',
        ),
      },
    ),
    'flux-api-removed',
  );
  assert.equal(both.length, 0);
});

test('flux-ref-missing stays silent when the workspace holds no object of that kind in that namespace (whole-cluster caution)', () => {
  assert.equal(withCode(diagnose(KS({ src: 'fleet-infra' })), 'flux-ref-missing').length, 0);
  assert.equal(
    withCode(
      diagnose(
        KS({ src: 'fleet-infra' }),
        {},
        { 'git.yaml': GIT('  url: https://x/y\n  ref: {branch: main}\n').replace('namespace: flux-system', 'namespace: other') },
      ),
      'flux-ref-missing',
    ).length,
    0,
  );
});

test('placeholders in Argo CD values are unknown (ApplicationSet templates)', () => {
  const appset = `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: s\nspec:\n  generators: [{list: {elements: []}}]\n  template:\n    metadata: {name: '{{cluster}}'}\n    spec:\n      project: default\n      destination: {server: '{{url}}', name: '{{name}}'}\n      source: {repoURL: https://x/y, path: '{{path}}'}\n      syncPolicy:\n        syncOptions: ['{{opt}}']\n`;
  const codes = diagnose(appset)
    .map((d) => String(d.code))
    .filter((c) => c.startsWith('argocd'));
  // Both values are templated: a generator may render one of them empty, which Argo CD reads as unset, so
  // "both set" is not known (the literal form fires: the argocd-destination-server-and-name case above).
  assert.deepEqual(codes, []);
});

// ───────────────────────────── paths and substitution (a real folder) ─────────────────────────────

function repo(files: Record<string, string>, dirs: string[] = []) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-gitops-'));
  for (const d of dirs) fs.mkdirSync(path.join(root, d), { recursive: true });
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  }
  const s = createLanguageService({ env: { fs: nodeFileSystem }, settings: {} });
  for (const [f, text] of Object.entries(files)) s.setFile(pathToFileURL(path.join(root, f)).href, text);
  return {
    s,
    uri: (f: string) => pathToFileURL(path.join(root, f)).href,
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

const SYNC = KS({ name: 'flux-system', path: './clusters/prod' });
const DEPLOY =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${TENANT}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:${VERSION:=1.27}\n';

test('flux-path-missing: fires when the proved repository root has no such folder, silent when it exists (kustomizations.md path)', () => {
  const r = repo({
    'clusters/prod/flux-system/gotk-sync.yaml': SYNC,
    'clusters/prod/apps.yaml': KS({ path: './apps/prodd' }),
    'apps/prod/deploy.yaml': DEPLOY.replace(/\$\{TENANT\}/, 'shop'),
  });
  try {
    const d = withCode(r.s.validate(r.uri('clusters/prod/apps.yaml')), 'flux-path-missing');
    assert.equal(d.length, 1);
    assert.equal(textAt(KS({ path: './apps/prodd' }), d[0]), './apps/prodd');
    r.s.setFile(r.uri('clusters/prod/apps.yaml'), KS({ path: './apps/prod' }));
    assert.equal(withCode(r.s.validate(r.uri('clusters/prod/apps.yaml')), 'flux-path-missing').length, 0);
  } finally {
    r.cleanup();
  }
});

test("flux-path-missing: silent without proof of the source's root (another source, or a single Kustomization)", () => {
  const r = repo({
    'clusters/prod/apps.yaml': KS({ path: './apps/prodd' }),
    'clusters/prod/other.yaml': KS({ name: 'other', src: 'podinfo', path: './kustomize' }),
  });
  try {
    assert.equal(withCode(r.s.validate(r.uri('clusters/prod/apps.yaml')), 'flux-path-missing').length, 0);
  } finally {
    r.cleanup();
  }
});

test('argocd-path-missing: same repoURL and revision prove the root (argo-cd "app path does not exist")', () => {
  const app = (name: string, p: string) =>
    APP(
      `  destination: {server: https://kubernetes.default.svc, namespace: a}\n  source:\n    repoURL: https://github.com/example/apps.git\n    targetRevision: main\n    path: ${p}\n`,
    ).replace('name: guestbook', `name: ${name}`);
  const r = repo({
    'argocd/a.yaml': app('a', 'guestbook'),
    'argocd/b.yaml': app('b', 'guestbok'),
    'guestbook/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: g}\nspec: {ports: [{port: 80}]}\n',
  });
  try {
    const d = withCode(r.s.validate(r.uri('argocd/b.yaml')), 'argocd-path-missing');
    assert.equal(d.length, 1);
    assert.equal(textAt(app('b', 'guestbok'), d[0]), 'guestbok');
    assert.equal(withCode(r.s.validate(r.uri('argocd/a.yaml')), 'argocd-path-missing').length, 0);
  } finally {
    r.cleanup();
  }
});

test('flux-substitution-without-postbuild / flux-substitution-unresolved (kustomizations.md post-build variable substitution)', () => {
  const files = {
    'clusters/prod/flux-system/gotk-sync.yaml': SYNC,
    'clusters/prod/apps.yaml': KS({ path: './apps/prod' }),
    'apps/prod/deploy.yaml': DEPLOY,
  };
  const r = repo(files);
  try {
    const d = withCode(r.s.validate(r.uri('clusters/prod/apps.yaml')), 'flux-substitution-without-postbuild');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /\$\{TENANT\}, \$\{VERSION\}/);
    assert.equal(d[0].relatedInformation?.length, 2);
    r.s.setFile(
      r.uri('clusters/prod/apps.yaml'),
      KS({ path: './apps/prod', extra: '  postBuild:\n    substitute:\n      CLUSTER: prod\n' }),
    );
    const u = withCode(r.s.validate(r.uri('clusters/prod/apps.yaml')), 'flux-substitution-unresolved');
    assert.equal(u.length, 1);
    assert.match(u[0].message, /\$\{TENANT\}/);
    assert.doesNotMatch(u[0].message, /VERSION/, 'a default (${VERSION:=1.27}) resolves');
    r.s.setFile(
      r.uri('clusters/prod/apps.yaml'),
      KS({ path: './apps/prod', extra: '  postBuild:\n    substitute:\n      TENANT: shop\n' }),
    );
    assert.equal(withCode(r.s.validate(r.uri('clusters/prod/apps.yaml')), 'flux-substitution-unresolved').length, 0);
  } finally {
    r.cleanup();
  }
});

test('substitution: opting out per object, escaped $${var}, and an unknown substituteFrom stay silent', () => {
  const optOut = DEPLOY.replace(
    '  namespace: ${TENANT}\n',
    '  namespace: shop\n  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n',
  );
  const r = repo({
    'clusters/prod/flux-system/gotk-sync.yaml': SYNC,
    'clusters/prod/apps.yaml': KS({ path: './apps/prod' }),
    'apps/prod/deploy.yaml': optOut,
    'apps/prod/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata:\n  run.sh: echo $${HOME}\n',
  });
  try {
    assert.equal(withCode(r.s.validate(r.uri('clusters/prod/apps.yaml')), 'flux-substitution-without-postbuild').length, 0);
    r.s.setFile(r.uri('apps/prod/deploy.yaml'), DEPLOY);
    r.s.setFile(
      r.uri('clusters/prod/apps.yaml'),
      KS({ path: './apps/prod', extra: '  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-vars\n' }),
    );
    assert.equal(withCode(r.s.validate(r.uri('clusters/prod/apps.yaml')), 'flux-substitution-unresolved').length, 0);
  } finally {
    r.cleanup();
  }
});

test('every gitops code has a firing case', () => {
  const covered = new Set([
    ...cases.map((c) => c.code),
    'flux-path-missing',
    'argocd-path-missing',
    'flux-substitution-without-postbuild',
    'flux-substitution-unresolved',
  ]);
  assert.deepEqual(
    GITOPS_CODES.map((c) => c.code).filter((c) => !covered.has(c)),
    [],
  );
});

test('no file system: path checks say nothing', () => {
  const s = serviceWith({ 'a.yaml': SYNC, 'b.yaml': KS({ path: './nowhere' }) });
  assert.equal(withCode(s.validate(uriOf('b.yaml')), 'flux-path-missing').length, 0);
});

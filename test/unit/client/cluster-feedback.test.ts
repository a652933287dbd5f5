/**
 * The pure parts of the cluster feedback: reading `/version` bodies as real servers send them, comparing
 * with the editor's target, the GitOps owner marks (keys from argoproj/argo-cd common/common.go and the
 * Flux controllers), and the typed-patch path parser on the forms kube-apiserver writes. The same paths
 * against a real API server: test/cluster/feedback.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerVersion, compareToTarget, versionMismatchMessage, notServedMessage } from '../../../client/src/cluster/version';
import { gitOpsOwner, gitOpsQuestion } from '../../../client/src/cluster/gitops';
import { parseServerPath, resolvePath, plainServerText } from '../../../client/src/cluster/fieldErrors';
import type { ManifestDoc } from '../../../client/src/cluster/manifests';

describe('server version', () => {
  const cases: [string, unknown, string | undefined][] = [
    ['kube-apiserver 1.20 (the local test server)', { major: '1', minor: '20', gitVersion: 'v1.20.2' }, '1.20'],
    ['EKS reports minor with a plus', { major: '1', minor: '29+', gitVersion: 'v1.29.3-eks-adc7111' }, '1.29'],
    ['only gitVersion', { gitVersion: 'v1.31.0' }, '1.31'],
    ['nothing usable', { platform: 'linux/amd64' }, undefined],
    ['not an object', 'v1.20', undefined],
  ];
  for (const [name, body, want] of cases) test(name, () => assert.equal(parseServerVersion(body)?.text, want));

  test('compared with the target: older, same, newer, not a version', () => {
    const v = parseServerVersion({ major: '1', minor: '20', gitVersion: 'v1.20.2' })!;
    assert.equal(compareToTarget(v, '1.34'), -1);
    assert.equal(compareToTarget(v, '1.20'), 0);
    assert.equal(compareToTarget(v, '1.9'), 1, '1.9 is older than 1.20 (numbers, not text)');
    assert.equal(compareToTarget(v, 'latest'), undefined);
    assert.equal(versionMismatchMessage('local', v, '1.20'), undefined, 'silent when they agree');
    assert.match(
      versionMismatchMessage('local', v, '1.34')!,
      /Context "local" runs Kubernetes 1\.20 \(v1\.20\.2\), but EKS Manifests checks your files for 1\.34/,
    );
  });

  test('a built-in API newer than the cluster: the version that added it comes from the catalog', () => {
    const v = parseServerVersion({ major: '1', minor: '22', gitVersion: 'v1.22.0' })!;
    const m = notServedMessage({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      server: v,
      servedAs: ['autoscaling/v2beta2', 'autoscaling/v1'],
      groupVersions: ['autoscaling/v1', 'autoscaling/v2beta2'],
    });
    assert.match(m, /autoscaling\/v2 HorizontalPodAutoscaler was added in Kubernetes 1\.23\./);
    const removed = notServedMessage({
      apiVersion: 'policy/v1beta1',
      kind: 'PodDisruptionBudget',
      server: parseServerVersion({ major: '1', minor: '29' }),
      servedAs: ['policy/v1'],
      groupVersions: ['policy/v1'],
    });
    assert.match(removed, /policy\/v1beta1 PodDisruptionBudget was removed in Kubernetes 1\.25; use policy\/v1\./);
  });

  test('a removed API: the replacement is the one the cluster serves, and a never-served kind says so (shared/apiVersions.ts)', () => {
    const at = (minor: string) =>
      notServedMessage({
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
        kind: 'FlowSchema',
        server: parseServerVersion({ major: '1', minor }),
        servedAs: [],
        groupVersions: [],
      });
    assert.match(at('27'), /was removed in Kubernetes 1\.26; use flowcontrol\.apiserver\.k8s\.io\/v1beta3\./);
    assert.match(at('30'), /was removed in Kubernetes 1\.26; use flowcontrol\.apiserver\.k8s\.io\/v1\./);
    const never = notServedMessage({
      apiVersion: 'apps/v1beta1',
      kind: 'ReplicaSet',
      server: parseServerVersion({ major: '1', minor: '30' }),
      servedAs: [],
      groupVersions: [],
    });
    assert.match(never, /apps\/v1beta1 never served ReplicaSet; use apps\/v1\./);
  });
});

describe('GitOps owner marks', () => {
  const md = (labels: Record<string, string>, annotations: Record<string, string> = {}) => ({ metadata: { labels, annotations } });
  const cases: [string, unknown, string | undefined][] = [
    [
      'Argo CD annotation tracking',
      md({}, { 'argocd.argoproj.io/tracking-id': 'shop-web:apps/Deployment:shop/web' }),
      'Argo CD application shop-web',
    ],
    [
      'Argo CD apps in any namespace (namespace_app)',
      md({}, { 'argocd.argoproj.io/tracking-id': 'team-a_web:/Service:shop/web' }),
      'Argo CD application team-a/web',
    ],
    ['Argo CD custom instance label', md({ 'argocd.argoproj.io/instance': 'shop' }), 'Argo CD application shop'],
    ['Argo CD legacy label', md({ 'applications.argoproj.io/app-name': 'old' }), 'Argo CD application old'],
    [
      'Flux Kustomization',
      md({ 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' }),
      'Flux Kustomization flux-system/apps',
    ],
    [
      'Flux HelmRelease',
      md({ 'helm.toolkit.fluxcd.io/name': 'podinfo', 'helm.toolkit.fluxcd.io/namespace': 'flux-system' }),
      'Flux HelmRelease flux-system/podinfo',
    ],
    // silent on the right form
    [
      'app.kubernetes.io/instance alone is what Helm writes: not a GitOps mark',
      md({ 'app.kubernetes.io/instance': 'web', 'app.kubernetes.io/managed-by': 'Helm' }),
      undefined,
    ],
    [
      'Flux told to leave the object alone',
      md({ 'kustomize.toolkit.fluxcd.io/name': 'apps' }, { 'kustomize.toolkit.fluxcd.io/reconcile': 'disabled' }),
      undefined,
    ],
    ['no metadata', { kind: 'ConfigMap' }, undefined],
    ['odd shapes', { metadata: { labels: ['x'], annotations: 'y' } }, undefined],
    ['an empty value', md({ 'argocd.argoproj.io/instance': '' }), undefined],
  ];
  for (const [name, obj, want] of cases) {
    test(name, () => {
      const o = gitOpsOwner(obj);
      assert.equal(o ? `${o.tool} ${o.owner}` : undefined, want);
    });
  }

  test('the question names the objects, the owner, and what the controller does', () => {
    const doc = { label: 'Deployment shop/web' } as ManifestDoc;
    const q = gitOpsQuestion(
      [{ doc, owner: gitOpsOwner(md({}, { 'argocd.argoproj.io/tracking-id': 'shop:apps/Deployment:shop/web' }))!, where: 'cluster' }],
      'prod',
    )!;
    assert.match(
      q,
      /^Deployment shop\/web in context "prod" is managed by Argo CD application shop\. Argo CD puts the objects back as Git has them at its next sync when self-heal is on.*Apply anyway\?$/,
    );
    assert.equal(gitOpsQuestion([], 'prod'), undefined);
  });
});

describe('server field paths', () => {
  const obj = {
    spec: {
      ports: [
        { port: 80, protocol: 'TCP' },
        { port: 'abc', protocol: 'TCP' },
      ],
      template: { spec: { containers: [{ name: 'a' }, { name: 'c', env: [{ name: 'A', value: 1 }] }] } },
    },
    metadata: { labels: { 'app.kubernetes.io/name': 'x' }, finalizers: ['f1', 'f2'] },
  };
  const cases: [string, string, string, boolean][] = [
    ['keyed list element (several keys, quoted and numeric)', '.spec.ports[port="abc",protocol="TCP"].port', 'spec.ports[1].port', true],
    [
      'keyed by name, nested',
      '.spec.template.spec.containers[name="c"].env[name="A"].value',
      'spec.template.spec.containers[1].env[0].value',
      true,
    ],
    ['a set element', '.metadata.finalizers[="f2"]', 'metadata.finalizers[1]', true],
    ['validation path with an index', 'spec.template.spec.containers[1].name', 'spec.template.spec.containers[1].name', true],
    ['a key with dots and a slash', 'metadata.labels[app.kubernetes.io/name]', 'metadata.labels[app.kubernetes.io/name]', true],
    ['missing tail: the deepest part that exists', '.spec.ports[port=8080,protocol="TCP"].port', 'spec.ports', false],
  ];
  for (const [name, path, want, complete] of cases) {
    test(name, () => {
      const r = resolvePath(obj, parseServerPath(path)!);
      assert.equal(r.field, want);
      assert.equal(r.complete, complete);
    });
  }
  test('Go notation in plain words', () => {
    assert.equal(
      plainServerText('failed to create typed patch object: .a: expected string, got &value.valueUnstructured{Value:1}'),
      '.a: expected string, got the number 1',
    );
    assert.equal(
      plainServerText('Invalid value: map[string]string{"app":"b"}: `selector` does not match'),
      'Invalid value: {app: "b"}: `selector` does not match',
    );
  });
});

/**
 * Kubeconfig loading as kubectl does it (KUBECONFIG merge rules, ~/.kube/config, override), in-memory
 * context switching, persisting only on request, and secret redaction (the guard: guard.test.ts).
 * These need no API server, but live with the cluster module's tests.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  loadKubeconfig,
  kubeconfigPaths,
  contextNames,
  contextNamespace,
  useContext,
  persistCurrentContext,
  describeContext,
  shortContext,
  withCurrentContext,
  userCredentialProblem,
  redact,
  secretsOf,
  ClusterError,
  Connection,
  parseManifests,
  parseFieldPath,
  orderForApply,
  findManifest,
  resourcePath,
} from '../../client/src/cluster';
import { parse as parseYaml } from 'yaml';
import { tmpDir } from './helpers';

const dir = tmpDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

const fileA = write(
  'a/config',
  `# my comment
apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: shared
  cluster: {server: https://a.example:6443, certificate-authority: ca.crt}
- name: only-a
  cluster: {server: https://only-a.example}
users:
- name: shared-user
  user: {token: token-from-a-1234567890, client-certificate: certs/me.crt, client-key: certs/me.key}
- name: eks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, prod-cluster]
      env: [{name: AWS_SECRET_ACCESS_KEY, value: s3cr3t-exec-env-value}]
contexts:
- name: dev
  context: {cluster: shared, user: shared-user, namespace: team-dev}
- name: prod-eks
  context: {cluster: only-a, user: eks}
`,
);
const fileB = write(
  'b/config',
  `apiVersion: v1
kind: Config
current-context: from-b
clusters:
- name: shared
  cluster: {server: https://b.example:6443}
users:
- name: shared-user
  user: {token: token-from-b}
contexts:
- name: dev
  context: {cluster: shared, user: shared-user, namespace: other}
- name: from-b
  context: {cluster: shared, user: shared-user}
`,
);
const empty = write('empty/config', '');

describe('kubeconfig like kubectl', () => {
  test('KUBECONFIG: several files merged, first file wins per name and for current-context', () => {
    const missing = path.join(dir, 'nope', 'config');
    const env = { KUBECONFIG: [missing, empty, fileA, fileB].join(path.delimiter), HOME: dir };
    const loaded = loadKubeconfig({ env });
    assert.deepEqual(loaded.files, [empty, fileA, fileB]);
    assert.deepEqual(loaded.missing, [missing]);
    assert.equal(loaded.kc.getCurrentContext(), 'dev', 'the first file that sets current-context wins');
    assert.equal(loaded.currentContextFile, fileA);
    assert.deepEqual(contextNames(loaded.kc), ['dev', 'from-b', 'prod-eks']);
    assert.equal(
      loaded.kc.getCluster('shared')!.server,
      'https://a.example:6443',
      'first definition wins (client-node would throw "Duplicate cluster")',
    );
    assert.equal(loaded.kc.getUser('shared-user')!.token, 'token-from-a-1234567890');
    assert.equal(contextNamespace(loaded.kc), 'team-dev');
  });

  test('relative certificate paths resolve against the file that names them', () => {
    const { kc } = loadKubeconfig({ env: { KUBECONFIG: fileA } });
    assert.equal(kc.getCluster('shared')!.caFile, path.join(dir, 'a', 'ca.crt'));
    assert.equal(kc.getUser('shared-user')!.certFile, path.join(dir, 'a', 'certs', 'me.crt'));
    assert.equal(kc.getUser('shared-user')!.keyFile, path.join(dir, 'a', 'certs', 'me.key'));
    assert.equal((kc.getUser('eks') as any).exec.command, 'aws', 'a bare command is looked up on PATH');
  });

  test('a relative token-file is read relative to its kubeconfig', () => {
    write('tf/tokens/t', 'token-from-file-0987654321');
    const f = write(
      'tf/config',
      'apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters: [{name: k, cluster: {server: "https://x"}}]\nusers: [{name: u, user: {token-file: tokens/t}}]\ncontexts: [{name: c, context: {cluster: k, user: u}}]\n',
    );
    assert.equal(loadKubeconfig({ overridePath: f }).kc.getUser('u')!.token, 'token-from-file-0987654321');
  });

  test('EKS ARN context names are shortened for the status bar', () => {
    assert.equal(shortContext('arn:aws:eks:eu-west-1:123456789012:cluster/shop-prod'), 'shop-prod');
    assert.equal(shortContext('kind-dev'), 'kind-dev');
  });

  test('~/.kube/config when KUBECONFIG is unset; the override path wins over both', () => {
    write('home/.kube/config', fs.readFileSync(fileB, 'utf8'));
    const home = path.join(dir, 'home');
    assert.deepEqual(kubeconfigPaths({ env: { HOME: home } }), [path.join(home, '.kube', 'config')]);
    assert.equal(loadKubeconfig({ env: { HOME: home } }).kc.getCurrentContext(), 'from-b');
    assert.equal(loadKubeconfig({ env: { HOME: home, KUBECONFIG: fileB }, overridePath: fileA }).kc.getCurrentContext(), 'dev');
  });

  test('clear errors: no context anywhere, unreadable override', () => {
    assert.throws(
      () => loadKubeconfig({ env: { KUBECONFIG: empty } }),
      (e: ClusterError) => e.kind === 'no-config' && /aws eks update-kubeconfig/.test(e.message),
    );
    assert.throws(() => loadKubeconfig({ overridePath: path.join(dir, 'missing') }), /cannot be read/);
  });

  test('switching context is in memory only unless persisted explicitly', () => {
    const before = fs.readFileSync(fileA, 'utf8');
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${fileA}${path.delimiter}${fileB}` } });
    useContext(loaded.kc, 'from-b');
    assert.equal(describeContext(loaded.kc).context, 'from-b');
    assert.equal(describeContext(loaded.kc, 'ns1').namespace, 'ns1');
    assert.equal(fs.readFileSync(fileA, 'utf8'), before, 'kubeconfig untouched');
    assert.throws(() => useContext(loaded.kc, 'nope'), /no context named "nope"/);

    const copy = write('persist/config', before);
    const l2 = loadKubeconfig({ overridePath: copy });
    assert.equal(persistCurrentContext(l2, 'prod-eks'), copy);
    const after = fs.readFileSync(copy, 'utf8');
    assert.equal(after, before.replace('current-context: dev\n', 'current-context: prod-eks\n'), 'only the value changed');
    assert.equal(loadKubeconfig({ overridePath: copy }).kc.getCurrentContext(), 'prod-eks');
  });
});

describe('persist context switch: only current-context changes (issue 16)', () => {
  const cases: { name: string; text: string; to: string; want: string }[] = [
    {
      name: 'CRLF file keeps CRLF, comments and flow style',
      text: 'apiVersion: v1\r\n# keep me\r\nclusters: [{name: k, cluster: {server: "https://x"}}]\r\ncurrent-context: dev   # the one I use\r\nkind: Config\r\n',
      to: 'arn:aws:eks:eu-west-1:123456789012:cluster/shop',
      want: 'apiVersion: v1\r\n# keep me\r\nclusters: [{name: k, cluster: {server: "https://x"}}]\r\ncurrent-context: arn:aws:eks:eu-west-1:123456789012:cluster/shop   # the one I use\r\nkind: Config\r\n',
    },
    {
      name: 'a quoted value stays quoted',
      text: "current-context: 'dev'\nkind: Config\n",
      to: 'prod',
      want: 'current-context: "prod"\nkind: Config\n',
    },
    {
      name: 'a name YAML 1.1 reads as a boolean is quoted (kubectl reads YAML 1.1)',
      text: 'current-context: dev\n',
      to: 'yes',
      want: 'current-context: "yes"\n',
    },
    { name: 'a name with ": " is quoted', text: 'current-context: dev\n', to: 'a: b', want: 'current-context: "a: b"\n' },
    {
      name: 'an empty value is filled in',
      text: 'apiVersion: v1\ncurrent-context:\nkind: Config\n',
      to: 'dev',
      want: 'apiVersion: v1\ncurrent-context: dev\nkind: Config\n',
    },
    {
      name: "no current-context yet: appended with the file's line ending",
      text: 'apiVersion: v1\r\nkind: Config',
      to: 'dev',
      want: 'apiVersion: v1\r\nkind: Config\r\ncurrent-context: dev\r\n',
    },
    {
      name: 'JSON kubeconfig stays JSON',
      text: '{"apiVersion": "v1", "current-context": "dev", "kind": "Config"}',
      to: 'prod',
      want: '{"apiVersion": "v1", "current-context": "prod", "kind": "Config"}',
    },
    {
      name: 'JSON kubeconfig without the key gets it as first entry',
      text: '{"apiVersion": "v1", "kind": "Config"}\n',
      to: 'prod',
      want: '{"current-context": "prod", "apiVersion": "v1", "kind": "Config"}\n',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const out = withCurrentContext(c.text, c.to);
      assert.equal(out, c.want);
      assert.equal(parseYaml(out, { version: '1.1' })['current-context'], c.to, 'kubectl reads the new name back');
    });
  }

  test('written through a temporary file and a rename: mode kept, symlink followed, nothing left behind', () => {
    const d = path.join(dir, 'atomic');
    fs.mkdirSync(d, { recursive: true });
    const real = path.join(d, 'real-config');
    fs.writeFileSync(
      real,
      'apiVersion: v1\r\nkind: Config\r\ncurrent-context: a\r\nclusters: [{name: k, cluster: {server: "https://x"}}]\r\nusers: [{name: u, user: {token: t}}]\r\ncontexts: [{name: a, context: {cluster: k, user: u}}, {name: b, context: {cluster: k, user: u}}]\r\n',
      { mode: 0o600 },
    );
    fs.chmodSync(real, 0o600);
    const link = path.join(d, 'config');
    fs.symlinkSync(real, link);
    const inodeBefore = fs.statSync(real).ino;
    const loaded = loadKubeconfig({ overridePath: link });
    assert.equal(persistCurrentContext(loaded, 'b'), link);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the symlink is still a symlink');
    assert.equal(fs.statSync(real).mode & 0o777, 0o600);
    assert.notEqual(fs.statSync(real).ino, inodeBefore, 'a new file was renamed into place (not rewritten in place)');
    assert.match(fs.readFileSync(real, 'utf8'), /^apiVersion: v1\r\nkind: Config\r\ncurrent-context: b\r\nclusters:/);
    assert.deepEqual(fs.readdirSync(d).sort(), ['config', 'real-config'], 'no temporary file left');
    assert.equal(loadKubeconfig({ overridePath: link }).kc.getCurrentContext(), 'b');
  });

  test('a kubeconfig that is not valid YAML is left alone', () => {
    assert.throws(
      () => withCurrentContext('a: [\n', 'x'),
      (e: ClusterError) => e.kind === 'no-config' && /not valid YAML/.test(e.message),
    );
  });
});

describe('token-file of a user that is not in use (issue 16)', () => {
  test('a missing token-file does not make the kubeconfig unusable; it fails only for its own user', () => {
    const f = write(
      'tf-missing/config',
      `apiVersion: v1
kind: Config
current-context: good
clusters: [{name: k, cluster: {server: "https://x.example"}}]
users:
- {name: ok, user: {token: tok-0123456789}}
- {name: gone, user: {token-file: /nonexistent/eks-manifests/token}}
- {name: padded, user: {token-file: tokens/padded}}
contexts:
- {name: good, context: {cluster: k, user: ok}}
- {name: bad, context: {cluster: k, user: gone}}
- {name: trimmed, context: {cluster: k, user: padded}}
`,
    );
    write('tf-missing/tokens/padded', '  tok-from-file-42\n\n');
    const { kc } = loadKubeconfig({ overridePath: f });
    assert.deepEqual(contextNames(kc), ['bad', 'good', 'trimmed']);
    assert.equal(userCredentialProblem(kc, 'ok'), undefined);
    assert.match(
      userCredentialProblem(kc, 'gone')!,
      /user "gone" reads its token from \/nonexistent\/eks-manifests\/token, which cannot be read \(ENOENT\)/,
    );
    assert.equal(kc.getUser('padded')!.token, 'tok-from-file-42', 'trimmed like client-go');
  });
});

describe('redaction', () => {
  test('kubeconfig secrets (tokens, exec env values) are collected and removed', () => {
    const { kc } = loadKubeconfig({ env: { KUBECONFIG: fileA } });
    const secrets = secretsOf(kc);
    assert.ok(secrets.includes('token-from-a-1234567890'));
    assert.ok(secrets.includes('s3cr3t-exec-env-value'));
    const out = redact('failed with token-from-a-1234567890 and s3cr3t-exec-env-value', secrets);
    assert.equal(out, 'failed with *** and ***');
  });
  test('secret-shaped text is removed even when unknown', () => {
    const text = [
      'Authorization: Bearer abc.def-ghi_123',
      'token: "xyz987654321"',
      'client-key-data: LS0tLS1CRUdJTi==',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
      'k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9u',
      'AWS_SESSION_TOKEN=FwoGZXIvYXdzE',
    ].join('\n');
    const out = redact(text);
    for (const s of ['abc.def-ghi_123', 'xyz987654321', 'LS0tLS1CRUdJTi==', 'MIIEow', 'aHR0cHM6Ly9zdHMuYW1hem9u', 'FwoGZXIvYXdzE'])
      assert.ok(!out.includes(s), `${s} leaked: ${out}`);
    assert.match(out, /Bearer \*\*\*/);
  });
  test('Connection.redact uses the kubeconfig secrets', () => {
    const { kc } = loadKubeconfig({ env: { KUBECONFIG: fileA } });
    const conn = new Connection(kc);
    assert.equal(conn.redact('x token-from-a-1234567890 y'), 'x *** y');
  });
});

describe('manifest parsing for apply', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
# just a comment
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
---
apiVersion: v1
kind: ConfigMap
metadata: {generateName: x-}
`;
  test('documents with ranges; field paths map to lines; problems for what cannot be applied', () => {
    const { docs, problems } = parseManifests(text, 'file:///m.yaml');
    assert.deepEqual(
      docs.map((d) => d.label),
      ['Deployment web', 'Namespace shop', 'CustomResourceDefinition widgets.example.com'],
    );
    assert.equal(docs[0].range.start.line, 0);
    assert.equal(docs[1].range.start.line, 10);
    assert.equal(docs[0].rangeOfField('spec.template.spec.containers[0].image').start.line, 8);
    assert.equal(docs[0].rangeOfField('spec.nothing[3]').start.line, 0, 'unknown field: the document');
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /generateName/);
    assert.deepEqual(parseFieldPath('metadata.annotations[alb.ingress.kubernetes.io/scheme]'), [
      'metadata',
      'annotations',
      'alb.ingress.kubernetes.io/scheme',
    ]);
  });
  test('identity that goes into request paths is checked before anything is sent', () => {
    const cases: { name: string; doc: string; problem?: RegExp; line?: number }[] = [
      { name: 'valid core object', doc: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a.b-c, namespace: team-a}\n' },
      { name: 'valid CRD group', doc: 'apiVersion: elbv2.k8s.aws/v1beta1\nkind: TargetGroupBinding\nmetadata: {name: tgb}\n' },
      {
        name: 'apiVersion with a path',
        doc: 'apiVersion: v1/namespaces/kube-system/secrets\nkind: ConfigMap\nmetadata: {name: a}\n',
        problem: /apiVersion "v1\/namespaces\/kube-system\/secrets" is not a valid group\/version/,
        line: 0,
      },
      {
        name: 'apiVersion climbing up',
        doc: 'apiVersion: ../../api/v1\nkind: ConfigMap\nmetadata: {name: a}\n',
        problem: /apiVersion "..\/..\/api\/v1" is not a valid group\/version/,
        line: 0,
      },
      {
        name: 'apiVersion with a query',
        doc: 'apiVersion: "v1?watch=true"\nkind: ConfigMap\nmetadata: {name: a}\n',
        problem: /not a valid group\/version/,
        line: 0,
      },
      {
        name: 'kind with a space',
        doc: 'apiVersion: v1\nkind: Config Map\nmetadata: {name: a}\n',
        problem: /kind "Config Map" is not a valid kind name/,
        line: 1,
      },
      {
        name: 'name ".."',
        doc: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ".."\n',
        problem: /metadata\.name ".." cannot be used as a name/,
        line: 3,
      },
      {
        name: 'name with a slash',
        doc: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a/b\n',
        problem: /may not contain "\/" or "%"/,
        line: 3,
      },
      {
        name: 'name with a percent',
        doc: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a%2Fb\n',
        problem: /may not contain/,
        line: 3,
      },
      {
        name: 'namespace with a slash',
        doc: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ../kube-system\n',
        problem: /namespace "..\/kube-system" is not a valid namespace name/,
        line: 4,
      },
      {
        name: 'placeholder',
        doc: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ${NAMESPACE}\n',
        problem: /render the template first/,
        line: 4,
      },
    ];
    for (const c of cases) {
      const { docs, problems } = parseManifests(c.doc, 'file:///id.yaml');
      if (!c.problem) {
        assert.equal(problems.length, 0, `${c.name}: ${problems.map((p) => p.message)}`);
        assert.equal(docs.length, 1);
        continue;
      }
      assert.equal(docs.length, 0, c.name);
      assert.equal(problems.length, 1, c.name);
      assert.match(problems[0].message, c.problem, c.name);
      assert.equal(problems[0].range.start.line, c.line, c.name);
    }
  });
  test('request paths refuse what parsing would refuse (for callers that build documents themselves)', () => {
    const info = { apiVersion: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true };
    assert.equal(resourcePath(info, 'team-a', 'web'), '/api/v1/namespaces/team-a/configmaps/web');
    assert.throws(
      () => resourcePath(info, 'team-a', '..'),
      (e: ClusterError) => e.kind === 'invalid' && /cannot be used as a name/.test(e.message),
    );
    assert.throws(() => resourcePath(info, '..', 'web'), /not a valid namespace name/);
    assert.throws(() => resourcePath({ ...info, apiVersion: 'v1/../..' }, 'a', 'web'), /not a valid group\/version/);
    assert.throws(() => resourcePath({ ...info, resource: '../secrets' }, 'a', 'web'), /not a resource name/);
  });
  test('selection: only documents touching the selected lines', () => {
    assert.deepEqual(
      parseManifests(text, 'u', { first: 11, last: 11 }).docs.map((d) => d.name),
      ['shop'],
    );
  });
  test('apply order: Namespaces, then CRDs, then the rest in file order', () => {
    const { docs } = parseManifests(text, 'u');
    assert.deepEqual(
      orderForApply(docs).map((d) => d.kind),
      ['Namespace', 'CustomResourceDefinition', 'Deployment'],
    );
  });
  test('reveal: find the manifest of a live object in workspace files', () => {
    const files = [
      { uri: 'a.yaml', text },
      { uri: 'b.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n' },
    ];
    const hits = findManifest(files, { kind: 'Deployment', name: 'web', namespace: 'shop' });
    assert.deepEqual(
      hits.map((h) => [h.uri, h.range.start.line, h.exactNamespace]),
      [['a.yaml', 0, false]],
    );
    assert.deepEqual(findManifest(files, { kind: 'Service', name: 'web', namespace: 'shop' }), []);
  });
});

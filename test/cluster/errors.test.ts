/**
 * Every failure the cluster commands can meet, provoked for real against the kube-apiserver (or a real
 * socket that misbehaves): refused, timeout, TLS, 401, RBAC 403 with verb/resource, exec plugin
 * problems (aws missing, wrong profile, expired credentials, token rejected). No message leaks a secret.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import {
  Connection,
  ClusterError,
  loadKubeconfig,
  applyManifests,
  diffManifest,
  listServices,
  ServiceWatcher,
  type ClusterErrorKind,
} from '../../client/src/cluster';
import { admin, adminToken, docs, unique, createNamespace, kubeconfigWithUser, loadTestKc, tmpDir } from './helpers';

const dir = tmpDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function connFor(file: string, timeoutMs = 5000): Connection {
  return new Connection(loadKubeconfig({ overridePath: file }).kc, { timeoutMs });
}

async function failure(p: Promise<unknown>): Promise<ClusterError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ClusterError, `expected ClusterError, got ${e}`);
    return e;
  }
  assert.fail('expected a failure');
}

function expectKind(e: ClusterError, kind: ClusterErrorKind, re: RegExp) {
  assert.equal(e.kind, kind, e.message);
  assert.match(e.message, re);
}

function script(name: string, body: string): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return p;
}

describe('unreachable API server', () => {
  test('connection refused', async () => {
    const port = await new Promise<number>((res) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => res(p));
      });
    });
    const file = kubeconfigWithUser(dir, { token: 'abc' }, { server: `https://127.0.0.1:${port}` });
    const e = await failure(connFor(file).call('GET', '/api/v1/namespaces'));
    expectKind(e, 'unreachable', /connection refused/);
    assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  test('timeout: the server accepts but never answers', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const file = kubeconfigWithUser(dir, { token: 'abc' }, { server: `https://127.0.0.1:${(server.address() as net.AddressInfo).port}` });
      const t0 = Date.now();
      const e = await failure(connFor(file, 800).call('GET', '/api/v1/namespaces'));
      expectKind(e, 'timeout', /did not answer within 0\.8 s/);
      assert.ok(Date.now() - t0 < 5000);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  test('TLS: the kubeconfig does not trust the server certificate', async () => {
    const file = kubeconfigWithUser(dir, { token: adminToken() }, { noCa: true });
    const e = await failure(connFor(file).call('GET', '/api/v1/namespaces'));
    expectKind(e, 'tls', /TLS with the API server .* failed.*certificate/);
    assert.ok(!e.message.includes(adminToken()));
  });
});

describe('authentication and authorization', () => {
  test('a missing token-file of another user: the context in use still works; the broken one says why', async () => {
    const kc = loadTestKc('local');
    const file = path.join(dir, 'two-users');
    fs.writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'works',
        clusters: [
          { name: 'c', cluster: { server: kc.getCurrentCluster()!.server, 'certificate-authority-data': kc.getCurrentCluster()!.caData } },
        ],
        users: [
          { name: 'admin', user: { token: adminToken() } },
          { name: 'gone', user: { 'token-file': path.join(dir, 'no-such-token') } },
        ],
        contexts: [
          { name: 'works', context: { cluster: 'c', user: 'admin' } },
          { name: 'broken', context: { cluster: 'c', user: 'gone' } },
        ],
      }),
      { mode: 0o600 },
    );
    const loaded = loadKubeconfig({ overridePath: file });
    const ok = await new Connection(loaded.kc).call('GET', '/api/v1/namespaces/default');
    assert.equal(ok.metadata.name, 'default');
    loaded.kc.setCurrentContext('broken');
    const e = await failure(new Connection(loaded.kc).call('GET', '/api/v1/namespaces/default'));
    expectKind(e, 'no-config', /user "gone" reads its token from .*no-such-token, which cannot be read \(ENOENT\)/);
  });

  test('unauthorized: a wrong token', async () => {
    const file = kubeconfigWithUser(dir, { token: 'wrong-token-value-123456' });
    const e = await failure(connFor(file).call('GET', '/api/v1/namespaces'));
    expectKind(e, 'unauthorized', /rejected the credentials of kubeconfig user "u" \(401 Unauthorized\)/);
    assert.ok(!e.message.includes('wrong-token-value-123456'));
  });

  describe('RBAC forbidden (a second, restricted user)', () => {
    let ns: string;
    before(async () => {
      const conn = admin();
      ns = unique('rbac');
      await createNamespace(conn, ns);
      // restricted may only read ConfigMaps and Services in this namespace.
      await conn.call('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`, {
        body: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'read-cm' },
          rules: [{ apiGroups: [''], resources: ['configmaps', 'services'], verbs: ['get', 'list', 'watch'] }],
        },
      });
      await conn.call('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
        body: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'read-cm' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read-cm' },
          subjects: [{ kind: 'User', name: 'restricted', apiGroup: 'rbac.authorization.k8s.io' }],
        },
      });
    });

    test('apply says which verb on which resource in which namespace', async () => {
      const conn = new Connection(loadTestKc('restricted'));
      const report = await applyManifests(
        conn,
        docs(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nope, namespace: ${ns}}\ndata: {a: "1"}\n`),
      );
      assert.equal(report.didApply, false);
      const e = report.dryRun[0].error!;
      expectKind(e, 'forbidden', new RegExp(`user "restricted" may not patch configmaps in namespace "${ns}"`));
      assert.equal(e.details.verb, 'patch');
      assert.equal(e.details.resource, 'configmaps');
    });

    test('server-side apply needs only patch/create: a user who may not read the object still applies', async () => {
      const a = admin();
      await a.call('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`, {
        body: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'write-secrets' },
          rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['patch', 'create'] }],
        },
      });
      await a.call('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
        body: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'write-secrets' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'write-secrets' },
          subjects: [{ kind: 'User', name: 'restricted', apiGroup: 'rbac.authorization.k8s.io' }],
        },
      });
      const conn = new Connection(loadTestKc('restricted'));
      const text = `apiVersion: v1\nkind: Secret\nmetadata: {name: s1, namespace: ${ns}}\nstringData: {k: v}\n`;
      const first = await applyManifests(conn, docs(text));
      assert.equal(first.failed, false, first.dryRun.map((r) => r.message).join('\n'));
      assert.deepEqual(
        first.applied.map((r) => r.outcome),
        ['created'],
      );
      const second = await applyManifests(conn, docs(text));
      assert.deepEqual(
        second.applied.map((r) => r.outcome),
        ['configured'],
      );
      assert.match(second.applied[0].message, /may not read the live object/);
      const e = await failure(diffManifest(conn, docs(text)[0]));
      expectKind(e, 'forbidden', /user "restricted" may not get Secret s1, so there is no live object to compare with/);
    });

    test('cluster-wide listing of Services is refused with verb and resource', async () => {
      const conn = new Connection(loadTestKc('restricted'));
      const e = await failure(listServices(conn));
      expectKind(e, 'forbidden', /may not list services \(cluster-wide\)/);
    });

    test('the Services watch falls back to the namespace the user may read', async () => {
      await admin().call('POST', `/api/v1/namespaces/${ns}/services`, {
        body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'mine' }, spec: { ports: [{ port: 80, protocol: 'TCP' }] } },
      });
      const w = new ServiceWatcher(
        new Connection(loadTestKc('restricted')),
        {},
        { fallbackNamespace: ns, backoff: { minMs: 1000, maxMs: 1000 } },
      );
      try {
        const tree = await w.start();
        assert.equal(w.scope, ns);
        assert.match(w.fellBack!.message, /may not list services \(cluster-wide\)/);
        assert.deepEqual(
          tree.map((n) => `${n.namespace}: ${n.services.map((s) => s.name).join(',')}`),
          [`${ns}: mine`],
        );
      } finally {
        await w.stop();
      }
      await assert.rejects(new ServiceWatcher(new Connection(loadTestKc('restricted'))).start(), /may not list services/);
    });
  });
});

describe('EKS exec plugin (aws eks get-token)', () => {
  const awsExec = (command: string, env: { name: string; value: string }[] = []) => ({
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command,
      args: ['eks', 'get-token', '--cluster-name', 'demo', '--region', 'eu-west-1'],
      env,
      interactiveMode: 'Never',
    },
  });

  test('aws is not installed', async () => {
    const empty = fs.mkdtempSync(path.join(dir, 'empty-path-'));
    const file = kubeconfigWithUser(
      dir,
      awsExec('aws', [
        { name: 'PATH', value: empty },
        { name: 'AWS_SECRET_ACCESS_KEY', value: 'SECRETsecretSECRET1234' },
      ]),
    );
    const e = await failure(connFor(file).call('GET', '/api/v1/namespaces'));
    expectKind(e, 'auth-plugin', /`aws` program was not found.*Install the AWS CLI v2/);
    assert.match(e.message, /aws eks get-token --cluster-name demo/);
    assert.ok(!e.message.includes('SECRETsecretSECRET1234'));
  });

  test('the AWS profile does not exist', async () => {
    const aws = script('bad-profile/aws', 'echo "" >&2; echo "The config profile (nope) could not be found" >&2; exit 255');
    const file = kubeconfigWithUser(dir, awsExec(aws, [{ name: 'AWS_PROFILE', value: 'nope' }]));
    const e = await failure(connFor(file).call('GET', '/api/v1/namespaces'));
    expectKind(e, 'auth-plugin', /AWS profile "nope" .* does not exist.*aws configure --profile nope/);
  });

  test('expired AWS credentials', async () => {
    const aws = script(
      'expired/aws',
      'echo "An error occurred (ExpiredToken) when calling the AssumeRole operation: The security token included in the request is expired" >&2; exit 255',
    );
    const file = kubeconfigWithUser(dir, awsExec(aws, [{ name: 'AWS_PROFILE', value: 'dev' }]));
    const e = await failure(connFor(file).call('GET', '/api/v1/namespaces'));
    expectKind(e, 'auth-plugin', /credentials of "dev" have expired.*aws sso login --profile dev/);
  });

  test('the cluster rejects the token aws printed (relative exec command resolved from the kubeconfig dir)', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'rel-'));
    script(
      path.relative(dir, path.join(sub, 'bin', 'aws')),
      `cat <<'JSON'
{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"k8s-aws-v1.not-a-real-token-abcdef"}}
JSON`,
    );
    const abs = kubeconfigWithUser(dir, awsExec('./bin/aws'));
    const file = path.join(sub, 'kubeconfig');
    fs.renameSync(abs, file);
    const e = await failure(connFor(file).call('GET', '/api/v1/namespaces'));
    expectKind(e, 'unauthorized', /rejected the token from `aws eks get-token` \(401 Unauthorized\).*access entry/);
    assert.ok(!e.message.includes('not-a-real-token-abcdef'));
    assert.ok(!(e.details.serverMessage ?? '').includes('not-a-real-token-abcdef'));
  });

  test('a plugin that prints no ExecCredential', async () => {
    const tool = script('garbage/get-creds', 'echo "hello"');
    const file = kubeconfigWithUser(dir, { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: tool } });
    const e = await failure(connFor(file).call('GET', '/api/v1/namespaces'));
    assert.equal(e.kind, 'auth-plugin');
    assert.match(e.message, /did not print an ExecCredential JSON/);
  });
});

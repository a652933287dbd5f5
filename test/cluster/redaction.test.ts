/**
 * Redaction against a server that echoes credentials back (issue 16): a real local HTTPS server that puts
 * whatever authenticated the request into its error message, the way a misbehaving proxy or API server
 * may. Nothing that authenticated the request may come back in our messages: a token issued by an exec
 * plugin, the base64 form of basic-auth credentials, credentials written into the server URL, and the
 * AWS keys of the environment the exec plugin inherits.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as https from 'https';
import { execFileSync } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import {
  Connection,
  ClusterError,
  loadKubeconfig,
  describeContext,
  secretsOf,
  redact,
  stripUserinfo,
  userinfoOf,
} from '../../client/src/cluster';
import { tmpDir } from './helpers';

const dir = tmpDir();
let server: https.Server;
let port: number;
let caData: string;
/** Authorization headers the echo server received (to show the credentials really were sent). */
const seen: string[] = [];

before(async () => {
  // A self-signed certificate for 127.0.0.1 (client-node refuses plain HTTP unless TLS checks are off).
  const key = path.join(dir, 'echo.key');
  const crt = path.join(dir, 'echo.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-days',
      '1',
      '-subj',
      '/CN=echo',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  caData = fs.readFileSync(crt).toString('base64');
  server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(crt) }, (req, res) => {
    const auth = String(req.headers.authorization ?? '');
    seen.push(auth);
    const [scheme, value = ''] = auth.split(/\s+/, 2);
    const decoded = /^basic$/i.test(scheme) ? Buffer.from(value, 'base64').toString('utf8') : '';
    // Echo every form: the credential without its scheme, decoded basic auth, the whole header, the URL.
    const echo = `credential (${value}) refused; decoded [${decoded}]; header {${auth}}; url https://${decoded ? `${decoded}@` : ''}${req.headers.host}${req.url}`;
    if (req.url?.startsWith('/plain')) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(echo);
      return;
    }
    res.writeHead(401, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401, message: echo }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as net.AddressInfo).port;
});
after(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function kubeconfig(user: Record<string, unknown>, serverUrl = `https://127.0.0.1:${port}`): string {
  const file = path.join(dir, `kc-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'echo',
      clusters: [{ name: 'echo-cluster', cluster: { server: serverUrl, 'certificate-authority-data': caData } }],
      users: [{ name: 'echo-user', user }],
      contexts: [{ name: 'echo', context: { cluster: 'echo-cluster', user: 'echo-user' } }],
    }),
    { mode: 0o600 },
  );
  return file;
}

function connection(file: string): Connection {
  return new Connection(loadKubeconfig({ overridePath: file }).kc, { timeoutMs: 5000 });
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

/** Everything a failure can show: its message, the server's (redacted) message, the causes. */
function shown(e: ClusterError): string {
  return [e.message, e.details.serverMessage ?? '', ...(e.details.causes ?? []).map((c) => c.message)].join('\n');
}

function assertNoLeak(text: string, secrets: string[]) {
  for (const s of secrets) assert.ok(!text.includes(s), `leaked ${JSON.stringify(s)} in: ${text}`);
}

function plugin(name: string, body: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return p;
}

describe('a server that echoes the credentials', () => {
  test('a token issued by an exec plugin (echoed without its "Bearer" prefix)', async () => {
    const token = 'opaque-exec-7f3a9c2e1d5b';
    const cmd = plugin(
      'issue-token',
      `cat <<'JSON'\n{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"${token}"}}\nJSON`,
    );
    const conn = connection(kubeconfig({ exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: cmd } }));
    for (const p of ['/api/v1/namespaces', '/plain/api']) {
      const e = await failure(conn.call('GET', p));
      assert.ok(seen.includes(`Bearer ${token}`), 'the plugin token was really sent');
      assert.match(e.details.serverMessage ?? '', /credential \(\*\*\*\) refused/, 'the echo arrived, masked');
      assertNoLeak(shown(e), [token]);
    }
  });

  test('basic-auth credentials: the password, user:password and the base64 header value', async () => {
    const conn = connection(kubeconfig({ username: 'alice', password: 'correct-horse-battery' }));
    const b64 = Buffer.from('alice:correct-horse-battery').toString('base64');
    const e = await failure(conn.call('GET', '/api/v1/namespaces'));
    assert.ok(seen.includes(`Basic ${b64}`));
    assertNoLeak(shown(e), ['correct-horse-battery', b64]);
  });

  test('credentials in the server URL: sent as basic auth, stripped from every message and the status bar', async () => {
    const url = `https://bob:s%40fe-pass-123@127.0.0.1:${port}`;
    const file = kubeconfig({}, url);
    const { kc } = loadKubeconfig({ overridePath: file });
    const conn = new Connection(kc, { timeoutMs: 5000 });
    assert.equal(conn.server, `https://127.0.0.1:${port}`);
    assert.equal(describeContext(kc).server, `https://127.0.0.1:${port}`, 'what the status-bar tooltip shows');
    const e = await failure(conn.call('GET', '/api/v1/namespaces'));
    const b64 = Buffer.from('bob:s@fe-pass-123').toString('base64');
    assert.ok(seen.includes(`Basic ${b64}`), 'kubectl sends URL credentials as basic auth; so do we');
    assertNoLeak(shown(e), ['fe-pass-123', 's%40fe-pass-123', b64, 'bob']);
    assert.match(
      e.details.serverMessage ?? '',
      new RegExp(`url https://127\\.0\\.0\\.1:${port}/api/v1/namespaces`),
      'the echoed URL keeps its host',
    );
  });

  test('credentials in the server URL never show in transport errors either', async () => {
    const closed = await new Promise<number>((res) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => res(p));
      });
    });
    const conn = connection(kubeconfig({ token: 'static-token-abcdef' }, `https://carol:pa55word-xyz@127.0.0.1:${closed}`));
    const e = await failure(conn.call('GET', '/api'));
    assert.equal(e.kind, 'unreachable');
    assertNoLeak(shown(e), ['pa55word-xyz', 'carol']);
    assert.match(e.message, new RegExp(`https://127\\.0\\.0\\.1:${closed}`));
  });

  test('AWS keys in the environment the exec plugin inherits (the plugin prints them)', async () => {
    const keys = {
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE7QWERTY12',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123',
    };
    const saved = Object.fromEntries(Object.keys(keys).map((k) => [k, process.env[k]]));
    Object.assign(process.env, keys);
    try {
      const aws = plugin(
        'aws',
        'echo "signing with $AWS_ACCESS_KEY_ID / $AWS_SECRET_ACCESS_KEY ($AWS_SESSION_TOKEN) failed" >&2; exit 255',
      );
      const conn = connection(
        kubeconfig({
          exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: aws, args: ['eks', 'get-token', '--cluster-name', 'demo'] },
        }),
      );
      const e = await failure(conn.call('GET', '/api'));
      assert.equal(e.kind, 'auth-plugin');
      assert.match(e.message, /signing with \*\*\* \/ \*\*\* \(\*\*\*\) failed/, 'what the plugin said is kept, its secrets masked');
      assertNoLeak(shown(e), Object.values(keys));
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

describe('redaction helpers', () => {
  test('userinfo: found and stripped exactly as a URL parser splits the authority', () => {
    const cases: [string, string | undefined, string][] = [
      ['https://u:p@host:6443/x', 'u:p', 'https://host:6443/x'],
      ['https://token@host', 'token', 'https://host'],
      ['https://u:p@ss@host/a@b', 'u:p@ss', 'https://host/a@b'],
      ['https://host/path@x', undefined, 'https://host/path@x'],
      ['https://host?q=a@b', undefined, 'https://host?q=a@b'],
      ['not a url', undefined, 'not a url'],
    ];
    for (const [url, ui, stripped] of cases) {
      assert.equal(userinfoOf(url), ui, url);
      assert.equal(stripUserinfo(url), stripped, url);
      if (stripped.startsWith('http')) assert.equal(new URL(stripped).host, new URL(url).host, url);
    }
  });

  test('secretsOf: URL credentials (raw, decoded, base64), basic auth, inherited env only with an exec user', () => {
    const file = kubeconfig({ username: 'alice', password: 'pw-123456' }, 'https://dave:p%2Fss-777@h.example');
    const { kc } = loadKubeconfig({ overridePath: file });
    const env = {
      AWS_SECRET_ACCESS_KEY: 'env-secret-0123456789',
      AWS_REGION: 'eu-west-1',
      GITHUB_TOKEN: 'ghp_exampleexample',
      SHORT_TOKEN: 'abc',
    };
    const s = secretsOf(kc, env);
    for (const v of [
      'pw-123456',
      'alice:pw-123456',
      Buffer.from('alice:pw-123456').toString('base64'),
      'dave:p%2Fss-777',
      'p%2Fss-777',
      'p/ss-777',
      Buffer.from('dave:p/ss-777').toString('base64'),
    ])
      assert.ok(s.includes(v), v);
    assert.ok(!s.includes('env-secret-0123456789'), 'no exec plugin: the environment is not handed to anyone');
    const withExec = loadKubeconfig({
      overridePath: kubeconfig({ exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws' } }),
    }).kc;
    const e = secretsOf(withExec, env);
    assert.ok(e.includes('env-secret-0123456789'));
    assert.ok(e.includes('ghp_exampleexample'));
    assert.ok(!e.includes('eu-west-1'), 'names, not secrets, stay readable');
    assert.ok(!e.includes('abc'), 'too short to mask safely');
  });

  test('redact strips URL credentials from any text', () => {
    assert.equal(redact('GET https://u:secret@h/x and wss://t0k@h2'), 'GET https://h/x and wss://h2');
    assert.equal(redact('at https://u:p@ss@h:1/a@b'), 'at https://h:1/a@b', 'the authority ends at the last @ before the path');
  });
});

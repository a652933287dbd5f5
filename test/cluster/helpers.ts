/**
 * Shared setup for tests against the real kube-apiserver started by test/cluster/run.sh.
 * EKS_TEST_KUBECONFIG points at its kubeconfig: context "local" (admin, current) and "restricted".
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Connection, loadKubeconfig, useContext, parseManifests, type ManifestDoc } from '../../client/src/cluster';
import type { KubeConfig } from '@kubernetes/client-node';

export function testKubeconfigPath(): string {
  const p = process.env.EKS_TEST_KUBECONFIG;
  if (!p || !fs.existsSync(p)) {
    throw new Error(
      'EKS_TEST_KUBECONFIG is not set or missing: run these tests through `bash test/cluster/run.sh` (or `npm test`), which builds and starts a real kube-apiserver and sets it.',
    );
  }
  return p;
}

export function loadTestKc(context = 'local'): KubeConfig {
  const { kc } = loadKubeconfig({ overridePath: testKubeconfigPath() });
  return useContext(kc, context);
}

export function admin(timeoutMs?: number): Connection {
  return new Connection(loadTestKc('local'), { timeoutMs });
}

/** The admin token (to check it never shows up in messages). */
export function adminToken(): string {
  return loadTestKc('local').getCurrentUser()!.token!;
}

/** A unique name for this run (namespaces stay Terminating on this server: never reuse one). */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export function docs(text: string, uri = 'file:///test.yaml'): ManifestDoc[] {
  const parsed = parseManifests(text, uri);
  if (parsed.problems.length) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.docs;
}

export async function createNamespace(conn: Connection, name: string): Promise<void> {
  const r = await conn.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
  if (r.status !== 201 && r.status !== 409) throw new Error(`namespace ${name}: ${r.status} ${r.text}`);
}

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'eks-cluster-test-'));
}

/** Write a kubeconfig that reuses the test cluster's server and CA but with a different user. */
export function kubeconfigWithUser(dir: string, user: Record<string, unknown>, opts: { server?: string; noCa?: boolean } = {}): string {
  const kc = loadTestKc('local');
  const cluster = kc.getCurrentCluster()!;
  const cfg = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'test',
    clusters: [
      { name: 'c', cluster: { server: opts.server ?? cluster.server, ...(opts.noCa ? {} : { 'certificate-authority-data': caData() }) } },
    ],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'test', context: { cluster: 'c', user: 'u' } }],
  };
  const file = path.join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, JSON.stringify(cfg), { mode: 0o600 });
  return file;
}

export function caData(): string {
  const kc = loadTestKc('local');
  const c = kc.getCurrentCluster()!;
  return c.caData ?? Buffer.from(fs.readFileSync(c.caFile!)).toString('base64');
}

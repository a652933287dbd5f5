/**
 * `npm start` (after scripts/start.sh has installed the tools and packaged the .vsix): a real VS Code
 * (code-server) on 127.0.0.1 with the packaged extension installed and examples/ open, and a local
 * Kubernetes API server (test/cluster/up.sh) as the current kubeconfig context. Prints the URL; Ctrl+C
 * stops everything it started.
 *
 * Usage: node --import tsx tools/vscode-host/serve.ts VSIX [--port N] [--no-cluster]
 *   PORT (default 8127; the next free port when taken), EKS_START_CLUSTER=0 = --no-cluster.
 */
import * as fs from 'fs';
import * as path from 'path';
import { clusterScriptsPresent, startLocalCluster, type LocalCluster } from './localCluster';
import { HOST_DIR, REPO, installVsix, portFree, freePort, startCodeServer, workbenchUrl, type CodeServer } from './codeServer';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const vsix = path.resolve(args.find((a) => a.endsWith('.vsix')) ?? '');
const wantCluster = !flag('--no-cluster') && process.env.EKS_START_CLUSTER !== '0';

const STATE = path.join(HOST_DIR, 'start');
const CLUSTER_STATE = path.join(STATE, 'cluster');

async function pickPort(): Promise<number> {
  const wanted = Number(value('--port') ?? process.env.PORT ?? 8127);
  if (await portFree(wanted)) return wanted;
  for (let p = wanted + 1; p < wanted + 20; p++) if (await portFree(p)) return p;
  return freePort();
}

function startCluster(): LocalCluster | undefined {
  if (!clusterScriptsPresent()) {
    console.log('==> no test/cluster scripts: starting without a Kubernetes API server');
    return undefined;
  }
  console.log('==> kube-apiserver + etcd (built once from Debian sources and cached; the first build takes several minutes)');
  try {
    return startLocalCluster(CLUSTER_STATE);
  } catch (e) {
    console.log(`==> starting without a cluster: ${e instanceof Error ? e.message : e}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(vsix)) throw new Error(`usage: serve.ts EXTENSION.vsix (not found: ${vsix})`);
  const cluster = wantCluster ? startCluster() : undefined;
  const kubeconfig = cluster?.kubeconfig;
  let server: CodeServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n==> stopping code-server' + (kubeconfig ? ' and the API server' : ''));
    await server?.stop();
    cluster?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));
  try {
    const userDataDir = path.join(STATE, 'user-data'), extensionsDir = path.join(STATE, 'extensions');
    installVsix(vsix, userDataDir, extensionsDir);
    server = await startCodeServer({
      port: await pickPort(), userDataDir, extensionsDir,
      // The extension reads the kubeconfig like kubectl: KUBECONFIG wins over ~/.kube/config.
      env: kubeconfig ? { KUBECONFIG: kubeconfig } : {},
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await stop(1);
    return;
  }
  const url = workbenchUrl(server, path.join(REPO, 'examples'));
  console.log('');
  console.log(`  EKS Manifests in a real VS Code (code-server ${process.env.CODE_SERVER_VERSION ?? '4.139.1'}), open in your browser:`);
  console.log(`    ${url}`);
  console.log(kubeconfig
    ? `  Kubernetes: local kube-apiserver, context "local" (KUBECONFIG=${kubeconfig})`
    : '  Kubernetes: none started (cluster commands will say there is no kubeconfig)');
  console.log('  Try: open shop/legacy.yaml (deliberate mistakes), shop/ingress.yaml (ALB annotations), F1 → "EKS: ..."');
  console.log(`  Logs: ${server.log}`);
  console.log('  Press Ctrl+C to stop.');
  server.process.on('exit', (code) => { if (!stopping) { console.log(`code-server exited (${code}); see ${server!.log}`); void stop(1); } });
}

main().catch((e) => { console.error(e); process.exit(1); });

/**
 * `npm start` (after scripts/start.sh has installed the tools and packaged the .vsix): a real VS Code
 * (code-server) on 127.0.0.1 with the packaged extension installed, a scratch copy of examples/ open (the
 * tracked files are never edited) with a first file that says what to try, and a local Kubernetes API
 * server (test/cluster/up.sh) as the current kubeconfig context. Prints the URL. SIGINT, SIGTERM or SIGHUP
 * (Ctrl+C, or a signal to npm: package.json runs this with `exec`, so npm's signal reaches this process),
 * and the end of the parent process, stop everything it started.
 *
 * Usage: node --import tsx tools/vscode-host/serve.ts VSIX [--port N] [--no-cluster]
 *   PORT (default 8127; the next free port when taken), EKS_START_CLUSTER=0 = --no-cluster.
 */
import * as fs from 'fs';
import * as path from 'path';
import { clusterScriptsPresent, startLocalCluster, type LocalCluster } from './localCluster';
import { REPO, RUNS_DIR, copyFolder, installVsix, portFree, freePort, startCodeServer, workbenchUrl, type CodeServer } from './codeServer';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const vsix = path.resolve(args.find((a) => a.endsWith('.vsix')) ?? '');
const wantCluster = !flag('--no-cluster') && process.env.EKS_START_CLUSTER !== '0';

const STATE = path.join(RUNS_DIR, 'start');
const CLUSTER_STATE = path.join(STATE, 'cluster');
/** The file opened first, relative to the workspace, and what it says to try (prepended to the copy only). */
export const FIRST_FILE = 'shop/ingress.yaml';
export const TRY_THIS = `# Try this: EKS Manifests with a local Kubernetes 1.20 API server (context "local").
#  1. Apply shop/namespace.yaml, shop/web.yaml, then this file:
#     F1 → "EKS: Apply File to Cluster". The Services view (EKS icon on the left)
#     shows web-blue and web-green behind this Ingress's blue/green action.
#  2. Apply shop/api.yaml: Kubernetes 1.20 has no policy/v1 PodDisruptionBudget
#     (added in 1.21); the error says so, with "Use 1.20 as the target".
#  3. Hover an annotation; Ctrl+Space completes; shop/legacy.yaml has mistakes
#     to fix with Ctrl+. (This is a scratch copy of examples/: edit freely.)
`;

/** A fresh copy of examples/ for this run, the first file with the "try this" comment on top. */
export function prepareWorkspace(dir: string): string {
  const ws = copyFolder(path.join(REPO, 'examples'), dir);
  const first = path.join(ws, FIRST_FILE);
  fs.writeFileSync(first, TRY_THIS + fs.readFileSync(first, 'utf8'));
  return ws;
}

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
  // npm killed hard (no signal to forward): this process is handed to another parent; stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop(0);
  }, 1000).unref();
  let workspace: string;
  try {
    workspace = prepareWorkspace(path.join(STATE, 'workspace'));
    const userDataDir = path.join(STATE, 'user-data'),
      extensionsDir = path.join(STATE, 'extensions');
    installVsix(vsix, userDataDir, extensionsDir);
    server = await startCodeServer({
      port: await pickPort(),
      userDataDir,
      extensionsDir,
      // The extension reads the kubeconfig like kubectl: KUBECONFIG wins over ~/.kube/config.
      env: kubeconfig ? { KUBECONFIG: kubeconfig } : {},
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        // the scratch workspace lives under the cache dir: no "open the repository in a parent folder?" pop-up
        'git.openRepositoryInParentFolders': 'never',
      },
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await stop(1);
    return;
  }
  const host = new URL(server.url).host;
  const url = workbenchUrl(server, workspace, [['openFile', `vscode-remote://${host}${path.join(workspace, FIRST_FILE)}`]]);
  console.log('');
  console.log(`  EKS Manifests in a real VS Code (code-server ${process.env.CODE_SERVER_VERSION ?? '4.139.1'}), open in your browser:`);
  console.log(`    ${url}`);
  console.log(
    kubeconfig
      ? `  Kubernetes: local kube-apiserver, context "local" (KUBECONFIG=${kubeconfig})`
      : '  Kubernetes: none started (cluster commands will say there is no kubeconfig)',
  );
  console.log(`  Workspace: a fresh copy of examples/ in ${workspace} (${FIRST_FILE} opens first and says what to try)`);
  console.log(`  Logs: ${server.log}`);
  console.log('  Press Ctrl+C to stop.');
  server.process.on('exit', (code) => {
    if (!stopping) {
      console.log(`code-server exited (${code}); see ${server!.log}`);
      void stop(1);
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

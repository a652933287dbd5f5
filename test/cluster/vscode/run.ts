/**
 * Runs test/cluster/vscode/cluster.e2e.ts inside a real VS Code extension host (code-server, via the
 * project's real-VS-Code host in tools/vscode-host and the shim in test/e2e) with the extension loaded from this repository (npm run build first).
 * EKS_TEST_KUBECONFIG must point at a running test API server: use test/cluster/run-vscode.sh.
 */
import * as esbuild from 'esbuild';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { REPO, copyFolder, runDir } from '../../../tools/vscode-host/codeServer';

async function main(): Promise<void> {
  if (!process.env.EKS_TEST_KUBECONFIG) throw new Error('EKS_TEST_KUBECONFIG is not set: run test/cluster/run-vscode.sh');
  const out = path.join(REPO, 'test-output', 'cluster-vscode', 'index.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'index.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  // read by the tests inside the extension host (code-server passes its environment on)
  process.env.EKS_TEST_FIXTURES = path.join(REPO, 'test', 'fixtures');
  const scratch = runDir('cluster-vscode');
  const workspace = copyFolder(path.join(REPO, 'examples'), path.join(scratch, 'workspace'));
  await runTests({
    vscodeExecutablePath: path.join(REPO, 'test', 'e2e', 'code-shim.js'),
    extensionDevelopmentPath: REPO,
    extensionTestsPath: out,
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${path.join(scratch, 'user-data')}`,
      `--extensions-dir=${path.join(scratch, 'extensions')}`,
    ],
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

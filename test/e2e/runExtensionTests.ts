/**
 * The one entry point for the extension-host tests (test/e2e/suite): unpacks the packaged .vsix outside the
 * repository (so the tests load exactly what ships, with no node_modules to fall back on), bundles the mocha suite, copies examples/ to a scratch workspace and
 * calls @vscode/test-electron's runTests.
 *   - default: the "VS Code executable" is test/e2e/code-shim.js, which runs the tests in code-server
 *     (no desktop VS Code download needed; this machine and CI have no access to Microsoft's CDN);
 *   - E2E_VSCODE=desktop: runTests downloads desktop VS Code (`E2E_VSCODE_VERSION`, default stable) and
 *     runs the same suite there (needs a display, e.g. xvfb-run, and internet).
 * Usage: node --import tsx test/e2e/runExtensionTests.ts [path/to/extension.vsix]
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { REPO, copyFolder, runDir } from '../../tools/vscode-host/codeServer';
import { OUT } from './paths';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { extractZip } = require('../../scripts/vsix-list.js') as { extractZip(file: string, dest: string): void };

async function main(): Promise<void> {
  const vsix = path.resolve(process.argv[2] ?? path.join(OUT, 'eks-manifests.vsix'));
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run scripts/package.sh ${path.relative(REPO, vsix)} first`);
  const desktop = process.env.E2E_VSCODE === 'desktop';
  const scratch = runDir(desktop ? 'ext-tests-desktop' : 'ext-tests');
  const unpacked = path.join(scratch, 'vsix');
  extractZip(vsix, unpacked);
  const extensionDevelopmentPath = path.join(unpacked, 'extension');

  const extensionTestsPath = path.join(OUT, 'suite', 'index.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts')],
    outfile: extensionTestsPath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  // The bundle lives under the repository, so require('mocha') resolves to the repository's node_modules.

  const workspace = copyFolder(path.join(REPO, 'examples'), path.join(OUT, 'workspace-ext'));
  const profile = scratch;
  await runTests({
    version: process.env.E2E_VSCODE_VERSION,
    vscodeExecutablePath: desktop ? undefined : path.join(__dirname, 'code-shim.js'),
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${path.join(profile, 'user-data')}`,
      `--extensions-dir=${path.join(profile, 'extensions')}`,
    ],
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

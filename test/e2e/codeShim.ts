/**
 * Runs extension tests in code-server given a desktop VS Code command line (what @vscode/test-electron
 * passes): `--extensionDevelopmentPath=P --extensionTestsPath=T [--user-data-dir=D] [--extensions-dir=E] [FOLDER]`.
 * Mechanism (the one VS Code's own browser integration tests use): code-server with the smoke-test driver
 * option; the workbench URL carries a payload naming the development extension and the tests; the test
 * runner's result comes back through `window.codeAutomationExit(code)`. Exits with the tests' exit code.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { RUNS_DIR, launchBrowser, startCodeServer, workbenchUrl, type Browser, type CodeServer } from '../../tools/vscode-host/codeServer';
import { OUT } from './paths';

const argv = process.argv.slice(2);
const opt = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const devPath = opt('extensionDevelopmentPath');
const testsPath = opt('extensionTestsPath');
const folder = argv.find((a) => !a.startsWith('-'));
const TIMEOUT = Number(process.env.E2E_EXT_TESTS_TIMEOUT_MS ?? 300000);
// Workbench and extension-host log lines that say nothing about our extension.
// (Workbench logs come bracket-prefixed, e.g. "[Service Worker] registered"; mocha's output never is.)
const NOISE = /^\[[\w :.-]+\]|^(Resolving|Resolved|Creating|Updating) |getaddrinfo|ENOTFOUND|open-vsx|Timed out waiting for authentication/;

async function main(): Promise<number> {
  if (!devPath || !testsPath) throw new Error('usage: code-shim --extensionDevelopmentPath=P --extensionTestsPath=T [FOLDER]');
  const scratch = path.join(RUNS_DIR, 'ext-tests');
  fs.mkdirSync(scratch, { recursive: true });
  const userDataDir = opt('user-data-dir') ?? path.join(scratch, 'user-data');
  const extensionsDir = opt('extensions-dir') ?? path.join(scratch, 'extensions');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const T0 = Date.now();
  try {
    server = await startCodeServer({ userDataDir, extensionsDir, smokeTestDriver: true });
    console.log(`code-server ${server.url} ready in ${Date.now() - T0} ms (log: ${server.log})`);
    browser = await launchBrowser();
    const { page } = browser;
    let done!: (code: number) => void;
    const finished = new Promise<number>((r) => (done = r));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      if (process.env.VERBOSE || !NOISE.test(line)) console.log(type === 'error' ? `[ext-host error] ${line}` : line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => done(code));
    page.on('pageerror', (e) => {
      if (process.env.VERBOSE) console.log(`[page error] ${e.message}`);
    });
    const host = new URL(server.url).host;
    const remote = (p: string) => `vscode-remote://${host}${path.resolve(p)}`;
    const url = workbenchUrl(server, path.resolve(folder ?? fs.mkdtempSync(path.join(scratch, 'empty-'))), [
      ['extensionDevelopmentPath', remote(devPath)],
      ['extensionTestsPath', remote(testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      finished,
      new Promise<number>((r) => {
        timer = setTimeout(() => r(-1), TIMEOUT);
      }),
    ]);
    clearTimeout(timer);
    if (code === -1) {
      await page.screenshot({ path: path.join(OUT, 'ext-host-timeout.png') }).catch(() => undefined);
      console.log(`extension tests did not finish within ${TIMEOUT} ms (screenshot: test-output/e2e/ext-host-timeout.png)`);
      return 1;
    }
    console.log(`extension tests exit code ${code} (${((Date.now() - T0) / 1000).toFixed(1)} s in code-server)`);
    return code;
  } finally {
    await browser?.close();
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

/**
 * Extension-host test entry point (`extensionTestsPath`): VS Code loads this file inside its extension
 * host and calls `run()`. The same entry serves a desktop VS Code (@vscode/test-electron) and code-server
 * (smoke-test payload), see test/e2e/runExtensionTests.ts. Bundled by esbuild with `mocha` and `vscode`
 * left external (mocha resolves from the repository's node_modules).
 */
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec', grep: process.env.E2E_GREP });
  // Install describe/it as globals, then load the bundled test modules (in this order).
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha's bdd globals must exist before the suite file runs
  require('./extension.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}

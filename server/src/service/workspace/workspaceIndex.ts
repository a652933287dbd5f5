/**
 * Every Kubernetes object in the workspace's YAML files, kept current as files change. Cross-document
 * checks and completions ask it questions like "is there a Service `web` in namespace `shop`?".
 *
 * Invariant: updating a file re-parses only its changed chunks (see YamlFile); the objects of unchanged
 * chunks are the same K8sObject instances as before, so per-object caches stay valid.
 */
import { YamlFile, type YamlChunk } from '@shared/manifest/yamlFile';
import { K8sObject, sameNamespace } from '@shared/manifest/k8sObject';
import { MemoKey } from '@shared/manifest/memo';
import { fileRole, type FileRole } from '@shared/manifest/fileKind';
import { isCustomResource } from '@shared/manifest/documentKind';
import { groupBy } from './indexCache';

const OBJECTS = new MemoKey<K8sObject[]>('objects');

/**
 * Whether a text may hold a Kubernetes object: `apiVersion` or `kind` followed by `:` somewhere (any
 * indentation, quoting or flow style). Texts without one have no manifest document, so they get no
 * diagnostics and are not parsed at all (a hostile file of a million lines costs one scan).
 */
export function mayHoldManifest(text: string): boolean {
  return /(?:apiVersion|kind)["']?\s*:/.test(text);
}

/** The index's limits on what it parses (see Settings). */
export interface FileLimits {
  maxFileSize: number;
  maxFileLines: number;
}

/** Line count of a text as LSP counts lines (LF, CRLF and a lone CR end a line). */
function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  if (text.includes('\r')) n += (text.match(/\r(?!\n)/g) ?? []).length;
  return n;
}

export class ManifestFile {
  readonly yaml: YamlFile;
  /** What the file is, by its name (model/fileKind.ts). */
  readonly role: FileRole;
  /** Size of the text when it was larger than the index's limit: the file is then kept unparsed. */
  tooLargeSize?: number;
  /** Line count of the text when it had more lines than the index's limit: the file is then kept unparsed. */
  tooManyLines?: number;
  /** True when the text has no `apiVersion`/`kind` key at all (mayHoldManifest): kept unparsed. */
  notManifest = false;
  private rawText = '';
  constructor(
    readonly uri: string,
    text: string,
    limits: FileLimits,
  ) {
    this.role = fileRole(uri);
    // The service reads Go-template actions as masked (shared/manifest/template.ts).
    this.yaml = new YamlFile('', { templates: true });
    this.update(text, limits);
  }
  /** Replace the text; unchanged chunks are reused. */
  update(text: string, limits: FileLimits): void {
    this.rawText = text;
    this.tooLargeSize = text.length > limits.maxFileSize ? text.length : undefined;
    // A kustomization needs neither key (kustomize defaults both), and the Kustomize module reads it.
    this.notManifest = this.tooLargeSize === undefined && this.role !== 'kustomization' && !mayHoldManifest(text);
    const lines = this.tooLargeSize === undefined && !this.notManifest ? lineCount(text) : 0;
    this.tooManyLines = lines > limits.maxFileLines ? lines : undefined;
    this.yaml.update(this.tooLarge || this.notManifest ? '' : text);
  }
  /** Over the size or the line limit: not analysed (one diagnostic says so). */
  get tooLarge(): boolean {
    return this.tooLargeSize !== undefined || this.tooManyLines !== undefined;
  }
  get text(): string {
    return this.rawText;
  }
  get chunks(): YamlChunk[] {
    return this.yaml.chunks;
  }

  /** Objects of one chunk (memoised on the chunk, so unchanged chunks keep their instances). */
  objectsOf(chunk: YamlChunk): K8sObject[] {
    return chunk.memo.getOrCreate(OBJECTS, () => chunk.docs.map((d, i) => new K8sObject(this.uri, chunk, d, i, this.role)));
  }

  /** All documents of the file as objects (including ones that are not manifests; filter with isManifest). */
  *objects(): Iterable<K8sObject> {
    for (const c of this.chunks) yield* this.objectsOf(c);
  }

  /** Whether any document of the file looks like a Kubernetes manifest. */
  get isKubernetes(): boolean {
    if (this.role === 'helm') return false;
    for (const o of this.objects()) if (o.isManifest) return true;
    // A syntax error can hide the keys from the parser: fall back to the text.
    return !this.tooLarge && !this.notManifest && /^(apiVersion|kind)\s*:/m.test(this.text);
  }
}

export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** Pseudo-kind for "the set of namespaces objects name": touched when that set may have changed. */
export const NAMESPACES_IN_USE = '#namespaces';
/** Pseudo-kind touched by every file added, changed or removed (for checks that read files' contents by folder). */
export const FILES = '#files-changed';
/** Pseudo-kind touched when a kustomization file (kustomization.yaml, Kustomization) changes. */
export const KUSTOMIZATIONS = '#kustomizations';
/** Pseudo-kind touched when a file is added to or removed from the workspace. */
export const FILE_SET = '#files';
/** Pseudo-kind touched when a Helm `Chart.yaml` changes (or appears, or goes). */
export const CHARTS = '#charts';
/** Pseudo-kind touched when an object of a kind outside the built-in API groups changes (shared/manifest/documentKind.ts). */
export const CUSTOM_RESOURCES = '#custom';

export class WorkspaceIndex {
  private readonly files = new Map<string, ManifestFile>();
  /** Bumped whenever an object may have been added, removed or changed anywhere. */
  generation = 0;
  /** Files longer than this (UTF-16 units), or with more lines, are kept but not parsed. */
  limits: FileLimits = { maxFileSize: 5_000_000, maxFileLines: 200_000 };
  private kindCache?: { generation: number; byKind: Map<string, K8sObject[]> };
  /** Per kind: the generation at which an object of that kind last changed. */
  private readonly kindGen = new Map<string, number>();
  /** Every kind counts as changed at this generation (set when everything may have changed). */
  private allKindsGen = 0;

  /**
   * The generation at which objects of this kind (or NAMESPACES_IN_USE) last changed. Caches and checks
   * that read only some kinds key on these, so an edit of an Ingress leaves what depends on Services valid.
   */
  kindGeneration(kind: string): number {
    return Math.max(this.kindGen.get(kind) ?? 0, this.allKindsGen);
  }

  /** A cache key for "these kinds as they are now". */
  kindsKey(kinds: readonly string[]): string {
    // Asked per object by many caches within one generation: remembered per list (module constants).
    if (this.keyMemoGeneration !== this.generation) {
      this.keyMemo = new WeakMap();
      this.keyMemoGeneration = this.generation;
    }
    let key = this.keyMemo.get(kinds);
    if (key !== undefined) return key;
    key = '';
    for (const k of kinds) key += this.kindGeneration(k) + ',';
    this.keyMemo.set(kinds, key);
    return key;
  }
  private keyMemo = new WeakMap<readonly string[], string>();
  private keyMemoGeneration = -1;

  /** Change the limits: every file is re-read under the new limits and everything counts as changed. */
  setLimits(limits: FileLimits): void {
    if (limits.maxFileSize === this.limits.maxFileSize && limits.maxFileLines === this.limits.maxFileLines) return;
    this.limits = { ...limits };
    for (const f of this.files.values()) f.update(f.text, this.limits);
    this.touchAll();
  }

  /** Mark everything as changed (e.g. all files re-parsed with another size limit). */
  touchAll(): void {
    this.generation++;
    this.allKindsGen = this.generation;
  }

  private touch(file: ManifestFile, added: Iterable<YamlChunk>, removed: Iterable<YamlChunk>, fileSetChanged = false): void {
    this.generation++;
    this.kindGen.set(FILES, this.generation);
    if (fileSetChanged) this.kindGen.set(FILE_SET, this.generation);
    if (file.role === 'kustomization') this.kindGen.set(KUSTOMIZATIONS, this.generation);
    if (file.role === 'helm' && /\/Chart\.ya?ml$/.test(file.uri)) this.kindGen.set(CHARTS, this.generation);
    const namespaces = new Map<string, number>();
    const note = (chunk: YamlChunk, sign: number) => {
      for (const o of file.objectsOf(chunk)) {
        this.kindGen.set(o.kind ?? '', this.generation);
        if (o.isManifest && isCustomResource(o.apiVersion, o.kind)) this.kindGen.set(CUSTOM_RESOURCES, this.generation);
        const ns = o.namespace ?? '';
        namespaces.set(ns, (namespaces.get(ns) ?? 0) + sign);
      }
    };
    for (const c of removed) note(c, -1);
    for (const c of added) note(c, +1);
    for (const n of namespaces.values())
      if (n !== 0) {
        this.kindGen.set(NAMESPACES_IN_USE, this.generation);
        break;
      }
  }

  /** Add or update a file. Returns the file; unchanged text is a no-op. */
  set(uri: string, text: string): ManifestFile {
    const existing = this.files.get(uri);
    if (existing) {
      if (existing.text === text) return existing;
      existing.update(text, this.limits);
      this.touch(existing, existing.yaml.lastAdded, existing.yaml.lastRemoved);
      return existing;
    }
    const f = new ManifestFile(uri, text, this.limits);
    this.files.set(uri, f);
    this.touch(f, f.chunks, [], true);
    return f;
  }

  delete(uri: string): boolean {
    const f = this.files.get(uri);
    if (!f) return false;
    this.files.delete(uri);
    this.touch(f, [], f.chunks, true);
    return true;
  }

  get(uri: string): ManifestFile | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Every manifest object in the workspace. */
  *all(): Iterable<K8sObject> {
    for (const f of this.files.values()) for (const o of f.objects()) if (o.isManifest) yield o;
  }

  /** Objects of a kind (cached per generation). */
  byKind(kind: string): K8sObject[] {
    if (!this.kindCache || this.kindCache.generation !== this.generation) {
      const byKind = new Map<string, K8sObject[]>();
      for (const o of this.all()) {
        if (!o.kind) continue;
        const list = byKind.get(o.kind);
        if (list) list.push(o);
        else byKind.set(o.kind, [o]);
      }
      this.kindCache = { generation: this.generation, byKind };
    }
    return this.kindCache.byKind.get(kind) ?? [];
  }

  /** Objects of a kind and name, in any namespace (cached per generation and kind). */
  named(kind: string, name: string): K8sObject[] {
    if (!this.nameCache || this.nameCache.generation !== this.generation)
      this.nameCache = { generation: this.generation, byKind: new Map() };
    let byName = this.nameCache.byKind.get(kind);
    if (!byName) {
      byName = groupBy(this.byKind(kind), (o) => o.name);
      this.nameCache.byKind.set(kind, byName);
    }
    return byName.get(name) ?? [];
  }
  private nameCache?: { generation: number; byKind: Map<string, Map<string, K8sObject[]>> };

  /** Objects of a kind and name whose namespace matches (a missing namespace matches any; see sameNamespace). */
  find(ref: ObjectRef): K8sObject[] {
    return this.named(ref.kind, ref.name).filter((o) => sameNamespace(o.namespace, ref.namespace));
  }

  /** Files of a role (model/fileKind.ts), e.g. every kustomization: changes with KUSTOMIZATIONS for those. */
  filesOfRole(role: FileRole): ManifestFile[] {
    const out: ManifestFile[] = [];
    for (const f of this.files.values()) if (f.role === role) out.push(f);
    return out;
  }

  /** The `Chart.yaml` of a chart folder (URI ending with `/`), if the workspace has it: changes with CHARTS. */
  chartFile(dir: string): ManifestFile | undefined {
    return this.files.get(dir + 'Chart.yaml') ?? this.files.get(dir + 'Chart.yml');
  }

  /** Every custom resource of the workspace (model/documentKind.ts): changes with CUSTOM_RESOURCES. */
  customResources(): K8sObject[] {
    const out: K8sObject[] = [];
    for (const f of this.files.values())
      for (const o of f.objects()) if (o.isManifest && isCustomResource(o.apiVersion, o.kind)) out.push(o);
    return out;
  }

  /**
   * The chart a file belongs to: the nearest folder above it that holds a `Chart.yaml` in the workspace (its
   * URI, ending with `/`), or undefined. A subchart under `charts/` is its own chart.
   */
  chartRootOf(uri: string): string | undefined {
    let i = uri.lastIndexOf('/');
    for (let depth = 0; i > 0 && depth < 40; depth++) {
      const dir = uri.slice(0, i + 1);
      if (this.chartFile(dir)) return dir;
      i = uri.lastIndexOf('/', i - 1);
    }
    return undefined;
  }

  /** Whether the workspace has any object of this kind in the namespace (missing namespaces match). */
  hasKindIn(kind: string, namespace: string | undefined): boolean {
    return this.byKind(kind).some((o) => sameNamespace(o.namespace, namespace));
  }
}

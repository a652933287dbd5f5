/**
 * Server-side apply of manifest documents with our own field manager. A server dry-run of ALL objects
 * comes first; if any fails, nothing is applied and every failure is tied to its document (and, when the
 * server names a field, the line of that field). Then objects are applied in dependency order
 * (Namespaces, CRDs, ...), each reported as created / configured / unchanged / failed, with cancellation
 * checked between objects. Field-manager conflicts come back as 'conflict' errors with `forceAvailable`.
 */
import { stringify } from 'yaml';
import type { Range } from '@shared/manifest/yamlFile';
import type { Connection } from './connection';
import { Discovery, resourcePath, type ResourceInfo } from './discovery';
import { ClusterError } from './errors';
import { orderForApply, type ManifestDoc } from './manifests';

export const FIELD_MANAGER = 'eks-manifests';

export type Outcome = 'created' | 'configured' | 'unchanged' | 'failed' | 'skipped';

export interface ObjectResult {
  doc: ManifestDoc;
  outcome: Outcome;
  /** Where to show a failure: the named field's line, else the document. */
  range: Range;
  error?: ClusterError;
  /** One line for the output channel: `Kind ns/name: created`. */
  message: string;
}

export interface ApplyOptions {
  /** Only the server dry-run (the Dry-run command). */
  dryRunOnly?: boolean;
  /** Take ownership of conflicting fields (SSA `force=true`). */
  force?: boolean;
  /** Namespace for namespaced objects that do not set one (the context's namespace). */
  namespace?: string;
  signal?: AbortSignal;
  fieldManager?: string;
  /** Called for each object as soon as its result is known. */
  onResult?: (r: ObjectResult, phase: 'dry-run' | 'apply') => void;
  /** Called before each object. */
  onProgress?: (phase: 'dry-run' | 'apply', done: number, total: number, doc: ManifestDoc) => void;
  /** How long to wait for an applied CRD to become Established (ms, default 30 s). */
  crdWaitMs?: number;
}

export interface ApplyReport {
  dryRun: ObjectResult[];
  /** Empty when the dry-run failed, was the only step, or nothing was applied. */
  applied: ObjectResult[];
  /** Whether objects were sent for real. */
  didApply: boolean;
  cancelled: boolean;
  /** Some dry-run or apply result failed. */
  failed: boolean;
  /** Some failure is a field-manager conflict that `force` would resolve. */
  conflicts: boolean;
}

/** Metadata that differs between any two reads and says nothing about the manifest. */
export function stripNoise<T>(obj: T): T {
  if (!obj || typeof obj !== 'object') return obj;
  const o = JSON.parse(JSON.stringify(obj));
  const md = o.metadata;
  if (md && typeof md === 'object') {
    for (const k of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink']) delete md[k];
    if (md.annotations) {
      delete md.annotations['kubectl.kubernetes.io/last-applied-configuration'];
      delete md.annotations['deployment.kubernetes.io/revision'];
      if (Object.keys(md.annotations).length === 0) delete md.annotations;
    }
  }
  return o;
}

function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(stripNoise(a))) === JSON.stringify(sortKeys(stripNoise(b)));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as any)[k])]));
  return v;
}

/** A cluster session for one batch: discovery cache + helpers. */
export class Applier {
  readonly discovery: Discovery;
  constructor(readonly conn: Connection, discovery?: Discovery) {
    this.discovery = discovery ?? new Discovery(conn);
  }

  /** The body to send: namespace defaulted for namespaced kinds, dropped for cluster-scoped ones. */
  private target(doc: ManifestDoc, info: ResourceInfo, defaultNs: string | undefined): { body: Record<string, any>; namespace?: string } {
    const body = JSON.parse(JSON.stringify(doc.object));
    body.metadata = body.metadata ?? {};
    let namespace: string | undefined;
    if (info.namespaced) {
      namespace = doc.namespace ?? defaultNs ?? 'default';
      body.metadata.namespace = namespace;
    } else {
      delete body.metadata.namespace;
    }
    return { body, namespace };
  }

  /** GET the live object (undefined when it does not exist). */
  async getLive(info: ResourceInfo, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<any | undefined> {
    const r = await this.conn.request('GET', resourcePath(info, namespace, name), { signal });
    if (r.status === 404) return undefined;
    if (r.status >= 300) throw this.conn.statusError(r);
    return r.body;
  }

  /**
   * One server-side apply PATCH (dry-run or real). Returns the live object before (when the user may read
   * it: server-side apply itself needs only patch/create), the server's result, and how it went.
   */
  async ssa(doc: ManifestDoc, opts: ApplyOptions, dryRun: boolean): Promise<{ info: ResourceInfo; namespace?: string; live?: any; liveKnown: boolean; result: any; outcome: Outcome }> {
    const info = await this.discovery.resolve(doc.apiVersion, doc.kind, opts.signal);
    const { body, namespace } = this.target(doc, info, opts.namespace);
    let live: any;
    let liveKnown = true;
    try {
      live = await this.getLive(info, namespace, doc.name, opts.signal);
    } catch (e) {
      if (!(e instanceof ClusterError && e.kind === 'forbidden')) throw e;
      liveKnown = false;
    }
    const r = await this.conn.request('PATCH', resourcePath(info, namespace, doc.name), {
      query: { fieldManager: opts.fieldManager ?? FIELD_MANAGER, force: opts.force ? 'true' : undefined, dryRun: dryRun ? 'All' : undefined },
      body, contentType: 'application/apply-patch+yaml', signal: opts.signal,
    });
    if (r.status >= 300) throw this.conn.statusError(r);
    const result = r.body;
    const outcome: Outcome = r.status === 201 || (liveKnown && !live) ? 'created'
      : !liveKnown ? 'configured'
        : dryRun ? (sameContent(live, result) ? 'unchanged' : 'configured')
          : live.metadata?.resourceVersion === result?.metadata?.resourceVersion ? 'unchanged' : 'configured';
    return { info, namespace, live, liveKnown, result, outcome };
  }

  async waitForCrd(name: string, ms: number, signal?: AbortSignal): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      const r = await this.conn.request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`, { signal });
      const conds = (r.body?.status?.conditions ?? []) as { type: string; status: string }[];
      if (conds.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > until) throw new ClusterError('timeout', `The CRD ${name} did not become Established within ${ms / 1000} s.`);
      await new Promise((res) => setTimeout(res, 200));
    }
    this.discovery.invalidate();
  }
}

function resultOf(doc: ManifestDoc, outcome: Outcome, error?: ClusterError, note?: string): ObjectResult {
  const field = error?.details.causes?.find((c) => c.field)?.field;
  const range = error ? doc.rangeOfField(field) : doc.range;
  const message = `${doc.label}: ${outcome}${error ? ` — ${error.message}` : ''}${note ? ` (${note})` : ''}`;
  return { doc, outcome, range, error, message };
}

function toClusterError(e: unknown): ClusterError {
  if (e instanceof ClusterError) return e;
  return new ClusterError('server', String((e as Error)?.message ?? e));
}

/** CRDs in the batch, as `group/kind` keys of the kinds they define. */
function kindsDefinedBy(docs: readonly ManifestDoc[]): Set<string> {
  const out = new Set<string>();
  for (const d of docs) {
    if (d.kind !== 'CustomResourceDefinition') continue;
    const spec = d.object.spec ?? {};
    if (typeof spec.group === 'string' && typeof spec.names?.kind === 'string') out.add(`${spec.group}/${spec.names.kind}`);
  }
  return out;
}

/**
 * Dry-run everything, then (unless dry-run only or something failed) apply everything.
 * Throws only for failures that concern the whole batch (unreachable, unauthorized, auth plugin).
 */
export async function applyManifests(conn: Connection, docs: readonly ManifestDoc[], opts: ApplyOptions = {}): Promise<ApplyReport> {
  const ordered = orderForApply(docs);
  const applier = new Applier(conn);
  const definedHere = kindsDefinedBy(ordered);
  const namespacesHere = new Set(ordered.filter((d) => d.kind === 'Namespace').map((d) => d.name));
  const report: ApplyReport = { dryRun: [], applied: [], didApply: false, cancelled: false, failed: false, conflicts: false };
  const fatal = (e: ClusterError) => ['unreachable', 'timeout', 'tls', 'unauthorized', 'auth-plugin', 'no-config'].includes(e.kind);

  const emit = (list: ObjectResult[], r: ObjectResult, phase: 'dry-run' | 'apply') => {
    list.push(r);
    if (r.outcome === 'failed') { report.failed = true; if (r.error?.details.forceAvailable) report.conflicts = true; }
    opts.onResult?.(r, phase);
  };

  // Phase 1: server dry-run of every object.
  for (let i = 0; i < ordered.length; i++) {
    const doc = ordered[i];
    if (opts.signal?.aborted) { report.cancelled = true; break; }
    opts.onProgress?.('dry-run', i, ordered.length, doc);
    try {
      const { outcome, liveKnown } = await applier.ssa(doc, opts, true);
      emit(report.dryRun, resultOf(doc, outcome, undefined, liveKnown ? undefined : 'may not read the live object'), 'dry-run');
    } catch (e) {
      const err = toClusterError(e);
      if (err.kind === 'cancelled') { report.cancelled = true; break; }
      if (fatal(err)) throw err;
      const group = doc.apiVersion.includes('/') ? doc.apiVersion.split('/')[0] : '';
      if (err.kind === 'unknown-kind' && definedHere.has(`${group}/${doc.kind}`)) {
        emit(report.dryRun, resultOf(doc, 'skipped', undefined, 'its CRD is created by this apply first; checked when applied'), 'dry-run');
        continue;
      }
      const nsMissing = err.kind === 'not-found' && /namespaces? "([^"]+)" not found/.exec(err.details.serverMessage ?? '');
      if (nsMissing && namespacesHere.has(nsMissing[1])) {
        emit(report.dryRun, resultOf(doc, 'skipped', undefined, `namespace ${nsMissing[1]} is created by this apply first; checked when applied`), 'dry-run');
        continue;
      }
      emit(report.dryRun, resultOf(doc, 'failed', err), 'dry-run');
    }
  }
  if (opts.dryRunOnly || report.failed || report.cancelled) return report;

  // Phase 2: apply for real, in order.
  report.didApply = true;
  for (let i = 0; i < ordered.length; i++) {
    const doc = ordered[i];
    if (opts.signal?.aborted) {
      report.cancelled = true;
      for (const rest of ordered.slice(i)) emit(report.applied, resultOf(rest, 'skipped', undefined, 'cancelled before it was applied'), 'apply');
      break;
    }
    opts.onProgress?.('apply', i, ordered.length, doc);
    try {
      const { outcome, liveKnown } = await applier.ssa(doc, opts, false);
      emit(report.applied, resultOf(doc, outcome, undefined, liveKnown ? undefined : 'may not read the live object'), 'apply');
      if (doc.kind === 'CustomResourceDefinition') await applier.waitForCrd(doc.name, opts.crdWaitMs ?? 30_000, opts.signal);
    } catch (e) {
      const err = toClusterError(e);
      if (err.kind === 'cancelled') {
        report.cancelled = true;
        for (const rest of ordered.slice(i)) emit(report.applied, resultOf(rest, 'skipped', undefined, 'cancelled before it was applied'), 'apply');
        break;
      }
      emit(report.applied, resultOf(doc, 'failed', err), 'apply');
    }
  }
  return report;
}

export interface DiffTexts {
  doc: ManifestDoc;
  /** Live object as YAML ('' when it does not exist yet). */
  live: string;
  /** The server's dry-run result of applying the local document, as YAML. */
  proposed: string;
  exists: boolean;
  changed: boolean;
}

/** Live object vs. the server-side dry-run of the local document, noise stripped, as YAML texts. */
export async function diffManifest(conn: Connection, doc: ManifestDoc, opts: Pick<ApplyOptions, 'namespace' | 'signal' | 'force' | 'fieldManager'> = {}, applier = new Applier(conn)): Promise<DiffTexts> {
  const { live, liveKnown, result } = await applier.ssa(doc, { ...opts, force: opts.force ?? true }, true);
  if (!liveKnown) throw new ClusterError('forbidden', `Forbidden by RBAC: user "${conn.user}" may not get ${doc.kind} ${doc.name}, so there is no live object to compare with.`, { verb: 'get' });
  const liveText = live ? stringify(stripNoise(live)) : '';
  const proposed = stringify(stripNoise(result));
  return { doc, live: liveText, proposed, exists: !!live, changed: liveText !== proposed };
}

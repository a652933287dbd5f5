/**
 * Server-side apply of manifest documents with our own field manager, as close to all-or-nothing as the
 * API allows (it has no transactions):
 * 1. a server dry-run of EVERY object; if any fails, nothing is applied and every failure is tied to its
 *    document (and, when the server names a field, the line of that field);
 * 2. objects the dry-run could not check because they live in a Namespace or are of a kind whose CRD this
 *    same apply creates: only those Namespaces/CRDs are applied (CRDs waited for until Established), then
 *    the skipped objects get their dry-run; if one fails, nothing else is applied;
 * 3. everything else is applied in dependency order (Namespaces, CRDs, ...), stopping at the first
 *    failure (a conflict or a race after the dry-run), with cancellation checked between objects.
 * Nothing is ever rolled back: the report lists exactly which objects stayed applied. The same object
 * twice in one batch is a warning (each is applied in turn; the last wins). Field-manager conflicts come
 * back as 'conflict' errors with `forceAvailable`.
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
  /** Called before each object; before a real apply a returned promise is awaited first. */
  onProgress?: (phase: 'dry-run' | 'apply', done: number, total: number, doc: ManifestDoc) => void | Promise<void>;
  /** How long to wait for an applied CRD to become Established (ms, default 30 s). */
  crdWaitMs?: number;
}

export interface ApplyReport {
  /** One final dry-run result per object (for objects checked in round 2: that result). */
  dryRun: ObjectResult[];
  /**
   * The real apply, in the order objects were sent: round 2's Namespaces/CRDs first, then the rest; after
   * a failure or cancellation the objects not sent are listed as 'skipped'. Empty when nothing was sent.
   */
  applied: ObjectResult[];
  /** Whether any object was sent for real. */
  didApply: boolean;
  cancelled: boolean;
  /** Some dry-run or apply result failed. */
  failed: boolean;
  /** Some failure is a field-manager conflict that `force` would resolve. */
  conflicts: boolean;
  /** Objects that were applied and are still applied (nothing is rolled back), in the order sent. */
  stayedApplied: ObjectResult[];
  /** The failure that stopped the batch after something was applied. */
  stoppedAt?: ObjectResult;
  /** Which round stopped it: the second dry-run (objects in new Namespaces/CRDs) or the apply itself. */
  stoppedIn?: 'second-dry-run' | 'apply';
  /** Objects not sent because of the failure or cancellation. */
  notApplied: ObjectResult[];
  /** Batch warnings (the same object twice). */
  warnings: string[];
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
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as any)[k])]),
    );
  return v;
}

/** A cluster session for one batch: discovery cache + helpers. */
export class Applier {
  readonly discovery: Discovery;
  constructor(
    readonly conn: Connection,
    discovery?: Discovery,
  ) {
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
  async ssa(
    doc: ManifestDoc,
    opts: ApplyOptions,
    dryRun: boolean,
  ): Promise<{ info: ResourceInfo; namespace?: string; live?: any; liveKnown: boolean; result: any; outcome: Outcome }> {
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
      query: {
        fieldManager: opts.fieldManager ?? FIELD_MANAGER,
        force: opts.force ? 'true' : undefined,
        dryRun: dryRun ? 'All' : undefined,
      },
      body,
      contentType: 'application/apply-patch+yaml',
      signal: opts.signal,
    });
    if (r.status >= 300) throw this.conn.statusError(r);
    const result = r.body;
    const outcome: Outcome =
      r.status === 201 || (liveKnown && !live)
        ? 'created'
        : !liveKnown
          ? 'configured'
          : dryRun
            ? sameContent(live, result)
              ? 'unchanged'
              : 'configured'
            : live.metadata?.resourceVersion === result?.metadata?.resourceVersion
              ? 'unchanged'
              : 'configured';
    return { info, namespace, live, liveKnown, result, outcome };
  }

  async waitForCrd(name: string, ms: number, signal?: AbortSignal): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      const r = await this.conn.request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`, {
        signal,
      });
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

/** CRDs in the batch by the `group/kind` they define. */
function crdsByKind(docs: readonly ManifestDoc[]): Map<string, ManifestDoc> {
  const out = new Map<string, ManifestDoc>();
  for (const d of docs) {
    if (d.kind !== 'CustomResourceDefinition') continue;
    const spec = d.object.spec ?? {};
    if (typeof spec.group === 'string' && typeof spec.names?.kind === 'string' && !out.has(`${spec.group}/${spec.names.kind}`))
      out.set(`${spec.group}/${spec.names.kind}`, d);
  }
  return out;
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

function where(doc: ManifestDoc): string {
  const file = doc.uri.replace(/^.*[\\/]/, '');
  return `${file} line ${doc.range.start.line + 1}`;
}

/** Warnings for objects that appear more than once (same group, kind, effective namespace and name). */
async function duplicates(
  docs: readonly ManifestDoc[],
  applier: Applier,
  defaultNs: string | undefined,
  signal?: AbortSignal,
): Promise<string[]> {
  const crds = crdsByKind(docs);
  const byKey = new Map<string, ManifestDoc[]>();
  for (const d of docs) {
    let namespaced: boolean;
    try {
      namespaced = (await applier.discovery.resolve(d.apiVersion, d.kind, signal)).namespaced;
    } catch {
      const crd = crds.get(`${groupOf(d.apiVersion)}/${d.kind}`);
      namespaced = crd ? crd.object.spec?.scope !== 'Cluster' : d.namespace !== undefined;
    }
    const ns = namespaced ? (d.namespace ?? defaultNs ?? 'default') : '';
    const key = `${groupOf(d.apiVersion)}/${d.kind}/${ns}/${d.name}`;
    byKey.set(key, [...(byKey.get(key) ?? []), d]);
  }
  const out: string[] = [];
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    out.push(
      `${list[0].label} appears ${list.length} times in this apply (${list.map(where).join(', ')}): each is applied in turn and the last one wins.`,
    );
  }
  return out;
}

const FATAL = ['unreachable', 'timeout', 'tls', 'unauthorized', 'auth-plugin', 'no-config'];

/** Why the dry-run of an object could not be done yet: its Namespace or CRD is created by this batch. */
interface Deferred {
  doc: ManifestDoc;
  needs: ManifestDoc;
  note: string;
}

/**
 * Dry-run everything; then (unless dry-run only or something failed) apply in the rounds described at
 * the top of this file. Throws only for failures of the whole batch (unreachable, unauthorized, auth
 * plugin) while nothing has been applied yet; later ones stop the batch and are reported.
 */
export async function applyManifests(conn: Connection, docs: readonly ManifestDoc[], opts: ApplyOptions = {}): Promise<ApplyReport> {
  const run = new ApplyRun(conn, orderForApply(docs), opts);
  await run.warnDuplicates();
  const deferred = await run.dryRunAll();
  if (opts.dryRunOnly || run.report.failed || run.report.cancelled) return run.report;
  if (deferred.length && !(await run.prerequisitesThenDryRun(deferred))) return run.report;
  await run.applyRest();
  return run.report;
}

/** One apply: the ordered objects, what was sent, and the report being written. */
class ApplyRun {
  readonly report: ApplyReport = {
    dryRun: [],
    applied: [],
    didApply: false,
    cancelled: false,
    failed: false,
    conflicts: false,
    stayedApplied: [],
    notApplied: [],
    warnings: [],
  };
  private readonly applier: Applier;
  private readonly crds: Map<string, ManifestDoc>;
  private readonly namespacesHere = new Map<string, ManifestDoc>();
  private readonly sent = new Set<ManifestDoc>();

  constructor(
    conn: Connection,
    private readonly ordered: readonly ManifestDoc[],
    private readonly opts: ApplyOptions,
  ) {
    this.applier = new Applier(conn);
    this.crds = crdsByKind(ordered);
    for (const d of ordered) if (d.kind === 'Namespace' && !this.namespacesHere.has(d.name)) this.namespacesHere.set(d.name, d);
  }

  async warnDuplicates(): Promise<void> {
    this.report.warnings = await duplicates(this.ordered, this.applier, this.opts.namespace, this.opts.signal).catch(() => []);
  }

  /** Round 1: server dry-run of every object. Returns the objects that must wait for a Namespace/CRD of this batch. */
  async dryRunAll(): Promise<Deferred[]> {
    const { ordered, opts, report } = this;
    const deferred: Deferred[] = [];
    for (let i = 0; i < ordered.length; i++) {
      const doc = ordered[i];
      if (opts.signal?.aborted) {
        report.cancelled = true;
        break;
      }
      opts.onProgress?.('dry-run', i, ordered.length, doc);
      try {
        const { outcome, liveKnown } = await this.applier.ssa(doc, opts, true);
        this.emit(report.dryRun, resultOf(doc, outcome, undefined, liveKnown ? undefined : 'may not read the live object'), 'dry-run');
      } catch (e) {
        const err = toClusterError(e);
        if (err.kind === 'cancelled') {
          report.cancelled = true;
          break;
        }
        if (FATAL.includes(err.kind)) throw err;
        const d = this.deferral(doc, err);
        if (d) {
          deferred.push(d);
          this.emit(
            report.dryRun,
            resultOf(doc, 'skipped', undefined, opts.dryRunOnly ? `${d.why}: cannot be checked until it exists` : d.note),
            'dry-run',
          );
          continue;
        }
        this.emit(report.dryRun, resultOf(doc, 'failed', err), 'dry-run');
      }
    }
    return deferred;
  }

  /** The Namespace or CRD of this batch a failed dry-run was waiting for, if that was the reason. */
  private deferral(doc: ManifestDoc, err: ClusterError): (Deferred & { why: string }) | undefined {
    const crd = err.kind === 'unknown-kind' ? this.crds.get(`${groupOf(doc.apiVersion)}/${doc.kind}`) : undefined;
    const nsMissing = err.kind === 'not-found' && /namespaces? "([^"]+)" not found/.exec(err.details.serverMessage ?? '');
    const ns = nsMissing ? this.namespacesHere.get(nsMissing[1]) : undefined;
    const needs = crd ?? ns;
    if (!needs) return undefined;
    const why = crd ? `its CRD ${crd.name} is created by this apply` : `its namespace ${ns!.name} is created by this apply`;
    return { doc, needs, why, note: `${why}: checked once it exists, before anything else is applied` };
  }

  /** Round 2: the Namespaces/CRDs that deferred objects need, then those objects' dry-run. False: stop. */
  async prerequisitesThenDryRun(deferred: Deferred[]): Promise<boolean> {
    const { ordered, opts, report } = this;
    const needed = new Set(deferred.map((d) => d.needs));
    const prereqs = ordered.filter((d) => needed.has(d));
    for (let i = 0; i < prereqs.length; i++) {
      if (opts.signal?.aborted) report.cancelled = true;
      if (report.cancelled || !(await this.applyOne(prereqs[i], i, ordered.length))) {
        this.stop();
        return false;
      }
    }
    for (let i = 0; i < deferred.length; i++) {
      const { doc } = deferred[i];
      const at = report.dryRun.findIndex((r) => r.doc === doc);
      if (opts.signal?.aborted) {
        report.cancelled = true;
        this.stop();
        return false;
      }
      opts.onProgress?.('dry-run', i, deferred.length, doc);
      let r: ObjectResult;
      try {
        const { outcome, liveKnown } = await this.applier.ssa(doc, opts, true);
        r = resultOf(
          doc,
          outcome,
          undefined,
          liveKnown
            ? 'checked after its namespace/CRD was created'
            : 'checked after its namespace/CRD was created; may not read the live object',
        );
      } catch (e) {
        const err = toClusterError(e);
        if (err.kind === 'cancelled') {
          report.cancelled = true;
          this.stop();
          return false;
        }
        r = resultOf(doc, 'failed', err, 'checked after its namespace/CRD was created');
      }
      report.dryRun[at] = r;
      this.note(r);
      opts.onResult?.(r, 'dry-run');
    }
    const failedNow = deferred.map((d) => report.dryRun.find((r) => r.doc === d.doc)!).find((r) => r.outcome === 'failed');
    if (!failedNow) return true;
    report.stoppedAt = failedNow;
    report.stoppedIn = 'second-dry-run';
    this.notSent(this.rest(), 'not applied: the dry-run of an object in a new namespace/CRD failed');
    return false;
  }

  /** Round 3: everything not sent yet, in order, stopping at the first failure. */
  async applyRest(): Promise<void> {
    const remaining = this.rest();
    for (let i = 0; i < remaining.length; i++) {
      if (this.opts.signal?.aborted) this.report.cancelled = true;
      if (this.report.cancelled || !(await this.applyOne(remaining[i], this.sent.size, this.ordered.length))) {
        this.stop();
        break;
      }
    }
  }

  /** Apply one object for real; false when the batch must stop. */
  private async applyOne(doc: ManifestDoc, i: number, total: number): Promise<boolean> {
    const { opts, report } = this;
    await opts.onProgress?.('apply', i, total, doc);
    report.didApply = true;
    this.sent.add(doc);
    let result: ObjectResult;
    try {
      const { outcome, liveKnown } = await this.applier.ssa(doc, opts, false);
      result = resultOf(doc, outcome, undefined, liveKnown ? undefined : 'may not read the live object');
    } catch (e) {
      const err = toClusterError(e);
      if (err.kind === 'cancelled') {
        // The request was under way: the server may have applied it.
        report.cancelled = true;
        const r = resultOf(doc, 'skipped', undefined, 'cancelled while it was being sent: it may or may not be applied, check the cluster');
        report.applied.push(r);
        report.notApplied.push(r);
        opts.onResult?.(r, 'apply');
        return false;
      }
      this.emit(report.applied, resultOf(doc, 'failed', err), 'apply');
      report.stoppedAt = report.applied[report.applied.length - 1];
      report.stoppedIn = 'apply';
      return false;
    }
    report.stayedApplied.push(result);
    if (doc.kind === 'CustomResourceDefinition' && !(await this.waitForCrd(doc, result))) return false;
    this.emit(report.applied, result, 'apply');
    return true;
  }

  /** After applying a CRD: wait until it is Established; false (and reported) when it does not get there. */
  private async waitForCrd(doc: ManifestDoc, result: ObjectResult): Promise<boolean> {
    try {
      await this.applier.waitForCrd(doc.name, this.opts.crdWaitMs ?? 30_000, this.opts.signal);
      return true;
    } catch (e) {
      const err = toClusterError(e);
      if (err.kind === 'cancelled') {
        this.emit(this.report.applied, result, 'apply');
        this.report.cancelled = true;
        return false;
      }
      const failed = resultOf(doc, 'failed', new ClusterError(err.kind, `applied (${result.outcome}), but ${err.message}`, err.details));
      this.emit(this.report.applied, failed, 'apply');
      this.report.stoppedAt = failed;
      this.report.stoppedIn = 'apply';
      return false;
    }
  }

  private note(r: ObjectResult): void {
    if (r.outcome !== 'failed') return;
    this.report.failed = true;
    if (r.error?.details.forceAvailable) this.report.conflicts = true;
  }

  private emit(list: ObjectResult[], r: ObjectResult, phase: 'dry-run' | 'apply'): void {
    list.push(r);
    this.note(r);
    this.opts.onResult?.(r, phase);
  }

  private notSent(rest: readonly ManifestDoc[], why: string): void {
    for (const d of rest) {
      const r = resultOf(d, 'skipped', undefined, why);
      this.report.applied.push(r);
      this.report.notApplied.push(r);
      this.opts.onResult?.(r, 'apply');
    }
  }

  private rest(): ManifestDoc[] {
    return this.ordered.filter((d) => !this.sent.has(d));
  }

  private stop(): void {
    this.notSent(
      this.rest(),
      this.report.cancelled ? 'cancelled before it was applied' : 'not applied: the batch stopped at the first failure',
    );
  }
}

/** Up to `max` labels, then "and N more". */
function labels(list: readonly ObjectResult[], withOutcome: boolean, max = 8): string {
  const shown = list
    .slice(0, max)
    .map((r) => (withOutcome ? `${r.doc.label} (${r.outcome === 'failed' ? 'applied' : r.outcome})` : r.doc.label));
  return shown.join(', ') + (list.length > max ? `, and ${list.length - max} more` : '');
}

const plural = (n: number, what = 'object') => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * The one-line outcome of a batch for the notification, and the lines for the output channel. It never
 * says "Applied" unless everything was; when something stayed applied after a failure or cancellation it
 * says which objects and that nothing was rolled back.
 */
/** How each outcome reads in a summary: a dry-run only says what WOULD happen. */
const OUTCOME_WORDS: Record<Outcome, [applied: string, dryRun: string]> = {
  created: ['created', 'would be created'],
  configured: ['configured', 'would be configured'],
  unchanged: ['unchanged', 'unchanged'],
  failed: ['failed', 'failed'],
  skipped: ['skipped', 'skipped'],
};

export function applySummary(
  mode: 'apply' | 'dry-run',
  report: ApplyReport,
  what: string,
  context: string | undefined,
): { headline: string; details: string[]; ok: boolean } {
  const count = (list: readonly ObjectResult[]) =>
    (['created', 'configured', 'unchanged', 'failed', 'skipped'] as Outcome[])
      .map((o) => [o, list.filter((r) => r.outcome === o).length] as const)
      .filter(([, n]) => n > 0)
      .map(([o, n]) => `${n} ${OUTCOME_WORDS[o][list === report.dryRun ? 1 : 0]}`)
      .join(', ') || 'no objects';
  const target = `(${what} → ${context ?? '?'})`;
  const details = [...report.warnings.map((w) => `warning: ${w}`)];
  const stayed = report.stayedApplied;
  const partial = () => {
    if (stayed.length === 0) return 'nothing was applied';
    details.push(`stayed applied: ${stayed.map((r) => `${r.doc.label} (${r.outcome === 'failed' ? 'applied' : r.outcome})`).join(', ')}`);
    if (report.notApplied.length) details.push(`not applied: ${report.notApplied.map((r) => r.doc.label).join(', ')}`);
    return `${plural(stayed.length)} stayed applied (${labels(stayed, true)})${report.notApplied.length ? `, ${plural(report.notApplied.length)} not applied` : ''}. Nothing was rolled back`;
  };
  let headline: string;
  let ok = false;
  if (mode === 'dry-run') {
    headline = `${report.cancelled ? 'Dry-run cancelled' : 'Dry-run'} ${target}: ${count(report.dryRun)}`;
    ok = !report.failed && !report.cancelled;
  } else if (!report.didApply) {
    headline = report.cancelled
      ? `Cancelled during the dry-run ${target}: nothing was applied`
      : report.failed
        ? `Nothing applied: the dry-run failed ${target}: ${count(report.dryRun)}`
        : `Nothing to apply ${target}`;
  } else if (report.stoppedAt) {
    const why =
      report.stoppedIn === 'second-dry-run'
        ? `the dry-run of ${report.stoppedAt.doc.label} (checked once its namespace/CRD existed) failed`
        : `${report.stoppedAt.doc.label} failed`;
    headline = `Apply stopped ${target}: ${why}; ${partial()}.`;
  } else if (report.cancelled) {
    headline = `Apply cancelled ${target}: ${partial()}.`;
  } else {
    headline = `Applied ${target}: ${count(report.applied)}`;
    ok = !report.failed;
  }
  return { headline, details, ok };
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

/** What replaces a Secret value in a diff (kubectl diff's words): unchanged, or the two sides of a change. */
export const SECRET_MASK = '***';
export const SECRET_MASK_BEFORE = '*** (before)';
export const SECRET_MASK_AFTER = '*** (after)';

function isSecret(o: any): boolean {
  return !!o && typeof o === 'object' && o.kind === 'Secret' && (o.apiVersion === 'v1' || o.apiVersion === undefined);
}

/**
 * Mask the values of a Secret's `data` and `stringData` on both sides of a diff, the way `kubectl diff`
 * does (k8s.io/kubectl pkg/cmd/diff, `Masker`): every value becomes `***`, and a key whose value differs
 * between the sides becomes `*** (before)` / `*** (after)`, so the diff still shows which keys were added,
 * removed or changed, but no value. kubectl masks `data`; we treat `stringData` the same way. Returns
 * masked copies; objects that are not Secrets come back unchanged.
 */
export function maskSecretValues<L, P>(live: L, proposed: P): [L, P] {
  if (!isSecret(live) && !isSecret(proposed)) return [live, proposed];
  const l: any = live && typeof live === 'object' ? JSON.parse(JSON.stringify(live)) : live;
  const p: any = proposed && typeof proposed === 'object' ? JSON.parse(JSON.stringify(proposed)) : proposed;
  for (const field of ['data', 'stringData']) {
    const from = l && typeof l[field] === 'object' && l[field] !== null && !Array.isArray(l[field]) ? l[field] : undefined;
    const to = p && typeof p[field] === 'object' && p[field] !== null && !Array.isArray(p[field]) ? p[field] : undefined;
    for (const k of Object.keys(from ?? {})) {
      if (to && Object.prototype.hasOwnProperty.call(to, k)) {
        if (JSON.stringify(from[k]) !== JSON.stringify(to[k])) {
          from[k] = SECRET_MASK_BEFORE;
          to[k] = SECRET_MASK_AFTER;
          continue;
        }
        to[k] = SECRET_MASK;
      }
      from[k] = SECRET_MASK;
    }
    for (const k of Object.keys(to ?? {})) if (!from || !Object.prototype.hasOwnProperty.call(from, k)) to[k] = SECRET_MASK;
    // A value that is not a map (malformed) is masked whole.
    if (l && l[field] !== undefined && from === undefined) l[field] = SECRET_MASK;
    if (p && p[field] !== undefined && to === undefined) p[field] = SECRET_MASK;
  }
  return [l, p];
}

/**
 * Live object vs. the server-side dry-run of the local document, noise stripped, as YAML texts. For a
 * Secret the values of `data`/`stringData` are masked on both sides (`maskSecretValues`).
 */
export async function diffManifest(
  conn: Connection,
  doc: ManifestDoc,
  opts: Pick<ApplyOptions, 'namespace' | 'signal' | 'force' | 'fieldManager'> = {},
  applier = new Applier(conn),
): Promise<DiffTexts> {
  const { live, liveKnown, result } = await applier.ssa(doc, { ...opts, force: opts.force ?? true }, true);
  if (!liveKnown)
    throw new ClusterError(
      'forbidden',
      `Forbidden by RBAC: user "${conn.user}" may not get ${doc.kind} ${doc.name}, so there is no live object to compare with.`,
      { verb: 'get' },
    );
  const [maskedLive, maskedResult] = maskSecretValues(live ? stripNoise(live) : undefined, stripNoise(result));
  const liveText = maskedLive ? stringify(maskedLive) : '';
  const proposed = stringify(maskedResult);
  return { doc, live: liveText, proposed, exists: !!live, changed: liveText !== proposed };
}

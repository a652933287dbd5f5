/**
 * Which files are deployed together, and whether the workspace shows everything a deployment puts in a
 * namespace. Cross-document checks that conclude "X is missing" or "this selects nothing" ask these
 * questions first: a workspace is rarely the whole cluster (charts installed elsewhere, operators that create
 * Services and Pods, remote kustomize bases, course repositories with one folder per lesson).
 *
 * Two files are deployed together when a kustomization build includes both, when they belong to the same
 * Helm chart, or when one's folder holds the other (the same folder tree).
 */
import type { K8sObject } from '@shared/manifest/k8sObject';
import { sameNamespace } from '@shared/manifest/k8sObject';
import { folderOf, membershipsOf, KUSTOMIZE_READS } from '../kustomize/model';
import { CHARTS, CUSTOM_RESOURCES, type WorkspaceIndex } from './workspaceIndex';

/** What these questions read from the index (for a check's `reads`). */
export const DEPLOYMENT_READS: readonly string[] = [...KUSTOMIZE_READS, CHARTS, CUSTOM_RESOURCES];

interface Unit {
  roots: string[];
  chart?: string;
  dir: string;
}
interface UnitCache {
  key: string;
  units: Map<string, Unit>;
}
const unitCaches = new WeakMap<WorkspaceIndex, UnitCache>();

/** Where a file is deployed from (cached per file until a kustomization or a Chart.yaml changes). */
function unitOf(index: WorkspaceIndex, uri: string): Unit {
  const key = index.kindsKey(UNIT_READS);
  let c = unitCaches.get(index);
  if (!c || c.key !== key) {
    c = { key, units: new Map() };
    unitCaches.set(index, c);
  }
  let u = c.units.get(uri);
  if (!u) {
    u = { roots: membershipsOf(index, uri).map((m) => m.root), chart: index.chartRootOf(uri), dir: folderOf(uri) };
    c.units.set(uri, u);
  }
  return u;
}
const UNIT_READS: readonly string[] = [...KUSTOMIZE_READS, CHARTS];

/** Whether two files are deployed together (same kustomization build, same chart, or the same folder tree). */
export function deployedTogether(index: WorkspaceIndex, a: string, b: string): boolean {
  if (a === b) return true;
  const ua = unitOf(index, a);
  const ub = unitOf(index, b);
  if (ua.roots.length && ub.roots.length && ua.roots.some((r) => ub.roots.includes(r))) return true;
  if (ua.chart !== undefined || ub.chart !== undefined) return ua.chart === ub.chart;
  return ua.dir.startsWith(ub.dir) || ub.dir.startsWith(ua.dir);
}

/**
 * The items deployed together with a file, without comparing the file with every item: the answer of
 * `deployedTogether(index, uri, uriOf(item))` for each item, in the items' order. An IngressGroup of
 * thousands of members asks this once per member, so the items are indexed by kustomization root, chart
 * and folder, and answers are kept per deployment unit (files of one unit get the same answer).
 * Build one per list and index generation.
 */
export class DeployedWith<T> {
  private readonly byRoot = new Map<string, number[]>();
  private readonly byChart = new Map<string, number[]>();
  /** Items outside any chart, by folder; `dirs` are those folders sorted (a folder's subfolders follow it). */
  private readonly byDir = new Map<string, number[]>();
  private readonly dirs: string[];
  private readonly oddDirs: string[];
  private readonly answers = new Map<string, T[]>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly items: readonly T[],
    uriOf: (item: T) => string,
  ) {
    const add = (m: Map<string, number[]>, k: string, i: number): void => {
      const l = m.get(k);
      if (l) l.push(i);
      else m.set(k, [i]);
    };
    items.forEach((item, i) => {
      const u = unitOf(index, uriOf(item));
      for (const r of u.roots) add(this.byRoot, r, i);
      if (u.chart !== undefined) add(this.byChart, u.chart, i);
      else add(this.byDir, u.dir, i);
    });
    this.dirs = [...this.byDir.keys()].sort();
    this.oddDirs = this.dirs.filter((d) => !d.endsWith('/'));
  }

  /** The items deployed together with `uri`. */
  of(uri: string): T[] {
    const u = unitOf(this.index, uri);
    const key = `${u.roots.join('\u0000')}\u0001${u.chart ?? '\u0002'}\u0001${u.dir}`;
    let answer = this.answers.get(key);
    if (answer) return answer;
    const hit = new Set<number>();
    const take = (l: number[] | undefined): void => {
      if (l) for (const i of l) hit.add(i);
    };
    // deployedTogether: a shared kustomization root; else, when either is in a chart, the same chart;
    // else one folder holds the other. Files of one unit satisfy all three with each other.
    for (const r of u.roots) take(this.byRoot.get(r));
    if (u.chart !== undefined) take(this.byChart.get(u.chart));
    else {
      // Folders holding this one are its prefixes up to a '/' (or, for the rare folder name without a
      // trailing '/', any prefix); folders it holds follow it in sorted order.
      for (let k = u.dir.indexOf('/'); k !== -1; k = u.dir.indexOf('/', k + 1)) take(this.byDir.get(u.dir.slice(0, k + 1)));
      for (const d of this.oddDirs) if (u.dir.startsWith(d)) take(this.byDir.get(d));
      for (let i = lowerBound(this.dirs, u.dir); i < this.dirs.length && this.dirs[i].startsWith(u.dir); i++)
        take(this.byDir.get(this.dirs[i]));
    }
    answer = [...hit].sort((a, b) => a - b).map((i) => this.items[i]);
    this.answers.set(key, answer);
    return answer;
  }
}

const listIndexes = new WeakMap<readonly object[], { key: string; with: DeployedWith<unknown> }>();

/**
 * The items of `list` deployed together with `uri`, for a list that a generation cache keeps (the index
 * of the list is kept with it until the list or where its files are deployed from changes). Objects give
 * their own URI; other items say where theirs is (`uriOf`).
 */
export function deployedWithIn(index: WorkspaceIndex, list: readonly K8sObject[], uri: string): K8sObject[];
export function deployedWithIn<T extends object>(index: WorkspaceIndex, list: readonly T[], uri: string, uriOf: (item: T) => string): T[];
export function deployedWithIn<T extends object>(
  index: WorkspaceIndex,
  list: readonly T[],
  uri: string,
  uriOf: (item: T) => string = (o) => (o as unknown as K8sObject).uri,
): T[] {
  const key = index.kindsKey(UNIT_READS);
  let c = listIndexes.get(list);
  if (!c || c.key !== key) {
    c = { key, with: new DeployedWith(index, list, uriOf) as DeployedWith<unknown> };
    listIndexes.set(list, c);
  }
  return (c.with as DeployedWith<T>).of(uri);
}

function lowerBound(sorted: readonly string[], s: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Custom resource groups whose objects create no Services or Pods (node provisioning, certificates,
 * monitoring rules, load balancer bindings, secrets, routes): they do not make a namespace incomplete.
 */
const INERT_GROUPS: ReadonlySet<string> = new Set([
  'karpenter.sh',
  'karpenter.k8s.aws',
  'eks.amazonaws.com',
  'cert-manager.io',
  'acme.cert-manager.io',
  'monitoring.coreos.com',
  'elbv2.k8s.aws',
  'external-secrets.io',
  'secrets-store.csi.x-k8s.io',
  'gateway.networking.k8s.io',
  'snapshot.storage.k8s.io',
  'policy.networking.k8s.io',
  'vpcresources.k8s.aws',
  'crd.k8s.amazonaws.com',
  'networking.k8s.aws',
  'application-networking.k8s.aws',
  'autoscaling.k8s.io',
  'metrics.k8s.io',
  'scheduling.x-k8s.io',
]);

/** Namespaces the cluster and its add-ons fill: a workspace never holds all their objects. */
const SHARED_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

const CUSTOM_READS: readonly string[] = [CUSTOM_RESOURCES];

interface SourcesCache {
  key: string;
  objects: K8sObject[];
}
const sourcesCache = new WeakMap<WorkspaceIndex, SourcesCache>();

/** Custom resources that may create Services or Pods (operators' CRs, HelmRelease, Argo CD Applications). */
function creatingResources(index: WorkspaceIndex): K8sObject[] {
  const key = index.kindsKey(CUSTOM_READS);
  const c = sourcesCache.get(index);
  if (c && c.key === key) return c.objects;
  const objects: K8sObject[] = [];
  for (const o of index.customResources()) {
    if (INERT_GROUPS.has(o.group) || o.kind === 'CustomResourceDefinition') continue;
    objects.push(o);
  }
  sourcesCache.set(index, { key, objects });
  return objects;
}

/**
 * Why the workspace may not show every object that the deployment of `uri` puts in `namespace`, or
 * undefined when it shows them all as far as we can tell: its build inflates Helm charts or pulls remote
 * resources, its chart has dependencies, or custom resources deployed with it (an operator's, a HelmRelease)
 * may create objects there.
 */
export function unseenSources(index: WorkspaceIndex, uri: string, namespace: string | undefined): string | undefined {
  if (namespace !== undefined && SHARED_NAMESPACES.has(namespace))
    return `${namespace} also holds what the cluster and its add-ons install`;
  for (const m of membershipsOf(index, uri)) if (m.unseen) return m.unseen;
  const chart = index.chartRootOf(uri);
  if (chart !== undefined && chartHasDependencies(index, chart)) return 'its Helm chart has dependencies (subcharts)';
  for (const o of creatingResources(index)) {
    if (!sameNamespace(o.namespace, namespace) || !deployedTogether(index, uri, o.uri)) continue;
    return `${o.kind} ${o.name ?? ''} (${o.apiVersion}) is deployed with it, and its controller may create objects`.replace('  ', ' ');
  }
  return undefined;
}

function chartHasDependencies(index: WorkspaceIndex, chartDir: string): boolean {
  const f = index.chartFile(chartDir);
  if (!f) return false;
  for (const o of f.objects()) {
    const deps = o.node(['dependencies']);
    if (deps && 'items' in deps && Array.isArray((deps as { items: unknown[] }).items) && (deps as { items: unknown[] }).items.length > 0)
      return true;
  }
  return false;
}

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

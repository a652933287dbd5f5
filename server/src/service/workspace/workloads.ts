/**
 * Workloads as the network sees them: for every object that runs Pods (Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, ReplicationController, Job, CronJob, bare Pod) the labels its Pods get, the container ports
 * they declare and whether they use the host network. Namespaces with their labels (plus the
 * `kubernetes.io/metadata.name` label the API server puts on every Namespace).
 *
 * Per-object results are memoised on the object's chunk; the workspace lists per index generation.
 */
import type { K8sObject } from '../model/k8sObject';
import { NAMESPACES_IN_USE, type WorkspaceIndex } from './workspaceIndex';
import { child, nodeAt, scalarString, stringMap, isSeq, type NodePath } from '../model/yamlNodes';
import type { Node, YAMLSeq } from 'yaml';
import { isUnknownText } from '../model/templates';
import { enclosingConditions } from '../parse/template';

function* containerNodes(spec: Node | undefined, doc: import('yaml').Document): Iterable<Node> {
  for (const list of ['containers', 'initContainers']) {
    const cs = child(spec, list, doc);
    if (!isSeq(cs)) continue;
    for (let i = 0; i < (cs as YAMLSeq).items.length && i < 200; i++) { const c = child(cs, i, doc); if (c) yield c; }
  }
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol: string;
  container?: string;
}

export interface Workload {
  obj: K8sObject;
  kind: string;
  name?: string;
  namespace?: string;
  /** Labels of the Pods it creates (the Pod template's labels, or a bare Pod's own labels). */
  podLabels: Record<string, string>;
  ports: ContainerPort[];
  hostNetwork: boolean;
  /** A template may give the Pods labels not shown (or some are template actions): they may match any selector. */
  labelsOpen: boolean;
  /** A template may add containers or ports not shown (or some port names are template actions). */
  portsOpen: boolean;
}

export interface NamespaceInfo {
  name: string;
  /** Labels including `kubernetes.io/metadata.name`. */
  labels: Record<string, string>;
  obj?: K8sObject;
}

/** Path from the object root to its Pod template (an object with metadata and spec), by kind. */
export const POD_TEMPLATE_PATHS: Record<string, NodePath> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The workload view of one object, or undefined when it does not run Pods. */
export function workloadOf(obj: K8sObject): Workload | undefined {
  const kind = obj.kind;
  if (!kind || !(kind in POD_TEMPLATE_PATHS)) return undefined;
  const key = `workload:${obj.docIndex}`;
  const memo = obj.chunk.memo;
  if (memo.has(key)) return memo.get(key) as Workload | undefined;
  let w: Workload | undefined;
  try {
    const tpl = obj.node(POD_TEMPLATE_PATHS[kind]);
    if (tpl) {
      const doc = obj.doc;
      const podLabels = stringMap(nodeAt(tpl, ['metadata', 'labels'], doc), doc);
      const spec = child(tpl, 'spec', doc);
      const ports: ContainerPort[] = [];
      for (const list of ['containers', 'initContainers']) {
        const cs = child(spec, list, doc);
        if (!isSeq(cs)) continue;
        for (let i = 0; i < (cs as YAMLSeq).items.length && i < 200; i++) {
          const c = child(cs, i, doc);
          const cname = scalarString(child(c, 'name', doc));
          const ps = child(c, 'ports', doc);
          if (!isSeq(ps)) continue;
          for (let j = 0; j < (ps as YAMLSeq).items.length && j < 200; j++) {
            const p = child(ps, j, doc);
            const num = Number(scalarString(child(p, 'containerPort', doc)));
            ports.push({
              name: scalarString(child(p, 'name', doc)),
              containerPort: Number.isInteger(num) ? num : undefined,
              protocol: scalarString(child(p, 'protocol', doc)) ?? 'TCP',
              container: cname,
            });
          }
        }
      }
      // In a template, `hostNetwork: true` inside `{{ if }}` holds only when a value says so: not known here.
      const hostNode = child(spec, 'hostNetwork', doc);
      const hostRange = (hostNode as { range?: number[] } | undefined)?.range;
      const hostNetwork = scalarString(hostNode) === 'true' && !(obj.hasTemplates && hostRange && enclosingConditions(obj.chunk.source, hostRange[0]).length > 0);
      const labelsNode = nodeAt(tpl, ['metadata', 'labels'], doc);
      const labelsOpen = Object.entries(podLabels).some(([k, v]) => isUnknownText(k) || isUnknownText(v))
        || (obj.hasTemplates && (labelsNode !== undefined ? obj.isOpen(labelsNode) : obj.isOpen(nodeAt(tpl, ['metadata'], doc) ?? tpl)));
      const portsOpen = ports.some((p) => (p.name !== undefined && isUnknownText(p.name)))
        || (obj.hasTemplates && (obj.isOpen(child(spec, 'containers', doc)) || [...containerNodes(spec, doc)].some((c) => obj.isOpen(c) || obj.isOpen(child(c, 'ports', doc)))));
      w = { obj, kind, name: obj.name, namespace: obj.namespace, podLabels, ports, hostNetwork, labelsOpen, portsOpen };
    }
  } catch {
    w = undefined;
  }
  memo.set(key, w);
  return w;
}

interface Cached { key: string; workloads: Workload[]; namespaces: NamespaceInfo[]; usedNamespaces: string[]; byNamespace: Map<string, Workload[]> }
const cache = new WeakMap<WorkspaceIndex, Cached>();

/** What the workspace views below are built from: re-built only when one of these changes. */
export const WORKLOADS_AND_NAMESPACES: readonly string[] = [...Object.keys(POD_TEMPLATE_PATHS), 'Namespace', NAMESPACES_IN_USE];

function cached(index: WorkspaceIndex): Cached {
  const key = index.kindsKey(WORKLOADS_AND_NAMESPACES);
  let c = cache.get(index);
  if (c && c.key === key) return c;
  const workloads: Workload[] = [];
  for (const kind of Object.keys(POD_TEMPLATE_PATHS)) {
    for (const o of index.byKind(kind)) {
      const w = workloadOf(o);
      if (w) workloads.push(w);
    }
  }
  const namespaces: NamespaceInfo[] = [];
  for (const o of index.byKind('Namespace')) {
    if (!o.name || (o.apiVersion !== undefined && o.apiVersion !== 'v1')) continue;
    namespaces.push({ name: o.name, labels: { ...o.labels, [NAMESPACE_NAME_LABEL]: o.name }, obj: o });
  }
  const used = new Set<string>();
  for (const o of index.all()) if (o.namespace) used.add(o.namespace);
  c = { key, workloads, namespaces, usedNamespaces: [...used], byNamespace: new Map() };
  cache.set(index, c);
  return c;
}

/** Every workload in the workspace (cached until workloads or namespaces change). */
export function workloadsIn(index: WorkspaceIndex): Workload[] {
  return cached(index).workloads;
}

/** Every Namespace object in the workspace, with its labels (cached until workloads or namespaces change). */
export function namespacesIn(index: WorkspaceIndex): NamespaceInfo[] {
  return cached(index).namespaces;
}

/** Every namespace some object of the workspace names in `metadata.namespace` (cached until workloads or namespaces change). */
export function usedNamespacesIn(index: WorkspaceIndex): string[] {
  return cached(index).usedNamespaces;
}

/**
 * Workloads that may run in a namespace: those in it and those without a namespace (applied with `-n`).
 * With no namespace, every workload (see sameNamespace). Cached until workloads or namespaces change.
 */
export function workloadsInNamespace(index: WorkspaceIndex, namespace: string | undefined): Workload[] {
  const c = cached(index);
  if (namespace === undefined) return c.workloads;
  let list = c.byNamespace.get(namespace);
  if (!list) {
    list = c.workloads.filter((w) => w.namespace === undefined || w.namespace === namespace);
    c.byNamespace.set(namespace, list);
  }
  return list;
}

/**
 * Workloads as the network sees them: for every object that runs Pods (Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, ReplicationController, Job, CronJob, bare Pod) the labels its Pods get, the container ports
 * they declare and whether they use the host network. Namespaces with their labels (plus the
 * `kubernetes.io/metadata.name` label the API server puts on every Namespace).
 *
 * Per-object results are memoised on the object's chunk; the workspace lists per index generation.
 */
import type { K8sObject } from '@shared/manifest/k8sObject';
import { NAMESPACES_IN_USE, type WorkspaceIndex } from './workspaceIndex';
import { indexCache } from './indexCache';
import { MemoKey } from '@shared/manifest/memo';
import { child, nodeAt, scalarString, stringMap, isSeq, type NodePath } from '@shared/manifest/yamlNodes';
import { isUnknownNode, isUnknownText } from '@shared/manifest/templates';
import { enclosingConditions } from '@shared/manifest/template';
import type { Node, YAMLSeq } from 'yaml';

function* containerNodes(spec: Node | undefined, doc: import('yaml').Document): Iterable<Node> {
  for (const list of ['containers', 'initContainers']) {
    const cs = child(spec, list, doc);
    if (!isSeq(cs)) continue;
    for (let i = 0; i < (cs as YAMLSeq).items.length && i < 200; i++) {
      const c = child(cs, i, doc);
      if (c) yield c;
    }
  }
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol: string;
  container?: string;
}

/** One container of a Pod template (containers and initContainers), in the order written. */
export interface ContainerInfo {
  /** The name when it is known (not a template action or placeholder). */
  name?: string;
  nameNode?: Node;
  list: 'containers' | 'initContainers';
  index: number;
  /** The container's map node. */
  node: Node;
  ports: ContainerPort[];
}

export interface Workload {
  obj: K8sObject;
  kind: string;
  name?: string;
  namespace?: string;
  /** Path from the object root to the Pod template (`[]` for a bare Pod). */
  templatePath: NodePath;
  /** Labels of the Pods it creates (the Pod template's labels, or a bare Pod's own labels). */
  podLabels: Record<string, string>;
  ports: ContainerPort[];
  /** Every container and init container of the Pod template. */
  containers: ContainerInfo[];
  /**
   * False when the list of containers may hold more than is written: a container name or a list is a
   * template action or placeholder (then no "no such container" finding may come from it).
   */
  containersKnown: boolean;
  /** `spec.serviceAccountName` (or the deprecated `spec.serviceAccount`) of the Pod template, with its node. */
  serviceAccountName?: string;
  serviceAccountNode?: Node;
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

/** The API groups each workload kind is served from (`extensions` for the legacy Deployment/DaemonSet/ReplicaSet). */
const WORKLOAD_GROUPS: Record<string, readonly string[]> = {
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  ReplicationController: [''],
  Job: ['batch'],
  CronJob: ['batch'],
  Pod: [''],
};

/** The path to an object's Pod template (for a bare Pod: the root), or undefined when it runs no Pods. */
export function podTemplatePath(obj: K8sObject): NodePath | undefined {
  const kind = obj.kind;
  if (!kind || !WORKLOAD_GROUPS[kind]?.includes(obj.group)) return undefined;
  return POD_TEMPLATE_PATHS[kind];
}

/** The path to the Pod spec an object runs its Pods with. */
export function podSpecPath(obj: K8sObject): NodePath | undefined {
  const t = podTemplatePath(obj);
  return t && [...t, 'spec'];
}

/** The path to the labels its Pods get. */
export function podLabelsPath(obj: K8sObject): NodePath | undefined {
  const t = podTemplatePath(obj);
  return t && [...t, 'metadata', 'labels'];
}

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The workload view of one object, or undefined when it does not run Pods. */
export function workloadOf(obj: K8sObject): Workload | undefined {
  const kind = obj.kind;
  const path = podTemplatePath(obj);
  if (!kind || !path) return undefined;
  if (obj.memo.has(WORKLOAD)) return obj.memo.get(WORKLOAD);
  let w: Workload | undefined;
  try {
    const tpl = obj.node(path);
    if (tpl) {
      const doc = obj.doc;
      const podLabels = stringMap(nodeAt(tpl, ['metadata', 'labels'], doc), doc);
      const spec = child(tpl, 'spec', doc);
      const ports: ContainerPort[] = [];
      const containers: ContainerInfo[] = [];
      const specPath = [...path, 'spec'];
      let containersKnown = !obj.isOpen(specPath) && !obj.hasTemplateLines;
      for (const list of ['containers', 'initContainers'] as const) {
        const cs = child(spec, list, doc);
        if (cs !== undefined && !isSeq(cs)) {
          containersKnown = false;
          continue;
        }
        if (!isSeq(cs)) continue;
        if (obj.isOpen(cs)) containersKnown = false;
        for (let i = 0; i < (cs as YAMLSeq).items.length && i < 200; i++) {
          const c = child(cs, i, doc);
          const nameNode = child(c, 'name', doc);
          const unknownName = nameNode === undefined || isUnknownNode(nameNode);
          if (unknownName) containersKnown = false;
          const cname = unknownName ? undefined : scalarString(nameNode);
          const own: ContainerPort[] = [];
          const ps = child(c, 'ports', doc);
          if (isSeq(ps)) {
            for (let j = 0; j < (ps as YAMLSeq).items.length && j < 200; j++) {
              const p = child(ps, j, doc);
              const num = Number(scalarString(child(p, 'containerPort', doc)));
              own.push({
                name: scalarString(child(p, 'name', doc)),
                containerPort: Number.isInteger(num) ? num : undefined,
                protocol: scalarString(child(p, 'protocol', doc)) ?? 'TCP',
                container: cname,
              });
            }
          }
          ports.push(...own);
          if (c) containers.push({ name: cname, nameNode, list, index: i, node: c, ports: own });
        }
      }
      // In a template, `hostNetwork: true` inside `{{ if }}` holds only when a value says so: not known here.
      const hostNode = child(spec, 'hostNetwork', doc);
      const hostRange = (hostNode as { range?: number[] } | undefined)?.range;
      const hostNetwork =
        scalarString(hostNode) === 'true' &&
        !(obj.hasTemplates && hostRange && enclosingConditions(obj.chunk.source, hostRange[0]).length > 0);
      const labelsNode = nodeAt(tpl, ['metadata', 'labels'], doc);
      const labelsOpen =
        Object.entries(podLabels).some(([k, v]) => isUnknownText(k) || isUnknownText(v)) ||
        (obj.hasTemplates && (labelsNode !== undefined ? obj.isOpen(labelsNode) : obj.isOpen(nodeAt(tpl, ['metadata'], doc) ?? tpl)));
      const portsOpen =
        ports.some((p) => p.name !== undefined && isUnknownText(p.name)) ||
        (obj.hasTemplates &&
          (obj.isOpen(child(spec, 'containers', doc)) ||
            [...containerNodes(spec, doc)].some((c) => obj.isOpen(c) || obj.isOpen(child(c, 'ports', doc)))));
      const saNode = child(spec, 'serviceAccountName', doc) ?? child(spec, 'serviceAccount', doc);
      w = {
        obj,
        kind,
        name: obj.name,
        namespace: obj.namespace,
        templatePath: path,
        podLabels,
        ports,
        containers,
        containersKnown,
        serviceAccountName: scalarString(saNode),
        serviceAccountNode: saNode,
        hostNetwork,
        labelsOpen,
        portsOpen,
      };
    }
  } catch {
    w = undefined;
  }
  obj.memo.set(WORKLOAD, w);
  return w;
}

const WORKLOAD = new MemoKey<Workload | undefined>('workload');

interface Cached {
  workloads: Workload[];
  namespaces: NamespaceInfo[];
  usedNamespaces: string[];
  byNamespace: Map<string, Workload[]>;
}

/** What the workspace views below are built from: re-built only when one of these changes. */
export const WORKLOADS_AND_NAMESPACES: readonly string[] = [...Object.keys(POD_TEMPLATE_PATHS), 'Namespace', NAMESPACES_IN_USE];

const cached = indexCache(WORKLOADS_AND_NAMESPACES, (index): Cached => {
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
  return { workloads, namespaces, usedNamespaces: [...used], byNamespace: new Map() };
});

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

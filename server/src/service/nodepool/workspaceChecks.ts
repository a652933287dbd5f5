/**
 * Cross-document checks: NodePool → NodeClass references, and workloads whose settings must agree with the
 * NodePools they can run on (termination grace periods, PodDisruptionBudgets on Auto Mode).
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { Check } from '../checks/types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { isUnknownText } from '@shared/manifest/templates';
import { podLabelsPath, podSpecPath, workloadsInNamespace, WORKLOADS_AND_NAMESPACES } from '../workspace/workloads';
import { sameNamespace } from '@shared/manifest/k8sObject';
import { nodeRange, pairs, keyString, resolve, scalarString, stringMap } from '@shared/manifest/yamlNodes';
import { WELL_KNOWN_NODE_LABELS } from './catalog';
import { readSelector, matches } from '../model/labelSelector';
import { indexCache } from '../workspace/indexCache';
import {
  durationSeconds,
  humanDuration,
  isAutoMode,
  isAutoModeNodeClass,
  isNodePoolV1,
  nodePoolRequirements,
  requirementsAt,
  taintsOf,
  type Requirement,
  type Taint,
} from './model';

// ───────────────────────────── can a Pod land on a NodePool? ─────────────────────────────

interface PoolView {
  labels: Record<string, string>;
  reqs: Requirement[];
  taints: Taint[];
}

/** A NodePool of the workspace, read once per change of the workspace's NodePools. */
interface PoolInfo {
  obj: K8sObject;
  view: PoolView;
  auto: boolean;
  tgpSecs?: number;
  tgpNode?: Node;
  tgpDefault?: boolean;
}

/** EKS Auto Mode gives NodeClaims a 24-hour terminationGracePeriod when the NodePool sets none (create-node-pool.html, Termination Grace Period). */
export const AUTO_MODE_DEFAULT_TGP = 24 * 3600;

/** Every karpenter.sh/v1 NodePool of the workspace with what the cross-document checks need (rebuilt when NodePools change). */
const poolTable = indexCache(['NodePool'], (index): PoolInfo[] =>
  index
    .byKind('NodePool')
    .filter(isNodePoolV1)
    .map((np): PoolInfo => {
      const tgpNode = np.node(['spec', 'template', 'spec', 'terminationGracePeriod']);
      const auto = isAutoMode(np);
      const written = durationSeconds(scalarString(tgpNode) ?? '');
      const tgpDefault = !tgpNode && auto;
      return {
        obj: np,
        auto,
        tgpNode,
        tgpDefault,
        tgpSecs: written ?? (tgpDefault ? AUTO_MODE_DEFAULT_TGP : undefined),
        view: {
          labels: {
            ...stringMap(np.node(['spec', 'template', 'metadata', 'labels']), np.doc),
            ...(np.name ? { 'karpenter.sh/nodepool': np.name } : {}),
          },
          reqs: nodePoolRequirements(np),
          taints: taintsOf(np.node(['spec', 'template', 'spec', 'taints']), np),
        },
      };
    }),
);

function cmp(op: string, label: number, bound: number): boolean {
  return op === 'Gt' ? label > bound : op === 'Lt' ? label < bound : op === 'Gte' ? label >= bound : label <= bound;
}

/** Can a node of this pool carry label key=value? */
function poolAllows(pool: PoolView, key: string, value: string): boolean {
  if (key in pool.labels) return pool.labels[key] === value;
  const reqs = pool.reqs.filter((r) => r.key === key);
  if (reqs.length === 0) return WELL_KNOWN_NODE_LABELS.has(key);
  return reqs.every((r) => {
    switch (r.operator) {
      case 'In':
        return r.values.includes(value);
      case 'NotIn':
        return !r.values.includes(value);
      case 'Exists':
        return true;
      case 'DoesNotExist':
        return false;
      case 'Gt':
      case 'Lt':
      case 'Gte':
      case 'Lte':
        return /^\d+$/.test(value) && r.values.length === 1 ? cmp(r.operator, Number(value), Number(r.values[0])) : true;
      default:
        return true;
    }
  });
}

/** Could a node of this pool have the label at all? */
function poolMayHave(pool: PoolView, key: string): boolean {
  if (key in pool.labels) return true;
  const reqs = pool.reqs.filter((r) => r.key === key);
  if (reqs.some((r) => r.operator === 'DoesNotExist')) return false;
  return reqs.length > 0 || WELL_KNOWN_NODE_LABELS.has(key);
}

/** Must every node of this pool have the label? */
function poolMustHave(pool: PoolView, key: string): boolean {
  return key in pool.labels || pool.reqs.some((r) => r.key === key && (r.operator === 'In' || r.operator === 'Exists'));
}

function expressionFits(pool: PoolView, e: Requirement): boolean {
  if (!e.key) return true;
  switch (e.operator) {
    case 'In':
      return e.values.some((v) => poolAllows(pool, e.key!, v));
    case 'NotIn':
      return !(e.key in pool.labels && e.values.includes(pool.labels[e.key]));
    case 'Exists':
      return poolMayHave(pool, e.key);
    case 'DoesNotExist':
      return !poolMustHave(pool, e.key);
    default:
      return true;
  }
}

function tolerates(tolerations: Record<string, string>[], t: Taint): boolean {
  return tolerations.some((tol) => {
    const op = tol.operator || 'Equal';
    if (tol.effect && tol.effect !== t.effect) return false;
    if (!tol.key) return op === 'Exists';
    if (tol.key !== t.key) return false;
    return op === 'Exists' || (tol.value ?? '') === (t.value ?? '');
  });
}

/** The scheduling constraints of a Pod spec that decide which NodePools it can land on. */
interface PodConstraints {
  nodeSelector: [string, string][];
  terms?: Requirement[][];
  tolerations: Record<string, string>[];
}

function podConstraints(podSpec: Node | undefined, obj: K8sObject): PodConstraints {
  const spec = resolve(podSpec, obj.doc);
  const get = (k: string) => resolve(pairs(spec).find((p) => keyString(p) === k)?.value, obj.doc);
  const termsNode = resolveAt(
    get('affinity'),
    ['nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'],
    obj,
  );
  const terms =
    isSeq(termsNode) && termsNode.items.length > 0
      ? termsNode.items.map((raw) => requirementsAt(resolveAt(resolve(raw, obj.doc), ['matchExpressions'], obj), obj))
      : undefined;
  const tolNode = get('tolerations');
  return {
    nodeSelector: Object.entries(stringMap(get('nodeSelector'), obj.doc)),
    terms,
    tolerations: isSeq(tolNode) ? tolNode.items.map((t) => stringMap(resolve(t, obj.doc), obj.doc)) : [],
  };
}

/** Whether Pods with these constraints can be scheduled on nodes of the pool (undecidable parts count as yes). */
function fits(c: PodConstraints, pool: PoolView): boolean {
  for (const [k, v] of c.nodeSelector) if (!poolAllows(pool, k, v)) return false;
  if (c.terms && !c.terms.some((term) => term.every((e) => expressionFits(pool, e)))) return false;
  for (const t of pool.taints) if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(c.tolerations, t)) return false;
  return true;
}

/** Whether Pods with this spec can be scheduled on nodes of the NodePool. */
export function canLand(podSpec: Node | undefined, obj: K8sObject, np: K8sObject, index: WorkspaceIndex): boolean {
  const info = poolTable(index).find((p) => p.obj === np);
  return info ? fits(podConstraints(podSpec, obj), info.view) : true;
}

function resolveAt(node: Node | undefined, path: string[], obj: K8sObject): Node | undefined {
  let n = resolve(node, obj.doc);
  for (const seg of path) {
    n = resolve(pairs(n).find((p) => keyString(p) === seg)?.value, obj.doc);
    if (!n) return undefined;
  }
  return n;
}

function relatedAt(np: K8sObject, node: Node | undefined, message: string) {
  const r = nodeRange(node) ?? np.documentOffsets();
  return { uri: np.uri, chunk: np.chunk, start: r[0], end: r[1], message };
}

// ───────────────────────────── checks ─────────────────────────────

export const nodeClassRefCheck: Check = {
  id: 'nodepool.nodeClassRef',
  scope: 'workspace',
  reads: ['NodeClass'],
  appliesTo: isNodePoolV1,
  run(ctx) {
    const ref = ['spec', 'template', 'spec', 'nodeClassRef'];
    if (scalarString(ctx.obj.node([...ref, 'group'])) !== 'eks.amazonaws.com') return;
    if (scalarString(ctx.obj.node([...ref, 'kind'])) !== 'NodeClass') return;
    const nameNode = ctx.obj.node([...ref, 'name']);
    const name = scalarString(nameNode);
    if (!name || name === 'default' || isUnknownText(name)) return;
    if (ctx.index.byKind('NodeClass').some((o) => isAutoModeNodeClass(o) && o.name === name)) return;
    ctx.report(
      'nodepool-nodeclass-missing',
      nameNode,
      `No NodeClass "${name}" in the workspace. Create it (kind: NodeClass, apiVersion: eks.amazonaws.com/v1) or use Auto Mode's built-in "default"; until it exists the NodePool launches no nodes.`,
    );
  },
};

export const podGraceCheck: Check = {
  id: 'nodepool.podGrace',
  scope: 'workspace',
  reads: ['NodePool'],
  appliesTo: (o) => podSpecPath(o) !== undefined,
  run(ctx) {
    const path = podSpecPath(ctx.obj)!;
    const graceNode = ctx.obj.node([...path, 'terminationGracePeriodSeconds']);
    const grace = Number(scalarString(graceNode));
    if (!graceNode || !Number.isFinite(grace)) return;
    const pools = poolTable(ctx.index).filter((p) => p.tgpSecs !== undefined && grace > p.tgpSecs);
    if (!pools.length) return;
    const c = podConstraints(ctx.obj.node(path), ctx.obj);
    const over = pools
      .filter((p) => fits(c, p.view))
      .map((p) => ({ np: p.obj, secs: p.tgpSecs!, node: p.tgpNode, byDefault: p.tgpDefault }));
    if (!over.length) return;
    const names =
      over
        .slice(0, 3)
        .map(
          (o) =>
            `${o.np.name ?? '(unnamed)'} (${humanDuration(o.secs)}${o.byDefault ? ', the EKS Auto Mode default when the NodePool sets none' : ''})`,
        )
        .join(', ') + (over.length > 3 ? ` and ${over.length - 3} more` : '');
    ctx.report(
      'pod-grace-exceeds-nodepool',
      graceNode,
      `terminationGracePeriodSeconds ${grace} (${humanDuration(grace)}) is longer than the terminationGracePeriod of NodePool ${names}, where these Pods can run: when such a node drains, the Pods are killed before their grace period ends. Lower it below the NodePool's value, raise the NodePool's, or keep the Pods off that NodePool.`,
      {
        fixes: graceFix(graceNode, Math.min(...over.map((o) => o.secs))),
        related: over
          .slice(0, 10)
          .map((o) =>
            relatedAt(
              o.np,
              o.node ?? o.np.node(['spec', 'template', 'spec']),
              `NodePool ${o.np.name ?? ''} terminationGracePeriod: ${humanDuration(o.secs)}${o.byDefault ? ' (Auto Mode default)' : ''}`,
            ),
          ),
      },
    );
  },
};

function graceFix(node: Node, secs: number) {
  const r = nodeRange(node);
  return r
    ? [
        {
          title: `Set terminationGracePeriodSeconds to ${secs} (the NodePool's limit)`,
          edits: [{ start: r[0], end: r[1], newText: String(secs) }],
        },
      ]
    : [];
}

/**
 * Whether a PodDisruptionBudget selects Pods with these labels. A missing selector selects none; an empty one
 * (`selector: {}`) selects every Pod of the namespace in policy/v1 and none in policy/v1beta1 (deprecation guide,
 * PodDisruptionBudget v1.25).
 */
export function pdbSelects(pdb: K8sObject, labels: Record<string, string>): boolean {
  const sel = resolve(pdb.node(['spec', 'selector']), pdb.doc);
  if (!isMap(sel)) return false;
  const s = readSelector(sel, pdb.doc);
  const empty = Object.keys(s.matchLabels).length === 0 && !isSeq(resolveAt(sel, ['matchExpressions'], pdb));
  if (empty) return pdb.apiVersion === 'policy/v1';
  return matches(s, labels);
}

export const workloadPdbCheck: Check = {
  id: 'nodepool.workloadPdb',
  scope: 'workspace',
  reads: ['NodePool', 'PodDisruptionBudget'],
  appliesTo: (o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.group === 'apps',
  run(ctx) {
    const { obj } = ctx;
    const replicasNode = obj.node(['spec', 'replicas']);
    const replicas = Number(scalarString(replicasNode));
    if (!replicasNode || !Number.isInteger(replicas) || replicas <= 1) return;
    const c = podConstraints(obj.node(podSpecPath(obj)!), obj);
    const selectsAuto = c.nodeSelector.some(([k, v]) => k === 'eks.amazonaws.com/compute-type' && v === 'auto');
    // Name at most three Auto Mode NodePools the Pods can land on (stop looking after that).
    const autoPools: K8sObject[] = [];
    for (const p of poolTable(ctx.index)) {
      if (p.auto && fits(c, p.view)) autoPools.push(p.obj);
      if (autoPools.length === 3) break;
    }
    if (!selectsAuto && autoPools.length === 0) return;
    const labels = stringMap(obj.node(podLabelsPath(obj)!), obj.doc);
    if (Object.keys(labels).length === 0) return;
    const covered = ctx.index
      .byKind('PodDisruptionBudget')
      .some((pdb) => sameNamespace(pdb.namespace, obj.namespace) && pdbSelects(pdb, labels));
    if (covered) return;
    const where = autoPools.length ? `EKS Auto Mode NodePool ${autoPools.map((n) => n.name).join(', ')}` : 'EKS Auto Mode nodes';
    ctx.report(
      'workload-no-pdb',
      replicasNode,
      `${obj.kind} ${obj.name ?? ''} runs ${replicas} replicas on ${where} without a PodDisruptionBudget. Auto Mode replaces nodes on its own (consolidation, drift, at most every 21 days); a PodDisruptionBudget (e.g. maxUnavailable: 1) keeps replicas from going down together.`,
      { related: autoPools.map((np) => relatedAt(np, np.node(['metadata', 'name']), `Auto Mode NodePool ${np.name ?? ''}`)) },
    );
  },
};

// ───────────────────────────── PodDisruptionBudgets that allow no eviction ─────────────────────────────

/** Replicas of a workload the PDB covers, when fixed (undefined: unknown or scaled by an HPA). */
function fixedReplicas(w: K8sObject, hpaTargets: Set<string>): number | undefined {
  if (w.kind === 'Pod') return 1;
  if (!['Deployment', 'StatefulSet', 'ReplicaSet'].includes(w.kind ?? '')) return undefined;
  if (hpaTargets.has(`${w.namespace ?? ''}/${w.kind}/${w.name ?? ''}`)) return undefined;
  const n = w.node(['spec', 'replicas']);
  if (!n) return undefined; // defaulted to 1, but an overlay (kustomize, Helm values) often sets it
  const v = scalarString(n);
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

const hpaTable = indexCache(
  ['HorizontalPodAutoscaler'],
  (index) =>
    new Set(
      index.byKind('HorizontalPodAutoscaler').map((h) => {
        const kind = scalarString(h.node(['spec', 'scaleTargetRef', 'kind'])),
          name = scalarString(h.node(['spec', 'scaleTargetRef', 'name']));
        return `${h.namespace ?? ''}/${kind ?? ''}/${name ?? ''}`;
      }),
    ),
);

export const pdbEvictionCheck: Check = {
  id: 'nodepool.pdbEviction',
  scope: 'workspace',
  reads: [...WORKLOADS_AND_NAMESPACES, 'HorizontalPodAutoscaler'],
  appliesTo: (o) => o.kind === 'PodDisruptionBudget' && o.group === 'policy',
  run(ctx) {
    const pdb = ctx.obj;
    const maxU = pdb.node(['spec', 'maxUnavailable']);
    const minA = pdb.node(['spec', 'minAvailable']);
    const maxText = scalarString(maxU),
      minText = scalarString(minA);
    const why =
      'Voluntary evictions are then refused, so node drains wait on these Pods: Karpenter and EKS Auto Mode cannot consolidate, expire or update their nodes (Auto Mode replaces nodes at most every 21 days and forces the drain after the terminationGracePeriod), and managed node group updates stall.';
    if (maxU && (maxText === '0' || maxText === '0%')) {
      ctx.report(
        'pdb-blocks-eviction',
        maxU,
        `maxUnavailable ${maxText} lets no Pod be evicted. ${why} Allow at least one (maxUnavailable: 1).`,
      );
      return;
    }
    if (minA && minText === '100%') {
      ctx.report('pdb-blocks-eviction', minA, `minAvailable 100% lets no Pod be evicted. ${why} Use maxUnavailable: 1 instead.`);
      return;
    }
    if (!minA || minText === undefined || !/^\d+$/.test(minText)) return;
    const min = Number(minText);
    const hpas = hpaTable(ctx.index);
    const covered = workloadsInNamespace(ctx.index, pdb.namespace).filter(
      (w) => w.namespace === pdb.namespace && Object.keys(w.podLabels).length && pdbSelects(pdb, w.podLabels),
    );
    if (!covered.length) return;
    const counts = covered.map((w) => fixedReplicas(w.obj, hpas));
    if (counts.some((c) => c === undefined)) return;
    const total = counts.reduce((a, b) => a! + b!, 0)!;
    if (total > min) return;
    const names = covered
      .slice(0, 3)
      .map((w) => `${w.kind} ${w.name ?? ''}`)
      .join(', ');
    // Information only: the replicas written here may be changed by an overlay or a controller at deploy time.
    ctx.report(
      'pdb-blocks-eviction',
      minA,
      `minAvailable ${min} is not below the ${total} replica${total === 1 ? '' : 's'} written for ${names}, so no Pod can be evicted. ${why} Keep minAvailable below the replicas, or use maxUnavailable: 1.`,
      {
        severity: 'info',
        related: covered
          .slice(0, 5)
          .map((w) =>
            relatedAt(
              w.obj,
              w.obj.node(['spec', 'replicas']) ?? w.obj.node(['metadata', 'name']),
              `${w.kind} ${w.name ?? ''}: ${fixedReplicas(w.obj, hpas)} replica(s)`,
            ),
          ),
      },
    );
  },
};

/** NetworkPolicy cross-document diagnostics: selectors and named ports against the workspace's workloads and Namespaces, hostNetwork, EKS enforcement. */
import type { Check } from '../checks/types';
import { scalarString } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { namespacesIn, usedNamespacesIn, workloadsIn, workloadsInNamespace, NAMESPACE_NAME_LABEL, WORKLOADS_AND_NAMESPACES, type Workload } from '../workspace/workloads';
import { isEmptySelector, isNetworkPolicy, matches, readPolicy, selectorText, type Direction, type Peer, type Policy, type Selector } from './model';

const DIRS: Direction[] = ['ingress', 'egress'];

/** Namespaces that exist in every cluster (their only known label is the name label). */
const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function selectedWorkloads(p: Policy, index: WorkspaceIndex): { candidates: Workload[]; selected: Workload[] } {
  const candidates = workloadsInNamespace(index, p.obj.namespace);
  return { candidates, selected: candidates.filter((w) => matches(p.podSelector, w.podLabels)) };
}

/**
 * The workloads a peer's podSelector reaches. With a namespaceSelector (an AND peer) only workloads of the
 * namespaces it selects count; undefined when that cannot be told (a namespace the workspace does not declare,
 * selected by labels other than its name).
 */
function peerWorkloads(peer: Peer, all: Workload[], candidates: Workload[], nsLabels: Map<string, Record<string, string>>): Workload[] | undefined {
  if (!peer.podSelector || peer.ipBlock) return undefined;
  const ns = peer.namespaceSelector;
  if (!ns) return candidates.filter((w) => matches(peer.podSelector!, w.podLabels));
  const byNameOnly = [...Object.keys(ns.matchLabels), ...ns.expressions.map((e) => e.key)].every((k) => k === NAMESPACE_NAME_LABEL);
  const out: Workload[] = [];
  for (const w of all) {
    if (!matches(peer.podSelector, w.podLabels)) continue;
    if (w.namespace === undefined) { out.push(w); continue; }
    const labels = nsLabels.get(w.namespace);
    if (!labels && !byNameOnly) return undefined;
    if (matches(ns, labels ?? { [NAMESPACE_NAME_LABEL]: w.namespace })) out.push(w);
  }
  return out;
}

/** Selectors with template placeholders (`{{ .Values.x }}`, `${VAR}`) are filled in later: never report them. */
function templated(s: Selector): boolean {
  const texts = [...Object.keys(s.matchLabels), ...Object.values(s.matchLabels), ...s.expressions.flatMap((e) => [e.key, ...e.values])];
  return texts.some(isUnknownText);
}

function workloadName(w: Workload): string {
  return `${w.kind} ${w.namespace ? w.namespace + '/' : ''}${w.name ?? '?'}`;
}

export const networkPolicyWorkspaceCheck: Check = {
  id: 'networkpolicy-workspace',
  scope: 'workspace',
  reads: [...WORKLOADS_AND_NAMESPACES, 'ConfigMap', 'NodeClass'],
  appliesTo: isNetworkPolicy,
  run(ctx) {
    const p = readPolicy(ctx.obj);
    const all = workloadsIn(ctx.index);
    const { candidates, selected } = selectedWorkloads(p, ctx.index);

    // podSelector of the policy
    if (candidates.length && !selected.length && !isEmptySelector(p.podSelector) && !templated(p.podSelector)) {
      ctx.report('np-pod-selector-no-match', p.podSelectorNode, `No workload in ${p.obj.namespace ? `namespace ${p.obj.namespace}` : 'the workspace'} has Pods with ${selectorText(p.podSelector)}; this policy selects nothing here (${candidates.length} workload${candidates.length === 1 ? '' : 's'} checked)`);
    }
    // podSelector-only peers (same namespace)
    for (const dir of DIRS) for (const rule of p[dir] ?? []) for (const peer of rule.peers ?? []) {
      if (!peer.podSelector || peer.namespaceSelector || peer.ipBlock || isEmptySelector(peer.podSelector) || templated(peer.podSelector)) continue;
      if (candidates.length && !candidates.some((w) => matches(peer.podSelector!, w.podLabels))) {
        ctx.report('np-pod-selector-no-match', peer.podSelector.node ?? peer.node, `No workload in ${p.obj.namespace ? `namespace ${p.obj.namespace}` : 'the workspace'} has Pods with ${selectorText(peer.podSelector)}, so this peer matches nothing here`);
      }
    }

    // namespaceSelector against the workspace's Namespaces
    const nss = namespacesIn(ctx.index);
    if (nss.length) {
      const known = new Set(nss.map((n) => n.name));
      const implicit = new Set<string>(BUILTIN_NAMESPACES);
      for (const n of usedNamespacesIn(ctx.index)) if (!known.has(n)) implicit.add(n);
      const pool = [...nss.map((n) => n.labels), ...[...implicit].filter((n) => !known.has(n)).map((n) => ({ [NAMESPACE_NAME_LABEL]: n }))];
      for (const dir of DIRS) for (const rule of p[dir] ?? []) for (const peer of rule.peers ?? []) {
        const s = peer.namespaceSelector;
        if (!s || isEmptySelector(s) || templated(s)) continue;
        if (!pool.some((labels) => matches(s, labels))) {
          ctx.report('np-namespace-selector-no-match', s.node ?? peer.node, `No Namespace in the workspace has ${selectorText(s)} (every Namespace also carries ${NAMESPACE_NAME_LABEL}=<its name>); this peer matches nothing here`);
        }
      }
    }

    // named ports
    for (const dir of DIRS) for (const rule of p[dir] ?? []) {
      let targets: Workload[] | undefined;
      if (dir === 'ingress') targets = selected;
      else {
        const nsLabels = new Map(namespacesIn(ctx.index).map((n) => [n.name, n.labels]));
        const sets = (rule.peers ?? []).map((peer) => peerWorkloads(peer, all, candidates, nsLabels));
        targets = sets.length && sets.every((x) => x !== undefined) ? sets.flat() as Workload[] : undefined;
      }
      if (!targets || !targets.length) continue;
      for (const port of rule.ports ?? []) {
        if (typeof port.port !== 'string' || /^\d+$/.test(port.port)) continue;
        const name = port.port;
        if (targets.some((w) => w.ports.some((cp) => cp.name === name))) continue;
        const declared = [...new Set(targets.flatMap((w) => w.ports.map((cp) => cp.name).filter((x): x is string => !!x)))];
        ctx.report('np-named-port-unknown', port.portNode, `No container of the ${dir === 'ingress' ? 'selected' : 'destination'} Pods (${targets.slice(0, 3).map(workloadName).join(', ')}${targets.length > 3 ? ', …' : ''}) declares a port named "${name}"${declared.length ? `; declared: ${declared.slice(0, 8).join(', ')}` : ''}`);
      }
    }

    // hostNetwork (once per policy)
    const host = selected.filter((w) => w.hostNetwork);
    if (host.length && (p.podSelectorNode || ctx.obj.node(['kind']))) {
      ctx.report('np-host-network', p.podSelectorNode ?? ['kind'], `${host.slice(0, 3).map(workloadName).join(', ')} ${host.length === 1 ? 'uses' : 'use'} hostNetwork: true; NetworkPolicies do not apply to Pods on the host network, so this policy does not restrict ${host.length === 1 ? 'it' : 'them'}`);
    }

    // EKS enforcement note: only on default-deny policies, and not when the workspace shows it is enabled.
    const denies = DIRS.filter((d) => p.isolates[d] && (p[d]?.length ?? 0) === 0);
    if (isEmptySelector(p.podSelector) && denies.length) {
      const enabled = ctx.index.find({ kind: 'ConfigMap', name: 'amazon-vpc-cni', namespace: 'kube-system' })
        .some((cm) => scalarString(cm.node(['data', 'enable-network-policy-controller'])) === 'true' || scalarString(cm.node(['data', 'enable-network-policy'])) === 'true');
      if (!enabled) {
        const nodeClasses = ctx.index.byKind('NodeClass').filter((o) => o.group === 'eks.amazonaws.com');
        const np = nodeClasses.map((o) => [o.name, scalarString(o.node(['spec', 'networkPolicy']))] as const).filter((x) => x[1]);
        const extra = np.length ? ` The workspace's NodeClass ${np[0][0]} sets networkPolicy: ${np[0][1]}.` : '';
        ctx.report('np-eks-enforcement', ['kind'], `Default-deny ${denies.join(' and ')}: on EKS this is enforced only when network policy is enabled — the VPC CNI add-on with enableNetworkPolicy "true", or on Auto Mode the amazon-vpc-cni ConfigMap in kube-system with enable-network-policy-controller: "true" (a NodeClass networkPolicy setting is optional: it only changes what Pods that no policy selects get). Otherwise the policy is accepted but does nothing.${extra}`);
      }
    }
  },
};

/** NetworkPolicy cross-document diagnostics: selectors and named ports against the workspace's workloads and Namespaces, hostNetwork, EKS enforcement. */
import type { Check, CheckContext } from '../checks/types';
import { scalarString } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { indexCache } from '../workspace/indexCache';
import {
  namespacesIn,
  usedNamespacesIn,
  workloadsIn,
  workloadsInNamespace,
  NAMESPACE_NAME_LABEL,
  WORKLOADS_AND_NAMESPACES,
  type Workload,
} from '../workspace/workloads';
import { deployedTogether, unseenSources, DEPLOYMENT_READS } from '../workspace/deployment';
import {
  isEmptySelector,
  isNetworkPolicy,
  matches,
  readPolicy,
  selectorText,
  type Direction,
  type Peer,
  type Policy,
  type Selector,
  namedPort,
} from './model';

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
function peerWorkloads(
  peer: Peer,
  all: Workload[],
  candidates: Workload[],
  nsLabels: Map<string, Record<string, string>>,
): Workload[] | undefined {
  if (!peer.podSelector || peer.ipBlock) return undefined;
  const ns = peer.namespaceSelector;
  if (!ns) return candidates.filter((w) => matches(peer.podSelector!, w.podLabels));
  const nameOnly = [...Object.keys(ns.matchLabels), ...ns.expressions.map((e) => e.key)].every((k) => k === NAMESPACE_NAME_LABEL);
  const out: Workload[] = [];
  for (const w of all) {
    if (!matches(peer.podSelector, w.podLabels)) continue;
    if (w.namespace === undefined) {
      out.push(w);
      continue;
    }
    const labels = nsLabels.get(w.namespace);
    if (!labels && !nameOnly) return undefined;
    if (matches(ns, labels ?? { [NAMESPACE_NAME_LABEL]: w.namespace })) out.push(w);
  }
  return out;
}

/**
 * The label sets a namespaceSelector may meet: each declared Namespace's, and the name label of each
 * namespace used but not declared (the built-in ones among them), without repeats (a workspace declares
 * one Namespace in many files). Cached until workloads or namespaces change: every policy asks.
 */
const namespaceLabelSets = indexCache(WORKLOADS_AND_NAMESPACES, (index) => {
  const nss = namespacesIn(index);
  const known = new Set(nss.map((n) => n.name));
  const implicit = new Set<string>(BUILTIN_NAMESPACES);
  for (const n of usedNamespacesIn(index)) if (!known.has(n)) implicit.add(n);
  const all = [...nss.map((n) => n.labels), ...[...implicit].filter((n) => !known.has(n)).map((n) => ({ [NAMESPACE_NAME_LABEL]: n }))];
  const seen = new Set<string>();
  return all.filter((labels) => {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
});

/** Each declared Namespace's labels by its name (the last one declared wins), cached like the above. */
const namespaceLabelsByName = indexCache(WORKLOADS_AND_NAMESPACES, (index) => new Map(namespacesIn(index).map((n) => [n.name, n.labels])));

/** Selectors with template placeholders (`{{ .Values.x }}`, `${VAR}`) are filled in later: never report them. */
function templated(s: Selector): boolean {
  const texts = [...Object.keys(s.matchLabels), ...Object.values(s.matchLabels), ...s.expressions.flatMap((e) => [e.key, ...e.values])];
  return texts.some(isUnknownText);
}

/** A selector that only names namespaces (kubernetes.io/metadata.name), as `namespaceSelector` often does. */
function byNameOnly(s: Selector): boolean {
  return (
    Object.keys(s.matchLabels).every((k) => k === NAMESPACE_NAME_LABEL) &&
    s.expressions.every((e) => e.key === NAMESPACE_NAME_LABEL) &&
    (Object.keys(s.matchLabels).length > 0 || s.expressions.length > 0)
  );
}

/**
 * Why the workspace may not hold every workload of the policy's namespace, or undefined when it shows them:
 * some are deployed together with the policy and nothing deployed with it creates Pods the workspace does
 * not show (Helm charts, remote bases, operators' custom resources).
 */
function workloadDoubt(ctx: CheckContext, together: Workload[]): string | undefined {
  if (!together.length) return 'no workload of this namespace is deployed together with this policy';
  return unseenSources(ctx.index, ctx.obj.uri, ctx.obj.namespace);
}

function workloadName(w: Workload): string {
  return w.obj.displayName;
}

export const networkPolicyWorkspaceCheck: Check = {
  id: 'networkpolicy-workspace',
  scope: 'workspace',
  reads: [...WORKLOADS_AND_NAMESPACES, 'ConfigMap', 'NodeClass', ...DEPLOYMENT_READS],
  appliesTo: isNetworkPolicy,
  run(ctx) {
    const p = readPolicy(ctx.obj);
    const all = workloadsIn(ctx.index);
    const { candidates, selected } = selectedWorkloads(p, ctx.index);
    // A workload deployed with this policy whose Pod labels come from a template may carry any label: then
    // "selects nothing" is not known. (Open ones deployed apart only make the finding less sure.)
    // Asked only when a finding is near (workspaces hold thousands of workloads and policies).
    let memo: { together: Workload[]; someOpen: boolean; sev?: { severity: 'info' }; why: string } | undefined;
    const unit = () => {
      if (memo) return memo;
      const together = candidates.filter((w) => deployedTogether(ctx.index, ctx.obj.uri, w.obj.uri));
      const someOpen = together.some((w) => w.labelsOpen);
      const doubt = candidates.length && !someOpen ? workloadDoubt(ctx, together) : undefined;
      return (memo = {
        together,
        someOpen,
        sev: doubt ? { severity: 'info' } : undefined,
        why: doubt ? ` (the workspace may not hold them: ${doubt})` : '',
      });
    };

    // podSelector of the policy
    if (candidates.length && !selected.length && !isEmptySelector(p.podSelector) && !templated(p.podSelector) && !unit().someOpen) {
      ctx.report(
        'np-pod-selector-no-match',
        p.podSelectorNode,
        `No workload in ${p.obj.namespace ? `namespace ${p.obj.namespace}` : 'the workspace'} has Pods with ${selectorText(p.podSelector)}; this policy selects nothing here (${candidates.length} workload${candidates.length === 1 ? '' : 's'} checked)${unit().why}`,
        unit().sev,
      );
    }
    // podSelector-only peers (same namespace)
    for (const dir of DIRS)
      for (const rule of p[dir] ?? [])
        for (const peer of rule.peers ?? []) {
          if (
            !peer.podSelector ||
            peer.namespaceSelector ||
            peer.ipBlock ||
            isEmptySelector(peer.podSelector) ||
            templated(peer.podSelector)
          )
            continue;
          if (candidates.length && !candidates.some((w) => matches(peer.podSelector!, w.podLabels)) && !unit().someOpen) {
            ctx.report(
              'np-pod-selector-no-match',
              peer.podSelector.node ?? peer.node,
              `No workload in ${p.obj.namespace ? `namespace ${p.obj.namespace}` : 'the workspace'} has Pods with ${selectorText(peer.podSelector)}, so this peer matches nothing here${unit().why}`,
              unit().sev,
            );
          }
        }

    // namespaceSelector against the workspace's Namespaces. A namespace named (kubernetes.io/metadata.name)
    // but not declared is normal: it is created elsewhere (ingress-nginx, monitoring, kube-system). Other
    // labels are a warning only when Namespaces deployed with this policy use that label key (a likely typo).
    const nss = namespacesIn(ctx.index);
    if (nss.length) {
      const pool = namespaceLabelSets(ctx.index);
      for (const dir of DIRS)
        for (const rule of p[dir] ?? [])
          for (const peer of rule.peers ?? []) {
            const s = peer.namespaceSelector;
            if (!s || isEmptySelector(s) || templated(s) || byNameOnly(s)) continue;
            if (!pool.some((labels) => matches(s, labels))) {
              const keys = [...Object.keys(s.matchLabels), ...s.expressions.map((e) => e.key)].filter((k) => k !== NAMESPACE_NAME_LABEL);
              const managed = nss.some(
                (n) => n.obj && keys.some((k) => k in n.labels) && deployedTogether(ctx.index, ctx.obj.uri, n.obj.uri),
              );
              ctx.report(
                'np-namespace-selector-no-match',
                s.node ?? peer.node,
                `No Namespace in the workspace has ${selectorText(s)} (every Namespace also carries ${NAMESPACE_NAME_LABEL}=<its name>); this peer matches nothing here${managed ? '' : ' (the Namespace may be created outside the workspace)'}`,
                managed ? undefined : { severity: 'info' },
              );
            }
          }
    }

    // named ports (of Pods deployed with this policy, whose containers the workspace shows in full)
    for (const dir of DIRS)
      for (const rule of p[dir] ?? []) {
        if (!(rule.ports ?? []).some((port) => namedPort(port) !== undefined)) continue;
        let targets: Workload[] | undefined;
        if (dir === 'ingress') targets = selected;
        else {
          const nsLabels = namespaceLabelsByName(ctx.index);
          const sets = (rule.peers ?? []).map((peer) => peerWorkloads(peer, all, candidates, nsLabels));
          targets = sets.length && sets.every((x) => x !== undefined) ? (sets.flat() as Workload[]) : undefined;
        }
        if (!targets || !targets.length) continue;
        let shown: Workload[] | undefined;
        for (const port of rule.ports ?? []) {
          const name = namedPort(port);
          if (name === undefined) continue;
          if (targets.some((w) => w.ports.some((cp) => cp.name === name))) continue;
          // Only Pods deployed with this policy whose containers the workspace shows in full.
          if (unit().someOpen) break;
          shown ??= targets.filter((w) => deployedTogether(ctx.index, ctx.obj.uri, w.obj.uri));
          if (!shown.length || shown.some((w) => w.portsOpen || w.labelsOpen)) break;
          targets = shown;
          if (targets.some((w) => w.ports.some((cp) => cp.name === name))) continue;
          const declared = [...new Set(targets.flatMap((w) => w.ports.map((cp) => cp.name).filter((x): x is string => !!x)))];
          ctx.report(
            'np-named-port-unknown',
            port.portNode,
            `No container of the ${dir === 'ingress' ? 'selected' : 'destination'} Pods (${targets.slice(0, 3).map(workloadName).join(', ')}${targets.length > 3 ? ', …' : ''}) declares a port named "${name}"${declared.length ? `; declared: ${declared.slice(0, 8).join(', ')}` : ''}`,
          );
        }
      }

    // hostNetwork (once per policy)
    const host = selected.filter((w) => w.hostNetwork && deployedTogether(ctx.index, ctx.obj.uri, w.obj.uri));
    if (host.length && (p.podSelectorNode || ctx.obj.node(['kind']))) {
      ctx.report(
        'np-host-network',
        p.podSelectorNode ?? ['kind'],
        `${host.slice(0, 3).map(workloadName).join(', ')} ${host.length === 1 ? 'uses' : 'use'} hostNetwork: true; NetworkPolicies do not apply to Pods on the host network, so this policy does not restrict ${host.length === 1 ? 'it' : 'them'}`,
      );
    }

    checkEksEnforcement(ctx, p);
  },
};

/** EKS enforcement note: only on default-deny policies, and not when the workspace shows it is enabled. */
function checkEksEnforcement(ctx: CheckContext, p: ReturnType<typeof readPolicy>): void {
  const denies = DIRS.filter((d) => p.isolates[d] && (p[d]?.length ?? 0) === 0);
  if (isEmptySelector(p.podSelector) && denies.length) {
    const enabled = ctx.index
      .find({ kind: 'ConfigMap', name: 'amazon-vpc-cni', namespace: 'kube-system' })
      .some(
        (cm) =>
          scalarString(cm.node(['data', 'enable-network-policy-controller'])) === 'true' ||
          scalarString(cm.node(['data', 'enable-network-policy'])) === 'true',
      );
    if (!enabled) {
      const nodeClasses = ctx.index.byKind('NodeClass').filter((o) => o.group === 'eks.amazonaws.com');
      const np = nodeClasses.map((o) => [o.name, scalarString(o.node(['spec', 'networkPolicy']))] as const).filter((x) => x[1]);
      const extra = np.length ? ` The workspace's NodeClass ${np[0][0]} sets networkPolicy: ${np[0][1]}.` : '';
      ctx.report(
        'np-eks-enforcement',
        ['kind'],
        `Default-deny ${denies.join(' and ')}: on EKS this is enforced only when network policy is enabled — the VPC CNI add-on with enableNetworkPolicy "true", or on Auto Mode the amazon-vpc-cni ConfigMap in kube-system with enable-network-policy-controller: "true" (a NodeClass networkPolicy setting is optional: it only changes what Pods that no policy selects get). Otherwise the policy is accepted but does nothing.${extra}`,
      );
    }
  }
}

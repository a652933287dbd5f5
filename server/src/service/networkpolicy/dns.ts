/**
 * DNS for egress-isolated Pods: a policy that isolates egress must let its Pods reach the cluster DNS (kube-dns /
 * CoreDNS, UDP and TCP 53), or every name lookup fails — the most common egress mistake. Policies add up, so
 * another policy of the namespace that opens DNS is enough. Shared by the check, its quick fix and Explain.
 */
import { isSeq, type Node } from 'yaml';
import type { Check } from '../checks/types';
import type { Fix } from '../diagnostics/types';
import { sameNamespace, type K8sObject } from '@shared/manifest/k8sObject';
import { getPair, nodeRange } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import { groupBy, indexCache } from '../workspace/indexCache';
import { deployedWithIn, unseenSources, DEPLOYMENT_READS } from '../workspace/deployment';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { NAMESPACE_NAME_LABEL } from '../workspace/workloads';
import { isNetworkPolicy, readPolicy, type Peer, type Policy, type PortSpec, type Rule } from './model';

/** The container port names CoreDNS declares (EKS's coredns add-on and the upstream manifests). */
const DNS_PORT_NAMES = new Set(['dns', 'dns-tcp']);

/** A value a template or placeholder fills in later (`{{ .Values.port }}`, `${PORT}`): it may be the DNS one. */
const unknown = (v: string | undefined): boolean => v !== undefined && isUnknownText(v);

function portAllowsDns(p: PortSpec): boolean {
  if (p.protocol !== 'UDP' && p.protocol !== 'TCP' && !unknown(p.protocol)) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string') return p.port === '53' || DNS_PORT_NAMES.has(p.port) || unknown(p.port);
  if (p.port === 53) return true;
  return p.endPort !== undefined && p.port <= 53 && p.endPort >= 53;
}

/** Could the peer be the cluster DNS? Generous on purpose: only peers that surely are not count as "no". */
function peerMayBeDns(peer: Peer, policyNamespace: string | undefined): boolean {
  if (peer.ipBlock) return true; // node-local DNS, the VPC resolver, or CoreDNS Pod IPs inside the range
  const ns = peer.namespaceSelector;
  if (ns) {
    const name = ns.matchLabels[NAMESPACE_NAME_LABEL];
    if (name !== undefined && name !== 'kube-system' && !unknown(name)) return false;
    const expr = ns.expressions.find((e) => e.key === NAMESPACE_NAME_LABEL && e.operator === 'In');
    return !expr || expr.values.includes('kube-system') || expr.values.some(unknown);
  }
  // A podSelector alone means Pods of the policy's own namespace.
  return policyNamespace === undefined || policyNamespace === 'kube-system' || unknown(policyNamespace);
}

/** Whether one egress rule lets traffic reach the cluster DNS on port 53. */
export function ruleAllowsDns(rule: Rule, policyNamespace: string | undefined): boolean {
  const ports = rule.ports ?? [];
  if (ports.length > 0 && !ports.some(portAllowsDns)) return false;
  const peers = rule.peers ?? [];
  return peers.length === 0 || peers.some((p) => peerMayBeDns(p, policyNamespace));
}

/** Whether the policy leaves DNS reachable for the Pods it selects (egress not isolated, or a rule opens it). */
export function policyAllowsDns(p: Policy): boolean {
  if (!p.isolates.egress) return true;
  return (p.egress ?? []).some((r) => ruleAllowsDns(r, p.obj.namespace));
}

/** Egress-isolating NetworkPolicies of the workspace that open DNS, rebuilt when NetworkPolicies change. */
const dnsOpeners = indexCache(['NetworkPolicy'], (index) =>
  index
    .byKind('NetworkPolicy')
    .filter(isNetworkPolicy)
    .map(readPolicy)
    .filter((p) => p.isolates.egress && (p.egress ?? []).some((r) => ruleAllowsDns(r, p.obj.namespace))),
);

/** Another policy of the same namespace that opens DNS (then this one need not), or undefined. */
export function otherDnsPolicy(p: Policy, index: WorkspaceIndex): K8sObject | undefined {
  return dnsOpeners(index).find((o) => o.obj !== p.obj && sameNamespace(o.obj.namespace, p.obj.namespace))?.obj;
}

// ───────────────────────────── the quick fix ─────────────────────────────

/** The usual rule: kube-dns Pods in kube-system, UDP and TCP 53 (lines without a trailing line break). */
function dnsRuleLines(dash: number, eol: string): string {
  const d = ' '.repeat(dash),
    c = ' '.repeat(dash + 2);
  return [
    `${d}- to:`,
    `${c}  - namespaceSelector:`,
    `${c}      matchLabels:`,
    `${c}        ${NAMESPACE_NAME_LABEL}: kube-system`,
    `${c}    podSelector:`,
    `${c}      matchLabels:`,
    `${c}        k8s-app: kube-dns`,
    `${c}ports:`,
    `${c}  - protocol: UDP`,
    `${c}    port: 53`,
    `${c}  - protocol: TCP`,
    `${c}    port: 53`,
  ].join(eol);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of the line holding `offset`, before its line break. */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return end > 0 && text.charAt(end - 1) === '\r' ? end - 1 : end;
}

function isBlock(text: string, node: Node | undefined): boolean {
  const r = nodeRange(node);
  return !!r && text.charAt(r[0]) !== '{' && text.charAt(r[0]) !== '[';
}

/**
 * The edit adding the DNS rule after the last item of the policy's block list of egress rules, at the items'
 * indentation and in the file's line endings. Undefined for flow lists and other shapes it cannot edit safely.
 */
export function addDnsRuleFix(p: Policy): Fix | undefined {
  const text = p.obj.chunk.text;
  const egress = getPair(p.obj.node(['spec']), 'egress')?.value as Node | undefined;
  if (!isSeq(egress) || egress.items.length === 0 || !isBlock(text, egress)) return undefined;
  const first = nodeRange(egress.items[0] as Node),
    last = nodeRange(egress.items[egress.items.length - 1] as Node);
  if (!first || !last) return undefined;
  const m = /^( *)- +$/.exec(text.slice(lineStart(text, first[0]), first[0]));
  if (!m) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const at = lineEnd(text, Math.max(last[1] - 1, last[0]));
  return {
    title: 'Allow DNS to kube-dns (UDP and TCP 53)',
    edits: [{ start: at, end: at, newText: eol + dnsRuleLines(m[1].length, eol) }],
  };
}

// ───────────────────────────── the check ─────────────────────────────

/** The workspace's NetworkPolicies by namespace ('' for those without one), rebuilt when NetworkPolicies change. */
const policiesByNamespace = indexCache(['NetworkPolicy'], (index) =>
  groupBy(index.byKind('NetworkPolicy').filter(isNetworkPolicy), (o) => o.namespace ?? ''),
);

/**
 * Why the workspace may not hold every policy of the namespace (one that opens DNS may be applied apart, as
 * platform teams often do), or undefined when it shows it manages them: another policy of the namespace is
 * deployed together with this one, and nothing deployed with it creates objects the workspace does not show.
 */
function policyDoubt(obj: K8sObject, index: WorkspaceIndex): string | undefined {
  const byNs = policiesByNamespace(index);
  const ns = obj.namespace;
  const lists = ns === undefined ? [...byNs.values()] : [byNs.get(ns), byNs.get('')].filter((l) => l !== undefined);
  const managed = lists.some((l) => deployedWithIn(index, l, obj.uri).some((o) => o !== obj && sameNamespace(o.namespace, ns)));
  if (!managed) return 'no other policy of this namespace is deployed with it';
  return unseenSources(index, obj.uri, ns);
}

export const dnsEgressCheck: Check = {
  id: 'networkpolicy-dns',
  scope: 'workspace',
  reads: ['NetworkPolicy', ...DEPLOYMENT_READS],
  appliesTo: isNetworkPolicy,
  run(ctx) {
    const p = readPolicy(ctx.obj);
    // A deny-all egress policy (no rules) denies DNS on purpose; the usual companion is a separate DNS policy.
    if ((p.egress?.length ?? 0) === 0 || policyAllowsDns(p) || otherDnsPolicy(p, ctx.index)) return;
    const key = getPair(ctx.obj.node(['spec']), 'egress')?.key as Node | undefined;
    const fix = addDnsRuleFix(p);
    // "No other policy opens DNS" holds only if the workspace holds the namespace's policies: information otherwise.
    const doubt = policyDoubt(ctx.obj, ctx.index);
    ctx.report(
      'np-egress-no-dns',
      key ?? ctx.obj.node(['kind']),
      `No egress rule of this policy reaches the cluster DNS (kube-dns on UDP/TCP 53), and no other policy of the namespace in the workspace does: the Pods it selects cannot resolve names, so even the destinations it allows fail when reached by name. Allow DNS to kube-dns.${doubt ? ` (The workspace may not hold every policy of the namespace: ${doubt}.)` : ''}`,
      { fixes: fix ? [fix] : [], severity: doubt ? 'info' : undefined },
    );
  },
};

/**
 * "Explain NetworkPolicy": a plain-language summary of what a policy selects, what it allows in and out,
 * and what its isolation denies. Pure: reads the object and (optionally) the workspace index.
 */
import type { K8sObject } from '@shared/manifest/k8sObject';
import { sameNamespace } from '@shared/manifest/k8sObject';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { workloadsIn, type Workload } from '../workspace/workloads';
import {
  isEmptySelector,
  matches,
  readPolicy,
  selectorText,
  type Direction,
  type Peer,
  type Policy,
  type PortSpec,
  type Rule,
  namedPort,
} from './model';
import { otherDnsPolicy, policyAllowsDns } from './dns';

function nsText(p: Policy): string {
  return p.obj.namespace ? `\`${p.obj.namespace}\`` : 'the namespace it is applied to';
}

export function selectedPodsText(p: Policy): string {
  const sel = selectorText(p.podSelector);
  return sel ? `Pods in ${nsText(p)} with ${sel}` : `every Pod in ${nsText(p)}`;
}

function peerText(peer: Peer, dir: Direction): string {
  if (peer.ipBlock) {
    const ex = peer.ipBlock.except.map((e) => `\`${e.text}\``);
    return `IP range \`${peer.ipBlock.cidr ?? '?'}\`${ex.length ? ` except ${ex.join(', ')}` : ''}`;
  }
  const pod = peer.podSelector ? selectorText(peer.podSelector) : undefined;
  const ns = peer.namespaceSelector ? selectorText(peer.namespaceSelector) : undefined;
  if (peer.namespaceSelector) {
    const where = ns ? `namespaces with ${ns}` : 'every namespace';
    if (peer.podSelector && pod) return `Pods with ${pod} in ${where}`;
    return `every Pod in ${where}`;
  }
  if (peer.podSelector) return pod ? `Pods with ${pod} in the same namespace` : 'every Pod in the same namespace';
  return dir === 'ingress' ? '(an empty peer, rejected by the API server)' : '(an empty peer, rejected by the API server)';
}

function portText(port: PortSpec): string {
  const proto = port.protocol;
  if (port.port === undefined) return `all ${proto} ports`;
  const name = namedPort(port);
  if (name !== undefined) return `${proto} named port \`${name}\``;
  if (port.endPort !== undefined) return `${proto} ${port.port}–${port.endPort}`;
  return `${proto} ${port.port}`;
}

function joinOr(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

function ruleText(rule: Rule, dir: Direction): string {
  const word = dir === 'ingress' ? 'from' : 'to';
  const peers = rule.peers && rule.peers.length ? `${word} ${joinOr(rule.peers.map((x) => peerText(x, dir)))}` : `${word} anywhere`;
  const ports = rule.ports && rule.ports.length ? rule.ports.map(portText).join(', ') : 'any port';
  return `${peers}, ${ports}`;
}

function allowsAll(rule: Rule): boolean {
  return (!rule.peers || rule.peers.length === 0) && (!rule.ports || rule.ports.length === 0);
}

function directionText(p: Policy, dir: Direction): string {
  const Title = dir === 'ingress' ? 'Ingress' : 'Egress';
  const isolated = p.isolates[dir];
  const rules = p[dir];
  if (!isolated) {
    const ignored =
      rules && rules.length
        ? ` (its ${rules.length} ${dir} rule${rules.length === 1 ? ' is' : 's are'} ignored because \`policyTypes\` leaves out ${Title})`
        : '';
    return `**${Title}:** not restricted by this policy${ignored}.`;
  }
  if (!rules || rules.length === 0) {
    return `**${Title}:** all ${dir === 'ingress' ? 'incoming' : 'outgoing'} traffic denied — no rule allows any ${dir === 'ingress' ? 'source' : 'destination'} (unless another policy selecting these Pods allows it).`;
  }
  if (rules.some(allowsAll))
    return `**${Title}:** everything allowed (a rule without \`${dir === 'ingress' ? 'from' : 'to'}\` and \`ports\` matches all traffic).`;
  const texts = rules.map((r) => ruleText(r, dir));
  if (texts.length === 1) return `**${Title}:** only ${texts[0]}.`;
  return `**${Title}:** only\n${texts.map((t) => `- ${t}`).join('\n')}`;
}

function denialText(p: Policy): string | undefined {
  const dirs: string[] = [];
  for (const dir of ['ingress', 'egress'] as Direction[]) {
    if (!p.isolates[dir]) continue;
    const rules = p[dir];
    if (rules && rules.some(allowsAll)) continue;
    dirs.push(dir === 'ingress' ? 'incoming' : 'outgoing');
  }
  if (!dirs.length) return undefined;
  return `**Denied by isolation:** any other ${dirs.join(' and ')} connection of the selected Pods is dropped, unless another NetworkPolicy that selects them allows it (policies add up; replies to allowed connections always pass).`;
}

/** What the policy means for DNS lookups of its Pods (undefined when egress is not isolated). */
function dnsText(p: Policy, index: WorkspaceIndex | undefined): string | undefined {
  if (!p.isolates.egress) return undefined;
  if (policyAllowsDns(p)) return undefined;
  const other = index ? otherDnsPolicy(p, index) : undefined;
  if (other)
    return `**DNS:** this policy opens no DNS, but NetworkPolicy \`${other.name ?? '?'}\` of the same namespace does (UDP/TCP 53).`;
  return '**DNS:** no egress rule reaches the cluster DNS (kube-dns, UDP/TCP 53), so these Pods cannot resolve DNS names — even the destinations allowed above fail when reached by name. Add an egress rule to kube-system Pods with `k8s-app=kube-dns` on UDP and TCP 53 (the quick fix on `egress` does it).';
}

function workloadLines(p: Policy, index: WorkspaceIndex | undefined): string[] {
  if (!index) return [];
  const ws = workloadsIn(index).filter((w) => sameNamespace(w.namespace, p.obj.namespace) && matches(p.podSelector, w.podLabels));
  if (!ws.length) return [];
  const names = ws.slice(0, 10).map((w: Workload) => `\`${w.kind} ${w.namespace ? w.namespace + '/' : ''}${w.name ?? '?'}\``);
  const host = ws.filter((w) => w.hostNetwork);
  const lines = [`**In this workspace** it selects ${names.join(', ')}${ws.length > 10 ? ` and ${ws.length - 10} more` : ''}.`];
  if (host.length)
    lines.push(
      `${host.map((w) => `\`${w.kind} ${w.name ?? '?'}\``).join(', ')} use${host.length === 1 ? 's' : ''} \`hostNetwork: true\`: NetworkPolicies do not apply to those Pods.`,
    );
  return lines;
}

/** The explanation as plain text lines (Markdown). */
export function explainPolicy(p: Policy, index?: WorkspaceIndex): string {
  const obj = p.obj;
  const title = `### NetworkPolicy \`${obj.namespace ? obj.namespace + '/' : ''}${obj.name ?? '(unnamed)'}\``;
  const selects = isEmptySelector(p.podSelector) ? `Selects ${selectedPodsText(p)}.` : `Selects all ${selectedPodsText(p)}.`;
  const parts = [title, '', selects, '', directionText(p, 'ingress'), '', directionText(p, 'egress')];
  const denial = denialText(p);
  if (denial) parts.push('', denial);
  const dns = dnsText(p, index);
  if (dns) parts.push('', dns);
  const wl = workloadLines(p, index);
  if (wl.length) parts.push('', wl.join('\n\n'));
  parts.push(
    '',
    '_On EKS, the VPC CNI enforces this only when its network policy agent is enabled; Pods with `hostNetwork: true` are never affected._',
  );
  return parts.join('\n');
}

/** Plain-language Markdown explanation of a NetworkPolicy object (undefined for other objects). */
export function explainNetworkPolicy(obj: K8sObject, index?: WorkspaceIndex): string | undefined {
  if (obj.kind !== 'NetworkPolicy') return undefined;
  return explainPolicy(readPolicy(obj), index);
}

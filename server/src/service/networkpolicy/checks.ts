/** NetworkPolicy local diagnostics: schema and semantics of one policy (ports, CIDRs, peers, ignored rules). */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLSeq } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { Fix } from '../diagnostics/types';
import { validateNode, type SchemaCodes } from '../catalog/schema';
import { getPair, nodeRange, scalarString } from '@shared/manifest/yamlNodes';
import type { YamlChunk } from '@shared/manifest/yamlFile';
import { NAMESPACE_NAME_LABEL } from '../workspace/workloads';
import {
  isEmptySelector,
  isNetworkPolicy,
  readPolicy,
  selectorText,
  type Direction,
  type Peer,
  type Policy,
  type PortSpec,
  type Rule,
  type Selector,
  namedPort,
} from './model';
import { NETWORK_POLICY_SPEC, PORT_NAME } from './catalog';
import { networkText, parseCidr, strictlyInside, type Cidr } from '../model/cidr';
import { replaceScalarFix } from '../model/edits';
import { isUnknownText } from '@shared/manifest/templates';
import { compareVersions } from '../settings';

const SCHEMA_CODES: SchemaCodes = {
  type: 'np-schema-type',
  unknownField: 'np-schema-unknown-field',
  required: 'np-schema-required',
  enum: 'np-schema-enum',
  pattern: 'np-schema-pattern',
  range: 'np-schema-range',
};

const DIRS: Direction[] = ['ingress', 'egress'];
const PEERS_KEY: Record<Direction, string> = { ingress: 'from', egress: 'to' };

// --- text edit helpers --------------------------------------------------------------------------------------

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function isFlow(chunk: YamlChunk, node: Node | undefined): boolean {
  const r = nodeRange(node);
  if (!r) return true;
  const c = chunk.text[r[0]];
  return c === '{' || c === '[';
}

/** Append a scalar item to a sequence (flow or block). */
function appendToSeq(chunk: YamlChunk, seq: Node, value: string): Fix['edits'] | undefined {
  const r = nodeRange(seq);
  if (!r || !isSeq(seq)) return undefined;
  const items = (seq as YAMLSeq).items as Node[];
  if (chunk.text[r[0]] === '[') {
    const close = chunk.text.lastIndexOf(']', r[1]);
    if (close < r[0]) return undefined;
    return [{ start: close, end: close, newText: items.length ? `, ${value}` : value }];
  }
  const last = items[items.length - 1];
  const lr = nodeRange(last);
  if (!lr) return undefined;
  const ls = lineStartOf(chunk.text, lr[0]);
  const prefix = chunk.text.slice(ls, lr[0]);
  if (!/^\s*-\s+$/.test(prefix)) return undefined;
  const lineEnd = chunk.text.indexOf('\n', lr[1]);
  const at = lineEnd === -1 ? chunk.text.length : lineEnd;
  return [{ start: at, end: at, newText: `\n${prefix}${value}` }];
}

// --- local checks -------------------------------------------------------------------------------------------

function schemaCheck(ctx: CheckContext, p: Policy): void {
  const spec = ctx.obj.node(['spec']);
  if (!spec) return;
  const protocolNodes = new Set<Node>();
  for (const dir of DIRS)
    for (const r of p[dir] ?? [])
      for (const port of r.ports ?? []) {
        const pr = getPair(port.node, 'protocol');
        if (pr && pr.value) protocolNodes.add(pr.value as Node);
      }
  validateNode(
    spec,
    NETWORK_POLICY_SPEC,
    SCHEMA_CODES,
    {
      report(code, at, message) {
        if (code === 'np-schema-enum' && at && !Array.isArray(at) && protocolNodes.has(at as Node)) {
          const v = scalarString(at) ?? '';
          const up = v.toUpperCase();
          const fixes: Fix[] = [];
          const r = nodeRange(at);
          if (r && ['TCP', 'UDP', 'SCTP'].includes(up))
            fixes.push({ title: `Change to ${up}`, edits: [{ start: r[0], end: r[1], newText: up }], preferred: true });
          ctx.report('np-protocol', at, `protocol must be TCP, UDP or SCTP (upper case); got "${v}"`, { fixes });
          return;
        }
        ctx.report(code, at, message);
      },
    },
    ctx.obj.doc,
    'spec',
  );
}

function selectorValuesCheck(ctx: CheckContext, sel: Selector | undefined): void {
  const ex = sel?.node ? getPair(sel.node, 'matchExpressions')?.value : undefined;
  if (!isSeq(ex)) return;
  for (const item of (ex as YAMLSeq).items as Node[]) {
    if (!isMap(item)) continue;
    const op = scalarString(getPair(item, 'operator')?.value);
    const valuesPair = getPair(item, 'values');
    const vs = valuesPair?.value;
    const count = isSeq(vs) ? (vs as YAMLSeq).items.length : 0;
    if ((op === 'In' || op === 'NotIn') && count === 0)
      ctx.report(
        'np-selector-values',
        (valuesPair?.key as Node) ?? (getPair(item, 'operator')?.value as Node),
        `operator ${op} needs at least one entry in values`,
      );
    if ((op === 'Exists' || op === 'DoesNotExist') && count > 0)
      ctx.report('np-selector-values', valuesPair!.key as Node, `operator ${op} must not have values (remove them, or use In/NotIn)`);
  }
}

function portCheck(ctx: CheckContext, port: PortSpec): void {
  const { portNode, endPortNode } = port;
  const pv = isScalar(portNode) ? (portNode as Scalar).value : undefined;
  if (typeof pv === 'number' && Number.isInteger(pv) && (pv < 1 || pv > 65535))
    ctx.report('np-port-range', portNode, `port must be between 1 and 65535, got ${pv}`);
  if (typeof pv === 'string') {
    const r = nodeRange(portNode);
    if (/^\d+$/.test(pv)) {
      ctx.report(
        'np-schema-pattern',
        portNode,
        `port "${pv}" is a string, so it would be read as a port name (names need a letter); write the number without quotes`,
        { fixes: r ? [{ title: `Use the number ${pv}`, edits: [{ start: r[0], end: r[1], newText: pv }], preferred: true }] : [] },
      );
    } else if (!PORT_NAME.test(pv)) {
      ctx.report(
        'np-schema-pattern',
        portNode,
        `"${pv}" is not a valid port name: 1–15 lowercase letters, digits and single hyphens, with at least one letter, not starting or ending with a hyphen`,
      );
    }
  }
  const ev = isScalar(endPortNode) ? (endPortNode as Scalar).value : undefined;
  if (typeof ev === 'number' && Number.isInteger(ev)) {
    if (ev < 1 || ev > 65535) ctx.report('np-port-range', endPortNode, `endPort must be between 1 and 65535, got ${ev}`);
    else if (pv === undefined || pv === null)
      ctx.report('np-endport-needs-numeric-port', endPortNode, 'endPort needs a numeric port as the start of the range; port is missing');
    else if (typeof pv === 'string')
      ctx.report(
        'np-endport-needs-numeric-port',
        endPortNode,
        `endPort needs a numeric port; "${pv}" is a named port, and a range cannot start at a name`,
      );
    else if (typeof pv === 'number' && ev < pv) {
      const a = nodeRange(portNode),
        b = nodeRange(endPortNode);
      ctx.report('np-endport-less-than-port', endPortNode, `endPort ${ev} is smaller than port ${pv}; the range would be empty`, {
        fixes:
          a && b
            ? [
                {
                  title: `Swap to port ${ev}, endPort ${pv}`,
                  edits: [
                    { start: a[0], end: a[1], newText: String(ev) },
                    { start: b[0], end: b[1], newText: String(pv) },
                  ],
                },
              ]
            : [],
      });
    }
  }
}

/** From this version the API server's StrictIPCIDRValidation gate is on by default (beta; kubernetes/website feature-gates/StrictIPCIDRValidation.md). */
export const STRICT_CIDR_VERSION = '1.36';

/**
 * One ipBlock CIDR value as the API server (ParseCIDRSloppy, plus the strict checks from 1.36) and the VPC CNI
 * network policy agent (Go's net.ParseCIDR) read it. Returns the parsed value when the API server accepts it.
 */
function cidrValue(ctx: CheckContext, node: Node, text: string, what: string): Cidr | undefined {
  const cidr = parseCidr(text, { sloppy: true });
  if (!cidr) {
    ctx.report(
      'np-cidr-invalid',
      node,
      `${what} "${text}" is not a valid CIDR (expected e.g. 10.0.0.0/16 or 2001:db8::/64)${/\//.test(text) ? '' : ' — add a prefix length such as /32'}`,
    );
    return undefined;
  }
  const strict = compareVersions(ctx.settings.kubernetesVersion, STRICT_CIDR_VERSION) >= 0;
  const canon = networkText(cidr);
  const fix = (title: string) => {
    const f = replaceScalarFix(ctx.obj.chunk.text, node, canon, title);
    return f ? [f] : [];
  };
  if (cidr.leadingZeros) {
    ctx.report(
      'np-cidr-invalid',
      node,
      `${what} "${text}" has a leading zero: the API server reads it as decimal (${canon})${strict ? ` and, from Kubernetes ${STRICT_CIDR_VERSION} (StrictIPCIDRValidation), rejects it` : ` with a warning, and rejects it from Kubernetes ${STRICT_CIDR_VERSION} (StrictIPCIDRValidation)`}; the VPC CNI network policy agent parses CIDRs with Go's net.ParseCIDR, which rejects leading zeros, so this range is not enforced as written. Write ${canon}.`,
      { fixes: fix(`Change to ${canon}`) },
    );
    return strict ? undefined : cidr;
  }
  if (cidr.mapped4in6) {
    ctx.report(
      'np-cidr-invalid',
      node,
      `${what} "${text}" is an IPv4-mapped IPv6 range${strict ? `; from Kubernetes ${STRICT_CIDR_VERSION} (StrictIPCIDRValidation) the API server rejects it` : `; the API server warns that it becomes invalid in Kubernetes ${STRICT_CIDR_VERSION} (StrictIPCIDRValidation)`}. Write the IPv4 range instead.`,
      { severity: strict ? 'error' : 'warning' },
    );
    return strict ? undefined : cidr;
  }
  if (cidr.hostBitsSet) {
    ctx.report(
      'np-cidr-invalid',
      node,
      `${what} "${text}" has host bits set; it means ${canon}${strict ? ` and, from Kubernetes ${STRICT_CIDR_VERSION} (StrictIPCIDRValidation), the API server rejects it` : ` (the API server warns that the value is ambiguous, and rejects it from Kubernetes ${STRICT_CIDR_VERSION})`}`,
      { severity: strict ? 'error' : 'warning', fixes: fix(`Change to ${canon}`) },
    );
  }
  return cidr;
}

function ipBlockCheck(ctx: CheckContext, peer: Peer): void {
  const ib = peer.ipBlock!;
  if (peer.podSelector || peer.namespaceSelector) {
    const k = getPair(peer.node, 'ipBlock')?.key as Node | undefined;
    ctx.report(
      'np-ipblock-with-selector',
      k ?? ib.node,
      'ipBlock cannot be combined with podSelector or namespaceSelector in the same peer; put it in its own list item (separate items mean OR)',
    );
  }
  if (ib.cidr === undefined || !isScalar(ib.cidrNode) || isUnknownText(ib.cidr)) return;
  const cidr = cidrValue(ctx, ib.cidrNode, ib.cidr, 'cidr');
  for (const e of ib.except) {
    if (isUnknownText(e.text)) continue;
    const ec = cidrValue(ctx, e.node, e.text, 'except entry');
    if (!ec || !cidr) continue;
    if (!strictlyInside(ec, cidr)) {
      ctx.report(
        'np-except-outside-cidr',
        e.node,
        ec.family !== cidr.family
          ? `except entry ${e.text} is IPv${ec.family} but cidr ${ib.cidr} is IPv${cidr.family}`
          : `except entry ${e.text} is not strictly inside cidr ${ib.cidr}; except can only carve smaller ranges out of cidr`,
      );
    }
  }
}

/** OR form (`- namespaceSelector` then `- podSelector`) and AND form (both in one item). */
function andOrCheck(ctx: CheckContext, rule: Rule, dir: Direction): void {
  const peers = rule.peers ?? [];
  const chunk = ctx.obj.chunk;
  const text = chunk.text;
  const only = (p: Peer, which: 'podSelector' | 'namespaceSelector') =>
    isMap(p.node) && (p.node as { items: Pair[] }).items.length === 1 && !!p[which];
  for (let i = 0; i + 1 < peers.length; i++) {
    const a = peers[i],
      b = peers[i + 1];
    const pair = (only(a, 'namespaceSelector') && only(b, 'podSelector')) || (only(a, 'podSelector') && only(b, 'namespaceSelector'));
    if (!pair) continue;
    const ns = a.namespaceSelector ?? b.namespaceSelector!;
    const pod = a.podSelector ?? b.podSelector!;
    const fixes: Fix[] = [];
    const br = nodeRange(b.node);
    if (br && !isFlow(chunk, a.node) && !isFlow(chunk, b.node)) {
      const dash = text.lastIndexOf('-', br[0] - 1);
      if (dash >= 0 && /^[ \t]*$/.test(text.slice(lineStartOf(text, dash), dash)) && /^[ \t]+$/.test(text.slice(dash + 1, br[0]))) {
        fixes.push({
          title: 'Merge into one peer (AND: these Pods in those namespaces)',
          edits: [{ start: dash, end: dash + 1, newText: ' ' }],
        });
      }
    }
    const word = dir === 'ingress' ? 'from' : 'to';
    ctx.report(
      'np-and-or-peers',
      b.node,
      `These are two separate peers (OR): ${word} every Pod in ${selectorText(ns) ? 'namespaces with ' + selectorText(ns) : 'every namespace'}, or ${word} Pods with ${selectorText(pod) ?? 'any labels'} in the policy's namespace. If you meant Pods with those labels in those namespaces (AND), put both selectors in one list item.`,
      { fixes },
    );
    i++;
  }
  for (const p of peers) {
    if (!p.podSelector || !p.namespaceSelector || p.ipBlock || !isMap(p.node)) continue;
    // Clearly intended ANDs stay quiet: a namespace chosen by name, or `{}` (these Pods in every namespace).
    if (
      isEmptySelector(p.namespaceSelector) ||
      isEmptySelector(p.podSelector) ||
      Object.keys(p.namespaceSelector.matchLabels).includes(NAMESPACE_NAME_LABEL) ||
      p.namespaceSelector.expressions.some((e) => e.key === NAMESPACE_NAME_LABEL)
    )
      continue;
    const items = (p.node as { items: Pair[] }).items;
    if (items.length !== 2 || isFlow(chunk, p.node)) continue;
    const second = items[1];
    const kr = nodeRange(second.key);
    if (!kr) continue;
    const ls = lineStartOf(text, kr[0]);
    const lead = text.slice(ls, kr[0]);
    if (!/^[ \t]*$/.test(lead) || lead.length < 2 || !/ {2}$/.test(lead)) continue;
    const word = dir === 'ingress' ? 'from' : 'to';
    ctx.report(
      'np-and-or-peers',
      p.node,
      `One peer with both selectors (AND): ${word} Pods with ${selectorText(p.podSelector) ?? 'any labels'} in ${selectorText(p.namespaceSelector) ? 'namespaces with ' + selectorText(p.namespaceSelector) : 'every namespace'}. Two list items would mean OR instead.`,
      { severity: 'hint', fixes: [{ title: 'Split into two peers (OR)', edits: [{ start: kr[0] - 2, end: kr[0], newText: '- ' }] }] },
    );
  }
}

/** The VPC CNI network policy agent stores at most 24 port/protocol entries per destination (aws/aws-network-policy-agent pkg/utils/utils.go, ComputeTrieValue). */
export const VPC_CNI_MAX_PORTS = 24;

function portLimitCheck(ctx: CheckContext, rule: Rule): void {
  const ports = rule.ports ?? [];
  if (ports.length <= VPC_CNI_MAX_PORTS) return;
  const combos = new Set(ports.map((p) => `${p.protocol}|${p.port ?? '*'}|${p.endPort ?? ''}`));
  if (combos.size <= VPC_CNI_MAX_PORTS) return;
  const key = getPair(rule.node, 'ports')?.key as Node | undefined;
  ctx.report(
    'np-vpc-cni-port-limit',
    key ?? rule.node,
    `This rule lists ${combos.size} distinct port/protocol combinations; the VPC CNI network policy agent keeps at most ${VPC_CNI_MAX_PORTS} per destination and drops the rest without an error, so traffic to the others is denied. Use port ranges (endPort) or split the rule.`,
  );
}

/** Named ports resolve against destination Pods; an ipBlock has none (the VPC CNI controller skips them: amazon-network-policy-controller-k8s pkg/resolvers/endpoints.go). */
function namedPortToIpBlockCheck(ctx: CheckContext, rule: Rule): void {
  const peers = rule.peers ?? [];
  if (!peers.length || !peers.every((p) => p.ipBlock && !p.podSelector && !p.namespaceSelector)) return;
  for (const port of rule.ports ?? []) {
    const name = namedPort(port);
    if (name === undefined || isUnknownText(name)) continue;
    ctx.report(
      'np-named-port-unknown',
      port.portNode,
      `"${name}" is a named port, but this rule's destinations are only ipBlock ranges: a named port is resolved against the destination Pods' container ports, and an IP range has none, so it never matches (the VPC CNI network policy controller skips it). Use the port number.`,
    );
  }
}

function ignoredCheck(ctx: CheckContext, p: Policy): void {
  const written = p.policyTypesWritten;
  if (!written || !written.length || !p.policyTypesNode) return;
  for (const dir of DIRS) {
    const rules = p[dir];
    const Title = dir === 'ingress' ? 'Ingress' : 'Egress';
    if (!rules || rules.length === 0 || written.includes(Title)) continue;
    const edits = appendToSeq(ctx.obj.chunk, p.policyTypesNode, Title);
    const key = getPair(ctx.obj.node(['spec']), dir)?.key as Node | undefined;
    ctx.report(
      dir === 'ingress' ? 'np-ingress-ignored' : 'np-egress-ignored',
      key ?? p.policyTypesNode,
      `policyTypes does not list ${Title}, so these ${dir} rules have no effect (and ${dir} traffic is not restricted)`,
      { fixes: edits ? [{ title: `Add ${Title} to policyTypes`, edits, preferred: true }] : [] },
    );
  }
}

function emptyFromCheck(ctx: CheckContext, p: Policy): void {
  const text = ctx.obj.chunk.text;
  for (const dir of DIRS) {
    const word = PEERS_KEY[dir];
    for (const rule of p[dir] ?? []) {
      const pk = rule.peersKey;
      if (!pk || (rule.peers && rule.peers.length)) continue;
      const v = pk.value as Node | null;
      if (v && !isSeq(v) && !(isScalar(v) && (v as Scalar).value === null)) continue; // a wrong type: schema reports it
      const fixes: Fix[] = [];
      const kr = nodeRange(pk.key);
      const items = isMap(rule.node) ? (rule.node as { items: Pair[] }).items : [];
      const idx = items.indexOf(pk as Pair);
      if (kr && idx >= 0) {
        const vr = nodeRange(pk.value) ?? kr;
        if (items.length === 1)
          fixes.push({
            title: `Write the rule as {} (same meaning: allow all ${dir === 'ingress' ? 'sources' : 'destinations'})`,
            edits: [{ start: kr[0], end: vr[1], newText: '{}' }],
          });
        else if (idx < items.length - 1) {
          const nk = nodeRange(items[idx + 1].key);
          if (nk) fixes.push({ title: `Remove the empty ${word} (same meaning)`, edits: [{ start: kr[0], end: nk[0], newText: '' }] });
        } else {
          const ls = lineStartOf(text, kr[0]);
          if (/^[ \t]*$/.test(text.slice(ls, kr[0]))) {
            const nl = text.indexOf('\n', vr[1]);
            fixes.push({
              title: `Remove the empty ${word} (same meaning)`,
              edits: [{ start: ls, end: nl === -1 ? vr[1] : nl + 1, newText: '' }],
            });
          }
        }
      }
      ctx.report(
        'np-empty-from',
        pk.key as Node,
        `An empty ${word} allows ${dir === 'ingress' ? 'every source' : 'every destination'} (the same as leaving ${word} out); it does not deny anything. To deny all ${dir}, use \`${dir}: []\` with ${dir === 'ingress' ? 'Ingress' : 'Egress'} in policyTypes.`,
        { fixes },
      );
    }
  }
  // `egress: []` without policyTypes: the API server does not add Egress, so nothing is denied.
  if (!p.policyTypesWritten && isSeq(p.egressNode) && (p.egress?.length ?? 0) === 0) {
    const pair = getPair(ctx.obj.node(['spec']), 'egress');
    const kr = nodeRange(pair?.key);
    const fixes: Fix[] = [];
    if (kr) {
      const ls = lineStartOf(text, kr[0]);
      const lead = text.slice(ls, kr[0]);
      if (/^[ \t]*$/.test(lead))
        fixes.push({
          title: 'Add policyTypes: [Ingress, Egress] (deny all egress)',
          edits: [{ start: ls, end: ls, newText: `${lead}policyTypes: [Ingress, Egress]\n` }],
          preferred: true,
        });
    }
    ctx.report(
      'np-empty-from',
      (pair?.key as Node) ?? p.egressNode,
      '`egress: []` without policyTypes denies nothing: the API server adds Egress to policyTypes only when there are egress rules. Add policyTypes with Egress to deny all egress.',
      { fixes },
    );
  }
}

export const networkPolicyCheck: Check = {
  id: 'networkpolicy-local',
  scope: 'local',
  appliesTo: isNetworkPolicy,
  run(ctx) {
    const p = readPolicy(ctx.obj);
    schemaCheck(ctx, p);
    selectorValuesCheck(ctx, p.podSelector);
    for (const dir of DIRS) {
      for (const rule of p[dir] ?? []) {
        for (const peer of rule.peers ?? []) {
          if (!isMap(peer.node)) continue;
          if (!peer.podSelector && !peer.namespaceSelector && !peer.ipBlock) {
            ctx.report(
              'np-empty-peer',
              peer.node,
              `This ${PEERS_KEY[dir]} item sets no podSelector, namespaceSelector or ipBlock; the API server rejects it. To allow every ${dir === 'ingress' ? 'source' : 'destination'}, leave ${PEERS_KEY[dir]} out.`,
            );
          }
          selectorValuesCheck(ctx, peer.podSelector);
          selectorValuesCheck(ctx, peer.namespaceSelector);
          if (peer.ipBlock) ipBlockCheck(ctx, peer);
        }
        for (const port of rule.ports ?? []) portCheck(ctx, port);
        portLimitCheck(ctx, rule);
        if (dir === 'egress') namedPortToIpBlockCheck(ctx, rule);
        andOrCheck(ctx, rule, dir);
      }
    }
    ignoredCheck(ctx, p);
    emptyFromCheck(ctx, p);
  },
};

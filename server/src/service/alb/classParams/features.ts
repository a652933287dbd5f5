/**
 * Hover on the spec fields of IngressClassParams (both flavours): what the field sets for every Ingress of the
 * class, which annotation it replaces and how (annotations/catalog.ts `params`), and the other flavour's
 * spelling where they differ.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { CursorContext } from '../../features/cursor';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { escapeHtml } from '../../features/markdown';
import { ALB_ANNOTATIONS, ALB_PREFIX } from '../annotations/catalog';
import { flavourOfParams, PARAMS_GROUP } from './model';

/** Our words for each field (path under spec, per flavour where the names differ). */
const FIELDS: { lbc?: string; auto?: string; doc: string }[] = [
  {
    lbc: 'group.name',
    auto: 'group.name',
    doc: 'Puts every Ingress of the class into this IngressGroup (one shared ALB); wins over the `group.name` annotation.',
  },
  { lbc: 'scheme', auto: 'scheme', doc: 'internal or internet-facing, for every Ingress of the class.' },
  { lbc: 'ipAddressType', auto: 'ipAddressType', doc: 'ipv4, dualstack or dualstack-without-public-ipv4 (internet-facing only).' },
  { lbc: 'loadBalancerName', doc: "The ALB's name (at most 32 characters)." },
  {
    lbc: 'certificateArn',
    auto: 'certificateARNs',
    doc: 'Certificate ARNs for the HTTPS listeners; with them, an Ingress without listen-ports listens on HTTPS:443.',
  },
  { lbc: 'sslPolicy', doc: 'The security policy of the HTTPS listeners.' },
  {
    lbc: 'sslRedirectPort',
    doc: 'Redirects HTTP to HTTPS on this port (a number as a string; anything else silently disables the redirect).',
  },
  { lbc: 'inboundCIDRs', doc: 'CIDRs allowed through the security group the controller manages.' },
  {
    lbc: 'prefixListsIDs',
    doc: 'Managed prefix lists allowed through the managed security group (`PrefixListsIDs` is the legacy spelling).',
  },
  { lbc: 'targetType', doc: "instance or ip for every target group of the class; wins even over a Service's target-type annotation." },
  {
    lbc: 'subnets',
    auto: 'subnets',
    doc: "The ALB's subnets by `ids`, or by tags (`tags` here, `matchTags` in EKS Auto Mode); exactly one of the two.",
  },
  {
    lbc: 'tags',
    auto: 'tags',
    doc: 'AWS tags ({key, value}) for the resources of every Ingress of the class; they win over the tags annotation key by key.',
  },
  {
    lbc: 'loadBalancerAttributes',
    auto: 'loadBalancerAttributes',
    doc: 'ALB attributes ({key, value}); they settle conflicting load-balancer-attributes of an IngressGroup.',
  },
  {
    lbc: 'listeners',
    doc: 'Listener attributes per protocol and port (`listenerAttributes`); EKS Auto Mode cannot set listener attributes.',
  },
  {
    lbc: 'minimumLoadBalancerCapacity',
    doc: "Reserved capacity units (`capacityUnits`); the class of the group's first member decides for the whole ALB.",
  },
  { lbc: 'ipamConfiguration', doc: 'The IPAM pool the ALB takes public IPv4 addresses from (`ipv4IPAMPoolId`).' },
  { lbc: 'wafv2AclArn', doc: 'A WAFv2 web ACL by ARN.' },
  { lbc: 'wafv2AclName', doc: 'A WAFv2 web ACL by name; when any member names one, no ARN is read.' },
  {
    lbc: 'namespaceSelector',
    auto: 'namespaceSelector',
    doc: 'Only Ingresses in namespaces whose labels match may use the class; others fail.',
  },
];

const HOW: Record<string, string> = {
  replaces: 'replaces the annotation on Ingresses of the class',
  perKey: 'wins over the annotation key by key',
  group: "replaces the annotation for the whole load balancer (the class of the group's first member)",
};

export function hoverClassParams(ctx: CursorContext): Hover | undefined {
  const obj = ctx.obj;
  if (!obj || !ctx.onKey) return undefined;
  const flavour = flavourOfParams(obj);
  if (!flavour || ctx.path[0] !== 'spec' || ctx.path.length < 2) return undefined;
  const path = ctx.path
    .slice(1)
    .filter((p) => typeof p === 'string')
    .join('.');
  const f = FIELDS.find((x) => x[flavour] === path || (path === 'group.name' && x.lbc === 'group.name'));
  if (!f) return undefined;
  const lines = [`**spec.${path}** · IngressClassParams (${PARAMS_GROUP[flavour]})`, '', f.doc];
  const other = flavour === 'lbc' ? f.auto : f.lbc;
  if (other && other !== f[flavour])
    lines.push(
      '',
      `${flavour === 'lbc' ? 'EKS Auto Mode (eks.amazonaws.com/v1)' : 'The AWS Load Balancer Controller (elbv2.k8s.aws/v1beta1)'} spells it \`${other}\`.`,
    );
  else if (!other && flavour === 'lbc') lines.push('', "EKS Auto Mode's IngressClassParams do not document this field.");
  const field = `spec.${f[flavour]}`;
  const ann = ALB_ANNOTATIONS.find((e) => e.params && (e.params[flavour] ?? '').split(' ')[0] === field);
  if (ann?.params) lines.push('', `Annotation: \`${ALB_PREFIX}${ann.name}\` — this field ${HOW[ann.params.how]}.`);
  const r = nodeRange(ctx.node);
  return {
    contents: { kind: MarkupKind.Markdown, value: escapeHtml(lines.join('\n')) },
    range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined,
  };
}

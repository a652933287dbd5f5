/**
 * Checks of IngressClassParams objects (both flavours) and of the IngressClasses that point at them: what the
 * controller's webhook and class loader refuse, what it silently ignores, and the fields the two flavours
 * spell differently. Field types and enums of `elbv2.k8s.aws/v1beta1` are the schema module's (the CRD is
 * bundled); these are the rules the CRD does not carry.
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { Check, CheckContext } from '../../checks/types';
import { child, keyString, pairs } from '@shared/manifest/yamlNodes';
import { knownString } from '@shared/manifest/templates';
import { networkText, parseCidr } from '../../model/cidr';
import { replaceScalarFix } from '../../model/edits';
import { isCertificateArn } from '../annotations/values';
import { AUTO_MODE_CONTROLLER, flavourOfController, flavourOfParams, PARAMS_GROUP, PARAMS_KIND, type Flavour } from './model';
import { indexCache } from '../../workspace/indexCache';

const GROUP_NAME = /^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$/;

/** A field of one flavour written in the other's spelling: [path under spec, the other flavour's name]. */
const SPELLINGS: Record<Flavour, { path: string[]; want: string }[]> = {
  lbc: [
    { path: ['certificateARNs'], want: 'certificateArn' },
    { path: ['subnets', 'matchTags'], want: 'tags' },
  ],
  auto: [
    { path: ['certificateArn'], want: 'certificateARNs' },
    { path: ['subnets', 'tags'], want: 'matchTags' },
  ],
};

function keyNode(ctx: CheckContext, path: string[]): Node | undefined {
  const parent = ctx.obj.node(['spec', ...path.slice(0, -1)]);
  const p = pairs(parent).find((x) => keyString(x) === path[path.length - 1]);
  return p?.key as Node | undefined;
}

export const classParamsCheck: Check = {
  id: 'alb.classParams',
  scope: 'local',
  appliesTo: (o) => o.kind === PARAMS_KIND && flavourOfParams(o) !== undefined,
  run(ctx) {
    const obj = ctx.obj;
    const flavour = flavourOfParams(obj)!;
    const spec = obj.node(['spec']);
    if (!isMap(spec)) return;
    const doc = obj.doc;
    const report = (node: unknown, message: string, opts: Parameters<CheckContext['report']>[3] = {}) =>
      ctx.report('alb-class-params', node as Node, message, opts);
    // The other flavour's spelling: the API server drops or refuses the field, and the setting is lost.
    for (const s of SPELLINGS[flavour]) {
      const k = keyNode(ctx, s.path);
      if (!k) continue;
      const what =
        flavour === 'auto'
          ? `EKS Auto Mode's IngressClassParams (eks.amazonaws.com/v1) spell it ${s.want}`
          : `the AWS Load Balancer Controller's IngressClassParams (elbv2.k8s.aws) spell it ${s.want}`;
      const fix = replaceScalarFix(obj.chunk.text, k, s.want, `Rename to ${s.want}`);
      report(
        k,
        `${s.path.join('.')} is the ${flavour === 'auto' ? 'AWS Load Balancer Controller' : 'EKS Auto Mode'} spelling: ${what}, so this setting is not read`,
        { fixes: fix ? [fix] : undefined },
      );
    }
    if (flavour === 'auto') {
      const listeners = child(spec, 'listeners', doc);
      if (isSeq(listeners)) {
        for (const l of listeners.items) {
          for (const name of ['listenerAttributes', 'attributes']) {
            const p = pairs(l).find((x) => keyString(x) === name);
            if (p)
              report(p.key, `EKS Auto Mode cannot set listener attributes (EKS user guide, auto-configure-alb): ${name} is not applied`, {
                severity: 'warning',
              });
          }
        }
      }
      const scheme = knownString(child(spec, 'scheme', doc));
      if (scheme !== undefined && scheme !== 'internal' && scheme !== 'internet-facing')
        report(child(spec, 'scheme', doc), `scheme must be internal or internet-facing, not "${scheme}"`);
    }
    // group_loader.go loadGroupID: an invalid group name makes every Ingress of the class fail.
    const gn = child(child(spec, 'group', doc), 'name', doc);
    const group = knownString(gn);
    if (group !== undefined && (group.length > 63 || !GROUP_NAME.test(group)))
      report(
        gn,
        `group.name "${group}" is not a valid IngressGroup name (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 63 characters): every Ingress of this class fails`,
      );
    // Certificates: ARNs of ACM or IAM server certificates.
    const certs = child(spec, flavour === 'auto' ? 'certificateARNs' : 'certificateArn', doc);
    if (isSeq(certs)) {
      for (const c of certs.items) {
        const v = knownString(c);
        if (v !== undefined && !isCertificateArn(v))
          report(
            c,
            `"${v}" is not a certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>, or an IAM server certificate): the HTTPS listeners cannot be created`,
          );
      }
    }
    if (flavour !== 'lbc') return;
    // webhooks/elbv2/ingressclassparams_validator.go checkInboundCIDRs.
    const cidrs = child(spec, 'inboundCIDRs', doc);
    if (isSeq(cidrs)) {
      for (const c of cidrs.items) {
        const v = knownString(c);
        if (v === undefined) continue;
        const parsed = parseCidr(v);
        if (!parsed) {
          const ip = !v.includes('/') && parseCidr(`${v}/${v.includes(':') ? 64 : 32}`);
          report(
            c,
            `"${v}" is not a CIDR${ip ? ` (did you mean "${v}/${v.includes(':') ? 64 : 32}"?)` : ''}: the controller's webhook rejects the IngressClassParams`,
          );
        } else if (parsed.hostBitsSet) {
          const net = networkText(parsed);
          const fix = replaceScalarFix(obj.chunk.text, c as Node, net, `Change to ${net}`);
          report(
            c,
            `"${v}" has bits set outside its prefix (did you mean "${net}"?): the controller's webhook rejects the IngressClassParams`,
            { fixes: fix ? [fix] : undefined },
          );
        }
      }
    }
    checkSubnetSelectors(ctx, spec, report);
    // model_builder.go buildSSLRedirectConfig: a port that does not parse silently turns the redirect off.
    const srp = child(spec, 'sslRedirectPort', doc);
    const port = knownString(srp);
    if (port !== undefined && port !== '' && !/^[+-]?\d+$/.test(port))
      report(srp, `sslRedirectPort "${port}" is not a number: the controller then silently configures no redirect at all`, {
        severity: 'warning',
      });
  },
};

/** class_loader.go Load: the parameters of an ALB controller's class must be its own IngressClassParams. */
export const ingressClassParamsRefCheck: Check = {
  id: 'alb.ingressClassParamsRef',
  scope: 'local',
  appliesTo: (o) => o.kind === 'IngressClass',
  run(ctx) {
    const obj = ctx.obj;
    const flavour = flavourOfController(knownString(obj.node(['spec', 'controller'])));
    const ref = obj.node(['spec', 'parameters']);
    if (!flavour || !isMap(ref)) return;
    const groupNode = child(ref, 'apiGroup', obj.doc),
      kindNode = child(ref, 'kind', obj.doc);
    const group = knownString(groupNode),
      kind = knownString(kindNode);
    const want = PARAMS_GROUP[flavour];
    const controller = flavour === 'auto' ? AUTO_MODE_CONTROLLER : 'ingress.k8s.aws/alb';
    if (groupNode !== undefined && group !== undefined && group !== want) {
      const fix = replaceScalarFix(obj.chunk.text, groupNode, want, `Change to ${want}`);
      ctx.report(
        'alb-class-params-ref',
        groupNode,
        `The ${controller} controller reads IngressClassParams of API group ${want}, not "${group}": every Ingress of this class fails ("references unknown parameters")`,
        { fixes: fix ? [fix] : undefined },
      );
    } else if (groupNode === undefined && !obj.isOpen(ref)) {
      ctx.report(
        'alb-class-params-ref',
        parametersKey(ctx),
        `spec.parameters needs apiGroup: ${want} (the ${controller} controller refuses parameters without it, and every Ingress of this class fails)`,
      );
    }
    if (kind !== undefined && kind !== PARAMS_KIND)
      ctx.report(
        'alb-class-params-ref',
        kindNode,
        `The ${controller} controller reads parameters of kind IngressClassParams, not "${kind}": every Ingress of this class fails`,
      );
  },
};

function parametersKey(ctx: CheckContext): Node | undefined {
  return pairs(ctx.obj.node(['spec'])).find((p) => keyString(p) === 'parameters')?.key as Node | undefined;
}

/** IngressClassParams per flavour and name. */
const paramsByName = indexCache([PARAMS_KIND], (index) => {
  const m = new Map<string, number>();
  for (const o of index.byKind(PARAMS_KIND)) {
    const f = flavourOfParams(o);
    if (f) m.set(f, (m.get(f) ?? 0) + 1);
    if (f && o.name) m.set(`${f}/${o.name}`, 1);
  }
  return m;
});

/** The named IngressClassParams are not in a workspace that holds others of that flavour: information. */
export const ingressClassParamsFoundCheck: Check = {
  id: 'alb.ingressClassParamsFound',
  scope: 'workspace',
  reads: [PARAMS_KIND],
  appliesTo: (o) => o.kind === 'IngressClass',
  run(ctx) {
    const obj = ctx.obj;
    const flavour = flavourOfController(knownString(obj.node(['spec', 'controller'])));
    const ref = obj.node(['spec', 'parameters']);
    if (!flavour || !isMap(ref)) return;
    const nameNode = child(ref, 'name', obj.doc);
    const name = knownString(nameNode);
    if (knownString(child(ref, 'apiGroup', obj.doc)) !== PARAMS_GROUP[flavour] || name === undefined) return;
    const t = paramsByName(ctx.index);
    if (!t.get(flavour) || t.has(`${flavour}/${name}`)) return;
    ctx.report(
      'alb-class-params-ref',
      nameNode,
      `No IngressClassParams "${name}" (${PARAMS_GROUP[flavour]}) in the workspace, which holds others: if the cluster has none either, every Ingress of this class fails`,
      { severity: 'info' },
    );
  },
};

export const CLASS_PARAMS_CHECKS: Check[] = [classParamsCheck, ingressClassParamsRefCheck, ingressClassParamsFoundCheck];

type Report = (node: unknown, message: string, opts?: Parameters<CheckContext['report']>[3]) => void;

/** webhooks/elbv2/ingressclassparams_validator.go checkSubnetSelectors: exactly one of ids and tags, no duplicates. */
function checkSubnetSelectors(ctx: CheckContext, spec: Node, report: Report): void {
  const doc = ctx.obj.doc;
  const subnets = child(spec, 'subnets', doc);
  if (isMap(subnets)) {
    const ids = child(subnets, 'ids', doc),
      tags = child(subnets, 'tags', doc);
    const subnetsKey = keyNode(ctx, ['subnets']);
    if (ids === undefined && tags === undefined && !keyNode(ctx, ['subnets', 'matchTags']))
      report(subnetsKey, "subnets needs either ids or tags: the controller's webhook rejects the IngressClassParams");
    else if (ids !== undefined && tags !== undefined)
      report(
        keyNode(ctx, ['subnets', 'tags']),
        "subnets may have ids or tags, not both: the controller's webhook rejects the IngressClassParams",
      );
    else if (isSeq(ids)) {
      const seen = new Set<string>();
      for (const i of ids.items) {
        const v = knownString(i);
        if (v === undefined) continue;
        if (seen.has(v)) report(i, `Subnet ${v} is listed twice: the controller's webhook rejects the IngressClassParams`);
        seen.add(v);
      }
    } else if (isMap(tags)) {
      if (!tags.items.length)
        report(
          keyNode(ctx, ['subnets', 'tags']),
          "subnets.tags needs at least one tag key: the controller's webhook rejects the IngressClassParams",
        );
      for (const p of tags.items) {
        const vals = p.value;
        if (!isSeq(vals)) continue;
        const seen = new Set<string>();
        for (const i of vals.items) {
          const v = knownString(i);
          if (v === undefined) continue;
          if (seen.has(v))
            report(i, `"${v}" is listed twice under ${String(keyString(p))}: the controller's webhook rejects the IngressClassParams`);
          seen.add(v);
        }
      }
    }
  }
}

/**
 * VPC Lattice (AWS Gateway API Controller, controllerName application-networking.k8s.aws/gateway-api-controller):
 * what fails a route at reconcile time or is silently ignored, the Gateway listeners Lattice has, backend
 * kinds and Services, generated service-name collisions, the controller's policy kinds, the IAM auth policy
 * JSON (at the exact character), and its annotations.
 *
 * Sources (aws/aws-application-networking-k8s v2.1.3): pkg/gateway/model_build_rule.go (matches, headers,
 * query parameters, weights), pkg/gateway/model_build_listener.go (listener protocols, certificate-arn),
 * pkg/controllers/route_controller.go (backend kinds, dual stack), pkg/utils/common.go LatticeServiceName,
 * pkg/k8s/policyhelper/policy.go (targetRef kinds, namespaces, conflicts),
 * pkg/controllers/accesslogpolicy_controller.go, pkg/gateway/model_build_targetgroup.go parseTargetGroupConfig,
 * docs/api-types/*.md; VPC Lattice quotas (docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html).
 */
import { isScalar, isSeq, type Node } from 'yaml';
import type { Node as JsonNode } from 'jsonc-parser';
import type { Check, CheckContext } from '../checks/types';
import type { Fix } from '../diagnostics/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { closest } from '../catalog/types';
import { keyString, nodeRange, pairs, resolve } from '@shared/manifest/yamlNodes';
import { isUnknownNode, isUnknownText } from '@shared/manifest/templates';
import { embeddedJson, jsonErrorMessage } from '../alb/actions/embedded';
import { servicesNamed } from '../alb/annotations/model';
import { servicePorts } from '../model/service';
import { GW_GROUP, gatewayInfo, isGatewayApi, isRoute, items, keyNodeOf, readStr, refNamespace, routeInfo, type RouteInfo } from './model';
import { GATEWAY_KINDS, firstParentOf, implOf, missingSeverity, resolveNear, type ImplInfo } from './workspace';
import { LATTICE_GROUP } from './checks';
import { LATTICE_ANNOTATIONS, LATTICE_KINDS, LATTICE_PREFIX, latticeAnnotation } from './latticeCatalog';
import { oneRulePerMatch } from './edits';

const MAX_HEADER_MATCHES = 5;

function via(gw: K8sObject, info: ImplInfo): string {
  return `VPC Lattice (Gateway "${gw.name}"${info.byName ? `, class ${info.className}` : ''})`;
}

/** The Lattice parent of a route, if any (the controller handles a route when one of its parents is Lattice). */
function latticeParent(ctx: CheckContext, route: RouteInfo): { gw: K8sObject; info: ImplInfo } | undefined {
  const p = firstParentOf(ctx.index, route, 'lattice');
  return p ? { gw: p.gw, info: p.info } : undefined;
}

function presentList(n: Node | undefined): boolean {
  return isSeq(n) && n.items.length > 0;
}

// ---------------------------------------------------------------------------------------------------- routes

export const latticeRouteCheck: Check = {
  id: 'lattice.routes',
  scope: 'workspace',
  reads: GATEWAY_KINDS,
  appliesTo: isRoute,
  run(ctx) {
    const route = routeInfo(ctx.obj);
    if (!route) return;
    const parent = latticeParent(ctx, route);
    if (!parent) return;
    const on = via(parent.gw, parent.info);
    const obj = ctx.obj;
    const hasPriorities = Object.keys(obj.annotations).some((k) => /^application-networking\.k8s\.aws\/rule-\d+-priority$/.test(k));
    for (const rule of route.rules) {
      if (rule.matches.length > 1) {
        const edit = hasPriorities ? undefined : oneRulePerMatch(obj, rule);
        const fixes: Fix[] | undefined = edit
          ? [{ title: `Split into ${rule.matches.length} rules, one per match (same backends)`, edits: [edit], preferred: true }]
          : undefined;
        ctx.report(
          'lattice-multiple-matches',
          keyNodeOf(rule.node, 'matches', obj) ?? rule.matchesNode,
          `This rule has ${rule.matches.length} matches: ${on} supports one match per rule and fails the whole route (LATTICE_NO_SUPPORT_FOR_MULTIPLE_MATCHES). Write one rule per match`,
          { fixes },
        );
      }
      for (const m of rule.matches) {
        const pt = m.path?.type.value;
        if (pt !== undefined && pt !== 'Exact' && pt !== 'PathPrefix') {
          ctx.report(
            'lattice-unsupported-match',
            m.path!.type.node,
            `Path match type ${pt}: ${on} supports only Exact and PathPrefix and fails the whole route (LATTICE_UNSUPPORTED_PATH_MATCH_TYPE)`,
          );
        }
        if (isSeq(m.queryParamsNode)) {
          ctx.report(
            'lattice-unsupported-match',
            keyNodeOf(m.node, 'queryParams', obj) ?? m.queryParamsNode,
            `Query parameter matches: ${on} cannot match on query parameters and fails the whole route (LATTICE_UNSUPPORTED_MATCH_TYPE)`,
          );
        }
        if (m.headers.length > MAX_HEADER_MATCHES) {
          ctx.report(
            'lattice-unsupported-match',
            m.headers[MAX_HEADER_MATCHES].name.node ?? m.headers[MAX_HEADER_MATCHES].node,
            `${m.headers.length} header matches: ${on} allows at most ${MAX_HEADER_MATCHES} per rule and fails the whole route (LATTICE_EXCEED_MAX_HEADER_MATCHES)`,
          );
        }
        for (const h of m.headers) {
          const t = h.type.value;
          if (t !== undefined && t !== 'Exact')
            ctx.report(
              'lattice-unsupported-match',
              h.type.node,
              `Header match type ${t}: ${on} matches headers exactly only and fails the whole route (LATTICE_UNSUPPORTED_HEADER_MATCH_TYPE)`,
            );
        }
        const g = m.grpcMethod;
        if (g) {
          if (g.type.value !== undefined && g.type.value !== 'Exact')
            ctx.report(
              'lattice-unsupported-match',
              g.type.node,
              `gRPC method match type ${g.type.value}: ${on} supports only Exact and fails the whole route`,
            );
          if (g.method.value !== undefined && g.service.node === undefined)
            ctx.report(
              'lattice-unsupported-match',
              g.method.node,
              `A gRPC method match names a method without a service: ${on} cannot express it (no suffix matching) and fails the whole route`,
            );
        }
      }
      const ignored: [Node | undefined, string][] = [];
      if (presentList(rule.filtersNode))
        ignored.push([keyNodeOf(rule.node, 'filters', obj), 'filters (redirects, rewrites, header changes, mirrors)']);
      for (const b of rule.backendRefs)
        if (presentList(b.filtersNode)) ignored.push([keyNodeOf(b.node, 'filters', obj), 'backendRef filters']);
      if (rule.timeoutsNode) ignored.push([keyNodeOf(rule.node, 'timeouts', obj), 'timeouts']);
      if (rule.retryNode) ignored.push([keyNodeOf(rule.node, 'retry', obj), 'retry']);
      if (rule.sessionPersistenceNode) ignored.push([keyNodeOf(rule.node, 'sessionPersistence', obj), 'sessionPersistence']);
      for (const [node, what] of ignored) {
        ctx.report(
          'lattice-ignored-feature',
          node,
          `${on} ignores ${what}: the controller never reads them and forwards traffic unchanged`,
        );
      }
    }
    if (route.hostnames.length > 1 && route.kind !== 'TLSRoute') {
      ctx.report(
        'lattice-hostnames',
        route.hostnames[1].node,
        `${route.hostnames.length} hostnames: a VPC Lattice service has one custom domain name, so only the first (${route.hostnames[0].value ?? 'the first entry'}) is used and the others get no traffic`,
      );
    }
  },
};

// -------------------------------------------------------------------------------------------------- gateways

export const latticeGatewayCheck: Check = {
  id: 'lattice.gateway',
  scope: 'workspace',
  reads: GATEWAY_KINDS,
  appliesTo: (o) => isGatewayApi(o) && o.kind === 'Gateway',
  run(ctx) {
    const info = implOf(ctx.index, ctx.obj);
    if (info.impl !== 'lattice') return;
    for (const l of gatewayInfo(ctx.obj).listeners) {
      const p = l.protocol.value;
      if (p === undefined) continue;
      const mode = l.tlsMode.unknown ? undefined : (l.tlsMode.value ?? 'Terminate');
      if (p === 'HTTP') continue;
      if (p === 'HTTPS') {
        if (
          mode === 'Terminate' &&
          !l.tlsOptions['application-networking.k8s.aws/certificate-arn'] &&
          l.tlsNode &&
          !ctx.obj.isOpen(l.tlsNode)
        ) {
          ctx.report(
            'lattice-listener-certificate',
            keyNodeOf(l.node, 'tls', ctx.obj),
            `Listener "${l.name.value}": VPC Lattice does not use certificateRefs. Put the ACM certificate ARN in tls.options under "application-networking.k8s.aws/certificate-arn"; without it the controller looks for an ACM certificate matching the route's custom domain`,
          );
        }
        continue;
      }
      if (p === 'TLS' && (mode === 'Passthrough' || mode === undefined)) continue;
      const what =
        p === 'TLS' ? 'TLS with mode Terminate (use HTTPS to terminate TLS, or mode: Passthrough with a TLSRoute)' : `protocol ${p}`;
      ctx.report(
        'lattice-listener-protocol',
        l.protocol.node,
        `Listener "${l.name.value}": VPC Lattice has listeners for HTTP, HTTPS and TLS passthrough only, not ${what}: routes on it fail to deploy`,
      );
    }
  },
};

// -------------------------------------------------------------------------------------------------- backends

export const latticeBackendCheck: Check = {
  id: 'lattice.backends',
  scope: 'workspace',
  reads: ['Service', ...GATEWAY_KINDS],
  appliesTo: isRoute,
  run(ctx) {
    const route = routeInfo(ctx.obj);
    if (!route) return;
    const parent = latticeParent(ctx, route);
    if (!parent) return;
    for (const rule of route.rules)
      for (const b of rule.backendRefs) {
        const kindNode = readStr(b.node, 'kind', ctx.obj);
        if (kindNode.unknown) continue;
        if (b.kind !== 'Service' && b.kind !== 'ServiceImport') {
          ctx.report(
            'lattice-backend-kind',
            kindNode.node ?? b.node,
            `${via(parent.gw, parent.info)} accepts only Service and ServiceImport backends, not ${b.kind}: the route's references do not resolve (InvalidKind)`,
          );
          continue;
        }
        if (b.kind !== 'Service' || !b.name.value) continue;
        const ns = refNamespace(b, route.obj);
        const svc = resolveNear(servicesNamed(ctx.index, b.name.value, ns), route.obj, ns)[0];
        if (!svc || svc.hasTemplates) continue;
        const fam = svc.node(['spec', 'ipFamilies']);
        if (isSeq(fam) && fam.items.length > 1)
          ctx.report(
            'lattice-backend-service',
            b.name.node,
            `Service "${svc.name}" is dual-stack (two ipFamilies): VPC Lattice target groups are single-family and the controller rejects the route ("Invalid IpFamilies")`,
          );
        if (readStr(svc.node(['spec']), 'type', svc).value === 'ExternalName')
          ctx.report(
            'lattice-backend-service',
            b.name.node,
            `Service "${svc.name}" is ExternalName: VPC Lattice cannot target it (it has no endpoints in the cluster)`,
          );
      }
  },
};

// ------------------------------------------------------------------------------------ generated service names

const LATTICE_ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'];
const OVERRIDE = LATTICE_PREFIX + 'service-name-override';

/** LatticeServiceName: the override, else the first 20 characters of the name, "-", the first 18 of the namespace. */
export function latticeServiceName(obj: K8sObject): string | undefined {
  const o = obj.annotations[OVERRIDE];
  if (o !== undefined && o !== '') return isUnknownText(o) ? undefined : o;
  if (!obj.name || !obj.namespace || isUnknownText(obj.name) || isUnknownText(obj.namespace)) return undefined;
  return `${obj.name.slice(0, 20)}-${obj.namespace.slice(0, 18)}`;
}

const nameTables = new WeakMap<object, { key: string; byName: Map<string, K8sObject[]> }>();

export const latticeNameCollisionCheck: Check = {
  id: 'lattice.serviceNames',
  scope: 'workspace',
  reads: [...LATTICE_ROUTE_KINDS, ...GATEWAY_KINDS],
  appliesTo: (o) => isRoute(o) && LATTICE_ROUTE_KINDS.includes(o.kind!),
  run(ctx) {
    const key = ctx.index.kindsKey([...LATTICE_ROUTE_KINDS, ...GATEWAY_KINDS]);
    let t = nameTables.get(ctx.index);
    if (!t || t.key !== key) {
      const byName = new Map<string, K8sObject[]>();
      for (const k of LATTICE_ROUTE_KINDS)
        for (const o of ctx.index.byKind(k)) {
          if (o.group !== GW_GROUP) continue;
          const r = routeInfo(o);
          if (!r || !firstParentOf(ctx.index, r, 'lattice')) continue;
          const n = latticeServiceName(o);
          if (!n) continue;
          const l = byName.get(n);
          if (l) l.push(o);
          else byName.set(n, [o]);
        }
      t = { key, byName };
      nameTables.set(ctx.index, t);
    }
    const n = latticeServiceName(ctx.obj);
    const group = n ? (t.byName.get(n) ?? []) : [];
    if (!group.includes(ctx.obj)) return;
    // The same route in several files (kustomize base, overlay, patch) is one object, not a collision.
    const same = group.filter((o) => o !== ctx.obj && !(o.kind === ctx.obj.kind && o.name === ctx.obj.name));
    if (!same.length) return;
    const other = same[0];
    const overridden = ctx.obj.annotations[OVERRIDE] !== undefined;
    ctx.report(
      'lattice-service-name-collision',
      overridden ? ctx.obj.node(['metadata', 'annotations', OVERRIDE]) : ctx.obj.node(['metadata', 'name']),
      `${other.kind} "${other.name}" gets the same VPC Lattice service name "${n}"${overridden ? '' : ' (the first 20 characters of the route name and 18 of the namespace)'}: both routes claim one Lattice service. Rename one or set application-networking.k8s.aws/service-name-override`,
      {
        related: [
          {
            uri: other.uri,
            chunk: other.chunk,
            start: nodeRange(other.node(['metadata', 'name']))?.[0] ?? 0,
            end: nodeRange(other.node(['metadata', 'name']))?.[1] ?? 0,
            message: `${other.kind} ${other.name}`,
          },
        ],
      },
    );
  },
};

// -------------------------------------------------------------------------------------------------- policies

interface PolicyRule {
  kinds: { group: string; kind: string }[];
  sameNamespaceOnly?: boolean;
}
const GW = (kind: string) => ({ group: GW_GROUP, kind });
export const POLICY_TARGETS: Record<string, PolicyRule> = {
  TargetGroupPolicy: {
    kinds: [
      { group: '', kind: 'Service' },
      { group: LATTICE_GROUP, kind: 'ServiceExport' },
    ],
  },
  VpcAssociationPolicy: { kinds: [GW('Gateway')] },
  AccessLogPolicy: { kinds: [GW('Gateway'), GW('HTTPRoute'), GW('GRPCRoute')], sameNamespaceOnly: true },
  IAMAuthPolicy: { kinds: [GW('Gateway'), GW('HTTPRoute'), GW('GRPCRoute')] },
};
const POLICY_KINDS = Object.keys(POLICY_TARGETS);

function targetRefOf(obj: K8sObject) {
  const tr = obj.node(['spec', 'targetRef']);
  return {
    node: tr,
    group: readStr(tr, 'group', obj),
    kind: readStr(tr, 'kind', obj),
    name: readStr(tr, 'name', obj),
    namespace: readStr(tr, 'namespace', obj),
  };
}

export const latticePolicyCheck: Check = {
  id: 'lattice.policies',
  scope: 'workspace',
  reads: [...POLICY_KINDS, 'Gateway', 'HTTPRoute', 'GRPCRoute', 'Service', 'ServiceExport'],
  appliesTo: (o) => o.group === LATTICE_GROUP && POLICY_KINDS.includes(o.kind ?? ''),
  run(ctx) {
    const obj = ctx.obj;
    const rule = POLICY_TARGETS[obj.kind!];
    const tr = targetRefOf(obj);
    if (!tr.node || tr.group.unknown || tr.kind.unknown) return;
    const group = tr.group.value ?? '';
    const kind = tr.kind.value;
    if (kind === undefined) return;
    if (!rule.kinds.some((k) => k.group === group && k.kind === kind)) {
      const allowed = rule.kinds.map((k) => `${k.kind}${k.group ? ` (${k.group})` : ' (core group "")'}`).join(', ');
      ctx.report(
        'lattice-policy-target',
        tr.kind.node,
        `A ${obj.kind} attaches to ${allowed}, not ${group ? `${group}/` : ''}${kind}: the controller marks the policy Invalid`,
      );
      return;
    }
    const ns = obj.namespace;
    const trNs = tr.namespace.value;
    if (trNs !== undefined && ns !== undefined && trNs !== ns) {
      if (rule.sameNamespaceOnly)
        ctx.report(
          'lattice-policy-target',
          tr.namespace.node,
          `An AccessLogPolicy must be in its target's namespace: targetRef.namespace "${trNs}" differs from "${ns}", so the controller marks the policy Invalid`,
        );
      else
        ctx.report(
          'lattice-policy-target-missing',
          tr.namespace.node,
          `The controller looks for the target in the policy's own namespace (${ns}) and ignores targetRef.namespace "${trNs}": create the policy in ${trNs}`,
        );
      return;
    }
    const name = tr.name.value;
    if (!name) return;
    const lookNs = ns ?? trNs;
    const candidates = ctx.index.byKind(kind).filter((o) => o.group === group);
    const found = candidates.filter(
      (o) => o.name === name && (o.namespace === undefined || lookNs === undefined || o.namespace === lookNs),
    );
    if (!found.length) {
      const sev = missingSeverity(candidates, lookNs);
      if (sev) {
        const guess = closest(
          name,
          candidates
            .filter((o) => o.namespace === lookNs || lookNs === undefined || o.namespace === undefined)
            .map((o) => o.name!)
            .filter(Boolean),
          1,
        )[0];
        ctx.report(
          'lattice-policy-target-missing',
          tr.name.node,
          `No ${kind} "${name}"${lookNs ? ` in namespace ${lookNs}` : ''} in the workspace: the policy does nothing (TargetNotFound)${guess ? `. Did you mean "${guess}"?` : ''}`,
          { severity: sev },
        );
      }
    }
    if (obj.hasTemplates) return;
    const rivals = ctx.index.byKind(obj.kind!).filter(
      (p) =>
        p !== obj &&
        p.name !== obj.name &&
        p.group === LATTICE_GROUP &&
        !p.hasTemplates &&
        p.namespace === ns &&
        (() => {
          const t = targetRefOf(p);
          return (t.group.value ?? '') === group && t.kind.value === kind && t.name.value === name;
        })(),
    );
    if (rivals.length) {
      ctx.report(
        'lattice-policy-conflict',
        tr.name.node,
        `${obj.kind} "${rivals[0].name}" also targets ${kind} "${name}": the controller applies only the oldest of them and marks the others Conflicted`,
      );
    }
  },
};

export const latticePolicyFieldsCheck: Check = {
  id: 'lattice.policyFields',
  scope: 'local',
  appliesTo: (o) => o.group === LATTICE_GROUP && (o.kind === 'TargetGroupPolicy' || o.kind === 'VpcAssociationPolicy'),
  run(ctx) {
    const obj = ctx.obj;
    const spec = obj.node(['spec']);
    if (obj.kind === 'TargetGroupPolicy') {
      const proto = readStr(spec, 'protocol', obj);
      const ver = readStr(spec, 'protocolVersion', obj);
      if (proto.value !== undefined && !['HTTP', 'HTTPS', 'TCP'].includes(proto.value)) {
        const up = proto.value.toUpperCase();
        const r = nodeRange(proto.node);
        ctx.report(
          'lattice-target-group-policy',
          proto.node,
          `protocol "${proto.value}" is not one of HTTP, HTTPS, TCP (the CRD does not check it; values are case-sensitive): VPC Lattice refuses the target group`,
          {
            fixes:
              ['HTTP', 'HTTPS', 'TCP'].includes(up) && r
                ? [{ title: `Change to ${up}`, edits: [{ start: r[0], end: r[1], newText: up }], preferred: true }]
                : undefined,
          },
        );
      }
      if (proto.value === 'TCP' && ver.node !== undefined) {
        ctx.report(
          'lattice-target-group-policy',
          keyNodeOf(spec, 'protocolVersion', obj) ?? ver.node,
          'protocolVersion cannot be set with protocol TCP: the controller refuses to build the target group ("protocolVersion is not supported for TCP protocol TargetGroupPolicy")',
        );
      }
    } else {
      const sgs = items(obj.node(['spec', 'securityGroupIds']), obj);
      if (sgs.length > 5)
        ctx.report(
          'lattice-vpc-association',
          sgs[5],
          `${sgs.length} security groups: a VPC Lattice service-network VPC association takes at most 5 (a quota that cannot be raised)`,
        );
    }
  },
};

// ------------------------------------------------------------------------------------------ IAM auth policy

const AUTH_POLICY_MAX = 10 * 1024;

function jprop(n: JsonNode | undefined, name: string): { key: JsonNode; value?: JsonNode } | undefined {
  if (n?.type !== 'object') return undefined;
  let found: { key: JsonNode; value?: JsonNode } | undefined;
  for (const p of n.children ?? []) {
    const k = p.children?.[0];
    if (k?.value === name) found = { key: k, value: p.children?.[1] };
  }
  return found;
}

export const latticeAuthPolicyCheck: Check = {
  id: 'lattice.authPolicy',
  scope: 'local',
  appliesTo: (o) => o.group === LATTICE_GROUP && o.kind === 'IAMAuthPolicy',
  run(ctx) {
    const obj = ctx.obj;
    const node = obj.node(['spec', 'policy']);
    if (!isScalar(node) || typeof node.value !== 'string' || isUnknownNode(node)) return;
    const ej = embeddedJson(obj.chunk.text, node);
    if (!ej) return;
    const at = (n: JsonNode | undefined): [number, number] => (n ? ej.toSource(n.offset, n.length) : nodeRange(node)!);
    const keyNode = keyNodeOf(obj.node(['spec']), 'policy', obj);
    if (ej.text.trim() === '') {
      ctx.report(
        'lattice-auth-policy',
        node,
        'The auth policy is empty: VPC Lattice needs an IAM policy document ({"Version": "2012-10-17", "Statement": [...]})',
      );
      return;
    }
    if (ej.errors.length) {
      for (const e of ej.errors.slice(0, 3))
        ctx.report(
          'lattice-auth-policy',
          ej.toSource(e.offset, Math.max(1, e.length)),
          `Invalid JSON in the auth policy: ${jsonErrorMessage(e)} (VPC Lattice rejects the policy)`,
        );
      return;
    }
    if (ej.text.length > AUTH_POLICY_MAX)
      ctx.report(
        'lattice-auth-policy',
        keyNode ?? node,
        `The auth policy is ${ej.text.length} characters: VPC Lattice accepts at most 10 KB per auth policy (a fixed quota)`,
      );
    const root = ej.root;
    if (root?.type !== 'object') {
      ctx.report('lattice-auth-policy', at(root), 'An auth policy is a JSON object with "Version" and "Statement"');
      return;
    }
    const version = jprop(root, 'Version');
    if (version?.value && (version.value.type !== 'string' || !['2012-10-17', '2008-10-17'].includes(version.value.value as string))) {
      ctx.report(
        'lattice-auth-policy',
        at(version.value),
        `"Version" must be "2012-10-17" (or the old "2008-10-17"): IAM rejects other values`,
        { severity: 'warning' },
      );
    }
    const st = jprop(root, 'Statement');
    if (!st?.value) {
      ctx.report('lattice-auth-policy', at(root), 'The auth policy has no "Statement": it allows nothing');
      return;
    }
    const statements = st.value.type === 'array' ? (st.value.children ?? []) : [st.value];
    for (const s of statements.slice(0, 200)) {
      if (s.type !== 'object') {
        ctx.report('lattice-auth-policy', at(s), 'Each statement is a JSON object with "Effect", "Principal", "Action" and "Resource"');
        continue;
      }
      const eff = jprop(s, 'Effect');
      if (!eff?.value) ctx.report('lattice-auth-policy', at(s), 'This statement has no "Effect" ("Allow" or "Deny")');
      else if (eff.value.type !== 'string' || !['Allow', 'Deny'].includes(eff.value.value as string))
        ctx.report(
          'lattice-auth-policy',
          at(eff.value),
          `"Effect" must be "Allow" or "Deny" (case-sensitive), not ${ej.text.slice(eff.value.offset, eff.value.offset + eff.value.length)}`,
        );
      for (const key of ['Action', 'NotAction']) {
        const a = jprop(s, key)?.value;
        if (!a) continue;
        const values = a.type === 'array' ? (a.children ?? []) : [a];
        for (const v of values) {
          if (v.type !== 'string') continue;
          const action = v.value as string;
          if (action === '*' || action.toLowerCase().startsWith('vpc-lattice-svcs:')) continue;
          ctx.report(
            'lattice-auth-policy-action',
            at(v),
            `"${action}" is not a VPC Lattice service action: auth policies evaluate only vpc-lattice-svcs actions (e.g. "vpc-lattice-svcs:Invoke"), so this grants or denies nothing`,
          );
        }
      }
    }
  },
};

// ------------------------------------------------------------------------------------------------ annotations

function renameFix(obj: K8sObject, keyNode: Node, to: string): Fix[] | undefined {
  const r = nodeRange(keyNode);
  if (!r) return undefined;
  const src = obj.chunk.text.slice(r[0], r[1]);
  const q = src.startsWith('"') ? '"' : src.startsWith("'") ? "'" : '';
  return [{ title: `Rename to ${to}`, edits: [{ start: r[0], end: r[1], newText: q + to + q }], preferred: true }];
}

export const latticeAnnotationCheck: Check = {
  id: 'lattice.annotations',
  scope: 'local',
  appliesTo: (o) => LATTICE_KINDS.has(o.kind ?? '') || o.kind === 'Namespace',
  run(ctx) {
    const obj = ctx.obj;
    for (const p of pairs(obj.node(['metadata', 'annotations']))) {
      const key = keyString(p);
      if (!key || !key.startsWith(LATTICE_PREFIX) || isUnknownText(key)) continue;
      const keyNode = p.key as Node;
      const suffix = key.slice(LATTICE_PREFIX.length);
      if (obj.kind === 'Namespace') {
        if (suffix === 'pod-readiness-gate-inject')
          ctx.report(
            'lattice-annotation-unknown',
            keyNode,
            `${key} is read from the Namespace's labels, not its annotations: move it under metadata.labels`,
          );
        continue;
      }
      const entry = latticeAnnotation(suffix);
      if (!entry) {
        const guess = closest(
          suffix,
          LATTICE_ANNOTATIONS.entries.filter((e) => !e.namePattern && !e.output).map((e) => e.name),
          1,
        )[0];
        ctx.report(
          'lattice-annotation-unknown',
          keyNode,
          `Unknown annotation ${key}: the VPC Lattice controller does not read it${guess ? ` — did you mean ${LATTICE_PREFIX}${guess}?` : ''}`,
          { fixes: guess ? renameFix(obj, keyNode, LATTICE_PREFIX + guess) : undefined },
        );
        continue;
      }
      if (entry.output) {
        ctx.report(
          'lattice-annotation-unknown',
          keyNode,
          `${key} is written by the controller (the live value replaces yours): leave it out of the manifest`,
          { severity: 'info' },
        );
        continue;
      }
      if (entry.name === 'pod-readiness-gate-inject') {
        ctx.report('lattice-annotation-unknown', keyNode, `${key} is a Namespace label; on a ${obj.kind} it has no effect`);
        continue;
      }
      if (!entry.kinds.includes(obj.kind!)) {
        ctx.report(
          'lattice-annotation-unknown',
          keyNode,
          `${key} is read on ${entry.kinds.join(', ')} only; on a ${obj.kind} it has no effect`,
        );
        continue;
      }
      const v = resolve(p.value, obj.doc);
      if (!isScalar(v) || isUnknownNode(v) || v.value === null || v.value === undefined) continue;
      const problem = entry.check?.(String(v.value));
      if (problem) ctx.report('lattice-annotation-value', v, problem.message, { severity: problem.severity });
    }
    if (obj.kind === 'ServiceImport' && obj.group === LATTICE_GROUP) {
      const ann = obj.annotations;
      const arn = LATTICE_PREFIX + 'target-group-arn';
      const tags = ['export-name', 'aws-vpc', 'aws-eks-cluster-name'].filter((k) => ann[LATTICE_PREFIX + k] !== undefined);
      if (ann[arn] !== undefined && tags.length) {
        ctx.report(
          'lattice-service-import',
          keyNodeOf(obj.node(['metadata', 'annotations']), arn, obj),
          `target-group-arn and ${tags.map((t) => LATTICE_PREFIX + t).join(', ')} together: the controller refuses the ServiceImport ("set exactly one"). Use the ARN for an external target group, or tag discovery`,
        );
      }
    }
  },
};

// ------------------------------------------------------------------------------------------- ServiceExport

export const latticeServiceExportCheck: Check = {
  id: 'lattice.serviceExport',
  scope: 'workspace',
  reads: ['Service'],
  appliesTo: (o) => o.group === LATTICE_GROUP && o.kind === 'ServiceExport',
  run(ctx) {
    const obj = ctx.obj;
    const ann = obj.annotations[LATTICE_PREFIX + 'service-name'];
    const name = ann !== undefined && ann.trim() !== '' ? ann.trim() : obj.name;
    if (!name || isUnknownText(name)) return;
    const raw = servicesNamed(ctx.index, name, obj.namespace);
    const svcs = resolveNear(raw, obj, obj.namespace);
    if (!raw.length) {
      const sev = missingSeverity(ctx.index.byKind('Service'), obj.namespace);
      if (sev)
        ctx.report(
          'lattice-service-export',
          ann !== undefined ? obj.node(['metadata', 'annotations', LATTICE_PREFIX + 'service-name']) : obj.node(['metadata', 'name']),
          `No Service "${name}"${obj.namespace ? ` in namespace ${obj.namespace}` : ''} in the workspace: a ServiceExport exports the Service of its own name (or the one named by ${LATTICE_PREFIX}service-name)`,
          { severity: sev },
        );
      return;
    }
    const svc = svcs[0];
    if (!svc || svc.isOpen(['spec', 'ports'])) return;
    const ports = servicePorts(svc);
    if (!ports?.length || ports.some((p) => p.port === undefined)) return;
    for (const ep of items(obj.node(['spec', 'exportedPorts']), obj)) {
      const port = readStr(ep, 'port', obj);
      if (port.value === undefined || !/^\d+$/.test(port.value)) continue;
      if (!ports.some((p) => p.port === Number(port.value)))
        ctx.report(
          'lattice-service-export',
          port.node,
          `Service "${name}" has no port ${port.value} (it has ${ports.map((p) => p.port).join(', ')}): nothing is exported on it`,
        );
    }
  },
};

export const LATTICE_CHECKS: Check[] = [
  latticeRouteCheck,
  latticeGatewayCheck,
  latticeBackendCheck,
  latticeNameCollisionCheck,
  latticePolicyCheck,
  latticePolicyFieldsCheck,
  latticeAuthPolicyCheck,
  latticeAnnotationCheck,
  latticeServiceExportCheck,
];

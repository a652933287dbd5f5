/**
 * Gateway API core checks: apiVersions the bundled CRDs do not serve, and weights no implementation routes
 * (local); gatewayClassName → GatewayClass, parentRefs → Gateway and listener, backendRefs → Service and port,
 * ReferenceGrants for cross-namespace backends, and the implementation's weight limit (cross-document).
 */
import type { Node } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { Fix } from '../diagnostics/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { closest, editDistance } from '../catalog/types';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import { servicesNamed } from '../alb/annotations/model';
import { servicePorts } from '../model/service';
import { rescaleWeights } from '../features/trafficSplit';
import { CRD_FACTS, type CrdFacts } from './servedVersions';
import {
  GW_GROUP,
  grantInfo,
  grantAllows,
  isGatewayApi,
  isRoute,
  refNamespace,
  routeInfo,
  type BackendRef,
  type ListenerInfo,
  type ParentRef,
  type RouteInfo,
  type RouteRule,
} from './model';
import {
  GATEWAY_KINDS,
  IMPL_LABEL,
  allGatewayClasses,
  allGateways,
  gatewayClassesNamed,
  implOf,
  missingSeverity,
  resolveNear,
  routeImpls,
  routeParents,
  type Impl,
} from './workspace';
import { gatewayInfo } from './model';
import { NAMESPACE_NAME_LABEL } from '../workspace/workloads';
import { matches as selectorMatches } from '../model/labelSelector';

export const LATTICE_GROUP = 'application-networking.k8s.aws';
export const LBC_GROUP = 'gateway.k8s.aws';
const VERSIONED_GROUPS = new Set([GW_GROUP, LATTICE_GROUP, LBC_GROUP]);

// -------------------------------------------------------------------------------------------------- versions

const factsByKind = new Map<string, CrdFacts[]>();
for (const f of CRD_FACTS) {
  const k = `${f.group}/${f.kind}`;
  const l = factsByKind.get(k);
  if (l) l.push(f);
  else factsByKind.set(k, [f]);
}
const kindsOfGroup = (group: string): string[] => [...new Set(CRD_FACTS.filter((f) => f.group === group).map((f) => f.kind))];

/** "Gateway API v1.5.0 (standard channel)" and the like, from a fact's source. */
function sourceLabel(f: CrdFacts): string {
  const tag = /\(([^)]+)\)$/.exec(f.source)?.[1] ?? '';
  if (f.group === GW_GROUP) return `Gateway API ${tag} (${f.channel} channel)`;
  if (f.group === LATTICE_GROUP) return `the VPC Lattice controller's CRDs (${tag})`;
  if (f.group === LBC_GROUP) return `the Load Balancer Controller's CRDs (${tag})`;
  return `the CRDs (${tag})`;
}

/** The served versions of a kind in the bundled release (standard channel for Gateway API), if we know the kind. */
export function servedVersions(group: string, kind: string): { facts: CrdFacts; served: string[] } | undefined {
  const all = factsByKind.get(`${group}/${kind}`);
  const f = all?.find((x) => x.channel === undefined || x.channel === 'standard');
  return f ? { facts: f, served: f.versions.filter((v) => v.served).map((v) => v.name) } : undefined;
}

/** Kinds that only the experimental channel of the bundled Gateway API release defines. */
const EXPERIMENTAL_ONLY = CRD_FACTS.filter((f) => f.channel === 'experimental' && !servedVersions(f.group, f.kind)).map((f) => f.kind);

export const versionCheck: Check = {
  id: 'gateway.version',
  scope: 'workspace',
  reads: EXPERIMENTAL_ONLY,
  appliesTo: (o) => VERSIONED_GROUPS.has(o.group) && o.kind !== undefined,
  run(ctx) {
    const obj = ctx.obj;
    const av = obj.apiVersion ?? '';
    const version = av.slice(av.indexOf('/') + 1);
    if (isUnknownText(av) || isUnknownText(obj.kind!) || !av.includes('/')) return;
    const kindNode = obj.node(['kind']);
    const avNode = obj.node(['apiVersion']);
    const all = factsByKind.get(`${obj.group}/${obj.kind}`);
    if (!all) {
      const kinds = kindsOfGroup(obj.group);
      const guess =
        kinds.find((k) => k.toLowerCase() === obj.kind!.toLowerCase()) ??
        kinds.find((k) => editDistance(k.toLowerCase(), obj.kind!.toLowerCase()) <= 2);
      if (!guess) return; // a kind of a newer release, or another CRD of the group: not ours to judge
      const r = nodeRange(kindNode);
      const fixes: Fix[] | undefined = r
        ? [{ title: `Change kind to ${guess}`, edits: [{ start: r[0], end: r[1], newText: guess }], preferred: true }]
        : undefined;
      ctx.report(
        'gateway-api-unknown-kind',
        kindNode,
        `${obj.group} has no kind "${obj.kind}" (kinds are case-sensitive): did you mean ${guess}? The API server rejects the object`,
        { fixes },
      );
      return;
    }
    const std = servedVersions(obj.group, obj.kind!);
    if (!std) return; // experimental-only kinds (TCPRoute, UDPRoute): newer releases serve other versions; not judged
    const v = std.facts.versions.find((x) => x.name === version);
    if (v?.served) {
      if (v.deprecated && obj.group === LBC_GROUP) {
        const r = nodeRange(avNode);
        const to = `${obj.group}/${std.facts.versions.find((x) => x.storage)?.name ?? 'v1'}`;
        ctx.report(
          'gateway-api-version-deprecated',
          avNode,
          `${obj.kind} ${av} is deprecated since the Load Balancer Controller v3.5.0 (the API server warns on every apply): ${to} has the same fields`,
          {
            tags: ['deprecated'],
            fixes: r
              ? [{ title: `Change apiVersion to ${to}`, edits: [{ start: r[0], end: r[1], newText: to }], preferred: true }]
              : undefined,
          },
        );
      }
      return;
    }
    const served = std.served.map((s) => `${obj.group}/${s}`);
    const experimental = all.find((f) => f.channel === 'experimental' && f.versions.some((x) => x.name === version && x.served));
    if (experimental) {
      const expInUse = EXPERIMENTAL_ONLY.some((k) => ctx.index.byKind(k).some((o) => o.group === GW_GROUP));
      ctx.report(
        'gateway-api-version',
        avNode,
        `${obj.kind} ${av} is not served by ${sourceLabel(std.facts)}, which the VPC Lattice controller and the Load Balancer Controller require: use ${served.join(' or ')}. Only the experimental channel's CRDs still serve ${version} (deprecated)${expInUse ? '; this workspace uses experimental kinds, so it may work on this cluster' : ''}`,
        { severity: expInUse ? 'warning' : undefined },
      );
      return;
    }
    ctx.report(
      'gateway-api-version',
      avNode,
      `${obj.kind} ${av} is not served by ${sourceLabel(std.facts)}: use ${served.join(' or ')}. The API server rejects the object`,
    );
  },
};

// --------------------------------------------------------------------------------------------------- weights

function allZero(rule: RouteRule): boolean {
  if (rule.backendRefs.length === 0 || rule.backendRefsOpen) return false;
  return rule.backendRefs.every((b) => b.weight.value === 0);
}

export const weightsCheck: Check = {
  id: 'gateway.weights',
  scope: 'local',
  appliesTo: isRoute,
  run(ctx) {
    const route = routeInfo(ctx.obj);
    if (!route) return;
    for (const rule of route.rules) {
      if (allZero(rule)) {
        ctx.report(
          'gateway-weights-all-zero',
          keyOf(ctx.obj, rule.path, 'backendRefs') ?? rule.backendRefsNode,
          `Every backendRef of this rule has weight 0: no backend receives traffic, so requests matching the rule get an error instead of being forwarded`,
        );
      }
    }
  },
};

/** The key node of `key` in the map at `path`. */
function keyOf(obj: K8sObject, path: (string | number)[], key: string): Node | undefined {
  const m = obj.node(path) as { items?: { key: unknown }[] } | undefined;
  const p = m?.items?.find((x) => (x.key as { value?: unknown } | null)?.value === key);
  return (p?.key as Node | undefined) ?? undefined;
}

/** Implementations with a weight limit below Gateway API's 1,000,000, and where the limit comes from. */
export const WEIGHT_LIMITS: Partial<Record<Impl, { max: number; source: string }>> = {
  lattice: { max: 999, source: 'VPC Lattice weighted target groups take 0–999 (API_WeightedTargetGroup)' },
  alb: { max: 999, source: 'the Load Balancer Controller rejects weights above 999 (pkg/gateway/routeutils/backend.go)' },
  nlb: { max: 999, source: 'the Load Balancer Controller rejects weights above 999 (pkg/gateway/routeutils/backend.go)' },
};

/** A fix rescaling a rule's weights into 0..max keeping ratios (only when every weight is written). */
export function rescaleFix(rule: RouteRule, max: number): Fix | undefined {
  const ws = rule.backendRefs.map((b) => b.weight.value ?? (b.weight.node === undefined ? 1 : NaN));
  if (ws.some((w) => Number.isNaN(w))) return undefined;
  const next = rescaleWeights(ws, max);
  if (!next) return undefined;
  const edits = [];
  for (const [i, b] of rule.backendRefs.entries()) {
    if (next[i] === ws[i]) continue;
    const r = nodeRange(b.weight.node);
    if (!r) return undefined; // an implicit weight of 1 that would have to change
    edits.push({ start: r[0], end: r[1], newText: String(next[i]) });
  }
  return edits.length
    ? { title: `Rescale this rule's weights to ${next.join(' · ')} (same split, within 0–${max})`, edits, preferred: true }
    : undefined;
}

export const weightLimitCheck: Check = {
  id: 'gateway.weightLimit',
  scope: 'workspace',
  reads: GATEWAY_KINDS,
  appliesTo: isRoute,
  run(ctx) {
    const route = routeInfo(ctx.obj);
    if (!route || !route.rules.some((r) => r.backendRefs.some((b) => (b.weight.value ?? 0) > 999))) return;
    let limit: { max: number; source: string; impl: Impl } | undefined;
    for (const impl of routeImpls(ctx.index, route)) {
      const l = WEIGHT_LIMITS[impl];
      if (l && (!limit || l.max < limit.max)) limit = { ...l, impl };
    }
    if (!limit) return;
    for (const rule of route.rules) {
      const over = rule.backendRefs.filter((b) => (b.weight.value ?? 0) > limit!.max);
      if (!over.length) continue;
      const fix = rescaleFix(rule, limit.max);
      for (const b of over) {
        ctx.report(
          'gateway-weight-limit',
          b.weight.node,
          `Weight ${b.weight.value} is above ${limit.max}: ${limit.source}, so this route fails to reconcile on ${IMPL_LABEL[limit.impl]}. Weights are relative: scale them down keeping the ratio`,
          { fixes: fix ? [fix] : undefined },
        );
      }
    }
  },
};

// ------------------------------------------------------------------------------------------------ references

function fixReplace(node: Node | undefined, text: string, title: string): Fix[] | undefined {
  const r = nodeRange(node);
  return r ? [{ title, edits: [{ start: r[0], end: r[1], newText: text }], preferred: true }] : undefined;
}

export const gatewayClassCheck: Check = {
  id: 'gateway.class',
  scope: 'workspace',
  reads: GATEWAY_KINDS,
  appliesTo: (o) => isGatewayApi(o) && o.kind === 'Gateway',
  run(ctx) {
    const name = gatewayInfo(ctx.obj).className;
    if (!name.value) return;
    if (gatewayClassesNamed(ctx.index, name.value).length) return;
    const classes = allGatewayClasses(ctx.index);
    if (!classes.length) return;
    // GatewayClasses usually come with the controller's installation, not the app's manifests: a class the
    // workspace does not define is a warning only when it is a near miss of one it does (a typo).
    const names = [...new Set(classes.map((c) => c.name!).filter((n) => !isUnknownText(n)))];
    const guess = names.find((n) => editDistance(n.toLowerCase(), name.value!.toLowerCase()) <= 2);
    ctx.report(
      'gateway-class-missing',
      name.node,
      `No GatewayClass "${name.value}" in the workspace (it has ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}): no controller picks this Gateway up unless the class exists in the cluster${guess ? `. Did you mean "${guess}"?` : ''}`,
      { severity: guess ? 'warning' : 'info', fixes: guess ? fixReplace(name.node, guess, `Change to "${guess}"`) : undefined },
    );
  },
};

/** Route kinds a listener admits by default, per implementation (undefined: not known, so not judged). */
const DEFAULT_KINDS: Partial<Record<Impl, Record<string, string[]>>> = {
  // aws-application-networking-k8s pkg/model/core/route.go isRouteKindAllowedByListener
  lattice: { HTTP: ['HTTPRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'] },
  // aws-load-balancer-controller pkg/gateway/routeutils/constants.go DefaultProtocolToRouteKindMap
  alb: { TCP: ['TCPRoute'], UDP: ['UDPRoute'], TLS: ['TLSRoute', 'TCPRoute'], HTTP: ['HTTPRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'] },
  nlb: { TCP: ['TCPRoute'], UDP: ['UDPRoute'], TLS: ['TLSRoute', 'TCPRoute'], HTTP: ['HTTPRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'] },
};

/** Hostnames intersect the way Gateway API (and both AWS controllers) define it: equal, or one a wildcard covering the other. */
export function hostnameMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.startsWith('*.') && b.endsWith(a.slice(1))) return true;
  if (b.startsWith('*.') && a.endsWith(b.slice(1))) return true;
  return false;
}

/** The Namespace object of that name in the workspace (reads only Namespaces). */
function namespaceObject(ctx: CheckContext, name: string): K8sObject | undefined {
  return ctx.index.byKind('Namespace').find((n) => n.name === name && (n.apiVersion === undefined || n.apiVersion === 'v1'));
}

/** Why a listener does not admit a route, or undefined when it does (or when the workspace cannot tell). */
function notAllowed(ctx: CheckContext, route: RouteInfo, gw: K8sObject, l: ListenerInfo, impl: Impl): string | undefined {
  const from = l.allowedFrom.unknown ? undefined : (l.allowedFrom.value ?? 'Same');
  const rns = route.obj.namespace,
    gns = gw.namespace;
  if (from === 'Same' && rns !== undefined && gns !== undefined && rns !== gns) {
    return `listener "${l.name.value}" admits routes from its own namespace only (allowedRoutes.namespaces.from: Same${l.allowedFrom.node ? '' : ', the default'}), and this route is in "${rns}", the Gateway in "${gns}"`;
  }
  if (from === 'Selector' && l.allowedSelector && rns !== undefined) {
    const ns = namespaceObject(ctx, rns);
    if (ns && !ns.hasTemplates && !selectorMatches(l.allowedSelector, { ...ns.labels, [NAMESPACE_NAME_LABEL]: rns }))
      return `listener "${l.name.value}" admits routes from namespaces matching its allowedRoutes selector, and Namespace "${rns}" does not match it`;
  }
  if (l.allowedKinds && !l.allowedKindsUnknown) {
    if (!l.allowedKinds.includes(route.kind))
      return `listener "${l.name.value}" allows only ${l.allowedKinds.join(', ')} (allowedRoutes.kinds)`;
  } else if (!l.allowedKinds && l.protocol.value) {
    const kinds = DEFAULT_KINDS[impl]?.[l.protocol.value];
    if (DEFAULT_KINDS[impl] && !(kinds ?? []).includes(route.kind))
      return `${/^[AEFHILMNORSX]/.test(l.protocol.value) ? 'an' : 'a'} ${l.protocol.value} listener ("${l.name.value}") of ${IMPL_LABEL[impl]} takes ${kinds?.length ? kinds.join(' and ') : 'no route kind'} by default, not ${route.kind}`;
  }
  if (l.hostname.value && route.hostnames.length && !route.hostnames.some((h) => h.unknown)) {
    const lh = l.hostname.value;
    if (!route.hostnames.some((h) => h.value && hostnameMatch(h.value, lh)))
      return `no hostname of the route matches listener "${l.name.value}"'s hostname ${lh}`;
  }
  return undefined;
}

export const parentRefCheck: Check = {
  id: 'gateway.parentRefs',
  scope: 'workspace',
  reads: [...GATEWAY_KINDS, 'Namespace'],
  appliesTo: isRoute,
  run(ctx) {
    const route = routeInfo(ctx.obj);
    if (!route) return;
    for (const { ref, gateways, all } of routeParents(ctx.index, route)) {
      const ns = refNamespace(ref, route.obj);
      if (!all.length) {
        let sev = missingSeverity(allGateways(ctx.index), ns);
        if (!sev) continue;
        const names = allGateways(ctx.index)
          .filter((g) => g.namespace === ns || ns === undefined || g.namespace === undefined)
          .map((g) => g.name!);
        const guess = closest(ref.name.value!, names, 1)[0];
        if (guess && editDistance(guess.toLowerCase(), ref.name.value!.toLowerCase()) <= 2) sev = 'warning'; // a near miss: a typo
        ctx.report(
          'gateway-parent-missing',
          ref.name.node,
          `No Gateway "${ref.name.value}"${ns ? ` in namespace ${ns}` : ''} in the workspace: this route is attached to nothing there${guess ? `. Did you mean "${guess}"?` : ''}`,
          { severity: sev, fixes: guess ? fixReplace(ref.name.node, guess, `Change to "${guess}"`) : undefined },
        );
        continue;
      }
      if (ref.sectionName.unknown || ref.port.unknown || !gateways.length) continue;
      // Several Gateways may answer (no namespace, kustomize bases, overlays and patches): report only what
      // holds for every Gateway of that name, and only when one resolves near the route.
      const verdicts = [...gateways, ...all.filter((g) => !gateways.includes(g))].map((gw) => parentVerdict(ctx, route, ref, gw));
      if (verdicts.some((v) => v === undefined)) continue;
      const first = verdicts[0]!;
      ctx.report(first.code, first.at, first.message, { fixes: first.fixes });
    }
  },
};

interface Verdict {
  code: string;
  at: Node | undefined;
  message: string;
  fixes?: Fix[];
}

/** Whether a Gateway accepts a parentRef; undefined when it does or when the workspace cannot tell. */
function parentVerdict(ctx: CheckContext, route: RouteInfo, ref: ParentRef, gw: K8sObject): Verdict | undefined {
  const info = gatewayInfo(gw);
  if (info.listenersOpen || !info.listeners.length) return undefined;
  const impl = implOf(ctx.index, gw).impl;
  const candidates = info.listeners.filter(
    (l) =>
      (ref.sectionName.value === undefined || l.name.value === ref.sectionName.value) &&
      (ref.port.value === undefined || l.port.value === ref.port.value),
  );
  if (!candidates.length) {
    const list = info.listeners.map((l) => `${l.name.value ?? '?'} (${l.protocol.value ?? '?'} ${l.port.value ?? '?'})`).join(', ');
    const at = ref.sectionName.value !== undefined ? ref.sectionName.node : ref.port.node;
    const wanted = [
      ref.sectionName.value !== undefined ? `sectionName "${ref.sectionName.value}"` : '',
      ref.port.value !== undefined ? `port ${ref.port.value}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    const guess =
      ref.sectionName.value !== undefined
        ? closest(
            ref.sectionName.value,
            info.listeners.map((l) => l.name.value ?? ''),
            1,
          )[0]
        : undefined;
    return {
      code: 'gateway-parent-listener',
      at,
      message: `Gateway "${gw.name}" has no listener with ${wanted} (it has ${list}): the route is not accepted (NoMatchingParent)${guess ? `. Did you mean "${guess}"?` : ''}`,
      fixes: guess ? fixReplace(ref.sectionName.node, guess, `Change to "${guess}"`) : undefined,
    };
  }
  const reasons = candidates.map((l) => notAllowed(ctx, route, gw, l, impl));
  if (reasons.every((r) => r !== undefined)) {
    return {
      code: 'gateway-parent-not-allowed',
      at: ref.name.node,
      message: `Gateway "${gw.name}" does not admit this route: ${reasons[0]}. The route is not accepted`,
    };
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------- backends

const SERVICE_IMPORT_GROUPS = new Set([LATTICE_GROUP, 'multicluster.x-k8s.io']);

function objectsNamed(ctx: CheckContext, kind: string, name: string, ns: string | undefined, group?: (g: string) => boolean): K8sObject[] {
  return ctx.index
    .byKind(kind)
    .filter((o) => o.name === name && (o.namespace === undefined || ns === undefined || o.namespace === ns) && (!group || group(o.group)));
}

function checkServiceBackend(ctx: CheckContext, route: RouteInfo, b: BackendRef, ns: string | undefined): K8sObject | undefined {
  const name = b.name.value!;
  const svcs = servicesNamed(ctx.index, name, ns);
  if (!svcs.length) {
    const all = ctx.index.byKind('Service');
    const sev = missingSeverity(all, ns);
    if (!sev) return undefined;
    const guess = closest(
      name,
      all
        .filter((s) => s.namespace === ns || ns === undefined || s.namespace === undefined)
        .map((s) => s.name!)
        .filter(Boolean),
      1,
    )[0];
    ctx.report(
      'gateway-backend-missing',
      b.name.node,
      `No Service "${name}"${ns ? ` in namespace ${ns}` : ''} in the workspace: requests for this backend fail (BackendNotFound)${guess ? `. Did you mean "${guess}"?` : ''}`,
      { severity: sev, fixes: guess ? fixReplace(b.name.node, guess, `Change to "${guess}"`) : undefined },
    );
    return undefined;
  }
  const near = resolveNear(svcs, route.obj, ns);
  const svc = near[0] ?? svcs[0];
  const portsOf = (s: K8sObject) => (s.isOpen(['spec', 'ports']) ? undefined : servicePorts(s));
  // Report a port only when a Service resolves near the route and no Service of that name (overlays, patches) has it.
  if (
    b.port.value !== undefined &&
    near.length &&
    svcs.every((s) => {
      const ps = portsOf(s);
      return ps && ps.length && ps.every((p) => p.port !== undefined) && !ps.some((p) => p.port === b.port.value);
    })
  ) {
    const ports = portsOf(svc)!;
    {
      ctx.report(
        'gateway-backend-missing',
        b.port.node,
        `Service "${name}" has no port ${b.port.value} (it has ${ports.map((p) => (p.name ? `${p.port}/${p.name}` : String(p.port))).join(', ')}): backendRef ports name the Service port, not the container port`,
      );
    }
  }
  return svc;
}

export const backendRefCheck: Check = {
  id: 'gateway.backendRefs',
  scope: 'workspace',
  reads: ['Service', 'ServiceImport', 'ReferenceGrant', 'Namespace', ...GATEWAY_KINDS],
  appliesTo: isRoute,
  run(ctx) {
    const route = routeInfo(ctx.obj);
    if (!route) return;
    let impls: Set<Impl> | undefined;
    for (const rule of route.rules) {
      for (const b of rule.backendRefs) {
        if (!b.name.value || b.namespace.unknown) continue;
        const ns = refNamespace(b, route.obj);
        let target: K8sObject | undefined;
        if (b.group === '' && b.kind === 'Service') target = checkServiceBackend(ctx, route, b, ns);
        else if (b.kind === 'ServiceImport' && SERVICE_IMPORT_GROUPS.has(b.group)) {
          const found = objectsNamed(ctx, 'ServiceImport', b.name.value, ns);
          target = found[0];
          if (!found.length) {
            const sev = missingSeverity(ctx.index.byKind('ServiceImport'), ns);
            if (sev)
              ctx.report(
                'gateway-backend-missing',
                b.name.node,
                `No ServiceImport "${b.name.value}"${ns ? ` in namespace ${ns}` : ''} in the workspace: the backend does not resolve (BackendNotFound)`,
                { severity: sev },
              );
          }
        } else continue;
        // Cross-namespace references need a ReferenceGrant in the target namespace.
        const rns = route.obj.namespace;
        if (b.namespace.value === undefined || rns === undefined || b.namespace.value === rns) continue;
        const grants = ctx.index.byKind('ReferenceGrant').filter((g) => g.group === GW_GROUP && g.namespace === b.namespace.value);
        const from = { group: GW_GROUP, kind: route.kind, namespace: rns };
        const to = { group: b.group, kind: b.kind, name: b.name.value };
        if (grants.some((g) => g.hasTemplates || grantAllows(grantInfo(g), from, to))) continue;
        impls ??= routeImpls(ctx.index, route);
        const enforced = impls.has('alb') || impls.has('nlb');
        const holdsTarget =
          target !== undefined ||
          ctx.index.hasKindIn('ReferenceGrant', b.namespace.value) ||
          namespaceObject(ctx, b.namespace.value) !== undefined;
        const base = `No ReferenceGrant in namespace ${b.namespace.value} lets ${route.kind}s from ${rns} refer to ${b.kind} "${b.name.value}"`;
        const tail = enforced
          ? ': the Load Balancer Controller rejects the reference (RefNotPermitted) and the backend gets no traffic'
          : impls.has('lattice') && impls.size === 1
            ? ': Gateway API requires one for cross-namespace backends (the VPC Lattice controller does not check grants today, other implementations refuse the reference)'
            : ': Gateway API requires one for cross-namespace backends; conformant implementations refuse the reference';
        ctx.report('gateway-reference-grant-missing', b.namespace.node, base + tail, {
          severity: enforced && holdsTarget ? 'warning' : 'info',
        });
      }
    }
  },
};

export const GATEWAY_CHECKS: Check[] = [versionCheck, weightsCheck, weightLimitCheck, gatewayClassCheck, parentRefCheck, backendRefCheck];

/**
 * The AWS Load Balancer Controller's Gateway support (controllerName gateway.k8s.aws/alb and /nlb, v3.5.0) and
 * its configuration kinds (gateway.k8s.aws: LoadBalancerConfiguration, TargetGroupConfiguration,
 * ListenerRuleConfiguration): the references between them and Gateway API objects, listener configurations
 * that match no listener, HTTPS listeners without a certificate source, instance targets on ClusterIP
 * Services (the rule and message the Ingress annotations share), and route features the ALB Gateway does not
 * implement.
 *
 * Sources (kubernetes-sigs/aws-load-balancer-controller v3.5.0): pkg/gateway/model/model_build_listener.go
 * (mapLoadBalancerListenerConfigsByPort: `protocol:port` matched case-insensitively; certificate discovery
 * needs hostnames), pkg/gateway/routeutils/backend.go (LookUpTargetGroupConfiguration: same namespace,
 * first match), pkg/gateway/model/model_build_target_group.go (instance targets need a NodePort),
 * pkg/gateway/routeutils/route_rule_action.go (filters other than RequestRedirect/URLRewrite/ExtensionRef are
 * refused), docs/guide/gateway/{customization,l7gateway,loadbalancerconfig,targetgroupconfig}.md.
 */
import { isSeq, type Node } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { isUnknownText } from '@shared/manifest/templates';
import { servicesNamed } from '../alb/annotations/model';
import { findAlbAnnotation } from '../alb/annotations/catalog';
import { validateValue } from '../alb/annotations/values';
import { isScalar } from 'yaml';
import { isUnknownNode } from '@shared/manifest/templates';
import { child } from '@shared/manifest/yamlNodes';
import {
  GW_GROUP,
  gatewayClassInfo,
  gatewayInfo,
  isGatewayApi,
  isRoute,
  items,
  keyNodeOf,
  readStr,
  refNamespace,
  routeInfo,
  type LocalRef,
} from './model';
import { GATEWAY_KINDS, allGateways, firstParentOf, implOf, missingSeverity, resolveNear, routeParents, type Impl } from './workspace';
import { LBC_GROUP } from './checks';

const LBC_KINDS = ['LoadBalancerConfiguration', 'TargetGroupConfiguration', 'ListenerRuleConfiguration'];
const isLbc = (impl: Impl) => impl === 'alb' || impl === 'nlb';

function lbcObjects(ctx: CheckContext, kind: string): K8sObject[] {
  return ctx.index.byKind(kind).filter((o) => o.group === LBC_GROUP);
}

function reportMissing(ctx: CheckContext, kind: string, name: string, ns: string | undefined, at: Node | undefined, what: string): void {
  const all = lbcObjects(ctx, kind);
  if (all.some((o) => o.name === name && (o.namespace === undefined || ns === undefined || o.namespace === ns))) return;
  const sev = missingSeverity(all, ns);
  if (!sev) return;
  ctx.report('lbc-gateway-config-missing', at, `No ${kind} "${name}"${ns ? ` in namespace ${ns}` : ''} in the workspace: ${what}`, {
    severity: sev,
  });
}

function isLbcRef(ref: LocalRef | undefined, kind: string): ref is LocalRef {
  return ref !== undefined && ref.group === LBC_GROUP && ref.kind === kind && ref.name.value !== undefined;
}

export const lbcConfigRefCheck: Check = {
  id: 'lbc.configRefs',
  scope: 'workspace',
  reads: [...LBC_KINDS],
  appliesTo: (o) =>
    (isGatewayApi(o) && (o.kind === 'Gateway' || o.kind === 'GatewayClass' || isRoute(o))) ||
    (o.group === LBC_GROUP && o.kind === 'LoadBalancerConfiguration'),
  run(ctx) {
    const obj = ctx.obj;
    if (obj.kind === 'Gateway') {
      const ref = gatewayInfo(obj).parametersRef;
      if (isLbcRef(ref, 'LoadBalancerConfiguration'))
        reportMissing(
          ctx,
          'LoadBalancerConfiguration',
          ref.name.value!,
          obj.namespace,
          ref.name.node,
          "the Gateway's load balancer gets the controller's defaults (the configuration must be in the Gateway's namespace)",
        );
    } else if (obj.kind === 'GatewayClass') {
      const ref = gatewayClassInfo(obj).parametersRef;
      if (isLbcRef(ref, 'LoadBalancerConfiguration') && !ref.namespace.unknown)
        reportMissing(
          ctx,
          'LoadBalancerConfiguration',
          ref.name.value!,
          ref.namespace.value,
          ref.name.node,
          "the class's Gateways get no class-wide defaults",
        );
    } else if (obj.kind === 'LoadBalancerConfiguration') {
      const name = readStr(obj.node(['spec', 'defaultTargetGroupConfiguration']), 'name', obj);
      if (name.value)
        reportMissing(
          ctx,
          'TargetGroupConfiguration',
          name.value,
          obj.namespace,
          name.node,
          'the default target group settings are not applied',
        );
    } else {
      const route = routeInfo(obj);
      for (const rule of route?.rules ?? [])
        for (const f of rule.filters) {
          if (f.type.value === 'ExtensionRef' && isLbcRef(f.extensionRef, 'ListenerRuleConfiguration')) {
            reportMissing(
              ctx,
              'ListenerRuleConfiguration',
              f.extensionRef.name.value!,
              obj.namespace,
              f.extensionRef.name.node,
              "the rule's extra conditions and actions are not applied",
            );
          }
        }
    }
  },
};

/** The Gateways a LoadBalancerConfiguration applies to: those naming it, and those of classes naming it. */
function usersOf(ctx: CheckContext, cfg: K8sObject): K8sObject[] {
  const out: K8sObject[] = [];
  for (const gw of allGateways(ctx.index)) {
    const ref = gatewayInfo(gw).parametersRef;
    if (
      isLbcRef(ref, 'LoadBalancerConfiguration') &&
      ref.name.value === cfg.name &&
      (gw.namespace === cfg.namespace || gw.namespace === undefined || cfg.namespace === undefined)
    ) {
      out.push(gw);
      continue;
    }
    const cls = implOf(ctx.index, gw).classObj;
    const cref = cls ? gatewayClassInfo(cls).parametersRef : undefined;
    if (
      isLbcRef(cref, 'LoadBalancerConfiguration') &&
      cref.name.value === cfg.name &&
      (cref.namespace.value === undefined || cfg.namespace === undefined || cref.namespace.value === cfg.namespace)
    )
      out.push(gw);
  }
  return out;
}

export const lbcListenerConfigCheck: Check = {
  id: 'lbc.listenerConfigs',
  scope: 'workspace',
  reads: GATEWAY_KINDS,
  appliesTo: (o) => o.group === LBC_GROUP && o.kind === 'LoadBalancerConfiguration',
  run(ctx) {
    const cfg = ctx.obj;
    if (!cfg.name || isUnknownText(cfg.name)) return;
    const users = usersOf(ctx, cfg);
    if (!users.length || users.some((g) => gatewayInfo(g).listenersOpen)) return;
    const keys = new Set<string>();
    for (const g of users)
      for (const l of gatewayInfo(g).listeners)
        if (l.protocol.value && l.port.value !== undefined) keys.add(`${l.protocol.value.toLowerCase()}:${l.port.value}`);
    for (const lc of items(cfg.node(['spec', 'listenerConfigurations']), cfg)) {
      const pp = readStr(lc, 'protocolPort', cfg);
      if (!pp.value) continue;
      if (!keys.has(pp.value.toLowerCase())) {
        ctx.report(
          'lbc-listener-config-unmatched',
          pp.node,
          `No listener ${pp.value} on ${users.length === 1 ? `Gateway "${users[0].name}"` : `the ${users.length} Gateways`} using this configuration (they have ${[...keys].map((k) => k.toUpperCase()).join(', ') || 'none'}): these listener settings apply to nothing`,
        );
      }
    }
  },
};

/** Listener configurations (by lower-cased `protocol:port`) of the LoadBalancerConfigurations a Gateway uses, and whether all were found. */
function listenerConfigsOf(ctx: CheckContext, gw: K8sObject): { byKey: Map<string, Node>; complete: boolean } {
  const byKey = new Map<string, Node>();
  let complete = true;
  const refs: { name?: string; ns?: string; unknownNs: boolean }[] = [];
  const ref = gatewayInfo(gw).parametersRef;
  if (ref && ref.group === LBC_GROUP) refs.push({ name: ref.name.value, ns: gw.namespace, unknownNs: false });
  else if (ref) complete = false;
  const cls = implOf(ctx.index, gw).classObj;
  const cref = cls ? gatewayClassInfo(cls).parametersRef : undefined;
  if (cref && cref.group === LBC_GROUP) refs.push({ name: cref.name.value, ns: cref.namespace.value, unknownNs: cref.namespace.unknown });
  for (const r of refs) {
    if (!r.name || r.unknownNs) {
      complete = false;
      continue;
    }
    const found = lbcObjects(ctx, 'LoadBalancerConfiguration').filter(
      (o) => o.name === r.name && (o.namespace === undefined || r.ns === undefined || o.namespace === r.ns),
    );
    if (!found.length || found.some((f) => f.hasTemplates)) {
      complete = false;
      continue;
    }
    for (const lc of items(found[0].node(['spec', 'listenerConfigurations']), found[0])) {
      const pp = readStr(lc, 'protocolPort', found[0]).value;
      if (pp) byKey.set(pp.toLowerCase(), lc);
    }
  }
  return { byKey, complete };
}

export const lbcHttpsCertificateCheck: Check = {
  id: 'lbc.httpsCertificates',
  scope: 'workspace',
  reads: [...GATEWAY_KINDS, 'LoadBalancerConfiguration', 'HTTPRoute', 'GRPCRoute', 'TLSRoute'],
  appliesTo: (o) => isGatewayApi(o) && o.kind === 'Gateway',
  run(ctx) {
    const gw = ctx.obj;
    const impl = implOf(ctx.index, gw).impl;
    if (!isLbc(impl)) return;
    const info = gatewayInfo(gw);
    if (info.listenersOpen) return;
    let cfgs: ReturnType<typeof listenerConfigsOf> | undefined;
    for (const l of info.listeners) {
      if (l.protocol.value !== 'HTTPS' && l.protocol.value !== 'TLS') continue;
      if (l.protocol.value === 'TLS' && l.tlsMode.value === 'Passthrough') continue;
      if (l.hostname.value || l.hostname.unknown || l.port.value === undefined) continue;
      cfgs ??= listenerConfigsOf(ctx, gw);
      if (!cfgs.complete) continue;
      const lc = cfgs.byKey.get(`${l.protocol.value.toLowerCase()}:${l.port.value}`);
      if (lc && (readStr(lc, 'defaultCertificate', gw).node !== undefined || isSeq(child(lc, 'certificates', gw.doc)))) continue;
      // Certificate discovery uses the hostnames of the listener and of the routes attached to it.
      const routes = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'].flatMap((k) => ctx.index.byKind(k)).filter((o) => o.group === GW_GROUP);
      const attached = routes.filter((o) => {
        const r = routeInfo(o);
        return (
          r &&
          routeParents(ctx.index, r).some(
            (p) => p.gateways.includes(gw) && (p.ref.sectionName.value === undefined || p.ref.sectionName.value === l.name.value),
          )
        );
      });
      if (
        attached.some((o) => {
          const r = routeInfo(o)!;
          return r.hostnames.length > 0 || o.hasTemplates;
        })
      )
        continue;
      ctx.report(
        'lbc-https-no-certificate',
        l.protocol.node,
        `Listener "${l.name.value}" (${l.protocol.value} ${l.port.value}) has no certificate: no defaultCertificate for ${l.protocol.value}:${l.port.value} in its LoadBalancerConfiguration, and no hostname on the listener${attached.length ? ' or its routes' : ''} for certificate discovery. The controller cannot build the listener ("No hostnames found for TLS cert discovery")`,
        { severity: attached.length ? 'warning' : 'info' },
      );
    }
  },
};

// ---------------------------------------------------------------------------------------- target groups

function tgcTarget(tgc: K8sObject) {
  const tr = tgc.node(['spec', 'targetReference']);
  return { node: tr, kind: readStr(tr, 'kind', tgc), name: readStr(tr, 'name', tgc) };
}

function isClusterIP(svc: K8sObject): boolean {
  const t = readStr(svc.node(['spec']), 'type', svc);
  return !t.unknown && (t.value === undefined || t.value === 'ClusterIP');
}

export const lbcTargetGroupConfigCheck: Check = {
  id: 'lbc.targetGroupConfigs',
  scope: 'workspace',
  reads: ['Service', 'TargetGroupConfiguration'],
  appliesTo: (o) => o.group === LBC_GROUP && o.kind === 'TargetGroupConfiguration',
  run(ctx) {
    const tgc = ctx.obj;
    const tr = tgcTarget(tgc);
    if (!tr.node || tr.kind.unknown || (tr.kind.value !== undefined && tr.kind.value !== 'Service')) return;
    const name = tr.name.value;
    if (!name) return;
    const raw = servicesNamed(ctx.index, name, tgc.namespace);
    const svcs = resolveNear(raw, tgc, tgc.namespace);
    if (!raw.length) {
      const sev = missingSeverity(ctx.index.byKind('Service'), tgc.namespace);
      if (sev)
        ctx.report(
          'lbc-tgc-target',
          tr.name.node,
          `No Service "${name}"${tgc.namespace ? ` in namespace ${tgc.namespace}` : ''} in the workspace: a TargetGroupConfiguration applies to the Service of its namespace it names`,
          { severity: sev },
        );
    }
    if (!tgc.hasTemplates && tgc.namespace !== undefined) {
      const rivals = lbcObjects(ctx, 'TargetGroupConfiguration').filter(
        (o) =>
          o !== tgc &&
          o.name !== tgc.name &&
          !o.hasTemplates &&
          o.namespace === tgc.namespace &&
          (() => {
            const t = tgcTarget(o);
            return t.name.value === name && (t.kind.value ?? 'Service') === 'Service';
          })(),
      );
      if (rivals.length)
        ctx.report(
          'lbc-tgc-target',
          tr.name.node,
          `TargetGroupConfiguration "${rivals[0].name}" also targets Service "${name}": the controller uses only one of them (one configuration per Service)`,
        );
    }
    const tt = readStr(tgc.node(['spec', 'defaultConfiguration']), 'targetType', tgc);
    if (tt.value === 'instance' && svcs.length && svcs.every((s) => !s.hasTemplates && isClusterIP(s))) {
      ctx.report(
        'lbc-instance-target-clusterip',
        tt.node,
        `targetType "instance" sends traffic to a NodePort, but Service ${name} is ClusterIP (it has no NodePort): set spec.type: NodePort, or use targetType "ip"`,
      );
    }
  },
};

export const lbcDefaultTargetTypeCheck: Check = {
  id: 'lbc.defaultTargetType',
  scope: 'workspace',
  reads: ['Service', 'TargetGroupConfiguration', 'LoadBalancerConfiguration', ...GATEWAY_KINDS],
  appliesTo: isRoute,
  run(ctx) {
    const route = routeInfo(ctx.obj);
    if (!route) return;
    const p = firstParentOf(ctx.index, route, 'alb') ?? firstParentOf(ctx.index, route, 'nlb');
    if (!p) return;
    // A Gateway- or class-level default TargetGroupConfiguration may set the target type: then we cannot tell.
    if (lbcObjects(ctx, 'LoadBalancerConfiguration').some((c) => c.node(['spec', 'defaultTargetGroupConfiguration']) !== undefined)) return;
    const tgcs = lbcObjects(ctx, 'TargetGroupConfiguration');
    for (const rule of route.rules)
      for (const b of rule.backendRefs) {
        if (b.group !== '' || b.kind !== 'Service' || !b.name.value) continue;
        const ns = refNamespace(b, route.obj);
        const svcs = resolveNear(servicesNamed(ctx.index, b.name.value, ns), route.obj, ns);
        if (!svcs.length || !svcs.every((s) => !s.hasTemplates && isClusterIP(s))) continue;
        const tgc = tgcs.find((t) => {
          const tr = tgcTarget(t);
          return (
            tr.name.value === b.name.value &&
            (tr.kind.value ?? 'Service') === 'Service' &&
            (t.namespace === undefined || ns === undefined || t.namespace === ns)
          );
        });
        if (tgc && (tgc.hasTemplates || readStr(tgc.node(['spec', 'defaultConfiguration']), 'targetType', tgc).node !== undefined))
          continue;
        ctx.report(
          'lbc-instance-target-clusterip',
          b.name.node,
          `Service "${b.name.value}" is ClusterIP and no TargetGroupConfiguration sets its targetType: the controller's default is "instance" (unless started with another --default-target-type), which needs a NodePort. Add a TargetGroupConfiguration with targetType: ip`,
          { severity: 'info' },
        );
      }
  },
};

// ---------------------------------------------------------------------------------------- route features

const REFUSED_FILTERS = new Set(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'CORS', 'ExternalAuth']);

export const lbcRouteFeatureCheck: Check = {
  id: 'lbc.routeFeatures',
  scope: 'workspace',
  reads: GATEWAY_KINDS,
  appliesTo: (o) => isRoute(o) && (o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute'),
  run(ctx) {
    const route = routeInfo(ctx.obj);
    if (!route) return;
    const p = firstParentOf(ctx.index, route, 'alb');
    if (!p) return;
    const obj = ctx.obj;
    for (const rule of route.rules) {
      for (const [node, what] of [
        [rule.timeoutsNode, 'timeouts'],
        [rule.retryNode, 'retry'],
        [rule.sessionPersistenceNode, 'sessionPersistence (use a ListenerRuleConfiguration for stickiness)'],
      ] as const) {
        if (node)
          ctx.report(
            'lbc-ignored-feature',
            keyNodeOf(rule.node, what.split(' ')[0], obj),
            `The Load Balancer Controller's ALB Gateway does not implement ${what}: it has no effect`,
          );
      }
      if (route.kind !== 'HTTPRoute') continue;
      for (const f of rule.filters) {
        const t = f.type.value;
        if (t && REFUSED_FILTERS.has(t)) {
          ctx.report(
            'lbc-ignored-feature',
            f.type.node,
            `Filter ${t}: the ALB Gateway supports only RequestRedirect, URLRewrite and ExtensionRef filters and fails to build this rule ("Unsupported filter type")${t === 'RequestHeaderModifier' ? '; set header changes through listener attributes in a LoadBalancerConfiguration' : ''}`,
            { severity: 'error' },
          );
        }
        if (t === 'RequestRedirect') {
          const rr = child(f.node, 'requestRedirect', obj.doc);
          const path = readStr(child(rr, 'path', obj.doc), 'type', obj);
          const changes = ['scheme', 'hostname', 'port'].some((k) => readStr(rr, k, obj).node !== undefined);
          if (path.value === 'ReplacePrefixMatch' && !changes) {
            ctx.report(
              'lbc-ignored-feature',
              path.node,
              'A redirect that only replaces the path prefix sends clients back to the same URL scheme, host and port: ELB rejects it as a loop (and the controller stops building the later rules of this route). Use ReplaceFullPath, or also change scheme, hostname or port',
              { severity: 'error' },
            );
          }
        }
      }
    }
  },
};

export const lbcGatewayFeatureCheck: Check = {
  id: 'lbc.gatewayFeatures',
  scope: 'workspace',
  reads: GATEWAY_KINDS,
  appliesTo: (o) => isGatewayApi(o) && o.kind === 'Gateway',
  run(ctx) {
    const impl = implOf(ctx.index, ctx.obj).impl;
    if (!isLbc(impl)) return;
    for (const l of gatewayInfo(ctx.obj).listeners) {
      if (l.certificateRefs.length || Object.keys(l.tlsOptions).length) {
        ctx.report(
          'lbc-ignored-feature',
          keyNodeOf(l.tlsNode, l.certificateRefs.length ? 'certificateRefs' : 'options', ctx.obj),
          `Listener "${l.name.value}": the Load Balancer Controller does not read tls.certificateRefs or tls.options; give the certificate ARN as defaultCertificate in a LoadBalancerConfiguration listenerConfiguration (or rely on hostname-based discovery)`,
        );
      }
    }
  },
};

// ------------------------------------------------------------------------ values shared with the annotations

/** Configuration fields and the Ingress annotation whose rule (and message) they share. */
const HEALTH_FIELDS: Record<string, string> = {
  healthCheckInterval: 'healthcheck-interval-seconds',
  healthCheckTimeout: 'healthcheck-timeout-seconds',
  healthyThresholdCount: 'healthy-threshold-count',
  unhealthyThresholdCount: 'unhealthy-threshold-count',
  healthCheckPath: 'healthcheck-path',
  healthCheckPort: 'healthcheck-port',
};

function checkShared(ctx: CheckContext, node: Node | undefined, annotation: string, label: string, numeric: boolean): void {
  if (!isScalar(node) || isUnknownNode(node) || node.value === null || node.value === undefined) return;
  if (numeric && typeof node.value !== 'number') return; // a type error: the CRD (schema) reports it
  const entry = findAlbAnnotation(annotation);
  if (!entry) return;
  for (const p of validateValue(entry, String(node.value), label))
    ctx.report(
      'lbc-config-value',
      node,
      `${p.message.replace('rejects the Ingress', 'rejects it')} (the rule of alb.ingress.kubernetes.io/${annotation})`,
      { severity: p.severity },
    );
}

export const lbcConfigValueCheck: Check = {
  id: 'lbc.configValues',
  scope: 'local',
  appliesTo: (o) => o.group === LBC_GROUP && (o.kind === 'TargetGroupConfiguration' || o.kind === 'LoadBalancerConfiguration'),
  run(ctx) {
    const obj = ctx.obj;
    if (obj.kind === 'TargetGroupConfiguration') {
      const props = [
        obj.node(['spec', 'defaultConfiguration']),
        ...items(obj.node(['spec', 'routeConfigurations']), obj).map((r) => child(r, 'targetGroupProps', obj.doc)),
      ];
      for (const p of props) {
        const hc = child(p, 'healthCheckConfig', obj.doc);
        for (const [field, ann] of Object.entries(HEALTH_FIELDS))
          checkShared(ctx, child(hc, field, obj.doc), ann, field, !/Path|Port/.test(field));
      }
      return;
    }
    for (const lc of items(obj.node(['spec', 'listenerConfigurations']), obj)) {
      checkShared(ctx, child(lc, 'defaultCertificate', obj.doc), 'certificate-arn', 'defaultCertificate', false);
      for (const c of items(child(lc, 'certificates', obj.doc), obj)) checkShared(ctx, c, 'certificate-arn', 'certificates', false);
      checkShared(ctx, child(lc, 'sslPolicy', obj.doc), 'ssl-policy', 'sslPolicy', false);
    }
    for (const r of items(obj.node(['spec', 'sourceRanges']), obj)) checkShared(ctx, r, 'inbound-cidrs', 'sourceRanges', false);
  },
};

export const LBC_CHECKS: Check[] = [
  lbcConfigValueCheck,
  lbcConfigRefCheck,
  lbcListenerConfigCheck,
  lbcHttpsCertificateCheck,
  lbcTargetGroupConfigCheck,
  lbcDefaultTargetTypeCheck,
  lbcRouteFeatureCheck,
  lbcGatewayFeatureCheck,
];

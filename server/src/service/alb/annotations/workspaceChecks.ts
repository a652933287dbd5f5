/**
 * ALB annotation checks that read the workspace: which controller serves the Ingress and with which
 * IngressClassParams (their values win over annotations), EKS Auto Mode limits, the backend Services (names,
 * ports, instance targets, health checks), the listeners and certificates after the class, and IngressGroups.
 */
import type { Node } from 'yaml';
import type { Check, CheckContext } from '../../checks/types';
import type { Severity } from '../../diagnostics/types';
import { servicePorts } from '../../model/service';
import { nodeRange, scalarString } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { groupBy, indexCache } from '../../workspace/indexCache';
import { ALB_ANNOTATIONS, ALB_PREFIX, findAlbAnnotation } from './catalog';
import {
  conflictsOf,
  groupOf,
  groupListeners,
  listenerAttributeConflicts,
  mtlsEntries,
  paramsOverride,
  wafv2NameInGroup,
  GROUP_READS,
  type Conflict,
} from './group';
import {
  albPairs,
  annotationPairs,
  annotationsMayHoldMore,
  hasServicesFor,
  ingressBackends,
  ingressClassOf,
  ingressSettings,
  knownAnnotation,
  missingServiceDoubt,
  serviceNames,
  servicesNamed,
  CLASS_READS,
  SERVICE_READS,
  USE_ANNOTATION,
  LEGACY_CLASS_ANNOTATION,
  type AnnotationPair,
  type IngressSettings,
} from './model';
import { namespacesOf } from '../../kustomize/model';
import { DEPLOYMENT_READS } from '../../workspace/deployment';
import { defaultIngressClasses } from '../classParams/model';
import { closestHint, isUseAnnotationTypo, serviceIsClusterIP } from './checks';
import { targetGroupRefs, targetTypeOf, tgAnnotation, tgUnknown, type TargetGroupRef } from './targetGroups';
import { parseCodeRanges, parseStringList } from './values';

const CLASSES = [...CLASS_READS];

function pairOf(obj: K8sObject, suffix: string): AnnotationPair | undefined {
  return annotationPairs(obj).find((a) => a.key === ALB_PREFIX + suffix);
}

function related(o: K8sObject, node: unknown, message: string) {
  const r = nodeRange(node);
  return r ? [{ uri: o.uri, chunk: o.chunk, start: r[0], end: r[1], message }] : undefined;
}

// ---------------------------------------------------------------------------------------------- the class

const AUTO_MODE_KEYS = ['group.name', 'waf-acl-id', 'web-acl-id', 'shield-advanced-protection'];

export const ingressClassCheck: Check = {
  id: 'alb.ingressClass',
  scope: 'workspace',
  reads: CLASSES,
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    const obj = ctx.obj;
    const alb = albPairs(obj);
    if (alb.length === 0) return;
    const cls = ingressClassOf(obj, ctx.index);
    if (cls.kind === 'other') {
      const where =
        cls.via === 'annotation'
          ? `its ${LEGACY_CLASS_ANNOTATION} annotation is "${cls.name}"`
          : `its class "${cls.name}"${cls.controller ? ` is served by ${cls.controller}` : ''}${cls.via === 'default' ? ' (the default IngressClass)' : ''}`;
      const extra = cls.via === 'annotation' ? ' (the controller only picks up "alb" unless started with another --ingress-class)' : '';
      ctx.report(
        'alb-not-alb-class',
        (cls.node as Node | undefined) ?? alb[0].keyNode,
        `This Ingress has ${alb.length} alb.ingress.kubernetes.io annotation${alb.length === 1 ? '' : 's'}, but ${where}${extra}: the AWS Load Balancer Controller will not handle it and the annotations have no effect`,
      );
      return;
    }
    if (
      cls.via === 'none' &&
      !obj.node(['spec', 'ingressClassName']) &&
      defaultIngressClasses(ctx.index).length === 0 &&
      !obj.isOpen(['spec']) &&
      !annotationsMayHoldMore(obj)
    ) {
      // group_loader.go classifyIngress: no class and no default class → managed only with an empty --ingress-class.
      ctx.report(
        'alb-no-class',
        alb[0].keyNode,
        'This Ingress names no class (spec.ingressClassName) and the workspace has no default IngressClass: the AWS Load Balancer Controller ignores it unless the cluster has a default class. Set spec.ingressClassName (e.g. alb)',
      );
      return;
    }
    if (cls.kind !== 'auto-mode') return;
    for (const a of alb) {
      const suffix = a.key.slice(ALB_PREFIX.length);
      const e = findAlbAnnotation(suffix);
      if (!e || !e.autoModeUnsupported) continue;
      if (e.autoModeUnsupportedValue !== undefined) {
        if (a.text === e.autoModeUnsupportedValue)
          ctx.report(
            'alb-auto-mode-unsupported',
            a.valueNode ?? a.keyNode,
            `${e.autoModeUnsupported} (IngressClass "${cls.name}" uses the Auto Mode controller eks.amazonaws.com/alb)`,
          );
      } else if (AUTO_MODE_KEYS.includes(e.name) || e.prefix === 'listener-attributes') {
        ctx.report(
          'alb-auto-mode-unsupported',
          a.keyNode,
          `${a.key}: ${e.autoModeUnsupported} (IngressClass "${cls.name}" uses the Auto Mode controller eks.amazonaws.com/alb)`,
        );
      }
    }
    const legacy = annotationPairs(obj).find((a) => a.key === LEGACY_CLASS_ANNOTATION);
    if (legacy)
      ctx.report(
        'alb-auto-mode-unsupported',
        legacy.keyNode,
        `EKS Auto Mode does not support the ${LEGACY_CLASS_ANNOTATION} annotation: use spec.ingressClassName`,
      );
  },
};

/** RBAC that lets the group eks:managed get Secrets, per namespace ('' for cluster-wide), by Secret name ('*': all). */
const RBAC_KINDS = ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];
const managedSecretAccess = indexCache(RBAC_KINDS, (index) => {
  const roleGrants = (role: K8sObject | undefined): Set<string> => {
    const names = new Set<string>();
    const rules = role?.node(['rules']);
    for (const r of (rules as { items?: unknown[] } | undefined)?.items ?? []) {
      const list = (k: string): string[] =>
        (
          (role!.node(['rules', (rules as { items: unknown[] }).items.indexOf(r), k]) as { items?: unknown[] } | undefined)?.items ?? []
        ).map((x) => scalarString(x) ?? '');
      const groups = list('apiGroups'),
        resources = list('resources'),
        verbs = list('verbs'),
        resourceNames = list('resourceNames');
      if (!(groups.includes('') || groups.includes('*'))) continue;
      if (!(resources.includes('secrets') || resources.includes('*'))) continue;
      if (!(verbs.includes('get') || verbs.includes('*'))) continue;
      if (resourceNames.length === 0) names.add('*');
      else for (const n of resourceNames) names.add(n);
    }
    return names;
  };
  const grants = new Map<string, Set<string>>();
  const namespacesWithRbac = new Set<string>();
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    for (const b of index.byKind(kind)) {
      const ns = kind === 'RoleBinding' ? (b.namespace ?? '') : '';
      namespacesWithRbac.add(ns);
      const subjects = (b.node(['subjects']) as { items?: unknown[] } | undefined)?.items ?? [];
      const toManaged = subjects.some(
        (_, i) =>
          scalarString(b.node(['subjects', i, 'kind'])) === 'Group' && scalarString(b.node(['subjects', i, 'name'])) === 'eks:managed',
      );
      if (!toManaged) continue;
      const refKind = scalarString(b.node(['roleRef', 'kind']));
      const refName = scalarString(b.node(['roleRef', 'name']));
      const role = index
        .byKind(refKind ?? '')
        .find((r) => r.name === refName && (refKind === 'ClusterRole' || r.namespace === b.namespace));
      const set = grants.get(ns) ?? new Set<string>();
      for (const n of roleGrants(role)) set.add(n);
      grants.set(ns, set);
    }
  }
  return { grants, namespacesWithRbac };
});

/**
 * EKS Auto Mode's ALB supports OIDC once its group eks:managed may get the client Secret (EKS user guide,
 * auto-managed-rbac-example): say what is missing, and nothing when the workspace grants it.
 */
export const autoModeSecretAccessCheck: Check = {
  id: 'alb.autoModeSecretAccess',
  scope: 'workspace',
  reads: [...CLASSES, ...RBAC_KINDS],
  appliesTo: (o) => o.kind === 'Ingress' && o.annotations[ALB_PREFIX + 'auth-type'] === 'oidc',
  run(ctx) {
    const obj = ctx.obj;
    if (ingressClassOf(obj, ctx.index).kind !== 'auto-mode') return;
    const idp = knownAnnotation(obj, 'auth-idp-oidc');
    let secret: string | undefined;
    try {
      const v = idp ? (JSON.parse(idp) as unknown) : undefined;
      if (v && typeof v === 'object') secret = Object.entries(v).find(([k]) => k.toLowerCase() === 'secretname')?.[1] as string | undefined;
    } catch {
      /* reported by the JSON checks */
    }
    if (typeof secret !== 'string' || secret === '' || isUnknownText(secret)) return;
    const ns = obj.namespace ?? '';
    const { grants, namespacesWithRbac } = managedSecretAccess(ctx.index);
    const has = (n: string) => grants.get(n)?.has(secret!) || grants.get(n)?.has('*');
    if (has(ns) || has('')) return;
    const holdsRbac = namespacesWithRbac.has(ns);
    const node = pairOf(obj, 'auth-type')?.valueNode;
    ctx.report(
      'alb-auto-mode-secret-access',
      node,
      `EKS Auto Mode's ALB needs to read the OIDC Secret "${secret}"${ns ? ` in namespace ${ns}` : ''}, and its managed access policy cannot get Secrets: add a Role granting get on secrets/${secret} and a RoleBinding to the group eks:managed${holdsRbac ? ' (none in the workspace does)' : ''}`,
      { severity: holdsRbac ? 'warning' : undefined },
    );
  },
};

// ------------------------------------------------------------------------------------------ backend Services

export const backendServiceCheck: Check = {
  id: 'alb.backends',
  scope: 'workspace',
  reads: [...SERVICE_READS, ...CLASSES, ...DEPLOYMENT_READS],
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    const obj = ctx.obj;
    const ns = obj.namespace;
    // The namespaces this Ingress lands in: its own, and the one each kustomization build that lists it sets.
    const nss = namespacesOf(ctx.index, obj);
    if (!nss.some((n) => hasServicesFor(ctx.index, n))) return;
    for (const b of ingressBackends(obj)) {
      if (b.portName === USE_ANNOTATION || !b.name || isUnknownText(b.name)) continue;
      const svcs = servicesIn(ctx, b.name, nss);
      if (svcs.length === 0) {
        const unsure = missingServiceDoubt(ctx.index, obj, nss);
        if (unsure === null) continue; // a templated Service deployed with this Ingress may be it
        const names = serviceNames(ctx.index, ns);
        ctx.report(
          'alb-backend-service-missing',
          b.nameNode,
          `No Service "${b.name}"${ns ? ` in namespace ${ns}` : ''} in the workspace${closestHint(b.name, names)}${unsure ? ` (it may exist outside the workspace: ${unsure})` : ''}`,
          unsure ? { severity: 'info' } : undefined,
        );
        continue;
      }
      const wantsPort =
        b.portNumber !== undefined || (b.portName !== undefined && !isUnknownText(b.portName) && !isUseAnnotationTypo(b.portName));
      if (wantsPort) {
        const lists = svcs.filter((s) => scalarString(s.node(['spec', 'type'])) !== 'ExternalName').map(servicePorts);
        if (lists.length && lists.every((l) => l !== undefined)) {
          const has = lists.some((l) => l!.some((p) => (b.portNumber !== undefined ? p.port === b.portNumber : p.name === b.portName)));
          if (!has) {
            const avail = [...new Set(lists.flatMap((l) => l!.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port)))))].join(', ');
            ctx.report(
              'alb-backend-port-missing',
              b.portNode,
              `Service "${b.name}" has no port ${b.portNumber !== undefined ? b.portNumber : `named "${b.portName}"`}${avail ? `; its ports: ${avail}` : ''}`,
            );
          }
        }
      }
    }
    instanceTargets(ctx, nss);
  },
};

/** The Services named `name` in any of these namespaces (own or build-given names). */
function servicesIn(ctx: CheckContext, name: string, nss: (string | undefined)[]): K8sObject[] {
  return [...new Set(nss.flatMap((n) => servicesNamed(ctx.index, name, n)))];
}

/**
 * Instance targets need a NodePort: for every target group, direct backends and the serviceName targets of
 * weighted actions alike (model_build_target_group.go buildTargetGroupSpec: "TargetGroup port is empty").
 */
function instanceTargets(ctx: CheckContext, nss: (string | undefined)[]): void {
  const obj = ctx.obj;
  const s = ingressSettings(obj, ctx.index);
  const reported = new Set<string>();
  for (const ref of targetGroupRefs(obj)) {
    if (reported.has(ref.service)) continue;
    for (const svc of servicesIn(ctx, ref.service, nss)) {
      if (!serviceIsClusterIP(svc) || !svc.node(['spec'])) continue;
      const tt = targetTypeOf(s, svc);
      if (tt.unknown || tt.type !== 'instance') continue;
      // A Service's own target-type is reported on the Service (checks.ts).
      if (tt.from === 'service') continue;
      const via = ref.via === 'action' ? ' (a target of a weighted action)' : '';
      if (tt.from === 'default') {
        // The controller's default is instance unless started with another --default-target-type: a hint,
        // only for the open-source controller's class, on an Ingress written for it (with ALB annotations).
        if (s.cls.kind !== 'alb' || albPairs(obj).length === 0) continue;
        ctx.report(
          'alb-instance-target-clusterip',
          ref.node,
          `Service "${svc.name}"${via} is ClusterIP and nothing sets a target type: the controller's default is "instance" (unless configured otherwise), which needs a NodePort. Set alb.ingress.kubernetes.io/target-type: ip`,
          { severity: 'info' },
        );
      } else {
        const from =
          tt.from === 'params' ? `The targetType "instance" of ${s.params!.obj.displayName}` : 'This Ingress\'s target-type "instance"';
        ctx.report(
          'alb-instance-target-clusterip',
          ref.node,
          `${from} needs a NodePort or LoadBalancer Service, but Service "${svc.name}"${via} is ClusterIP: the controller fails to build the target group. Use target type "ip" or change the Service type`,
        );
      }
      reported.add(ref.service);
      break;
    }
  }
}

// ------------------------------------------------------------------------------------ health checks & co.

interface TgProblem {
  code: string;
  obj: K8sObject;
  suffix: string;
  message: string;
  severity?: Severity;
}

/**
 * What ELB and the controller refuse for the target group of (Ingress, Service): Service annotations over the
 * Ingress's, the controller's defaults for the rest (model_builder.go: interval 15, timeout 5).
 */
function targetGroupProblems(s: IngressSettings, svc: K8sObject | undefined, ref: TargetGroupRef | undefined): TgProblem[] {
  const ing = s.obj;
  const out: TgProblem[] = [];
  const interval = tgAnnotation(ing, svc, 'healthcheck-interval-seconds');
  const timeout = tgAnnotation(ing, svc, 'healthcheck-timeout-seconds');
  // A template's value (or one a template may add) is not known: no comparison with it or with a default.
  const timingKnown = !tgUnknown(ing, svc, 'healthcheck-interval-seconds') && !tgUnknown(ing, svc, 'healthcheck-timeout-seconds');
  const int = (t: string | undefined, d: number) => (t === undefined ? d : /^[+-]?\d+$/.test(t) ? Number(t) : undefined);
  const iv = int(interval?.text, 15),
    tv = int(timeout?.text, 5);
  if (timingKnown && (interval || timeout) && iv !== undefined && tv !== undefined && iv <= tv) {
    const at = timeout ?? interval!;
    out.push({
      code: 'alb-health-check',
      obj: at.obj,
      suffix: at === timeout ? 'healthcheck-timeout-seconds' : 'healthcheck-interval-seconds',
      message: `The health check interval (${iv} s${interval ? '' : ', the default'}) must be greater than its timeout (${tv} s${timeout ? '' : ', the default'})${svc ? ` for Service "${svc.name}"` : ''}: ELB rejects the target group`,
    });
  }
  const codes = tgAnnotation(ing, svc, 'success-codes');
  const ranges = codes ? parseCodeRanges(codes.text) : undefined;
  if (codes && ranges && !tgUnknown(ing, svc, 'backend-protocol-version')) {
    const version = tgAnnotation(ing, svc, 'backend-protocol-version')?.text ?? 'HTTP1';
    const grpc = version === 'GRPC';
    const inHttp = (r: [number, number]) => r[0] >= 200 && r[1] <= 499;
    const inGrpc = (r: [number, number]) => r[0] >= 0 && r[1] <= 99;
    const bad = ranges.find((r) => (grpc ? !inGrpc(r) : !inHttp(r)) && (inHttp(r) || inGrpc(r))); // codes valid for neither: the value check
    if (bad) {
      const code = `${bad[0]}${bad[1] !== bad[0] ? `-${bad[1]}` : ''}`;
      out.push({
        code: 'alb-health-check',
        obj: codes.obj,
        suffix: 'success-codes',
        message: grpc
          ? `success-codes ${code} is not a gRPC status: with backend-protocol-version GRPC the health check matches gRPC codes 0–99 (e.g. '0' or '12')${svc ? ` for Service "${svc.name}"` : ''}`
          : `success-codes ${code} is a gRPC code, but the target group speaks ${version}: HTTP health checks match 200–499 (set backend-protocol-version: GRPC for gRPC codes)${svc ? ` for Service "${svc.name}"` : ''}`,
      });
    }
  }
  const hp = tgAnnotation(ing, svc, 'healthcheck-port');
  if (hp && svc && hp.text !== 'traffic-port' && !/^[+-]?\d+$/.test(hp.text)) {
    // buildTargetGroupHealthCheckPort: a name is looked up among the Service's ports.
    const ports = servicePorts(svc);
    const p = ports?.find((x) => x.name === hp.text);
    if (ports && !p)
      out.push({
        code: 'alb-health-check',
        obj: hp.obj,
        suffix: 'healthcheck-port',
        message: `healthcheck-port "${hp.text}" names no port of Service "${svc.name}" (it has ${ports.map((x) => x.name ?? String(x.port)).join(', ') || 'none'}): the controller fails to build the target group`,
      });
    const tt = targetTypeOf(s, svc);
    if (p && !tt.unknown && tt.type === 'ip' && p.targetPort !== undefined && !/^\d+$/.test(p.targetPort) && !isUnknownText(p.targetPort)) {
      out.push({
        code: 'alb-health-check',
        obj: hp.obj,
        suffix: 'healthcheck-port',
        message: `healthcheck-port "${hp.text}" resolves to the named targetPort "${p.targetPort}" of Service "${svc.name}": with ip targets the controller needs a numeric targetPort for a named health-check port`,
      });
    }
  }
  // target-control-port.<service>.<port> for instance targets (buildTargetGroupSpec).
  if (ref && svc && ref.port !== undefined) {
    const tcp = tgAnnotation(ing, svc, `target-control-port.${ref.service}.${ref.port}`);
    const tt = targetTypeOf(s, svc);
    if (tcp && !tt.unknown && tt.type === 'instance') {
      out.push({
        code: 'alb-target-control-port',
        obj: tcp.obj,
        suffix: `target-control-port.${ref.service}.${ref.port}`,
        severity: tt.from === 'default' ? 'warning' : undefined,
        message: `target-control-port for ${ref.service}.${ref.port}, but its targets are instances (${tt.from === 'default' ? "the controller's default target type" : `target type from the ${tt.from}`}): the controller supports target control ports only for ip targets`,
      });
    }
  }
  return out;
}

/** Ingresses by the Service names their target groups use (for checks run on a Service). */
const ingressesByTarget = indexCache(['Ingress'], (index) => {
  const pairs: { name: string; ing: K8sObject }[] = [];
  for (const ing of index.byKind('Ingress')) for (const r of targetGroupRefs(ing)) pairs.push({ name: r.service, ing });
  return groupBy(pairs, (p) => p.name);
});

function reportProblems(ctx: CheckContext, problems: TgProblem[]): void {
  const seen = new Set<string>();
  for (const p of problems) {
    if (p.obj !== ctx.obj || seen.has(p.message)) continue;
    seen.add(p.message);
    ctx.report(p.code, pairOf(ctx.obj, p.suffix)?.valueNode, p.message, { severity: p.severity });
  }
}

function atMostWarning(problems: TgProblem[]): TgProblem[] {
  return problems.map((p) => ({ ...p, severity: p.severity === 'info' ? 'info' : 'warning' }));
}

/** Health checks and target control ports per target group, on the Ingress and on the Service that decides. */
export const targetGroupCheck: Check = {
  id: 'alb.targetGroups',
  scope: 'workspace',
  reads: ['Service', 'Ingress', ...CLASSES],
  appliesTo: (o) => o.kind === 'Ingress' || o.kind === 'Service',
  run(ctx) {
    const obj = ctx.obj;
    if (albPairs(obj).length === 0) return;
    const problems: TgProblem[] = [];
    if (obj.kind === 'Ingress') {
      const s = ingressSettings(obj, ctx.index);
      const refs = targetGroupRefs(obj);
      // No Service target (target groups by ARN only, or backends a template writes): no target group of
      // this Ingress is known to take these settings.
      let unseen = false;
      for (const ref of refs) {
        const svcs = servicesNamed(ctx.index, ref.service, obj.namespace);
        if (!svcs.length) unseen = true;
        for (const svc of svcs) problems.push(...targetGroupProblems(s, svc, ref));
      }
      // A Service outside the workspace: the Ingress's own settings with the defaults, a warning at most (that
      // Service's own annotations would win).
      if (unseen) problems.push(...atMostWarning(targetGroupProblems(s, undefined, undefined)));
    } else {
      const users = (obj.name ? (ingressesByTarget(ctx.index).get(obj.name) ?? []) : []).filter(
        (u) => u.ing.namespace === undefined || obj.namespace === undefined || u.ing.namespace === obj.namespace,
      );
      for (const u of users) {
        const s = ingressSettings(u.ing, ctx.index);
        for (const ref of targetGroupRefs(u.ing).filter((r) => r.service === obj.name)) problems.push(...targetGroupProblems(s, obj, ref));
      }
      // No Ingress of the workspace uses this Service: its own settings with the defaults, a warning at most
      // (an Ingress outside the workspace gives what the Service does not set).
      if (!users.length) problems.push(...atMostWarning(targetGroupProblems(ingressSettings(obj, ctx.index), undefined, undefined)));
    }
    reportProblems(ctx, problems);
  },
};

// ---------------------------------------------------------------------------------- listeners after the class

/** ssl-redirect names a port that must be an HTTPS listener of the load balancer (model_builder.go buildSSLRedirectConfig). */
export const sslRedirectCheck: Check = {
  id: 'alb.sslRedirect',
  scope: 'workspace',
  reads: GROUP_READS,
  appliesTo: (o) => o.kind === 'Ingress' && o.annotations[ALB_PREFIX + 'ssl-redirect'] !== undefined,
  run(ctx) {
    const obj = ctx.obj;
    const raw = knownAnnotation(obj, 'ssl-redirect');
    if (raw === undefined || !/^[+-]?\d+$/.test(raw)) return;
    const s = ingressSettings(obj, ctx.index);
    if (paramsOverride(s, 'ssl-redirect')) return; // the class's sslRedirectPort wins (reported as ignored)
    const port = Number(raw);
    const node = pairOf(obj, 'ssl-redirect')?.valueNode;
    const g = groupOf(obj, ctx.index);
    const listeners = g ? groupListeners(g.record) : s.listeners;
    if (!listeners) return;
    const match = listeners.filter((p) => p.port === port);
    if (match.some((p) => p.protocol === 'HTTPS')) return;
    const source = !s.defaultListeners
      ? 'listen-ports'
      : s.preferTLS
        ? `the default listener (HTTPS:443, because ${s.certificates.fromParams ? `${s.params!.obj.displayName} gives certificates` : 'certificates are set'})`
        : 'the default listener (HTTP:80; set listen-ports, e.g. [{"HTTP": 80}, {"HTTPS": 443}])';
    const what = match.length ? `port ${port} is an HTTP listener` : `there is no listener on port ${port}`;
    if (g) {
      ctx.report(
        'alb-ssl-redirect-no-https',
        node,
        `ssl-redirect to ${port}, but no Ingress of IngressGroup "${g.name}" in the workspace has an HTTPS listener on ${port} (${what} here, in ${source}): the controller fails to build the load balancer unless a member outside the workspace adds it`,
        { severity: 'warning' },
      );
      return;
    }
    ctx.report(
      'alb-ssl-redirect-no-https',
      node,
      `ssl-redirect to ${port}, but ${what} in ${source}: the controller fails to build the load balancer`,
    );
  },
};

/** Hosts of the Ingress (spec.tls[].hosts and spec.rules[].host), which certificate discovery uses. */
function ingressHosts(obj: K8sObject): string[] {
  const out: string[] = [];
  const list = (path: (string | number)[]) => (obj.node(path) as { items?: unknown[] } | undefined)?.items ?? [];
  list(['spec', 'tls']).forEach((_, i) =>
    list(['spec', 'tls', i, 'hosts']).forEach((__, j) => {
      const h = scalarString(obj.node(['spec', 'tls', i, 'hosts', j]));
      if (h) out.push(h);
    }),
  );
  list(['spec', 'rules']).forEach((_, i) => {
    const h = scalarString(obj.node(['spec', 'rules', i, 'host']));
    if (h) out.push(h);
  });
  return out;
}

/** HTTPS listeners, certificates and authentication of one Ingress (skipped inside IngressGroups, whose members share listeners). */
export const listenerTlsCheck: Check = {
  id: 'alb.listenerTls',
  scope: 'workspace',
  reads: CLASSES,
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    const obj = ctx.obj;
    const pairs = albPairs(obj);
    if (pairs.length === 0) return;
    // What is not set here may be set by the template (listen-ports, certificate-arn, create-acm-cert, auth).
    if (annotationsMayHoldMore(obj)) return;
    const s = ingressSettings(obj, ctx.index);
    const ports = s.listeners;
    if (!ports || s.certificates.unknown) return; // listen-ports is reported on its own, or not known
    const https = ports.some((p) => p.protocol === 'HTTPS');
    const node = (k: string) => pairs.find((a) => a.key === ALB_PREFIX + k)?.keyNode;
    const hasCert = s.certificates.arns.length > 0;
    if (!s.group && https && !hasCert && obj.annotations[ALB_PREFIX + 'create-acm-cert'] === undefined && ingressHosts(obj).length === 0) {
      ctx.report(
        'alb-listener-tls',
        node('listen-ports'),
        'listen-ports has an HTTPS listener but this Ingress gives no certificate: no certificate-arn (or certificates in its IngressClassParams), no create-acm-cert, and no hosts (spec.tls or rules[].host) for certificate discovery. The controller cannot create the HTTPS listener',
      );
    }
    if (!s.group && hasCert && !s.certificates.fromParams && !https) {
      ctx.report(
        'alb-listener-tls',
        node('certificate-arn'),
        'certificate-arn is set but listen-ports has no HTTPS listener, so the certificate is not used: add {"HTTPS": 443} to listen-ports',
      );
    }
    if (!https && !s.group) {
      const auth = pairs.find((a) => a.key === ALB_PREFIX + 'auth-type');
      if (auth && (auth.text === 'cognito' || auth.text === 'oidc')) {
        ctx.report(
          'alb-listener-tls',
          auth.valueNode ?? auth.keyNode,
          `auth-type ${auth.text} only works on HTTPS listeners, and this Ingress listens on ${ports.map((p) => `${p.protocol}:${p.port}`).join(', ')}`,
        );
      }
      const jwt = pairs.find((a) => a.key === ALB_PREFIX + 'jwt-validation');
      if (jwt)
        ctx.report(
          'alb-listener-tls',
          jwt.keyNode,
          `jwt-validation only applies to HTTPS listeners (model_build_actions.go), and this Ingress listens on ${ports.map((p) => `${p.protocol}:${p.port}`).join(', ')}`,
        );
    }
  },
};

// ------------------------------------------------------------------------------------------------ the rest

/**
 * Settings that the class, other annotations or the listeners make unused, and load-balancer settings that
 * do not fit together: IngressClassParams over annotations, WAF precedence and WAFv2 vs Classic, listener
 * attributes and mutual-authentication entries for ports that are not listeners, dualstack-without-public-ipv4
 * on an internal ALB, frontend NLB Elastic IPs, authentication.
 */
export const lbSettingsCheck: Check = {
  id: 'alb.lbSettings',
  scope: 'workspace',
  reads: [...GROUP_READS, 'Service'],
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    const obj = ctx.obj;
    const pairs = albPairs(obj);
    if (pairs.length === 0) return;
    const s = ingressSettings(obj, ctx.index);
    const g = groupOf(obj, ctx.index);
    const members = g?.members ?? [s];
    overriddenByParams(ctx, s, g?.members[0] ?? s);
    waf(ctx, s, g?.record);
    unusedPorts(ctx, s);
    ipAddressType(ctx, s, members);
    frontendNlb(ctx, members);
    auth(ctx, s);
  },
};

function overriddenByParams(ctx: CheckContext, s: IngressSettings, first: IngressSettings): void {
  for (const a of albPairs(s.obj)) {
    const suffix = a.key.slice(ALB_PREFIX.length);
    const e = findAlbAnnotation(suffix);
    if (!e?.params || a.text === undefined || isUnknownText(a.text)) continue;
    if (e.params.how === 'replaces') {
      const p = paramsOverride(s, suffix);
      if (p)
        ctx.report(
          'alb-annotation-ignored',
          a.keyNode,
          `${a.key} is not used: ${p.field} of ${p.params.obj.displayName} (the IngressClassParams of class "${s.cls.name}") sets it, and the class wins`,
          { severity: 'info', tags: ['unnecessary'] },
        );
    } else if (e.params.how === 'group') {
      const p = paramsOverride(first, suffix);
      if (p)
        ctx.report(
          'alb-annotation-ignored',
          a.keyNode,
          `${a.key} is not used: ${p.field} of ${p.params.obj.displayName}${first !== s ? ` (the class of ${first.obj.displayName}, the first member of the IngressGroup)` : ''} sets it for the whole load balancer`,
          { severity: 'info', tags: ['unnecessary'] },
        );
    }
  }
}

function waf(ctx: CheckContext, s: IngressSettings, g: NonNullable<ReturnType<typeof groupOf>>['record'] | undefined): void {
  const obj = s.obj;
  const arn = pairOf(obj, 'wafv2-acl-arn');
  const name = knownAnnotation(obj, 'wafv2-acl-name');
  // buildWAFv2WebACLAssociation: once any member (or class) names a web ACL, no ARN is read.
  if (arn && !paramsOverride(s, 'wafv2-acl-arn')) {
    const namer = name ? undefined : g ? wafv2NameInGroup(g) : s.params?.wafv2AclName ? { obj, display: s.params.wafv2AclName } : undefined;
    if (name || namer)
      ctx.report(
        'alb-annotation-ignored',
        arn.keyNode,
        `${arn.key} is not used: wafv2-acl-name is set${namer && namer.obj !== obj ? ` on ${namer.obj.displayName}` : ''}, and the controller reads no ARN once a web ACL is named`,
        { tags: ['unnecessary'] },
      );
  }
  // buildWAFRegionalWebACLAssociation: waf-acl-id when present, else web-acl-id.
  const web = pairOf(obj, 'web-acl-id');
  if (web && obj.annotations[ALB_PREFIX + 'waf-acl-id'] !== undefined)
    ctx.report('alb-annotation-ignored', web.keyNode, `${web.key} is not used: waf-acl-id is set on this Ingress and wins`, {
      tags: ['unnecessary'],
    });
  // WAFv2 and WAF Classic on one ALB: each association replaces the other.
  const v2 = (m: IngressSettings) => {
    const n = m.params?.wafv2AclName ?? knownAnnotation(m.obj, 'wafv2-acl-name');
    const a = m.params?.wafv2AclArn ?? knownAnnotation(m.obj, 'wafv2-acl-arn');
    return (n && n !== 'none') || (a && a !== 'none') ? m : undefined;
  };
  const classic = (m: IngressSettings) => {
    const v = knownAnnotation(m.obj, 'waf-acl-id') ?? knownAnnotation(m.obj, 'web-acl-id');
    return v && v !== 'none' ? m : undefined;
  };
  const members = g?.members ?? [s];
  const mineClassic = classic(s),
    mineV2 = v2(s);
  if (!mineClassic && !mineV2) return;
  const otherV2 = mineClassic ? members.find(v2) : undefined;
  const otherClassic = mineV2 ? members.find(classic) : undefined;
  const other = otherV2 ?? otherClassic;
  if (!other) return;
  const at = mineClassic
    ? pairOf(obj, obj.annotations[ALB_PREFIX + 'waf-acl-id'] !== undefined ? 'waf-acl-id' : 'web-acl-id')
    : pairOf(obj, knownAnnotation(obj, 'wafv2-acl-name') ? 'wafv2-acl-name' : 'wafv2-acl-arn');
  if (!at) return;
  ctx.report(
    'alb-waf-conflict',
    at.keyNode,
    `This load balancer gets both a WAF Classic web ACL and a WAFv2 one (${other.obj === obj ? 'on this Ingress' : `${other.obj.displayName} sets the other`}): an ALB has one web ACL, so each association replaces the other on every reconcile. Keep one (WAFv2)`,
  );
}

function unusedPorts(ctx: CheckContext, s: IngressSettings): void {
  if (!s.listeners) return;
  for (const a of albPairs(s.obj)) {
    const m = /^listener-attributes\.(HTTP|HTTPS)-(\d{1,5})$/.exec(a.key.slice(ALB_PREFIX.length));
    if (!m) continue;
    const port = Number(m[2]);
    if (!s.listeners.some((l) => l.protocol === m[1] && l.port === port)) {
      ctx.report(
        'alb-annotation-ignored',
        a.keyNode,
        `${a.key} is not used: this Ingress has no ${m[1]} listener on port ${port} (it listens on ${s.listeners.map((l) => `${l.protocol}:${l.port}`).join(', ')})`,
        { tags: ['unnecessary'] },
      );
    }
  }
  const mtls = pairOf(s.obj, 'mutual-authentication');
  const entries = mtls?.text !== undefined && !isUnknownText(mtls.text) ? mtlsEntries(mtls.text) : undefined;
  for (const port of entries?.keys() ?? []) {
    if (!s.listeners.some((l) => l.protocol === 'HTTPS' && l.port === port)) {
      ctx.report(
        'alb-annotation-ignored',
        mtls!.keyNode,
        `The mutual-authentication entry for port ${port} is not used: it applies to HTTPS listeners, and this Ingress has none on ${port}`,
        { tags: ['unnecessary'] },
      );
    }
  }
}

/**
 * The value of a one-per-group setting: this member's, else the first member that sets it; 'unknown' when a
 * member sets it with a template or placeholder, or none sets it and a template may add it.
 */
function groupSetting(
  members: IngressSettings[],
  suffix: string,
  paramsValue: (m: IngressSettings) => string | undefined,
): { value: string; from: IngressSettings } | 'unknown' | undefined {
  for (const m of members) {
    const p = paramsValue(m);
    if (p !== undefined) return { value: p, from: m };
    const text = m.obj.annotations[ALB_PREFIX + suffix];
    if (text !== undefined) return isUnknownText(text) ? 'unknown' : { value: text, from: m };
  }
  return members.some((m) => m.mayHoldMore) ? 'unknown' : undefined;
}

function ipAddressType(ctx: CheckContext, s: IngressSettings, members: IngressSettings[]): void {
  const a = pairOf(s.obj, 'ip-address-type');
  if (!a || a.text !== 'dualstack-without-public-ipv4' || paramsOverride(s, 'ip-address-type')) return;
  const scheme = groupSetting(members, 'scheme', (m) => m.params?.scheme);
  if (scheme === 'unknown' || scheme?.value === 'internet-facing' || (!scheme && members.some((m) => m.params?.unknown.has('scheme'))))
    return;
  const where = scheme
    ? `the scheme is internal${scheme.from !== s ? ` (set on ${scheme.from.obj.displayName})` : ''}`
    : "no scheme is set, and the controller's default is internal (unless started with another --default-load-balancer-scheme)";
  ctx.report(
    'alb-ip-address-type',
    a.valueNode,
    `ip-address-type dualstack-without-public-ipv4 is only for internet-facing load balancers, but ${where}: ELB rejects it. Set scheme: internet-facing, or use dualstack`,
    { severity: scheme ? undefined : 'warning' },
  );
}

function frontendNlb(ctx: CheckContext, members: IngressSettings[]): void {
  const obj = ctx.obj;
  const eip = pairOf(obj, 'frontend-nlb-eip-allocations');
  if (!eip || eip.text === undefined || isUnknownText(eip.text)) return;
  // model_build_frontend_nlb.go validateEIPAllocations and buildFrontendNlbSubnetMappings.
  const scheme = groupSetting(members, 'frontend-nlb-scheme', () => undefined);
  if (scheme === 'unknown') return; // a template's
  if (scheme?.value !== 'internet-facing') {
    const why = scheme
      ? `the frontend NLB is internal (frontend-nlb-scheme${scheme.from.obj !== obj ? ` on ${scheme.from.obj.displayName}` : ''})`
      : "no frontend-nlb-scheme is set, and the frontend NLB is then internal (the controller's default scheme)";
    ctx.report(
      'alb-frontend-nlb',
      eip.valueNode,
      `frontend-nlb-eip-allocations are only for an internet-facing frontend NLB, but ${why}: the controller refuses them`,
      { severity: scheme ? undefined : 'warning' },
    );
    return;
  }
  const subnets = groupSetting(members, 'frontend-nlb-subnets', () => undefined);
  if (!subnets || subnets === 'unknown') return; // discovered subnets (or a template's): their number is not known here
  const n = parseStringList(eip.text).length,
    m = parseStringList(subnets.value).length;
  if (n !== m)
    ctx.report(
      'alb-frontend-nlb',
      eip.valueNode,
      `${n} Elastic IP allocation${n === 1 ? '' : 's'} for ${m} frontend NLB subnet${m === 1 ? '' : 's'}${subnets.from.obj !== obj ? ` (frontend-nlb-subnets on ${subnets.from.obj.displayName})` : ''}: the controller needs exactly one per subnet`,
    );
}

/** Authentication per backend (enhanced_backend_builder.go buildAuthConfig, model_build_actions.go buildActions). */
function auth(ctx: CheckContext, s: IngressSettings): void {
  const obj = s.obj;
  if (s.listeners && !s.listeners.some((l) => l.protocol === 'HTTPS') && !s.group) return; // no HTTPS: listenerTls says so
  const jwt = pairOf(obj, 'jwt-validation');
  const type = knownAnnotation(obj, 'auth-type');
  const typePair = pairOf(obj, 'auth-type');
  if (jwt && (type === 'cognito' || type === 'oidc')) {
    ctx.report(
      'alb-auth',
      jwt.keyNode,
      `jwt-validation together with auth-type ${type}: the controller refuses to configure authentication and JWT validation on one rule`,
    );
  }
  if (type !== 'cognito' && type !== 'oidc') return;
  const idp = `auth-idp-${type}`;
  if (obj.annotations[ALB_PREFIX + idp] !== undefined || s.mayHoldMore) return; // present, or a template may add it
  // Forwarding to a single Service merges that Service's auth annotations in: it may carry the idp.
  const refs = targetGroupRefs(obj);
  let unseen = refs.length === 0;
  for (const r of refs) {
    const svcs = servicesNamed(ctx.index, r.service, obj.namespace);
    if (!svcs.length) unseen = true;
    if (svcs.some((x) => x.annotations[ALB_PREFIX + idp] !== undefined || annotationsMayHoldMore(x))) return;
  }
  ctx.report(
    'alb-auth',
    typePair?.valueNode,
    `auth-type ${type} needs the ${ALB_PREFIX}${idp} annotation (on this Ingress or its backend Service): without it the controller cannot build the authentication action`,
    { severity: unseen ? 'warning' : undefined },
  );
}

// --------------------------------------------------------------------------------------------- IngressGroups

/** The annotations compared across an IngressGroup with a fixed name (listener-attributes.* are per port). */
const GROUP_COMPARED = ALB_ANNOTATIONS.filter((e) => e.compare && e.compare.kind !== 'merge' && !e.prefix);

function conflictMessage(group: string, c: Conflict): string {
  const where = c.port !== undefined ? ` on port ${c.port}` : '';
  const other = `${c.other.obj.displayName} has ${c.other.display}`;
  const tail = 'the controller stops reconciling the whole IngressGroup until they agree';
  if (c.suffix === 'listen-ports')
    return `Port ${c.port} is ${c.mine.display.split(':')[0]} here, but ${c.other.obj.displayName} in IngressGroup "${group}" listens on it with ${c.other.display}: one port has one protocol in a group, and ${tail}`;
  if (c.key !== undefined)
    return `${ALB_PREFIX}${c.suffix}: key "${c.key}"${where} is ${c.mine.display} here, but ${other} in IngressGroup "${group}": ${tail}`;
  return `${ALB_PREFIX}${c.suffix}${where} must agree across IngressGroup "${group}": this Ingress has ${c.mine.display}, ${other}; ${tail}`;
}

/**
 * IngressGroups: what the controller compares across members, compared its way (catalog.ts GroupCompare;
 * model_build_load_balancer.go, model_build_listener.go, model_builder.go mergeListenPortConfigs, model_build_tags.go,
 * model_build_load_balancer_addons.go, model_build_frontend_nlb.go). Members that set nothing are not compared.
 */
export const groupConflictCheck: Check = {
  id: 'alb.groupConflict',
  scope: 'workspace',
  reads: GROUP_READS,
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    const obj = ctx.obj;
    const g = groupOf(obj, ctx.index);
    if (!g || g.members.length < 2) return;
    const me = ingressSettings(obj, ctx.index);
    const conflicts: Conflict[] = [];
    for (const e of GROUP_COMPARED) conflicts.push(...conflictsOf(g.record, me, e.name, e));
    for (const a of albPairs(obj)) {
      const m = /^listener-attributes\.(HTTP|HTTPS)-(\d{1,5})$/.exec(a.key.slice(ALB_PREFIX.length));
      if (m) conflicts.push(...listenerAttributeConflicts(g.record, me, a.key, m[1], Number(m[2])));
    }
    const seen = new Set<string>();
    for (const c of conflicts) {
      if (!c.mine.node) continue; // a default listener: the member that sets a value is told
      const message = conflictMessage(g.name, c);
      if (seen.has(message)) continue;
      seen.add(message);
      ctx.report('alb-group-conflict', c.mine.node, message, {
        related: related(c.other.obj, c.other.node, `${c.other.obj.displayName}: ${c.other.display}`),
      });
    }
  },
};

export const WORKSPACE_ANNOTATION_CHECKS: Check[] = [
  ingressClassCheck,
  autoModeSecretAccessCheck,
  backendServiceCheck,
  targetGroupCheck,
  sslRedirectCheck,
  listenerTlsCheck,
  lbSettingsCheck,
  groupConflictCheck,
];

/**
 * ALB annotation checks that read the workspace: which controller serves the Ingress (its IngressClass),
 * EKS Auto Mode limits, the backend Services (names, ports, instance targets) and IngressGroup conflicts.
 */
import type { Node } from 'yaml';
import type { Check, CheckContext } from '../../checks/types';
import { servicePorts } from '../../model/service';
import { nodeRange, scalarString } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { indexCache } from '../../workspace/indexCache';
import { ALB_PREFIX, findAlbAnnotation } from './catalog';
import {
  albPairs, annotationPairs, groupAnnotationValues, ingressBackends, ingressClassOf, ingressGroupMembers, servicesNamed,
  USE_ANNOTATION, LEGACY_CLASS_ANNOTATION,
} from './model';
import { closestHint, isUseAnnotationTypo, serviceIsClusterIP } from './checks';

const AUTO_MODE_KEYS = ['group.name', 'waf-acl-id', 'web-acl-id', 'shield-advanced-protection'];

export const ingressClassCheck: Check = {
  id: 'alb.ingressClass',
  scope: 'workspace',
  reads: ['IngressClass'],
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    const obj = ctx.obj;
    const alb = albPairs(obj);
    if (alb.length === 0) return;
    const cls = ingressClassOf(obj, ctx.index);
    if (cls.kind === 'other') {
      const where = cls.via === 'annotation' ? `its ${LEGACY_CLASS_ANNOTATION} annotation is "${cls.name}"` : `its class "${cls.name}"${cls.controller ? ` is served by ${cls.controller}` : ''}${cls.via === 'default' ? ' (the default IngressClass)' : ''}`;
      const extra = cls.via === 'annotation' ? ' (the controller only picks up "alb" unless started with another --ingress-class)' : '';
      ctx.report('alb-not-alb-class', (cls.node as Node | undefined) ?? alb[0].keyNode, `This Ingress has ${alb.length} alb.ingress.kubernetes.io annotation${alb.length === 1 ? '' : 's'}, but ${where}${extra}: the AWS Load Balancer Controller will not handle it and the annotations have no effect`);
      return;
    }
    if (cls.kind !== 'auto-mode') return;
    for (const a of alb) {
      const suffix = a.key.slice(ALB_PREFIX.length);
      const e = findAlbAnnotation(suffix);
      if (!e || !e.autoModeUnsupported) continue;
      if (e.autoModeUnsupportedValue !== undefined) {
        if (a.text === e.autoModeUnsupportedValue) ctx.report('alb-auto-mode-unsupported', a.valueNode ?? a.keyNode, `${e.autoModeUnsupported} (IngressClass "${cls.name}" uses the Auto Mode controller eks.amazonaws.com/alb)`);
      } else if (AUTO_MODE_KEYS.includes(e.name)) {
        ctx.report('alb-auto-mode-unsupported', a.keyNode, `${a.key}: ${e.autoModeUnsupported} (IngressClass "${cls.name}" uses the Auto Mode controller eks.amazonaws.com/alb)`);
      }
    }
    const legacy = annotationPairs(obj).find((a) => a.key === LEGACY_CLASS_ANNOTATION);
    if (legacy) ctx.report('alb-auto-mode-unsupported', legacy.keyNode, `EKS Auto Mode does not support the ${LEGACY_CLASS_ANNOTATION} annotation: use spec.ingressClassName`);
  },
};

export const backendServiceCheck: Check = {
  id: 'alb.backends',
  scope: 'workspace',
  reads: ['Service', 'IngressClass'],
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    const obj = ctx.obj;
    const ns = obj.namespace;
    if (!hasServicesIn(ctx, ns)) return;
    const ingTargetType = obj.annotations[ALB_PREFIX + 'target-type'];
    for (const b of ingressBackends(obj)) {
      if (b.portName === USE_ANNOTATION || !b.name || isUnknownText(b.name)) continue;
      const svcs = servicesNamed(ctx.index, b.name, ns);
      if (svcs.length === 0) {
        const names = new Set(ctx.index.byKind('Service').filter((s) => s.name && (ns === undefined || s.namespace === undefined || s.namespace === ns)).map((s) => s.name!));
        ctx.report('alb-backend-service-missing', b.nameNode, `No Service "${b.name}"${ns ? ` in namespace ${ns}` : ''} in the workspace${closestHint(b.name, names)}`);
        continue;
      }
      const wantsPort = b.portNumber !== undefined || (b.portName !== undefined && !isUnknownText(b.portName) && !isUseAnnotationTypo(b.portName));
      if (wantsPort) {
        const lists = svcs.filter((s) => scalarString(s.node(['spec', 'type'])) !== 'ExternalName').map(servicePorts);
        if (lists.length && lists.every((l) => l !== undefined)) {
          const has = lists.some((l) => l!.some((p) => (b.portNumber !== undefined ? p.port === b.portNumber : p.name === b.portName)));
          if (!has) {
            const avail = [...new Set(lists.flatMap((l) => l!.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port)))))].join(', ');
            ctx.report('alb-backend-port-missing', b.portNode, `Service "${b.name}" has no port ${b.portNumber !== undefined ? b.portNumber : `named "${b.portName}"`}${avail ? `; its ports: ${avail}` : ''}`);
          }
        }
      }
      for (const svc of svcs) {
        // A Service's own target-type overrides the Ingress's (and is reported on the Service itself).
        if (svc.annotations[ALB_PREFIX + 'target-type'] !== undefined) continue;
        if (!serviceIsClusterIP(svc) || !svc.node(['spec'])) continue;
        if (ingTargetType === undefined) {
          // The controller's default is instance unless it was started with another --default-target-type or
          // an IngressClassParams sets one: a hint, only for the open-source controller's class.
          if (defaultInstance(ctx, obj)) {
            ctx.report('alb-instance-target-clusterip', b.nameNode, `Service "${svc.name}" is ClusterIP and this Ingress sets no target-type: the controller's default is "instance" (unless configured otherwise), which needs a NodePort. Set alb.ingress.kubernetes.io/target-type: ip`, { severity: 'info' });
            break;
          }
          continue;
        }
        if (ingTargetType !== 'instance') continue;
        ctx.report('alb-instance-target-clusterip', b.nameNode, `This Ingress's target-type "instance" needs a NodePort or LoadBalancer Service, but Service "${svc.name}" is ClusterIP: the targets never register. Use target-type "ip" or change the Service type`);
        break;
      }
    }
  },
};

/** Whether the workspace has Services an object in a namespace can see (per namespace, until the Services change). */
const servicesSeen = indexCache(['Service'], () => new Map<string, boolean>());
function hasServicesIn(ctx: CheckContext, ns: string | undefined): boolean {
  const seen = servicesSeen(ctx.index);
  const k = ns ?? '';
  let v = seen.get(k);
  if (v === undefined) { v = ctx.index.hasKindIn('Service', ns); seen.set(k, v); }
  return v;
}

/** The open-source controller's class without IngressClassParams: its default target type is instance. */
function defaultInstance(ctx: CheckContext, obj: K8sObject): boolean {
  if (albPairs(obj).length === 0) return false;
  const cls = ingressClassOf(obj, ctx.index);
  if (cls.kind !== 'alb') return false;
  const icls = cls.name ? ctx.index.byKind('IngressClass').find((c) => c.name === cls.name) : undefined;
  return !icls || icls.node(['spec', 'parameters']) === undefined;
}

// ---------------------------------------------------------------------------------------------------------
// IngressGroups: Exclusive annotations must agree across every member, or the whole group stops reconciling.

export const groupConflictCheck: Check = {
  id: 'alb.groupConflict',
  scope: 'workspace',
  reads: ['Ingress'],
  appliesTo: (o) => o.kind === 'Ingress' && o.annotations[ALB_PREFIX + 'group.name'] !== undefined,
  run(ctx) {
    const obj = ctx.obj;
    const group = obj.annotations[ALB_PREFIX + 'group.name'];
    if (isUnknownText(group)) return;
    if (ingressGroupMembers(ctx.index, group).length < 2) return;
    for (const a of albPairs(obj)) {
      const e = findAlbAnnotation(a.key.slice(ALB_PREFIX.length));
      if (!e || e.groupBehavior !== 'Exclusive' || a.text === undefined || isUnknownText(a.text)) continue;
      let clash: K8sObject | undefined;
      for (const [v, o] of groupAnnotationValues(ctx.index, group, a.key)) if (v !== a.text && o !== obj) { clash = o; break; }
      if (!clash) continue;
      const r = nodeRange(clash.node(['metadata', 'annotations', a.key]));
      ctx.report('alb-group-conflict', a.valueNode ?? a.keyNode,
        `${a.key} is Exclusive in IngressGroup "${group}", but ${clash.displayName} sets "${clash.annotations[a.key]}" and this Ingress "${a.text}": the controller stops reconciling the whole group until they agree`,
        { related: r ? [{ uri: clash.uri, chunk: clash.chunk, start: r[0], end: r[1], message: `${clash.displayName} sets ${a.key} here` }] : undefined });
    }
  },
};

export const WORKSPACE_ANNOTATION_CHECKS: Check[] = [ingressClassCheck, backendServiceCheck, groupConflictCheck];

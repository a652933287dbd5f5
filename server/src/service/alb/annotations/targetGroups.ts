/**
 * The target groups an Ingress makes the controller build, and the settings each one gets: one per backend
 * Service port, from direct rule backends and from the `serviceName` targets of weighted `actions.*`
 * (enhanced_backend_builder.go). A target group's annotations are the Service's merged over the Ingress's,
 * the Service winning key by key (model_build_target_group.go buildTargetGroupSpec: MergeStringMap(svc, ing)),
 * and the class's IngressClassParams `targetType` over both (buildTargetGroupTargetType).
 */
import type { Node } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { isUnknownText } from '@shared/manifest/templates';
import { albJsonAnnotations, present } from '../actions/model';
import { ALB_PREFIX } from './catalog';
import { annotationsMayHoldMore, ingressBackends, USE_ANNOTATION, type IngressSettings } from './model';

export interface TargetGroupRef {
  /** The Service name. */
  service: string;
  /** The Service port as written (number or name); undefined when not given. */
  port?: string;
  /** Where the Ingress names it: the backend's service.name, or the JSON `serviceName` string. */
  node?: Node | [number, number];
  via: 'backend' | 'action';
}

/** Every Service target of the Ingress (templates left out). */
export function targetGroupRefs(obj: K8sObject): TargetGroupRef[] {
  const out: TargetGroupRef[] = [];
  for (const b of ingressBackends(obj)) {
    if (!b.name || b.portName === USE_ANNOTATION || isUnknownText(b.name)) continue;
    out.push({ service: b.name, port: b.portNumber !== undefined ? String(b.portNumber) : b.portName, node: b.nameNode, via: 'backend' });
  }
  for (const a of albJsonAnnotations(obj)) {
    if (a.kind !== 'actions' || !a.ej?.root || a.ej.errors.length) continue;
    const tgs = present(present(a.ej.root, 'forwardConfig'), 'targetGroups');
    if (tgs?.type !== 'array') continue;
    // At most five target groups count (the ELB limit the checks enforce): bounded work on hostile input.
    for (const tg of (tgs.children ?? []).slice(0, 5)) {
      const svc = present(tg, 'serviceName');
      if (svc?.type !== 'string' || isUnknownText(svc.value as string)) continue;
      const port = present(tg, 'servicePort');
      out.push({
        service: svc.value as string,
        port: port && (port.type === 'string' || port.type === 'number') ? String(port.value) : undefined,
        node: a.ej.toSource(svc.offset, svc.length),
        via: 'action',
      });
    }
  }
  return out;
}

export interface SettingSource {
  text: string;
  obj: K8sObject;
}

/** A target-group annotation: the Service's when it has one, else the Ingress's (known values only). */
export function tgAnnotation(ing: K8sObject, svc: K8sObject | undefined, suffix: string): SettingSource | undefined {
  for (const o of svc ? [svc, ing] : [ing]) {
    const v = o.annotations[ALB_PREFIX + suffix];
    if (v !== undefined) return isUnknownText(v) ? undefined : { text: v, obj: o };
  }
  return undefined;
}

/**
 * Whether a target-group annotation is not known: a template on the object that decides it, or set on
 * neither while a template may add annotations to one of them (annotationsMayHoldMore).
 */
export function tgUnknown(ing: K8sObject, svc: K8sObject | undefined, suffix: string): boolean {
  const objs = svc ? [svc, ing] : [ing];
  for (const o of objs) {
    const v = o.annotations[ALB_PREFIX + suffix];
    if (v !== undefined) return isUnknownText(v);
  }
  return objs.some(annotationsMayHoldMore);
}

export interface TargetType {
  type: string;
  from: 'params' | 'service' | 'ingress' | 'default';
  unknown: boolean;
}

/**
 * The target type of a target group: the IngressClassParams' `targetType` wins over both annotations
 * (buildTargetGroupTargetType); else the Service's, the Ingress's, or the controller's default (`instance`,
 * unless started with another --default-target-type).
 */
export function targetTypeOf(s: IngressSettings, svc: K8sObject | undefined): TargetType {
  if (s.params?.targetType) return { type: s.params.targetType, from: 'params', unknown: false };
  if (s.params?.unknown.has('targetType') || tgUnknown(s.obj, svc, 'target-type'))
    return { type: 'instance', from: 'default', unknown: true };
  const a = tgAnnotation(s.obj, svc, 'target-type');
  if (a) return { type: a.text, from: a.obj === svc ? 'service' : 'ingress', unknown: false };
  return { type: 'instance', from: 'default', unknown: false };
}

/**
 * ALB annotation checks that read one document: names and values (with Go's parsing), Ingress-only annotations
 * on a Service, the use-annotation contract between rule backends and `actions.*`, ssl-redirect vs the
 * listeners, and listeners vs certificates. Cross-document ones are in workspaceChecks.ts.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Check, CheckContext } from '../../checks/types';
import { serviceType } from '../../model/service';
import { closest, editDistance, type CatalogEntry } from '../../catalog/types';
import { isUnknownText } from '@shared/manifest/templates';
import { replaceScalarEdit, replaceScalarFix } from '../../model/edits';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { ALB_PREFIX, SVC_PREFIX, ALB_CATALOG, SVC_CATALOG, findAlbAnnotation, variableEntryFor, type AlbAnnotationEntry } from './catalog';
import { validateValue } from './values';
import {
  albPairs,
  annotationPairs,
  annotationsMayHoldMore,
  backendsMayHoldMore,
  ingressBackends,
  USE_ANNOTATION,
  type AnnotationPair,
} from './model';

/** Rename an annotation key, keeping its quoting style (model/edits.ts). */
function renameKeyFix(ctx: CheckContext, a: AnnotationPair, newKey: string, title?: string) {
  const fix = replaceScalarFix(ctx.obj.chunk.text, a.keyNode, newKey, title ?? `Rename to ${newKey}`);
  return fix ? [fix] : undefined;
}

/** "Did you mean" for a suffix under the ALB prefix. */
export function suggestSuffix(suffix: string): string | undefined {
  const dot = suffix.indexOf('.');
  if (dot > 0) {
    const head = suffix.slice(0, dot);
    const rest = suffix.slice(dot + 1);
    for (const pfx of ['actions', 'conditions', 'transforms', 'listener-attributes', 'target-control-port']) {
      if (head !== pfx && editDistance(head.toLowerCase(), pfx) <= 2 && rest) return `${pfx}.${rest}`;
    }
  }
  const fixed = ALB_CATALOG.entries.filter((e) => !e.namePattern && !e.deprecated).map((e) => e.name);
  const best = closest(suffix, fixed, 1)[0];
  if (best) return best;
  // A shortened name (`healthcheck-interval` for `healthcheck-interval-seconds`).
  const longer = fixed.filter((n) => suffix.length >= 6 && n.startsWith(suffix)).sort((a, b) => a.length - b.length)[0];
  if (longer) return longer;
  const lower = suffix.toLowerCase();
  if (lower !== suffix && findAlbAnnotation(lower)) return lower;
  return undefined;
}

function checkAnnotationName(ctx: CheckContext, a: AnnotationPair, suffix: string): AlbAnnotationEntry | undefined {
  const entry = findAlbAnnotation(suffix);
  if (entry?.prefix === 'listener-attributes') {
    const port = Number(/-(\d+)$/.exec(suffix)![1]);
    if (port < 1 || port > 65535) {
      ctx.report('alb-annotation-name', a.keyNode, `Malformed annotation name ${a.key}: listener port ${port} is outside 1–65535`);
      return undefined;
    }
  }
  if (entry) return entry;
  if (isUnknownText(suffix) || suffix === '') return undefined; // '' : the name is still being typed
  const variable = variableEntryFor(suffix);
  if (variable) {
    const name = suffix.slice(variable.prefix!.length + 1);
    let why = `expected ${variable.nameHint}`;
    if (['actions', 'conditions', 'transforms'].includes(variable.prefix!)) {
      why =
        name === ''
          ? 'the name after the dot is missing'
          : `"${name}" can never match a backend: Service names are lowercase letters, digits and '-', start with a letter and have at most 63 characters`;
    }
    ctx.report('alb-annotation-name', a.keyNode, `Malformed annotation name ${a.key}: ${why}`);
    return undefined;
  }
  const best = suggestSuffix(suffix);
  ctx.report(
    'alb-unknown-annotation',
    a.keyNode,
    `Unknown annotation ${a.key}: the AWS Load Balancer Controller does not read it and ignores it silently${best ? ` — did you mean ${ALB_PREFIX}${best}?` : ''}`,
    { fixes: best ? renameKeyFix(ctx, a, ALB_PREFIX + best) : undefined },
  );
  return undefined;
}

function checkValue(ctx: CheckContext, a: AnnotationPair, entry: AlbAnnotationEntry | CatalogEntry, label: string, cap?: 'warning'): void {
  const v = a.valueNode;
  if (v === undefined || v === null) return; // core reports `key:` without a value
  if (isMap(v) || isSeq(v)) {
    ctx.report(
      'alb-annotation-not-string',
      v,
      `${label} must be a string: annotation values are text${entry.type === 'json' ? ' — write the JSON inside a quoted or block string' : ''}, not a YAML ${isMap(v) ? 'map' : 'list'}`,
    );
    return;
  }
  if (!isScalar(v) || a.text === undefined) return;
  if (isUnknownText(a.text)) return;
  for (const p of validateValue(entry, a.text, label))
    ctx.report(p.code, v, p.message, { severity: cap && (p.severity ?? 'error') === 'error' ? cap : p.severity });
}

/** Names and values of every ALB annotation on an Ingress or Service. */
export const annotationNameValueCheck: Check = {
  id: 'alb.annotations',
  scope: 'local',
  appliesTo: (o) => o.kind === 'Ingress' || o.kind === 'Service',
  run(ctx) {
    const obj = ctx.obj;
    for (const a of annotationPairs(obj)) {
      if (a.key.startsWith(ALB_PREFIX)) {
        const suffix = a.key.slice(ALB_PREFIX.length);
        const entry = checkAnnotationName(ctx, a, suffix);
        if (!entry) continue;
        if (entry.deprecated) {
          const repl = entry.name === 'web-acl-id' ? ALB_PREFIX + 'waf-acl-id' : undefined;
          ctx.report('alb-deprecated-annotation', a.keyNode, `${a.key} is deprecated: ${entry.deprecated}`, {
            tags: ['deprecated'],
            fixes: repl ? renameKeyFix(ctx, a, repl) : undefined,
          });
        }
        if (obj.kind === 'Service' && entry.scope === 'Ingress') {
          ctx.report(
            'alb-annotation-scope',
            a.keyNode,
            `${a.key} is read from the Ingress only; on a Service it has no effect (move it to the Ingress)`,
          );
        }
        checkValue(ctx, a, entry, a.key);
        if (obj.kind === 'Service' && entry.name === 'target-type' && a.text === 'instance') checkServiceInstanceTarget(ctx, obj, a);
      } else if (obj.kind === 'Service' && a.key.startsWith(SVC_PREFIX)) {
        // The legacy in-tree cloud provider reads some of these names too (with other values for Classic
        // Load Balancers), so Service-side value problems are warnings.
        const entry = SVC_CATALOG.get(a.key.slice(SVC_PREFIX.length));
        if (entry) checkValue(ctx, a, entry, a.key, 'warning');
      }
    }
  },
};

/** A Service without a NodePort: ClusterIP, spelt out or by default (templates are not judged). */
export function serviceIsClusterIP(svc: K8sObject): boolean {
  return serviceType(svc) === 'ClusterIP';
}

function checkServiceInstanceTarget(ctx: CheckContext, svc: K8sObject, a: AnnotationPair): void {
  if (!serviceIsClusterIP(svc) || !svc.node(['spec'])) return;
  ctx.report(
    'alb-instance-target-clusterip',
    a.valueNode ?? a.keyNode,
    `target-type "instance" sends ALB traffic to a NodePort, but Service ${svc.name ?? ''} is ClusterIP (it has no NodePort): set spec.type: NodePort, or use target-type "ip"`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The use-annotation contract and ssl-redirect (same document).

export function isUseAnnotationTypo(portName: string): boolean {
  if (portName === USE_ANNOTATION) return false;
  const norm = portName.toLowerCase().replace(/[-_\s.]/g, '');
  if (norm === 'useannotation' || norm === 'useannotations') return true;
  return editDistance(portName.toLowerCase(), USE_ANNOTATION) <= 2;
}

export const useAnnotationCheck: Check = {
  id: 'alb.useAnnotation',
  scope: 'local',
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    const obj = ctx.obj;
    const backends = ingressBackends(obj);
    const alb = albPairs(obj);
    const keys = new Set(alb.map((a) => a.key));
    const moreAnnotations = annotationsMayHoldMore(obj);
    for (const b of backends) {
      if (b.portName === USE_ANNOTATION) {
        if (!b.name || isUnknownText(b.name)) continue;
        if (!keys.has(`${ALB_PREFIX}actions.${b.name}`) && !moreAnnotations) {
          ctx.report(
            'alb-use-annotation-missing-action',
            b.portNode ?? b.nameNode,
            `Backend "${b.name}" uses ${b.legacy ? 'servicePort' : 'port.name'}: use-annotation, but this Ingress has no ${ALB_PREFIX}actions.${b.name} annotation: the controller answers these requests with a 503`,
          );
        }
      } else if (b.portName && isUseAnnotationTypo(b.portName)) {
        const edit = replaceScalarEdit(obj.chunk.text, b.portNode, USE_ANNOTATION);
        ctx.report(
          'alb-use-annotation-typo',
          b.portNode,
          `Port name "${b.portName}" looks like a typo of the magic value "use-annotation": the controller will look for a Service port named "${b.portName}" instead of the ${ALB_PREFIX}actions.${b.name ?? '<name>'} annotation`,
          { fixes: edit ? [{ title: 'Change to use-annotation', edits: [edit], preferred: true }] : undefined },
        );
      }
    }
    // A template may add backends (or name them by action): then "no backend uses it" is not known.
    if (backendsMayHoldMore(obj)) return;
    const actionUsers = new Set(backends.filter((b) => b.portName === USE_ANNOTATION && b.name).map((b) => b.name!));
    const anyUsers = new Set(backends.filter((b) => b.name).map((b) => b.name!));
    for (const a of alb) {
      const suffix = a.key.slice(ALB_PREFIX.length);
      const m = /^(actions|conditions|transforms)\.(.+)$/.exec(suffix);
      if (!m || isUnknownText(m[2])) continue;
      const [, kind, name] = m;
      if (kind === 'actions' && !actionUsers.has(name)) {
        const plain = backends.find((b) => b.name === name);
        const hint = plain
          ? `: backend "${name}" uses a real port${plain.portNumber !== undefined ? ` (${plain.portNumber})` : plain.portName ? ` ("${plain.portName}")` : ''}; set its port.name to use-annotation to use this action`
          : closestHint(name, actionUsers);
        ctx.report(
          'alb-unused-action',
          a.keyNode,
          `No rule backend uses action "${name}" (a backend with service.name: ${name} and port.name: use-annotation)${hint}`,
          { tags: ['unnecessary'] },
        );
      } else if (kind !== 'actions' && !anyUsers.has(name)) {
        ctx.report(
          'alb-unused-action',
          a.keyNode,
          `No rule backend has service.name "${name}", so ${kind}.${name} applies to nothing${closestHint(name, anyUsers)}`,
          { tags: ['unnecessary'] },
        );
      }
    }
    // target-control-port.<service>.<port> is looked up with each backend's Service name and port as written.
    const targets = new Set(
      backends.filter((b) => b.name && b.portName !== USE_ANNOTATION).map((b) => `${b.name}.${b.portNumber ?? b.portName}`),
    );
    for (const a of alb) {
      const m = /^target-control-port\.(.+)$/.exec(a.key.slice(ALB_PREFIX.length));
      if (!m || isUnknownText(m[1]) || targets.has(m[1])) continue;
      if (!findAlbAnnotation(a.key.slice(ALB_PREFIX.length))) continue; // malformed: reported as a name problem
      ctx.report(
        'alb-unused-action',
        a.keyNode,
        `No rule backend of this Ingress is Service port "${m[1]}" (written <service>.<port> as in the backend), so this target-control-port applies to nothing${closestHint(m[1], targets)}`,
        { tags: ['unnecessary'] },
      );
    }
  },
};

export function closestHint(name: string, names: Set<string>): string {
  const c = closest(name, names, 1)[0];
  return c ? ` — did you mean "${c}"?` : '';
}

export const LOCAL_ANNOTATION_CHECKS: Check[] = [annotationNameValueCheck, useAnnotationCheck];

/**
 * Editor features for Gateway API, VPC Lattice and Load Balancer Controller Gateway objects: completion and
 * go to definition for every reference (gatewayClassName, parentRefs name/sectionName/port, backendRefs
 * name/port, policy targetRefs, parametersRef/extensionRef/targetReference), hover for the traffic split of a
 * rule and for `application-networking.k8s.aws/*` annotations (with completion of their names and values),
 * and traffic-split code lenses on weighted rules.
 */
import {
  CompletionItemKind,
  MarkupKind,
  TextEdit,
  type CodeLens,
  type CompletionItem,
  type Hover,
  type Location,
} from 'vscode-languageserver-types';
import type { CursorContext } from '../features/cursor';
import type { FileContext } from '../module';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { sameNamespace } from '@shared/manifest/k8sObject';
import { entryMarkdown } from '../catalog/types';
import { nodeAt, nodeRange, type NodePath } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import { servicePorts } from '../model/service';
import { APPLY_EDIT_COMMAND, percentages, splitActions, splitText } from '../features/trafficSplit';
import { gatewayInfo, isGatewayApi, isRoute, routeInfo, readStr, GW_GROUP, type RouteRule } from './model';
import { allGatewayClasses, allGateways, gatewaysNamed, LATTICE_CLASS_NAME, nearest } from './workspace';
import { LATTICE_GROUP, LBC_GROUP } from './checks';
import { LATTICE_ANNOTATIONS, LATTICE_KINDS, LATTICE_PREFIX, latticeAnnotation } from './latticeCatalog';
import { POLICY_TARGETS } from './lattice';
import { setWeightEdit } from './edits';

/** The most backendRefs a route rule may have (Gateway API v1.5.0 CRD maxItems): lenses are offered up to this. */
export const MAX_BACKEND_REFS = 16;

// ---------------------------------------------------------------------------------------------- references

/** A reference position under the cursor and the objects it can name. */
interface RefSite {
  kind: string;
  candidates: K8sObject[];
  /** For sectionName: listener names of the named Gateways. */ listenersOf?: K8sObject[];
  ports?: K8sObject[];
  label: string;
}

function at(path: NodePath, ...tail: (string | number | '#')[]): boolean {
  if (path.length < tail.length) return false;
  const p = path.slice(path.length - tail.length);
  return tail.every((t, i) => (t === '#' ? typeof p[i] === 'number' : p[i] === t));
}

function inNs(objs: K8sObject[], ns: string | undefined): K8sObject[] {
  return objs.filter((o) => sameNamespace(o.namespace, ns));
}

function byKindGroup(ctx: CursorContext, kind: string, group?: string): K8sObject[] {
  return ctx.index.byKind(kind).filter((o) => (group === undefined || o.group === group) && o.name && !isUnknownText(o.name));
}

/** What the value under the cursor references, if it is one of the reference fields this module knows. */
function refSite(ctx: CursorContext): RefSite | undefined {
  const obj = ctx.obj;
  if (!obj || ctx.onKey) return undefined;
  const p = ctx.path;
  const ns = obj.namespace;
  if (isGatewayApi(obj) && obj.kind === 'Gateway' && p.length === 2 && p[0] === 'spec' && p[1] === 'gatewayClassName') {
    return { kind: 'GatewayClass', candidates: allGatewayClasses(ctx.index), label: 'GatewayClass' };
  }
  if (isRoute(obj) && p[0] === 'spec') {
    if (at(p, 'parentRefs', '#', 'name') && p.length === 4) {
      const pr = nodeAt(obj.root, p.slice(0, -1), obj.doc);
      const nsv = readStr(pr, 'namespace', obj).value ?? ns;
      return { kind: 'Gateway', candidates: inNs(allGateways(ctx.index), nsv), label: 'Gateway' };
    }
    if ((at(p, 'parentRefs', '#', 'sectionName') || at(p, 'parentRefs', '#', 'port')) && p.length === 4) {
      const pr = nodeAt(obj.root, p.slice(0, -1), obj.doc);
      const name = readStr(pr, 'name', obj).value;
      const nsv = readStr(pr, 'namespace', obj).value ?? ns;
      const gws = name ? nearest(gatewaysNamed(ctx.index, name, nsv), obj.uri) : [];
      return { kind: 'Listener', candidates: [], listenersOf: gws, label: 'listener' };
    }
    if (at(p, 'backendRefs', '#', 'name') || at(p, 'backendRefs', '#', 'port')) {
      const br = nodeAt(obj.root, p.slice(0, -1), obj.doc);
      const kind = readStr(br, 'kind', obj).value ?? 'Service';
      const nsv = readStr(br, 'namespace', obj).value ?? ns;
      if (p[p.length - 1] === 'port') {
        const name = readStr(br, 'name', obj).value;
        return {
          kind: 'Port',
          candidates: [],
          ports:
            name && kind === 'Service'
              ? nearest(
                  inNs(byKindGroup(ctx, 'Service', ''), nsv).filter((s) => s.name === name),
                  obj.uri,
                )
              : [],
          label: 'Service port',
        };
      }
      return { kind, candidates: inNs(byKindGroup(ctx, kind), nsv), label: kind };
    }
    if (at(p, 'filters', '#', 'extensionRef', 'name')) {
      const ref = nodeAt(obj.root, p.slice(0, -1), obj.doc);
      const kind = readStr(ref, 'kind', obj).value;
      if (kind) return { kind, candidates: inNs(byKindGroup(ctx, kind), ns), label: kind };
    }
  }
  if (
    obj.group === LATTICE_GROUP &&
    POLICY_TARGETS[obj.kind ?? ''] &&
    p.length === 3 &&
    p[0] === 'spec' &&
    p[1] === 'targetRef' &&
    p[2] === 'name'
  ) {
    const kind = readStr(obj.node(['spec', 'targetRef']), 'kind', obj).value;
    if (kind) return { kind, candidates: inNs(byKindGroup(ctx, kind), ns), label: kind };
  }
  if (
    isGatewayApi(obj) &&
    ((obj.kind === 'Gateway' && at(p, 'infrastructure', 'parametersRef', 'name')) ||
      (obj.kind === 'GatewayClass' && at(p, 'spec', 'parametersRef', 'name')))
  ) {
    const ref = nodeAt(obj.root, p.slice(0, -1), obj.doc);
    const kind = readStr(ref, 'kind', obj).value;
    const nsv = obj.kind === 'GatewayClass' ? readStr(ref, 'namespace', obj).value : ns;
    if (kind) return { kind, candidates: inNs(byKindGroup(ctx, kind, LBC_GROUP), nsv), label: kind };
  }
  if (obj.group === LBC_GROUP && obj.kind === 'TargetGroupConfiguration' && at(p, 'spec', 'targetReference', 'name') && p.length === 3) {
    return { kind: 'Service', candidates: inNs(byKindGroup(ctx, 'Service', ''), ns), label: 'Service' };
  }
  if (obj.group === LBC_GROUP && obj.kind === 'LoadBalancerConfiguration' && at(p, 'spec', 'defaultTargetGroupConfiguration', 'name')) {
    return {
      kind: 'TargetGroupConfiguration',
      candidates: inNs(byKindGroup(ctx, 'TargetGroupConfiguration', LBC_GROUP), ns),
      label: 'TargetGroupConfiguration',
    };
  }
  return undefined;
}

function locationOf(o: K8sObject, path: NodePath = ['metadata', 'name']): Location {
  const r = nodeRange(o.node(path)) ?? o.documentOffsets();
  return { uri: o.uri, range: o.chunk.toRange(r[0], r[1]) };
}

function item(
  ctx: CursorContext,
  label: string,
  detail: string,
  kind: CompletionItemKind = CompletionItemKind.Reference,
  doc?: string,
): CompletionItem {
  return {
    label,
    kind,
    detail,
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
    textEdit: TextEdit.replace(ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]), label),
  };
}

function completeRefs(ctx: CursorContext): CompletionItem[] | undefined {
  const site = refSite(ctx);
  if (!site) return undefined;
  if (site.listenersOf) {
    const out: CompletionItem[] = [];
    const seen = new Set<string>();
    const wantPort = ctx.path[ctx.path.length - 1] === 'port';
    for (const gw of site.listenersOf)
      for (const l of gatewayInfo(gw).listeners) {
        const v = wantPort ? (l.port.value !== undefined ? String(l.port.value) : undefined) : l.name.value;
        if (!v || seen.has(v)) continue;
        seen.add(v);
        out.push(
          item(
            ctx,
            v,
            `listener ${l.name.value ?? ''} · ${l.protocol.value ?? '?'} ${l.port.value ?? '?'}${l.hostname.value ? ` · ${l.hostname.value}` : ''} (Gateway ${gw.name})`,
            CompletionItemKind.EnumMember,
          ),
        );
      }
    return out;
  }
  if (site.ports) {
    const out: CompletionItem[] = [];
    for (const svc of site.ports)
      for (const p of servicePorts(svc) ?? [])
        if (p.port !== undefined)
          out.push(item(ctx, String(p.port), `port ${p.name ? `${p.name} ` : ''}of Service ${svc.name}`, CompletionItemKind.EnumMember));
    return out;
  }
  const names = new Map<string, K8sObject>();
  for (const o of site.candidates) if (o.name && !names.has(o.name)) names.set(o.name, o);
  const out = [...names].map(([n, o]) =>
    item(ctx, n, `${site.label}${o.namespace ? ` in ${o.namespace}` : ''} · ${o.uri.slice(o.uri.lastIndexOf('/') + 1)}`),
  );
  if (site.kind === 'GatewayClass' && !names.has(LATTICE_CLASS_NAME))
    out.push(
      item(
        ctx,
        LATTICE_CLASS_NAME,
        "the VPC Lattice controller's documented GatewayClass (controllerName application-networking.k8s.aws/gateway-api-controller)",
        CompletionItemKind.Value,
      ),
    );
  return out;
}

function definitionRefs(ctx: CursorContext): Location[] | undefined {
  const site = refSite(ctx);
  const value = ctx.node ? String((ctx.node as { value?: unknown }).value ?? '') : '';
  if (!site || !value) return undefined;
  if (site.listenersOf) {
    const wantPort = ctx.path[ctx.path.length - 1] === 'port';
    const out: Location[] = [];
    for (const gw of site.listenersOf) {
      for (const l of gatewayInfo(gw).listeners) {
        if (wantPort ? String(l.port.value) === value : l.name.value === value) {
          const r = nodeRange(wantPort ? l.port.node : l.name.node);
          if (r) out.push({ uri: gw.uri, range: gw.chunk.toRange(r[0], r[1]) });
        }
      }
    }
    return out.length ? out : undefined;
  }
  if (site.ports) {
    const out: Location[] = [];
    for (const svc of site.ports) {
      const ports = servicePorts(svc) ?? [];
      ports.forEach((p, i) => {
        if (String(p.port) === value) out.push(locationOf(svc, ['spec', 'ports', i, 'port']));
      });
    }
    return out.length ? out : undefined;
  }
  const targets = nearest(
    site.candidates.filter((o) => o.name === value),
    ctx.file.uri,
  );
  return targets.length ? targets.map((o) => locationOf(o)) : undefined;
}

// -------------------------------------------------------------------------------------------- annotations

function annotationKey(ctx: CursorContext): string | undefined {
  const p = ctx.path;
  return p.length === 3 && p[0] === 'metadata' && p[1] === 'annotations' && typeof p[2] === 'string' ? p[2] : undefined;
}

function latticeObject(obj: K8sObject | undefined): boolean {
  return !!obj && LATTICE_KINDS.has(obj.kind ?? '') && (obj.group === GW_GROUP || obj.group === LATTICE_GROUP);
}

function completeAnnotations(ctx: CursorContext): CompletionItem[] | undefined {
  const key = annotationKey(ctx);
  if (key === undefined || !latticeObject(ctx.obj)) return undefined;
  const kind = ctx.obj!.kind!;
  if (ctx.onKey) {
    if (!(LATTICE_PREFIX.startsWith(key) || key.startsWith(LATTICE_PREFIX) || key.startsWith('application'))) return undefined;
    return LATTICE_ANNOTATIONS.entries
      .filter((e) => !e.output && e.kinds.includes(kind))
      .map((e) => {
        const name = LATTICE_PREFIX + (e.namePattern ? 'rule-0-priority' : e.name);
        return {
          ...item(ctx, name, e.type, CompletionItemKind.Property, entryMarkdown(e, LATTICE_PREFIX + e.name)),
          textEdit: TextEdit.replace(ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]), `${name}: `),
        };
      });
  }
  if (!key.startsWith(LATTICE_PREFIX)) return undefined;
  const e = latticeAnnotation(key.slice(LATTICE_PREFIX.length));
  if (!e?.values) return undefined;
  return e.values.map((v) => item(ctx, v.value, e.name, CompletionItemKind.Value));
}

function hoverAnnotation(ctx: CursorContext): Hover | undefined {
  const key = annotationKey(ctx);
  if (!key || !key.startsWith(LATTICE_PREFIX) || !ctx.obj || !(latticeObject(ctx.obj) || ctx.obj.kind === 'Namespace')) return undefined;
  const e = latticeAnnotation(key.slice(LATTICE_PREFIX.length));
  if (!e) return undefined;
  const extra = e.output ? '\n\n_Written by the controller; not for authoring._' : `\n\nRead on: ${e.kinds.join(', ')}`;
  return { contents: { kind: MarkupKind.Markdown, value: entryMarkdown(e, key) + extra } };
}

// ------------------------------------------------------------------------------------------- traffic split

/** Display label of a backendRef: its name (with the namespace when it points elsewhere) and kind when not a Service. */
function backendLabel(obj: K8sObject, rule: RouteRule, i: number): string {
  const b = rule.backendRefs[i];
  const name = b.name.value ?? `backend ${i + 1}`;
  const ns = b.namespace.value && b.namespace.value !== obj.namespace ? `${b.namespace.value}/` : '';
  return `${ns}${name}${b.kind !== 'Service' ? ` (${b.kind})` : ''}`;
}

/** The rule's weights (default 1 when absent), or undefined when one is unknown. */
function ruleWeights(rule: RouteRule): number[] | undefined {
  const ws: number[] = [];
  for (const b of rule.backendRefs) {
    if (b.weight.unknown) return undefined;
    if (b.weight.node === undefined) ws.push(1);
    else if (b.weight.value === undefined || !Number.isInteger(b.weight.value)) return undefined;
    else ws.push(b.weight.value);
  }
  return ws;
}

function hoverSplit(ctx: CursorContext): Hover | undefined {
  const obj = ctx.obj;
  if (!obj || !isRoute(obj)) return undefined;
  const p = ctx.path;
  const ri = p.indexOf('rules');
  if (ri !== 1 || typeof p[2] !== 'number' || p[3] !== 'backendRefs') return undefined;
  const onWeight = p[p.length - 1] === 'weight' || (p.length === 4 && ctx.onKey);
  if (!onWeight) return undefined;
  const rule = routeInfo(obj)?.rules[p[2] as number];
  if (!rule || rule.backendRefs.length === 0) return undefined;
  const ws = ruleWeights(rule);
  if (!ws) return undefined;
  const labels = rule.backendRefs.map((_, i) => backendLabel(obj, rule, i));
  const pct = percentages(ws);
  const lines = [
    `**Traffic split of rule ${rule.index + 1}**`,
    '',
    '| backend | weight | share |',
    '|---|---:|---:|',
    ...labels.map((l, i) => `| ${l} | ${ws[i]}${rule.backendRefs[i].weight.node === undefined ? ' (default)' : ''} | ${pct[i]}% |`),
    '',
    "Weights are relative: each backend gets weight ÷ sum of the rule's weights. Weight 0 sends no traffic.",
  ];
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
}

/**
 * Code lenses on each rule with two or more backendRefs: the split, and shifts (±10%, swap, all to one) whose
 * command applies edits that change only the weights (or add a `weight:` entry). At most 3 + n lenses of at
 * most n edits each per rule, n ≤ MAX_BACKEND_REFS.
 */
export function weightLenses(ctx: FileContext, obj: K8sObject): CodeLens[] {
  if (!isRoute(obj)) return [];
  const route = routeInfo(obj);
  if (!route) return [];
  const out: CodeLens[] = [];
  for (const rule of route.rules) {
    if (rule.backendRefs.length < 2 || rule.backendRefsOpen) continue;
    const ws = ruleWeights(rule);
    if (!ws) continue;
    const keyNode = (rule.node as unknown as { items?: { key: { value?: unknown } }[] }).items?.find(
      (x) => x.key?.value === 'backendRefs',
    )?.key;
    const kr = nodeRange(keyNode) ?? nodeRange(rule.backendRefsNode);
    if (!kr) continue;
    const range = obj.chunk.toRange(kr[0], kr[1]);
    const labels = rule.backendRefs.map((_, i) => backendLabel(obj, rule, i));
    out.push({ range, command: { title: `Traffic: ${splitText(labels, ws)}`, command: '' } });
    for (const a of splitActions(labels, ws, MAX_BACKEND_REFS)) {
      const edits: TextEdit[] = [];
      let ok = true;
      for (const [i, b] of rule.backendRefs.entries()) {
        if (a.weights[i] === ws[i] && b.weight.node !== undefined) continue;
        if (a.weights[i] === 1 && b.weight.node === undefined) continue;
        const e = setWeightEdit(obj, b, a.weights[i]);
        if (!e) {
          ok = false;
          break;
        }
        edits.push(TextEdit.replace(obj.chunk.toRange(e.start, e.end), e.newText));
      }
      if (ok && edits.length)
        out.push({ range, command: { title: a.title, command: APPLY_EDIT_COMMAND, arguments: [ctx.file.uri, edits] } });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ exports

export function completeGateway(ctx: CursorContext): CompletionItem[] | undefined {
  return completeRefs(ctx) ?? completeAnnotations(ctx);
}

export function hoverGateway(ctx: CursorContext): Hover | undefined {
  return hoverSplit(ctx) ?? hoverAnnotation(ctx);
}

export function definitionGateway(ctx: CursorContext): Location[] | undefined {
  return definitionRefs(ctx);
}

/** Core cursor features: apiVersion/kind completion, apiVersion hover (lifecycle at the target version), Ingress backend → Service definition. */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Location } from 'vscode-languageserver-types';
import type { CursorContext } from '../features/cursor';
import { CURRENT_API_VERSIONS, findRemovedApi, replacementAt, DEPRECATION_GUIDE } from '@shared/apiVersions';
import { compareVersions } from '../settings';
import { nodeRange, scalarString } from '@shared/manifest/yamlNodes';
import { sameNamespace } from '@shared/manifest/k8sObject';
import { identitiesOf, namespacesOf } from '../kustomize/model';

function atRootValue(ctx: CursorContext, key: string): boolean {
  return ctx.obj !== undefined && !ctx.onKey && ctx.path.length === 1 && ctx.path[0] === key;
}

function completeApiVersion(ctx: CursorContext): CompletionItem[] {
  const kind = ctx.obj?.kind;
  const preferred = kind ? CURRENT_API_VERSIONS[kind] : undefined;
  const all = new Set<string>(Object.values(CURRENT_API_VERSIONS));
  const items: CompletionItem[] = [];
  for (const v of all) {
    items.push({
      label: v,
      kind: CompletionItemKind.Value,
      detail: v === preferred ? `current apiVersion of ${kind}` : undefined,
      sortText: v === preferred ? '0' : '1' + v,
      preselect: v === preferred,
      textEdit: { range: ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]), newText: v },
    });
  }
  return items;
}

function completeKind(ctx: CursorContext): CompletionItem[] {
  const apiVersion = ctx.obj?.apiVersion;
  return Object.entries(CURRENT_API_VERSIONS).map(([kind, v]) => ({
    label: kind,
    kind: CompletionItemKind.Class,
    detail: v,
    sortText: (apiVersion === v ? '0' : '1') + kind,
    textEdit: { range: ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]), newText: kind },
  }));
}

function apiVersionHover(ctx: CursorContext): Hover | undefined {
  const obj = ctx.obj!;
  const v = obj.apiVersion;
  if (!v || !ctx.node) return undefined;
  const r = nodeRange(ctx.node)!;
  const kind = obj.kind;
  const removed = kind ? findRemovedApi(v, kind) : undefined;
  const target = ctx.settings.kubernetesVersion;
  const lines = [`**${kind ?? 'object'} · ${v}**`, ''];
  if (removed) {
    const state = removed.neverServed
      ? `never served for ${kind}`
      : removed.removedIn === undefined
        ? `deprecated since ${removed.deprecatedIn} (no removal scheduled)`
        : compareVersions(target, removed.removedIn) >= 0
          ? `**removed** in Kubernetes ${removed.removedIn}`
          : `deprecated since ${removed.deprecatedIn}, removed in ${removed.removedIn}`;
    lines.push(`This apiVersion is ${state} (your target: ${target}).`, '');
    const repl = replacementAt(removed, target);
    lines.push(
      repl
        ? `Move to \`${repl.apiVersion}\`${repl.renames?.length ? ` (renaming ${repl.renames.map((rn) => `\`${rn.from}\` to \`${rn.to}\``).join(', ')})` : ''}.`
        : `There is no replacement at Kubernetes ${target}.`,
    );
    if (removed.notes) lines.push('', removed.notes);
    lines.push('', `[Deprecation guide](${DEPRECATION_GUIDE})`);
  } else if (kind && CURRENT_API_VERSIONS[kind] === v) {
    lines.push(`The current apiVersion for ${kind}.`);
  } else if (kind && CURRENT_API_VERSIONS[kind]) {
    lines.push(`The usual apiVersion for ${kind} is \`${CURRENT_API_VERSIONS[kind]}\`.`);
  } else {
    return undefined;
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: ctx.chunk.toRange(r[0], r[1]) };
}

/** Ingress backend `service.name` (v1) or `serviceName` (v1beta1) → the Service's definition. */
export function ingressBackendDefinition(ctx: CursorContext): Location[] | undefined {
  const obj = ctx.obj;
  if (!obj || obj.kind !== 'Ingress' || ctx.onKey) return undefined;
  const p = ctx.path;
  const last = p[p.length - 1];
  const isV1 = last === 'name' && p[p.length - 2] === 'service' && (p.includes('backend') || p[p.length - 3] === 'defaultBackend');
  const isBeta = last === 'serviceName';
  if (!isV1 && !isBeta) return undefined;
  const name = scalarString(ctx.node);
  if (!name) return undefined;
  // By the Service's own name, or the one a kustomization build gives it (namePrefix, nameSuffix, namespace).
  const nss = namespacesOf(ctx.index, obj);
  const svcs = ctx.index
    .byKind('Service')
    .filter((svc) => identitiesOf(ctx.index, svc).some((id) => id.name === name && nss.some((ns) => sameNamespace(id.namespace, ns))));
  return svcs.map((svc) => {
    const r = nodeRange(svc.node(['metadata', 'name'])) ?? svc.documentOffsets();
    return { uri: svc.uri, range: svc.chunk.toRange(r[0], r[1]) };
  });
}

export function completeCore(ctx: CursorContext): CompletionItem[] | undefined {
  if (atRootValue(ctx, 'apiVersion')) return completeApiVersion(ctx);
  if (atRootValue(ctx, 'kind')) return completeKind(ctx);
  return undefined;
}

export function hoverCore(ctx: CursorContext): Hover | undefined {
  if (atRootValue(ctx, 'apiVersion')) return apiVersionHover(ctx);
  return undefined;
}

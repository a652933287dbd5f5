/** Completion and hover for NetworkPolicy: fields by schema path, labels and named ports from the workspace. */
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type Hover,
  type Location,
} from 'vscode-languageserver-types';
import type { CursorContext } from '../features/cursor';
import { schemaAt, type FieldSchema } from '../catalog/schema';
import { child, getPair, keyString, nodeAt, nodeRange, pairs, scalarString, type NodePath } from '@shared/manifest/yamlNodes';
import { sameNamespace } from '@shared/manifest/k8sObject';
import { namespacesIn, usedNamespacesIn, workloadsIn, NAMESPACE_NAME_LABEL, podLabelsPath, type Workload } from '../workspace/workloads';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { NETWORK_POLICY_SPEC } from './catalog';
import { explainNetworkPolicy } from './explain';
import { readSelector, matches } from './model';

function isPolicy(ctx: CursorContext): boolean {
  return ctx.obj?.kind === 'NetworkPolicy' && (ctx.obj.apiVersion === undefined || ctx.obj.apiVersion.startsWith('networking.k8s.io/'));
}

type LabelSource = { kind: 'pods'; labels: Record<string, string>[] } | { kind: 'namespaces'; labels: Record<string, string>[] };

/** Which labels a selector at this path chooses from: pod templates (in the right namespaces) or Namespaces. */
function labelSource(ctx: CursorContext, selectorPath: NodePath): LabelSource | undefined {
  const last = selectorPath[selectorPath.length - 1];
  const obj = ctx.obj!;
  if (last === 'namespaceSelector') {
    const labels = namespacesIn(ctx.index).map((n) => n.labels);
    const seen = new Set(namespacesIn(ctx.index).map((n) => n.name));
    for (const n of usedNamespacesIn(ctx.index))
      if (!seen.has(n)) {
        seen.add(n);
        labels.push({ [NAMESPACE_NAME_LABEL]: n });
      }
    for (const n of ['kube-system', 'default']) if (!seen.has(n)) labels.push({ [NAMESPACE_NAME_LABEL]: n });
    return { kind: 'namespaces', labels };
  }
  if (last !== 'podSelector') return undefined;
  const all = workloadsIn(ctx.index);
  // A peer podSelector next to a namespaceSelector reaches other namespaces.
  const peer = selectorPath.length > 1 ? nodeAt(obj.root, selectorPath.slice(0, -1), obj.doc) : undefined;
  const anyNs = selectorPath.length > 2 && getPair(peer, 'namespaceSelector') !== undefined;
  const pool = anyNs ? all : all.filter((w) => sameNamespace(w.namespace, obj.namespace));
  return { kind: 'pods', labels: pool.map((w) => w.podLabels) };
}

function countBy(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function item(
  ctx: CursorContext,
  label: string,
  kind: CompletionItemKind,
  detail: string | undefined,
  newText: string,
  doc?: string,
  sort?: string,
): CompletionItem {
  return {
    label,
    kind,
    detail,
    sortText: sort,
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
    textEdit: { range: ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]), newText },
    insertTextFormat: InsertTextFormat.PlainText,
  };
}

function labelKeyItems(ctx: CursorContext, src: LabelSource, suffix: string): CompletionItem[] {
  const counts = countBy(src.labels.flatMap((l) => Object.keys(l)));
  const what = src.kind === 'pods' ? 'workload' : 'namespace';
  return [...counts].map(([k, n]) =>
    item(
      ctx,
      k,
      CompletionItemKind.Property,
      `label on ${n} ${what}${n === 1 ? '' : 's'} in the workspace`,
      k + suffix,
      undefined,
      String(100000 - n).padStart(6, '0') + k,
    ),
  );
}

function labelValueItems(ctx: CursorContext, src: LabelSource, key: string): CompletionItem[] {
  const counts = countBy(src.labels.filter((l) => key in l).map((l) => l[key]));
  const what = src.kind === 'pods' ? 'workload' : 'namespace';
  return [...counts].map(([v, n]) =>
    item(
      ctx,
      v,
      CompletionItemKind.Value,
      `${key}=${v} on ${n} ${what}${n === 1 ? '' : 's'}`,
      /^[\w.\-/]+$/.test(v) && !/^(true|false|null|yes|no|on|off|~|[-+]?[\d.]+(e[-+]?\d+)?)$/i.test(v) ? v : JSON.stringify(v),
    ),
  );
}

/** Index of the selector segment ('podSelector'/'namespaceSelector') in a path, or -1. */
function selectorIndex(path: NodePath): number {
  for (let i = path.length - 1; i >= 0; i--) if (path[i] === 'podSelector' || path[i] === 'namespaceSelector') return i;
  return -1;
}

/** Named ports: the selected Pods' (ingress) or every workload of the namespace (egress). */
function namedPortItems(ctx: CursorContext): CompletionItem[] {
  const obj = ctx.obj!;
  const all = workloadsIn(ctx.index);
  let pool: Workload[];
  if (ctx.path[1] === 'ingress') {
    const sel = readSelector(obj.node(['spec', 'podSelector']), obj.doc);
    pool = all.filter((w) => sameNamespace(w.namespace, obj.namespace) && matches(sel, w.podLabels));
  } else pool = all.filter((w) => sameNamespace(w.namespace, obj.namespace));
  const seen = new Map<string, string>();
  for (const w of pool)
    for (const p of w.ports)
      if (p.name && !seen.has(p.name)) seen.set(p.name, `${p.protocol} ${p.containerPort ?? '?'} on ${w.kind} ${w.name ?? '?'}`);
  return [...seen].map(([n, d]) => item(ctx, n, CompletionItemKind.Value, `named port · ${d}`, n));
}

export function completeNetworkPolicy(ctx: CursorContext): CompletionItem[] | undefined {
  if (!isPolicy(ctx) || ctx.path[0] !== 'spec') return undefined;
  const path = ctx.path;
  const rel = path.slice(1);
  const si = selectorIndex(path);
  const obj = ctx.obj!;

  // A plain word typed as a new sequence item is reported as a key: treat list-of-scalars items as values.
  let onKey = ctx.onKey;
  let valuePath = path;
  if (
    onKey &&
    typeof path[path.length - 2] === 'number' &&
    (path[path.length - 3] === 'values' || path[path.length - 3] === 'policyTypes')
  ) {
    onKey = false;
    valuePath = path.slice(0, -1);
  }
  // Inside a flow list (`values: [a, |]`, `policyTypes: [|]`) the AST may have no item to place the cursor in.
  const flow = /(?:^|\s)(values|policyTypes):\s*\[(?:[^\]]*,)?\s*([^\],\s]*)$/.exec(ctx.linePrefix);
  if (flow) {
    const last = path[path.length - 1];
    let vp: NodePath | undefined;
    if (flow[1] === 'policyTypes') vp = ['spec', 'policyTypes', 0];
    else if (last === 'values') vp = [...path, 0];
    else if (typeof last === 'number' && path[path.length - 2] === 'values') vp = path;
    else if (typeof last === 'number' && path[path.length - 2] === 'matchExpressions') vp = [...path, 'values', 0];
    if (vp) {
      onKey = false;
      valuePath = vp;
      ctx = { ...ctx, word: flow[2], replace: [ctx.offset - flow[2].length, ctx.offset] };
    }
  }
  if (onKey) {
    const parent = path.slice(0, -1);
    if (si >= 0 && parent[parent.length - 1] === 'matchLabels' && si === parent.length - 2) {
      const src = labelSource(ctx, path.slice(0, si + 1));
      return src ? labelKeyItems(ctx, src, ': ') : undefined;
    }
    const schema = schemaAt(NETWORK_POLICY_SPEC, parent.slice(1));
    if (!schema?.properties) return undefined;
    const present = new Set(pairs(nodeAt(obj.root, parent, obj.doc)).map((p) => keyString(p)));
    // Nested blocks go on their own line, indented under the key (lists start their first item).
    const col = ctx.chunk.toPosition(ctx.replace[0]).character;
    return Object.entries(schema.properties)
      .filter(([k]) => !present.has(k) || k === ctx.word)
      .map(([k, s]) => {
        const text =
          s.type === 'array' ? `${k}:\n${' '.repeat(col + 2)}- ` : s.type === 'object' ? `${k}:\n${' '.repeat(col + 2)}` : `${k}: `;
        return { ...item(ctx, k, CompletionItemKind.Field, s.type, text, s.doc), insertTextMode: InsertTextMode.asIs };
      });
  }

  const last = valuePath[valuePath.length - 1];
  // matchLabels value
  if (si >= 0 && valuePath[si + 1] === 'matchLabels' && valuePath.length === si + 3 && typeof last === 'string') {
    const src = labelSource(ctx, valuePath.slice(0, si + 1));
    return src ? labelValueItems(ctx, src, last) : undefined;
  }
  // matchExpressions key / values
  if (si >= 0 && valuePath[si + 1] === 'matchExpressions') {
    const src = labelSource(ctx, valuePath.slice(0, si + 1));
    if (!src) return undefined;
    if (last === 'key' && valuePath.length === si + 4) return labelKeyItems(ctx, src, '');
    const vi = valuePath.indexOf('values', si);
    if (vi === si + 3) {
      const exprNode = nodeAt(obj.root, valuePath.slice(0, si + 3), obj.doc);
      const key = scalarString(child(exprNode, 'key', obj.doc));
      return key ? labelValueItems(ctx, src, key) : undefined;
    }
  }
  if (last === 'port' && (rel[0] === 'ingress' || rel[0] === 'egress')) {
    const items = namedPortItems(ctx);
    return items.length ? items : undefined;
  }
  const schema = schemaAt(NETWORK_POLICY_SPEC, valuePath.slice(1));
  if (schema?.enum) return schema.enum.map((e) => item(ctx, e.value, CompletionItemKind.EnumMember, undefined, e.value, e.doc));
  return undefined;
}

function schemaMarkdown(path: NodePath, s: FieldSchema): string {
  const title = 'spec' + path.map((x) => (typeof x === 'number' ? '[]' : '.' + x)).join('');
  const lines = [`**${title}** · \`${s.type === 'intOrString' ? 'integer or string' : s.type}\``, ''];
  if (s.doc) lines.push(s.doc);
  if (s.enum) lines.push('', `Allowed: ${s.enum.map((e) => '`' + e.value + '`').join(', ')}`);
  if (s.default) lines.push('', `Default: \`${s.default}\``);
  if (s.source) lines.push('', `[Kubernetes documentation](${s.source})`);
  return lines.join('\n');
}

export function hoverNetworkPolicy(ctx: CursorContext): Hover | undefined {
  if (!isPolicy(ctx) || !ctx.node) return undefined;
  const path = ctx.path;
  const r = nodeRange(ctx.node);
  const range = r ? ctx.chunk.toRange(r[0], r[1]) : undefined;
  const onKind = path.length === 1 && path[0] === 'kind';
  const onName = path.length === 2 && path[0] === 'metadata' && path[1] === 'name';
  if (onKind || onName) {
    const md = explainNetworkPolicy(ctx.obj!, ctx.index);
    return md ? { contents: { kind: MarkupKind.Markdown, value: md }, range } : undefined;
  }
  if (path[0] !== 'spec') return undefined;
  const rel = path.slice(1);
  // Hovering an item of a list of scalars: describe the list's item schema.
  const si = selectorIndex(path);
  if (si >= 0 && path[si + 1] === 'matchLabels' && path.length === si + 3) {
    const obj = ctx.obj!;
    const src = labelSource(ctx, path.slice(0, si + 1));
    const key = String(path[si + 2]);
    const value = scalarString(nodeAt(obj.root, path, obj.doc));
    const n = src ? src.labels.filter((l) => (value !== undefined ? l[key] === value : key in l)).length : 0;
    const what = path[si] === 'namespaceSelector' ? 'Namespace' : 'workload';
    return {
      contents: {
        kind: MarkupKind.Markdown,
        value: `**${key}${value !== undefined ? '=' + value : ''}** · label requirement\n\n${n} ${what}${n === 1 ? '' : 's'} in the workspace ${n === 1 ? 'has' : 'have'} this label${value !== undefined ? ' value' : ''}.`,
      },
      range,
    };
  }
  const s = schemaAt(NETWORK_POLICY_SPEC, rel);
  if (!s) return undefined;
  if (!ctx.onKey && s.enum && typeof ctx.node === 'object') {
    const v = scalarString(ctx.node);
    const e = s.enum.find((x) => x.value === v);
    if (e?.doc)
      return { contents: { kind: MarkupKind.Markdown, value: `**${e.value}**\n\n${e.doc}\n\n---\n\n${schemaMarkdown(rel, s)}` }, range };
  }
  return { contents: { kind: MarkupKind.Markdown, value: schemaMarkdown(rel, s) }, range };
}

function locationOf(o: K8sObject, path: NodePath): Location {
  const r = nodeRange(o.node(path)) ?? nodeRange(o.node(['metadata', 'name'])) ?? o.documentOffsets();
  return { uri: o.uri, range: o.chunk.toRange(r[0], r[1]) };
}

/** Go to definition on a selector: the workloads (their Pod template labels) or Namespaces it matches. */
export function definitionNetworkPolicy(ctx: CursorContext): Location[] | undefined {
  if (!isPolicy(ctx)) return undefined;
  const si = selectorIndex(ctx.path);
  if (si < 0) return undefined;
  const obj = ctx.obj!;
  const selPath = ctx.path.slice(0, si + 1);
  const sel = readSelector(nodeAt(obj.root, selPath, obj.doc), obj.doc);
  if (ctx.path[si] === 'namespaceSelector') {
    return namespacesIn(ctx.index)
      .filter((n) => n.obj && matches(sel, n.labels))
      .slice(0, 100)
      .map((n) => locationOf(n.obj!, ['metadata', 'name']));
  }
  const all = workloadsIn(ctx.index);
  const peer = selPath.length > 2 ? nodeAt(obj.root, selPath.slice(0, -1), obj.doc) : undefined;
  const anyNs = selPath.length > 2 && getPair(peer, 'namespaceSelector') !== undefined;
  return all
    .filter((w) => (anyNs || sameNamespace(w.namespace, obj.namespace)) && matches(sel, w.podLabels))
    .slice(0, 100)
    .map((w) => locationOf(w.obj, podLabelsPath(w.obj)!));
}

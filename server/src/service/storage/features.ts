/**
 * Completion, hover and definition for storage objects: parameter keys and values of EBS StorageClasses,
 * VolumeAttributesClasses and VolumeSnapshotClasses (from the same catalog as the checks), the provisioner
 * names, allowedTopologies keys, and a claim's storageClassName/volumeAttributesClassName → its class.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Hover,
  type Location,
} from 'vscode-languageserver-types';
import type { CursorContext } from '../features/cursor';
import { entryMarkdown, type Catalog } from '../catalog/types';
import { keyString, nodeRange, pairs, scalarString } from '@shared/manifest/yamlNodes';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { isUnknownText } from '@shared/manifest/templates';
import {
  IN_TREE_EBS,
  PROVISIONERS,
  SNAPSHOT_CLASS_PARAMS,
  STORAGE_CLASS_PARAMS,
  TOPOLOGY_KEYS,
  VAC_PARAMS,
  findParam,
  type EbsParam,
} from './catalog';
import { driverField, ebsDriverOf, isStorageClass, isStorageObject, isVolumeAttributesClass, isVolumeSnapshotClass } from './model';

function catalogOf(obj: K8sObject): Catalog<EbsParam> | undefined {
  if (isStorageClass(obj)) return STORAGE_CLASS_PARAMS;
  if (isVolumeAttributesClass(obj)) return VAC_PARAMS;
  if (isVolumeSnapshotClass(obj)) return SNAPSHOT_CLASS_PARAMS;
  return undefined;
}

/** An EBS class, or one whose driver is not written yet. */
function ebsOrOpen(obj: K8sObject): boolean {
  const d = ebsDriverOf(obj);
  return d.kind === 'ebs' || d.kind === 'auto' || d.value === undefined;
}

export function paramMarkdown(e: EbsParam, key = e.name, auto = false): string {
  const lines = [entryMarkdown({ ...e, source: undefined }, key)];
  if (e.volumeTypes) lines.push('', `Volume types: ${e.volumeTypes.join(', ')}.`);
  if (e.caseSensitive && !e.prefix) lines.push('', 'The key is case-sensitive.');
  if (auto && !e.autoMode) lines.push('', 'Not listed in the EKS Auto Mode StorageClass parameters.');
  if (e.source) lines.push('', `[Upstream documentation](${e.source})`);
  return lines.join('\n');
}

function valueSnippet(e: EbsParam): string {
  if (e.type === 'boolean') return '"${1|true,false|}"';
  if (e.type === 'enum' && e.values?.length) return `\${1|${e.values.map((v) => v.value).join(',')}|}`;
  if (e.type === 'integer') return `"\${1:${e.default ?? ''}}"`;
  if (e.snippet) return `"${e.snippet}"`;
  return '"$1"';
}

function range(ctx: CursorContext) {
  const text = ctx.chunk.text;
  const eol = text.indexOf('\n', ctx.offset) === -1 ? text.length : text.indexOf('\n', ctx.offset);
  return ctx.chunk.toRange(ctx.replace[0], Math.min(ctx.replace[1], eol));
}

function completeParamKeys(ctx: CursorContext, obj: K8sObject, cat: Catalog<EbsParam>): CompletionItem[] {
  const have = new Set(
    pairs(obj.node(['parameters']))
      .map((p) => keyString(p))
      .filter((k): k is string => !!k && k !== ctx.word),
  );
  const rest = ctx.chunk.text.slice(
    ctx.offset,
    ctx.chunk.text.indexOf('\n', ctx.offset) === -1 ? undefined : ctx.chunk.text.indexOf('\n', ctx.offset),
  );
  const withValue = !rest.includes(':');
  const auto = ebsDriverOf(obj).kind === 'auto';
  const items: CompletionItem[] = [];
  for (const e of cat.entries) {
    let key = e.name;
    if (e.prefix) {
      let n = 1;
      while (have.has(`${e.name}${n}`)) n++;
      key = `${e.name}${n}`;
    } else if (have.has(key) || [...have].some((h) => findParam(cat, h) === e)) continue;
    items.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: e.deprecated
        ? 'deprecated'
        : e.type === 'enum'
          ? e
              .values!.map((v) => v.value)
              .slice(0, 5)
              .join(' | ')
          : e.type,
      documentation: { kind: MarkupKind.Markdown, value: paramMarkdown(e, key, auto) },
      tags: e.deprecated ? [CompletionItemTag.Deprecated] : undefined,
      sortText: (e.deprecated ? '9' : auto && !e.autoMode ? '5' : '1') + key,
      filterText: key,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: range(ctx), newText: withValue ? `${key}: ${valueSnippet(e)}` : key },
      data: { module: 'storage' },
    });
  }
  return items;
}

function valueItems(ctx: CursorContext, values: { value: string; doc?: string }[], quote: boolean): CompletionItem[] {
  const src = ctx.node ? ctx.chunk.text.slice(nodeRange(ctx.node)?.[0] ?? ctx.offset, ctx.offset) : ctx.linePrefix.replace(/^.*:\s*/, '');
  const quoted = /^["']/.test(src);
  return values.map((v, i) => ({
    label: v.value,
    kind: CompletionItemKind.Value,
    detail: v.doc,
    sortText: String(i).padStart(3, '0'),
    documentation: v.doc ? { kind: MarkupKind.Markdown, value: v.doc } : undefined,
    filterText: v.value,
    textEdit: { range: range(ctx), newText: quote && !quoted ? `"${v.value}"` : v.value },
  }));
}

function inParameters(ctx: CursorContext): string | undefined {
  const p = ctx.path;
  return p.length === 2 && p[0] === 'parameters' && typeof p[1] === 'string' ? p[1] : undefined;
}

function claimRef(ctx: CursorContext): 'StorageClass' | 'VolumeAttributesClass' | undefined {
  const o = ctx.obj;
  if (!o) return undefined;
  const p = ctx.path;
  const last = p[p.length - 1];
  const inClaim =
    (o.kind === 'PersistentVolumeClaim' && p.length === 2 && p[0] === 'spec') ||
    (o.kind === 'StatefulSet' && p.length === 5 && p[1] === 'volumeClaimTemplates' && p[3] === 'spec');
  if (!inClaim) return undefined;
  return last === 'storageClassName' ? 'StorageClass' : last === 'volumeAttributesClassName' ? 'VolumeAttributesClass' : undefined;
}

function isTopologyKey(ctx: CursorContext): boolean {
  const p = ctx.path;
  return (
    !!ctx.obj &&
    isStorageClass(ctx.obj) &&
    p[0] === 'allowedTopologies' &&
    p[2] === 'matchLabelExpressions' &&
    p[p.length - 1] === 'key' &&
    p.length === 5
  );
}

export function completeStorage(ctx: CursorContext): CompletionItem[] | undefined {
  const obj = ctx.obj;
  if (!obj) return undefined;
  const ref = claimRef(ctx);
  if (ref && !ctx.onKey) {
    const names = [
      ...new Set(
        ctx.index
          .byKind(ref)
          .map((o) => o.name)
          .filter((n): n is string => !!n && !isUnknownText(n)),
      ),
    ];
    return valueItems(
      ctx,
      names.map((n) => ({ value: n, doc: `${ref} in this workspace` })),
      false,
    );
  }
  if (!isStorageObject(obj)) return undefined;
  const f = driverField(obj);
  if (f && ctx.path.length === 1 && ctx.path[0] === f && !ctx.onKey) {
    return valueItems(
      ctx,
      PROVISIONERS.filter((p) => isStorageClass(obj) || p.value !== IN_TREE_EBS),
      false,
    );
  }
  if (isTopologyKey(ctx) && !ctx.onKey) return valueItems(ctx, TOPOLOGY_KEYS, false);
  const cat = catalogOf(obj);
  const key = inParameters(ctx);
  if (!cat || key === undefined || !ebsOrOpen(obj)) return undefined;
  if (ctx.onKey) return completeParamKeys(ctx, obj, cat);
  const e = findParam(cat, key);
  if (!e) return undefined;
  if (e.type === 'boolean') return valueItems(ctx, [{ value: 'true' }, { value: 'false' }], true);
  if (e.values?.length) return valueItems(ctx, e.values, false);
  if (e.default !== undefined) return valueItems(ctx, [{ value: e.default, doc: 'default' }], true);
  return undefined;
}

function hoverAt(ctx: CursorContext, md: string): Hover {
  const r = nodeRange(ctx.node);
  return { contents: { kind: MarkupKind.Markdown, value: md }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

export function hoverStorage(ctx: CursorContext): Hover | undefined {
  const obj = ctx.obj;
  if (!obj || !ctx.node || !isStorageObject(obj)) return undefined;
  const f = driverField(obj);
  if (f && ctx.path.length === 1 && ctx.path[0] === f && !ctx.onKey) {
    const v = scalarString(ctx.node);
    const p = PROVISIONERS.find((x) => x.value === v);
    return p ? hoverAt(ctx, `**${p.value}**\n\n${p.doc}`) : undefined;
  }
  if (isTopologyKey(ctx) && !ctx.onKey) {
    const k = TOPOLOGY_KEYS.find((x) => x.value === scalarString(ctx.node));
    return k ? hoverAt(ctx, `**${k.value}**\n\n${k.doc}`) : undefined;
  }
  const cat = catalogOf(obj);
  const key = inParameters(ctx);
  if (!cat || key === undefined || !ebsOrOpen(obj)) return undefined;
  const e = findParam(cat, key);
  if (!e) return undefined;
  const auto = ebsDriverOf(obj).kind === 'auto';
  if (!ctx.onKey) {
    const v = scalarString(ctx.node);
    const known = e.values?.find((x) => x.value === v);
    if (known?.doc) return hoverAt(ctx, `**${key}: ${v}** — ${known.doc}\n\n---\n\n${paramMarkdown(e, key, auto)}`);
  }
  return hoverAt(ctx, paramMarkdown(e, key, auto));
}

export function storageDefinition(ctx: CursorContext): Location[] | undefined {
  const ref = claimRef(ctx);
  if (!ref || ctx.onKey) return undefined;
  const name = scalarString(ctx.node);
  if (!name) return undefined;
  const out = ctx.index
    .byKind(ref)
    .filter((o) => o.name === name && (ref === 'StorageClass' ? isStorageClass(o) : isVolumeAttributesClass(o)))
    .map((o) => {
      const r = nodeRange(o.node(['metadata', 'name'])) ?? o.documentOffsets();
      return { uri: o.uri, range: o.chunk.toRange(r[0], r[1]) };
    });
  return out.length ? out : undefined;
}

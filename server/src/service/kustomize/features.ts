/**
 * Kustomization editing: completion and hover of its fields (catalog.ts), completion of `resources` with the
 * workspace's files and kustomization folders beside it, hover on a path (what it resolves to), and go to
 * definition from each listed path to the file (or the folder's kustomization).
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Location } from 'vscode-languageserver-types';
import { withRealIndices, type CursorContext } from '../features/cursor';
import { schemaAt, type FieldSchema } from '../catalog/schema';
import { keyString, nodeRange, pairs, scalarString, type NodePath } from '@shared/manifest/yamlNodes';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { KUSTOMIZATION_FILE_NAMES } from '@shared/manifest/fileKind';
import { KUSTOMIZATION_SCHEMA, KUSTOMIZE_DOCS } from './catalog';
import { folderOf, isKustomization, kustomizationInFolder, readKustomization, type PathEntry } from './model';

const MODULE = 'kustomize';

function inKustomization(ctx: CursorContext): K8sObject | undefined {
  const o = ctx.obj;
  return o && o.fileRole === 'kustomization' ? o : undefined;
}

function fieldMarkdown(name: string, s: FieldSchema): string {
  const lines = [`**${name}**${s.deprecated ? ' (deprecated)' : ''}`, ''];
  if (s.deprecated) lines.push(`Deprecated: ${s.deprecated}`, '');
  if (s.doc) lines.push(s.doc, '');
  const facts = [`Type: \`${s.type === 'array' ? `list of ${s.items?.type ?? 'any'}` : s.type}\``];
  if (s.enum) facts.push(`Allowed: ${s.enum.map((e) => '`' + e.value + '`').join(', ')}`);
  lines.push(facts.join(' · '), '', `[Kustomize reference](${KUSTOMIZE_DOCS})`);
  return lines.join('\n');
}

/** A list item typed as `- partial` reads as a key of a new item: treat it as the item's value. */
function asListValue(path: NodePath, onKey: boolean): NodePath | undefined {
  if (!onKey && typeof path[path.length - 1] === 'number') return path;
  if (onKey && typeof path[path.length - 2] === 'number') return path.slice(0, -1);
  return undefined;
}

export function completeKustomization(ctx: CursorContext): CompletionItem[] | undefined {
  const obj = inKustomization(ctx);
  if (!obj || ctx.path.length === 0) return undefined;
  const path = withRealIndices(obj, ctx.path, ctx.offset);
  const range = ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]);
  const item = asListValue(path, ctx.onKey);
  if (item && item.length === 2 && (item[0] === 'resources' || item[0] === 'bases' || item[0] === 'components')) {
    return pathItems(ctx, obj, item[0] === 'components').map((p, i) => ({
      label: p.label,
      kind: p.folder ? CompletionItemKind.Folder : CompletionItemKind.File,
      detail: p.detail,
      sortText: String(i).padStart(4, '0'),
      textEdit: { range, newText: p.label },
      data: { module: MODULE },
    }));
  }
  if (!ctx.onKey) {
    const s = schemaAt(KUSTOMIZATION_SCHEMA, path);
    if (s?.enum)
      return s.enum.map((e, i) => ({
        label: e.value,
        kind: CompletionItemKind.Value,
        detail: e.doc,
        sortText: String(i),
        textEdit: { range, newText: e.value },
        data: { module: MODULE },
      }));
    if (s?.type === 'boolean')
      return ['true', 'false'].map((v) => ({
        label: v,
        kind: CompletionItemKind.Value,
        textEdit: { range, newText: v },
        data: { module: MODULE },
      }));
    return undefined;
  }
  const parentPath = path.slice(0, -1);
  const ps = schemaAt(KUSTOMIZATION_SCHEMA, parentPath);
  if (!ps || ps.type !== 'object' || !ps.properties) return undefined;
  const have = new Set(
    pairs(obj.node(parentPath))
      .map((p) => keyString(p))
      .filter((k): k is string => !!k),
  );
  return Object.entries(ps.properties)
    .filter(([k]) => !have.has(k) || k === ctx.word)
    .map(([k, s]) => ({
      label: k,
      kind: CompletionItemKind.Field,
      detail: s.type === 'array' ? 'list' : s.enum ? s.enum.map((e) => e.value).join(' | ') : s.type,
      documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(k, s) },
      tags: s.deprecated ? [1] : undefined,
      sortText: (s.deprecated ? '2' : '1') + k,
      textEdit: { range, newText: s.type === 'object' || s.type === 'array' || s.type === 'any' ? `${k}:` : `${k}: ` },
      data: { module: MODULE },
    }));
}

/**
 * Paths to offer in `resources`: YAML files of the workspace in this folder and folders with a kustomization
 * (relative, `../` as needed; Components for `components`), minus what is already listed.
 */
function pathItems(ctx: CursorContext, obj: K8sObject, componentsOnly: boolean): { label: string; folder: boolean; detail: string }[] {
  const dir = folderOf(obj.uri);
  const listed = new Set(readKustomization(obj).entries.map((e) => e.uri));
  const out: { label: string; folder: boolean; detail: string }[] = [];
  for (const uri of ctx.index.uris()) {
    if (out.length >= 200) break;
    if (uri === obj.uri || listed.has(uri)) continue;
    const f = ctx.index.get(uri)!;
    if (f.role === 'kustomization') {
      const k = [...f.objects()][0];
      const folder = folderOf(uri);
      if (folder === dir) continue;
      if (listed.has(folder.slice(0, -1))) continue;
      const isComponent = k?.kind === 'Component';
      if (componentsOnly !== isComponent) continue;
      out.push({ label: relative(dir, folder.slice(0, -1)), folder: true, detail: isComponent ? 'Component' : 'kustomization folder' });
    } else if (!componentsOnly && f.role === 'manifest' && folderOf(uri) === dir) {
      out.push({
        label: relative(dir, uri),
        folder: false,
        detail:
          [...f.objects()]
            .filter((o) => o.isManifest)
            .map((o) => o.kind)
            .filter(Boolean)
            .slice(0, 3)
            .join(', ') || 'YAML file',
      });
    }
  }
  // Files of this folder first, then the nearest folders.
  return out.sort(
    (a, b) =>
      Number(a.folder) - Number(b.folder) || a.label.split('/').length - b.label.split('/').length || a.label.localeCompare(b.label),
  );
}

/** A path from folder URI `dir` (ending with /) to `uri`, with ../ as needed. */
function relative(dir: string, uri: string): string {
  const a = dir.split('/').slice(0, -1);
  const b = uri.split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.length - i;
  return decodeURIComponent([...Array(up).fill('..'), ...b.slice(i)].join('/'));
}

function entryAt(ctx: CursorContext, obj: K8sObject): PathEntry | undefined {
  return readKustomization(obj).entries.find((e) => ctx.offset >= e.range[0] && ctx.offset <= e.range[1]);
}

/** Where an entry leads: the file, or the kustomization of the folder. */
function targetOf(ctx: CursorContext, e: PathEntry): string | undefined {
  if (!e.uri) return undefined;
  if (ctx.index.get(e.uri)) return e.uri;
  const k = kustomizationInFolder(ctx.index, e.uri);
  if (k) return k.uri;
  const fs = ctx.env.fs;
  if (!fs) return undefined;
  const kind = fs.stat(e.uri);
  if (kind === 'file') return e.uri;
  if (kind === 'directory') for (const n of KUSTOMIZATION_FILE_NAMES) if (fs.stat(`${e.uri}/${n}`) === 'file') return `${e.uri}/${n}`;
  return undefined;
}

export function kustomizationDefinition(ctx: CursorContext): Location[] | undefined {
  const obj = inKustomization(ctx);
  if (!obj || !isKustomization(obj)) return undefined;
  const e = entryAt(ctx, obj);
  if (!e) return undefined;
  const target = targetOf(ctx, e);
  return target ? [{ uri: target, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : undefined;
}

export function hoverKustomization(ctx: CursorContext): Hover | undefined {
  const obj = inKustomization(ctx);
  if (!obj || ctx.path.length === 0) return undefined;
  // A list item `- path` may read as a key being typed: the entry's range decides.
  const e = entryAt(ctx, obj);
  if (e) {
    const target = targetOf(ctx, e);
    const what = e.remote
      ? 'a remote resource (fetched by kustomize; not checked here)'
      : target
        ? `\`${decodeURIComponent(target.replace(/^file:\/\//, ''))}\``
        : 'nothing in the workspace';
    return {
      contents: { kind: MarkupKind.Markdown, value: `**${e.field}** · ${e.text}\n\nResolves to ${what}.` },
      range: ctx.chunk.toRange(e.range[0], e.range[1]),
    };
  }
  const path = withRealIndices(obj, ctx.path, ctx.offset);
  const s = schemaAt(KUSTOMIZATION_SCHEMA, path);
  if (!s || !s.doc) return undefined;
  const name = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
  const r = nodeRange(ctx.node);
  if (!ctx.onKey && s.enum) {
    const v = scalarString(ctx.node);
    const hit = s.enum.find((x) => x.value === v);
    if (hit?.doc)
      return {
        contents: { kind: MarkupKind.Markdown, value: `**${name}: ${hit.value}**\n\n${hit.doc}\n\n---\n\n${fieldMarkdown(name, s)}` },
        range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined,
      };
  }
  return { contents: { kind: MarkupKind.Markdown, value: fieldMarkdown(name, s) }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

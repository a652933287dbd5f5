/**
 * Completion and hover from the schema of the object under the cursor (built-in kinds, bundled and
 * workspace CRDs), also on half-typed YAML (the cursor context falls back to indentation). Kinds a domain
 * module owns (NodePool, NodeClass, NetworkPolicy) are left to it.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Hover } from 'vscode-languageserver-types';
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { CursorContext } from '../features/cursor';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { keyString, nodeAt, nodeRange, pairs, type NodePath } from '@shared/manifest/yamlNodes';
import type { SchemaObject, SchemaType } from './convert';
import { builtinSchema, crdRoot, deref, findCrd, k8sData, targetMinor, type RootSchema, type SchemaTable } from './store';
import { isBuiltInGroup } from '@shared/manifest/documentKind';
import { enumValues, typeLabel } from './validator';
import { describeField } from './descriptions';
import type { ServiceEnv } from '../env';
import { DOMAIN_SCHEMA_KINDS } from './domainKinds';

const MODULE = 'schema';

/** The root schema of the object (undefined when unknown or owned by a domain module). */
export function rootFor(obj: K8sObject | undefined, ctx: Pick<CursorContext, 'settings' | 'index'>): RootSchema | undefined {
  if (!obj?.apiVersion || !obj.kind) return undefined;
  if (DOMAIN_SCHEMA_KINDS.has(`${obj.group}/${obj.kind}`)) return undefined;
  const minor = targetMinor(ctx.settings.kubernetesVersion);
  if (isBuiltInGroup(obj.group)) return builtinSchema(obj.apiVersion, obj.kind, minor);
  const found = findCrd(obj.group, obj.kind, ctx.index);
  if (!found) return undefined;
  return crdRoot(found, obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1), minor);
}

interface Located {
  type: SchemaObject;
  name?: string;
  parent?: SchemaObject;
}

/** The schema at a path (numbers step into list items), with the parent object's schema. */
export function schemaAtPath(root: RootSchema, path: NodePath): Located | undefined {
  let cur = deref(root.type, root.table);
  let parent: SchemaObject | undefined;
  let name: string | undefined;
  for (const seg of path) {
    if (!cur) return undefined;
    if (typeof seg === 'number') {
      if (cur.t !== 'a') return undefined;
      cur = deref(cur.i, root.table);
      continue;
    }
    const sub: SchemaType | true | undefined = cur.p?.[seg] ?? cur.a;
    if (sub === undefined) return undefined;
    parent = cur;
    name = seg;
    cur = deref(sub, root.table);
  }
  return cur ? { type: cur, name, parent } : undefined;
}

function present(map: Node | undefined): Set<string> {
  const s = new Set<string>();
  for (const p of pairs(map)) {
    const k = keyString(p);
    if (k) s.add(k);
  }
  return s;
}

function inVersion(t: SchemaObject, minor: number): boolean {
  return !((t.s !== undefined && minor < t.s) || (t.u !== undefined && minor > t.u));
}

function valueSnippet(t: SchemaObject, table: SchemaTable, minor: number, indent: string): string {
  switch (t.t) {
    case 'o': {
      if (!t.p) return `\n${indent}  $1`;
      const req = (t.r ?? []).filter((r) => {
        const s = deref(t.p![r], table);
        return s && inVersion(s, minor);
      });
      if (!req.length) return `\n${indent}  $1`;
      return req
        .map((r, i) => `\n${indent}  ${r}: ${scalarPlaceholder(deref(t.p![r], table)!, i + 1, table, minor, indent + '  ')}`)
        .join('');
    }
    case 'a': {
      const it = deref(t.i, table);
      if (it?.t === 'o' && it.p) {
        const req = (it.r ?? []).filter((r) => {
          const s = deref(it.p![r], table);
          return s && inVersion(s, minor);
        });
        if (req.length)
          return (
            `\n${indent}  - ` +
            req
              .map(
                (r, i) =>
                  `${i ? `\n${indent}    ` : ''}${r}: ${scalarPlaceholder(deref(it.p![r], table)!, i + 1, table, minor, indent + '    ')}`,
              )
              .join('')
          );
      }
      return `\n${indent}  - $1`;
    }
    default:
      return ' ' + scalarPlaceholder(t, 1, table, minor, indent);
  }
}

function scalarPlaceholder(t: SchemaObject, n: number, table: SchemaTable, minor: number, indent: string): string {
  if (t.e?.length)
    return `\${${n}|${enumValues(t, minor)
      .map((v) => String(v).replace(/[,|}]/g, '\\$&'))
      .join(',')}|}`;
  if (t.t === 'b') return `\${${n}|true,false|}`;
  if (t.t === 'o' || t.t === 'a')
    return valueSnippet(t, table, minor, indent)
      .replace(/\$(\d)/g, (_m, d) => `$${Number(d) + n}`)
      .replace(/^ /, '');
  return `$${n}`;
}

export function completeSchema(ctx: CursorContext): CompletionItem[] | undefined {
  const obj = ctx.obj;
  const root = rootFor(obj, ctx);
  if (!root || !obj) return undefined;
  const range = ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]);
  if (ctx.onKey) {
    const parentPath = ctx.path.slice(0, -1);
    // A plain word typed as a list item of scalars reads as a key (cursor.ts): not ours then.
    const loc = parentPath.length ? schemaAtPath(root, parentPath) : { type: deref(root.type, root.table)! };
    const t = loc?.type;
    if (!t || t.t !== 'o' || !t.p) return undefined;
    const have = present(nodeAt(obj.root, parentPath, obj.doc));
    const indent = /^\s*(?:-\s+)*/.exec(ctx.linePrefix)![0].replace(/-/g, ' ');
    const required = new Set(t.r ?? []);
    const items: CompletionItem[] = [];
    for (const [name, st] of Object.entries(t.p)) {
      if (have.has(name) && name !== ctx.word) continue;
      const ft = deref(st, root.table);
      if (!ft || !inVersion(ft, root.minor) || name === 'status') continue;
      const req = required.has(name);
      items.push({
        label: name,
        kind: ft.t === 'o' || ft.t === 'a' ? CompletionItemKind.Module : CompletionItemKind.Property,
        detail: `${typeLabel(ft)}${req ? ' · required' : ''}${ft.d !== undefined ? ` · default ${ft.d}` : ''}`,
        sortText: (req ? '0' : '1') + name,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: `${name}:${valueSnippet(ft, root.table, root.minor, indent)}` },
        data: { module: MODULE, doc: fieldMarkdown(ctx.env, root, parentPath, name, ft, req, ownerOf(root, parentPath)) },
      });
    }
    return items.length ? items : undefined;
  }
  const loc = schemaAtPath(root, ctx.path);
  const t = loc?.type;
  if (!t) return undefined;
  const values = t.e?.length ? enumValues(t, root.minor).map(String) : t.t === 'b' ? ['true', 'false'] : [];
  if (!values.length) return undefined;
  return values.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    detail: loc?.name ? `${loc.name}: ${typeLabel(t)}` : typeLabel(t),
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: v },
  }));
}

export function resolveSchemaCompletion(item: CompletionItem): CompletionItem {
  const doc = (item.data as { doc?: string } | undefined)?.doc;
  if (doc && !item.documentation) return { ...item, documentation: { kind: MarkupKind.Markdown, value: doc } };
  return item;
}

/** The definition that owns the field at parentPath (for descriptions and reference links). */
function ownerOf(root: RootSchema, parentPath: NodePath): string | undefined {
  if (root.origin !== 'builtin') return undefined;
  if (parentPath.length === 0) return typeof root.type === 'string' ? root.type : undefined;
  // Walk references: the last named definition on the way.
  let owner = typeof root.type === 'string' ? root.type : undefined;
  let cur = deref(root.type, root.table);
  for (const seg of parentPath) {
    if (!cur) return undefined;
    const next: SchemaType | true | undefined = typeof seg === 'number' ? cur.i : (cur.p?.[seg] ?? cur.a);
    if (next === undefined || next === true) return undefined;
    const ref = typeof next === 'string' ? next : next.$;
    if (ref) owner = ref;
    else if (typeof seg === 'string' && !(typeof next !== 'string' && next.t === 'a')) owner = undefined;
    cur = deref(next, root.table);
  }
  return owner;
}

function apiPath(path: NodePath, name: string): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : (s ? '.' : '') + seg;
  return (s ? s + '.' : '') + name;
}

/** API reference link of a built-in definition: the generated reference of that minor. */
function referenceLink(def: string, minor: number): string | undefined {
  const m = /^([\w.]+?)\.(v\d\w*)\.(\w+)$/.exec(def);
  if (!m) return undefined;
  const group = goGroup(m[1]);
  if (group === undefined) return undefined;
  return `https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.${minor}/#${m[3].toLowerCase()}-${m[2]}-${group === '' ? 'core' : group.replace(/\./g, '-')}`;
}

let goGroups: Map<string, string> | undefined;
/** API group of a Go package name (core → "", networking → networking.k8s.io), from the kinds index. */
function goGroup(pkg: string): string | undefined {
  if (!goGroups) {
    goGroups = new Map([
      ['core', ''],
      ['meta', 'meta'],
    ]);
    const data = k8sData();
    for (const [id, k] of Object.entries(data.kinds)) {
      const parts = id.split('/');
      if (parts.length !== 3) continue;
      const p = /^([\w.]+?)\.v\d/.exec(k.d)?.[1];
      if (p && !goGroups.has(p)) goGroups.set(p, parts[0]);
    }
  }
  return goGroups.get(pkg);
}

function fieldMarkdown(
  env: ServiceEnv,
  root: RootSchema,
  parentPath: NodePath,
  name: string,
  t: SchemaObject,
  required: boolean,
  owner: string | undefined,
): string {
  const lines = [`**${apiPath(parentPath, name)}**`, ''];
  const desc = describeField(owner, name, env);
  if (desc) lines.push(desc, '');
  const facts = [
    `Type: \`${typeLabel(t)}${t.t === 'a' ? ` of ${listItemLabel(t, root.table)}` : ''}\``,
    required ? 'required' : 'optional',
  ];
  if (t.e?.length)
    facts.push(
      `Allowed: ${enumValues(t, root.minor)
        .map((e) => '`' + String(e) + '`')
        .join(', ')}`,
    );
  if (t.d !== undefined) facts.push(`Default: \`${String(t.d)}\``);
  if (t.mn !== undefined || t.mx !== undefined) facts.push(`Range: ${t.mn ?? '…'}–${t.mx ?? '…'}`);
  if (t.mxl !== undefined) facts.push(`At most ${t.mxl} characters`);
  if (t.mxi !== undefined) facts.push(`At most ${t.mxi} items`);
  if (t.pt) facts.push(`Pattern: \`${t.pt}\``);
  if (t.lt === 'map' && t.k) facts.push(`Keyed by ${t.k.map((k) => '`' + k + '`').join(' + ')}`);
  if (t.s !== undefined) facts.push(`Since Kubernetes 1.${t.s}`);
  lines.push(facts.join(' · '));
  if (root.origin === 'builtin' && owner) {
    const link = referenceLink(owner, root.minor);
    if (link) lines.push('', `[API reference](${link})`);
  } else if (root.source) {
    lines.push(
      '',
      `Schema: ${root.origin === 'workspace' ? 'workspace' : 'bundled'} CRD (${root.source.split(' ').slice(0, 3).join(' ')})`,
    );
  }
  return lines.join('\n');
}

function listItemLabel(t: SchemaObject, table: SchemaTable): string {
  const it = deref(t.i, table);
  return it ? typeLabel(it) : 'any';
}

export function hoverSchema(ctx: CursorContext): Hover | undefined {
  const obj = ctx.obj;
  if (!ctx.onKey || !obj || !ctx.node || !isScalar(ctx.node)) return undefined;
  const root = rootFor(obj, ctx);
  if (!root) return undefined;
  const name = ctx.path[ctx.path.length - 1];
  if (typeof name !== 'string') return undefined;
  const parentPath = ctx.path.slice(0, -1);
  const loc = schemaAtPath(root, ctx.path);
  if (!loc) return undefined;
  const parentNode = nodeAt(obj.root, parentPath, obj.doc);
  if (!isMap(parentNode)) return undefined;
  const parentType = parentPath.length ? schemaAtPath(root, parentPath)?.type : deref(root.type, root.table);
  if (!parentType?.p?.[name]) return undefined; // map keys (labels, annotations) are not fields
  const required = (parentType.r ?? []).includes(name);
  let md = fieldMarkdown(ctx.env, root, parentPath, name, loc.type, required, ownerOf(root, parentPath));
  if (root.origin === 'workspace') {
    const d = workspaceDescription(ctx, obj, ctx.path);
    if (d) md = md.replace('\n\n', `\n\n${d}\n\n`);
  }
  const r = nodeRange(ctx.node);
  return { contents: { kind: MarkupKind.Markdown, value: md }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

/** The description a workspace CRD gives the field (the user's own file, read where it is). */
function workspaceDescription(ctx: CursorContext, obj: K8sObject, path: NodePath): string | undefined {
  const found = findCrd(obj.group, obj.kind!, ctx.index);
  if (!found || found.origin !== 'workspace') return undefined;
  const crdObj = ctx.index
    .byKind('CustomResourceDefinition')
    .find(
      (o) =>
        o.node(['spec', 'group']) &&
        String((o.node(['spec', 'group']) as { value?: unknown }).value) === obj.group &&
        String((o.node(['spec', 'names', 'kind']) as { value?: unknown } | undefined)?.value) === obj.kind,
    );
  if (!crdObj) return undefined;
  const version = obj.apiVersion!.slice(obj.apiVersion!.indexOf('/') + 1);
  const versions = crdObj.node(['spec', 'versions']);
  const items = (versions as { items?: unknown[] } | undefined)?.items ?? [];
  const vi = items.findIndex((v) =>
    pairs(v).some((p: Pair) => keyString(p) === 'name' && String((p.value as { value?: unknown })?.value) === version),
  );
  if (vi < 0) return undefined;
  const segs: NodePath = ['spec', 'versions', vi, 'schema', 'openAPIV3Schema'];
  for (const seg of path) {
    if (typeof seg === 'number') segs.push('items');
    else segs.push('properties', seg);
  }
  const d = crdObj.node([...segs, 'description']);
  const text = isScalar(d) ? String((d as { value?: unknown }).value ?? '') : '';
  return text ? text.slice(0, 600) : undefined;
}

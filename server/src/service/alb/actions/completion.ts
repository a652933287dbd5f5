/**
 * Completion inside the JSON of `actions.*` / `conditions.*` / `transforms.*`: keys by JSON path, enum values,
 * Services of the Ingress's namespace for `serviceName` and that Service's ports for `servicePort`.
 * Inserted text is escaped for the scalar's style (a double-quoted YAML scalar needs `\"`).
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { CursorContext } from '../../features/cursor';
import { sameNamespace } from '@shared/manifest/k8sObject';
import { encodeForStyle } from './checks';
import { servicePorts } from '../../model/service';
import type { ScalarStyle } from './embedded';
import { cursorJson, findNodeAtLocation, present, rootTypeOf, typeAt, type JsonCursor, type JsonNode } from './jsonCursor';
import { typeLabel, type Field, type JType } from './schema';

/** Escape literal text for a snippet. */
function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** A JSON snippet in parts (literal JSON text and placeholders), rendered for a scalar style. */
type Part = string | { tab: number; choices?: string[]; text?: string };
function render(style: ScalarStyle, parts: Part[]): string {
  return parts.map((p) => {
    if (typeof p === 'string') return snippetText(encodeForStyle(style, p));
    if (p.choices) return `\${${p.tab}|${p.choices.map((c) => encodeForStyle(style, c).replace(/[,|\\$}]/g, (x) => '\\' + x)).join(',')}|}`;
    return p.text !== undefined ? `\${${p.tab}:${snippetText(encodeForStyle(style, p.text))}}` : `$${p.tab}`;
  }).join('');
}

function valueParts(t: JType): Part[] {
  switch (t.kind) {
    case 'string': return t.values && !t.valuesOpen ? ['"', { tab: 1, choices: t.values }, '"'] : ['"', { tab: 1 }, '"'];
    case 'int': return [{ tab: 1, text: String(t.min ?? 0) }];
    case 'bool': return [{ tab: 1, choices: ['true', 'false'] }];
    case 'intOrString': return [{ tab: 1, text: '80' }];
    case 'array': return t.items.kind === 'object' ? ['[{', { tab: 1 }, '}]'] : t.items.kind === 'string' ? ['["', { tab: 1 }, '"]'] : ['[', { tab: 1 }, ']'];
    case 'object': return ['{', { tab: 1 }, '}'];
  }
}

function doc(name: string, f: Field): { kind: 'markdown'; value: string } {
  return { kind: MarkupKind.Markdown, value: `**${name}** · ${typeLabel(f.type)}${f.required ? ' · required' : ''}\n\n${f.doc}\n\n[Documentation](${f.link})` };
}

/** Chunk range of a JSON node (the token the completion replaces). */
function nodeRange(c: JsonCursor, n: JsonNode): [number, number] {
  return c.ej.toSource(n.offset, n.length);
}

function completeKeys(ctx: CursorContext, c: JsonCursor): CompletionItem[] {
  const parentPath = c.loc.path.slice(0, -1);
  const { type } = typeAt(rootTypeOf(c), parentPath);
  if (!type || type.kind !== 'object') return [];
  const objNode = c.ej.root ? (parentPath.length ? findNodeAtLocation(c.ej.root, parentPath) : c.ej.root) : undefined;
  const existing = new Set<string>();
  for (const p of objNode?.type === 'object' ? objNode.children ?? [] : []) {
    const k = p.children?.[0];
    if (k && typeof k.value === 'string' && k !== c.loc.previousNode) existing.add(k.value.toLowerCase());
  }
  const prev = c.loc.previousNode;
  const replacing = prev && prev.type === 'string' && c.off >= prev.offset && c.off <= prev.offset + prev.length;
  let range = replacing ? nodeRange(c, prev) : [ctx.offset, ctx.offset] as [number, number];
  let typed = replacing ? c.ej.text.slice(prev!.offset, prev!.offset + prev!.length) : undefined;
  if (!replacing) {
    // A key being typed that the scanner did not close (`"ty` at the end of a line): replace it and its quote.
    const before = /"[A-Za-z0-9_.-]*$/.exec(c.ej.text.slice(0, c.off));
    if (before) {
      const after = /^[A-Za-z0-9_.-]*"?/.exec(c.ej.text.slice(c.off))![0];
      const [s] = c.ej.toSource(before.index, 1);
      const [, e] = after.length ? c.ej.toSource(c.off, after.length) : [0, ctx.offset];
      range = [s, Math.max(e, ctx.offset)];
      typed = before[0] + after;
    }
  }
  const style = c.ej.st.style;
  // Commas: one before when a value precedes, one after when another key follows.
  const jsonStart = replacing ? prev!.offset : typed !== undefined ? c.off - (/"[A-Za-z0-9_.-]*$/.exec(c.ej.text.slice(0, c.off))?.[0].length ?? 0) : c.off;
  const jsonEnd = replacing ? prev!.offset + prev!.length : typed !== undefined ? c.off + (/^[A-Za-z0-9_.-]*"?/.exec(c.ej.text.slice(c.off))?.[0].length ?? 0) : c.off;
  const before = /[^\s]?(?=\s*$)/.exec(c.ej.text.slice(0, jsonStart))?.[0] ?? '';
  const after = /^\s*(.?)/.exec(c.ej.text.slice(jsonEnd))?.[1] ?? '';
  const lead = /["\d\]}el]/.test(before) ? ', ' : '';
  const trail = after === '"' ? ', ' : '';
  return Object.entries(type.fields).filter(([name]) => !existing.has(name.toLowerCase())).map(([name, f], i) => ({
    label: name,
    kind: CompletionItemKind.Property,
    detail: `${typeLabel(f.type)}${f.required ? ' (required)' : ''}`,
    documentation: doc(name, f),
    sortText: `${f.required ? 0 : 1}${String(i).padStart(2, '0')}`,
    filterText: typed !== undefined ? encodeForStyle(style, `"${name}"`) : name,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: ctx.chunk.toRange(range[0], range[1]), newText: render(style, [`${lead}"${name}": `, ...valueParts(f.type), trail]) },
  }));
}

interface ValueCandidate { label: string; json: string; detail?: string; documentation?: string; kind?: CompletionItemKind }

function serviceCandidates(ctx: CursorContext): ValueCandidate[] {
  const ns = ctx.obj?.namespace;
  return ctx.index.byKind('Service').filter((s) => s.name && sameNamespace(s.namespace, ns)).map((s) => ({
    label: s.name!, json: JSON.stringify(s.name), kind: CompletionItemKind.Reference,
    detail: `Service ${s.namespace ? s.namespace + '/' : ''}${s.name}`,
    documentation: (servicePorts(s) ?? []).map((p) => `port ${p.port ?? '?'}${p.name ? ` (${p.name})` : ''}`).join(', '),
  }));
}

function portCandidates(ctx: CursorContext, c: JsonCursor): ValueCandidate[] {
  const tgPath = c.loc.path.slice(0, -1);
  const tg = c.ej.root ? findNodeAtLocation(c.ej.root, tgPath) : undefined;
  const svcName = present(tg, 'serviceName');
  if (svcName?.type !== 'string') return [];
  const svc = ctx.index.find({ kind: 'Service', name: svcName.value as string, namespace: ctx.obj?.namespace })[0];
  if (!svc) return [];
  const out: ValueCandidate[] = [];
  for (const p of servicePorts(svc) ?? []) {
    if (p.port !== undefined) out.push({ label: String(p.port), json: String(p.port), kind: CompletionItemKind.Value, detail: `port of Service ${svc.name}${p.name ? ` (${p.name})` : ''}` });
    if (p.name) out.push({ label: p.name, json: JSON.stringify(p.name), kind: CompletionItemKind.Value, detail: `port name of Service ${svc.name} (${p.port ?? '?'})` });
  }
  return out;
}

function completeValues(ctx: CursorContext, c: JsonCursor): CompletionItem[] {
  const path = c.loc.path;
  const { type, name } = typeAt(rootTypeOf(c), path);
  if (!type) return [];
  let cands: ValueCandidate[] = [];
  if (name === 'serviceName') cands = serviceCandidates(ctx);
  else if (name === 'servicePort') cands = portCandidates(ctx, c);
  else if (type.kind === 'string' && type.values) cands = type.values.map((v) => ({ label: v, json: JSON.stringify(v), kind: CompletionItemKind.EnumMember }));
  else if (type.kind === 'bool') cands = ['true', 'false'].map((v) => ({ label: v, json: v, kind: CompletionItemKind.Value }));
  if (!cands.length) return [];
  const prev = c.loc.previousNode;
  const replacing = prev && prev.type !== 'object' && prev.type !== 'array' && prev.type !== 'property' && c.off >= prev.offset && c.off <= prev.offset + prev.length;
  const range = replacing ? nodeRange(c, prev) : [ctx.offset, ctx.offset] as [number, number];
  const style = c.ej.st.style;
  return cands.map((v, i) => ({
    label: v.label, kind: v.kind ?? CompletionItemKind.Value, detail: v.detail,
    documentation: v.documentation,
    sortText: String(i).padStart(3, '0'),
    filterText: encodeForStyle(style, v.json),
    textEdit: { range: ctx.chunk.toRange(range[0], range[1]), newText: encodeForStyle(style, v.json) },
  }));
}

export function completeInJson(ctx: CursorContext): CompletionItem[] | undefined {
  const c = cursorJson(ctx);
  if (!c) return undefined;
  if (c.ej.text.trim() === '') return undefined; // empty value: whole-annotation templates are offered by the annotation catalog
  const prev = c.loc.previousNode;
  const prevEnd = prev ? prev.offset + prev.length : -1;
  // After a finished value with only spaces since (a missing comma): the next thing is a key of the same object.
  const afterValue = !c.loc.isAtPropertyKey && prev !== undefined && ['string', 'number', 'boolean', 'null'].includes(prev.type) &&
    c.off > prevEnd && /^\s+$/.test(c.ej.text.slice(prevEnd, c.off)) && typeof c.loc.path[c.loc.path.length - 1] === 'string';
  if (afterValue) c.loc = { ...c.loc, previousNode: undefined };
  const items = c.loc.isAtPropertyKey || afterValue ? completeKeys(ctx, c) : completeValues(ctx, c);
  return items.length ? items : undefined;
}

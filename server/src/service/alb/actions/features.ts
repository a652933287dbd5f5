/**
 * Editor features inside the JSON of `actions.*` / `conditions.*` / `transforms.*`: the JSON under the cursor,
 * completion (keys by JSON path, enum values, the namespace's Services for `serviceName` and their ports for
 * `servicePort`, escaped for the scalar's style), hover (what a key does, its type and values, the traffic
 * split of a weighted forward), go to definition from `serviceName` to the Service, and the refactors between
 * a one-line JSON value and an indented `|` block.
 */
import {
  applyEdits,
  createScanner,
  findNodeAtLocation,
  findNodeAtOffset,
  format,
  getLocation,
  getNodePath,
  SyntaxKind,
  type JSONPath,
  type Location as JsonLocation,
  type Node as JsonNode,
} from 'jsonc-parser';
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type Hover,
  type Location,
} from 'vscode-languageserver-types';
import type { CursorContext } from '../../features/cursor';
import type { FileContext } from '../../module';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { sameNamespace } from '@shared/manifest/k8sObject';
import type { Range } from '@shared/manifest/yamlFile';
import { nodeRange as yamlNodeRange } from '@shared/manifest/yamlNodes';
import { servicePorts } from '../../model/service';
import { quoted } from '../../model/edits';
import { escapeHtml, escapeMarkdown, inlineCode } from '../../features/markdown';
import { encodeForStyle, type EmbeddedJson, type ScalarStyle } from './embedded';
import { matchField, rootType, typeLabel, type Field, type JType } from './catalog';
import { albJsonAnnotations, present, type AlbJsonAnnotation } from './model';
import { splitText, weightedTargets } from './lens';

// ---------------------------------------------------------------------------------------------- the cursor

export interface JsonCursor {
  a: AlbJsonAnnotation;
  ej: EmbeddedJson;
  /** Offset in the JSON text. */
  off: number;
  loc: JsonLocation;
}

/** First offset of the scalar's content (after the opening quote or the block header line). */
function contentStart(ej: EmbeddedJson, text: string): number {
  const [s, e] = ej.st.range;
  if (ej.st.style === 'QUOTE_DOUBLE' || ej.st.style === 'QUOTE_SINGLE') return s + 1;
  if (ej.st.style === 'BLOCK_LITERAL' || ej.st.style === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', s);
    return nl === -1 || nl > e ? e : nl + 1;
  }
  return s;
}

export function jsonCursorAt(obj: K8sObject | undefined, offset: number): JsonCursor | undefined {
  if (!obj) return undefined;
  for (const a of albJsonAnnotations(obj)) {
    const ej = a.ej;
    if (!ej) continue;
    const [, e] = ej.st.range;
    const quoted = ej.st.style === 'QUOTE_DOUBLE' || ej.st.style === 'QUOTE_SINGLE';
    if (offset < contentStart(ej, obj.chunk.text) || offset > (quoted ? e - 1 : e)) continue;
    const off = ej.fromSource(offset);
    return { a, ej, off, loc: getLocation(ej.text, off) };
  }
  return undefined;
}

export function cursorJson(ctx: CursorContext): JsonCursor | undefined {
  return jsonCursorAt(ctx.obj, ctx.offset);
}

/** Schema type at a JSON path (strings: object keys, numbers: list indexes), with the field it belongs to. */
export function typeAt(root: JType, path: JSONPath): { type?: JType; field?: Field; name?: string } {
  let t: JType | undefined = root;
  let field: Field | undefined;
  let name: string | undefined;
  for (const seg of path) {
    if (!t) return {};
    if (typeof seg === 'number') {
      if (t.kind !== 'array') return {};
      t = t.items;
    } else if (t.kind === 'map') {
      t = t.values;
      name = seg;
    } else {
      if (t.kind !== 'object') return {};
      const m = matchField(t.fields, seg);
      if (!m) return {};
      field = m.field;
      name = m.name;
      t = m.field.type;
    }
  }
  return { type: t, field, name };
}

export function rootTypeOf(c: JsonCursor): JType {
  return rootType(c.a.kind);
}

// ----------------------------------------------------------------------------------------------- completion

/** Escape literal text for a snippet. */
function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** A JSON snippet in parts (literal JSON text and placeholders), rendered for a scalar style. */
type Part = string | { tab: number; choices?: string[]; text?: string };
function render(style: ScalarStyle, parts: Part[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return snippetText(encodeForStyle(style, p));
      if (p.choices)
        return `\${${p.tab}|${p.choices.map((c) => encodeForStyle(style, c).replace(/[,|\\$}]/g, (x) => '\\' + x)).join(',')}|}`;
      return p.text !== undefined ? `\${${p.tab}:${snippetText(encodeForStyle(style, p.text))}}` : `$${p.tab}`;
    })
    .join('');
}

function valueParts(t: JType): Part[] {
  switch (t.kind) {
    case 'string':
      return t.values && !t.valuesOpen ? ['"', { tab: 1, choices: t.values }, '"'] : ['"', { tab: 1 }, '"'];
    case 'int':
      return [{ tab: 1, text: String(t.min ?? 0) }];
    case 'bool':
      return [{ tab: 1, choices: ['true', 'false'] }];
    case 'intOrString':
      return [{ tab: 1, text: '80' }];
    case 'array':
      return t.items.kind === 'object'
        ? ['[{', { tab: 1 }, '}]']
        : t.items.kind === 'string'
          ? ['["', { tab: 1 }, '"]']
          : ['[', { tab: 1 }, ']'];
    case 'object':
    case 'map':
      return ['{', { tab: 1 }, '}'];
  }
}

function doc(name: string, f: Field): { kind: 'markdown'; value: string } {
  return {
    kind: MarkupKind.Markdown,
    value: escapeHtml(`**${name}** · ${typeLabel(f.type)}${f.required ? ' · required' : ''}\n\n${f.doc}\n\n[Documentation](${f.link})`),
  };
}

/** Chunk range of a JSON node (the token the completion replaces). */
function jsonRange(c: JsonCursor, n: JsonNode): [number, number] {
  return c.ej.toSource(n.offset, n.length);
}

function completeKeys(ctx: CursorContext, c: JsonCursor): CompletionItem[] {
  const parentPath = c.loc.path.slice(0, -1);
  const { type } = typeAt(rootTypeOf(c), parentPath);
  if (!type || type.kind !== 'object') return [];
  const objNode = c.ej.root ? (parentPath.length ? findNodeAtLocation(c.ej.root, parentPath) : c.ej.root) : undefined;
  const existing = new Set<string>();
  for (const p of objNode?.type === 'object' ? (objNode.children ?? []) : []) {
    const k = p.children?.[0];
    if (k && typeof k.value === 'string' && k !== c.loc.previousNode) existing.add(k.value.toLowerCase());
  }
  const prev = c.loc.previousNode;
  const replacing = prev && prev.type === 'string' && c.off >= prev.offset && c.off <= prev.offset + prev.length;
  let range = replacing ? jsonRange(c, prev) : ([ctx.offset, ctx.offset] as [number, number]);
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
  const jsonStart = replacing
    ? prev!.offset
    : typed !== undefined
      ? c.off - (/"[A-Za-z0-9_.-]*$/.exec(c.ej.text.slice(0, c.off))?.[0].length ?? 0)
      : c.off;
  const jsonEnd = replacing
    ? prev!.offset + prev!.length
    : typed !== undefined
      ? c.off + (/^[A-Za-z0-9_.-]*"?/.exec(c.ej.text.slice(c.off))?.[0].length ?? 0)
      : c.off;
  const before = /[^\s]?(?=\s*$)/.exec(c.ej.text.slice(0, jsonStart))?.[0] ?? '';
  const after = /^\s*(.?)/.exec(c.ej.text.slice(jsonEnd))?.[1] ?? '';
  const lead = /["\d\]}el]/.test(before) ? ', ' : '';
  const trail = after === '"' ? ', ' : '';
  return Object.entries(type.fields)
    .filter(([name]) => !existing.has(name.toLowerCase()))
    .map(([name, f], i) => ({
      label: name,
      kind: CompletionItemKind.Property,
      detail: `${typeLabel(f.type)}${f.required ? ' (required)' : ''}`,
      documentation: doc(name, f),
      sortText: `${f.required ? 0 : 1}${String(i).padStart(2, '0')}`,
      filterText: typed !== undefined ? encodeForStyle(style, `"${name}"`) : name,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: {
        range: ctx.chunk.toRange(range[0], range[1]),
        newText: render(style, [`${lead}"${name}": `, ...valueParts(f.type), trail]),
      },
    }));
}

interface ValueCandidate {
  label: string;
  json: string;
  detail?: string;
  documentation?: string;
  kind?: CompletionItemKind;
}

function serviceCandidates(ctx: CursorContext): ValueCandidate[] {
  const ns = ctx.obj?.namespace;
  return ctx.index
    .byKind('Service')
    .filter((s) => s.name && sameNamespace(s.namespace, ns))
    .map((s) => ({
      label: s.name!,
      json: JSON.stringify(s.name),
      kind: CompletionItemKind.Reference,
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
    if (p.port !== undefined)
      out.push({
        label: String(p.port),
        json: String(p.port),
        kind: CompletionItemKind.Value,
        detail: `port of Service ${svc.name}${p.name ? ` (${p.name})` : ''}`,
      });
    if (p.name)
      out.push({
        label: p.name,
        json: JSON.stringify(p.name),
        kind: CompletionItemKind.Value,
        detail: `port name of Service ${svc.name} (${p.port ?? '?'})`,
      });
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
  else if (type.kind === 'string' && type.values)
    cands = type.values.map((v) => ({ label: v, json: JSON.stringify(v), kind: CompletionItemKind.EnumMember }));
  else if (type.kind === 'bool') cands = ['true', 'false'].map((v) => ({ label: v, json: v, kind: CompletionItemKind.Value }));
  if (!cands.length) return [];
  const prev = c.loc.previousNode;
  const replacing =
    prev &&
    prev.type !== 'object' &&
    prev.type !== 'array' &&
    prev.type !== 'property' &&
    c.off >= prev.offset &&
    c.off <= prev.offset + prev.length;
  const range = replacing ? jsonRange(c, prev) : ([ctx.offset, ctx.offset] as [number, number]);
  const style = c.ej.st.style;
  return cands.map((v, i) => ({
    label: v.label,
    kind: v.kind ?? CompletionItemKind.Value,
    detail: v.detail,
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
  const afterValue =
    !c.loc.isAtPropertyKey &&
    prev !== undefined &&
    ['string', 'number', 'boolean', 'null'].includes(prev.type) &&
    c.off > prevEnd &&
    /^\s+$/.test(c.ej.text.slice(prevEnd, c.off)) &&
    typeof c.loc.path[c.loc.path.length - 1] === 'string';
  if (afterValue) c.loc = { ...c.loc, previousNode: undefined };
  const items = c.loc.isAtPropertyKey || afterValue ? completeKeys(ctx, c) : completeValues(ctx, c);
  return items.length ? items : undefined;
}

// ---------------------------------------------------------------------------------------------------- hover

function allowed(t: JType | undefined): string | undefined {
  if (!t) return undefined;
  if (t.kind === 'string' && t.values)
    return `${t.valuesOpen ? 'Common values' : 'Allowed values'}: ${t.values.map((v) => `\`${v}\``).join(', ')}`;
  if (t.kind === 'int' && t.min !== undefined && t.max !== undefined) return `Range: ${t.min}–${t.max}`;
  if (t.kind === 'array') return allowed(t.items);
  return undefined;
}

export function hoverInJson(ctx: CursorContext): Hover | undefined {
  const c = cursorJson(ctx);
  if (!c || !c.ej.root) return undefined;
  const node = findNodeAtOffset(c.ej.root, c.off, true) ?? findNodeAtOffset(c.ej.root, Math.max(0, c.off - 1), true);
  if (!node) return undefined;
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  const keyPath = isKey && typeof node.value === 'string' ? [...getNodePath(node.parent!.parent ?? node), node.value] : getNodePath(node);
  const { field, name } = typeAt(rootTypeOf(c), keyPath);
  const lines: string[] = [];
  if (field && name) {
    lines.push(`**${escapeMarkdown(name)}** · ${typeLabel(field.type)}${field.required ? ' · required' : ''}`, '', escapeHtml(field.doc));
    const al = allowed(field.type);
    if (al) lines.push('', al);
    if (isKey && node.value !== name)
      lines.push('', `Written ${inlineCode(String(node.value))}: the controller matches keys case-insensitively, so this works.`);
  } else if (isKey) {
    lines.push(`**${escapeMarkdown(String(node.value))}**`, '', 'Not a key the controller knows here: it is ignored silently.');
  }
  const inForward =
    c.a.kind === 'actions' &&
    (keyPath.length === 0 ||
      keyPath[0] === 'forwardConfig' ||
      (keyPath[0] as string)?.toLowerCase?.() === 'forwardconfig' ||
      keyPath[0] === 'type');
  const targets = inForward ? weightedTargets(c.ej.root) : undefined;
  if (targets) lines.push('', `**Traffic split:** ${escapeMarkdown(splitText(targets))}`);
  const svc = !isKey ? servicesAtCursor(ctx) : undefined;
  if (svc) {
    const s = svc.services[0];
    lines.push(
      '',
      s
        ? `Service ${inlineCode(`${s.namespace ? s.namespace + '/' : ''}${s.name}`)}: ports ${escapeMarkdown((servicePorts(s) ?? []).map((p) => `${p.port ?? '?'}${p.name ? ` (${p.name})` : ''}`).join(', ') || 'none listed')}`
        : `No Service ${inlineCode(svc.name)} in the workspace for this namespace.`,
    );
  }
  if (field) lines.push('', `[Documentation](${field.link})`);
  if (!lines.length) return undefined;
  const [s, e] = c.ej.toSource(node.offset, node.length);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: ctx.chunk.toRange(s, e) };
}

// ----------------------------------------------------------------------------------------------- definition

/** The Services named by the `serviceName` string under the cursor (same namespace rules as the controller). */
export function servicesAtCursor(ctx: CursorContext): { name: string; services: K8sObject[] } | undefined {
  const c = cursorJson(ctx);
  if (!c || c.a.kind !== 'actions' || !c.ej.root) return undefined;
  const n = findNodeAtOffset(c.ej.root, c.off, true) ?? findNodeAtOffset(c.ej.root, Math.max(0, c.off - 1), true);
  if (!n || n.type !== 'string' || n.parent?.type !== 'property' || n.parent.children?.[1] !== n) return undefined;
  const key = n.parent.children?.[0]?.value;
  if (typeof key !== 'string' || key.toLowerCase() !== 'servicename') return undefined;
  const name = n.value as string;
  return { name, services: ctx.index.find({ kind: 'Service', name, namespace: ctx.obj?.namespace }) };
}

export function serviceDefinition(ctx: CursorContext): Location[] | undefined {
  const found = servicesAtCursor(ctx);
  if (!found || !found.services.length) return undefined;
  return found.services.map((svc) => {
    const r = yamlNodeRange(svc.node(['metadata', 'name'])) ?? svc.documentOffsets();
    return { uri: svc.uri, range: svc.chunk.toRange(r[0], r[1]) };
  });
}

// ------------------------------------------------------------------------------------------------ refactors

function lineIndentAt(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let n = 0;
  while (text[s + n] === ' ') n++;
  return n;
}

export function jsonRefactors(ctx: FileContext, range: Range): CodeAction[] {
  const chunk = ctx.file.yaml.chunkAt(range.start);
  if (!chunk) return [];
  const at = chunk.toOffset(range.start);
  const out: CodeAction[] = [];
  for (const obj of ctx.file.objectsOf(chunk)) {
    for (const a of albJsonAnnotations(obj)) {
      const ej = a.ej;
      const kr = yamlNodeRange(a.pair.key);
      if (!ej || !ej.root || ej.errors.length || !kr) continue;
      const [s, e] = ej.st.range;
      if (at < kr[0] || at > e) continue;
      const indent = lineIndentAt(chunk.text, kr[0]);
      const text = ej.text.trim();
      const block = ej.st.style === 'BLOCK_LITERAL' || ej.st.style === 'BLOCK_FOLDED';
      const eol = chunk.text.includes('\r\n') ? '\r\n' : '\n';
      if (!block) {
        const pretty = applyEdits(text, format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' }));
        const pad = ' '.repeat(indent + 2);
        const body = pretty
          .split('\n')
          .map((l) => pad + l)
          .join(eol);
        // A comment after the value stays a comment: it moves to the block header on the key line.
        const after = /^[ \t]+(#[^\r\n]*)/.exec(chunk.text.slice(e));
        const end = after ? e + after[0].length : e;
        out.push({
          title: 'Rewrite the JSON as an indented block (|)',
          kind: CodeActionKind.RefactorRewrite,
          edit: {
            changes: { [ctx.file.uri]: [{ range: chunk.toRange(s, end), newText: `|${after ? ` ${after[1]}` : ''}${eol}${body}` }] },
          },
        });
      } else {
        // The block runs to the end of its last line; keep the line break that ends it.
        let end = e;
        if (chunk.text[end - 1] === '\n') end--;
        if (chunk.text[end - 1] === '\r') end--;
        // A comment on the block header (`| # note`) stays, after the one-line value.
        const nl = chunk.text.slice(s, end).search(/[\r\n]/);
        const header = nl === -1 ? '' : chunk.text.slice(s, s + nl);
        const comment = /[ \t](#.*)$/.exec(header)?.[1];
        out.push({
          title: 'Rewrite the JSON on one line (single-quoted)',
          kind: CodeActionKind.RefactorRewrite,
          edit: {
            changes: {
              [ctx.file.uri]: [
                { range: chunk.toRange(s, end), newText: `${quoted(collapse(text), 'single')}${comment ? ` ${comment}` : ''}` },
              ],
            },
          },
        });
      }
    }
  }
  return out;
}

/** The JSON on one line, tokens as written, a space after ':' and ','. */
function collapse(text: string): string {
  const sc = createScanner(text, false);
  let out = '';
  for (let k = sc.scan(); k !== SyntaxKind.EOF; k = sc.scan()) {
    if (k === SyntaxKind.Trivia || k === SyntaxKind.LineBreakTrivia) continue;
    out += text.slice(sc.getTokenOffset(), sc.getTokenOffset() + sc.getTokenLength());
    if (k === SyntaxKind.CommaToken || k === SyntaxKind.ColonToken) out += ' ';
  }
  return out;
}

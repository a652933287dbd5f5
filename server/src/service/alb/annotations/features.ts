/**
 * Completion and hover for ALB annotation names and values. Names: every catalog entry after
 * `alb.ingress.kubernetes.io/` (and the whole key from an empty annotations key), with the variable names
 * filled from this Ingress (`actions.<use-annotation backend>`, `conditions.<backend>`, listener ports).
 * Values: enums, booleans and integers as YAML strings, JSON templates as snippets.
 */
import { isScalar, Scalar } from 'yaml';
import {
  CompletionItemKind, CompletionItemTag, InsertTextFormat, MarkupKind, type CompletionItem, type Hover,
} from 'vscode-languageserver-types';
import type { CursorContext } from '../../features/cursor';
import { entryDetail, entryMarkdown, type CatalogEntry } from '../../catalog/types';
import { nodeRange } from '@shared/manifest/yamlNodes';
import {
  ALB_ANNOTATIONS, ALB_PREFIX, SVC_ANNOTATIONS, SVC_PREFIX, findAlbAnnotation, groupCompareText, paramsText, type AlbAnnotationEntry,
} from './catalog';
import { parseListenPorts } from './values';
import { USE_ANNOTATION, ingressBackends, ingressClassOf, AUTO_MODE_CONTROLLER, LBC_CONTROLLER } from './model';
import { scalarString } from '@shared/manifest/yamlNodes';

function inAnnotations(ctx: CursorContext): string | undefined {
  const p = ctx.path;
  if (p.length === 3 && p[0] === 'metadata' && p[1] === 'annotations' && typeof p[2] === 'string') return p[2];
  return undefined;
}

function kindOk(ctx: CursorContext): boolean {
  const k = ctx.obj?.kind;
  return k === 'Ingress' || k === 'Service';
}

// ------------------------------------------------------------------------------------------------- markdown

function groupText(e: AlbAnnotationEntry): string | undefined {
  if (e.groupBehavior === 'N/A') return undefined;
  const conflict = e.groupBehavior === 'Exclusive' ? ' Values the controller cannot merge stop the whole group from reconciling.' : '';
  return `IngressGroup: **${e.groupBehavior}** — ${groupCompareText(e)}.${conflict}`;
}

export function albMarkdown(e: AlbAnnotationEntry, key: string): string {
  const base = entryMarkdown({ ...e, source: undefined }, key);
  const extra: string[] = [];
  if (e.nameHint) extra.push(`Name: ${e.nameHint}.`);
  extra.push(e.scope === 'Ingress' ? 'Applies to: Ingress only.' : 'Applies to: Ingress and Service — set on a Service it overrides the Ingress value for that Service\'s target group.');
  const g = groupText(e);
  if (g) extra.push(g);
  const p = paramsText(e);
  if (p) extra.push(`IngressClassParams: ${p}.`);
  if (e.autoModeUnsupported) extra.push(`⚠️ EKS Auto Mode: ${e.autoModeUnsupported}`);
  if (e.note) extra.push(e.note);
  return [base, '', ...extra.map((x) => `- ${x}`), '', `[Upstream documentation](${e.source})`].join('\n');
}

function svcMarkdown(e: CatalogEntry, key: string): string {
  return entryMarkdown(e, key) + '\n\nRead from Services by the AWS Load Balancer Controller (NLB).';
}

// ------------------------------------------------------------------------------------------------ YAML text

/** A plain YAML scalar that reads back as this exact string, quoting when needed. */
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.inf|\.nan)$/i;
export function yamlString(v: string): string {
  const plainOk = v !== '' && !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(v) && !/\s$/.test(v) && !/: |\s#|:$/.test(v) && !RESERVED.test(v);
  return plainOk ? v : `'${v.replace(/'/g, "''")}'`;
}

type Quote = 'plain' | 'single' | 'double' | 'block';

function quoteContext(ctx: CursorContext): Quote {
  const n = ctx.node;
  if (isScalar(n)) {
    const t = (n as Scalar).type;
    if (t === Scalar.QUOTE_SINGLE) return 'single';
    if (t === Scalar.QUOTE_DOUBLE) return 'double';
    if (t === Scalar.BLOCK_FOLDED || t === Scalar.BLOCK_LITERAL) return 'block';
    return 'plain';
  }
  const m = /:\s+(["'])[^"']*$/.exec(ctx.linePrefix);
  return m ? (m[1] === '"' ? 'double' : 'single') : 'plain';
}

/** Text to insert for a value, given the quoting already around the cursor. `yamlReady` values carry their own quotes. */
function valueText(v: string, q: Quote, yamlReady = false): string {
  let raw = v;
  if (yamlReady && /^'.*'$/s.test(v)) raw = v.slice(1, -1).replace(/''/g, "'");
  if (q === 'single') return raw.replace(/'/g, "''");
  if (q === 'double') return raw.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  if (q === 'block') return raw;
  return yamlReady ? v : yamlString(raw);
}

// ---------------------------------------------------------------------------------------------- completion

function valueSnippet(e: CatalogEntry): string {
  if (e.snippet) return e.snippet;
  if (e.type === 'boolean') return "'${1|true,false|}'";
  if (e.type === 'enum' && e.values?.length) {
    const vals = e.values.map((v) => v.value);
    const q = vals.some((v) => yamlString(v) !== v);
    return `${q ? "'" : ''}\${1|${vals.map((v) => v.replace(/[,|$}\\]/g, (c) => '\\' + c)).join(',')}|}${q ? "'" : ''}`;
  }
  if (e.type === 'integer') return `'\${1:${e.default ?? e.min ?? ''}}'`;
  const d = e.values?.[0]?.value ?? (e.default && !/[ (]/.test(e.default) ? e.default : '');
  const snip = d.replace(/[$}\\]/g, (c) => '\\' + c);
  return yamlString(d) === d ? `\${1:${snip}}` : `'\${1:${snip.replace(/'/g, "''")}}'`;
}

function keyItem(ctx: CursorContext, key: string, e: CatalogEntry, doc: string, sort: string, withValue: boolean, detail?: string): CompletionItem {
  const range = ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]);
  const keyText = key.replace(/\$/g, '\\$');
  return {
    label: key,
    kind: CompletionItemKind.Property,
    detail: detail ?? entryDetail(e),
    documentation: { kind: MarkupKind.Markdown, value: doc },
    tags: e.deprecated ? [CompletionItemTag.Deprecated] : undefined,
    sortText: (e.deprecated ? '9' : sort) + key,
    filterText: key,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: withValue ? `${keyText}: ${valueSnippet(e)}` : keyText },
  };
}

function completeNames(ctx: CursorContext): CompletionItem[] {
  const obj = ctx.obj!;
  const word = ctx.word;
  const lower = word.toLowerCase();
  const rest = ctx.chunk.text.slice(ctx.offset, ctx.chunk.text.indexOf('\n', ctx.offset) === -1 ? undefined : ctx.chunk.text.indexOf('\n', ctx.offset));
  const withValue = !rest.includes(':');
  const present = new Set(Object.keys(obj.annotations));
  present.delete(word);
  const items: CompletionItem[] = [];
  const wantsAlb = ALB_PREFIX.startsWith(lower) || lower.startsWith(ALB_PREFIX) || 'alb'.startsWith(lower.slice(0, 3)) || word === '';
  const wantsSvc = obj.kind === 'Service' && (SVC_PREFIX.startsWith(lower) || lower.startsWith(SVC_PREFIX) || word === '');
  if (!wantsAlb && !wantsSvc) return [];
  if (wantsAlb) {
    const isService = obj.kind === 'Service';
    const backends = isService ? [] : ingressBackends(obj);
    const actionNames = [...new Set(backends.filter((b) => b.portName === USE_ANNOTATION && b.name).map((b) => b.name!))];
    const backendNames = [...new Set(backends.filter((b) => b.name).map((b) => b.name!))];
    for (const e of ALB_ANNOTATIONS) {
      if (isService && e.scope === 'Ingress') continue;
      if (e.name === 'dry-run-plan') continue; // written by the controller
      if (e.prefix) {
        let concrete: string[] = [];
        if (e.prefix === 'actions') concrete = actionNames.map((n) => `actions.${n}`);
        else if (e.prefix === 'conditions' || e.prefix === 'transforms') concrete = backendNames.map((n) => `${e.prefix}.${n}`);
        else if (e.prefix === 'listener-attributes') {
          const lp = parseListenPorts(obj.annotations[ALB_PREFIX + 'listen-ports'] ?? '') ?? [];
          concrete = lp.filter((p) => p.protocol === 'HTTP' || p.protocol === 'HTTPS').map((p) => `listener-attributes.${p.protocol}-${p.port}`);
        } else if (e.prefix === 'target-control-port') {
          concrete = backends.filter((b) => b.name && b.portName !== USE_ANNOTATION && (b.portNumber !== undefined || b.portName)).map((b) => `target-control-port.${b.name}.${b.portNumber ?? b.portName}`);
        }
        for (const c of [...new Set(concrete)]) {
          const key = ALB_PREFIX + c;
          if (present.has(key)) continue;
          const why = e.prefix === 'actions' ? `action for backend ${c.slice(8)} (use-annotation)` : e.prefix === 'conditions' || e.prefix === 'transforms' ? `${e.prefix} for backend ${c.slice(e.prefix.length + 1)}` : undefined;
          items.push(keyItem(ctx, key, e, albMarkdown(e, key), '0', withValue, why ? `${why} · json` : undefined));
        }
        // The generic form with a placeholder name.
        const generic = `${ALB_PREFIX}${e.prefix}.`;
        const item = keyItem(ctx, generic, e, albMarkdown(e, ALB_PREFIX + e.name), '2', false);
        const placeholder = e.prefix === 'listener-attributes' ? '${1|HTTP,HTTPS|}-${2:443}' : e.prefix === 'target-control-port' ? '${1:service}.${2:port}' : '${1:name}';
        item.textEdit = { range: (item.textEdit as { range: import('vscode-languageserver-types').Range }).range, newText: `${generic}${placeholder}${withValue ? `: ${valueSnippet(e)}` : ''}` };
        item.label = ALB_PREFIX + e.name;
        item.filterText = generic;
        items.push(item);
        continue;
      }
      const key = ALB_PREFIX + e.name;
      if (present.has(key)) continue;
      items.push(keyItem(ctx, key, e, albMarkdown(e, key), '1', withValue, `${entryDetail(e)} · ${e.scope === 'Ingress' ? 'Ingress' : 'Ingress, Service'}`));
    }
  }
  if (wantsSvc) {
    for (const e of SVC_ANNOTATIONS) {
      const key = SVC_PREFIX + e.name;
      if (present.has(key)) continue;
      items.push(keyItem(ctx, key, e, svcMarkdown(e, key), '1', withValue));
    }
  }
  return items;
}

function completeValues(ctx: CursorContext, key: string): CompletionItem[] {
  let e: CatalogEntry | undefined;
  let doc: string | undefined;
  if (key.startsWith(ALB_PREFIX)) {
    const a = findAlbAnnotation(key.slice(ALB_PREFIX.length));
    e = a;
    if (a) doc = albMarkdown(a, key);
  } else if (key.startsWith(SVC_PREFIX)) {
    e = SVC_ANNOTATIONS.find((x) => x.name === key.slice(SVC_PREFIX.length));
    if (e) doc = svcMarkdown(e, key);
  }
  if (!e) return [];
  const q = quoteContext(ctx);
  // Mid-edit YAML (an unclosed quote) can stretch the scalar over later lines: never replace past this line.
  const text = ctx.chunk.text;
  const eol = text.indexOf('\n', ctx.offset) === -1 ? text.length : text.indexOf('\n', ctx.offset);
  const end = Math.min(ctx.replace[1], eol);
  const range = ctx.chunk.toRange(ctx.replace[0], end);
  const close = (q === 'single' || q === 'double') && !text.slice(end, eol).includes(q === 'single' ? "'" : '"') && text[end - 1] !== (q === 'single' ? "'" : '"') ? (q === 'single' ? "'" : '"') : '';
  const items: CompletionItem[] = [];
  const plain = (value: string, detail?: string, preselect = false): CompletionItem => ({
    label: value, kind: CompletionItemKind.Value, detail, preselect,
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
    filterText: value,
    textEdit: { range, newText: valueText(value, q) + close },
  });
  if (e.type === 'boolean') {
    for (const v of ['true', 'false']) items.push(plain(v, `${e.name} (as a string)`, e.default === v));
  } else if (e.values?.length) {
    for (const v of e.values) items.push({ ...plain(v.value, v.doc ?? (e.default === v.value ? 'default' : undefined), e.default === v.value), tags: v.deprecated ? [CompletionItemTag.Deprecated] : undefined });
  } else if (e.type === 'integer' && e.default !== undefined) {
    items.push(plain(e.default, `default${e.min !== undefined ? ` (${e.min}–${e.max})` : ''}`, true));
  }
  if (e.type === 'json' && e.snippet) {
    const alb = e as AlbAnnotationEntry;
    const templates = [{ label: `${alb.prefix ?? e.name} template`, snippet: e.snippet }, ...(alb.templates ?? []).map((t) => ({ label: `${alb.prefix ?? e.name}: ${t.label}`, snippet: t.snippet }))];
    templates.forEach((t, i) => items.push({
      label: t.label, kind: CompletionItemKind.Snippet, detail: 'JSON template', sortText: String(i),
      documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
      insertTextFormat: InsertTextFormat.Snippet, filterText: ctx.word || t.snippet,
      textEdit: { range, newText: valueText(t.snippet, q, true) + close },
    }));
  }
  return items;
}

// ------------------------------------------------------------------------------------- spec.ingressClassName

const isClassNamePath = (ctx: CursorContext) => ctx.obj?.kind === 'Ingress' && !ctx.onKey && ctx.path.length === 2 && ctx.path[0] === 'spec' && ctx.path[1] === 'ingressClassName';

function controllerNote(controller: string | undefined): string {
  if (controller === LBC_CONTROLLER) return 'AWS Load Balancer Controller';
  if (controller === AUTO_MODE_CONTROLLER) return 'EKS Auto Mode built-in ALB';
  return controller ?? 'controller not set';
}

/** IngressClass names of the workspace (plus `alb`, the controller's usual class) with their controller. */
function completeClassName(ctx: CursorContext): CompletionItem[] {
  const range = ctx.chunk.toRange(ctx.replace[0], Math.min(ctx.replace[1], ctx.chunk.text.indexOf('\n', ctx.offset) === -1 ? ctx.chunk.text.length : ctx.chunk.text.indexOf('\n', ctx.offset)));
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const c of ctx.index.byKind('IngressClass')) {
    if (!c.name || seen.has(c.name)) continue;
    seen.add(c.name);
    const controller = scalarString(c.node(['spec', 'controller']));
    items.push({ label: c.name, kind: CompletionItemKind.Class, detail: `IngressClass · ${controllerNote(controller)}`, sortText: '0' + c.name, textEdit: { range, newText: yamlString(c.name) } });
  }
  if (!seen.has('alb')) items.push({ label: 'alb', kind: CompletionItemKind.Class, detail: 'the AWS Load Balancer Controller\'s usual class (no IngressClass in the workspace)', sortText: '1alb', textEdit: { range, newText: 'alb' } });
  return items;
}

function classNameHover(ctx: CursorContext): Hover | undefined {
  const cls = ingressClassOf(ctx.obj!, ctx.index);
  if (cls.via !== 'ingressClassName' || !ctx.node) return undefined;
  const lines = [`**IngressClass \`${cls.name}\`**`, ''];
  if (cls.controller) lines.push(`Served by \`${cls.controller}\` (${controllerNote(cls.controller)}).`);
  else if (cls.kind === 'alb') lines.push('No IngressClass of this name in the workspace; `alb` is the AWS Load Balancer Controller\'s usual class.');
  else lines.push('No IngressClass of this name in the workspace.');
  if (cls.kind === 'auto-mode') lines.push('', 'EKS Auto Mode does not support `group.name`, `waf-acl-id`, `web-acl-id`, `shield-advanced-protection` or `auth-type: oidc`.');
  if (cls.kind === 'other') lines.push('', '`alb.ingress.kubernetes.io/*` annotations have no effect with this class.');
  const r = nodeRange(ctx.node);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

/** IngressClass spec.controller: the two ALB controllers. */
const CONTROLLERS = [
  { value: LBC_CONTROLLER, doc: 'The AWS Load Balancer Controller you install (Helm chart); parameters: IngressClassParams of `elbv2.k8s.aws`.' },
  { value: AUTO_MODE_CONTROLLER, doc: 'The ALB built into EKS Auto Mode; parameters: IngressClassParams of `eks.amazonaws.com`. No IngressGroups by annotation, no WAF Classic, no Shield annotation, no OIDC auth.' },
];
const isControllerPath = (ctx: CursorContext) => ctx.obj?.kind === 'IngressClass' && !ctx.onKey && ctx.path.length === 2 && ctx.path[0] === 'spec' && ctx.path[1] === 'controller';

function completeController(ctx: CursorContext): CompletionItem[] {
  const range = ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]);
  return CONTROLLERS.map((c) => ({ label: c.value, kind: CompletionItemKind.Value, detail: controllerNote(c.value), documentation: { kind: MarkupKind.Markdown, value: c.doc }, textEdit: { range, newText: c.value } }));
}

function controllerHover(ctx: CursorContext): Hover | undefined {
  const v = isScalar(ctx.node) ? String((ctx.node as Scalar).value) : undefined;
  const c = CONTROLLERS.find((x) => x.value === v);
  const r = nodeRange(ctx.node);
  if (!c || !r) return undefined;
  return { contents: { kind: MarkupKind.Markdown, value: `**${c.value}** — ${controllerNote(c.value)}\n\n${c.doc}` }, range: ctx.chunk.toRange(r[0], r[1]) };
}

export function completeAnnotations(ctx: CursorContext): CompletionItem[] | undefined {
  if (isClassNamePath(ctx)) return completeClassName(ctx);
  if (isControllerPath(ctx)) return completeController(ctx);
  if (!ctx.obj || !kindOk(ctx)) return undefined;
  const key = inAnnotations(ctx);
  if (key === undefined) return undefined;
  if (ctx.onKey) return completeNames(ctx);
  // Values: only when the key's value is a scalar (or being typed).
  return completeValues(ctx, key);
}

// --------------------------------------------------------------------------------------------------- hover

function valueHover(ctx: CursorContext, key: string): Hover | undefined {
  if (!key.startsWith(ALB_PREFIX) || !isScalar(ctx.node)) return undefined;
  const e = findAlbAnnotation(key.slice(ALB_PREFIX.length));
  if (!e || e.type === 'json') return undefined; // JSON values: the actions part explains their keys
  const text = String((ctx.node as Scalar).value);
  const v = e.values?.find((x) => x.value === text);
  if (!v?.doc) return undefined;
  const r = nodeRange(ctx.node);
  const md = `**${text}** — ${v.doc}\n\n---\n\n${albMarkdown(e, key)}`;
  return { contents: { kind: MarkupKind.Markdown, value: md }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

export function hoverAnnotations(ctx: CursorContext): Hover | undefined {
  if (isClassNamePath(ctx)) return classNameHover(ctx);
  if (isControllerPath(ctx)) return controllerHover(ctx);
  if (!ctx.obj || !kindOk(ctx)) return undefined;
  const key = inAnnotations(ctx);
  if (key === undefined || !ctx.node) return undefined;
  if (!ctx.onKey) return valueHover(ctx, key);
  let md: string | undefined;
  if (key.startsWith(ALB_PREFIX)) {
    const e = findAlbAnnotation(key.slice(ALB_PREFIX.length));
    if (e) {
      md = albMarkdown(e, key);
      if (e.prefix === 'actions' && ctx.obj.kind === 'Ingress') {
        const name = key.slice(ALB_PREFIX.length + 'actions.'.length);
        const users = ingressBackends(ctx.obj).filter((b) => b.name === name && b.portName === USE_ANNOTATION).length;
        md += `\n\nUsed by ${users} rule backend${users === 1 ? '' : 's'} of this Ingress.`;
      }
    }
  } else if (key.startsWith(SVC_PREFIX)) {
    const e = SVC_ANNOTATIONS.find((x) => x.name === key.slice(SVC_PREFIX.length));
    if (e) md = svcMarkdown(e, key);
  }
  if (!md) return undefined;
  const r = nodeRange(ctx.node);
  return { contents: { kind: MarkupKind.Markdown, value: md }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

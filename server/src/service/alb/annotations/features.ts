/**
 * Completion and hover for ALB annotation names and values. Names: every catalog entry after
 * `alb.ingress.kubernetes.io/` (and the whole key from an empty annotations key), with the variable names
 * filled from this Ingress (`actions.<use-annotation backend>`, `conditions.<backend>`, listener ports).
 * Values: enums, booleans and integers as YAML strings, JSON templates as snippets.
 */
import { isScalar, Scalar } from 'yaml';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Hover,
  type Location,
  type Range,
} from 'vscode-languageserver-types';
import type { CursorContext } from '../../features/cursor';
import { entryDetail, entryMarkdown, type CatalogEntry } from '../../catalog/types';
import { nodeRange } from '@shared/manifest/yamlNodes';
import {
  ALB_ANNOTATIONS,
  ALB_PREFIX,
  SVC_ANNOTATIONS,
  SVC_PREFIX,
  findAlbAnnotation,
  groupCompareText,
  paramsText,
  type AlbAnnotationEntry,
} from './catalog';
import { parseListenPorts } from './values';
import {
  USE_ANNOTATION,
  albPairs,
  ingressBackends,
  ingressClassOf,
  AUTO_MODE_CONTROLLER,
  LBC_CONTROLLER,
  type AnnotationPair,
} from './model';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { isUnknownText } from '@shared/manifest/templates';
import { scalarString } from '@shared/manifest/yamlNodes';
import { preferredQuote, quoted, type QuoteStyle } from '../../model/edits';
import { escapeHtml, escapeMarkdown, inlineCode } from '../../features/markdown';

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

/**
 * The documentation of an annotation: static per catalog entry and key, so it is written once (a completion
 * list of 69 keys wrote and escaped every one on each keystroke). At most a few hundred keys per entry are
 * kept (the concrete `actions.<backend>` keys follow the workspace).
 */
const markdownCache = new WeakMap<CatalogEntry, Map<string, string>>();
function cachedMarkdown(e: CatalogEntry, key: string, write: () => string): string {
  let byKey = markdownCache.get(e);
  if (!byKey) markdownCache.set(e, (byKey = new Map()));
  let md = byKey.get(key);
  if (md === undefined) {
    if (byKey.size >= 256) byKey.clear();
    md = write();
    byKey.set(key, md);
  }
  return md;
}

export function albMarkdown(e: AlbAnnotationEntry, key: string): string {
  return cachedMarkdown(e, key, () => writeAlbMarkdown(e, key));
}

function writeAlbMarkdown(e: AlbAnnotationEntry, key: string): string {
  const base = entryMarkdown({ ...e, source: undefined }, key);
  const extra: string[] = [];
  if (e.nameHint) extra.push(`Name: ${e.nameHint}.`);
  extra.push(
    e.scope === 'Ingress'
      ? 'Applies to: Ingress only.'
      : "Applies to: Ingress and Service — set on a Service it overrides the Ingress value for that Service's target group.",
  );
  const g = groupText(e);
  if (g) extra.push(g);
  const p = paramsText(e);
  if (p) extra.push(`IngressClassParams: ${p}.`);
  if (e.autoModeUnsupported) extra.push(`⚠️ EKS Auto Mode: ${e.autoModeUnsupported}`);
  if (e.note) extra.push(e.note);
  return escapeHtml([base, '', ...extra.map((x) => `- ${x}`), '', `[Upstream documentation](${e.source})`].join('\n'));
}

function svcMarkdown(e: CatalogEntry, key: string): string {
  return cachedMarkdown(e, key, () =>
    escapeHtml(entryMarkdown(e, key) + '\n\nRead from Services by the AWS Load Balancer Controller (NLB).'),
  );
}

// ------------------------------------------------------------------------------------------------ YAML text

/** A plain YAML scalar that reads back as this exact string, quoting when needed (in the file's style). */
const RESERVED =
  /^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.inf|\.nan)$/i;
export function yamlString(v: string, style: QuoteStyle = 'single'): string {
  const plainOk = v !== '' && !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(v) && !/\s$/.test(v) && !/: |\s#|:$/.test(v) && !RESERVED.test(v);
  return plainOk ? v : quoted(v, style);
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

/**
 * Text to insert for a value, given the quoting already around the cursor. `yamlReady` values carry their own
 * quotes (JSON templates, single-quoted so their `"` need no escapes). New quotes follow the file (preferredQuote).
 */
function valueText(v: string, q: Quote, style: QuoteStyle, yamlReady = false): string {
  let raw = v;
  if (yamlReady && /^'.*'$/s.test(v)) raw = v.slice(1, -1).replace(/''/g, "'");
  if (q === 'single') return raw.replace(/'/g, "''");
  if (q === 'double') return raw.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  if (q === 'block') return raw;
  return yamlReady ? v : yamlString(raw, style);
}

// ---------------------------------------------------------------------------------------------- completion

/** Snippet text for a literal (`$`, `}` and `\` escaped). */
const snippetLiteral = (s: string) => s.replace(/[$}\\]/g, (c) => '\\' + c);

/**
 * The value a key completion inserts: a useful, valid default (an enum's values, `'443'` for ssl-redirect, an
 * ARN-shaped placeholder for ARNs, a JSON template), quoted as YAML needs in the file's quote style.
 */
function valueSnippet(e: CatalogEntry, style: QuoteStyle): string {
  const q = style === 'double' ? '"' : "'";
  if (e.snippet) return e.snippet;
  if (e.type === 'boolean') return `${q}\${1|true,false|}${q}`;
  if (e.type === 'enum' && e.values?.length) {
    const vals = e.values.map((v) => v.value);
    const needs = vals.some((v) => yamlString(v) !== v);
    return `${needs ? q : ''}\${1|${vals.map((v) => v.replace(/[,|$}\\]/g, (c) => '\\' + c)).join(',')}|}${needs ? q : ''}`;
  }
  if (e.type === 'integer') return `${q}\${1:${e.values?.[0]?.value ?? e.default ?? e.min ?? ''}}${q}`;
  const d = e.values?.[0]?.value ?? (e.default && !/[ (]/.test(e.default) ? e.default : '');
  const snip = snippetLiteral(d);
  return yamlString(d) === d
    ? `\${1:${snip}}`
    : style === 'double'
      ? `"\${1:${snip.replace(/["\\]/g, (c) => '\\' + c)}}"`
      : `'\${1:${snip.replace(/'/g, "''")}}'`;
}

/** Renumber a snippet's tab stops by `by` (so a name placeholder before it keeps its own stop); $0 stays. */
export function shiftTabStops(snippet: string, by: number): string {
  return snippet.replace(/(\\*)\$(\{?)(\d+)/g, (m, bs: string, brace: string, n: string) =>
    bs.length % 2 === 1 || n === '0' ? m : `${bs}$${brace}${Number(n) + by}`,
  );
}

function keyItem(
  ctx: CursorContext,
  key: string,
  e: CatalogEntry,
  doc: string,
  sort: string,
  withValue: boolean,
  detail?: string,
): CompletionItem {
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
    textEdit: { range, newText: withValue ? `${keyText}: ${valueSnippet(e, preferredQuote(ctx.chunk.text))}` : keyText },
  };
}

/**
 * Whole annotations for the blue/green and canary patterns (formerly VS Code snippets, which VS Code offers
 * everywhere in YAML; here only where an annotation key goes): a weighted forward action, valid as inserted.
 */
const ACTION_PATTERNS: { label: string; doc: string; json: (ind: string, eol: string) => string }[] = [
  {
    label: 'blue/green (weighted forward)',
    doc: 'Forward to two Services with weights, all traffic on blue; shift it with the code lenses above the annotation.',
    json: (i, n) =>
      `|${n}${i}{"type": "forward", "forwardConfig": {"targetGroups": [${n}${i}  {"serviceName": "\${2:web-blue}", "servicePort": \${3:80}, "weight": \${4:100}},${n}${i}  {"serviceName": "\${5:web-green}", "servicePort": \${3:80}, "weight": \${6:0}}]}}`,
  },
  {
    label: 'canary (weighted forward, sticky)',
    doc: 'Send a small share of traffic to a canary Service, keeping each client on the version it first reached.',
    json: (i, n) =>
      `|${n}${i}{"type": "forward", "forwardConfig": {"targetGroups": [${n}${i}  {"serviceName": "\${2:web}", "servicePort": \${3:80}, "weight": \${4:90}},${n}${i}  {"serviceName": "\${5:web-canary}", "servicePort": \${3:80}, "weight": \${6:10}}],${n}${i} "targetGroupStickinessConfig": {"enabled": true, "durationSeconds": \${7:300}}}}`,
  },
];

/** Whether a catalog name answers what is typed without the prefix (`ssl`, `healthcheck`, `target-type`). */
function matchesShort(name: string, typed: string): boolean {
  return typed.length >= 2 && name.includes(typed);
}

function completeNames(ctx: CursorContext): CompletionItem[] {
  const obj = ctx.obj!;
  const word = ctx.word;
  const lower = word.toLowerCase();
  const text = ctx.chunk.text;
  const eolAt = text.indexOf('\n', ctx.offset);
  const rest = text.slice(ctx.offset, eolAt === -1 ? undefined : eolAt);
  const withValue = !rest.includes(':');
  const style = preferredQuote(text);
  const present = new Set(Object.keys(obj.annotations));
  present.delete(word);
  const items: CompletionItem[] = [];
  const fullAlb = ALB_PREFIX.startsWith(lower) || lower.startsWith(ALB_PREFIX) || 'alb'.startsWith(lower.slice(0, 3)) || word === '';
  const fullSvc = obj.kind === 'Service' && (SVC_PREFIX.startsWith(lower) || lower.startsWith(SVC_PREFIX) || word === '');
  // Typed without the prefix: answer by the short name, and let the editor filter on it.
  const short = !fullAlb && !fullSvc && /^[a-z][a-z0-9.-]*$/.test(lower) ? lower : undefined;
  const shortItem = (item: CompletionItem, name: string): CompletionItem => ({ ...item, filterText: name, sortText: `1${name}` });
  if (fullAlb || short) {
    const isService = obj.kind === 'Service';
    const backends = isService ? [] : ingressBackends(obj);
    const actionNames = [...new Set(backends.filter((b) => b.portName === USE_ANNOTATION && b.name).map((b) => b.name!))];
    const backendNames = [...new Set(backends.filter((b) => b.name).map((b) => b.name!))];
    for (const e of ALB_ANNOTATIONS) {
      if (isService && e.scope === 'Ingress') continue;
      if (e.name === 'dry-run-plan') continue; // written by the controller
      if (e.prefix) {
        if (short && !matchesShort(e.prefix, short)) continue;
        let concrete: string[] = [];
        if (e.prefix === 'actions') concrete = actionNames.map((n) => `actions.${n}`);
        else if (e.prefix === 'conditions' || e.prefix === 'transforms') concrete = backendNames.map((n) => `${e.prefix}.${n}`);
        else if (e.prefix === 'listener-attributes') {
          const lp = parseListenPorts(obj.annotations[ALB_PREFIX + 'listen-ports'] ?? '') ?? [];
          concrete = lp
            .filter((p) => p.protocol === 'HTTP' || p.protocol === 'HTTPS')
            .map((p) => `listener-attributes.${p.protocol}-${p.port}`);
        } else if (e.prefix === 'target-control-port') {
          concrete = backends
            .filter((b) => b.name && b.portName !== USE_ANNOTATION && (b.portNumber !== undefined || b.portName))
            .map((b) => `target-control-port.${b.name}.${b.portNumber ?? b.portName}`);
        }
        for (const c of [...new Set(concrete)]) {
          const key = ALB_PREFIX + c;
          if (present.has(key)) continue;
          const why =
            e.prefix === 'actions'
              ? `action for backend ${c.slice(8)} (use-annotation)`
              : e.prefix === 'conditions' || e.prefix === 'transforms'
                ? `${e.prefix} for backend ${c.slice(e.prefix.length + 1)}`
                : undefined;
          const item = keyItem(ctx, key, e, albMarkdown(e, key), '0', withValue, why ? `${why} · json` : undefined);
          items.push(short ? shortItem(item, c) : item);
        }
        // The generic form with a placeholder name; the value's tab stops come after the name's.
        const generic = `${ALB_PREFIX}${e.prefix}.`;
        const item = keyItem(ctx, generic, e, albMarkdown(e, ALB_PREFIX + e.name), '2', false);
        const [placeholder, stops] =
          e.prefix === 'listener-attributes'
            ? (['${1|HTTP,HTTPS|}-${2:443}', 2] as const)
            : e.prefix === 'target-control-port'
              ? (['${1:service}.${2:port}', 2] as const)
              : (['${1:name}', 1] as const);
        item.textEdit = {
          range: (item.textEdit as { range: Range }).range,
          newText: `${generic}${placeholder}${withValue ? `: ${shiftTabStops(valueSnippet(e, style), stops)}` : ''}`,
        };
        item.label = ALB_PREFIX + e.name;
        item.filterText = short ? e.prefix : generic;
        items.push(item);
        if (e.prefix === 'actions' && withValue) {
          // The blue/green and canary entry points: a whole, valid weighted action under a name to choose.
          const indent = ' '.repeat(lineIndent(text, ctx.replace[0]) + 2);
          const eol = text.includes('\r\n') ? '\r\n' : '\n';
          const name = actionNames.find((n) => !present.has(`${ALB_PREFIX}actions.${n}`));
          ACTION_PATTERNS.forEach((t, i) =>
            items.push({
              label: `${ALB_PREFIX}actions: ${t.label}`,
              kind: CompletionItemKind.Snippet,
              detail: 'weighted forward action · json',
              documentation: { kind: MarkupKind.Markdown, value: escapeHtml(t.doc) },
              sortText: `3${i}`,
              filterText: short ? `actions ${t.label}` : `${generic}${t.label}`,
              insertTextFormat: InsertTextFormat.Snippet,
              textEdit: {
                range: (item.textEdit as { range: Range }).range,
                newText: `${generic}\${1:${snippetLiteral(name ?? 'blue-green')}}: ${t.json(indent, eol)}`,
              },
            }),
          );
        }
        continue;
      }
      if (short && !matchesShort(e.name, short)) continue;
      const key = ALB_PREFIX + e.name;
      if (present.has(key)) continue;
      const item = keyItem(
        ctx,
        key,
        e,
        albMarkdown(e, key),
        '1',
        withValue,
        `${entryDetail(e)} · ${e.scope === 'Ingress' ? 'Ingress' : 'Ingress, Service'}`,
      );
      items.push(short ? shortItem(item, e.name) : item);
    }
  }
  if (fullSvc || (short && obj.kind === 'Service')) {
    for (const e of SVC_ANNOTATIONS) {
      if (short && !matchesShort(e.name, short)) continue;
      const key = SVC_PREFIX + e.name;
      if (present.has(key)) continue;
      const item = keyItem(ctx, key, e, svcMarkdown(e, key), '1', withValue);
      items.push(short ? shortItem(item, e.name) : item);
    }
  }
  return items;
}

function lineIndent(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let n = 0;
  while (text[s + n] === ' ') n++;
  return n;
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
  const close =
    (q === 'single' || q === 'double') &&
    !text.slice(end, eol).includes(q === 'single' ? "'" : '"') &&
    text[end - 1] !== (q === 'single' ? "'" : '"')
      ? q === 'single'
        ? "'"
        : '"'
      : '';
  const items: CompletionItem[] = [];
  const plain = (value: string, detail?: string, preselect = false): CompletionItem => ({
    label: value,
    kind: CompletionItemKind.Value,
    detail,
    preselect,
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
    filterText: value,
    textEdit: { range, newText: valueText(value, q, preferredQuote(text)) + close },
  });
  if (e.type === 'boolean') {
    for (const v of ['true', 'false']) items.push(plain(v, `${e.name} (as a string)`, e.default === v));
  } else if (e.values?.length) {
    for (const v of e.values)
      items.push({
        ...plain(v.value, v.doc ?? (e.default === v.value ? 'default' : undefined), e.default === v.value),
        tags: v.deprecated ? [CompletionItemTag.Deprecated] : undefined,
      });
  } else if (e.type === 'integer' && e.default !== undefined) {
    items.push(plain(e.default, `default${e.min !== undefined ? ` (${e.min}–${e.max})` : ''}`, true));
  }
  if (e.type === 'json' && e.snippet) {
    const alb = e as AlbAnnotationEntry;
    const templates = [
      { label: `${alb.prefix ?? e.name} template`, snippet: e.snippet },
      ...(alb.templates ?? []).map((t) => ({ label: `${alb.prefix ?? e.name}: ${t.label}`, snippet: t.snippet })),
    ];
    // Inside JSON already written, the JSON part's items (keys, values, Service names) come first.
    const written = isScalar(ctx.node) && String((ctx.node as Scalar).value ?? '').trim() !== '';
    templates.forEach((t, i) =>
      items.push({
        label: t.label,
        kind: CompletionItemKind.Snippet,
        detail: 'JSON template',
        sortText: `${written ? 'zz' : ''}${i}`,
        documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
        insertTextFormat: InsertTextFormat.Snippet,
        filterText: ctx.word || t.snippet,
        textEdit: { range, newText: valueText(t.snippet, q, preferredQuote(text), true) + close },
      }),
    );
  }
  return items;
}

// ------------------------------------------------------------------------------------- spec.ingressClassName

const isClassNamePath = (ctx: CursorContext) =>
  ctx.obj?.kind === 'Ingress' && !ctx.onKey && ctx.path.length === 2 && ctx.path[0] === 'spec' && ctx.path[1] === 'ingressClassName';

function controllerNote(controller: string | undefined): string {
  if (controller === LBC_CONTROLLER) return 'AWS Load Balancer Controller';
  if (controller === AUTO_MODE_CONTROLLER) return 'EKS Auto Mode built-in ALB';
  return controller ?? 'controller not set';
}

/** IngressClass names of the workspace (plus `alb`, the controller's usual class) with their controller. */
function completeClassName(ctx: CursorContext): CompletionItem[] {
  const range = ctx.chunk.toRange(
    ctx.replace[0],
    Math.min(
      ctx.replace[1],
      ctx.chunk.text.indexOf('\n', ctx.offset) === -1 ? ctx.chunk.text.length : ctx.chunk.text.indexOf('\n', ctx.offset),
    ),
  );
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const c of ctx.index.byKind('IngressClass')) {
    if (!c.name || seen.has(c.name)) continue;
    seen.add(c.name);
    const controller = scalarString(c.node(['spec', 'controller']));
    items.push({
      label: c.name,
      kind: CompletionItemKind.Class,
      detail: `IngressClass · ${controllerNote(controller)}`,
      sortText: '0' + c.name,
      textEdit: { range, newText: yamlString(c.name) },
    });
  }
  if (!seen.has('alb'))
    items.push({
      label: 'alb',
      kind: CompletionItemKind.Class,
      detail: "the AWS Load Balancer Controller's usual class (no IngressClass in the workspace)",
      sortText: '1alb',
      textEdit: { range, newText: 'alb' },
    });
  return items;
}

function classNameHover(ctx: CursorContext): Hover | undefined {
  const cls = ingressClassOf(ctx.obj!, ctx.index);
  if (cls.via !== 'ingressClassName' || !ctx.node) return undefined;
  const lines = [`**IngressClass ${inlineCode(cls.name ?? '')}**`, ''];
  if (cls.controller) lines.push(`Served by ${inlineCode(cls.controller)} (${escapeMarkdown(controllerNote(cls.controller))}).`);
  else if (cls.kind === 'alb')
    lines.push("No IngressClass of this name in the workspace; `alb` is the AWS Load Balancer Controller's usual class.");
  else lines.push('No IngressClass of this name in the workspace.');
  if (cls.kind === 'auto-mode')
    lines.push(
      '',
      'EKS Auto Mode does not support `group.name`, `waf-acl-id`, `web-acl-id`, `shield-advanced-protection` or `auth-type: oidc`.',
    );
  if (cls.kind === 'other') lines.push('', '`alb.ingress.kubernetes.io/*` annotations have no effect with this class.');
  const r = nodeRange(ctx.node);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

/** IngressClass spec.controller: the two ALB controllers. */
const CONTROLLERS = [
  {
    value: LBC_CONTROLLER,
    doc: 'The AWS Load Balancer Controller you install (Helm chart); parameters: IngressClassParams of `elbv2.k8s.aws`.',
  },
  {
    value: AUTO_MODE_CONTROLLER,
    doc: 'The ALB built into EKS Auto Mode; parameters: IngressClassParams of `eks.amazonaws.com`. No IngressGroups by annotation, no WAF Classic, no Shield annotation, no OIDC auth.',
  },
];
const isControllerPath = (ctx: CursorContext) =>
  ctx.obj?.kind === 'IngressClass' && !ctx.onKey && ctx.path.length === 2 && ctx.path[0] === 'spec' && ctx.path[1] === 'controller';

function completeController(ctx: CursorContext): CompletionItem[] {
  const range = ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]);
  return CONTROLLERS.map((c) => ({
    label: c.value,
    kind: CompletionItemKind.Value,
    detail: controllerNote(c.value),
    documentation: { kind: MarkupKind.Markdown, value: c.doc },
    textEdit: { range, newText: c.value },
  }));
}

function controllerHover(ctx: CursorContext): Hover | undefined {
  const v = isScalar(ctx.node) ? String((ctx.node as Scalar).value) : undefined;
  const c = CONTROLLERS.find((x) => x.value === v);
  const r = nodeRange(ctx.node);
  if (!c || !r) return undefined;
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: `**${escapeMarkdown(c.value)}** — ${escapeMarkdown(controllerNote(c.value))}\n\n${escapeHtml(c.doc)}`,
    },
    range: ctx.chunk.toRange(r[0], r[1]),
  };
}

// ------------------------------------------------------------------------------- rule backends ↔ actions

/** The part of an Ingress backend the cursor is on: the Service name or the port name (v1 and v1beta1). */
function backendField(ctx: CursorContext): 'name' | 'port' | undefined {
  if (ctx.obj?.kind !== 'Ingress' || ctx.onKey) return undefined;
  const p = ctx.path;
  const inBackend = (i: number) => p[i] === 'backend' || p[i] === 'defaultBackend';
  const n = p.length;
  if (p[n - 1] === 'name' && p[n - 2] === 'service' && inBackend(n - 3)) return 'name';
  if (p[n - 1] === 'name' && p[n - 2] === 'port' && p[n - 3] === 'service' && inBackend(n - 4)) return 'port';
  if (p[n - 1] === 'serviceName' && inBackend(n - 2)) return 'name';
  if (p[n - 1] === 'servicePort' && inBackend(n - 2)) return 'port';
  return undefined;
}

/** The names of this Ingress's `actions.<name>` annotations, with their key nodes. */
function actionAnnotations(obj: K8sObject): { name: string; pair: AnnotationPair }[] {
  return albPairs(obj)
    .filter((a) => a.key.startsWith(ALB_PREFIX + 'actions.'))
    .map((a) => ({ name: a.key.slice(ALB_PREFIX.length + 'actions.'.length), pair: a }));
}

/** `use-annotation` for a backend port name; the Ingress's action names for a backend Service name. */
function completeBackend(ctx: CursorContext, field: 'name' | 'port'): CompletionItem[] {
  const obj = ctx.obj!;
  const text = ctx.chunk.text;
  const eol = text.indexOf('\n', ctx.offset) === -1 ? text.length : text.indexOf('\n', ctx.offset);
  const range = ctx.chunk.toRange(ctx.replace[0], Math.min(ctx.replace[1], eol));
  const actions = actionAnnotations(obj);
  if (field === 'port') {
    const svcPath = [
      ...ctx.path.slice(0, ctx.path[ctx.path.length - 1] === 'servicePort' ? -1 : -2),
      ctx.path[ctx.path.length - 1] === 'servicePort' ? 'serviceName' : 'name',
    ];
    const svcName = scalarString(obj.node(svcPath));
    const hasAction = svcName !== undefined && actions.some((a) => a.name === svcName);
    return [
      {
        label: USE_ANNOTATION,
        kind: CompletionItemKind.EnumMember,
        sortText: hasAction ? '0' : '5',
        preselect: hasAction,
        detail: `run the action ${ALB_PREFIX}actions.${svcName ?? '<service name>'}`,
        documentation: {
          kind: MarkupKind.Markdown,
          value: escapeHtml(
            `The AWS Load Balancer Controller's magic port name: this backend then does what the \`${ALB_PREFIX}actions.${svcName ?? '<name>'}\` annotation says (forward with weights, redirect, fixed response), where <name> is the backend's service name.${hasAction ? '' : ' This Ingress has no such annotation yet.'}`,
          ),
        },
        textEdit: { range, newText: USE_ANNOTATION },
      },
    ];
  }
  return actions
    .filter((a) => !isUnknownText(a.name))
    .map((a) => ({
      label: a.name,
      kind: CompletionItemKind.Reference,
      sortText: `0${a.name}`,
      detail: `action · ${ALB_PREFIX}actions.${a.name} (use port.name: use-annotation)`,
      textEdit: { range, newText: yamlString(a.name, preferredQuote(text)) },
    }));
}

/** From a backend's service name to the `actions.<name>` annotation it runs (use-annotation backends). */
export function definitionAnnotations(ctx: CursorContext): Location[] | undefined {
  if (backendField(ctx) !== 'name') return undefined;
  const name = scalarString(ctx.node);
  if (!name) return undefined;
  const a = actionAnnotations(ctx.obj!).find((x) => x.name === name);
  const r = a ? nodeRange(a.pair.keyNode) : undefined;
  return r ? [{ uri: ctx.obj!.uri, range: ctx.chunk.toRange(r[0], r[1]) }] : undefined;
}

export function completeAnnotations(ctx: CursorContext): CompletionItem[] | undefined {
  const backend = backendField(ctx);
  if (backend) return completeBackend(ctx, backend);
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
  const md = `**${escapeMarkdown(text)}** — ${escapeHtml(v.doc)}\n\n---\n\n${albMarkdown(e, key)}`;
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

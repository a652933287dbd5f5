/**
 * Completion and hover for Datadog keys on workloads: Autodiscovery annotations with the Pod template's own
 * container names, Pod-level AD keys, library-injection annotations, the admission-controller labels and the
 * unified service tagging labels (on the template and on the workload), and their values.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Hover } from 'vscode-languageserver-types';
import type { CursorContext } from '../features/cursor';
import { entryMarkdown, type CatalogEntry } from '../catalog/types';
import { keyString, nodeRange, pairs, type NodePath } from '@shared/manifest/yamlNodes';
import { podTemplatePath } from '../workspace/workloads';
import {
  AD_CONTAINER_KEYS,
  AD_POD_KEYS,
  AD_PREFIX,
  ADMISSION_ANNOTATIONS,
  ADMISSION_LABELS,
  ADMISSION_PREFIX,
  LEGACY_AD_PREFIX,
  LIB_LANGUAGES,
  TEMPLATE_VARIABLES,
  UST_LABELS,
  UST_PREFIX,
} from './catalog';
import { containerFor, datadogView, parseAdKey } from './model';

type Map_ = 'podAnnotations' | 'podLabels' | 'ownLabels';

function mapAt(ctx: CursorContext): { which: Map_; key: string; base: NodePath } | undefined {
  const o = ctx.obj;
  const tpl = o ? podTemplatePath(o) : undefined;
  if (!o || !tpl) return undefined;
  const p = ctx.path;
  const key = p[p.length - 1];
  if (typeof key !== 'string') return undefined;
  const base = p.slice(0, -1);
  const is = (path: NodePath) => path.length === base.length && path.every((s, i) => s === base[i]);
  if (is([...tpl, 'metadata', 'annotations'])) return { which: 'podAnnotations', key, base };
  if (is([...tpl, 'metadata', 'labels'])) return { which: 'podLabels', key, base };
  if (tpl.length && is(['metadata', 'labels'])) return { which: 'ownLabels', key, base };
  return undefined;
}

function lineRange(ctx: CursorContext) {
  const text = ctx.chunk.text;
  const eol = text.indexOf('\n', ctx.offset) === -1 ? text.length : text.indexOf('\n', ctx.offset);
  return ctx.chunk.toRange(ctx.replace[0], Math.min(ctx.replace[1], eol));
}

function md(e: CatalogEntry, key: string, extra = ''): string {
  return `${entryMarkdown({ ...e, source: undefined }, key)}${extra}${e.source ? `\n\n[Datadog documentation](${e.source})` : ''}`;
}

function valueSnippet(e: CatalogEntry): string {
  if (e.snippet) return e.snippet;
  if (e.type === 'boolean') return '"${1|true,false|}"';
  if (e.type === 'enum' && e.values?.length) return `"\${1|${e.values.map((v) => v.value).join(',')}|}"`;
  return '"$1"';
}

interface KeyOffer {
  key: string;
  e: CatalogEntry;
  doc: string;
  sort: string;
}

function item(ctx: CursorContext, o: KeyOffer, withValue: boolean): CompletionItem {
  return {
    label: o.key,
    kind: CompletionItemKind.Property,
    detail: o.e.type === 'json' ? 'JSON' : o.e.type,
    documentation: { kind: MarkupKind.Markdown, value: o.doc },
    sortText: o.sort + o.key,
    filterText: o.key,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: lineRange(ctx), newText: withValue ? `${o.key.replace(/\$/g, '\\$')}: ${valueSnippet(o.e)}` : o.key },
  };
}

const AD_ORDER = [
  'checks',
  'logs',
  'tags',
  'check.id',
  'exclude',
  'logs_exclude',
  'metrics_exclude',
  'check_names',
  'init_configs',
  'instances',
  'ignore_autodiscovery_tags',
  'check_tag_cardinality',
];

export function completeDatadog(ctx: CursorContext): CompletionItem[] | undefined {
  const at = mapAt(ctx);
  if (!at || !ctx.obj) return undefined;
  const v = datadogView(ctx.obj);
  if (!v) return undefined;
  const have = new Set(
    pairs(ctx.obj.node(at.base))
      .map((p) => keyString(p))
      .filter((k) => k !== ctx.word),
  );
  if (!ctx.onKey) return completeValue(ctx, at.which, at.key);
  const rest = ctx.chunk.text.slice(
    ctx.offset,
    ctx.chunk.text.indexOf('\n', ctx.offset) === -1 ? undefined : ctx.chunk.text.indexOf('\n', ctx.offset),
  );
  const withValue = !rest.includes(':');
  const lower = ctx.word.toLowerCase();
  const wants = (prefix: string) => lower === '' || prefix.startsWith(lower) || lower.startsWith(prefix);
  const offers: KeyOffer[] = [];
  const names = v.containers.map((c) => c.name).filter((n): n is string => !!n);
  if (at.which === 'podAnnotations') {
    if (wants(AD_PREFIX)) {
      for (const n of names) {
        const c = containerFor(v, n);
        const ports = c?.ports.map((p) => (p.name ? `${p.name} (${p.containerPort ?? '?'})` : String(p.containerPort ?? '?'))).join(', ');
        for (const s of AD_ORDER) {
          const e = AD_CONTAINER_KEYS.get(s)!;
          offers.push({
            key: `${AD_PREFIX}${n}.${s}`,
            e,
            sort: String(AD_ORDER.indexOf(s)).padStart(2, '0'),
            doc: md(e, `${AD_PREFIX}${n}.${s}`, `\n\nContainer \`${n}\`${ports ? `, ports ${ports}` : ', no declared ports'}.`),
          });
        }
      }
      for (const e of AD_POD_KEYS.entries)
        offers.push({ key: AD_PREFIX + e.name, e, sort: '20', doc: md(e, AD_PREFIX + e.name, '\n\nApplies to the whole Pod.') });
    }
    if (wants(ADMISSION_PREFIX)) {
      for (const e of ADMISSION_ANNOTATIONS.entries) {
        if (e.name.startsWith('<lang>')) {
          for (const l of LIB_LANGUAGES) {
            const key = ADMISSION_PREFIX + e.name.replace('<lang>', l.value);
            offers.push({ key, e, sort: '30', doc: md(e, key, `\n\n${l.value}: ${l.doc}.`) });
          }
        } else offers.push({ key: ADMISSION_PREFIX + e.name, e, sort: '31', doc: md(e, ADMISSION_PREFIX + e.name) });
      }
    }
  } else {
    if (at.which === 'podLabels' && wants(ADMISSION_PREFIX))
      for (const e of ADMISSION_LABELS.entries)
        offers.push({ key: ADMISSION_PREFIX + e.name, e, sort: '1', doc: md(e, ADMISSION_PREFIX + e.name) });
    if (wants(UST_PREFIX))
      for (const e of UST_LABELS.entries) offers.push({ key: UST_PREFIX + e.name, e, sort: '0', doc: md(e, UST_PREFIX + e.name) });
  }
  return offers.filter((o) => !have.has(o.key)).map((o) => item(ctx, o, withValue));
}

function completeValue(ctx: CursorContext, which: Map_, key: string): CompletionItem[] | undefined {
  const values = (e: CatalogEntry | undefined) =>
    (e?.values ?? []).map((x, i) => ({
      label: x.value,
      kind: CompletionItemKind.Value,
      detail: x.doc,
      sortText: String(i),
      textEdit: { range: lineRange(ctx), newText: /:\s*["']/.test(ctx.linePrefix) ? x.value : `"${x.value}"` },
    }));
  if (key.startsWith(ADMISSION_PREFIX)) {
    const name = key.slice(ADMISSION_PREFIX.length);
    return values(which === 'podLabels' ? ADMISSION_LABELS.get(name) : ADMISSION_ANNOTATIONS.get(name));
  }
  if (which === 'podAnnotations' && key.startsWith(AD_PREFIX)) {
    const k = parseAdKey({ key, keyNode: undefined as never, pair: undefined as never });
    const e = k && (k.id === undefined ? AD_POD_KEYS.get(k.suffix) : AD_CONTAINER_KEYS.get(k.suffix));
    if (!e) return undefined;
    if (e.snippet && !ctx.word) {
      return [
        {
          label: `${k!.suffix} template`,
          kind: CompletionItemKind.Snippet,
          detail: 'JSON',
          insertTextFormat: InsertTextFormat.Snippet,
          textEdit: { range: lineRange(ctx), newText: e.snippet },
        },
      ];
    }
    return values(e);
  }
  return undefined;
}

function hoverAt(ctx: CursorContext, text: string): Hover {
  const r = nodeRange(ctx.node);
  return { contents: { kind: MarkupKind.Markdown, value: text }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

export function hoverDatadog(ctx: CursorContext): Hover | undefined {
  const at = mapAt(ctx);
  if (!at || !ctx.obj || !ctx.onKey || !ctx.node) return undefined;
  const v = datadogView(ctx.obj);
  if (!v) return undefined;
  const key = at.key;
  if (at.which === 'podAnnotations' && (key.startsWith(AD_PREFIX) || key.startsWith(LEGACY_AD_PREFIX))) {
    const k = parseAdKey({ key, keyNode: ctx.node, pair: ctx.pair! });
    if (!k) return undefined;
    const e = k.id === undefined ? AD_POD_KEYS.get(k.suffix) : AD_CONTAINER_KEYS.get(k.suffix);
    if (!e) return undefined;
    let extra = '';
    if (k.id !== undefined) {
      const c = containerFor(v, k.id);
      extra = c
        ? `\n\nContainer \`${c.name}\`${c.ports.length ? ` — ports: ${c.ports.map((p) => (p.name ? `\`${p.name}\` ${p.containerPort ?? ''}` : String(p.containerPort ?? ''))).join(', ')}` : ' — no declared ports'}.`
        : `\n\nNo container \`${k.id}\` in this Pod template.`;
      if (e.json && e.json !== 'checkNames')
        extra += `\n\nTemplate variables: ${Object.entries(TEMPLATE_VARIABLES)
          .map(([n, d]) => `\`%%${n}%%\` ${d}`)
          .join('; ')}.`;
    }
    if (k.legacy) extra += `\n\nLegacy prefix \`${LEGACY_AD_PREFIX}\`: still read, with the lowest priority.`;
    return hoverAt(ctx, md(e, key, extra));
  }
  if (key.startsWith(ADMISSION_PREFIX)) {
    const name = key.slice(ADMISSION_PREFIX.length);
    if (at.which === 'podLabels') {
      const e = ADMISSION_LABELS.get(name);
      return e ? hoverAt(ctx, md(e, key)) : undefined;
    }
    if (at.which === 'podAnnotations') {
      const lib = /^(?:([^.]+)\.)?([A-Za-z0-9#_+-]+)-lib\.(version|custom-image|config\.v1)$/.exec(name);
      const e = lib
        ? ADMISSION_ANNOTATIONS.get(lib[2] === 'all' ? 'all-lib.version' : `<lang>-lib.${lib[3]}`)
        : ADMISSION_ANNOTATIONS.get(name);
      if (!e) return undefined;
      const lang = lib && LIB_LANGUAGES.find((l) => l.value === lib[2]);
      return hoverAt(
        ctx,
        md(e, key, `${lang ? `\n\n${lang.value}: ${lang.doc}.` : ''}${lib?.[1] ? `\n\nOnly for container \`${lib[1]}\`.` : ''}`),
      );
    }
  }
  if (key.startsWith(UST_PREFIX) && at.which !== 'podAnnotations') {
    const e = UST_LABELS.get(key.slice(UST_PREFIX.length));
    return e
      ? hoverAt(
          ctx,
          md(
            e,
            key,
            at.which === 'ownLabels'
              ? '\n\nHere on the workload: tags its Kubernetes State Metrics.'
              : "\n\nHere on the Pod template: tags the Pods' metrics, logs and traces.",
          ),
        )
      : undefined;
  }
  return undefined;
}

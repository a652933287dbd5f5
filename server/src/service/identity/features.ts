/**
 * Completion, hover and definition for IAM-for-Pods: the IRSA annotation keys and values (ServiceAccounts and Pod
 * templates), `serviceAccountName` → its ServiceAccount (or the eksctl entry that creates it), and hover on a
 * workload saying which IAM role its Pods get (IRSA or EKS Pod Identity, and which wins).
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Hover,
  type Location,
} from 'vscode-languageserver-types';
import type { CursorContext } from '../features/cursor';
import { entryMarkdown } from '../catalog/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { keyString, nodeRange, pairs, scalarString, type NodePath } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import { podTemplatePath, workloadOf } from '../workspace/workloads';
import { IRSA_ANNOTATIONS, IRSA_PREFIX, type IrsaAnnotation } from './catalog';
import { associationsFor, isServiceAccount, serviceAccountTable, serviceAccountsFor } from './model';

type Where = 'ServiceAccount' | 'Pod';

/** Which annotation map the cursor is in: a ServiceAccount's, or a Pod's / Pod template's. */
function annotationScope(ctx: CursorContext): { where: Where; key: string; base: NodePath } | undefined {
  const o = ctx.obj;
  if (!o) return undefined;
  const p = ctx.path;
  const key = p[p.length - 1];
  if (typeof key !== 'string') return undefined;
  const base = p.slice(0, -1);
  const is = (path: NodePath) => path.length === base.length && path.every((s, i) => s === base[i]);
  if (isServiceAccount(o) && is(['metadata', 'annotations'])) return { where: 'ServiceAccount', key, base };
  const tpl = podTemplatePath(o);
  if (tpl && is([...tpl, 'metadata', 'annotations'])) return { where: 'Pod', key, base };
  return undefined;
}

export function irsaMarkdown(e: IrsaAnnotation): string {
  return `${entryMarkdown({ ...e, source: undefined }, IRSA_PREFIX + e.name)}\n\nRead from: ${e.on.join(' and ')}.\n\n[Upstream documentation](${e.source})`;
}

function lineRange(ctx: CursorContext) {
  const text = ctx.chunk.text;
  const eol = text.indexOf('\n', ctx.offset) === -1 ? text.length : text.indexOf('\n', ctx.offset);
  return ctx.chunk.toRange(ctx.replace[0], Math.min(ctx.replace[1], eol));
}

function valueSnippet(e: IrsaAnnotation): string {
  if (e.type === 'boolean') return '"${1|true,false|}"';
  if (e.snippet) return `"${e.snippet}"`;
  if (e.default) return `"\${1:${e.default}}"`;
  return '"$1"';
}

function isServiceAccountNameValue(ctx: CursorContext): boolean {
  const o = ctx.obj;
  const tpl = o ? podTemplatePath(o) : undefined;
  if (!o || !tpl || ctx.onKey) return false;
  const p = ctx.path;
  return (
    p.length === tpl.length + 2 &&
    tpl.every((s, i) => p[i] === s) &&
    p[tpl.length] === 'spec' &&
    (p[tpl.length + 1] === 'serviceAccountName' || p[tpl.length + 1] === 'serviceAccount')
  );
}

export function completeIdentity(ctx: CursorContext): CompletionItem[] | undefined {
  const o = ctx.obj;
  if (!o) return undefined;
  if (isServiceAccountNameValue(ctx)) {
    const ns = o.namespace;
    const t = serviceAccountTable(ctx.index);
    const names = new Map<string, string>();
    for (const [name, list] of t.byName) {
      const e = list.find((x) => x.namespace === undefined || ns === undefined || x.namespace === ns);
      if (e && !isUnknownText(name))
        names.set(name, e.roleArn ? `IRSA role ${e.roleArn}` : e.eksctl ? 'created by eksctl' : 'ServiceAccount in this workspace');
    }
    return [...names].map(([name, detail]) => ({
      label: name,
      kind: CompletionItemKind.Reference,
      detail,
      textEdit: { range: lineRange(ctx), newText: name },
    }));
  }
  const scope = annotationScope(ctx);
  if (!scope) return undefined;
  if (ctx.onKey) {
    const have = new Set(
      pairs(o.node(scope.base))
        .map((p) => keyString(p))
        .filter((k) => k !== ctx.word),
    );
    const rest = ctx.chunk.text.slice(
      ctx.offset,
      ctx.chunk.text.indexOf('\n', ctx.offset) === -1 ? undefined : ctx.chunk.text.indexOf('\n', ctx.offset),
    );
    const withValue = !rest.includes(':');
    const lower = ctx.word.toLowerCase();
    if (lower && !IRSA_PREFIX.startsWith(lower.slice(0, IRSA_PREFIX.length)) && !lower.startsWith('eks')) return undefined;
    return IRSA_ANNOTATIONS.entries
      .filter((e) => e.on.includes(scope.where) && !have.has(IRSA_PREFIX + e.name))
      .map((e) => ({
        label: IRSA_PREFIX + e.name,
        kind: CompletionItemKind.Property,
        detail: `IRSA · ${e.on.join(', ')}`,
        documentation: { kind: MarkupKind.Markdown, value: irsaMarkdown(e) },
        sortText: (e.name === 'role-arn' ? '0' : '1') + e.name,
        filterText: IRSA_PREFIX + e.name,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: lineRange(ctx), newText: withValue ? `${IRSA_PREFIX}${e.name}: ${valueSnippet(e)}` : IRSA_PREFIX + e.name },
      }));
  }
  if (!scope.key.startsWith(IRSA_PREFIX)) return undefined;
  const e = IRSA_ANNOTATIONS.get(scope.key.slice(IRSA_PREFIX.length));
  if (!e) return undefined;
  const quoted = /:\s*["'][^"']*$/.test(ctx.linePrefix);
  const q = (v: string) => (quoted ? v : `"${v}"`);
  if (e.name === 'skip-containers') {
    const w = workloadOf(o);
    return (w?.containers ?? [])
      .filter((c) => c.name)
      .map((c) => ({
        label: c.name!,
        kind: CompletionItemKind.Value,
        detail: `${c.list === 'initContainers' ? 'init container' : 'container'}`,
        textEdit: { range: lineRange(ctx), newText: c.name! },
      }));
  }
  const values = e.values ?? (e.default ? [{ value: e.default, doc: 'default' }] : []);
  return values.map((v) => ({
    label: v.value,
    kind: CompletionItemKind.Value,
    detail: v.doc,
    textEdit: { range: lineRange(ctx), newText: q(v.value) },
  }));
}

function hoverAt(ctx: CursorContext, md: string): Hover {
  const r = nodeRange(ctx.node);
  return { contents: { kind: MarkupKind.Markdown, value: md }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

/** What IAM role the Pods of a workload (or of a ServiceAccount name in a namespace) get, as Markdown lines. */
export function roleSummary(ctx: CursorContext, saName: string, namespace: string | undefined): string[] | undefined {
  const sas = serviceAccountsFor(ctx.index, saName, namespace);
  const assocs = associationsFor(ctx.index, saName, namespace);
  const irsa =
    sas.find((s) => s.roleArn)?.roleArn ??
    (sas.some((s) => s.eksctl) ? 'a role eksctl creates and binds (iam.serviceAccounts)' : undefined);
  const lines: string[] = [];
  if (assocs.length) {
    const a = assocs[0];
    lines.push(
      `**EKS Pod Identity:** ${a.roleARN ? `\`${a.roleARN}\`` : 'a role eksctl creates'} (association in eksctl cluster ${a.config.name ?? ''}).`,
    );
    if (irsa)
      lines.push(
        `**IRSA:** ${irsa.startsWith('arn:') ? `\`${irsa}\`` : irsa} — new Pods get the Pod Identity role instead (the webhook gives container credentials precedence).`,
      );
  } else if (irsa) {
    lines.push(`**IAM role (IRSA):** ${irsa.startsWith('arn:') ? `\`${irsa}\`` : irsa}`);
  }
  if (!lines.length)
    return sas.length
      ? [
          "No IAM role: the ServiceAccount has no `eks.amazonaws.com/role-arn` and no Pod Identity association in the workspace, so SDKs fall back to the node's role (unless IMDS is blocked).",
        ]
      : undefined;
  return lines;
}

export function hoverIdentity(ctx: CursorContext): Hover | undefined {
  const o = ctx.obj;
  if (!o || !ctx.node) return undefined;
  if (isServiceAccountNameValue(ctx)) {
    const name = scalarString(ctx.node);
    if (!name || isUnknownText(name)) return undefined;
    const sas = serviceAccountsFor(ctx.index, name, o.namespace);
    const head = `**ServiceAccount \`${name}\`**${o.namespace ? ` in namespace ${o.namespace}` : ''}`;
    const role = roleSummary(ctx, name, o.namespace);
    const found = sas.length ? '' : '\n\nNot declared in this workspace.';
    return hoverAt(ctx, `${head}${found}${role ? `\n\n${role.join('\n\n')}` : ''}`);
  }
  // A workload's name: its Pods' IAM role, when there is one to tell.
  if (!ctx.onKey && ctx.path.length === 2 && ctx.path[0] === 'metadata' && ctx.path[1] === 'name' && podTemplatePath(o)) {
    const w = workloadOf(o);
    const sa = w?.serviceAccountName && !isUnknownText(w.serviceAccountName) ? w.serviceAccountName : 'default';
    const role = roleSummary(ctx, sa, o.namespace);
    if (!role || !roleHasRole(role)) return undefined;
    return hoverAt(ctx, `**${o.kind} ${o.name ?? ''}** · ServiceAccount \`${sa}\`\n\n${role.join('\n\n')}`);
  }
  const scope = annotationScope(ctx);
  if (!scope || !ctx.onKey || !scope.key.startsWith(IRSA_PREFIX)) return undefined;
  const e = IRSA_ANNOTATIONS.get(scope.key.slice(IRSA_PREFIX.length));
  return e ? hoverAt(ctx, irsaMarkdown(e)) : undefined;
}

function roleHasRole(lines: string[]): boolean {
  return lines.some((l) => l.startsWith('**'));
}

export function identityDefinition(ctx: CursorContext): Location[] | undefined {
  if (!isServiceAccountNameValue(ctx)) return undefined;
  const name = scalarString(ctx.node);
  if (!name) return undefined;
  const out: Location[] = [];
  for (const e of serviceAccountsFor(ctx.index, name, ctx.obj!.namespace)) {
    const obj: K8sObject | undefined = e.obj ?? e.eksctl?.config;
    if (!obj) continue;
    const node = e.obj ? obj.node(['metadata', 'name']) : e.eksctl!.node;
    const r = nodeRange(node) ?? obj.documentOffsets();
    out.push({ uri: obj.uri, range: obj.chunk.toRange(r[0], r[1]) });
  }
  return out.length ? out : undefined;
}

/**
 * Completion and hover for eksctl ClusterConfig files: every field of the derived schema (names in eksctl's
 * preferred order, types, allowed values, defaults), our texts from docs.ts, and the EKS support window on
 * `metadata.version`.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Hover } from 'vscode-languageserver-types';
import { isScalar, type Scalar } from 'yaml';
import { withRealIndices, type CursorContext } from '../features/cursor';
import { keyString, nodeRange, pairs, type NodePath } from '@shared/manifest/yamlNodes';
import { deref, propertiesOf, ROOT, SCHEMA, SCHEMA_SOURCE, typeLabel, type CompactType } from './schema';
import { fieldDoc } from './docs';
import { isClusterConfig, yaml11Type } from './model';
import { CALENDAR_SOURCE, EKS_CALENDAR, supportStatus, supportWindowText, today } from '../upgrade/calendar';

const SCHEMA_DOCS = 'https://eksctl.io/usage/schema/';

interface Located {
  type?: CompactType;
  parentDef?: string;
  field?: string;
}

/** The schema type at a path and the definition that holds its last field. */
export function locate(path: NodePath): Located {
  let t: CompactType | undefined = ROOT;
  let def: string | undefined = SCHEMA.root;
  let parentDef: string | undefined;
  let fieldName: string | undefined;
  for (const seg of path) {
    const d = deref(t);
    if (!d) return {};
    if (typeof seg === 'number') {
      const it: CompactType | undefined = d.i ?? (t?.$ === 'taintsWrapper' ? { $: 'NodeGroupTaint' } : undefined);
      def = it?.$ ?? def;
      t = it;
      continue;
    }
    parentDef = lastDef(t) ?? def;
    fieldName = seg;
    const props = propertiesOf(t);
    const next: CompactType | true | undefined = (props[seg] as CompactType | undefined) ?? d.a;
    if (next === undefined) return {};
    t = next === true ? { t: '*' } : next;
    def = lastDef(t) ?? def;
  }
  return { type: t, parentDef, field: fieldName };
}

/** The definition name a (chain of) reference(s) ends at. */
function lastDef(t: CompactType | undefined): string | undefined {
  let cur = t,
    name: string | undefined;
  for (let i = 0; cur?.$ && i < 16; i++) {
    name = cur.$;
    cur = SCHEMA.defs[cur.$];
  }
  return name;
}

function detailOf(t: CompactType | undefined): string {
  const d = deref(t);
  if (d?.e) return d.e.join(' | ');
  return typeLabel(t);
}

export function fieldMarkdown(name: string, loc: Located): string {
  const d = deref(loc.type);
  const lines = [`**${name}**${loc.parentDef ? ` · eksctl ${loc.parentDef}` : ''}`, ''];
  const doc = fieldDoc(loc.parentDef, name);
  if (doc) lines.push(doc, '');
  const facts = [`Type: \`${typeLabel(loc.type)}\``];
  if (d?.e) facts.push(`Allowed: ${d.e.map((e) => '`' + String(e) + '`').join(', ')}`);
  const dflt = loc.type?.d ?? d?.d;
  if (dflt) facts.push(`Default: \`${dflt}\``);
  const parent = loc.parentDef ? SCHEMA.defs[loc.parentDef] : undefined;
  if (parent?.r?.includes(name)) facts.push('Required');
  lines.push(facts.join(' · '), '', `[eksctl config file schema](${SCHEMA_DOCS}) · structure from ${SCHEMA_SOURCE}`);
  return lines.join('\n');
}

function valueItems(ctx: CursorContext, values: { value: string; detail?: string; doc?: string }[]): CompletionItem[] {
  const range = ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]);
  return values.map((v, i) => ({
    label: v.value,
    kind: CompletionItemKind.Value,
    detail: v.detail,
    documentation: v.doc ? { kind: MarkupKind.Markdown, value: v.doc } : undefined,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: v.value },
  }));
}

export function completeEksctl(ctx: CursorContext): CompletionItem[] | undefined {
  const obj = ctx.obj;
  if (!obj || !isClusterConfig(obj) || ctx.path.length === 0) return undefined;
  const path = withRealIndices(obj, ctx.path, ctx.offset);
  const on = today(ctx.settings.today);
  if (!ctx.onKey || (typeof path[path.length - 2] === 'number' && deref(locate(path.slice(0, -1)).type)?.t !== 'o')) {
    // A value (or a `- item` of a list of scalars, which the cursor reports as a key of a new item).
    const vpath = ctx.onKey ? path.slice(0, -1) : path;
    const last = vpath[vpath.length - 1];
    if (vpath.length === 2 && vpath[0] === 'metadata' && last === 'version') {
      return valueItems(
        ctx,
        EKS_CALENDAR.filter((e) => {
          const p = supportStatus(e.version, on).phase;
          return p === 'standard' || p === 'extended';
        }).map((e) => ({
          value: `"${e.version}"`,
          detail:
            supportStatus(e.version, on).phase === 'standard'
              ? `standard support until ${e.endOfStandard}`
              : `extended support (extra cost) until ${e.endOfExtended}`,
          doc: supportWindowText(e.version, on),
        })),
      );
    }
    if (last === 'nodePools' || (typeof last === 'number' && vpath[vpath.length - 2] === 'nodePools')) {
      return valueItems(ctx, [
        { value: 'general-purpose', detail: 'built-in Auto Mode node pool' },
        { value: 'system', detail: 'built-in Auto Mode node pool for critical add-ons' },
      ]);
    }
    if (last === 'name' && vpath[0] === 'addons' && vpath.length === 3) {
      return valueItems(
        ctx,
        [
          'vpc-cni',
          'coredns',
          'kube-proxy',
          'eks-pod-identity-agent',
          'aws-ebs-csi-driver',
          'aws-efs-csi-driver',
          'metrics-server',
          'amazon-cloudwatch-observability',
          'snapshot-controller',
        ].map((v) => ({ value: v, detail: 'EKS add-on' })),
      );
    }
    const d = deref(locate(vpath).type);
    if (d?.e)
      return valueItems(
        ctx,
        d.e.map((e) => ({ value: String(e) })),
      );
    if (d?.t === 'b') return valueItems(ctx, [{ value: 'true' }, { value: 'false' }]);
    return undefined;
  }
  const parentPath = path.slice(0, -1);
  const parentLoc = locate(parentPath);
  const parentType = parentPath.length === 0 ? ROOT : parentLoc.type;
  const props = propertiesOf(parentType);
  const names = Object.keys(props);
  if (!names.length) return undefined;
  const have = new Set(
    pairs(obj.node(parentPath))
      .map((p) => keyString(p))
      .filter((k): k is string => !!k),
  );
  const range = ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]);
  const def = parentPath.length === 0 ? SCHEMA.root : lastDef(parentType);
  const required = new Set(def ? (SCHEMA.defs[def]?.r ?? []) : []);
  return names
    .filter((k) => !have.has(k) || k === ctx.word)
    .map((k, i) => {
      const t = props[k];
      const d = deref(t);
      const block = d?.t === 'o' || d?.t === 'a' || d?.t === '*';
      return {
        label: k,
        kind: CompletionItemKind.Field,
        detail: detailOf(t),
        documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(k, { type: t, parentDef: def, field: k }) },
        sortText: (required.has(k) ? '0' : '1') + String(i).padStart(3, '0'),
        insertTextFormat: InsertTextFormat.PlainText,
        textEdit: { range, newText: block ? `${k}:` : `${k}: ` },
      };
    });
}

function hoverAt(ctx: CursorContext, markdown: string): Hover {
  const r = nodeRange(ctx.node);
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

export function hoverEksctl(ctx: CursorContext): Hover | undefined {
  const obj = ctx.obj;
  if (!obj || !isClusterConfig(obj) || ctx.path.length === 0) return undefined;
  const path = ctx.path;
  const name = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (!name) return undefined;
  const loc = locate(path);
  if (!loc.type) return undefined;
  let md = fieldMarkdown(name, loc);
  if (path.length === 2 && path[0] === 'metadata' && name === 'version') {
    const n = obj.node(['metadata', 'version']);
    if (isScalar(n)) {
      const t = yaml11Type(n);
      const on = today(ctx.settings.today);
      const head =
        t === 'int' || t === 'float'
          ? `⚠️ Unquoted, YAML reads this as the number ${String((n as Scalar).value)}; eksctl cannot load it. Write \`"${String((n as Scalar).source)}"\`.`
          : t === 'string'
            ? `${supportWindowText(String((n as Scalar).value), on)} ([EKS calendar](${CALENDAR_SOURCE}))`
            : undefined;
      if (head) md = `${head}\n\n---\n\n${md}`;
    }
  }
  return hoverAt(ctx, md);
}

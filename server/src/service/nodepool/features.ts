/** Completion and hover for NodePools and NodeClasses, driven by the schemas and the requirement-key catalog. */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Hover,
  type Location,
} from 'vscode-languageserver-types';
import { isScalar, type Node } from 'yaml';
import { withRealIndices, type CursorContext } from '../features/cursor';
import { schemaAt, type FieldSchema } from '../catalog/schema';
import { entryMarkdown } from '../catalog/types';
import { keyString, nodeRange, pairs, scalarString, toPlain, type NodePath } from '@shared/manifest/yamlNodes';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { NODECLASS_DOCS, NODECLASS_SCHEMA, NODEPOOL_DOCS, NODEPOOL_SCHEMA, REQUIREMENT_KEYS, type RequirementKey } from './catalog';
import {
  durationSeconds,
  humanDuration,
  isAutoMode,
  isAutoModeNodeClass,
  isNodePool,
  nodePoolRequirements,
  taintsOf,
  type Requirement,
} from './model';

const MODULE = 'nodepool';

function rootSchema(obj: K8sObject | undefined): FieldSchema | undefined {
  if (!obj) return undefined;
  if (isNodePool(obj) && obj.apiVersion === 'karpenter.sh/v1') return NODEPOOL_SCHEMA;
  if (isAutoModeNodeClass(obj)) return NODECLASS_SCHEMA;
  return undefined;
}

/** Suggested values for free-form fields, by field name. */
const SUGGESTIONS: Record<string, { value: string; doc: string }[]> = {
  expireAfter: [
    { value: '336h', doc: '14 days (Auto Mode default)' },
    { value: '504h', doc: '21 days (Auto Mode maximum)' },
    { value: '720h', doc: '30 days (upstream default)' },
    { value: 'Never', doc: 'nodes never expire (not honoured by Auto Mode)' },
  ],
  terminationGracePeriod: [
    { value: '1h', doc: 'one hour' },
    { value: '24h', doc: 'one day' },
    { value: '48h', doc: 'two days' },
  ],
  consolidateAfter: [
    { value: '0s', doc: 'consolidate immediately (default)' },
    { value: '30s', doc: '30 seconds' },
    { value: '5m', doc: '5 minutes' },
    { value: '1h', doc: 'one hour' },
    { value: 'Never', doc: 'turn consolidation off' },
  ],
  nodes: [
    { value: '"10%"', doc: '10% of the nodes at a time (default)' },
    { value: '"1"', doc: 'one node at a time' },
    { value: '"0"', doc: 'no voluntary disruption while the budget is active' },
  ],
  schedule: [
    { value: '"@daily"', doc: 'every day at midnight UTC' },
    { value: '"0 9 * * mon-fri"', doc: 'weekdays at 09:00 UTC' },
    { value: '"0 0 * * *"', doc: 'every day at 00:00 UTC' },
  ],
  duration: [
    { value: '8h', doc: 'eight hours' },
    { value: '1h30m', doc: 'one and a half hours' },
    { value: '24h', doc: 'a whole day' },
  ],
  group: [
    { value: 'eks.amazonaws.com', doc: 'EKS Auto Mode NodeClass' },
    { value: 'karpenter.k8s.aws', doc: 'self-managed Karpenter EC2NodeClass' },
  ],
  kind: [
    { value: 'NodeClass', doc: 'EKS Auto Mode' },
    { value: 'EC2NodeClass', doc: 'self-managed Karpenter on AWS' },
  ],
};

function fieldMarkdown(name: string, s: FieldSchema, source?: string): string {
  const lines = [`**${name}**`, ''];
  if (s.deprecated) lines.push(`⚠️ Deprecated: ${s.deprecated}`, '');
  if (s.doc) lines.push(s.doc, '');
  const facts = [`Type: \`${s.type === 'array' ? `list of ${s.items?.type ?? 'any'}` : s.type}\``];
  if (s.enum) facts.push(`Allowed: ${s.enum.map((e) => '`' + e.value + '`').join(', ')}`);
  if (s.minimum !== undefined || s.maximum !== undefined) facts.push(`Range: ${s.minimum ?? '−∞'} to ${s.maximum ?? '∞'}`);
  if (s.maxItems !== undefined) facts.push(`At most ${s.maxItems} items`);
  if (s.patternHint) facts.push(`Format: ${s.patternHint}`);
  if (s.default !== undefined) facts.push(`Default: \`${s.default}\``);
  if (s.required?.length) facts.push(`Requires: ${s.required.map((r) => '`' + r + '`').join(', ')}`);
  lines.push(facts.join(' · '));
  if (source) lines.push('', `[Upstream documentation](${source})`);
  return lines.join('\n');
}

/** Position of the requirement list item when the path is inside `requirements[i]`. */
function requirementIndex(path: NodePath): { base: NodePath; index: number; rest: NodePath } | undefined {
  const at = path.lastIndexOf('requirements');
  if (at < 0 || typeof path[at + 1] !== 'number') return undefined;
  return { base: path.slice(0, at + 1), index: path[at + 1] as number, rest: path.slice(at + 2) };
}

function requirementKeyItems(ctx: CursorContext, auto: boolean): CompletionItem[] {
  const range = ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]);
  return REQUIREMENT_KEYS.entries
    .filter((e) => (auto ? !e.selfManaged && e.name !== 'kubernetes.io/os' : !e.autoMode))
    .map((e) => ({
      label: e.name,
      kind: CompletionItemKind.Property,
      detail: `${e.valueKind === 'integer' ? 'number · In, NotIn, Gt, Lt, Exists' : 'In, NotIn, Exists, DoesNotExist'}`,
      documentation: { kind: MarkupKind.Markdown, value: keyMarkdown(e) },
      sortText: (e.autoMode ? '0' : '1') + e.name,
      textEdit: { range, newText: e.name },
    }));
}

function keyMarkdown(e: RequirementKey): string {
  const ops =
    e.valueKind === 'integer'
      ? 'Operators: `In`, `NotIn`, `Gt`, `Lt`, `Exists`, `DoesNotExist` (Gt/Lt with one integer).'
      : 'Operators: `In`, `NotIn`, `Exists`, `DoesNotExist`.';
  return `${entryMarkdown(e)}\n\n${ops}`;
}

function valueItems(ctx: CursorContext, values: { value: string; doc?: string }[], detail?: string): CompletionItem[] {
  const range = ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]);
  return values.map((v, i) => ({
    label: v.value,
    kind: CompletionItemKind.Value,
    detail: v.doc ?? detail,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: v.value },
  }));
}

function existingKeys(obj: K8sObject, path: NodePath): Set<string> {
  return new Set(
    pairs(obj.node(path))
      .map((p) => keyString(p))
      .filter((k): k is string => !!k),
  );
}

export function completeNodePool(ctx: CursorContext): CompletionItem[] | undefined {
  const obj = ctx.obj;
  const root = rootSchema(obj);
  if (!obj || !root || ctx.path.length === 0) return undefined;
  const path = withRealIndices(obj, ctx.path, ctx.offset);
  const last = path[path.length - 1];
  const auto =
    isNodePool(obj) && (isAutoMode(obj) || scalarString(obj.node(['spec', 'template', 'spec', 'nodeClassRef', 'group'])) === undefined);

  // Values of a requirement: key, operator, values items (`- ab` is reported as a key of a new item).
  const req = isNodePool(obj) ? requirementIndex(path) : undefined;
  if (req) {
    const rest = req.rest;
    if (!ctx.onKey && rest.length === 1 && rest[0] === 'key') return requirementKeyItems(ctx, auto);
    const inValues =
      rest[0] === 'values' &&
      ((!ctx.onKey && typeof rest[1] === 'number' && rest.length === 2) || (ctx.onKey && typeof rest[1] === 'number' && rest.length === 3));
    if (inValues) {
      const key = scalarString(obj.node([...req.base, req.index, 'key']));
      const entry = key ? REQUIREMENT_KEYS.get(key) : undefined;
      return entry?.values ? valueItems(ctx, entry.values, key) : undefined;
    }
  }
  if (!ctx.onKey) {
    const name = String(last);
    const parent = path[path.length - 2];
    if (name === 'name' && parent === 'nodeClassRef') {
      const names = new Set<string>(
        ctx.index
          .byKind('NodeClass')
          .filter(isAutoModeNodeClass)
          .map((o) => o.name)
          .filter((n): n is string => !!n),
      );
      const group = scalarString(obj.node([...path.slice(0, -1), 'group']));
      const items = [...names].map((n) => ({ value: n, doc: 'NodeClass in this workspace' }));
      if (group === undefined || group === 'eks.amazonaws.com') items.push({ value: 'default', doc: 'EKS Auto Mode built-in NodeClass' });
      return valueItems(ctx, items);
    }
    const s = schemaAt(root, path);
    if (!s) return undefined;
    if (s.enum) return valueItems(ctx, s.enum);
    if (s.type === 'boolean') return valueItems(ctx, [{ value: 'true' }, { value: 'false' }]);
    const sug = SUGGESTIONS[name];
    if (sug && (typeof parent !== 'number' || name === 'nodes' || name === 'schedule' || name === 'duration')) return valueItems(ctx, sug);
    return undefined;
  }
  // Field names from the schema of the parent.
  const parentPath = path.slice(0, -1);
  const ps = schemaAt(root, parentPath);
  if (!ps || ps.type !== 'object' || !ps.properties) return undefined;
  const have = existingKeys(obj, parentPath);
  const range = ctx.chunk.toRange(ctx.replace[0], ctx.replace[1]);
  return Object.entries(ps.properties)
    .filter(([k]) => !have.has(k) || k === ctx.word)
    .map(([k, s]) => ({
      label: k,
      kind: CompletionItemKind.Field,
      detail: s.type === 'array' ? 'list' : s.enum ? s.enum.map((e) => e.value).join(' | ') : s.type,
      documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(k, s) },
      sortText: (ps.required?.includes(k) ? '0' : '1') + k,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range, newText: s.type === 'object' || s.type === 'array' || s.type === 'any' ? `${k}:` : `${k}: ` },
      data: { module: MODULE },
    }));
}

// ───────────────────────────── hover ─────────────────────────────

function hoverAt(ctx: CursorContext, markdown: string): Hover {
  const r = nodeRange(ctx.node);
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: r ? ctx.chunk.toRange(r[0], r[1]) : undefined };
}

export function hoverNodePool(ctx: CursorContext): Hover | undefined {
  const obj = ctx.obj;
  const root = rootSchema(obj);
  if (!obj || !root || ctx.path.length === 0) return undefined;
  const path = ctx.path;
  if (
    isNodePool(obj) &&
    ((path.length === 1 && path[0] === 'kind') || (path.length === 2 && path[0] === 'metadata' && path[1] === 'name')) &&
    !ctx.onKey
  ) {
    return hoverAt(ctx, summarizeNodePool(obj));
  }
  const req = isNodePool(obj) ? requirementIndex(path) : undefined;
  if (req && !ctx.onKey) {
    const key = scalarString(obj.node([...req.base, req.index, 'key']));
    const entry = key ? REQUIREMENT_KEYS.get(key) : undefined;
    if (req.rest.length === 1 && req.rest[0] === 'key' && entry) return hoverAt(ctx, keyMarkdown(entry));
    if (req.rest[0] === 'values' && entry) {
      const val = scalarString(ctx.node);
      const known = entry.values?.find((v) => v.value === val);
      return hoverAt(ctx, `**${key}: ${val ?? ''}**\n\n${known?.doc ?? entry.doc}`);
    }
  }
  const s = schemaAt(root, path);
  if (!s) return undefined;
  const name = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
  if (!ctx.onKey && s.enum) {
    const val = scalarString(ctx.node);
    const e = s.enum.find((x) => x.value === val);
    if (e?.doc) return hoverAt(ctx, `**${name}: ${e.value}**\n\n${e.doc}\n\n---\n\n${fieldMarkdown(name, s)}`);
  }
  if (!s.doc) return undefined;
  return hoverAt(ctx, fieldMarkdown(name, s, root === NODEPOOL_SCHEMA ? NODEPOOL_DOCS : NODECLASS_DOCS));
}

// ───────────────────────────── NodePool summary ─────────────────────────────

const SHORT: Record<string, string> = {
  'eks.amazonaws.com/instance-category': 'instance category',
  'eks.amazonaws.com/instance-generation': 'generation',
  'eks.amazonaws.com/instance-family': 'instance family',
  'eks.amazonaws.com/instance-size': 'size',
  'eks.amazonaws.com/instance-cpu': 'vCPUs',
  'eks.amazonaws.com/instance-memory': 'memory (MiB)',
  'karpenter.sh/capacity-type': 'capacity type',
  'kubernetes.io/arch': 'architecture',
  'topology.kubernetes.io/zone': 'zone',
  'node.kubernetes.io/instance-type': 'instance type',
  'eks.amazonaws.com/instance-gpu-manufacturer': 'GPU maker',
  'eks.amazonaws.com/instance-gpu-name': 'GPU',
  'eks.amazonaws.com/instance-gpu-count': 'GPU count',
};

function describeRequirement(r: Requirement): string {
  const what = SHORT[r.key ?? ''] ?? `\`${r.key ?? '?'}\``;
  const list = r.values.join(', ');
  switch (r.operator) {
    case 'In':
      return `${what}: ${list}`;
    case 'NotIn':
      return `${what} not ${list}`;
    case 'Exists':
      return `${what} present`;
    case 'DoesNotExist':
      return `no ${what}`;
    case 'Gt':
      return `${what} > ${list}`;
    case 'Lt':
      return `${what} < ${list}`;
    case 'Gte':
      return `${what} ≥ ${list}`;
    case 'Lte':
      return `${what} ≤ ${list}`;
    default:
      return `${what} ${r.operator ?? '?'} ${list}`;
  }
}

export function summarizeNodePool(obj: K8sObject): string {
  const auto = isAutoMode(obj);
  const t = (p: string[]) => scalarString(obj.node(['spec', 'template', 'spec', ...p]));
  const lines: string[] = [`**NodePool ${obj.name ?? ''}**${auto ? ' · EKS Auto Mode' : ''}`, ''];
  const ref = t(['nodeClassRef', 'name']);
  lines.push(
    `Nodes use ${t(['nodeClassRef', 'kind']) ?? 'NodeClass'} \`${ref ?? '?'}\`${t(['nodeClassRef', 'group']) ? ` (${t(['nodeClassRef', 'group'])})` : ''}.`,
    '',
  );
  const reqs = nodePoolRequirements(obj);
  lines.push(`**Instances:** ${reqs.length ? reqs.map(describeRequirement).join('; ') : 'any type the NodeClass allows'}.`);
  const taints = taintsOf(obj.node(['spec', 'template', 'spec', 'taints']), obj).filter((x) => x.key);
  if (taints.length)
    lines.push(
      `**Only for Pods tolerating:** ${taints.map((x) => `\`${x.key}${x.value ? '=' + x.value : ''}:${x.effect ?? ''}\``).join(', ')}.`,
    );
  const exp = t(['expireAfter']);
  const expText =
    exp === 'Never'
      ? 'never expire'
      : exp
        ? `are replaced after ${humanDuration(durationSeconds(exp) ?? 0)}`
        : `are replaced after ${auto ? '14 days (Auto Mode default)' : '30 days (default)'}`;
  lines.push(`**Lifetime:** nodes ${expText}${auto ? '; Auto Mode caps node life at 21 days' : ''}.`);
  const tgp = t(['terminationGracePeriod']);
  lines.push(
    tgp
      ? `**Drain:** a draining node waits at most ${humanDuration(durationSeconds(tgp) ?? 0)} before remaining Pods are deleted.`
      : '**Drain:** no terminationGracePeriod, so a drain can wait on PodDisruptionBudgets indefinitely.',
  );
  const d = (p: string) => scalarString(obj.node(['spec', 'disruption', p]));
  const policy = d('consolidationPolicy') ?? 'WhenEmptyOrUnderutilized';
  const after = d('consolidateAfter') ?? '0s';
  lines.push(
    after === 'Never'
      ? '**Consolidation:** off.'
      : `**Consolidation:** ${policy === 'WhenEmpty' ? 'only empty nodes are removed' : policy === 'Balanced' ? 'balanced (only when savings justify the disruption)' : 'empty and underused nodes are removed or replaced'}, after ${after}.`,
  );
  const budgets = obj.node(['spec', 'disruption', 'budgets']);
  const bl = (budgets && 'items' in budgets ? (budgets as { items: unknown[] }).items : []).map((b) => {
    const m = Object.fromEntries(pairs(b).map((p) => [keyString(p), toPlain(p.value, obj.doc)]));
    const reasons = Array.isArray(m.reasons) ? ` (${m.reasons.join(', ')})` : '';
    const n = String(m.nodes ?? '10%');
    const count = n.endsWith('%') ? `${n} of nodes` : n === '0' ? 'no nodes' : `${n} node${n === '1' ? '' : 's'}`;
    return `${count} at a time${reasons}${m.schedule ? ` from \`${String(m.schedule)}\` for ${String(m.duration ?? '?')}` : ''}`;
  });
  lines.push(`**Disruption budget:** ${bl.length ? bl.join('; ') : '10% of nodes at a time (default)'}.`);
  const limits = pairs(obj.node(['spec', 'limits'])).map((p) => `${keyString(p)} ${scalarString(p.value) ?? ''}`);
  if (limits.length) lines.push(`**Limits:** ${limits.join(', ')}.`);
  const weight = scalarString(obj.node(['spec', 'weight']));
  if (weight) lines.push(`**Weight:** ${weight} (higher is tried first).`);
  return lines.join('\n');
}

export function isScalarNode(n: Node | undefined): boolean {
  return isScalar(n);
}

/** nodeClassRef.name → the NodeClass of the workspace with that name. */
export function nodeClassDefinition(ctx: CursorContext): Location[] | undefined {
  const obj = ctx.obj;
  if (!obj || !isNodePool(obj) || ctx.onKey) return undefined;
  const p = ctx.path;
  if (p[p.length - 1] !== 'name' || p[p.length - 2] !== 'nodeClassRef') return undefined;
  const name = scalarString(ctx.node);
  const kind = scalarString(obj.node([...p.slice(0, -1), 'kind'])) ?? 'NodeClass';
  if (!name) return undefined;
  return ctx.index
    .byKind(kind)
    .filter((o) => o.name === name)
    .map((o) => {
      const r = nodeRange(o.node(['metadata', 'name'])) ?? o.documentOffsets();
      return { uri: o.uri, range: o.chunk.toRange(r[0], r[1]) };
    });
}

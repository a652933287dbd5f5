/**
 * Validate one YAML node tree against a compact schema (convert.ts), the way the API server decodes and
 * validates it: strict fields, types, enums, required fields, patterns and formats, ranges, keyed lists,
 * fields the target version does not serve, and CRD CEL rules. One finding per mistake, at the node, with
 * the path the API server prints (`spec.template.spec.containers[0].portz`).
 *
 * Unknown values (Helm actions, placeholders: model/templates.ts) are never judged, and no required-field
 * finding comes from a node a template may fill (K8sObject.isOpen).
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SchemaObject, SchemaType } from './convert';
import { deref, type SchemaTable } from './store';
import { evaluateRule } from './cel';
import { closest } from '../catalog/types';
import { keyString, resolve } from '@shared/manifest/yamlNodes';
import { controlLineBetween, isUnknownNode } from '@shared/manifest/templates';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { replaceScalarEdit } from '../model/edits';
import { clip } from '../model/messageText';

export interface Reporter {
  (
    code: string,
    at: Node,
    message: string,
    fix?: { title: string; start: number; end: number; newText: string },
    severity?: 'warning',
  ): void;
}

export interface ValidateOptions {
  minor: number;
  table: SchemaTable;
  obj: K8sObject;
  report: Reporter;
  /** No missing-required findings (partial objects such as Kustomize patches). */
  partial?: boolean;
  /** Display name of the kind for messages, e.g. "Deployment". */
  kind: string;
  /** `required`: report only missing required fields; `other`: everything but them (default: all). */
  only?: 'required' | 'other';
}

interface Ctx extends ValidateOptions {
  doc: Document;
  budget: { nodes: number };
  /** Anchored nodes already validated, with the schemas they were validated against. */
  anchored: Map<Node, Set<SchemaObject>>;
  /** hasUnknown's answer for anchored nodes. */
  unknownUnder: Map<Node, boolean>;
}

const MAX_NODES = 200_000;

/** Validate the document root against `root`; `skip` keys at the top (apiVersion/kind are checked elsewhere). */
export function validateObject(root: SchemaType, opts: ValidateOptions): void {
  const report =
    opts.only === 'required'
      ? (((code, at, m, f, sev) => {
          if (code === 'schema-required') opts.report(code, at, m, f, sev);
        }) as Reporter)
      : opts.only === 'other'
        ? (((code, at, m, f, sev) => {
            if (code !== 'schema-required') opts.report(code, at, m, f, sev);
          }) as Reporter)
        : opts.report;
  const ctx: Ctx = { ...opts, report, doc: opts.obj.doc, budget: { nodes: MAX_NODES }, anchored: new Map(), unknownUnder: new Map() };
  if (opts.only === 'other') ctx.partial = true;
  const t = deref(root, opts.table);
  const node = opts.obj.root;
  if (!t || !node) return;
  if (!ctx.partial && looksPartial(node, t, ctx)) ctx.partial = true;
  // A custom resource's schema leaves out apiVersion, kind and metadata: the API server adds them.
  validate(node, opts.table.kind === 'crd' ? { ...t, er: true } : t, '', undefined, ctx);
}

/**
 * A document that lacks a required field of the object itself or of its `spec` is a fragment (a Kustomize
 * patch, a documentation excerpt, an overlay): it gets no missing-field findings at all. A whole object
 * that forgets a nested required field (a container without image) is still reported.
 */
function looksPartial(node: Node, t: SchemaObject, ctx: Ctx): boolean {
  const missing = (n: unknown, st: SchemaObject | undefined): boolean => {
    const m = resolve(n, ctx.doc);
    if (!st?.r || !isMap(m)) return false;
    const keys = new Set(((m as YAMLMap).items as Pair[]).map((p) => keyString(p)));
    return st.r.some((r) => !keys.has(r) && deref(st.p?.[r], ctx.table)?.d === undefined);
  };
  if (missing(node, t)) return true;
  const specType = t.p?.spec !== undefined ? deref(t.p.spec, ctx.table) : undefined;
  const spec = isMap(node) ? ((node as YAMLMap).items as Pair[]).find((p) => keyString(p) === 'spec')?.value : undefined;
  return spec !== undefined && missing(spec, specType);
}

export function typeLabel(t: SchemaObject): string {
  switch (t.t) {
    case 'o':
      return t.p ? 'object' : 'map';
    case 'a':
      return 'list';
    case 's':
      return t.f ? `string (${t.f})` : 'string';
    case 'i':
      return t.f ? `integer (${t.f})` : 'integer';
    case 'n':
      return 'number';
    case 'b':
      return 'boolean';
    case 'ios':
      return 'integer or string';
    case 'q':
      return 'quantity';
    case 'dt':
      return 'date-time (RFC 3339)';
    case 'by':
      return 'base64 string';
    default:
      return 'any';
  }
}

function article(t: SchemaObject): string {
  const l = typeLabel(t);
  return /^[aeiou]/.test(l) ? `an ${l}` : `a ${l}`;
}

function actual(n: unknown): string {
  if (isMap(n)) return 'an object';
  if (isSeq(n)) return 'a list';
  if (isScalar(n)) {
    const v = (n as Scalar).value;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return `a string ("${clip(v)}")`;
    if (typeof v === 'boolean') return `a boolean (${v})`;
    if (typeof v === 'number') return Number.isInteger(v) ? `an integer (${v})` : `a number (${v})`;
  }
  return 'something else';
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Whether a field exists at the target minor; else the message part naming when it does. */
function versionGap(t: SchemaObject, minor: number): string | undefined {
  if (t.s !== undefined && minor < t.s) return `is served from Kubernetes 1.${t.s} on`;
  if (t.u !== undefined && minor > t.u) return `was removed after Kubernetes 1.${t.u}`;
  return undefined;
}

function validate(raw: unknown, t: SchemaObject, path: string, keyNode: Node | undefined, ctx: Ctx): void {
  if (--ctx.budget.nodes < 0) return;
  const n = resolve(raw, ctx.doc);
  if (n === undefined) return;
  // An alias resolves to its anchored node: anchored nodes are what aliases can repeat.
  if (n.anchor && !firstVisit(n, t, ctx)) return;
  if (isUnknownNode(n) || isElision(n)) return;
  // `key:` with nothing, or `key: null`: the API server treats it as unset.
  if (isScalar(n) && (n as Scalar).value === null) return;
  if (t.t === '*' && !t.p && !t.v) return;
  switch (t.t) {
    case 'o':
      validateMap(n, t, path, keyNode, ctx);
      break;
    case 'a':
      validateList(n, t, path, ctx);
      break;
    case '*':
      if (isMap(n) && t.p) validateMap(n, { ...t, t: 'o', pu: true }, path, keyNode, ctx);
      break;
    default:
      validateScalar(n, t, path, ctx);
  }
  // CEL rules often say "one of these must be set": a fragment is not judged by them.
  if (t.v && !ctx.partial) runCel(n, t, path, keyNode, ctx);
}

/**
 * Whether an anchored node is met with this schema for the first time (as itself or through an alias). Its
 * findings are reported at the anchor's text, so each alias to it would repeat them at the same place (and
 * 300 aliases of a long list would check it 300 times).
 */
function firstVisit(target: Node, t: SchemaObject, ctx: Ctx): boolean {
  let schemas = ctx.anchored.get(target);
  if (!schemas) ctx.anchored.set(target, (schemas = new Set()));
  if (schemas.has(t)) return false;
  schemas.add(t);
  return true;
}

/** `...` or `…` standing for left-out content (documentation, sketches): not judged. */
function isElision(n: Node): boolean {
  // `{{ .Values.x }}` read as YAML where templates were not masked: a flow map whose key is a flow map.
  if (isMap(n) && (n as YAMLMap).flow && (n as YAMLMap).items.length === 1 && isMap(((n as YAMLMap).items[0] as Pair).key)) return true;
  return isScalar(n) && typeof (n as Scalar).value === 'string' && /(\.\.\.|…)\s*$/.test((n as Scalar).value as string);
}

function validateMap(n: Node, t: SchemaObject, path: string, keyNode: Node | undefined, ctx: Ctx): void {
  if (!isMap(n)) {
    ctx.report('schema-type', n, `${path || ctx.kind} must be an object, not ${actual(n)}`);
    return;
  }
  const items = (n as YAMLMap).items as Pair[];
  const seen = new Set<string>();
  const props = t.p;
  const embedded = t.er === true;
  for (const p of items) {
    const k = keyString(p);
    if (k === undefined || isUnknownNode(p.key)) continue;
    seen.add(k);
    // Strategic-merge-patch directives ($patch, $setElementOrder/…, $retainKeys) in Kustomize patches.
    if (k.startsWith('$')) continue;
    // The API server drops `status` on create and update of the object (it has its own subresource).
    if (k === 'status' && path === '') continue;
    const sub = props?.[k];
    if (sub !== undefined) {
      const st = deref(sub, ctx.table);
      if (!st) continue;
      const gap = versionGap(st, ctx.minor);
      if (gap) {
        ctx.report(
          'schema-field-not-in-version',
          p.key as Node,
          `${join(path, k)} ${gap}; the target version is 1.${ctx.minor} (eksManifests.kubernetesVersion), where the API server rejects it as an unknown field`,
        );
        continue;
      }
      validate(p.value, st, join(path, k), p.key as Node, ctx);
      continue;
    }
    if (embedded && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
    if (t.a !== undefined) {
      const at = deref(t.a, ctx.table);
      if (at) validate(p.value, at, join(path, k), p.key as Node, ctx);
      continue;
    }
    if (t.pu || !props) continue;
    const names = Object.keys(props).filter((name) => {
      const s = deref(props[name], ctx.table);
      return s && !versionGap(s, ctx.minor);
    });
    const hint = closest(k, names, 1)[0];
    // A field the map already has is no rename target (the rename would make a duplicate key).
    const renamable = hint !== undefined && !items.some((q) => keyString(q) === hint);
    const where = path ? `${path}` : ctx.kind;
    ctx.report(
      'schema-unknown-field',
      p.key as Node,
      `Unknown field "${join(path, k)}": ${where} has no field "${k}"${hint ? ` — did you mean "${hint}"?` : ''}`,
      renamable ? renameFix(p.key as Node, hint) : undefined,
    );
  }
  if (t.mnp !== undefined && items.length < t.mnp && !ctx.obj.isOpen(n))
    ctx.report('schema-range', keyNode ?? n, `${path || ctx.kind} needs at least ${t.mnp} entr${t.mnp === 1 ? 'y' : 'ies'}`);
  if (t.mxp !== undefined && items.length > t.mxp)
    ctx.report('schema-range', keyNode ?? n, `${path || ctx.kind} has ${items.length} entries; at most ${t.mxp} are allowed`);
  if (t.r && !ctx.partial && !ctx.obj.isOpen(n)) {
    for (const req of t.r) {
      if (seen.has(req)) continue;
      const rt = props?.[req] !== undefined ? deref(props[req], ctx.table) : undefined;
      if (rt && versionGap(rt, ctx.minor)) continue;
      if (rt?.d !== undefined) continue; // defaulting runs before validation
      ctx.report('schema-required', keyNode ?? firstKey(n) ?? n, `${path || ctx.kind} is missing the required field "${req}"`);
    }
  }
}

function firstKey(n: Node): Node | undefined {
  const first = ((n as YAMLMap).items as Pair[])[0];
  return (first?.key as Node | undefined) ?? undefined;
}

function renameFix(key: Node, to: string): { title: string; start: number; end: number; newText: string } | undefined {
  const r = (key as { range?: [number, number, number] }).range;
  return r ? { title: `Rename to ${to}`, start: r[0], end: r[1], newText: to } : undefined;
}

function validateList(n: Node, t: SchemaObject, path: string, ctx: Ctx): void {
  if (!isSeq(n)) {
    ctx.report('schema-type', n, `${path} must be a list, not ${actual(n)}`);
    return;
  }
  const items = (n as YAMLSeq).items;
  if (t.mni !== undefined && items.length < t.mni && !ctx.obj.isOpen(n))
    ctx.report('schema-range', n, `${path} needs at least ${t.mni} item${t.mni === 1 ? '' : 's'}`);
  if (t.mxi !== undefined && items.length > t.mxi)
    ctx.report('schema-range', n, `${path} has ${items.length} items; at most ${t.mxi} are allowed`);
  const it = deref(t.i, ctx.table);
  if (it) items.forEach((x, i) => validate(x, it, `${path}[${i}]`, undefined, ctx));
  if (t.lt === 'map' && t.k?.length && it) duplicateKeys(items, t.k, it, path, ctx);
  else if (t.lt === 'set') duplicateValues(items, path, ctx);
}

/** Entries of a map-list share their keys: missing keys take the key field's default (protocol: TCP). */
function duplicateKeys(items: unknown[], keys: string[], it: SchemaObject, path: string, ctx: Ctx): void {
  const seen = new Map<string, number>();
  items.forEach((raw, i) => {
    const item = resolve(raw, ctx.doc);
    if (!isMap(item)) return;
    const parts: string[] = [];
    let at: Node | undefined;
    for (const k of keys) {
      const pair = ((item as YAMLMap).items as Pair[]).find((p) => keyString(p) === k);
      const v = pair ? resolve(pair.value, ctx.doc) : undefined;
      if (pair && (!isScalar(v) || isUnknownNode(v))) return;
      let value: unknown = pair ? (v as Scalar).value : undefined;
      if (value === undefined || value === null) {
        const kt = it.p?.[k] !== undefined ? deref(it.p[k], ctx.table) : undefined;
        value = kt?.d;
        if (value === undefined) {
          if (ctx.obj.isOpen(item)) return;
          value = '';
        }
      }
      at ??= (pair?.value as Node | undefined) ?? (pair?.key as Node | undefined);
      parts.push(`${k}=${String(value)}`);
    }
    const key = parts.join(', ');
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    if (alternatives(items[first], item, ctx)) return;
    const node = at ?? (item as Node);
    const desc = keys.length === 1 ? `"${parts[0].slice(keys[0].length + 1)}"` : `(${key})`;
    // Built-in lists: the API server rejects duplicate containers, volumes and mount paths; for the other
    // keyed lists (ports, env, ...) it only warns, and server-side apply rejects them. CRD lists: rejected.
    const seg = lastSegment(path);
    const rejected = ctx.table.kind === 'crd' || REJECTED_DUPLICATES.has(seg);
    ctx.report(
      'schema-duplicate-key',
      node,
      `${path}[${i}] repeats ${desc} of ${path}[${first}]: entries of ${seg} are keyed by ${keys.join(' and ')}; ${rejected ? 'the API server rejects the duplicate' : 'the API server warns, server-side apply rejects it, and one entry silently wins'}`,
      undefined,
      rejected ? undefined : 'warning',
    );
  });
}

/** Two entries of a template with a control line between them may be an `if` and its `else`: not duplicates. */
function alternatives(a: unknown, b: unknown, ctx: Ctx): boolean {
  const ra = (a as { range?: number[] } | undefined)?.range,
    rb = (b as { range?: number[] } | undefined)?.range;
  return !!ra && !!rb && controlLineBetween(ctx.obj.chunk.masked, ra[1], rb[0]);
}

/** validateContainers (name: field.Duplicate), validateVolumes (name), validateVolumeMounts (mountPath must be unique). */
const REJECTED_DUPLICATES = new Set(['containers', 'initContainers', 'ephemeralContainers', 'volumes', 'volumeMounts']);

function duplicateValues(items: unknown[], path: string, ctx: Ctx): void {
  const seen = new Map<string, number>();
  items.forEach((raw, i) => {
    const v = resolve(raw, ctx.doc);
    if (!isScalar(v) || isUnknownNode(v) || (v as Scalar).value === null) return;
    const key = JSON.stringify((v as Scalar).value);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    if (alternatives(items[first], raw, ctx)) return;
    ctx.report('schema-duplicate-key', v, `${path}[${i}] repeats the value of ${path}[${first}]; ${lastSegment(path)} is a set`);
  });
}

function lastSegment(path: string): string {
  const i = path.lastIndexOf('.');
  return (i === -1 ? path : path.slice(i + 1)).replace(/\[\d+\]$/, '');
}

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const INT32 = [-2147483648, 2147483647];

function validateScalar(n: Node, t: SchemaObject, path: string, ctx: Ctx): void {
  if (!isScalar(n)) {
    ctx.report('schema-type', n, `${path} must be ${article(t)}, not ${actual(n)}`);
    return;
  }
  const v = (n as Scalar).value;
  const wrong = (hint = ''): void => ctx.report('schema-type', n, `${path} must be ${article(t)}, not ${actual(n)}${hint}`);
  switch (t.t) {
    case 's':
      if (typeof v !== 'string') {
        wrong(typeof v === 'number' || typeof v === 'boolean' ? ` — quote it: "${String((n as Scalar).source ?? v)}"` : '');
        return;
      }
      break;
    case 'i':
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        wrong(typeof v === 'string' && /^-?\d+$/.test(v) ? ` — remove the quotes: ${v}` : '');
        return;
      }
      if (t.f === 'int32' && (v < INT32[0] || v > INT32[1])) {
        ctx.report('schema-range', n, `${path} is ${v}, outside the 32-bit integer range`);
        return;
      }
      break;
    case 'n':
      if (typeof v !== 'number') {
        wrong();
        return;
      }
      break;
    case 'b':
      if (typeof v !== 'boolean') {
        wrong(typeof v === 'string' && /^(true|false)$/i.test(v) ? ` — remove the quotes: ${v.toLowerCase()}` : '');
        return;
      }
      break;
    case 'ios':
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) {
        wrong();
        return;
      }
      break;
    case 'q':
      if (typeof v !== 'string' && typeof v !== 'number') {
        wrong();
        return;
      }
      if (typeof v === 'string' && !QUANTITY.test(v.trim())) {
        ctx.report('schema-type', n, `${path}: "${clip(v)}" is not a Kubernetes quantity (e.g. 500m, 2, 128Mi, 10Gi)`);
        return;
      }
      break;
    case 'dt':
      if (typeof v !== 'string' || !DATE_TIME.test(v)) {
        ctx.report('schema-type', n, `${path} must be an RFC 3339 date-time (e.g. 2024-05-01T10:00:00Z), not ${actual(n)}`);
        return;
      }
      break;
    case 'by':
      if (typeof v !== 'string') {
        wrong();
        return;
      }
      if (!validBase64(v)) {
        ctx.report(
          'schema-type',
          n,
          `${path} is not valid base64${path.startsWith('data.') ? ' — put plain text under stringData instead' : ''}`,
        );
        return;
      }
      break;
  }
  valueConstraints(n, t, path, ctx, v);
}

/** Enum, pattern, format, length and range of a scalar whose type is right. */
function valueConstraints(n: Node, t: SchemaObject, path: string, ctx: Ctx, v: Scalar['value']): void {
  if (t.e && !enumHas(t, v, ctx.minor)) {
    const allowed = enumValues(t, ctx.minor);
    const text = String(v);
    const hint = typeof v === 'string' ? closest(text, allowed.map(String), 1)[0] : undefined;
    const later = laterEnum(t, v, ctx.minor);
    if (later !== undefined) {
      ctx.report(
        'schema-field-not-in-version',
        n,
        `${path}: "${text}" is accepted from Kubernetes 1.${later} on; the target version is 1.${ctx.minor} (allowed there: ${allowed.join(', ')})`,
      );
      return;
    }
    ctx.report(
      'schema-enum',
      n,
      `${path}: "${clip(text)}" is not an allowed value (${allowed.join(', ')})${hint ? ` — did you mean "${hint}"?` : ''}`,
      hint ? replaceFix(n, hint, ctx.obj.chunk.text) : undefined,
    );
    return;
  }
  if (typeof v === 'string') {
    if (t.pt !== undefined) {
      const re = compilePattern(t.pt);
      if (re && !re.test(v)) {
        ctx.report('schema-pattern', n, `${path}: "${clip(v)}" does not match the required pattern ${t.pt}`);
        return;
      }
    }
    if (t.f && !formatOk(t.f, v)) {
      ctx.report('schema-pattern', n, `${path}: "${clip(v)}" is not a valid ${t.f}`);
      return;
    }
    const len = [...v].length;
    if (t.mnl !== undefined && len < t.mnl) {
      ctx.report('schema-range', n, `${path} must be at least ${t.mnl} character${t.mnl === 1 ? '' : 's'} long`);
      return;
    }
    if (t.mxl !== undefined && len > t.mxl) {
      ctx.report('schema-range', n, `${path} is ${len} characters long; at most ${t.mxl} are allowed`);
      return;
    }
  }
  if (typeof v === 'number' && (t.t === 'i' || t.t === 'n' || t.t === 'ios')) {
    if (t.mn !== undefined && (t.xmn ? v <= t.mn : v < t.mn)) {
      ctx.report('schema-range', n, `${path} must be ${t.xmn ? 'greater than' : 'at least'} ${t.mn}, not ${v}`);
      return;
    }
    if (t.mx !== undefined && (t.xmx ? v >= t.mx : v > t.mx)) {
      ctx.report('schema-range', n, `${path} must be ${t.xmx ? 'less than' : 'at most'} ${t.mx}, not ${v}`);
      return;
    }
  }
}

function replaceFix(n: Node, to: string, text: string): { title: string; start: number; end: number; newText: string } | undefined {
  const edit = replaceScalarEdit(text, n, to);
  return edit ? { title: `Change to ${to}`, ...edit } : undefined;
}

function validBase64(v: string): boolean {
  const s = v.replace(/\s+/g, '');
  return BASE64.test(s) && s.length % 4 === 0;
}

export function enumValues(t: SchemaObject, minor: number): (string | number | boolean | null)[] {
  const out: (string | number | boolean | null)[] = [];
  for (const e of t.e ?? []) {
    if (Array.isArray(e)) {
      if (minor >= e[1]) out.push(e[0]);
    } else out.push(e);
  }
  return out;
}

function enumHas(t: SchemaObject, v: unknown, minor: number): boolean {
  const es = (t as SchemaObject & { es?: number }).es;
  if (es !== undefined && minor < es) return true; // that minor had no enum for the field
  return enumValues(t, minor).some(
    (e) =>
      e === v ||
      (typeof e !== 'string' && String(e) === String(v)) ||
      (typeof e === 'string' && typeof v !== 'string' && e === String(v) && t.t === 'ios'),
  );
}

function laterEnum(t: SchemaObject, v: unknown, minor: number): number | undefined {
  for (const e of t.e ?? []) if (Array.isArray(e) && e[0] === v && e[1] > minor) return e[1];
  return undefined;
}

const patterns = new Map<string, RegExp | null>();
/** The pattern as a JS RegExp, or null when Go (RE2) syntax does not translate (then it is not checked). */
export function compilePattern(p: string): RegExp | null {
  let re = patterns.get(p);
  if (re !== undefined) return re;
  try {
    re = new RegExp(p.replace(/\\z/g, '$').replace(/\(\?i\)/g, ''), /\(\?i\)/.test(p) ? 'ui' : 'u');
  } catch {
    try {
      re = new RegExp(p);
    } catch {
      re = null;
    }
  }
  patterns.set(p, re);
  return re;
}

/** The formats the API server checks for CRDs that we check exactly; others are not judged. */
function formatOk(f: string, v: string): boolean {
  switch (f) {
    case 'int32':
    case 'int64':
      return true; // applies to integers only
    case 'date-time':
      return DATE_TIME.test(v);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'uuid':
      return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v);
    case 'ipv4':
      return /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(v);
    case 'byte':
      return validBase64(v);
    default:
      return true;
  }
}

// ───────────────────────────── CEL ─────────────────────────────

function runCel(n: Node, t: SchemaObject, path: string, keyNode: Node | undefined, ctx: Ctx): void {
  if (hasUnknown(n, ctx, { left: 20_000 })) return;
  const self = celValue(n, t, ctx, { left: 20_000 });
  if (self === SKIP) return;
  for (const rule of t.v ?? []) {
    const ok = evaluateRule(rule.r, self);
    if (ok !== false) continue;
    const target = rule.fp ? nodeAtFieldPath(n, rule.fp, ctx) : undefined;
    const where = rule.fp ? `${path}${rule.fp.startsWith('.') || rule.fp.startsWith('[') ? '' : '.'}${rule.fp}` : path || ctx.kind;
    const message = rule.m ?? `failed rule: ${rule.r}`;
    ctx.report('schema-cel', target ?? keyNode ?? (isMap(n) ? firstKey(n) : undefined) ?? n, `${where}: ${message}`);
  }
}

const SKIP = Symbol('skip');

/** Whether any scalar (or key) under the node is an unknown value: then no rule may judge it. */
function hasUnknown(n: unknown, ctx: Ctx, budget: { left: number }): boolean {
  if (--budget.left < 0) return true;
  const x = resolve(n, ctx.doc);
  if (isScalar(x)) return isUnknownNode(x);
  if (!isMap(x) && !isSeq(x)) return false;
  // An anchored node is walked once per document however many rules see it through aliases (a walk that ran
  // out of budget answered "unknown", which is kept: it only skips rules).
  const known = x.anchor ? ctx.unknownUnder.get(x) : undefined;
  if (known !== undefined) return known;
  const unknown = isMap(x)
    ? ((x as YAMLMap).items as Pair[]).some((p) => isUnknownNode(p.key) || hasUnknown(p.value, ctx, budget)) || ctx.obj.isOpen(x)
    : (x as YAMLSeq).items.some((i) => hasUnknown(i, ctx, budget)) || ctx.obj.isOpen(x);
  if (x.anchor) ctx.unknownUnder.set(x, unknown);
  return unknown;
}

/** The node as a CEL value, typed by the schema (integers are int64, numbers double), defaults applied. */
function celValue(n: unknown, t: SchemaObject | undefined, ctx: Ctx, budget: { left: number }): unknown {
  if (--budget.left < 0) return SKIP;
  const x = resolve(n, ctx.doc);
  if (isScalar(x)) {
    const v = (x as Scalar).value;
    if (typeof v === 'number') {
      if (t?.t === 'n') return v;
      if (Number.isInteger(v)) return BigInt(v);
      return v;
    }
    return v;
  }
  if (isMap(x)) {
    const out: Record<string, unknown> = {};
    for (const p of (x as YAMLMap).items as Pair[]) {
      const k = keyString(p);
      if (k === undefined) continue;
      const sub = t?.p?.[k] !== undefined ? deref(t.p[k], ctx.table) : t?.a !== undefined ? deref(t.a, ctx.table) : undefined;
      const v = celValue(p.value, sub, ctx, budget);
      if (v === SKIP) return SKIP;
      if (v === null) continue; // null fields are dropped before validation
      out[celName(k)] = v;
    }
    // Defaulting runs before validation: absent fields with a default have it.
    for (const [k, st] of Object.entries(t?.p ?? {})) {
      if (celName(k) in out) continue;
      const d = deref(st, ctx.table)?.d;
      if (d !== undefined)
        out[celName(k)] = typeof d === 'number' && Number.isInteger(d) && deref(st, ctx.table)?.t !== 'n' ? BigInt(d) : d;
    }
    return out;
  }
  if (isSeq(x)) {
    const it = t?.i !== undefined ? deref(t.i, ctx.table) : undefined;
    const out: unknown[] = [];
    for (const i of (x as YAMLSeq).items) {
      const v = celValue(i, it, ctx, budget);
      if (v === SKIP) return SKIP;
      out.push(v);
    }
    return out;
  }
  return SKIP;
}

const CEL_RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

/**
 * How Kubernetes names a property inside CEL (apiextensions-apiserver, CEL property-name escaping):
 * reserved words become `__word__`; `__`, `.`, `-` and `/` become `__underscores__`, `__dot__`,
 * `__dash__` and `__slash__`.
 */
export function celName(k: string): string {
  if (CEL_RESERVED.has(k)) return `__${k}__`;
  return k.replace(/__|[.\-/]/g, (m) => (m === '__' ? '__underscores__' : m === '.' ? '__dot__' : m === '-' ? '__dash__' : '__slash__'));
}

/** `.spec.x`, `.x['y']`, `.items[0]` relative to the node. */
function nodeAtFieldPath(n: Node, fp: string, ctx: Ctx): Node | undefined {
  let cur: unknown = n;
  const re = /\.([A-Za-z_$][\w$-]*)|\['([^']*)'\]|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(fp)) !== null) {
    if (m.index !== pos) return undefined;
    pos = re.lastIndex;
    const x = resolve(cur, ctx.doc);
    if (m[3] !== undefined) {
      if (!isSeq(x)) return undefined;
      cur = (x as YAMLSeq).items[Number(m[3])];
      continue;
    }
    const key = m[1] ?? m[2];
    if (!isMap(x)) return undefined;
    const pair = ((x as YAMLMap).items as Pair[]).find((p) => keyString(p) === key);
    if (!pair) return undefined;
    cur = pair.key;
    const val = resolve(pair.value, ctx.doc);
    if (pos < fp.length) cur = val;
  }
  return pos === fp.length ? (cur as Node | undefined) : undefined;
}

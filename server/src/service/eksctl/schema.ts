/**
 * The strict structure of an eksctl ClusterConfig, from the facts our script derives from eksctl's JSON
 * Schema (data/clusterconfig-schema.json, see scripts/derive-eksctl-schema.ts), and a validator that judges
 * a document the way eksctl's loader does:
 *
 * - unknown keys are errors: `yaml.UnmarshalStrict` rejects them (eksctl-io/eksctl pkg/eks/api.go);
 * - Go's encoding/json matches keys ignoring case, but the second decode (the Kubernetes deserializer) does
 *   not, so `Metadata:` passes the strict check and is then dropped: a warning of its own;
 * - scalar types follow YAML 1.1 (model.ts `yaml11Type`): a number where eksctl wants a string fails to
 *   decode, `yes` is a boolean;
 * - two Go types accept more than the schema says: node group `taints` may also be a map of
 *   `key: value:Effect` strings (types.go taintsWrapper.UnmarshalJSON), and an identity provider's fields
 *   come from the type it names (identity_provider.go).
 *
 * This file is self-contained (data in, findings out through a reporter) so that it can move onto the shared
 * schema engine: the data uses the engine's compact letters; only the two Go-type exceptions above and the
 * YAML 1.1 scalar typing are specific to eksctl.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import data from './data/clusterconfig-schema.json';
import { closest } from '../catalog/types';
import { keyString, resolve, type NodePath } from '@shared/manifest/yamlNodes';
import { isUnknownNode } from '@shared/manifest/templates';
import { yaml11Type } from './model';

export interface CompactType {
  t?: 'o' | 'a' | 's' | 'i' | 'n' | 'b' | '*';
  $?: string;
  p?: Record<string, CompactType>;
  a?: CompactType | true;
  r?: string[];
  i?: CompactType;
  e?: (string | number | boolean)[];
  d?: string;
  o?: string[];
}

interface SchemaData {
  source: { repository: string; path: string; commit: string };
  root: string;
  defs: Record<string, CompactType>;
}

export const SCHEMA = data as unknown as SchemaData;
export const SCHEMA_SOURCE = `${SCHEMA.source.repository} ${SCHEMA.source.path} @ ${SCHEMA.source.commit.slice(0, 12)}`;

/** Follow `$` references (with a bound against cycles); a reference's own default is kept. */
export function deref(t: CompactType | undefined): CompactType | undefined {
  let cur = t;
  for (let i = 0; cur && cur.$ && i < 16; i++) {
    const next: CompactType | undefined = SCHEMA.defs[cur.$];
    if (!next) return undefined;
    cur = cur.d && !next.d ? { ...next, d: cur.d } : next;
  }
  return cur;
}

/** Properties of an object type, merging the alternatives named by `o` (identity providers). */
export function propertiesOf(t: CompactType | undefined): Record<string, CompactType> {
  const d = deref(t);
  if (!d) return {};
  if (!d.o) return d.p ?? {};
  const out: Record<string, CompactType> = { ...(d.p ?? {}) };
  for (const alt of d.o) Object.assign(out, deref({ $: alt })?.p ?? {});
  return out;
}

function requiredOf(t: CompactType): string[] {
  const out = [...(t.r ?? [])];
  for (const alt of t.o ?? []) for (const r of deref({ $: alt })?.r ?? []) if (!out.includes(r)) out.push(r);
  return out;
}

export const ROOT: CompactType = { $: SCHEMA.root };

/** The schema type at a path (strings step into properties or map values, numbers into list items). */
export function typeAt(path: NodePath, root: CompactType = ROOT): CompactType | undefined {
  let t: CompactType | undefined = deref(root);
  for (const seg of path) {
    if (!t) return undefined;
    if (typeof seg === 'number') {
      t = deref(t.i ?? (isTaints(t) ? deref({ $: 'NodeGroupTaint' }) : undefined));
      continue;
    }
    const props = propertiesOf(t);
    const next: CompactType | true | undefined = (props[seg] as CompactType | undefined) ?? t.a;
    t = next === true ? { t: '*' } : deref(next);
  }
  return t;
}

function isTaints(t: CompactType | undefined): boolean {
  return t?.$ === 'taintsWrapper' || (t?.t === 'a' && t.i?.$ === 'NodeGroupTaint');
}

/** A readable name for a type, for messages and hovers. */
export function typeLabel(t: CompactType | undefined): string {
  const d = deref(t);
  if (!d) return 'any';
  switch (d.t) {
    case 'o':
      return d.p || d.o ? 'object' : 'map';
    case 'a':
      return `list of ${typeLabel(d.i)}`;
    case 's':
      return 'string';
    case 'i':
      return 'integer';
    case 'n':
      return 'number';
    case 'b':
      return 'boolean';
    default:
      return 'any';
  }
}

export interface SchemaFinding {
  kind: 'unknown-field' | 'field-case' | 'type' | 'enum' | 'required';
  at: Node;
  message: string;
}

function join(where: string, key: string): string {
  return where ? `${where}.${key}` : key;
}
function label(where: string): string {
  return where ? where : 'the ClusterConfig';
}

const YAML_TYPE_WORD: Record<string, string> = {
  null: 'null',
  bool: 'a boolean',
  int: 'an integer',
  float: 'a number',
  string: 'a string',
};

function shapeOf(n: Node): string {
  if (isMap(n)) return 'an object';
  if (isSeq(n)) return 'a list';
  const t = yaml11Type(n);
  return t ? YAML_TYPE_WORD[t] : 'something else';
}

/**
 * Validate a ClusterConfig document against the derived schema. `skip` holds nodes another check reports
 * with a better message (e.g. an unquoted metadata.version). Bounded: at most `limit` nodes are visited.
 */
export function validateClusterConfig(
  root: unknown,
  doc: Document | undefined,
  skip: ReadonlySet<Node> = new Set(),
  limit = 50_000,
): SchemaFinding[] {
  const out: SchemaFinding[] = [];
  let budget = limit;

  const visit = (node: unknown, type: CompactType | undefined, where: string, keyNode: Node | undefined, depth: number): void => {
    if (--budget < 0 || depth > 64) return;
    const n = resolve(node, doc);
    const t = deref(type);
    if (!n || !t || t.t === '*') return;
    if (skip.has(n)) return;
    if (isScalar(n) && yaml11Type(n) === 'null') return; // `key:` with nothing: Go leaves the field at its zero value
    if (isUnknownNode(n)) return;
    if (isTaints(type) || isTaints(t)) {
      visitTaints(n, where, depth);
      return;
    }
    switch (t.t) {
      case 'o': {
        if (!isMap(n)) {
          out.push({
            kind: 'type',
            at: n,
            message: `${where || 'The ClusterConfig'} must be ${t.p || t.o ? 'an object' : 'a map'}, not ${shapeOf(n)}`,
          });
          return;
        }
        const props = propertiesOf(t);
        const names = Object.keys(props);
        const lower = new Map(names.map((k) => [k.toLowerCase(), k]));
        const seen = new Set<string>();
        for (const p of (n as YAMLMap).items as Pair[]) {
          const k = keyString(p);
          if (k === undefined || isUnknownNode(p.key)) continue;
          seen.add(k);
          const sub = props[k];
          if (sub) {
            visit(p.value, sub, join(where, k), p.key as Node, depth + 1);
            continue;
          }
          if (t.a !== undefined) {
            if (t.a !== true) visit(p.value, t.a, join(where, k), p.key as Node, depth + 1);
            continue;
          }
          const sameButCase = lower.get(k.toLowerCase());
          if (sameButCase) {
            seen.add(sameButCase);
            out.push({
              kind: 'field-case',
              at: p.key as Node,
              message: `"${k}" in ${label(where)} is not "${sameButCase}": eksctl's strict check accepts it, but its decoder matches keys exactly, so the value is dropped. Write "${sameButCase}".`,
            });
            continue;
          }
          const hint = closest(k, names, 1);
          out.push({
            kind: 'unknown-field',
            at: p.key as Node,
            message: `Unknown field "${k}" in ${label(where)}: eksctl rejects the file (its loader is strict)${hint.length ? ` — did you mean "${hint[0]}"?` : ''}`,
          });
        }
        for (const r of requiredOf(t)) {
          if (!seen.has(r))
            out.push({
              kind: 'required',
              at: keyNode ?? n,
              message: `${where ? where : 'The ClusterConfig'} is missing "${r}", which eksctl requires`,
            });
        }
        return;
      }
      case 'a': {
        if (!isSeq(n)) {
          out.push({ kind: 'type', at: n, message: `${where} must be a list, not ${shapeOf(n)}` });
          return;
        }
        n.items.forEach((it, i) => visit(it, t.i, `${where}[${i}]`, undefined, depth + 1));
        return;
      }
      default:
        visitScalar(out, n, t, where);
    }
  };

  /** Node group taints: a list of {key, value, effect} or a map of `key: value:Effect` strings. */
  const visitTaints = (n: Node, where: string, depth: number): void => {
    if (isSeq(n)) {
      n.items.forEach((it, i) => visit(it, { $: 'NodeGroupTaint' }, `${where}[${i}]`, undefined, depth + 1));
      return;
    }
    if (isMap(n)) {
      for (const p of n.items as Pair[]) visit(p.value, { t: 's' }, join(where, keyString(p) ?? '?'), p.key as Node, depth + 1);
      return;
    }
    out.push({
      kind: 'type',
      at: n,
      message: `${where} must be a list of {key, value, effect} or a map of key: value:Effect, not ${shapeOf(n)}`,
    });
  };

  visit(root, ROOT, '', undefined, 0);
  return out;
}

/** A scalar against its eksctl type, as go-yaml v2 (YAML 1.1) reads it, and its enum. */
function visitScalar(out: SchemaFinding[], n: Node, t: CompactType, where: string): void {
  if (!isScalar(n)) {
    out.push({
      kind: 'type',
      at: n,
      message: `${where} must be ${t.t === 's' ? 'a string' : t.t === 'b' ? 'true or false' : t.t === 'i' ? 'an integer' : 'a number'}, not ${shapeOf(n)}`,
    });
    return;
  }
  const yt = yaml11Type(n)!;
  const src = String((n as Scalar).source ?? (n as Scalar).value);
  switch (t.t) {
    case 's':
      if (yt !== 'string') {
        out.push({
          kind: 'type',
          at: n,
          message: `${where} must be a string; YAML reads ${src} as ${YAML_TYPE_WORD[yt]}, which eksctl cannot decode into a string — quote it: "${src}"`,
        });
        return;
      }
      break;
    case 'b':
      if (yt !== 'bool') {
        out.push({
          kind: 'type',
          at: n,
          message: `${where} must be true or false, not ${yt === 'string' && (n as Scalar).type !== 'PLAIN' ? 'a quoted string' : YAML_TYPE_WORD[yt]}`,
        });
        return;
      }
      break;
    case 'i':
      if (yt !== 'int') {
        out.push({
          kind: 'type',
          at: n,
          message: `${where} must be an integer, not ${yt === 'string' && (n as Scalar).type !== 'PLAIN' ? 'a quoted string' : YAML_TYPE_WORD[yt]}`,
        });
        return;
      }
      break;
    case 'n':
      if (yt !== 'int' && yt !== 'float') {
        out.push({ kind: 'type', at: n, message: `${where} must be a number, not ${YAML_TYPE_WORD[yt]}` });
        return;
      }
      break;
  }
  if (t.e && !t.e.some((e) => String(e) === String((n as Scalar).value))) {
    out.push({ kind: 'enum', at: n, message: `${where} must be one of ${t.e.join(', ')}; got "${String((n as Scalar).value)}"` });
  }
}

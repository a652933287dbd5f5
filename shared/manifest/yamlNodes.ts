/**
 * Small, total helpers over `yaml` AST nodes: read a value by path, list a map's pairs, get ranges.
 * None of them resolves aliases eagerly (alias bombs stay cheap); `resolve` follows one alias at a time.
 */
import {
  visit,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

export type PathSegment = string | number;
export type NodePath = PathSegment[];

/** Follow an alias to its anchor (once); other nodes are returned as they are. */
export function resolve(node: unknown, doc?: Document): Node | undefined {
  if (isAlias(node)) {
    if (!doc) return undefined;
    const targets = aliasTargets(doc);
    // An alias added to the document after its targets were listed is looked up the slow way.
    const target = targets.has(node) ? targets.get(node) : node.resolve(doc);
    return (target ?? undefined) as Node | undefined;
  }
  return (node ?? undefined) as Node | undefined;
}

/**
 * Every alias of a document with the node it names, found in one walk. `Alias.resolve` walks the whole
 * document on each call to find the anchor, so a file of many aliases cost (aliases × nodes): 300 aliases
 * over a 5,000-entry list took ten seconds to check. The rule is the same as `yaml`'s: the last node with
 * that anchor before the alias, in document order.
 */
function aliasTargets(doc: Document): Map<Alias, Node | undefined> {
  let targets = aliasTargetCache.get(doc);
  if (targets) return targets;
  targets = new Map();
  const anchored = new Map<string, Node>();
  const found = targets;
  visit(doc, {
    Node: (_key, n) => {
      if (isAlias(n)) found.set(n, anchored.get(n.source));
      else if (n.anchor) anchored.set(n.anchor, n);
    },
  });
  aliasTargetCache.set(doc, targets);
  return targets;
}
const aliasTargetCache = new WeakMap<Document, Map<Alias, Node | undefined>>();

/** The key of a pair as a string, when it is a scalar. */
export function keyString(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value === null || k.value === undefined ? undefined : String(k.value);
  return undefined;
}

/** Pairs of a map (empty for anything else). */
export function pairs(node: unknown): Pair<unknown, unknown>[] {
  return isMap(node) ? (node as YAMLMap<unknown, unknown>).items : [];
}

/** The pair for `key` in a map node. */
export function getPair(node: unknown, key: string): Pair<unknown, unknown> | undefined {
  for (const p of pairs(node)) if (keyString(p) === key) return p;
  return undefined;
}

/** Child of a map (by key) or sequence (by index), following aliases. */
export function child(node: unknown, seg: PathSegment, doc?: Document): Node | undefined {
  const n = resolve(node, doc);
  if (typeof seg === 'number') {
    if (isSeq(n)) return resolve((n as YAMLSeq).items[seg], doc);
    return undefined;
  }
  const p = getPair(n, seg);
  return p ? resolve(p.value, doc) : undefined;
}

/** Node at a path from a root node. */
export function nodeAt(root: unknown, path: NodePath, doc?: Document): Node | undefined {
  let n: Node | undefined = resolve(root, doc);
  for (const seg of path) {
    if (n === undefined) return undefined;
    n = child(n, seg, doc);
  }
  return n;
}

/** A scalar's value as a string (numbers and booleans stringified); undefined for non-scalars and null. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  if (v === null || v === undefined) return undefined;
  return String(v);
}

/** [start, end) chunk-relative offsets of a node (value end, without trailing comments). */
export function nodeRange(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Simple JS value of a small node (maps, seqs, scalars), with a budget to stay cheap on alias bombs. */
export function toPlain(node: unknown, doc?: Document, budget = { left: 10000 }): unknown {
  if (--budget.left < 0) return undefined;
  const n = resolve(node, doc);
  if (isScalar(n)) return (n as Scalar).value;
  if (isMap(n)) {
    const out: Record<string, unknown> = {};
    for (const p of (n as YAMLMap).items) {
      const k = keyString(p as Pair);
      if (k !== undefined) out[k] = toPlain(p.value, doc, budget);
    }
    return out;
  }
  if (isSeq(n)) return (n as YAMLSeq).items.map((i) => toPlain(i, doc, budget));
  return undefined;
}

/** Map of string keys to string values (for labels, selectors); non-string values are stringified. */
export function stringMap(node: unknown, doc?: Document): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs(resolve(node, doc))) {
    const k = keyString(p);
    const v = scalarString(resolve(p.value, doc));
    if (k !== undefined) out[k] = v ?? '';
  }
  return out;
}

export { isMap, isSeq, isScalar, isPair, isAlias };

/**
 * Domain knowledge as data. A catalog entry describes one named setting (an annotation, a field): its
 * type, allowed values, range, pattern, default, our own short doc and the upstream source. Completion,
 * hover and diagnostics all read the same entries, so they cannot disagree.
 */
export type ValueKind =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'enum'
  | 'stringList'
  | 'stringMap'
  | 'json'
  | 'duration'
  | 'quantity'
  | 'object'
  | 'array'
  | 'any';

export interface AllowedValue {
  value: string;
  doc?: string;
  deprecated?: string;
}

export interface CatalogEntry {
  name: string;
  type: ValueKind;
  /** What it does, in our own words (Markdown). */
  doc: string;
  /** Upstream documentation or source this entry was written from. */
  source?: string;
  /** For enums: the allowed values. For other types: suggestions. */
  values?: AllowedValue[];
  /** For enums: the reader compares without case (e.g. it upper-cases the value first). */
  caseInsensitive?: boolean;
  /** For strings: a pattern the value must match, with a human hint for messages. */
  pattern?: RegExp;
  patternHint?: string;
  /** For integers/numbers: inclusive range. */
  min?: number;
  max?: number;
  default?: string;
  /** When set, the entry is deprecated; the text says what to use instead. */
  deprecated?: string;
  /** A value that completion can insert (snippet syntax allowed). */
  snippet?: string;
}

export class Catalog<E extends CatalogEntry = CatalogEntry> {
  private readonly byName = new Map<string, E>();
  constructor(readonly entries: readonly E[]) {
    for (const e of entries) {
      if (this.byName.has(e.name)) throw new Error(`duplicate catalog entry ${e.name}`);
      this.byName.set(e.name, e);
    }
  }
  get(name: string): E | undefined {
    return this.byName.get(name);
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  names(): string[] {
    return [...this.byName.keys()];
  }
}

/** A short type label for completion details: `integer (5–300), default 15`. */
export function entryDetail(e: CatalogEntry): string {
  let t: string = e.type;
  if (e.type === 'enum' && e.values) t = e.values.map((v) => v.value).join(' | ');
  if (e.min !== undefined || e.max !== undefined) t += ` (${e.min ?? '…'}–${e.max ?? '…'})`;
  if (e.default !== undefined) t += `, default ${e.default}`;
  if (e.deprecated) t = `deprecated · ${t}`;
  return t;
}

/** Markdown for hover and completion documentation. */
export function entryMarkdown(e: CatalogEntry, title = e.name): string {
  const lines: string[] = [`**${title}**`, ''];
  if (e.deprecated) lines.push(`⚠️ Deprecated: ${e.deprecated}`, '');
  lines.push(e.doc, '');
  const facts: string[] = [`Type: \`${e.type}\``];
  if (e.values && e.values.length)
    facts.push(`${e.type === 'enum' ? 'Allowed' : 'Common'} values: ${e.values.map((v) => '`' + v.value + '`').join(', ')}`);
  if (e.min !== undefined || e.max !== undefined) facts.push(`Range: ${e.min ?? '−∞'} to ${e.max ?? '∞'}`);
  if (e.patternHint) facts.push(`Format: ${e.patternHint}`);
  if (e.default !== undefined) facts.push(`Default: \`${e.default}\``);
  lines.push(facts.join(' · '));
  if (e.source) lines.push('', `[Upstream documentation](${e.source})`);
  return lines.join('\n');
}

/** Edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length,
    n = b.length;
  if (Math.abs(m - n) > 8) return Math.abs(m - n);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[n];
}

/** The closest candidates to `name` (distance ≤ max(2, length/4)), best first. */
export function closest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const maxD = Math.max(2, Math.floor(name.length / 4));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d <= maxD) scored.push([c, d]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map((s) => s[0]);
}

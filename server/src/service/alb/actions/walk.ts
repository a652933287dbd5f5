/**
 * The walk of an annotation's JSON against the controller's Go types (catalog.ts): what encoding/json would
 * refuse to decode (a string where an int goes, ...), keys it drops silently, keys written in another case,
 * duplicate keys. The Reporter maps JSON nodes back to YAML source ranges for every finding and fix.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { CheckContext } from '../../checks/types';
import type { Fix, Severity } from '../../diagnostics/types';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { closest } from '../../catalog/types';
import { encodeForStyle, type EmbeddedJson } from './embedded';
import { matchField, typeLabel, type JType } from './catalog';
import type { AlbJsonAnnotation } from './model';

export interface Reporter {
  ctx: CheckContext;
  a: AlbJsonAnnotation;
  ej: EmbeddedJson;
  at(n: JsonNode | undefined): [number, number];
  report(code: string, n: JsonNode | [number, number] | undefined, message: string, opts?: { severity?: Severity; fixes?: Fix[] }): void;
  /** A fix replacing a JSON string node's content (inside the quotes) with `text`. */
  replaceString(n: JsonNode, text: string, title: string): Fix | undefined;
}

export function reporter(ctx: CheckContext, a: AlbJsonAnnotation, ej: EmbeddedJson): Reporter {
  const keyRange = nodeRange(a.pair.key) ?? [0, 0];
  const r: Reporter = {
    ctx,
    a,
    ej,
    at(n) {
      return n ? ej.toSource(n.offset, n.length) : keyRange;
    },
    report(code, n, message, opts = {}) {
      const range = Array.isArray(n) ? n : r.at(n);
      ctx.report(code, range, message, opts);
    },
    replaceString(n, text, title) {
      if (!ej.st.exact || n.type !== 'string') return undefined;
      const [s, e] = ej.toSource(n.offset + 1, Math.max(0, n.length - 2));
      return { title, edits: [{ start: s, end: e, newText: encodeForStyle(ej.st.style, text) }], preferred: true };
    },
  };
  return r;
}

const GO_KIND: Record<string, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  null: 'null',
  object: 'object',
  array: 'array',
};

/** A fix replacing a JSON string (quotes included) with its bare content: "50" → 50, "true" → true. */
function unquote(r: Reporter, n: JsonNode): Fix | undefined {
  if (!r.ej.st.exact) return undefined;
  const [s, e] = r.ej.toSource(n.offset, n.length);
  return { title: `Remove the quotes: ${String(n.value)}`, edits: [{ start: s, end: e, newText: String(n.value) }], preferred: true };
}

/** Type-check a JSON node against a Go type, and recurse; reports unknown keys and key case. */
export function walk(r: Reporter, n: JsonNode, t: JType, where: string): void {
  if (n.type === 'null') return; // Go leaves pointers/slices unset, strings/numbers unchanged
  const bad = (expected: string, extra = ''): void =>
    r.report(
      'alb-json-type',
      n,
      `${where} must be ${expected}, not a JSON ${GO_KIND[n.type]}: the controller cannot decode the annotation and the Ingress fails to reconcile${extra}`,
    );
  switch (t.kind) {
    case 'string':
      if (n.type !== 'string') {
        const fix =
          n.type === 'number' || n.type === 'boolean'
            ? r.replaceString(
                { ...n, type: 'string', offset: n.offset - 1, length: n.length + 2 },
                `"${String(n.value)}"`,
                `Quote it: "${String(n.value)}"`,
              )
            : undefined;
        r.report(
          'alb-json-type',
          n,
          `${where} must be a string, not a JSON ${GO_KIND[n.type]}: the controller cannot decode the annotation and the Ingress fails to reconcile${n.type === 'number' ? ` (write "${String(n.value)}")` : ''}`,
          { fixes: fix ? [fix] : undefined },
        );
      }
      return;
    case 'int':
      if (n.type !== 'number') {
        const digits = n.type === 'string' && /^-?\d+$/.test(String(n.value));
        r.report(
          'alb-json-type',
          n,
          `${where} must be an integer, not a JSON ${GO_KIND[n.type]}: the controller cannot decode the annotation and the Ingress fails to reconcile${digits ? ` (write ${String(n.value)} without quotes)` : ''}`,
          { fixes: digits ? [unquote(r, n)].filter((f): f is Fix => !!f) : undefined },
        );
        return;
      }
      if (!/^-?\d+$/.test(r.ej.text.slice(n.offset, n.offset + n.length))) bad('a whole number (no fraction or exponent)');
      else if (Math.abs(n.value as number) > 2147483647) bad('a 32-bit integer');
      return;
    case 'bool':
      if (n.type !== 'boolean') {
        const lit = n.type === 'string' && /^(true|false)$/.test(String(n.value));
        r.report(
          'alb-json-type',
          n,
          `${where} must be true or false, not a JSON ${GO_KIND[n.type]}: the controller cannot decode the annotation and the Ingress fails to reconcile${lit ? ' (write it without quotes)' : ''}`,
          { fixes: lit ? [unquote(r, n)].filter((f): f is Fix => !!f) : undefined },
        );
      }
      return;
    case 'intOrString':
      if (n.type === 'string') return;
      if (n.type !== 'number') {
        bad('a port number or a port name');
        return;
      }
      if (!/^-?\d+$/.test(r.ej.text.slice(n.offset, n.offset + n.length))) bad('a whole number or a port name');
      return;
    case 'array':
      if (n.type !== 'array') {
        bad(`a JSON list (${typeLabel(t)})`);
        return;
      }
      (n.children ?? []).forEach((c, i) => walk(r, c, t.items, `${where}[${i}]`));
      return;
    case 'map':
      if (n.type !== 'object') {
        bad('a JSON object');
        return;
      }
      for (const p of n.children ?? []) {
        const k = p.children?.[0],
          v = p.children?.[1];
        if (k && v) walk(r, v, t.values, `"${String(k.value)}"`);
      }
      return;
    case 'object':
      walkObject(r, n, t, bad);
      return;
  }
}

/** An object of a Go struct: duplicate keys (the last wins), unknown keys, key case, then each field's value. */
function walkObject(r: Reporter, n: JsonNode, t: Extract<JType, { kind: 'object' }>, bad: (expected: string) => void): void {
  if (n.type !== 'object') {
    bad('a JSON object');
    return;
  }
  const later = new Map<string, JsonNode>();
  for (const p of [...(n.children ?? [])].reverse()) {
    const k = p.children?.[0];
    if (!k || typeof k.value !== 'string') continue;
    const m = matchField(t.fields, k.value);
    const id = m ? m.name : k.value;
    const after = later.get(id);
    if (after)
      r.report(
        'alb-json-duplicate-key',
        k,
        `"${k.value}" is set again later (as "${String(after.value)}"): the controller keeps the last value and ignores this one`,
      );
    else later.set(id, k);
  }
  for (const p of n.children ?? []) {
    const k = p.children?.[0];
    const v = p.children?.[1];
    if (!k || typeof k.value !== 'string') continue;
    const m = matchField(t.fields, k.value);
    if (!m) {
      const known = Object.keys(t.fields);
      const guess = closest(k.value, known, 1)[0];
      const fix = guess ? r.replaceString(k, guess, `Rename to "${guess}"`) : undefined;
      r.report(
        'alb-json-unknown-key',
        k,
        `Unknown key "${k.value}" in ${t.name}: the controller ignores it silently${guess ? `. Did you mean "${guess}"?` : `. Known keys: ${known.join(', ')}`}`,
        { fixes: fix ? [fix] : undefined },
      );
      continue;
    }
    if (!m.exact) {
      const fix = r.replaceString(k, m.name, `Rename to "${m.name}"`);
      r.report(
        'alb-json-key-case',
        k,
        `"${k.value}" works (the controller matches keys case-insensitively); the documented spelling is "${m.name}"`,
        { fixes: fix ? [fix] : undefined },
      );
    }
    if (v) walk(r, v, m.field.type, `"${m.name}"`);
  }
}

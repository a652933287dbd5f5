/**
 * Typed field schemas for structured objects (NodePool, NodeClass, NetworkPolicy, ...): the catalog
 * mechanism applied to nested fields. `schemaAt` serves completion and hover; `validateNode` serves
 * diagnostics, with the codes chosen by the module that owns the schema.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { closest, type AllowedValue } from './types';
import { keyString, resolve, type NodePath } from '@shared/manifest/yamlNodes';

export interface FieldSchema {
  type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'intOrString' | 'quantity' | 'any';
  /** Our own words (Markdown). */
  doc?: string;
  source?: string;
  properties?: Record<string, FieldSchema>;
  /** Schema of values of keys not listed in properties (maps like labels); `true` accepts anything. */
  additionalProperties?: FieldSchema | true;
  items?: FieldSchema;
  required?: string[];
  /** Allowed values (strings compare as text). */
  enum?: AllowedValue[];
  pattern?: RegExp;
  patternHint?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  default?: string;
  deprecated?: string;
  /** Fields that cannot be set together with this one (siblings). */
  exclusiveWith?: string[];
}

/** The schema at a path (numbers step into items). */
export function schemaAt(root: FieldSchema, path: NodePath): FieldSchema | undefined {
  let s: FieldSchema | undefined = root;
  for (const seg of path) {
    if (!s) return undefined;
    if (typeof seg === 'number') {
      s = s.items;
      continue;
    }
    const next: FieldSchema | true | undefined = s.properties?.[seg] ?? s.additionalProperties;
    s = next === true ? { type: 'any' } : next;
  }
  return s;
}

export interface SchemaCodes {
  type: string;
  unknownField: string;
  required: string;
  enum: string;
  pattern: string;
  range: string;
}

export interface SchemaReporter {
  report(code: string, at: Node | [number, number] | undefined, message: string): void;
}

function typeName(n: unknown): string {
  if (isMap(n)) return 'an object';
  if (isSeq(n)) return 'a list';
  if (isScalar(n)) {
    const v = (n as Scalar).value;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return 'a string';
    if (typeof v === 'boolean') return 'a boolean';
    if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  }
  return 'something else';
}

/** Validate a node against a schema, reporting with the given codes. `where` is the dotted path for messages. */
export function validateNode(
  node: unknown,
  schema: FieldSchema,
  codes: SchemaCodes,
  r: SchemaReporter,
  doc: Document | undefined,
  where: string,
  keyNode?: Node,
): void {
  const n = resolve(node, doc);
  if (n === undefined) return;
  if (isScalar(n) && (n as Scalar).value === null && schema.type !== 'any') return; // `key:` with nothing: the API treats it as unset
  switch (schema.type) {
    case 'any':
      return;
    case 'object': {
      if (!isMap(n)) {
        r.report(codes.type, n, `${where} must be an object, not ${typeName(n)}`);
        return;
      }
      const seen = new Set<string>();
      for (const p of (n as YAMLMap).items as Pair[]) {
        const k = keyString(p);
        if (k === undefined) continue;
        seen.add(k);
        const sub: FieldSchema | true | undefined = schema.properties?.[k] ?? schema.additionalProperties;
        if (sub === undefined) {
          const hint = closest(k, Object.keys(schema.properties ?? {}), 1);
          r.report(
            codes.unknownField,
            p.key as Node,
            `Unknown field "${k}" in ${where}${hint.length ? ` — did you mean "${hint[0]}"?` : ''}`,
          );
          continue;
        }
        if (sub === true) continue;
        validateNode(p.value, sub, codes, r, doc, `${where}.${k}`, p.key as Node);
        if (sub.exclusiveWith)
          for (const other of sub.exclusiveWith) {
            if (other > k && (n as YAMLMap).items.some((q) => keyString(q as Pair) === other)) {
              r.report(codes.type, p.key as Node, `${where}.${k} cannot be combined with ${other}`);
            }
          }
      }
      for (const req of schema.required ?? []) {
        if (!seen.has(req)) r.report(codes.required, keyNode ?? n, `${where} is missing the required field "${req}"`);
      }
      return;
    }
    case 'array': {
      if (!isSeq(n)) {
        r.report(codes.type, n, `${where} must be a list, not ${typeName(n)}`);
        return;
      }
      const items = (n as YAMLSeq).items;
      if (schema.maxItems !== undefined && items.length > schema.maxItems)
        r.report(codes.range, n, `${where} has ${items.length} items; at most ${schema.maxItems} are allowed`);
      if (schema.minItems !== undefined && items.length < schema.minItems)
        r.report(codes.range, n, `${where} needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
      if (schema.items) items.forEach((it, i) => validateNode(it, schema.items!, codes, r, doc, `${where}[${i}]`));
      return;
    }
    default:
      validateScalar(n, schema, codes, r, where);
  }
}

function validateScalar(n: Node, schema: FieldSchema, codes: SchemaCodes, r: SchemaReporter, where: string): void {
  if (!isScalar(n)) {
    r.report(codes.type, n, `${where} must be ${article(schema.type)}, not ${typeName(n)}`);
    return;
  }
  const v = (n as Scalar).value;
  switch (schema.type) {
    case 'string':
      if (typeof v !== 'string') {
        r.report(
          codes.type,
          n,
          `${where} must be a string, not ${typeName(n)}${typeof v === 'boolean' || typeof v === 'number' ? ` — quote it: "${String(v)}"` : ''}`,
        );
        return;
      }
      break;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        r.report(codes.type, n, `${where} must be an integer, not ${typeName(n)}`);
        return;
      }
      break;
    case 'number':
      if (typeof v !== 'number') {
        r.report(codes.type, n, `${where} must be a number, not ${typeName(n)}`);
        return;
      }
      break;
    case 'boolean':
      if (typeof v !== 'boolean') {
        r.report(codes.type, n, `${where} must be true or false, not ${typeName(n)}`);
        return;
      }
      break;
    case 'intOrString':
    case 'quantity':
      if (typeof v !== 'string' && typeof v !== 'number') {
        r.report(codes.type, n, `${where} must be a number or a string, not ${typeName(n)}`);
        return;
      }
      if (schema.type === 'quantity' && typeof v === 'string' && !QUANTITY.test(v)) {
        r.report(codes.pattern, n, `${where} "${v}" is not a Kubernetes quantity (e.g. 100m, 4, 16Gi)`);
        return;
      }
      break;
  }
  const text = String(v);
  if (schema.enum && !schema.enum.some((e) => e.value === text)) {
    r.report(codes.enum, n, `${where} must be one of ${schema.enum.map((e) => e.value).join(', ')}; got "${text}"`);
    return;
  }
  if (schema.pattern && typeof v === 'string' && !schema.pattern.test(v)) {
    r.report(codes.pattern, n, `${where} "${v}" is not valid${schema.patternHint ? `: expected ${schema.patternHint}` : ''}`);
    return;
  }
  if (schema.maxLength !== undefined && typeof v === 'string' && v.length > schema.maxLength) {
    r.report(codes.range, n, `${where} is ${v.length} characters long; at most ${schema.maxLength} are allowed`);
  }
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum)
      r.report(codes.range, n, `${where} must be at least ${schema.minimum}, got ${v}`);
    else if (schema.maximum !== undefined && v > schema.maximum)
      r.report(codes.range, n, `${where} must be at most ${schema.maximum}, got ${v}`);
  }
}

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

function article(t: string): string {
  return t === 'integer' || t === 'intOrString' ? `an ${t === 'intOrString' ? 'integer or string' : t}` : `a ${t}`;
}

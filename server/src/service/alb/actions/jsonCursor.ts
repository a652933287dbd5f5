/** The JSON under a cursor inside one of our annotations, and the schema type at a JSON path. */
import { findNodeAtLocation, getNodePath, getLocation, type Location as JsonLocation, type Node as JsonNode, type JSONPath } from 'jsonc-parser';
import type { CursorContext } from '../../features/cursor';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { albJsonAnnotations, prop, present, type AlbJsonAnnotation } from './checks';
import type { EmbeddedJson } from './embedded';
import { matchField, rootType, type Field, type JType } from './schema';

export interface JsonCursor {
  a: AlbJsonAnnotation;
  ej: EmbeddedJson;
  /** Offset in the JSON text. */
  off: number;
  loc: JsonLocation;
}

/** First offset of the scalar's content (after the opening quote or the block header line). */
function contentStart(ej: EmbeddedJson, text: string): number {
  const [s, e] = ej.st.range;
  if (ej.st.style === 'QUOTE_DOUBLE' || ej.st.style === 'QUOTE_SINGLE') return s + 1;
  if (ej.st.style === 'BLOCK_LITERAL' || ej.st.style === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', s);
    return nl === -1 || nl > e ? e : nl + 1;
  }
  return s;
}

export function jsonCursorAt(obj: K8sObject | undefined, offset: number): JsonCursor | undefined {
  if (!obj || obj.kind !== 'Ingress') return undefined;
  for (const a of albJsonAnnotations(obj)) {
    const ej = a.ej;
    if (!ej) continue;
    const [, e] = ej.st.range;
    const quoted = ej.st.style === 'QUOTE_DOUBLE' || ej.st.style === 'QUOTE_SINGLE';
    if (offset < contentStart(ej, obj.chunk.text) || offset > (quoted ? e - 1 : e)) continue;
    const off = ej.fromSource(offset);
    return { a, ej, off, loc: getLocation(ej.text, off) };
  }
  return undefined;
}

export function cursorJson(ctx: CursorContext): JsonCursor | undefined {
  return jsonCursorAt(ctx.obj, ctx.offset);
}

/** Schema type at a JSON path (strings: object keys, numbers: list indexes), with the field it belongs to. */
export function typeAt(root: JType, path: JSONPath): { type?: JType; field?: Field; name?: string } {
  let t: JType | undefined = root;
  let field: Field | undefined;
  let name: string | undefined;
  for (const seg of path) {
    if (!t) return {};
    if (typeof seg === 'number') {
      if (t.kind !== 'array') return {};
      t = t.items;
    } else {
      if (t.kind !== 'object') return {};
      const m = matchField(t.fields, seg);
      if (!m) return {};
      field = m.field;
      name = m.name;
      t = m.field.type;
    }
  }
  return { type: t, field, name };
}

export function rootTypeOf(c: JsonCursor): JType {
  return rootType(c.a.kind);
}

export { findNodeAtLocation, getNodePath, prop, present, type JsonNode };

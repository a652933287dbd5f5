/**
 * The JSON annotations of an Ingress as the controller decodes them: which `actions.*` / `conditions.*` /
 * `transforms.*` annotations it has (with the YAML pair and the parsed, position-mapped JSON), and the helpers
 * that read a JSON object the way Go's encoding/json fills a struct (keys matched case-insensitively, the last
 * duplicate wins, JSON null leaves the field unset).
 */
import { isScalar, type Pair } from 'yaml';
import type { Node as JsonNode } from 'jsonc-parser';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { MemoKey } from '@shared/manifest/memo';
import { keyString, pairs } from '@shared/manifest/yamlNodes';
import { embeddedJson, type EmbeddedJson } from './embedded';
import { annotationKind, SERVICE_KINDS, type AnnotationKind } from './catalog';

/** One annotation of ours on an Ingress: its key, YAML value node and parsed JSON. */
export interface AlbJsonAnnotation {
  key: string;
  kind: AnnotationKind;
  name: string;
  pair: Pair;
  value: unknown;
  ej?: EmbeddedJson;
}

const JSON_ANNOTATIONS = new MemoKey<AlbJsonAnnotation[]>('alb.jsonAnnotations');

/** The JSON annotations of an Ingress (or the auth-idp-* ones of a Service), memoised with the document. */
export function albJsonAnnotations(obj: K8sObject): AlbJsonAnnotation[] {
  if (obj.kind !== 'Ingress' && obj.kind !== 'Service') return [];
  return obj.memo.getOrCreate(JSON_ANNOTATIONS, () => {
    const out: AlbJsonAnnotation[] = [];
    for (const p of pairs(obj.node(['metadata', 'annotations']))) {
      const key = keyString(p);
      const k = key ? annotationKind(key) : undefined;
      if (!k || !key) continue;
      if (obj.kind === 'Service' && !SERVICE_KINDS.includes(k.kind)) continue; // the rest is read from Ingresses only
      // The JSON is parsed when first asked for (a lens can skip an oversized value without parsing it).
      let ej: EmbeddedJson | undefined | null = null;
      const value = p.value;
      out.push({
        key,
        ...k,
        pair: p,
        value,
        get ej() {
          if (ej === null) ej = isScalar(value) ? embeddedJson(obj.chunk.text, value) : undefined;
          return ej;
        },
      });
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------- JSON helpers

export function jsonValue(n: JsonNode | undefined): unknown {
  if (!n) return undefined;
  if (n.type === 'string' || n.type === 'number' || n.type === 'boolean' || n.type === 'null') return n.value;
  return undefined;
}

/**
 * Property of an object node the way Go decodes it: every key matching the field (exactly or
 * case-insensitively) is assigned in order, so the last one wins.
 */
export function prop(obj: JsonNode | undefined, name: string): { key: JsonNode; value?: JsonNode } | undefined {
  if (!obj || obj.type !== 'object') return undefined;
  let found: { key: JsonNode; value?: JsonNode } | undefined;
  const lower = name.toLowerCase();
  for (const p of obj.children ?? []) {
    const k = p.children?.[0];
    if (!k || typeof k.value !== 'string') continue;
    if (k.value === name || k.value.toLowerCase() === lower) found = { key: k, value: p.children?.[1] };
  }
  return found;
}

/** The property's value unless absent or JSON null (Go leaves the field unset then). */
export function present(obj: JsonNode | undefined, name: string): JsonNode | undefined {
  const v = prop(obj, name)?.value;
  return v && v.type !== 'null' ? v : undefined;
}

export function str(obj: JsonNode | undefined, name: string): string | undefined {
  const v = present(obj, name);
  return v?.type === 'string' ? (v.value as string) : undefined;
}

export function isObj(n: JsonNode | undefined): n is JsonNode {
  return n?.type === 'object';
}

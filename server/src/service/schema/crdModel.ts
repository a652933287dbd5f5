/**
 * A CustomResourceDefinition reduced to what the schema engine needs: group, kind, scope, and per version
 * whether it is served and its structural schema in the compact form of convert.ts. Built from a plain
 * JS object (a parsed CRD: from the workspace, or by scripts/derive-crd-schemas.ts for the bundled ones).
 */
import { convertSchema, type SchemaType } from './convert';

export interface CrdVersion {
  n: string;
  sv: boolean;
  s?: SchemaType;
}
export interface CrdSchema {
  g: string;
  k: string;
  /** Namespaced (true) or cluster-scoped. */
  ns: boolean;
  vs: CrdVersion[];
  /** Where it came from: "repo path tag commit" for bundled CRDs. */
  src?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary OpenAPI / CRD JSON, read defensively
type Json = Record<string, any>;

/** The CRD's schema facts, or undefined when it is not a usable apiextensions.k8s.io/v1 CRD. */
export function crdFromPlain(crd: unknown): CrdSchema | undefined {
  const c = crd as Json;
  if (!c || typeof c !== 'object' || c.kind !== 'CustomResourceDefinition') return undefined;
  const spec = c.spec as Json | undefined;
  const group = spec?.group,
    kind = spec?.names?.kind;
  if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(spec?.versions)) return undefined;
  const top = spec!.validation?.openAPIV3Schema as Json | undefined; // v1beta1 form, kept for old files
  const vs: CrdVersion[] = [];
  for (const v of spec!.versions as Json[]) {
    if (!v || typeof v.name !== 'string') continue;
    const schema = (v.schema?.openAPIV3Schema ?? top) as Json | undefined;
    vs.push({
      n: v.name,
      sv: v.served !== false,
      ...(schema && typeof schema === 'object' ? { s: convertSchema(schema, () => ({ t: '*' }), true) } : {}),
    });
  }
  return { g: group, k: kind, ns: spec!.scope !== 'Cluster', vs };
}

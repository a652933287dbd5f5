/**
 * The compact structural form shared by the derivation scripts (`scripts/derive-k8s-schema.ts`,
 * `derive-crd-schemas.ts`) and the language service's schema engine: an OpenAPI v3 / CRD structural schema
 * reduced to the facts a validator needs. No descriptions, no CEL expressions we do not evaluate.
 *
 * A type is either a string (a reference to a named definition, e.g. "core.v1.Container") or an object:
 *   t   kind: o object, a array, s string, i integer, n number, b boolean, ios int-or-string, q quantity,
 *       dt date-time, by base64 bytes, * anything
 *   $   reference (with per-use facts such as s/u beside it)
 *   p   properties (objects)          a   additionalProperties type (maps)   r   required property names
 *   i   items (arrays)                lt  x-kubernetes-list-type (map|set|atomic)   k  list-map keys
 *   e   enum values (an entry [value, minor] was added in that minor)
 *   f   format (int32, int64, duration, uri, ...)   pt  pattern   d  default (scalars only)
 *   mn/mx minimum/maximum (xmn/xmx: exclusive)   mnl/mxl min/max length   mni/mxi min/max items
 *   mnp/mxp min/max properties   nl nullable   pu preserve-unknown-fields   er embedded resource
 *   v   x-kubernetes-validations: [{ r: rule, m?: message, fp?: fieldPath, re?: reason }]
 *   s   first minor version (of 1.x) that has this field, when later than its parent's first
 *   u   last minor version that has this field, when it was removed
 */
export type SchemaType = string | SchemaObject;

export interface CelRule {
  r: string;
  m?: string;
  fp?: string;
  re?: string;
  mx?: string;
}

export interface SchemaObject {
  t?: 'o' | 'a' | 's' | 'i' | 'n' | 'b' | 'ios' | 'q' | 'dt' | 'by' | '*';
  $?: string;
  p?: Record<string, SchemaType>;
  a?: SchemaType | true;
  r?: string[];
  i?: SchemaType;
  lt?: 'map' | 'set' | 'atomic';
  k?: string[];
  e?: (string | number | boolean | null | [string | number | boolean | null, number])[];
  f?: string;
  pt?: string;
  d?: string | number | boolean;
  mn?: number;
  mx?: number;
  xmn?: boolean;
  xmx?: boolean;
  mnl?: number;
  mxl?: number;
  mni?: number;
  mxi?: number;
  mnp?: number;
  mxp?: number;
  nl?: boolean;
  pu?: boolean;
  er?: boolean;
  v?: CelRule[];
  s?: number;
  u?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary OpenAPI / CRD JSON, read defensively
type Json = Record<string, any>;

/**
 * Convert one OpenAPI v3 / CRD schema node. `ref` maps a `$ref` target to our reference (or an inline
 * type for the apimachinery scalars); CRD schemas have no refs.
 */
export function convertSchema(x: Json | undefined, ref: (name: string) => SchemaType, zeroes = false): SchemaType {
  if (!x || typeof x !== 'object') return { t: '*' };
  const target = x.$ref ?? (Array.isArray(x.allOf) && x.allOf.length === 1 ? x.allOf[0]?.$ref : undefined);
  if (typeof target === 'string') {
    const r = ref(target.replace(/^#\/(components\/schemas|definitions)\//, ''));
    const extra: SchemaObject = {};
    if (x.default !== undefined && isMeaningfulDefault(x.default, zeroes)) extra.d = x.default;
    if (x.nullable) extra.nl = true;
    if (Object.keys(extra).length === 0) return r;
    return typeof r === 'string' ? { $: r, ...extra } : { ...r, ...extra };
  }
  const out: SchemaObject = {};
  const oneOf = x.oneOf ?? x.anyOf;
  const oneTypes = Array.isArray(oneOf)
    ? oneOf
        .map((o: Json) => o?.type)
        .sort()
        .join(',')
    : '';
  if (x['x-kubernetes-int-or-string'] || x.format === 'int-or-string' || oneTypes === 'integer,string') out.t = 'ios';
  else if (oneTypes === 'number,string') out.t = 'q';
  else if (x.type === 'object' || x.properties || x.additionalProperties) out.t = 'o';
  else if (x.type === 'array') out.t = 'a';
  else if (x.type === 'string') out.t = x.format === 'date-time' ? 'dt' : x.format === 'byte' ? 'by' : 's';
  else if (x.type === 'integer') out.t = 'i';
  else if (x.type === 'number') out.t = 'n';
  else if (x.type === 'boolean') out.t = 'b';
  else out.t = '*';
  if (out.t === 'o') {
    if (x.properties)
      out.p = Object.fromEntries(Object.entries(x.properties as Record<string, Json>).map(([k, v]) => [k, convertSchema(v, ref, zeroes)]));
    if (x.additionalProperties === true) out.a = true;
    else if (x.additionalProperties && typeof x.additionalProperties === 'object')
      out.a = convertSchema(x.additionalProperties, ref, zeroes);
    if (!x.properties && !x.additionalProperties && !x['x-kubernetes-preserve-unknown-fields'] && !x['x-kubernetes-embedded-resource'])
      out.t = '*';
    if (Array.isArray(x.required) && x.required.length) out.r = [...x.required];
  }
  if (out.t === 'a') {
    if (x.items) out.i = convertSchema(x.items, ref, zeroes);
    if (x['x-kubernetes-list-type']) out.lt = x['x-kubernetes-list-type'];
    if (Array.isArray(x['x-kubernetes-list-map-keys'])) out.k = [...x['x-kubernetes-list-map-keys']];
  }
  if (Array.isArray(x.enum)) out.e = [...x.enum];
  if (typeof x.format === 'string' && !['int-or-string', 'date-time', 'byte'].includes(x.format)) out.f = x.format;
  if (typeof x.pattern === 'string') out.pt = x.pattern;
  if (x.default !== undefined && isMeaningfulDefault(x.default, zeroes)) out.d = x.default;
  if (typeof x.minimum === 'number') out.mn = x.minimum;
  if (typeof x.maximum === 'number') out.mx = x.maximum;
  if (x.exclusiveMinimum === true) out.xmn = true;
  if (x.exclusiveMaximum === true) out.xmx = true;
  if (typeof x.minLength === 'number') out.mnl = x.minLength;
  if (typeof x.maxLength === 'number') out.mxl = x.maxLength;
  if (typeof x.minItems === 'number') out.mni = x.minItems;
  if (typeof x.maxItems === 'number') out.mxi = x.maxItems;
  if (typeof x.minProperties === 'number') out.mnp = x.minProperties;
  if (typeof x.maxProperties === 'number') out.mxp = x.maxProperties;
  if (x.nullable) out.nl = true;
  if (x['x-kubernetes-preserve-unknown-fields']) out.pu = true;
  if (x['x-kubernetes-embedded-resource']) out.er = true;
  const cel = x['x-kubernetes-validations'];
  if (Array.isArray(cel) && cel.length) {
    out.v = cel
      .filter((c: Json) => typeof c?.rule === 'string')
      .map((c: Json) => {
        const r: CelRule = { r: c.rule };
        if (typeof c.message === 'string') r.m = c.message;
        if (typeof c.messageExpression === 'string') r.mx = c.messageExpression;
        if (typeof c.fieldPath === 'string') r.fp = c.fieldPath;
        if (typeof c.reason === 'string') r.re = c.reason;
        return r;
      });
  }
  return out;
}

/**
 * Scalar defaults only. In the built-in OpenAPI, zero values (`{}`, `""`, `0`, `false`) are how Go structs
 * default and say nothing to a user; `zeroes` keeps 0/false (a CRD's `default: false` is meant).
 */
function isMeaningfulDefault(d: unknown, zeroes: boolean): d is string | number | boolean {
  return (typeof d === 'string' && d !== '') || (typeof d === 'number' && (zeroes || d !== 0)) || (typeof d === 'boolean' && (zeroes || d));
}

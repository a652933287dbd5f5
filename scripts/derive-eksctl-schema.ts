/**
 * Derive the structural facts of eksctl's ClusterConfig (eksctl.io/v1alpha5) from eksctl's published JSON
 * Schema into a compact JSON file the language service reads. Only structure is kept: property names (in
 * eksctl's preferred order), types, references, enums, required lists and defaults. Descriptions are left
 * out; hover texts are ours (server/src/service/eksctl/docs.ts).
 *
 *   npx tsx scripts/derive-eksctl-schema.ts schema.json "eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json <commit>" \
 *     > server/src/service/eksctl/data/clusterconfig-schema.json
 *
 * The compact form uses the letters of the shared schema engine (server/src/service/schema/convert.ts on the
 * schema branch): t (o object, a array, s string, i integer, n number, b boolean, * anything), $ (reference
 * to a definition), p (properties), a (additionalProperties), r (required), i (items), e (enum), d (default,
 * as eksctl prints it). `o` lists one alternative shape the schema names with oneOf.
 */
import * as fs from 'fs';

type Json = Record<string, any>;

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

/** Definition names in eksctl's schema are Go import paths ("k8s.io|api|core|v1.TaintEffect"): shorten them. */
export function defName(ref: string): string {
  const name = ref.replace(/^#\/definitions\//, '');
  const i = name.lastIndexOf('|');
  return i === -1 ? name : name.slice(i + 1).replace(/\./g, '_');
}

export function convert(x: Json | undefined): CompactType {
  if (!x || typeof x !== 'object') return { t: '*' };
  const out: CompactType = {};
  if (typeof x.$ref === 'string') {
    out.$ = defName(x.$ref);
    if (typeof x.default === 'string' && x.default !== '') out.d = x.default;
    return out;
  }
  switch (x.type) {
    case 'object':
      out.t = 'o';
      break;
    case 'array':
      out.t = 'a';
      break;
    case 'string':
      out.t = 's';
      break;
    case 'integer':
      out.t = 'i';
      break;
    case 'number':
      out.t = 'n';
      break;
    case 'boolean':
      out.t = 'b';
      break;
    default:
      out.t = x.properties ? 'o' : '*';
  }
  if (x.properties) {
    const order: string[] = Array.isArray(x.preferredOrder) ? x.preferredOrder : [];
    const names = [
      ...order.filter((k) => k in x.properties),
      ...Object.keys(x.properties)
        .filter((k) => !order.includes(k))
        .sort(),
    ];
    out.p = Object.fromEntries(names.map((k) => [k, convert(x.properties[k])]));
  }
  if (x.additionalProperties !== undefined && x.additionalProperties !== false) {
    const ap = x.additionalProperties;
    out.a = ap === true || (typeof ap === 'object' && Object.keys(ap).length === 0) ? true : convert(ap);
  }
  if (out.t === 'o' && !x.properties && out.a === undefined && x.additionalProperties !== false) out.t = '*';
  if (Array.isArray(x.required) && x.required.length) out.r = [...x.required];
  if (x.items) out.i = convert(x.items);
  if (Array.isArray(x.enum)) out.e = [...x.enum];
  if (typeof x.default === 'string' && x.default !== '' && x.default !== '{}' && x.default !== '[]') out.d = x.default;
  if (Array.isArray(x.oneOf)) out.o = x.oneOf.filter((s: Json) => typeof s?.$ref === 'string').map((s: Json) => defName(s.$ref));
  return out;
}

export function derive(schema: Json, source: string): Json {
  const [repository, path, commit] = source.split(/\s+/);
  const defs: Record<string, CompactType> = {};
  for (const [name, def] of Object.entries(schema.definitions as Record<string, Json>).sort(([a], [b]) => a.localeCompare(b))) {
    const short = defName(name);
    if (defs[short]) throw new Error(`two definitions shorten to ${short}`);
    defs[short] = convert(def);
  }
  return {
    note: "Structural facts of eksctl's ClusterConfig JSON Schema, derived by scripts/derive-eksctl-schema.ts; no upstream text.",
    source: { repository, path, commit },
    root: defName(String(schema.$ref ?? '#/definitions/ClusterConfig')),
    defs,
  };
}

if (require.main === module) {
  const [file, source] = process.argv.slice(2);
  if (!file || !source || source.split(/\s+/).length !== 3) {
    console.error('usage: derive-eksctl-schema.ts schema.json "<repo> <path> <commit>"');
    process.exit(2);
  }
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  process.stdout.write(JSON.stringify(derive(schema, source)) + '\n');
}

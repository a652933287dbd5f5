/**
 * Extract the validation facts of a CustomResourceDefinition (types, fields, patterns, enums, ranges, list
 * limits, required lists, defaults, and the messages of its CEL rules) into a small JSON fixture. The tests
 * hold our schemas against that fixture; descriptions and CEL expressions are left out.
 *
 *   npx tsx scripts/extract-crd-rules.ts CRD.yaml "<repo> <path> <commit>" > test/fixtures/.../rules.json
 */
import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';

type Json = Record<string, unknown>;
const KEEP = [
  'type',
  'pattern',
  'enum',
  'minimum',
  'maximum',
  'maxItems',
  'minItems',
  'maxLength',
  'maxProperties',
  'required',
  'default',
  'x-kubernetes-int-or-string',
];

export function extractRules(schema: Json): Json {
  const out: Json = {};
  for (const k of KEEP) if (schema[k] !== undefined) out[k] = schema[k];
  if (Array.isArray(schema.anyOf)) out.anyOf = (schema.anyOf as Json[]).map((s) => extractRules(s));
  if (schema.properties)
    out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, Json>).map(([k, v]) => [k, extractRules(v)]));
  if (schema.items) out.items = extractRules(schema.items as Json);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
    out.additionalProperties = extractRules(schema.additionalProperties as Json);
  const cel = schema['x-kubernetes-validations'] as { message?: string; rule: string }[] | undefined;
  if (cel) out.celRules = cel.map((r) => ({ message: r.message ?? '', needsLiveObject: r.rule.includes('oldSelf') }));
  return out;
}

if (require.main === module) {
  const [file, source] = process.argv.slice(2);
  if (!file || !source) {
    console.error('usage: extract-crd-rules.ts CRD.yaml "<repo> <path> <commit>"');
    process.exit(2);
  }
  const crd = parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJS())
    .find((d) => d?.kind === 'CustomResourceDefinition');
  const versions = (crd.spec.versions as Json[]).map((v) => ({
    name: v.name,
    schema: extractRules((v.schema as Json).openAPIV3Schema as Json),
  }));
  const fixture = {
    source,
    kind: crd.spec.names.kind,
    group: crd.spec.group,
    note: 'Validation facts extracted from the upstream CRD by scripts/extract-crd-rules.ts (descriptions and CEL expressions left out).',
    versions,
  };
  process.stdout.write(JSON.stringify(fixture, null, 1) + '\n');
}

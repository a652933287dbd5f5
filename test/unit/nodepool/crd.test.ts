/**
 * Holds our NodePool schema against the upstream CRD's validation facts (test/fixtures/karpenter/
 * nodepool-crd-rules.json, extracted from kubernetes-sigs/karpenter pkg/apis/crds/karpenter.sh_nodepools.yaml
 * by scripts/extract-crd-rules.ts; source and commit inside): every spec field, pattern, enum, range, list
 * limit and required list must agree, and every CEL rule must be checked by a known code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { FieldSchema } from '../../../server/src/service/catalog/schema';
import { NODEPOOL_SPEC_SCHEMA } from '../../../server/src/service/nodepool/catalog';
import { CEL_RULES } from '../../../server/src/service/nodepool/checks';
import { NODEPOOL_CODES } from '../../../server/src/service/nodepool/codes';

type Crd = Record<string, any>;
const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'karpenter', 'nodepool-crd-rules.json');
const crd = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Crd;
const v1 = crd.versions.find((v: Crd) => v.name === 'v1');
const crdSpec: Crd = v1.schema.properties.spec;

test('the fixture names its upstream source and commit', () => {
  assert.match(crd.source, /^kubernetes-sigs\/karpenter pkg\/apis\/crds\/karpenter\.sh_nodepools\.yaml [0-9a-f]{40}$/);
  assert.equal(crd.kind, 'NodePool');
});

/** Walk the CRD schema and ours side by side, collecting disagreements. */
function compare(c: Crd, ours: FieldSchema | undefined, where: string, out: string[]): void {
  if (!ours) {
    out.push(`${where}: missing in our schema`);
    return;
  }
  if (c.type === 'array' && (c.pattern || c.maxLength)) {
    // The CRD puts a string pattern/maxLength on the requirement `values` list itself (the API server skips
    // them there); Karpenter validates each value as a label value at runtime, so ours sit on the items.
    const { pattern, maxLength, ...rest } = c;
    compare({ ...rest, items: { ...(c.items ?? {}), pattern, maxLength } }, ours, where, out);
    return;
  }
  const isQuantity = Array.isArray(c.anyOf) && c['x-kubernetes-int-or-string'];
  if (isQuantity) {
    if (ours.type !== 'quantity' && ours.type !== 'intOrString') out.push(`${where}: expected quantity, ours ${ours.type}`);
  } else if (c.type && c.type !== ours.type) out.push(`${where}: type ${c.type} vs ours ${ours.type}`);
  if (c.pattern && !isQuantity && ours.pattern?.source !== c.pattern)
    out.push(`${where}: pattern ${c.pattern} vs ours ${ours.pattern?.source}`);
  if (c.enum) {
    const mine = (ours.enum ?? []).map((e) => e.value).sort();
    if (JSON.stringify(mine) !== JSON.stringify([...c.enum].sort())) out.push(`${where}: enum ${c.enum} vs ours ${mine}`);
  }
  for (const [k, ok] of [
    ['minimum', 'minimum'],
    ['maximum', 'maximum'],
    ['maxItems', 'maxItems'],
    ['maxLength', 'maxLength'],
  ] as const) {
    if (c[k] !== undefined && (ours as any)[ok] !== c[k]) out.push(`${where}: ${k} ${c[k]} vs ours ${(ours as any)[ok]}`);
  }
  if (c.required) {
    const mine = [...(ours.required ?? [])].sort();
    if (JSON.stringify(mine) !== JSON.stringify([...c.required].sort())) out.push(`${where}: required ${c.required} vs ours ${mine}`);
  }
  if (c.default !== undefined && typeof c.default !== 'object' && ours.default !== String(c.default))
    out.push(`${where}: default ${c.default} vs ours ${ours.default}`);
  if (c.properties) {
    for (const [k, sub] of Object.entries(c.properties as Record<string, Crd>)) compare(sub, ours.properties?.[k], `${where}.${k}`, out);
    for (const k of Object.keys(ours.properties ?? {}))
      if (!(k in c.properties)) out.push(`${where}.${k}: in our schema but not in the CRD`);
  }
  if (c.items) compare(c.items, ours.items, `${where}[]`, out);
  if (c.additionalProperties && typeof c.additionalProperties === 'object') {
    const ap = ours.additionalProperties;
    compare(c.additionalProperties, ap === true ? undefined : ap, `${where}.*`, out);
  }
}

test('our NodePool spec schema agrees with the CRD: fields, types, patterns, enums, ranges, list limits, required, defaults', () => {
  const out: string[] = [];
  compare(crdSpec, NODEPOOL_SPEC_SCHEMA, 'spec', out);
  assert.deepEqual(out, []);
});

test('our patterns behave like the CRD patterns on sample values', () => {
  const samples = [
    '720h',
    '1h30m',
    'Never',
    '10d',
    '30',
    '0s',
    '10%',
    '100%',
    '101%',
    '5',
    '@daily',
    '0 9 * * mon-fri',
    '8h',
    '1h30m0s',
    'nvidia.com/gpu',
    'Bad Key',
    '',
  ];
  const check = (c: Crd, ours: FieldSchema, where: string) => {
    if (!c.pattern || !ours.pattern) return;
    const re = new RegExp(c.pattern);
    for (const s of samples) assert.equal(ours.pattern.test(s), re.test(s), `${where} on "${s}"`);
  };
  const walk = (c: Crd, ours: FieldSchema | undefined, where: string) => {
    if (!ours) return;
    check(c, ours, where);
    for (const [k, sub] of Object.entries((c.properties ?? {}) as Record<string, Crd>)) walk(sub, ours.properties?.[k], `${where}.${k}`);
    if (c.items) walk(c.items, ours.items, `${where}[]`);
  };
  walk(crdSpec, NODEPOOL_SPEC_SCHEMA, 'spec');
});

test('every CEL rule of the CRD is checked by a declared code (except rules about oldSelf, which need the live object)', () => {
  const rules: { message: string; needsLiveObject: boolean }[] = [];
  const walk = (c: Crd) => {
    if (!c || typeof c !== 'object') return;
    for (const r of c.celRules ?? []) rules.push(r);
    for (const v of Object.values(c)) if (v && typeof v === 'object') walk(v as Crd);
  };
  walk(crdSpec);
  assert.ok(rules.length >= 10);
  const declared = new Set(NODEPOOL_CODES.map((c) => c.code));
  for (const r of rules) {
    if (r.needsLiveObject) continue;
    const mapped = CEL_RULES.find((m) => m.message === r.message);
    assert.ok(mapped, `CEL rule not checked: ${r.message}`);
    assert.ok(declared.has(mapped.code), `${mapped.code} is not declared`);
  }
  for (const m of CEL_RULES)
    assert.ok(
      rules.some((r) => r.message === m.message),
      `CEL_RULES lists "${m.message}", which the CRD no longer has`,
    );
});

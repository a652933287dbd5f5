/**
 * Holds the derived schema data (server/src/service/schema/data/*.json, written by scripts/derive-k8s-schema.ts
 * and scripts/derive-crd-schemas.ts) against the upstream facts it came from, for every supported minor:
 * test/fixtures/schema/k8s-upstream-facts.json records the sha256 of each upstream OpenAPI file
 * (kubernetes/kubernetes api/openapi-spec/v3/*_openapi.json) and a sample of facts read straight from those
 * files by a second reader (property names, required lists, list-map keys); crd-sources.json records each
 * bundled CRD file's sha256, kind and served versions read straight from its YAML.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { SchemaObject, SchemaType } from '../../../server/src/service/schema/convert';

const DATA = path.join(__dirname, '..', '..', '..', 'server', 'src', 'service', 'schema', 'data');
const FIX = path.join(__dirname, '..', '..', 'fixtures', 'schema');
const k8s = JSON.parse(fs.readFileSync(path.join(DATA, 'k8s.json'), 'utf8'));
const crds = JSON.parse(fs.readFileSync(path.join(DATA, 'crds.json'), 'utf8'));
const facts = JSON.parse(fs.readFileSync(path.join(FIX, 'k8s-upstream-facts.json'), 'utf8'));
const crdFacts = JSON.parse(fs.readFileSync(path.join(FIX, 'crd-sources.json'), 'utf8'));

const obj = (t: SchemaType): SchemaObject => (typeof t === 'string' ? { $: t } : t);
const inMinor = (t: SchemaType, m: number): boolean => {
  const o = obj(t);
  return !(o.s !== undefined && m < o.s) && !(o.u !== undefined && m > o.u);
};

test('the data names its provenance: repository, path and the pinned refs', () => {
  assert.equal(k8s.provenance.openapi.repository, 'kubernetes/kubernetes');
  assert.equal(k8s.provenance.openapi.path, 'api/openapi-spec/v3/');
  assert.match(k8s.provenance.openapi.via, /^kubernetes-sigs\/kubectl-validate .* [0-9a-f]{40}$/);
  for (let m = 28; m <= 35; m++) assert.match(k8s.provenance.enums.tags[`1.${m}`], new RegExp(`^v0\\.${m}\\.0 [0-9a-f]{40}$`));
  assert.deepEqual(k8s.minors, [28, 29, 30, 31, 32, 33, 34, 35]);
  for (const c of crds.crds) assert.match(c.src, /^[\w.-]+\/[\w.-]+ \S+\.ya?ml v\d+\.\d+\.\d+ [0-9a-f]{40}$/, c.k);
});

for (let m = 28; m <= 35; m++) {
  test(`Kubernetes 1.${m}: the derived data agrees with the upstream OpenAPI sample`, () => {
    const v = facts.versions[`1.${m}`];
    assert.ok(v, `no upstream facts for 1.${m}`);
    // Every upstream file read for that minor is recorded by name and hash.
    assert.ok(v.files['api__v1_openapi.json'].match(/^[0-9a-f]{64}$/));
    assert.ok(v.files['apis__apps__v1_openapi.json'].match(/^[0-9a-f]{64}$/));
    const out: string[] = [];
    for (const [def, f] of Object.entries(
      v.sample as Record<string, { properties: string[]; required: string[]; listMapKeys: Record<string, string[]> }>,
    )) {
      const d = obj(k8s.defs[def]);
      const ours = Object.entries(d.p ?? {})
        .filter(([, t]) => inMinor(t as SchemaType, m))
        .map(([k]) => k)
        .sort();
      if (JSON.stringify(ours) !== JSON.stringify(f.properties)) out.push(`${def} properties: ours ${ours} upstream ${f.properties}`);
      // Our required list is what every minor requires (never more than this minor's).
      for (const r of d.r ?? []) if (!f.required.includes(r)) out.push(`${def}: we require ${r}, upstream 1.${m} does not`);
      for (const [field, keys] of Object.entries(f.listMapKeys)) {
        const ft = obj(d.p![field]);
        if (JSON.stringify(ft.k) !== JSON.stringify(keys)) out.push(`${def}.${field} list-map keys: ours ${ft.k} upstream ${keys}`);
      }
    }
    assert.deepEqual(out, []);
  });
}

test('kinds are served in the minors the upstream files list them (samples)', () => {
  assert.deepEqual(k8s.kinds['apps/v1/Deployment'].v, [28, 35]);
  assert.deepEqual(k8s.kinds['flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema'].v, [28, 31]); // removed in 1.32
  assert.deepEqual(k8s.kinds['resource.k8s.io/v1/DeviceClass'].v, [34, 35]); // GA in 1.34
  assert.equal(k8s.kinds['v1/Namespace'].ns, undefined); // cluster-scoped
  assert.equal(k8s.kinds['v1/ConfigMap'].ns, true);
});

test('enum values come from the Go API types at the tags (kubernetes/api core/v1/types.go)', () => {
  const c = obj(k8s.defs['core.v1.Container']);
  assert.deepEqual(obj(c.p!.imagePullPolicy).e, ['Always', 'Never', 'IfNotPresent']);
  assert.deepEqual(obj(obj(k8s.defs['core.v1.ServiceSpec']).p!.type).e, ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
});

test('every bundled CRD matches the upstream file it was read from (kind, group, served versions)', () => {
  const out: string[] = [];
  const files = Object.entries(
    crdFacts.files as Record<string, { tag: string; commit: string; sha256: string; group: string; kind: string; served: string[] }>,
  );
  assert.ok(files.length >= 40);
  for (const [key, f] of files) {
    const c = crds.crds.find((x: { src: string }) => x.src.startsWith(key + ' '));
    if (!c) {
      out.push(`${key}: not in the data`);
      continue;
    }
    if (c.g !== f.group || c.k !== f.kind) out.push(`${key}: ${c.g}/${c.k} vs ${f.group}/${f.kind}`);
    const served = c.vs.filter((v: { sv: boolean }) => v.sv).map((v: { n: string }) => v.n);
    if (JSON.stringify(served) !== JSON.stringify(f.served)) out.push(`${key}: served ${served} vs ${f.served}`);
    if (!c.src.endsWith(`${f.tag} ${f.commit}`)) out.push(`${key}: pinned ${c.src} vs ${f.tag} ${f.commit}`);
    assert.match(f.sha256, /^[0-9a-f]{64}$/);
  }
  assert.deepEqual(out, []);
  const kinds = new Set(crds.crds.map((c: { g: string; k: string }) => `${c.g}/${c.k}`));
  for (const k of [
    'elbv2.k8s.aws/TargetGroupBinding',
    'elbv2.k8s.aws/IngressClassParams',
    'gateway.k8s.aws/LoadBalancerConfiguration',
    'gateway.networking.k8s.io/HTTPRoute',
    'application-networking.k8s.aws/TargetGroupPolicy',
    'karpenter.sh/NodePool',
    'karpenter.sh/NodeClaim',
    'karpenter.k8s.aws/EC2NodeClass',
    'crd.k8s.amazonaws.com/ENIConfig',
    'vpcresources.k8s.aws/SecurityGroupPolicy',
    'snapshot.storage.k8s.io/VolumeSnapshot',
    'appmesh.k8s.aws/VirtualNode',
    'kustomize.toolkit.fluxcd.io/Kustomization',
    'helm.toolkit.fluxcd.io/HelmRelease',
    'argoproj.io/Application',
  ])
    assert.ok(kinds.has(k), k);
});

test('the data stays small', () => {
  assert.ok(fs.statSync(path.join(DATA, 'k8s.json')).size < 400_000);
  assert.ok(fs.statSync(path.join(DATA, 'crds.json')).size < 400_000);
});

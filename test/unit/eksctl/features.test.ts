/** Completion and hover in eksctl ClusterConfig files (the real service, parser and cursor). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceWith, uriOf } from '../../helpers/service';
import { positionOf } from '../../helpers/lspClient';
import { SCHEMA, type CompactType } from '../../../server/src/service/eksctl/schema';
import { locate, fieldMarkdown } from '../../../server/src/service/eksctl/features';

const CFG = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: demo
  region: us-west-2
  version: "1.33"
autoModeConfig:
  enabled: true
  nodePools: [general-purpose]
managedNodeGroups:
  - name: ng-1
    volumeType: gp3
`;

const SETTINGS = { today: '2026-06-01' };
function at(text: string, needle: string, delta = 0) {
  const s = serviceWith({ 'cluster.yaml': text }, SETTINGS);
  return { s, uri: uriOf('cluster.yaml'), pos: positionOf(text, needle, delta) };
}
const labels = (l: { items: { label: string }[] } | undefined) => (l?.items ?? []).map((i) => i.label);
const hoverText = (h: { contents: unknown } | undefined) => (h?.contents as { value: string } | undefined)?.value ?? '';

test("completion: top-level fields of a ClusterConfig in eksctl's order, present ones left out", () => {
  const text = CFG + '\n';
  const { s, uri } = at(text, 'kind');
  const list = s.complete(uri, { line: text.split('\n').length - 1, character: 0 })!;
  const names = labels(list);
  assert.ok(names.includes('addons') && names.includes('iam') && names.includes('vpc') && names.includes('capabilities'));
  assert.ok(!names.includes('metadata') && !names.includes('autoModeConfig'));
});

test('completion: fields of a managed node group, and enum values', () => {
  const text = CFG.replace('    volumeType: gp3\n', '    volumeType: gp3\n    vol\n');
  const c = at(text, '    vol\n', 7);
  const names = labels(c.s.complete(c.uri, c.pos));
  assert.ok(names.includes('volumeSize') && names.includes('volumeIOPS'));
  assert.ok(!names.includes('volumeType'));
  const e = at(CFG, 'volumeType: gp3', 'volumeType: '.length);
  assert.deepEqual(labels(e.s.complete(e.uri, e.pos)), ['gp2', 'gp3', 'io1', 'io2', 'sc1', 'st1']);
});

test('completion: Auto Mode node pools and supported versions with their support phase', () => {
  const np = at(CFG, 'general-purpose]', 0);
  assert.deepEqual(labels(np.s.complete(np.uri, np.pos)), ['general-purpose', 'system']);
  const v = at(CFG, '"1.33"', 1);
  const items = v.s.complete(v.uri, v.pos)!.items;
  assert.ok(items.some((i) => i.label === '"1.35"'));
  const v130 = items.find((i) => i.label === '"1.30"');
  assert.match(v130!.detail!, /extended support .* until 2026-07-23/);
  assert.ok(!items.some((i) => i.label === '"1.28"'), 'versions past extended support are not offered');
});

test('hover: metadata.version shows its EKS support window (awsdocs kubernetes-versions.adoc)', () => {
  const { s, uri, pos } = at(CFG, '"1.33"', 2);
  const md = hoverText(s.hover(uri, pos));
  assert.match(
    md,
    /Kubernetes 1\.33 is in EKS standard support until 2026-07-29, then in extended support \(extra cost\) until 2027-07-29/,
  );
  const unq = CFG.replace('"1.33"', '1.30');
  const u = at(unq, '1.30', 1);
  assert.match(hoverText(u.s.hover(u.uri, u.pos)), /reads this as the number 1\.3/);
});

test('hover: our text, type, allowed values and default for fields', () => {
  const t = at(CFG, 'volumeType', 2);
  const md = hoverText(t.s.hover(t.uri, t.pos));
  assert.match(md, /\*\*volumeType\*\* · eksctl ManagedNodeGroup/);
  assert.match(md, /Allowed: `gp2`, `gp3`/);
  assert.match(md, /Default: `gp3`/);
  const a = at(CFG, 'nodePools', 2);
  assert.match(hoverText(a.s.hover(a.uri, a.pos)), /general-purpose/);
});

test('every field of the derived schema has a hover (type at least)', () => {
  let fields = 0;
  const visit = (def: string, path: (string | number)[], seen: Set<string>) => {
    const d = SCHEMA.defs[def];
    for (const [k] of Object.entries(d.p ?? {})) {
      const loc = locate([...path, k]);
      assert.ok(loc.type, `no schema type at ${[...path, k].join('.')}`);
      const md = fieldMarkdown(k, loc);
      assert.match(md, /Type: `/);
      fields++;
      let t: CompactType | undefined = loc.type;
      while (t && t.t === 'a') t = t.i;
      const ref = t?.$;
      if (ref && SCHEMA.defs[ref]?.p && !seen.has(ref))
        visit(ref, loc.type?.t === 'a' ? [...path, k, 0] : [...path, k], new Set([...seen, ref]));
    }
  };
  visit(SCHEMA.root, [], new Set([SCHEMA.root]));
  assert.ok(fields > 300, `only ${fields} fields reached`);
});

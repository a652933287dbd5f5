/**
 * Gateway API features on the real service: completion and go to definition of references, the traffic split
 * hover and code lenses (their edits applied and re-parsed), and the quick fixes (one rule per match, weight
 * rescaling) applied to the text: exactly the intended text changes and the file stays valid YAML.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { CodeLens, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { serviceWith, uriOf, withCode } from '../../helpers/service';
import { WORKSPACE, route, BACKENDS, latticeGateway, splitRoute, TARGET_GROUP_POLICY } from '../../helpers/gatewayFixtures';
import { percentages, rescaleWeights, shiftTo, splitActions, splitText } from '../../../server/src/service/features/trafficSplit';
import { routeInfo } from '../../../server/src/service/gateway/model';

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in text`);
  const before = text.slice(0, i + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** Apply LSP TextEdits (file positions) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((a, l) => a + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

function fixesOf(d: Diagnostic): { title: string; edits: TextEdit[] }[] {
  return (d.data as { fixes?: { title: string; edits: TextEdit[] }[] } | undefined)?.fixes ?? [];
}

function validYaml(text: string): void {
  for (const d of parseAllDocuments(text))
    assert.deepEqual(
      d.errors.map((e) => e.message),
      [],
      `invalid YAML after the edit:\n${text}`,
    );
}

test('trafficSplit: percentages, summary, shifts and rescaling are exact and bounded', () => {
  assert.deepEqual(percentages([90, 10]), [90, 10]);
  assert.deepEqual(percentages([1, 1, 1]), [34, 33, 33]);
  assert.equal(splitText(['checkout-v1', 'checkout-v2'], [90, 10]), 'checkout-v1 90% · checkout-v2 10%');
  assert.equal(splitText(['a', 'b'], [0, 0]), 'no traffic (all weights 0): a · b');
  assert.deepEqual(shiftTo([90, 10], 1, 10), [80, 20]);
  assert.deepEqual(shiftTo([90, 10], 1, -10), [100, 0]);
  assert.deepEqual(rescaleWeights([9000, 1000], 999), [9, 1]);
  assert.deepEqual(rescaleWeights([9001, 999], 999), [90, 10]);
  assert.equal(rescaleWeights([900, 100], 999), undefined);
  // Bounded: no actions beyond the limit, at most 3 + n actions of n weights each below it.
  const many = Array.from({ length: 17 }, (_, i) => i + 1);
  assert.deepEqual(splitActions(many.map(String), many, 16), []);
  const sixteen = many.slice(0, 16);
  const acts = splitActions(sixteen.map(String), sixteen, 16);
  assert.ok(acts.length <= 3 + 16);
  assert.ok(acts.every((a) => a.weights.length === 16 && a.weights.reduce((x, y) => x + y, 0) === 100));
});

test('completion: Gateway names, listener names of the named Gateway, Service names and ports, GatewayClasses', () => {
  const text = route('- backendRefs:\n  - name: checkout-v1\n    port: 80', { parent: '- name: shop-net\n  sectionName: http' });
  const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
  const labels = (needle: string, delta: number) =>
    (s.complete(uriOf('main.yaml'), positionOf(text, needle, delta))?.items ?? []).map((i) => i.label);
  assert.ok(labels('name: shop-net', 6).includes('shop-net'));
  assert.deepEqual(labels('sectionName: http', 13).sort(), ['http', 'https']);
  assert.ok(labels('name: checkout-v1', 6).includes('checkout-v2'));
  assert.deepEqual(labels('port: 80', 6), ['80']);
  const gw = latticeGateway();
  const s2 = serviceWith({ ...WORKSPACE, 'gw.yaml': gw });
  const classes = (s2.complete(uriOf('gw.yaml'), positionOf(gw, 'gatewayClassName: ', 18))?.items ?? []).map((i) => i.label);
  assert.ok(classes.includes('amazon-vpc-lattice'));
});

test('go to definition: parentRef name → Gateway, sectionName → listener, backendRef name → Service, port → Service port', () => {
  const text = route('- backendRefs:\n  - name: checkout-v1\n    port: 80', { parent: '- name: shop-net\n  sectionName: https' });
  const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
  const def = (needle: string, delta: number) => s.definition(uriOf('main.yaml'), positionOf(text, needle, delta));
  const gw = WORKSPACE['gw.yaml'];
  const g = def('name: shop-net', 8);
  assert.equal(g.length, 1);
  assert.equal(g[0].uri, uriOf('gw.yaml'));
  assert.deepEqual(g[0].range.start, positionOf(gw, 'shop-net'));
  const l = def('sectionName: https', 14);
  assert.equal(l.length, 1);
  assert.deepEqual(l[0].range.start, positionOf(gw, '- name: https', 8));
  const svc = def('name: checkout-v1', 8);
  assert.equal(svc[0].uri, uriOf('svc.yaml'));
  assert.deepEqual(svc[0].range.start, positionOf(WORKSPACE['svc.yaml'], 'checkout-v1'));
  const port = def('port: 80', 6);
  assert.equal(port[0].uri, uriOf('svc.yaml'));
  assert.deepEqual(port[0].range.start, positionOf(WORKSPACE['svc.yaml'], 'port: 80', 6));
});

test("hover on a weight shows the rule's traffic split", () => {
  const text = splitRoute();
  const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
  const h = s.hover(uriOf('main.yaml'), positionOf(text, 'weight: 90', 2));
  const md = (h?.contents as { value: string }).value;
  assert.match(md, /\| checkout-v1 \| 90 \| 90% \|/);
  assert.match(md, /\| checkout-v2 \| 10 \| 10% \|/);
});

test('weight lenses: split summary, ±10%, swap, all to one; their edits change only the weights', () => {
  const text = splitRoute();
  const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
  const lenses: CodeLens[] = s.codeLenses(uriOf('main.yaml'));
  const titles = lenses.map((l) => l.command!.title);
  assert.deepEqual(titles, [
    'Traffic: checkout-v1 90% · checkout-v2 10%',
    '+10% to checkout-v2',
    '−10% to checkout-v2',
    'Swap',
    'All to checkout-v1',
    'All to checkout-v2',
  ]);
  const lensLine = positionOf(text, 'backendRefs').line;
  assert.ok(lenses.every((l) => l.range.start.line === lensLine));
  const apply = (title: string) => {
    const l = lenses.find((x) => x.command!.title === title)!;
    assert.equal(l.command!.command, 'eksManifests.applyEdit');
    const [uri, edits] = l.command!.arguments as [string, TextEdit[]];
    assert.equal(uri, uriOf('main.yaml'));
    const out = applyEdits(text, edits);
    validYaml(out);
    return out;
  };
  const plus = apply('+10% to checkout-v2');
  assert.equal(plus, text.replace('weight: 90', 'weight: 80').replace('weight: 10', 'weight: 20'));
  assert.equal(
    apply('Swap'),
    text.replace('weight: 90', 'weight: @').replace('weight: 10', 'weight: 90').replace('weight: @', 'weight: 10'),
  );
  assert.equal(apply('All to checkout-v2'), text.replace('weight: 90', 'weight: 0').replace('weight: 10', 'weight: 100'));
});

test('weight lenses add a weight where it is implicit (default 1), in block and flow maps, keeping valid YAML', () => {
  const block = route('- backendRefs:\n  - name: checkout-v1\n    port: 80\n  - name: checkout-v2\n    port: 80  # canary');
  const flow = route('- backendRefs: [{name: checkout-v1, port: 80}, {name: checkout-v2, port: 80}]');
  for (const text of [block, flow]) {
    const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
    const lenses = s.codeLenses(uriOf('main.yaml'));
    assert.equal(lenses[0].command!.title, 'Traffic: checkout-v1 50% · checkout-v2 50%');
    const all = lenses.find((l) => l.command!.title === 'All to checkout-v1')!;
    const out = applyEdits(text, (all.command!.arguments as [string, TextEdit[]])[1]);
    validYaml(out);
    const s2 = serviceWith({ ...WORKSPACE, 'main.yaml': out });
    const r = routeInfo([...s2.index.get(uriOf('main.yaml'))!.objects()][0])!;
    assert.deepEqual(
      r.rules[0].backendRefs.map((b) => b.weight.value),
      [100, 0],
    );
    assert.deepEqual(s2.codeLenses(uriOf('main.yaml'))[0].command!.title, 'Traffic: checkout-v1 100% · checkout-v2 0%');
  }
});

test('weight lenses stay bounded: a rule with more backendRefs than the CRD allows gets the summary only', () => {
  const refs = Array.from({ length: 40 }, (_, i) => `  - name: b${i}\n    port: 80\n    weight: ${i + 1}`).join('\n');
  const text = route('- backendRefs:\n' + refs);
  const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
  const lenses = s.codeLenses(uriOf('main.yaml'));
  assert.equal(lenses.length, 1);
  assert.match(lenses[0].command!.title, /^Traffic: b0 0% · /);
});

test('quick fix "one rule per match" rewrites exactly the rule, keeps YAML valid and clears the error', () => {
  const rules =
    '- matches:\n  - path:\n      type: PathPrefix\n      value: /cart\n  - path:\n      type: PathPrefix\n      value: /orders\n  ' +
    BACKENDS.replace(/\n/g, '\n  ') +
    '\n- backendRefs:\n  - name: checkout-v1\n    port: 80';
  for (const text of [
    route(rules),
    route(
      '- {matches: [{path: {type: PathPrefix, value: /cart}}, {path: {type: Exact, value: /orders}}], backendRefs: [{name: checkout-v1, port: 80}]}',
    ),
  ]) {
    const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
    const d = withCode(s.validate(uriOf('main.yaml')), 'lattice-multiple-matches');
    assert.equal(d.length, 1);
    const fix = fixesOf(d[0])[0];
    assert.match(fix.title, /Split into 2 rules/);
    const out = applyEdits(text, fix.edits);
    validYaml(out);
    const s2 = serviceWith({ ...WORKSPACE, 'main.yaml': out });
    assert.deepEqual(withCode(s2.validate(uriOf('main.yaml')), 'lattice-multiple-matches'), []);
    const r = routeInfo([...s2.index.get(uriOf('main.yaml'))!.objects()][0])!;
    const before = routeInfo([...s.index.get(uriOf('main.yaml'))!.objects()][0])!;
    assert.equal(r.rules.length, before.rules.length + 1);
    assert.deepEqual(
      r.rules.slice(0, 2).map((x) => x.matches.map((m) => m.path?.value.value)),
      [['/cart'], ['/orders']],
    );
    assert.deepEqual(
      r.rules.slice(0, 2).map((x) => x.backendRefs.map((b) => b.name.value)),
      [before.rules[0].backendRefs.map((b) => b.name.value), before.rules[0].backendRefs.map((b) => b.name.value)],
    );
    // Nothing outside the rule changed.
    assert.ok(out.startsWith(text.slice(0, text.indexOf('rules:'))));
  }
});

test('quick fix "rescale weights" keeps the ratio within 0–999 and edits only the numbers', () => {
  const text = route('- ' + BACKENDS.replace('90', '9000').replace('10', '1000'));
  const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
  const d = withCode(s.validate(uriOf('main.yaml')), 'gateway-weight-limit');
  assert.equal(d.length, 2);
  const fix = fixesOf(d[0])[0];
  const out = applyEdits(text, fix.edits);
  assert.equal(out, text.replace('weight: 9000', 'weight: 9').replace('weight: 1000', 'weight: 1'));
  assert.deepEqual(withCode(serviceWith({ ...WORKSPACE, 'main.yaml': out }).validate(uriOf('main.yaml')), 'gateway-weight-limit'), []);
});

test('templated and placeholder values are never judged', () => {
  const text = route(
    '- matches:\n  - path:\n      type: "{{ .Values.matchType }}"\n      value: /cart\n  backendRefs:\n  - name: "{{ .Values.backend }}"\n    port: 80\n    weight: 5000',
    { parent: '- name: ${GATEWAY_NAME}\n  sectionName: http' },
  );
  const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
  const codes = s
    .validate(uriOf('main.yaml'))
    .map((d) => d.code)
    .filter((c) => /^(gateway|lattice|lbc)-/.test(String(c)));
  assert.deepEqual(codes, []);
});

test('a missing object is info, not a warning, when the reference has no namespace or the workspace holds none in it', () => {
  const noNs = route('- backendRefs:\n  - name: nowhere\n    port: 80').replace('  namespace: shop\n', '');
  const d = withCode(serviceWith({ ...WORKSPACE, 'main.yaml': noNs }).validate(uriOf('main.yaml')), 'gateway-backend-missing');
  assert.deepEqual(
    d.map((x) => x.severity),
    [3],
  );
  const otherNs = route('- backendRefs:\n  - name: nowhere\n    namespace: pay\n    port: 80');
  const d2 = withCode(serviceWith({ ...WORKSPACE, 'main.yaml': otherNs }).validate(uriOf('main.yaml')), 'gateway-backend-missing');
  assert.deepEqual(
    d2.map((x) => x.severity),
    [3],
  );
  const noServices = withCode(serviceWith({ 'main.yaml': splitRoute() }).validate(uriOf('main.yaml')), 'gateway-backend-missing');
  assert.deepEqual(noServices, []);
});

test('hostile input: huge lists, aliases and odd shapes never throw, and work stays bounded by the read limits', () => {
  const many = Array.from({ length: 5000 }, (_, i) => `  - name: b${i}\n    port: 80\n    weight: ${i}`).join('\n');
  const rules = Array.from(
    { length: 300 },
    () => '- matches: [{path: {type: RegularExpression, value: /x}}, {queryParams: [{name: a, value: b}]}]\n  backendRefs: *refs',
  ).join('\n');
  const texts = [
    route('- backendRefs: &refs\n' + many + '\n' + rules),
    route('- backendRefs: [1, "x", {name: [a]}, {weight: {a: 1}}]\n- 7\n- matches: {path: 3}'),
    'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: x, namespace: shop}\nspec: [1, 2]\n',
    'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: x, namespace: shop}\nspec: {gatewayClassName: {a: b}, listeners: "nope"}\n',
    "apiVersion: application-networking.k8s.aws/v1alpha1\nkind: IAMAuthPolicy\nmetadata: {name: p}\nspec:\n  policy: '" +
      '['.repeat(5000) +
      "'\n",
  ];
  for (const text of texts) {
    const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
    s.validate(uriOf('main.yaml'));
    const lenses = s.codeLenses(uriOf('main.yaml'));
    assert.ok(lenses.length <= 300 * 20, `${lenses.length} lenses`);
    for (const l of lenses) assert.ok(((l.command?.arguments?.[1] as unknown[] | undefined)?.length ?? 0) <= 16);
    assert.deepEqual(s.internalErrors, []);
  }
});

test('Lattice annotations: completion of names for the kind, value completion, hover from the catalog', () => {
  const text = splitRoute({
    annotations: 'application-networking.k8s.aws/standalone: "true"\napplication-networking.k8s.aws/',
  });
  const s = serviceWith({ ...WORKSPACE, 'main.yaml': text });
  const keys = (s.complete(uriOf('main.yaml'), positionOf(text, 'application-networking.k8s.aws/\n', 31))?.items ?? []).map((i) => i.label);
  assert.ok(keys.includes('application-networking.k8s.aws/service-name-override'), keys.join(', '));
  assert.ok(!keys.includes('application-networking.k8s.aws/export-name'), 'a ServiceImport annotation offered on a route');
  assert.ok(!keys.includes('application-networking.k8s.aws/lattice-assigned-domain-name'), 'an output annotation offered');
  const values = (s.complete(uriOf('main.yaml'), positionOf(text, '"true"', 1))?.items ?? []).map((i) => i.label);
  assert.deepEqual(values, ['true', 'false']);
  const h = s.hover(uriOf('main.yaml'), positionOf(text, 'standalone', 2));
  assert.match((h!.contents as { value: string }).value, /without associating it with the Gateway's service network/);
});

test('policy targetRef and Load Balancer Controller references: completion and go to definition', () => {
  const tgp = TARGET_GROUP_POLICY;
  const s = serviceWith({ ...WORKSPACE, 'tgp.yaml': tgp });
  const names = (s.complete(uriOf('tgp.yaml'), positionOf(tgp, 'name: checkout-v1', 6))?.items ?? []).map((i) => i.label);
  assert.deepEqual(names.sort(), ['checkout-v1', 'checkout-v2']);
  const def = s.definition(uriOf('tgp.yaml'), positionOf(tgp, 'name: checkout-v1', 8));
  assert.deepEqual(
    def.map((l) => l.uri),
    [uriOf('svc.yaml')],
  );
  const gw =
    'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  gatewayClassName: aws-alb\n  infrastructure:\n    parametersRef:\n      group: gateway.k8s.aws\n      kind: LoadBalancerConfiguration\n      name: web-lb\n  listeners: [{name: http, protocol: HTTP, port: 80}]\n';
  const lb =
    'apiVersion: gateway.k8s.aws/v1\nkind: LoadBalancerConfiguration\nmetadata:\n  name: web-lb\n  namespace: shop\nspec:\n  scheme: internal\n';
  const s2 = serviceWith({ 'gw.yaml': gw, 'lb.yaml': lb });
  assert.deepEqual(
    (s2.complete(uriOf('gw.yaml'), positionOf(gw, 'name: web-lb', 6))?.items ?? []).map((i) => i.label),
    ['web-lb'],
  );
  const d2 = s2.definition(uriOf('gw.yaml'), positionOf(gw, 'name: web-lb', 8));
  assert.deepEqual(
    d2.map((l) => [l.uri, l.range.start]),
    [[uriOf('lb.yaml'), positionOf(lb, 'web-lb')]],
  );
});

test('kustomize bases and patches: a listener or port any Gateway/Service of that name has is not reported missing', () => {
  const base = latticeGateway('    - name: http\n      protocol: HTTP\n      port: 80');
  const patch =
    'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: shop-net\n  namespace: shop\nspec:\n  listeners:\n    - name: https\n      protocol: HTTPS\n      port: 443\n';
  const r = route('- backendRefs:\n  - name: checkout-v1\n    port: 80', { parent: '- name: shop-net\n  sectionName: http' });
  const s = serviceWith({
    'base/class.yaml': WORKSPACE['class.yaml'],
    'base/gw.yaml': base,
    'base/svc.yaml': WORKSPACE['svc.yaml'],
    'overlays/prod/gw-patch.yaml': patch,
    'overlays/prod/route.yaml': r,
  });
  const codes = s.validate(uriOf('overlays/prod/route.yaml')).map((d) => d.code);
  assert.ok(!codes.includes('gateway-parent-listener'), codes.join(', '));
  // Without the base, the patch alone lacks the listener: reported.
  const s2 = serviceWith({ 'overlays/prod/gw-patch.yaml': patch, 'overlays/prod/route.yaml': r });
  assert.ok(s2.validate(uriOf('overlays/prod/route.yaml')).some((d) => d.code === 'gateway-parent-listener'));
});

test('the same route or policy in several files (base and overlay) is one object: no collision, no conflict', () => {
  const r = splitRoute({ name: 'checkout-frontend-service-a' });
  const s = serviceWith({ ...WORKSPACE, 'base/route.yaml': r, 'overlays/prod/route.yaml': r.replace('weight: 90', 'weight: 50') });
  assert.deepEqual(
    s.validate(uriOf('base/route.yaml')).filter((d) => d.code === 'lattice-service-name-collision'),
    [],
  );
  const tgp = TARGET_GROUP_POLICY;
  const s2 = serviceWith({ ...WORKSPACE, 'base/tgp.yaml': tgp, 'overlays/prod/tgp.yaml': tgp + '  protocol: HTTPS\n' });
  assert.deepEqual(
    s2.validate(uriOf('base/tgp.yaml')).filter((d) => d.code === 'lattice-policy-conflict'),
    [],
  );
});

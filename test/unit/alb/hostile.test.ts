/** ALB JSON and IngressGroup checks on hostile or very large input (regressions found by the robustness suite). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceWith, uriOf, withCode } from '../../helpers/service';

const ingress = (name: string, annotations: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: shop
  annotations:
${annotations}
spec:
  ingressClassName: alb
  defaultBackend:
    service:
      name: web
      port:
        number: 80
`;

test('JSON nested thousands of levels deep: one clear error, no stack overflow, refactors and lenses stay quiet', () => {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const text = ingress('deep', `    alb.ingress.kubernetes.io/actions.x: '${deep}'`);
  const s = serviceWith({ 'a.yaml': text });
  const d = withCode(s.validate(uriOf('a.yaml')), 'alb-json-invalid');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /nested more than 64 levels/);
  assert.deepEqual(s.internalErrors, []);
  const actions = s.codeActions(uriOf('a.yaml'), { start: { line: 6, character: 10 }, end: { line: 6, character: 10 } }, []);
  assert.ok(!actions.some((a) => a.title.startsWith('Rewrite the JSON')));
  assert.deepEqual(s.internalErrors, []);
});

test('JSON nested a few levels still parses and is checked normally', () => {
  const text = ingress(
    'ok',
    `    alb.ingress.kubernetes.io/actions.x: '{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "404"}}'`,
  );
  assert.deepEqual(withCode(serviceWith({ 'a.yaml': text }).validate(uriOf('a.yaml')), 'alb-json-invalid'), []);
});

test('an Exclusive annotation that differs inside a large IngressGroup is found on every member that disagrees', () => {
  const docs: string[] = [];
  for (let i = 0; i < 400; i++) {
    const scheme = i === 123 ? 'internal' : 'internet-facing';
    docs.push(ingress(`i${i}`, `    alb.ingress.kubernetes.io/group.name: big\n    alb.ingress.kubernetes.io/scheme: ${scheme}`));
  }
  const s = serviceWith({ 'g.yaml': docs.join('---\n') });
  const d = withCode(s.validate(uriOf('g.yaml')), 'alb-group-conflict');
  assert.equal(d.length, 400, 'each member disagrees with some other member');
  const agree = serviceWith({ 'g.yaml': docs.map((x) => x.replace('scheme: internal', 'scheme: internet-facing')).join('---\n') });
  assert.deepEqual(withCode(agree.validate(uriOf('g.yaml')), 'alb-group-conflict'), []);
});

/** A forward action with n weighted target groups, in one single-quoted line. */
function manyTargets(n: number): string {
  const tgs = Array.from({ length: n }, (_, i) => `{"serviceName":"s${i}","servicePort":80,"weight":${i % 10}}`).join(',');
  return ingress('many', `    alb.ingress.kubernetes.io/actions.bg: '{"type":"forward","forwardConfig":{"targetGroups":[${tgs}]}}'`);
}

for (const n of [1000, 20000]) {
  test(`code lenses on a forward action with ${n} target groups: none (ELB allows 5), bounded work; time and memory reported`, (t) => {
    const text = manyTargets(n);
    const s = serviceWith({ 'a.yaml': text });
    const before = process.memoryUsage().heapUsed;
    const start = process.hrtime.bigint();
    const lenses = s.codeLenses(uriOf('a.yaml'));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    t.diagnostic(
      `${n} target groups (${(text.length / 1024).toFixed(0)} KB): ${lenses.length} lenses in ${ms.toFixed(1)} ms, heap +${((process.memoryUsage().heapUsed - before) / 1048576).toFixed(1)} MB`,
    );
    assert.deepEqual(lenses, []);
    assert.equal(withCode(s.validate(uriOf('a.yaml')), 'alb-action-target-groups-limit').length, 1);
    assert.deepEqual(s.internalErrors, []);
  });
}

test('code lenses at the limit of 5 target groups: at most 8, the weight-changing ones resolved lazily with at most 5 edits', () => {
  const s = serviceWith({ 'a.yaml': manyTargets(5) });
  const lenses = s.codeLenses(uriOf('a.yaml'));
  assert.ok(lenses.length > 1 && lenses.length <= 8, String(lenses.length));
  const lazy = lenses.filter((l) => !l.command);
  assert.ok(lazy.length >= 1);
  for (const l of lazy) {
    assert.ok(JSON.stringify(l).length < 400, 'an unresolved lens carries only its title and weights');
    const r = s.resolveCodeLens(l);
    assert.equal(r.command!.command, 'eksManifests.applyEdit');
    assert.ok((r.command!.arguments![1] as unknown[]).length <= 5);
  }
});

test('a lens resolved after its action changed does nothing and says so', () => {
  const text = manyTargets(2);
  const s = serviceWith({ 'a.yaml': text });
  const lazy = s.codeLenses(uriOf('a.yaml')).filter((l) => !l.command);
  s.setFile(uriOf('a.yaml'), text.replace('"type":"forward"', '"type":"fixed-response"'));
  const r = s.resolveCodeLens(lazy[0]);
  assert.equal(r.command!.command, '');
  assert.match(r.command!.title, /the action changed/);
});

test('code lenses of a cancelled request: none (the isCancelled callback is asked per object)', () => {
  const s = serviceWith({ 'a.yaml': manyTargets(2) });
  assert.ok(s.codeLenses(uriOf('a.yaml')).length > 1);
  assert.deepEqual(
    s.codeLenses(uriOf('a.yaml'), () => true),
    [],
  );
  // Cancelled after the first object: what was gathered is dropped, not returned half-done.
  const two = manyTargets(2) + '---\n' + manyTargets(2).replace('name: many', 'name: more');
  const s2 = serviceWith({ 'b.yaml': two });
  let asked = 0;
  assert.deepEqual(
    s2.codeLenses(uriOf('b.yaml'), () => ++asked > 1),
    [],
  );
  assert.equal(asked, 2);
});

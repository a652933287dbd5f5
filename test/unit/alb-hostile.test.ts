/** ALB JSON and IngressGroup checks on hostile or very large input (regressions found by the robustness suite). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceWith, uriOf, withCode } from '../helpers/service';

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
  const text = ingress('ok', `    alb.ingress.kubernetes.io/actions.x: '{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "404"}}'`);
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

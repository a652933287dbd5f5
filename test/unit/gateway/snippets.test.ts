/** The Gateway snippets (a VPC Lattice canary, an ALB Gateway), expanded with their defaults, raise no diagnostic and are what they say. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { serviceWith, uriOf } from '../../helpers/service';
import { expand, service } from '../../helpers/gatewayFixtures';

const ROOT = path.join(__dirname, '..', '..', '..');
const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'gateway.json'), 'utf8')) as Record<
  string,
  { prefix: string; body: string[]; description: string }
>;

test('package.json contributes the Gateway snippets', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.ok(
    pkg.contributes.snippets.some((s: { path: string; language: string }) => s.path === './snippets/gateway.json' && s.language === 'yaml'),
  );
  assert.deepEqual(
    Object.values(snippets)
      .map((s) => s.prefix)
      .sort(),
    ['gateway-alb', 'gateway-lattice-canary'],
  );
});

for (const [name, s] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to manifests with no diagnostics, with its Services present`, () => {
    const text = expand(s.body);
    assert.doesNotMatch(text, /\$\{|\$\d/);
    const svcs = [
      service('checkout-v1', 'default'),
      service('checkout-v2', 'default'),
      service('web-app', 'default', '  ports:\n    - port: 80\n'),
    ].join('---\n');
    const svc = serviceWith({ 'snippet.yaml': text, 'svc.yaml': svcs });
    assert.deepEqual(
      svc.validate(uriOf('snippet.yaml')).map((d) => `${d.code}: ${d.message}`),
      [],
      text,
    );
    assert.deepEqual(svc.internalErrors, []);
  });
}

test('the Lattice canary snippet shows its split as a code lens', () => {
  const s = Object.values(snippets).find((x) => x.prefix === 'gateway-lattice-canary')!;
  const svc = serviceWith({ 'snippet.yaml': expand(s.body) });
  assert.equal(svc.codeLenses(uriOf('snippet.yaml'))[0].command!.title, 'Traffic: checkout-v1 90% · checkout-v2 10%');
});

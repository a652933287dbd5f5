/** The ALB annotation catalog against the controller's own list of Ingress annotation suffixes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ALB_ANNOTATIONS, ALB_CATALOG, SVC_ANNOTATIONS, findAlbAnnotation } from '../../../server/src/service/alb/annotations/catalog';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'alb', 'annotation-constants.txt');

/** Constants of constants.go we deliberately do not list as their own entry, with the reason. */
const LEFT_OUT: Record<string, string> = {
  // none today: every constant is an entry or the prefix of a variable-name entry
};
/** Catalog entries that have no constant in constants.go, with the reason. */
const NOT_CONSTANTS: Record<string, string> = {
  'actions.${action-name}': 'the key is built in pkg/ingress/enhanced_backend_builder.go as "actions." + backend name',
  'conditions.${conditions-name}': 'built in enhanced_backend_builder.go as "conditions." + backend name',
  'transforms.${transforms-name}': 'built in enhanced_backend_builder.go as "transforms." + backend name',
};

function constants(): string[] {
  return fs
    .readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

test('the fixture names its source and holds the 69 Ingress suffix constants', () => {
  const head = fs.readFileSync(FIXTURE, 'utf8').split('\n')[0];
  assert.match(head, /kubernetes-sigs\/aws-load-balancer-controller/);
  assert.match(head, /pkg\/annotations\/constants\.go/);
  assert.match(head, /[0-9a-f]{40}/);
  assert.equal(constants().length, 69);
  assert.equal(new Set(constants()).size, 69, 'no duplicates');
});

test('every Ingress annotation constant of the controller is in the catalog (or left out with a reason)', () => {
  const missing: string[] = [];
  for (const c of constants()) {
    if (LEFT_OUT[c]) continue;
    if (ALB_CATALOG.has(c)) continue;
    if (ALB_ANNOTATIONS.some((e) => e.prefix === c)) continue; // listener-attributes, target-control-port
    missing.push(c);
  }
  assert.deepEqual(missing, []);
});

test('every catalog entry comes from a constant (or is documented as built elsewhere)', () => {
  const cs = new Set(constants());
  const extra = ALB_ANNOTATIONS.filter((e) => !cs.has(e.name) && !(e.prefix && cs.has(e.prefix)) && !NOT_CONSTANTS[e.name]).map(
    (e) => e.name,
  );
  assert.deepEqual(extra, []);
});

test('entries are complete: doc, upstream link, scope and group behaviour; deprecated and Auto Mode facts', () => {
  for (const e of ALB_ANNOTATIONS) {
    assert.ok(e.doc.length > 20, `${e.name} has a doc`);
    assert.match(e.source!, /^https:\/\/kubernetes-sigs\.github\.io\/aws-load-balancer-controller\/.*#/, `${e.name} links upstream`);
    assert.ok(['Ingress', 'Ingress,Service'].includes(e.scope));
    assert.ok(['Exclusive', 'Merge', 'N/A'].includes(e.groupBehavior));
    if (e.type === 'enum') assert.ok(e.values && e.values.length >= 2, `${e.name} lists its values`);
  }
  assert.ok(ALB_CATALOG.get('web-acl-id')!.deprecated);
  const unsupported = ALB_ANNOTATIONS.filter((e) => e.autoModeUnsupported)
    .map((e) => e.name)
    .sort();
  // EKS user guide auto-configure-alb: not supported; OIDC is (auto-managed-rbac-example), listener attributes are not.
  assert.deepEqual(unsupported, [
    'group.name',
    'listener-attributes.${Protocol}-${Port}',
    'shield-advanced-protection',
    'waf-acl-id',
    'web-acl-id',
  ]);
  assert.equal(ALB_CATALOG.get('auth-type')!.autoModeUnsupportedValue, undefined);
  assert.equal(ALB_CATALOG.get('listen-ports')!.groupBehavior, 'Merge');
  assert.equal(ALB_CATALOG.get('scheme')!.groupBehavior, 'Exclusive');
  assert.equal(ALB_CATALOG.get('target-type')!.scope, 'Ingress,Service');
  assert.ok(SVC_ANNOTATIONS.length >= 20);
});

test('variable names are recognised by pattern', () => {
  assert.equal(findAlbAnnotation('actions.blue-green')?.prefix, 'actions');
  assert.equal(findAlbAnnotation('conditions.rule-1')?.prefix, 'conditions');
  assert.equal(findAlbAnnotation('transforms.api')?.prefix, 'transforms');
  assert.equal(findAlbAnnotation('listener-attributes.HTTPS-443')?.prefix, 'listener-attributes');
  assert.equal(findAlbAnnotation('target-control-port.echo-service.80')?.prefix, 'target-control-port');
  assert.equal(findAlbAnnotation('listener-attributes.https-443'), undefined);
  assert.equal(findAlbAnnotation('actions.Blue'), undefined);
  assert.equal(findAlbAnnotation('actions.'), undefined);
});

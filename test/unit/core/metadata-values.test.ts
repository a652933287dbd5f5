/**
 * Metadata values as kubectl's YAML parser reads them (go.yaml.in/yaml/v2 v2.4.2 through sigs.k8s.io/yaml)
 * and metadata lengths as the API server validates them (kubernetes/apimachinery).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { checkTable, diagnoseWith } from '../../helpers/checkTable';
import { goYamlPlainType } from '../../../server/src/service/model/goYaml';

const GO_RESOLVE =
  'go-yaml v2.4.2 resolve.go resolve() (resolveMap, ParseInt base 0 after removing "_", 0b), used by sigs.k8s.io/yaml go.mod';
const LENGTHS =
  'kubernetes/apimachinery pkg/api/validate/content/kube.go IsLabelKey/IsLabelValue, dns.go IsDNS1123Subdomain; pkg/apis/meta/v1/validation ValidateLabels; pkg/api/validation/objectmeta.go ValidateAnnotations';

const obj = (kind: string, name: string, meta: string, apiVersion = 'v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${meta}`;
const labels = (l: string) => obj('ConfigMap', 'x', `  labels:\n    ${l}\n`);
const annotations = (a: string) => obj('ConfigMap', 'x', `  annotations:\n    ${a}\n`);
const x = (n: number) => 'a'.repeat(n);

checkTable('label values kubectl reads as YAML 1.1 non-strings', [
  ...['yes', 'on', 'Off', 'y', 'NO'].map((v) => ({
    code: 'meta-value-not-string',
    name: `${v}: a boolean`,
    source: GO_RESOLVE,
    fire: labels(`app: ${v}`),
    at: v,
    silent: labels(`app: "${v}"`),
  })),
  ...['0b101', '1_000', '-0b11', '0X1F', '+0x10'].map((v) => ({
    code: 'meta-value-not-string',
    name: `${v}: a number`,
    source: GO_RESOLVE,
    fire: labels(`app: ${v}`),
    at: v,
    silent: labels(`app: '${v}'`),
  })),
  {
    code: 'meta-value-not-string',
    name: 'annotation value yes',
    source: GO_RESOLVE,
    fire: annotations('team.io/paged: yes'),
    at: 'yes',
    silent: annotations('team.io/paged: "yes"'),
  },
  {
    code: 'meta-value-not-string',
    name: 'ConfigMap data on',
    source: GO_RESOLVE,
    fire: obj('ConfigMap', 'x', '') + 'data:\n  FEATURE: on\n',
    at: 'on',
    silent: obj('ConfigMap', 'x', '') + 'data:\n  FEATURE: "on"\n',
  },
]);

test('values go-yaml v2 keeps as strings are not flagged (base 60, timestamps, versions)', () => {
  for (const v of ['12:30', '1:20:30', '2001-12-14', '1.2.3', '0x', '0b2', 'yesno', 'onion', '_1', '1e', 'web', '0o']) {
    const d = diagnoseWith(labels(`app: ${v}`)).filter((x) => x.code === 'meta-value-not-string');
    assert.deepEqual(
      d.map((x) => x.message),
      [],
      v,
    );
  }
});

test('goYamlPlainType follows go-yaml v2.4.2 resolve() (and differs from YAML 1.2 where it should)', () => {
  const cases: [string, string][] = [
    ['yes', 'boolean'],
    ['Y', 'boolean'],
    ['off', 'boolean'],
    ['True', 'boolean'],
    ['tRue', 'string'],
    ['', 'null'],
    ['~', 'null'],
    ['Null', 'null'],
    ['nULL', 'string'],
    ['1_000', 'number'],
    ['0b101', 'number'],
    ['0o17', 'number'],
    ['0777', 'number'],
    ['089', 'number'],
    ['0x1F', 'number'],
    ['-12', 'number'],
    ['1e3', 'number'],
    ['.5', 'number'],
    ['1.', 'number'],
    ['.inf', 'number'],
    ['-.Inf', 'number'],
    ['.NaN', 'number'],
    ['1e999', 'string'],
    ['18446744073709551615', 'number'],
    ['0xFFFFFFFFFFFFFFFFF', 'string'],
    ['12:30', 'string'],
    ['2001-12-14', 'string'],
    ['v1', 'string'],
    ['.', 'string'],
    ['-', 'string'],
    ['+', 'string'],
    ['1_0.5', 'number'],
  ];
  for (const [v, want] of cases) assert.equal(goYamlPlainType(v), want, v);
  // Where YAML 1.2 (the service's parser) reads a string but go-yaml does not.
  for (const v of ['yes', 'on', '0b101', '1_000']) assert.equal(typeof parse(`a: ${v}`).a, 'string', v);
});

checkTable('metadata lengths', [
  {
    code: 'meta-too-long',
    name: 'label value of 64',
    source: LENGTHS,
    fire: labels(`app: ${x(64)}`),
    at: x(64),
    silent: labels(`app: ${x(63)}`),
  },
  {
    code: 'meta-too-long',
    name: 'label key name part of 64',
    source: LENGTHS,
    fire: labels(`example.com/${x(64)}: v`),
    at: `example.com/${x(64)}`,
    silent: labels(`example.com/${x(63)}: v`),
  },
  {
    code: 'meta-too-long',
    name: 'label key prefix of 254',
    source: LENGTHS,
    fire: labels(`${x(254)}/app: v`),
    at: `${x(254)}/app`,
    silent: labels(`${x(253)}/app: v`),
  },
  {
    code: 'meta-too-long',
    name: 'annotation key name part of 64',
    source: LENGTHS,
    fire: annotations(`${x(64)}: v`),
    at: x(64),
    silent: annotations(`${x(63)}: v`),
  },
  {
    code: 'meta-too-long',
    name: 'selector value of 64',
    source: LENGTHS,
    fire: obj('Service', 'web', '') + `spec:\n  selector:\n    app: ${x(64)}\n`,
    at: x(64),
    silent: obj('Service', 'web', '') + `spec:\n  selector:\n    app: ${x(63)}\n`,
  },
  {
    code: 'meta-too-long',
    name: 'Service name of 64 (DNS-1035 label)',
    source: 'kubernetes pkg/apis/core/validation ValidateServiceName',
    fire: obj('Service', x(64), ''),
    at: x(64),
    silent: obj('Service', x(63), ''),
  },
  {
    code: 'meta-too-long',
    name: 'Deployment name of 254',
    source: 'kubernetes pkg/apis/apps/validation: NameIsDNSSubdomain',
    fire: obj('Deployment', x(254), '', 'apps/v1'),
    at: x(254),
    silent: obj('Deployment', x(253), '', 'apps/v1'),
  },
  {
    code: 'meta-too-long',
    name: 'CronJob name of 53',
    source: 'kubernetes pkg/apis/batch/validation ValidateCronJob (52)',
    fire: obj('CronJob', x(53), '', 'batch/v1'),
    at: x(53),
    silent: obj('CronJob', x(52), '', 'batch/v1'),
  },
]);

test('one diagnostic per over-long name (the schema module yields) and none for templated values', () => {
  const d = diagnoseWith(obj('Service', x(64), ''));
  assert.deepEqual(
    d.filter((x) => x.range.start.line === 3).map((x) => x.code),
    ['meta-too-long'],
  );
  assert.deepEqual(
    diagnoseWith(labels(`app: "{{ .Values.${x(70)} }}"`)).filter((x) => x.code === 'meta-too-long'),
    [],
  );
  assert.deepEqual(
    diagnoseWith(obj('RoleBinding', x(300), '', 'rbac.authorization.k8s.io/v1')).filter((x) => x.code === 'meta-too-long'),
    [],
    'RBAC names are path segments: no length rule',
  );
});

test('a template action in a labels map (read as a flow-map key) is not an empty label, and gets no fix', () => {
  const text =
    obj('Service', 'x', '  labels:\n    a: "true"\n    {{- include "labels" . | nindent 4 }}\n') +
    'spec:\n  selector:\n    {{- include "sel" . | nindent 4 }}\n';
  assert.deepEqual(
    diagnoseWith(text)
      .filter((x) => String(x.code).startsWith('meta-'))
      .map((x) => x.message),
    [],
  );
  assert.equal(diagnoseWith(labels('app:')).filter((x) => x.code === 'meta-value-not-string').length, 1, 'a real empty label still fires');
});

test('an unknown field is never renamed onto a field the map already has (found by test/robustness/code-actions.test.ts)', () => {
  const deploy = (extra: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n        - name: c\n          image: i\n${extra}`;
  const alone = diagnoseWith(deploy('          portz: []\n')).find((d) => d.code === 'schema-unknown-field')!;
  assert.match(alone.message, /did you mean "ports"/);
  const taken = diagnoseWith(deploy('          ports: []\n          portz: []\n')).find((d) => d.code === 'schema-unknown-field')!;
  assert.ok(
    !(taken.data as { fixes?: { title: string }[] } | undefined)?.fixes?.some((f) => f.title === 'Rename to ports'),
    'no rename onto an existing key',
  );
});

test("a label key without its colon (a document cut before `---`) is the syntax error's, not an empty label (found by test/robustness/code-actions.test.ts)", () => {
  const cut = obj('ConfigMap', 'x', '  labels:\n    app.kubernetes.io/comp\n---\n');
  assert.deepEqual(
    diagnoseWith(cut)
      .filter((x) => x.code === 'meta-value-not-string')
      .map((x) => x.message),
    [],
  );
  const empty = diagnoseWith(obj('ConfigMap', 'x', '  labels:\n    app.kubernetes.io/comp:\n---\n')).filter(
    (x) => x.code === 'meta-value-not-string',
  );
  assert.equal(empty.length, 1);
  assert.match(empty[0].message, /empty value/);
});

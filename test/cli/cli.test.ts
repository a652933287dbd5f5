/** The bundled CLI as a CI pipeline runs it: real files, real exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';

const run = runCli;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-cli-'));
fs.mkdirSync(path.join(tmp, 'sub'));
fs.writeFileSync(path.join(tmp, 'good.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "v"\n');
fs.writeFileSync(path.join(tmp, 'sub', 'bad.yml'), 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\n');
fs.writeFileSync(path.join(tmp, 'warn.yaml'), 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\n');
fs.writeFileSync(path.join(tmp, 'notes.txt'), 'not yaml');

test('exit 0 and a summary when there are no errors', () => {
  const r = run(['check', path.join(tmp, 'good.yaml')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /1 file checked: 0 errors, 0 warnings/);
});

test('folders are searched recursively for .yaml and .yml; exit 1 on errors; text lines are file:line:col', () => {
  const r = run(['check', tmp]);
  assert.equal(r.code, 1);
  assert.match(r.out, /sub\/bad\.yml:1:13: error \[api-removed\] CronJob batch\/v1beta1 was removed/);
  assert.match(r.out, /3 files checked/);
});

test('warnings alone exit 0 (--kubernetes-version makes a removal a deprecation)', () => {
  const r = run(['check', '--kubernetes-version', '1.24', path.join(tmp, 'warn.yaml')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /warning \[api-deprecated\]/);
});

test('--format json prints one array of 1-based rows', () => {
  const r = run(['check', '--format', 'json', path.join(tmp, 'sub')]);
  assert.equal(r.code, 1);
  const rows = JSON.parse(r.out);
  assert.deepEqual(rows, [
    {
      file: path.join(tmp, 'sub', 'bad.yml'),
      line: 1,
      column: 13,
      endLine: 1,
      endColumn: 26,
      severity: 'error',
      code: 'api-removed',
      message: rows[0].message,
    },
  ]);
});

test('--format sarif prints SARIF 2.1.0 with rules and results', () => {
  const r = run(['check', '--format=sarif', tmp]);
  const s = JSON.parse(r.out);
  assert.equal(s.version, '2.1.0');
  assert.ok(s.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'api-removed'));
  assert.equal(s.runs[0].results.filter((x: { level: string }) => x.level === 'error').length, 2);
  assert.equal(s.runs[0].results[0].locations[0].physicalLocation.region.startLine, 1);
});

test('--disable turns a code off', () => {
  assert.equal(run(['check', '--disable', 'api-removed', tmp]).code, 0);
});

test('--schema off leaves out the schema findings; on (the default) reports them', () => {
  const f = path.join(tmp, 'schema', 'deploy.yaml');
  fs.mkdirSync(path.dirname(f), { recursive: true });
  // replicas must be an integer (apps/v1 DeploymentSpec); the type error is the schema engine's.
  fs.writeFileSync(
    f,
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: two\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n        - name: c\n          image: nginx\n',
  );
  const codes = (args: string[]): string[] =>
    (JSON.parse(run(['check', '--format', 'json', ...args, f]).out) as { code: string; line: number }[]).map((r) => `${r.code}@${r.line}`);
  assert.deepEqual(codes([]), ['schema-type@6']);
  assert.deepEqual(codes(['--schema', 'on']), ['schema-type@6']);
  assert.deepEqual(codes(['--schema=off']), []);
  const bad = run(['check', '--schema', 'maybe', f]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--schema must be on or off/);
});

test('usage errors and unreadable paths exit 2 with a clear message', () => {
  assert.equal(run([]).code, 2);
  assert.equal(run(['check']).code, 2);
  assert.equal(run(['lint', tmp]).code, 2);
  const bad = run(['check', '--format', 'xml', tmp]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be text, json or sarif/);
  const missing = run(['check', path.join(tmp, 'nope.yaml')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /nope\.yaml: no such file or folder/);
  assert.equal(run(['--help']).code, 0);
});

/**
 * `eks-manifests check --helm-render` with a real helm (scripts/ensure-helm.sh) on charts written for these
 * tests (test/fixtures/helm, in the shape of `helm create`): every check runs on the rendered objects and each
 * finding lands on the template it came from: at the literal line, or at the object's `kind:` line when the
 * offending text came from a value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { helmBinary } from '../helpers/helm';
import { ROOT } from '../helpers/lspClient';

const WEB = path.join(ROOT, 'test', 'fixtures', 'helm', 'web');
const BROKEN = path.join(ROOT, 'test', 'fixtures', 'helm', 'broken');
interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}
const rows = (out: string): Row[] => JSON.parse(out);
const lineOf = (file: string, line: number) => fs.readFileSync(file, 'utf8').split('\n')[line - 1];

test('a literal mistake in a template is reported at its template line and columns', () => {
  const r = runCli(['check', '--helm-render', '--helm', helmBinary(), '--format', 'json', WEB]);
  assert.equal(r.code, 0, r.err);
  const found = rows(r.out);
  assert.deepEqual(
    found.map((x) => [path.relative(WEB, x.file), x.code, x.line]),
    [['templates/ingress.yaml', 'alb-unknown-annotation', 10]],
  );
  const f = found[0];
  assert.equal(lineOf(f.file, f.line).slice(f.column - 1, f.endColumn - 1), 'alb.ingress.kubernetes.io/sucess-codes');
  assert.match(f.message, /as rendered by helm template/);
});

test('--values: a value that renders wrong is reported at the kind line of its template; exit 1 on errors', () => {
  const r = runCli([
    'check',
    '--helm-render',
    '--helm',
    helmBinary(),
    '--values',
    path.join(WEB, 'values-broken.yaml'),
    '--format',
    'json',
    WEB,
  ]);
  assert.equal(r.code, 1, r.err);
  const found = rows(r.out).map((x) => [path.relative(WEB, x.file), x.code, x.line, lineOf(x.file, x.line)]);
  assert.deepEqual(found, [
    ['templates/deployment.yaml', 'meta-value-not-string', 2, 'kind: Deployment'],
    ['templates/ingress.yaml', 'alb-annotation-value', 3, 'kind: Ingress'],
    ['templates/ingress.yaml', 'alb-unknown-annotation', 10, '    alb.ingress.kubernetes.io/sucess-codes: "200"'],
  ]);
});

test('text output names the template files and the rendered chart', () => {
  const r = runCli(['check', '--helm-render', '--helm', helmBinary(), WEB], ROOT);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^test\/fixtures\/helm\/web\/templates\/ingress\.yaml:10:5: warning \[alb-unknown-annotation\]/m);
  assert.match(r.out, /chart test\/fixtures\/helm\/web rendered \(3 objects\) and checked: 0 errors, 1 warning/);
});

test("a render error: helm's own message and exit 2", () => {
  const r = runCli(['check', '--helm-render', '--helm', helmBinary(), BROKEN]);
  assert.equal(r.code, 2);
  assert.match(
    r.err,
    /helm template failed for .*broken:\nError: execution error at \(broken\/templates\/configmap\.yaml:6:\d+\): clusterName must be set/,
  );
  assert.equal(r.out, '');
});

test('no helm on PATH: one clear message saying what the flag needs, exit 2', () => {
  const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-nohelm-'));
  const r = runCli(['check', '--helm-render', WEB], ROOT, { PATH: emptyBin });
  assert.equal(r.code, 2);
  assert.equal(r.err.trim().split('\n').length, 1);
  assert.match(r.err, /--helm-render needs the helm binary .* none was found on PATH\. Install Helm, or give its path with --helm PATH\./);
  const bad = runCli(['check', '--helm-render', '--helm', path.join(emptyBin, 'helm'), WEB]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--helm .*helm: not an executable file/);
});

test('usage: one CHART_DIR, a folder with a Chart.yaml; --values needs --helm-render', () => {
  assert.equal(runCli(['check', '--helm-render', WEB, BROKEN]).code, 2);
  const none = runCli(['check', '--helm-render', '--helm', helmBinary(), os.tmpdir()]);
  assert.equal(none.code, 2);
  assert.match(none.err, /no Chart\.yaml in this folder or above it/);
  assert.match(runCli(['check', '--values', 'x.yaml', WEB]).err, /--values and --helm go with --helm-render/);
});

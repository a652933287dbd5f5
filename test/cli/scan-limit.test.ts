/** The CLI over folders with more YAML files than --max-files: said on stderr, exit 2 unless allowed. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-cli-limit-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
fs.writeFileSync(
  path.join(tmp, 'a-pool.yaml'),
  'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: gp\nspec:\n  template:\n    spec:\n      nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: private}\n      requirements: []\n',
);
for (let i = 0; i < 4; i++) fs.writeFileSync(path.join(tmp, `c${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`);

test('more YAML files than --max-files: a stderr line and exit 2, nothing checked', () => {
  const r = runCli(['check', '--max-files', '3', tmp]);
  assert.equal(r.code, 2, r.out);
  assert.match(
    r.err,
    /the folders hold more than 3 YAML files; nothing checked \(--max-files N raises the limit, --allow-incomplete checks the first files anyway\)/,
  );
  assert.equal(r.out, '');
});

test('--allow-incomplete checks the first files, still says so, and reports no "missing" object', () => {
  const r = runCli(['check', '--max-files', '3', '--allow-incomplete', '--format', 'json', tmp]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /more than 3 YAML files; checking the first 3 only, without findings that an object is missing/);
  assert.deepEqual(
    (JSON.parse(r.out) as { code: string }[]).map((x) => x.code),
    [],
  );
});

test('under the limit: every file, and the "missing" finding', () => {
  const r = runCli(['check', '--format', 'json', tmp]);
  assert.equal(r.err, '');
  assert.deepEqual(
    (JSON.parse(r.out) as { code: string }[]).map((x) => x.code),
    ['nodepool-nodeclass-missing'],
  );
  assert.equal(runCli(['check', '--max-files', 'x', tmp]).code, 2);
});

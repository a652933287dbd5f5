/** The engine's guarantees: a throwing check is logged and does not hide other results; caches follow edits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/service/languageService';
import { coreModule } from '../../../server/src/service/core/coreModule';
import type { LanguageModule } from '../../../server/src/service/module';

const faulty: LanguageModule = {
  id: 'faulty',
  codes: [{ code: 'faulty-code', severity: 'warning', area: 'test', summary: 'test only' }],
  checks: [
    {
      id: 'faulty.throws',
      scope: 'local',
      run() {
        throw new Error('boom');
      },
    },
    {
      id: 'faulty.undeclared',
      scope: 'local',
      run(ctx) {
        ctx.report('not-declared', ['kind'], 'x');
      },
    },
  ],
  hover() {
    throw new Error('hover boom');
  },
};

test('a check that throws is logged; the other checks still report', () => {
  const logs: string[] = [];
  const s = createLanguageService({ modules: [faulty, coreModule], log: (m) => logs.push(m) });
  s.setFile('file:///a.yaml', 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: x\n');
  const d = s.validate('file:///a.yaml');
  assert.deepEqual(
    d.map((x) => x.code),
    ['api-removed'],
  );
  assert.ok(logs.some((l) => l.includes('faulty.throws') && l.includes('boom')));
  assert.ok(logs.some((l) => l.includes('faulty.undeclared reported not-declared, which module faulty does not declare')));
  assert.equal(s.hover('file:///a.yaml', { line: 0, character: 14 })?.contents !== undefined, true);
  assert.ok(logs.some((l) => l.includes('hover boom')));
});

test("a check may not report another module's code", () => {
  const logs: string[] = [];
  const borrower: LanguageModule = {
    id: 'borrower',
    codes: [],
    checks: [
      {
        id: 'borrower.core',
        scope: 'local',
        run(ctx) {
          ctx.report('missing-name', ['kind'], 'x');
        },
      },
    ],
  };
  const s = createLanguageService({ modules: [coreModule, borrower], log: (m) => logs.push(m) });
  s.setFile('file:///a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  assert.deepEqual(s.validate('file:///a.yaml'), []);
  assert.ok(
    logs.some((l) => l.includes('borrower.core reported missing-name, which module borrower does not declare')),
    logs.join('\n'),
  );
});

test('the engine declares its own codes: a service with no module reports syntax errors and large files', () => {
  const s = createLanguageService({ modules: [], settings: { maxFileSize: 1000 } });
  assert.deepEqual(
    s
      .codes()
      .map((c) => c.code)
      .sort(),
    ['file-too-large', 'yaml-syntax', 'yaml-too-deep', 'yaml-unknown-alias'],
  );
  s.setFile('file:///bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n');
  const d = s.validate('file:///bad.yaml');
  assert.ok(d.length > 0 && d.every((x) => x.code === 'yaml-syntax'), JSON.stringify(d));
  s.setFile('file:///big.yaml', 'apiVersion: v1\nkind: ConfigMap\n' + '#'.repeat(2000));
  assert.deepEqual(
    s.validate('file:///big.yaml').map((x) => x.code),
    ['file-too-large'],
  );
});

test('declaring a code twice is a programming error caught at start-up', () => {
  assert.throws(() => createLanguageService({ modules: [coreModule, coreModule] }), /declared twice/);
});

test('local results are reused for unchanged documents and recomputed for the edited one', () => {
  let runs = 0;
  const counting: LanguageModule = {
    id: 'count',
    codes: [],
    checks: [
      {
        id: 'count',
        scope: 'local',
        run() {
          runs++;
        },
      },
    ],
  };
  const s = createLanguageService({ modules: [coreModule, counting] });
  const doc = (n: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${n}\n`;
  const text = [doc('a'), doc('b'), doc('c')].join('---\n');
  s.setFile('file:///m.yaml', text);
  s.validate('file:///m.yaml');
  assert.equal(runs, 3);
  s.setFile('file:///m.yaml', text.replace('name: b', 'name: bb'));
  s.validate('file:///m.yaml');
  assert.equal(runs, 4);
  s.setSettings({ kubernetesVersion: '1.30' });
  s.validate('file:///m.yaml');
  assert.equal(runs, 7, 'a settings change invalidates every cached result');
});

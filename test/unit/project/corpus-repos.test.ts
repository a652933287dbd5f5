/**
 * scripts/corpus-repos.ts and its committed manifest: the manifest meets issue 12's corpus targets, the file
 * rules classify as intended, and a manifest built from a real (local, throw-away) git repository
 * materialises byte-identically, with changed files caught.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  buildManifest,
  chartRoots,
  counts,
  isChartTemplate,
  isKustomization,
  leftOutReason,
  materialise,
  MAX_BYTES,
  readManifest,
  readSelection,
  spdxOf,
  verify,
} from '../../../scripts/corpus-repos';

test('the manifest meets the targets of issue 12 (12+ repositories, 600 YAML, 150 templates, 30 kustomizations)', () => {
  const rows = readManifest();
  const named = new Set(
    readSelection()
      .filter((s) => s.set === 'issue-12')
      .map((s) => s.repository),
  );
  const mine = rows.filter((r) => named.has(r.repository));
  assert.ok(new Set(mine.map((r) => r.repository)).size >= 12);
  const c = counts(mine);
  assert.ok(c.yaml >= 600, `${c.yaml} YAML files`);
  assert.ok(c.chartTemplates >= 150, `${c.chartTemplates} chart templates`);
  assert.ok(c.kustomizations >= 30, `${c.kustomizations} kustomizations`);
});

test('every manifest row has one commit and a known licence per repository, and a safe, unique path', () => {
  const rows = readManifest();
  const byRepo = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const r of rows) {
    byRepo.set(r.repository, (byRepo.get(r.repository) ?? new Set()).add(r.commit));
    assert.notEqual(r.licence, 'NOASSERTION', r.repository);
    assert.ok(!path.isAbsolute(r.path) && !r.path.split('/').includes('..'), r.path);
    const key = `${r.folder}/${r.path}`;
    assert.ok(!seen.has(key), `twice: ${key}`);
    seen.add(key);
  }
  for (const [repo, commits] of byRepo) {
    assert.equal(commits.size, 1, repo);
    assert.equal(rows.filter((r) => r.repository === repo && r.kind === 'licence').length, 1, `${repo} licence row`);
  }
});

test('file rules: chart templates, kustomizations and what is left out', () => {
  const roots = chartRoots(['charts/a/Chart.yaml', 'charts/a/charts/sub/Chart.yaml', 'plain/x.yaml']);
  const cases: [string, boolean][] = [
    ['charts/a/templates/deploy.yaml', true],
    ['charts/a/templates/nested/svc.yml', true],
    ['charts/a/templates/_helpers.tpl', false],
    ['charts/a/templates/NOTES.txt', false],
    ['charts/a/values.yaml', false],
    ['charts/a/charts/sub/templates/cm.yaml', true],
    ['plain/templates/x.yaml', false],
  ];
  for (const [p, want] of cases) assert.equal(isChartTemplate(p, roots), want, p);
  for (const [p, want] of [
    ['a/kustomization.yaml', true],
    ['a/kustomization.yml', true],
    ['a/Kustomization', true],
    ['a/kustomizeconfig.yaml', false],
  ] as const) {
    assert.equal(isKustomization(p), want, p);
  }
  const reasons: [string, number, boolean, string | undefined][] = [
    ['a/big-crd.yaml', MAX_BYTES + 1, false, `over ${MAX_BYTES / 1024} KiB`],
    ['a/README.md', 10, true, 'documentation'],
    ['a/README.template.md', 10, true, 'documentation'],
    ['a/logo.png', 10, false, 'binary'],
    ['a/main.go', 10, false, 'source code'],
    ['chart/files/start.sh', 10, true, undefined],
    ['a/deploy.yaml', 10, false, undefined],
    ['a/params.env', 10, false, undefined],
  ];
  for (const [p, bytes, inChart, want] of reasons) assert.equal(leftOutReason(p, bytes, inChart), want, p);
});

test('licence texts map to SPDX identifiers', () => {
  const cases: [string, string][] = [
    ['                Apache License\n          Version 2.0, January 2004\n', 'Apache-2.0'],
    ['Copyright 2020 X.\nLicensed under the Apache License, Version 2.0 (the "License");', 'Apache-2.0'],
    ['Copyright Y.\nSPDX-License-Identifier: APACHE-2.0\n', 'Apache-2.0'],
    [
      'Permission is hereby granted, free of charge, to any person ... The above copyright notice and this permission notice shall be included in all copies',
      'MIT',
    ],
    [
      'Permission is hereby granted, free of charge, to any person ... to permit persons to whom the Software is furnished to do so.',
      'MIT-0',
    ],
    ['All rights reserved.', 'NOASSERTION'],
  ];
  for (const [text, want] of cases) assert.equal(spdxOf(text), want, text.slice(0, 40));
});

test('a manifest built from a git repository materialises byte-identically; changes are caught', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-repos-'));
  try {
    const src = path.join(tmp, 'src');
    const files: Record<string, string> = {
      LICENSE: 'Apache License\nVersion 2.0, January 2004\n',
      'charts/demo/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
      'charts/demo/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
      'charts/demo/README.md': '# not kept\n',
      'deploy/kustomization.yaml': 'resources:\n- cm.yaml\n',
      'deploy/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      'other/ignored.yaml': 'a: 1\n',
    };
    for (const [p, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(src, p)), { recursive: true });
      fs.writeFileSync(path.join(src, p), text);
    }
    const git = (...args: string[]): void => {
      const r = spawnSync('git', ['-C', src, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'fixture');
    const gitDir = path.join(src, '.git');
    const { rows, leftOut } = buildManifest(
      [
        { set: 'issue-12', repository: 'demo/repo', folder: 'charts/demo' },
        { set: 'issue-12', repository: 'demo/repo', folder: 'deploy' },
      ],
      () => gitDir,
    );
    assert.deepEqual(rows.map((r) => `${r.kind} ${r.path} ${r.licence}`).sort(), [
      'file charts/demo/Chart.yaml Apache-2.0',
      'file charts/demo/templates/cm.yaml Apache-2.0',
      'file deploy/cm.yaml Apache-2.0',
      'file deploy/kustomization.yaml Apache-2.0',
      'licence LICENSE Apache-2.0',
    ]);
    assert.deepEqual(leftOut, [['demo/repo', 'charts/demo/README.md', 'documentation']]);
    assert.deepEqual({ ...counts(rows), bytes: 0 }, { files: 4, yaml: 4, chartTemplates: 1, kustomizations: 1, charts: 1, bytes: 0 });

    const out = path.join(tmp, 'out');
    const done = materialise(rows, out, () => gitDir);
    assert.deepEqual(done, { written: 5, problems: [] });
    for (const r of rows) assert.equal(fs.readFileSync(path.join(out, 'demo__repo', r.path), 'utf8'), files[r.path]);
    assert.match(
      fs.readFileSync(path.join(out, 'PROVENANCE.tsv'), 'utf8'),
      /^demo__repo\tdemo\/repo\t[0-9a-f]{40}\tdeploy\/cm\.yaml\tApache-2\.0\t/m,
    );
    assert.deepEqual(verify(rows, out), []);

    fs.appendFileSync(path.join(out, 'demo__repo', 'deploy', 'cm.yaml'), '# edited\n');
    fs.rmSync(path.join(out, 'demo__repo', 'LICENSE'));
    assert.deepEqual(verify(rows, out).sort(), ['changed demo__repo/deploy/cm.yaml', 'missing demo__repo/LICENSE']);

    const wrong = rows.map((r) => (r.path === 'deploy/cm.yaml' ? { ...r, sha256: '0'.repeat(64) } : r));
    const again = materialise(wrong, out, () => gitDir);
    assert.equal(again.written, 4);
    assert.deepEqual(again.problems, ['demo/repo: deploy/cm.yaml: sha256 differs from the manifest']);
    assert.deepEqual(materialise(rows, out, () => undefined).problems, [
      'demo/repo: no mirror (give --mirror demo/repo=GITDIR or --mirrors DIR)',
    ]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

/**
 * The real-repositories corpus: whole folders (Helm charts, Kustomize layouts, plain manifests) of public
 * repositories, used to measure false findings. The files are not committed (they come from fetched
 * snapshots); `test/corpus-repos/MANIFEST.tsv` is, and this script rebuilds the corpus from local git mirrors.
 *
 *   npx tsx scripts/corpus-repos.ts --mirrors DIR [--mirror owner/name=GITDIR]… [--out DIR]
 *       materialise MANIFEST.tsv into DIR (default ../corpus-repos beside the repository), checking each
 *       file's sha256, and write PROVENANCE.tsv there. A mirror folder under --mirrors is named `owner+name`
 *       (a git directory, or a folder holding `repo/` or `.git/`).
 *   npx tsx scripts/corpus-repos.ts --list            counts per repository, from the manifest
 *   npx tsx scripts/corpus-repos.ts --verify [--out DIR]   check a materialised corpus against the manifest
 *   npx tsx scripts/corpus-repos.ts --update --mirrors DIR   rebuild MANIFEST.tsv from SELECTION.tsv at the
 *       mirrors' HEAD commits
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const HERE = path.join(ROOT, 'test', 'corpus-repos');
const MANIFEST = path.join(HERE, 'MANIFEST.tsv');
const SELECTION = path.join(HERE, 'SELECTION.tsv');
const COLUMNS = ['folder', 'repository', 'commit', 'path', 'licence', 'sha256', 'kind', 'bytes'] as const;

/** Files larger than this are left out (generated CRD bundles, mostly): they dwarf the rest and add little. */
export const MAX_BYTES = 256 * 1024;

export interface Row {
  folder: string;
  repository: string;
  commit: string;
  path: string;
  licence: string;
  sha256: string;
  kind: 'file' | 'licence';
  bytes: number;
}
export interface Selection {
  set: string;
  repository: string;
  folder: string;
}

export const folderOf = (repository: string): string => repository.replace('/', '__');

// ---------------------------------------------------------------------------------------------- reading

function tsvRows(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

export function readManifest(file = MANIFEST): Row[] {
  const [head, ...rows] = tsvRows(file);
  if (head.join('\t') !== COLUMNS.join('\t')) throw new Error(`${file}: unexpected header ${head.join(',')}`);
  return rows.map((r, i) => {
    const [folder, repository, commit, p, licence, sha256, kind, bytes] = r;
    if (
      !/^[0-9a-f]{40}$/.test(commit) ||
      !/^[0-9a-f]{64}$/.test(sha256) ||
      (kind !== 'file' && kind !== 'licence') ||
      folder !== folderOf(repository)
    ) {
      throw new Error(`${file}: bad row ${i + 2}: ${r.join(' | ')}`);
    }
    return { folder, repository, commit, path: p, licence, sha256, kind, bytes: Number(bytes) };
  });
}

export function readSelection(file = SELECTION): Selection[] {
  const [, ...rows] = tsvRows(file);
  return rows.map(([set, repository, folder]) => ({ set, repository, folder }));
}

// ---------------------------------------------------------------------------------------------- classifying

/** A kustomization file, by the names kustomize looks for. */
export const isKustomization = (p: string): boolean => /^(kustomization\.ya?ml|Kustomization)$/.test(path.posix.basename(p));
export const isYaml = (p: string): boolean => /\.ya?ml$/.test(p);

/** Folders (repository-relative) that hold a Chart.yaml, among the given paths. */
export function chartRoots(paths: string[]): Set<string> {
  return new Set(paths.filter((p) => path.posix.basename(p) === 'Chart.yaml').map((p) => path.posix.dirname(p)));
}

/** The chart folder a path belongs to (its nearest ancestor with a Chart.yaml), if any. */
export function chartOf(p: string, roots: Set<string>): string | undefined {
  for (let d = path.posix.dirname(p); d !== '.' && d !== '/'; d = path.posix.dirname(d)) if (roots.has(d)) return d;
  return roots.has('.') ? '.' : undefined;
}

/** A YAML file under `templates/` (any depth) of its chart: what Helm renders into manifests. */
export function isChartTemplate(p: string, roots: Set<string>): boolean {
  const chart = chartOf(p, roots);
  if (chart === undefined || !isYaml(p)) return false;
  const rel = chart === '.' ? p : p.slice(chart.length + 1);
  return rel.startsWith('templates/');
}

const BINARY = /\.(png|jpe?g|gif|svg|ico|webp|bmp|pdf|tgz|gz|bz2|xz|zip|jar|tar|woff2?|ttf)$/i;
const SOURCE =
  /(\.(go|py|sh|bash|js|mjs|ts|java|rb|rs|c|h|cc|cpp|mod|sum|tf|hcl|lock\.json)|^Dockerfile.*|^Makefile|^\.gitignore|^\.dockerignore|^\.DS_Store|^OWNERS(_ALIASES)?)$/;

/** Why a file of a selected folder is left out, or undefined when it is kept. Chart folders keep their helper files. */
export function leftOutReason(p: string, bytes: number, inChart: boolean): string | undefined {
  const base = path.posix.basename(p);
  if (bytes > MAX_BYTES) return `over ${MAX_BYTES / 1024} KiB`;
  if (BINARY.test(base)) return 'binary';
  if (/\.md(\.gotmpl)?$/i.test(base) || /\.md$/i.test(base.replace(/\.template$/, ''))) return 'documentation';
  if (!inChart && SOURCE.test(base)) return 'source code';
  return undefined;
}

/** SPDX identifier of a repository's licence text (the forms these repositories use). */
export function spdxOf(text: string): string {
  const tag = /SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)/.exec(text);
  if (tag) return tag[1].toUpperCase() === 'APACHE-2.0' ? 'Apache-2.0' : tag[1];
  if (/Apache License\s+Version 2\.0/i.test(text) || /Licensed under the Apache License,? Version 2\.0/i.test(text)) return 'Apache-2.0';
  if (/Permission is hereby granted, free of charge/i.test(text)) {
    return /above copyright notice and this permission notice shall be included/i.test(text) ? 'MIT' : 'MIT-0';
  }
  if (/Mozilla Public License,? (version|v\.?) ?2\.0/i.test(text)) return 'MPL-2.0';
  if (/BSD 3-Clause|Redistributions of source code must retain/i.test(text)) return 'BSD-3-Clause';
  return 'NOASSERTION';
}

// ---------------------------------------------------------------------------------------------- git

function git(gitDir: string, args: string[], input?: string): Buffer {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} (${gitDir}): ${r.stderr?.toString().trim() || r.error?.message}`);
  return r.stdout;
}

/** The contents of `commit:path` for every path, read through one `git cat-file --batch`. Missing → undefined. */
export function readBlobs(gitDir: string, commit: string, paths: string[]): Map<string, Buffer | undefined> {
  const out = git(gitDir, ['cat-file', '--batch'], paths.map((p) => `${commit}:${p}\n`).join(''));
  const result = new Map<string, Buffer | undefined>();
  let at = 0;
  for (const p of paths) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString();
    at = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      result.set(p, undefined);
      continue;
    }
    const size = Number(m[2]);
    result.set(p, m[1] === 'blob' ? Buffer.from(out.subarray(at, at + size)) : undefined);
    at += size + 1;
  }
  return result;
}

function isGitDir(dir: string): boolean {
  return fs.existsSync(dir) && spawnSync('git', ['--git-dir', dir, 'rev-parse', '--git-dir'], { stdio: 'ignore' }).status === 0;
}

/** The git directory of a repository's mirror, from the explicit map or under one of the mirror roots. */
export function findMirror(repository: string, explicit: Map<string, string>, roots: string[]): string | undefined {
  const given = explicit.get(repository);
  if (given) return given;
  const [owner, name] = repository.split('/');
  for (const root of roots) {
    for (const base of [`${owner}+${name}`, `${owner}__${name}`]) {
      for (const c of [
        path.join(root, base, 'repo'),
        path.join(root, base),
        path.join(root, `${base}.git`),
        path.join(root, base, '.git'),
      ]) {
        if (isGitDir(c)) return c;
      }
    }
  }
  return undefined;
}

const sha256 = (b: Buffer): string => crypto.createHash('sha256').update(b).digest('hex');

// ---------------------------------------------------------------------------------------------- materialise

export function materialise(
  rows: Row[],
  out: string,
  mirrorOf: (repository: string) => string | undefined,
): { written: number; problems: string[] } {
  const problems: string[] = [];
  let written = 0;
  fs.mkdirSync(out, { recursive: true });
  const byRepo = groupBy(rows, (r) => r.repository);
  const kept: Row[] = [];
  for (const [repository, list] of byRepo) {
    const gitDir = mirrorOf(repository);
    if (!gitDir) {
      problems.push(`${repository}: no mirror (give --mirror ${repository}=GITDIR or --mirrors DIR)`);
      continue;
    }
    const target = path.join(out, folderOf(repository));
    fs.rmSync(target, { recursive: true, force: true });
    for (const [commit, files] of groupBy(list, (r) => r.commit)) {
      let blobs: Map<string, Buffer | undefined>;
      try {
        blobs = readBlobs(
          gitDir,
          commit,
          files.map((f) => f.path),
        );
      } catch (e) {
        problems.push(`${repository}: ${(e as Error).message}`);
        continue;
      }
      for (const f of files) {
        const b = blobs.get(f.path);
        if (!b) {
          problems.push(`${repository}: ${commit}:${f.path} is not in the mirror (fetch it again)`);
          continue;
        }
        if (sha256(b) !== f.sha256) {
          problems.push(`${repository}: ${f.path}: sha256 differs from the manifest`);
          continue;
        }
        const dest = path.join(target, f.path);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, b);
        kept.push(f);
        written++;
      }
    }
  }
  const prov = [
    '# Provenance of the files in this folder: each row is one file, at <folder>/<path>, byte-identical to <path> of',
    '# <repository> at <commit> (licence: SPDX identifier of that repository). Written by scripts/corpus-repos.ts.',
    COLUMNS.join('\t'),
    ...kept.map((r) => COLUMNS.map((c) => String(r[c])).join('\t')),
  ];
  fs.writeFileSync(path.join(out, 'PROVENANCE.tsv'), prov.join('\n') + '\n');
  return { written, problems };
}

/** Problems of a materialised corpus against the manifest (missing or changed files). */
export function verify(rows: Row[], out: string): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    const p = path.join(out, r.folder, r.path);
    if (!fs.existsSync(p)) problems.push(`missing ${r.folder}/${r.path}`);
    else if (sha256(fs.readFileSync(p)) !== r.sha256) problems.push(`changed ${r.folder}/${r.path}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------- update

export function buildManifest(
  selection: Selection[],
  mirrorOf: (repository: string) => string | undefined,
): { rows: Row[]; leftOut: string[][]; skipped: string[] } {
  const rows: Row[] = [];
  const leftOut: string[][] = [];
  const skipped: string[] = [];
  for (const [repository, sel] of groupBy(selection, (s) => s.repository)) {
    const gitDir = mirrorOf(repository);
    if (!gitDir) {
      skipped.push(repository);
      continue;
    }
    const commit = git(gitDir, ['rev-parse', 'HEAD']).toString().trim();
    const tree = git(gitDir, ['ls-tree', '-r', '-l', '-z', commit])
      .toString()
      .split('\0')
      .filter(Boolean)
      .map((l) => {
        const [meta, p] = l.split('\t');
        const [mode, type, , size] = meta.split(/\s+/);
        return { mode, type, path: p, bytes: Number(size) };
      })
      .filter((e) => e.type === 'blob' && e.mode !== '120000');
    const licenceFile = tree.find((e) => /^(LICEN[CS]E)(\.md|\.txt)?$/i.test(e.path));
    if (!licenceFile) throw new Error(`${repository}: no LICENSE file at the top of ${commit}`);
    const chosen = tree.filter((e) => sel.some((s) => underFolder(e.path, s.folder)));
    for (const s of sel)
      if (!chosen.some((e) => underFolder(e.path, s.folder)))
        throw new Error(`${repository}: folder ${s.folder} has no files at ${commit}`);
    const roots = chartRoots(chosen.map((e) => e.path));
    const keep = chosen.filter((e) => {
      const why = leftOutReason(e.path, e.bytes, chartOf(e.path, roots) !== undefined);
      if (why) leftOut.push([repository, e.path, why]);
      return !why;
    });
    const blobs = readBlobs(gitDir, commit, [licenceFile.path, ...keep.map((e) => e.path)]);
    const licence = spdxOf(blobs.get(licenceFile.path)!.toString('utf8'));
    if (licence === 'NOASSERTION') throw new Error(`${repository}: licence of ${licenceFile.path} not recognised`);
    const row = (p: string, kind: Row['kind']): Row => {
      const b = blobs.get(p)!;
      return { folder: folderOf(repository), repository, commit, path: p, licence, sha256: sha256(b), kind, bytes: b.length };
    };
    rows.push(row(licenceFile.path, 'licence'));
    for (const e of keep) if (e.path !== licenceFile.path) rows.push(row(e.path, 'file'));
  }
  return { rows, leftOut, skipped };
}

function underFolder(p: string, folder: string): boolean {
  const pattern = new RegExp(
    '^' +
      folder
        .split('/')
        .map((seg) => seg.split('*').map(escapeRe).join('[^/]*'))
        .join('/') +
      '/',
  );
  return pattern.test(p);
}
const escapeRe = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

function writeManifest(rows: Row[], leftOut: string[][]): void {
  const bigOnes = leftOut.filter((l) => l[2].startsWith('over'));
  const reasons = countBy(leftOut, (l) => l[2]);
  const head = [
    '# MANIFEST of the real-repositories corpus (issue 12): whole folders of public repositories, used as test input',
    '# to measure false findings on Helm charts, Kustomize layouts and plain manifests. The files themselves are not',
    '# committed; `npx tsx scripts/corpus-repos.ts --mirrors DIR` rebuilds them from local git mirrors into',
    '# ../corpus-repos/<folder>/<path>, checking each sha256. Generated by `--update` from SELECTION.tsv.',
    "# Columns: folder (owner__repo), repository, commit, path in the repository, licence (SPDX, from the repository's",
    "# LICENSE), sha256 of the file, kind (file, or licence for the repository's own LICENSE), bytes.",
    `# Left out of the selected folders: ${[...reasons].map(([k, n]) => `${n} (${k})`).join(', ') || 'none'}.`,
    ...bigOnes.map((l) => `# left out (${l[2]}): ${l[0]} ${l[1]}`),
  ];
  const body = rows.map((r) => COLUMNS.map((c) => String(r[c])).join('\t'));
  fs.writeFileSync(MANIFEST, [...head, COLUMNS.join('\t'), ...body].join('\n') + '\n');
}

// ---------------------------------------------------------------------------------------------- list

export interface Counts {
  files: number;
  yaml: number;
  chartTemplates: number;
  kustomizations: number;
  charts: number;
  bytes: number;
}

export function counts(rows: Row[]): Counts {
  const files = rows.filter((r) => r.kind === 'file');
  const byRepo = groupBy(files, (r) => r.repository);
  let chartTemplates = 0;
  let charts = 0;
  for (const list of byRepo.values()) {
    const roots = chartRoots(list.map((r) => r.path));
    charts += roots.size;
    chartTemplates += list.filter((r) => isChartTemplate(r.path, roots)).length;
  }
  return {
    files: files.length,
    yaml: files.filter((r) => isYaml(r.path)).length,
    chartTemplates,
    kustomizations: files.filter((r) => isKustomization(r.path)).length,
    charts,
    bytes: files.reduce((n, r) => n + r.bytes, 0),
  };
}

function list(rows: Row[], selection: Selection[]): string {
  const setOf = new Map(selection.map((s) => [s.repository, s.set]));
  const line = (name: string, c: Counts): string =>
    [name.padEnd(46), c.files, c.yaml, c.chartTemplates, c.kustomizations, c.charts, (c.bytes / 1024).toFixed(0)]
      .map((v, i) => (i ? String(v).padStart(10) : v))
      .join('');
  const out = [
    ['repository'.padEnd(46), 'files', 'yaml', 'templates', 'kustomize', 'charts', 'KiB'].map((v, i) => (i ? v.padStart(10) : v)).join(''),
  ];
  const repos = [...groupBy(rows, (r) => r.repository)];
  for (const set of ['issue-12', 'extra']) {
    const mine = repos.filter(([repo]) => (setOf.get(repo) ?? 'extra') === set);
    if (!mine.length) continue;
    for (const [repo, list] of mine) out.push(line(repo, counts(list)));
    out.push(line(`= ${set} (${mine.length} repositories)`, counts(mine.flatMap(([, l]) => l))));
  }
  out.push(line(`= all (${repos.length} repositories)`, counts(rows)));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------- helpers

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const l = m.get(k);
    if (l) l.push(x);
    else m.set(k, [x]);
  }
  return m;
}
function countBy<T>(xs: T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

const USAGE = `usage: corpus-repos.ts [--out DIR] (--mirrors DIR | --mirror owner/name=GITDIR)…   materialise
       corpus-repos.ts --list | --verify [--out DIR] | --update --mirrors DIR`;

function main(argv: string[]): number {
  let out = path.join(ROOT, '..', 'corpus-repos');
  const roots: string[] = [];
  const explicit = new Map<string, string>();
  let mode: 'materialise' | 'list' | 'verify' | 'update' = 'materialise';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--out') out = path.resolve(value());
    else if (a === '--mirrors') roots.push(path.resolve(value()));
    else if (a === '--mirror') {
      const [repo, dir] = value().split('=');
      if (!repo || !dir) throw new Error('--mirror takes owner/name=GITDIR');
      explicit.set(repo, path.resolve(dir));
    } else if (a === '--list') mode = 'list';
    else if (a === '--verify') mode = 'verify';
    else if (a === '--update') mode = 'update';
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`unknown argument ${a}\n${USAGE}`);
      return 2;
    }
  }
  const mirrorOf = (repo: string): string | undefined => findMirror(repo, explicit, roots);
  if (mode === 'list') {
    console.log(list(readManifest(), readSelection()));
    return 0;
  }
  if (mode === 'verify') {
    const problems = verify(readManifest(), out);
    for (const p of problems.slice(0, 50)) console.error(p);
    console.log(problems.length ? `${problems.length} problem(s) in ${out}` : `${out} matches the manifest`);
    return problems.length ? 1 : 0;
  }
  if (!roots.length && !explicit.size) {
    console.error(USAGE);
    return 2;
  }
  if (mode === 'update') {
    const { rows, leftOut, skipped } = buildManifest(readSelection(), mirrorOf);
    for (const s of skipped) console.error(`no mirror for ${s}: left out of the manifest`);
    writeManifest(rows, leftOut);
    console.log(list(rows, readSelection()));
    return skipped.length ? 1 : 0;
  }
  const { written, problems } = materialise(readManifest(), out, mirrorOf);
  for (const p of problems) console.error(p);
  console.log(`${written} files written to ${out}${problems.length ? `, ${problems.length} problem(s)` : ''}`);
  return problems.length ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
  }
}

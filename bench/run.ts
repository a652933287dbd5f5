/**
 * `npm run bench`: eks-manifests vs yaml-language-server 1.25.0 (configured for Kubernetes, offline) on
 * the same files with the same requests. Writes bench/results/latest.md and prints it.
 *
 *   npm run bench                      all workloads, 3 repetitions
 *   npm run bench -- --quick           100 and 1,000 documents, 1 repetition, few samples (sanity run)
 *   npm run bench -- --reps 5 --samples 20 --sizes 100,1000,5000 --no-baseline --no-corpus --out file.md
 *   npm run bench -- --workspace-docs 50000 --workspace-files 2000 --no-workspace --no-cli --parse-reps 5
 *
 * Every figure of ours is taken with the schema engine on. The `yaml` library's parse of the same text is
 * timed in the same process and run (the "parse" figures), and the mixed workload spread over a folder
 * (50,000 documents in 2,000 files; quick: 5,000 in 200) is opened as a workspace and checked by the CLI.
 *
 * Environment: EKS_BENCH_SCHEMA_DIR (folder with yannh's `all.json` + `_definitions.json`, default
 * ../shared/notes/baseline/schema beside the repository), EKS_BENCH_CORPUS (workspace folder, default ../shared/corpus/files).
 */
import { promises as fs, readFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import { BenchServer, type ServerSpec } from './lspDriver';
import { defaultSettings } from '../server/src/service/settings';
import { spawn } from 'child_process';
import { parseAllDocuments } from 'yaml';
import { anchorWorkload, mixedWorkload, mixedWorkspace, type Probe, type WorkspaceWorkload } from './workloads';

const ROOT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(name);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

const quick = flag('--quick');
const reps = Number(opt('--reps') ?? (quick ? 1 : 3));
const samples = Number(opt('--samples') ?? (quick ? 3 : 10));
const edits = Number(opt('--edits') ?? (quick ? 3 : 6));
const sizes = (opt('--sizes') ?? (quick ? '100,1000' : '100,1000,5000')).split(',').map(Number);
const withBaseline = !flag('--no-baseline');
const withCorpus = !flag('--no-corpus');
const withAnchors = !flag('--no-anchors');
const withWorkspace = !flag('--no-workspace');
const withCli = !flag('--no-cli');
const parseReps = Number(opt('--parse-reps') ?? (quick ? 3 : 5));
const wsDocs = Number(opt('--workspace-docs') ?? (quick ? 5_000 : 50_000));
const wsFiles = Number(opt('--workspace-files') ?? (quick ? 200 : 2_000));
const wsReps = Number(opt('--workspace-reps') ?? (quick ? 1 : 2));
const outFile = path.resolve(opt('--out') ?? path.join(ROOT, 'bench', 'results', 'latest.md'));
const schemaDir = process.env.EKS_BENCH_SCHEMA_DIR ?? path.join(ROOT, '..', 'shared', 'notes', 'baseline', 'schema');
const corpusDir = process.env.EKS_BENCH_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus', 'files');
const TIMEOUT = Number(process.env.EKS_BENCH_TIMEOUT_MS ?? 300_000);
const SETTLE_MS = Number(opt('--settle') ?? 1500);

// --- the two servers ----------------------------------------------------------------------------------------

/** The bundled server (EKS_BENCH_SERVER: another build of it). */
const OUR_SERVER = process.env.EKS_BENCH_SERVER ?? path.join(ROOT, 'dist', 'server.js');

/**
 * The default 5 MB analysis limit is raised to 50 MB so that larger `--sizes` (or workspace files) are analysed too
 * (the 5,000-document file is about 2.8 MB; see docs/performance.md).
 * The schema engine is switched on explicitly (issue 21: every figure with the schema on); `--schema off` runs
 * without it, for comparisons with figures taken before the schema engine existed.
 */
const SCHEMA = opt('--schema') ?? 'on';
if (SCHEMA !== 'on' && SCHEMA !== 'off') throw new Error(`--schema takes on or off, not ${SCHEMA}`);
const OUR_SETTINGS = { maxFileSize: 50_000_000, yamlSyntaxErrors: 'always', schemaValidation: SCHEMA, maxWorkspaceFiles: 1_000_000 };
const OUR_CLI = path.join(ROOT, 'dist', 'cli.js');
const DEFAULT_MAX_FILE_SIZE = defaultSettings.maxFileSize;
const YAML_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'yaml', 'package.json'), 'utf8')) as { version: string })
  .version;

function ours(indexWorkspace: boolean): ServerSpec {
  return {
    label: 'eks-manifests',
    command: process.execPath,
    args: [OUR_SERVER, '--stdio'],
    initializationOptions: { indexWorkspace, syntaxErrors: true, settings: OUR_SETTINGS },
    configuration: (section) => (section === 'eksManifests' ? OUR_SETTINGS : null),
  };
}

const K8S_SCHEMA_BASE = 'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.32.1-standalone-strict/';
const schemaCache = new Map<string, string>();

function theirs(): ServerSpec {
  const yamlSettings = {
    schemas: { [K8S_SCHEMA_BASE + 'all.json']: '*.yaml' },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: true },
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
  };
  return {
    label: 'yaml-language-server',
    command: process.execPath,
    args: [path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
    configuration: (section) => (section === 'yaml' ? yamlSettings : section === 'http' ? { proxy: '', proxyStrictSSL: false } : {}),
    afterInitialized: [{ method: 'yaml/registerContentRequest' }],
    content: (uri) => {
      // The Kubernetes schema is served from the local copy; CRD-catalog URLs get nothing (offline).
      if (!uri.startsWith(K8S_SCHEMA_BASE)) throw new Error(`offline: ${uri}`);
      const name = uri.slice(K8S_SCHEMA_BASE.length).split('#')[0];
      let text = schemaCache.get(name);
      if (text === undefined) {
        text = readFileSync(path.join(schemaDir, path.basename(name)), 'utf8');
        schemaCache.set(name, text);
      }
      return text;
    },
  };
}

// --- measurements -------------------------------------------------------------------------------------------

type Samples = Map<string, number[]>;
interface Run {
  label: string;
  samples: Samples;
  items: Map<string, number[]>;
  rss: number[];
  notes: string[];
}

function add(m: Map<string, number[]>, key: string, v: number): void {
  const l = m.get(key);
  if (l) l.push(v);
  else m.set(key, [v]);
}

interface FileWorkload {
  name: string;
  docs?: number;
  files: { uri: string; text: string }[];
  /** URI and position of the edit (a one-character insert then delete, alternately). */
  edit: { uri: string; line: number; character: number };
  probes: (Probe & { uri: string })[];
  rootUri: string | null;
}

async function measure(spec: ServerSpec, w: FileWorkload, run: Run): Promise<void> {
  const server = await BenchServer.start(spec, w.rootUri);
  try {
    // didOpen → first diagnostics (every file of the workload).
    const before = new Map(w.files.map((f) => [f.uri, server.lastSeq(f.uri)]));
    const t0 = performance.now();
    for (const f of w.files) server.open(f.uri, f.text);
    let last = t0;
    for (const f of w.files) {
      const p = await server.diagnosticsAfter(f.uri, before.get(f.uri)!, 1, TIMEOUT);
      last = Math.max(last, p.at);
    }
    add(run.samples, 'didOpen → diagnostics', last - t0);
    // The complete answer: the last publish (of any file) before a quiet period of SETTLE_MS.
    add(run.samples, 'didOpen → complete diagnostics', Math.max(last, await server.quiet(SETTLE_MS, TIMEOUT)) - t0);
    if (spec.label === 'eks-manifests' && w.rootUri) {
      const l = await server.waitForLog(/^Indexed /, TIMEOUT);
      const m = l && /Indexed (\d+) YAML files in (\d+) ms/.exec(l);
      if (m) run.notes.push(`after opening every file, the workspace scan indexed ${m[1]} more files in ${m[2]} ms`);
    }

    // One-character edit in the middle → fresh diagnostics of that file.
    const { uri, line, character } = w.edit;
    for (let i = 0; i < edits; i++) {
      const seq = server.lastSeq(uri);
      const t = performance.now();
      const v =
        i % 2 === 0
          ? server.change(uri, { start: { line, character }, end: { line, character } }, '1')
          : server.change(uri, { start: { line, character }, end: { line, character: character + 1 } }, '');
      const p = await server.diagnosticsAfter(uri, seq, v, TIMEOUT);
      add(run.samples, 'one-char didChange → diagnostics', p.at - t);
      // A server may publish again for the same version (ours: cross-document findings of unchanged
      // documents refreshed after the first, quick publish). The last publish before a quiet period of
      // SETTLE_MS is the complete answer.
      let last = p;
      for (;;) {
        try {
          last = await server.diagnosticsAfter(uri, last.seq, v, SETTLE_MS);
        } catch {
          break;
        }
      }
      add(run.samples, 'one-char didChange → complete diagnostics', last.at - t);
    }
    if (edits % 2 === 1) {
      // leave the text as it was opened, so the probes stay valid
      const seq = server.lastSeq(uri);
      const v = server.change(uri, { start: { line, character }, end: { line, character: character + 1 } }, '');
      await server.diagnosticsAfter(uri, seq, v, TIMEOUT);
    }

    // Completion and hover at the probes.
    for (const p of w.probes) {
      const params = { textDocument: { uri: p.uri }, position: { line: p.line, character: p.character } };
      for (let i = 0; i < samples; i++) {
        const c = await server.timed<{ items?: unknown[] } | unknown[] | null>('textDocument/completion', params);
        add(run.samples, `completion: ${p.name}`, c.ms);
        const items = Array.isArray(c.result) ? c.result.length : (c.result?.items?.length ?? 0);
        if (i === 0) add(run.items, `completion: ${p.name}`, items);
        const h = await server.timed<unknown>('textDocument/hover', params);
        add(run.samples, `hover: ${p.name}`, h.ms);
        if (i === 0) add(run.items, `hover: ${p.name}`, h.result ? 1 : 0);
      }
    }
    run.rss.push(server.peakRssMiB());
  } finally {
    await server.stop();
  }
}

// --- workloads ----------------------------------------------------------------------------------------------

const tmp = path.join(os.tmpdir(), 'eks-manifests-bench');
mkdirSync(tmp, { recursive: true });

function fileWorkload(
  name: string,
  docs: number,
  gen: { text: string; probes: Probe[]; edit: { line: number; character: number } },
  file: string,
): FileWorkload {
  const p = path.join(tmp, file);
  writeFileSync(p, gen.text);
  const uri = pathToFileURL(p).href;
  return {
    name,
    docs,
    files: [{ uri, text: gen.text }],
    edit: { uri, ...gen.edit },
    probes: gen.probes.map((x) => ({ ...x, uri })),
    rootUri: null,
  };
}

async function corpusWorkload(): Promise<FileWorkload | undefined> {
  if (!existsSync(corpusDir)) return undefined;
  const list: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (/\.ya?ml$/i.test(e.name)) list.push(p);
    }
  };
  await walk(corpusDir);
  list.sort();
  const files = list.map((p) => ({ uri: pathToFileURL(p).href, text: readFileSync(p, 'utf8') }));
  const find = (needle: string, delta: number, name: string): (Probe & { uri: string }) | undefined => {
    for (const f of files) {
      const lines = f.text.split('\n');
      for (let l = 0; l < lines.length; l++) {
        const c = lines[l].indexOf(needle);
        if (c >= 0) return { uri: f.uri, name, line: l, character: c + delta };
      }
    }
    return undefined;
  };
  const probes = [
    find('alb.ingress.kubernetes.io/scheme:', 'alb.ingress.kubernetes.io/sch'.length, 'annotation key'),
    find('alb.ingress.kubernetes.io/scheme: internet-facing', 'alb.ingress.kubernetes.io/scheme: internet-'.length, 'annotation value'),
    find('- key: karpenter.sh/capacity-type', '- key: karpenter.sh/capa'.length, 'NodePool requirement'),
    find('podSelector:', 'podSel'.length, 'NetworkPolicy selector'),
  ].filter((x): x is Probe & { uri: string } => !!x);
  // The edit: the middle `name:` line of the largest file.
  const big = files.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const lines = big.text.split('\n');
  let line = Math.floor(lines.length / 2);
  while (line < lines.length && !/^\s*name: \S/.test(lines[line])) line++;
  if (line >= lines.length) line = Math.floor(lines.length / 2);
  return {
    name: `corpus workspace (${files.length} files, ${(files.reduce((n, f) => n + f.text.length, 0) / 1e6).toFixed(1)} MB)`,
    files,
    edit: { uri: big.uri, line, character: lines[line].length },
    probes,
    rootUri: pathToFileURL(corpusDir).href,
  };
}

// --- the yaml library's parse of the same text (the yardstick of issue 21) ----------------------------------

/** Median over `n` runs of `parseAllDocuments` of each text (summed over the texts), in ms. */
function parseTime(texts: string[], n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    let docs = 0;
    for (const text of texts) docs += parseAllDocuments(text).length;
    out.push(performance.now() - t);
    if (docs === 0) throw new Error('parse gave no documents');
  }
  return out;
}

// --- a workspace of many files ------------------------------------------------------------------------------

interface WorkspaceRun {
  /** didOpen of one file (sent right after `initialized`, while the scan runs) → its first diagnostics. */
  firstDiagnostics: number[];
  /** `initialized` sent → the server's "Indexed N YAML files" log line. */
  indexing: number[];
  /** The server's own figure in that line. */
  indexingLogged: number[];
  indexedFiles: number[];
  /** Completion and hover requests sent while the scan ran (one at a time, 10 ms apart). */
  during: number[];
  rss: number[];
  notes: string[];
}

interface CliRun {
  wall: number[];
  rss: number[];
  cpu: number[];
  rows: number[];
  exit: number[];
}

function writeWorkspace(w: WorkspaceWorkload): string {
  const dir = path.join(tmp, `workspace-${w.docs}-${w.files.length}`);
  rmSync(dir, { recursive: true, force: true });
  for (const f of w.files) {
    const p = path.join(dir, f.name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f.text);
  }
  return dir;
}

async function measureWorkspace(dir: string, w: WorkspaceWorkload, run: WorkspaceRun): Promise<void> {
  const server = await BenchServer.start(ours(true), pathToFileURL(dir).href);
  try {
    const t0 = performance.now();
    const file = w.files[w.opened];
    const uri = pathToFileURL(path.join(dir, file.name)).href;
    server.open(uri, file.text);
    const indexed = server.waitForLog(/^Indexed \d+ YAML files/, TIMEOUT);
    let done = false;
    void indexed.then(() => {
      done = true;
    });
    const first = server.diagnosticsAfter(uri, 0, 1, TIMEOUT).then((p) => run.firstDiagnostics.push(p.at - t0));
    let i = 0;
    while (!done && performance.now() - t0 < TIMEOUT) {
      const p = w.probes[i % w.probes.length];
      const params = { textDocument: { uri }, position: { line: p.line, character: p.character } };
      const sentDuring = !done; // a request sent while the scan runs counts even if its reply comes after
      const r = await server.timed<unknown>(i % 2 === 0 ? 'textDocument/hover' : 'textDocument/completion', params);
      if (sentDuring) run.during.push(r.ms);
      i++;
      await new Promise((r) => setTimeout(r, 10));
    }
    const line = await indexed;
    await first;
    run.indexing.push(performance.now() - t0);
    const m = line && /Indexed (\d+) YAML files in (\d+) ms/.exec(line);
    if (m) {
      run.indexedFiles.push(Number(m[1]));
      run.indexingLogged.push(Number(m[2]));
    }
    await server.quiet(SETTLE_MS, TIMEOUT); // the re-check of the open file after the scan
    run.rss.push(server.peakRssMiB());
  } finally {
    await server.stop();
  }
}

/** A preload for the CLI process: at exit, write its own peak RSS and CPU time (getrusage) to a file. */
function cliPreload(): string {
  const p = path.join(tmp, 'rusage-preload.cjs');
  writeFileSync(
    p,
    `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.EKS_BENCH_RUSAGE, JSON.stringify({ maxRSS: u.maxRSS, user: u.userCPUTime, system: u.systemCPUTime })); });\n`,
  );
  return p;
}

async function measureCli(dir: string, files: number, run: CliRun): Promise<void> {
  const usageFile = path.join(tmp, 'rusage.json');
  rmSync(usageFile, { force: true });
  const t0 = performance.now();
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--require', cliPreload(), OUR_CLI, 'check', '--format', 'json', '--max-files', String(files * 2 + 100), dir],
      {
        env: { ...process.env, EKS_BENCH_RUSAGE: usageFile },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const chunks: Buffer[] = [];
    p.stdout.on('data', (c: Buffer) => chunks.push(c));
    p.on('error', reject);
    p.on('close', (c) => resolve({ code: c ?? -1, stdout: Buffer.concat(chunks).toString('utf8') }));
  });
  const wall = performance.now() - t0;
  const u = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRSS: number; user: number; system: number };
  run.wall.push(wall);
  run.rss.push(u.maxRSS / 1024);
  run.cpu.push((u.user + u.system) / 1000);
  run.exit.push(code);
  try {
    run.rows.push((JSON.parse(stdout) as unknown[]).length);
  } catch {
    run.rows.push(NaN);
  }
}

// --- statistics and the report ------------------------------------------------------------------------------

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (xs: number[]): number => quantile(xs, 0.5);
const p95 = (xs: number[]): number => quantile(xs, 0.95);
function fmt(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms >= 100 ? Math.round(ms).toLocaleString('en-US') : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  const r = a / b;
  return r >= 0.1 ? r.toFixed(2) : r.toFixed(3);
}

interface Result {
  workload: FileWorkload;
  ours: Run;
  theirs?: Run;
  /** `yaml` parse of the same text (ms). */ parse: number[];
}
interface WorkspaceResult {
  workload: WorkspaceWorkload;
  bytes: number;
  run: WorkspaceRun;
  cli?: CliRun;
  parse: number[];
}

const LOAD_AT_START = os.loadavg();

function report(results: Result[], ws: WorkspaceResult | undefined, started: Date, seconds: number): string {
  const out: string[] = [];
  out.push('# Benchmark: eks-manifests vs yaml-language-server');
  out.push('');
  out.push(
    `Run ${started.toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, load average at the start ${LOAD_AT_START.map((x) => x.toFixed(1)).join(' / ')} and at the end ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(
        ' / ',
      )}, ${reps} repetition(s) (fresh server each), ${samples} samples per request and probe, ${edits} edits; ${Math.round(seconds)} s in all.`,
  );
  out.push(
    SCHEMA === 'on'
      ? `Ours: the bundled server with \`schemaValidation: 'on'\` (every field of every built-in kind checked against its schema), \`maxFileSize\` raised to 50 MB for the bench files.`
      : `Ours: the bundled server with \`schemaValidation: 'off'\` (\`--schema off\`: no schema checks, as before the schema engine), \`maxFileSize\` raised to 50 MB for the bench files.`,
  );
  out.push(
    `Baseline: yaml-language-server 1.25.0 with the Kubernetes v1.32.1 schema (yannh, standalone-strict) served locally through \`vscode/content\`, CRD store on (CRD URLs answered with an error: offline), schema store off. Its 200 ms validation debounce is part of its figures.`,
  );
  out.push(
    'Times in ms from request sent to reply (diagnostics: from the notification sent to the first `publishDiagnostics` of that version; "complete": to the last one before ' +
      SETTLE_MS +
      ' ms of quiet — ours publishes local findings at once and refreshed cross-document findings of unchanged documents after). Ratio = ours ÷ theirs on medians (below 1 = we are faster). Completion items/hover answers: what each server returned.',
  );
  out.push('');
  for (const r of results) {
    out.push(`## ${r.workload.name}`);
    out.push('');
    if (r.ours.notes.length) {
      out.push(`Note (ours): ${r.ours.notes[0]}.`);
      out.push('');
    }
    out.push('| metric | ours median | ours p95 | theirs median | theirs p95 | ours/theirs | answers (ours / theirs) |');
    out.push('|---|---:|---:|---:|---:|---:|---|');
    for (const [metric, xs] of r.ours.samples) {
      const ys = r.theirs?.samples.get(metric) ?? [];
      const items = r.ours.items.get(metric);
      const titems = r.theirs?.items.get(metric);
      const ans = items
        ? `${metric.startsWith('hover') ? (median(items) ? 'yes' : 'no') : median(items)} / ${titems ? (metric.startsWith('hover') ? (median(titems) ? 'yes' : 'no') : median(titems)) : '–'}`
        : '';
      out.push(
        `| ${metric} | ${fmt(median(xs))} | ${fmt(p95(xs))} | ${fmt(median(ys))} | ${fmt(p95(ys))} | ${ratio(median(xs), median(ys))} | ${ans} |`,
      );
    }
    const rss = median(r.ours.rss),
      trss = r.theirs ? median(r.theirs.rss) : NaN;
    out.push(
      `| peak RSS (MiB) | ${fmt(rss)} | ${fmt(Math.max(...r.ours.rss))} | ${fmt(trss)} | ${r.theirs ? fmt(Math.max(...r.theirs.rss)) : '–'} | ${ratio(rss, trss)} | |`,
    );
    out.push('');
  }

  // Growth from the smallest to the largest generated file.
  const mixed = results.filter((r) => r.workload.name.startsWith('mixed'));
  if (mixed.length >= 2) {
    const first = mixed[0],
      last = mixed[mixed.length - 1];
    out.push(`## Growth with file size (medians, mixed workload)`);
    out.push('');
    out.push(
      `| metric | ${mixed.map((m) => `ours ${m.workload.docs!.toLocaleString('en-US')}`).join(' | ')} | ours growth (×${last.workload.docs! / first.workload.docs!} docs) | ${mixed.map((m) => `theirs ${m.workload.docs!.toLocaleString('en-US')}`).join(' | ')} | theirs growth |`,
    );
    out.push(`|---|${mixed.map(() => '---:').join('|')}|---:|${mixed.map(() => '---:').join('|')}|---:|`);
    const metrics = [...first.ours.samples.keys(), 'peak RSS (MiB)'];
    for (const metric of metrics) {
      const get = (run: Run | undefined): number =>
        !run ? NaN : metric === 'peak RSS (MiB)' ? median(run.rss) : median(run.samples.get(metric) ?? []);
      const o = mixed.map((m) => get(m.ours));
      const t = mixed.map((m) => get(m.theirs));
      out.push(
        `| ${metric} | ${o.map(fmt).join(' | ')} | ×${ratio(o[o.length - 1], o[0])} | ${t.map(fmt).join(' | ')} | ×${ratio(t[t.length - 1], t[0])} |`,
      );
    }
    out.push('');
  }

  // Ours against the yaml library's parse of the same text, in the same run.
  const parsed = results.filter((r) => r.parse.length);
  if (parsed.length) {
    out.push('## Against the `yaml` parser (same text, same run)');
    out.push('');
    out.push(
      `\`parseAllDocuments\` of the bench text (yaml ${YAML_VERSION}, default options) in the bench process, median of ${parseReps}; ours with the schema engine ${SCHEMA}. Ratio = ours ÷ parse on medians.`,
    );
    out.push('');
    out.push('| workload | MB | parse | cold open → complete | ÷ parse | edit → first diagnostics | ÷ parse | edit → complete | ÷ parse |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of parsed) {
      const p = median(r.parse);
      const m = (k: string): number => median(r.ours.samples.get(k) ?? []);
      const mb = r.workload.files.reduce((n, f) => n + f.text.length, 0) / 1e6;
      out.push(
        `| ${r.workload.name} | ${mb.toFixed(1)} | ${fmt(p)} | ${fmt(m('didOpen → complete diagnostics'))} | ${ratio(m('didOpen → complete diagnostics'), p)} | ${fmt(m('one-char didChange → diagnostics'))} | ${ratio(m('one-char didChange → diagnostics'), p)} | ${fmt(m('one-char didChange → complete diagnostics'))} | ${ratio(m('one-char didChange → complete diagnostics'), p)} |`,
      );
    }
    out.push('');
  }

  // The workspace of many files, and the CLI over it.
  if (ws) {
    const r = ws.run;
    out.push(`## ${ws.workload.name}`);
    out.push('');
    out.push(
      `A folder of ${ws.workload.files.length.toLocaleString('en-US')} files of ${(ws.workload.docs / ws.workload.files.length).toLocaleString('en-US')} documents of the mixed workload (${(ws.bytes / 1e6).toFixed(1)} MB), opened as the workspace root with \`indexWorkspace\`; right after \`initialized\` one file is opened and hover and completion requests are sent at its probes, one at a time 10 ms apart, until the server logs "Indexed N YAML files". ${wsReps} repetition(s), fresh server each. Times from \`initialized\` sent.`,
    );
    out.push('');
    out.push('| metric | median | p95 | p99 | max | n |');
    out.push('|---|---:|---:|---:|---:|---:|');
    const row = (name: string, xs: number[]): void => {
      out.push(`| ${name} | ${fmt(median(xs))} | ${fmt(p95(xs))} | ${fmt(quantile(xs, 0.99))} | ${fmt(Math.max(...xs))} | ${xs.length} |`);
    };
    row('didOpen of one file → its first diagnostics', r.firstDiagnostics);
    row('hover and completion during indexing', r.during);
    row('indexing complete (log line received)', r.indexing);
    row("indexing (the server's own figure)", r.indexingLogged);
    row('peak RSS (MiB)', r.rss);
    out.push('');
    out.push(
      `Files indexed: ${[...new Set(r.indexedFiles)].join(', ') || '–'} (plus the open one). \`yaml\` parse of all the files, in the bench process: ${fmt(median(ws.parse))} ms (median of ${ws.parse.length}); indexing ÷ parse: ${ratio(median(r.indexing), median(ws.parse))}.`,
    );
    out.push('');
    if (ws.cli) {
      const c = ws.cli;
      out.push(
        `CLI over the folder: \`node dist/cli.js check --format json --max-files N <folder>\`, ${c.wall.length} run(s); peak RSS and CPU time from the process's own \`getrusage\` at exit.`,
      );
      out.push('');
      out.push('| metric | median | max |');
      out.push('|---|---:|---:|');
      out.push(`| wall time (ms) | ${fmt(median(c.wall))} | ${fmt(Math.max(...c.wall))} |`);
      out.push(`| CPU time, user + system (ms) | ${fmt(median(c.cpu))} | ${fmt(Math.max(...c.cpu))} |`);
      out.push(`| cores used (CPU ÷ wall) | ${(median(c.cpu) / median(c.wall)).toFixed(2)} | |`);
      out.push(`| peak RSS (MiB) | ${fmt(median(c.rss))} | ${fmt(Math.max(...c.rss))} |`);
      out.push(`| findings printed / exit status | ${median(c.rows)} / ${[...new Set(c.exit)].join(', ')} | |`);
      out.push('');
    }
  }

  // Growth from 100 documents to the workspace.
  if (mixed.length) {
    const cols = mixed.map((m) => `${m.workload.docs!.toLocaleString('en-US')} (1 file)`);
    if (ws) cols.push(`${ws.workload.docs.toLocaleString('en-US')} (${ws.workload.files.length.toLocaleString('en-US')} files)`);
    out.push(
      '## Growth from 100 to ' +
        (ws ? ws.workload.docs : mixed[mixed.length - 1].workload.docs!).toLocaleString('en-US') +
        ' documents (ours, medians)',
    );
    out.push('');
    out.push('Single files: cold open of the file; the workspace: the scan of the folder with one file open.');
    out.push('');
    out.push(`| metric | ${cols.join(' | ')} |`);
    out.push(`|---|${cols.map(() => '---:').join('|')}|`);
    const reqP95 = (run: Run): number =>
      Math.max(...[...run.samples.entries()].filter(([k]) => k.startsWith('completion') || k.startsWith('hover')).map(([, v]) => p95(v)));
    const line = (name: string, f: (r: Result) => number, w: number): void => {
      out.push(`| ${name} | ${mixed.map((m) => fmt(f(m))).join(' | ')}${ws ? ` | ${fmt(w)}` : ''} |`);
    };
    line('`yaml` parse of all the text', (m) => median(m.parse), ws ? median(ws.parse) : NaN);
    line(
      'all diagnostics (single file: cold open → complete; workspace: indexing complete)',
      (m) => median(m.ours.samples.get('didOpen → complete diagnostics') ?? []),
      ws ? median(ws.run.indexing) : NaN,
    );
    out.push(
      `| the same ÷ parse | ${mixed.map((m) => ratio(median(m.ours.samples.get('didOpen → complete diagnostics') ?? []), median(m.parse))).join(' | ')}${ws ? ` | ${ratio(median(ws.run.indexing), median(ws.parse))}` : ''} |`,
    );
    line(
      'first diagnostics of the opened file',
      (m) => median(m.ours.samples.get('didOpen → diagnostics') ?? []),
      ws ? median(ws.run.firstDiagnostics) : NaN,
    );
    line('one-char edit → first diagnostics', (m) => median(m.ours.samples.get('one-char didChange → diagnostics') ?? []), NaN);
    line('one-char edit → complete diagnostics', (m) => median(m.ours.samples.get('one-char didChange → complete diagnostics') ?? []), NaN);
    line('completion and hover, worst p95 (workspace: all, during indexing)', (m) => reqP95(m.ours), ws ? p95(ws.run.during) : NaN);
    line('peak RSS (MiB)', (m) => median(m.ours.rss), ws ? median(ws.run.rss) : NaN);
    if (ws?.cli) line('CLI wall time', () => NaN, median(ws.cli.wall));
    if (ws?.cli) line('CLI peak RSS (MiB)', () => NaN, median(ws.cli.rss));
    out.push('');
  }

  // The targets of issue 21 (reported, not asserted).
  out.push('## Targets (issue 21)');
  out.push('');
  out.push('| target | result | met |');
  out.push('|---|---|---|');
  const yes = (ok: boolean): string => (ok ? 'yes' : '**no**');
  const by = (v: number, limit: number): string => (v <= limit ? '' : ` (${(v / limit).toFixed(1)}× the target)`);
  const biggest = mixed[mixed.length - 1];
  if (biggest) {
    const n = biggest.workload.docs!.toLocaleString('en-US');
    const m = (k: string): number => median(biggest.ours.samples.get(k) ?? []);
    const p = median(biggest.parse);
    const open = m('didOpen → complete diagnostics') / p;
    out.push(
      `| ${n} docs: cold open → complete ≤ 0.45× parse | ${fmt(m('didOpen → complete diagnostics'))} ms ÷ ${fmt(p)} ms = ${ratio(m('didOpen → complete diagnostics'), p)}${by(open, 0.45)} | ${yes(open <= 0.45)} |`,
    );
    const first = m('one-char didChange → diagnostics') / p;
    out.push(
      `| ${n} docs: one-char edit → first diagnostics ≤ 0.01× parse | ${fmt(m('one-char didChange → diagnostics'))} ms ÷ ${fmt(p)} ms = ${ratio(m('one-char didChange → diagnostics'), p)}${by(first, 0.01)} | ${yes(first <= 0.01)} |`,
    );
    const complete = m('one-char didChange → complete diagnostics');
    out.push(`| ${n} docs: one-char edit → complete ≤ 150 ms | ${fmt(complete)} ms${by(complete, 150)} | ${yes(complete <= 150)} |`);
    const lat = [...biggest.ours.samples.entries()];
    const reqP95 = Math.max(...lat.filter(([k]) => k.startsWith('completion') || k.startsWith('hover')).map(([, v]) => p95(v)));
    out.push(`| ${n} docs: completion and hover p95 ≤ 10 ms | worst p95 ${fmt(reqP95)} ms${by(reqP95, 10)} | ${yes(reqP95 <= 10)} |`);
    const rss = median(biggest.ours.rss);
    out.push(`| ${n} docs: peak RSS ≤ 150 MiB | ${fmt(rss)} MiB${by(rss, 150)} | ${yes(rss <= 150)} |`);
    if (biggest.theirs) {
      const w = worstRatio(results);
      out.push(
        `| ≥ 10× faster than yaml-language-server on every latency metric (all workloads) | worst ours ÷ theirs ${w.toFixed(3)} (${worstMetric(results)})${by(w, 0.1)} | ${yes(w <= 0.1)} |`,
      );
      const rr = rss / median(biggest.theirs.rss);
      out.push(
        `| peak RSS ≤ 0.25× yaml-language-server (${n} docs) | ${fmt(rss)} vs ${fmt(median(biggest.theirs.rss))} MiB = ${rr.toFixed(2)}${by(rr, 0.25)} | ${yes(rr <= 0.25)} |`,
      );
    }
  }
  if (ws) {
    const n = `${ws.workload.docs.toLocaleString('en-US')} docs / ${ws.workload.files.length.toLocaleString('en-US')} files`;
    const r = ws.run;
    const target = (name: string, v: number, limit: number, unit: string): void => {
      out.push(`| ${n}: ${name} ≤ ${limit.toLocaleString('en-US')} ${unit} | ${fmt(v)} ${unit}${by(v, limit)} | ${yes(v <= limit)} |`);
    };
    target('first diagnostics of the opened file', median(r.firstDiagnostics), 300, 'ms');
    target('requests during indexing, p99', quantile(r.during, 0.99), 50, 'ms');
    target('indexing complete', median(r.indexing), 8000, 'ms');
    target('server peak RSS', median(r.rss), 300, 'MiB');
    if (ws.cli) {
      target('CLI wall time', median(ws.cli.wall), 10_000, 'ms');
      target('CLI peak RSS', median(ws.cli.rss), 400, 'MiB');
      const cores = median(ws.cli.cpu) / median(ws.cli.wall);
      out.push(`| ${n}: CLI uses both cores | ${cores.toFixed(2)} cores (CPU time ÷ wall time) | ${yes(cores >= 1.5)} |`);
    }
  }
  if (biggest) {
    // Issue 21: a 5.3 MB file should not be skipped by default if it can be checked in a second.
    const mb = biggest.workload.files[0].text.length / 1e6;
    const perMb = median(biggest.ours.samples.get('didOpen → complete diagnostics') ?? []) / mb;
    const skipped = DEFAULT_MAX_FILE_SIZE < 5.3e6;
    out.push(
      `| the default \`maxFileSize\` does not skip a 5.3 MB file that can be checked in a second | default ${DEFAULT_MAX_FILE_SIZE.toLocaleString('en-US')} characters: a 5.3 MB file is ${skipped ? '' : 'not '}skipped; cold open → complete here ${fmt(perMb)} ms per MB (${biggest.workload.name}, ${mb.toFixed(1)} MB), so 5.3 MB ≈ ${fmt(perMb * 5.3)} ms | ${skipped ? (perMb * 5.3 <= 1000 ? '**no**' : 'consistent (it cannot be checked in a second)') : 'yes'} |`,
    );
  }
  out.push('');
  out.push(
    'Reproduce: `npm run bench` (full, about 15 minutes with the baseline) or `npm run bench -- --quick`; options in `docs/performance.md`.',
  );
  return out.join('\n') + '\n';
}

function worstMetric(results: Result[]): string {
  let worst = 0,
    what = '';
  for (const r of results) {
    if (!r.theirs) continue;
    for (const [k, v] of r.ours.samples) {
      const x = median(v) / median(r.theirs.samples.get(k) ?? []);
      if (Number.isFinite(x) && x > worst) {
        worst = x;
        what = `${k}, ${r.workload.name}`;
      }
    }
  }
  return what;
}

function worstRatio(results: Result[]): number {
  let worst = 0;
  for (const r of results) {
    if (!r.theirs) continue;
    for (const [k, v] of r.ours.samples) {
      const t = median(r.theirs.samples.get(k) ?? []);
      const x = median(v) / t;
      if (Number.isFinite(x)) worst = Math.max(worst, x);
    }
  }
  return worst;
}

// --- main ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(OUR_SERVER)) throw new Error(`${OUR_SERVER} missing: run \`npm run build\` first`);
  if (withBaseline && !existsSync(path.join(schemaDir, 'all.json')))
    throw new Error(`no Kubernetes schema in ${schemaDir} (set EKS_BENCH_SCHEMA_DIR or pass --no-baseline)`);
  const started = new Date();
  const t0 = performance.now();
  const workloads: FileWorkload[] = [];
  for (const n of sizes) workloads.push(fileWorkload(`mixed ${n.toLocaleString('en-US')} docs`, n, mixedWorkload(n), `mixed-${n}.yaml`));
  if (withAnchors) workloads.push(fileWorkload('anchors and merge keys, 1,000 docs', 1000, anchorWorkload(1000), 'anchors-1000.yaml'));
  if (withCorpus) {
    const c = await corpusWorkload();
    if (c) workloads.push(c);
  }

  const results: Result[] = workloads.map((w) => ({
    workload: w,
    ours: { label: 'ours', samples: new Map(), items: new Map(), rss: [], notes: [] },
    theirs: withBaseline ? { label: 'theirs', samples: new Map(), items: new Map(), rss: [], notes: [] } : undefined,
    parse: [],
  }));
  // The yardstick: the `yaml` library's parse of each generated text, in this process, before any server runs
  // (after one untimed warm-up parse, so the figures are of compiled code).
  parseAllDocuments(mixedWorkload(200).text);
  for (const r of results) {
    if (r.workload.docs === undefined) continue;
    process.stderr.write(`parse ${r.workload.name}: `);
    r.parse = parseTime(
      r.workload.files.map((f) => f.text),
      parseReps,
    );
    process.stderr.write(`${fmt(median(r.parse))} ms\n`);
  }
  for (let rep = 0; rep < reps; rep++) {
    for (const r of results) {
      const w = r.workload;
      process.stderr.write(`rep ${rep + 1}/${reps} ${w.name}: ours`);
      let t = performance.now();
      await measure(ours(!!w.rootUri), w, r.ours);
      process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(1)} s`);
      if (r.theirs) {
        process.stderr.write(', yaml-language-server');
        t = performance.now();
        await measure(theirs(), w, r.theirs);
        process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      process.stderr.write('\n');
    }
  }
  let ws: WorkspaceResult | undefined;
  if (withWorkspace) {
    const w = mixedWorkspace(wsDocs, wsFiles);
    const dir = writeWorkspace(w);
    ws = {
      workload: w,
      bytes: w.files.reduce((n, f) => n + f.text.length, 0),
      parse: [],
      run: { firstDiagnostics: [], indexing: [], indexingLogged: [], indexedFiles: [], during: [], rss: [], notes: [] },
      cli: withCli ? { wall: [], rss: [], cpu: [], rows: [], exit: [] } : undefined,
    };
    process.stderr.write(`parse ${w.name}: `);
    ws.parse = parseTime(
      w.files.map((f) => f.text),
      Math.min(parseReps, quick ? 1 : 2),
    );
    process.stderr.write(`${fmt(median(ws.parse))} ms\n`);
    for (let rep = 0; rep < wsReps; rep++) {
      process.stderr.write(`rep ${rep + 1}/${wsReps} ${w.name}: server`);
      let t = performance.now();
      await measureWorkspace(dir, w, ws.run);
      process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(1)} s`);
      if (ws.cli) {
        process.stderr.write(', CLI');
        t = performance.now();
        await measureCli(dir, w.files.length, ws.cli);
        process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      process.stderr.write('\n');
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const md = report(results, ws, started, (performance.now() - t0) / 1000);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, md);
  process.stdout.write(md);
  process.stderr.write(`written to ${path.relative(process.cwd(), outFile)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench`: eks-manifests vs yaml-language-server 1.25.0 (configured for Kubernetes, offline) on
 * the same files with the same requests. Writes bench/results/latest.md and prints it.
 *
 *   npm run bench                      all workloads, 3 repetitions
 *   npm run bench -- --quick           100 and 1,000 documents, 1 repetition, few samples (sanity run)
 *   npm run bench -- --reps 5 --samples 20 --sizes 100,1000,5000 --no-baseline --no-corpus --out file.md
 *
 * Environment: EKS_BENCH_SCHEMA_DIR (folder with yannh's `all.json` + `_definitions.json`, default
 * ../shared/notes/baseline/schema beside the repository), EKS_BENCH_CORPUS (workspace folder, default ../shared/corpus/files).
 */
import { promises as fs, readFileSync, existsSync, mkdirSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import { BenchServer, type ServerSpec } from './lspDriver';
import { anchorWorkload, mixedWorkload, type Probe } from './workloads';

const ROOT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(name);
const opt = (name: string): string | undefined => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };

const quick = flag('--quick');
const reps = Number(opt('--reps') ?? (quick ? 1 : 3));
const samples = Number(opt('--samples') ?? (quick ? 3 : 10));
const edits = Number(opt('--edits') ?? (quick ? 3 : 6));
const sizes = (opt('--sizes') ?? (quick ? '100,1000' : '100,1000,5000')).split(',').map(Number);
const withBaseline = !flag('--no-baseline');
const withCorpus = !flag('--no-corpus');
const withAnchors = !flag('--no-anchors');
const outFile = path.resolve(opt('--out') ?? path.join(ROOT, 'bench', 'results', 'latest.md'));
const schemaDir = process.env.EKS_BENCH_SCHEMA_DIR ?? path.join(ROOT, '..', 'shared', 'notes', 'baseline', 'schema');
const corpusDir = process.env.EKS_BENCH_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus', 'files');
const TIMEOUT = Number(process.env.EKS_BENCH_TIMEOUT_MS ?? 300_000);
const SETTLE_MS = Number(opt('--settle') ?? 1500);

// --- the two servers ----------------------------------------------------------------------------------------

/** The bundled server (EKS_BENCH_SERVER: another build of it). */
const OUR_SERVER = process.env.EKS_BENCH_SERVER ?? path.join(ROOT, 'dist', 'server.js');

/** The bench files are up to ~5.3 MB: raise our default 5 MB analysis limit for them (see docs/performance.md). */
const OUR_SETTINGS = { maxFileSize: 50_000_000, yamlSyntaxErrors: 'always' };

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
    validate: true, hover: true, completion: true, format: { enable: false },
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
      if (text === undefined) { text = readFileSync(path.join(schemaDir, path.basename(name)), 'utf8'); schemaCache.set(name, text); }
      return text;
    },
  };
}

// --- measurements -------------------------------------------------------------------------------------------

type Samples = Map<string, number[]>;
interface Run { label: string; samples: Samples; items: Map<string, number[]>; rss: number[]; notes: string[] }

function add(m: Map<string, number[]>, key: string, v: number): void {
  const l = m.get(key); if (l) l.push(v); else m.set(key, [v]);
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
      const v = i % 2 === 0
        ? server.change(uri, { start: { line, character }, end: { line, character } }, '1')
        : server.change(uri, { start: { line, character }, end: { line, character: character + 1 } }, '');
      const p = await server.diagnosticsAfter(uri, seq, v, TIMEOUT);
      add(run.samples, 'one-char didChange → diagnostics', p.at - t);
      // A server may publish again for the same version (ours: cross-document findings of unchanged
      // documents refreshed after the first, quick publish). The last publish before a quiet period of
      // SETTLE_MS is the complete answer.
      let last = p;
      for (;;) {
        try { last = await server.diagnosticsAfter(uri, last.seq, v, SETTLE_MS); } catch { break; }
      }
      add(run.samples, 'one-char didChange → complete diagnostics', last.at - t);
    }
    if (edits % 2 === 1) { // leave the text as it was opened, so the probes stay valid
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
        const items = Array.isArray(c.result) ? c.result.length : c.result?.items?.length ?? 0;
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

function fileWorkload(name: string, docs: number, gen: { text: string; probes: Probe[]; edit: { line: number; character: number } }, file: string): FileWorkload {
  const p = path.join(tmp, file);
  writeFileSync(p, gen.text);
  const uri = pathToFileURL(p).href;
  return { name, docs, files: [{ uri, text: gen.text }], edit: { uri, ...gen.edit }, probes: gen.probes.map((x) => ({ ...x, uri })), rootUri: null };
}

async function corpusWorkload(): Promise<FileWorkload | undefined> {
  if (!existsSync(corpusDir)) return undefined;
  const list: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p); else if (/\.ya?ml$/i.test(e.name)) list.push(p);
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
    files, edit: { uri: big.uri, line, character: lines[line].length }, probes, rootUri: pathToFileURL(corpusDir).href,
  };
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

interface Result { workload: FileWorkload; ours: Run; theirs?: Run }

function report(results: Result[], started: Date, seconds: number): string {
  const out: string[] = [];
  out.push('# Benchmark: eks-manifests vs yaml-language-server');
  out.push('');
  out.push(`Run ${started.toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}, ${reps} repetition(s) (fresh server each), ${samples} samples per request and probe, ${edits} edits; ${Math.round(seconds)} s in all.`);
  out.push(`Baseline: yaml-language-server 1.25.0 with the Kubernetes v1.32.1 schema (yannh, standalone-strict) served locally through \`vscode/content\`, CRD store on (CRD URLs answered with an error: offline), schema store off. Its 200 ms validation debounce is part of its figures.`);
  out.push('Times in ms from request sent to reply (diagnostics: from the notification sent to the first `publishDiagnostics` of that version; "complete": to the last one before ' + SETTLE_MS + ' ms of quiet — ours publishes local findings at once and refreshed cross-document findings of unchanged documents after). Ratio = ours ÷ theirs on medians (below 1 = we are faster). Completion items/hover answers: what each server returned.');
  out.push('');
  for (const r of results) {
    out.push(`## ${r.workload.name}`);
    out.push('');
    if (r.ours.notes.length) { out.push(`Note (ours): ${r.ours.notes[0]}.`); out.push(''); }
    out.push('| metric | ours median | ours p95 | theirs median | theirs p95 | ours/theirs | answers (ours / theirs) |');
    out.push('|---|---:|---:|---:|---:|---:|---|');
    for (const [metric, xs] of r.ours.samples) {
      const ys = r.theirs?.samples.get(metric) ?? [];
      const items = r.ours.items.get(metric);
      const titems = r.theirs?.items.get(metric);
      const ans = items ? `${metric.startsWith('hover') ? (median(items) ? 'yes' : 'no') : median(items)} / ${titems ? (metric.startsWith('hover') ? (median(titems) ? 'yes' : 'no') : median(titems)) : '–'}` : '';
      out.push(`| ${metric} | ${fmt(median(xs))} | ${fmt(p95(xs))} | ${fmt(median(ys))} | ${fmt(p95(ys))} | ${ratio(median(xs), median(ys))} | ${ans} |`);
    }
    const rss = median(r.ours.rss), trss = r.theirs ? median(r.theirs.rss) : NaN;
    out.push(`| peak RSS (MiB) | ${fmt(rss)} | ${fmt(Math.max(...r.ours.rss))} | ${fmt(trss)} | ${r.theirs ? fmt(Math.max(...r.theirs.rss)) : '–'} | ${ratio(rss, trss)} | |`);
    out.push('');
  }

  // Growth from the smallest to the largest generated file.
  const mixed = results.filter((r) => r.workload.name.startsWith('mixed'));
  if (mixed.length >= 2) {
    const first = mixed[0], last = mixed[mixed.length - 1];
    out.push(`## Growth with file size (medians, mixed workload)`);
    out.push('');
    out.push(`| metric | ${mixed.map((m) => `ours ${m.workload.docs!.toLocaleString('en-US')}`).join(' | ')} | ours growth (×${last.workload.docs! / first.workload.docs!} docs) | ${mixed.map((m) => `theirs ${m.workload.docs!.toLocaleString('en-US')}`).join(' | ')} | theirs growth |`);
    out.push(`|---|${mixed.map(() => '---:').join('|')}|---:|${mixed.map(() => '---:').join('|')}|---:|`);
    const metrics = [...first.ours.samples.keys(), 'peak RSS (MiB)'];
    for (const metric of metrics) {
      const get = (run: Run | undefined): number => (!run ? NaN : metric === 'peak RSS (MiB)' ? median(run.rss) : median(run.samples.get(metric) ?? []));
      const o = mixed.map((m) => get(m.ours));
      const t = mixed.map((m) => get(m.theirs));
      out.push(`| ${metric} | ${o.map(fmt).join(' | ')} | ×${ratio(o[o.length - 1], o[0])} | ${t.map(fmt).join(' | ')} | ×${ratio(t[t.length - 1], t[0])} |`);
    }
    out.push('');
  }

  // Targets (reported, not asserted).
  const biggest = mixed[mixed.length - 1];
  if (biggest) {
    const n = biggest.workload.docs!.toLocaleString('en-US');
    const lat = [...biggest.ours.samples.entries()];
    const reqP95 = Math.max(...lat.filter(([k]) => k.startsWith('completion') || k.startsWith('hover')).map(([, v]) => p95(v)));
    const change = median(biggest.ours.samples.get('one-char didChange → diagnostics') ?? []);
    out.push(`## Targets at ${n} documents`);
    out.push('');
    out.push('| target | result | met |');
    out.push('|---|---|---|');
    out.push(`| completion and hover p95 < 20 ms | worst p95 ${fmt(reqP95)} ms | ${reqP95 < 20 ? 'yes' : 'no'} |`);
    out.push(`| diagnostics after a one-char edit < 50 ms | median ${fmt(change)} ms, p95 ${fmt(p95(biggest.ours.samples.get('one-char didChange → diagnostics') ?? []))} ms | ${change < 50 ? 'yes' : 'no'} |`);
    if (biggest.theirs) {
      const worst = Math.max(...lat.map(([k, v]) => median(v) / median(biggest.theirs!.samples.get(k) ?? [])).filter(Number.isFinite));
      out.push(`| ≥ 5× faster than the baseline on every latency metric (all workloads) | worst ours/theirs at ${n} docs: ${worst.toFixed(3)}; over all workloads: ${worstRatio(results).toFixed(3)} | ${worstRatio(results) <= 0.2 ? 'yes' : 'no'} |`);
      const rr = median(biggest.ours.rss) / median(biggest.theirs.rss);
      out.push(`| peak RSS < half the baseline | ${fmt(median(biggest.ours.rss))} vs ${fmt(median(biggest.theirs.rss))} MiB (${rr.toFixed(2)}) | ${rr < 0.5 ? 'yes' : 'no'} |`);
    }
    out.push('');
  }
  out.push('Reproduce: `npm run bench` (full, about 10 minutes with the baseline) or `npm run bench -- --quick`; options in `docs/performance.md`.');
  return out.join('\n') + '\n';
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
  if (withBaseline && !existsSync(path.join(schemaDir, 'all.json'))) throw new Error(`no Kubernetes schema in ${schemaDir} (set EKS_BENCH_SCHEMA_DIR or pass --no-baseline)`);
  const started = new Date();
  const t0 = performance.now();
  const workloads: FileWorkload[] = [];
  for (const n of sizes) workloads.push(fileWorkload(`mixed ${n.toLocaleString('en-US')} docs`, n, mixedWorkload(n), `mixed-${n}.yaml`));
  if (withAnchors) workloads.push(fileWorkload('anchors and merge keys, 1,000 docs', 1000, anchorWorkload(1000), 'anchors-1000.yaml'));
  if (withCorpus) { const c = await corpusWorkload(); if (c) workloads.push(c); }

  const results: Result[] = workloads.map((w) => ({
    workload: w,
    ours: { label: 'ours', samples: new Map(), items: new Map(), rss: [], notes: [] },
    theirs: withBaseline ? { label: 'theirs', samples: new Map(), items: new Map(), rss: [], notes: [] } : undefined,
  }));
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
  const md = report(results, started, (performance.now() - t0) / 1000);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, md);
  process.stdout.write(md);
  process.stderr.write(`written to ${path.relative(process.cwd(), outFile)}\n`);
}

main().catch((err) => { console.error(err); process.exit(1); });

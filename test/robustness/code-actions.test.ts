/**
 * Every code action the bundled server offers, applied and judged (editOracle.ts): on every file of the
 * shared corpus, on a seeded sample of the real-repositories corpus (all of it with
 * EKS_CODE_ACTIONS_REPOS=all), and on generated broken files — each with LF and with CRLF line endings
 * (the generated ones also with CR). The server is asked at every diagnostic (with that diagnostic, as an
 * editor does) and at annotation keys (where refactors are offered).
 *
 *   EKS_CODE_ACTIONS_SEED=7 EKS_CODE_ACTIONS_REPOS=all node --import tsx --test test/robustness/code-actions.test.ts
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { LspClient, ROOT } from '../helpers/lspClient';
import { filesUnder, YAML_FILE } from '../helpers/files';
import { findCorpusRepos, corpusReposCandidates } from '../helpers/corpusRepos';
import { int, mutate, rng } from './support';
import { judge, type Edit } from './editOracle';

const SEED = Number(process.env.EKS_CODE_ACTIONS_SEED ?? 20261201);
const REPOS = process.env.EKS_CODE_ACTIONS_REPOS ?? '250';
const GENERATED = Number(process.env.EKS_CODE_ACTIONS_GENERATED ?? 120);
const MAX_FILE = 400_000;

let client: LspClient | undefined;
after(async () => {
  await client?.stop();
});

/** Shapes that quick fixes used to break (issue 16), written for this test. */
const HANDMADE: { name: string; text: string }[] = [
  {
    name: 'empty label values',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    app:\n    owner: # team\n    tier: web\ndata: {}\n',
  },
  {
    name: 'flow map key without value',
    text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: {app, tier: web}\nspec:\n  selector: {app, tier: web}\n  ports: [{port: 80}]\n',
  },
  { name: 'explicit key', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    ? app\n    tier: web\n' },
  {
    name: 'helm include in a labels map',
    text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels:\n    a: "true"\n    {{- include "labels" . | nindent 4 }}\nspec:\n  selector:\n    {{- include "selector" . | nindent 4 }}\n',
  },
  {
    name: 'helm template value',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    app:\n{{ include "labels" . | indent 4 }}\nspec:\n  replicas: 1\n',
  },
  {
    name: 'tagged numbers and booleans',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    n: !!int 1\n    b: true\n    y: yes\n    o: 0b101\n    u: 1_000\ndata:\n  port: 8080\n',
  },
  {
    name: 'JSON annotation in a block scalar',
    text: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    alb.ingress.kubernetes.io/actions.web: |\n      {"type": "forward", "forwardConfig": {"targetGroups": [{"serviceName": "web", "servicePort": 80, "weight": 101}]}}\n    alb.ingress.kubernetes.io/conditions.web: >\n      [{"field": "host-header", "hostHeaderConfig": {"values": ["a"]}}]\nspec:\n  ingressClassName: alb\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend: {service: {name: web, port: {name: use-annotation}}}\n',
  },
  {
    name: 'removed apiVersion and typo annotation',
    text: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    alb.ingress.kubernetes.io/schem: internet-facing\n    alb.ingress.kubernetes.io/target-type: Ip\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n',
  },
  {
    name: 'unknown field beside the field it resembles',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n        - name: c\n          image: i\n          ports: []\n          portz: []\n',
  },
  {
    name: 'karpenter labels in a NodePool',
    text: 'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      requirements:\n        - key: karpenter.k8s.aws/instance-family\n          operator: In\n          values: ["m5"]\n      nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: default}\n',
  },
];

interface Sample {
  name: string;
  text: string;
  eols: string[];
}

function corpusSamples(r: () => number, notes: string[]): Sample[] {
  const out: Sample[] = [];
  const shared = path.join(ROOT, '..', 'shared', 'corpus', 'files');
  const sharedFiles = filesUnder(shared, YAML_FILE);
  for (const f of sharedFiles)
    out.push({ name: `corpus/${path.relative(shared, f)}`, text: readFileSync(f, 'utf8'), eols: ['\n', '\r\n'] });
  notes.push(`shared corpus: ${sharedFiles.length} files`);
  const repos = findCorpusRepos();
  if (!repos) {
    notes.push(`real-repositories corpus NOT FOUND (looked in ${corpusReposCandidates().join(', ')}): not tested`);
    return out;
  }
  const all = filesUnder(repos, YAML_FILE).sort();
  let chosen = all;
  if (REPOS !== 'all') {
    const n = Math.min(all.length, Number(REPOS));
    const pool = [...all];
    chosen = [];
    while (chosen.length < n) chosen.push(pool.splice(int(r, pool.length), 1)[0]);
    chosen.sort();
  }
  for (const f of chosen) out.push({ name: `repos/${path.relative(repos, f)}`, text: readFileSync(f, 'utf8'), eols: ['\n', '\r\n'] });
  notes.push(
    `real-repositories corpus: ${chosen.length} of ${all.length} files${REPOS === 'all' ? '' : ` (seeded sample; EKS_CODE_ACTIONS_REPOS=all for every file)`}`,
  );
  return out;
}

function generatedSamples(r: () => number, seeds: Sample[]): Sample[] {
  const out: Sample[] = HANDMADE.map((h) => ({ name: `handmade/${h.name}`, text: h.text, eols: ['\n', '\r\n', '\r'] }));
  const manifests = seeds.filter((s) => /^(apiVersion|kind):/m.test(s.text) && s.text.length < 20_000);
  for (let i = 0; i < GENERATED && manifests.length; i++) {
    const seed = manifests[int(r, manifests.length)];
    const { text, steps } = mutate(r, seed.text.replace(/\r\n?/g, '\n'));
    if (text.length > MAX_FILE) continue;
    out.push({ name: `generated/${i} from ${seed.name} via ${steps.join(' + ')}`, text, eols: ['\n', '\r\n'] });
  }
  return out;
}

function withEol(text: string, eol: string): string {
  const lf = text.replace(/\r\n?/g, '\n');
  return eol === '\n' ? lf : lf.replace(/\n/g, eol);
}

/** Where to ask besides the diagnostics: annotation keys (refactors live there), at most 12 per file. */
function annotationKeyPositions(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length && out.length < 12; i++) {
    const m = /^(\s*)[a-z0-9.-]+\.[a-z]+\/[\w.-]+\s*:/.exec(lines[i]);
    if (m) out.push({ line: i, character: m[1].length });
  }
  return out;
}

function editsOf(a: CodeAction, uri: string): Edit[] | undefined {
  const changes = a.edit?.changes?.[uri];
  if (changes) return changes;
  const dc = a.edit?.documentChanges?.find((c) => 'textDocument' in c && c.textDocument.uri === uri) as { edits: Edit[] } | undefined;
  return dc?.edits;
}

test(`every code action keeps the file sound (seed ${SEED})`, { timeout: 1_800_000 }, async (t) => {
  const r = rng(SEED);
  const notes: string[] = [];
  const corpus = corpusSamples(r, notes);
  const samples = [...corpus, ...generatedSamples(r, corpus)].filter((s) => s.text.length <= MAX_FILE);
  for (const n of notes) t.diagnostic(n);
  client = await LspClient.start({ settings: { yamlSyntaxErrors: 'always' } });
  const started = Date.now();
  const failures: string[] = [];
  const titles = new Map<string, number>();
  let variants = 0,
    actions = 0,
    requests = 0,
    k = 0;
  for (const sample of samples) {
    for (const eol of sample.eols) {
      const text = withEol(sample.text, eol);
      const uri = `file:///code-actions/f${k++}.yaml`;
      variants++;
      client.open(uri, text);
      const diagnostics = await client.diagnosticsFor(uri, { version: 1, timeoutMs: 60_000 });
      const asks: { range: Diagnostic['range']; diagnostics: Diagnostic[] }[] = diagnostics.map((d) => ({
        range: d.range,
        diagnostics: [d],
      }));
      for (const p of annotationKeyPositions(text)) asks.push({ range: { start: p, end: p }, diagnostics: [] });
      const seen = new Set<string>();
      for (const ask of asks) {
        requests++;
        const answer = await client.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: ask.range,
          context: { diagnostics: ask.diagnostics },
        });
        for (const a of answer ?? []) {
          const edits = editsOf(a, uri);
          if (!edits) continue;
          const key = JSON.stringify([a.title, edits]);
          if (seen.has(key)) continue;
          seen.add(key);
          actions++;
          const family = a.title.replace(/"[^"]*"|'[^']*'|\b[\w./-]*\d[\w./-]*\b/g, '…').replace(/^Disable \S+/, 'Disable <code>');
          titles.set(family, (titles.get(family) ?? 0) + 1);
          const { problems } = judge(text, { title: a.title, kind: a.kind, edits });
          if (problems.length && failures.length < 60) {
            const line = edits[0]?.range.start.line ?? 0;
            const around = text
              .split(/\r\n|\r|\n/)
              .slice(Math.max(0, line - 2), line + 3)
              .join('⏎');
            failures.push(
              `${sample.name} [${JSON.stringify(eol)}] "${a.title}": ${problems.join('; ')}\n    edits ${JSON.stringify(edits).slice(0, 300)}\n    near line ${line}: ${around.slice(0, 300)}`,
            );
          }
        }
      }
      client.close(uri);
    }
  }
  t.diagnostic(
    `${samples.length} files, ${variants} line-ending variants, ${requests} codeAction requests, ${actions} actions applied in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const [title, n] of [...titles].sort((a, b) => b[1] - a[1]).slice(0, 25)) t.diagnostic(`  ${n} × ${title}`);
  assert.ok(client.alive, 'server alive');
  assert.ok(actions > 100, `only ${actions} actions were offered: the test exercised too little`);
  assert.deepEqual(failures, [], `${failures.length} code actions damaged the file (seed ${SEED})`);
});

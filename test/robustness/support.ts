/**
 * Shared pieces of the robustness suite: a seeded random generator, input mutators, shape checks for
 * every answer the server gives, and a peak-memory probe of the server process.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { LspClient } from '../helpers/lspClient';
import { ROOT } from '../helpers/lspClient';
import { filesUnder, YAML_FILE } from '../helpers/files';

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const int = (r: Rand, n: number): number => Math.floor(r() * n);
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

/** Seed manifests: the examples, plus the corpus when present (EKS_CORPUS, as in the corpus test). */
export function seedFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const p of filesUnder(dir, YAML_FILE)) out.push({ name: path.relative(ROOT, p), text: readFileSync(p, 'utf8') });
  };
  walk(path.join(ROOT, 'examples'));
  walk(path.join(ROOT, 'test', 'fixtures'));
  const corpus = process.env.EKS_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus');
  walk(path.join(corpus, 'files'));
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const YAML_NOISE = [
  ':',
  '-',
  ' ',
  '  ',
  '\n',
  '\t',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a',
  '*a',
  '!',
  '!!str',
  '|',
  '>',
  "'",
  '"',
  '#',
  '%',
  '@',
  '`',
  '? ',
  '---\n',
  '...\n',
  '<<: *a\n',
  '\\',
  '\r\n',
  '\u0000',
  '\ufeff',
  '\ud800',
  '\udfff',
  '😀',
  'é',
  '\u2028',
];

/** Decode random bytes as UTF-8 (invalid sequences become U+FFFD, as an editor reading a broken file does). */
function invalidUtf8(r: Rand): string {
  const bytes = Buffer.alloc(1 + int(r, 16));
  for (let i = 0; i < bytes.length; i++) bytes[i] = pick(r, [0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf8, 0xff, 0xfe, int(r, 256)]);
  return bytes.toString('utf8');
}

export type Mutation = { name: string; apply: (r: Rand, text: string) => string };

export const MUTATIONS: Mutation[] = [
  { name: 'truncate', apply: (r, t) => t.slice(0, int(r, t.length + 1)) },
  {
    name: 'byte edits',
    apply: (r, t) => {
      let s = t;
      const n = 1 + int(r, 8);
      for (let i = 0; i < n; i++) {
        const at = int(r, s.length + 1);
        const what = int(r, 3);
        if (what === 0) s = s.slice(0, at) + pick(r, YAML_NOISE) + s.slice(at);
        else if (what === 1) s = s.slice(0, at) + s.slice(at + 1 + int(r, 4));
        else s = s.slice(0, at) + String.fromCharCode(int(r, 0x3000)) + s.slice(at + 1);
      }
      return s;
    },
  },
  {
    name: 'indentation shift',
    apply: (r, t) => {
      const lines = t.split('\n');
      const n = 1 + int(r, 5);
      for (let i = 0; i < n && lines.length; i++) {
        const l = int(r, lines.length);
        const d = int(r, 3);
        lines[l] = d === 0 ? lines[l].replace(/^ {1,4}/, '') : d === 1 ? ' '.repeat(1 + int(r, 5)) + lines[l] : '\t' + lines[l];
      }
      return lines.join('\n');
    },
  },
  {
    name: 'invalid UTF-8',
    apply: (r, t) => {
      const at = int(r, t.length + 1);
      return t.slice(0, at) + invalidUtf8(r) + t.slice(at);
    },
  },
  {
    name: 'very long line',
    apply: (r, t) => {
      const lines = t.split('\n');
      const l = int(r, lines.length);
      const unit = pick(r, ['a', 'x: ', '- ', '[', '{', '"', 'alb.ingress.kubernetes.io/', '\\u']);
      lines[l] = lines[l] + unit.repeat(Math.ceil((10_000 + int(r, 50_000)) / unit.length));
      return lines.join('\n');
    },
  },
  {
    name: 'splice documents',
    apply: (r, t) => {
      const a = int(r, t.length + 1),
        b = int(r, t.length + 1);
      return t.slice(0, Math.min(a, b)) + '\n---\n' + t.slice(Math.max(a, b)) + t.slice(Math.min(a, b), Math.max(a, b));
    },
  },
  { name: 'line endings', apply: (r, t) => (r() < 0.5 ? t.replace(/\n/g, '\r\n') : t.replace(/\n/g, '\r')) },
];

export function mutate(r: Rand, text: string): { text: string; steps: string[] } {
  let s = text;
  const steps: string[] = [];
  const n = 1 + int(r, 3);
  for (let i = 0; i < n; i++) {
    const m = pick(r, MUTATIONS);
    s = m.apply(r, s);
    steps.push(m.name);
  }
  return { text: s, steps };
}

// --- shape checks ---------------------------------------------------------------------------------------------

function isPos(p: unknown): boolean {
  const x = p as { line?: unknown; character?: unknown };
  return !!x && Number.isInteger(x.line) && Number.isInteger(x.character) && (x.line as number) >= 0 && (x.character as number) >= 0;
}

export function assertRange(r: unknown, lineCount: number, what: string): void {
  const x = r as { start?: unknown; end?: unknown };
  assert.ok(x && isPos(x.start) && isPos(x.end), `${what}: malformed range ${JSON.stringify(r)}`);
  const s = x.start as { line: number; character: number };
  const e = x.end as { line: number; character: number };
  assert.ok(
    s.line < e.line || (s.line === e.line && s.character <= e.character),
    `${what}: range ends before it starts ${JSON.stringify(r)}`,
  );
  assert.ok(e.line <= lineCount, `${what}: range beyond the last line (${lineCount}) ${JSON.stringify(r)}`);
}

export function lineCountOf(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

export function assertDiagnostics(d: unknown, text: string): void {
  assert.ok(Array.isArray(d), 'diagnostics are an array');
  const lc = lineCountOf(text);
  for (const x of d as Record<string, unknown>[]) {
    assertRange(x.range, lc, `diagnostic ${String(x.code)}`);
    assert.equal(typeof x.message, 'string');
    assert.ok((x.message as string).length > 0, 'diagnostic message is not empty');
    assert.ok([1, 2, 3, 4].includes(x.severity as number), `severity ${String(x.severity)}`);
  }
}

export function assertCompletion(c: unknown): void {
  if (c === null) return;
  const items = Array.isArray(c) ? c : (c as { items?: unknown }).items;
  assert.ok(Array.isArray(items), `completion answer ${JSON.stringify(c).slice(0, 200)}`);
  for (const i of items as Record<string, unknown>[])
    assert.equal(typeof i.label, 'string', `completion item ${JSON.stringify(i).slice(0, 200)}`);
}

export function assertHover(h: unknown, lineCount: number): void {
  if (h === null) return;
  const x = h as { contents?: unknown; range?: unknown };
  assert.ok(x.contents !== undefined, `hover answer ${JSON.stringify(h).slice(0, 200)}`);
  if (x.range !== undefined) assertRange(x.range, lineCount, 'hover');
}

export function assertSymbols(s: unknown, lineCount: number): void {
  assert.ok(Array.isArray(s), 'documentSymbol answers an array');
  const walk = (xs: Record<string, unknown>[], depth: number): void => {
    assert.ok(depth < 50, 'symbol tree is bounded');
    for (const x of xs) {
      assert.equal(typeof x.name, 'string');
      assertRange(x.range, lineCount, `symbol ${String(x.name)}`);
      assertRange(x.selectionRange, lineCount, `symbol ${String(x.name)} selection`);
      if (x.children) walk(x.children as Record<string, unknown>[], depth + 1);
    }
  };
  walk(s as Record<string, unknown>[], 0);
}

export function assertCodeActions(a: unknown): void {
  assert.ok(Array.isArray(a), 'codeAction answers an array');
  for (const x of a as Record<string, unknown>[]) assert.equal(typeof x.title, 'string');
}

/** Peak resident memory of the server (VmHWM), MiB. */
export function peakRssMiB(client: LspClient): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${client.proc.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Open (or replace) a document with full text and wait for the diagnostics of that version. */
export async function setText(client: LspClient, uri: string, text: string, version: number, timeoutMs = 20000): Promise<unknown[]> {
  if (version === 1) client.open(uri, text);
  else await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  return client.diagnosticsFor(uri, { version, timeoutMs });
}

/** Every request kind at a position; asserts each answer's shape. */
export async function askEverything(
  client: LspClient,
  uri: string,
  text: string,
  pos: { line: number; character: number },
  diagnostics: unknown[],
): Promise<void> {
  const lc = lineCountOf(text);
  const td = { textDocument: { uri } };
  const [c, h, s, a, def] = await Promise.all([
    client.request('textDocument/completion', { ...td, position: pos }),
    client.request('textDocument/hover', { ...td, position: pos }),
    client.request('textDocument/documentSymbol', td),
    client.request('textDocument/codeAction', {
      ...td,
      range: { start: pos, end: pos },
      context: {
        diagnostics: (diagnostics as { range: { start: { line: number } } }[])
          .filter((d) => Math.abs(d.range.start.line - pos.line) < 3)
          .slice(0, 20),
      },
    }),
    client.request('textDocument/definition', { ...td, position: pos }),
  ]);
  assertCompletion(c);
  assertHover(h, lc);
  assertSymbols(s, lc);
  assertCodeActions(a);
  assert.ok(def === null || Array.isArray(def) || typeof def === 'object', 'definition answer');
}

/** Log lines where the engine caught a failure (a check, a feature, an uncaught exception). */
export function failureLogs(client: LspClient): string[] {
  return client.logs.filter((l) => / failed|Uncaught|Unhandled rejection/.test(l));
}

/**
 * Fuzzing the bundled server over stdio: mutated manifests (examples, fixtures and the corpus) arrive as
 * didOpen/full and incremental didChange; after each, every request kind is asked at a random position.
 * Every answer must be well-formed and the process must stay alive. Seeded and reproducible:
 *
 *   EKS_FUZZ_SEED=42 EKS_FUZZ_COUNT=5000 node --import tsx --test test/robustness/fuzz.test.ts
 *
 * A failure prints the seed, the iteration and the mutation steps; the input is written to
 * $TMPDIR/eks-fuzz-failure.yaml.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient } from '../helpers/lspClient';
import {
  askEverything,
  assertDiagnostics,
  failureLogs,
  int,
  mutate,
  peakRssMiB,
  pick,
  rng,
  seedFiles,
  setText,
  lineCountOf,
} from './support';

const SEED = Number(process.env.EKS_FUZZ_SEED ?? 20261127);
const COUNT = Number(process.env.EKS_FUZZ_COUNT ?? 1500);

let client: LspClient | undefined;
after(async () => {
  await client?.stop();
});

function randomPosition(r: () => number, text: string): { line: number; character: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const line = int(r, lines.length + 1); // one past the end too
  const len = lines[line]?.length ?? 0;
  return { line, character: int(r, len + 3) };
}

test(
  `fuzz: ${COUNT} mutated manifests (seed ${SEED}) get well-formed answers and the server stays alive`,
  { timeout: 600_000 },
  async (t) => {
    const seeds = seedFiles();
    assert.ok(seeds.length >= 5, 'seed manifests found');
    client = await LspClient.start({ settings: { yamlSyntaxErrors: 'always' } });
    const r = rng(SEED);
    const started = Date.now();
    const uris = ['file:///tmp/fuzz/a.yaml', 'file:///tmp/fuzz/b.yaml', 'file:///tmp/fuzz/c.yml'];
    const versions = new Map<string, number>();
    const texts = new Map<string, string>();
    let incremental = 0;
    for (let i = 0; i < COUNT; i++) {
      const seed = pick(r, seeds);
      const { text, steps } = mutate(r, seed.text);
      const uri = pick(r, uris);
      const v = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, v);
      try {
        let current = text;
        let d: unknown[];
        const prev = texts.get(uri);
        if (prev !== undefined && r() < 0.3) {
          // An incremental edit of what the server already has: insert a piece of the mutated text.
          const pos = randomPosition(r, prev);
          const lines = prev.split('\n');
          const line = Math.min(pos.line, lines.length - 1);
          const character = Math.min(pos.character, lines[line].length);
          const piece = text.slice(int(r, text.length), int(r, text.length)).slice(0, 2000);
          await client.conn.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: v },
            contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: piece }],
          });
          lines[line] = lines[line].slice(0, character) + piece + lines[line].slice(character);
          current = lines.join('\n');
          d = await client.diagnosticsFor(uri, { version: v, timeoutMs: 30000 });
          incremental++;
        } else {
          d = await setText(client, uri, text, v, 30000);
        }
        texts.set(uri, current);
        assertDiagnostics(d, current);
        await askEverything(client, uri, current, randomPosition(r, current), d);
        if (r() < 0.2) await askEverything(client, uri, current, { line: int(r, lineCountOf(current)), character: 0 }, d);
        assert.ok(client.alive, 'server process alive');
      } catch (err) {
        const file = path.join(os.tmpdir(), 'eks-fuzz-failure.yaml');
        writeFileSync(file, text);
        throw new Error(
          `seed ${SEED}, iteration ${i}, from ${seed.name} via ${steps.join(' + ')} (input in ${file}): ${(err as Error).message}`,
          { cause: err },
        );
      }
    }
    assert.ok(client.alive);
    const failures = failureLogs(client);
    t.diagnostic(
      `${COUNT} inputs (${incremental} as incremental edits) in ${((Date.now() - started) / 1000).toFixed(1)} s; server peak RSS ${peakRssMiB(client).toFixed(0)} MiB; ${failures.length} caught failures logged`,
    );
    for (const f of [...new Set(failures.map((x) => x.split('\n')[0]))].slice(0, 20)) t.diagnostic(`caught: ${f}`);
    assert.deepEqual(failures, [], 'no check or feature threw');
  },
);

/** Hostile input: the server answers and stays alive. (The full fuzz suite extends this folder.) */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';

let client: LspClient | undefined;
after(async () => {
  await client?.stop();
});

test('an alias bomb is analysed and the server keeps answering (hang guard: the timeout)', { timeout: 120_000 }, async (t) => {
  client = await LspClient.start();
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    levels.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill('*' + String.fromCharCode(96 + i))
        .join(',')}]`,
    );
  const text =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n  labels:\n    x: *j\ndata:\n' +
    levels.map((l) => '  ' + l).join('\n') +
    '\n';
  const uri = 'file:///tmp/bomb.yaml';
  const started = Date.now();
  client.open(uri, text);
  await client.diagnosticsFor(uri, { timeoutMs: 110_000 });
  t.diagnostic(`diagnostics in ${Date.now() - started} ms`);
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 8 } });
  await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(client.alive);
});

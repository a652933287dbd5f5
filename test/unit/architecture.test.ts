/** The boundaries ARCHITECTURE.md promises, held by a test. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { filesUnder } from '../helpers/files';

const ROOT = path.join(__dirname, '..', '..');
const tsFiles = (dir: string): string[] => filesUnder(dir, /\.ts$/);
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

test('the language service imports no vscode and no LSP transport', () => {
  const bad: string[] = [];
  for (const f of tsFiles(path.join(ROOT, 'server', 'src', 'service'))) {
    for (const i of importsOf(f)) {
      if (i === 'vscode' || i.startsWith('vscode-languageserver/') || i === 'vscode-languageserver' || i.startsWith('vscode-jsonrpc') || i === 'vscode-languageclient' || i.includes('/lsp/') || i.includes('/cli/')) {
        bad.push(`${path.relative(ROOT, f)} imports ${i}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('only client/ imports vscode; the CLI does not import the LSP server', () => {
  const bad: string[] = [];
  for (const f of tsFiles(path.join(ROOT, 'server', 'src'))) {
    if (importsOf(f).includes('vscode')) bad.push(path.relative(ROOT, f));
  }
  for (const f of tsFiles(path.join(ROOT, 'server', 'src', 'cli'))) {
    for (const i of importsOf(f)) if (i.includes('lsp/server') || i.startsWith('vscode-languageserver/')) bad.push(`${path.relative(ROOT, f)} imports ${i}`);
  }
  assert.deepEqual(bad, []);
});

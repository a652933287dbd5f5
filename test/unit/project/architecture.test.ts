/**
 * The boundaries ARCHITECTURE.md promises are lint rules (eslint.config.mjs, run by `npm run lint` and in
 * `npm test`). This test holds the rules themselves: each forbidden import, written where it is forbidden,
 * must be an error; the same import where it is allowed must not be.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { ESLint } from 'eslint';

const ROOT = path.join(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const CASES: { file: string; imports: string; allowed: boolean }[] = [
  { file: 'server/src/service/x.ts', imports: "import * as vscode from 'vscode';", allowed: false },
  { file: 'server/src/service/x.ts', imports: "import { createConnection } from 'vscode-languageserver/node';", allowed: false },
  { file: 'server/src/service/x.ts', imports: "import { promises } from 'fs';", allowed: false },
  { file: 'server/src/service/x.ts', imports: "import { findYamlFiles } from '../node/workspaceScan';", allowed: false },
  { file: 'server/src/service/x.ts', imports: "import { main } from '../cli/cli';", allowed: false },
  { file: 'server/src/service/x.ts', imports: "import { Diagnostic } from 'vscode-languageserver-types';", allowed: true },
  { file: 'server/src/service/x.ts', imports: "import { YamlFile } from '@shared/manifest/yamlFile';", allowed: true },
  { file: 'server/src/cli/x.ts', imports: "import { ValidationScheduler } from '../lsp/validationScheduler';", allowed: false },
  { file: 'server/src/cli/x.ts', imports: "import { promises } from 'fs';", allowed: true },
  { file: 'server/src/lsp/x.ts', imports: "import * as vscode from 'vscode';", allowed: false },
  {
    file: 'shared/manifest/x.ts',
    imports: "import { WorkspaceIndex } from '../../server/src/service/workspace/workspaceIndex';",
    allowed: false,
  },
  { file: 'shared/manifest/x.ts', imports: "import { readFileSync } from 'fs';", allowed: false },
  { file: 'client/src/cluster/x.ts', imports: "import * as vscode from 'vscode';", allowed: false },
  { file: 'client/src/cluster/x.ts', imports: "import { YamlFile } from '../../../server/src/service/parse/yamlFile';", allowed: false },
  { file: 'client/src/cluster/x.ts', imports: "import { YamlFile } from '@shared/manifest/yamlFile';", allowed: true },
  { file: 'client/src/x.ts', imports: "import { createLanguageService } from '../../server/src/service/languageService';", allowed: false },
  { file: 'client/src/x.ts', imports: "import * as vscode from 'vscode';", allowed: true },
];

for (const c of CASES) {
  test(`${c.allowed ? 'allowed' : 'forbidden'} in ${c.file}: ${c.imports}`, async () => {
    const messages = await restricted(c.file, `${c.imports}\nexport {};\n`);
    if (c.allowed) assert.deepEqual(messages, []);
    else assert.equal(messages.length, 1, `expected the import to be forbidden, got ${JSON.stringify(messages)}`);
  });
}

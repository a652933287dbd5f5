import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { renderDiagnosticsDoc } from '../../../scripts/gen-docs';
import { createLanguageService } from '../../../server/src/service/languageService';

test('docs/diagnostics.md lists every code (regenerate with npm run docs)', () => {
  const file = path.join(__dirname, '..', '..', '..', 'docs', 'diagnostics.md');
  assert.equal(fs.readFileSync(file, 'utf8'), renderDiagnosticsDoc());
  const text = fs.readFileSync(file, 'utf8');
  for (const c of createLanguageService().codes()) assert.ok(text.includes(`<a id="${c.code}"></a>`), c.code);
});

test('codes are stable kebab-case identifiers', () => {
  for (const c of createLanguageService().codes()) assert.match(c.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});

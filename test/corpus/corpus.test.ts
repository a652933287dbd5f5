/**
 * Real manifests from public upstream projects (../shared/corpus, see its PROVENANCE.tsv), checked as one
 * workspace. Every error-severity diagnostic must be listed in expected-errors.tsv with a reason; a listed
 * error that no longer occurs fails too, so the list stays honest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createLanguageService } from '../../server/src/service/languageService';
import { ROOT } from '../helpers/lspClient';
import { filesUnder, YAML_FILE } from '../helpers/files';

const CORPUS = process.env.EKS_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus');

test('the corpus raises no error except the listed, explained ones', () => {
  assert.ok(fs.existsSync(path.join(CORPUS, 'files')), `corpus not found at ${CORPUS} (set EKS_CORPUS)`);
  const files = filesUnder(path.join(CORPUS, 'files'), YAML_FILE);
  assert.ok(files.length > 300, `only ${files.length} corpus files`);
  const internal: string[] = [];
  const service = createLanguageService({ log: (m) => internal.push(m) });
  for (const f of files) service.setFile(pathToFileURL(f).href, fs.readFileSync(f, 'utf8'));
  const found = new Set<string>();
  for (const f of files) {
    for (const d of service.validate(pathToFileURL(f).href)) {
      if (d.severity === 1) found.add(`${path.relative(path.join(CORPUS, 'files'), f)}\t${d.code}`);
    }
  }
  assert.deepEqual(internal, [], 'a check threw on real input');
  const expected = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(__dirname, 'expected-errors.tsv'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [file, code, reason] = line.split('\t');
    assert.ok(reason && reason.length > 10, `no reason given for ${file} ${code}`);
    expected.set(`${file}\t${code}`, reason);
  }
  const unexpected = [...found].filter((k) => !expected.has(k));
  const stale = [...expected.keys()].filter((k) => !found.has(k));
  assert.deepEqual(unexpected, [], 'errors on valid upstream manifests (fix the check, or list them with a reason)');
  assert.deepEqual(stale, [], 'listed errors that no longer occur (remove them from expected-errors.tsv)');
});

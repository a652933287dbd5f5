/**
 * The eksctl, upgrade and GitOps checks on the real-repositories corpus (materialised beside the repository
 * by scripts/corpus-repos.ts: $EKS_CORPUS_REPOS, else ../shared/corpus-repos, else ../corpus-repos). It holds
 * eksctl's own examples, fluxcd/flux2's manifests, Argo CD's ApplicationSet examples and the EKS Workshop's
 * GitOps modules. None of these checks may raise an error there, and every warning they raise is listed in
 * lifecycle-expected.tsv with the reason it is true (a listed warning that disappears fails too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createLanguageService } from '../../server/src/service/languageService';
import { nodeFileSystem } from '../../server/src/node/fileSystem';
import { corpusReposCandidates, findCorpusRepos } from '../helpers/corpusRepos';
import { filesUnder, YAML_FILE } from '../helpers/files';

const MINE = /^(eksctl-|upgrade-|eks-version-|flux-|argocd-)/;

test('eksctl, upgrade and GitOps checks: no error on the real repositories, every warning explained', (t) => {
  const root = findCorpusRepos();
  if (!root) {
    t.diagnostic(
      `real-repositories corpus not found (looked in ${corpusReposCandidates().join(', ')}): materialise it with scripts/corpus-repos.ts, or set EKS_CORPUS_REPOS`,
    );
    t.skip('real-repositories corpus not found: nothing was checked');
    return;
  }
  const files = filesUnder(root, YAML_FILE);
  const internal: string[] = [];
  // A fixed date keeps the support-window findings stable.
  const service = createLanguageService({ log: (m) => internal.push(m), env: { fs: nodeFileSystem }, settings: { today: '2026-12-01' } });
  for (const f of files) service.setFile(pathToFileURL(f).href, fs.readFileSync(f, 'utf8'));
  const errors: string[] = [];
  const warnings = new Set<string>();
  for (const f of files) {
    for (const d of service.validate(pathToFileURL(f).href)) {
      if (!MINE.test(String(d.code))) continue;
      const key = `${path.relative(root, f)}\t${d.code}`;
      if (d.severity === 1) errors.push(`${key}\t${d.message}`);
      else if (d.severity === 2) warnings.add(key);
    }
  }
  assert.deepEqual(internal, [], 'a check threw on real input');
  assert.deepEqual(errors, [], 'errors from eksctl/upgrade/GitOps checks on real repositories');
  const expected = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(__dirname, 'lifecycle-expected.tsv'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [file, code, reason] = line.split('\t');
    assert.ok(reason && reason.length > 10, `no reason given for ${file} ${code}`);
    expected.set(`${file}\t${code}`, reason);
  }
  assert.deepEqual(
    [...warnings].filter((k) => !expected.has(k)).sort(),
    [],
    'unexplained warnings (fix the check, or list them with the reason they are true)',
  );
  assert.deepEqual([...expected.keys()].filter((k) => !warnings.has(k)).sort(), [], 'listed warnings that no longer occur');
});

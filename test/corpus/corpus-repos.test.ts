/**
 * The real-repositories corpus (issue 12): whole folders of 22 public repositories (Helm charts, Kustomize
 * layouts, GitOps and course repositories), materialised beside the repository by scripts/corpus-repos.ts
 * and found at $EKS_CORPUS_REPOS, ../shared/corpus-repos or ../corpus-repos. Checked as the CLI checks a
 * folder (each repository one workspace of every scanned file, the real file system), every error and warning must be listed
 * in corpus-repos-verdicts.tsv with its verdict and reason; listed ones that no longer occur fail too. The
 * false ones are held to the target: none among errors, at most one warning per 200 files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createLanguageService } from '../../server/src/service/languageService';
import { nodeFileSystem } from '../../server/src/node/fileSystem';
import { findYamlFiles } from '../../server/src/node/workspaceScan';
import { corpusReposCandidates, findCorpusRepos } from '../helpers/corpusRepos';

const SEV: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

interface Verdict {
  verdict: 'true' | 'false';
  reason: string;
}

function readVerdicts(): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const line of fs.readFileSync(path.join(__dirname, 'corpus-repos-verdicts.tsv'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [file, ln, severity, code, verdict, reason] = line.split('\t');
    assert.ok(verdict === 'true' || verdict === 'false', `verdict must be true or false: ${line}`);
    assert.ok(reason && reason.length > 15, `no reason given: ${line}`);
    const key = [file, ln, severity, code].join('\t');
    assert.ok(!out.has(key), `listed twice: ${key}`);
    out.set(key, { verdict, reason });
  }
  return out;
}

test('real repositories: every error and warning has a verdict; 0 false errors, ≤ 1 false warning per 200 files', async (t) => {
  const root = findCorpusRepos();
  if (!root) {
    t.diagnostic(
      `real-repositories corpus not found (looked in ${corpusReposCandidates().join(', ')}): materialise it with scripts/corpus-repos.ts, or set EKS_CORPUS_REPOS`,
    );
    t.skip('real-repositories corpus not found: nothing was checked');
    return;
  }
  const files = await findYamlFiles(root, 50000);
  assert.ok(files.length >= 600, `only ${files.length} files under ${root}`);
  const internal: string[] = [];
  // Each repository is its own workspace, as a user opens it: one repository's CRDs say nothing of another's.
  const byRepo = new Map<string, string[]>();
  for (const f of files) {
    const repo = path.relative(root, f).split(path.sep)[0];
    byRepo.set(repo, [...(byRepo.get(repo) ?? []), f]);
  }
  const found = new Map<string, string>();
  for (const repoFiles of byRepo.values()) {
    const service = createLanguageService({ env: { fs: nodeFileSystem }, log: (m) => internal.push(m) });
    for (const f of repoFiles) service.setFile(pathToFileURL(f).href, fs.readFileSync(f, 'utf8'));
    for (const f of repoFiles) {
      for (const d of service.validate(pathToFileURL(f).href)) {
        const sev = SEV[d.severity ?? 1];
        if (sev !== 'error' && sev !== 'warning') continue;
        found.set([path.relative(root, f).split(path.sep).join('/'), d.range.start.line + 1, sev, d.code].join('\t'), d.message);
      }
    }
  }
  assert.deepEqual(internal, [], 'a check threw on real input');
  const verdicts = readVerdicts();
  const unlisted = [...found].filter(([k]) => !verdicts.has(k)).map(([k, m]) => `${k}\t${m}`);
  const stale = [...verdicts.keys()].filter((k) => !found.has(k));
  assert.deepEqual(unlisted, [], 'errors/warnings without a verdict (fix the check, or list them with a verdict and reason)');
  assert.deepEqual(stale, [], 'listed findings that no longer occur (remove them from corpus-repos-verdicts.tsv)');
  const falseOnes = [...verdicts].filter(([, v]) => v.verdict === 'false');
  const falseErrors = falseOnes.filter(([k]) => k.split('\t')[2] === 'error');
  const falseWarnings = falseOnes.filter(([k]) => k.split('\t')[2] === 'warning');
  t.diagnostic(
    `${files.length} files: ${[...found.keys()].filter((k) => k.split('\t')[2] === 'error').length} errors, ${[...found.keys()].filter((k) => k.split('\t')[2] === 'warning').length} warnings; false: ${falseErrors.length} errors, ${falseWarnings.length} warnings`,
  );
  assert.deepEqual(
    falseErrors.map(([k]) => k),
    [],
    'false errors',
  );
  assert.ok(
    falseWarnings.length <= Math.floor(files.length / 200),
    `${falseWarnings.length} false warnings in ${files.length} files (at most ${Math.floor(files.length / 200)})`,
  );
});

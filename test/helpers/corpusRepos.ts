/**
 * Where the real-repositories corpus is (materialised by scripts/corpus-repos.ts, never committed):
 * $EKS_CORPUS_REPOS, else ../shared/corpus-repos, else ../corpus-repos beside the repository.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './lspClient';

export function corpusReposCandidates(): string[] {
  return [process.env.EKS_CORPUS_REPOS, path.join(ROOT, '..', 'shared', 'corpus-repos'), path.join(ROOT, '..', 'corpus-repos')].filter(
    (p): p is string => !!p,
  );
}

/** The first candidate that holds a materialised corpus (its PROVENANCE.tsv), or undefined. */
export function findCorpusRepos(): string | undefined {
  return corpusReposCandidates().find((p) => fs.existsSync(path.join(p, 'PROVENANCE.tsv')));
}

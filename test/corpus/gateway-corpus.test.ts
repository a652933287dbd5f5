/**
 * Real Gateway API, VPC Lattice, Load Balancer Controller and App Mesh manifests from public repositories (the
 * real-repositories corpus materialised beside the repository by scripts/corpus-repos.ts: $EKS_CORPUS_REPOS,
 * else ../shared/corpus-repos, else ../corpus-repos), each repository checked as one workspace. Every
 * error-severity finding of the gateway and appmesh modules must be listed below with the reason it is true;
 * a listed one that no longer occurs fails too. No check may throw.
 *
 * The App Mesh walkthroughs are `*.yaml.template` files (with ${VAR} placeholders, read as unknown values):
 * they are checked under their own names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createLanguageService } from '../../server/src/service/languageService';
import { WorkspaceIndex } from '../../server/src/service/workspace/workspaceIndex';
import { corpusReposCandidates, findCorpusRepos } from '../helpers/corpusRepos';

const SOURCES: { folder: string; under: string }[] = [
  { folder: 'kubernetes-sigs__gateway-api', under: 'examples' },
  { folder: 'aws__aws-application-networking-k8s', under: 'files' },
  { folder: 'aws__aws-app-mesh-examples', under: 'walkthroughs' },
  { folder: 'aws-samples__eks-workshop-v2', under: 'manifests' },
  { folder: 'kubernetes-sigs__aws-load-balancer-controller', under: '.' },
];

/** Error findings of ours that are true for the upstream file: folder/path → code → reason. */
const EXPECTED: [string, string, string][] = [
  [
    'aws__aws-application-networking-k8s/files/examples/standalone-grpcroute.yaml',
    'gateway-parent-not-allowed',
    'GRPCRoute attached to Gateway my-gateway, whose only listener is HTTP: the Lattice controller admits GRPCRoutes on HTTPS listeners only (pkg/model/core/route.go isRouteKindAllowedByListener), so the route is not accepted',
  ],
];

const OURS = /^(gateway|lattice|lbc|appmesh)-/;

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml(\.template)?$/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

test('real Gateway API, Lattice and App Mesh manifests raise no error of ours except the listed, explained ones', (t) => {
  const root = findCorpusRepos();
  if (!root) {
    t.diagnostic(
      `real-repositories corpus not found (looked in ${corpusReposCandidates().join(', ')}): materialise it with scripts/corpus-repos.ts, or set EKS_CORPUS_REPOS`,
    );
    t.skip('real-repositories corpus not found: nothing was checked');
    return;
  }
  const found = new Set<string>();
  const internal: string[] = [];
  const kinds = new Map<string, number>();
  for (const folder of new Set(SOURCES.map((s) => s.folder))) {
    const list = SOURCES.filter((s) => s.folder === folder).flatMap((s) => files(path.join(root, s.folder, s.under)));
    const service = createLanguageService({ log: (m) => internal.push(m) });
    const index = new WorkspaceIndex();
    for (const f of list) {
      const text = fs.readFileSync(f, 'utf8');
      service.setFile(pathToFileURL(f).href, text);
      index.set(pathToFileURL(f).href, text);
    }
    for (const f of list) {
      const uri = pathToFileURL(f).href;
      for (const o of index.get(uri)!.objects()) {
        if (
          o.group === 'gateway.networking.k8s.io' ||
          o.group === 'application-networking.k8s.aws' ||
          o.group === 'appmesh.k8s.aws' ||
          o.group === 'gateway.k8s.aws'
        )
          kinds.set(o.group, (kinds.get(o.group) ?? 0) + 1);
      }
      for (const d of service.validate(uri))
        if (d.severity === 1 && OURS.test(String(d.code))) found.add(`${path.relative(root, f)}\t${d.code}`);
    }
  }
  assert.deepEqual(
    internal.filter((m) => /gateway\.|lattice\.|lbc\.|appmesh\./.test(m)),
    [],
    'a check of ours threw on real input',
  );
  // The corpus holds what this test is about.
  assert.ok((kinds.get('gateway.networking.k8s.io') ?? 0) >= 50, `only ${kinds.get('gateway.networking.k8s.io') ?? 0} Gateway API objects`);
  assert.ok((kinds.get('application-networking.k8s.aws') ?? 0) >= 5, 'no VPC Lattice objects in the corpus');
  assert.ok((kinds.get('appmesh.k8s.aws') ?? 0) >= 50, 'no App Mesh objects in the corpus');
  const expected = new Set(EXPECTED.map(([f, c]) => `${f}\t${c}`));
  assert.deepEqual(
    [...found].filter((k) => !expected.has(k)),
    [],
    'errors on upstream manifests (fix the check, or list them with the reason they are true)',
  );
  assert.deepEqual(
    [...expected].filter((k) => !found.has(k)),
    [],
    'listed errors that no longer occur',
  );
});

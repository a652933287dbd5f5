/**
 * Derive the served versions of the Gateway API, VPC Lattice controller, Load Balancer Controller Gateway and
 * App Mesh CRDs (kind, group, scope, and per version: served, storage, deprecated) from the upstream CRD files
 * at pinned commits, and write them as a small TypeScript table with the provenance of every row. Only these
 * structural facts are kept (no descriptions, no schemas).
 *
 *   npx tsx scripts/derive-gateway-versions.ts kubernetes-sigs/gateway-api=<git dir> aws/aws-application-networking-k8s=<git dir> \
 *     kubernetes-sigs/aws-load-balancer-controller=<git dir> aws/aws-app-mesh-controller-for-k8s=<git dir> > server/src/service/gateway/servedVersions.ts
 *
 * Each argument names a repository and a git directory holding it (a clone's .git or a bare mirror); the files
 * are read at the pinned commits below with `git show`, so the working tree does not matter.
 */
import { execFileSync } from 'child_process';
import { parseAllDocuments } from 'yaml';

interface Source {
  repo: string;
  commit: string;
  tag: string;
  paths: string[];
  channel?: string;
}

const SOURCES: Source[] = [
  {
    repo: 'kubernetes-sigs/gateway-api',
    tag: 'v1.5.0',
    commit: '3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a',
    channel: 'standard',
    paths: [
      'gatewayclasses',
      'gateways',
      'httproutes',
      'grpcroutes',
      'tlsroutes',
      'referencegrants',
      'backendtlspolicies',
      'listenersets',
    ].map((k) => `config/crd/standard/gateway.networking.k8s.io_${k}.yaml`),
  },
  {
    repo: 'kubernetes-sigs/gateway-api',
    tag: 'v1.5.0',
    commit: '3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a',
    channel: 'experimental',
    paths: ['tcproutes', 'udproutes', 'tlsroutes', 'backendtlspolicies'].map(
      (k) => `config/crd/experimental/gateway.networking.k8s.io_${k}.yaml`,
    ),
  },
  {
    repo: 'aws/aws-application-networking-k8s',
    tag: 'v2.1.3',
    commit: 'e3fb86ea0573aa299458b9b022c59a364584b6e8',
    paths: [
      'accesslogpolicies',
      'iamauthpolicies',
      'serviceexports',
      'serviceimports',
      'servicenetworks',
      'targetgrouppolicies',
      'vpcassociationpolicies',
    ].map((k) => `config/crds/bases/application-networking.k8s.aws_${k}.yaml`),
  },
  {
    repo: 'kubernetes-sigs/aws-load-balancer-controller',
    tag: 'v3.5.0',
    commit: '11eb202c97e4ae2ee45e0658c4cde9a4b59f33d4',
    paths: ['listenerruleconfigurations', 'loadbalancerconfigurations', 'targetgroupconfigurations'].map(
      (k) => `config/crd/gateway/gateway.k8s.aws_${k}.yaml`,
    ),
  },
  {
    repo: 'aws/aws-app-mesh-controller-for-k8s',
    tag: 'v1.13.3 (main)',
    commit: '7588d122c3c45e1f873d7d016a30922f049764bf',
    paths: ['backendgroups', 'gatewayroutes', 'meshes', 'virtualgateways', 'virtualnodes', 'virtualrouters', 'virtualservices'].map(
      (k) => `config/crd/bases/appmesh.k8s.aws_${k}.yaml`,
    ),
  },
];

interface Row {
  kind: string;
  group: string;
  scope: string;
  channel?: string;
  versions: { name: string; served: boolean; storage: boolean; deprecated: boolean }[];
  source: string;
}

function main(): void {
  const dirs = new Map<string, string>();
  for (const a of process.argv.slice(2)) {
    const i = a.indexOf('=');
    if (i > 0) dirs.set(a.slice(0, i), a.slice(i + 1));
  }
  const rows: Row[] = [];
  for (const s of SOURCES) {
    const dir = dirs.get(s.repo);
    if (!dir) throw new Error(`no git directory given for ${s.repo} (pass ${s.repo}=<dir>)`);
    for (const p of s.paths) {
      const text = execFileSync('git', ['--git-dir', dir, 'show', `${s.commit}:${p}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const crd = parseAllDocuments(text)
        .map((d) => d.toJS())
        .find((d) => d?.kind === 'CustomResourceDefinition');
      if (!crd) throw new Error(`no CRD in ${s.repo} ${p}`);
      rows.push({
        kind: crd.spec.names.kind,
        group: crd.spec.group,
        scope: crd.spec.scope,
        channel: s.channel,
        versions: (crd.spec.versions as { name: string; served: boolean; storage: boolean; deprecated?: boolean }[]).map((v) => ({
          name: v.name,
          served: !!v.served,
          storage: !!v.storage,
          deprecated: !!v.deprecated,
        })),
        source: `${s.repo} ${p} ${s.commit} (${s.tag})`,
      });
    }
  }
  const out: string[] = [
    '/**',
    ' * Served versions of the CRDs the gateway and appmesh modules know, derived from the upstream CRD files by',
    ' * scripts/derive-gateway-versions.ts (do not edit by hand; re-run the script). Each row names its source:',
    ' * repository, path, commit (tag). `channel` is the Gateway API release channel the file belongs to.',
    ' */',
    'export interface CrdVersion { name: string; served: boolean; storage: boolean; deprecated: boolean }',
    'export interface CrdFacts { kind: string; group: string; scope: string; channel?: string; versions: CrdVersion[]; source: string }',
    '',
    'export const CRD_FACTS: CrdFacts[] = [',
    ...rows.map((r) => `  ${JSON.stringify(r)},`),
    '];',
    '',
  ];
  process.stdout.write(out.join('\n'));
}

main();

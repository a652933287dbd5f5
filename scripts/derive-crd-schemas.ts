/**
 * Derive the bundled CRDs' schema facts into server/src/service/schema/data/crds.json: for each CRD the
 * group, kind, scope, served versions and structural schema (types, int-or-string, preserve-unknown-fields,
 * embedded-resource, list types and keys, enums, patterns, formats, ranges, defaults and the CEL rules with
 * their messages). Descriptions are dropped. Each entry records repository, path, tag and commit.
 *
 *   npx tsx scripts/derive-crd-schemas.ts --mirror DIR     (DIR/<owner>+<name>/repo: git snapshots)
 *
 * The pins below are the bundle; docs/schema.md lists them. Also writes test/fixtures/schema/crd-sources.json
 * (per file: sha256 and the served versions and kind read straight from the YAML) for the unit test.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as crypto from 'crypto';
import { execFileSync } from 'child_process';
import { parseAllDocuments } from 'yaml';
import { crdFromPlain, type CrdSchema } from '../server/src/service/schema/crdModel';

interface Pin {
  repo: string;
  tag: string;
  files: string[];
  note?: string;
}

export const BUNDLE: Pin[] = [
  {
    repo: 'kubernetes-sigs/aws-load-balancer-controller',
    tag: 'v3.5.0',
    files: [
      'config/crd/bases/elbv2.k8s.aws_ingressclassparams.yaml',
      'config/crd/bases/elbv2.k8s.aws_targetgroupbindings.yaml',
      'config/crd/gateway/gateway.k8s.aws_loadbalancerconfigurations.yaml',
      'config/crd/gateway/gateway.k8s.aws_targetgroupconfigurations.yaml',
      'config/crd/gateway/gateway.k8s.aws_listenerruleconfigurations.yaml',
    ],
  },
  {
    repo: 'kubernetes-sigs/gateway-api',
    tag: 'v1.5.0',
    files: 'backendtlspolicies gatewayclasses gateways grpcroutes httproutes listenersets referencegrants tlsroutes'
      .split(' ')
      .map((n) => `config/crd/standard/gateway.networking.k8s.io_${n}.yaml`),
  },
  {
    repo: 'aws/aws-application-networking-k8s',
    tag: 'v2.1.3',
    files: 'accesslogpolicies iamauthpolicies serviceexports serviceimports servicenetworks targetgrouppolicies vpcassociationpolicies'
      .split(' ')
      .map((n) => `config/crds/bases/application-networking.k8s.aws_${n}.yaml`),
  },
  {
    repo: 'kubernetes-sigs/karpenter',
    tag: 'v1.14.1',
    files: ['pkg/apis/crds/karpenter.sh_nodepools.yaml', 'pkg/apis/crds/karpenter.sh_nodeclaims.yaml'],
  },
  { repo: 'aws/karpenter-provider-aws', tag: 'v1.14.1', files: ['pkg/apis/crds/karpenter.k8s.aws_ec2nodeclasses.yaml'] },
  { repo: 'aws/amazon-vpc-cni-k8s', tag: 'v1.23.0', files: ['charts/aws-vpc-cni/crds/customresourcedefinition.yaml'] },
  {
    repo: 'aws/amazon-vpc-resource-controller-k8s',
    tag: 'v1.7.19',
    files: ['config/crd/bases/vpcresources.k8s.aws_securitygrouppolicies.yaml'],
  },
  {
    repo: 'kubernetes-csi/external-snapshotter',
    tag: 'v8.6.0',
    files: 'volumesnapshotclasses volumesnapshotcontents volumesnapshots'
      .split(' ')
      .map((n) => `client/config/crd/snapshot.storage.k8s.io_${n}.yaml`),
  },
  {
    repo: 'aws/aws-app-mesh-controller-for-k8s',
    tag: 'v1.13.3',
    files: 'backendgroups gatewayroutes meshes virtualgateways virtualnodes virtualrouters virtualservices'
      .split(' ')
      .map((n) => `config/crd/bases/appmesh.k8s.aws_${n}.yaml`),
  },
  {
    repo: 'fluxcd/source-controller',
    tag: 'v1.9.1',
    files: 'buckets gitrepositories helmcharts helmrepositories ocirepositories'
      .split(' ')
      .map((n) => `config/crd/bases/source.toolkit.fluxcd.io_${n}.yaml`),
  },
  { repo: 'fluxcd/kustomize-controller', tag: 'v1.9.4', files: ['config/crd/bases/kustomize.toolkit.fluxcd.io_kustomizations.yaml'] },
  { repo: 'fluxcd/helm-controller', tag: 'v1.6.3', files: ['config/crd/bases/helm.toolkit.fluxcd.io_helmreleases.yaml'] },
  {
    repo: 'fluxcd/notification-controller',
    tag: 'v1.9.3',
    files: 'alerts providers receivers'.split(' ').map((n) => `config/crd/bases/notification.toolkit.fluxcd.io_${n}.yaml`),
  },
  {
    repo: 'argoproj/argo-cd',
    tag: 'v3.5.1',
    files: ['manifests/crds/application-crd.yaml', 'manifests/crds/applicationset-crd.yaml', 'manifests/crds/appproject-crd.yaml'],
  },
];

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'server', 'src', 'service', 'schema', 'data', 'crds.json');
const FACTS = path.join(ROOT, 'test', 'fixtures', 'schema', 'crd-sources.json');

/**
 * Store each schema subtree that occurs more than once (and is not tiny) once: the CRDs repeat themselves
 * (ApplicationSet nests the Application template in every generator, served versions share a schema).
 * Replaced subtrees become "#<index>" references into the returned table.
 */
function shareSubtrees(crds: CrdSchema[]): unknown[] {
  const count = new Map<string, number>();
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    const key = JSON.stringify(x);
    if (key.length > 120) count.set(key, (count.get(key) ?? 0) + 1);
    for (const v of Object.values(x as object)) visit(v);
  };
  for (const c of crds) for (const v of c.vs) visit(v.s);
  const table: unknown[] = [];
  const index = new Map<string, number>();
  const replace = (x: unknown): unknown => {
    if (!x || typeof x !== 'object') return x;
    const key = JSON.stringify(x);
    if ((count.get(key) ?? 0) > 1) {
      let n = index.get(key);
      if (n === undefined) {
        n = table.length;
        index.set(key, n);
        table.push(null);
        table[n] = rebuild(x);
      }
      return `#${n}`;
    }
    return rebuild(x);
  };
  // Only types are shared: a type's `p` (a map of types) is rebuilt in place, `i` and `a` are types.
  const rebuild = (x: unknown): unknown =>
    Object.fromEntries(
      Object.entries(x as object).map(([k, v]) => [
        k,
        k === 'p'
          ? Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, replace(pv)]))
          : k === 'i' || k === 'a'
            ? replace(v)
            : v,
      ]),
    );
  for (const c of crds) for (const v of c.vs) if (v.s) v.s = replace(v.s) as typeof v.s;
  return table;
}

if (require.main === module) {
  const i = process.argv.indexOf('--mirror');
  const mirror = i === -1 ? undefined : process.argv[i + 1];
  if (!mirror) {
    console.error('usage: derive-crd-schemas.ts --mirror DIR');
    process.exit(2);
  }
  const crds: CrdSchema[] = [];
  const facts: Record<string, unknown> = {};
  for (const pin of BUNDLE) {
    const gitDir = path.join(mirror, pin.repo.replace('/', '+'), 'repo');
    const git = (...a: string[]) => execFileSync('git', ['-C', gitDir, ...a], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const commit = git('rev-list', '-n', '1', pin.tag).trim();
    for (const f of pin.files) {
      const text = git('show', `${commit}:${f}`);
      const sha = crypto.createHash('sha256').update(text).digest('hex');
      for (const doc of parseAllDocuments(text)) {
        const plain = doc.toJS({ maxAliasCount: 100 });
        const crd = crdFromPlain(plain);
        if (!crd) continue;
        crd.src = `${pin.repo} ${f} ${pin.tag} ${commit}`;
        crds.push(crd);
        facts[`${pin.repo} ${f}`] = {
          tag: pin.tag,
          commit,
          sha256: sha,
          group: plain.spec.group,
          kind: plain.spec.names.kind,
          served: (plain.spec.versions as { name: string; served: boolean }[]).filter((v) => v.served).map((v) => v.name),
        };
      }
    }
    console.error(`${pin.repo}@${pin.tag}: ${pin.files.length} files`);
  }
  const shared = shareSubtrees(crds);
  const data = {
    note: 'Structural facts of the bundled CRDs, derived by scripts/derive-crd-schemas.ts; no upstream text. Form: server/src/service/schema/convert.ts and crdModel.ts; a type "#n" is shared[n].',
    shared,
    crds,
  };
  fs.writeFileSync(OUT, JSON.stringify(data));
  fs.mkdirSync(path.dirname(FACTS), { recursive: true });
  fs.writeFileSync(
    FACTS,
    JSON.stringify(
      {
        note: 'Upstream CRD files read by scripts/derive-crd-schemas.ts: sha256, kind and served versions read straight from each YAML, for test/unit/schema/data.test.ts.',
        files: facts,
      },
      null,
      1,
    ) + '\n',
  );
  console.error(`wrote ${path.relative(ROOT, OUT)} (${fs.statSync(OUT).size} bytes), ${crds.length} CRDs`);
}

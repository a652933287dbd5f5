/**
 * Derive the built-in Kubernetes schema facts of every supported minor (1.28 … 1.35) into one compact file,
 * server/src/service/schema/data/k8s.json, with provenance. Nothing upstream is copied: descriptions are
 * dropped, only structural facts are kept (see server/src/service/schema/convert.ts for the form).
 *
 * Sources (read from local git checkouts, passed as arguments; nothing is downloaded):
 *  - OpenAPI v3 of each minor: kubernetes/kubernetes `api/openapi-spec/v3/*_openapi.json` of the release-1.x
 *    branch, as vendored by kubernetes-sigs/kubectl-validate under `pkg/openapiclient/builtins/1.x/`
 *    (`api/v1.json` = `api__v1_openapi.json`, `apis/apps/v1.json` = `apis__apps__v1_openapi.json`).
 *  - Enum values: the OpenAPI no longer carries them (kubernetes/kubernetes#109178), so they come from the
 *    Go API types at the release tags, kubernetes/api `v0.<minor>.0` (`// +enum` string types and their
 *    constants), tied to fields through the struct field's Go type.
 *
 *   npx tsx scripts/derive-k8s-schema.ts --openapi-git <kubectl-validate git dir> --api-git <kubernetes/api git dir>
 *
 * Also writes test/fixtures/schema/k8s-upstream-facts.json: per minor, the sha256 of every upstream file read
 * and a sample of facts extracted by a second, independent reader (see `sampleFacts`), which the unit test
 * holds the derived data against.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as crypto from 'crypto';
import { execFileSync } from 'child_process';
import { convertSchema, type SchemaObject, type SchemaType } from '../server/src/service/schema/convert';

const MINORS = [28, 29, 30, 31, 32, 33, 34, 35];
const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'server', 'src', 'service', 'schema', 'data', 'k8s.json');
const FACTS = path.join(ROOT, 'test', 'fixtures', 'schema', 'k8s-upstream-facts.json');

type Json = Record<string, any>;

function arg(name: string): string {
  const i = process.argv.indexOf(name);
  if (i === -1 || !process.argv[i + 1]) {
    console.error(`usage: derive-k8s-schema.ts --openapi-git DIR --api-git DIR`);
    process.exit(2);
  }
  return process.argv[i + 1];
}

const git = (dir: string, ...a: string[]): string =>
  execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

/** Our short name of an OpenAPI definition: io.k8s.api.core.v1.Container → core.v1.Container. */
export function shortName(n: string): string {
  return n
    .replace(/^io\.k8s\.api\./, '')
    .replace(/^io\.k8s\.apimachinery\.pkg\.apis\.meta\./, 'meta.')
    .replace(/^io\.k8s\.apiextensions-apiserver\.pkg\.apis\.apiextensions\./, 'apiextensions.')
    .replace(/^io\.k8s\.kube-aggregator\.pkg\.apis\.apiregistration\./, 'apiregistration.')
    .replace(/^io\.k8s\.apimachinery\.pkg\./, 'am.');
}

/** apimachinery types that are scalars (or anything) on the wire. */
const INLINE: Record<string, SchemaObject> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { t: 'q' },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { t: 'ios' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { t: 'dt' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { t: 'dt' },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { t: '*' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { t: '*' },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': { t: '*' },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': { t: '*' },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': { t: '*' },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': { t: '*' },
};
const ref = (name: string): SchemaType => (INLINE[name] ? { ...INLINE[name] } : shortName(name));

interface VersionData {
  defs: Map<string, SchemaType>;
  kinds: Map<string, { def: string; namespaced: boolean }>;
  files: Record<string, string>;
}

function readOpenApi(gitDir: string, commit: string, minor: number): VersionData {
  const base = `pkg/openapiclient/builtins/1.${minor}/`;
  const files = git(gitDir, 'ls-tree', '-r', '--name-only', commit, base)
    .split('\n')
    .filter((f) => f.endsWith('.json'));
  const defs = new Map<string, SchemaType>();
  const kinds = new Map<string, { def: string; namespaced: boolean }>();
  const hashes: Record<string, string> = {};
  for (const f of files) {
    const text = git(gitDir, 'show', `${commit}:${f}`);
    const rel = f.slice(base.length);
    hashes[upstreamName(rel)] = crypto.createHash('sha256').update(text).digest('hex');
    const spec = JSON.parse(text) as Json;
    const namespacedKinds = new Set<string>();
    for (const [p, ops] of Object.entries((spec.paths ?? {}) as Record<string, Json>)) {
      for (const op of Object.values(ops)) {
        const gvk = (op as Json)?.['x-kubernetes-group-version-kind'];
        if (gvk && p.includes('/namespaces/{namespace}/')) namespacedKinds.add(`${gvk.group}/${gvk.version}/${gvk.kind}`);
      }
    }
    for (const [name, schema] of Object.entries((spec.components?.schemas ?? {}) as Record<string, Json>)) {
      if (INLINE[name]) continue;
      const short = shortName(name);
      if (!defs.has(short)) defs.set(short, convertSchema(schema, ref));
      const gvks = schema['x-kubernetes-group-version-kind'] as Json[] | undefined;
      if (gvks?.length === 1) {
        const g = gvks[0];
        const id = `${g.group ? g.group + '/' : ''}${g.version}/${g.kind}`;
        // A kind is served by this minor when its own group-version file lists it.
        const fileGv = rel
          .replace(/\.json$/, '')
          .replace(/^apis\//, '')
          .replace(/^api\//, '');
        if (fileGv === `${g.group ? g.group + '/' : ''}${g.version}`)
          kinds.set(id, { def: short, namespaced: namespacedKinds.has(`${g.group}/${g.version}/${g.kind}`) });
      }
    }
  }
  return { defs, kinds, files: hashes };
}

/** kubectl-validate's file name → the upstream file name in kubernetes/kubernetes api/openapi-spec/v3/. */
function upstreamName(rel: string): string {
  const parts = rel.replace(/\.json$/, '').split('/');
  return `${parts.join('__')}_openapi.json`;
}

// ───────────────────────── enums from the Go API types (kubernetes/api) ─────────────────────────

interface GoInfo {
  enums: Map<string, string[]>;
  fields: Map<string, Map<string, string>>;
}

/** `// +enum` string types with their constants, and each struct's json field → Go type, per package. */
export function readGoTypes(files: { pkg: string; text: string }[]): GoInfo {
  const enums = new Map<string, string[]>();
  const fields = new Map<string, Map<string, string>>();
  const enumTypes = new Set<string>();
  for (const { pkg, text } of files) {
    const imports = new Map<string, string>();
    for (const m of text.matchAll(/^\s*(\w+)?\s*"k8s\.io\/api\/([\w.]+\/\w+)"/gm)) imports.set(m[1] ?? m[2].split('/').pop()!, m[2]);
    const qualify = (t: string): string => {
      const bare = t.replace(/^[*[\]]+/, '');
      const dot = bare.indexOf('.');
      if (dot !== -1) {
        const p = imports.get(bare.slice(0, dot));
        return p ? `${p}.${bare.slice(dot + 1)}` : bare;
      }
      return `${pkg}.${bare}`;
    };
    for (const m of text.matchAll(/\/\/ \+enum[^\n]*\n(?:\/\/[^\n]*\n)*type (\w+) string/g)) enumTypes.add(`${pkg}.${m[1]}`);
    for (const m of text.matchAll(/^\s*(\w+)\s+(\w+)\s*=\s*"([^"]*)"/gm)) {
      const key = `${pkg}.${m[2]}`;
      if (!enums.has(key)) enums.set(key, []);
      enums.get(key)!.push(m[3]);
    }
    for (const m of text.matchAll(/^type (\w+) struct \{\n([^]*?)^\}/gm)) {
      const map = new Map<string, string>();
      for (const f of m[2].matchAll(/^\s*\w+\s+([*[\]\w.]+)\s+`json:"([^",]+)/gm)) {
        const slice = f[1].startsWith('[]') ? '[]' : '';
        map.set(f[2], slice + qualify(f[1]));
      }
      fields.set(`${pkg}.${m[1]}`, map);
    }
  }
  for (const k of [...enums.keys()]) if (!enumTypes.has(k)) enums.delete(k);
  return { enums, fields };
}

/** Go package path (core/v1) of one of our definition names (core.v1.Container → core/v1, Container). */
function goName(def: string): [string, string] | undefined {
  const m = /^([\w.]+?)\.(v\d\w*)\.(\w+)$/.exec(def);
  if (!m || def.startsWith('meta.') || def.startsWith('am.') || def.startsWith('apiextensions.') || def.startsWith('apiregistration.'))
    return undefined;
  const group = m[1].replace(/\./g, '/'); // e.g. rbac → rbac (the Go folder of rbac.authorization.k8s.io is rbac)
  return [`${group}/${m[2]}`, m[3]];
}

function readGo(apiGit: string, minor: number): GoInfo {
  const tag = `v0.${minor}.0`;
  const files = git(apiGit, 'ls-tree', '-r', '--name-only', tag)
    .split('\n')
    .filter((f) => /^[\w]+\/v\w+\/types(_\w+)?\.go$/.test(f) || /^[\w]+\/v\w+\/well_known\w*\.go$/.test(f));
  return readGoTypes(files.map((f) => ({ pkg: path.dirname(f), text: git(apiGit, 'show', `${tag}:${f}`) })));
}

function applyEnums(defs: Map<string, SchemaType>, go: GoInfo): number {
  let n = 0;
  for (const [def, t] of defs) {
    if (typeof t === 'string' || !t.p) continue;
    const g = goName(def);
    if (!g) continue;
    const fm = go.fields.get(`${g[0]}.${g[1]}`);
    if (!fm) continue;
    for (const [field, ft] of Object.entries(t.p)) {
      const goType = fm.get(field);
      if (!goType || typeof ft === 'string') continue;
      const isSlice = goType.startsWith('[]');
      const values = go.enums.get(goType.replace(/^\[\]/, ''));
      if (!values) continue;
      const target = isSlice ? ft.i : ft;
      if (!target || typeof target === 'string' || target.t !== 's') continue;
      target.e = [...new Set(values)];
      n++;
    }
  }
  return n;
}

// ───────────────────────── merging the minors ─────────────────────────

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** Merge one definition across minors (oldest first): fields get `s` (added in) and `u` (removed after). */
function mergeType(versions: [number, SchemaType][]): SchemaType {
  const [lastMinor, newest] = versions[versions.length - 1];
  const base = clone(newest);
  if (typeof base === 'string') return base;
  const first = versions[0][0];
  mergeProps(
    base,
    versions.map(([m, t]) => [m, typeof t === 'string' ? undefined : t]),
    first,
    lastMinor,
  );
  return base;
}

function mergeProps(base: SchemaObject, vs: [number, SchemaObject | undefined][], first: number, last: number): void {
  if (base.p) {
    const names = new Set<string>();
    for (const [, t] of vs) for (const k of Object.keys(t?.p ?? {})) names.add(k);
    for (const k of names) {
      const present = vs.filter(([, t]) => t?.p?.[k] !== undefined).map(([m]) => m);
      const since = Math.min(...present);
      const until = Math.max(...present);
      let pt = base.p[k];
      if (pt === undefined) {
        const [, older] = vs.filter(([, t]) => t?.p?.[k] !== undefined).pop()!;
        pt = clone(older!.p![k]);
      }
      const obj: SchemaObject = typeof pt === 'string' ? { $: pt } : pt;
      if (since > first) obj.s = since;
      if (until < last) obj.u = until;
      if (obj.t === 'o' && obj.p)
        mergeProps(
          obj,
          vs.map(([m, t]) => {
            const x = t?.p?.[k];
            return [m, typeof x === 'string' ? undefined : x];
          }),
          since,
          until,
        );
      mergeEnum(
        obj,
        vs.map(([m, t]) => {
          const x = t?.p?.[k];
          return [m, typeof x === 'string' ? undefined : x];
        }),
        since,
      );
      const items = obj.i;
      if (items && typeof items !== 'string')
        mergeEnum(
          items,
          vs.map(([m, t]) => {
            const x = t?.p?.[k];
            const it = typeof x === 'string' ? undefined : x?.i;
            return [m, typeof it === 'string' ? undefined : it];
          }),
          since,
        );
      base.p[k] = obj.s || obj.u || Object.keys(obj).length > 1 || !obj.$ ? obj : obj.$;
    }
  }
  // Required only when required in every minor that has the type (no false "missing" for an older target).
  if (base.r) {
    base.r = base.r.filter((n) => vs.every(([, t]) => !t || !t.p || (t.r ?? []).includes(n) || t.p[n] === undefined));
    if (base.r.length === 0) delete base.r;
  }
}

function mergeEnum(obj: SchemaObject, vs: [number, SchemaObject | undefined][], since: number): void {
  if (!vs.some(([, t]) => t?.e)) return;
  const firstSeen = new Map<string, number>();
  for (const [m, t] of vs)
    for (const v of t?.e ?? []) {
      const key = JSON.stringify(v);
      if (!firstSeen.has(key)) firstSeen.set(key, m);
    }
  // Values of an enum that a minor had without an enum at all are not restricted there: start from the
  // first minor with an enum.
  const enumFrom = Math.min(...vs.filter(([, t]) => t?.e).map(([m]) => m));
  const out: NonNullable<SchemaObject['e']> = [];
  for (const [key, m] of firstSeen) {
    const v = JSON.parse(key);
    out.push(m > Math.max(since, enumFrom) ? [v, m] : v);
  }
  obj.e = out;
  if (enumFrom > since) (obj as SchemaObject & { es?: number }).es = enumFrom;
}

// ───────────────────────── an independent sample of upstream facts, for the test ─────────────────────────

/**
 * A second reader of the same upstream files, sharing no code with the converter above: for a few kinds
 * EKS users write most, the property names, required lists and list-map keys of chosen definitions,
 * straight from the JSON. The unit test checks the derived data says the same for that minor.
 */
function sampleFacts(gitDir: string, commit: string, minor: number): Json {
  const read = (rel: string): Json =>
    JSON.parse(git(gitDir, 'show', `${commit}:pkg/openapiclient/builtins/1.${minor}/${rel}`)).components.schemas;
  const core = read('api/v1.json');
  const apps = read('apis/apps/v1.json');
  const pick = (schemas: Json, name: string): Json => {
    const s = schemas[name];
    const lists: Record<string, string[]> = {};
    for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Json>))
      if (v['x-kubernetes-list-map-keys']) lists[k] = v['x-kubernetes-list-map-keys'];
    return { properties: Object.keys(s.properties ?? {}).sort(), required: [...(s.required ?? [])].sort(), listMapKeys: lists };
  };
  return {
    'core.v1.Container': pick(core, 'io.k8s.api.core.v1.Container'),
    'core.v1.PodSpec': pick(core, 'io.k8s.api.core.v1.PodSpec'),
    'core.v1.ServiceSpec': pick(core, 'io.k8s.api.core.v1.ServiceSpec'),
    'core.v1.ServicePort': pick(core, 'io.k8s.api.core.v1.ServicePort'),
    'apps.v1.DeploymentSpec': pick(apps, 'io.k8s.api.apps.v1.DeploymentSpec'),
    'apps.v1.StatefulSetSpec': pick(apps, 'io.k8s.api.apps.v1.StatefulSetSpec'),
  };
}

// ───────────────────────── main ─────────────────────────

if (require.main === module) {
  const openapiGit = arg('--openapi-git');
  const apiGit = arg('--api-git');
  const commit = git(openapiGit, 'rev-parse', 'HEAD').trim();
  const perMinor = new Map<number, VersionData>();
  const facts: Json = {};
  const goTags: Record<string, string> = {};
  for (const m of MINORS) {
    const v = readOpenApi(openapiGit, commit, m);
    const go = readGo(apiGit, m);
    goTags[`1.${m}`] = `v0.${m}.0 ${git(apiGit, 'rev-list', '-n', '1', `v0.${m}.0`).trim()}`;
    const n = applyEnums(v.defs, go);
    console.error(`1.${m}: ${v.defs.size} definitions, ${v.kinds.size} kinds, ${n} enum fields`);
    perMinor.set(m, v);
    facts[`1.${m}`] = { files: v.files, sample: sampleFacts(openapiGit, commit, m) };
  }
  const names = new Set<string>();
  for (const v of perMinor.values()) for (const k of v.defs.keys()) names.add(k);
  const defs: Record<string, SchemaType> = {};
  for (const name of [...names].sort()) {
    const vs = MINORS.filter((m) => perMinor.get(m)!.defs.has(name)).map(
      (m) => [m, perMinor.get(m)!.defs.get(name)!] as [number, SchemaType],
    );
    defs[name] = mergeType(vs);
  }
  const kinds: Record<string, { d: string; v: [number, number]; ns?: boolean }> = {};
  const kindIds = new Set<string>();
  for (const v of perMinor.values()) for (const k of v.kinds.keys()) kindIds.add(k);
  for (const id of [...kindIds].sort()) {
    const ms = MINORS.filter((m) => perMinor.get(m)!.kinds.has(id));
    const last = perMinor.get(ms[ms.length - 1])!.kinds.get(id)!;
    kinds[id] = { d: last.def, v: [ms[0], ms[ms.length - 1]], ...(last.namespaced ? { ns: true } : {}) };
  }
  const data = {
    note: 'Structural facts derived by scripts/derive-k8s-schema.ts; no upstream text. Form: server/src/service/schema/convert.ts.',
    provenance: {
      openapi: {
        repository: 'kubernetes/kubernetes',
        path: 'api/openapi-spec/v3/',
        ref: 'release-1.<minor> branch',
        via: `kubernetes-sigs/kubectl-validate pkg/openapiclient/builtins/1.<minor>/ ${commit}`,
      },
      enums: { repository: 'kubernetes/api', path: '<group>/<version>/types.go', tags: goTags },
    },
    minors: MINORS,
    kinds,
    defs,
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(data));
  fs.mkdirSync(path.dirname(FACTS), { recursive: true });
  fs.writeFileSync(
    FACTS,
    JSON.stringify(
      {
        note: 'Upstream facts for test/unit/schema/data.test.ts: sha256 of each OpenAPI file read (kubernetes/kubernetes api/openapi-spec/v3/ names) and a sample read straight from the JSON.',
        via: `kubernetes-sigs/kubectl-validate ${commit}`,
        versions: facts,
      },
      null,
      1,
    ) + '\n',
  );
  console.error(
    `wrote ${path.relative(ROOT, OUT)} (${fs.statSync(OUT).size} bytes), ${Object.keys(defs).length} definitions, ${Object.keys(kinds).length} kinds`,
  );
}

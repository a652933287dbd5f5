/**
 * Where a schema comes from: the built-in Kubernetes data (data/k8s.json, every minor merged, loaded on
 * first use), the bundled CRDs (data/crds.json, loaded on first use) and the CRDs of the workspace (read
 * from the index, once per generation of the CustomResourceDefinition kind). A workspace CRD wins over the
 * bundled one of the same group and kind.
 */
import type { SchemaObject, SchemaType } from './convert';
import { crdFromPlain, type CrdSchema } from './crdModel';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { toPlain } from '@shared/manifest/yamlNodes';
import { parseMinorVersion } from '../settings';

export const MIN_MINOR = 28;
export const MAX_MINOR = 35;

interface K8sData {
  provenance: unknown;
  minors: number[];
  kinds: Record<string, { d: string; v: [number, number]; ns?: boolean }>;
  defs: Record<string, SchemaType>;
}
interface CrdData {
  shared: SchemaType[];
  crds: CrdSchema[];
}

let k8s: K8sData | undefined;
let bundled: { data: CrdData; byGk: Map<string, CrdSchema> } | undefined;

export function k8sData(): K8sData {
  if (!k8s) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    k8s = require('./data/k8s.json') as K8sData;
    applyGoValidation(k8s.defs);
  }
  return k8s;
}

/**
 * Facts the OpenAPI does not carry but the API server's Go validation enforces on every version we
 * support (kubernetes/kubernetes pkg/apis/core/validation/validation.go):
 * - validateContainerCommon: every container (regular, init, ephemeral) needs `image`; its `name` is a
 *   DNS-1123 label (apimachinery IsDNS1123Label: at most 63 characters).
 * - validateContainerPorts: `containerPort` is a valid port number (IsValidPortNum: 1–65535); a port
 *   `name` is an IANA_SVC_NAME (IsValidPortName: at most 15 characters, lowercase letters, digits and "-",
 *   at least one letter, no leading, trailing or double "-").
 * - validateServicePort: `port` is a valid port number.
 */
function applyGoValidation(defs: Record<string, SchemaType>): void {
  const obj = (name: string): SchemaObject | undefined => {
    const d = defs[name];
    return d && typeof d !== 'string' ? d : undefined;
  };
  const field = (def: string, f: string, facts: Partial<SchemaObject>): void => {
    const d = obj(def);
    const t = d?.p?.[f];
    if (!d?.p || !t) return;
    d.p[f] = typeof t === 'string' ? { $: t, ...facts } : { ...t, ...facts };
  };
  for (const c of ['core.v1.Container', 'core.v1.EphemeralContainer']) {
    const d = obj(c);
    if (d && !(d.r ?? []).includes('image')) d.r = [...(d.r ?? []), 'image'];
    field(c, 'name', { pt: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', mxl: 63 });
  }
  field('core.v1.ContainerPort', 'containerPort', { mn: 1, mx: 65535 });
  field('core.v1.ContainerPort', 'name', { pt: '^(?!.*--)(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$', mxl: 15 });
  field('core.v1.ServicePort', 'port', { mn: 1, mx: 65535 });
}

function bundledData(): { data: CrdData; byGk: Map<string, CrdSchema> } {
  if (!bundled) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const data = require('./data/crds.json') as CrdData;
    const byGk = new Map<string, CrdSchema>();
    for (const c of data.crds) byGk.set(`${c.g}/${c.k}`, c);
    bundled = { data, byGk };
  }
  return bundled;
}

/** The target minor clamped to the data's range (1.27 → 1.28, 1.36 → 1.35). */
export function targetMinor(version: string): number {
  const v = parseMinorVersion(version);
  const m = v && v[0] === 1 ? v[1] : MAX_MINOR;
  return Math.min(MAX_MINOR, Math.max(MIN_MINOR, m));
}

/** A table that resolves references: definition names (built-ins) or "#n" (shared CRD subtrees). */
export interface SchemaTable {
  lookup(ref: string): SchemaType | undefined;
  kind: 'k8s' | 'crd';
}

const K8S_TABLE: SchemaTable = { kind: 'k8s', lookup: (r) => k8sData().defs[r] };
const CRD_TABLE: SchemaTable = {
  kind: 'crd',
  lookup: (r) => (r.startsWith('#') ? bundledData().data.shared[Number(r.slice(1))] : undefined),
};
const EMPTY_TABLE: SchemaTable = { kind: 'crd', lookup: () => undefined };

const merged = new WeakMap<object, SchemaObject>();

/** Follow references: the object form of a type, with the use-site facts (since, until, default) kept. */
export function deref(t: SchemaType | true | undefined, table: SchemaTable): SchemaObject | undefined {
  if (t === undefined) return undefined;
  if (t === true) return ANY;
  if (typeof t === 'string') {
    const target = table.lookup(t);
    return target === undefined || target === t ? undefined : deref(target, table);
  }
  if (t.$ === undefined) return t;
  let m = merged.get(t);
  if (!m) {
    const base = deref(t.$, table) ?? ANY;
    const { $: _ref, ...extra } = t;
    m = { ...base, ...extra };
    merged.set(t, m);
  }
  return m;
}
const ANY: SchemaObject = { t: '*' };

export interface RootSchema {
  /** The object's schema. */
  type: SchemaType;
  table: SchemaTable;
  /** 'builtin' | 'bundled' | 'workspace' */
  origin: 'builtin' | 'bundled' | 'workspace';
  /** For CRDs: where it came from (bundled: repository path tag) or the CRD's name (workspace). */
  source?: string;
  /** Kubernetes minor the built-in data is read for. */
  minor: number;
  /** Built-in kinds: the minors that serve this apiVersion/kind. */
  served?: [number, number];
  namespaced?: boolean;
}

/** The built-in schema of apiVersion/kind, served or not at the target minor. */
export function builtinSchema(apiVersion: string, kind: string, minor: number): RootSchema | undefined {
  const k = k8sData().kinds[`${apiVersion}/${kind}`];
  if (!k) return undefined;
  return { type: k.d, table: K8S_TABLE, origin: 'builtin', minor, served: k.v, namespaced: !!k.ns };
}

/** The CRDs of the workspace by group/kind, rebuilt when a CustomResourceDefinition changes. */
const wsCache = new WeakMap<WorkspaceIndex, { key: string; byGk: Map<string, { crd: CrdSchema; obj: K8sObject }> }>();
export function workspaceCrds(index: WorkspaceIndex): Map<string, { crd: CrdSchema; obj: K8sObject }> {
  const key = index.kindsKey(['CustomResourceDefinition']);
  const hit = wsCache.get(index);
  if (hit && hit.key === key) return hit.byGk;
  const byGk = new Map<string, { crd: CrdSchema; obj: K8sObject }>();
  for (const o of index.byKind('CustomResourceDefinition')) {
    if (!o.apiVersion?.startsWith('apiextensions.k8s.io/')) continue;
    const crd = crdFromPlain(toPlain(o.root, o.doc, { left: 200_000 }));
    if (!crd) continue;
    const gk = `${crd.g}/${crd.k}`;
    // Several CRDs for one kind (copies of different releases): a version is served when any of them serves
    // it, with the schema of the first one that does.
    const had = byGk.get(gk);
    if (!had) {
      byGk.set(gk, { crd, obj: o });
      continue;
    }
    for (const v of crd.vs) {
      const i = had.crd.vs.findIndex((x) => x.n === v.n);
      if (i === -1) had.crd.vs.push(v);
      else if (!had.crd.vs[i].sv && v.sv) had.crd.vs[i] = v;
    }
  }
  wsCache.set(index, { key, byGk });
  return byGk;
}

export interface CrdLookup {
  crd: CrdSchema;
  origin: 'bundled' | 'workspace';
  table: SchemaTable;
  source: string;
}

/** The CRD for a group/kind: the workspace's first, else the bundled one. */
export function findCrd(group: string, kind: string, index: WorkspaceIndex | undefined): CrdLookup | undefined {
  const gk = `${group}/${kind}`;
  const ws = index ? workspaceCrds(index).get(gk) : undefined;
  if (ws)
    return {
      crd: ws.crd,
      origin: 'workspace',
      table: EMPTY_TABLE,
      source: `CustomResourceDefinition ${ws.obj.name ?? gk} (${ws.obj.uri})`,
    };
  const b = bundledData().byGk.get(gk);
  if (b) return { crd: b, origin: 'bundled', table: CRD_TABLE, source: b.src ?? gk };
  return undefined;
}

/** The schema of a custom resource's version, from its CRD. */
export function crdRoot(l: CrdLookup, version: string, minor: number): RootSchema | undefined {
  const v = l.crd.vs.find((x) => x.n === version);
  if (!v?.s) return undefined;
  return { type: v.s, table: l.table, origin: l.origin, source: l.source, minor, namespaced: l.crd.ns };
}

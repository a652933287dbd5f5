/**
 * Cross-document checks of Flux and Argo CD objects. The workspace rarely holds a whole cluster, so:
 * - a missing sourceRef/dependsOn target is reported only when the workspace declares objects of that kind
 *   in that namespace (it shows it holds that part of the cluster);
 * - a `path` is judged only against a repository root the workspace proves: another Kustomization of the same
 *   source (or Application source of the same repoURL and revision) whose path exists below that folder;
 * - folders are asked of the injected FileSystem (no file system, no path findings).
 * Sources: fluxcd/kustomize-controller docs/spec/v1/kustomizations.md (path, sourceRef, dependsOn, postBuild
 * variable substitution and its `${var:=default}` forms, the substitute: disabled annotation),
 * fluxcd/helm-controller docs/spec/v2/helmreleases.md (chart.spec.sourceRef, chartRef, dependsOn),
 * awsdocs/amazon-eks-user-guide latest/ug/capabilities/argocd-considerations.adoc (EKS Argo CD capability).
 */
import { MemoKey } from '@shared/manifest/memo';
import { isMap, isScalar, type Node, type Scalar } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { Fix } from '../diagnostics/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { sameNamespace } from '@shared/manifest/k8sObject';
import { getPair, keyString, nodeRange, pairs, resolve, stringMap } from '@shared/manifest/yamlNodes';
import { knownString } from '@shared/manifest/templates';
import { FILES, type WorkspaceIndex } from '../workspace/workspaceIndex';
import { ancestorFolders, exists, joinUri, type FileSystem } from '../workspace/fileSystem';
import { FLUX_GROUPS, fluxVersionState, type FluxRemoval } from './fluxApis';
import {
  ARGO_GROUP,
  argoAppSpecPath,
  isArgoApplication,
  isArgoApplicationSet,
  isArgoProject,
  isFlux,
  isFluxKustomization,
  isHelmRelease,
  items,
  normalizeRepoUrl,
  refAt,
  str,
  type Ref,
} from './model';

// ───────────────────────────── Flux API versions ─────────────────────────────

/** Served versions per `group/kind` from the CustomResourceDefinitions in the workspace. */
function crdVersions(index: WorkspaceIndex): Map<string, Set<string>> {
  return memo(index, 'gitops.crds', ['CustomResourceDefinition'], () => {
    const out = new Map<string, Set<string>>();
    for (const crd of index.byKind('CustomResourceDefinition')) {
      const group = str(crd.node(['spec', 'group'])),
        kind = str(crd.node(['spec', 'names', 'kind']));
      if (!group || !kind || !FLUX_GROUPS.has(group)) continue;
      const served = new Set<string>();
      for (const v of items(crd.node(['spec', 'versions']), crd)) {
        const name = str(getPair(v, 'name')?.value);
        const s = resolve(getPair(v, 'served')?.value, crd.doc);
        if (name && !(isScalar(s) && (s as Scalar).value === false)) served.add(name);
      }
      out.set(`${group}/${kind}`, served);
    }
    return out;
  });
}

/** Whether an object uses one of the fields the newer API version dropped (dotted, `[]` for list items). */
function usesDropped(obj: K8sObject, removal: FluxRemoval): string | undefined {
  for (const path of removal.dropped ?? []) {
    const segs = path.split('.');
    let nodes: unknown[] = [obj.root];
    for (const seg of segs) {
      const list = seg.endsWith('[]');
      const key = list ? seg.slice(0, -2) : seg;
      const next: unknown[] = [];
      for (const n of nodes) {
        const v = resolve(getPair(resolve(n, obj.doc), key)?.value, obj.doc);
        if (v === undefined) continue;
        if (list) next.push(...items(v, obj));
        else next.push(v);
      }
      nodes = next;
    }
    if (nodes.length) return path;
  }
  return undefined;
}

export const fluxApiCheck: Check = {
  id: 'gitops.flux-api',
  scope: 'workspace',
  reads: ['CustomResourceDefinition'],
  appliesTo: isFlux,
  run(ctx) {
    const { obj } = ctx;
    const st = fluxVersionState(obj.apiVersion ?? '', obj.kind);
    if (!st || st.state === 'current') return;
    const node = obj.node(['apiVersion']);
    const replacement = `${obj.group}/${st.current}`;
    const served = crdVersions(ctx.index).get(`${obj.group}/${obj.kind}`);
    const version = (obj.apiVersion ?? '').slice(obj.group.length + 1);
    if (served?.has(version)) return; // the Flux this workspace installs still serves it
    const r = nodeRange(node);
    if (st.state === 'old') {
      ctx.report(
        'flux-api-deprecated',
        node,
        `${obj.kind} ${obj.apiVersion} is an older Flux API; current controllers serve ${replacement}.`,
        { tags: ['deprecated'] },
      );
      return;
    }
    const dropped = usesDropped(obj, st.removal);
    const fixes: Fix[] | undefined =
      st.removal.mechanical && !dropped && r
        ? [{ title: `Change apiVersion to ${replacement}`, edits: [{ start: r[0], end: r[1], newText: replacement }], preferred: true }]
        : undefined;
    const evidence = served ? ` The Flux CRD in this workspace serves only ${[...served].join(', ')}.` : '';
    const what = `${obj.kind} ${obj.apiVersion} was removed in ${st.removal.controller} ${st.removal.release} (${st.removal.date}); use ${replacement}`;
    const more = dropped
      ? ` and replace ${dropped}, which ${st.current} no longer has`
      : st.removal.mechanical
        ? ' (only the apiVersion changes)'
        : ' (fields changed between these versions; see the Flux migration guide)';
    ctx.report(
      'flux-api-removed',
      node,
      `${what}${more}. Migrate objects already in the cluster with \`flux migrate\` before upgrading the CRDs.${evidence}`,
      { severity: served ? 'error' : undefined, fixes, tags: ['deprecated'] },
    );
  },
};

// ───────────────────────────── references ─────────────────────────────

const SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'HelmRepository', 'HelmChart', 'Bucket', 'ExternalArtifact'];

function fluxObjects(index: WorkspaceIndex, kind: string): K8sObject[] {
  return index.byKind(kind).filter((o) => FLUX_GROUPS.has(o.group));
}

function refsOf(obj: K8sObject): { ref: Ref; what: string }[] {
  const out: { ref: Ref; what: string }[] = [];
  const add = (node: Node | undefined, what: string, defKind?: string) => {
    const r = refAt(obj, node, defKind);
    if (r?.name && r.kind) out.push({ ref: r, what });
  };
  if (isFluxKustomization(obj)) {
    add(obj.node(['spec', 'sourceRef']), 'sourceRef');
    for (const d of items(obj.node(['spec', 'dependsOn']), obj)) add(d, 'dependsOn', 'Kustomization');
  } else if (isHelmRelease(obj)) {
    add(obj.node(['spec', 'chart', 'spec', 'sourceRef']), 'chart.spec.sourceRef');
    add(obj.node(['spec', 'chartRef']), 'chartRef');
    for (const d of items(obj.node(['spec', 'dependsOn']), obj)) add(d, 'dependsOn', 'HelmRelease');
  }
  return out;
}

export const fluxRefCheck: Check = {
  id: 'gitops.flux-refs',
  scope: 'workspace',
  reads: [...SOURCE_KINDS, 'Kustomization', 'HelmRelease'],
  appliesTo: (o) => isFluxKustomization(o) || isHelmRelease(o),
  run(ctx) {
    const { obj, index } = ctx;
    for (const { ref, what } of refsOf(obj)) {
      if (![...SOURCE_KINDS, 'Kustomization', 'HelmRelease'].includes(ref.kind!)) continue;
      const all = fluxObjects(index, ref.kind!);
      const inNs = all.filter((o) => sameNamespace(o.namespace, ref.namespace));
      if (inNs.length === 0) continue; // the workspace does not show this part of the cluster
      if (inNs.some((o) => o.name === ref.name)) continue;
      ctx.report(
        'flux-ref-missing',
        ref.nameNode ?? ref.node,
        `${what} names ${ref.kind} "${ref.name}"${ref.namespace ? ` in namespace ${ref.namespace}` : ''}, which is not in the workspace, though the workspace defines ${inNs.length} other ${ref.kind}${inNs.length === 1 ? '' : 's'} there (${inNs
          .slice(0, 3)
          .map((o) => o.name)
          .join(', ')}). Until it exists, Flux reports the object not ready.`,
      );
    }
  },
};

// ───────────────────────────── paths ─────────────────────────────

const TRIVIAL = /^(\.?\/?)$/;

/** Folders (ancestors of the file) where `rel` exists, nearest first. */
function resolvingAncestors(fs: FileSystem, fileUri: string, rel: string, cache: Map<string, boolean | undefined>): string[] | undefined {
  const out: string[] = [];
  let unknown = false;
  for (const a of ancestorFolders(fileUri)) {
    const target = joinUri(a, rel);
    if (!target) continue;
    let e = cache.get(target);
    if (!cache.has(target)) {
      e = exists(fs, target);
      cache.set(target, e);
    }
    if (e === undefined) unknown = true;
    else if (e) out.push(a);
  }
  return unknown && out.length === 0 ? undefined : out;
}

interface PathUse {
  obj: K8sObject;
  node: Node;
  path: string;
  key: string;
}

function fluxPathUses(index: WorkspaceIndex): PathUse[] {
  const out: PathUse[] = [];
  for (const k of index.byKind('Kustomization')) {
    if (!isFluxKustomization(k)) continue;
    const node = k.node(['spec', 'path']);
    const p = knownString(node);
    const ref = refAt(k, k.node(['spec', 'sourceRef']));
    if (!node || p === undefined || !ref?.name) continue;
    out.push({ obj: k, node, path: p, key: `${ref.kind ?? ''}/${ref.namespace ?? ''}/${ref.name}` });
  }
  return out;
}

function argoPathUses(index: WorkspaceIndex): PathUse[] {
  const out: PathUse[] = [];
  for (const a of [...index.byKind('Application'), ...index.byKind('ApplicationSet')]) {
    const base = argoAppSpecPath(a);
    if (!base || a.group !== ARGO_GROUP) continue;
    const sources = items(a.node([...base, 'sources']), a);
    const list = sources.length ? sources : [a.node([...base, 'source'])].filter((n): n is Node => !!n);
    for (const s of list) {
      if (!isMap(s)) continue;
      const node = resolve(getPair(s, 'path')?.value, a.doc);
      const p = knownString(node);
      const url = knownString(resolve(getPair(s, 'repoURL')?.value, a.doc));
      if (!node || p === undefined || !url || getPair(s, 'chart')) continue;
      const rev = knownString(resolve(getPair(s, 'targetRevision')?.value, a.doc)) ?? 'HEAD';
      out.push({ obj: a, node, path: p, key: `${normalizeRepoUrl(url)}@${rev}` });
    }
  }
  return out;
}

interface PathVerdict {
  use: PathUse;
  roots: string[];
}

/** Per source: the folders proved to be its root, and each use's verdict (computed once per index state). */
function pathVerdicts(index: WorkspaceIndex, fs: FileSystem, which: 'flux' | 'argo'): Map<K8sObject, PathVerdict[]> {
  return memo(
    index,
    `gitops.paths.${which}`,
    which === 'flux' ? ['Kustomization', FILES] : ['Application', 'ApplicationSet', FILES],
    () => {
      const cache = new Map<string, boolean | undefined>();
      const uses = which === 'flux' ? fluxPathUses(index) : argoPathUses(index);
      const resolved = new Map<PathUse, string[] | undefined>();
      const rootsByKey = new Map<string, Set<string>>();
      for (const u of uses) {
        if (TRIVIAL.test(u.path.trim())) continue;
        const r = resolvingAncestors(fs, u.obj.uri, u.path.trim(), cache);
        resolved.set(u, r);
        if (r?.length) {
          let s = rootsByKey.get(u.key);
          if (!s) rootsByKey.set(u.key, (s = new Set()));
          for (const a of r) s.add(a);
        }
      }
      const out = new Map<K8sObject, PathVerdict[]>();
      for (const u of uses) {
        const r = resolved.get(u);
        if (!r || r.length) continue; // trivial, unknown, or it resolves
        const own = new Set(ancestorFolders(u.obj.uri));
        const roots = [...(rootsByKey.get(u.key) ?? [])].filter((a) => own.has(a));
        if (!roots.length) continue;
        let l = out.get(u.obj);
        if (!l) out.set(u.obj, (l = []));
        l.push({ use: u, roots });
      }
      return out;
    },
  );
}

function shortFolder(uri: string): string {
  return decodeURIComponent(uri.replace(/^file:\/\//, ''));
}

export const fluxPathCheck: Check = {
  id: 'gitops.flux-path',
  scope: 'workspace',
  reads: ['Kustomization', FILES],
  appliesTo: isFluxKustomization,
  run(ctx) {
    const fs = ctx.env.fs;
    if (!fs) return;
    for (const v of pathVerdicts(ctx.index, fs, 'flux').get(ctx.obj) ?? []) {
      ctx.report(
        'flux-path-missing',
        v.use.node,
        `path "${v.use.path}" does not exist in this repository: other Kustomizations of the same source resolve their paths from ${shortFolder(v.roots[0])}, and there is no "${v.use.path.replace(/^\.\//, '')}" there. Flux fails the build ("no such file or directory").`,
      );
    }
  },
};

export const argoPathCheck: Check = {
  id: 'gitops.argocd-path',
  scope: 'workspace',
  reads: ['Application', 'ApplicationSet', FILES],
  appliesTo: (o) => isArgoApplication(o) || isArgoApplicationSet(o),
  run(ctx) {
    const fs = ctx.env.fs;
    if (!fs) return;
    for (const v of pathVerdicts(ctx.index, fs, 'argo').get(ctx.obj) ?? []) {
      ctx.report(
        'argocd-path-missing',
        v.use.node,
        `path "${v.use.path}" does not exist in this repository: other Application sources of the same repoURL and revision resolve from ${shortFolder(v.roots[0])}, and there is no "${v.use.path.replace(/^\.\//, '')}" there. Argo CD reports "app path does not exist".`,
      );
    }
  },
};

// ───────────────────────────── variable substitution ─────────────────────────────

/** `${var}`, `${var:=default}`, `${var:-default}`, ... (not `$${var}`, which Flux leaves as `${var}`). */
const VAR = /(?<!\$)\$\{([_a-zA-Z][_a-zA-Z0-9]*)(:?[-=+?][^}\n]*)?\}/g;

interface VarUse {
  name: string;
  hasDefault: boolean;
  obj: K8sObject;
  start: number;
  end: number;
}

/** `${var}` uses of one document (memoised on its chunk: unchanged documents are not scanned again). */
function docVarUses(o: K8sObject): VarUse[] {
  const hit = o.memo.get(VAR_USES);
  if (hit) return hit;
  const out: VarUse[] = [];
  if (o.isManifest && o.annotations['kustomize.toolkit.fluxcd.io/substitute'] !== 'disabled') {
    const [s, e] = o.documentOffsets();
    const text = o.chunk.text.slice(s, e);
    const re = new RegExp(VAR.source, 'g');
    for (let m = re.exec(text); m && out.length < 200; m = re.exec(text)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      if (/^\s*#/.test(text.slice(lineStart, m.index))) continue;
      out.push({ name: m[1], hasDefault: !!m[2] && /^:?[-=]/.test(m[2]), obj: o, start: s + m.index, end: s + m.index + m[0].length });
    }
  }
  o.memo.set(VAR_USES, out);
  return out;
}

const VAR_USES = new MemoKey<VarUse[]>('gitops.varUses');

/** `${var}` uses in the documents of files, skipping documents that opt out of substitution. */
function varUses(index: WorkspaceIndex, uris: string[], limit = 200): VarUse[] {
  const out: VarUse[] = [];
  for (const uri of uris) {
    const f = index.get(uri);
    if (!f) continue;
    for (const o of f.objects()) {
      for (const u of docVarUses(o)) {
        out.push(u);
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

/** The files Flux builds for a folder: its kustomization.yaml's local resources, else every YAML file below. */
function filesOfFolder(index: WorkspaceIndex, folder: string, depth = 0, seen = new Set<string>()): string[] {
  if (depth > 8 || seen.has(folder)) return [];
  seen.add(folder);
  const kfile = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((n) => `${folder}/${n}`).find((u) => index.get(u));
  if (!kfile) {
    const prefix = folder + '/';
    return index.uris().filter((u) => u.startsWith(prefix));
  }
  const out: string[] = [];
  for (const o of index.get(kfile)!.objects()) {
    for (const key of ['resources', 'bases', 'components']) {
      for (const r of items(o.node([key]), o)) {
        const rel = knownString(r);
        if (!rel || /^[a-z]+:\/\/|^github\.com\//.test(rel)) continue;
        const target = joinUri(folder, rel);
        if (!target) continue;
        if (index.get(target)) out.push(target);
        else out.push(...filesOfFolder(index, target, depth + 1, seen));
      }
    }
  }
  return out;
}

export const fluxSubstitutionCheck: Check = {
  id: 'gitops.flux-substitution',
  scope: 'workspace',
  reads: ['Kustomization', 'ConfigMap', 'Secret', FILES],
  appliesTo: isFluxKustomization,
  run(ctx) {
    const { obj, index } = ctx;
    const fs = ctx.env.fs;
    if (!fs) return;
    const pathNode = obj.node(['spec', 'path']);
    const rel = pathNode ? knownString(pathNode) : './';
    if (rel === undefined || TRIVIAL.test(rel.trim())) return; // the whole repository: too wide to judge
    const roots = resolvingAncestors(fs, obj.uri, rel.trim(), new Map());
    if (!roots || roots.length !== 1) return; // unknown or ambiguous
    const folder = joinUri(roots[0], rel.trim())!;
    const uses = varUses(
      index,
      memo(index, `gitops.folder:${folder}`, [FILES], () => filesOfFolder(index, folder)),
    );
    if (!uses.length) return;
    const at = pathNode ?? obj.node(['kind']);
    const related = (list: VarUse[]) =>
      list.slice(0, 5).map((u) => ({ uri: u.obj.uri, chunk: u.obj.chunk, start: u.start, end: u.end, message: `\${${u.name}}` }));
    const postBuild = obj.node(['spec', 'postBuild']);
    if (!isMap(postBuild)) {
      const names = [...new Set(uses.map((u) => u.name))];
      ctx.report(
        'flux-substitution-without-postbuild',
        at,
        `Files under "${rel}" use ${names
          .slice(0, 5)
          .map((n) => `\${${n}}`)
          .join(
            ', ',
          )}${names.length > 5 ? ', …' : ''}, but this Kustomization has no postBuild, so Flux applies them literally. Add postBuild.substitute / substituteFrom, or write $\${…} where the text is meant literally.`,
        { related: related(uses) },
      );
      return;
    }
    const defined = new Set(
      pairs(obj.node(['spec', 'postBuild', 'substitute']))
        .map((p) => keyString(p))
        .filter((k): k is string => !!k),
    );
    for (const from of items(obj.node(['spec', 'postBuild', 'substituteFrom']), obj)) {
      const kind = str(getPair(from, 'kind')?.value),
        name = str(getPair(from, 'name')?.value);
      if (!kind || !name || (kind !== 'ConfigMap' && kind !== 'Secret')) return;
      const found = index.find({ kind, name, namespace: obj.namespace });
      if (!found.length) return; // its keys are not known here
      for (const o of found)
        for (const section of ['data', 'stringData']) for (const k of Object.keys(stringMap(o.node([section]), o.doc))) defined.add(k);
    }
    const missing = uses.filter((u) => !u.hasDefault && !defined.has(u.name));
    if (!missing.length) return;
    const names = [...new Set(missing.map((u) => u.name))];
    ctx.report(
      'flux-substitution-unresolved',
      at,
      `postBuild defines no ${names
        .slice(0, 5)
        .map((n) => `\${${n}}`)
        .join(
          ', ',
        )}${names.length > 5 ? ', …' : ''} used under "${rel}": Flux replaces ${names.length === 1 ? 'it' : 'them'} with an empty string. Add ${names.length === 1 ? 'it' : 'them'} to postBuild.substitute (or a substituteFrom ConfigMap/Secret), give a default (\${var:=value}), or escape as $\${…}.`,
      { related: related(missing) },
    );
  },
};

// ───────────────────────────── EKS Argo CD capability ─────────────────────────────

interface Capability {
  namespace: string;
  cluster: K8sObject;
}

function argoCapabilities(index: WorkspaceIndex): Capability[] {
  return memo(index, 'gitops.capability', ['ClusterConfig', 'Deployment', 'StatefulSet'], () => {
    // A self-managed Argo CD in the workspace means the Applications may be its, not the capability's.
    const selfManaged = [...index.byKind('Deployment'), ...index.byKind('StatefulSet')].some((o) =>
      /^argocd-(server|application-controller|repo-server)$/.test(o.name ?? ''),
    );
    if (selfManaged) return [];
    const out: Capability[] = [];
    for (const c of index.byKind('ClusterConfig')) {
      if (c.group !== 'eksctl.io') continue;
      for (const cap of items(c.node(['capabilities']), c)) {
        if (str(getPair(cap, 'type')?.value) !== 'ARGOCD') continue;
        const ns =
          str(
            resolve(
              getPair(resolve(getPair(resolve(getPair(cap, 'configuration')?.value, c.doc), 'argocd')?.value, c.doc), 'namespace')?.value,
              c.doc,
            ),
          ) ?? 'argocd';
        out.push({ namespace: ns, cluster: c });
      }
    }
    return out;
  });
}

export const argoCapabilityCheck: Check = {
  id: 'gitops.argocd-eks-capability',
  scope: 'workspace',
  reads: ['ClusterConfig', 'Deployment', 'StatefulSet'],
  appliesTo: (o) =>
    isArgoApplication(o) || isArgoApplicationSet(o) || isArgoProject(o) || (o.kind === 'ConfigMap' && ARGO_CONFIGMAPS.has(o.name ?? '')),
  run(ctx) {
    const { obj } = ctx;
    const caps = argoCapabilities(ctx.index);
    if (!caps.length) return;
    const namespaces = [...new Set(caps.map((c) => c.namespace))];
    if (obj.kind === 'ConfigMap') {
      capabilityConfigMap(ctx, namespaces);
      return;
    }
    for (const p of pairs(obj.node(['metadata', 'annotations']))) {
      const k = keyString(p);
      if (k?.startsWith('notifications.argoproj.io/'))
        ctx.report(
          'argocd-eks-capability',
          p.key as Node,
          'The Argo CD Notifications controller is not part of the EKS Argo CD capability: this subscription sends nothing.',
        );
    }
    const nsNode = obj.node(['metadata', 'namespace']);
    if (obj.namespace && !namespaces.includes(obj.namespace) && nsNode) {
      ctx.report(
        'argocd-eks-capability',
        nsNode,
        `The EKS Argo CD capability in this workspace (${caps[0].cluster.name ?? 'eksctl config'}) reads ${obj.kind}s only from namespace ${namespaces.join(' or ')}; one in "${obj.namespace}" is never reconciled.`,
      );
    }
    if (isArgoProject(obj)) {
      const spec = obj.node(['spec']);
      if (isMap(spec) && !getPair(spec, 'sourceNamespaces'))
        ctx.report(
          'argocd-eks-capability',
          getPair(obj.root, 'spec')?.key as Node,
          'With the EKS Argo CD capability an AppProject must list spec.sourceNamespaces (the namespaces its Applications may live in).',
        );
      return;
    }
    const base = argoAppSpecPath(obj)!;
    const server = obj.node([...base, 'destination', 'server']);
    if (str(server) && /^https:\/\/kubernetes\.default\.svc\/?$/.test(str(server)!)) {
      ctx.report(
        'argocd-eks-capability',
        server,
        "The EKS Argo CD capability does not register the local cluster as https://kubernetes.default.svc: register the target cluster by its EKS cluster ARN (a cluster Secret) and use that ARN or the cluster's name here.",
      );
    }
    const sources = [obj.node([...base, 'source']), ...items(obj.node([...base, 'sources']), obj)];
    for (const s of sources) {
      const plugin = getPair(s, 'plugin');
      if (plugin)
        ctx.report(
          'argocd-eks-capability',
          plugin.key as Node,
          'Config Management Plugins are not available with the EKS Argo CD capability; render with Helm, Kustomize or plain directories.',
        );
    }
  },
};

const ARGO_CONFIGMAPS = new Set(['argocd-cm', 'argocd-rbac-cm', 'argocd-cmd-params-cm', 'argocd-notifications-cm']);

/** The capability reads argocd-cm only for resource health customizations and none of the other ConfigMaps. */
function capabilityConfigMap(ctx: CheckContext, namespaces: string[]): void {
  const { obj } = ctx;
  if (!obj.namespace || !namespaces.includes(obj.namespace)) return;
  if (obj.name === 'argocd-cm') {
    for (const p of pairs(obj.node(['data']))) {
      const k = keyString(p);
      if (k && !k.startsWith('resource.customizations.health.'))
        ctx.report(
          'argocd-eks-capability',
          p.key as Node,
          `The EKS Argo CD capability reads argocd-cm only for resource.customizations.health.<group>_<kind> entries; "${k}" is ignored.`,
        );
    }
    return;
  }
  const what =
    obj.name === 'argocd-rbac-cm'
      ? "RBAC comes from the capability's role mappings (ADMIN, EDITOR, VIEWER in the eksctl capability configuration)"
      : obj.name === 'argocd-notifications-cm'
        ? 'the Notifications controller is not part of the capability'
        : "the capability's parameters are managed by AWS";
  ctx.report('argocd-eks-capability', obj.node(['metadata', 'name']), `${obj.name} is not read by the EKS Argo CD capability: ${what}.`);
}

// ───────────────────────────── per-index memo ─────────────────────────────

const MEMO = new WeakMap<WorkspaceIndex, Map<string, { key: string; value: unknown }>>();

function memo<T>(index: WorkspaceIndex, name: string, kinds: readonly string[], compute: () => T): T {
  let m = MEMO.get(index);
  if (!m) MEMO.set(index, (m = new Map()));
  const key = index.kindsKey(kinds);
  const hit = m.get(name);
  if (hit && hit.key === key) return hit.value as T;
  const value = compute();
  m.set(name, { key, value });
  return value;
}

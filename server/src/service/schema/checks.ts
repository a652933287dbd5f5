/**
 * The schema checks. Built-in kinds are a `local` check (the data depends on the document and the target
 * version only). Custom resources are a `workspace` check that reads kind CustomResourceDefinition: a CRD in
 * the workspace gives its kinds a schema and wins over the bundled CRD of the same group and kind.
 */
import type { Node } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { knownString } from '@shared/manifest/templates';
import { builtinSchema, crdRoot, findCrd, targetMinor, type RootSchema } from './store';
import { isBuiltInGroup } from '@shared/manifest/documentKind';
import { validateObject } from './validator';
import { nameFormat, nameProblem } from './names';
import { DOMAIN_SCHEMA_KINDS } from './domainKinds';
import { posix } from 'path';
import { keyString, pairs, toPlain } from '@shared/manifest/yamlNodes';
import { enclosingConditions } from '@shared/manifest/template';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

/** Groups whose documents are a tool's configuration, not API objects (no schema, no hint). */
const TOOL_GROUPS =
  /(^|\.)(kustomize\.config\.k8s\.io|config\.k8s\.io|kind\.x-k8s\.io|kubeadm\.k8s\.io|kubelet\.config\.k8s\.io|kubeproxy\.config\.k8s\.io|audit\.k8s\.io|apiserver\.config\.k8s\.io|eksctl\.io|skaffold\.dev|helm\.sh|tilt\.dev|kpt\.dev)$/;

/** Whether the file is left to Red Hat's YAML extension (auto mode, its Kubernetes schema association). */
export function skippedFile(uri: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const p = decodeURIComponent(uri.replace(/^file:\/\//, ''));
  return globs.some((g) => globRegex(g).test(p));
}

const globs = new Map<string, RegExp>();
/** A `yaml.schemas` glob matched against the end of the path (Red Hat's globs are workspace-relative). */
function globRegex(g: string): RegExp {
  let re = globs.get(g);
  if (!re) {
    const body = g
      .replace(/^\.?\//, '')
      .split(/(\*\*\/?|\*|\?)/)
      .map((part) =>
        part === '**/' || part === '**'
          ? '(?:.*/)?' + (part === '**' ? '.*' : '')
          : part === '*'
            ? '[^/]*'
            : part === '?'
              ? '[^/]'
              : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    re = new RegExp(`(^|/)${body}$`);
    globs.set(g, re);
  }
  return re;
}

/**
 * Partial objects are not judged for missing fields: Kustomize patches (by their file name, the convention
 * every layout we met follows) and documents with strategic-merge directives.
 */
function isPartial(obj: K8sObject, index?: WorkspaceIndex): boolean {
  if (/patch/i.test(obj.uri.slice(obj.uri.lastIndexOf('/', obj.uri.lastIndexOf('/') - 1) + 1)) || /^\s*\$patch\s*:/m.test(obj.chunk.text))
    return true;
  return index !== undefined && kustomizePatches(index).has(obj.uri);
}

/** Files that a kustomization of the workspace applies as patches (once per generation of that kind). */
const patchCache = new WeakMap<WorkspaceIndex, { key: string; uris: Set<string> }>();
function kustomizePatches(index: WorkspaceIndex): Set<string> {
  const key = index.kindsKey(['Kustomization']);
  const hit = patchCache.get(index);
  if (hit && hit.key === key) return hit.uris;
  const uris = new Set<string>();
  for (const k of index.byKind('Kustomization')) {
    if (!k.apiVersion?.startsWith('kustomize.config.k8s.io/')) continue;
    const dir = k.uri.slice(0, k.uri.lastIndexOf('/'));
    const add = (p: unknown) => {
      if (typeof p === 'string' && !p.includes('://')) uris.add(posix.normalize(`${dir}/${p}`).replace(/^file:\/(?!\/)/, 'file:///'));
    };
    const plain = toPlain(k.root, k.doc) as Record<string, unknown> | undefined;
    for (const field of ['patches', 'patchesJson6902'])
      for (const e of Array.isArray(plain?.[field]) ? (plain![field] as unknown[]) : []) add((e as { path?: unknown })?.path);
    for (const e of Array.isArray(plain?.patchesStrategicMerge) ? (plain!.patchesStrategicMerge as unknown[]) : []) add(e);
  }
  patchCache.set(index, { key, uris });
  return uris;
}

function applies(ctx: { settings: CheckContext['settings'] }, obj: K8sObject): boolean {
  if (
    !ctx.settings.schemaValidation ||
    !obj.apiVersion ||
    !obj.kind ||
    !knownString(obj.node(['apiVersion'])) ||
    !knownString(obj.node(['kind']))
  )
    return false;
  if (DOMAIN_SCHEMA_KINDS.has(`${obj.group}/${obj.kind}`)) return false;
  // A document the parser could not read cleanly is not judged field by field (the syntax error says it).
  if (obj.doc.errors.length > 0) return false;
  // A template whose top level repeats a key (`kind:` in an `if` and again in its `else`) holds alternative
  // objects side by side: none of them is the document as written.
  return !(obj.hasTemplateLines && (repeatsTopLevelKey(obj) || conditionalKind(obj)));
}

/**
 * A template that picks its kind in an `if` (`kind: StatefulSet` in one branch, `kind: Deployment` in the
 * other) has fields for each kind under their own conditions: no one schema is the document's.
 */
function conditionalKind(obj: K8sObject): boolean {
  const kindStart = obj.node(['kind'])?.range?.[0];
  const docStart = obj.root?.range?.[0];
  if (kindStart === undefined || docStart === undefined) return false;
  return enclosingConditions(obj.chunk.source, kindStart).length > enclosingConditions(obj.chunk.source, docStart).length;
}

function repeatsTopLevelKey(obj: K8sObject): boolean {
  const seen = new Set<string>();
  for (const p of pairs(obj.root)) {
    const k = keyString(p);
    if (k === undefined) continue;
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

function run(ctx: CheckContext, root: RootSchema, builtin: boolean, only?: 'required' | 'other'): void {
  const { obj } = ctx;
  if (only === 'required' && isPartial(obj, ctx.index)) return;
  validateObject(root.type, {
    minor: root.minor,
    table: root.table,
    obj,
    kind: obj.kind!,
    only,
    partial: only === undefined && isPartial(obj, ctx.index),
    report: (code, at, message, fix, severity) =>
      ctx.report(code, at, message, {
        severity,
        fixes: fix ? [{ title: fix.title, edits: [{ start: fix.start, end: fix.end, newText: fix.newText }], preferred: true }] : undefined,
      }),
  });
  if (only === 'required') return;
  const nameNode = obj.node(['metadata', 'name']);
  const name = knownString(nameNode);
  const format = nameFormat(obj.kind!, builtin);
  if (name !== undefined && format) {
    const problem = nameProblem(name, format, obj.kind!);
    if (problem) ctx.report('schema-name-format', nameNode as Node, `metadata.name "${name}" ${problem}`);
  }
}

export const builtinSchemaCheck: Check = {
  id: 'schema.builtin',
  scope: 'local',
  appliesTo: (o) => o.isManifest && o.apiVersion !== undefined && isBuiltInGroup(o.group),
  run(ctx) {
    const { obj, settings } = ctx;
    if (!applies(ctx, obj) || skippedFile(obj.uri, settings.schemaSkipGlobs)) return;
    const minor = targetMinor(settings.kubernetesVersion);
    const root = builtinSchema(obj.apiVersion!, obj.kind!, minor);
    if (!root) return; // removed or unknown versions: the core module's apiVersion checks speak
    if (root.served && minor < root.served[0]) {
      ctx.report(
        'schema-field-not-in-version',
        obj.node(['apiVersion']) as Node,
        `${obj.apiVersion} ${obj.kind} is served from Kubernetes 1.${root.served[0]} on; the target version is 1.${minor} (eksManifests.kubernetesVersion)`,
      );
      return;
    }
    if (root.served && minor > root.served[1]) return;
    run(ctx, root, true, 'other');
  },
};

/** Required fields of built-in kinds: a workspace check, since a kustomization may apply the file as a patch. */
export const builtinRequiredCheck: Check = {
  id: 'schema.builtinRequired',
  scope: 'workspace',
  reads: ['Kustomization'],
  appliesTo: (o) => o.isManifest && o.apiVersion !== undefined && isBuiltInGroup(o.group),
  run(ctx) {
    const { obj, settings } = ctx;
    if (!applies(ctx, obj) || skippedFile(obj.uri, settings.schemaSkipGlobs)) return;
    const minor = targetMinor(settings.kubernetesVersion);
    const root = builtinSchema(obj.apiVersion!, obj.kind!, minor);
    if (!root || (root.served && (minor < root.served[0] || minor > root.served[1]))) return;
    run(ctx, root, true, 'required');
  },
};

export const crdSchemaCheck: Check = {
  id: 'schema.crd',
  scope: 'workspace',
  reads: ['CustomResourceDefinition', 'Kustomization'],
  appliesTo: (o) => o.isManifest && o.apiVersion !== undefined && o.apiVersion.includes('/') && !isBuiltInGroup(o.group),
  run(ctx) {
    const { obj, settings } = ctx;
    if (!applies(ctx, obj) || skippedFile(obj.uri, settings.schemaSkipGlobs)) return;
    if (TOOL_GROUPS.test(obj.group)) return;
    const found = findCrd(obj.group, obj.kind!, ctx.index);
    if (!found) {
      // Groups a domain module reads (older Karpenter kinds, EKS NodeClass): it speaks for them.
      if (/^(karpenter\.sh|karpenter\.k8s\.aws|eks\.amazonaws\.com)$/.test(obj.group)) return;
      ctx.report(
        'schema-unknown-kind',
        obj.node(['kind']) as Node,
        `No schema is known for ${obj.apiVersion} ${obj.kind}: its fields are not checked. Add its CustomResourceDefinition to the workspace to check them.`,
      );
      return;
    }
    const version = obj.apiVersion!.slice(obj.apiVersion!.indexOf('/') + 1);
    const v = found.crd.vs.find((x) => x.n === version);
    if (!v || !v.sv) {
      const served = found.crd.vs.filter((x) => x.sv).map((x) => `${found.crd.g}/${x.n}`);
      // A bundled CRD is one release of its controller: an older release may still serve this version, so
      // that is a warning; the workspace's own CRD is what the cluster gets, an error.
      const bundled = found.origin === 'workspace' ? findCrd(obj.group, obj.kind!, undefined) : undefined;
      const bundledServes = bundled?.crd.vs.some((x) => x.n === version && x.sv) ?? false;
      const bundledRelease =
        found.origin === 'bundled'
          ? found.source
              .split(' ')
              .slice(0, 3)
              .join(' ')
              .replace(/ \S+\.ya?ml /, ' ')
          : '';
      ctx.report(
        'schema-version-not-served',
        obj.node(['apiVersion']) as Node,
        found.origin === 'workspace'
          ? `${obj.apiVersion} is not served by the ${obj.kind} CustomResourceDefinition in the workspace; served: ${served.join(', ') || 'none'}${
              bundledServes
                ? ` (a newer release serves it: ${bundled!.source
                    .split(' ')
                    .slice(0, 3)
                    .join(' ')
                    .replace(/ \S+\.ya?ml /, ' ')} — update the CRD)`
                : ''
            }`
          : `${obj.apiVersion} is not served by ${obj.kind} in ${bundledRelease} (served: ${served.join(', ') || 'none'}); older releases may serve it — add the CRD you run to the workspace to check against it`,
        found.origin === 'bundled' || bundledServes ? { severity: 'warning' } : undefined,
      );
      return;
    }
    const root = crdRoot(found, version, targetMinor(settings.kubernetesVersion));
    if (root) run(ctx, root, false);
  },
};

/**
 * The schema checks. Built-in kinds are a `local` check (the data depends on the document and the target
 * version only). Custom resources are a `workspace` check that reads kind CustomResourceDefinition: a CRD in
 * the workspace gives its kinds a schema and wins over the bundled CRD of the same group and kind.
 */
import type { Node } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { K8sObject } from '../model/k8sObject';
import { knownString } from '../model/templates';
import { builtinSchema, crdRoot, findCrd, isBuiltinGroup, targetMinor, type RootSchema } from './store';
import { validateObject } from './validator';
import { nameFormat, nameProblem } from './names';

/** Groups whose documents are a tool's configuration, not API objects (no schema, no hint). */
const TOOL_GROUPS = /(^|\.)(kustomize\.config\.k8s\.io|config\.k8s\.io|kind\.x-k8s\.io|kubeadm\.k8s\.io|kubelet\.config\.k8s\.io|kubeproxy\.config\.k8s\.io|audit\.k8s\.io|apiserver\.config\.k8s\.io|eksctl\.io|skaffold\.dev|helm\.sh|tilt\.dev|kpt\.dev)$/;

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
    const body = g.replace(/^\.?\//, '').split(/(\*\*\/?|\*|\?)/).map((part) => part === '**/' || part === '**' ? '(?:.*/)?' + (part === '**' ? '.*' : '') : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('');
    re = new RegExp(`(^|/)${body}$`);
    globs.set(g, re);
  }
  return re;
}

/**
 * Partial objects are not judged for missing fields: Kustomize patches (by their file name, the convention
 * every layout we met follows) and documents with strategic-merge directives.
 */
function isPartial(obj: K8sObject): boolean {
  return /patch/i.test(obj.uri.slice(obj.uri.lastIndexOf('/') + 1)) || /^\s*\$patch\s*:/m.test(obj.chunk.text);
}

function applies(ctx: { settings: CheckContext['settings'] }, obj: K8sObject): boolean {
  if (!ctx.settings.schemaValidation || !obj.apiVersion || !obj.kind || !knownString(obj.node(['apiVersion'])) || !knownString(obj.node(['kind']))) return false;
  // A document the parser could not read cleanly is not judged field by field (the syntax error says it).
  return obj.doc.errors.length === 0;
}

function run(ctx: CheckContext, root: RootSchema, builtin: boolean): void {
  const { obj } = ctx;
  validateObject(root.type, {
    minor: root.minor, table: root.table, obj, kind: obj.kind!, partial: isPartial(obj),
    report: (code, at, message, fix) => ctx.report(code, at, message, fix ? { fixes: [{ title: fix.title, edits: [{ start: fix.start, end: fix.end, newText: fix.newText }], preferred: true }] } : undefined),
  });
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
  appliesTo: (o) => o.isManifest && o.apiVersion !== undefined && isBuiltinGroup(o.group),
  run(ctx) {
    const { obj, settings } = ctx;
    if (!applies(ctx, obj) || skippedFile(obj.uri, settings.schemaSkipGlobs)) return;
    const minor = targetMinor(settings.kubernetesVersion);
    const root = builtinSchema(obj.apiVersion!, obj.kind!, minor);
    if (!root) return; // removed or unknown versions: the core module's apiVersion checks speak
    if (root.served && minor < root.served[0]) {
      ctx.report('schema-field-not-in-version', obj.node(['apiVersion']) as Node, `${obj.apiVersion} ${obj.kind} is served from Kubernetes 1.${root.served[0]} on; the target version is 1.${minor} (eksManifests.kubernetesVersion)`);
      return;
    }
    if (root.served && minor > root.served[1]) return;
    run(ctx, root, true);
  },
};

export const crdSchemaCheck: Check = {
  id: 'schema.crd',
  scope: 'workspace',
  reads: ['CustomResourceDefinition'],
  appliesTo: (o) => o.isManifest && o.apiVersion !== undefined && o.apiVersion.includes('/') && !isBuiltinGroup(o.group),
  run(ctx) {
    const { obj, settings } = ctx;
    if (!applies(ctx, obj) || skippedFile(obj.uri, settings.schemaSkipGlobs)) return;
    if (TOOL_GROUPS.test(obj.group)) return;
    const found = findCrd(obj.group, obj.kind!, ctx.index);
    if (!found) {
      ctx.report('schema-unknown-kind', obj.node(['kind']) as Node, `No schema is known for ${obj.apiVersion} ${obj.kind}: its fields are not checked. Add its CustomResourceDefinition to the workspace to check them.`);
      return;
    }
    const version = obj.apiVersion!.slice(obj.apiVersion!.indexOf('/') + 1);
    const v = found.crd.vs.find((x) => x.n === version);
    if (!v || !v.sv) {
      const served = found.crd.vs.filter((x) => x.sv).map((x) => `${found.crd.g}/${x.n}`);
      ctx.report('schema-version-not-served', obj.node(['apiVersion']) as Node, `${obj.apiVersion} is not served by the ${obj.kind} CustomResourceDefinition (${found.origin === 'workspace' ? 'in the workspace' : 'bundled'}); served: ${served.join(', ') || 'none'}`);
      return;
    }
    const root = crdRoot(found, version, targetMinor(settings.kubernetesVersion));
    if (root) run(ctx, root, false);
  },
};

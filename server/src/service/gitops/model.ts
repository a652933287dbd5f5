/** Reading Flux and Argo CD objects: kinds, references and the fields the checks look at. Total over any YAML. */
import { isMap, isScalar, isSeq, type Node, type YAMLSeq } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { resolve } from '@shared/manifest/yamlNodes';
import { knownString, isUnknownNode } from '@shared/manifest/templates';
import { FLUX_GROUPS } from './fluxApis';

export const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const HELM_GROUP = 'helm.toolkit.fluxcd.io';
export const ARGO_GROUP = 'argoproj.io';

export function isFlux(o: K8sObject): boolean {
  return FLUX_GROUPS.has(o.group);
}
export function isFluxKustomization(o: K8sObject): boolean {
  return o.kind === 'Kustomization' && o.group === KUSTOMIZE_GROUP;
}
export function isHelmRelease(o: K8sObject): boolean {
  return o.kind === 'HelmRelease' && o.group === HELM_GROUP;
}
export function isGitRepository(o: K8sObject): boolean {
  return o.kind === 'GitRepository' && o.group === SOURCE_GROUP;
}
export function isArgoApplication(o: K8sObject): boolean {
  return o.kind === 'Application' && o.group === ARGO_GROUP;
}
export function isArgoApplicationSet(o: K8sObject): boolean {
  return o.kind === 'ApplicationSet' && o.group === ARGO_GROUP;
}
export function isArgoProject(o: K8sObject): boolean {
  return o.kind === 'AppProject' && o.group === ARGO_GROUP;
}

export function items(node: unknown, o: K8sObject): Node[] {
  const n = resolve(node, o.doc);
  if (!isSeq(n)) return [];
  const out: Node[] = [];
  for (const it of (n as YAMLSeq).items) {
    const r = resolve(it, o.doc);
    if (r) out.push(r);
  }
  return out;
}

export function str(node: unknown): string | undefined {
  return knownString(node);
}

/** A reference to another object (sourceRef, dependsOn entry, chartRef) with the node to report at. */
export interface Ref {
  kind?: string;
  name?: string;
  namespace?: string;
  node: Node;
  nameNode?: Node;
}

export function refAt(o: K8sObject, node: Node | undefined, defaultKind?: string): Ref | undefined {
  if (!isMap(node)) return undefined;
  const get = (k: string) =>
    resolve(node.items.find((p) => isScalar(p.key) && String((p.key as { value: unknown }).value) === k)?.value, o.doc);
  const nameNode = get('name');
  if (isUnknownNode(nameNode) || isUnknownNode(get('namespace')) || isUnknownNode(get('kind'))) return undefined;
  return {
    kind: str(get('kind')) ?? defaultKind,
    name: str(nameNode),
    namespace: str(get('namespace')) ?? o.namespace,
    node,
    nameNode: nameNode ?? undefined,
  };
}

/** The Argo CD Application spec of an Application, or the template spec of an ApplicationSet. */
export function argoAppSpecPath(o: K8sObject): (string | number)[] | undefined {
  if (isArgoApplication(o)) return ['spec'];
  if (isArgoApplicationSet(o)) return ['spec', 'template', 'spec'];
  return undefined;
}

/** A repository URL in a comparable form (scheme, `.git` and trailing slashes dropped, host lower-cased). */
export function normalizeRepoUrl(url: string): string {
  let u = url
    .trim()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  u = u
    .replace(/^(https?|ssh|git):\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d)/, '$1/');
  const slash = u.indexOf('/');
  return slash < 0 ? u.toLowerCase() : u.slice(0, slash).toLowerCase() + u.slice(slash);
}

/**
 * Reading IAM-for-Pods settings: the IRSA annotations of a ServiceAccount, Pod (template) annotations, a
 * workload's ServiceAccount, and the ServiceAccounts of the workspace (files and eksctl `iam.serviceAccounts`),
 * indexed once per generation. Total over any YAML.
 */
import type { Node } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { annotationsAt, type Annotation } from '../model/annotations';
import { isUnknownNode, isUnknownText } from '@shared/manifest/templates';
import { sameNamespace } from '@shared/manifest/k8sObject';
import { closest, editDistance } from '../catalog/types';
import { IRSA_ANNOTATIONS, IRSA_PREFIX } from './catalog';
import { clusterConfigsIn, type EksctlServiceAccount, type PodIdentityAssociation } from './clusterConfig';

export function isServiceAccount(o: K8sObject): boolean {
  return o.kind === 'ServiceAccount' && o.group === '' && (o.apiVersion === 'v1' || o.apiVersion === undefined);
}

const NAMES = IRSA_ANNOTATIONS.names();
const norm = (s: string) => s.toLowerCase().replace(/[-_.]/g, '');

/**
 * The IRSA annotation a key most likely meant, when it is a near miss (a different prefix close to
 * `eks.amazonaws.com`, or a known name misspelt); undefined for exact keys and unrelated annotations.
 */
export function irsaNearMiss(key: string, allowed: readonly string[] = NAMES): string | undefined {
  const slash = key.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const prefix = key.slice(0, slash);
  const name = key.slice(slash + 1);
  const exactPrefix = prefix === IRSA_PREFIX.slice(0, -1);
  if (exactPrefix && allowed.includes(name)) return undefined;
  const prefixClose = exactPrefix || (editDistance(prefix.toLowerCase(), 'eks.amazonaws.com') <= 4 && /eks|amazon/i.test(prefix));
  if (!prefixClose) return undefined;
  const byNorm = allowed.find((n) => norm(n) === norm(name));
  const guess = byNorm ?? closest(name, allowed, 1)[0];
  if (!guess) return undefined;
  const candidate = IRSA_PREFIX + guess;
  return candidate === key ? undefined : candidate;
}

// ───────────────────────────── the workspace's ServiceAccounts ─────────────────────────────

export interface SaEntry {
  name: string;
  namespace?: string;
  obj?: K8sObject;
  eksctl?: EksctlServiceAccount;
  roleArn?: string;
  roleArnNode?: Node;
}

interface SaTable {
  key: string;
  byName: Map<string, SaEntry[]>;
  /** Namespaces (or '' for objects without one) that declare ServiceAccounts in files, with known names. */
  declared: Set<string>;
  /** Namespaces ('*' for any) holding a ServiceAccount whose name or namespace is a template. */
  unknownIn: Set<string>;
  associations: PodIdentityAssociation[];
}

const SA_KINDS = ['ServiceAccount', 'ClusterConfig'] as const;
export const SERVICE_ACCOUNT_READS: readonly string[] = SA_KINDS;
const saCache = new WeakMap<WorkspaceIndex, SaTable>();

export function serviceAccountTable(index: WorkspaceIndex): SaTable {
  const key = index.kindsKey(SA_KINDS);
  const hit = saCache.get(index);
  if (hit && hit.key === key) return hit;
  const byName = new Map<string, SaEntry[]>();
  const declared = new Set<string>();
  const unknownIn = new Set<string>();
  const add = (e: SaEntry) => {
    const l = byName.get(e.name);
    if (l) l.push(e);
    else byName.set(e.name, [e]);
  };
  for (const o of index.byKind('ServiceAccount')) {
    if (!isServiceAccount(o)) continue;
    const nameNode = o.node(['metadata', 'name']);
    const nsNode = o.node(['metadata', 'namespace']);
    if (isUnknownNode(nsNode)) {
      unknownIn.add('*');
      continue;
    }
    if (!o.name || isUnknownNode(nameNode) || isUnknownText(o.name)) {
      unknownIn.add(o.namespace ?? '');
      continue;
    }
    declared.add(o.namespace ?? '');
    const role = annotationsAt(o, ['metadata', 'annotations']).find((a) => a.key === `${IRSA_PREFIX}role-arn`);
    add({ name: o.name, namespace: o.namespace, obj: o, roleArn: role?.value, roleArnNode: role?.valueNode });
  }
  const associations: PodIdentityAssociation[] = [];
  for (const c of clusterConfigsIn(index)) {
    for (const sa of c.serviceAccounts) if (sa.name) add({ name: sa.name, namespace: sa.namespace, eksctl: sa });
    for (const a of c.associations) {
      if (a.createsServiceAccount && a.serviceAccountName)
        add({
          name: a.serviceAccountName,
          namespace: a.namespace,
          eksctl: { config: c.obj, node: a.node, name: a.serviceAccountName, namespace: a.namespace },
        });
    }
    associations.push(...c.associations);
  }
  const t: SaTable = { key, byName, declared, unknownIn, associations };
  saCache.set(index, t);
  return t;
}

/** ServiceAccounts named `name` that a workload in `namespace` may use. */
export function serviceAccountsFor(index: WorkspaceIndex, name: string, namespace: string | undefined): SaEntry[] {
  return (serviceAccountTable(index).byName.get(name) ?? []).filter((e) => sameNamespace(e.namespace, namespace));
}

/** Pod Identity associations for a ServiceAccount. */
export function associationsFor(index: WorkspaceIndex, name: string, namespace: string | undefined): PodIdentityAssociation[] {
  return clusterConfigsIn(index)
    .flatMap((c) => c.associations)
    .filter((a) => a.serviceAccountName === name && a.namespace !== undefined && sameNamespace(a.namespace, namespace ?? undefined));
}

/** The annotations of an object's own metadata. */
export function annotationsFor(o: K8sObject): Annotation[] {
  return annotationsAt(o, ['metadata', 'annotations']);
}

export { annotationsAt, type Annotation };

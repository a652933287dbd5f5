/**
 * A small reader of eksctl ClusterConfig files (`eksctl.io/v1alpha5`, kind ClusterConfig) for what the identity
 * and storage checks need: Pod Identity associations, IAM service accounts eksctl creates, Auto Mode and the
 * add-ons. The eksctl module validates these files; this reader only looks up values (schema: eksctl-io/eksctl
 * pkg/apis/eksctl.io/v1alpha5 types, `iam.podIdentityAssociations[]`, `iam.serviceAccounts[].metadata`,
 * `autoModeConfig.enabled`, `addons[].name`). Cached per generation of the workspace's ClusterConfigs.
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { child, keyString, pairs, resolve, scalarString } from '@shared/manifest/yamlNodes';
import { isUnknownNode } from '@shared/manifest/templates';

export interface PodIdentityAssociation {
  config: K8sObject;
  namespace?: string;
  serviceAccountName?: string;
  roleARN?: string;
  /** `createServiceAccount: true`: eksctl creates the ServiceAccount. */
  createsServiceAccount: boolean;
  /** The association's map node. */
  node: Node;
  /** An association added to an add-on (`addons[].podIdentityAssociations`). */
  addon?: string;
}

export interface EksctlServiceAccount {
  config: K8sObject;
  name?: string;
  namespace?: string;
  node: Node;
}

export interface ClusterConfigView {
  obj: K8sObject;
  name?: string;
  /** `autoModeConfig.enabled`: absent is false in a file that creates the cluster; undefined when templated or in a fragment. */
  autoMode?: boolean;
  addons: string[];
  associations: PodIdentityAssociation[];
  serviceAccounts: EksctlServiceAccount[];
}

export function isClusterConfig(o: K8sObject): boolean {
  return o.kind === 'ClusterConfig' && o.apiVersion === 'eksctl.io/v1alpha5';
}

function known(n: Node | undefined): string | undefined {
  return isUnknownNode(n) ? undefined : scalarString(n);
}

function associationsAt(obj: K8sObject, seq: Node | undefined, addon?: string, defaultSa?: string): PodIdentityAssociation[] {
  if (!isSeq(seq)) return [];
  const out: PodIdentityAssociation[] = [];
  for (const raw of seq.items.slice(0, 500)) {
    const m = resolve(raw, obj.doc);
    if (!isMap(m)) continue;
    out.push({
      config: obj,
      node: m,
      addon,
      namespace: known(child(m, 'namespace', obj.doc)),
      serviceAccountName: known(child(m, 'serviceAccountName', obj.doc)) ?? defaultSa,
      roleARN: known(child(m, 'roleARN', obj.doc)),
      createsServiceAccount: known(child(m, 'createServiceAccount', obj.doc)) === 'true',
    });
  }
  return out;
}

export function readClusterConfig(obj: K8sObject): ClusterConfigView {
  const doc = obj.doc;
  const root = obj.root;
  const enabled = obj.node(['autoModeConfig', 'enabled']);
  const en = known(enabled);
  const addonsNode = child(root, 'addons', doc);
  const addons: string[] = [];
  const associations = associationsAt(obj, obj.node(['iam', 'podIdentityAssociations']));
  if (isSeq(addonsNode)) {
    for (const raw of addonsNode.items.slice(0, 200)) {
      const a = resolve(raw, doc);
      const name = known(child(a, 'name', doc));
      if (name) addons.push(name);
      associations.push(...associationsAt(obj, child(a, 'podIdentityAssociations', doc), name));
    }
  }
  const serviceAccounts: EksctlServiceAccount[] = [];
  const sas = obj.node(['iam', 'serviceAccounts']);
  if (isSeq(sas)) {
    for (const raw of sas.items.slice(0, 500)) {
      const m = resolve(raw, doc);
      const meta = child(m, 'metadata', doc);
      if (!isMap(m)) continue;
      serviceAccounts.push({
        config: obj,
        node: m,
        name: known(child(meta, 'name', doc)),
        namespace: known(child(meta, 'namespace', doc)) ?? 'default',
      });
    }
  }
  return {
    obj,
    name: known(obj.node(['metadata', 'name'])),
    autoMode:
      en === 'true'
        ? true
        : en === 'false'
          ? false
          : enabled === undefined && !pairs(root).some((p) => keyString(p) === 'autoModeConfig') && definesCluster(obj)
            ? false
            : undefined,
    addons,
    associations,
    serviceAccounts,
  };
}

/**
 * Top-level fields only `eksctl create cluster` reads. A file without any of them (and without
 * `metadata.version`) is a fragment for `eksctl create nodegroup|addon|iamserviceaccount -f` against an
 * existing cluster: it says nothing of that cluster's Auto Mode (the EKS Workshop's graviton nodegroup.yaml).
 */
const CLUSTER_ONLY_FIELDS = new Set([
  'vpc',
  'availabilityZones',
  'kubernetesNetworkConfig',
  'privateCluster',
  'accessConfig',
  'secretsEncryption',
  'cloudWatch',
  'fargateProfiles',
  'karpenter',
  'zonalShiftConfig',
  'remoteNetworkConfig',
  'outpost',
]);

function definesCluster(obj: K8sObject): boolean {
  return obj.node(['metadata', 'version']) !== undefined || pairs(obj.root).some((p) => CLUSTER_ONLY_FIELDS.has(keyString(p) ?? ''));
}

const cache = new WeakMap<WorkspaceIndex, { key: number; views: ClusterConfigView[] }>();

/** Every eksctl ClusterConfig of the workspace, read once per change of the workspace's ClusterConfigs. */
export function clusterConfigsIn(index: WorkspaceIndex): ClusterConfigView[] {
  const key = index.kindGeneration('ClusterConfig');
  const hit = cache.get(index);
  if (hit && hit.key === key) return hit.views;
  const views = index.byKind('ClusterConfig').filter(isClusterConfig).map(readClusterConfig);
  cache.set(index, { key, views });
  return views;
}

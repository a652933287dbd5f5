/**
 * Cross-document storage checks: the EBS provisioner against the cluster the workspace describes (EKS Auto Mode
 * or not), and claims that name classes the workspace does not declare. Every table is built once per
 * generation of the kinds it reads.
 */
import type { Node } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { closest } from '../catalog/types';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import { replaceScalarFix } from '../model/edits';
import { isAutoMode, isAutoModeNodeClass, isNodePoolV1 } from '../nodepool/model';
import { clusterConfigsIn } from '../identity/clusterConfig';
import { AUTO_MODE_EBS, EBS_CSI } from './catalog';
import { claimsOf, driverField, ebsDriverOf, isStorageClass, isStorageObject, isVolumeAttributesClass } from './model';

// ───────────────────────────── what cluster does the workspace describe? ─────────────────────────────

interface ClusterFacts {
  key: string;
  /** Objects that show the workspace targets EKS Auto Mode. */
  autoEvidence: { obj: K8sObject; why: string }[];
  /** Objects that show the self-managed EBS CSI driver is installed. */
  driverEvidence: { obj: K8sObject; why: string }[];
  /** The one eksctl cluster of the workspace when there is exactly one, with Auto Mode off. */
  nonAutoCluster?: K8sObject;
}

const CLUSTER_KINDS = ['NodePool', 'NodeClass', 'ClusterConfig', 'CSIDriver'] as const;
const factsCache = new WeakMap<WorkspaceIndex, ClusterFacts>();

function clusterFacts(index: WorkspaceIndex): ClusterFacts {
  const key = index.kindsKey(CLUSTER_KINDS);
  const hit = factsCache.get(index);
  if (hit && hit.key === key) return hit;
  const autoEvidence: ClusterFacts['autoEvidence'] = [];
  const driverEvidence: ClusterFacts['driverEvidence'] = [];
  for (const np of index.byKind('NodePool'))
    if (isNodePoolV1(np) && isAutoMode(np)) {
      autoEvidence.push({ obj: np, why: `NodePool ${np.name ?? ''} uses an EKS Auto Mode NodeClass` });
      break;
    }
  for (const nc of index.byKind('NodeClass'))
    if (isAutoModeNodeClass(nc)) {
      autoEvidence.push({ obj: nc, why: `NodeClass ${nc.name ?? ''} (eks.amazonaws.com) is an EKS Auto Mode NodeClass` });
      break;
    }
  const configs = clusterConfigsIn(index);
  for (const c of configs) {
    if (c.autoMode === true) autoEvidence.push({ obj: c.obj, why: `eksctl cluster ${c.name ?? ''} enables autoModeConfig` });
    if (c.addons.includes('aws-ebs-csi-driver'))
      driverEvidence.push({ obj: c.obj, why: `eksctl cluster ${c.name ?? ''} installs the aws-ebs-csi-driver add-on` });
  }
  for (const d of index.byKind('CSIDriver'))
    if (d.name === EBS_CSI) driverEvidence.push({ obj: d, why: `CSIDriver ${EBS_CSI} is installed from this workspace` });
  const names = new Set(configs.map((c) => c.name ?? ''));
  const nonAutoCluster = configs.length > 0 && names.size === 1 && configs.every((c) => c.autoMode === false) ? configs[0].obj : undefined;
  const facts: ClusterFacts = { key, autoEvidence, driverEvidence, nonAutoCluster };
  factsCache.set(index, facts);
  return facts;
}

function related(obj: K8sObject, message: string) {
  const r = nodeRange(obj.node(['metadata', 'name'])) ?? obj.documentOffsets();
  return { uri: obj.uri, chunk: obj.chunk, start: r[0], end: r[1], message };
}

export const storageProvisionerClusterCheck: Check = {
  id: 'storage.provisionerCluster',
  scope: 'workspace',
  reads: CLUSTER_KINDS,
  appliesTo: isStorageObject,
  run(ctx) {
    const drv = ebsDriverOf(ctx.obj);
    if (!drv.kind || !drv.node) return;
    const f = driverField(ctx.obj)!;
    const facts = clusterFacts(ctx.index);
    if ((drv.kind === 'ebs' || drv.kind === 'in-tree') && facts.autoEvidence.length && !facts.driverEvidence.length) {
      const ev = facts.autoEvidence[0];
      const fix = replaceScalarFix(ctx.obj.chunk.text, drv.node, AUTO_MODE_EBS, `Change to ${AUTO_MODE_EBS}`);
      ctx.report(
        'ebs-provisioner-mismatch',
        drv.node,
        `This workspace targets EKS Auto Mode (${ev.why}), whose nodes attach only volumes of ${AUTO_MODE_EBS}; ${drv.value} needs the self-managed EBS CSI driver, which nothing here installs, so claims stay Pending or their Pods cannot start on Auto Mode nodes. Use ${f}: ${AUTO_MODE_EBS}, or install the aws-ebs-csi-driver add-on for non-Auto Mode nodes.`,
        { fixes: fix ? [fix] : undefined, related: facts.autoEvidence.map((e) => related(e.obj, e.why)) },
      );
      return;
    }
    if (drv.kind === 'auto' && facts.nonAutoCluster && !facts.autoEvidence.length) {
      const fix = replaceScalarFix(ctx.obj.chunk.text, drv.node, EBS_CSI, `Change to ${EBS_CSI}`);
      const name = facts.nonAutoCluster.name ?? '';
      ctx.report(
        'ebs-provisioner-mismatch',
        drv.node,
        `${AUTO_MODE_EBS} is EKS Auto Mode's block storage, but the eksctl cluster ${name} of this workspace does not enable Auto Mode: nothing provisions these volumes and claims stay Pending. Use ${f}: ${EBS_CSI} with the EBS CSI driver add-on, or enable autoModeConfig.`,
        { fixes: fix ? [fix] : undefined, related: [related(facts.nonAutoCluster, `eksctl cluster ${name} without Auto Mode`)] },
      );
    }
  },
};

// ───────────────────────────── claims → classes ─────────────────────────────

interface ClassTable {
  key: number;
  names: Set<string>;
  anyUnknown: boolean;
  objs: K8sObject[];
}
const classCache = new WeakMap<WorkspaceIndex, Map<string, ClassTable>>();

/** The names of the workspace's StorageClasses or VolumeAttributesClasses (cluster-scoped), per generation. */
function classTable(index: WorkspaceIndex, kind: 'StorageClass' | 'VolumeAttributesClass'): ClassTable {
  let m = classCache.get(index);
  if (!m) {
    m = new Map();
    classCache.set(index, m);
  }
  const key = index.kindGeneration(kind);
  const hit = m.get(kind);
  if (hit && hit.key === key) return hit;
  const objs = index.byKind(kind).filter(kind === 'StorageClass' ? isStorageClass : isVolumeAttributesClass);
  const names = new Set<string>();
  let anyUnknown = false;
  for (const o of objs) {
    const n = o.node(['metadata', 'name']);
    if (!o.name || isUnknownText(o.name) || (n && o.isOpen(n))) anyUnknown = true;
    else names.add(o.name);
  }
  const t: ClassTable = { key, names, anyUnknown, objs };
  m.set(kind, t);
  return t;
}

/**
 * Classes that exist on EKS clusters without being in any file: the `gp2` class EKS creates on standard
 * clusters, and `ebs-csi-default-sc`, which the EBS CSI driver's add-on and chart create when
 * `defaultStorageClass.enabled` is set (kubernetes-sigs/aws-ebs-csi-driver charts/aws-ebs-csi-driver/templates/
 * ebs-csi-default-sc.yaml; the EKS Workshop's claims name it).
 */
const BUILT_IN_STORAGE_CLASSES = new Set(['gp2', 'ebs-csi-default-sc']);

function checkClaimRef(
  ctx: CheckContext,
  kind: 'StorageClass' | 'VolumeAttributesClass',
  name: string | undefined,
  node: Node | undefined,
): void {
  if (name === undefined || name === '' || !node) return;
  if (kind === 'StorageClass' && BUILT_IN_STORAGE_CLASSES.has(name)) return;
  const t = classTable(ctx.index, kind);
  if (t.names.size === 0 || t.anyUnknown || t.names.has(name)) return;
  const guess = closest(name, t.names, 1)[0];
  const fix = guess ? replaceScalarFix(ctx.obj.chunk.text, node, guess, `Change to ${guess}`) : undefined;
  const list = [...t.names].slice(0, 5).join(', ') + (t.names.size > 5 ? ', …' : '');
  ctx.report(
    'storage-class-missing',
    node,
    `No ${kind} "${name}" in this workspace, which declares its ${kind === 'StorageClass' ? 'StorageClasses' : 'VolumeAttributesClasses'} (${list})${guess ? ` — did you mean "${guess}"?` : ''}. A claim naming a class that does not exist stays Pending. If the class is created elsewhere (another repository, a chart, the cluster), ignore this.`,
    { fixes: fix ? [fix] : undefined, related: t.objs.slice(0, 5).map((o) => related(o, `${kind} ${o.name ?? ''}`)) },
  );
}

/** A claim's VolumeAttributesClass must be for the driver that provisions its StorageClass (the resizer refuses others). */
function checkDriversAgree(ctx: CheckContext, scName: string | undefined, vacName: string | undefined, vacNode: Node | undefined): void {
  if (!scName || !vacName || !vacNode) return;
  const scs = classTable(ctx.index, 'StorageClass').objs.filter((o) => o.name === scName);
  const vacs = classTable(ctx.index, 'VolumeAttributesClass').objs.filter((o) => o.name === vacName);
  if (scs.length !== 1 || vacs.length !== 1) return;
  const p = ebsDriverOf(scs[0]);
  const d = ebsDriverOf(vacs[0]);
  if (!p.value || !d.value || (!p.kind && !d.kind)) return;
  const provisioner = p.kind === 'in-tree' ? EBS_CSI : p.value; // CSI migration: the PV's driver is ebs.csi.aws.com
  if (provisioner === d.value) return;
  ctx.report(
    'ebs-provisioner-mismatch',
    vacNode,
    `VolumeAttributesClass ${vacName} is for driver ${d.value}, but StorageClass ${scName} provisions this claim's volume with ${provisioner}: the external-provisioner refuses to create the volume ("VAC … is for driver … which does not match driver name"), and a later change to this class is not applied either.`,
    { related: [related(vacs[0], `driverName: ${d.value}`), related(scs[0], `provisioner: ${p.value}`)] },
  );
}

export const claimClassCheck: Check = {
  id: 'storage.claimClass',
  scope: 'workspace',
  reads: ['StorageClass', 'VolumeAttributesClass'],
  appliesTo: (o) => (o.kind === 'PersistentVolumeClaim' && o.group === '') || (o.kind === 'StatefulSet' && o.group === 'apps'),
  run(ctx) {
    for (const c of claimsOf(ctx.obj)) {
      checkClaimRef(ctx, 'StorageClass', c.storageClassName, c.storageClassNode);
      checkClaimRef(ctx, 'VolumeAttributesClass', c.vacName, c.vacNode);
      checkDriversAgree(ctx, c.storageClassName, c.vacName, c.vacNode);
    }
  },
};

export const STORAGE_WORKSPACE_CHECKS: Check[] = [storageProvisionerClusterCheck, claimClassCheck];

/**
 * Typed reading of the storage objects: StorageClass (`storage.k8s.io/v1`), VolumeAttributesClass
 * (`storage.k8s.io/v1alpha1|v1beta1|v1`), VolumeSnapshotClass (`snapshot.storage.k8s.io/v1`), and the claims
 * that name them (PersistentVolumeClaims and StatefulSet `volumeClaimTemplates`). Total over any YAML.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { keyString, pairs, resolve, scalarString } from '@shared/manifest/yamlNodes';
import { isUnknownNode } from '@shared/manifest/templates';
import { AUTO_MODE_EBS, EBS_CSI, IN_TREE_EBS } from './catalog';

export type ClassKind = 'StorageClass' | 'VolumeAttributesClass' | 'VolumeSnapshotClass';

export function isStorageClass(o: K8sObject): boolean {
  return o.kind === 'StorageClass' && o.group === 'storage.k8s.io';
}
export function isVolumeAttributesClass(o: K8sObject): boolean {
  return o.kind === 'VolumeAttributesClass' && o.group === 'storage.k8s.io';
}
export function isVolumeSnapshotClass(o: K8sObject): boolean {
  return o.kind === 'VolumeSnapshotClass' && o.group === 'snapshot.storage.k8s.io';
}
export function isStorageObject(o: K8sObject): boolean {
  return isStorageClass(o) || isVolumeAttributesClass(o) || isVolumeSnapshotClass(o);
}

/** The field that names the driver, per kind. */
export function driverField(o: K8sObject): 'provisioner' | 'driverName' | 'driver' | undefined {
  if (isStorageClass(o)) return 'provisioner';
  if (isVolumeAttributesClass(o)) return 'driverName';
  if (isVolumeSnapshotClass(o)) return 'driver';
  return undefined;
}

export type DriverKind = 'ebs' | 'auto' | 'in-tree';

/** Which EBS flavour a class uses, from its provisioner/driverName/driver (undefined: not EBS or unknown). */
export function ebsDriverOf(o: K8sObject): { kind?: DriverKind; value?: string; node?: Node } {
  const f = driverField(o);
  if (!f) return {};
  const node = o.node([f]);
  if (isUnknownNode(node)) return { node };
  const value = scalarString(node);
  const kind: DriverKind | undefined =
    value === EBS_CSI ? 'ebs' : value === AUTO_MODE_EBS ? 'auto' : value === IN_TREE_EBS ? 'in-tree' : undefined;
  return { kind, value, node };
}

/** One `parameters` entry. */
export interface Param {
  pair: Pair;
  key: string;
  keyNode: Node;
  /** The value's text when it is a known YAML string (not a template action or placeholder). */
  value?: string;
  valueNode?: Node;
  /** The value is a template action or placeholder. */
  unknown: boolean;
  /** The value is a YAML string (a number/boolean here is the schema's finding, not ours). */
  isString: boolean;
}

export function paramsOf(o: K8sObject): Param[] {
  const out: Param[] = [];
  const map = o.node(['parameters']);
  if (!isMap(map)) return out;
  for (const p of pairs(map)) {
    const key = keyString(p);
    const keyNode = p.key as Node;
    if (key === undefined || !keyNode || isUnknownNode(keyNode)) continue;
    const v = resolve(p.value, o.doc);
    const unknown = isUnknownNode(v);
    const isString = isScalar(v) && typeof (v as Scalar).value === 'string';
    out.push({
      pair: p,
      key,
      keyNode,
      valueNode: v,
      unknown,
      isString,
      value: isString && !unknown ? String((v as Scalar).value) : undefined,
    });
  }
  return out;
}

/** A claim: a PersistentVolumeClaim or a StatefulSet volumeClaimTemplate. */
export interface Claim {
  obj: K8sObject;
  /** The claim's spec node. */
  spec: Node;
  storageClassName?: string;
  storageClassNode?: Node;
  vacName?: string;
  vacNode?: Node;
}

function claimOf(obj: K8sObject, spec: Node | undefined): Claim | undefined {
  if (!isMap(spec)) return undefined;
  const get = (k: string) => resolve(pairs(spec).find((p) => keyString(p) === k)?.value, obj.doc);
  const sc = get('storageClassName');
  const vac = get('volumeAttributesClassName');
  return {
    obj,
    spec,
    storageClassName: isUnknownNode(sc) ? undefined : scalarString(sc),
    storageClassNode: sc,
    vacName: isUnknownNode(vac) ? undefined : scalarString(vac),
    vacNode: vac,
  };
}

/** The claims an object makes: its own spec (PVC) or each volumeClaimTemplate (StatefulSet). */
export function claimsOf(obj: K8sObject): Claim[] {
  if (obj.kind === 'PersistentVolumeClaim' && obj.group === '') {
    const c = claimOf(obj, obj.node(['spec']));
    return c ? [c] : [];
  }
  if (obj.kind === 'StatefulSet' && obj.group === 'apps') {
    const list = obj.node(['spec', 'volumeClaimTemplates']);
    if (!isSeq(list)) return [];
    const out: Claim[] = [];
    for (let i = 0; i < list.items.length && i < 100; i++) {
      const c = claimOf(obj, resolve(pairs(resolve(list.items[i], obj.doc)).find((p) => keyString(p) === 'spec')?.value, obj.doc));
      if (c) out.push(c);
    }
    return out;
  }
  return [];
}

/** Whether a template action line may add fields to this document. */
export function hasTemplateLines(o: K8sObject): boolean {
  return o.hasTemplateLines;
}

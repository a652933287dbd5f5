/**
 * The parameters of the Amazon EBS CSI driver (and of EKS Auto Mode's block storage) for StorageClasses,
 * VolumeAttributesClasses and VolumeSnapshotClasses, as data. Completion, hover and the checks read the same
 * entries. Written from kubernetes-sigs/aws-ebs-csi-driver `pkg/driver/constants.go` (the keys),
 * `pkg/driver/controller.go` (CreateVolume/CreateSnapshot: how each value is parsed),
 * `pkg/driver/controller_modify_volume.go` (parseModifyVolumeParameters), `pkg/cloud/cloud.go` (volume types and
 * IOPS limits), `docs/parameters.md`, `docs/tagging.md`, `docs/snapshot.md`, and the EKS user guide page
 * `automode/create-storage-class.adoc`. Docs are our own words.
 */
import { Catalog, type CatalogEntry } from '../catalog/types';

/** The provisioner (StorageClass), driverName (VolumeAttributesClass) or driver (VolumeSnapshotClass) names. */
export const EBS_CSI = 'ebs.csi.aws.com';
export const AUTO_MODE_EBS = 'ebs.csi.eks.amazonaws.com';
export const IN_TREE_EBS = 'kubernetes.io/aws-ebs';

export const PROVISIONERS: { value: string; doc: string }[] = [
  { value: EBS_CSI, doc: 'The Amazon EBS CSI driver you install (EKS add-on or Helm chart).' },
  {
    value: AUTO_MODE_EBS,
    doc: 'The block storage built into EKS Auto Mode. Only volumes of this provisioner can be attached to Auto Mode nodes.',
  },
  {
    value: IN_TREE_EBS,
    doc: 'The old in-tree EBS plugin. Since Kubernetes 1.23 EKS translates it to the EBS CSI driver (CSI migration), so it works only where that driver is installed.',
  },
];

const DRIVER_DOCS = 'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md';
const TAG_DOCS = 'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/tagging.md';
const SNAPSHOT_DOCS = 'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/snapshot.md';
const MODIFY_DOCS = 'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/modify-volume.md';

/** How the driver reads a value (beyond the catalog's type). */
export type ValueFormat = 'int32' | 'alnum' | 'kmsKey' | 'arn' | 'rfc3339' | 'zoneList' | 'tag' | 'tagKey';

export interface EbsParam extends CatalogEntry {
  /** The value's parsing rule in the driver. */
  format?: ValueFormat;
  /** Matched as written (the others are matched case-insensitively by the driver). */
  caseSensitive?: boolean;
  /** A prefix parameter (`tagSpecification_<n>`): any key starting with the name matches. */
  prefix?: boolean;
  /** Listed in EKS Auto Mode's StorageClass parameter table. */
  autoMode?: boolean;
  /** Volume types the parameter applies to. */
  volumeTypes?: string[];
  /** Read but without effect (the text says why). */
  noEffect?: string;
  /** Consumed by the external-provisioner/snapshotter sidecar, not by the driver. */
  sidecar?: boolean;
}

export const VOLUME_TYPES: { value: string; doc: string; autoModeOnly?: boolean }[] = [
  {
    value: 'gp3',
    doc: 'General purpose SSD (the default). 3,000 IOPS and 125 MiB/s included; IOPS and throughput can be raised independently of size.',
  },
  { value: 'gp2', doc: 'Previous general purpose SSD: 3 IOPS per GiB (burst to 3,000), no `iops` or `throughput` parameter.' },
  {
    value: 'io2',
    doc: 'Provisioned IOPS SSD (Block Express): 100–256,000 IOPS, up to 1,000 IOPS per GiB; the only type that supports multi-attach.',
  },
  { value: 'io1', doc: 'Previous provisioned IOPS SSD: 100–64,000 IOPS, up to 50 IOPS per GiB.' },
  { value: 'st1', doc: 'Throughput-optimised HDD (125 GiB minimum); IOPS and throughput are not settable.' },
  { value: 'sc1', doc: 'Cold HDD (125 GiB minimum); IOPS and throughput are not settable.' },
  { value: 'standard', doc: 'Magnetic (previous generation), up to 1 TiB.' },
  { value: 'sbp1', doc: 'AWS Snow family performance volume (listed by EKS Auto Mode).', autoModeOnly: true },
  { value: 'sbg1', doc: 'AWS Snow family capacity volume (listed by EKS Auto Mode).', autoModeOnly: true },
];

/** IOPS limits per type (pkg/cloud/cloud.go minimums and IOPS-per-GiB; the maximum is EC2's current one). */
export const IOPS_LIMITS: Record<string, { min: number; max: number; perGiB: number }> = {
  gp3: { min: 3000, max: 80000, perGiB: 500 },
  io1: { min: 100, max: 64000, perGiB: 50 },
  io2: { min: 100, max: 256000, perGiB: 1000 },
};
/** gp3 throughput in MiB/s (EC2 CreateVolume). */
export const GP3_THROUGHPUT = { min: 125, max: 2000 };

const bool = (name: string, doc: string, extra: Partial<EbsParam> = {}): EbsParam => ({
  name,
  type: 'boolean',
  doc: `${doc}\n\nThe driver treats only the exact string \`"true"\` as true; \`"True"\`, \`"yes"\` or \`"1"\` mean false (\`isTrue\` in pkg/driver/controller.go).`,
  default: 'false',
  values: [{ value: 'true' }, { value: 'false' }],
  source: DRIVER_DOCS,
  ...extra,
});
const int = (name: string, doc: string, extra: Partial<EbsParam> = {}): EbsParam => ({
  name,
  type: 'integer',
  format: 'int32',
  doc,
  source: DRIVER_DOCS,
  ...extra,
});
const alnum = (name: string, doc: string, extra: Partial<EbsParam> = {}): EbsParam => ({
  name,
  type: 'string',
  format: 'alnum',
  doc: `${doc} Letters and digits only (the driver refuses anything else).`,
  source: DRIVER_DOCS,
  autoMode: true,
  ...extra,
});

/** StorageClass `parameters` (CreateVolume). */
export const STORAGE_CLASS_PARAMS = new Catalog<EbsParam>([
  {
    name: 'csi.storage.k8s.io/fstype',
    type: 'enum',
    caseSensitive: true,
    sidecar: true,
    autoMode: true,
    default: 'ext4',
    doc: 'File system the volume is formatted with when it is first mounted. Read by the external-provisioner sidecar, so the key is case-sensitive. Ignored for `volumeMode: Block` claims.',
    values: [
      { value: 'ext4' },
      { value: 'xfs' },
      { value: 'ext3' },
      { value: 'ntfs', doc: 'Windows nodes' },
      { value: 'ext2', doc: 'listed by EKS Auto Mode' },
    ],
    source: DRIVER_DOCS,
  },
  {
    name: 'type',
    type: 'enum',
    autoMode: true,
    default: 'gp3',
    values: VOLUME_TYPES.map((t) => ({ value: t.value, doc: t.doc })),
    doc: 'EBS volume type. Written in lower case; EC2 refuses any other value when the volume is created.',
    source: DRIVER_DOCS,
  },
  int(
    'iops',
    'Provisioned IOPS of each volume (io1, io2, gp3 only). Values above the type\'s maximum are lowered to it; values below its minimum make provisioning fail unless `allowAutoIOPSPerGBIncrease: "true"`. Cannot be combined with `iopsPerGB`.',
    { autoMode: true, volumeTypes: ['io1', 'io2', 'gp3'] },
  ),
  int(
    'iopsPerGB',
    "IOPS per GiB of the claim's size (io1, io2, gp3 only); the product is capped at the type's maximum. Cannot be combined with `iops`.",
    { autoMode: true, volumeTypes: ['io1', 'io2', 'gp3'] },
  ),
  bool(
    'allowAutoIOPSPerGBIncrease',
    "Raise the IOPS to the type's minimum when the requested IOPS (or size × `iopsPerGB`) is too low, instead of failing the provisioning (may cost more).",
    { autoMode: true },
  ),
  bool('allowAutoIOPSIncreaseOnModify', 'Keep the `iopsPerGB` ratio when the volume is resized (the IOPS grow with the size).'),
  int('throughput', 'Throughput in MiB/s, gp3 only (125–2,000; default 125).', {
    autoMode: true,
    default: '125',
    min: GP3_THROUGHPUT.min,
    max: GP3_THROUGHPUT.max,
    volumeTypes: ['gp3'],
  }),
  bool('encrypted', "Encrypt the volume with EBS encryption (the account's default `aws/ebs` key unless `kmsKeyId` is set).", {
    autoMode: true,
  }),
  {
    name: 'kmsKeyId',
    type: 'string',
    format: 'kmsKey',
    autoMode: true,
    source: DRIVER_DOCS,
    doc: 'KMS key for the volume\'s encryption: the full key ARN (recommended), or a key ID, alias name or alias ARN. Requires `encrypted: "true"`; the driver\'s role (Auto Mode: the cluster role) needs `kms:CreateGrant`, `kms:Decrypt` and `kms:GenerateDataKeyWithoutPlaintext` on it.',
  },
  alnum('blockSize', 'Block size for the file system when the volume is formatted (ext2/3/4 and xfs, Linux).'),
  alnum('inodeSize', 'Inode size for the file system when the volume is formatted (ext2/3/4 and xfs, Linux).'),
  alnum('bytesPerInode', '`bytes-per-inode` when formatting (ext2/3/4 only).'),
  alnum('numberOfInodes', '`number-of-inodes` when formatting (ext2/3/4 only).'),
  bool('ext4BigAlloc', 'Format ext4 with the `bigalloc` feature (clustered allocation); not every node kernel supports it.', {
    autoMode: true,
  }),
  alnum('ext4ClusterSize', 'Cluster size for ext4 `bigalloc`; needs `ext4BigAlloc: "true"`.'),
  bool(
    'ext4EncryptionSupport',
    "Enable ext4's file-system-level encryption feature (fscrypt) when formatting; it encrypts nothing by itself.",
  ),
  int('volumeInitializationRate', 'Provisioned volume initialisation rate in MiB/s when the volume is created from a snapshot.'),
  bool('blockAttachUntilInitialized', 'Do not attach a volume restored from a snapshot until it is fully initialised.'),
  {
    name: 'blockExpress',
    type: 'boolean',
    autoMode: true,
    values: [{ value: 'true' }, { value: 'false' }],
    source: DRIVER_DOCS,
    deprecated: 'every io2 volume is Block Express now; the driver reads the key and ignores it.',
    noEffect: 'the driver ignores it (all io2 volumes are Block Express)',
    doc: 'Asked for io2 Block Express volumes. Has no effect any more.',
  },
  {
    name: 'fstype',
    type: 'string',
    sidecar: true,
    source: DRIVER_DOCS,
    deprecated:
      'use `csi.storage.k8s.io/fstype`; the external-provisioner still reads this key (in any case) as the file system type and logs that it is deprecated.',
    doc: 'Legacy spelling of the file system type (read by the external-provisioner; the driver itself ignores it).',
  },
  {
    name: 'tagSpecification_',
    type: 'string',
    format: 'tag',
    prefix: true,
    caseSensitive: true,
    autoMode: true,
    source: TAG_DOCS,
    doc: 'An extra AWS tag for the volume, as `key=value` (`key=` for an empty value). Any key that starts with `tagSpecification` counts (the prefix is case-sensitive), e.g. `tagSpecification_1`. The value may use Go templates with `{{ .PVCNamespace }}`, `{{ .PVCName }}`, `{{ .PVName }}` and the functions `field`, `substring`, `toUpper`, `toLower`, `contains` (needs `--extra-create-metadata` on the external-provisioner). Keys starting with `kubernetes.io`, `ebs.csi.aws.com/`, and `CSIVolumeName`/`CSIVolumeSnapshotName`/`ebs.csi.aws.com/cluster-name` are reserved. On EKS Auto Mode the cluster role needs permission to tag.',
    snippet: '${1:key}=${2:value}',
  },
]);

/** `csi.storage.k8s.io/*` keys the external-provisioner accepts in a StorageClass (removePrefixedParameters). */
export const PROVISIONER_RESERVED = new Set([
  'csi.storage.k8s.io/fstype',
  ...['provisioner', 'controller-publish', 'node-stage', 'node-publish', 'controller-expand', 'node-expand'].flatMap((p) => [
    `csi.storage.k8s.io/${p}-secret-name`,
    `csi.storage.k8s.io/${p}-secret-namespace`,
  ]),
  'csi.storage.k8s.io/secret-name',
  'csi.storage.k8s.io/secret-namespace',
]);
/** `csi.storage.k8s.io/*` keys the external-snapshotter accepts in a VolumeSnapshotClass. */
export const SNAPSHOTTER_RESERVED = new Set([
  'csi.storage.k8s.io/snapshotter-secret-name',
  'csi.storage.k8s.io/snapshotter-secret-namespace',
  'csi.storage.k8s.io/snapshotter-list-secret-name',
  'csi.storage.k8s.io/snapshotter-list-secret-namespace',
  'csi.storage.k8s.io/group-snapshotter-secret-name',
  'csi.storage.k8s.io/group-snapshotter-secret-namespace',
]);

/** VolumeAttributesClass `parameters` (ControllerModifyVolume): matched case-sensitively. */
export const VAC_PARAMS = new Catalog<EbsParam>([
  {
    name: 'type',
    type: 'enum',
    caseSensitive: true,
    values: VOLUME_TYPES.filter((t) => !t.autoModeOnly).map((t) => ({ value: t.value, doc: t.doc })),
    source: MODIFY_DOCS,
    doc: 'The volume type to change to (EC2 ModifyVolume).',
  },
  {
    name: 'iops',
    type: 'integer',
    format: 'int32',
    caseSensitive: true,
    source: MODIFY_DOCS,
    doc: 'The IOPS to change to (io1, io2, gp3). EC2 allows one modification per volume every six hours.',
  },
  {
    name: 'throughput',
    type: 'integer',
    format: 'int32',
    caseSensitive: true,
    min: GP3_THROUGHPUT.min,
    max: GP3_THROUGHPUT.max,
    source: MODIFY_DOCS,
    doc: 'The gp3 throughput in MiB/s to change to.',
  },
  {
    name: 'volumeType',
    type: 'enum',
    caseSensitive: true,
    values: VOLUME_TYPES.filter((t) => !t.autoModeOnly).map((t) => ({ value: t.value })),
    deprecated: 'use `type`; `volumeType` is ignored when `type` is also set.',
    source: MODIFY_DOCS,
    doc: 'Legacy name of `type`.',
  },
  {
    name: 'tagSpecification_',
    type: 'string',
    format: 'tag',
    prefix: true,
    caseSensitive: true,
    source: TAG_DOCS,
    snippet: '${1:key}=${2:value}',
    doc: 'A tag to add or overwrite on the volume, as `key=value`; templates `{{ .PVCNamespace }}`, `{{ .PVCName }}`, `{{ .PVName }}` need `--extra-modify-metadata` on the external-resizer.',
  },
  {
    name: 'tagDeletion_',
    type: 'string',
    format: 'tagKey',
    prefix: true,
    caseSensitive: true,
    source: TAG_DOCS,
    doc: 'The key of a tag to remove from the volume (reserved keys cannot be removed).',
  },
]);
/** Keys the driver's modify path also reads (internal, written in lower case in the code). */
export const VAC_INTERNAL = new Set([
  'iopspergb',
  'allowautoiopsincreaseonmodify',
  'csi.storage.k8s.io/pvc/name',
  'csi.storage.k8s.io/pvc/namespace',
  'csi.storage.k8s.io/pv/name',
]);

/** VolumeSnapshotClass `parameters` (CreateSnapshot), matched case-insensitively. */
export const SNAPSHOT_CLASS_PARAMS = new Catalog<EbsParam>([
  {
    name: 'fastSnapshotRestoreAvailabilityZones',
    type: 'string',
    format: 'zoneList',
    source: SNAPSHOT_DOCS,
    doc: 'Comma-separated Availability Zone names where Fast Snapshot Restore is turned on for new snapshots. A zone the account does not support fails the snapshot, which is then deleted.',
  },
  {
    name: 'outpostArn',
    type: 'string',
    format: 'arn',
    source: SNAPSHOT_DOCS,
    doc: 'ARN of the Outpost to store the snapshot on; anything that is not an ARN fails the snapshot.',
  },
  {
    name: 'lockMode',
    type: 'enum',
    values: [
      { value: 'governance', doc: 'privileged users can unlock it' },
      { value: 'compliance', doc: 'nobody can delete it until the lock expires (after the cool-off period)' },
    ],
    source: SNAPSHOT_DOCS,
    doc: 'EBS snapshot lock mode for new snapshots.',
  },
  {
    name: 'lockDuration',
    type: 'integer',
    format: 'int32',
    source: SNAPSHOT_DOCS,
    doc: 'Lock duration in days (or use `lockExpirationDate`).',
  },
  {
    name: 'lockExpirationDate',
    type: 'string',
    format: 'rfc3339',
    source: SNAPSHOT_DOCS,
    doc: 'When the lock ends, as an RFC 3339 time such as `2030-01-01T00:00:00Z`.',
  },
  {
    name: 'lockCoolOffPeriod',
    type: 'integer',
    format: 'int32',
    source: SNAPSHOT_DOCS,
    doc: 'Cool-off period in hours for compliance mode, during which the lock can still be changed.',
  },
  {
    name: 'tagSpecification_',
    type: 'string',
    format: 'tag',
    prefix: true,
    caseSensitive: true,
    source: TAG_DOCS,
    snippet: '${1:key}=${2:value}',
    doc: 'An extra tag for the snapshot, as `key=value`; templates `{{ .VolumeSnapshotNamespace }}`, `{{ .VolumeSnapshotName }}`, `{{ .VolumeSnapshotContentName }}` need `--extra-create-metadata` on the snapshotter.',
  },
]);

/** Template fields the driver's tag templates can use (pkg/util/template/template.go). */
export const PV_TEMPLATE_FIELDS = ['PVCName', 'PVCNamespace', 'PVName'];
export const SNAPSHOT_TEMPLATE_FIELDS = ['VolumeSnapshotName', 'VolumeSnapshotNamespace', 'VolumeSnapshotContentName'];
/** Objects of Helm's own template context: a `{{ .Values.x }}` belongs to Helm, not to the driver. */
export const HELM_ROOT_FIELDS = new Set(['Values', 'Release', 'Chart', 'Capabilities', 'Template', 'Files', 'Subcharts']);

/** Topology keys the driver reads or reports (pkg/driver/driver.go, node.go NodeGetInfo, docs/parameters.md). */
export const TOPOLOGY_KEYS: { value: string; doc: string }[] = [
  { value: 'topology.kubernetes.io/zone', doc: 'Availability Zone name (well-known label; preferred).' },
  { value: 'topology.ebs.csi.aws.com/zone', doc: "Availability Zone name (the driver's own, deprecated key)." },
  { value: 'topology.k8s.aws/zone-id', doc: 'Availability Zone ID such as `use1-az1` (provisioning only).' },
  {
    value: 'topology.ebs.csi.aws.com/outpost-id',
    doc: 'Outpost ID (with the region, partition and account-id keys the driver reports on Outpost nodes).',
  },
  { value: 'topology.ebs.csi.aws.com/region', doc: 'Region, reported on Outpost nodes.' },
  { value: 'topology.ebs.csi.aws.com/partition', doc: 'Partition, reported on Outpost nodes.' },
  { value: 'topology.ebs.csi.aws.com/account-id', doc: 'Account ID, reported on Outpost nodes.' },
  { value: 'kubernetes.io/os', doc: 'Node operating system, reported by every node.' },
];

/** File systems and the formatting parameters they refuse (pkg/driver/constants.go FileSystemConfigs). */
export const FS_UNSUPPORTED: Record<string, string[]> = {
  ext3: ['ext4BigAlloc', 'ext4ClusterSize', 'ext4EncryptionSupport'],
  ext4: [],
  xfs: ['bytesPerInode', 'numberOfInodes', 'ext4BigAlloc', 'ext4ClusterSize', 'ext4EncryptionSupport'],
  ntfs: ['blockSize', 'inodeSize', 'bytesPerInode', 'numberOfInodes', 'ext4BigAlloc', 'ext4ClusterSize', 'ext4EncryptionSupport'],
};

/** Find a catalog entry for a key the way the driver matches it. */
export function findParam(cat: Catalog<EbsParam>, key: string): EbsParam | undefined {
  const exact = cat.get(key);
  if (exact && !exact.prefix) return exact;
  for (const e of cat.entries) {
    if (e.prefix) {
      if (key.startsWith(e.name.replace(/_$/, ''))) return e;
      continue;
    }
    if (!e.caseSensitive && e.name.toLowerCase() === key.toLowerCase()) return e;
  }
  return undefined;
}

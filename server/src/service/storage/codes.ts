import type { DiagnosticCodeInfo } from '../diagnostics/types';

const A = 'storage';

export const STORAGE_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'ebs-unknown-parameter',
    severity: 'error',
    area: A,
    summary:
      'A StorageClass, VolumeAttributesClass or VolumeSnapshotClass parameter the EBS CSI driver (or its sidecar) does not know: the API server accepts it, provisioning/modification/snapshotting fails later ("Invalid parameter key"). Suggests the intended key with a rename fix; a warning for EKS Auto Mode, whose code we cannot read.',
  },
  {
    code: 'ebs-parameter-value',
    severity: 'error',
    area: A,
    summary:
      'A parameter value the driver cannot use: a volume type EC2 does not have, a number that does not parse as a 32-bit integer, a formatting option with other characters than letters and digits, an outpostArn that is not an ARN, a lock mode or date EC2 refuses.',
  },
  {
    code: 'ebs-boolean-value',
    severity: 'warning',
    area: A,
    summary:
      'A boolean parameter other than exactly "true" or "false": the driver treats only "true" as true, so "True", "yes" or "1" silently mean false (e.g. an unencrypted volume). Quick fix to "true".',
  },
  {
    code: 'ebs-legacy-parameter',
    severity: 'warning',
    area: A,
    summary:
      'A legacy parameter: `blockExpress` (no effect: every io2 volume is Block Express), a VolumeAttributesClass `volumeType` (use `type`), or `fstype` — still read by the external-provisioner (info, rename fix) but refused together with `csi.storage.k8s.io/fstype` (error).',
  },
  {
    code: 'ebs-iops-conflict',
    severity: 'error',
    area: A,
    summary: 'Both `iops` and `iopsPerGB`: the driver refuses to create the volume ("specify either IOPS or IOPSPerGb, not both").',
  },
  {
    code: 'ebs-type-parameter',
    severity: 'error',
    area: A,
    summary:
      '`iops`/`iopsPerGB` on a volume type without provisioned IOPS (gp2, st1, sc1, standard) or `throughput` on anything but gp3: EC2 refuses to create the volume.',
  },
  {
    code: 'ebs-parameter-range',
    severity: 'warning',
    area: A,
    summary:
      'IOPS or throughput outside what the volume type allows: below the minimum provisioning fails (unless allowAutoIOPSPerGBIncrease), above the IOPS maximum the driver lowers it (info), gp3 throughput outside 125–2,000 MiB/s is refused.',
  },
  {
    code: 'ebs-kms-key',
    severity: 'warning',
    area: A,
    summary:
      '`kmsKeyId` is not a KMS key ARN, key ID, alias name or alias ARN: EC2 accepts the request and the volume fails to become available.',
  },
  {
    code: 'ebs-fs-parameter',
    severity: 'error',
    area: A,
    summary:
      'A formatting parameter the chosen `csi.storage.k8s.io/fstype` does not support (e.g. `bytesPerInode` with xfs), or `ext4ClusterSize` without `ext4BigAlloc: "true"`: CreateVolume fails.',
  },
  {
    code: 'ebs-tag-specification',
    severity: 'error',
    area: A,
    summary:
      'A `tagSpecification_<n>` (or `tagDeletion_<n>`) value the driver refuses: no `=` between key and value, a reserved tag key (`kubernetes.io*`, `ebs.csi.aws.com/*`, `CSIVolumeName`…), or a template field other than the ones the driver fills in (`{{ .PVCName }}`, …).',
    readsTemplates: true,
  },
  {
    code: 'ebs-provisioner-typo',
    severity: 'warning',
    area: A,
    summary:
      'A provisioner/driverName/driver that looks like a misspelt EBS driver name: no provisioner picks the claims up and they stay Pending. Quick fix to the intended name.',
  },
  {
    code: 'ebs-in-tree-provisioner',
    severity: 'info',
    area: A,
    summary:
      'The in-tree `kubernetes.io/aws-ebs` provisioner: EKS translates it to the EBS CSI driver (CSI migration), so it only works where that driver is installed; use `ebs.csi.aws.com` (or `ebs.csi.eks.amazonaws.com` on EKS Auto Mode).',
  },
  {
    code: 'ebs-immediate-binding',
    severity: 'warning',
    area: A,
    summary:
      'An EBS StorageClass without `volumeBindingMode: WaitForFirstConsumer`: the volume is created in an arbitrary Availability Zone before the Pod is scheduled, and the Pod can then fail with a volume node affinity conflict.',
  },
  {
    code: 'ebs-topology-key',
    severity: 'warning',
    area: A,
    summary:
      'An `allowedTopologies` key the EBS CSI driver does not report or read (e.g. `failure-domain.beta.kubernetes.io/zone`): the restriction does not work as written.',
  },
  {
    code: 'ebs-provisioner-mismatch',
    severity: 'warning',
    area: A,
    summary:
      'The EBS provisioner does not fit the cluster the workspace describes: `ebs.csi.aws.com` or `kubernetes.io/aws-ebs` in an EKS Auto Mode workspace without the EBS CSI driver (Auto Mode nodes attach only `ebs.csi.eks.amazonaws.com` volumes), or `ebs.csi.eks.amazonaws.com` in a workspace whose eksctl cluster has no Auto Mode; a claim whose VolumeAttributesClass is for another driver than its StorageClass.',
  },
  {
    code: 'storage-class-missing',
    notInWorkspace: true,
    severity: 'warning',
    area: A,
    summary:
      'A claim names a StorageClass (or VolumeAttributesClass) that is not in a workspace which declares its classes: the claim stays Pending. Only reported when the workspace declares classes of that kind and none with a templated name.',
  },
];

/**
 * Every storage diagnostic firing on the wrong form and silent on the right one, with its exact range. The
 * rules come from kubernetes-sigs/aws-ebs-csi-driver (commit 429e202e, 2026-08): pkg/driver/controller.go
 * (CreateVolume/CreateSnapshot parameter parsing, isTrue, validateFormattingOption), controller_modify_volume.go
 * (parseModifyVolumeParameters), validation.go (validateExtraTags), pkg/cloud/cloud.go (CreateDisk, IOPS
 * limits), pkg/util/template, pkg/driver/driver.go + node.go (topology keys); kubernetes-csi/external-provisioner
 * controller.go (legacy fstype, removePrefixedParameters); and the EKS user guide (Auto Mode storage classes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, serviceWith, uriOf, withCode } from '../../helpers/service';
import { STORAGE_CODES } from '../../../server/src/service/storage/codes';

/** A StorageClass with these parameters (each line indented under `parameters:`) and extra top-level lines. */
export function sc(params: string, extra = 'volumeBindingMode: WaitForFirstConsumer\n', provisioner = 'ebs.csi.aws.com'): string {
  return `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: ${provisioner}
${extra}${params ? `parameters:\n${params.replace(/^/gm, '  ')}\n` : ''}`;
}
const vac = (params: string, driver = 'ebs.csi.aws.com') => `apiVersion: storage.k8s.io/v1
kind: VolumeAttributesClass
metadata:
  name: io2-class
driverName: ${driver}
parameters:
${params.replace(/^/gm, '  ')}
`;
const vsc = (params: string, driver = 'ebs.csi.aws.com') => `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotClass
metadata:
  name: snaps
driver: ${driver}
deletionPolicy: Delete
parameters:
${params.replace(/^/gm, '  ')}
`;

interface Case {
  code: string;
  why: string;
  fire: string;
  silent: string;
  fireText?: string;
  severity?: number;
  files?: Record<string, string>;
}

const cases: Case[] = [
  // controller.go CreateVolume: the default branch returns "Invalid parameter key %s for CreateVolume".
  {
    code: 'ebs-unknown-parameter',
    why: 'controller.go CreateVolume default branch',
    fire: sc('tpye: gp3'),
    silent: sc('type: gp3'),
    fireText: 'tpye',
  },
  // The tag prefix is tested on the original key (strings.HasPrefix(key, "tagSpecification")): case matters.
  {
    code: 'ebs-unknown-parameter',
    why: 'controller.go HasPrefix(key, TagKeyPrefix) is case-sensitive',
    fire: sc('tagspecification_1: "team=data"'),
    silent: sc('tagSpecification_1: "team=data"'),
    fireText: 'tagspecification_1',
  },
  // Keys are lower-cased before matching (switch strings.ToLower(key)): KmsKeyID is accepted.
  {
    code: 'ebs-unknown-parameter',
    why: 'controller.go strings.ToLower(key): other cases are accepted',
    fire: sc('iopsPerGig: "10"\ntype: io1'),
    silent: sc('IOPSPERGB: "10"\ntype: io1'),
    fireText: 'iopsPerGig',
  },
  // external-provisioner removePrefixedParameters refuses unknown csi.storage.k8s.io/ keys.
  {
    code: 'ebs-unknown-parameter',
    why: 'external-provisioner removePrefixedParameters',
    fire: sc('csi.storage.k8s.io/pvc/name: x'),
    silent: sc('csi.storage.k8s.io/provisioner-secret-name: x'),
    fireText: 'csi.storage.k8s.io/pvc/name',
  },
  // controller_modify_volume.go: `switch key` without lower-casing — VAC keys are case-sensitive.
  {
    code: 'ebs-unknown-parameter',
    why: 'parseModifyVolumeParameters matches keys as written',
    fire: vac('IOPS: "4000"'),
    silent: vac('iops: "4000"'),
    fireText: 'IOPS',
  },
  {
    code: 'ebs-unknown-parameter',
    why: 'CreateSnapshot default branch',
    fire: vsc('lockmodes: governance'),
    silent: vsc('lockMode: governance'),
    fireText: 'lockmodes',
  },
  // Volume type goes to EC2 as written; EC2 knows only the lower-case names.
  {
    code: 'ebs-parameter-value',
    why: 'cloud.go VolumeType passed to EC2 CreateVolume',
    fire: sc('type: GP3'),
    silent: sc('type: gp3'),
    fireText: 'GP3',
  },
  // strconv.ParseInt(value, 10, 32): "Could not parse invalid iops".
  {
    code: 'ebs-parameter-value',
    why: 'controller.go ParseInt(iops, 10, 32)',
    fire: sc('type: io2\niops: "lots"'),
    silent: sc('type: io2\niops: "4000"'),
    fireText: '"lots"',
  },
  {
    code: 'ebs-parameter-value',
    why: 'controller.go util.StringIsAlphanumeric(blockSize)',
    fire: sc('blockSize: "4k-1"'),
    silent: sc('blockSize: "4096"'),
    fireText: '"4k-1"',
  },
  {
    code: 'ebs-parameter-value',
    why: 'CreateSnapshot arn.IsARN(outpostArn)',
    fire: vsc('outpostArn: op-0123'),
    silent: vsc('outpostArn: arn:aws:outposts:us-west-2:111122223333:outpost/op-0123456789abcdef0'),
    fireText: 'op-0123',
  },
  {
    code: 'ebs-parameter-value',
    why: 'CreateSnapshot time.Parse(time.RFC3339, lockExpirationDate)',
    fire: vsc('lockExpirationDate: "2030-01-01"'),
    silent: vsc('lockExpirationDate: "2030-01-01T00:00:00Z"'),
    fireText: '"2030-01-01"',
  },
  // isTrue(value) is value == "true": "True" is false.
  {
    code: 'ebs-boolean-value',
    why: 'controller.go isTrue: only "true"',
    fire: sc('encrypted: "True"'),
    silent: sc('encrypted: "true"'),
    fireText: '"True"',
    severity: 2,
  },
  {
    code: 'ebs-boolean-value',
    why: 'controller.go isTrue: "yes" is false',
    fire: sc('type: io1\niopsPerGB: "10"\nallowAutoIOPSPerGBIncrease: "yes"'),
    silent: sc('type: io1\niopsPerGB: "10"\nallowAutoIOPSPerGBIncrease: "false"'),
    fireText: '"yes"',
  },
  {
    code: 'ebs-legacy-parameter',
    why: 'controller.go DeprecatedBlockExpressKey has no effect',
    fire: sc('type: io2\nblockExpress: "true"'),
    silent: sc('type: io2'),
    fireText: 'blockExpress',
  },
  // external-provisioner: the legacy key together with csi.storage.k8s.io/fstype fails the provisioning.
  {
    code: 'ebs-legacy-parameter',
    why: 'external-provisioner "fstype specified in parameters with both"',
    fire: sc('fstype: xfs\ncsi.storage.k8s.io/fstype: xfs'),
    silent: sc('csi.storage.k8s.io/fstype: xfs'),
    fireText: 'fstype',
    severity: 1,
  },
  {
    code: 'ebs-legacy-parameter',
    why: 'VAC volumeType is deprecated (controller_modify_volume.go)',
    fire: vac('volumeType: io2'),
    silent: vac('type: io2'),
    fireText: 'volumeType',
  },
  // cloud.go CreateDisk: "specify either IOPS or IOPSPerGb, not both".
  {
    code: 'ebs-iops-conflict',
    why: 'cloud.go CreateDisk',
    fire: sc('type: io2\niops: "4000"\niopsPerGB: "50"'),
    silent: sc('type: io2\niopsPerGB: "50"'),
    fireText: 'iopsPerGB',
  },
  {
    code: 'ebs-type-parameter',
    why: 'EC2 CreateVolume: Iops not supported for gp2',
    fire: sc('type: gp2\niops: "3000"'),
    silent: sc('type: gp3\niops: "3000"'),
    fireText: 'iops',
  },
  {
    code: 'ebs-type-parameter',
    why: 'EC2 CreateVolume: Throughput only for gp3 (gp3 is the default type, cloud.go)',
    fire: sc('type: io1\nthroughput: "250"'),
    silent: sc('throughput: "250"'),
    fireText: 'throughput',
  },
  {
    code: 'ebs-parameter-range',
    why: 'cloud.go gp3MinTotalIOPS = 3000; capIOPS only raises with allowIncrease',
    fire: sc('iops: "2000"'),
    silent: sc('iops: "2000"\nallowAutoIOPSPerGBIncrease: "true"'),
    fireText: '"2000"',
  },
  {
    code: 'ebs-parameter-range',
    why: 'EC2 gp3 throughput 125–2000 MiB/s',
    fire: sc('type: gp3\nthroughput: "4000"'),
    silent: sc('type: gp3\nthroughput: "1000"'),
    fireText: '"4000"',
  },
  {
    code: 'ebs-kms-key',
    why: 'EC2 KmsKeyId forms (key ARN, key ID, alias, alias ARN)',
    fire: sc('encrypted: "true"\nkmsKeyId: my-key'),
    silent: sc('encrypted: "true"\nkmsKeyId: arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    fireText: 'my-key',
  },
  // constants.go FileSystemConfigs: xfs does not support bytesPerInode.
  {
    code: 'ebs-fs-parameter',
    why: 'validateFormattingOption with FileSystemConfigs[xfs]',
    fire: sc('csi.storage.k8s.io/fstype: xfs\nbytesPerInode: "4096"'),
    silent: sc('csi.storage.k8s.io/fstype: ext4\nbytesPerInode: "4096"'),
    fireText: 'bytesPerInode',
  },
  {
    code: 'ebs-fs-parameter',
    why: 'controller.go "Cannot set ext4BigAllocClusterSize when ext4BigAlloc is false"',
    fire: sc('ext4ClusterSize: "16384"'),
    silent: sc('ext4BigAlloc: "true"\next4ClusterSize: "16384"'),
    fireText: 'ext4ClusterSize',
  },
  // template.Evaluate: "the key-value pair doesn't contain a value".
  {
    code: 'ebs-tag-specification',
    why: 'pkg/util/template Evaluate SplitN "="',
    fire: sc('tagSpecification_1: "team"'),
    silent: sc('tagSpecification_1: "team="'),
    fireText: '"team"',
  },
  {
    code: 'ebs-tag-specification',
    why: 'validation.go validateExtraTags: kubernetes.io prefix reserved',
    fire: sc('tagSpecification_1: "kubernetes.io/team=data"'),
    silent: sc('tagSpecification_1: "example.com/team=data"'),
    fireText: '"kubernetes.io/team=data"',
  },
  {
    code: 'ebs-tag-specification',
    why: 'template.PVProps has PVCName, PVCNamespace, PVName only',
    fire: sc('tagSpecification_1: "claim={{ .PvcName }}"'),
    silent: sc('tagSpecification_1: "claim={{ .PVCName }}"'),
    fireText: '"claim={{ .PvcName }}"',
  },
  {
    code: 'ebs-tag-specification',
    why: 'template.VolumeSnapshotProps fields',
    fire: vsc('tagSpecification_1: "snap={{ .PVCName }}"'),
    silent: vsc('tagSpecification_1: "snap={{ .VolumeSnapshotName }}"'),
    fireText: '"snap={{ .PVCName }}"',
  },
  {
    code: 'ebs-provisioner-typo',
    why: 'no provisioner serves a misspelt name',
    fire: sc('', undefined, 'ebs.csi.aws.co'),
    silent: sc('', undefined, 'ebs.csi.aws.com'),
    fireText: 'ebs.csi.aws.co',
  },
  {
    code: 'ebs-in-tree-provisioner',
    why: 'EKS CSI migration (ebs-csi-migration-faq.adoc)',
    fire: sc('', undefined, 'kubernetes.io/aws-ebs'),
    silent: sc('', undefined, 'ebs.csi.aws.com'),
    fireText: 'kubernetes.io/aws-ebs',
  },
  {
    code: 'ebs-immediate-binding',
    why: 'docs/parameters.md recommends WaitForFirstConsumer',
    fire: sc('type: gp3', 'volumeBindingMode: Immediate\n'),
    silent: sc('type: gp3'),
    fireText: 'Immediate',
  },
  {
    code: 'ebs-immediate-binding',
    why: 'default binding mode is Immediate',
    fire: sc('type: gp3', ''),
    silent: sc(
      'type: gp3',
      'allowedTopologies:\n- matchLabelExpressions:\n  - key: topology.kubernetes.io/zone\n    values: [us-east-1a]\n',
    ),
    fireText: 'ebs.csi.aws.com',
  },
  // pkg/driver/driver.go topology keys and node.go NodeGetInfo segments.
  {
    code: 'ebs-topology-key',
    why: 'driver.go/node.go report topology.kubernetes.io/zone, not the beta label',
    fire: sc(
      '',
      'volumeBindingMode: WaitForFirstConsumer\nallowedTopologies:\n- matchLabelExpressions:\n  - key: failure-domain.beta.kubernetes.io/zone\n    values: [us-east-1a]\n',
    ),
    silent: sc(
      '',
      'volumeBindingMode: WaitForFirstConsumer\nallowedTopologies:\n- matchLabelExpressions:\n  - key: topology.kubernetes.io/zone\n    values: [us-east-1a]\n',
    ),
    fireText: 'failure-domain.beta.kubernetes.io/zone',
  },
];

for (const [i, c] of cases.entries()) {
  test(`${c.code} #${i} (${c.why}): fires on the wrong form, silent on the right one`, () => {
    const fired = withCode(diagnose(c.fire, {}, c.files), c.code);
    assert.ok(fired.length > 0, `${c.code} did not fire on:\n${c.fire}`);
    if (c.fireText) {
      const lines = c.fire.split('\n');
      const r = fired[0].range;
      assert.equal(r.start.line, r.end.line);
      assert.equal(lines[r.start.line].slice(r.start.character, r.end.character), c.fireText, `range of ${c.code}`);
    }
    if (c.severity) assert.equal(fired[0].severity, c.severity);
    const silent = withCode(diagnose(c.silent, {}, c.files), c.code);
    assert.deepEqual(
      silent.map((d) => d.message),
      [],
      `${c.code} fired on the right form:\n${c.silent}`,
    );
  });
}

test('every storage code has a firing case (the workspace ones below)', () => {
  const covered = new Set([...cases.map((c) => c.code), 'ebs-provisioner-mismatch', 'storage-class-missing']);
  for (const c of STORAGE_CODES) assert.ok(covered.has(c.code), `no test for ${c.code}`);
});

test('a correct gp3 class and the upstream example classes raise nothing', () => {
  const good = sc(
    'type: gp3\nencrypted: "true"\niops: "6000"\nthroughput: "250"\ncsi.storage.k8s.io/fstype: ext4\ntagSpecification_1: "pvc={{ .PVCNamespace }}/{{ .PVCName }}"',
  );
  assert.deepEqual(
    diagnose(good).map((d) => `${d.code}: ${d.message}`),
    [],
  );
  // examples/kubernetes/storageclass/manifests/storageclass.yaml (io1, xfs, iopsPerGB, allowedTopologies).
  const example = sc(
    'csi.storage.k8s.io/fstype: xfs\ntype: io1\niopsPerGB: "50"\nencrypted: "true"',
    'volumeBindingMode: WaitForFirstConsumer\nallowedTopologies:\n- matchLabelExpressions:\n  - key: topology.kubernetes.io/zone\n    values:\n    - us-east-2c\n',
  );
  assert.deepEqual(
    diagnose(example).map((d) => `${d.code}: ${d.message}`),
    [],
  );
  // examples/kubernetes/modify-volume/manifests/volumeattributesclass.yaml.
  assert.deepEqual(
    diagnose(vac('type: io2\niops: "10000"')).map((d) => d.code),
    [],
  );
});

test('values the API server cannot see yet (templates, placeholders) and non-EBS classes are not judged', () => {
  assert.deepEqual(
    diagnose(sc('type: "{{ .Values.type }}"\niops: ${IOPS}\nencrypted: "{{ .Values.encrypted }}"')).map((d) => d.code),
    [],
  );
  assert.deepEqual(
    diagnose(sc('tagSpecification_1: "{{ .Values.tag }}"')).map((d) => d.code),
    [],
  );
  // The EFS driver's parameters are its own.
  assert.deepEqual(
    diagnose(sc('provisioningMode: efs-ap\nfileSystemId: fs-0123', undefined, 'efs.csi.aws.com')).map((d) => d.code),
    [],
  );
  // A Helm template line may add volumeBindingMode.
  const helm = `{{- range .Values.storageClasses }}\n---\nkind: StorageClass\napiVersion: storage.k8s.io/v1\nmetadata:\n  name: x\nprovisioner: ebs.csi.aws.com\n{{ toYaml . }}\n{{- end }}\n`;
  assert.deepEqual(withCode(diagnose(helm), 'ebs-immediate-binding'), []);
});

test('Auto Mode classes: unknown keys are warnings (its code is not public), and Auto Mode-only types are accepted', () => {
  const d = withCode(diagnose(sc('tpye: gp3', undefined, 'ebs.csi.eks.amazonaws.com')), 'ebs-unknown-parameter');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 2);
  assert.deepEqual(
    diagnose(sc('type: sbp1\nencrypted: "true"', undefined, 'ebs.csi.eks.amazonaws.com')).map((x) => x.code),
    [],
  );
});

test('IOPS above the maximum is only information: the driver caps it (cloud.go capIOPS)', () => {
  const d = withCode(diagnose(sc('type: io1\niops: "90000"')), 'ebs-parameter-range');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 3);
  assert.match(d[0].message, /lowers it/);
});

test('the legacy fstype key still works (external-provisioner reads it): info with a rename fix', () => {
  const text = sc('fstype: ntfs');
  const s = serviceWith({ 'main.yaml': text });
  const d = withCode(s.validate(uriOf('main.yaml')), 'ebs-legacy-parameter');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 3);
  const fix = (d[0].data as { fixes: { title: string; edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.edits[0].newText, 'csi.storage.k8s.io/fstype');
});

test('quick fixes: unknown key renamed, boolean set to "true", missing binding mode inserted', () => {
  const apply = (text: string, code: string): string => {
    const s = serviceWith({ 'main.yaml': text });
    const d = withCode(s.validate(uriOf('main.yaml')), code)[0];
    const e = (
      d.data as {
        fixes: {
          edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
        }[];
      }
    ).fixes[0].edits[0];
    const lines = text.split('\n');
    const l = lines[e.range.start.line];
    lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + lines[e.range.end.line].slice(e.range.end.character);
    if (e.range.end.line !== e.range.start.line) lines.splice(e.range.start.line + 1, e.range.end.line - e.range.start.line);
    return lines.join('\n');
  };
  const renamed = apply(sc('tpye: gp3'), 'ebs-unknown-parameter');
  assert.match(renamed, /^ {2}type: gp3$/m);
  assert.deepEqual(
    diagnose(renamed).map((d) => d.code),
    [],
  );
  const bool = apply(sc("encrypted: 'True'"), 'ebs-boolean-value');
  assert.match(bool, /encrypted: 'true'/);
  const bound = apply(sc('type: gp3', ''), 'ebs-immediate-binding');
  assert.match(bound, /provisioner: ebs\.csi\.aws\.com\nvolumeBindingMode: WaitForFirstConsumer\n/);
  assert.deepEqual(
    diagnose(bound).map((d) => d.code),
    [],
  );
});

const NODEPOOL = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: general
spec:
  template:
    spec:
      nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: default}
      requirements:
        - key: eks.amazonaws.com/instance-category
          operator: In
          values: ["m"]
`;

test('ebs-provisioner-mismatch: the self-managed provisioner in an Auto Mode workspace (create-storage-class.adoc), and the reverse', () => {
  const d = withCode(diagnose(sc('type: gp3'), {}, { 'np.yaml': NODEPOOL }), 'ebs-provisioner-mismatch');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 2);
  assert.equal(
    sc('type: gp3').split('\n')[d[0].range.start.line].slice(d[0].range.start.character, d[0].range.end.character),
    'ebs.csi.aws.com',
  );
  assert.match(d[0].message, /NodePool general/);
  // Silent: the Auto Mode provisioner there; or the EBS CSI driver installed too (its CSIDriver object).
  assert.deepEqual(
    withCode(diagnose(sc('type: gp3', undefined, 'ebs.csi.eks.amazonaws.com'), {}, { 'np.yaml': NODEPOOL }), 'ebs-provisioner-mismatch'),
    [],
  );
  const csiDriver = 'apiVersion: storage.k8s.io/v1\nkind: CSIDriver\nmetadata:\n  name: ebs.csi.aws.com\nspec:\n  attachRequired: true\n';
  assert.deepEqual(
    withCode(diagnose(sc('type: gp3'), {}, { 'np.yaml': NODEPOOL, 'driver.yaml': csiDriver }), 'ebs-provisioner-mismatch'),
    [],
  );
  // No evidence of Auto Mode at all: nothing to say.
  assert.deepEqual(withCode(diagnose(sc('type: gp3')), 'ebs-provisioner-mismatch'), []);
  // The reverse: the Auto Mode provisioner with the one eksctl cluster of the workspace not on Auto Mode.
  const cluster =
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: prod\n  region: us-west-2\n  version: "1.31"\nmanagedNodeGroups:\n  - name: ng\n';
  // A nodegroup fragment (`eksctl create nodegroup -f`, no version, no cluster-only field: the EKS Workshop's
  // graviton nodegroup.yaml) says nothing of the cluster's Auto Mode.
  const fragment = cluster.replace('  version: "1.31"\n', '');
  assert.deepEqual(
    withCode(
      diagnose(sc('type: gp3', undefined, 'ebs.csi.eks.amazonaws.com'), {}, { 'cluster.yaml': fragment }),
      'ebs-provisioner-mismatch',
    ),
    [],
  );
  assert.equal(
    withCode(
      diagnose(sc('type: gp3', undefined, 'ebs.csi.eks.amazonaws.com'), {}, { 'cluster.yaml': fragment + 'vpc:\n  cidr: 10.0.0.0/16\n' }),
      'ebs-provisioner-mismatch',
    ).length,
    1,
  );
  const rev = withCode(
    diagnose(sc('type: gp3', undefined, 'ebs.csi.eks.amazonaws.com'), {}, { 'cluster.yaml': cluster }),
    'ebs-provisioner-mismatch',
  );
  assert.equal(rev.length, 1);
  assert.match(rev[0].message, /eksctl cluster prod/);
  const auto = cluster + 'autoModeConfig:\n  enabled: true\n';
  assert.deepEqual(
    withCode(diagnose(sc('type: gp3', undefined, 'ebs.csi.eks.amazonaws.com'), {}, { 'cluster.yaml': auto }), 'ebs-provisioner-mismatch'),
    [],
  );
});

const pvc = (cls: string, extra = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: shop
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: ${cls}
${extra}  resources:
    requests:
      storage: 10Gi
`;

test('storage-class-missing: a warning only when the workspace declares StorageClasses (none templated)', () => {
  const classes = { 'sc.yaml': sc('type: gp3') };
  const d = withCode(diagnose(pvc('fsat'), {}, classes), 'storage-class-missing');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 2);
  assert.match(d[0].message, /did you mean "fast"/);
  assert.equal(pvc('fsat').split('\n')[d[0].range.start.line].slice(d[0].range.start.character, d[0].range.end.character), 'fsat');
  assert.deepEqual(withCode(diagnose(pvc('fast'), {}, classes), 'storage-class-missing'), []);
  // No StorageClass in the workspace: the class lives in the cluster; nothing to say.
  assert.deepEqual(withCode(diagnose(pvc('fsat')), 'storage-class-missing'), []);
  // A class with a templated name may be the one: nothing to say.
  assert.deepEqual(
    withCode(
      diagnose(pvc('fsat'), {}, { ...classes, 'tpl.yaml': sc('type: gp3').replace('name: fast', 'name: "{{ .Values.name }}"') }),
      'storage-class-missing',
    ),
    [],
  );
  // gp2 is created by EKS itself, ebs-csi-default-sc by the EBS CSI add-on (its chart's templates/
  // ebs-csi-default-sc.yaml, kubernetes-sigs/aws-ebs-csi-driver@429e202e); "" means static binding.
  assert.deepEqual(withCode(diagnose(pvc('gp2'), {}, classes), 'storage-class-missing'), []);
  assert.deepEqual(withCode(diagnose(pvc('ebs-csi-default-sc'), {}, classes), 'storage-class-missing'), []);
  assert.equal(withCode(diagnose(pvc('ebs-csi-default'), {}, classes), 'storage-class-missing').length, 1);
  assert.deepEqual(withCode(diagnose(pvc('""'), {}, classes), 'storage-class-missing'), []);
  // StatefulSet volumeClaimTemplates and volumeAttributesClassName too.
  const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: postgres}]\n  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec:\n        storageClassName: slow\n        accessModes: [ReadWriteOnce]\n        resources: {requests: {storage: 1Gi}}\n`;
  assert.equal(withCode(diagnose(sts, {}, classes), 'storage-class-missing').length, 1);
  const vacs = { 'sc.yaml': sc('type: gp3'), 'vac.yaml': vac('type: io2') };
  assert.equal(withCode(diagnose(pvc('fast', '  volumeAttributesClassName: io2-clas\n'), {}, vacs), 'storage-class-missing').length, 1);
  assert.deepEqual(withCode(diagnose(pvc('fast', '  volumeAttributesClassName: io2-class\n'), {}, vacs), 'storage-class-missing'), []);
  // The VolumeAttributesClass must be for the StorageClass's driver (external-provisioner prepareProvision:
  // "VAC %s referenced in PVC is for driver %s which does not match driver name %s").
  const autoVac = { 'sc.yaml': sc('type: gp3'), 'vac.yaml': vac('type: io2', 'ebs.csi.eks.amazonaws.com') };
  const mm = withCode(diagnose(pvc('fast', '  volumeAttributesClassName: io2-class\n'), {}, autoVac), 'ebs-provisioner-mismatch');
  assert.equal(mm.length, 1);
  assert.match(mm[0].message, /is for driver ebs\.csi\.eks\.amazonaws\.com, but StorageClass fast/);
  assert.deepEqual(withCode(diagnose(pvc('fast', '  volumeAttributesClassName: io2-class\n'), {}, vacs), 'ebs-provisioner-mismatch'), []);
});

test('hostile shapes never throw', () => {
  for (const t of [
    sc('[1, 2]'),
    sc('type: [gp3]\niops: {a: 1}\n? [x]\n: y'),
    sc('', 'allowedTopologies: 7\n'),
    sc('', 'allowedTopologies:\n- matchLabelExpressions: [1, {key: [x]}]\n'),
    vac('x'),
    vsc('tagSpecification_1: {a: b}'),
  ]) {
    diagnose(t);
  }
});

test('completion and hover: parameter keys per class kind, provisioner names, topology keys, class names; definition from a claim', () => {
  const at = (text: string, needle: string, delta: number) => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes(needle));
    return { line, character: lines[line].indexOf(needle) + delta };
  };
  const labels = (text: string, needle: string, delta: number, extra: Record<string, string> = {}) =>
    serviceWith({ 'main.yaml': text, ...extra })
      .complete(uriOf('main.yaml'), at(text, needle, delta))
      ?.items.map((i) => i.label) ?? [];
  // VolumeAttributesClass: only the mutable keys.
  const v = labels(vac('io'), '  io', 4);
  assert.deepEqual(v.filter((l) => !l.startsWith('tag')).sort(), ['iops', 'throughput', 'type', 'volumeType']);
  // VolumeSnapshotClass keys.
  assert.ok(labels(vsc('lo'), '  lo', 4).includes('lockMode'));
  // Provisioner names (the in-tree one only for StorageClasses).
  assert.deepEqual(labels(sc('', undefined, 'ebs'), 'provisioner: ebs', 'provisioner: ebs'.length), [
    'ebs.csi.aws.com',
    'ebs.csi.eks.amazonaws.com',
    'kubernetes.io/aws-ebs',
  ]);
  assert.deepEqual(labels(vac('type: io2', 'ebs'), 'driverName: ebs', 'driverName: ebs'.length), [
    'ebs.csi.aws.com',
    'ebs.csi.eks.amazonaws.com',
  ]);
  // Topology keys.
  const topo = sc(
    '',
    'volumeBindingMode: WaitForFirstConsumer\nallowedTopologies:\n- matchLabelExpressions:\n  - key: topo\n    values: [us-east-1a]\n',
  );
  assert.ok(labels(topo, 'key: topo', 'key: topo'.length).includes('topology.kubernetes.io/zone'));
  // A claim's storageClassName from the workspace's classes; definition goes there.
  const claim = pvc('f');
  assert.deepEqual(labels(claim, 'storageClassName: f', 'storageClassName: f'.length, { 'sc.yaml': sc('type: gp3') }), ['fast']);
  const s = serviceWith({ 'main.yaml': pvc('fast'), 'sc.yaml': sc('type: gp3') });
  const def = s.definition(uriOf('main.yaml'), at(pvc('fast'), 'storageClassName: fast', 'storageClassName: f'.length));
  assert.equal(def?.[0].uri, uriOf('sc.yaml'));
  // Hover on a value with its own doc, and on an Auto Mode class.
  const h = JSON.stringify(
    serviceWith({ 'main.yaml': sc('type: io2') }).hover(uriOf('main.yaml'), at(sc('type: io2'), 'type: io2', 7))?.contents,
  );
  assert.match(h, /multi-attach/);
  const ha = JSON.stringify(
    serviceWith({ 'main.yaml': sc('volumeInitializationRate: "100"', undefined, 'ebs.csi.eks.amazonaws.com') }).hover(
      uriOf('main.yaml'),
      at(sc('volumeInitializationRate: "100"', undefined, 'ebs.csi.eks.amazonaws.com'), 'volumeInitializationRate', 2),
    )?.contents,
  );
  assert.match(ha, /Not listed in the EKS Auto Mode/);
  // Not an EBS class: no parameter completion.
  assert.deepEqual(labels(sc('pro', undefined, 'efs.csi.aws.com'), '  pro', 5), []);
});

test("ebs-tag-specification reads the driver's own {{ }} fields outside a chart, but not in a chart's templates/ (there they are Helm's)", () => {
  const text =
    'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: ebs.csi.aws.com\nvolumeBindingMode: WaitForFirstConsumer\nparameters:\n  tagSpecification_1: "claim={{ .PvcName }}"\n';
  const files = { 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', 'chart/templates/sc.yaml': text, 'plain/sc.yaml': text };
  const s = serviceWith(files);
  assert.equal(withCode(s.validate(uriOf('plain/sc.yaml')), 'ebs-tag-specification').length, 1);
  assert.deepEqual(withCode(s.validate(uriOf('chart/templates/sc.yaml')), 'ebs-tag-specification'), []);
});

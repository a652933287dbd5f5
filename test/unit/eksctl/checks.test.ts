/**
 * Every eksctl ClusterConfig check firing on the wrong form and silent on the right one, with the exact text
 * under the diagnostic. Each case cites the eksctl source it follows (eksctl-io/eksctl, pinned in
 * server/src/service/eksctl/data/clusterconfig-schema.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { cc, textAt } from '../../helpers/eksctl';
import { diagnose, withCode } from '../../helpers/service';
import { EKSCTL_CODES } from '../../../server/src/service/eksctl/codes';

const SETTINGS = { today: '2026-06-01', kubernetesVersion: '1.34' };

interface Case {
  code: string;
  source: string;
  fire: string;
  silent: string;
  fireText?: string;
  severity?: number;
}

const AUTO = 'autoModeConfig:\n  enabled: true\n';
const MNG = 'managedNodeGroups:\n  - name: ng-1\n    instanceType: m5.large\n';

const cases: Case[] = [
  // Strict loading: pkg/eks/api.go ParseConfig → yaml.UnmarshalStrict; field set from schema.json.
  {
    code: 'eksctl-unknown-field',
    source: 'pkg/eks/api.go ParseConfig (UnmarshalStrict)',
    fire: cc('autoModeConfig:\n  enable: true\n'),
    silent: cc(AUTO),
    fireText: 'enable',
  },
  {
    code: 'eksctl-unknown-field',
    source: 'schema.json ClusterConfig (additionalProperties: false)',
    fire: cc('nodeGroup:\n  - name: a\n'),
    silent: cc('nodeGroups:\n  - name: a\n'),
    fireText: 'nodeGroup',
  },
  {
    code: 'eksctl-unknown-field',
    source: 'schema.json ManagedNodeGroup',
    fire: cc('managedNodeGroups:\n  - name: a\n    instanceTypes: [m5.large]\n    volumeSizeGB: 40\n'),
    silent: cc('managedNodeGroups:\n  - name: a\n    instanceTypes: [m5.large]\n    volumeSize: 40\n'),
    fireText: 'volumeSizeGB',
  },
  // Go's encoding/json matches case-insensitively; the Kubernetes decoder does not (runtime.Decode).
  {
    code: 'eksctl-field-case',
    source: 'pkg/eks/api.go ParseConfig (UnmarshalStrict, then runtime.Decode)',
    fire: cc('IAM:\n  withOIDC: true\n'),
    silent: cc('iam:\n  withOIDC: true\n'),
    fireText: 'IAM',
  },
  // Types: sigs.k8s.io/yaml converts YAML 1.1 to JSON, then decodes into the Go types.
  {
    code: 'eksctl-type',
    source: 'types.go NodeGroupBase.DesiredCapacity *int',
    fire: cc('managedNodeGroups:\n  - name: a\n    desiredCapacity: "3"\n'),
    silent: cc('managedNodeGroups:\n  - name: a\n    desiredCapacity: 3\n'),
    fireText: '"3"',
  },
  {
    code: 'eksctl-type',
    source: 'types.go ClusterMeta.Tags map[string]string',
    fire: cc('  tags:\n    cost-center: 1234\n'.replace(/^/, ''), '"1.34"'),
    silent: cc('  tags:\n    cost-center: "1234"\n'),
    fireText: '1234',
  },
  {
    code: 'eksctl-type',
    source: 'YAML 1.1 (goyaml.v2): `on` is a boolean',
    fire: cc('managedNodeGroups:\n  - name: on\n'),
    silent: cc('managedNodeGroups:\n  - name: "on"\n'),
    fireText: 'on',
  },
  {
    code: 'eksctl-type',
    source: 'auto_mode.go AutoModeConfig.Enabled *bool',
    fire: cc('autoModeConfig:\n  enabled: "true"\n'),
    silent: cc('autoModeConfig:\n  enabled: yes\n'),
    fireText: '"true"',
  },
  {
    code: 'eksctl-type',
    source: 'types.go ClusterConfig.ManagedNodeGroups []*ManagedNodeGroup',
    fire: cc('managedNodeGroups:\n  name: a\n'),
    silent: cc('managedNodeGroups:\n  - name: a\n'),
    fireText: 'name: a\n',
  },
  {
    code: 'eksctl-enum',
    source: 'schema.json NodeGroupBase.volumeType enum',
    fire: cc('managedNodeGroups:\n  - name: a\n    volumeType: gp4\n'),
    silent: cc('managedNodeGroups:\n  - name: a\n    volumeType: gp3\n'),
    fireText: 'gp4',
  },
  {
    code: 'eksctl-enum',
    source: 'schema.json ClusterNAT.gateway enum',
    fire: cc('vpc:\n  nat:\n    gateway: Multi\n'),
    silent: cc('vpc:\n  nat:\n    gateway: HighlyAvailable\n'),
    fireText: 'Multi',
  },
  {
    code: 'eksctl-required',
    source: 'pkg/ctl/cmdutils/configfile.go ErrMustBeSet("metadata.region")',
    fire: 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n',
    silent: 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: eu-west-1\n',
    fireText: 'metadata',
  },
  {
    code: 'eksctl-required',
    source: 'validation.go ValidateClusterConfig (".name must be set")',
    fire: cc('managedNodeGroups:\n  - instanceType: m5.large\n'),
    silent: cc('managedNodeGroups:\n  - name: a\n    instanceType: m5.large\n'),
    fireText: 'instanceType: m5.large\n',
  },
  // eksctl #5556: an unquoted version is a float.
  {
    code: 'eksctl-version-unquoted',
    source: 'types.go ClusterMeta.Version string; eksctl #5556',
    fire: cc('', '1.30'),
    silent: cc('', '"1.30"'),
    fireText: '1.30',
  },
  // auto_mode.go ValidateAutoModeConfig
  {
    code: 'eksctl-auto-mode-config',
    source: 'auto_mode.go ValidateAutoModeConfig (invalid NodePool)',
    fire: cc('autoModeConfig:\n  enabled: true\n  nodePools: [general-purpose, gpu]\n'),
    silent: cc('autoModeConfig:\n  enabled: true\n  nodePools: [general-purpose, system]\n'),
    fireText: 'gpu',
  },
  {
    code: 'eksctl-auto-mode-config',
    source: 'auto_mode.go ValidateAutoModeConfig (duplicate node pool)',
    fire: cc('autoModeConfig:\n  enabled: true\n  nodePools: [system, system]\n'),
    silent: cc('autoModeConfig:\n  enabled: true\n  nodePools: [system]\n'),
    fireText: 'system',
  },
  {
    code: 'eksctl-auto-mode-config',
    source: 'auto_mode.go ValidateAutoModeConfig (nodeRoleARN with empty nodePools)',
    fire: cc('autoModeConfig:\n  enabled: true\n  nodePools: []\n  nodeRoleARN: arn:aws:iam::111122223333:role/auto\n'),
    silent: cc('autoModeConfig:\n  enabled: true\n  nodePools: [system]\n  nodeRoleARN: arn:aws:iam::111122223333:role/auto\n'),
    fireText: 'nodeRoleARN',
  },
  {
    code: 'eksctl-auto-mode-config',
    source: 'auto_mode.go ValidateAutoModeConfig (nodeRoleARN and permissionsBoundaryARN)',
    fire: cc(
      'autoModeConfig:\n  enabled: true\n  nodePools: [system]\n  nodeRoleARN: arn:aws:iam::111122223333:role/auto\n  permissionsBoundaryARN: arn:aws:iam::111122223333:policy/b\n',
    ),
    silent: cc('autoModeConfig:\n  enabled: true\n  nodePools: [system]\n  permissionsBoundaryARN: arn:aws:iam::111122223333:policy/b\n'),
    fireText: 'permissionsBoundaryARN',
  },
  {
    code: 'eksctl-auto-mode-config',
    source: 'auto_mode.go ValidateAutoModeConfig (settings while disabled)',
    fire: cc('autoModeConfig:\n  enabled: false\n  nodePools: [system]\n'),
    silent: cc('autoModeConfig:\n  enabled: false\n'),
    fireText: 'nodePools',
  },
  // pkg/ctl/cmdutils/configfile.go NewCreateClusterLoader
  {
    code: 'eksctl-auto-mode-nodegroups',
    source: 'configfile.go: nodegroups not supported when Auto Mode is enabled',
    fire: cc(AUTO + MNG),
    silent: cc('autoModeConfig:\n  enabled: false\n' + MNG),
    fireText: 'managedNodeGroups',
  },
  {
    code: 'eksctl-auto-mode-default-addons',
    source: 'configfile.go + known_addons.go HasDefaultNonAutoAddon',
    fire: cc(AUTO + 'addons:\n  - name: vpc-cni\n'),
    silent: cc(AUTO + 'addons:\n  - name: metrics-server\n'),
    fireText: 'vpc-cni',
  },
  {
    code: 'eksctl-auto-mode-default-addons',
    source: 'configfile.go: allowed with Fargate profiles',
    fire: cc(AUTO + 'addons:\n  - name: coredns\n'),
    silent: cc(AUTO + 'addons:\n  - name: coredns\nfargateProfiles:\n  - name: fp\n    selectors:\n      - namespace: batch\n'),
    fireText: 'coredns',
  },
  {
    code: 'eksctl-auto-mode-default-change',
    source: 'userdocs/src/usage/auto-mode.md (upcoming behaviour change)',
    fire: cc(MNG),
    silent: cc('autoModeConfig:\n  enabled: false\n' + MNG),
    fireText: 'managedNodeGroups',
    severity: 4,
  },
  // defaults.go Set(Managed)NodeGroupDefaults, types.go AmazonLinux2EOLVersion = 1.33
  {
    code: 'eksctl-al2-unsupported',
    source: 'defaults.go SetManagedNodeGroupDefaults ("AmazonLinux2 is not supported")',
    fire: cc('managedNodeGroups:\n  - name: a\n    amiFamily: AmazonLinux2\n', '"1.33"'),
    silent: cc('managedNodeGroups:\n  - name: a\n    amiFamily: AmazonLinux2\n', '"1.32"'),
    fireText: 'AmazonLinux2',
  },
  {
    code: 'eksctl-al2-unsupported',
    source: 'defaults.go: custom AMI keeps the family',
    fire: cc('managedNodeGroups:\n  - name: a\n    amiFamily: AmazonLinux2\n'),
    silent: cc('managedNodeGroups:\n  - name: a\n    amiFamily: AmazonLinux2\n    ami: ami-0123456789abcdef0\n'),
    fireText: 'AmazonLinux2',
  },
  // addon.go Addon.Validate
  {
    code: 'eksctl-addon-irsa-and-pod-identity',
    source: 'addon.go Validate (IRSA and pod identity associations)',
    fire: cc(
      'addons:\n  - name: aws-ebs-csi-driver\n    serviceAccountRoleARN: arn:aws:iam::111122223333:role/ebs\n    podIdentityAssociations:\n      - namespace: kube-system\n        serviceAccountName: ebs-csi-controller-sa\n        roleARN: arn:aws:iam::111122223333:role/ebs\n  - name: eks-pod-identity-agent\n',
    ),
    silent: cc(
      'addons:\n  - name: aws-ebs-csi-driver\n    podIdentityAssociations:\n      - namespace: kube-system\n        serviceAccountName: ebs-csi-controller-sa\n        roleARN: arn:aws:iam::111122223333:role/ebs\n  - name: eks-pod-identity-agent\n',
    ),
    fireText: 'podIdentityAssociations',
  },
  {
    code: 'eksctl-addon-policy-sources',
    source: 'addon.go checkAtMostOnePolicyProviderIsSet',
    fire: cc(
      'iam:\n  withOIDC: true\naddons:\n  - name: vpc-cni\n    serviceAccountRoleARN: arn:aws:iam::111122223333:role/cni\n    attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy]\n',
    ),
    silent: cc(
      'iam:\n  withOIDC: true\naddons:\n  - name: vpc-cni\n    attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy]\n',
    ),
    fireText: 'attachPolicyARNs',
  },
  {
    code: 'eksctl-pod-identity-association',
    source: 'addon.go Validate (serviceAccountName must be set)',
    fire: cc(
      'addons:\n  - name: eks-pod-identity-agent\n  - name: aws-ebs-csi-driver\n    podIdentityAssociations:\n      - namespace: kube-system\n        roleARN: arn:aws:iam::111122223333:role/ebs\n',
    ),
    silent: cc(
      'addons:\n  - name: eks-pod-identity-agent\n  - name: aws-ebs-csi-driver\n    podIdentityAssociations:\n      - namespace: kube-system\n        serviceAccountName: ebs-csi-controller-sa\n        roleARN: arn:aws:iam::111122223333:role/ebs\n',
    ),
    fireText: 'namespace: kube-system\n        roleARN: arn:aws:iam::111122223333:role/ebs\n',
  },
  {
    code: 'eksctl-pod-identity-association',
    source: 'pod_identity_association.go validatePodIdentityAssociations (roleARN excludes policies)',
    fire: cc(
      'addons:\n  - name: eks-pod-identity-agent\niam:\n  podIdentityAssociations:\n    - namespace: app\n      serviceAccountName: s3-reader\n      roleARN: arn:aws:iam::111122223333:role/r\n      permissionPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n',
    ),
    silent: cc(
      'addons:\n  - name: eks-pod-identity-agent\niam:\n  podIdentityAssociations:\n    - namespace: app\n      serviceAccountName: s3-reader\n      permissionPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n',
    ),
    fireText: 'permissionPolicyARNs',
  },
  {
    code: 'eksctl-pod-identity-association',
    source: 'addon.go Validate (no associations on eks-pod-identity-agent)',
    fire: cc(
      'addons:\n  - name: eks-pod-identity-agent\n    podIdentityAssociations:\n      - namespace: kube-system\n        serviceAccountName: x\n        roleARN: arn:aws:iam::111122223333:role/r\n',
    ),
    silent: cc('addons:\n  - name: eks-pod-identity-agent\n'),
    fireText: 'podIdentityAssociations',
  },
  {
    code: 'eksctl-pod-identity-agent-missing',
    source: 'configfile.go ErrPodIdentityAgentNotInstalled',
    fire: cc(
      'iam:\n  podIdentityAssociations:\n    - namespace: app\n      serviceAccountName: s3-reader\n      permissionPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n',
    ),
    silent: cc(
      'addons:\n  - name: eks-pod-identity-agent\niam:\n  podIdentityAssociations:\n    - namespace: app\n      serviceAccountName: s3-reader\n      permissionPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n',
    ),
    fireText: 'podIdentityAssociations',
  },
  {
    code: 'eksctl-pod-identity-agent-missing',
    source: 'configfile.go: Auto Mode needs no agent add-on',
    fire: cc('addons:\n  - name: aws-ebs-csi-driver\n    useDefaultPodIdentityAssociations: true\n'),
    silent: cc(AUTO + 'addons:\n  - name: aws-ebs-csi-driver\n    useDefaultPodIdentityAssociations: true\n'),
    fireText: 'useDefaultPodIdentityAssociations',
  },
  // validation.go ValidateClusterConfig; pkg/eks/tasks.go (service accounts only with withOIDC)
  {
    code: 'eksctl-irsa-needs-oidc',
    source: 'validation.go ("iam.withOIDC must be enabled explicitly")',
    fire: cc(
      'iam:\n  withOIDC: false\n  serviceAccounts:\n    - metadata: {name: s3-reader}\n      attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n',
    ),
    silent: cc(
      'iam:\n  withOIDC: true\n  serviceAccounts:\n    - metadata: {name: s3-reader}\n      attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n',
    ),
    fireText: 'false',
    severity: 1,
  },
  {
    code: 'eksctl-irsa-needs-oidc',
    source: 'pkg/eks/tasks.go appendCreateTasksForIAMServiceAccounts only with withOIDC',
    fire: cc(
      'iam:\n  serviceAccounts:\n    - metadata: {name: s3-reader}\n      attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n',
    ),
    silent: cc(
      'iam:\n  withOIDC: true\n  serviceAccounts:\n    - metadata: {name: s3-reader}\n      attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n',
    ),
    fireText: 'serviceAccounts',
    severity: 2,
  },
  // capability.go Capability.Validate; userdocs/src/usage/capabilities.md (roles ADMIN, EDITOR, VIEWER)
  {
    code: 'eksctl-capability-config',
    source: 'capability.go Validate ("awsIdc configuration is required for ARGOCD capability")',
    fire: cc('capabilities:\n  - name: argocd\n    type: ARGOCD\n    configuration:\n      argocd:\n        namespace: argocd\n'),
    silent: cc(
      'capabilities:\n  - name: argocd\n    type: ARGOCD\n    configuration:\n      argocd:\n        namespace: argocd\n        awsIdc: {idcInstanceArn: "arn:aws:sso:::instance/ssoins-1"}\n',
    ),
    fireText: 'type',
  },
  {
    code: 'eksctl-capability-config',
    source: 'userdocs/src/usage/capabilities.md rbacRoleMappings.role',
    fire: cc(
      'capabilities:\n  - name: argocd\n    type: ARGOCD\n    configuration:\n      argocd:\n        awsIdc: {idcInstanceArn: "arn:aws:sso:::instance/ssoins-1"}\n        rbacRoleMappings:\n          - role: admin\n            identities: [{id: "1", type: SSO_USER}]\n',
    ),
    silent: cc(
      'capabilities:\n  - name: argocd\n    type: ARGOCD\n    configuration:\n      argocd:\n        awsIdc: {idcInstanceArn: "arn:aws:sso:::instance/ssoins-1"}\n        rbacRoleMappings:\n          - role: ADMIN\n            identities: [{id: "1", type: SSO_USER}]\n',
    ),
    fireText: 'admin',
  },
  // validation.go validateNodeGroupName, ValidateClusterConfig (unique names)
  {
    code: 'eksctl-nodegroup-name',
    source: 'validation.go validateNodeGroupName (ErrInvalidName)',
    fire: cc('managedNodeGroups:\n  - name: ng_1\n'),
    silent: cc('managedNodeGroups:\n  - name: ng-1\n'),
    fireText: 'ng_1',
  },
  {
    code: 'eksctl-nodegroup-name',
    source: 'validation.go ValidateClusterConfig (names unique across node groups)',
    fire: cc('nodeGroups:\n  - name: ng-1\nmanagedNodeGroups:\n  - name: ng-1\n'),
    silent: cc('nodeGroups:\n  - name: ng-1\nmanagedNodeGroups:\n  - name: ng-2\n'),
    fireText: 'ng-1',
  },
];

for (const c of cases) {
  test(`${c.code}: fires and is silent (${c.source})`, () => {
    const fired = withCode(diagnose(c.fire, SETTINGS), c.code);
    assert.equal(
      fired.length,
      1,
      `expected one ${c.code} in:\n${c.fire}\ngot ${JSON.stringify(diagnose(c.fire, SETTINGS).map((d) => [d.code, d.message]))}`,
    );
    if (c.fireText !== undefined) assert.equal(textAt(c.fire, fired[0]), c.fireText);
    if (c.severity !== undefined) assert.equal(fired[0].severity, c.severity);
    const silent = withCode(diagnose(c.silent, SETTINGS), c.code);
    assert.deepEqual(
      silent.map((d) => d.message),
      [],
      `expected no ${c.code} in:\n${c.silent}`,
    );
  });
}

test('every eksctl code has a firing case', () => {
  const covered = new Set(cases.map((c) => c.code));
  assert.deepEqual(
    EKSCTL_CODES.map((c) => c.code).filter((c) => !covered.has(c)),
    [],
  );
});

test('a correct Auto Mode ClusterConfig has no finding at all', () => {
  const text = cc(`autoModeConfig:
  enabled: true
  nodePools: [general-purpose, system]
iam:
  withOIDC: true
  podIdentityAssociations:
    - namespace: shop
      serviceAccountName: orders
      permissionPolicyARNs: [arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess]
addons:
  - name: metrics-server
vpc:
  nat:
    gateway: Single
  clusterEndpoints:
    publicAccess: true
    privateAccess: true
cloudWatch:
  clusterLogging:
    enableTypes: ["api", "audit"]
`);
  assert.deepEqual(
    diagnose(text, SETTINGS).map((d) => `${d.code}: ${d.message}`),
    [],
  );
});

test('the unquoted version: one finding, exact range, a fix that quotes only that scalar', () => {
  const text = cc('', '1.30   # the cluster version');
  const d = diagnose(text, SETTINGS);
  assert.deepEqual(
    d.map((x) => x.code),
    ['eksctl-version-unquoted'],
  ); // no second eksctl-type finding
  assert.equal(textAt(text, d[0]), '1.30');
  assert.match(d[0].message, /number 1\.3 \(not "1\.30"\)/);
  const fix = (d[0].data as { fixes: { edits: { range: Diagnostic['range']; newText: string }[] }[] }).fixes[0];
  assert.equal(fix.edits.length, 1);
  assert.equal(fix.edits[0].newText, '"1.30"');
  assert.equal(textAt(text, { range: fix.edits[0].range } as Diagnostic), '1.30');
});

test('a quoting fix for a number where eksctl wants a string', () => {
  const text = cc('  tags:\n    team: 42\n');
  const d = withCode(diagnose(text, SETTINGS), 'eksctl-type');
  const fix = (d[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.edits[0].newText, '"42"');
});

test('eksctl accepts AMI families in any case and taints as a map (validation.go normalizeAMIFamily, types.go taintsWrapper)', () => {
  const text = cc(
    'autoModeConfig: {enabled: false}\nmanagedNodeGroups:\n  - name: a\n    amiFamily: amazonlinux2023\n    taints:\n      dedicated: "gpu:NoSchedule"\n',
  );
  assert.deepEqual(
    diagnose(text, SETTINGS).map((d) => d.code),
    [],
  );
});

test('placeholders and templates are unknown values: no type or enum finding', () => {
  const text = cc(
    'autoModeConfig: {enabled: false}\nmanagedNodeGroups:\n  - name: ${NODEGROUP}\n    desiredCapacity: ${DESIRED}\n    volumeType: ${VOLUME_TYPE}\n',
  );
  assert.deepEqual(
    diagnose(text, SETTINGS).map((d) => d.code),
    [],
  );
});

test('identity providers: the fields of the type they name (identity_provider.go)', () => {
  const ok = cc('identityProviders:\n  - type: oidc\n    name: corp\n    issuerURL: https://idp.example.com\n    clientID: eks\n');
  assert.deepEqual(
    diagnose(ok, SETTINGS).map((d) => d.code),
    [],
  );
  const bad = cc('identityProviders:\n  - type: oidc\n    name: corp\n    issuerURL: https://idp.example.com\n    clientId: eks\n');
  assert.deepEqual(
    diagnose(bad, SETTINGS)
      .map((d) => d.code)
      .sort(),
    ['eksctl-field-case'],
  );
});

test('not an API object: no core checks on a ClusterConfig (model/documentKind.ts)', () => {
  const text = 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: us-west-2\n  labels:\n    x: y\n';
  assert.deepEqual(
    diagnose(text, SETTINGS).map((d) => d.code),
    ['eksctl-unknown-field'],
  );
});

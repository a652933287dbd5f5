/**
 * Hover and completion texts for ClusterConfig fields, in our own words (written from eksctl's userdocs and
 * Go types: eksctl-io/eksctl `userdocs/src/usage/*.md`, `pkg/apis/eksctl.io/v1alpha5/*.go`). Keys are
 * `Definition.field`; a bare `field` applies wherever no definition-specific text exists. Fields without a
 * text still get a hover with their type, allowed values, default and requirement from the derived schema.
 */
export const FIELD_DOCS: Record<string, string> = {
  // ClusterConfig
  'ClusterConfig.apiVersion': 'Always `eksctl.io/v1alpha5`. The file is read by eksctl, not sent to the Kubernetes API server.',
  'ClusterConfig.kind': 'Always `ClusterConfig`.',
  'ClusterConfig.metadata': "The cluster's name, region and Kubernetes version, plus tags for the AWS resources eksctl creates.",
  'ClusterConfig.upgradePolicy':
    "What happens when the cluster's Kubernetes version leaves EKS standard support: stay on paid extended support, or be upgraded automatically.",
  'ClusterConfig.kubernetesNetworkConfig': 'Service address ranges and the IP family (IPv4 or IPv6) of the cluster. Fixed at creation.',
  'ClusterConfig.autoModeConfig':
    'EKS Auto Mode: AWS runs compute (NodePools), load balancing, block storage, pod networking and DNS for you. With Auto Mode on, `eksctl create cluster` accepts no node groups and no default networking add-ons in the same file.',
  'ClusterConfig.remoteNetworkConfig':
    'EKS Hybrid Nodes: the on-premises node and pod networks and how those nodes authenticate (SSM or IAM Roles Anywhere).',
  'ClusterConfig.iam':
    'IAM for the cluster: its service role, the IAM OIDC provider for IRSA, IRSA service accounts and EKS Pod Identity associations.',
  'ClusterConfig.iamIdentityMappings':
    'Entries eksctl writes into the aws-auth ConfigMap, mapping IAM roles/users to Kubernetes users and groups. Prefer accessConfig.accessEntries on clusters that use the API authentication mode.',
  'ClusterConfig.identityProviders': 'External OIDC identity providers for user authentication to the API server.',
  'ClusterConfig.accessConfig':
    'Cluster access management: the authentication mode (API, API_AND_CONFIG_MAP, CONFIG_MAP) and access entries.',
  'ClusterConfig.vpc': 'The VPC: let eksctl create one (CIDR, NAT) or name an existing VPC and its subnets; API endpoint access.',
  'ClusterConfig.addons':
    'EKS managed add-ons to install (vpc-cni, coredns, kube-proxy, eks-pod-identity-agent, aws-ebs-csi-driver, ...), with their version, configuration and IAM.',
  'ClusterConfig.addonsConfig':
    'Settings for all add-ons: skip the default networking add-ons, or apply recommended pod identity associations automatically.',
  'ClusterConfig.privateCluster':
    'A fully private cluster: no outbound internet access, VPC endpoints for the AWS services the nodes need.',
  'ClusterConfig.nodeGroups': 'Self-managed node groups (EC2 Auto Scaling groups that eksctl manages with CloudFormation).',
  'ClusterConfig.managedNodeGroups': 'EKS managed node groups: EKS launches, updates and drains the nodes.',
  'ClusterConfig.fargateProfiles': "Fargate profiles: Pods matching a profile's selectors run on Fargate instead of EC2 nodes.",
  'ClusterConfig.availabilityZones': 'Availability zones for a VPC that eksctl creates (at least two). Not together with vpc.subnets.',
  'ClusterConfig.localZones': 'AWS Local Zones where eksctl creates subnets for node groups.',
  'ClusterConfig.cloudWatch': 'Control plane logging to CloudWatch Logs.',
  'ClusterConfig.secretsEncryption': 'Envelope encryption of Kubernetes Secrets with a KMS key.',
  'ClusterConfig.gitops': 'Bootstrap Flux on the new cluster (runs `flux bootstrap` with the flags you give).',
  'ClusterConfig.karpenter':
    'Install self-managed Karpenter (its IAM and Helm release). Not needed with Auto Mode, which has Karpenter built in.',
  'ClusterConfig.outpost': 'A local cluster whose control plane runs on AWS Outposts.',
  'ClusterConfig.controlPlaneScalingConfig': 'Provisioned control plane capacity tier for large clusters.',
  'ClusterConfig.zonalShiftConfig': 'Amazon Application Recovery Controller zonal shift for the cluster.',
  'ClusterConfig.kubeAPIServerConfig': 'kube-apiserver settings EKS lets you change (event TTL, NodePort range).',
  'ClusterConfig.kubeSchedulerConfig': 'kube-scheduler settings EKS lets you change (node resources fit scoring).',
  'ClusterConfig.kubeControllerManagerConfig': 'kube-controller-manager settings EKS lets you change (HPA sync period).',
  'ClusterConfig.capabilities':
    'EKS Capabilities: AWS-managed Argo CD, ACK (AWS Controllers for Kubernetes) and kro, each with its IAM role.',
  // metadata
  'ClusterMeta.name': "The EKS cluster name (also the prefix of eksctl's CloudFormation stacks). Required.",
  'ClusterMeta.region': 'The AWS region of the cluster, e.g. `us-west-2`. Required.',
  'ClusterMeta.version':
    'The Kubernetes minor version, as a **quoted** string: `version: "1.34"`. Unquoted, YAML reads `1.30` as the number 1.3 and eksctl cannot load the file. Omitted, eksctl uses its default version.',
  'ClusterMeta.forceUpdateVersion': 'Upgrade even when EKS upgrade insights report blocking problems.',
  'ClusterMeta.rollbackConfig': 'Automatic rollback of a failed version update.',
  'ClusterMeta.tags': 'AWS tags for the resources eksctl creates (stacks, cluster, node groups).',
  'ClusterMeta.annotations': 'Free-form notes; eksctl ignores them.',
  'RollbackConfig.timeoutMinutes': 'How long EKS waits before rolling back a failed update (120–10080 minutes).',
  'UpgradePolicy.supportType':
    '`EXTENDED` (default): the cluster may stay on a version in extended support, billed per cluster hour. `STANDARD`: EKS upgrades it at the end of standard support.',
  // Auto Mode
  'AutoModeConfig.enabled':
    'Turn EKS Auto Mode on. eksctl then enables compute, elastic load balancing and block storage management on the cluster.',
  'AutoModeConfig.nodeRoleARN': 'IAM role for the nodes Auto Mode launches. Omitted, eksctl creates one when there are node pools.',
  'AutoModeConfig.permissionsBoundaryARN': 'Permissions boundary for the node role eksctl creates. Not together with nodeRoleARN.',
  'AutoModeConfig.nodePools':
    'Built-in NodePools to create: `general-purpose` and/or `system` (default both). `[]` creates none, so only your own NodePool objects launch nodes.',
  // networking
  'KubernetesNetworkConfig.ipFamily':
    '`IPv4` (default) or `IPv6`. IPv6 needs the default networking add-ons (or Auto Mode), OIDC or Pod Identity for vpc-cni, and no NAT.',
  'KubernetesNetworkConfig.serviceIPv4CIDR': 'The range Service ClusterIPs come from (IPv4 clusters). Must not overlap the VPC.',
  'KubernetesNetworkConfig.serviceIPv6CIDR': 'The Service range of an IPv6 cluster (set by EKS).',
  'ClusterVPC.id': 'An existing VPC to use; then name its subnets under `subnets`.',
  'ClusterVPC.cidr': 'CIDR of the VPC eksctl creates (default 192.168.0.0/16).',
  'ClusterVPC.subnets': 'Subnets keyed by availability zone (or by a name of your choice with `az:`), split into `private` and `public`.',
  'ClusterVPC.securityGroup': 'An existing control plane security group.',
  'ClusterVPC.sharedNodeSecurityGroup': 'An existing security group shared by all nodes.',
  'ClusterVPC.manageSharedNodeSecurityGroupRules': 'Let eksctl add the rules nodes need to the shared node security group (default true).',
  'ClusterVPC.nat': 'NAT gateways for private subnets: `Single` (default), `HighlyAvailable` (one per zone) or `Disable`.',
  'ClusterVPC.clusterEndpoints': 'Whether the API server endpoint is reachable publicly, privately (from the VPC), or both.',
  'ClusterVPC.publicAccessCIDRs': 'CIDRs allowed to reach the public API endpoint (default everywhere).',
  'ClusterVPC.extraCIDRs': 'More IPv4 CIDRs allowed to reach the private API endpoint.',
  'ClusterVPC.autoAllocateIPv6': 'Give the VPC an Amazon-provided IPv6 block.',
  'ClusterVPC.hostnameType': 'EC2 hostname type for nodes in subnets eksctl creates (`ip-name` or `resource-name`).',
  'ClusterVPC.controlPlaneSubnetIDs': 'Subnets for the control plane ENIs, if not the node subnets.',
  'ClusterVPC.controlPlaneSecurityGroupIDs': 'Extra security groups for the control plane ENIs.',
  'ClusterNAT.gateway': '`Single` (default): one NAT gateway; `HighlyAvailable`: one per zone; `Disable`: none.',
  'ClusterEndpoints.publicAccess': 'Reach the API server from the internet (default true).',
  'ClusterEndpoints.privateAccess': 'Reach the API server from inside the VPC (default false; required for private clusters).',
  'AZSubnetSpec.id': 'The subnet ID (subnet-…).',
  'AZSubnetSpec.az': "The subnet's availability zone, when the map key is a name rather than a zone.",
  'AZSubnetSpec.cidr': 'The subnet CIDR, for subnets eksctl creates.',
  // IAM
  'ClusterIAM.serviceRoleARN': 'An existing IAM role for the EKS control plane.',
  'ClusterIAM.fargatePodExecutionRoleARN': 'An existing role Fargate uses to pull images and write logs.',
  'ClusterIAM.withOIDC':
    "Create the cluster's IAM OIDC provider, needed for IRSA (`iam.serviceAccounts` and add-ons with IAM roles). Without it, `eksctl create cluster` creates no IRSA service accounts.",
  'ClusterIAM.serviceAccounts':
    'IRSA: Kubernetes ServiceAccounts with an IAM role, trusted through the OIDC provider. Needs `withOIDC: true`.',
  'ClusterIAM.podIdentityAssociations':
    'EKS Pod Identity: IAM roles for ServiceAccounts without an OIDC provider. Needs the eks-pod-identity-agent add-on (built into Auto Mode).',
  'ClusterIAM.vpcResourceControllerPolicy':
    'Attach the VPC resource controller policy to the cluster role (default true; needed for security groups for Pods and Windows).',
  'ClusterIAMServiceAccount.metadata': 'Name and namespace of the Kubernetes ServiceAccount (namespace defaults to `default`).',
  'ClusterIAMServiceAccount.attachRoleARN': 'Use this existing role instead of creating one.',
  'ClusterIAMServiceAccount.roleOnly': 'Create the IAM role but not the Kubernetes ServiceAccount.',
  'ClusterIAMServiceAccount.roleName': 'Name for the role eksctl creates.',
  'ClusterIAMServiceAccount.status': 'Written by eksctl; do not set.',
  'ClusterIAMMeta.name': 'ServiceAccount name.',
  'ClusterIAMMeta.namespace': 'ServiceAccount namespace (default `default`).',
  'PodIdentityAssociation.namespace': 'Namespace of the ServiceAccount. Required.',
  'PodIdentityAssociation.serviceAccountName': 'Name of the ServiceAccount whose Pods get the role. Required.',
  'PodIdentityAssociation.roleARN':
    'An existing role (its trust policy must allow pods.eks.amazonaws.com). Not together with policies to attach.',
  'PodIdentityAssociation.createServiceAccount': 'Also create the ServiceAccount (default false).',
  'PodIdentityAssociation.permissionPolicyName': 'Name of the inline policy given in permissionPolicy.',
  'PodIdentityAssociation.targetRoleARN': 'A role in another account to chain into (cross-account access).',
  'PodIdentityAssociation.disableSessionTags': 'Do not add the EKS session tags to the role session.',
  'PodIdentityAssociation.policy': "A session policy that narrows the role's permissions for these Pods.",
  // policies (shared names)
  attachPolicyARNs: 'ARNs of managed IAM policies to attach to the role eksctl creates.',
  attachPolicy: 'An inline IAM policy document to attach to the role eksctl creates.',
  wellKnownPolicies:
    'Ready-made policy sets for common controllers (autoScaler, awsLoadBalancerController, certManager, ebsCSIController, efsCSIController, externalDNS, imageBuilder).',
  permissionsBoundary: 'ARN of a permissions boundary for the role eksctl creates.',
  permissionsBoundaryARN: 'ARN of a permissions boundary for the role eksctl creates.',
  permissionPolicyARNs: 'ARNs of managed IAM policies for the role eksctl creates.',
  permissionPolicy: 'An inline IAM policy document for the role eksctl creates.',
  tags: 'AWS tags.',
  labels: 'Kubernetes labels.',
  'WellKnownPolicies.autoScaler': 'Permissions for the Cluster Autoscaler.',
  'WellKnownPolicies.awsLoadBalancerController': 'Permissions for the AWS Load Balancer Controller.',
  'WellKnownPolicies.certManager': "Permissions for cert-manager's Route 53 DNS-01 solver.",
  'WellKnownPolicies.ebsCSIController': 'Permissions for the EBS CSI driver controller.',
  'WellKnownPolicies.efsCSIController': 'Permissions for the EFS CSI driver controller.',
  'WellKnownPolicies.externalDNS': 'Permissions for ExternalDNS on Route 53.',
  'WellKnownPolicies.imageBuilder': 'Permissions to push and pull ECR images (image builders).',
  // add-ons
  'Addon.name':
    'EKS add-on name, e.g. `vpc-cni`, `coredns`, `kube-proxy`, `eks-pod-identity-agent`, `aws-ebs-csi-driver`, `metrics-server`. Required.',
  'Addon.version':
    "Add-on version: `latest`, a full `v1.19.0-eksbuild.1`, or `1.19.0` (eksctl adds the build suffix). Omitted: the EKS default for the cluster version. kube-proxy must match the cluster's minor version.",
  'Addon.serviceAccountRoleARN':
    "IRSA: an existing role for the add-on's ServiceAccount. At most one of this, attachPolicyARNs, attachPolicy, wellKnownPolicies; not with podIdentityAssociations.",
  'Addon.resolveConflicts': 'What to do when a field was changed on the cluster: `none` (fail), `overwrite`, or `preserve` (updates only).',
  'Addon.podIdentityAssociations':
    "Pod Identity roles for the add-on's ServiceAccounts. Not together with IRSA settings; `[]` removes existing ones.",
  'Addon.useDefaultPodIdentityAssociations': 'Create the pod identity associations EKS recommends for this add-on.',
  'Addon.configurationValues':
    'Add-on configuration as a JSON or YAML string, following the schema of `aws eks describe-addon-configuration`.',
  'Addon.namespaceConfig': 'Install the add-on into a namespace of your choice (fixed after creation).',
  'AddonNamespaceConfig.namespace': 'A DNS-1123 label, at most 63 characters.',
  'AddonsConfig.autoApplyPodIdentityAssociations':
    'Create the recommended pod identity associations for every add-on that needs AWS permissions.',
  'AddonsConfig.disableDefaultAddons':
    'Create a bare cluster without vpc-cni, coredns and kube-proxy (then list the ones you want, or use Auto Mode).',
  // node groups
  name: 'Name, unique in the file. Letters, digits and hyphens only for node groups.',
  amiFamily:
    'Operating system of the nodes: `AmazonLinux2023` (default), `Bottlerocket`, `Ubuntu…`, `Windows…`. `AmazonLinux2` is not available from Kubernetes 1.33.',
  instanceType: 'One EC2 instance type. For several, use `instanceTypes` (managed) or `instancesDistribution` (self-managed).',
  instanceTypes: 'EC2 instance types the managed node group may use (not with instanceType).',
  availabilityZones: "Zones for the node group's subnets (not with subnets).",
  subnets: 'Subnet IDs or names from vpc.subnets for the nodes (not with availabilityZones).',
  desiredCapacity: 'Number of nodes to start with.',
  minSize: 'Smallest number of nodes.',
  maxSize: 'Largest number of nodes.',
  volumeSize: 'Root volume size in GiB (default 80).',
  volumeType: 'EBS type of the root volume: `gp3` (default), `gp2`, `io1`, `io2`, `sc1`, `st1`.',
  volumeIOPS: 'IOPS of a gp3 (3000–16000), io1 (100–64000) or io2 (100–256000) root volume.',
  volumeThroughput: 'Throughput of a gp3 root volume in MiB/s (eksctl accepts 125–1000).',
  volumeEncrypted: 'Encrypt the root volume.',
  volumeKmsKeyID: 'KMS key for the root volume (needs volumeEncrypted: true).',
  volumeName: 'Device name of the root volume.',
  ssh: 'SSH access to the nodes (a public key or key pair name, optional source security groups).',
  privateNetworking: 'Put the nodes in private subnets only (required in fully private clusters).',
  iam: 'The node role: an existing instance role/profile, policies to attach, or add-on policy sets.',
  ami: 'A custom AMI ID (or `auto`, `auto-ssm`). Custom AMIs need an explicit amiFamily and, for Amazon Linux, overrideBootstrapCommand.',
  securityGroups: "Extra security groups for the nodes and whether to attach eksctl's shared and local groups.",
  maxPodsPerNode: 'Cap the Pods per node (kubelet maxPods).',
  ebsOptimized: 'Launch EBS-optimized instances.',
  additionalVolumes: 'More EBS volumes to attach to each node.',
  preBootstrapCommands: 'Shell commands run before the node joins the cluster.',
  overrideBootstrapCommand:
    "Replace eksctl's bootstrap script (custom AMIs). Kubelet flags passed here must exist in the cluster's Kubernetes version.",
  propagateASGTags: 'Copy labels and taints as tags to the Auto Scaling group (for the Cluster Autoscaler to scale from zero).',
  disableIMDSv1: 'Require IMDSv2 on the nodes (default true).',
  disablePodIMDS: 'Block Pods from the instance metadata service (not with iam.withAddonPolicies).',
  placement: 'An EC2 placement group for the nodes.',
  efaEnabled: 'Attach Elastic Fabric Adapters (one subnet or zone only).',
  instanceSelector: 'Let eksctl pick instance types by vCPUs, memory, GPUs and architecture.',
  bottlerocket: 'Bottlerocket settings (TOML-like settings map, admin container).',
  enableDetailedMonitoring: 'One-minute CloudWatch metrics for the instances.',
  capacityReservation: 'Launch into an EC2 capacity reservation (preference `open`/`none`, or a target).',
  instanceMarketOptions: 'Market type for capacity blocks (`capacity-block`, needs capacityReservation).',
  outpostARN: 'Run the node group on this Outpost.',
  spot: 'Use Spot capacity (managed node groups).',
  taints: 'Taints for the nodes: a list of {key, value, effect} (NoSchedule, PreferNoSchedule, NoExecute).',
  updateConfig: 'How many nodes a managed update may take down at once: maxUnavailable or maxUnavailablePercentage.',
  launchTemplate: 'An existing EC2 launch template (id, version); many node group fields are then taken from it.',
  releaseVersion: 'EKS-optimized AMI release for a managed node group.',
  nodeRepairConfig: 'Automatic repair of unhealthy managed nodes.',
  instancePrefix: 'Prefix of the instance names.',
  instanceName: 'Instance name (Name tag).',
  instancesDistribution: 'Mixed instance types and Spot/On-Demand split for a self-managed node group.',
  asgMetricsCollection: 'Auto Scaling group metrics to collect.',
  cpuCredits: 'CPU credit option for burstable (T) instances: `standard` or `unlimited`.',
  classicLoadBalancerNames: 'Classic Load Balancers to register the nodes with.',
  targetGroupARNs: 'Target groups to register the nodes with.',
  clusterDNS: 'DNS server address for the kubelet.',
  kubeletExtraConfig: 'Extra KubeletConfiguration fields for the nodes.',
  containerRuntime: 'Container runtime of self-managed nodes (containerd).',
  maxInstanceLifetime: 'Replace instances after this many seconds.',
  enclaveEnabled: 'Enable Nitro Enclaves.',
  'NodeGroupTaint.key': 'Taint key.',
  'NodeGroupTaint.value': 'Taint value.',
  'NodeGroupTaint.effect': '`NoSchedule`, `PreferNoSchedule` or `NoExecute`.',
  'NodeGroupUpdateConfig.maxUnavailable': 'Nodes a managed update may take down at once (not with maxUnavailablePercentage).',
  'NodeGroupUpdateConfig.maxUnavailablePercentage': 'Percentage of nodes a managed update may take down at once.',
  'NodeGroupIAM.instanceRoleARN': 'An existing node role.',
  'NodeGroupIAM.instanceProfileARN': 'An existing instance profile (self-managed).',
  'NodeGroupIAM.instanceRoleName': 'Name for the role eksctl creates.',
  'NodeGroupIAM.withAddonPolicies': 'Add permissions for common add-ons to the node role (prefer IRSA or Pod Identity).',
  'FargateProfile.name': 'Profile name. Required.',
  'FargateProfile.selectors': 'Namespace (and optional labels) of the Pods that run on Fargate.',
  'FargateProfile.podExecutionRoleARN': 'Role Fargate uses for these Pods.',
  'FargateProfileSelector.namespace': 'Pods in this namespace match. Required.',
  // other sections
  'SecretsEncryption.keyARN': 'KMS key ARN for Secrets encryption. Required.',
  'ClusterCloudWatchLogging.enableTypes': 'Control plane log types: api, audit, authenticator, controllerManager, scheduler, or `all`/`*`.',
  'ClusterCloudWatchLogging.logRetentionInDays': 'Retention of the CloudWatch log group in days.',
  'Karpenter.version': 'Karpenter version to install. Required.',
  'Flux.gitProvider': 'Git provider for `flux bootstrap` (github, gitlab, ...). Required with gitops.flux.',
  'Flux.flags': 'Flags passed to `flux bootstrap`. Required with gitops.flux.',
  'AccessConfig.authenticationMode':
    '`API` (access entries), `API_AND_CONFIG_MAP` (both) or `CONFIG_MAP` (aws-auth only). Access entries need one of the first two.',
  'AccessConfig.bootstrapClusterCreatorAdminPermissions': 'Give the identity that creates the cluster admin access (default true).',
  'AccessConfig.accessEntries': 'IAM principals and the Kubernetes permissions they get.',
  'AccessEntry.principalARN': 'IAM role or user ARN.',
  'AccessEntry.accessPolicies': 'EKS access policies and their scope (cluster or namespaces).',
  'Capability.name': 'Capability name. Required.',
  'Capability.type': '`ARGOCD`, `ACK` or `KRO`. Required.',
  'Capability.roleArn': 'IAM role the capability uses.',
  'Capability.configuration': 'Per-type settings (for Argo CD: namespace, Identity Center, RBAC role mappings).',
  'ArgoCDConfiguration.namespace': 'The one namespace where the managed Argo CD reads Applications, ApplicationSets and AppProjects.',
  'ArgoCDConfiguration.rbacRoleMappings': 'Identity Center users/groups mapped to ADMIN, EDITOR or VIEWER.',
  'ArgoCDRoleMapping.role': '`ADMIN`, `EDITOR` or `VIEWER` (upper case).',
  'PrivateCluster.enabled': 'Make the cluster fully private.',
  'PrivateCluster.additionalEndpointServices': 'More VPC endpoints to create (e.g. autoscaling, cloudformation, logs).',
  'RemoteNetworkConfig.vpcGatewayID': 'Transit or virtual private gateway for a VPC eksctl creates (not with an existing VPC).',
  'RemoteNetworkConfig.remoteNodeNetworks': 'CIDRs of the on-premises nodes.',
  'RemoteNetworkConfig.remotePodNetworks': 'CIDRs of Pods on hybrid nodes.',
  'RemoteNodesIAM.provider': '`SSM` or `IRA` (IAM Roles Anywhere).',
  'IdentityProvider.type': 'Only `oidc`.',
  'ZonalShiftConfig.enabled': 'Allow zonal shifts away from an impaired availability zone.',
};

/** Our text for a field of a definition, if we wrote one. */
export function fieldDoc(def: string | undefined, field: string): string | undefined {
  return (def ? FIELD_DOCS[`${def}.${field}`] : undefined) ?? FIELD_DOCS[field];
}

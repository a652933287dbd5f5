/**
 * Served versions of the CRDs the gateway and appmesh modules know, derived from the upstream CRD files by
 * scripts/derive-gateway-versions.ts (do not edit by hand; re-run the script). Each row names its source:
 * repository, path, commit (tag). `channel` is the Gateway API release channel the file belongs to.
 */
export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated: boolean;
}
export interface CrdFacts {
  kind: string;
  group: string;
  scope: string;
  channel?: string;
  versions: CrdVersion[];
  source: string;
}

export const CRD_FACTS: CrdFacts[] = [
  {
    kind: 'GatewayClass',
    group: 'gateway.networking.k8s.io',
    scope: 'Cluster',
    channel: 'standard',
    versions: [
      { name: 'v1', served: true, storage: true, deprecated: false },
      { name: 'v1beta1', served: true, storage: false, deprecated: false },
    ],
    source:
      'kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_gatewayclasses.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'Gateway',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'standard',
    versions: [
      { name: 'v1', served: true, storage: true, deprecated: false },
      { name: 'v1beta1', served: true, storage: false, deprecated: false },
    ],
    source:
      'kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_gateways.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'HTTPRoute',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'standard',
    versions: [
      { name: 'v1', served: true, storage: true, deprecated: false },
      { name: 'v1beta1', served: true, storage: false, deprecated: false },
    ],
    source:
      'kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_httproutes.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'GRPCRoute',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'standard',
    versions: [{ name: 'v1', served: true, storage: true, deprecated: false }],
    source:
      'kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_grpcroutes.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'TLSRoute',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'standard',
    versions: [
      { name: 'v1', served: true, storage: true, deprecated: false },
      { name: 'v1alpha2', served: false, storage: false, deprecated: true },
      { name: 'v1alpha3', served: false, storage: false, deprecated: true },
    ],
    source:
      'kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_tlsroutes.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'ReferenceGrant',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'standard',
    versions: [
      { name: 'v1', served: true, storage: false, deprecated: false },
      { name: 'v1beta1', served: true, storage: true, deprecated: false },
    ],
    source:
      'kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_referencegrants.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'BackendTLSPolicy',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'standard',
    versions: [
      { name: 'v1', served: true, storage: true, deprecated: false },
      { name: 'v1alpha3', served: false, storage: false, deprecated: true },
    ],
    source:
      'kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_backendtlspolicies.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'ListenerSet',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'standard',
    versions: [{ name: 'v1', served: true, storage: true, deprecated: false }],
    source:
      'kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_listenersets.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'TCPRoute',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'experimental',
    versions: [{ name: 'v1alpha2', served: true, storage: true, deprecated: false }],
    source:
      'kubernetes-sigs/gateway-api config/crd/experimental/gateway.networking.k8s.io_tcproutes.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'UDPRoute',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'experimental',
    versions: [{ name: 'v1alpha2', served: true, storage: true, deprecated: false }],
    source:
      'kubernetes-sigs/gateway-api config/crd/experimental/gateway.networking.k8s.io_udproutes.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'TLSRoute',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'experimental',
    versions: [
      { name: 'v1', served: true, storage: true, deprecated: false },
      { name: 'v1alpha2', served: true, storage: false, deprecated: true },
      { name: 'v1alpha3', served: true, storage: false, deprecated: true },
    ],
    source:
      'kubernetes-sigs/gateway-api config/crd/experimental/gateway.networking.k8s.io_tlsroutes.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'BackendTLSPolicy',
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    channel: 'experimental',
    versions: [
      { name: 'v1', served: true, storage: true, deprecated: false },
      { name: 'v1alpha3', served: true, storage: false, deprecated: true },
    ],
    source:
      'kubernetes-sigs/gateway-api config/crd/experimental/gateway.networking.k8s.io_backendtlspolicies.yaml 3797b631d20f9ff4e2b4571f62d91d84a1fbdf5a (v1.5.0)',
  },
  {
    kind: 'AccessLogPolicy',
    group: 'application-networking.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1alpha1', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-application-networking-k8s config/crds/bases/application-networking.k8s.aws_accesslogpolicies.yaml e3fb86ea0573aa299458b9b022c59a364584b6e8 (v2.1.3)',
  },
  {
    kind: 'IAMAuthPolicy',
    group: 'application-networking.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1alpha1', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-application-networking-k8s config/crds/bases/application-networking.k8s.aws_iamauthpolicies.yaml e3fb86ea0573aa299458b9b022c59a364584b6e8 (v2.1.3)',
  },
  {
    kind: 'ServiceExport',
    group: 'application-networking.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1alpha1', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-application-networking-k8s config/crds/bases/application-networking.k8s.aws_serviceexports.yaml e3fb86ea0573aa299458b9b022c59a364584b6e8 (v2.1.3)',
  },
  {
    kind: 'ServiceImport',
    group: 'application-networking.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1alpha1', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-application-networking-k8s config/crds/bases/application-networking.k8s.aws_serviceimports.yaml e3fb86ea0573aa299458b9b022c59a364584b6e8 (v2.1.3)',
  },
  {
    kind: 'ServiceNetwork',
    group: 'application-networking.k8s.aws',
    scope: 'Cluster',
    versions: [{ name: 'v1alpha1', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-application-networking-k8s config/crds/bases/application-networking.k8s.aws_servicenetworks.yaml e3fb86ea0573aa299458b9b022c59a364584b6e8 (v2.1.3)',
  },
  {
    kind: 'TargetGroupPolicy',
    group: 'application-networking.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1alpha1', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-application-networking-k8s config/crds/bases/application-networking.k8s.aws_targetgrouppolicies.yaml e3fb86ea0573aa299458b9b022c59a364584b6e8 (v2.1.3)',
  },
  {
    kind: 'VpcAssociationPolicy',
    group: 'application-networking.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1alpha1', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-application-networking-k8s config/crds/bases/application-networking.k8s.aws_vpcassociationpolicies.yaml e3fb86ea0573aa299458b9b022c59a364584b6e8 (v2.1.3)',
  },
  {
    kind: 'ListenerRuleConfiguration',
    group: 'gateway.k8s.aws',
    scope: 'Namespaced',
    versions: [
      { name: 'v1', served: true, storage: true, deprecated: false },
      { name: 'v1beta1', served: true, storage: false, deprecated: true },
    ],
    source:
      'kubernetes-sigs/aws-load-balancer-controller config/crd/gateway/gateway.k8s.aws_listenerruleconfigurations.yaml 11eb202c97e4ae2ee45e0658c4cde9a4b59f33d4 (v3.5.0)',
  },
  {
    kind: 'LoadBalancerConfiguration',
    group: 'gateway.k8s.aws',
    scope: 'Namespaced',
    versions: [
      { name: 'v1', served: true, storage: true, deprecated: false },
      { name: 'v1beta1', served: true, storage: false, deprecated: true },
    ],
    source:
      'kubernetes-sigs/aws-load-balancer-controller config/crd/gateway/gateway.k8s.aws_loadbalancerconfigurations.yaml 11eb202c97e4ae2ee45e0658c4cde9a4b59f33d4 (v3.5.0)',
  },
  {
    kind: 'TargetGroupConfiguration',
    group: 'gateway.k8s.aws',
    scope: 'Namespaced',
    versions: [
      { name: 'v1', served: true, storage: true, deprecated: false },
      { name: 'v1beta1', served: true, storage: false, deprecated: true },
    ],
    source:
      'kubernetes-sigs/aws-load-balancer-controller config/crd/gateway/gateway.k8s.aws_targetgroupconfigurations.yaml 11eb202c97e4ae2ee45e0658c4cde9a4b59f33d4 (v3.5.0)',
  },
  {
    kind: 'BackendGroup',
    group: 'appmesh.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1beta2', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-app-mesh-controller-for-k8s config/crd/bases/appmesh.k8s.aws_backendgroups.yaml 7588d122c3c45e1f873d7d016a30922f049764bf (v1.13.3 (main))',
  },
  {
    kind: 'GatewayRoute',
    group: 'appmesh.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1beta2', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-app-mesh-controller-for-k8s config/crd/bases/appmesh.k8s.aws_gatewayroutes.yaml 7588d122c3c45e1f873d7d016a30922f049764bf (v1.13.3 (main))',
  },
  {
    kind: 'Mesh',
    group: 'appmesh.k8s.aws',
    scope: 'Cluster',
    versions: [{ name: 'v1beta2', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-app-mesh-controller-for-k8s config/crd/bases/appmesh.k8s.aws_meshes.yaml 7588d122c3c45e1f873d7d016a30922f049764bf (v1.13.3 (main))',
  },
  {
    kind: 'VirtualGateway',
    group: 'appmesh.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1beta2', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-app-mesh-controller-for-k8s config/crd/bases/appmesh.k8s.aws_virtualgateways.yaml 7588d122c3c45e1f873d7d016a30922f049764bf (v1.13.3 (main))',
  },
  {
    kind: 'VirtualNode',
    group: 'appmesh.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1beta2', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-app-mesh-controller-for-k8s config/crd/bases/appmesh.k8s.aws_virtualnodes.yaml 7588d122c3c45e1f873d7d016a30922f049764bf (v1.13.3 (main))',
  },
  {
    kind: 'VirtualRouter',
    group: 'appmesh.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1beta2', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-app-mesh-controller-for-k8s config/crd/bases/appmesh.k8s.aws_virtualrouters.yaml 7588d122c3c45e1f873d7d016a30922f049764bf (v1.13.3 (main))',
  },
  {
    kind: 'VirtualService',
    group: 'appmesh.k8s.aws',
    scope: 'Namespaced',
    versions: [{ name: 'v1beta2', served: true, storage: true, deprecated: false }],
    source:
      'aws/aws-app-mesh-controller-for-k8s config/crd/bases/appmesh.k8s.aws_virtualservices.yaml 7588d122c3c45e1f873d7d016a30922f049764bf (v1.13.3 (main))',
  },
];

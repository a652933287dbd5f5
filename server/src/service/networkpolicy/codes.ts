import type { DiagnosticCodeInfo } from '../diagnostics/types';

const A = 'networkpolicy';

export const NP_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'np-schema-type',
    severity: 'error',
    area: A,
    summary:
      'A NetworkPolicy field has the wrong type (e.g. a list where an object is expected), or two fields that cannot be combined are set together.',
  },
  {
    code: 'np-schema-unknown-field',
    severity: 'error',
    area: A,
    summary: 'A field that NetworkPolicy `spec` does not have (typo or wrong nesting); the message suggests the closest field.',
  },
  {
    code: 'np-schema-required',
    severity: 'error',
    area: A,
    summary: 'A required field is missing: `ipBlock.cidr`, `matchExpressions[].key`/`operator`.',
  },
  {
    code: 'np-schema-enum',
    severity: 'error',
    area: A,
    summary: 'A value outside its allowed set: `policyTypes` (Ingress, Egress), selector `operator` (In, NotIn, Exists, DoesNotExist).',
  },
  {
    code: 'np-schema-pattern',
    severity: 'error',
    area: A,
    summary: 'A named port that is not a valid port name (1–15 lowercase letters, digits and single hyphens, with at least one letter).',
  },
  { code: 'np-schema-range', severity: 'error', area: A, summary: 'A list or string outside its size limits.' },
  {
    code: 'np-selector-values',
    severity: 'error',
    area: A,
    summary: '`In`/`NotIn` selector expressions need a non-empty `values`; `Exists`/`DoesNotExist` must have none.',
  },
  {
    code: 'np-empty-peer',
    severity: 'error',
    area: A,
    summary: 'A `from`/`to` item sets none of `podSelector`, `namespaceSelector`, `ipBlock`; the API server rejects it.',
  },
  { code: 'np-protocol', severity: 'error', area: A, summary: '`protocol` is not TCP, UDP or SCTP (case matters).' },
  { code: 'np-port-range', severity: 'error', area: A, summary: 'A numeric `port` or `endPort` outside 1–65535.' },
  {
    code: 'np-endport-needs-numeric-port',
    severity: 'error',
    area: A,
    summary: '`endPort` is set but `port` is missing or a named port; a range needs a numeric start.',
  },
  { code: 'np-endport-less-than-port', severity: 'error', area: A, summary: '`endPort` is smaller than `port`.' },
  {
    code: 'np-cidr-invalid',
    severity: 'error',
    area: A,
    summary:
      '`ipBlock.cidr` or an `except` entry is not a CIDR the API server accepts, or has a leading zero (`10.0.0.01/8`: accepted with a warning before Kubernetes 1.36, but the VPC CNI agent cannot parse it); host bits set or an IPv4-mapped IPv6 range is a warning before 1.36 and an error from 1.36 (StrictIPCIDRValidation).',
  },
  {
    code: 'np-except-outside-cidr',
    severity: 'error',
    area: A,
    summary: 'An `ipBlock.except` entry is not strictly inside `ipBlock.cidr` (or is of the other IP family).',
  },
  {
    code: 'np-ipblock-with-selector',
    severity: 'error',
    area: A,
    summary: 'One peer combines `ipBlock` with `podSelector`/`namespaceSelector`; the API server rejects it (use separate list items).',
  },
  {
    code: 'np-egress-ignored',
    severity: 'warning',
    area: A,
    summary: '`egress` rules are present but `policyTypes` is set without `Egress`: the rules have no effect.',
  },
  {
    code: 'np-ingress-ignored',
    severity: 'warning',
    area: A,
    summary: '`ingress` rules are present but `policyTypes` is set without `Ingress`: the rules have no effect.',
  },
  {
    code: 'np-and-or-peers',
    severity: 'info',
    area: A,
    summary:
      'A namespace-only peer next to a pod-only peer (OR: two sources) where one peer with both selectors (AND) may have been meant, or the reverse (shown as a hint); quick fixes convert between the two forms.',
  },
  {
    code: 'np-empty-from',
    severity: 'info',
    area: A,
    summary:
      'An explicitly empty `from:`/`to:` (allows everything, like leaving it out) or an `egress: []` that denies nothing because `policyTypes` is omitted.',
  },
  {
    code: 'np-egress-no-dns',
    notInWorkspace: true,
    severity: 'warning',
    area: A,
    summary:
      "The policy isolates egress but no rule reaches the cluster DNS (kube-dns, UDP/TCP 53), and no other policy of the namespace in the workspace does: its Pods cannot resolve names (a deny-all egress policy, without rules, is left alone); information when the workspace may not hold the namespace's policies (no other policy of the namespace is deployed with it, or charts and operators deployed with it); a quick fix adds the kube-dns rule.",
  },
  {
    code: 'np-vpc-cni-port-limit',
    severity: 'warning',
    area: A,
    summary:
      'A rule lists more than 24 distinct port/protocol combinations: the VPC CNI network policy agent keeps only 24 per destination and drops the rest.',
  },
  {
    code: 'np-named-port-unknown',
    severity: 'warning',
    area: A,
    summary:
      'A named port that no container of the Pods it refers to (in this workspace; for a namespaceSelector + podSelector peer, in the selected namespaces) declares, or a named port in an egress rule whose destinations are only ipBlock ranges, where it can never resolve.',
  },
  {
    code: 'np-pod-selector-no-match',
    notInWorkspace: true,
    severity: 'warning',
    area: A,
    summary:
      "A `podSelector` matches no workload of the workspace in the policy's namespace (only when that namespace has workloads in the workspace).",
  },
  {
    code: 'np-namespace-selector-no-match',
    notInWorkspace: true,
    severity: 'warning',
    area: A,
    summary:
      'A `namespaceSelector` matches no Namespace of the workspace (only when the workspace declares Namespaces; `kubernetes.io/metadata.name` and the built-in namespaces are taken into account).',
  },
  {
    code: 'np-host-network',
    severity: 'info',
    area: A,
    summary: 'The policy selects a workload that uses `hostNetwork: true`; NetworkPolicies do not apply to such Pods (once per policy).',
  },
  {
    code: 'np-eks-enforcement',
    severity: 'info',
    area: A,
    summary:
      'On a default-deny policy (once per policy): on EKS it is enforced only when the VPC CNI network policy agent is enabled (Auto Mode: the `amazon-vpc-cni` ConfigMap; the NodeClass `networkPolicy` setting is optional).',
  },
];

/**
 * The NetworkPolicy (networking.k8s.io/v1) `spec` schema with our own docs, for completion, hover and the
 * schema diagnostics. Written from the Kubernetes API reference and the network policy concept page.
 */
import type { FieldSchema } from '../catalog/schema';

const API_REF = 'https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/';
const CONCEPT = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';

/** IANA service name rules for container port names. */
export const PORT_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

function labelSelector(what: string, extra: string): FieldSchema {
  return {
    type: 'object',
    source: API_REF,
    doc: `Chooses ${what} by their labels. \`matchLabels\` and \`matchExpressions\` must all hold (AND). ${extra}`,
    properties: {
      matchLabels: {
        type: 'object',
        doc: `Labels ${what} must carry, each key with exactly this value. All pairs must match.`,
        additionalProperties: { type: 'string', doc: 'Label value that must match exactly (quote numbers and booleans).' },
      },
      matchExpressions: {
        type: 'array',
        doc: 'Set-based requirements on labels; every expression must hold.',
        items: {
          type: 'object',
          required: ['key', 'operator'],
          doc: 'One requirement: a label key, an operator and (for In/NotIn) values.',
          properties: {
            key: { type: 'string', doc: 'The label key the requirement is about.' },
            operator: {
              type: 'string',
              doc: 'How the label is compared.',
              enum: [
                { value: 'In', doc: 'The label is set to one of `values`.' },
                { value: 'NotIn', doc: 'The label is missing or set to none of `values`.' },
                { value: 'Exists', doc: 'The label is set (any value); `values` must be empty.' },
                { value: 'DoesNotExist', doc: 'The label is not set; `values` must be empty.' },
              ],
            },
            values: { type: 'array', items: { type: 'string' }, doc: 'Values for In/NotIn (at least one); empty for Exists/DoesNotExist.' },
          },
        },
      },
    },
  };
}

const podSelectorPeer = labelSelector(
  'Pods',
  "Alone, it means Pods of the policy's own namespace; together with `namespaceSelector` in the same item, Pods with these labels in the selected namespaces. `{}` means every Pod.",
);
const namespaceSelectorPeer = labelSelector(
  'namespaces',
  'Alone, it means every Pod in the selected namespaces; together with `podSelector` in the same item, only the matching Pods there. `{}` means every namespace. Every Namespace carries `kubernetes.io/metadata.name: <name>`.',
);

const ipBlock: FieldSchema = {
  type: 'object',
  required: ['cidr'],
  source: API_REF,
  doc: 'A range of IP addresses. Meant for traffic from or to outside the cluster (load balancers, VPC ranges, the internet): Pod IPs change, so select Pods with selectors instead. Cannot be combined with selectors in the same item.',
  properties: {
    cidr: { type: 'string', doc: 'The address range, e.g. `10.0.0.0/16` or `2001:db8::/64`.' },
    except: { type: 'array', items: { type: 'string' }, doc: 'Ranges carved out of `cidr`; each must lie strictly inside it.' },
  },
};

const peer: FieldSchema = {
  type: 'object',
  source: CONCEPT,
  doc: 'One allowed peer. Fields in the same item combine with AND (`namespaceSelector` + `podSelector` = these Pods in those namespaces); separate items combine with OR. Set at least one field; `ipBlock` stands alone.',
  properties: { podSelector: podSelectorPeer, namespaceSelector: namespaceSelectorPeer, ipBlock },
};

const port: FieldSchema = {
  type: 'object',
  source: API_REF,
  doc: 'A destination port (or range) the rule opens. Without `port`, every port of the protocol.',
  properties: {
    protocol: {
      type: 'string',
      default: 'TCP',
      doc: 'The protocol: `TCP` (default), `UDP` or `SCTP`, in upper case.',
      enum: [{ value: 'TCP' }, { value: 'UDP' }, { value: 'SCTP' }],
    },
    port: {
      type: 'intOrString',
      doc: 'A port number (1–65535) or the name of a container port of the destination Pods. Named ports are resolved per Pod.',
    },
    endPort: {
      type: 'integer',
      doc: 'Makes `port` the start of a range ending here (inclusive). Needs a numeric `port` and `endPort >= port`.',
    },
  },
};

export const NETWORK_POLICY_SPEC: FieldSchema = {
  type: 'object',
  source: API_REF,
  doc: 'What the policy selects and what traffic it allows. Policies only add allowances: traffic to or from a selected Pod is allowed when any policy that selects it allows it.',
  properties: {
    podSelector: labelSelector(
      'the Pods this policy applies to',
      "Only Pods in the policy's namespace. `{}` selects every Pod of the namespace (the usual default-deny form).",
    ),
    policyTypes: {
      type: 'array',
      maxItems: 2,
      doc: 'Which directions the policy isolates. When left out: `Ingress`, plus `Egress` only if there are egress rules. Listing a direction with no rules denies all traffic that way (for the selected Pods, unless another policy allows it).',
      items: {
        type: 'string',
        enum: [
          { value: 'Ingress', doc: 'Isolate incoming traffic of the selected Pods.' },
          { value: 'Egress', doc: 'Isolate outgoing traffic of the selected Pods.' },
        ],
      },
    },
    ingress: {
      type: 'array',
      source: CONCEPT,
      doc: 'Rules for incoming traffic; a connection is allowed when any rule matches. `[]` (or leaving it out with `Ingress` in policyTypes) allows nothing; `- {}` allows everything.',
      items: {
        type: 'object',
        doc: 'One ingress rule: sources (`from`) and ports; both must match.',
        properties: {
          from: { type: 'array', items: peer, doc: 'Allowed sources (OR). Missing or empty: every source.' },
          ports: { type: 'array', items: port, doc: 'Allowed destination ports on the selected Pods (OR). Missing or empty: every port.' },
        },
      },
    },
    egress: {
      type: 'array',
      source: CONCEPT,
      doc: 'Rules for outgoing traffic; a connection is allowed when any rule matches. Remember DNS: with egress isolated, Pods need a rule to reach kube-dns on port 53.',
      items: {
        type: 'object',
        doc: 'One egress rule: destinations (`to`) and ports; both must match.',
        properties: {
          to: { type: 'array', items: peer, doc: 'Allowed destinations (OR). Missing or empty: every destination.' },
          ports: { type: 'array', items: port, doc: 'Allowed destination ports (OR). Missing or empty: every port.' },
        },
      },
    },
  },
};

/**
 * The NodePool module's domain data: field schemas for Karpenter's NodePool (`karpenter.sh/v1`) and EKS Auto
 * Mode's NodeClass (`eks.amazonaws.com/v1`), and the node labels a requirement can use. Docs are our own
 * words; the rules (patterns, enums, ranges, list limits) follow the upstream CRD, and
 * `test/unit/nodepool/crd.test.ts` holds them against facts extracted from it.
 */
import type { FieldSchema } from '../catalog/schema';
import { Catalog, type CatalogEntry } from '../catalog/types';

export const KARPENTER_CRD_SOURCE = 'https://github.com/kubernetes-sigs/karpenter/blob/main/pkg/apis/crds/karpenter.sh_nodepools.yaml';
export const NODEPOOL_DOCS = 'https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html';
export const NODECLASS_DOCS = 'https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html';

/** Duration with an optional `Never` (expireAfter, consolidateAfter). */
export const DURATION_OR_NEVER = /^(([0-9]+(s|m|h))+|Never)$/;
/** Duration without `Never` (terminationGracePeriod). */
export const DURATION = /^([0-9]+(s|m|h))+$/;
/** Budget duration: hours and/or minutes, optionally ending in 0s. */
export const BUDGET_DURATION = /^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$/;
/** Budget nodes: a percentage up to 100% or a whole number. */
export const BUDGET_NODES = /^((100|[0-9]{1,2})%|[0-9]+)$/;
/** Budget schedule: a macro like @daily or five cron fields (the CRD's own, loose, pattern). */
export const BUDGET_SCHEDULE = /^(@(annually|yearly|monthly|weekly|daily|midnight|hourly))|((.+)\s(.+)\s(.+)\s(.+)\s(.+))$/;
/** A qualified label key (optional DNS prefix + name). */
export const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(\/))?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** A label value (may be empty). */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
export const GROUP = /^[^/]*$/;

const durationHint = 'a duration in whole s/m/h units such as 30s, 10m, 720h or 1h30m';

const taint = (what: string): FieldSchema => ({
  type: 'object',
  doc: what,
  required: ['key', 'effect'],
  properties: {
    key: {
      type: 'string',
      doc: 'The taint key (a label-style key such as `nvidia.com/gpu`).',
      pattern: LABEL_KEY,
      patternHint: 'a label-style key',
    },
    value: { type: 'string', doc: 'Optional taint value.', pattern: LABEL_KEY, patternHint: 'a label-style value' },
    effect: {
      type: 'string',
      doc: 'What the taint does to Pods that do not tolerate it.',
      enum: [
        { value: 'NoSchedule', doc: 'New Pods without a toleration are not scheduled on the node.' },
        { value: 'PreferNoSchedule', doc: 'The scheduler avoids the node for Pods without a toleration, but may still use it.' },
        { value: 'NoExecute', doc: 'Pods without a toleration are not scheduled and running ones are evicted.' },
      ],
    },
    timeAdded: { type: 'string', doc: 'Set by the system for NoExecute taints; leave it out.' },
  },
});

export const REQUIREMENT_SCHEMA: FieldSchema = {
  type: 'object',
  doc: 'One constraint on the nodes this NodePool may launch: a node label `key`, an `operator` and `values`. All requirements must hold together.',
  required: ['key', 'operator'],
  properties: {
    key: {
      type: 'string',
      doc: 'The node label the constraint is about, e.g. `eks.amazonaws.com/instance-category` or `karpenter.sh/capacity-type`.',
      pattern: LABEL_KEY,
      patternHint: 'a label key (optional DNS prefix, then a name)',
      maxLength: 316,
    },
    operator: {
      type: 'string',
      doc: 'How the label is compared with `values`.',
      enum: [
        { value: 'In', doc: 'The label must have one of the values (needs at least one value).' },
        { value: 'NotIn', doc: 'The label must not have any of the values.' },
        { value: 'Exists', doc: 'The label must be present, any value (leave values out).' },
        { value: 'DoesNotExist', doc: 'The label must be absent (leave values out).' },
        { value: 'Gt', doc: 'The label, read as an integer, must be greater than the single value.' },
        { value: 'Lt', doc: 'The label, read as an integer, must be less than the single value.' },
        { value: 'Gte', doc: 'Greater than or equal to the single value (Karpenter v1.9.0 and later).' },
        { value: 'Lte', doc: 'Less than or equal to the single value (Karpenter v1.9.0 and later).' },
      ],
    },
    values: {
      type: 'array',
      doc: 'The values to compare with. `In`/`NotIn` take a list; `Gt`/`Lt`/`Gte`/`Lte` take exactly one non-negative integer; `Exists`/`DoesNotExist` take none.',
      items: {
        type: 'string',
        pattern: LABEL_VALUE,
        patternHint: 'a label value (letters, digits, - _ ., at most 63 characters)',
        maxLength: 63,
      },
    },
    minValues: {
      type: 'integer',
      doc: 'With `In`: at least this many distinct values of the key must remain possible when Karpenter picks instances (keeps capacity flexible, e.g. for Spot). Alpha upstream.',
      minimum: 1,
      maximum: 50,
    },
  },
};

export const BUDGET_SCHEMA: FieldSchema = {
  type: 'object',
  doc: 'A limit on how many nodes voluntary disruption may take down at once. With `schedule` + `duration` the limit applies only in that window; with `reasons` only to those kinds of disruption. The most restrictive active budget wins.',
  required: ['nodes'],
  properties: {
    nodes: {
      type: 'string',
      doc: 'How many nodes may be disrupted at the same time: a number (`"0"` blocks disruption) or a percentage of the NodePool\'s nodes (`"10%"`). Write it as a string.',
      pattern: BUDGET_NODES,
      patternHint: 'a whole number or a percentage such as "10%"',
      default: '10%',
    },
    schedule: {
      type: 'string',
      doc: 'When the budget starts: a cron expression (five fields, UTC) or a macro like `@daily`. Must be set together with `duration`.',
      pattern: BUDGET_SCHEDULE,
      patternHint: 'five cron fields or @yearly/@monthly/@weekly/@daily/@hourly',
    },
    duration: {
      type: 'string',
      doc: 'How long the budget stays active after each `schedule` start, in hours and/or minutes (e.g. `8h`, `1h30m`). Must be set together with `schedule`.',
      pattern: BUDGET_DURATION,
      patternHint: 'hours and/or minutes such as 8h, 30m or 1h30m',
    },
    reasons: {
      type: 'array',
      doc: 'Which kinds of disruption the budget applies to; all of them when left out.',
      maxItems: 50,
      items: {
        type: 'string',
        enum: [
          { value: 'Underutilized', doc: 'Consolidation replacing or removing nodes that are not well used.' },
          { value: 'Empty', doc: 'Removing nodes that run no workload Pods.' },
          { value: 'Drifted', doc: 'Replacing nodes that no longer match their NodePool/NodeClass (e.g. a new AMI).' },
        ],
      },
    },
  },
};

export const NODEPOOL_SPEC_SCHEMA: FieldSchema = {
  type: 'object',
  doc: 'How this NodePool launches and retires nodes.',
  required: ['template'],
  properties: {
    template: {
      type: 'object',
      required: ['spec'],
      doc: 'What every node launched by this NodePool looks like: its labels/annotations and its constraints.',
      properties: {
        metadata: {
          type: 'object',
          doc: 'Labels and annotations put on every node of this NodePool (Pods can select these labels).',
          properties: {
            labels: {
              type: 'object',
              doc: 'Labels added to each node. Keys in the `karpenter.sh` domain and `kubernetes.io/hostname` are reserved.',
              additionalProperties: { type: 'string', pattern: LABEL_VALUE, patternHint: 'a label value', maxLength: 63 },
            },
            annotations: { type: 'object', doc: 'Annotations added to each node.', additionalProperties: { type: 'string' } },
          },
        },
        spec: {
          type: 'object',
          required: ['nodeClassRef', 'requirements'],
          doc: 'The constraints and lifecycle of each node.',
          properties: {
            nodeClassRef: {
              type: 'object',
              required: ['group', 'kind', 'name'],
              doc: 'The NodeClass holding the cloud-specific settings (subnets, security groups, storage). In EKS Auto Mode: `group: eks.amazonaws.com`, `kind: NodeClass`, and `name: default` for the built-in one.',
              properties: {
                group: {
                  type: 'string',
                  doc: 'API group of the NodeClass: `eks.amazonaws.com` in Auto Mode, `karpenter.k8s.aws` for self-managed Karpenter on AWS. Cannot change after creation.',
                  pattern: GROUP,
                  patternHint: 'a group name without "/" (not an apiVersion)',
                },
                kind: {
                  type: 'string',
                  doc: 'Kind of the NodeClass: `NodeClass` in Auto Mode, `EC2NodeClass` for self-managed Karpenter on AWS. Cannot change after creation.',
                },
                name: { type: 'string', doc: 'Name of the NodeClass object. Auto Mode provides one called `default`.' },
              },
            },
            requirements: {
              type: 'array',
              maxItems: 100,
              doc: 'Constraints on the instances this NodePool may launch (instance category, size, zone, architecture, capacity type, ...). Pods narrow them further with nodeSelector/affinity.',
              items: REQUIREMENT_SCHEMA,
            },
            taints: {
              type: 'array',
              doc: 'Taints put on every node; only Pods that tolerate them land here (typical for GPU or dedicated pools).',
              items: taint('A taint on every node of this NodePool.'),
            },
            startupTaints: {
              type: 'array',
              doc: 'Taints present only while a node starts; something on the node (a daemon) is expected to remove them. Pods need not tolerate them to be scheduled here.',
              items: taint('A temporary taint a node starts with.'),
            },
            expireAfter: {
              type: 'string',
              doc: 'How long a node may live before it is replaced, counted from creation (`Never` disables it). Upstream default 720h; in EKS Auto Mode the default is 336h and nodes are replaced after at most 21 days (504h) whatever you set.',
              pattern: DURATION_OR_NEVER,
              patternHint: `${durationHint}, or Never`,
              default: '720h',
            },
            terminationGracePeriod: {
              type: 'string',
              doc: 'The longest a node may take to drain once its deletion starts; after that, remaining Pods are deleted even if PodDisruptionBudgets or `do-not-disrupt` would block them. Pods whose own `terminationGracePeriodSeconds` is longer are cut short.',
              pattern: DURATION,
              patternHint: durationHint,
            },
          },
        },
      },
    },
    disruption: {
      type: 'object',
      doc: 'When nodes may be removed or replaced voluntarily (consolidation, drift, expiry) and how many at a time.',
      properties: {
        consolidationPolicy: {
          type: 'string',
          default: 'WhenEmptyOrUnderutilized',
          doc: 'Which nodes consolidation may remove or replace.',
          enum: [
            { value: 'WhenEmptyOrUnderutilized', doc: 'Remove empty nodes and move Pods off underused nodes to cheaper or fewer ones.' },
            { value: 'WhenEmpty', doc: 'Only remove nodes that run no workload Pods.' },
            { value: 'Balanced', doc: 'Consolidate only when the savings outweigh the disruption (Karpenter v1.14.0 and later).' },
          ],
        },
        consolidateAfter: {
          type: 'string',
          default: '0s',
          doc: 'How long a node must stay a consolidation candidate (no Pods scheduled or removed) before it is consolidated. `Never` turns consolidation off.',
          pattern: DURATION_OR_NEVER,
          patternHint: `${durationHint}, or Never`,
        },
        budgets: {
          type: 'array',
          maxItems: 50,
          doc: 'Limits on how many nodes may be disrupted at once, optionally in time windows. Default: one budget of 10%.',
          items: BUDGET_SCHEMA,
        },
      },
    },
    limits: {
      type: 'object',
      doc: 'Caps on the total resources of all nodes of this NodePool (e.g. `cpu: 1000`, `memory: 1000Gi`, `nodes: 10`); no new nodes are launched past them.',
      additionalProperties: { type: 'quantity' },
    },
    weight: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      doc: 'Priority among NodePools that could all run a Pod: the highest weight is tried first.',
    },
    replicas: {
      type: 'integer',
      minimum: 0,
      doc: 'Makes this a static NodePool holding exactly this many nodes (Karpenter v1.8.0 and later; older releases drop the field). Consolidation settings are then ignored, only `limits.nodes` is allowed and `weight` is not.',
    },
  },
};

export const NODEPOOL_SCHEMA: FieldSchema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string', doc: '`karpenter.sh/v1`.' },
    kind: { type: 'string', doc: '`NodePool`.' },
    metadata: { type: 'any' },
    spec: NODEPOOL_SPEC_SCHEMA,
    status: { type: 'any' },
  },
};

const selectorTerm = (what: string, idHint: string, withName: boolean): FieldSchema => ({
  type: 'object',
  doc: `One way to find ${what}: by \`id\`, or by \`tags\`${withName ? ' and/or `name`' : ''}. Terms are ORed; fields inside a term are ANDed. \`id\` cannot be combined with other fields.`,
  properties: {
    id: { type: 'string', doc: `The ${what.replace(/s$/, '')} ID (${idHint}). Cannot be combined with other fields of the term.` },
    tags: {
      type: 'object',
      doc: 'AWS tags that must all match (a value of `*` matches any value).',
      additionalProperties: { type: 'string' },
    },
    ...(withName ? { name: { type: 'string', doc: 'The security group name.' } } : {}),
  },
});

export const NODECLASS_SPEC_SCHEMA: FieldSchema = {
  type: 'object',
  doc: 'Cloud settings for the nodes of every NodePool that refers to this NodeClass.',
  required: ['subnetSelectorTerms', 'securityGroupSelectorTerms'],
  properties: {
    role: {
      type: 'string',
      doc: 'The IAM role (name) the EC2 instances use. It needs an EKS access entry of type EC2 with the AmazonEKSAutoNodePolicy; changing it requires a new access entry. Set either `role` or `instanceProfile`, not both.',
    },
    instanceProfile: {
      type: 'string',
      doc: 'An IAM instance profile (name) for the EC2 instances, instead of `role`: the two are mutually exclusive. Its role needs the same EKS access entry as a node role.',
    },
    subnetSelectorTerms: {
      type: 'array',
      minItems: 1,
      doc: 'Which subnets nodes are placed in.',
      items: selectorTerm('subnets', 'subnet-…', false),
    },
    securityGroupSelectorTerms: {
      type: 'array',
      minItems: 1,
      doc: 'Which security groups nodes get.',
      items: selectorTerm('security groups', 'sg-…', true),
    },
    podSubnetSelectorTerms: {
      type: 'array',
      doc: 'Separate subnets for Pod IP addresses (pod networking apart from node networking); requires podSecurityGroupSelectorTerms.',
      items: selectorTerm('pod subnets', 'subnet-…', false),
    },
    podSecurityGroupSelectorTerms: {
      type: 'array',
      doc: 'Security groups for Pods placed in podSubnetSelectorTerms subnets.',
      items: selectorTerm('pod security groups', 'sg-…', true),
    },
    capacityReservationSelectorTerms: {
      type: 'array',
      doc: 'EC2 capacity reservations (ODCR, capacity blocks) nodes may launch into; use with `karpenter.sh/capacity-type: reserved`.',
      items: {
        type: 'object',
        doc: 'One way to find capacity reservations: by `id`, or by `tags` (optionally with `ownerID`). `id` cannot be combined with other fields.',
        properties: {
          id: { type: 'string', doc: 'The capacity reservation ID (cr-…).' },
          owner: {
            type: 'string',
            doc: 'AWS account ID that owns the reservations (with tags), e.g. for reservations shared from another account. (The self-managed EC2NodeClass calls it `ownerID`.)',
          },
          tags: { type: 'object', doc: 'AWS tags that must all match.', additionalProperties: { type: 'string' } },
        },
      },
    },
    snatPolicy: {
      type: 'string',
      default: 'Random',
      doc: 'Source NAT for Pod traffic leaving the VPC.',
      enum: [
        { value: 'Random', doc: "Pod traffic to outside the VPC is translated to the node's address (default)." },
        { value: 'Disabled', doc: 'No SNAT: Pod addresses are kept (needs routing/NAT elsewhere).' },
      ],
    },
    networkPolicy: {
      type: 'string',
      default: 'DefaultAllow',
      doc: 'What Pod traffic the built-in network policy agent allows when no NetworkPolicy selects a Pod.',
      enum: [
        { value: 'DefaultAllow', doc: 'Traffic is allowed until a NetworkPolicy restricts it (Kubernetes default).' },
        { value: 'DefaultDeny', doc: 'Traffic is denied unless a NetworkPolicy allows it.' },
      ],
    },
    networkPolicyEventLogs: {
      type: 'string',
      default: 'Disabled',
      doc: 'Whether allow/deny decisions of network policies are logged on the node.',
      enum: [{ value: 'Disabled' }, { value: 'Enabled' }],
    },
    ephemeralStorage: {
      type: 'object',
      doc: "The node's root EBS volume (container images, logs, emptyDir).",
      properties: {
        size: {
          type: 'quantity',
          default: '80Gi',
          doc: 'Volume size, e.g. `80Gi`. EKS documents the range per unit: 1–59000Gi, 1–64000G, 1–58Ti or 1–64T.',
        },
        iops: { type: 'integer', minimum: 3000, maximum: 16000, default: '3000', doc: 'Provisioned IOPS of the gp3 volume.' },
        throughput: {
          type: 'integer',
          minimum: 125,
          maximum: 1000,
          default: '125',
          doc: 'Provisioned throughput in MiB/s of the gp3 volume.',
        },
        kmsKeyID: { type: 'string', doc: 'KMS key (ID, ARN, alias name or alias ARN) that encrypts the volume.' },
      },
    },
    advancedNetworking: {
      type: 'object',
      doc: 'Network settings for nodes behind a proxy or with special addressing.',
      properties: {
        httpsProxy: {
          type: 'string',
          maxLength: 255,
          doc: 'HTTPS proxy the node uses to reach AWS and registries, e.g. `http://192.0.2.4:3128`.',
        },
        noProxy: {
          type: 'array',
          maxItems: 50,
          doc: 'Addresses and domains reached without the proxy (at most 50). Include the VPC endpoints, `169.254.169.254` and `.internal`.',
          items: { type: 'string', maxLength: 255 },
        },
        associatePublicIPAddress: { type: 'boolean', doc: "Whether nodes get a public IP address (default: follow the subnet's setting)." },
        ipv4PrefixSize: { type: 'any', doc: 'Prefix delegation size for Pod IPv4 addresses.' },
      },
    },
    advancedSecurity: {
      type: 'object',
      doc: 'Hardening options for the nodes.',
      properties: {
        fips: { type: 'boolean', default: 'false', doc: 'Run FIPS-compatible AMIs (only in the AWS Regions that have them).' },
        kernelLockdown: {
          type: 'string',
          doc: 'The kernel lockdown mode of the nodes.',
          enum: [
            {
              value: 'integrity',
              doc: 'Blocks ways to overwrite kernel memory or modify kernel code, and loading unsigned kernel modules.',
            },
            { value: 'none', doc: 'No kernel lockdown.' },
          ],
        },
      },
    },
    certificateBundles: {
      type: 'array',
      doc: 'Extra CA certificates trusted by the node (for proxies or private registries).',
      items: {
        type: 'object',
        required: ['name', 'data'],
        properties: {
          name: { type: 'string', doc: 'A name for the bundle.' },
          data: { type: 'string', doc: 'The PEM certificate(s), base64-encoded.' },
        },
      },
    },
    tags: {
      type: 'object',
      doc: 'Extra AWS tags on the instances, volumes and network interfaces. Keys used by EKS and Karpenter themselves are reserved.',
      additionalProperties: { type: 'string' },
    },
  },
};

export const NODECLASS_SCHEMA: FieldSchema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string', doc: '`eks.amazonaws.com/v1`.' },
    kind: { type: 'string', doc: '`NodeClass`.' },
    metadata: { type: 'any' },
    spec: NODECLASS_SPEC_SCHEMA,
    status: { type: 'any' },
  },
};

/** The documented range of ephemeralStorage.size, per unit (create-node-class.html, Node Class Specification). */
export const EPHEMERAL_SIZE_RANGES: Record<string, [number, number]> = { Gi: [1, 59000], G: [1, 64000], Ti: [1, 58], T: [1, 64] };

/** NodeClass tag keys that EKS reserves for itself (exact keys, plus the `kubernetes.io/cluster/` prefix). */
export const RESERVED_NODECLASS_TAGS = [
  'karpenter.sh/provisioner-name',
  'karpenter.sh/nodepool',
  'karpenter.sh/nodeclaim',
  'karpenter.sh/managed-by',
  'eks.amazonaws.com/nodeclass',
];
export const RESERVED_NODECLASS_TAG_PREFIX = 'kubernetes.io/cluster/';

// ───────────────────────────── requirement labels ─────────────────────────────
// Node labels a NodePool requirement (or a Pod's nodeSelector/affinity) can use: EKS Auto Mode's
// `eks.amazonaws.com/*` instance labels with their value kinds and known values, plus the well-known
// Kubernetes and Karpenter labels. Completion, hover and the requirement checks read these entries.

export const AUTO_MODE_LABELS_DOCS = 'https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html#auto-supported-labels';

export interface RequirementKey extends CatalogEntry {
  /** `integer` keys can be used with Gt/Lt; `string` keys compare as text. */
  valueKind: 'string' | 'integer' | 'boolean';
  /** Only meaningful in Auto Mode (eks.amazonaws.com domain). */
  autoMode?: boolean;
  /** When true, a value not in `values` is reported (the set is closed). */
  closed?: boolean;
  /** A self-managed Karpenter on AWS label (karpenter.k8s.aws domain); Auto Mode nodes never carry it. */
  selfManaged?: boolean;
}

const v = (...names: string[]) => names.map((value) => ({ value }));

const SIZES = v(
  'nano',
  'micro',
  'small',
  'medium',
  'large',
  'xlarge',
  '2xlarge',
  '3xlarge',
  '4xlarge',
  '6xlarge',
  '8xlarge',
  '9xlarge',
  '12xlarge',
  '16xlarge',
  '18xlarge',
  '24xlarge',
  '32xlarge',
  '48xlarge',
  'metal',
);

function auto(
  suffix: string,
  valueKind: RequirementKey['valueKind'],
  doc: string,
  values?: { value: string; doc?: string }[],
  closed = false,
): RequirementKey {
  return {
    name: `eks.amazonaws.com/${suffix}`,
    type: valueKind === 'integer' ? 'integer' : closed ? 'enum' : 'string',
    valueKind,
    doc,
    values,
    autoMode: true,
    closed,
    source: AUTO_MODE_LABELS_DOCS,
  };
}

/**
 * The karpenter.k8s.aws labels self-managed Karpenter on AWS knows (aws/karpenter-provider-aws pkg/apis/v1/labels.go,
 * the WellKnownLabels it registers); its domain is restricted, so any other key in it makes the NodePool fail
 * validation. Value kinds as the provider fills them in.
 */
export const KARPENTER_AWS_SOURCE = 'https://github.com/aws/karpenter-provider-aws/blob/main/pkg/apis/v1/labels.go';
const KARPENTER_AWS_LABELS: [string, RequirementKey['valueKind'], string][] = [
  ['instance-category', 'string', 'Instance category (the letters before the generation digit).'],
  ['instance-family', 'string', 'Instance family (the part of the type name before the dot).'],
  ['instance-generation', 'integer', 'Instance generation (the digit in the type name).'],
  ['instance-size', 'string', 'Instance size (the part after the dot).'],
  ['instance-cpu', 'integer', 'Number of vCPUs.'],
  ['instance-cpu-manufacturer', 'string', 'CPU maker (intel, amd, aws).'],
  ['instance-cpu-sustained-clock-speed-mhz', 'integer', 'Sustained CPU clock speed in MHz.'],
  ['instance-memory', 'integer', 'Memory in MiB.'],
  ['instance-ebs-bandwidth', 'integer', 'Maximum EBS bandwidth in Mbps.'],
  ['instance-network-bandwidth', 'integer', 'Baseline network bandwidth in Mbps.'],
  ['instance-gpu-name', 'string', 'GPU model.'],
  ['instance-gpu-manufacturer', 'string', 'GPU maker.'],
  ['instance-gpu-count', 'integer', 'Number of GPUs.'],
  ['instance-gpu-memory', 'integer', 'Memory per GPU in MiB.'],
  ['instance-accelerator-name', 'string', 'Accelerator (Inferentia, Trainium, ...) model.'],
  ['instance-accelerator-manufacturer', 'string', 'Accelerator maker.'],
  ['instance-accelerator-count', 'integer', 'Number of accelerators.'],
  ['instance-local-nvme', 'integer', 'Local NVMe storage in GiB.'],
  ['instance-hypervisor', 'string', 'Hypervisor (nitro).'],
  ['instance-encryption-in-transit-supported', 'boolean', 'Whether traffic between instances is encrypted in transit.'],
  ['instance-capability-flex', 'boolean', 'Whether the type is a flex instance.'],
  ['instance-tenancy', 'string', 'Tenancy: default or dedicated.'],
  ['nitro-sandbox', 'boolean', 'Whether the type supports Nitro Enclaves.'],
  ['capacity-reservation-id', 'string', 'The capacity reservation a node was launched into.'],
  ['capacity-reservation-type', 'string', 'The kind of capacity reservation (default, capacity-block).'],
  ['capacity-reservation-interruptible', 'boolean', 'Whether the capacity reservation is interruptible.'],
  ['placement-group-id', 'string', 'The placement group of the node.'],
  ['placement-group-partition', 'integer', 'The partition of a partition placement group.'],
];

export const SELF_MANAGED_LABELS: RequirementKey[] = KARPENTER_AWS_LABELS.map(([suffix, valueKind, doc]) => ({
  name: `karpenter.k8s.aws/${suffix}`,
  type: valueKind === 'integer' ? 'integer' : 'string',
  valueKind,
  doc: `${doc} Self-managed Karpenter on AWS only.`,
  ...(suffix === 'instance-tenancy' ? { values: v('default', 'dedicated'), closed: true } : {}),
  selfManaged: true,
  source: KARPENTER_AWS_SOURCE,
}));

export const REQUIREMENT_KEYS = new Catalog<RequirementKey>([
  auto(
    'instance-category',
    'string',
    'Instance category: the letters before the generation digit of the type name (`c` compute, `m` general purpose, `r` memory, `g`/`p` GPU, `inf`/`trn` AWS ML chips, `t` burstable, ...).',
    [
      { value: 'c', doc: 'compute optimised' },
      { value: 'm', doc: 'general purpose' },
      { value: 'r', doc: 'memory optimised' },
      { value: 't', doc: 'burstable' },
      { value: 'g', doc: 'GPU (graphics/inference)' },
      { value: 'p', doc: 'GPU (training)' },
      { value: 'inf', doc: 'AWS Inferentia' },
      { value: 'trn', doc: 'AWS Trainium' },
      { value: 'i', doc: 'storage optimised (NVMe)' },
      { value: 'd', doc: 'dense storage' },
      { value: 'x', doc: 'very large memory' },
      { value: 'z', doc: 'high frequency' },
    ],
  ),
  auto(
    'instance-generation',
    'integer',
    'Instance generation: the digit in the type name (`m7i` is generation 7). Often used with `Gt` to exclude old generations.',
    v('3', '4', '5', '6', '7', '8'),
  ),
  auto(
    'instance-family',
    'string',
    'Instance family: the part of the type name before the dot (`m7i`, `c6g`, `g5`).',
    v(
      'm5',
      'm6i',
      'm6g',
      'm7i',
      'm7g',
      'c5',
      'c6i',
      'c6g',
      'c7i',
      'c7g',
      'r6i',
      'r7i',
      'r7g',
      'g5',
      'g6',
      'g6e',
      'p4d',
      'p5',
      'inf2',
      'trn1',
    ),
  ),
  auto(
    'instance-size',
    'string',
    'Instance size: the part after the dot (`large`, `2xlarge`, `metal`). Auto Mode never launches `nano`, `micro` or `small`.',
    SIZES,
  ),
  auto(
    'instance-cpu',
    'integer',
    'Number of vCPUs of the instance. Auto Mode does not launch 1-vCPU types.',
    v('2', '4', '8', '16', '32', '48', '64', '96'),
  ),
  auto(
    'instance-cpu-manufacturer',
    'string',
    'CPU maker.',
    [{ value: 'intel' }, { value: 'amd' }, { value: 'aws', doc: 'AWS Graviton (arm64)' }],
    true,
  ),
  auto(
    'instance-memory',
    'integer',
    'Memory of the instance in MiB (e.g. `16384` for 16 GiB).',
    v('4096', '8192', '16384', '32768', '65536'),
  ),
  auto('instance-hypervisor', 'string', 'Hypervisor of the instance type: `nitro` for current types (bare metal types have none).', [
    { value: 'nitro' },
    { value: 'xen' },
  ]),
  auto(
    'instance-encryption-in-transit-supported',
    'boolean',
    'Whether the instance type encrypts traffic between instances in transit.',
    v('true', 'false'),
    true,
  ),
  auto('instance-ebs-bandwidth', 'integer', 'Maximum EBS bandwidth of the instance type in Mbps.'),
  auto('instance-network-bandwidth', 'integer', 'Baseline network bandwidth of the instance type in Mbps.'),
  auto(
    'instance-gpu-name',
    'string',
    'GPU model (lower case), e.g. `t4`, `a10g`, `l4`, `l40s`, `a100`, `h100`.',
    v('t4', 't4g', 'a10g', 'l4', 'l40s', 'v100', 'a100', 'h100', 'h200', 'b200'),
  ),
  auto('instance-gpu-manufacturer', 'string', 'GPU maker.', v('nvidia', 'amd')),
  auto('instance-gpu-count', 'integer', 'Number of GPUs of the instance type.', v('1', '2', '4', '8')),
  auto('instance-gpu-memory', 'integer', 'Memory per GPU in MiB.'),
  auto('instance-local-nvme', 'integer', 'Total local NVMe instance storage in GiB (types without local disks have none).'),
  auto(
    'compute-type',
    'string',
    'What kind of compute the node is: `auto` for EKS Auto Mode nodes. Pods can select Auto Mode nodes with `eks.amazonaws.com/compute-type: auto`.',
    [
      { value: 'auto', doc: 'EKS Auto Mode' },
      { value: 'hybrid', doc: 'EKS Hybrid Nodes' },
    ],
  ),
  {
    name: 'karpenter.sh/capacity-type',
    type: 'enum',
    valueKind: 'string',
    closed: true,
    doc: 'How the instance is bought. List both `spot` and `on-demand` to let Karpenter prefer Spot and fall back to On-Demand.',
    values: [
      { value: 'on-demand', doc: 'regular price, not interrupted' },
      { value: 'spot', doc: 'spare capacity at a discount; can be reclaimed with 2 minutes notice' },
      { value: 'reserved', doc: 'capacity reservations (newer releases)' },
    ],
    source: AUTO_MODE_LABELS_DOCS,
  },
  {
    name: 'topology.kubernetes.io/zone',
    type: 'string',
    valueKind: 'string',
    doc: 'Availability Zone of the node, e.g. `us-west-2a`.',
    source: 'https://kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone',
  },
  { name: 'topology.kubernetes.io/region', type: 'string', valueKind: 'string', doc: 'AWS Region of the node.' },
  {
    name: 'node.kubernetes.io/instance-type',
    type: 'string',
    valueKind: 'string',
    doc: 'Full EC2 instance type, e.g. `m7i.xlarge`. Prefer category/family/size requirements: a list of exact types limits the capacity Karpenter can find.',
    values: v('m7i.large', 'm7i.xlarge', 'c7i.xlarge', 'r7i.xlarge', 'm7g.xlarge', 'g5.xlarge', 'g6.xlarge'),
    source: 'https://kubernetes.io/docs/reference/labels-annotations-taints/#nodekubernetesioinstance-type',
  },
  {
    name: 'kubernetes.io/arch',
    type: 'enum',
    valueKind: 'string',
    closed: true,
    doc: 'CPU architecture: `amd64` (Intel/AMD) or `arm64` (Graviton).',
    values: v('amd64', 'arm64'),
    source: 'https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-arch',
  },
  {
    name: 'kubernetes.io/os',
    type: 'enum',
    valueKind: 'string',
    closed: true,
    doc: 'Operating system of the node. EKS Auto Mode runs Linux nodes only and does not support this label in NodePool requirements.',
    values: v('linux', 'windows'),
  },
  ...SELF_MANAGED_LABELS,
]);

/** Labels Auto Mode does not support in NodePool requirements. */
export const AUTO_MODE_UNSUPPORTED = new Set(['kubernetes.io/os', 'node.kubernetes.io/windows-build']);

/** `karpenter.k8s.aws/<x>` → its Auto Mode name, when Auto Mode has one. */
export function autoModeReplacement(key: string): string | undefined {
  const m = /^karpenter\.k8s\.aws\/(.+)$/.exec(key);
  if (!m) return undefined;
  const name = `eks.amazonaws.com/${m[1]}`;
  return REQUIREMENT_KEYS.has(name) ? name : undefined;
}

/** Labels every node carries (or Karpenter can satisfy) without the NodePool declaring them. */
export const WELL_KNOWN_NODE_LABELS = new Set([
  ...REQUIREMENT_KEYS.names(),
  'kubernetes.io/hostname',
  'karpenter.sh/nodepool',
  'node.kubernetes.io/windows-build',
  'topology.k8s.aws/zone-id',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/instance-type',
]);

// ───────────────────────────── what Auto Mode launches ─────────────────────────────

export const AUTO_MODE_INSTANCES_DOCS =
  'https://docs.aws.amazon.com/eks/latest/userguide/automode-learn-instances.html#auto-supported-instances';

/** The instance families EKS Auto Mode launches (the "supported instance reference" table of the user guide). */
export const AUTO_MODE_FAMILIES = new Set([
  'c8id',
  'c8i',
  'c8i-flex',
  'c8gd',
  'c8gn',
  'c8g',
  'c8a',
  'c8gb',
  'c7a',
  'c7g',
  'c7gn',
  'c7gd',
  'c7i',
  'c7i-flex',
  'c6a',
  'c6g',
  'c6i',
  'c6gn',
  'c6id',
  'c6in',
  'c6gd',
  'c5',
  'c5a',
  'c5d',
  'c5ad',
  'c5n',
  'c4',
  'm8id',
  'm8i',
  'm8i-flex',
  'm8a',
  'm8azn',
  'm8gn',
  'm8gb',
  'm8gd',
  'm8g',
  'm7i',
  'm7a',
  'm7g',
  'm7gd',
  'm7i-flex',
  'm6a',
  'm6i',
  'm6in',
  'm6g',
  'm6idn',
  'm6id',
  'm6gd',
  'm5',
  'm5a',
  'm5ad',
  'm5n',
  'm5dn',
  'm5d',
  'm5zn',
  'm4',
  'r8id',
  'r8i',
  'r8i-flex',
  'r8gn',
  'r8gb',
  'r8gd',
  'r8g',
  'r8a',
  'r7a',
  'r7iz',
  'r7gd',
  'r7i',
  'r7g',
  'r6a',
  'r6i',
  'r6id',
  'r6in',
  'r6idn',
  'r6g',
  'r6gd',
  'r5',
  'r5n',
  'r5a',
  'r5dn',
  'r5b',
  'r5ad',
  'r5d',
  'r4',
  't4g',
  't3',
  't3a',
  't2',
  'z1d',
  'x8aedz',
  'x8g',
  'x8i',
  'x2gd',
  'i8ge',
  'i7i',
  'i8g',
  'i7ie',
  'i4g',
  'i4i',
  'i3',
  'i3en',
  'is4gen',
  'd3',
  'd3en',
  'im4gn',
  'p6-b200',
  'p6-b300',
  'p5',
  'p5e',
  'p5en',
  'p4d',
  'p4de',
  'p3dn',
  'g7e',
  'g6',
  'gr6',
  'g6e',
  'g5g',
  'g5',
  'g4dn',
  'g4ad',
  'inf2',
  'inf1',
  'trn1',
  'trn1n',
  'trn2',
  'hpc8a',
  'x2iezn',
  'x2iedn',
  'x2idn',
]);

/** Category and generation of a family name (`m7i` → m, 7; `u-6tb1` → u, 6). */
export function familyParts(family: string): { category: string; generation: number } | undefined {
  const m = /^([a-z]+)-?(\d+)/.exec(family);
  return m ? { category: m[1], generation: Number(m[2]) } : undefined;
}

const newest = new Map<string, number>();
for (const f of AUTO_MODE_FAMILIES) {
  const p = familyParts(f);
  if (p) newest.set(p.category, Math.max(newest.get(p.category) ?? 0, p.generation));
}
/** The categories Auto Mode launches, with the newest generation the table lists in each. */
export const AUTO_MODE_CATEGORIES: ReadonlyMap<string, number> = newest;

/**
 * Whether Auto Mode may launch a family: listed, or of a listed category and a generation newer than any listed
 * (the table grows as AWS adds families). False for categories it never launches and for unlisted families of
 * generations the table covers (e.g. p3, a1, mac1).
 */
export function autoModeLaunches(family: string): boolean {
  if (AUTO_MODE_FAMILIES.has(family)) return true;
  const p = familyParts(family);
  if (!p) return true;
  const max = AUTO_MODE_CATEGORIES.get(p.category);
  return max !== undefined && p.generation > max;
}

// ───────────────────────────── which Karpenter release added what ─────────────────────────────

/** NodePool fields and values added in recent Karpenter releases (kubernetes-sigs/karpenter, first tag with the change). */
export const KARPENTER_FEATURES = {
  gteLte: { what: 'The Gte and Lte requirement operators', version: 'v1.9.0', source: 'kubernetes-sigs/karpenter #2674 (c81e6ace)' },
  replicas: { what: 'Static NodePools (spec.replicas)', version: 'v1.8.0', source: 'kubernetes-sigs/karpenter #2521 (9136011b)' },
  balanced: { what: 'consolidationPolicy Balanced', version: 'v1.14.0', source: 'kubernetes-sigs/karpenter #2962 (43964dc5)' },
} as const;

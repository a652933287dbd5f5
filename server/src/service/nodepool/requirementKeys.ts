/**
 * Node labels a NodePool requirement (or a Pod's nodeSelector/affinity) can use: EKS Auto Mode's
 * `eks.amazonaws.com/*` instance labels with their value kinds and known values, plus the well-known
 * Kubernetes and Karpenter labels. Completion, hover and the requirement checks read these entries.
 */
import { Catalog, type CatalogEntry } from '../catalog/types';

export const AUTO_MODE_LABELS_DOCS = 'https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html#auto-supported-labels';

export interface RequirementKey extends CatalogEntry {
  /** `integer` keys can be used with Gt/Lt; `string` keys compare as text. */
  valueKind: 'string' | 'integer' | 'boolean';
  /** Only meaningful in Auto Mode (eks.amazonaws.com domain). */
  autoMode?: boolean;
  /** When true, a value not in `values` is reported (the set is closed). */
  closed?: boolean;
}

const v = (...names: string[]) => names.map((value) => ({ value }));

const SIZES = v('nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '3xlarge', '4xlarge', '6xlarge', '8xlarge', '9xlarge', '12xlarge', '16xlarge', '18xlarge', '24xlarge', '32xlarge', '48xlarge', 'metal');

function auto(suffix: string, valueKind: RequirementKey['valueKind'], doc: string, values?: { value: string; doc?: string }[], closed = false): RequirementKey {
  return { name: `eks.amazonaws.com/${suffix}`, type: valueKind === 'integer' ? 'integer' : closed ? 'enum' : 'string', valueKind, doc, values, autoMode: true, closed, source: AUTO_MODE_LABELS_DOCS };
}

export const REQUIREMENT_KEYS = new Catalog<RequirementKey>([
  auto('instance-category', 'string', 'Instance category: the letters before the generation digit of the type name (`c` compute, `m` general purpose, `r` memory, `g`/`p` GPU, `inf`/`trn` AWS ML chips, `t` burstable, ...).', [
    { value: 'c', doc: 'compute optimised' }, { value: 'm', doc: 'general purpose' }, { value: 'r', doc: 'memory optimised' },
    { value: 't', doc: 'burstable' }, { value: 'g', doc: 'GPU (graphics/inference)' }, { value: 'p', doc: 'GPU (training)' },
    { value: 'inf', doc: 'AWS Inferentia' }, { value: 'trn', doc: 'AWS Trainium' }, { value: 'i', doc: 'storage optimised (NVMe)' },
    { value: 'd', doc: 'dense storage' }, { value: 'x', doc: 'very large memory' }, { value: 'z', doc: 'high frequency' },
  ]),
  auto('instance-generation', 'integer', 'Instance generation: the digit in the type name (`m7i` is generation 7). Often used with `Gt` to exclude old generations.', v('3', '4', '5', '6', '7', '8')),
  auto('instance-family', 'string', 'Instance family: the part of the type name before the dot (`m7i`, `c6g`, `g5`).', v('m5', 'm6i', 'm6g', 'm7i', 'm7g', 'c5', 'c6i', 'c6g', 'c7i', 'c7g', 'r6i', 'r7i', 'r7g', 'g5', 'g6', 'g6e', 'p4d', 'p5', 'inf2', 'trn1')),
  auto('instance-size', 'string', 'Instance size: the part after the dot (`large`, `2xlarge`, `metal`). Auto Mode never launches `nano`, `micro` or `small`.', SIZES),
  auto('instance-cpu', 'integer', 'Number of vCPUs of the instance. Auto Mode does not launch 1-vCPU types.', v('2', '4', '8', '16', '32', '48', '64', '96')),
  auto('instance-cpu-manufacturer', 'string', 'CPU maker.', [{ value: 'intel' }, { value: 'amd' }, { value: 'aws', doc: 'AWS Graviton (arm64)' }], true),
  auto('instance-memory', 'integer', 'Memory of the instance in MiB (e.g. `16384` for 16 GiB).', v('4096', '8192', '16384', '32768', '65536')),
  auto('instance-hypervisor', 'string', 'Hypervisor of the instance type: `nitro` for current types (bare metal types have none).', [{ value: 'nitro' }, { value: 'xen' }]),
  auto('instance-encryption-in-transit-supported', 'boolean', 'Whether the instance type encrypts traffic between instances in transit.', v('true', 'false'), true),
  auto('instance-ebs-bandwidth', 'integer', 'Maximum EBS bandwidth of the instance type in Mbps.'),
  auto('instance-network-bandwidth', 'integer', 'Baseline network bandwidth of the instance type in Mbps.'),
  auto('instance-gpu-name', 'string', 'GPU model (lower case), e.g. `t4`, `a10g`, `l4`, `l40s`, `a100`, `h100`.', v('t4', 't4g', 'a10g', 'l4', 'l40s', 'v100', 'a100', 'h100', 'h200', 'b200')),
  auto('instance-gpu-manufacturer', 'string', 'GPU maker.', v('nvidia', 'amd')),
  auto('instance-gpu-count', 'integer', 'Number of GPUs of the instance type.', v('1', '2', '4', '8')),
  auto('instance-gpu-memory', 'integer', 'Memory per GPU in MiB.'),
  auto('instance-local-nvme', 'integer', 'Total local NVMe instance storage in GiB (types without local disks have none).'),
  auto('compute-type', 'string', 'What kind of compute the node is: `auto` for EKS Auto Mode nodes. Pods can select Auto Mode nodes with `eks.amazonaws.com/compute-type: auto`.', [{ value: 'auto', doc: 'EKS Auto Mode' }, { value: 'hybrid', doc: 'EKS Hybrid Nodes' }]),
  { name: 'karpenter.sh/capacity-type', type: 'enum', valueKind: 'string', closed: true, doc: 'How the instance is bought. List both `spot` and `on-demand` to let Karpenter prefer Spot and fall back to On-Demand.', values: [{ value: 'on-demand', doc: 'regular price, not interrupted' }, { value: 'spot', doc: 'spare capacity at a discount; can be reclaimed with 2 minutes notice' }, { value: 'reserved', doc: 'capacity reservations (newer releases)' }], source: AUTO_MODE_LABELS_DOCS },
  { name: 'topology.kubernetes.io/zone', type: 'string', valueKind: 'string', doc: 'Availability Zone of the node, e.g. `us-west-2a`.', source: 'https://kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone' },
  { name: 'topology.kubernetes.io/region', type: 'string', valueKind: 'string', doc: 'AWS Region of the node.' },
  { name: 'node.kubernetes.io/instance-type', type: 'string', valueKind: 'string', doc: 'Full EC2 instance type, e.g. `m7i.xlarge`. Prefer category/family/size requirements: a list of exact types limits the capacity Karpenter can find.', values: v('m7i.large', 'm7i.xlarge', 'c7i.xlarge', 'r7i.xlarge', 'm7g.xlarge', 'g5.xlarge', 'g6.xlarge'), source: 'https://kubernetes.io/docs/reference/labels-annotations-taints/#nodekubernetesioinstance-type' },
  { name: 'kubernetes.io/arch', type: 'enum', valueKind: 'string', closed: true, doc: 'CPU architecture: `amd64` (Intel/AMD) or `arm64` (Graviton).', values: v('amd64', 'arm64'), source: 'https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-arch' },
  { name: 'kubernetes.io/os', type: 'enum', valueKind: 'string', closed: true, doc: 'Operating system of the node. EKS Auto Mode runs Linux nodes only and does not support this label in NodePool requirements.', values: v('linux', 'windows') },
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
  'kubernetes.io/hostname', 'karpenter.sh/nodepool', 'node.kubernetes.io/windows-build', 'topology.k8s.aws/zone-id',
  'failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region', 'beta.kubernetes.io/arch', 'beta.kubernetes.io/os', 'beta.kubernetes.io/instance-type',
]);

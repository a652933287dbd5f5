/**
 * The `application-networking.k8s.aws/*` annotations the AWS Gateway API Controller for VPC Lattice reads or
 * writes (v2.1.3): on which kinds it reads each, what the value must be, and what happens to a bad value. Texts
 * are ours; facts from aws/aws-application-networking-k8s pkg/k8s/utils.go (constants, ParseTagsFromAnnotation,
 * ValidateVPCLatticeServiceName, TargetGroupIdFromArn), pkg/gateway/model_build_rule.go (rule priorities),
 * docs/guides/{standalone-services,service-name-override,additional-tags,advanced-configurations}.md and
 * docs/api-types/{service-export,service-import,access-log-policy,http-route}.md.
 */
import { Catalog, type CatalogEntry } from '../catalog/types';
import type { Severity } from '../diagnostics/types';
import { clip } from '../model/messageText';

export const LATTICE_PREFIX = 'application-networking.k8s.aws/';
const DOCS = 'https://github.com/aws/aws-application-networking-k8s/blob/main/docs';

export interface ValueProblem {
  message: string;
  severity?: Severity;
}

export interface LatticeAnnotation extends CatalogEntry {
  /** Kinds the controller reads it from. */
  kinds: readonly string[];
  /** Written by the controller; not for authoring. */
  output?: boolean;
  /** For `rule-<n>-priority`: the name is a pattern. */
  namePattern?: RegExp;
  check?(value: string): ValueProblem | undefined;
}

const ROUTES = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'];

/** ValidateVPCLatticeServiceName, in our words. */
export function serviceNameProblem(name: string): string | undefined {
  if (name.length < 3) return 'at least 3 characters';
  if (name.length > 40) return `at most 40 characters (it has ${name.length})`;
  if (!/^[a-z0-9-]+$/.test(name)) return 'only lowercase letters, digits and "-"';
  if (name.startsWith('svc-')) return 'it must not start with "svc-" (reserved for generated service IDs)';
  if (name.startsWith('-') || name.endsWith('-')) return 'it must start and end with a letter or digit';
  if (name.includes('--')) return 'no "--"';
  return undefined;
}

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** The pairs ParseTagsFromAnnotation drops silently, with why. */
export function tagProblems(value: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let kept = 0;
  for (const raw of value.split(',')) {
    const pair = raw.trim();
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 0) {
      out.push(`"${pair}" has no "="`);
      continue;
    }
    const key = pair.slice(0, eq).trim();
    const val = pair.slice(eq + 1).trim();
    if (key === '' || val === '') {
      out.push(`"${pair}" has an empty key or value`);
      continue;
    }
    if (key.length > 128) {
      out.push(`the key "${clip(key, 21)}" is longer than 128 characters`);
      continue;
    }
    if (val.length > 256) {
      out.push(`the value of "${key}" is longer than 256 characters`);
      continue;
    }
    if (!TAG_TEXT.test(key) || !TAG_TEXT.test(val)) {
      out.push(`"${pair}" has characters AWS tags do not allow (letters, digits, spaces and _ . : / = + - @ only)`);
      continue;
    }
    if (seen.has(key)) {
      out.push(`"${key}" is given twice (the first one is kept)`);
      continue;
    }
    if (kept >= 50) {
      out.push(`"${pair}" is beyond the 50-tag limit`);
      continue;
    }
    seen.add(key);
    kept++;
    if (key.toLowerCase().startsWith('aws:') || key.startsWith(LATTICE_PREFIX))
      out.push(`"${key}" uses a reserved prefix (aws: or ${LATTICE_PREFIX})`);
  }
  return out;
}

const TG_ARN = /^arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:\d{12}:targetgroup\/tg-[0-9a-z]{17}$/;

const E = (e: LatticeAnnotation): LatticeAnnotation => e;

export const LATTICE_ANNOTATIONS = new Catalog<LatticeAnnotation>([
  E({
    name: 'standalone',
    type: 'boolean',
    kinds: ['Gateway', ...ROUTES],
    default: 'false',
    values: [{ value: 'true' }, { value: 'false' }],
    doc: "Create the route's VPC Lattice service without associating it with the Gateway's service network. On a Gateway it applies to all its routes; a route's own value wins.",
    source: `${DOCS}/guides/standalone-services.md`,
    check: (v) =>
      /^(true|false)$/i.test(v.trim())
        ? undefined
        : { message: `standalone must be "true" or "false"; the controller treats "${v}" as false` },
  }),
  E({
    name: 'service-name-override',
    type: 'string',
    kinds: ROUTES,
    doc: 'The name of the VPC Lattice service for this route instead of the generated `<route name (20)>-<namespace (18)>`. Only honoured when the service is created; also claims an existing service of that name during a migration.',
    source: `${DOCS}/guides/service-name-override.md`,
    patternHint: '3–40 characters: lowercase letters, digits, "-"; not starting with "svc-"',
    check: (v) => {
      const p = serviceNameProblem(v);
      return p
        ? { message: `Invalid service-name-override "${v}": ${p}. The controller does not reconcile the route`, severity: 'error' }
        : undefined;
    },
  }),
  E({
    name: 'rule-<n>-priority',
    namePattern: /^rule-(\d+)-priority$/,
    type: 'integer',
    kinds: ROUTES,
    min: 1,
    max: 2000,
    doc: 'The VPC Lattice listener-rule priority of rule `<n>` (0-based index in `spec.rules`). Rules without it are numbered after the highest given priority. Lattice evaluates lower numbers first.',
    source: `${DOCS}/guides/advanced-configurations.md`,
    check: (v) =>
      /^[-+]?\d+$/.test(v.trim())
        ? Number(v) < 1 || Number(v) > 2000
          ? { message: `Rule priority ${v.trim()} is outside 1–2000, the range VPC Lattice accepts` }
          : undefined
        : { message: `Rule priority "${v}" is not an integer: the controller logs it and ignores the annotation` },
  }),
  E({
    name: 'tags',
    type: 'stringMap',
    kinds: ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'ServiceExport', 'AccessLogPolicy', 'VpcAssociationPolicy', 'ServiceNetwork'],
    doc: 'Extra AWS tags for the VPC Lattice resources of this object, as `key1=value1,key2=value2`. Pairs AWS would refuse are dropped silently; the controller needs `tag:*` IAM permissions.',
    source: `${DOCS}/guides/additional-tags.md`,
    check: (v) => {
      const p = tagProblems(v);
      return p.length ? { message: `The controller drops these tags silently: ${p.join('; ')}` } : undefined;
    },
  }),
  E({
    name: 'allow-takeover-from',
    type: 'string',
    kinds: ['HTTPRoute', 'GRPCRoute', 'TLSRoute'],
    patternHint: '`<account id>/<cluster name>/<vpc id>`',
    doc: 'Lets this cluster take over an existing VPC Lattice service managed by another cluster (its ManagedBy tag has this value), for blue/green cluster migrations.',
    source: `${DOCS}/guides/advanced-configurations.md`,
    check: (v) =>
      /^\d{12}\/[^/\s]+\/vpc-[0-9a-f]+$/.test(v.trim())
        ? undefined
        : {
            message: `allow-takeover-from must be "<account id>/<cluster name>/<vpc id>" (e.g. 123456789012/blue-cluster/vpc-0abc…); "${v}" never matches a ManagedBy tag`,
          },
  }),
  E({
    name: 'service-name',
    type: 'string',
    kinds: ['ServiceExport'],
    doc: "The Service this ServiceExport exports when its name differs from the ServiceExport's.",
    source: `${DOCS}/api-types/service-export.md`,
  }),
  E({
    name: 'port',
    type: 'stringList',
    kinds: ['ServiceExport'],
    pattern: /^\d+$/,
    patternHint: 'port numbers',
    doc: 'Legacy: the ports to export (`"80"` or `"80,8080"`) when `spec.exportedPorts` is not set; each becomes an HTTP target group.',
    source: `${DOCS}/api-types/service-export.md`,
  }),
  E({
    name: 'export-name',
    type: 'string',
    kinds: ['ServiceImport'],
    doc: "Find the exported target group by this ServiceExport name instead of the ServiceImport's name (tag discovery).",
    source: `${DOCS}/api-types/service-import.md`,
  }),
  E({
    name: 'aws-vpc',
    type: 'string',
    kinds: ['ServiceImport'],
    doc: 'Find the exported target group in this VPC (tag discovery).',
    source: `${DOCS}/api-types/service-import.md`,
    check: (v) => (/^vpc-[0-9a-f]+$/.test(v.trim()) ? undefined : { message: `aws-vpc must be a VPC id (vpc-…), not "${v}"` }),
  }),
  E({
    name: 'aws-eks-cluster-name',
    type: 'string',
    kinds: ['ServiceImport'],
    doc: 'Find the exported target group of this EKS cluster (tag discovery).',
    source: `${DOCS}/api-types/service-import.md`,
  }),
  E({
    name: 'target-group-arn',
    type: 'string',
    kinds: ['ServiceImport'],
    patternHint: '`arn:aws:vpc-lattice:<region>:<account>:targetgroup/tg-<17 characters>`',
    doc: 'Use this existing VPC Lattice target group directly (for example one outside Kubernetes during a migration). Exclusive with the tag-discovery annotations.',
    source: `${DOCS}/api-types/service-import.md`,
    check: (v) =>
      TG_ARN.test(v.trim())
        ? undefined
        : {
            message: `target-group-arn "${v}" is not a VPC Lattice target group ARN (arn:aws:vpc-lattice:<region>:<account>:targetgroup/tg-<17 lowercase letters or digits>): the controller reports InvalidExternalTargetGroup`,
            severity: 'error',
          },
  }),
  E({
    name: 'federation',
    type: 'string',
    kinds: ['ServiceExport'],
    doc: 'Appears in upstream examples (`amazon-vpc-lattice`) but the controller does not read it: it has no effect.',
    source: `${DOCS}/guides/advanced-configurations.md`,
  }),
  E({
    name: 'lattice-assigned-domain-name',
    type: 'string',
    kinds: ROUTES,
    output: true,
    doc: "Written by the controller: the DNS name VPC Lattice assigned to the route's service.",
    source: `${DOCS}/api-types/gateway.md`,
  }),
  E({
    name: 'lattice-service-arn',
    type: 'string',
    kinds: ROUTES,
    output: true,
    doc: "Written by the controller: the ARN of the route's VPC Lattice service.",
    source: `${DOCS}/api-types/http-route.md`,
  }),
  E({
    name: 'accessLogSubscription',
    type: 'string',
    kinds: ['AccessLogPolicy'],
    output: true,
    doc: 'Written by the controller: the access log subscription ARN.',
    source: `${DOCS}/api-types/access-log-policy.md`,
  }),
  E({
    name: 'accessLogSubscriptionResourceName',
    type: 'string',
    kinds: ['AccessLogPolicy'],
    output: true,
    doc: 'Written by the controller.',
    source: `${DOCS}/api-types/access-log-policy.md`,
  }),
  E({
    name: 'pod-readiness-gate-inject',
    type: 'enum',
    kinds: ['Namespace'],
    values: [{ value: 'enabled' }],
    doc: "A Namespace **label** (not an annotation): with `enabled`, the controller's webhook adds the `application-networking.k8s.aws/pod-readiness-gate` condition to new Pods.",
    source: `${DOCS}/guides/pod-readiness-gates.md`,
  }),
]);

/** The catalog entry for an annotation suffix (after the prefix), including `rule-<n>-priority`. */
export function latticeAnnotation(suffix: string): LatticeAnnotation | undefined {
  const e = LATTICE_ANNOTATIONS.get(suffix);
  if (e) return e;
  return LATTICE_ANNOTATIONS.entries.find((x) => x.namePattern?.test(suffix));
}

/** Kinds whose annotations the Lattice module looks at (the controller's kinds and Gateway API objects). */
export const LATTICE_KINDS = new Set([
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'ServiceExport',
  'ServiceImport',
  'AccessLogPolicy',
  'VpcAssociationPolicy',
  'ServiceNetwork',
  'TargetGroupPolicy',
  'IAMAuthPolicy',
]);

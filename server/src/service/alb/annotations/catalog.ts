/**
 * Every annotation the AWS Load Balancer Controller reads from an Ingress (`alb.ingress.kubernetes.io/*`),
 * plus a smaller, separate catalog of the Service-side `service.beta.kubernetes.io/aws-load-balancer-*`
 * annotations. Written in our own words from the controller's docs (docs/guide/ingress/annotations.md,
 * docs/guide/service/annotations.md) and source (pkg/annotations/constants.go, pkg/ingress/*.go).
 * Completion, hover and the checks all read these entries.
 */
import { Catalog, type AllowedValue, type CatalogEntry } from '../../catalog/types';

export const ALB_PREFIX = 'alb.ingress.kubernetes.io/';
export const SVC_PREFIX = 'service.beta.kubernetes.io/';
export const ALB_DOCS = 'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/';
export const SVC_DOCS = 'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/';

/** Which diagnostic code a value problem of this entry is reported with (default `alb-annotation-value`). */
export type ValueCheck =
  | 'group-name'
  | 'certificate-arn'
  | 'listen-ports'
  | 'healthcheck-port'
  | 'nlb-healthcheck-port'
  | 'success-codes'
  | 'nlb-success-codes'
  | 'cidr'
  | 'ssl-policy'
  | 'arn'
  | 'port-mapping'
  | 'capacity'
  | 'non-empty'
  | 'json-owned-elsewhere';

/**
 * How the controller compares an annotation across the members of an IngressGroup (pkg/ingress/model_build_*.go,
 * model_builder.go mergeListenPortConfigs). Values are compared as the controller parses them:
 * - `one`: every member that sets it must give the same value, compared as `text`, a Go boolean, an integer,
 *   an ordered `list` or an order-free `set` of comma-separated items (trimmed, empty items dropped), or a
 *   `map` of key=value pairs; `nonEmpty`: an empty value counts as not set.
 * - `keys`: merged key by key; two members giving one key different values conflict.
 * - `port`: compared only between members that listen on the same port (`https`: the same HTTPS port), as
 *   text, an order-free set, CIDR sets or mutual-TLS settings; `protocol` is listen-ports' own rule (one port,
 *   one protocol); `nlbPort` compares per frontend NLB listener port.
 * - `merge`: merged without conflicts.
 */
export type GroupCompare =
  | { kind: 'one'; as: 'text' | 'bool' | 'int' | 'list' | 'set' | 'map'; nonEmpty?: boolean }
  | { kind: 'keys'; perPort?: boolean }
  | { kind: 'port'; as: 'text' | 'set' | 'cidrs' | 'mtls' | 'protocol'; https?: boolean }
  | { kind: 'nlbPort' }
  | { kind: 'merge' };

/** The IngressClassParams field that takes the place of an annotation, per flavour, and how it applies. */
export interface ParamsOverride {
  /** `elbv2.k8s.aws/v1beta1` field (the AWS Load Balancer Controller). */
  lbc?: string;
  /** `eks.amazonaws.com/v1` field (EKS Auto Mode). */
  auto?: string;
  /** `replaces`: the annotation is ignored on Ingresses of the class; `perKey`: the class wins key by key;
   *  `group`: the class of the group's first member replaces the annotation for the whole group. */
  how: 'replaces' | 'perKey' | 'group';
}

export interface AlbAnnotationEntry extends CatalogEntry {
  /** Where the controller reads it: the Ingress only, or the Ingress and the backend Service (the Service wins). */
  scope: 'Ingress' | 'Ingress,Service';
  /** How it behaves across an IngressGroup: one value for the whole group, merged, or per Ingress/backend (from `compare`). */
  groupBehavior: 'Exclusive' | 'Merge' | 'N/A';
  /** The controller's comparison across an IngressGroup; absent: read per Ingress or per target group. */
  compare?: GroupCompare;
  /** The IngressClassParams field that overrides it. */
  params?: ParamsOverride;
  /** Set when EKS Auto Mode's built-in ALB (`eks.amazonaws.com/alb`) does not support it (value: the note). */
  autoModeUnsupported?: string;
  /** Only this value is unsupported in Auto Mode (e.g. auth-type: oidc). */
  autoModeUnsupportedValue?: string;
  /** Anchor in the upstream annotations page. */
  anchor: string;
  /** For names with a variable part (`actions.${name}`): the fixed prefix and a matcher for the whole suffix. */
  prefix?: string;
  namePattern?: RegExp;
  /** Human form of the variable part, for messages. */
  nameHint?: string;
  /** Extra validation with its own code. */
  check?: ValueCheck;
  /** Max length of the value (strings). */
  maxLength?: number;
  /** A note shown in hover (e.g. "set by the controller"). */
  note?: string;
  /** More value templates (YAML-ready single-quoted snippets) offered besides `snippet`. */
  templates?: { label: string; snippet: string }[];
}

const url = (anchor: string) => `${ALB_DOCS}#${anchor}`;

const HEALTH_PROTOCOLS: AllowedValue[] = [{ value: 'HTTP' }, { value: 'HTTPS' }];
const SCHEMES: AllowedValue[] = [
  { value: 'internal', doc: 'Only reachable from inside the VPC (the default).' },
  { value: 'internet-facing', doc: 'Gets public addresses; needs public subnets.' },
];

/** Predefined ELB security policies for HTTPS listeners (ALB accepts no custom policies). */
export const SSL_POLICIES: string[] = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
  'ELBSecurityPolicy-TLS13-1-1-2021-06',
  'ELBSecurityPolicy-TLS13-1-0-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08',
  'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-FS-1-1-2019-08',
  'ELBSecurityPolicy-FS-2018-06',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
  'ELBSecurityPolicy-TLS-1-2-2017-01',
  'ELBSecurityPolicy-TLS-1-1-2017-01',
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-TLS-1-0-2015-04',
  'ELBSecurityPolicy-2015-05',
];

type E = Omit<AlbAnnotationEntry, 'source' | 'scope' | 'groupBehavior'> & Partial<Pick<AlbAnnotationEntry, 'scope'>>;
const behavior = (c: GroupCompare | undefined): AlbAnnotationEntry['groupBehavior'] =>
  !c ? 'N/A' : c.kind === 'keys' || c.kind === 'merge' || (c.kind === 'port' && c.as === 'protocol') ? 'Merge' : 'Exclusive';
const ing = (e: E): AlbAnnotationEntry => ({ scope: 'Ingress', ...e, groupBehavior: behavior(e.compare), source: url(e.anchor) });
const both = (e: E): AlbAnnotationEntry => ing({ ...e, scope: 'Ingress,Service' });
const one = (as: 'text' | 'bool' | 'int' | 'list' | 'set' | 'map', nonEmpty = false): GroupCompare =>
  nonEmpty ? { kind: 'one', as, nonEmpty } : { kind: 'one', as };
/** One value for the whole IngressGroup. */
const excl = (e: E): AlbAnnotationEntry => ing({ ...e, compare: e.compare ?? one('text') });
const replaces = (lbc?: string, auto?: string): ParamsOverride => ({ lbc, auto, how: 'replaces' });

const json = (snippet: string) => ({ type: 'json' as const, snippet });

export const ALB_ANNOTATIONS: AlbAnnotationEntry[] = [
  // --- IngressGroup
  ing({
    name: 'group.name',
    params: replaces('spec.group.name', 'spec.group.name'),
    anchor: 'group.name',
    type: 'string',
    check: 'group-name',
    pattern: /^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$/,
    patternHint: 'lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit, at most 63 characters',
    maxLength: 63,
    autoModeUnsupported:
      'EKS Auto Mode does not read this annotation: put Ingresses in a group through the `spec.group.name` of their IngressClassParams.',
    doc: 'Joins this Ingress to a named IngressGroup: every Ingress with the same group name shares one ALB and their rules are merged. Anyone who can edit Ingresses in the cluster can join the group and add rules, so use it only inside one trust boundary.',
  }),
  ing({
    name: 'group.order',
    anchor: 'group.order',
    type: 'integer',
    min: -1000,
    max: 1000,
    default: '0',
    doc: "Position of this Ingress's rules inside its IngressGroup: lower numbers are evaluated first. Ingresses with the same order are sorted by namespace/name.",
  }),
  // --- Load balancer
  excl({
    name: 'load-balancer-name',
    params: replaces('spec.loadBalancerName'),
    anchor: 'load-balancer-name',
    type: 'string',
    maxLength: 32,
    pattern: /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    patternHint: 'up to 32 letters, digits and hyphens, not starting or ending with a hyphen, not starting with "internal-"',
    doc: 'Custom name for the ALB instead of the generated `k8s-…` name. Only read when the load balancer is created: changing it later needs the Ingress to be recreated.',
  }),
  ing({
    name: 'tags',
    compare: { kind: 'keys' },
    params: { lbc: 'spec.tags', auto: 'spec.tags', how: 'perKey' },
    anchor: 'tags',
    type: 'stringMap',
    scope: 'Ingress,Service',
    doc: "Extra AWS tags (`Key=Value,Key2=Value2`) for the resources the controller creates. For target groups the Service's tags win over the Ingress's on conflicts.",
  }),
  excl({
    name: 'ip-address-type',
    params: replaces('spec.ipAddressType', 'spec.ipAddressType'),
    anchor: 'ip-address-type',
    type: 'enum',
    default: 'ipv4',
    values: [
      { value: 'ipv4' },
      { value: 'dualstack', doc: 'IPv4 and IPv6 addresses.' },
      { value: 'dualstack-without-public-ipv4', doc: 'Public IPv6 only, no public IPv4 (internet-facing).' },
    ],
    doc: 'Address family of the ALB.',
  }),
  excl({
    name: 'scheme',
    params: replaces('spec.scheme', 'spec.scheme'),
    anchor: 'scheme',
    type: 'enum',
    default: 'internal',
    values: SCHEMES,
    doc: 'Whether the ALB is internal (the default, easy to miss) or internet-facing. AWS cannot change the scheme in place: changing it makes the controller create a new ALB.',
  }),
  excl({
    name: 'subnets',
    compare: one('set'),
    params: replaces('spec.subnets', 'spec.subnets'),
    anchor: 'subnets',
    type: 'stringList',
    doc: 'Subnets (IDs or `Name` tags) for the ALB, at least two in different Availability Zones (one on Outposts). Without it the controller discovers subnets by their tags.',
  }),
  excl({
    name: 'security-groups',
    compare: one('list'),
    anchor: 'security-groups',
    type: 'stringList',
    doc: 'Security groups (IDs or `Name` tags) to attach to the ALB instead of the one the controller creates. With it, `inbound-cidrs` is ignored and you must open the node/Pod security groups yourself (or set `manage-backend-security-group-rules`).',
  }),
  excl({
    name: 'manage-backend-security-group-rules',
    compare: one('bool'),
    anchor: 'manage-backend-security-group-rules',
    type: 'boolean',
    doc: 'With `security-groups` set: let the controller still manage the node/Pod security-group rules (through a shared backend security group).',
  }),
  excl({
    name: 'customer-owned-ipv4-pool',
    check: 'non-empty',
    anchor: 'customer-owned-ipv4-pool',
    type: 'string',
    doc: 'Customer-owned IPv4 pool for an ALB on AWS Outposts. Treat it as immutable: changing it needs the Ingress recreated.',
  }),
  excl({
    name: 'load-balancer-attributes',
    compare: { kind: 'keys' },
    params: { lbc: 'spec.loadBalancerAttributes', auto: 'spec.loadBalancerAttributes', how: 'perKey' },
    anchor: 'load-balancer-attributes',
    type: 'stringMap',
    values: [
      { value: 'idle_timeout.timeout_seconds=60' },
      { value: 'deletion_protection.enabled=true' },
      { value: 'routing.http2.enabled=true' },
      { value: 'routing.http.drop_invalid_header_fields.enabled=true' },
      { value: 'access_logs.s3.enabled=true,access_logs.s3.bucket=my-bucket,access_logs.s3.prefix=my-app' },
    ],
    doc: 'ALB attributes as `key=value` pairs (access logs, deletion protection, idle timeout, HTTP/2, …). Only listed attributes are updated: removing one does not reset it, set it back explicitly.',
  }),
  excl({
    name: 'ipam-ipv4-pool-id',
    compare: one('text', true),
    params: { lbc: 'spec.ipamConfiguration.ipv4IPAMPoolId', how: 'group' },
    anchor: 'ipam-ipv4-pool-id',
    type: 'string',
    pattern: /^ipam-pool-[0-9a-f]+$/,
    patternHint: '`ipam-pool-` followed by hex digits',
    doc: 'IPAM IPv4 pool the ALB takes its public IPv4 addresses from first (AWS-managed addresses when the pool is exhausted).',
  }),
  excl({
    name: 'minimum-load-balancer-capacity',
    compare: { kind: 'keys' },
    check: 'capacity',
    params: { lbc: 'spec.minimumLoadBalancerCapacity', how: 'group' },
    anchor: 'load-balancer-capacity-reservation',
    type: 'stringMap',
    values: [{ value: 'CapacityUnits=1000' }],
    doc: 'Reserved capacity units for the ALB (`CapacityUnits=N`). Removing the annotation does not reset the reservation: set `CapacityUnits=0`.',
  }),
  // --- Listeners
  ing({
    name: 'listen-ports',
    compare: { kind: 'port', as: 'protocol' },
    anchor: 'listen-ports',
    ...json(`'[{"HTTP": \${1:80}}, {"HTTPS": \${2:443}}]'`),
    check: 'listen-ports',
    default: '[{"HTTP": 80}] (or [{"HTTPS": 443}] with certificate-arn)',
    doc: 'Listeners of the ALB as a JSON list of `{"PROTOCOL": port}` objects, PROTOCOL being `HTTP` or `HTTPS` and port 1–65535, e.g. `[{"HTTP": 80}, {"HTTPS": 443}]`. The rules of this Ingress are attached only to these ports.',
  }),
  excl({
    name: 'ssl-redirect',
    compare: one('int'),
    params: replaces('spec.sslRedirectPort'),
    anchor: 'ssl-redirect',
    type: 'integer',
    min: 1,
    max: 65535,
    values: [{ value: '443' }],
    doc: 'Makes every HTTP listener redirect to HTTPS on this port (other rules on HTTP listeners are then ignored). The port must be an HTTPS port in `listen-ports`, across the whole IngressGroup.',
  }),
  excl({
    name: 'inbound-cidrs',
    compare: { kind: 'port', as: 'cidrs' },
    params: replaces('spec.inboundCIDRs'),
    anchor: 'inbound-cidrs',
    type: 'stringList',
    check: 'cidr',
    default: '0.0.0.0/0 (and ::/0 for dualstack)',
    doc: 'CIDRs allowed to reach the ALB through the security group the controller manages. Ignored when `security-groups` is set.',
  }),
  excl({
    name: 'security-group-prefix-lists',
    compare: { kind: 'port', as: 'set' },
    params: replaces('spec.prefixListsIDs (or PrefixListsIDs)'),
    anchor: 'security-group-prefix-lists',
    type: 'stringList',
    doc: 'Managed prefix lists (`pl-…`) allowed to reach the ALB through the controller-managed security group. Ignored when `security-groups` is set.',
  }),
  ing({
    name: 'certificate-arn',
    snippet: 'arn:aws:acm:${1:region}:${2:account-id}:certificate/${3:certificate-id}',
    compare: { kind: 'merge' },
    params: replaces('spec.certificateArn', 'spec.certificateARNs'),
    anchor: 'certificate-arn',
    type: 'stringList',
    check: 'certificate-arn',
    patternHint: 'an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN',
    doc: 'Certificates for the HTTPS listeners, comma-separated; the first is the default certificate, the others are added for SNI. Without it the controller can discover certificates from the Ingress hosts.',
  }),
  excl({
    name: 'ssl-policy',
    compare: { kind: 'port', as: 'text', https: true },
    params: replaces('spec.sslPolicy'),
    anchor: 'ssl-policy',
    type: 'string',
    check: 'ssl-policy',
    default: 'ELBSecurityPolicy-2016-08',
    values: SSL_POLICIES.map((p) => ({ value: p })),
    doc: 'Predefined ELB security policy (TLS versions and ciphers) of the HTTPS listeners. ALB accepts no custom policies. `ELBSecurityPolicy-TLS13-1-2-2021-06` is the usual modern choice.',
  }),
  excl({
    name: 'mutual-authentication',
    check: 'json-owned-elsewhere',
    compare: { kind: 'port', as: 'mtls', https: true },
    anchor: 'mutual-authentication',
    ...json(`'[{"port": \${1:443}, "mode": "\${2|off,passthrough,verify|}"\${3:, "trustStore": "my-trust-store"}}]'`),
    doc: 'Mutual TLS per HTTPS listener port: a JSON list of `{"port", "mode": off|passthrough|verify, "trustStore", "ignoreClientCertificateExpiry", "advertiseTrustStoreCaNames"}`. `verify` needs a trust store.',
  }),
  ing({
    name: 'listener-attributes.${Protocol}-${Port}',
    compare: { kind: 'keys', perPort: true },
    params: { lbc: 'spec.listeners[].listenerAttributes', how: 'perKey' },
    anchor: 'listener-attributes',
    type: 'stringMap',
    prefix: 'listener-attributes',
    namePattern: /^listener-attributes\.(HTTP|HTTPS)-(\d{1,5})$/,
    nameHint: '`listener-attributes.HTTP-80` or `listener-attributes.HTTPS-443` (protocol in capitals, then the port)',
    values: [{ value: 'routing.http.response.server.enabled=true' }],
    autoModeUnsupported: 'EKS Auto Mode cannot set listener attributes.',
    doc: 'Attributes (`key=value`) of the listener with this protocol and port. A comma inside a value is escaped with a backslash.',
  }),
  // --- Routing and targets
  both({
    name: 'target-type',
    params: replaces('spec.targetType'),
    anchor: 'target-type',
    type: 'enum',
    default: 'instance',
    values: [
      { value: 'instance', doc: "Targets are the nodes on the Service's NodePort: the Service must be NodePort or LoadBalancer." },
      { value: 'ip', doc: 'Targets are Pod IPs directly; works with ClusterIP Services; needed for sticky sessions.' },
    ],
    doc: 'How the ALB reaches Pods: `instance` sends traffic to a NodePort on the nodes (the Service must be NodePort or LoadBalancer), `ip` sends it straight to Pod IPs.',
  }),
  both({
    name: 'target-node-labels',
    anchor: 'target-node-labels',
    type: 'stringMap',
    doc: 'With `target-type: instance`: only nodes with these labels (`key=value,…`) are registered as targets.',
  }),
  both({
    name: 'backend-protocol',
    anchor: 'backend-protocol',
    type: 'enum',
    default: 'HTTP',
    values: [{ value: 'HTTP' }, { value: 'HTTPS' }],
    doc: 'Protocol from the ALB to the Pods.',
  }),
  both({
    name: 'backend-protocol-version',
    anchor: 'backend-protocol-version',
    type: 'enum',
    default: 'HTTP1',
    values: [{ value: 'HTTP1' }, { value: 'HTTP2' }, { value: 'GRPC' }],
    doc: 'Application protocol version to the Pods (`GRPC` also changes the health check defaults).',
  }),
  both({
    name: 'target-group-attributes',
    anchor: 'target-group-attributes',
    type: 'stringMap',
    values: [
      { value: 'deregistration_delay.timeout_seconds=30' },
      { value: 'slow_start.duration_seconds=30' },
      { value: 'stickiness.enabled=true,stickiness.lb_cookie.duration_seconds=60' },
      { value: 'load_balancing.algorithm.type=least_outstanding_requests' },
    ],
    doc: 'Target group attributes as `key=value` pairs (deregistration delay, slow start, stickiness, algorithm, …). Stickiness needs `target-type: ip`.',
  }),
  both({
    name: 'multi-cluster-target-group',
    anchor: 'multi-cluster-target-group',
    type: 'boolean',
    doc: "Lets other clusters' controllers share the target group: this controller then only manages targets from its own cluster. Set it at creation and leave it.",
  }),
  // The docs table says Ingress, but the controller reads it from the Service and Ingress annotations together.
  both({
    name: 'target-control-port.${serviceName}.${servicePort}',
    anchor: 'target-control-port',
    type: 'integer',
    min: 1,
    max: 65535,
    prefix: 'target-control-port',
    namePattern: /^target-control-port\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([A-Za-z0-9-]+)$/,
    nameHint: '`target-control-port.<service name>.<service port>`',
    doc: "Port on which the ALB target control agent of this Service port talks to the ALB (target optimizer). It must match the agent's control address; the controller replaces the target group when it changes.",
  }),
  ing({
    name: 'use-regex-path-match',
    anchor: 'use-regex-path-match',
    type: 'boolean',
    default: 'false',
    doc: 'Treats `pathType: ImplementationSpecific` paths as regular expressions (written with a leading `/` that is removed). Exact and Prefix paths are unaffected.',
  }),
  ing({
    name: 'actions.${action-name}',
    anchor: 'actions',
    ...json(`'{"type": "forward", "forwardConfig": {"targetGroups": [{"serviceName": "\${1:service}", "servicePort": \${2:80}}]}}'`),
    check: 'json-owned-elsewhere',
    templates: [
      {
        label: 'weighted forward (blue/green, canary)',
        snippet: `'{"type": "forward", "forwardConfig": {"targetGroups": [{"serviceName": "\${1:blue}", "servicePort": \${2:80}, "weight": \${3:90}}, {"serviceName": "\${4:green}", "servicePort": \${5:80}, "weight": \${6:10}}]}}'`,
      },
      {
        label: 'redirect to HTTPS',
        snippet: `'{"type": "redirect", "redirectConfig": {"protocol": "HTTPS", "port": "443", "statusCode": "\${1|HTTP_301,HTTP_302|}"}}'`,
      },
      {
        label: 'fixed response',
        snippet: `'{"type": "fixed-response", "fixedResponseConfig": {"contentType": "\${1:text/plain}", "statusCode": "\${2:503}", "messageBody": "\${3:unavailable}"}}'`,
      },
    ],
    prefix: 'actions',
    namePattern: /^actions\.[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
    nameHint: '`actions.<name>`, where <name> is the service name of a rule backend with `port.name: use-annotation`',
    doc: 'A custom action (forward with weights, redirect, fixed response) as JSON. It is used by rule backends whose `service.name` is the action name and whose `port.name` is `use-annotation`; a backend naming a missing action gets a 503.',
  }),
  ing({
    name: 'conditions.${conditions-name}',
    anchor: 'conditions',
    ...json(`'[{"field": "\${1|http-header,host-header,path-pattern,query-string,http-request-method,source-ip|}"}]'`),
    check: 'json-owned-elsewhere',
    templates: [
      {
        label: 'HTTP header condition (A/B)',
        snippet: `'[{"field": "http-header", "httpHeaderConfig": {"httpHeaderName": "\${1:X-Variant}", "values": ["\${2:b}"]}}]'`,
      },
      {
        label: 'query string condition',
        snippet: `'[{"field": "query-string", "queryStringConfig": {"values": [{"key": "\${1:version}", "value": "\${2:v2}"}]}}]'`,
      },
      { label: 'source IP condition', snippet: `'[{"field": "source-ip", "sourceIpConfig": {"values": ["\${1:10.0.0.0/8}"]}}]'` },
    ],
    prefix: 'conditions',
    namePattern: /^conditions\.[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
    nameHint: '`conditions.<name>`, where <name> is the service name of a rule backend (a real Service or a use-annotation action)',
    doc: 'Extra routing conditions (headers, query strings, methods, source IPs, …) as a JSON list, added to the host/path of every rule whose backend `service.name` is this name.',
  }),
  ing({
    name: 'transforms.${transforms-name}',
    anchor: 'transforms',
    ...json(`'[{"type": "\${1|url-rewrite,host-header-rewrite|}"}]'`),
    check: 'json-owned-elsewhere',
    prefix: 'transforms',
    namePattern: /^transforms\.[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
    nameHint: '`transforms.<name>`, where <name> is the service name of a rule backend',
    doc: 'URL or host header rewrites as a JSON list, applied to the rules whose backend `service.name` is this name.',
  }),
  // --- Health checks
  both({
    name: 'healthcheck-port',
    anchor: 'healthcheck-port',
    type: 'string',
    check: 'healthcheck-port',
    default: 'traffic-port',
    values: [{ value: 'traffic-port' }],
    doc: 'Port for health checks: `traffic-port` (the port traffic goes to), a number, or the name of a Service port (its NodePort for instance targets, its targetPort for ip targets).',
  }),
  both({
    name: 'healthcheck-protocol',
    anchor: 'healthcheck-protocol',
    type: 'enum',
    default: 'HTTP',
    values: HEALTH_PROTOCOLS,
    doc: 'Protocol of the health checks.',
  }),
  both({
    name: 'healthcheck-path',
    anchor: 'healthcheck-path',
    type: 'string',
    default: '/ (/AWS.ALB/healthcheck for GRPC)',
    pattern: /^\//,
    patternHint: 'a path starting with `/`',
    doc: 'HTTP path (or gRPC `/package.service/method`) the health checks request.',
  }),
  both({
    name: 'healthcheck-interval-seconds',
    anchor: 'healthcheck-interval-seconds',
    type: 'integer',
    min: 5,
    max: 300,
    default: '15',
    doc: 'Seconds between health checks of one target (AWS accepts 5–300).',
  }),
  both({
    name: 'healthcheck-timeout-seconds',
    anchor: 'healthcheck-timeout-seconds',
    type: 'integer',
    min: 2,
    max: 120,
    default: '5',
    doc: 'Seconds without a response after which a health check fails (AWS accepts 2–120; keep it below the interval).',
  }),
  both({
    name: 'healthy-threshold-count',
    anchor: 'healthy-threshold-count',
    type: 'integer',
    min: 2,
    max: 10,
    default: '2',
    doc: 'Consecutive successful health checks before an unhealthy target counts as healthy (2–10).',
  }),
  both({
    name: 'unhealthy-threshold-count',
    anchor: 'unhealthy-threshold-count',
    type: 'integer',
    min: 2,
    max: 10,
    default: '2',
    doc: 'Consecutive failed health checks before a target counts as unhealthy (2–10).',
  }),
  both({
    name: 'success-codes',
    anchor: 'success-codes',
    type: 'string',
    check: 'success-codes',
    default: '200 (12 for GRPC)',
    values: [{ value: '200' }, { value: '200-399' }, { value: '200,302' }],
    doc: 'HTTP (or gRPC) status codes that count as a healthy response: one code, a comma-separated list, or a range like `200-299`.',
  }),
  // --- Authentication
  both({
    name: 'auth-type',
    anchor: 'auth-type',
    type: 'enum',
    default: 'none',
    values: [
      { value: 'none' },
      { value: 'cognito', doc: 'Amazon Cognito user pool (see auth-idp-cognito).' },
      { value: 'oidc', doc: 'Any OpenID Connect provider (see auth-idp-oidc).' },
    ],
    doc: 'Authenticates users at the ALB before forwarding (HTTPS listeners only).',
  }),
  both({
    name: 'auth-idp-cognito',
    check: 'json-owned-elsewhere',
    anchor: 'auth-idp-cognito',
    ...json(
      `'{"userPoolARN": "\${1:arn:aws:cognito-idp:region:account:userpool/id}", "userPoolClientID": "\${2:client-id}", "userPoolDomain": "\${3:domain-prefix}"}'`,
    ),
    doc: 'Cognito settings as JSON: `userPoolARN`, `userPoolClientID`, `userPoolDomain` (the domain prefix, not the full URL).',
  }),
  both({
    name: 'auth-idp-oidc',
    check: 'json-owned-elsewhere',
    anchor: 'auth-idp-oidc',
    ...json(
      `'{"issuer": "\${1:https://example.com}", "authorizationEndpoint": "\${2}", "tokenEndpoint": "\${3}", "userInfoEndpoint": "\${4}", "secretName": "\${5:oidc-secret}"}'`,
    ),
    doc: "OIDC provider settings as JSON (`issuer`, `authorizationEndpoint`, `tokenEndpoint`, `userInfoEndpoint`, `secretName`); the Secret, in the Ingress's namespace, holds `clientID` and `clientSecret`.",
  }),
  both({
    name: 'auth-on-unauthenticated-request',
    anchor: 'auth-on-unauthenticated-request',
    type: 'enum',
    default: 'authenticate',
    values: [
      { value: 'authenticate', doc: 'Send the user to the identity provider.' },
      { value: 'allow', doc: 'Forward without authentication.' },
      { value: 'deny', doc: 'Answer 401.' },
    ],
    doc: 'What the ALB does with a request that is not authenticated.',
  }),
  both({
    name: 'auth-scope',
    anchor: 'auth-scope',
    type: 'string',
    default: 'openid',
    values: [{ value: 'openid' }, { value: 'email openid' }, { value: 'profile email openid' }],
    doc: 'Space-separated claims requested from the identity provider.',
  }),
  both({
    name: 'auth-session-cookie',
    anchor: 'auth-session-cookie',
    type: 'string',
    default: 'AWSELBAuthSessionCookie',
    doc: 'Name of the cookie that keeps the authenticated session.',
  }),
  both({
    name: 'auth-session-timeout',
    anchor: 'auth-session-timeout',
    type: 'integer',
    min: 1,
    max: 604800,
    default: '604800',
    doc: 'Maximum length of an authenticated session in seconds (at most 7 days).',
  }),
  ing({
    name: 'jwt-validation',
    check: 'json-owned-elsewhere',
    anchor: 'jwt-validation',
    ...json(`'{"jwksEndpoint": "\${1:https://example.com/.well-known/jwks.json}", "issuer": "\${2:https://example.com}"}'`),
    doc: 'Validates JSON Web Tokens at the ALB (HTTPS listeners only): JSON with `jwksEndpoint`, `issuer` and optional `additionalClaims`.',
  }),
  // --- Certificates
  ing({
    name: 'create-acm-cert',
    anchor: 'create-acm-cert',
    type: 'boolean',
    doc: 'Lets the controller request the ACM certificates the TLS listeners need (Amazon-issued by default, or from `acm-pca-arn`).',
  }),
  ing({
    name: 'acm-pca-arn',
    snippet: 'arn:aws:acm-pca:${1:region}:${2:account-id}:certificate-authority/${3:id}',
    anchor: 'acm-pca-arn',
    type: 'string',
    check: 'arn',
    pattern: /^arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:[^:\s]+:certificate-authority\/\S+$/,
    patternHint: 'arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>',
    doc: 'With `create-acm-cert`: the private certificate authority ACM issues the certificates from.',
  }),
  // --- Add-ons
  excl({
    name: 'wafv2-acl-arn',
    snippet: 'arn:aws:wafv2:${1:region}:${2:account-id}:regional/webacl/${3:name}/${4:id}',
    params: replaces('spec.wafv2AclArn'),
    anchor: 'wafv2-acl-arn',
    type: 'string',
    check: 'arn',
    pattern: /^(none|arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[^:\s]+:regional\/webacl\/\S+)$/,
    patternHint: '`none` or a regional WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)',
    doc: 'Associates a regional AWS WAFv2 web ACL with the ALB; `none` removes it. Without the annotation the current association is left alone.',
  }),
  excl({
    name: 'wafv2-acl-name',
    compare: one('text', true),
    params: replaces('spec.wafv2AclName'),
    anchor: 'wafv2-acl-name',
    type: 'string',
    doc: 'Same as `wafv2-acl-arn` but by web ACL name (the controller needs `wafv2:ListWebACLs`); `none` removes it.',
  }),
  excl({
    name: 'waf-acl-id',
    compare: one('text', true),
    anchor: 'waf-acl-id',
    type: 'string',
    autoModeUnsupported: 'EKS Auto Mode does not support WAF Classic.',
    doc: 'Associates a regional WAF Classic web ACL (by ID) with the ALB; `none` removes it. WAF Classic is legacy: prefer `wafv2-acl-arn`.',
  }),
  excl({
    name: 'web-acl-id',
    compare: one('text', true),
    anchor: 'waf-acl-id',
    type: 'string',
    deprecated: 'use `alb.ingress.kubernetes.io/waf-acl-id` (or better, `wafv2-acl-arn`).',
    autoModeUnsupported: 'EKS Auto Mode does not support WAF Classic.',
    doc: 'Old name of `waf-acl-id` (WAF Classic web ACL ID).',
  }),
  excl({
    name: 'shield-advanced-protection',
    compare: one('bool'),
    anchor: 'shield-advanced-protection',
    type: 'boolean',
    autoModeUnsupported: 'EKS Auto Mode does not support Shield Advanced through this annotation.',
    doc: 'Turns AWS Shield Advanced protection of the ALB on or off. Without the annotation the current setting is left alone.',
  }),
  // --- Frontend NLB
  excl({
    name: 'enable-frontend-nlb',
    compare: one('bool'),
    anchor: 'enable-frontend-nlb',
    type: 'boolean',
    default: 'false',
    doc: 'Puts a Network Load Balancer in front of the ALB (static IPs, PrivateLink) with the ALB as its target. Disable it before changing the ALB scheme.',
  }),
  excl({
    name: 'frontend-nlb-scheme',
    anchor: 'frontend-nlb-scheme',
    type: 'enum',
    default: 'internal',
    values: SCHEMES,
    doc: 'Scheme of the frontend NLB.',
  }),
  excl({
    name: 'frontend-nlb-subnets',
    compare: one('set'),
    anchor: 'frontend-nlb-subnets',
    type: 'stringList',
    doc: 'Subnets of the frontend NLB.',
  }),
  excl({
    name: 'frontend-nlb-security-groups',
    compare: one('list'),
    anchor: 'frontend-nlb-security-groups',
    type: 'stringList',
    doc: 'Security groups of the frontend NLB.',
  }),
  ing({
    name: 'frontend-nlb-listener-port-mapping',
    compare: { kind: 'keys' },
    check: 'port-mapping',
    anchor: 'frontend-nlb-listener-port-mapping',
    type: 'stringMap',
    values: [{ value: '80=443' }],
    doc: 'Maps frontend NLB listener ports to ALB listener ports (`nlbPort=albPort,…`); by default each NLB port equals the ALB port.',
  }),
  ing({
    name: 'frontend-nlb-healthcheck-port',
    compare: { kind: 'nlbPort' },
    anchor: 'frontend-nlb-healthcheck-port',
    type: 'string',
    check: 'nlb-healthcheck-port',
    default: 'traffic-port',
    values: [{ value: 'traffic-port' }],
    doc: "Port of the frontend NLB's health checks against the ALB.",
  }),
  ing({
    name: 'frontend-nlb-healthcheck-protocol',
    compare: { kind: 'nlbPort' },
    anchor: 'frontend-nlb-healthcheck-protocol',
    type: 'enum',
    default: 'HTTP',
    values: HEALTH_PROTOCOLS,
    doc: "Protocol of the frontend NLB's health checks.",
  }),
  ing({
    name: 'frontend-nlb-healthcheck-path',
    compare: { kind: 'nlbPort' },
    anchor: 'frontend-nlb-healthcheck-path',
    type: 'string',
    default: '/',
    pattern: /^\//,
    patternHint: 'a path starting with `/`',
    doc: "Path of the frontend NLB's health checks.",
  }),
  ing({
    name: 'frontend-nlb-healthcheck-interval-seconds',
    compare: { kind: 'nlbPort' },
    anchor: 'frontend-nlb-healthcheck-interval-seconds',
    type: 'integer',
    min: 5,
    max: 300,
    default: '15',
    doc: "Seconds between the frontend NLB's health checks.",
  }),
  ing({
    name: 'frontend-nlb-healthcheck-timeout-seconds',
    compare: { kind: 'nlbPort' },
    anchor: 'frontend-nlb-healthcheck-timeout-seconds',
    type: 'integer',
    min: 2,
    max: 120,
    default: '5',
    doc: "Timeout of the frontend NLB's health checks in seconds.",
  }),
  ing({
    name: 'frontend-nlb-healthcheck-healthy-threshold-count',
    compare: { kind: 'nlbPort' },
    anchor: 'frontend-nlb-healthcheck-healthy-threshold-count',
    type: 'integer',
    min: 2,
    max: 10,
    default: '3',
    doc: 'Consecutive successes before the NLB marks the ALB healthy.',
  }),
  ing({
    name: 'frontend-nlb-healthcheck-unhealthy-threshold-count',
    compare: { kind: 'nlbPort' },
    anchor: 'frontend-nlb-healthcheck-unhealthy-threshold-count',
    type: 'integer',
    min: 2,
    max: 10,
    default: '3',
    doc: 'Consecutive failures before the NLB marks the ALB unhealthy.',
  }),
  ing({
    name: 'frontend-nlb-healthcheck-success-codes',
    compare: { kind: 'nlbPort' },
    anchor: 'frontend-nlb-healthcheck-success-codes',
    type: 'string',
    check: 'nlb-success-codes',
    default: '200',
    doc: "HTTP codes that count as healthy for the frontend NLB's health checks.",
  }),
  excl({
    name: 'frontend-nlb-tags',
    compare: one('map'),
    anchor: 'frontend-nlb-tags',
    type: 'stringMap',
    doc: "Tags of the frontend NLB (default: the ALB's `tags`). Must agree across the IngressGroup.",
  }),
  ing({
    name: 'frontend-nlb-eip-allocations',
    compare: one('set'),
    anchor: 'frontend-nlb-eip-allocations',
    type: 'stringList',
    doc: 'Elastic IP allocations (`eipalloc-…`) for an internet-facing frontend NLB, one per subnet.',
  }),
  ing({
    name: 'frontend-nlb-attributes',
    compare: one('map'),
    anchor: 'frontend-nlb-attributes',
    type: 'stringMap',
    doc: 'Attributes (`key=value`) of the frontend NLB (deletion protection, cross-zone, client routing policy, …).',
  }),
  // --- Controller-written
  ing({
    name: 'dry-run-plan',
    anchor: 'annotations',
    type: 'string',
    note: 'Written by the controller (feature gate `IngressPlanAnnotation`), not read from you.',
    doc: 'The controller writes the load balancer model it would build here when its `IngressPlanAnnotation` feature gate is on. Setting it yourself has no effect.',
  }),
];

export const ALB_CATALOG = new Catalog<AlbAnnotationEntry>(ALB_ANNOTATIONS);

const VARIABLE = ALB_ANNOTATIONS.filter((e) => e.namePattern);

/** The entry for an annotation suffix (after `alb.ingress.kubernetes.io/`), exact or by a variable-name pattern. */
export function findAlbAnnotation(suffix: string): AlbAnnotationEntry | undefined {
  const exact = ALB_CATALOG.get(suffix);
  if (exact) return exact;
  return VARIABLE.find((e) => e.namePattern!.test(suffix));
}

/** The variable-name entry whose fixed prefix the suffix starts with (`actions.` …), matched or not. */
export function variableEntryFor(suffix: string): AlbAnnotationEntry | undefined {
  return VARIABLE.find((e) => suffix === e.prefix || suffix.startsWith(e.prefix + '.'));
}

/** Names for "did you mean": fixed names plus the prefixes of the variable ones. */
export function albNameCandidates(): string[] {
  return ALB_ANNOTATIONS.map((e) => e.prefix ?? e.name);
}

// ---------------------------------------------------------------------------------------------------------
// Service-side annotations of the controller's NLB/target support (service.beta.kubernetes.io/*). A smaller
// catalog: used for completion, hover and value checks only; names outside it are not reported, because the
// in-tree cloud provider reads more `aws-load-balancer-*` names.

export interface SvcAnnotationEntry extends CatalogEntry {
  anchor: string;
  maxLength?: number;
}
const svc = (e: Omit<SvcAnnotationEntry, 'source'>): SvcAnnotationEntry => ({ ...e, source: `${SVC_DOCS}#${e.anchor}` });

export const SVC_ANNOTATIONS: SvcAnnotationEntry[] = [
  svc({
    name: 'aws-load-balancer-type',
    anchor: 'lb-type',
    type: 'enum',
    values: [
      { value: 'external', doc: 'Handled by the AWS Load Balancer Controller (with nlb-target-type).' },
      { value: 'nlb', doc: 'Legacy in-tree NLB (or the controller with nlb-target-type set).' },
      {
        value: 'nlb-ip',
        doc: 'Deprecated: use external + nlb-target-type: ip.',
        deprecated: 'use external with aws-load-balancer-nlb-target-type: ip',
      },
    ],
    doc: 'Which load balancer a `type: LoadBalancer` Service gets. `external` hands it to the AWS Load Balancer Controller (instead of the legacy in-tree provider).',
  }),
  svc({
    name: 'aws-load-balancer-nlb-target-type',
    anchor: 'nlb-target-type',
    type: 'enum',
    values: [{ value: 'instance' }, { value: 'ip' }],
    doc: 'NLB targets: `instance` (node ports) or `ip` (Pod IPs).',
  }),
  svc({
    name: 'aws-load-balancer-scheme',
    anchor: 'lb-scheme',
    type: 'enum',
    default: 'internal',
    values: SCHEMES,
    doc: 'Internal (default) or internet-facing NLB.',
  }),
  svc({
    name: 'aws-load-balancer-internal',
    anchor: 'lb-internal',
    type: 'boolean',
    default: 'false',
    deprecated: 'use aws-load-balancer-scheme.',
    doc: 'Old way to ask for an internal NLB.',
  }),
  svc({
    name: 'aws-load-balancer-name',
    anchor: 'load-balancer-name',
    type: 'string',
    maxLength: 32,
    doc: 'Custom NLB name (at most 32 characters).',
  }),
  svc({
    name: 'aws-load-balancer-ip-address-type',
    anchor: 'ip-address-type',
    type: 'enum',
    default: 'ipv4',
    values: [{ value: 'ipv4' }, { value: 'dualstack' }],
    doc: 'Address family of the NLB.',
  }),
  svc({
    name: 'aws-load-balancer-proxy-protocol',
    anchor: 'proxy-protocol-v2',
    type: 'enum',
    values: [{ value: '*' }],
    doc: 'Set to `*` to enable proxy protocol v2 on all target groups.',
  }),
  svc({ name: 'aws-load-balancer-ssl-cert', anchor: 'ssl-cert', type: 'stringList', doc: 'Certificate ARNs for the TLS listeners.' }),
  svc({
    name: 'aws-load-balancer-ssl-ports',
    anchor: 'ssl-ports',
    type: 'stringList',
    doc: 'Ports (numbers or names) that get TLS listeners; `*` for all.',
  }),
  svc({
    name: 'aws-load-balancer-ssl-negotiation-policy',
    anchor: 'ssl-negotiation-policy',
    type: 'string',
    default: 'ELBSecurityPolicy-2016-08',
    values: SSL_POLICIES.map((p) => ({ value: p })),
    doc: 'Security policy of the TLS listeners.',
  }),
  svc({
    name: 'aws-load-balancer-backend-protocol',
    anchor: 'backend-protocol',
    type: 'enum',
    values: [
      { value: 'tcp' },
      { value: 'ssl' },
      { value: 'http', doc: 'Classic Load Balancer (in-tree provider) only.' },
      { value: 'https', doc: 'Classic Load Balancer (in-tree provider) only.' },
    ],
    doc: 'Protocol to the targets (`ssl` for TLS to the Pods; `http`/`https` only for Classic Load Balancers of the in-tree provider).',
  }),
  svc({
    name: 'aws-load-balancer-additional-resource-tags',
    anchor: 'additional-resource-tags',
    type: 'stringMap',
    doc: 'Extra AWS tags for the NLB resources.',
  }),
  // The controller upper-cases the value before comparing (pkg/service/model_build_target_group.go,
  // buildTargetGroupHealthCheckProtocol, kubernetes-sigs/aws-load-balancer-controller@225f44568): `http` is valid.
  svc({
    name: 'aws-load-balancer-healthcheck-protocol',
    anchor: 'healthcheck-protocol',
    type: 'enum',
    caseInsensitive: true,
    default: 'TCP',
    values: [{ value: 'TCP' }, { value: 'HTTP' }, { value: 'HTTPS' }],
    doc: 'Health check protocol (any case: the controller upper-cases it).',
  }),
  svc({
    name: 'aws-load-balancer-healthcheck-port',
    anchor: 'healthcheck-port',
    type: 'string',
    default: 'traffic-port',
    values: [{ value: 'traffic-port' }],
    doc: 'Health check port: `traffic-port`, a number or a Service port name.',
  }),
  svc({
    name: 'aws-load-balancer-healthcheck-path',
    anchor: 'healthcheck-path',
    type: 'string',
    default: '/',
    doc: 'Health check path for HTTP(S) checks.',
  }),
  svc({
    name: 'aws-load-balancer-healthcheck-healthy-threshold',
    anchor: 'healthcheck-healthy-threshold',
    type: 'integer',
    min: 2,
    max: 10,
    default: '3',
    doc: 'Consecutive successes before a target is healthy.',
  }),
  svc({
    name: 'aws-load-balancer-healthcheck-unhealthy-threshold',
    anchor: 'healthcheck-unhealthy-threshold',
    type: 'integer',
    min: 2,
    max: 10,
    default: '3',
    doc: 'Consecutive failures before a target is unhealthy.',
  }),
  svc({
    name: 'aws-load-balancer-healthcheck-timeout',
    anchor: 'healthcheck-timeout',
    type: 'integer',
    min: 2,
    max: 120,
    default: '10',
    doc: 'Health check timeout in seconds.',
  }),
  svc({
    name: 'aws-load-balancer-healthcheck-interval',
    anchor: 'healthcheck-interval',
    type: 'integer',
    min: 5,
    max: 300,
    default: '10',
    doc: 'Seconds between health checks.',
  }),
  svc({
    name: 'aws-load-balancer-healthcheck-success-codes',
    anchor: 'healthcheck-success-codes',
    type: 'string',
    default: '200-399',
    doc: 'HTTP codes that count as healthy.',
  }),
  svc({
    name: 'aws-load-balancer-target-group-attributes',
    anchor: 'target-group-attributes',
    type: 'stringMap',
    doc: 'Target group attributes (`key=value`).',
  }),
  svc({ name: 'aws-load-balancer-subnets', anchor: 'subnets', type: 'stringList', doc: 'Subnets (IDs or Name tags) of the NLB.' }),
  svc({
    name: 'aws-load-balancer-eip-allocations',
    anchor: 'eip-allocations',
    type: 'stringList',
    doc: 'Elastic IP allocations, one per subnet (internet-facing only).',
  }),
  svc({
    name: 'aws-load-balancer-private-ipv4-addresses',
    anchor: 'private-ipv4-addresses',
    type: 'stringList',
    doc: 'Private IPv4 addresses, one per subnet (internal only).',
  }),
  svc({
    name: 'aws-load-balancer-target-node-labels',
    anchor: 'target-node-labels',
    type: 'stringMap',
    doc: 'Only nodes with these labels become instance targets.',
  }),
  svc({
    name: 'aws-load-balancer-attributes',
    anchor: 'load-balancer-attributes',
    type: 'stringMap',
    doc: 'NLB attributes (`key=value`).',
  }),
  svc({
    name: 'aws-load-balancer-security-groups',
    anchor: 'security-groups',
    type: 'stringList',
    doc: 'Security groups for the NLB instead of the managed one.',
  }),
  svc({
    name: 'aws-load-balancer-manage-backend-security-group-rules',
    anchor: 'manage-backend-sg-rules',
    type: 'boolean',
    default: 'true',
    doc: 'Whether the controller manages the node/Pod security-group rules.',
  }),
  svc({
    name: 'aws-load-balancer-multi-cluster-target-group',
    anchor: 'multi-cluster-target-group',
    type: 'boolean',
    default: 'false',
    doc: 'Share the target group with other clusters.',
  }),
  svc({
    name: 'load-balancer-source-ranges',
    anchor: 'lb-source-ranges',
    type: 'stringList',
    doc: 'CIDRs allowed to reach the NLB (prefer `spec.loadBalancerSourceRanges`).',
  }),
];
export const SVC_CATALOG = new Catalog<SvcAnnotationEntry>(SVC_ANNOTATIONS);

// ---------------------------------------------------------------------------------------------------------
// Words for the group comparison and the IngressClassParams override (hover, docs/alb-annotations.md).

/** How the controller treats an annotation across an IngressGroup, in one sentence fragment. */
export function groupCompareText(e: AlbAnnotationEntry): string {
  const c = e.compare;
  if (e.name === 'group.name') return 'decides the membership (the IngressClassParams group wins)';
  if (!c) return 'per Ingress (or per target group)';
  const unset = c.kind === 'one' && c.nonEmpty ? '; an empty value counts as unset' : '';
  switch (c.kind) {
    case 'one': {
      const as = {
        text: 'one value for the group',
        bool: 'one value for the group, compared as a boolean (true, True, 1 are one)',
        int: 'one value for the group, compared as a number',
        list: 'one list for the group, in order (items trimmed, empty items dropped)',
        set: 'one set for the group (order and spacing do not matter)',
        map: 'one key=value map for the group (order does not matter)',
      }[c.as];
      return as + unset;
    }
    case 'keys':
      return c.perPort
        ? 'merged key by key among the Ingresses with that listener; one key with two values conflicts'
        : 'merged key by key; one key with two values conflicts';
    case 'port':
      if (c.as === 'protocol') return 'merged; each port is HTTP or HTTPS for the whole group';
      if (c.as === 'mtls') return 'one setting per HTTPS port, compared between the Ingresses that configure that port';
      if (c.as === 'text') return `one value per ${c.https ? 'HTTPS ' : ''}port, compared between the Ingresses that listen on it`;
      return 'one set per port, compared between the Ingresses that listen on it and set it';
    case 'nlbPort':
      return 'one value per frontend NLB listener, compared between the Ingresses that set it';
    case 'merge':
      return 'merged (no conflicts)';
  }
}

/** Which IngressClassParams field overrides the annotation, per flavour, and how; undefined when none does. */
export function paramsText(e: AlbAnnotationEntry): string | undefined {
  const p = e.params;
  if (!p) return undefined;
  const how = {
    replaces: 'replaces the annotation',
    perKey: 'wins key by key',
    group: "replaces it for the whole group (the first member's class)",
  }[p.how];
  const fields =
    p.lbc && p.lbc === p.auto
      ? `\`${p.lbc}\` (both flavours)`
      : [p.lbc ? `\`${p.lbc}\`` : undefined, p.auto ? `\`${p.auto}\` (EKS Auto Mode)` : undefined].filter(Boolean).join(', ');
  return `${fields}: ${how}`;
}

/**
 * IngressGroups: for every annotation the controller reads across the members of a group, two members whose
 * values it considers equal (silent) and two whose values conflict (alb-group-conflict at the exact value),
 * each row citing the controller function that does the comparison (aws-load-balancer-controller
 * pkg/ingress). The catalog's GroupCompare of each annotation is held against the row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTable, diagnoseWith, type CheckCase } from '../../helpers/checkTable';
import { ingress, ingressClass, classParams, LBC } from '../../fixtures/alb/manifests';
import { ALB_ANNOTATIONS, type GroupCompare } from '../../../server/src/service/alb/annotations/catalog';

const HTTPS = '\'[{"HTTPS": 443}]\'';
const CERT = 'arn:aws:acm:us-west-2:123456789012:certificate/c1';
const NLB = { 'enable-frontend-nlb': "'true'" };

interface Row {
  suffix: string;
  compare: GroupCompare;
  /** aws-load-balancer-controller pkg/ingress file and function. */
  source: string;
  /** Values the controller takes as one (this member, the other member). */
  same: [string, string];
  /** Values it refuses to merge. */
  differ: [string, string];
  /** Annotations both members carry (listeners, feature switches). */
  both?: Record<string, string>;
}

const rows: Row[] = [
  {
    suffix: 'load-balancer-name',
    compare: { kind: 'one', as: 'text' },
    source: 'model_build_load_balancer.go buildLoadBalancerName',
    same: ['web', 'web'],
    differ: ['web', 'api'],
  },
  {
    suffix: 'scheme',
    compare: { kind: 'one', as: 'text' },
    source: 'model_build_load_balancer.go buildLoadBalancerScheme',
    same: ['internal', 'internal'],
    differ: ['internal', 'internet-facing'],
  },
  {
    suffix: 'ip-address-type',
    compare: { kind: 'one', as: 'text' },
    source: 'model_build_load_balancer.go buildLoadBalancerIPAddressType',
    same: ['ipv4', 'ipv4'],
    differ: ['ipv4', 'dualstack'],
  },
  {
    suffix: 'subnets',
    compare: { kind: 'one', as: 'set' },
    source: 'model_build_load_balancer.go buildLoadBalancerSubnetMappings (IgnoreStringSliceOrder)',
    same: ['subnet-a,subnet-b', "' subnet-b , subnet-a,'"],
    differ: ['subnet-a,subnet-b', 'subnet-a,subnet-c'],
  },
  {
    suffix: 'security-groups',
    compare: { kind: 'one', as: 'list' },
    source: 'model_build_load_balancer.go buildFrontendSGNameOrIDsFromAnnotation (cmp.Equal, order kept)',
    same: ['sg-1,sg-2', "'sg-1, sg-2'"],
    differ: ['sg-1,sg-2', 'sg-2,sg-1'],
  },
  {
    suffix: 'manage-backend-security-group-rules',
    compare: { kind: 'one', as: 'bool' },
    source: 'model_builder.go buildManageSecurityGroupRulesFlag (strconv.ParseBool)',
    same: ["'true'", "'True'"],
    differ: ["'true'", "'false'"],
    both: { 'security-groups': 'sg-1' },
  },
  {
    suffix: 'customer-owned-ipv4-pool',
    compare: { kind: 'one', as: 'text' },
    source: 'model_build_load_balancer.go buildLoadBalancerCOIPv4Pool',
    same: ['ipv4pool-coip-1', 'ipv4pool-coip-1'],
    differ: ['ipv4pool-coip-1', 'ipv4pool-coip-2'],
  },
  {
    suffix: 'load-balancer-attributes',
    compare: { kind: 'keys' },
    source: 'model_build_load_balancer_attributes.go buildIngressGroupLoadBalancerAttributes (key by key)',
    same: ['idle_timeout.timeout_seconds=60', 'deletion_protection.enabled=true'],
    differ: ['idle_timeout.timeout_seconds=60', 'idle_timeout.timeout_seconds=120'],
  },
  {
    suffix: 'ipam-ipv4-pool-id',
    compare: { kind: 'one', as: 'text', nonEmpty: true },
    source: 'model_build_ipam.go buildIPv4IPAMPoolID (empty values skipped)',
    same: ['ipam-pool-1', "''"],
    differ: ['ipam-pool-1', 'ipam-pool-2'],
  },
  {
    suffix: 'minimum-load-balancer-capacity',
    compare: { kind: 'keys' },
    source: 'model_build_load_balancer_capacity_reservation.go buildIngressGroupLoadBalancerMinimumCapacity',
    same: ['CapacityUnits=100', 'CapacityUnits=100'],
    differ: ['CapacityUnits=100', 'CapacityUnits=200'],
  },
  {
    suffix: 'tags',
    compare: { kind: 'keys' },
    source: 'model_build_tags.go buildIngressGroupResourceTags (conflicting tag)',
    same: ['team=a,env=dev', 'env=dev,cost=1'],
    differ: ['env=dev', 'env=prod'],
  },
  {
    suffix: 'listen-ports',
    compare: { kind: 'port', as: 'protocol' },
    source: 'model_builder.go mergeListenPortConfigs (conflicting protocol)',
    same: ['\'[{"HTTP": 80}]\'', '\'[{"HTTP": 80}, {"HTTP": 8080}]\''],
    differ: ['\'[{"HTTP": 443}]\'', HTTPS],
  },
  {
    suffix: 'ssl-redirect',
    compare: { kind: 'one', as: 'int' },
    source: 'model_builder.go buildSSLRedirectConfig (ParseInt32)',
    same: ["'443'", "'+443'"],
    differ: ["'443'", "'8443'"],
    both: { 'listen-ports': '\'[{"HTTPS": 443}, {"HTTPS": 8443}]\'', 'certificate-arn': CERT },
  },
  {
    suffix: 'inbound-cidrs',
    compare: { kind: 'port', as: 'cidrs' },
    source: 'model_builder.go mergeListenPortConfigs (conflicting inbound-cidrs, as sets, per port)',
    same: ['10.0.0.0/8,192.168.0.0/16', "'192.168.0.0/16, 10.0.0.0/8'"],
    differ: ['10.0.0.0/8', '10.0.0.0/16'],
  },
  {
    suffix: 'security-group-prefix-lists',
    compare: { kind: 'port', as: 'set' },
    source: 'model_builder.go mergeListenPortConfigs (conflicting inbound-prefix-lists)',
    same: ['pl-1,pl-2', 'pl-2,pl-1'],
    differ: ['pl-1', 'pl-2'],
  },
  {
    suffix: 'ssl-policy',
    compare: { kind: 'port', as: 'text', https: true },
    source: 'model_builder.go mergeListenPortConfigs (conflicting sslPolicy, HTTPS ports)',
    same: ['ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-TLS13-1-2-2021-06'],
    differ: ['ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-2016-08'],
    both: { 'listen-ports': HTTPS, 'certificate-arn': CERT },
  },
  {
    suffix: 'mutual-authentication',
    compare: { kind: 'port', as: 'mtls', https: true },
    source:
      'model_builder.go mergeListenPortConfigs (conflicting mTLS Attributes; parseMtlsConfigEntries defaults ignoreClientCertificateExpiry)',
    same: [
      '\'[{"port": 443, "mode": "verify", "trustStore": "ts"}]\'',
      '\'[{"port": 443, "mode": "verify", "trustStore": "ts", "ignoreClientCertificateExpiry": false}]\'',
    ],
    differ: ['\'[{"port": 443, "mode": "verify", "trustStore": "ts"}]\'', '\'[{"port": 443, "mode": "passthrough"}]\''],
    both: { 'listen-ports': HTTPS, 'certificate-arn': CERT },
  },
  {
    suffix: 'wafv2-acl-arn',
    compare: { kind: 'one', as: 'text' },
    source: 'model_build_load_balancer_addons.go buildWAFv2WebACLAssociation',
    same: ['arn:aws:wafv2:us-west-2:123456789012:regional/webacl/a/1', 'arn:aws:wafv2:us-west-2:123456789012:regional/webacl/a/1'],
    differ: ['arn:aws:wafv2:us-west-2:123456789012:regional/webacl/a/1', 'arn:aws:wafv2:us-west-2:123456789012:regional/webacl/b/2'],
  },
  {
    suffix: 'wafv2-acl-name',
    compare: { kind: 'one', as: 'text', nonEmpty: true },
    source: 'model_build_load_balancer_addons.go buildWAFv2WebACLAssociation (names, empty skipped)',
    same: ['acl-a', "''"],
    differ: ['acl-a', 'acl-b'],
  },
  {
    suffix: 'waf-acl-id',
    compare: { kind: 'one', as: 'text', nonEmpty: true },
    source: 'model_build_load_balancer_addons.go buildWAFRegionalWebACLAssociation',
    same: ['acl-1', 'acl-1'],
    differ: ['acl-1', 'acl-2'],
  },
  {
    suffix: 'web-acl-id',
    compare: { kind: 'one', as: 'text', nonEmpty: true },
    source: 'model_build_load_balancer_addons.go buildWAFRegionalWebACLAssociation (web-acl-id when waf-acl-id is absent)',
    same: ['acl-1', 'acl-1'],
    differ: ['acl-1', 'acl-2'],
  },
  {
    suffix: 'shield-advanced-protection',
    compare: { kind: 'one', as: 'bool' },
    source: 'model_build_load_balancer_addons.go buildShieldProtection (ParseBool)',
    same: ["'true'", "'TRUE'"],
    differ: ["'true'", "'false'"],
  },
  {
    suffix: 'enable-frontend-nlb',
    compare: { kind: 'one', as: 'bool' },
    source: 'model_build_frontend_nlb.go buildEnableFrontendNlbViaAnnotation',
    same: ["'true'", "'t'"],
    differ: ["'true'", "'false'"],
  },
  {
    suffix: 'frontend-nlb-scheme',
    compare: { kind: 'one', as: 'text' },
    source: 'model_build_frontend_nlb.go buildFrontendNlbSchemeViaAnnotation',
    same: ['internal', 'internal'],
    differ: ['internal', 'internet-facing'],
    both: NLB,
  },
  {
    suffix: 'frontend-nlb-subnets',
    compare: { kind: 'one', as: 'set' },
    source: 'model_build_frontend_nlb.go validateAndResolveSubnets (IgnoreStringSliceOrder)',
    same: ['subnet-a,subnet-b', 'subnet-b,subnet-a'],
    differ: ['subnet-a,subnet-b', 'subnet-a'],
    both: NLB,
  },
  {
    suffix: 'frontend-nlb-security-groups',
    compare: { kind: 'one', as: 'list' },
    source: 'model_build_frontend_nlb.go buildNLBFrontendSGNameOrIDsFromAnnotation (order kept)',
    same: ['sg-1,sg-2', 'sg-1,sg-2'],
    differ: ['sg-1,sg-2', 'sg-2,sg-1'],
    both: NLB,
  },
  {
    suffix: 'frontend-nlb-eip-allocations',
    compare: { kind: 'one', as: 'set' },
    source: 'model_build_frontend_nlb.go validateEIPAllocations (IgnoreStringSliceOrder)',
    same: ['eipalloc-1,eipalloc-2', 'eipalloc-2,eipalloc-1'],
    differ: ['eipalloc-1,eipalloc-2', 'eipalloc-1,eipalloc-3'],
    both: { ...NLB, 'frontend-nlb-scheme': 'internet-facing' },
  },
  {
    suffix: 'frontend-nlb-tags',
    compare: { kind: 'one', as: 'map' },
    source: 'model_build_frontend_nlb.go buildFrontendNlbTags (cmp.Equal of maps)',
    same: ['a=1,b=2', "'b=2, a=1'"],
    differ: ['a=1', 'a=1,b=2'],
    both: NLB,
  },
  {
    suffix: 'frontend-nlb-attributes',
    compare: { kind: 'one', as: 'map' },
    source: 'model_build_frontend_nlb.go getFrontendNlbAttributes (cmp.Equal of maps)',
    same: ['load_balancing.cross_zone.enabled=true', 'load_balancing.cross_zone.enabled=true'],
    differ: ['load_balancing.cross_zone.enabled=true', 'load_balancing.cross_zone.enabled=false'],
    both: NLB,
  },
  {
    suffix: 'frontend-nlb-listener-port-mapping',
    compare: { kind: 'keys' },
    source: 'model_build_frontend_nlb.go mergeFrontendNlbListenPortConfigs (conflicting Target Port)',
    same: ['80=443', '80=443'],
    differ: ['80=443', '80=8443'],
    both: { ...NLB, 'listen-ports': '\'[{"HTTPS": 443}, {"HTTPS": 8443}]\'', 'certificate-arn': CERT },
  },
  ...[
    'port',
    'protocol',
    'path',
    'interval-seconds',
    'timeout-seconds',
    'healthy-threshold-count',
    'unhealthy-threshold-count',
    'success-codes',
  ].map((h): Row => {
    const values: Record<string, [string, string]> = {
      port: ['traffic-port', "'8080'"],
      protocol: ['HTTP', 'HTTPS'],
      path: ['/a', '/b'],
      'interval-seconds': ["'10'", "'20'"],
      'timeout-seconds': ["'5'", "'6'"],
      'healthy-threshold-count': ["'3'", "'4'"],
      'unhealthy-threshold-count': ["'3'", "'4'"],
      'success-codes': ["'200'", "'200-399'"],
    };
    const [a, b] = values[h];
    return {
      suffix: `frontend-nlb-healthcheck-${h}`,
      compare: { kind: 'nlbPort' },
      source: 'model_build_frontend_nlb.go mergeFrontendNlbListenPortConfigs (mergeHealthCheckField, per NLB listener)',
      same: [a, a],
      differ: [a, b],
      both: NLB,
    };
  }),
];

const member = (name: string, ann: Record<string, string>) => ingress({ 'group.name': 'team', ...ann }, { name });

const cases: CheckCase[] = rows.flatMap((r): CheckCase[] => [
  {
    code: 'alb-group-conflict',
    name: r.suffix,
    source: r.source,
    fire: member('a', { ...r.both, [r.suffix]: r.differ[0] }),
    at: r.differ[0],
    // The right form: this member takes the other's value (values written differently but equal: below).
    silent: member('a', { ...r.both, [r.suffix]: r.differ[1] }),
    files: { 'b.yaml': member('b', { ...r.both, [r.suffix]: r.differ[1] }) },
  },
]);

for (const r of rows) {
  test(`IngressGroup ${r.suffix}: ${JSON.stringify(r.same)} is one value to the controller — ${r.source}`, () => {
    const d = diagnoseWith(member('a', { ...r.both, [r.suffix]: r.same[0] }), {
      'b.yaml': member('b', { ...r.both, [r.suffix]: r.same[1] }),
    }).filter((x) => x.code === 'alb-group-conflict');
    assert.deepEqual(
      d.map((x) => x.message),
      [],
    );
  });
}

checkTable('IngressGroup comparison', cases);

test("the table covers every annotation the catalog compares across a group, with the catalog's comparison", () => {
  const compared = ALB_ANNOTATIONS.filter((e) => e.compare && e.compare.kind !== 'merge' && !e.prefix);
  const byName = new Map(rows.map((r) => [r.suffix, r]));
  for (const e of compared) {
    const r = byName.get(e.name);
    assert.ok(r, `no row for ${e.name}`);
    assert.deepEqual(e.compare, r.compare, `the catalog compares ${e.name} differently from the controller`);
  }
  assert.equal(rows.length, compared.length, 'a row for an annotation the catalog does not compare');
  assert.equal(ALB_ANNOTATIONS.find((e) => e.name === 'certificate-arn')!.compare!.kind, 'merge');
});

checkTable('IngressGroup comparison per port and per key', [
  {
    code: 'alb-group-conflict',
    name: 'inbound-cidrs on disjoint ports are not compared',
    source: 'model_builder.go mergeListenPortConfigs (per listen port)',
    fire: member('a', { 'inbound-cidrs': '10.0.0.0/8' }),
    at: '10.0.0.0/8',
    silent: member('a', { 'inbound-cidrs': '10.0.0.0/8', 'listen-ports': '\'[{"HTTP": 8080}]\'' }),
    files: { 'b.yaml': member('b', { 'inbound-cidrs': '10.0.0.0/16' }) },
  },
  {
    code: 'alb-group-conflict',
    name: 'listener attributes: one key, two values',
    source: 'model_build_listener.go buildIngressGroupListenerAttributes',
    fire: member('a', { 'listener-attributes.HTTP-80': 'routing.http.response.server.enabled=true' }),
    at: 'routing.http.response.server.enabled=true',
    silent: member('a', { 'listener-attributes.HTTP-80': 'routing.http.response.strict_transport_security.header_value=max-age=1' }),
    files: { 'b.yaml': member('b', { 'listener-attributes.HTTP-80': 'routing.http.response.server.enabled=false' }) },
  },
  {
    code: 'alb-group-conflict',
    name: 'load-balancer-attributes settled by the class',
    source: 'model_build_load_balancer_attributes.go (conflict resolved by ingress class)',
    fire: member('a', { 'load-balancer-attributes': 'idle_timeout.timeout_seconds=60' }),
    at: 'idle_timeout.timeout_seconds=60',
    silent: ingress({ 'load-balancer-attributes': 'idle_timeout.timeout_seconds=60' }, { name: 'a', cls: 'grouped' }),
    files: {
      'b.yaml': member('b', { 'load-balancer-attributes': 'idle_timeout.timeout_seconds=120' }).replace(
        'ingressClassName: alb',
        'ingressClassName: grouped',
      ),
      'c.yaml':
        ingressClass('grouped', LBC, 'grouped') +
        '---\n' +
        classParams('grouped', 'group:\n  name: team\nloadBalancerAttributes:\n  - key: idle_timeout.timeout_seconds\n    value: "90"'),
    },
  },
  {
    code: 'alb-group-conflict',
    name: 'membership through IngressClassParams spec.group',
    source: "group_loader.go loadGroupID (the class's group wins)",
    fire: ingress({ scheme: 'internal' }, { name: 'a', cls: 'grouped' }),
    at: 'internal',
    silent: ingress({ scheme: 'internal' }, { name: 'a' }),
    files: {
      'b.yaml': ingress({ scheme: 'internet-facing' }, { name: 'b', cls: 'grouped' }),
      'c.yaml': ingressClass('grouped', LBC, 'grouped') + '---\n' + classParams('grouped', 'group:\n  name: team'),
    },
  },
  {
    code: 'alb-group-conflict',
    name: "the class's scheme replaces the annotation",
    source: 'model_build_load_balancer.go buildLoadBalancerScheme (IngClassParams first)',
    fire: ingress({ 'group.name': 'team', scheme: 'internal' }, { name: 'a' }),
    at: 'internal',
    silent: ingress({ 'group.name': 'team', scheme: 'internal' }, { name: 'a', cls: 'public' }),
    files: {
      'b.yaml': ingress({ 'group.name': 'team', scheme: 'internet-facing' }, { name: 'b' }),
      'c.yaml': ingressClass('public', LBC, 'public') + '---\n' + classParams('public', 'scheme: internet-facing'),
    },
  },
]);

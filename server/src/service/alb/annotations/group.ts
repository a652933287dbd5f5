/**
 * IngressGroups the way the AWS Load Balancer Controller builds one load balancer from several Ingresses:
 * membership (IngressClassParams `spec.group.name` wins over `group.name`), the members' order (group.order,
 * then namespace/name: group_loader.go sortGroupMembers), and, per annotation, the value each member
 * contributes, compared the controller's way (catalog.ts GroupCompare). Tables are built once per group and
 * annotation until the Ingresses, IngressClasses or IngressClassParams change, so checking every member stays
 * linear in the size of the group.
 */
import type { Node } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { isUnknownText } from '@shared/manifest/templates';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { indexCache } from '../../workspace/indexCache';
import { deployedWithIn, DEPLOYMENT_READS } from '../../workspace/deployment';
import { mapKey, PARAMS_FIELD, type ClassParams } from '../classParams/model';
import { ALB_PREFIX, findAlbAnnotation, type AlbAnnotationEntry, type GroupCompare } from './catalog';
import { annotationPairs, ingressSettings, type IngressSettings } from './model';
import { parseGoBool, parseStringList, parseStringMap, type ListenPort } from './values';

/** The group tables read the Ingresses, their classes, and where each is deployed (deployedTogether). */
export const GROUP_READS = ['Ingress', 'IngressClass', 'IngressClassParams', ...DEPLOYMENT_READS];

/** Where a member's value comes from: its annotation, or its class's IngressClassParams. */
export interface Source {
  obj: K8sObject;
  /** The value as the user wrote it (for messages). */
  display: string;
  /** The node to point at: the annotation value, or the Ingress's class name when the value is the class's. */
  node?: Node;
  params?: ClassParams;
}

/** The ClassParams property that replaces an annotation (catalog `params`). */
const PARAM_OF: Record<string, keyof ClassParams> = {
  'group.name': 'group',
  'load-balancer-name': 'loadBalancerName',
  scheme: 'scheme',
  'ip-address-type': 'ipAddressType',
  subnets: 'subnets',
  'ssl-redirect': 'sslRedirectPort',
  'inbound-cidrs': 'inboundCIDRs',
  'security-group-prefix-lists': 'prefixLists',
  'certificate-arn': 'certificateArns',
  'ssl-policy': 'sslPolicy',
  'target-type': 'targetType',
  'wafv2-acl-arn': 'wafv2AclArn',
  'wafv2-acl-name': 'wafv2AclName',
  tags: 'tags',
  'load-balancer-attributes': 'loadBalancerAttributes',
  'ipam-ipv4-pool-id': 'ipamPool',
  'minimum-load-balancer-capacity': 'minimumCapacityUnits',
};

/** The IngressClassParams field that replaces this annotation for this class, when the class sets it. */
export function paramsOverride(settings: IngressSettings, suffix: string): { field: string; params: ClassParams } | undefined {
  const params = settings.params;
  const prop = PARAM_OF[suffix];
  if (!params || !prop) return undefined;
  const field = PARAMS_FIELD[params.flavour][prop];
  if (!field || params[prop] === undefined) return undefined;
  return { field, params };
}

/** The annotation's value node on this Ingress. */
function valueNode(obj: K8sObject, key: string): Node | undefined {
  return annotationPairs(obj).find((a) => a.key === key)?.valueNode;
}

function classNode(s: IngressSettings): Node | undefined {
  return s.cls.node ?? undefined;
}

// --------------------------------------------------------------------------------------------- the values

/** A member's value under the controller's comparison: `key` compares, `src` explains. */
export interface MemberValue {
  key: string;
  src: Source;
}

function normalise(as: 'text' | 'bool' | 'int' | 'list' | 'set' | 'map', text: string): string | undefined {
  switch (as) {
    case 'text':
      return text;
    case 'bool': {
      const b = parseGoBool(text);
      return b === undefined ? undefined : String(b);
    }
    case 'int':
      return /^[+-]?\d+$/.test(text) ? String(Number(text)) : undefined;
    case 'list':
      return parseStringList(text).join('\n');
    case 'set':
      return parseStringList(text).sort().join('\n');
    case 'map': {
      const m = parseStringMap(text);
      return m ? mapKey(m) : undefined;
    }
  }
}

/**
 * The value a member contributes for a `one` annotation, or undefined when it sets none (or an unknown one).
 * The class's IngressClassParams replace the annotation where the controller reads them first.
 */
function oneValue(
  s: IngressSettings,
  suffix: string,
  as: 'text' | 'bool' | 'int' | 'list' | 'set' | 'map',
  nonEmpty: boolean,
): MemberValue | undefined {
  const p = paramsOverride(s, suffix);
  if (p) {
    const v = p.params[PARAM_OF[suffix]];
    const display = Array.isArray(v) ? v.join(',') : String(v);
    // Subnets from the class and from an annotation never agree (model_build_load_balancer.go).
    const key = suffix === 'subnets' ? `params:${display}` : normalise(as, display);
    return key === undefined
      ? undefined
      : {
          key,
          src: { obj: s.obj, display: `${display} (${p.field} of ${p.params.obj.displayName})`, node: classNode(s), params: p.params },
        };
  }
  if (s.params && PARAM_OF[suffix] && s.params.unknown.has(PARAM_OF[suffix])) return undefined;
  let key = ALB_PREFIX + suffix;
  let text = s.obj.annotations[key];
  if (suffix === 'waf-acl-id' || suffix === 'web-acl-id') {
    // buildWAFRegionalWebACLAssociation: waf-acl-id when present, else web-acl-id.
    const waf = s.obj.annotations[ALB_PREFIX + 'waf-acl-id'];
    if (suffix === 'web-acl-id' && waf !== undefined) return undefined;
    key = ALB_PREFIX + (waf !== undefined ? 'waf-acl-id' : 'web-acl-id');
    text = s.obj.annotations[key];
  }
  if (text === undefined || isUnknownText(text) || (nonEmpty && text === '')) return undefined;
  const norm = normalise(as, text);
  if (norm === undefined) return undefined;
  return { key: suffix === 'subnets' ? `ann:${norm}` : norm, src: { obj: s.obj, display: text, node: valueNode(s.obj, key) } };
}

/** A member's key=value map for a `keys` annotation, each key with its source. */
function keyValues(
  s: IngressSettings,
  suffix: string,
  annotationKey = ALB_PREFIX + suffix,
): Map<string, { value: string; src: Source }> | undefined {
  const out = new Map<string, { value: string; src: Source }>();
  const text = s.obj.annotations[annotationKey];
  if (text !== undefined) {
    if (isUnknownText(text)) return undefined;
    const m = suffix === 'frontend-nlb-listener-port-mapping' ? portMapping(text) : parseStringMap(text);
    if (!m) return undefined;
    const node = valueNode(s.obj, annotationKey);
    for (const [k, v] of m) out.set(k, { value: v, src: { obj: s.obj, display: `${k}=${v}`, node } });
  }
  // Tags: the class's tags win over the annotation's, key by key (model_build_tags.go buildIngressResourceTags).
  if (suffix === 'tags' && s.params?.tags) {
    for (const [k, v] of s.params.tags)
      out.set(k, {
        value: v,
        src: { obj: s.obj, display: `${k}=${v} (spec.tags of ${s.params.obj.displayName})`, node: classNode(s), params: s.params },
      });
  }
  return out.size ? out : undefined;
}

/** frontend-nlb-listener-port-mapping keyed by NLB port, ports as integers. */
function portMapping(text: string): Map<string, string> | undefined {
  const m = parseStringMap(text);
  if (!m) return undefined;
  const out = new Map<string, string>();
  for (const [k, v] of m) {
    if (!/^[+-]?\d+$/.test(k) || !/^[+-]?\d+$/.test(v)) return undefined;
    out.set(String(Number(k)), String(Number(v)));
  }
  return out;
}

/** Ports this member listens on (all, or HTTPS only). */
function ports(s: IngressSettings, httpsOnly: boolean): number[] {
  return (s.listeners ?? []).filter((l) => !httpsOnly || l.protocol === 'HTTPS').map((l) => l.port);
}

/** The member's frontend NLB listener ports: the mapped ones it listens behind, else its ALB ports. */
function nlbPorts(s: IngressSettings): number[] {
  const text = s.obj.annotations[ALB_PREFIX + 'frontend-nlb-listener-port-mapping'];
  const m = text !== undefined && !isUnknownText(text) ? portMapping(text) : undefined;
  const alb = new Set(ports(s, false));
  if (m && m.size) return [...m].filter(([, a]) => alb.has(Number(a))).map(([n]) => Number(n));
  return [...alb];
}

/** A member's value on one port for a `port` annotation. */
function portValue(
  s: IngressSettings,
  suffix: string,
  as: 'text' | 'set' | 'cidrs' | 'mtls' | 'protocol',
  port: number,
): MemberValue | undefined {
  if (as === 'protocol') {
    const l = s.listeners?.find((x) => x.port === port);
    if (!l) return undefined;
    const text = s.obj.annotations[ALB_PREFIX + 'listen-ports'];
    return {
      key: l.protocol,
      src: {
        obj: s.obj,
        display: `${l.protocol}:${port}${text === undefined ? ' (the default listener)' : ''}`,
        node: text === undefined ? undefined : valueNode(s.obj, ALB_PREFIX + 'listen-ports'),
      },
    };
  }
  if (as === 'mtls') {
    const text = s.obj.annotations[ALB_PREFIX + suffix];
    if (text === undefined || isUnknownText(text)) return undefined;
    const entry = mtlsEntries(text)?.get(port);
    return entry ? { key: entry.key, src: { obj: s.obj, display: entry.display, node: valueNode(s.obj, ALB_PREFIX + suffix) } } : undefined;
  }
  // inbound-cidrs, security-group-prefix-lists and ssl-policy: the class's value, else the annotation.
  const p = paramsOverride(s, suffix);
  if (p) {
    const v = p.params[PARAM_OF[suffix]];
    const list = Array.isArray(v) ? v : [String(v)];
    return {
      key: as === 'text' ? list[0] : [...new Set(list)].sort().join('\n'),
      src: { obj: s.obj, display: `${list.join(',')} (${p.field} of ${p.params.obj.displayName})`, node: classNode(s), params: p.params },
    };
  }
  if (s.params && PARAM_OF[suffix] && s.params.unknown.has(PARAM_OF[suffix])) return undefined;
  const text = s.obj.annotations[ALB_PREFIX + suffix];
  if (text === undefined || isUnknownText(text)) return undefined;
  if (as === 'text') return { key: text, src: { obj: s.obj, display: text, node: valueNode(s.obj, ALB_PREFIX + suffix) } };
  // mergeListenPortConfigs compares non-empty CIDR and prefix-list sets only.
  const items = [...new Set(parseStringList(text))].sort();
  if (!items.length) return undefined;
  return { key: items.join('\n'), src: { obj: s.obj, display: text, node: valueNode(s.obj, ALB_PREFIX + suffix) } };
}

/**
 * mutual-authentication entries by port, each as the attributes the controller compares with reflect.DeepEqual
 * (model_build_listener.go parseMtlsConfigEntries: `verify` defaults ignoreClientCertificateExpiry to false).
 */
export function mtlsEntries(text: string): Map<number, { key: string; display: string }> | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(v)) return undefined;
  const out = new Map<number, { key: string; display: string }>();
  for (const e of v) {
    if (!e || typeof e !== 'object') return undefined;
    const r = e as Record<string, unknown>;
    const get = (k: string): unknown => {
      for (const [kk, vv] of Object.entries(r)) if (kk.toLowerCase() === k.toLowerCase()) return vv;
      return undefined;
    };
    const port = get('port'),
      mode = get('mode');
    if (typeof port !== 'number' || typeof mode !== 'string') continue;
    const ignore = get('ignoreClientCertificateExpiry') ?? (mode === 'verify' ? false : undefined);
    const attrs = { mode, trustStore: get('trustStore') ?? '', ignore, advertise: get('advertiseTrustStoreCaNames') };
    out.set(port, { key: JSON.stringify(attrs), display: JSON.stringify(e) });
  }
  return out;
}

// --------------------------------------------------------------------------------------------- the tables

interface GroupRecord {
  name: string;
  members: IngressSettings[];
  tables: Map<string, unknown>;
}

/**
 * Ingresses by group name, in the controller's order, and the records of the groups as seen from each member.
 * Only Ingresses deployed together (one kustomization build, one chart, one folder tree) form one
 * IngressGroup in a cluster: two lessons of a course that reuse a group name in different folders do not.
 * Members deployed in one unit share one record (and its tables).
 */
const groups = indexCache(GROUP_READS, (index) => {
  const byName = new Map<string, IngressSettings[]>();
  for (const o of index.byKind('Ingress')) {
    const s = ingressSettings(o, index);
    if (!s.group || isUnknownText(s.group.name)) continue;
    const l = byName.get(s.group.name);
    if (l) l.push(s);
    else byName.set(s.group.name, [s]);
  }
  for (const l of byName.values()) l.sort(memberOrder);
  return {
    byName,
    records: new Map<IngressSettings[], GroupRecord>(),
    of: new Map<K8sObject, GroupRecord>(),
  };
});

/** group.order (default 0), then namespace/name: the order the controller merges members in. */
function memberOrder(a: IngressSettings, b: IngressSettings): number {
  const order = (s: IngressSettings): number => {
    const t = s.obj.annotations[ALB_PREFIX + 'group.order'];
    return t !== undefined && /^[+-]?\d+$/.test(t) ? Number(t) : 0;
  };
  const d = order(a) - order(b);
  if (d) return d;
  const id = (s: IngressSettings): string => `${s.obj.namespace ?? ''}/${s.obj.name ?? ''}`;
  return id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
}

/** The members of the IngressGroup this Ingress belongs to (itself included), in the controller's order. */
export function groupOf(
  obj: K8sObject,
  index: WorkspaceIndex,
): { name: string; members: IngressSettings[]; record: GroupRecord } | undefined {
  const s = ingressSettings(obj, index);
  if (!s.group) return undefined;
  const c = groups(index);
  let g = c.of.get(obj);
  if (!g) {
    const all = c.byName.get(s.group.name);
    if (!all) return undefined;
    // One record per distinct member list: members deployed in one unit share it (and its tables).
    const members = deployedWithIn(index, all, obj.uri, (m) => m.obj.uri);
    g = c.records.get(members);
    if (!g) {
      g = { name: s.group.name, members, tables: new Map() };
      c.records.set(members, g);
    }
    c.of.set(obj, g);
  }
  return { name: g.name, members: g.members, record: g };
}

function table<T>(g: GroupRecord, id: string, build: () => T): T {
  let t = g.tables.get(id) as T | undefined;
  if (t === undefined) {
    t = build();
    g.tables.set(id, t);
  }
  return t;
}

/** Every member's listeners, or null when some member's are not known (cached per group). */
export function groupListeners(g: GroupRecord): ListenPort[] | null {
  return table(g, 'listeners', () => (g.members.some((m) => !m.listeners) ? null : g.members.flatMap((m) => m.listeners ?? [])));
}

/** The first source of each distinct value among the members. */
type ValueTable = Map<string, Source>;

function addValue(t: ValueTable, v: MemberValue | undefined): void {
  if (v && !t.has(v.key)) t.set(v.key, v.src);
}

/** A value of another member that differs from `mine`, if any. */
function otherValue(t: ValueTable | undefined, mine: string, self: K8sObject): Source | undefined {
  if (!t) return undefined;
  for (const [k, src] of t) if (k !== mine && src.obj !== self) return src;
  return undefined;
}

export interface Conflict {
  suffix: string;
  /** This member's value. */
  mine: Source;
  /** The other member's value it conflicts with. */
  other: Source;
  /** The port, for comparisons per listener. */
  port?: number;
  /** The key, for comparisons key by key. */
  key?: string;
}

/**
 * The conflicts of one member with the rest of its group for one annotation, as the controller would find
 * them. `entry.compare` decides the comparison.
 */
export function conflictsOf(g: GroupRecord, me: IngressSettings, suffix: string, entry: AlbAnnotationEntry): Conflict[] {
  const c = entry.compare as GroupCompare | undefined;
  if (!c || c.kind === 'merge') return [];
  // Read only on the paths that use them: the frontend NLB when enabled (buildFrontendNlbModel), the backend
  // rules flag when security groups are given (buildLoadBalancerSecurityGroups).
  if (suffix.startsWith('frontend-nlb-') && !someMember(g, 'enable-frontend-nlb', (t) => parseGoBool(t) === true)) return [];
  if (suffix === 'manage-backend-security-group-rules' && !someMember(g, 'security-groups', (t) => parseStringList(t).length > 0))
    return [];
  if (c.kind === 'one') {
    if (suffix === 'wafv2-acl-arn' && wafv2NameInGroup(g)) return []; // names win; ARNs are not read at all
    const mine = oneValue(me, suffix, c.as, !!c.nonEmpty);
    if (!mine) return [];
    const t = table(g, `one:${suffix}`, () => {
      const m: ValueTable = new Map();
      for (const s of g.members) addValue(m, oneValue(s, suffix, c.as, !!c.nonEmpty));
      return m;
    });
    const other = otherValue(t, mine.key, me.obj);
    return other ? [{ suffix, mine: mine.src, other }] : [];
  }
  if (c.kind === 'port' || c.kind === 'nlbPort') {
    const out: Conflict[] = [];
    const myPorts = c.kind === 'nlbPort' ? nlbPorts(me) : ports(me, !!c.https);
    const value = (s: IngressSettings, port: number): MemberValue | undefined => {
      if (c.kind === 'port') return portValue(s, suffix, c.as, port);
      const text = s.obj.annotations[ALB_PREFIX + suffix];
      if (text === undefined || isUnknownText(text)) return undefined;
      return {
        key: /^[+-]?\d+$/.test(text) ? String(Number(text)) : text,
        src: { obj: s.obj, display: text, node: valueNode(s.obj, ALB_PREFIX + suffix) },
      };
    };
    const t = table(g, `port:${suffix}`, () => {
      const m = new Map<number, ValueTable>();
      for (const s of g.members) {
        for (const port of c.kind === 'nlbPort' ? nlbPorts(s) : ports(s, c.kind === 'port' && !!c.https)) {
          let pt = m.get(port);
          if (!pt) {
            pt = new Map();
            m.set(port, pt);
          }
          addValue(pt, value(s, port));
        }
      }
      return m;
    });
    for (const port of myPorts) {
      const mine = value(me, port);
      if (!mine) continue;
      const other = otherValue(t.get(port), mine.key, me.obj);
      if (other) out.push({ suffix, mine: mine.src, other, port });
    }
    return out;
  }
  // keys: merged key by key.
  if (c.perPort) return [];
  if (suffix === 'minimum-load-balancer-capacity' && g.members[0]?.params?.minimumCapacityUnits !== undefined) return []; // the first member's class decides
  const resolved = suffix === 'load-balancer-attributes' ? g.members[0]?.params?.loadBalancerAttributes : undefined;
  const mine = keyValues(me, suffix);
  if (!mine) return [];
  const t = table(g, `keys:${suffix}`, () => {
    const m = new Map<string, ValueTable>();
    for (const s of g.members) {
      for (const [k, v] of keyValues(s, suffix) ?? []) {
        let kt = m.get(k);
        if (!kt) {
          kt = new Map();
          m.set(k, kt);
        }
        if (!kt.has(v.value)) kt.set(v.value, v.src);
      }
    }
    return m;
  });
  const out: Conflict[] = [];
  for (const [k, v] of mine) {
    if (resolved?.has(k)) continue; // the class settles the conflict (buildIngressGroupLoadBalancerAttributes)
    const other = otherValue(t.get(k), v.value, me.obj);
    if (other) out.push({ suffix, mine: v.src, other, key: k });
  }
  return out;
}

/** Conflicts of `listener-attributes.<PROTOCOL>-<port>` between the members that listen on that port. */
export function listenerAttributeConflicts(
  g: GroupRecord,
  me: IngressSettings,
  annotationKey: string,
  proto: string,
  port: number,
): Conflict[] {
  const listens = (s: IngressSettings) => (s.listeners ?? []).some((l) => l.port === port && l.protocol === proto);
  if (!listens(me)) return [];
  const id = `${proto}-${port}`;
  const resolved = g.members[0]?.params?.listenerAttributes?.get(id);
  const mine = keyValues(me, 'listener-attributes', annotationKey);
  if (!mine) return [];
  const t = table(g, `listener:${id}`, () => {
    const m = new Map<string, ValueTable>();
    for (const s of g.members) {
      if (!listens(s)) continue;
      for (const [k, v] of keyValues(s, 'listener-attributes', annotationKey) ?? []) {
        let kt = m.get(k);
        if (!kt) {
          kt = new Map();
          m.set(k, kt);
        }
        if (!kt.has(v.value)) kt.set(v.value, v.src);
      }
    }
    return m;
  });
  const out: Conflict[] = [];
  for (const [k, v] of mine) {
    if (resolved?.has(k)) continue;
    const other = otherValue(t.get(k), v.value, me.obj);
    if (other) out.push({ suffix: annotationKey.slice(ALB_PREFIX.length), mine: v.src, other, key: k, port });
  }
  return out;
}

/** Whether some member's annotation satisfies `test` (cached per group). */
function someMember(g: GroupRecord, suffix: string, test: (text: string) => boolean): boolean {
  return table(g, `some:${suffix}`, () =>
    g.members.some((m) => {
      const t = m.obj.annotations[ALB_PREFIX + suffix];
      return t !== undefined && !isUnknownText(t) && test(t);
    }),
  );
}

/** Whether any member names a WAFv2 web ACL (annotation or class): the ARNs are then not read. */
export function wafv2NameInGroup(g: GroupRecord): Source | undefined {
  return (
    table(g, 'wafv2-name', () => {
      for (const s of g.members) {
        const v = oneValue(s, 'wafv2-acl-name', 'text', true);
        if (v) return v.src;
      }
      return null;
    }) ?? undefined
  );
}

/** The entry of a group-compared annotation key (variable names included). */
export function groupEntry(key: string): AlbAnnotationEntry | undefined {
  if (!key.startsWith(ALB_PREFIX)) return undefined;
  const e = findAlbAnnotation(key.slice(ALB_PREFIX.length));
  return e?.compare ? e : undefined;
}

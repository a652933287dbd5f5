/**
 * Ingress → Gateway API for the AWS Load Balancer Controller: the Gateway, HTTPRoutes and configuration
 * objects (LoadBalancerConfiguration, TargetGroupConfiguration, ListenerRuleConfiguration) that do what an
 * ALB Ingress does, as the text of a new document. Weights (forward actions), conditions (header, query,
 * method, source IP), redirects and fixed responses are carried over; whatever has no equivalent is listed in
 * a comment at the top. The text is generated with the `yaml` library, so it is valid YAML; values that are
 * templates or placeholders are copied as they are.
 *
 * Mapping from the controller's Ingress annotations (kubernetes-sigs/aws-load-balancer-controller
 * docs/guide/ingress/annotations.md) to its Gateway configuration kinds (docs/guide/gateway/
 * {customization,loadbalancerconfig,targetgroupconfig,listenerruleconfig,l7gateway}.md, v3.5.0).
 */
import { Commands } from '@shared/protocol';
import { stringify } from 'yaml';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import type { FileContext } from '../module';
import type { Range } from '@shared/manifest/yamlFile';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { isUnknownText } from '@shared/manifest/templates';
import { ingressBackends, ingressClassOf, servicesNamed } from '../alb/annotations/model';
import { servicePorts } from '../model/service';
import { items, readStr } from './model';
import { allGatewayClasses, LBC_ALB_CONTROLLER } from './workspace';
import { gatewayClassInfo } from './model';

const ALB = 'alb.ingress.kubernetes.io/';
export const PREVIEW_MIGRATION_COMMAND = Commands.previewMigration;

type Doc = Record<string, unknown>;

interface Listener {
  protocol: 'HTTP' | 'HTTPS';
  port: number;
  name: string;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Keys of a JSON object, case-insensitively (the controller decodes keys that way). */
function get(o: unknown, key: string): unknown {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return undefined;
  let found: unknown;
  for (const [k, v] of Object.entries(o)) if (k.toLowerCase() === key.toLowerCase()) found = v;
  return found;
}

function listPairs(text: string): [string, string][] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as [string, string];
    })
    .filter(([k]) => k !== '');
}

const HANDLED = new Set([
  'scheme',
  'ip-address-type',
  'load-balancer-name',
  'subnets',
  'security-groups',
  'inbound-cidrs',
  'tags',
  'load-balancer-attributes',
  'listen-ports',
  'certificate-arn',
  'ssl-policy',
  'ssl-redirect',
  'wafv2-acl-arn',
  'shield-advanced-protection',
  'manage-backend-security-group-rules',
  'target-type',
  'healthcheck-path',
  'healthcheck-port',
  'healthcheck-protocol',
  'healthcheck-interval-seconds',
  'healthcheck-timeout-seconds',
  'healthy-threshold-count',
  'unhealthy-threshold-count',
  'success-codes',
  'backend-protocol',
  'backend-protocol-version',
  'target-group-attributes',
]);

export interface Preview {
  title: string;
  content: string;
}

/** Whether the workspace's class for this Ingress (or its annotations) says the Load Balancer Controller serves it. */
export function isAlbIngress(obj: K8sObject, index: WorkspaceIndex): boolean {
  if (obj.kind !== 'Ingress') return false;
  const cls = ingressClassOf(obj, index);
  if (cls.kind === 'alb' || cls.kind === 'auto-mode') return true;
  return cls.kind === 'unknown' && Object.keys(obj.annotations).some((k) => k.startsWith(ALB));
}

type Annotation = (k: string) => string | undefined;

/** The Gateway API documents replacing an ALB Ingress, as one YAML text. */
export function ingressToGateway(obj: K8sObject, index: WorkspaceIndex): Preview | undefined {
  if (!isAlbIngress(obj, index)) return undefined;
  const name = obj.name ?? 'ingress';
  const ns = obj.namespace;
  const meta = (n: string): Doc => (ns ? { name: n, namespace: ns } : { name: n });
  const notes: string[] = [];
  const a: Annotation = (k) => obj.annotations[ALB + k];
  for (const k of Object.keys(obj.annotations)) {
    if (!k.startsWith(ALB)) continue;
    const s = k.slice(ALB.length);
    if (HANDLED.has(s) || s.startsWith('actions.') || s.startsWith('conditions.')) continue;
    notes.push(`${k}: no Gateway equivalent carried over (see the Load Balancer Controller's Gateway customization guide)`);
  }
  const docs: Doc[] = [];

  // GatewayClass: reuse one of the workspace that the controller's ALB Gateway serves.
  const cls = allGatewayClasses(index).find((c) => gatewayClassInfo(c).controllerName.value === LBC_ALB_CONTROLLER);
  const className = cls?.name ?? 'aws-alb';
  if (!cls)
    docs.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: className },
      spec: { controllerName: LBC_ALB_CONTROLLER },
    });

  const listeners = gatewayListeners(a);
  const lb = loadBalancerConfiguration(a, listeners, notes);
  const lbName = `${name}-lb`;
  const hasLb = Object.keys(lb).length > 0;
  docs.push({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: meta(name),
    spec: {
      gatewayClassName: className,
      ...(hasLb
        ? { infrastructure: { parametersRef: { group: 'gateway.k8s.aws', kind: 'LoadBalancerConfiguration', name: lbName } } }
        : {}),
      listeners: listeners.map((l) => ({
        name: l.name,
        protocol: l.protocol,
        port: l.port,
        allowedRoutes: { namespaces: { from: 'Same' } },
      })),
    },
  });
  if (hasLb) docs.push({ apiVersion: 'gateway.k8s.aws/v1', kind: 'LoadBalancerConfiguration', metadata: meta(lbName), spec: lb });

  const services = new Set<string>();
  docs.push(...httpRoutes(obj, index, a, listeners, notes, services, meta, name));
  docs.push(...targetGroupConfigurations(a, services, meta));

  const header = [
    `Gateway API objects for Ingress ${ns ? `${ns}/` : ''}${name}, for the AWS Load Balancer Controller's ALB Gateway (v3.x).`,
    'Generated by EKS Manifests as a preview: review, then apply next to the Ingress and move traffic (DNS) before deleting it.',
    "The Gateway API CRDs (standard channel) and the controller's gateway.k8s.aws CRDs must be installed.",
    ...(notes.length
      ? ['', 'Not carried over:', ...[...new Set(notes)].map((n) => `- ${n}`)]
      : ['', 'Everything the Ingress sets was carried over.']),
  ];
  const content =
    header.map((l) => `# ${l}`.trimEnd()).join('\n') +
    '\n' +
    docs
      .map((d) => stringify(d, { lineWidth: 0, version: '1.1' }))
      .map((t, k) => (k === 0 ? `---\n${t}` : t))
      .join('---\n');
  return { title: `${name}-gateway.yaml`, content };
}

/** The Gateway's listeners from `listen-ports` (HTTPS:443 with a certificate, else HTTP:80). */
function gatewayListeners(a: Annotation): Listener[] {
  const listeners: Listener[] = [];
  const lp = parseJson(a('listen-ports'));
  if (Array.isArray(lp)) {
    for (const e of lp)
      for (const [proto, port] of Object.entries(e ?? {})) {
        const p = String(proto).toUpperCase();
        if ((p === 'HTTP' || p === 'HTTPS') && typeof port === 'number')
          listeners.push({ protocol: p, port, name: `${p.toLowerCase()}-${port}` });
      }
  }
  if (listeners.length) return listeners;
  return a('certificate-arn') ? [{ protocol: 'HTTPS', port: 443, name: 'https-443' }] : [{ protocol: 'HTTP', port: 80, name: 'http-80' }];
}

/** The LoadBalancerConfiguration spec the Ingress's load-balancer annotations amount to (empty: none needed). */
function loadBalancerConfiguration(a: Annotation, listeners: Listener[], notes: string[]): Doc {
  const lb: Doc = {};
  if (a('scheme')) lb.scheme = a('scheme');
  if (a('ip-address-type')) lb.ipAddressType = a('ip-address-type');
  if (a('load-balancer-name')) lb.loadBalancerName = a('load-balancer-name');
  if (a('subnets'))
    lb.loadBalancerSubnets = a('subnets')!
      .split(',')
      .map((s) => ({ identifier: s.trim() }))
      .filter((s) => s.identifier);
  if (a('security-groups'))
    lb.securityGroups = a('security-groups')!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (a('manage-backend-security-group-rules')) lb.manageBackendSecurityGroupRules = a('manage-backend-security-group-rules') === 'true';
  if (a('inbound-cidrs'))
    lb.sourceRanges = a('inbound-cidrs')!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (a('tags')) lb.tags = Object.fromEntries(listPairs(a('tags')!));
  if (a('load-balancer-attributes'))
    lb.loadBalancerAttributes = listPairs(a('load-balancer-attributes')!).map(([key, value]) => ({ key, value }));
  if (a('wafv2-acl-arn')) lb.wafV2 = { webACL: a('wafv2-acl-arn') };
  if (a('shield-advanced-protection') === 'true') lb.shieldConfiguration = { enabled: true };
  const certs = (a('certificate-arn') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const httpsListeners = listeners.filter((l) => l.protocol === 'HTTPS');
  if (httpsListeners.length) {
    lb.listenerConfigurations = httpsListeners.map((l) => {
      const c: Doc = { protocolPort: `HTTPS:${l.port}` };
      if (certs.length) c.defaultCertificate = certs[0];
      if (certs.length > 1) c.certificates = certs.slice(1);
      if (a('ssl-policy')) c.sslPolicy = a('ssl-policy');
      return c;
    });
    if (!certs.length) notes.push("No certificate-arn: the HTTPS listeners rely on certificate discovery from the routes' hostnames");
  }
  return lb;
}

/**
 * One HTTPRoute per host (Ingress hosts are per rule, HTTPRoute hostnames per route), the SSL-redirect route,
 * and the ListenerRuleConfigurations the rules need. Adds the backend Services it routes to to `services`.
 */
function httpRoutes(
  obj: K8sObject,
  index: WorkspaceIndex,
  a: Annotation,
  listeners: Listener[],
  notes: string[],
  services: Set<string>,
  meta: (n: string) => Doc,
  name: string,
): Doc[] {
  const docs: Doc[] = [];
  const byHost = new Map<string, Doc[]>();
  const lrcs: Doc[] = [];
  const add = (host: string, r: Doc | undefined) => {
    if (!r) return;
    const list = byHost.get(host) ?? [];
    list.push(r);
    byHost.set(host, list);
  };
  items(obj.node(['spec', 'rules']), obj).forEach((rule, ri) => {
    const host = readStr(rule, 'host', obj).value ?? '';
    items(obj.node(['spec', 'rules', ri, 'http', 'paths']), obj).forEach((p, pi) => {
      const backend = ingressBackends(obj).find(
        (b) => b.path.join('.') === ['spec', 'rules', ri, 'http', 'paths', pi, 'backend'].join('.'),
      );
      add(
        host,
        routeRule(
          obj,
          index,
          readStr(p, 'path', obj).value,
          readStr(p, 'pathType', obj).value ?? 'ImplementationSpecific',
          backend,
          notes,
          lrcs,
          services,
          meta,
          name,
        ),
      );
    });
  });
  const def = ingressBackends(obj).find((b) => b.path.length === 2);
  if (def) add('', routeRule(obj, index, undefined, 'Prefix', def, notes, lrcs, services, meta, name));
  const parentRefs = (names: string[]) => names.map((n) => ({ name, sectionName: n }));
  const redirectPort = a('ssl-redirect');
  const serving = redirectPort ? listeners.filter((l) => l.protocol === 'HTTPS') : listeners;
  for (const [host, rules] of byHost) {
    const routeName =
      byHost.size === 1
        ? name
        : `${name}-${host ? host.replace(/^\*\./, 'wildcard-').replace(/[^a-z0-9-]/g, '-') : 'default'}`.slice(0, 63);
    if (rules.length > 16) notes.push(`${routeName}: ${rules.length} rules; an HTTPRoute takes at most 16, split it`);
    docs.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: meta(routeName),
      spec: { parentRefs: parentRefs(serving.map((l) => l.name)), ...(host ? { hostnames: [host] } : {}), rules },
    });
  }
  const http = redirectPort ? listeners.filter((l) => l.protocol === 'HTTP') : [];
  if (http.length) {
    docs.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: meta(`${name}-ssl-redirect`),
      spec: {
        parentRefs: parentRefs(http.map((l) => l.name)),
        rules: [
          {
            filters: [
              { type: 'RequestRedirect', requestRedirect: { scheme: 'https', port: Number(redirectPort) || 443, statusCode: 301 } },
            ],
          },
        ],
      },
    });
  }
  return [...docs, ...lrcs];
}

/** The Ingress's target-group settings, which apply to every backend Service, as TargetGroupConfigurations. */
function targetGroupConfigurations(a: Annotation, services: Set<string>, meta: (n: string) => Doc): Doc[] {
  const tg: Doc = {};
  if (a('target-type')) tg.targetType = a('target-type');
  const hc: Doc = {};
  const num = (k: string) => (a(k) !== undefined && /^\d+$/.test(a(k)!) ? Number(a(k)) : a(k));
  if (a('healthcheck-path')) hc.healthCheckPath = a('healthcheck-path');
  if (a('healthcheck-port')) hc.healthCheckPort = a('healthcheck-port');
  if (a('healthcheck-protocol')) hc.healthCheckProtocol = a('healthcheck-protocol');
  if (a('healthcheck-interval-seconds')) hc.healthCheckInterval = num('healthcheck-interval-seconds');
  if (a('healthcheck-timeout-seconds')) hc.healthCheckTimeout = num('healthcheck-timeout-seconds');
  if (a('healthy-threshold-count')) hc.healthyThresholdCount = num('healthy-threshold-count');
  if (a('unhealthy-threshold-count')) hc.unhealthyThresholdCount = num('unhealthy-threshold-count');
  if (a('success-codes')) hc.matcher = { httpCode: a('success-codes') };
  if (Object.keys(hc).length) tg.healthCheckConfig = hc;
  if (a('backend-protocol')) tg.protocol = a('backend-protocol');
  if (a('backend-protocol-version')) tg.protocolVersion = a('backend-protocol-version');
  if (a('target-group-attributes'))
    tg.targetGroupAttributes = listPairs(a('target-group-attributes')!).map(([key, value]) => ({ key, value }));
  if (!Object.keys(tg).length) return [];
  return [...services].map((svc) => ({
    apiVersion: 'gateway.k8s.aws/v1',
    kind: 'TargetGroupConfiguration',
    metadata: meta(`${svc}-tg`),
    spec: { targetReference: { name: svc }, defaultConfiguration: tg },
  }));
}

function pathMatch(path: string | undefined, pathType: string, notes: string[]): Doc | undefined {
  if (path === undefined) return { type: 'PathPrefix', value: '/' };
  if (pathType === 'Exact') return { type: 'Exact', value: path };
  if (pathType === 'Prefix') return { type: 'PathPrefix', value: path };
  // ImplementationSpecific: the controller reads ALB path patterns (`*` and `?` wildcards).
  if (path === '/*' || path === '*') return { type: 'PathPrefix', value: '/' };
  if (/^[^*?]*\/\*$/.test(path)) return { type: 'PathPrefix', value: path.slice(0, -2) || '/' };
  if (!/[*?]/.test(path)) return { type: 'PathPrefix', value: path };
  notes.push(`path "${path}": ALB wildcard patterns have no Gateway API path type (rewritten as a RegularExpression match; check it)`);
  return {
    type: 'RegularExpression',
    value:
      '^' +
      path
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  };
}

function servicePortNumber(
  index: WorkspaceIndex,
  svc: string,
  ns: string | undefined,
  port: string | number | undefined,
): number | string | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  const s = servicesNamed(index, svc, ns)[0];
  const p = s ? servicePorts(s)?.find((x) => x.name === port)?.port : undefined;
  return p ?? port;
}

function routeRule(
  obj: K8sObject,
  index: WorkspaceIndex,
  path: string | undefined,
  pathType: string,
  backend: ReturnType<typeof ingressBackends>[number] | undefined,
  notes: string[],
  lrcs: Doc[],
  services: Set<string>,
  meta: (n: string) => Doc,
  ingName: string,
): Doc | undefined {
  if (!backend?.name) return undefined;
  const match: Doc = {};
  const pm = pathMatch(path, pathType, notes);
  if (pm) match.path = pm;
  const rule: Doc = {};
  const ns = obj.namespace;
  const portOf = (svc: string, port: unknown): number | string | undefined => {
    const n = servicePortNumber(index, svc, ns, typeof port === 'number' || typeof port === 'string' ? port : undefined);
    if (typeof n === 'string' && !isUnknownText(n))
      notes.push(`Service ${svc} port "${n}": backendRefs take port numbers; the Service is not in the workspace to look the name up`);
    return n;
  };
  if (backend.portName === 'use-annotation') {
    const act = parseJson(obj.annotations[`${ALB}actions.${backend.name}`]);
    const type = get(act, 'type');
    if (type === 'forward') {
      const tgs = get(get(act, 'forwardConfig'), 'targetGroups');
      const refs: Doc[] = [];
      for (const t of Array.isArray(tgs) ? tgs : []) {
        const svc = get(t, 'serviceName');
        if (typeof svc === 'string') {
          services.add(svc);
          const ref: Doc = { name: svc, port: portOf(svc, get(t, 'servicePort')) };
          if (typeof get(t, 'weight') === 'number') ref.weight = get(t, 'weight');
          refs.push(ref);
        } else if (typeof get(t, 'targetGroupName') === 'string') {
          refs.push({
            group: '',
            kind: 'TargetGroupName',
            name: get(t, 'targetGroupName'),
            ...(typeof get(t, 'weight') === 'number' ? { weight: get(t, 'weight') } : {}),
          });
        } else
          notes.push(
            `actions.${backend.name}: a target group given by ARN has no backendRef form (use its name with kind TargetGroupName)`,
          );
      }
      const single = get(act, 'targetGroupName');
      if (typeof single === 'string') refs.push({ group: '', kind: 'TargetGroupName', name: single });
      if (get(act, 'targetGroupARN') !== undefined)
        notes.push(`actions.${backend.name}: targetGroupARN has no backendRef form (use its name with kind TargetGroupName)`);
      if (get(get(act, 'forwardConfig'), 'targetGroupStickinessConfig') !== undefined)
        notes.push(`actions.${backend.name}: target group stickiness (set it in a ListenerRuleConfiguration forward action)`);
      if (!refs.length) {
        notes.push(`actions.${backend.name}: a forward action with no target this preview can express: rule left out`);
        return undefined;
      }
      rule.backendRefs = refs;
    } else if (type === 'redirect') {
      const rc = get(act, 'redirectConfig');
      const rr: Doc = {};
      const proto = get(rc, 'protocol');
      if (typeof proto === 'string' && proto !== '#{protocol}') rr.scheme = proto.toLowerCase();
      const host = get(rc, 'host');
      if (typeof host === 'string' && host !== '#{host}') rr.hostname = host;
      const port = get(rc, 'port');
      if (typeof port === 'string' && /^\d+$/.test(port)) rr.port = Number(port);
      const p = get(rc, 'path');
      if (typeof p === 'string' && p !== '/#{path}') {
        if (p.includes('#{')) notes.push(`actions.${backend.name}: redirect path "${p}" uses ALB placeholders; not carried over`);
        else rr.path = { type: 'ReplaceFullPath', replaceFullPath: p };
      }
      if (get(rc, 'query') !== undefined && get(rc, 'query') !== '#{query}')
        notes.push(`actions.${backend.name}: redirect query (set it in a ListenerRuleConfiguration redirect action)`);
      const sc = get(rc, 'statusCode');
      rr.statusCode = sc === 'HTTP_302' ? 302 : 301;
      rule.filters = [{ type: 'RequestRedirect', requestRedirect: rr }];
    } else if (type === 'fixed-response') {
      const fc = get(act, 'fixedResponseConfig');
      const lrcName = `${ingName}-${backend.name}`.slice(0, 63);
      const cfg: Doc = { statusCode: Number(get(fc, 'statusCode')) || 503 };
      if (typeof get(fc, 'contentType') === 'string') cfg.contentType = get(fc, 'contentType');
      if (typeof get(fc, 'messageBody') === 'string') cfg.messageBody = get(fc, 'messageBody');
      lrcs.push({
        apiVersion: 'gateway.k8s.aws/v1',
        kind: 'ListenerRuleConfiguration',
        metadata: meta(lrcName),
        spec: { actions: [{ type: 'fixed-response', fixedResponseConfig: cfg }] },
      });
      rule.filters = [
        { type: 'ExtensionRef', extensionRef: { group: 'gateway.k8s.aws', kind: 'ListenerRuleConfiguration', name: lrcName } },
      ];
    } else {
      notes.push(`backend ${backend.name} uses use-annotation but actions.${backend.name} is missing or not valid JSON: rule left out`);
      return undefined;
    }
    conditions(obj, backend.name, match, rule, notes, lrcs, meta, ingName);
  } else {
    services.add(backend.name);
    rule.backendRefs = [{ name: backend.name, port: portOf(backend.name, backend.portNumber ?? backend.portName) }];
  }
  return { matches: [match], ...rule };
}

function conditions(
  obj: K8sObject,
  name: string,
  match: Doc,
  rule: Doc,
  notes: string[],
  lrcs: Doc[],
  meta: (n: string) => Doc,
  ingName: string,
): void {
  const conds = parseJson(obj.annotations[`${ALB}conditions.${name}`]);
  if (!Array.isArray(conds)) return;
  const headers: Doc[] = [];
  const query: Doc[] = [];
  const sourceIps: string[] = [];
  for (const c of conds) {
    const field = get(c, 'field');
    if (field === 'http-header') {
      const cfg = get(c, 'httpHeaderConfig');
      const hn = get(cfg, 'httpHeaderName');
      const vals = get(cfg, 'values');
      if (typeof hn === 'string' && Array.isArray(vals) && vals.length === 1 && typeof vals[0] === 'string' && !/[*?]/.test(vals[0]))
        headers.push({ type: 'Exact', name: hn, value: vals[0] });
      else
        notes.push(
          `conditions.${name}: header ${String(hn)} with several or wildcard values (Gateway API header matches are one exact value; add a match per value)`,
        );
    } else if (field === 'query-string') {
      const vals = get(get(c, 'queryStringConfig'), 'values');
      for (const v of Array.isArray(vals) ? vals : []) {
        const k = get(v, 'key'),
          val = get(v, 'value');
        if (typeof k === 'string' && typeof val === 'string' && !/[*?]/.test(val)) query.push({ type: 'Exact', name: k, value: val });
        else notes.push(`conditions.${name}: a query-string condition without a key or with wildcards`);
      }
    } else if (field === 'http-request-method') {
      const vals = get(get(c, 'httpRequestMethodConfig'), 'values');
      if (Array.isArray(vals) && vals.length === 1) match.method = vals[0];
      else notes.push(`conditions.${name}: several HTTP methods (a match takes one; add a match per method)`);
    } else if (field === 'source-ip') {
      const vals = get(get(c, 'sourceIpConfig'), 'values');
      for (const v of Array.isArray(vals) ? vals : []) if (typeof v === 'string') sourceIps.push(v);
    } else notes.push(`conditions.${name}: the ${String(field)} condition (no HTTPRoute match for it)`);
  }
  if (headers.length) match.headers = headers;
  if (query.length) match.queryParams = query;
  if (sourceIps.length) {
    const lrcName = `${ingName}-${name}-source`.slice(0, 63);
    lrcs.push({
      apiVersion: 'gateway.k8s.aws/v1',
      kind: 'ListenerRuleConfiguration',
      metadata: meta(lrcName),
      spec: { conditions: [{ field: 'source-ip', sourceIPConfig: { values: sourceIps } }] },
    });
    const filters = (rule.filters as Doc[] | undefined) ?? [];
    filters.push({ type: 'ExtensionRef', extensionRef: { group: 'gateway.k8s.aws', kind: 'ListenerRuleConfiguration', name: lrcName } });
    rule.filters = filters;
  }
}

/** The code action on an ALB Ingress: opens the preview (the client asks for the text with the command's arguments). */
export function ingressMigrationActions(ctx: FileContext, range: Range): CodeAction[] {
  const chunk = ctx.file.yaml.chunkAt(range.start);
  if (!chunk) return [];
  const at = chunk.toOffset(range.start);
  for (const obj of ctx.file.objectsOf(chunk)) {
    const r = obj.doc.range;
    if (!r || at < r[0] || at > r[2] || !isAlbIngress(obj, ctx.index)) continue;
    return [
      {
        title: 'Convert this Ingress to Gateway API (opens a preview)',
        kind: CodeActionKind.RefactorRewrite,
        command: {
          title: 'Convert this Ingress to Gateway API',
          command: PREVIEW_MIGRATION_COMMAND,
          arguments: [ctx.file.uri, range.start, 'gateway'],
        },
      },
    ];
  }
  return [];
}

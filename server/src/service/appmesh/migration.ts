/**
 * "Preview VPC Lattice Migration": the Gateway API and VPC Lattice objects that replace a Mesh, VirtualService
 * or VirtualRouter (and the VirtualNodes they route to), as the text of a new document. A Mesh becomes a
 * service network (a Gateway of class amazon-vpc-lattice and a ServiceNetwork), each VirtualService an
 * HTTPRoute (GRPCRoute for gRPC routes), VirtualRouter routes become rules with the weighted targets as
 * backendRef weights (copied unchanged: App Mesh's 0–100 fits Lattice's 0–999), each VirtualNode the Service
 * that selects its Pods, with a TargetGroupPolicy for its health check and protocol. What Lattice cannot
 * express (regex paths, query and non-exact header matches, retries, timeouts, outlier detection, TLS) is
 * listed at the top, with the order that avoids an outage.
 *
 * Mapping: AWS Containers blog "Migrating from AWS App Mesh to Amazon VPC Lattice"; field facts from
 * aws/aws-app-mesh-controller-for-k8s apis/appmesh/v1beta2 and aws/aws-application-networking-k8s
 * docs/api-types (HTTPRoute, GRPCRoute, TargetGroupPolicy, ServiceNetwork); the route limits the Lattice
 * controller enforces (gateway/lattice.ts).
 */
import { stringify } from 'yaml';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import type { FileContext } from '../module';
import type { Range } from '@shared/manifest/yamlFile';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { matches, readSelector } from '../model/labelSelector';
import { stringMap } from '@shared/manifest/yamlNodes';
import { servicePorts } from '../model/service';
import { readStr } from '../gateway/model';
import { gatewayClassInfo } from '../gateway/model';
import { LATTICE_CONTROLLER, allGatewayClasses } from '../gateway/workspace';
import { PREVIEW_MIGRATION_COMMAND, type Preview } from '../gateway/migration';
import {
  APPMESH_GROUP,
  END_OF_SUPPORT,
  meshRefName,
  podSelectorOf,
  virtualNodeListeners,
  virtualRouterRoutes,
  virtualServiceProvider,
  type MeshRoute,
} from './model';

type Doc = Record<string, unknown>;
const MAX_HEADERS = 5;

function meshObjs(index: WorkspaceIndex, kind: string): K8sObject[] {
  return index.byKind(kind).filter((o) => o.group === APPMESH_GROUP && o.name);
}

function namespaceLabels(index: WorkspaceIndex, name: string | undefined): Record<string, string> | undefined {
  if (!name) return undefined;
  const ns = index.byKind('Namespace').find((n) => n.name === name);
  return ns ? { ...ns.labels, 'kubernetes.io/metadata.name': name } : undefined;
}

/** The Mesh an object belongs to: its meshRef, else the Mesh whose namespaceSelector takes its namespace, else the only Mesh. */
function meshOf(index: WorkspaceIndex, obj: K8sObject): K8sObject | undefined {
  const meshes = meshObjs(index, 'Mesh');
  const ref = meshRefName(obj).value;
  if (ref) return meshes.find((m) => m.name === ref);
  const labels = namespaceLabels(index, obj.namespace);
  if (labels) {
    const hit = meshes.filter((m) => {
      const n = m.node(['spec', 'namespaceSelector']);
      return n !== undefined && matches(readSelector(n, m.doc), labels);
    });
    if (hit.length === 1) return hit[0];
  }
  return meshes.length === 1 ? meshes[0] : undefined;
}

function meshName(mesh: K8sObject | undefined): string | undefined {
  return mesh ? (readStr(mesh.node(['spec']), 'awsName', mesh).value ?? mesh.name) : undefined;
}

/** The Service that selects a VirtualNode's Pods (its selector is contained in the node's podSelector), or a name from its DNS discovery. */
function serviceFor(
  index: WorkspaceIndex,
  vn: K8sObject | undefined,
  name: string,
  ns: string | undefined,
  notes: string[],
): { name: string; port?: number } {
  if (!vn) {
    notes.push(`VirtualNode ${name} is not in the workspace: its Service is assumed to be named ${name}`);
    return { name };
  }
  const sel = podSelectorOf(vn);
  const services = index.byKind('Service').filter((s) => (s.namespace === undefined || ns === undefined || s.namespace === ns) && s.name);
  const picked = sel
    ? services.find((s) => {
        const svcSel = stringMap(s.node(['spec', 'selector']), s.doc);
        const keys = Object.keys(svcSel);
        return keys.length > 0 && keys.every((k) => sel.matchLabels[k] === svcSel[k]);
      })
    : undefined;
  const listenerPort = virtualNodeListeners(vn)[0]?.port;
  if (picked) return { name: picked.name!, port: listenerPort ?? servicePorts(picked)?.find((p) => p.port !== undefined)?.port };
  const host = readStr(vn.node(['spec', 'serviceDiscovery', 'dns']), 'hostname', vn).value;
  const fromDns = host?.split('.')[0];
  const svcName = fromDns || vn.name!;
  notes.push(
    `VirtualNode ${vn.name}: no Service of the workspace selects its Pods; the backend is assumed to be Service ${svcName}${fromDns ? ' (from its DNS service discovery)' : ''}`,
  );
  return { name: svcName, port: listenerPort };
}

function ruleFor(
  route: MeshRoute,
  ctx: { index: WorkspaceIndex; ns?: string; notes: string[]; tgps: Map<string, Doc>; where: string; nodes: K8sObject[] },
): Doc | undefined {
  const { where } = ctx;
  const m = route.match;
  const match: Doc = {};
  // A match Lattice cannot express leaves the whole rule out: kept without that condition it would catch more traffic.
  const lost: string[] = [];
  const notes = {
    push: (n: string) => {
      lost.push(n);
    },
  };
  if (route.type === 'tcpRoute') {
    ctx.notes.push(
      `${where}: a tcpRoute has no Lattice equivalent except TLS passthrough (a TLSRoute with hostnames and end-to-end TLS); left out`,
    );
    return undefined;
  }
  if (route.type === 'grpcRoute') {
    if (m.grpc?.service) match.method = { type: 'Exact', service: m.grpc.service, ...(m.grpc.method ? { method: m.grpc.method } : {}) };
    else if (m.grpc?.method) notes.push(`${where}: a gRPC method match without a service name (Lattice cannot express it)`);
    if (m.grpc?.metadata) notes.push(`${where}: gRPC metadata matches (add them as exact header matches if they are exact values)`);
  } else {
    if (m.exact !== undefined) match.path = { type: 'Exact', value: m.exact };
    else if (m.prefix !== undefined) match.path = { type: 'PathPrefix', value: m.prefix };
    if (m.regex !== undefined) notes.push(`${where}: path regex "${m.regex}" (Lattice matches exact paths and prefixes only)`);
    if (m.method) match.method = m.method.toUpperCase();
    if (m.queryParameters)
      notes.push(`${where}: ${m.queryParameters} query-parameter match(es) (Lattice fails a route with query matches)`);
  }
  const headers: Doc[] = [];
  for (const h of m.headers) {
    if (h.exact !== undefined && !h.invert && h.name) headers.push({ type: 'Exact', name: h.name, value: h.exact });
    else
      notes.push(
        `${where}: header match ${h.name ?? '?'} (${h.invert ? 'inverted' : (h.other ?? 'no value')}; Lattice matches headers exactly only)`,
      );
  }
  if (headers.length > MAX_HEADERS) notes.push(`${where}: ${headers.length} header matches (Lattice allows ${MAX_HEADERS} per rule)`);
  if (headers.length) match.headers = headers;
  if (lost.length) {
    for (const l of lost) ctx.notes.push(`${l}: rule left out`);
    return undefined;
  }
  if (route.retry) ctx.notes.push(`${where}: retryPolicy (the Lattice controller ignores HTTPRoute retry)`);
  if (route.timeout) ctx.notes.push(`${where}: timeout (the Lattice controller ignores HTTPRoute timeouts)`);
  const notesOut = ctx.notes;
  const backendRefs: Doc[] = [];
  for (const t of route.targets) {
    if (!t.node) {
      notesOut.push(`${where}: a weighted target given by ARN (${t.arn ?? '?'}) has no Kubernetes Service to point to`);
      continue;
    }
    const ns = t.nodeNamespace ?? ctx.ns;
    const vn = ctx.nodes.find((n) => n.name === t.node && (n.namespace === undefined || ns === undefined || n.namespace === ns));
    const svc = serviceFor(ctx.index, vn, t.node, ns, notesOut);
    if (vn) targetGroupPolicy(vn, svc.name, ns, ctx.tgps, notesOut);
    backendRefs.push({
      name: svc.name,
      ...(ns && ns !== ctx.ns ? { namespace: ns } : {}),
      ...((t.port ?? svc.port) ? { port: t.port ?? svc.port } : {}),
      weight: t.weight ?? 1,
    });
    if (ns && ns !== ctx.ns)
      notesOut.push(`${where}: backend ${svc.name} is in namespace ${ns}: Gateway API asks for a ReferenceGrant there`);
  }
  if (!backendRefs.length) return undefined;
  return { ...(Object.keys(match).length ? { matches: [match] } : {}), backendRefs };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(n)));
}

function targetGroupPolicy(vn: K8sObject, svc: string, ns: string | undefined, tgps: Map<string, Doc>, notes: string[]): void {
  if (tgps.has(svc)) return;
  const l = virtualNodeListeners(vn)[0];
  if (!l) return;
  if (l.outlier) notes.push(`VirtualNode ${vn.name}: outlierDetection (no Lattice equivalent)`);
  if (l.pool) notes.push(`VirtualNode ${vn.name}: connectionPool (no Lattice equivalent)`);
  if (l.tls)
    notes.push(
      `VirtualNode ${vn.name}: listener TLS/mTLS (Lattice terminates TLS at HTTPS listeners with ACM certificates; use an IAMAuthPolicy with SigV4 instead of mTLS)`,
    );
  const spec: Doc = { targetRef: { group: '', kind: 'Service', name: svc } };
  const proto = l.protocol;
  if (proto === 'tcp') spec.protocol = 'TCP';
  else {
    spec.protocol = 'HTTP';
    if (proto === 'http2' || proto === 'grpc') spec.protocolVersion = 'HTTP2';
  }
  const h = l.health;
  if (h) {
    const hc: Doc = { enabled: true };
    const n = (k: string) => (h[k] !== undefined && /^\d+$/.test(h[k]!) ? Number(h[k]) : undefined);
    if (n('intervalMillis') !== undefined) hc.intervalSeconds = clamp(n('intervalMillis')! / 1000, 5, 300);
    if (n('timeoutMillis') !== undefined) hc.timeoutSeconds = clamp(n('timeoutMillis')! / 1000, 1, 120);
    if (n('healthyThreshold') !== undefined) hc.healthyThresholdCount = clamp(n('healthyThreshold')!, 2, 10);
    if (n('unhealthyThreshold') !== undefined) hc.unhealthyThresholdCount = clamp(n('unhealthyThreshold')!, 2, 10);
    if (h.path) hc.path = h.path;
    if (n('port') !== undefined) hc.port = n('port');
    if (h.protocol === 'http' || h.protocol === 'http2' || h.protocol === 'grpc') {
      hc.protocol = 'HTTP';
      if (h.protocol !== 'http') hc.protocolVersion = 'HTTP2';
    } else if (h.protocol === 'tcp')
      notes.push(
        `VirtualNode ${vn.name}: a TCP health check (Lattice health checks are HTTP/HTTPS; TCP target groups have none unless enabled)`,
      );
    spec.healthCheck = hc;
  } else if (proto === 'http2' || proto === 'grpc' || proto === 'tcp') {
    notes.push(
      `VirtualNode ${vn.name}: no health check; Lattice leaves health checks off for HTTP/2, gRPC and TCP target groups unless a TargetGroupPolicy enables them`,
    );
  }
  tgps.set(svc, {
    apiVersion: 'application-networking.k8s.aws/v1alpha1',
    kind: 'TargetGroupPolicy',
    metadata: { name: `${svc}-policy`.slice(0, 63), ...(ns ? { namespace: ns } : {}) },
    spec,
  });
}

function routesOfService(index: WorkspaceIndex, vs: K8sObject, notes: string[]): { kind: string; rules: Doc[] } | undefined {
  const provider = virtualServiceProvider(vs);
  const ns = vs.namespace;
  const nodes = meshObjs(index, 'VirtualNode');
  const tgps = routeState.tgps;
  if (!provider) {
    notes.push(`VirtualService ${vs.name}: no provider`);
    return undefined;
  }
  if (provider.arn && !provider.name) {
    notes.push(`VirtualService ${vs.name}: its provider is given by ARN`);
    return undefined;
  }
  const pns = provider.namespace ?? ns;
  if (provider.kind === 'VirtualNode') {
    const vn = nodes.find((n) => n.name === provider.name && (n.namespace === undefined || pns === undefined || n.namespace === pns));
    const svc = serviceFor(index, vn, provider.name!, pns, notes);
    if (vn) targetGroupPolicy(vn, svc.name, pns, tgps, notes);
    const grpc = vn && virtualNodeListeners(vn).some((l) => l.protocol === 'grpc');
    return {
      kind: grpc ? 'GRPCRoute' : 'HTTPRoute',
      rules: [{ backendRefs: [{ name: svc.name, ...(svc.port ? { port: svc.port } : {}) }] }],
    };
  }
  const vr = meshObjs(index, 'VirtualRouter').find(
    (r) => r.name === provider.name && (r.namespace === undefined || pns === undefined || r.namespace === pns),
  );
  if (!vr) {
    notes.push(`VirtualService ${vs.name}: VirtualRouter ${provider.name} is not in the workspace`);
    return undefined;
  }
  return routerRules(index, vr, notes);
}

const routeState = { tgps: new Map<string, Doc>() };

function routerRules(index: WorkspaceIndex, vr: K8sObject, notes: string[]): { kind: string; rules: Doc[] } {
  const routes = virtualRouterRoutes(vr)
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.priority ?? 1001) - (b.r.priority ?? 1001) || a.i - b.i)
    .map((x) => x.r);
  const grpc = routes.length > 0 && routes.every((r) => r.type === 'grpcRoute');
  if (!grpc && routes.some((r) => r.type === 'grpcRoute'))
    notes.push(`VirtualRouter ${vr.name}: gRPC and HTTP routes mixed; only the HTTP routes were kept (make a GRPCRoute for the others)`);
  const rules: Doc[] = [];
  for (const r of routes) {
    if (!grpc && r.type === 'grpcRoute') continue;
    const rule = ruleFor(r, {
      index,
      ns: vr.namespace,
      notes,
      tgps: routeState.tgps,
      where: `VirtualRouter ${vr.name} route ${r.name ?? '?'}`,
      nodes: meshObjs(index, 'VirtualNode'),
    });
    if (rule) rules.push(rule);
  }
  if (rules.length > 10)
    notes.push(`VirtualRouter ${vr.name}: ${rules.length} rules; a Lattice listener has 10 rules by default (a quota you can raise)`);
  return { kind: grpc ? 'GRPCRoute' : 'HTTPRoute', rules };
}

/** The objects replacing a Mesh, VirtualService or VirtualRouter, as one YAML text. */
export function latticeMigration(obj: K8sObject, index: WorkspaceIndex): Preview | undefined {
  if (obj.group !== APPMESH_GROUP || !obj.name || !['Mesh', 'VirtualService', 'VirtualRouter'].includes(obj.kind ?? '')) return undefined;
  routeState.tgps = new Map();
  const notes: string[] = [];
  const mesh = obj.kind === 'Mesh' ? obj : meshOf(index, obj);
  const network = meshName(mesh) ?? 'mesh';
  if (!mesh) notes.push('The Mesh of these objects is not in the workspace: the service network is named "mesh"; rename it');
  let services: K8sObject[];
  if (obj.kind === 'VirtualService') services = [obj];
  else if (obj.kind === 'VirtualRouter')
    services = meshObjs(index, 'VirtualService').filter((v) => {
      const p = virtualServiceProvider(v);
      return p?.kind === 'VirtualRouter' && p.name === obj.name && (p.namespace ?? v.namespace) === obj.namespace;
    });
  else services = meshObjs(index, 'VirtualService').filter((v) => meshOf(index, v) === obj);
  const docs: Doc[] = [];
  const routes: Doc[] = [];
  const namespaces = new Set<string>();
  const gwNs = (services[0] ?? obj).namespace;
  const parent = (ns: string | undefined) => ({ name: network, ...(gwNs && ns !== gwNs ? { namespace: gwNs } : {}), sectionName: 'http' });
  for (const vs of services) {
    const r = routesOfService(index, vs, notes);
    if (!r || !r.rules.length) continue;
    if (vs.namespace) namespaces.add(vs.namespace);
    const awsName = readStr(vs.node(['spec']), 'awsName', vs).value ?? vs.name!;
    // A cluster-internal name (…svc.cluster.local) cannot be a Lattice custom domain: clients then call the Lattice-assigned name.
    const host = awsName.includes('.') && /^[a-z0-9.-]+$/.test(awsName) && !/\.local$/.test(awsName) ? awsName : undefined;
    if (!host)
      notes.push(
        `${r.kind} ${vs.name!.split('.')[0]}: clients called ${awsName}; on Lattice they call the service's assigned DNS name (see the route's application-networking.k8s.aws/lattice-assigned-domain-name) or a custom domain you set in hostnames`,
      );
    routes.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: r.kind,
      metadata: { name: vs.name!.split('.')[0].slice(0, 63), ...(vs.namespace ? { namespace: vs.namespace } : {}) },
      spec: { parentRefs: [parent(vs.namespace)], ...(host ? { hostnames: [host] } : {}), rules: r.rules },
    });
    if (host)
      notes.push(
        `${r.kind} ${vs.name!.split('.')[0]}: hostname ${host} becomes the Lattice custom domain; point its DNS record at the Lattice service (Route 53 or ExternalDNS) and add an HTTPS listener with an ACM certificate for TLS`,
      );
  }
  if (obj.kind === 'VirtualRouter' && !services.length) {
    const r = routerRules(index, obj, notes);
    if (r.rules.length) {
      routes.push({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: r.kind,
        metadata: { name: obj.name, ...(obj.namespace ? { namespace: obj.namespace } : {}) },
        spec: { parentRefs: [parent(obj.namespace)], rules: r.rules },
      });
      if (obj.namespace) namespaces.add(obj.namespace);
    }
    notes.push(`No VirtualService of the workspace uses VirtualRouter ${obj.name}: the route is named after the router`);
  }
  const cls = allGatewayClasses(index).find((c) => gatewayClassInfo(c).controllerName.value === LATTICE_CONTROLLER);
  const className = cls?.name ?? 'amazon-vpc-lattice';
  if (!cls)
    docs.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: className },
      spec: { controllerName: LATTICE_CONTROLLER },
    });
  docs.push({ apiVersion: 'application-networking.k8s.aws/v1alpha1', kind: 'ServiceNetwork', metadata: { name: network } });
  const multiNs = [...namespaces].some((n) => n !== gwNs);
  docs.push({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: network, ...(gwNs ? { namespace: gwNs } : {}) },
    spec: {
      gatewayClassName: className,
      listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: multiNs ? 'All' : 'Same' } } }],
    },
  });
  docs.push(...routes, ...routeState.tgps.values());
  if (mesh) {
    if (readStr(mesh.node(['spec', 'egressFilter']), 'type', mesh).value === 'DROP_ALL')
      notes.push(
        'Mesh egressFilter DROP_ALL: Lattice has no egress filter; restrict access with IAMAuthPolicy objects and security groups (VpcAssociationPolicy)',
      );
  }
  for (const vn of meshObjs(index, 'VirtualNode')) {
    if (mesh && meshOf(index, vn) !== mesh) continue;
    if (vn.node(['spec', 'logging']) !== undefined) {
      notes.push('Envoy access logs (VirtualNode logging): use an AccessLogPolicy on the Gateway or routes');
      break;
    }
  }
  const scope = obj.kind === 'Mesh' ? `Mesh ${obj.name}` : `${obj.kind} ${obj.namespace ? `${obj.namespace}/` : ''}${obj.name}`;
  const header = [
    `VPC Lattice objects replacing App Mesh ${scope} (App Mesh end of support: ${END_OF_SUPPORT}).`,
    'Generated by EKS Manifests as a preview, for the AWS Gateway API Controller (VPC Lattice) v2.x with Gateway API v1.5 CRDs.',
    'Order that avoids an outage: apply these and check traffic through Lattice; set the namespace label',
    'appmesh.k8s.aws/sidecarInjectorWebhook to disabled and restart the workloads; then delete the App Mesh objects',
    'and remove the label before uninstalling the App Mesh controller (its pod webhook fails closed).',
    ...(notes.length
      ? ['', 'Not carried over:', ...[...new Set(notes)].map((n) => `- ${n}`)]
      : ['', 'Everything these objects set was carried over.']),
  ];
  const content =
    header.map((l) => `# ${l}`.trimEnd()).join('\n') +
    '\n' +
    docs.map((d, k) => (k === 0 ? '---\n' : '') + stringify(d, { lineWidth: 0, version: '1.1' })).join('---\n');
  return { title: `${obj.name}-lattice.yaml`, content };
}

/** The code action on a Mesh, VirtualService or VirtualRouter: opens the preview. */
export function latticeMigrationActions(ctx: FileContext, range: Range): CodeAction[] {
  const chunk = ctx.file.yaml.chunkAt(range.start);
  if (!chunk) return [];
  const at = chunk.toOffset(range.start);
  for (const obj of ctx.file.objectsOf(chunk)) {
    const r = obj.doc.range;
    if (!r || at < r[0] || at > r[2]) continue;
    if (obj.group !== APPMESH_GROUP || !['Mesh', 'VirtualService', 'VirtualRouter'].includes(obj.kind ?? '')) continue;
    return [
      {
        title: `Preview VPC Lattice migration of this ${obj.kind}`,
        kind: CodeActionKind.RefactorRewrite,
        command: {
          title: 'Preview VPC Lattice Migration',
          command: PREVIEW_MIGRATION_COMMAND,
          arguments: [ctx.file.uri, range.start, 'lattice'],
        },
      },
    ];
  }
  return [];
}

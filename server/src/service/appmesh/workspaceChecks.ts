/**
 * Cross-document App Mesh checks for the move to VPC Lattice: the injector's admission rules against the
 * workloads, Namespaces and VirtualNodes of the workspace (aws/aws-app-mesh-controller-for-k8s
 * pkg/inject/inject.go: `enabled` with no matching VirtualNode/VirtualGateway rejects the Pod, two matches
 * reject it too; pkg/virtualnode/membership_designator.go), and the webhook that fails closed
 * (config/helm/appmesh-controller/templates/webhook.yaml: failurePolicy Fail on labelled namespaces).
 */
import type { Check, CheckContext } from '../checks/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { keyString, nodeAt, pairs, scalarString } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import { resolveNear } from '../gateway/workspace';
import { matches } from '../model/labelSelector';
import { POD_TEMPLATE_PATHS, workloadOf } from '../workspace/workloads';
import { APPMESH_GROUP, APPMESH_KINDS, INJECT_KEY, injectMode, podSelectorOf } from './model';

function namespaceObject(ctx: CheckContext, name: string): K8sObject | undefined {
  return ctx.index.named('Namespace', name).find((n) => n.apiVersion === undefined || n.apiVersion === 'v1');
}

function meshObjects(ctx: CheckContext, kind: string, ns?: string): K8sObject[] {
  return ctx.index.byKind(kind).filter((o) => o.group === APPMESH_GROUP && (ns === undefined || o.namespace === ns));
}

export const injectionMatchCheck: Check = {
  id: 'appmesh.injectionMatch',
  scope: 'workspace',
  reads: ['Namespace', ...APPMESH_KINDS],
  appliesTo: (o) => o.kind !== undefined && o.kind in POD_TEMPLATE_PATHS && o.namespace !== undefined && !isUnknownText(o.namespace),
  run(ctx) {
    const obj = ctx.obj;
    const ns = obj.namespace!;
    const nsObj = namespaceObject(ctx, ns);
    if (!nsObj || nsObj.hasTemplates || obj.hasTemplates) return;
    const w = workloadOf(obj);
    if (!w) return;
    let podAnn: string | undefined;
    for (const p of pairs(nodeAt(obj.root, [...POD_TEMPLATE_PATHS[obj.kind!], 'metadata', 'annotations'], obj.doc)))
      if (keyString(p) === INJECT_KEY) podAnn = scalarString(p.value);
    const mode = injectMode(nsObj.labels[INJECT_KEY], podAnn);
    if (mode === 'off' || mode === 'disabled') return;
    // VirtualNodes without a namespace count only next to the workload (same file or folder).
    const near = (kind: string) =>
      resolveNear(
        ctx.index.byKind(kind).filter((o) => o.group === APPMESH_GROUP && (o.namespace === ns || o.namespace === undefined)),
        obj,
        ns,
      );
    const candidates = [...near('VirtualNode'), ...near('VirtualGateway')];
    if (candidates.some((c) => c.hasTemplates)) return;
    // One VirtualNode written in several files (base, overlay) counts once.
    const hits = [
      ...new Map(
        candidates
          .filter((c) => {
            const s = podSelectorOf(c);
            return s !== undefined && matches(s, w.podLabels);
          })
          .map((c) => [`${c.kind}/${c.name}`, c]),
      ).values(),
    ];
    const at = obj.node(['metadata', 'name']);
    if (hits.length > 1) {
      ctx.report(
        'appmesh-injection-multiple-virtualnodes',
        at,
        `The Pods of ${obj.kind} ${obj.name} match ${hits.map((h) => `${h.kind} ${h.name}`).join(' and ')}: the App Mesh injector rejects every new Pod ("found multiple matching VirtualNodes"). Narrow the podSelectors`,
      );
      return;
    }
    if (hits.length === 0 && mode === 'enabled') {
      const anyMesh = APPMESH_KINDS.some((k) => meshObjects(ctx, k).length > 0);
      ctx.report(
        'appmesh-injection-no-virtualnode',
        at,
        `Namespace ${ns} is labelled ${INJECT_KEY}: enabled, and no VirtualNode or VirtualGateway of the workspace selects the Pods of ${obj.kind} ${obj.name}: the injector rejects every new Pod ("sidecarInject enabled but no matching VirtualNode or VirtualGateway found"). When leaving App Mesh, set the label to disabled and roll the workloads before deleting VirtualNodes`,
        { severity: anyMesh ? 'warning' : 'info' },
      );
    }
  },
};

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'];

export const failClosedCheck: Check = {
  id: 'appmesh.failClosed',
  scope: 'workspace',
  reads: ['VirtualNode', 'VirtualGateway', ...ROUTE_KINDS],
  appliesTo: (o) =>
    o.kind === 'Namespace' &&
    (o.apiVersion === undefined || o.apiVersion === 'v1') &&
    o.name !== undefined &&
    !isUnknownText(o.name) &&
    (o.labels[INJECT_KEY] === 'enabled' || o.labels[INJECT_KEY] === 'disabled'),
  run(ctx) {
    const ns = ctx.obj.name!;
    if (ctx.obj.hasTemplates) return;
    if (meshObjects(ctx, 'VirtualNode', ns).length || meshObjects(ctx, 'VirtualGateway', ns).length) return;
    const migrated = ROUTE_KINDS.some((k) =>
      ctx.index.byKind(k).some((r) => r.namespace === ns && r.group === 'gateway.networking.k8s.io'),
    );
    const labelKey = pairs(ctx.obj.node(['metadata', 'labels'])).find((p) => keyString(p) === INJECT_KEY)?.key;
    ctx.report(
      'appmesh-webhook-fail-closed',
      (labelKey ?? undefined) as never,
      `Namespace ${ns} is still labelled ${INJECT_KEY} but the workspace has no VirtualNode or VirtualGateway in it: the App Mesh pod webhook fails closed, so once the App Mesh controller is uninstalled every Pod creation here fails. Remove the label (after rolling the workloads)`,
      { severity: migrated ? 'warning' : 'info' },
    );
  },
};

export const APPMESH_WORKSPACE_CHECKS: Check[] = [injectionMatchCheck, failClosedCheck];

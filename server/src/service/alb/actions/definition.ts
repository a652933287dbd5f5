/** Go to definition from a `serviceName` inside an action's JSON to the Service it names. */
import { findNodeAtOffset } from 'jsonc-parser';
import type { Location } from 'vscode-languageserver-types';
import type { CursorContext } from '../../features/cursor';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { cursorJson } from './jsonCursor';

/** The Services named by the `serviceName` string under the cursor (same namespace rules as the controller). */
export function servicesAtCursor(ctx: CursorContext): { name: string; services: K8sObject[] } | undefined {
  const c = cursorJson(ctx);
  if (!c || c.a.kind !== 'actions' || !c.ej.root) return undefined;
  const n = findNodeAtOffset(c.ej.root, c.off, true) ?? findNodeAtOffset(c.ej.root, Math.max(0, c.off - 1), true);
  if (!n || n.type !== 'string' || n.parent?.type !== 'property' || n.parent.children?.[1] !== n) return undefined;
  const key = n.parent.children?.[0]?.value;
  if (typeof key !== 'string' || key.toLowerCase() !== 'servicename') return undefined;
  const name = n.value as string;
  return { name, services: ctx.index.find({ kind: 'Service', name, namespace: ctx.obj?.namespace }) };
}

export function serviceDefinition(ctx: CursorContext): Location[] | undefined {
  const found = servicesAtCursor(ctx);
  if (!found || !found.services.length) return undefined;
  return found.services.map((svc) => {
    const r = nodeRange(svc.node(['metadata', 'name'])) ?? svc.documentOffsets();
    return { uri: svc.uri, range: svc.chunk.toRange(r[0], r[1]) };
  });
}

/**
 * The Service facts other objects point at: its ports (number, name, targetPort, nodePort) and its type.
 * Read once per document (memoised on the object).
 */
import { isScalar, isSeq, type Scalar } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { MemoKey } from '@shared/manifest/memo';
import { child, scalarString } from '@shared/manifest/yamlNodes';

export interface ServicePort {
  /** The Service port; undefined when it is not a plain integer (or is a template). */
  port?: number;
  name?: string;
  /** As written: a number or a container port name. */
  targetPort?: string;
  nodePort?: number;
  protocol?: string;
}

const PORTS = new MemoKey<ServicePort[] | undefined>('service.ports');

/** The ports of a Service; undefined when `spec.ports` is not a list. */
export function servicePorts(svc: K8sObject): ServicePort[] | undefined {
  return svc.memo.getOrCreate(PORTS, () => {
    const ports = svc.node(['spec', 'ports']);
    if (!isSeq(ports)) return undefined;
    const doc = svc.doc;
    return ports.items.map((item): ServicePort => ({
      port: integer(child(item, 'port', doc)),
      name: scalarString(child(item, 'name', doc)),
      targetPort: scalarString(child(item, 'targetPort', doc)),
      nodePort: integer(child(item, 'nodePort', doc)),
      protocol: scalarString(child(item, 'protocol', doc)),
    }));
  });
}

function integer(node: unknown): number | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** `spec.type`, defaulting to ClusterIP as the API server does. */
export function serviceType(svc: K8sObject): string {
  return scalarString(svc.node(['spec', 'type'])) ?? 'ClusterIP';
}

/**
 * Reading a workload for Datadog: the Pod template's Autodiscovery annotation keys split the way the Agent
 * splits them (comp/core/autodiscovery/common/utils: `ad.datadoghq.com/<id>.<suffix>`, `<id>.check.id`), the
 * container identifiers they may use (container names and custom `check.id` values), and the labels and
 * annotations of the workload's own metadata. Total over any YAML; memoised per chunk.
 */
import { MemoKey } from '@shared/manifest/memo';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { annotationsAt, type Annotation } from '../model/annotations';
import { isUnknownText } from '@shared/manifest/templates';
import { podTemplatePath, workloadOf, type ContainerInfo } from '../workspace/workloads';
import { AD_PREFIX, LEGACY_AD_PREFIX } from './catalog';

export interface AdKey {
  a: Annotation;
  legacy: boolean;
  /** The container identifier; undefined for Pod-level keys (`ad.datadoghq.com/tags`). */
  id?: string;
  /** Offset of the identifier inside the key text. */
  idAt: number;
  suffix: string;
}

/** Split an Autodiscovery annotation key, or undefined when it is not one. */
export function parseAdKey(a: Annotation): AdKey | undefined {
  const legacy = a.key.startsWith(LEGACY_AD_PREFIX);
  const prefix = legacy ? LEGACY_AD_PREFIX : a.key.startsWith(AD_PREFIX) ? AD_PREFIX : undefined;
  if (!prefix) return undefined;
  const rest = a.key.slice(prefix.length);
  if (rest.endsWith('.check.id') && rest.length > '.check.id'.length)
    return { a, legacy, id: rest.slice(0, -'.check.id'.length), idAt: prefix.length, suffix: 'check.id' };
  const dot = rest.lastIndexOf('.');
  if (dot < 0) return legacy ? undefined : { a, legacy, idAt: prefix.length, suffix: rest };
  return { a, legacy, id: rest.slice(0, dot), idAt: prefix.length, suffix: rest.slice(dot + 1) };
}

export interface DatadogView {
  obj: K8sObject;
  /** Whether this is a bare Pod (its own metadata is the Pod's). */
  isPod: boolean;
  podAnnotations: Annotation[];
  podLabels: Annotation[];
  ownAnnotations: Annotation[];
  ownLabels: Annotation[];
  adKeys: AdKey[];
  containers: ContainerInfo[];
  /** False when containers may be added by a template (then identifiers are not judged). */
  containersKnown: boolean;
  /** Custom identifiers from `<container>.check.id`, mapped to their container. */
  customIds: Map<string, string>;
  /** Every identifier AD annotations may use: container names and custom ids. */
  identifiers: Set<string>;
}

export function datadogView(obj: K8sObject): DatadogView | undefined {
  const tpl = podTemplatePath(obj);
  if (!tpl) return undefined;
  if (obj.memo.has(DATADOG_VIEW)) return obj.memo.get(DATADOG_VIEW);
  let v: DatadogView | undefined;
  try {
    const w = workloadOf(obj);
    const podAnnotations = annotationsAt(obj, [...tpl, 'metadata', 'annotations']);
    const adKeys = podAnnotations.map(parseAdKey).filter((k): k is AdKey => !!k);
    const containers = w?.containers ?? [];
    const names = new Set(containers.map((c) => c.name).filter((n): n is string => !!n));
    const customIds = new Map<string, string>();
    let idsKnown = true;
    for (const k of adKeys) {
      if (k.suffix !== 'check.id' || k.legacy || !k.id) continue;
      if (k.a.value === undefined) {
        idsKnown = false;
        continue;
      }
      customIds.set(k.a.value, k.id);
    }
    const isPod = tpl.length === 0;
    v = {
      obj,
      isPod,
      podAnnotations,
      adKeys,
      containers,
      podLabels: annotationsAt(obj, [...tpl, 'metadata', 'labels']),
      ownAnnotations: isPod ? [] : annotationsAt(obj, ['metadata', 'annotations']),
      ownLabels: isPod ? [] : annotationsAt(obj, ['metadata', 'labels']),
      containersKnown: (w?.containersKnown ?? false) && idsKnown,
      customIds,
      identifiers: new Set([...names, ...customIds.keys()]),
    };
  } catch {
    v = undefined;
  }
  obj.memo.set(DATADOG_VIEW, v);
  return v;
}

const DATADOG_VIEW = new MemoKey<DatadogView | undefined>('datadog.view');

/** The container an identifier stands for (a container name, or the container of a custom check.id). */
export function containerFor(v: DatadogView, id: string): ContainerInfo | undefined {
  const name = v.customIds.get(id) ?? id;
  return v.containers.find((c) => c.name === name);
}

/** Whether an identifier is a template or placeholder (not judged). */
export function unknownId(id: string): boolean {
  return isUnknownText(id) || id === '';
}

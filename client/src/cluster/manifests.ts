/**
 * Manifest documents to send to a cluster, read with the project's own YAML parser so every object keeps
 * its document range and any field path the server names (e.g. `spec.ports[0].port`) maps to a line.
 */
import { scalarString } from '@shared/manifest/yamlNodes';
import { YamlFile, type Range } from '@shared/manifest/yamlFile';
import { K8sObject } from '@shared/manifest/k8sObject';
import type { NodePath } from '@shared/manifest/yamlNodes';
import { identityProblems } from './identity';

export interface ManifestDoc {
  uri: string;
  /** 0-based index among the file's manifest documents. */
  index: number;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** The plain object to send. */
  object: Record<string, any>;
  /** Range of the whole document in the file. */
  range: Range;
  /** Range of the node at a server field path (`spec.ports[0].port`), or the document range. */
  rangeOfField(field: string | undefined): Range;
  /** `Kind namespace/name`. */
  label: string;
}

export interface ManifestProblem {
  uri: string;
  range: Range;
  message: string;
}

export interface ParsedManifests {
  docs: ManifestDoc[];
  problems: ManifestProblem[];
}

/** `spec.ports[0].port` → ['spec', 'ports', 0, 'port']; `metadata.annotations[a.b/c]` keeps the key whole. */
export function parseFieldPath(field: string): NodePath {
  const out: NodePath = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(field))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (/^\d+$/.test(m[2])) out.push(Number(m[2]));
    else if (m[2] !== undefined) out.push(m[2].replace(/^["']|["']$/g, ''));
  }
  return out;
}

/**
 * Parse a file's Kubernetes documents. `lines` limits to documents intersecting [first, last] (0-based,
 * for "apply selection"). Documents that are not manifests are skipped; broken ones become problems.
 */
export function parseManifests(text: string, uri: string, lines?: { first: number; last: number }): ParsedManifests {
  const file = new YamlFile(text);
  const docs: ManifestDoc[] = [];
  const problems: ManifestProblem[] = [];
  let index = 0;
  for (const chunk of file.chunks) {
    chunk.docs.forEach((doc, docIndex) => {
      const obj = new K8sObject(uri, chunk, doc, docIndex);
      const range = obj.rangeOf([]);
      if (lines && (range.end.line < lines.first || range.start.line > lines.last)) {
        if (obj.isManifest) index++;
        return;
      }
      if (doc.errors.length > 0) {
        const e = doc.errors[0];
        if (obj.isManifest || doc.contents)
          problems.push({ uri, range: chunk.toRange(e.pos[0], e.pos[1]), message: `YAML syntax error: ${e.message.split('\n')[0]}` });
        if (obj.isManifest) index++;
        return;
      }
      if (!obj.isManifest) return;
      const myIndex = index++;
      let plain: unknown;
      try {
        plain = doc.toJS({ maxAliasCount: 1000 });
      } catch (err) {
        problems.push({ uri, range, message: `Cannot read this document: ${(err as Error).message}` });
        return;
      }
      if (!plain || typeof plain !== 'object' || Array.isArray(plain)) return;
      const missing = [!obj.apiVersion && 'apiVersion', !obj.kind && 'kind', !obj.name && 'metadata.name'].filter(Boolean);
      if (missing.length) {
        problems.push({
          uri,
          range,
          message: `${obj.displayName}: cannot be applied without ${missing.join(', ')}${!obj.name && (plain as any).metadata?.generateName ? ' (server-side apply needs a fixed name, not generateName)' : ''}.`,
        });
        return;
      }
      // As written: K8sObject.namespace reads a placeholder as "any namespace", but this is what the request names.
      const ns = scalarString(obj.node(['metadata', 'namespace']));
      const invalid = identityProblems({ apiVersion: obj.apiVersion!, kind: obj.kind!, name: obj.name!, namespace: ns });
      if (invalid.length) {
        const at = /^apiVersion/.test(invalid[0])
          ? ['apiVersion']
          : /^kind/.test(invalid[0])
            ? ['kind']
            : /^metadata\.name/.test(invalid[0])
              ? ['metadata', 'name']
              : ['metadata', 'namespace'];
        problems.push({ uri, range: obj.rangeOf(at), message: `${obj.displayName}: cannot be applied: ${invalid.join('; ')}.` });
        return;
      }
      docs.push({
        uri,
        index: myIndex,
        apiVersion: obj.apiVersion!,
        kind: obj.kind!,
        name: obj.name!,
        namespace: ns,
        object: plain as Record<string, any>,
        range,
        rangeOfField: (field) => (field ? obj.rangeOf(parseFieldPath(field)) : range),
        label: obj.displayName,
      });
    });
  }
  return { docs, problems };
}

const ORDER: Record<string, number> = {
  Namespace: 0,
  CustomResourceDefinition: 1,
  PriorityClass: 2,
  StorageClass: 2,
  IngressClass: 2,
  ResourceQuota: 3,
  LimitRange: 3,
  ServiceAccount: 4,
  Secret: 4,
  ConfigMap: 4,
  ClusterRole: 5,
  ClusterRoleBinding: 5,
  Role: 5,
  RoleBinding: 5,
  PersistentVolume: 6,
  PersistentVolumeClaim: 6,
  Service: 7,
};
const WEBHOOKS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService']);

/** Namespaces and CRDs first, then what others depend on, then the rest in file order; webhooks last. */
export function orderForApply<T extends { kind: string }>(docs: readonly T[]): T[] {
  const rank = (d: T) => (WEBHOOKS.has(d.kind) ? 100 : (ORDER[d.kind] ?? 50));
  return docs
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
}

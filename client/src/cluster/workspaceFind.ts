/**
 * Find the manifest that defines a live object (kind/namespace/name) among workspace YAML texts, with
 * the project's parser. A document without a namespace matches any namespace (it is applied with the
 * context's namespace), but an exact namespace match is preferred.
 */
import { parseManifests } from './manifests';
import type { Range } from '@shared/manifest/yamlFile';

export interface FoundManifest {
  uri: string;
  range: Range;
  exactNamespace: boolean;
}

export function findManifest(
  files: Iterable<{ uri: string; text: string }>,
  want: { kind: string; name: string; namespace?: string },
): FoundManifest[] {
  const out: FoundManifest[] = [];
  for (const f of files) {
    if (!f.text.includes(want.name) || !f.text.includes(want.kind)) continue;
    for (const d of parseManifests(f.text, f.uri).docs) {
      if (d.kind !== want.kind || d.name !== want.name) continue;
      if (d.namespace !== undefined && want.namespace !== undefined && d.namespace !== want.namespace) continue;
      out.push({ uri: f.uri, range: d.range, exactNamespace: d.namespace === want.namespace });
    }
  }
  return out.sort((a, b) => Number(b.exactNamespace) - Number(a.exactNamespace));
}

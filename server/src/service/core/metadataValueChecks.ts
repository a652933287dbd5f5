/**
 * Label, annotation and ConfigMap data values must be strings. YAML reads unquoted `true`, `8080`, `1.0`
 * or an empty value as a boolean, number or null, and the API server rejects the object.
 */
import { isMap, isScalar, type Pair, type Scalar } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import { keyString, nodeRange, type NodePath } from '@shared/manifest/yamlNodes';

/** Where string maps live in common kinds (Pod templates included). */
const TEMPLATE_PATHS: Record<string, NodePath> = {
  Deployment: ['spec', 'template'], StatefulSet: ['spec', 'template'], DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'], Job: ['spec', 'template'], CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function checkStringMap(ctx: CheckContext, path: NodePath, what: string): void {
  const map = ctx.obj.node(path);
  if (!isMap(map)) return;
  for (const p of map.items as Pair[]) {
    const v = p.value;
    const key = keyString(p) ?? '?';
    if (v === null || v === undefined) {
      const kr = nodeRange(p.key);
      ctx.report('meta-value-not-string', p.key as never, `${what} "${key}" has no value; write "" for an empty string`, {
        fixes: kr ? [{ title: 'Set the value to ""', edits: [{ start: kr[1], end: findColonEnd(ctx, kr[1]), newText: ': ""' }] }] : undefined,
      });
      continue;
    }
    if (!isScalar(v)) continue; // maps/lists: a schema problem, reported by schema checks
    const s = v as Scalar;
    if (typeof s.value === 'string') continue;
    const r = nodeRange(s);
    const src = r ? ctx.obj.chunk.text.slice(r[0], r[1]) : String(s.value);
    const quoted = JSON.stringify(s.value === null ? '' : src);
    ctx.report('meta-value-not-string', s, `${what} "${key}" must be a string, but YAML reads ${src === '' ? 'an empty value' : src} as ${s.value === null ? 'null' : typeof s.value}: quote it (${quoted})`, {
      fixes: r ? [{ title: `Quote the value: ${quoted}`, edits: [{ start: r[0], end: r[1], newText: quoted }], preferred: true }] : undefined,
    });
  }
}

/** End offset of `key:` (just after the colon) starting from the key's end. */
function findColonEnd(ctx: CheckContext, keyEnd: number): number {
  const t = ctx.obj.chunk.text;
  const i = t.indexOf(':', keyEnd);
  return i === -1 ? keyEnd : i + 1;
}

export const metadataValueCheck: Check = {
  id: 'core.metadataValues',
  scope: 'local',
  appliesTo: (o) => o.isManifest,
  run(ctx) {
    checkStringMap(ctx, ['metadata', 'labels'], 'Label');
    checkStringMap(ctx, ['metadata', 'annotations'], 'Annotation');
    const kind = ctx.obj.kind ?? '';
    const tpl = TEMPLATE_PATHS[kind];
    if (tpl) {
      checkStringMap(ctx, [...tpl, 'metadata', 'labels'], 'Pod template label');
      checkStringMap(ctx, [...tpl, 'metadata', 'annotations'], 'Pod template annotation');
      checkStringMap(ctx, kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'selector', 'matchLabels'] : ['spec', 'selector', 'matchLabels'], 'Selector label');
    }
    if (kind === 'Service') checkStringMap(ctx, ['spec', 'selector'], 'Selector label');
    if (kind === 'ConfigMap' && ctx.obj.apiVersion === 'v1') checkStringMap(ctx, ['data'], 'ConfigMap data value');
  },
};

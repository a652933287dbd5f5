/**
 * Label, annotation and ConfigMap data values must be strings. YAML reads unquoted `true`, `8080`, `1.0`
 * or an empty value as a boolean, number or null, and the API server rejects the object.
 */
import { isMap, isScalar, type Pair, type Scalar } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import { keyString, nodeRange, type NodePath } from '@shared/manifest/yamlNodes';
import { addValueEdit, quoteScalarEdit } from '../model/edits';
import { podTemplatePath } from '../workspace/workloads';

function checkStringMap(ctx: CheckContext, path: NodePath, what: string): void {
  const map = ctx.obj.node(path);
  if (!isMap(map)) return;
  for (const p of map.items as Pair[]) {
    const v = p.value;
    const key = keyString(p) ?? '?';
    if (v === null || v === undefined) {
      const kr = nodeRange(p.key);
      const edit = kr ? addValueEdit(ctx.obj.chunk.text, kr[1], '') : undefined;
      ctx.report('meta-value-not-string', p.key as never, `${what} "${key}" has no value; write "" for an empty string`, {
        fixes: edit ? [{ title: 'Set the value to ""', edits: [edit] }] : undefined,
      });
      continue;
    }
    if (!isScalar(v)) continue; // maps/lists: a schema problem, reported by schema checks
    const s = v as Scalar;
    if (typeof s.value === 'string') continue;
    const r = nodeRange(s);
    const src = r ? ctx.obj.chunk.text.slice(r[0], r[1]) : String(s.value);
    const edit = quoteScalarEdit(ctx.obj.chunk.text, s);
    const quoted = edit?.newText.trim() ?? JSON.stringify(src);
    ctx.report('meta-value-not-string', s, `${what} "${key}" must be a string, but YAML reads ${src === '' ? 'an empty value' : src} as ${s.value === null ? 'null' : typeof s.value}: quote it (${quoted})`, {
      fixes: edit ? [{ title: `Quote the value: ${quoted}`, edits: [edit], preferred: true }] : undefined,
    });
  }
}


export const metadataValueCheck: Check = {
  id: 'core.metadataValues',
  scope: 'local',
  appliesTo: (o) => o.isManifest,
  run(ctx) {
    checkStringMap(ctx, ['metadata', 'labels'], 'Label');
    checkStringMap(ctx, ['metadata', 'annotations'], 'Annotation');
    const kind = ctx.obj.kind ?? '';
    const tpl = kind === 'Pod' ? undefined : podTemplatePath(ctx.obj);
    if (tpl) {
      checkStringMap(ctx, [...tpl, 'metadata', 'labels'], 'Pod template label');
      checkStringMap(ctx, [...tpl, 'metadata', 'annotations'], 'Pod template annotation');
      checkStringMap(ctx, kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'selector', 'matchLabels'] : ['spec', 'selector', 'matchLabels'], 'Selector label');
    }
    if (kind === 'Service') checkStringMap(ctx, ['spec', 'selector'], 'Selector label');
    if (kind === 'ConfigMap' && ctx.obj.apiVersion === 'v1') checkStringMap(ctx, ['data'], 'ConfigMap data value');
  },
};

/**
 * Label, annotation and ConfigMap data values must be strings. YAML reads unquoted `true`, `8080`, `1.0`
 * or an empty value as a boolean, number or null, and the API server rejects the object — and kubectl's
 * YAML 1.1 parser also reads `yes`, `on`, `0b101` and `1_000` that way (model/goYaml.ts).
 *
 * Lengths, as the API server validates them (kubernetes/apimachinery pkg/apis/meta/v1/validation
 * ValidateLabels, pkg/api/validation/objectmeta.go ValidateAnnotations, pkg/api/validate/content/kube.go
 * IsLabelKey / IsLabelValue, dns.go IsDNS1123Subdomain): a label value at most 63 bytes; a label or annotation
 * key's name part at most 63 and its prefix at most 253; `metadata.name` per kind (schema/names.ts).
 */
import { isMap, isScalar, type Node, type Pair, type Scalar } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import { keyString, nodeRange, type NodePath } from '@shared/manifest/yamlNodes';
import { isUnknownText, knownString } from '@shared/manifest/templates';
import { addValueEdit, quoteScalarEdit } from '../model/edits';
import { goYamlPlainType } from '../model/goYaml';
import { podTemplatePath } from '../workspace/workloads';
import { nameFormat } from '../schema/names';
import { isBuiltInGroup } from '@shared/manifest/documentKind';
import { clip } from '../model/messageText';

function checkStringMap(ctx: CheckContext, path: NodePath, what: string, lengths?: 'label' | 'annotation'): void {
  const map = ctx.obj.node(path);
  if (!isMap(map)) return;
  for (const p of map.items as Pair[]) {
    // A key that is not a scalar (a template action such as `{{- include … }}` read as a flow map) is not
    // an entry we can judge. A templated scalar key still has a real value.
    if (!isScalar(p.key)) continue;
    const v = p.value;
    const key = keyString(p) ?? '?';
    if (lengths) checkKeyLength(ctx, p, what.toLowerCase());
    if (v === null || v === undefined) {
      const kr = nodeRange(p.key);
      // A block-map key written without its colon (a key cut before `---`) is a line the parser could not
      // read as a pair: the syntax error's to report. Flow maps (`{app}`) and explicit keys (`? app`) need none.
      const text = ctx.obj.chunk.text;
      const explicit = kr !== undefined && /\?[ \t]*$/.test(text.slice(text.lastIndexOf('\n', kr[0] - 1) + 1, kr[0]));
      if (kr && !map.flow && !explicit && !/^[ \t]*:/.test(text.slice(kr[1], kr[1] + 200))) continue;
      const edit = kr ? addValueEdit(ctx.obj.chunk.text, kr[1], '') : undefined;
      ctx.report('meta-value-not-string', p.key as never, `${what} "${key}" has no value; write "" for an empty string`, {
        fixes: edit ? [{ title: 'Set the value to ""', edits: [edit] }] : undefined,
      });
      continue;
    }
    if (!isScalar(v)) continue; // maps/lists: a schema problem, reported by schema checks
    const s = v as Scalar;
    // A plain, untagged string YAML 1.2 keeps, but kubectl's YAML 1.1 parser reads otherwise (`yes`, `0b101`).
    const goType = typeof s.value === 'string' && s.type === 'PLAIN' && !s.tag ? goYamlPlainType(s.value) : 'string';
    if (typeof s.value === 'string' && goType === 'string') {
      if (lengths === 'label' && !isUnknownText(s.value)) tooLong(ctx, s, `${what} "${key}" value`, s.value, 63);
      continue;
    }
    const r = nodeRange(s);
    const src = r ? ctx.obj.chunk.text.slice(r[0], r[1]) : String(s.value);
    const edit = quoteScalarEdit(ctx.obj.chunk.text, s);
    const quoted = edit?.newText.trim() ?? JSON.stringify(src);
    const reads =
      typeof s.value === 'string'
        ? `kubectl's YAML parser (YAML 1.1) reads ${src} as ${goType}`
        : `YAML reads ${src === '' ? 'an empty value' : src} as ${s.value === null ? 'null' : typeof s.value}`;
    ctx.report('meta-value-not-string', s, `${what} "${key}" must be a string, but ${reads}: quote it (${quoted})`, {
      fixes: edit ? [{ title: `Quote the value: ${quoted}`, edits: [edit], preferred: true }] : undefined,
    });
  }
}

/** Bytes, as Go's len() counts them. */
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function tooLong(ctx: CheckContext, node: Node, what: string, text: string, limit: number): boolean {
  const n = bytes(text);
  if (n <= limit) return false;
  ctx.report('meta-too-long', node, `${what} is ${n} characters long; the API server accepts at most ${limit}`);
  return true;
}

/** A label or annotation key: a qualified name, `prefix/name` (IsQualifiedName / IsLabelKey). */
function checkKeyLength(ctx: CheckContext, p: Pair, what: string): void {
  const key = keyString(p);
  if (key === undefined || !isScalar(p.key) || isUnknownText(key)) return;
  const slash = key.indexOf('/');
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (
    slash !== -1 &&
    key.indexOf('/', slash + 1) === -1 &&
    tooLong(ctx, p.key as Node, `The prefix of ${what} key "${key}"`, key.slice(0, slash), 253)
  )
    return;
  if (name.indexOf('/') === -1) tooLong(ctx, p.key as Node, `The name part of ${what} key "${key}"`, name, 63);
}

/** metadata.name over the length its kind allows (the character rules are the schema module's). */
function checkNameLength(ctx: CheckContext): void {
  const { obj } = ctx;
  const node = obj.node(['metadata', 'name']);
  const name = knownString(node);
  if (name === undefined || !obj.kind || obj.isToolConfig) return;
  const format = nameFormat(obj.kind, isBuiltInGroup(obj.group));
  const limit =
    format === 'label' || format === 'dns1035'
      ? 63
      : format === 'subdomain'
        ? obj.kind === 'CronJob' && isBuiltInGroup(obj.group)
          ? 52
          : 253
        : undefined;
  if (limit !== undefined) tooLong(ctx, node as Node, `metadata.name "${clip(name, 41)}"`, name, limit);
}

export const metadataValueCheck: Check = {
  id: 'core.metadataValues',
  scope: 'local',
  appliesTo: (o) => o.isManifest && !o.isToolConfig,
  run(ctx) {
    checkStringMap(ctx, ['metadata', 'labels'], 'Label', 'label');
    checkStringMap(ctx, ['metadata', 'annotations'], 'Annotation', 'annotation');
    checkNameLength(ctx);
    const kind = ctx.obj.kind ?? '';
    const tpl = kind === 'Pod' ? undefined : podTemplatePath(ctx.obj);
    if (tpl) {
      checkStringMap(ctx, [...tpl, 'metadata', 'labels'], 'Pod template label', 'label');
      checkStringMap(ctx, [...tpl, 'metadata', 'annotations'], 'Pod template annotation', 'annotation');
      checkStringMap(
        ctx,
        kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'selector', 'matchLabels'] : ['spec', 'selector', 'matchLabels'],
        'Selector label',
        'label',
      );
    }
    if (kind === 'Service') checkStringMap(ctx, ['spec', 'selector'], 'Selector label', 'label');
    if (kind === 'ConfigMap' && ctx.obj.apiVersion === 'v1') checkStringMap(ctx, ['data'], 'ConfigMap data value');
  },
};

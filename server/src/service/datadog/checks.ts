/**
 * Datadog checks of a workload (one document: the Pod template and the workload's own metadata).
 * Autodiscovery JSON is decoded the way the Agent decodes it (DataDog/datadog-agent
 * comp/core/autodiscovery/common/utils: parseChecksJSON, ParseCheckNames, ParseJSONValue, BuildTemplates,
 * extractLogsTemplatesFromMap, extractTemplatesFromMapWithV2 for v1/v2 precedence; the tagger's parseJSONValue
 * for `.tags`), positions come from the ALB JSON machinery (alb/actions/embedded.ts). Identifiers follow
 * ValidateAnnotationsMatching, template variables configresolver's resolver, library injection the Cluster
 * Agent's autoinstrumentation package.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Check, CheckContext } from '../checks/types';
import type { Fix, Severity } from '../diagnostics/types';
import { closest, editDistance } from '../catalog/types';
import { isUnknownNode } from '@shared/manifest/templates';
import { replaceScalarFix } from '../model/edits';
import { child, isSeq, nodeRange, scalarString } from '@shared/manifest/yamlNodes';
import type { Annotation } from '../model/annotations';
import { embeddedJson, jsonErrorMessage, type EmbeddedJson } from '../alb/actions/embedded';
import { encodeForStyle } from '../alb/actions/checks';
import { podTemplatePath } from '../workspace/workloads';
import {
  AD_CONTAINER_KEYS,
  AD_POD_KEYS,
  AD_PREFIX,
  ADMISSION_LABELS,
  ADMISSION_PREFIX,
  CARDINALITIES,
  CHECK_FIELDS,
  LANGUAGE_ALIASES,
  LEGACY_AD_PREFIX,
  LIB_LANGUAGES,
  TEMPLATE_VARIABLES,
  UST_LABELS,
  UST_PREFIX,
  type AdAnnotation,
  type JsonShape,
} from './catalog';
import { containerFor, datadogView, unknownId, type AdKey, type DatadogView } from './model';

// ───────────────────────────── JSON reporting ─────────────────────────────

interface Json {
  ctx: CheckContext;
  k: AdKey;
  ej: EmbeddedJson;
  report(code: string, n: JsonNode | undefined, message: string, opts?: { severity?: Severity; fixes?: Fix[] }): void;
  /** Replace the text of a JSON string's content. */
  renameFix(n: JsonNode, text: string): Fix | undefined;
}

function json(ctx: CheckContext, k: AdKey, ej: EmbeddedJson): Json {
  const whole = nodeRange(k.a.valueNode) ?? [0, 0];
  const j: Json = {
    ctx,
    k,
    ej,
    report(code, n, message, opts) {
      ctx.report(code, n ? ej.toSource(n.offset, n.length) : whole, message, opts);
    },
    renameFix(n, text) {
      if (!ej.st.exact || n.type !== 'string') return undefined;
      const [s, e] = ej.toSource(n.offset + 1, Math.max(0, n.length - 2));
      return { title: `Rename to "${text}"`, edits: [{ start: s, end: e, newText: encodeForStyle(ej.st.style, text) }], preferred: true };
    },
  };
  return j;
}

const KIND: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

function keyOf(p: JsonNode): JsonNode | undefined {
  return p.children?.[0];
}
function valOf(p: JsonNode): JsonNode | undefined {
  return p.children?.[1];
}

/** Check one entry of `.checks` (parseChecksJSON's struct). */
function checkOneCheck(j: Json, name: string, v: JsonNode): void {
  if (v.type === 'null') return;
  if (v.type !== 'object') {
    j.report(
      'dd-ad-json-type',
      v,
      `The configuration of check "${name}" must be a JSON object ({"init_config": {…}, "instances": [{…}]}), not ${KIND[v.type]}: the Agent cannot decode ${j.k.a.key} and runs none of its checks.`,
    );
    return;
  }
  for (const p of v.children ?? []) {
    const kn = keyOf(p);
    const vn = valOf(p);
    if (!kn || typeof kn.value !== 'string') continue;
    const key = kn.value as string;
    const field = CHECK_FIELDS.find((f) => f === key) ?? CHECK_FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
    if (!field) {
      const guess = closest(key, CHECK_FIELDS, 1)[0] ?? (key.toLowerCase().startsWith('instance') ? 'instances' : undefined);
      const fix = guess ? j.renameFix(kn, guess) : undefined;
      j.report(
        'dd-ad-unknown-key',
        kn,
        `"${key}" is not a field of a check configuration (${CHECK_FIELDS.join(', ')}): the Agent ignores it${guess ? ` — did you mean "${guess}"?` : ''}.`,
        { fixes: fix ? [fix] : undefined },
      );
      continue;
    }
    if (field !== key) {
      const fix = j.renameFix(kn, field);
      j.report(
        'dd-ad-unknown-key',
        kn,
        `"${key}" works (the Agent matches field names case-insensitively); the documented spelling is "${field}".`,
        { severity: 'hint', fixes: fix ? [fix] : undefined },
      );
    }
    if (!vn || vn.type === 'null') continue;
    const bad = (expected: string) =>
      j.report(
        'dd-ad-json-type',
        vn,
        `"${field}" must be ${expected}, not ${KIND[vn.type]}: the Agent cannot decode ${j.k.a.key} and runs none of its checks.`,
      );
    switch (field) {
      case 'name':
      case 'check_tag_cardinality':
        if (vn.type !== 'string') bad('a string');
        else if (field === 'check_tag_cardinality' && !CARDINALITIES.includes(vn.value as string))
          j.report('dd-ad-json-type', vn, `check_tag_cardinality "${String(vn.value)}" is not one of ${CARDINALITIES.join(', ')}.`, {
            severity: 'warning',
          });
        break;
      case 'ignore_autodiscovery_tags':
        if (vn.type !== 'boolean') bad(`a JSON boolean (true or false${vn.type === 'string' ? ', without quotes' : ''})`);
        break;
      case 'instances':
        if (vn.type !== 'array') {
          bad('a list of instance objects');
          break;
        }
        for (const it of vn.children ?? [])
          if (it.type !== 'object')
            j.report(
              'dd-ad-json-type',
              it,
              `Each instance must be a JSON object, not ${KIND[it.type]}: the Agent cannot decode ${j.k.a.key}.`,
            );
        break;
      case 'init_config':
        if (vn.type !== 'object')
          j.report(
            'dd-ad-json-type',
            vn,
            `"init_config" should be a JSON object (use {} for none), not ${KIND[vn.type]}${vn.type === 'string' ? ' — "{}" in quotes is a string' : ''}: the check receives it as it is and usually fails to start.`,
            { severity: 'warning' },
          );
        break;
      case 'logs':
        if (vn.type !== 'array')
          j.report('dd-ad-json-type', vn, `"logs" must be a list of log configurations, not ${KIND[vn.type]}.`, { severity: 'warning' });
        break;
    }
  }
}

/** Check the JSON of one annotation against its shape; returns the root when it decodes. */
function checkShape(j: Json, shape: JsonShape, root: JsonNode): boolean {
  const key = j.k.a.key;
  const fail = (n: JsonNode, expected: string, extra = ''): false => {
    j.report(
      'dd-ad-json-type',
      n,
      `${key} must be ${expected}, not ${KIND[n.type]}${extra}: the Agent cannot decode it and drops the configuration.`,
    );
    return false;
  };
  switch (shape) {
    case 'checks':
      if (root.type === 'null') return true;
      if (root.type !== 'object') return fail(root, 'a JSON object {"<check>": {…}}');
      for (const p of root.children ?? []) {
        const kn = keyOf(p);
        const vn = valOf(p);
        if (kn && vn) checkOneCheck(j, String(kn.value), vn);
      }
      return true;
    case 'checkNames':
      if (root.type !== 'array')
        return fail(root, 'a JSON list of check names', root.type === 'string' ? ` (write ["${String(root.value)}"])` : '');
      for (const it of root.children ?? []) if (it.type !== 'string') fail(it, 'a list of strings');
      return true;
    case 'templates':
      if (root.type !== 'array') return fail(root, 'a JSON list', root.type === 'object' ? ' (wrap the object in [ ])' : '');
      for (const it of root.children ?? []) {
        if (it.type === 'object') continue;
        if (it.type === 'array') {
          for (const x of it.children ?? []) if (x.type !== 'object') fail(x, 'a list of objects (or of lists of objects)');
          continue;
        }
        fail(it, 'a list of objects (or of lists of objects)');
      }
      return true;
    case 'logs':
      if (root.type !== 'array')
        return fail(root, 'a JSON list of log configurations', root.type === 'object' ? ' (wrap the object in [ ])' : '');
      for (const it of root.children ?? [])
        if (it.type !== 'object')
          j.report('dd-ad-json-type', it, `Each log configuration must be a JSON object, not ${KIND[it.type]}.`, { severity: 'warning' });
      return true;
    case 'tags':
      if (root.type !== 'object') return fail(root, 'a JSON object of tags {"team": "x"}');
      for (const p of root.children ?? []) {
        const vn = valOf(p);
        if (vn && (vn.type === 'object' || vn.type === 'null'))
          j.report(
            'dd-ad-json-type',
            vn,
            `Tag "${String(keyOf(p)?.value)}" must be a string or a list, not ${KIND[vn.type]}: the Agent skips it.`,
            { severity: 'warning' },
          );
      }
      return true;
  }
}

// ───────────────────────────── template variables ─────────────────────────────

const VAR = /%%(.+?)(?:_(.+?))?%%/g;

function checkTemplateVariables(j: Json, v: DatadogView, node: JsonNode | undefined, depth = 0): void {
  if (!node || depth > 40) return;
  if (node.type === 'string') {
    const text = j.ej.text.slice(node.offset, node.offset + node.length);
    VAR.lastIndex = 0;
    for (let m = VAR.exec(text); m; m = VAR.exec(text)) {
      const at = { ...node, offset: node.offset + m.index, length: m[0].length } as JsonNode;
      const name = m[1];
      const arg = m[2];
      if (!(name in TEMPLATE_VARIABLES)) {
        const guess = closest(name, Object.keys(TEMPLATE_VARIABLES), 1)[0];
        j.report(
          'dd-template-variable',
          at,
          `${m[0]} is not a template variable (${Object.keys(TEMPLATE_VARIABLES)
            .map((x) => `%%${x}%%`)
            .join(
              ', ',
            )})${guess ? ` — did you mean %%${guess}${arg ? `_${arg}` : ''}%%?` : ''}: the Agent fails to resolve the configuration and does not schedule it.`,
        );
        continue;
      }
      if (name === 'pid' || name === 'hostname') {
        j.report(
          'dd-template-variable',
          at,
          `${m[0]} is not available on Kubernetes (the Agent cannot resolve it for a Pod's container), so the configuration is not scheduled.`,
        );
        continue;
      }
      if (name === 'port' && j.k.id && v.containersKnown) checkPort(j, v, at, m[0], arg);
    }
    return;
  }
  if (node.type === 'object') for (const p of node.children ?? []) checkTemplateVariables(j, v, valOf(p), depth + 1);
  else if (node.type === 'array') for (const c of node.children ?? []) checkTemplateVariables(j, v, c, depth + 1);
}

function checkPort(j: Json, v: DatadogView, at: JsonNode, text: string, arg: string | undefined): void {
  const c = containerFor(v, j.k.id!);
  if (!c || !c.name) return;
  const ports = c.ports.filter((p) => p.containerPort !== undefined || p.name);
  if (arg === undefined) {
    if (!ports.length)
      j.report(
        'dd-template-variable',
        at,
        `${text} needs a declared port, but container "${c.name}" declares none (spec.containers[].ports): the Agent finds no port and skips the check.`,
      );
    return;
  }
  if (/^\d+$/.test(arg)) {
    if (Number(arg) >= ports.length)
      j.report(
        'dd-template-variable',
        at,
        `${text} is port number ${arg} (counted from 0), but container "${c.name}" declares ${ports.length} port${ports.length === 1 ? '' : 's'}: the Agent skips the check.`,
      );
    return;
  }
  const names = ports.map((p) => p.name).filter((n): n is string => !!n);
  if (names.includes(arg)) return;
  const guess = closest(arg, names, 1)[0];
  j.report(
    'dd-template-variable',
    at,
    `${text} names port "${arg}", but container "${c.name}" has ${names.length ? `the named ports ${names.join(', ')}` : 'no named ports'}${guess ? ` — did you mean %%port_${guess}%%?` : ''}: the Agent skips the check.`,
  );
}

// ───────────────────────────── the Autodiscovery check ─────────────────────────────

function jsonShapeOf(k: AdKey): { entry: AdAnnotation; shape?: JsonShape } | undefined {
  const entry = k.id === undefined ? AD_POD_KEYS.get(k.suffix) : AD_CONTAINER_KEYS.get(k.suffix);
  return entry ? { entry, shape: entry.json } : undefined;
}

/** Check one JSON annotation: syntax, shape, template variables. Returns the parsed root when valid. */
function checkJsonAnnotation(ctx: CheckContext, v: DatadogView, k: AdKey, shape: JsonShape): JsonNode | undefined {
  const node = k.a.valueNode;
  if (!node || isUnknownNode(node) || k.a.value === undefined) return undefined;
  const ej = embeddedJson(ctx.obj.chunk.text, node);
  if (!ej) return undefined;
  const j = json(ctx, k, ej);
  if (ej.text.trim() === '') {
    ctx.report('dd-ad-json', node, `${k.a.key} is empty: the Agent cannot parse it ("value is empty") and drops the configuration.`);
    return undefined;
  }
  if (ej.errors.length) {
    for (const e of ej.errors.slice(0, 3))
      ctx.report(
        'dd-ad-json',
        ej.toSource(e.offset, Math.max(1, e.length)),
        `Invalid JSON in ${k.a.key}: ${jsonErrorMessage(e)}. The Agent drops the configuration (visible only under "Configuration Errors" in agent status).`,
      );
    return undefined;
  }
  const root = ej.root;
  if (!root || !checkShape(j, shape, root)) return undefined;
  if (shape !== 'checkNames') checkTemplateVariables(j, v, root);
  return root;
}

const V1 = ['check_names', 'init_configs', 'instances'];
const V1_EXTRA = ['ignore_autodiscovery_tags', 'check_tag_cardinality'];

function renameIdFix(ctx: CheckContext, k: AdKey, id: string): Fix | undefined {
  const key = k.a.key;
  const newKey = key.slice(0, k.idAt) + id + key.slice(k.idAt + (k.id?.length ?? 0));
  return replaceScalarFix(ctx.obj.chunk.text, k.a.keyNode, newKey, `Rename to ${newKey}`);
}

function checkIdentifier(ctx: CheckContext, v: DatadogView, k: AdKey): void {
  if (k.id === undefined || unknownId(k.id) || !v.containersKnown) return;
  const names = v.containers.map((c) => c.name).filter((n): n is string => !!n);
  const valid = k.suffix === 'check.id' ? new Set(names) : v.identifiers;
  if (valid.has(k.id)) return;
  const guess = closest(k.id, valid, 1)[0];
  const fix = guess ? renameIdFix(ctx, k, guess) : undefined;
  const what = k.suffix === 'check.id' ? 'container name' : 'container name or custom check.id';
  ctx.report(
    'dd-ad-container-mismatch',
    k.a.keyNode,
    `"${k.id}" in ${k.a.key} is not a ${what} of this Pod (${names.join(', ') || 'no containers'})${guess ? ` — did you mean "${guess}"?` : ''}: Autodiscovery keys annotations by container name, so the Agent ignores this one ("doesn't match a container identifier").`,
    { fixes: fix ? [fix] : undefined },
  );
}

const ALL_SUFFIXES = AD_CONTAINER_KEYS.names();
const norm = (s: string) => s.toLowerCase().replace(/[-_.]/g, '');

function nearSuffix(suffix: string, pod: boolean): string | undefined {
  const names = pod ? AD_POD_KEYS.names() : ALL_SUFFIXES;
  const byNorm = names.find((n) => norm(n) === norm(suffix) || norm(n) === norm(suffix) + 's');
  if (byNorm) return byNorm;
  const best = names.map((n) => [n, editDistance(suffix.toLowerCase(), n)] as const).sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= Math.min(3, Math.max(1, Math.floor(suffix.length / 3))) ? best[0] : undefined;
}

export const autodiscoveryCheck: Check = {
  id: 'datadog.autodiscovery',
  scope: 'local',
  appliesTo: (o) => podTemplatePath(o) !== undefined,
  run(ctx) {
    const v = datadogView(ctx.obj);
    if (!v || !v.adKeys.length) return;
    const byId = new Map<string, { ad: Map<string, AdKey>; legacy: Map<string, AdKey> }>();
    for (const k of v.adKeys) {
      const known = jsonShapeOf(k);
      if (!known) {
        if (k.id !== undefined && k.id.includes('/')) continue;
        if (k.id === undefined && AD_CONTAINER_KEYS.has(k.suffix)) {
          const only = v.containersKnown && v.containers.length === 1 ? v.containers[0].name : undefined;
          const newKey = only ? `${AD_PREFIX}${only}.${k.suffix}` : undefined;
          const fix = newKey ? replaceScalarFix(ctx.obj.chunk.text, k.a.keyNode, newKey, `Rename to ${newKey}`) : undefined;
          ctx.report(
            'dd-ad-unknown-annotation',
            k.a.keyNode,
            `${k.a.key} has no container identifier: the Agent reads ${AD_PREFIX}<container>.${k.suffix}${newKey ? ` (here ${newKey})` : ''}.`,
            { fixes: fix ? [fix] : undefined },
          );
          continue;
        }
        const s = nearSuffix(k.suffix, k.id === undefined);
        if (s) {
          const prefix = k.legacy ? LEGACY_AD_PREFIX : AD_PREFIX;
          const newKey = `${prefix}${k.id !== undefined ? `${k.id}.` : ''}${s}`;
          const fix = replaceScalarFix(ctx.obj.chunk.text, k.a.keyNode, newKey, `Rename to ${newKey}`);
          ctx.report('dd-ad-unknown-annotation', k.a.keyNode, `${k.a.key} is not an annotation the Agent reads — did you mean ${newKey}?`, {
            fixes: fix ? [fix] : undefined,
          });
        }
        continue;
      }
      checkIdentifier(ctx, v, k);
      if (k.id !== undefined) {
        let g = byId.get(k.id);
        if (!g) {
          g = { ad: new Map(), legacy: new Map() };
          byId.set(k.id, g);
        }
        (k.legacy ? g.legacy : g.ad).set(k.suffix, k);
      }
      if (known.shape) checkJsonAnnotation(ctx, v, k, known.shape);
    }
    for (const [id, g] of byId) checkPrecedence(ctx, id, g.ad, g.legacy);
  },
};

/** v2 over v1 over legacy (extractTemplatesFromMapWithV2), and the v1 set itself (BuildTemplates). */
function checkPrecedence(ctx: CheckContext, id: string, ad: Map<string, AdKey>, legacy: Map<string, AdKey>): void {
  const v2 = ad.get('checks');
  if (v2) {
    for (const s of [...V1, ...V1_EXTRA]) {
      const k = ad.get(s);
      if (k)
        ctx.report(
          'dd-ad-v1-ignored',
          k.a.keyNode,
          `${k.a.key} is ignored: container "${id}" also has ${v2.a.key}, and the Agent then reads only the v2 annotation (its checks replace these).`,
          { tags: ['unnecessary'] },
        );
    }
  }
  const v1Set = !v2 && ad.has('check_names');
  if (v2 || v1Set) {
    for (const s of V1) {
      const k = legacy.get(s);
      if (k)
        ctx.report(
          'dd-ad-v1-ignored',
          k.a.keyNode,
          `${k.a.key} is ignored: the Agent prefers the ${AD_PREFIX} annotations of container "${id}" over the legacy ${LEGACY_AD_PREFIX} ones.`,
          { tags: ['unnecessary'] },
        );
    }
  }
  if (v2) return;
  const set = ad.has('check_names') || ad.has('init_configs') || ad.has('instances') ? ad : legacy;
  checkV1Set(ctx, id, set);
}

function parsed(ctx: CheckContext, k: AdKey | undefined): JsonNode | undefined {
  if (!k || !k.a.valueNode || isUnknownNode(k.a.valueNode)) return undefined;
  const ej = embeddedJson(ctx.obj.chunk.text, k.a.valueNode);
  return ej && !ej.errors.length && ej.root?.type === 'array' ? ej.root : undefined;
}

function checkV1Set(ctx: CheckContext, id: string, set: Map<string, AdKey>): void {
  const names = set.get('check_names');
  const inits = set.get('init_configs');
  const insts = set.get('instances');
  if (!names) {
    for (const k of [inits, insts]) {
      if (k)
        ctx.report(
          'dd-ad-v1-incomplete',
          k.a.keyNode,
          `${k.a.key} without ${k.legacy ? LEGACY_AD_PREFIX : AD_PREFIX}${id}.check_names is ignored: the Agent looks for check_names first.`,
          { severity: 'warning' },
        );
    }
    return;
  }
  const missing = [inits ? undefined : 'init_configs', insts ? undefined : 'instances'].filter(Boolean);
  if (missing.length) {
    ctx.report(
      'dd-ad-v1-incomplete',
      names.a.keyNode,
      `${names.a.key} needs ${missing.map((m) => `${id}.${m}`).join(' and ')} too: the Agent fails with "missing ${missing[0]} key" and schedules no check for container "${id}".`,
    );
    return;
  }
  const n = parsed(ctx, names);
  const i = parsed(ctx, inits);
  const s = parsed(ctx, insts);
  if (!n || !i || !s) return;
  const count = (x: JsonNode) =>
    (x.children ?? []).filter((c) => c.type === 'object' || (c.type === 'array' && (c.children ?? []).length > 0)).length;
  const lens = [n.children?.length ?? 0, count(i), count(s)];
  if (lens[0] !== lens[1] || lens[0] !== lens[2]) {
    ctx.report(
      'dd-ad-v1-incomplete',
      names.a.keyNode,
      `check_names, init_configs and instances of container "${id}" have ${lens[0]}, ${lens[1]} and ${lens[2]} entries: the Agent needs one of each per check and drops all of them ("don't all have the same length").`,
    );
    return;
  }
  for (const c of i.children ?? []) {
    if (c.type === 'array' && (c.children ?? []).length !== 1) {
      const ej = embeddedJson(ctx.obj.chunk.text, inits!.a.valueNode!)!;
      ctx.report(
        'dd-ad-v1-incomplete',
        ej.toSource(c.offset, c.length),
        `Each init_configs entry must be exactly one object, not a list of ${(c.children ?? []).length}: the Agent drops every check of container "${id}".`,
      );
    }
  }
}

// ───────────────────────────── misplaced, tagging, admission ─────────────────────────────

export const datadogPlacementCheck: Check = {
  id: 'datadog.placement',
  scope: 'local',
  appliesTo: (o) => (podTemplatePath(o)?.length ?? 0) > 0,
  run(ctx) {
    const v = datadogView(ctx.obj);
    if (!v) return;
    for (const a of v.ownAnnotations) {
      if (a.key.startsWith(AD_PREFIX) || a.key.startsWith(LEGACY_AD_PREFIX) || a.key.startsWith(ADMISSION_PREFIX)) {
        ctx.report(
          'dd-ad-misplaced',
          a.keyNode,
          `${a.key} on the ${ctx.obj.kind}'s own metadata has no effect: ${a.key.startsWith(ADMISSION_PREFIX) ? 'the Cluster Agent reads it from the Pod' : 'the Agent reads Autodiscovery annotations from the Pod'}. Put it under spec.template.metadata.annotations.`,
        );
      }
    }
    for (const a of v.ownLabels) {
      if (a.key === `${ADMISSION_PREFIX}enabled` || a.key === `${ADMISSION_PREFIX}config.mode`) {
        ctx.report(
          'dd-ad-misplaced',
          a.keyNode,
          `${a.key} on the ${ctx.obj.kind}'s own labels has no effect: the admission webhook selects Pods by their labels. Put it under spec.template.metadata.labels.`,
        );
      }
    }
  },
};

const FIELD_REF = /^metadata\.labels\[\s*['"]([^'"]+)['"]\s*\]$/;

export const unifiedTaggingCheck: Check = {
  id: 'datadog.unifiedTagging',
  scope: 'local',
  appliesTo: (o) => podTemplatePath(o) !== undefined,
  run(ctx) {
    const v = datadogView(ctx.obj);
    if (!v) return;
    const open = ctx.obj.hasTemplateLines;
    const pod = new Map(v.podLabels.map((a) => [a.key, a]));
    if (!v.isPod) {
      const own = new Map(v.ownLabels.map((a) => [a.key, a]));
      for (const t of UST_LABELS.names()) {
        const key = UST_PREFIX + t;
        const o = own.get(key);
        const p = pod.get(key);
        if (o && !p && !open) {
          ctx.report(
            'dd-ust-mismatch',
            o.keyNode,
            `${key} is set on the ${ctx.obj.kind} but not on its Pod template: only the template's labels tag the Pods' metrics, logs and traces. Add it to spec.template.metadata.labels too.`,
          );
        } else if (p && !o && !open && ['Deployment', 'StatefulSet', 'DaemonSet'].includes(ctx.obj.kind!)) {
          ctx.report(
            'dd-ust-mismatch',
            p.keyNode,
            `${key} is on the Pod template but not on the ${ctx.obj.kind} itself, so its Kubernetes State Metrics are not tagged; Datadog recommends setting it on both.`,
            { severity: 'info' },
          );
        } else if (o && p && o.value !== undefined && p.value !== undefined && o.value !== p.value) {
          ctx.report(
            'dd-ust-mismatch',
            p.valueNode,
            `${key} is "${p.value}" on the Pod template but "${o.value}" on the ${ctx.obj.kind}: the Pods and the workload are tagged differently.`,
          );
        }
      }
    }
    if (open) return;
    // Downward API variables that read a tagging label the template does not set are empty.
    for (const c of v.containers) {
      const env = child(c.node, 'env', ctx.obj.doc);
      if (!isSeq(env)) continue;
      for (const e of env.items.slice(0, 200)) {
        const pathNode = child(child(child(e, 'valueFrom', ctx.obj.doc), 'fieldRef', ctx.obj.doc), 'fieldPath', ctx.obj.doc);
        const path = isUnknownNode(pathNode) ? undefined : scalarString(pathNode);
        const m = path ? FIELD_REF.exec(path) : null;
        if (!m || !m[1].startsWith(UST_PREFIX) || pod.has(m[1])) continue;
        const name = scalarString(child(e, 'name', ctx.obj.doc)) ?? 'the variable';
        ctx.report(
          'dd-ust-mismatch',
          pathNode,
          `${name} reads the label ${m[1]}, which the Pod template does not set: the variable is empty. Add the label to the template's metadata.labels.`,
        );
      }
    }
  },
};

export const admissionCheck: Check = {
  id: 'datadog.admission',
  scope: 'local',
  appliesTo: (o) => podTemplatePath(o) !== undefined,
  run(ctx) {
    const v = datadogView(ctx.obj);
    if (!v) return;
    const enabledKey = `${ADMISSION_PREFIX}enabled`;
    let enabled: Annotation | undefined;
    for (const a of v.podLabels) {
      if (!a.key.startsWith(ADMISSION_PREFIX)) continue;
      const e = ADMISSION_LABELS.get(a.key.slice(ADMISSION_PREFIX.length));
      if (!e) continue;
      if (a.key === enabledKey) enabled = a;
      if (a.value === undefined) continue;
      const allowed = (e.values ?? []).map((x) => x.value);
      if (allowed.includes(a.value)) continue;
      const ci = allowed.find((x) => x === a.value!.toLowerCase().trim());
      const fix = ci ? replaceScalarFix(ctx.obj.chunk.text, a.valueNode, ci, `Change to "${ci}"`) : undefined;
      ctx.report(
        'dd-admission-label',
        a.valueNode,
        a.key === enabledKey
          ? `${a.key} "${a.value}" is neither "true" nor "false": the admission webhook selects Pods whose label is exactly "true" (or skips exactly "false"), so this value neither opts the Pod in nor out${ci ? `. Write "${ci}"` : ''}.`
          : `${a.key} "${a.value}" is not one of ${allowed.join(', ')}.`,
        { fixes: fix ? [fix] : undefined },
      );
    }
    checkLibraries(ctx, v, enabled);
  },
};

const LIB_KEY = /^(?:([^./]+)\.)?([A-Za-z0-9#_+-]+)-lib\.(version|custom-image|config\.v1)$/;

function checkLibraries(ctx: CheckContext, v: DatadogView, enabled: Annotation | undefined): void {
  const langs = LIB_LANGUAGES.map((l) => l.value);
  let first: Annotation | undefined;
  for (const a of v.podAnnotations) {
    if (!a.key.startsWith(ADMISSION_PREFIX)) continue;
    const m = LIB_KEY.exec(a.key.slice(ADMISSION_PREFIX.length));
    if (!m) continue;
    const [, ctr, lang, what] = m;
    first ??= a;
    if (lang === 'all') {
      if (!ctr && what === 'version' && a.value !== undefined && a.value !== 'latest') {
        const fix = replaceScalarFix(ctx.obj.chunk.text, a.valueNode, 'latest', 'Change to "latest"');
        ctx.report(
          'dd-lib-annotation',
          a.valueNode,
          `${a.key} "${a.value}" is ignored: to inject every library the Cluster Agent honours only "latest" and logs a warning for any other version.`,
          { fixes: fix ? [fix] : undefined },
        );
      }
      continue;
    }
    if (!langs.includes(lang)) {
      const meant =
        LANGUAGE_ALIASES[lang.toLowerCase()] ?? (langs.includes(lang.toLowerCase()) ? lang.toLowerCase() : closest(lang, langs, 1)[0]);
      const newKey = meant ? `${ADMISSION_PREFIX}${ctr ? `${ctr}.` : ''}${meant}-lib.${what}` : undefined;
      const fix = newKey ? replaceScalarFix(ctx.obj.chunk.text, a.keyNode, newKey, `Rename to ${newKey}`) : undefined;
      ctx.report(
        'dd-lib-annotation',
        a.keyNode,
        `"${lang}" is not a language the Cluster Agent injects (${langs.join(', ')})${newKey ? ` — did you mean ${newKey}?` : ''}: no library is injected.`,
        { fixes: fix ? [fix] : undefined },
      );
      continue;
    }
    if (ctr && v.containersKnown && !unknownId(ctr) && !v.containers.some((c) => c.name === ctr)) {
      const names = v.containers.map((c) => c.name).filter((n): n is string => !!n);
      const guess = closest(ctr, names, 1)[0];
      const newKey = guess ? `${ADMISSION_PREFIX}${guess}.${lang}-lib.${what}` : undefined;
      const fix = newKey ? replaceScalarFix(ctx.obj.chunk.text, a.keyNode, newKey, `Rename to ${newKey}`) : undefined;
      ctx.report(
        'dd-lib-annotation',
        a.keyNode,
        `"${ctr}" in ${a.key} is not a container of this Pod (${names.join(', ')})${guess ? ` — did you mean "${guess}"?` : ''}: the library is injected into no container.`,
        { fixes: fix ? [fix] : undefined },
      );
    }
  }
  if (first && !ctx.obj.hasTemplateLines && (enabled === undefined || (enabled.value !== undefined && enabled.value !== 'true'))) {
    if (enabled?.value === 'false') {
      ctx.report(
        'dd-lib-annotation',
        first.keyNode,
        `${first.key} has no effect: the Pod template's label ${ADMISSION_PREFIX}enabled is "false", so the admission webhook never sees these Pods.`,
      );
    } else if (enabled === undefined) {
      ctx.report(
        'dd-lib-annotation',
        first.keyNode,
        `Libraries are injected only into Pods the admission webhook sees: add the label ${ADMISSION_PREFIX}enabled: "true" to the Pod template, unless the Cluster Agent mutates unlabelled Pods (mutateUnlabelled or Single Step Instrumentation).`,
        { severity: 'info' },
      );
    }
  }
}

export const DATADOG_CHECKS: Check[] = [autodiscoveryCheck, datadogPlacementCheck, unifiedTaggingCheck, admissionCheck];

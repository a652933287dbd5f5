/**
 * Checks of the JSON inside `actions.*`, `conditions.*` and `transforms.*`: syntax (at the exact position
 * inside the YAML scalar), the Go decoding rules (types; unknown keys dropped; keys case-insensitive), the
 * controller's own validation, and the ELBv2 API limits it would hit at reconcile time.
 */
import { isMap, isScalar, isSeq, type Pair } from 'yaml';
import type { Node as JsonNode } from 'jsonc-parser';
import { isUnknownText } from '@shared/manifest/templates';
import { missingServiceDoubt, servicesNamed, SERVICE_READS } from '../annotations/ingressModel';
import { DEPLOYMENT_READS } from '../../workspace/deployment';
import type { Check, CheckContext } from '../../checks/types';
import { servicePorts } from '../../model/service';
import type { DiagnosticCodeInfo, Fix, Severity } from '../../diagnostics/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { keyString, nodeRange, pairs, scalarString } from '@shared/manifest/yamlNodes';
import { closest } from '../../catalog/types';
import { isCidr } from '../../model/cidr';
import { embeddedJson, jsonErrorMessage, type EmbeddedJson, type ScalarStyle } from './embedded';
import {
  ACTION_TYPES, CONDITION_CONFIGS, CONDITION_FIELDS, CONTENT_TYPES, REDIRECT_CODES, TRANSFORM_CONFIGS, TRANSFORM_TYPES,
  annotationKind, matchField, rootType, typeLabel, type AnnotationKind, type JType,
} from './schema';

export const ACTIONS_CODES: DiagnosticCodeInfo[] = [
  { code: 'alb-json-invalid', severity: 'error', area: 'alb', summary: 'The JSON of an `actions.*`/`conditions.*`/`transforms.*` annotation does not parse or is empty (reported at the exact character inside the YAML scalar, in any scalar style).' },
  { code: 'alb-json-type', severity: 'error', area: 'alb', summary: 'A JSON value has a type the controller cannot decode (e.g. `"weight": "50"`, `"statusCode": 503`, a redirect `"port": 443`): the whole annotation fails to load.' },
  { code: 'alb-json-unknown-key', severity: 'warning', area: 'alb', summary: 'A key the controller does not know inside the annotation JSON: it is silently ignored (typos turn into a different load balancer); suggests the intended key.' },
  { code: 'alb-json-duplicate-key', severity: 'warning', area: 'alb', summary: 'The same key twice in one JSON object (also `"type"` and `"Type"`): the controller keeps the last one and silently drops the first.' },
  { code: 'alb-json-key-case', severity: 'hint', area: 'alb', summary: 'A key written in a different case (`"Type"`): the controller matches keys case-insensitively, so it works; the canonical spelling is suggested.' },
  { code: 'alb-action-type', severity: 'error', area: 'alb', summary: 'An action without `type` or with a type other than `forward`, `redirect`, `fixed-response` (case-sensitive).' },
  { code: 'alb-action-unused-config', severity: 'warning', area: 'alb', summary: 'An action carries a config for another type (e.g. `redirectConfig` on a `forward` action); the controller ignores it.' },
  { code: 'alb-action-forward-missing', severity: 'error', area: 'alb', summary: 'A `forward` action (or one of its target groups) names no target: neither `forwardConfig.targetGroups` nor `targetGroupARN`/`targetGroupName` (or `serviceName`).' },
  { code: 'alb-action-forward-conflict', severity: 'error', area: 'alb', summary: 'A top-level `targetGroupARN`/`targetGroupName` together with `forwardConfig`, or a target group with both `serviceName` and `targetGroupARN`/`targetGroupName`.' },
  { code: 'alb-action-target-groups-limit', severity: 'error', area: 'alb', summary: 'More than five target groups in one forward action (the ELB limit).' },
  { code: 'alb-action-service-port-missing', severity: 'error', area: 'alb', summary: 'A target group with `serviceName` but no `servicePort`.' },
  { code: 'alb-action-weight-missing', severity: 'error', area: 'alb', summary: 'A forward action with several target groups where one has no `weight` (required as soon as there are two).' },
  { code: 'alb-action-weight-range', severity: 'error', area: 'alb', summary: 'A target group `weight` outside 0–999.' },
  { code: 'alb-action-all-weights-zero', severity: 'warning', area: 'alb', summary: 'Every target group of a forward action has weight 0: no target receives traffic.' },
  { code: 'alb-action-stickiness', severity: 'error', area: 'alb', summary: '`targetGroupStickinessConfig` enabled without `durationSeconds`, or a duration outside 1–604800 seconds.' },
  { code: 'alb-action-redirect', severity: 'error', area: 'alb', summary: 'A redirect action without `redirectConfig`, or with a bad `statusCode` (HTTP_301/HTTP_302), `protocol`, `port`, `path`, `query`, or one that redirects to itself.' },
  { code: 'alb-action-fixed-response', severity: 'error', area: 'alb', summary: 'A fixed-response action without `fixedResponseConfig`, or with a `statusCode` that is not 2XX/4XX/5XX, an unsupported `contentType`, or a body over 1024 characters.' },
  { code: 'alb-action-service-missing', notInWorkspace: true, severity: 'warning', area: 'alb', summary: 'A target group `serviceName` that names no Service of the Ingress\'s namespace in the workspace, or a `servicePort` that Service does not have.' },
  { code: 'alb-condition-field', severity: 'error', area: 'alb', summary: 'A condition without `field` or with an unknown one: the controller drops the condition silently and the rule matches more than intended.' },
  { code: 'alb-condition-config', severity: 'error', area: 'alb', summary: 'A condition without the `*Config` its field needs, with empty values, a missing `httpHeaderName`/query `value`, a bad method or CIDR, or with a config for another field (ignored).' },
  { code: 'alb-condition-values-conflict', severity: 'error', area: 'alb', summary: '`values` and `regexValues` together in one condition, or `regexValues` where the rule\'s own host/path already adds plain values (the controller refuses to mix them).' },
  { code: 'alb-condition-limits', severity: 'warning', area: 'alb', summary: 'A rule over the ALB limits once the Ingress rule\'s own host and path are merged in: more than 3 values in one condition, more than 5 in the rule, or a second `http-request-method`/`source-ip` condition; ELB rejects the rule.' },
  { code: 'alb-transform-type', severity: 'error', area: 'alb', summary: 'A transform without `type` or with one other than `url-rewrite`/`host-header-rewrite`.' },
  { code: 'alb-transform-config', severity: 'error', area: 'alb', summary: 'A transform without the config its type needs, with no `rewrites`, a rewrite missing `regex`/`replace`, or with a config for the other type (ignored).' },
];

/** One annotation of ours on an Ingress: its key, YAML value node and parsed JSON. */
export interface AlbJsonAnnotation {
  key: string;
  kind: AnnotationKind;
  name: string;
  pair: Pair;
  value: unknown;
  ej?: EmbeddedJson;
}

export function albJsonAnnotations(obj: K8sObject): AlbJsonAnnotation[] {
  if (obj.kind !== 'Ingress') return [];
  const out: AlbJsonAnnotation[] = [];
  for (const p of pairs(obj.node(['metadata', 'annotations']))) {
    const key = keyString(p);
    const k = key ? annotationKind(key) : undefined;
    if (!k || !key) continue;
    out.push({ key, ...k, pair: p, value: p.value, ej: isScalar(p.value) ? embeddedJson(obj.chunk.text, p.value) : undefined });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- JSON helpers

export function jsonValue(n: JsonNode | undefined): unknown {
  if (!n) return undefined;
  if (n.type === 'string' || n.type === 'number' || n.type === 'boolean' || n.type === 'null') return n.value;
  return undefined;
}

/**
 * Property of an object node the way Go decodes it: every key matching the field (exactly or
 * case-insensitively) is assigned in order, so the last one wins.
 */
export function prop(obj: JsonNode | undefined, name: string): { key: JsonNode; value?: JsonNode } | undefined {
  if (!obj || obj.type !== 'object') return undefined;
  let found: { key: JsonNode; value?: JsonNode } | undefined;
  const lower = name.toLowerCase();
  for (const p of obj.children ?? []) {
    const k = p.children?.[0];
    if (!k || typeof k.value !== 'string') continue;
    if (k.value === name || k.value.toLowerCase() === lower) found = { key: k, value: p.children?.[1] };
  }
  return found;
}

/** The property's value unless absent or JSON null (Go leaves the field unset then). */
export function present(obj: JsonNode | undefined, name: string): JsonNode | undefined {
  const v = prop(obj, name)?.value;
  return v && v.type !== 'null' ? v : undefined;
}

export function str(obj: JsonNode | undefined, name: string): string | undefined {
  const v = present(obj, name);
  return v?.type === 'string' ? (v.value as string) : undefined;
}

/** Text to write inside the scalar for JSON text `s` (quotes and backslashes escaped per style). */
export function encodeForStyle(style: ScalarStyle, s: string): string {
  if (style === 'QUOTE_DOUBLE') return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  if (style === 'QUOTE_SINGLE') return s.replace(/'/g, "''");
  return s;
}

// ------------------------------------------------------------------------------------------------- the walk

interface Reporter {
  ctx: CheckContext;
  a: AlbJsonAnnotation;
  ej: EmbeddedJson;
  at(n: JsonNode | undefined): [number, number];
  report(code: string, n: JsonNode | [number, number] | undefined, message: string, opts?: { severity?: Severity; fixes?: Fix[] }): void;
  /** A fix replacing a JSON string node's content (inside the quotes) with `text`. */
  replaceString(n: JsonNode, text: string, title: string): Fix | undefined;
}

function reporter(ctx: CheckContext, a: AlbJsonAnnotation, ej: EmbeddedJson): Reporter {
  const keyRange = nodeRange(a.pair.key) ?? [0, 0];
  const r: Reporter = {
    ctx, a, ej,
    at(n) { return n ? ej.toSource(n.offset, n.length) : keyRange; },
    report(code, n, message, opts = {}) {
      const range = Array.isArray(n) ? n : r.at(n);
      ctx.report(code, range, message, opts);
    },
    replaceString(n, text, title) {
      if (!ej.st.exact || n.type !== 'string') return undefined;
      const [s, e] = ej.toSource(n.offset + 1, Math.max(0, n.length - 2));
      return { title, edits: [{ start: s, end: e, newText: encodeForStyle(ej.st.style, text) }], preferred: true };
    },
  };
  return r;
}

const GO_KIND: Record<string, string> = { string: 'string', number: 'number', boolean: 'boolean', null: 'null', object: 'object', array: 'array' };

/** A fix replacing a JSON string (quotes included) with its bare content: "50" → 50, "true" → true. */
function unquote(r: Reporter, n: JsonNode): Fix | undefined {
  if (!r.ej.st.exact) return undefined;
  const [s, e] = r.ej.toSource(n.offset, n.length);
  return { title: `Remove the quotes: ${String(n.value)}`, edits: [{ start: s, end: e, newText: String(n.value) }], preferred: true };
}

/** Type-check a JSON node against a Go type, and recurse; reports unknown keys and key case. */
function walk(r: Reporter, n: JsonNode, t: JType, where: string): void {
  if (n.type === 'null') return; // Go leaves pointers/slices unset, strings/numbers unchanged
  const bad = (expected: string, extra = ''): void =>
    r.report('alb-json-type', n, `${where} must be ${expected}, not a JSON ${GO_KIND[n.type]}: the controller cannot decode the annotation and the Ingress fails to reconcile${extra}`);
  switch (t.kind) {
    case 'string':
      if (n.type !== 'string') {
        const fix = n.type === 'number' || n.type === 'boolean' ? r.replaceString({ ...n, type: 'string', offset: n.offset - 1, length: n.length + 2 }, `"${String(n.value)}"`, `Quote it: "${String(n.value)}"`) : undefined;
        r.report('alb-json-type', n, `${where} must be a string, not a JSON ${GO_KIND[n.type]}: the controller cannot decode the annotation and the Ingress fails to reconcile${n.type === 'number' ? ` (write "${String(n.value)}")` : ''}`, { fixes: fix ? [fix] : undefined });
      }
      return;
    case 'int':
      if (n.type !== 'number') {
        const digits = n.type === 'string' && /^-?\d+$/.test(String(n.value));
        r.report('alb-json-type', n, `${where} must be an integer, not a JSON ${GO_KIND[n.type]}: the controller cannot decode the annotation and the Ingress fails to reconcile${digits ? ` (write ${String(n.value)} without quotes)` : ''}`,
          { fixes: digits ? [unquote(r, n)].filter((f): f is Fix => !!f) : undefined });
        return;
      }
      if (!/^-?\d+$/.test(r.ej.text.slice(n.offset, n.offset + n.length))) bad('a whole number (no fraction or exponent)');
      else if (Math.abs(n.value as number) > 2147483647) bad('a 32-bit integer');
      return;
    case 'bool':
      if (n.type !== 'boolean') {
        const lit = n.type === 'string' && /^(true|false)$/.test(String(n.value));
        r.report('alb-json-type', n, `${where} must be true or false, not a JSON ${GO_KIND[n.type]}: the controller cannot decode the annotation and the Ingress fails to reconcile${lit ? ' (write it without quotes)' : ''}`,
          { fixes: lit ? [unquote(r, n)].filter((f): f is Fix => !!f) : undefined });
      }
      return;
    case 'intOrString':
      if (n.type === 'string') return;
      if (n.type !== 'number') { bad('a port number or a port name'); return; }
      if (!/^-?\d+$/.test(r.ej.text.slice(n.offset, n.offset + n.length))) bad('a whole number or a port name');
      return;
    case 'array':
      if (n.type !== 'array') { bad(`a JSON list (${typeLabel(t)})`); return; }
      (n.children ?? []).forEach((c, i) => walk(r, c, t.items, `${where}[${i}]`));
      return;
    case 'object': {
      if (n.type !== 'object') { bad('a JSON object'); return; }
      const later = new Map<string, JsonNode>();
      for (const p of [...(n.children ?? [])].reverse()) {
        const k = p.children?.[0];
        if (!k || typeof k.value !== 'string') continue;
        const m = matchField(t.fields, k.value);
        const id = m ? m.name : k.value;
        const after = later.get(id);
        if (after) r.report('alb-json-duplicate-key', k, `"${k.value}" is set again later (as "${String(after.value)}"): the controller keeps the last value and ignores this one`);
        else later.set(id, k);
      }
      for (const p of n.children ?? []) {
        const k = p.children?.[0];
        const v = p.children?.[1];
        if (!k || typeof k.value !== 'string') continue;
        const m = matchField(t.fields, k.value);
        if (!m) {
          const known = Object.keys(t.fields);
          const guess = closest(k.value, known, 1)[0];
          const fix = guess ? r.replaceString(k, guess, `Rename to "${guess}"`) : undefined;
          r.report('alb-json-unknown-key', k, `Unknown key "${k.value}" in ${t.name}: the controller ignores it silently${guess ? `. Did you mean "${guess}"?` : `. Known keys: ${known.join(', ')}`}`, { fixes: fix ? [fix] : undefined });
          continue;
        }
        if (!m.exact) {
          const fix = r.replaceString(k, m.name, `Rename to "${m.name}"`);
          r.report('alb-json-key-case', k, `"${k.value}" works (the controller matches keys case-insensitively); the documented spelling is "${m.name}"`, { fixes: fix ? [fix] : undefined });
        }
        if (v) walk(r, v, m.field.type, `"${m.name}"`);
      }
      return;
    }
  }
}

// --------------------------------------------------------------------------------------------- the semantics

function isObj(n: JsonNode | undefined): n is JsonNode { return n?.type === 'object'; }

function checkAction(r: Reporter, root: JsonNode): void {
  if (!isObj(root)) return;
  const typeP = prop(root, 'type');
  const typeV = typeP?.value;
  const type = typeV?.type === 'string' ? (typeV.value as string) : undefined;
  if (!typeP || !typeV || typeV.type === 'null' || type === '') {
    r.report('alb-action-type', typeP?.key, `The action has no "type": use one of ${ACTION_TYPES.join(', ')}`);
    return;
  }
  if (type === undefined) return; // a type error, reported by the walk
  if (!ACTION_TYPES.includes(type)) {
    const ci = ACTION_TYPES.find((t) => t === type.toLowerCase());
    const guess = ci ?? closest(type, ACTION_TYPES, 1)[0];
    const fix = guess ? r.replaceString(typeV, guess, `Change to "${guess}"`) : undefined;
    r.report('alb-action-type', typeV, `Unknown action type "${type}"${ci ? ' (types are case-sensitive)' : ''}: use one of ${ACTION_TYPES.join(', ')}${guess && !ci ? `. Did you mean "${guess}"?` : ''}`, { fixes: fix ? [fix] : undefined });
    return;
  }
  const configs: Record<string, string> = { forward: 'forwardConfig', redirect: 'redirectConfig', 'fixed-response': 'fixedResponseConfig' };
  for (const [t, cfg] of Object.entries(configs)) {
    if (t === type) continue;
    const p = prop(root, cfg);
    if (p?.value && p.value.type !== 'null') r.report('alb-action-unused-config', p.key, `"${cfg}" is ignored: this action's type is "${type}"`);
  }
  if (type !== 'forward') {
    for (const k of ['targetGroupARN', 'targetGroupName']) {
      const p = prop(root, k);
      if (p?.value && p.value.type !== 'null') r.report('alb-action-unused-config', p.key, `"${k}" is ignored: this action's type is "${type}"`);
    }
  }
  if (type === 'forward') checkForward(r, root, typeV);
  else if (type === 'redirect') checkRedirect(r, root, typeV);
  else checkFixedResponse(r, root, typeV);
}

function checkForward(r: Reporter, root: JsonNode, typeV: JsonNode): void {
  const arnP = prop(root, 'targetGroupARN'), nameP = prop(root, 'targetGroupName');
  const single = [arnP, nameP].filter((p) => p?.value && p.value.type !== 'null');
  const fcP = prop(root, 'forwardConfig');
  const fc = present(root, 'forwardConfig');
  if (single.length && fc) {
    r.report('alb-action-forward-conflict', fcP!.key, `Use either "forwardConfig" or a top-level "${single[0]!.key.value}", not both: the controller rejects the action`);
    return;
  }
  if (!single.length && !fc) {
    r.report('alb-action-forward-missing', typeV, 'A forward action needs "forwardConfig": {"targetGroups": [...]} (or a top-level "targetGroupARN"/"targetGroupName")');
    return;
  }
  if (!isObj(fc)) return;
  const tgsP = prop(fc, 'targetGroups');
  const tgs = present(fc, 'targetGroups');
  if (!tgs || (tgs.type === 'array' && (tgs.children ?? []).length === 0)) {
    r.report('alb-action-forward-missing', tgsP?.key ?? fcP!.key, '"forwardConfig" has no target groups: list at least one in "targetGroups"');
    return;
  }
  if (tgs.type !== 'array') return;
  const items = tgs.children ?? [];
  if (items.length > 5) r.report('alb-action-target-groups-limit', items[5], `${items.length} target groups: a forward action can have at most 5`);
  const weights: { node?: JsonNode; value?: number }[] = [];
  for (const tg of items) {
    if (!isObj(tg)) continue;
    const svc = present(tg, 'serviceName');
    const arn = present(tg, 'targetGroupARN') ?? present(tg, 'targetGroupName');
    if (!svc && !arn) r.report('alb-action-forward-missing', tg, 'This target group names no target: give "serviceName" + "servicePort", or "targetGroupARN"/"targetGroupName"');
    if (svc && arn) r.report('alb-action-forward-conflict', prop(tg, arn === present(tg, 'targetGroupARN') ? 'targetGroupARN' : 'targetGroupName')!.key, 'A target group takes either "serviceName" or "targetGroupARN"/"targetGroupName", not both: the controller rejects the action');
    if (svc && !present(tg, 'servicePort')) r.report('alb-action-service-port-missing', prop(tg, 'serviceName')!.key, `"serviceName" needs a "servicePort" (the Service's port number or name)`);
    const w = present(tg, 'weight');
    if (w?.type === 'number') {
      const v = w.value as number;
      if (v < 0 || v > 999) r.report('alb-action-weight-range', w, `Weight ${v} is out of range: weights go from 0 to 999`);
      weights.push({ node: w, value: v });
    } else weights.push({ node: w });
    if (items.length > 1 && !w) r.report('alb-action-weight-missing', prop(tg, 'serviceName')?.key ?? prop(tg, 'targetGroupARN')?.key ?? prop(tg, 'targetGroupName')?.key ?? tg, 'With several target groups every one needs a "weight" (the controller rejects the action otherwise)');
  }
  if (weights.length > 0 && weights.every((w) => w.value === 0)) r.report('alb-action-all-weights-zero', tgsP!.key, 'Every target group has weight 0: no target receives traffic');
  const stP = prop(fc, 'targetGroupStickinessConfig');
  const st = present(fc, 'targetGroupStickinessConfig');
  if (isObj(st)) {
    const en = present(st, 'enabled');
    const dur = present(st, 'durationSeconds');
    if (en?.type === 'boolean' && en.value === true && !dur) r.report('alb-action-stickiness', stP!.key, 'Stickiness is enabled without "durationSeconds" (1–604800): ELB rejects it');
    if (dur?.type === 'number' && ((dur.value as number) < 1 || (dur.value as number) > 604800)) r.report('alb-action-stickiness', dur, `"durationSeconds" ${String(dur.value)} is out of range: 1 to 604800 (7 days)`);
  }
}

const RESERVED = ['#{protocol}', '#{host}', '#{port}', '#{path}', '#{query}'];

function checkRedirect(r: Reporter, root: JsonNode, typeV: JsonNode): void {
  const rcP = prop(root, 'redirectConfig');
  const rc = present(root, 'redirectConfig');
  if (!rc) { r.report('alb-action-redirect', typeV, 'A redirect action needs "redirectConfig" (at least "statusCode" and the part of the URL to change)'); return; }
  if (!isObj(rc)) return;
  const sc = present(rc, 'statusCode');
  if (!sc || (sc.type === 'string' && sc.value === '')) r.report('alb-action-redirect', rcP!.key, '"redirectConfig" needs "statusCode": "HTTP_301" or "HTTP_302"');
  else if (sc.type === 'string' && !REDIRECT_CODES.includes(sc.value as string)) {
    const v = sc.value as string;
    const guess = /^(HTTP_)?30[12]$/i.test(v) ? `HTTP_${v.slice(-3)}` : undefined;
    r.report('alb-action-redirect', sc, `Redirect "statusCode" must be "HTTP_301" (permanent) or "HTTP_302" (temporary), not "${v}"`, { fixes: guess ? [r.replaceString(sc, guess, `Change to "${guess}"`)!].filter(Boolean) : undefined });
  }
  const proto = str(rc, 'protocol');
  if (proto !== undefined && !/^(HTTPS?|#\{protocol\})$/.test(proto)) {
    const up = proto.toUpperCase();
    const fix = up === 'HTTP' || up === 'HTTPS' ? r.replaceString(present(rc, 'protocol')!, up, `Change to "${up}"`) : undefined;
    r.report('alb-action-redirect', present(rc, 'protocol'), `Redirect "protocol" must be "HTTP", "HTTPS" or "#{protocol}" (upper case), not "${proto}"`, { fixes: fix ? [fix] : undefined });
  }
  const port = str(rc, 'port');
  if (port !== undefined && port !== '#{port}' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) r.report('alb-action-redirect', present(rc, 'port'), `Redirect "port" must be 1–65535 or "#{port}", not "${port}"`);
  const path = str(rc, 'path');
  if (path !== undefined && !path.startsWith('/')) r.report('alb-action-redirect', present(rc, 'path'), `Redirect "path" must start with "/" (use "/#{path}" to keep the original path)`);
  const query = str(rc, 'query');
  if (query !== undefined && query.startsWith('?')) r.report('alb-action-redirect', present(rc, 'query'), 'Redirect "query" is written without the leading "?" (ELB adds it)', { severity: 'warning' });
  for (const k of ['host', 'path', 'query']) {
    const v = str(rc, k);
    if (v !== undefined && v.length > 128) r.report('alb-action-redirect', present(rc, k), `Redirect "${k}" is ${v.length} characters long: at most 128`);
  }
  const changes = ['protocol', 'host', 'port', 'path'].some((k) => { const v = str(rc, k); return v !== undefined && v !== '' && !RESERVED.includes(v) && !(k === 'path' && v === '/#{path}'); });
  if (!changes) r.report('alb-action-redirect', rcP!.key, 'This redirect changes none of protocol, host, port or path: it would send clients back to the same URL (a loop); ELB requires at least one to change', { severity: 'warning' });
}

function checkFixedResponse(r: Reporter, root: JsonNode, typeV: JsonNode): void {
  const fcP = prop(root, 'fixedResponseConfig');
  const fc = present(root, 'fixedResponseConfig');
  if (!fc) { r.report('alb-action-fixed-response', typeV, 'A fixed-response action needs "fixedResponseConfig" with at least "statusCode"'); return; }
  if (!isObj(fc)) return;
  const sc = present(fc, 'statusCode');
  if (!sc || (sc.type === 'string' && sc.value === '')) r.report('alb-action-fixed-response', fcP!.key, '"fixedResponseConfig" needs "statusCode" (a 2XX, 4XX or 5XX code as a string, e.g. "503")');
  else if (sc.type === 'string' && !/^[245]\d\d$/.test(sc.value as string)) r.report('alb-action-fixed-response', sc, `Fixed-response "statusCode" must be a 2XX, 4XX or 5XX code, not "${String(sc.value)}"`);
  const ct = str(fc, 'contentType');
  if (ct !== undefined && !CONTENT_TYPES.includes(ct)) {
    const guess = CONTENT_TYPES.find((c) => c === ct.toLowerCase().trim()) ?? closest(ct, CONTENT_TYPES, 1)[0];
    const fix = guess ? r.replaceString(present(fc, 'contentType')!, guess, `Change to "${guess}"`) : undefined;
    r.report('alb-action-fixed-response', present(fc, 'contentType'), `"contentType" must be one of ${CONTENT_TYPES.join(', ')}, not "${ct}"`, { fixes: fix ? [fix] : undefined });
  }
  const body = str(fc, 'messageBody');
  if (body !== undefined && body.length > 1024) r.report('alb-action-fixed-response', present(fc, 'messageBody'), `"messageBody" is ${body.length} characters long: at most 1024`);
}

/** What the Ingress rules routing to `name` add for host and path: plain values and, per rule path, counts. */
function ruleValues(obj: K8sObject, name: string): { host: boolean; pathValues: boolean; uses: { host: number; path: number }[] } {
  let host = false, pathValues = false;
  const uses: { host: number; path: number }[] = [];
  const regexPaths = obj.annotations['alb.ingress.kubernetes.io/use-regex-path-match'] === 'true';
  const rules = obj.node(['spec', 'rules']);
  if (!isSeq(rules)) return { host, pathValues, uses };
  for (const rule of rules.items) {
    const httpPaths = isMap(rule) ? rule.getIn(['http', 'paths'], true) : undefined;
    if (!isSeq(httpPaths)) continue;
    for (const p of httpPaths.items) {
      if (!isMap(p)) continue;
      if (scalarString(p.getIn(['backend', 'service', 'name'], true)) !== name) continue;
      const ruleHost = !!scalarString((rule as { get(k: string, keep: true): unknown }).get('host', true));
      if (ruleHost) host = true;
      const path = scalarString(p.get('path', true));
      const pt = scalarString(p.get('pathType', true)) ?? 'ImplementationSpecific';
      if (path && !(pt === 'ImplementationSpecific' && regexPaths)) pathValues = true;
      const pathCount = !path ? 0 : pt === 'Prefix' && path !== '/' ? 2 : 1;
      uses.push({ host: ruleHost ? 1 : 0, path: pathCount });
    }
  }
  return { host, pathValues, uses };
}

/** ALB limits per rule: 3 match evaluations per condition, 5 per rule, one method and one source-ip condition. */
function checkConditionLimits(r: Reporter, root: JsonNode, obj: K8sObject): void {
  const count = (n?: JsonNode): number => (n?.type === 'array' ? (n.children ?? []).length : 0);
  let host = 0, path = 0, total = 0;
  const seen = new Map<string, number>();
  for (const c of root.children ?? []) {
    if (!isObj(c)) continue;
    const field = str(c, 'field');
    const cfgInfo = field ? CONDITION_CONFIGS[field] : undefined;
    if (!field || !cfgInfo) continue;
    const cfg = present(c, cfgInfo.key);
    const n = count(present(cfg, 'values')) + count(present(cfg, 'regexValues'));
    seen.set(field, (seen.get(field) ?? 0) + 1);
    if ((field === 'http-request-method' || field === 'source-ip') && seen.get(field) === 2) r.report('alb-condition-limits', present(c, 'field'), `A rule can have only one "${field}" condition: put all values in one (ELB rejects the rule)`);
    if (field === 'host-header') host += n;
    else if (field === 'path-pattern') path += n;
    else {
      total += n;
      if (n > 3) r.report('alb-condition-limits', prop(c, cfgInfo.key)?.key ?? c, `${n} values in one condition: ALB allows at most 3 per condition (split it into several conditions)`);
    }
  }
  const uses = ruleValues(obj, r.a.name).uses;
  let worst: { host: number; path: number; total: number } | undefined;
  for (const u of uses.length ? uses : [{ host: 0, path: 0 }]) {
    const h = host + u.host, p = path + u.path;
    const t = total + h + p;
    if (!worst || t > worst.total || h > worst.host || p > worst.path) worst = { host: h, path: p, total: t };
  }
  if (!worst) return;
  if (worst.host > 3) r.report('alb-condition-limits', undefined, `The rule would match ${worst.host} host values (the rule's host merged with the host-header condition): ALB allows at most 3 per condition`);
  if (worst.path > 3) r.report('alb-condition-limits', undefined, `The rule would match ${worst.path} path values (the Ingress path merged with the path-pattern condition; a Prefix path counts twice): ALB allows at most 3 per condition`);
  if (worst.total > 5) r.report('alb-condition-limits', undefined, `The rule would have ${worst.total} match evaluations (conditions plus the Ingress rule's host and path): ALB allows at most 5 per rule`);
}

function checkConditions(r: Reporter, root: JsonNode, obj: K8sObject): void {
  if (root.type !== 'array') return;
  checkConditionLimits(r, root, obj);
  for (const c of root.children ?? []) {
    if (!isObj(c)) continue;
    const fP = prop(c, 'field');
    const fv = present(c, 'field');
    const field = fv?.type === 'string' ? (fv.value as string) : undefined;
    if (!fv || field === '') {
      r.report('alb-condition-field', fP?.key ?? c, `This condition has no "field": the controller ignores it silently, so the rule matches without it. Use one of ${CONDITION_FIELDS.join(', ')}`);
      continue;
    }
    if (field === undefined) continue;
    if (!CONDITION_FIELDS.includes(field)) {
      const guess = CONDITION_FIELDS.find((f) => f === field.toLowerCase()) ?? closest(field, CONDITION_FIELDS, 1)[0];
      const fix = guess ? r.replaceString(fv, guess, `Change to "${guess}"`) : undefined;
      r.report('alb-condition-field', fv, `Unknown condition field "${field}": the controller ignores this condition silently, so the rule matches without it. Use one of ${CONDITION_FIELDS.join(', ')}${guess ? `. Did you mean "${guess}"?` : ''}`, { fixes: fix ? [fix] : undefined });
      continue;
    }
    const want = CONDITION_CONFIGS[field].key;
    for (const [f, cfg] of Object.entries(CONDITION_CONFIGS)) {
      if (f === field) continue;
      const p = prop(c, cfg.key);
      if (p?.value && p.value.type !== 'null') r.report('alb-condition-config', p.key, `"${cfg.key}" is ignored: this condition's field is "${field}" (it reads "${want}")`, { severity: 'warning' });
    }
    const cfg = present(c, want);
    if (!cfg) { r.report('alb-condition-config', fv, `A "${field}" condition needs "${want}"`); continue; }
    if (!isObj(cfg)) continue;
    const cfgKey = prop(c, want)!.key;
    const values = present(cfg, 'values');
    const regex = present(cfg, 'regexValues');
    const nonEmpty = (n?: JsonNode): boolean => n?.type === 'array' && (n.children ?? []).length > 0;
    const hasRegexField = field === 'host-header' || field === 'http-header' || field === 'path-pattern';
    if (hasRegexField && nonEmpty(values) && nonEmpty(regex)) r.report('alb-condition-values-conflict', prop(cfg, 'regexValues')!.key, 'Use either "values" (wildcards) or "regexValues" (regular expressions) in one condition, not both');
    else if (!nonEmpty(values) && !(hasRegexField && nonEmpty(regex))) r.report('alb-condition-config', cfgKey, `"${want}" needs ${hasRegexField ? '"values" or "regexValues"' : '"values"'} with at least one entry`);
    if (hasRegexField && nonEmpty(regex) && !nonEmpty(values)) {
      const rv = ruleValues(obj, r.a.name);
      if (field === 'host-header' && rv.host) r.report('alb-condition-values-conflict', prop(cfg, 'regexValues')!.key, 'The Ingress rule for this backend has a "host", which the controller adds as a plain value: it refuses to combine it with host "regexValues" (drop the rule host or use "values")');
      if (field === 'path-pattern' && rv.pathValues) r.report('alb-condition-values-conflict', prop(cfg, 'regexValues')!.key, 'The Ingress path for this backend becomes a plain path value: the controller refuses to combine it with path "regexValues" (set use-regex-path-match with pathType ImplementationSpecific, or use "values")');
    }
    if (field === 'http-header') {
      const name = str(cfg, 'httpHeaderName');
      if (!name) r.report('alb-condition-config', cfgKey, '"httpHeaderConfig" needs "httpHeaderName" (the header to match, e.g. "User-Agent")');
    }
    if (field === 'http-request-method' && values?.type === 'array') {
      for (const v of values.children ?? []) {
        if (v.type !== 'string') continue;
        const m = v.value as string;
        if (!/^[A-Z_-]{1,40}$/.test(m)) {
          const up = m.toUpperCase();
          const fix = /^[A-Z_-]{1,40}$/.test(up) ? r.replaceString(v, up, `Change to "${up}"`) : undefined;
          r.report('alb-condition-config', v, `HTTP method "${m}" is invalid: methods are case-sensitive upper-case names (A-Z, "-", "_"; no wildcards)`, { fixes: fix ? [fix] : undefined });
        }
      }
    }
    if (field === 'query-string' && values?.type === 'array') {
      for (const v of values.children ?? []) {
        if (!isObj(v)) continue;
        const val = present(v, 'value');
        if (!val || (val.type === 'string' && val.value === '')) r.report('alb-condition-config', v, 'A query-string pair needs a non-empty "value" ("key" is optional)');
      }
    }
    if (field === 'source-ip' && values?.type === 'array') {
      for (const v of values.children ?? []) {
        if (v.type === 'string' && !isCidr(v.value as string)) r.report('alb-condition-config', v, `"${String(v.value)}" is not a CIDR block (e.g. "10.0.0.0/8" or "2001:db8::/32")`);
      }
    }
  }
}

function checkTransforms(r: Reporter, root: JsonNode): void {
  if (root.type !== 'array') return;
  for (const t of root.children ?? []) {
    if (!isObj(t)) continue;
    const tP = prop(t, 'type');
    const tv = present(t, 'type');
    const type = tv?.type === 'string' ? (tv.value as string) : undefined;
    if (!tv || type === '') { r.report('alb-transform-type', tP?.key ?? t, `This transform has no "type": use ${TRANSFORM_TYPES.join(' or ')}`); continue; }
    if (type === undefined) continue;
    if (!TRANSFORM_TYPES.includes(type)) {
      const guess = closest(type, TRANSFORM_TYPES, 1)[0];
      const fix = guess ? r.replaceString(tv, guess, `Change to "${guess}"`) : undefined;
      r.report('alb-transform-type', tv, `Unknown transform type "${type}": use ${TRANSFORM_TYPES.join(' or ')}${guess ? `. Did you mean "${guess}"?` : ''}`, { fixes: fix ? [fix] : undefined });
      continue;
    }
    const want = TRANSFORM_CONFIGS[type];
    for (const [ty, key] of Object.entries(TRANSFORM_CONFIGS)) {
      if (ty === type) continue;
      const p = prop(t, key);
      if (p?.value && p.value.type !== 'null') r.report('alb-transform-config', p.key, `"${key}" is ignored: this transform's type is "${type}" (it reads "${want}")`, { severity: 'warning' });
    }
    const cfg = present(t, want);
    if (!cfg) { r.report('alb-transform-config', tv, `A "${type}" transform needs "${want}": {"rewrites": [{"regex": ..., "replace": ...}]}`); continue; }
    if (!isObj(cfg)) continue;
    const rw = present(cfg, 'rewrites');
    if (!rw || (rw.type === 'array' && (rw.children ?? []).length === 0)) { r.report('alb-transform-config', prop(t, want)!.key, `"${want}" needs at least one entry in "rewrites"`); continue; }
    if (rw.type !== 'array') continue;
    for (const x of rw.children ?? []) {
      if (!isObj(x)) continue;
      const missing = ['regex', 'replace'].filter((k) => !present(x, k));
      if (missing.length) r.report('alb-transform-config', x, `A rewrite needs ${missing.map((m) => `"${m}"`).join(' and ')}`);
      const re = str(x, 'regex');
      if (re) { try { new RegExp(re); } catch { /* ALB uses its own regex dialect: do not judge */ } }
    }
  }
}

// ------------------------------------------------------------------------------------------------ the checks

export const actionsJsonCheck: Check = {
  id: 'alb.actionsJson',
  scope: 'local',
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    for (const a of albJsonAnnotations(ctx.obj)) {
      if (!a.ej) continue; // a YAML map/list or a non-string: the annotation catalog reports it
      const ej = a.ej;
      const r = reporter(ctx, a, ej);
      if (ej.text.trim() === '') {
        r.report('alb-json-invalid', nodeRange(a.value) ?? r.at(undefined), `The ${a.kind} annotation is empty: the controller cannot decode it and the Ingress fails to reconcile`);
        continue;
      }
      if (ej.errors.length) {
        // A template action or placeholder in the JSON (`{{ toJson .Values.x }}`): it is not JSON yet.
        if (isUnknownText(ej.text)) continue;
        for (const e of ej.errors.slice(0, 3)) {
          const range = ej.toSource(e.offset, Math.max(1, e.length));
          r.report('alb-json-invalid', range, `Invalid JSON in ${a.key}: ${jsonErrorMessage(e)} (the controller cannot decode it and the Ingress fails to reconcile)`);
        }
        continue;
      }
      const root = ej.root;
      if (!root) continue;
      const rt = rootType(a.kind);
      if (a.kind !== 'actions' && root.type === 'object') {
        r.report('alb-json-type', root, `The ${a.kind} annotation must be a JSON list ([ {...} ]), not a single object: the controller cannot decode it`);
        continue;
      }
      walk(r, root, rt, a.kind === 'actions' ? 'The action' : `The ${a.kind} annotation`);
      if (a.kind === 'actions') checkAction(r, root);
      else if (a.kind === 'conditions') checkConditions(r, root, ctx.obj);
      else checkTransforms(r, root);
    }
  },
};

/** Services named by forward target groups: do they exist in the namespace, with that port? */
export const actionsServiceCheck: Check = {
  id: 'alb.actionsServices',
  scope: 'workspace',
  reads: [...SERVICE_READS, ...DEPLOYMENT_READS],
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    const ns = ctx.obj.namespace;
    for (const a of albJsonAnnotations(ctx.obj)) {
      if (a.kind !== 'actions' || !a.ej?.root || a.ej.errors.length) continue;
      const r = reporter(ctx, a, a.ej);
      const tgs = present(present(a.ej.root, 'forwardConfig'), 'targetGroups');
      if (tgs?.type !== 'array') continue;
      if (!ctx.index.hasKindIn('Service', ns)) continue; // no Services here at all: nothing to compare with
      for (const tg of tgs.children ?? []) {
        const svcN = present(tg, 'serviceName');
        if (svcN?.type !== 'string') continue;
        const name = svcN.value as string;
        const found = servicesNamed(ctx.index, name, ns);
        if (!found.length) {
          // The workspace may not hold it (see missingServiceDoubt): no finding when a templated Service
          // deployed with this Ingress may be it; information when the namespace's Services come from elsewhere.
          const doubt = missingServiceDoubt(ctx.index, ctx.obj, [ns]);
          if (doubt === null) continue;
          const guess = closest(name, ctx.index.byKind('Service').filter((s) => s.name && s.namespace === ns || !s.namespace || !ns).map((s) => s.name!), 1)[0];
          const fix = guess ? r.replaceString(svcN, guess, `Change to "${guess}"`) : undefined;
          r.report('alb-action-service-missing', svcN, `No Service "${name}" in ${ns ? `namespace ${ns}` : 'the workspace'}: the controller fails to build this action${guess ? `. Did you mean "${guess}"?` : ''}${doubt ? ` (it may exist outside the workspace: ${doubt})` : ''}`, { fixes: fix ? [fix] : undefined, severity: doubt ? 'info' : undefined });
          continue;
        }
        const portN = present(tg, 'servicePort');
        if (!portN || (portN.type !== 'string' && portN.type !== 'number')) continue;
        const want = String(portN.value);
        const ports = servicePorts(found[0]) ?? [];
        if (!ports.length) continue;
        const ok = ports.some((p) => (/^\d+$/.test(want) ? String(p.port) === want : p.name === want));
        if (!ok) r.report('alb-action-service-missing', portN, `Service "${name}" has no port ${/^\d+$/.test(want) ? want : `named "${want}"`} (it has ${ports.map((p) => p.name ? `${p.port}/${p.name}` : String(p.port)).join(', ')})`);
      }
    }
  },
};



/**
 * Checks of the JSON inside `actions.*`, `conditions.*` and `transforms.*`: syntax (at the exact position
 * inside the YAML scalar), the Go decoding rules (walk.ts), the controller's own validation, and the ELBv2 API
 * limits it would hit at reconcile time.
 */
import { isMap, isSeq } from 'yaml';
import type { Node as JsonNode } from 'jsonc-parser';
import { isUnknownText } from '@shared/manifest/templates';
import type { Check } from '../../checks/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { nodeRange, scalarString } from '@shared/manifest/yamlNodes';
import { closest } from '../../catalog/types';
import { isCidr } from '../../model/cidr';
import { jsonErrorMessage } from './embedded';
import {
  ACTION_TYPES,
  CONDITION_CONFIGS,
  CONDITION_FIELDS,
  CONTENT_TYPES,
  JWT_CLAIM_FORMATS,
  MTLS_MODES,
  PREFIX,
  REDIRECT_CODES,
  TRANSFORM_CONFIGS,
  TRANSFORM_TYPES,
  isListKind,
  rootType,
  type JType,
} from './catalog';
import { albJsonAnnotations, isObj, present, prop, str } from './model';
import { reporter, walk, type Reporter } from './walk';

// datadog/checks.ts imports encodeForStyle from here.
export { encodeForStyle } from './embedded';

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
    r.report(
      'alb-action-type',
      typeV,
      `Unknown action type "${type}"${ci ? ' (types are case-sensitive)' : ''}: use one of ${ACTION_TYPES.join(', ')}${guess && !ci ? `. Did you mean "${guess}"?` : ''}`,
      { fixes: fix ? [fix] : undefined },
    );
    return;
  }
  const configs: Record<string, string> = { forward: 'forwardConfig', redirect: 'redirectConfig', 'fixed-response': 'fixedResponseConfig' };
  for (const [t, cfg] of Object.entries(configs)) {
    if (t === type) continue;
    const p = prop(root, cfg);
    if (p?.value && p.value.type !== 'null')
      r.report('alb-action-unused-config', p.key, `"${cfg}" is ignored: this action's type is "${type}"`);
  }
  if (type !== 'forward') {
    for (const k of ['targetGroupARN', 'targetGroupName']) {
      const p = prop(root, k);
      if (p?.value && p.value.type !== 'null')
        r.report('alb-action-unused-config', p.key, `"${k}" is ignored: this action's type is "${type}"`);
    }
  }
  if (type === 'forward') checkForward(r, root, typeV);
  else if (type === 'redirect') checkRedirect(r, root, typeV);
  else checkFixedResponse(r, root, typeV);
}

function checkForward(r: Reporter, root: JsonNode, typeV: JsonNode): void {
  const arnP = prop(root, 'targetGroupARN'),
    nameP = prop(root, 'targetGroupName');
  const single = [arnP, nameP].filter((p) => p?.value && p.value.type !== 'null');
  const fcP = prop(root, 'forwardConfig');
  const fc = present(root, 'forwardConfig');
  if (single.length && fc) {
    r.report(
      'alb-action-forward-conflict',
      fcP!.key,
      `Use either "forwardConfig" or a top-level "${single[0]!.key.value}", not both: the controller rejects the action`,
    );
    return;
  }
  if (!single.length && !fc) {
    r.report(
      'alb-action-forward-missing',
      typeV,
      'A forward action needs "forwardConfig": {"targetGroups": [...]} (or a top-level "targetGroupARN"/"targetGroupName")',
    );
    return;
  }
  if (!isObj(fc)) return;
  const tgsP = prop(fc, 'targetGroups');
  const tgs = present(fc, 'targetGroups');
  if (!tgs || (tgs.type === 'array' && (tgs.children ?? []).length === 0)) {
    r.report(
      'alb-action-forward-missing',
      tgsP?.key ?? fcP!.key,
      '"forwardConfig" has no target groups: list at least one in "targetGroups"',
    );
    return;
  }
  if (tgs.type !== 'array') return;
  const items = tgs.children ?? [];
  if (items.length > 5)
    r.report('alb-action-target-groups-limit', items[5], `${items.length} target groups: a forward action can have at most 5`);
  const weights: { node?: JsonNode; value?: number }[] = [];
  for (const tg of items) {
    if (!isObj(tg)) continue;
    const svc = present(tg, 'serviceName');
    const arn = present(tg, 'targetGroupARN') ?? present(tg, 'targetGroupName');
    if (!svc && !arn)
      r.report(
        'alb-action-forward-missing',
        tg,
        'This target group names no target: give "serviceName" + "servicePort", or "targetGroupARN"/"targetGroupName"',
      );
    if (svc && arn)
      r.report(
        'alb-action-forward-conflict',
        prop(tg, arn === present(tg, 'targetGroupARN') ? 'targetGroupARN' : 'targetGroupName')!.key,
        'A target group takes either "serviceName" or "targetGroupARN"/"targetGroupName", not both: the controller rejects the action',
      );
    if (svc && !present(tg, 'servicePort'))
      r.report(
        'alb-action-service-port-missing',
        prop(tg, 'serviceName')!.key,
        `"serviceName" needs a "servicePort" (the Service's port number or name)`,
      );
    const w = present(tg, 'weight');
    if (w?.type === 'number') {
      const v = w.value as number;
      if (v < 0 || v > 999) r.report('alb-action-weight-range', w, `Weight ${v} is out of range: weights go from 0 to 999`);
      weights.push({ node: w, value: v });
    } else weights.push({ node: w });
    if (items.length > 1 && !w)
      r.report(
        'alb-action-weight-missing',
        prop(tg, 'serviceName')?.key ?? prop(tg, 'targetGroupARN')?.key ?? prop(tg, 'targetGroupName')?.key ?? tg,
        'With several target groups every one needs a "weight" (the controller rejects the action otherwise)',
      );
  }
  if (weights.length > 0 && weights.every((w) => w.value === 0))
    r.report('alb-action-all-weights-zero', tgsP!.key, 'Every target group has weight 0: no target receives traffic');
  const stP = prop(fc, 'targetGroupStickinessConfig');
  const st = present(fc, 'targetGroupStickinessConfig');
  if (isObj(st)) {
    const en = present(st, 'enabled');
    const dur = present(st, 'durationSeconds');
    if (en?.type === 'boolean' && en.value === true && !dur)
      r.report('alb-action-stickiness', stP!.key, 'Stickiness is enabled without "durationSeconds" (1–604800): ELB rejects it');
    if (dur?.type === 'number' && ((dur.value as number) < 1 || (dur.value as number) > 604800))
      r.report('alb-action-stickiness', dur, `"durationSeconds" ${String(dur.value)} is out of range: 1 to 604800 (7 days)`);
  }
}

const RESERVED = ['#{protocol}', '#{host}', '#{port}', '#{path}', '#{query}'];

function checkRedirect(r: Reporter, root: JsonNode, typeV: JsonNode): void {
  const rcP = prop(root, 'redirectConfig');
  const rc = present(root, 'redirectConfig');
  if (!rc) {
    r.report(
      'alb-action-redirect',
      typeV,
      'A redirect action needs "redirectConfig" (at least "statusCode" and the part of the URL to change)',
    );
    return;
  }
  if (!isObj(rc)) return;
  const sc = present(rc, 'statusCode');
  if (!sc || (sc.type === 'string' && sc.value === ''))
    r.report('alb-action-redirect', rcP!.key, '"redirectConfig" needs "statusCode": "HTTP_301" or "HTTP_302"');
  else if (sc.type === 'string' && !REDIRECT_CODES.includes(sc.value as string)) {
    const v = sc.value as string;
    const guess = /^(HTTP_)?30[12]$/i.test(v) ? `HTTP_${v.slice(-3)}` : undefined;
    r.report('alb-action-redirect', sc, `Redirect "statusCode" must be "HTTP_301" (permanent) or "HTTP_302" (temporary), not "${v}"`, {
      fixes: guess ? [r.replaceString(sc, guess, `Change to "${guess}"`)!].filter(Boolean) : undefined,
    });
  }
  const proto = str(rc, 'protocol');
  if (proto !== undefined && !/^(HTTPS?|#\{protocol\})$/.test(proto)) {
    const up = proto.toUpperCase();
    const fix = up === 'HTTP' || up === 'HTTPS' ? r.replaceString(present(rc, 'protocol')!, up, `Change to "${up}"`) : undefined;
    r.report(
      'alb-action-redirect',
      present(rc, 'protocol'),
      `Redirect "protocol" must be "HTTP", "HTTPS" or "#{protocol}" (upper case), not "${proto}"`,
      { fixes: fix ? [fix] : undefined },
    );
  }
  const port = str(rc, 'port');
  if (port !== undefined && port !== '#{port}' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535))
    r.report('alb-action-redirect', present(rc, 'port'), `Redirect "port" must be 1–65535 or "#{port}", not "${port}"`);
  const path = str(rc, 'path');
  if (path !== undefined && !path.startsWith('/'))
    r.report('alb-action-redirect', present(rc, 'path'), `Redirect "path" must start with "/" (use "/#{path}" to keep the original path)`);
  const query = str(rc, 'query');
  if (query !== undefined && query.startsWith('?'))
    r.report('alb-action-redirect', present(rc, 'query'), 'Redirect "query" is written without the leading "?" (ELB adds it)', {
      severity: 'warning',
    });
  for (const k of ['host', 'path', 'query']) {
    const v = str(rc, k);
    if (v !== undefined && v.length > 128)
      r.report('alb-action-redirect', present(rc, k), `Redirect "${k}" is ${v.length} characters long: at most 128`);
  }
  const changes = ['protocol', 'host', 'port', 'path'].some((k) => {
    const v = str(rc, k);
    return v !== undefined && v !== '' && !RESERVED.includes(v) && !(k === 'path' && v === '/#{path}');
  });
  if (!changes)
    r.report(
      'alb-action-redirect',
      rcP!.key,
      'This redirect changes none of protocol, host, port or path: it would send clients back to the same URL (a loop); ELB requires at least one to change',
      { severity: 'warning' },
    );
}

function checkFixedResponse(r: Reporter, root: JsonNode, typeV: JsonNode): void {
  const fcP = prop(root, 'fixedResponseConfig');
  const fc = present(root, 'fixedResponseConfig');
  if (!fc) {
    r.report('alb-action-fixed-response', typeV, 'A fixed-response action needs "fixedResponseConfig" with at least "statusCode"');
    return;
  }
  if (!isObj(fc)) return;
  const sc = present(fc, 'statusCode');
  if (!sc || (sc.type === 'string' && sc.value === ''))
    r.report(
      'alb-action-fixed-response',
      fcP!.key,
      '"fixedResponseConfig" needs "statusCode" (a 2XX, 4XX or 5XX code as a string, e.g. "503")',
    );
  else if (sc.type === 'string' && !/^[245]\d\d$/.test(sc.value as string))
    r.report('alb-action-fixed-response', sc, `Fixed-response "statusCode" must be a 2XX, 4XX or 5XX code, not "${String(sc.value)}"`);
  const ct = str(fc, 'contentType');
  if (ct !== undefined && !CONTENT_TYPES.includes(ct)) {
    const guess = CONTENT_TYPES.find((c) => c === ct.toLowerCase().trim()) ?? closest(ct, CONTENT_TYPES, 1)[0];
    const fix = guess ? r.replaceString(present(fc, 'contentType')!, guess, `Change to "${guess}"`) : undefined;
    r.report(
      'alb-action-fixed-response',
      present(fc, 'contentType'),
      `"contentType" must be one of ${CONTENT_TYPES.join(', ')}, not "${ct}"`,
      { fixes: fix ? [fix] : undefined },
    );
  }
  const body = str(fc, 'messageBody');
  if (body !== undefined && body.length > 1024)
    r.report('alb-action-fixed-response', present(fc, 'messageBody'), `"messageBody" is ${body.length} characters long: at most 1024`);
}

/** What the Ingress rules routing to `name` add for host and path: plain values and, per rule path, counts. */
function ruleValues(obj: K8sObject, name: string): { host: boolean; pathValues: boolean; uses: { host: number; path: number }[] } {
  let host = false,
    pathValues = false;
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
  let host = 0,
    path = 0,
    total = 0;
  const seen = new Map<string, number>();
  for (const c of root.children ?? []) {
    if (!isObj(c)) continue;
    const field = str(c, 'field');
    const cfgInfo = field ? CONDITION_CONFIGS[field] : undefined;
    if (!field || !cfgInfo) continue;
    const cfg = present(c, cfgInfo.key);
    const n = count(present(cfg, 'values')) + count(present(cfg, 'regexValues'));
    seen.set(field, (seen.get(field) ?? 0) + 1);
    if ((field === 'http-request-method' || field === 'source-ip') && seen.get(field) === 2)
      r.report(
        'alb-condition-limits',
        present(c, 'field'),
        `A rule can have only one "${field}" condition: put all values in one (ELB rejects the rule)`,
      );
    if (field === 'host-header') host += n;
    else if (field === 'path-pattern') path += n;
    else {
      total += n;
      if (n > 3)
        r.report(
          'alb-condition-limits',
          prop(c, cfgInfo.key)?.key ?? c,
          `${n} values in one condition: ALB allows at most 3 per condition (split it into several conditions)`,
        );
    }
  }
  const uses = ruleValues(obj, r.a.name).uses;
  let worst: { host: number; path: number; total: number } | undefined;
  for (const u of uses.length ? uses : [{ host: 0, path: 0 }]) {
    const h = host + u.host,
      p = path + u.path;
    const t = total + h + p;
    if (!worst || t > worst.total || h > worst.host || p > worst.path) worst = { host: h, path: p, total: t };
  }
  if (!worst) return;
  if (worst.host > 3)
    r.report(
      'alb-condition-limits',
      undefined,
      `The rule would match ${worst.host} host values (the rule's host merged with the host-header condition): ALB allows at most 3 per condition`,
    );
  if (worst.path > 3)
    r.report(
      'alb-condition-limits',
      undefined,
      `The rule would match ${worst.path} path values (the Ingress path merged with the path-pattern condition; a Prefix path counts twice): ALB allows at most 3 per condition`,
    );
  if (worst.total > 5)
    r.report(
      'alb-condition-limits',
      undefined,
      `The rule would have ${worst.total} match evaluations (conditions plus the Ingress rule's host and path): ALB allows at most 5 per rule`,
    );
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
      r.report(
        'alb-condition-field',
        fP?.key ?? c,
        `This condition has no "field": the controller ignores it silently, so the rule matches without it. Use one of ${CONDITION_FIELDS.join(', ')}`,
      );
      continue;
    }
    if (field === undefined) continue;
    if (!CONDITION_FIELDS.includes(field)) {
      const guess = CONDITION_FIELDS.find((f) => f === field.toLowerCase()) ?? closest(field, CONDITION_FIELDS, 1)[0];
      const fix = guess ? r.replaceString(fv, guess, `Change to "${guess}"`) : undefined;
      r.report(
        'alb-condition-field',
        fv,
        `Unknown condition field "${field}": the controller ignores this condition silently, so the rule matches without it. Use one of ${CONDITION_FIELDS.join(', ')}${guess ? `. Did you mean "${guess}"?` : ''}`,
        { fixes: fix ? [fix] : undefined },
      );
      continue;
    }
    const want = CONDITION_CONFIGS[field].key;
    for (const [f, cfg] of Object.entries(CONDITION_CONFIGS)) {
      if (f === field) continue;
      const p = prop(c, cfg.key);
      if (p?.value && p.value.type !== 'null')
        r.report('alb-condition-config', p.key, `"${cfg.key}" is ignored: this condition's field is "${field}" (it reads "${want}")`, {
          severity: 'warning',
        });
    }
    const cfg = present(c, want);
    if (!cfg) {
      r.report('alb-condition-config', fv, `A "${field}" condition needs "${want}"`);
      continue;
    }
    if (!isObj(cfg)) continue;
    const cfgKey = prop(c, want)!.key;
    const values = present(cfg, 'values');
    const regex = present(cfg, 'regexValues');
    const nonEmpty = (n?: JsonNode): boolean => n?.type === 'array' && (n.children ?? []).length > 0;
    const hasRegexField = field === 'host-header' || field === 'http-header' || field === 'path-pattern';
    if (hasRegexField && nonEmpty(values) && nonEmpty(regex))
      r.report(
        'alb-condition-values-conflict',
        prop(cfg, 'regexValues')!.key,
        'Use either "values" (wildcards) or "regexValues" (regular expressions) in one condition, not both',
      );
    else if (!nonEmpty(values) && !(hasRegexField && nonEmpty(regex)))
      r.report(
        'alb-condition-config',
        cfgKey,
        `"${want}" needs ${hasRegexField ? '"values" or "regexValues"' : '"values"'} with at least one entry`,
      );
    if (hasRegexField && nonEmpty(regex) && !nonEmpty(values)) {
      const rv = ruleValues(obj, r.a.name);
      if (field === 'host-header' && rv.host)
        r.report(
          'alb-condition-values-conflict',
          prop(cfg, 'regexValues')!.key,
          'The Ingress rule for this backend has a "host", which the controller adds as a plain value: it refuses to combine it with host "regexValues" (drop the rule host or use "values")',
        );
      if (field === 'path-pattern' && rv.pathValues)
        r.report(
          'alb-condition-values-conflict',
          prop(cfg, 'regexValues')!.key,
          'The Ingress path for this backend becomes a plain path value: the controller refuses to combine it with path "regexValues" (set use-regex-path-match with pathType ImplementationSpecific, or use "values")',
        );
    }
    if (field === 'http-header') {
      const name = str(cfg, 'httpHeaderName');
      if (!name)
        r.report('alb-condition-config', cfgKey, '"httpHeaderConfig" needs "httpHeaderName" (the header to match, e.g. "User-Agent")');
    }
    if (field === 'http-request-method' && values?.type === 'array') {
      for (const v of values.children ?? []) {
        if (v.type !== 'string') continue;
        const m = v.value as string;
        if (!/^[A-Z_-]{1,40}$/.test(m)) {
          const up = m.toUpperCase();
          const fix = /^[A-Z_-]{1,40}$/.test(up) ? r.replaceString(v, up, `Change to "${up}"`) : undefined;
          r.report(
            'alb-condition-config',
            v,
            `HTTP method "${m}" is invalid: methods are case-sensitive upper-case names (A-Z, "-", "_"; no wildcards)`,
            { fixes: fix ? [fix] : undefined },
          );
        }
      }
    }
    if (field === 'query-string' && values?.type === 'array') {
      for (const v of values.children ?? []) {
        if (!isObj(v)) continue;
        const val = present(v, 'value');
        if (!val || (val.type === 'string' && val.value === ''))
          r.report('alb-condition-config', v, 'A query-string pair needs a non-empty "value" ("key" is optional)');
      }
    }
    if (field === 'source-ip' && values?.type === 'array') {
      for (const v of values.children ?? []) {
        if (v.type === 'string' && !isCidr(v.value as string))
          r.report('alb-condition-config', v, `"${String(v.value)}" is not a CIDR block (e.g. "10.0.0.0/8" or "2001:db8::/32")`);
      }
    }
  }
}

/** Required string fields: present and non-empty (Go decodes a missing one as ""). */
function requireStrings(r: Reporter, o: JsonNode, names: string[], code: string, what: string, why: string): void {
  const missing = names.filter((n) => {
    const v = present(o, n);
    return !v || (v.type === 'string' && v.value === '');
  });
  if (missing.length) r.report(code, o, `${what} needs ${missing.map((m) => `"${m}"`).join(', ')}: ${why}`);
}

/** jwt-validation (enhanced_backend_builder.go buildJwtValidationConfig). */
function checkJwt(r: Reporter, root: JsonNode): void {
  if (!isObj(root)) return;
  requireStrings(
    r,
    root,
    ['jwksEndpoint', 'issuer'],
    'alb-jwt-validation',
    'jwt-validation',
    'the controller refuses the annotation without them',
  );
  const claims = present(root, 'additionalClaims');
  if (claims?.type !== 'array') return;
  for (const c of claims.children ?? []) {
    if (!isObj(c)) continue;
    requireStrings(
      r,
      c,
      ['format', 'name'],
      'alb-jwt-validation',
      'An additional claim',
      'the controller refuses the annotation without them',
    );
    const f = present(c, 'format');
    if (f?.type === 'string' && f.value !== '' && !JWT_CLAIM_FORMATS.includes(f.value as string)) {
      const guess = closest(f.value as string, JWT_CLAIM_FORMATS, 1)[0];
      r.report('alb-jwt-validation', f, `Claim format "${String(f.value)}" is not one of ${JWT_CLAIM_FORMATS.join(', ')}: ELB rejects it`, {
        fixes: guess ? [r.replaceString(f, guess, `Change to "${guess}"`)].filter((x): x is NonNullable<typeof x> => !!x) : undefined,
      });
    }
    const v = present(c, 'values');
    if (!v || (v.type === 'array' && (v.children ?? []).length === 0))
      r.report(
        'alb-jwt-validation',
        prop(c, 'values')?.key ?? c,
        'An additional claim needs at least one entry in "values": the controller refuses an empty list',
      );
  }
}

/** mutual-authentication (model_build_listener.go validateMutualAuthenticationConfig). */
function checkMtls(r: Reporter, root: JsonNode): void {
  if (root.type !== 'array') return;
  if (!(root.children ?? []).length) {
    r.report(
      'alb-mutual-authentication',
      root,
      'mutual-authentication is an empty list: the controller refuses it (remove the annotation for no mTLS)',
    );
    return;
  }
  for (const e of root.children ?? []) {
    if (!isObj(e)) continue;
    const port = present(e, 'port');
    if (!port)
      r.report('alb-mutual-authentication', e, 'This entry has no "port": the controller reads port 0 and refuses it (ports 1–65535)');
    else if (port.type === 'number' && ((port.value as number) < 1 || (port.value as number) > 65535))
      r.report('alb-mutual-authentication', port, `Port ${String(port.value)} is outside 1–65535`);
    const modeN = present(e, 'mode');
    const mode = str(e, 'mode');
    if (!modeN || mode === '') {
      r.report('alb-mutual-authentication', prop(e, 'mode')?.key ?? e, `This entry needs a "mode": ${MTLS_MODES.join(', ')}`);
      continue;
    }
    if (mode === undefined) continue;
    if (!MTLS_MODES.includes(mode)) {
      const guess = MTLS_MODES.find((m) => m === mode.toLowerCase());
      r.report(
        'alb-mutual-authentication',
        modeN,
        `mode "${mode}" is not one of ${MTLS_MODES.join(', ')}${guess ? ' (modes are lower case)' : ''}`,
        {
          fixes: guess ? [r.replaceString(modeN, guess, `Change to "${guess}"`)].filter((x): x is NonNullable<typeof x> => !!x) : undefined,
        },
      );
      continue;
    }
    const ts = str(e, 'trustStore') ?? '';
    if (mode === 'verify' && ts === '')
      r.report(
        'alb-mutual-authentication',
        modeN,
        'mode "verify" needs a "trustStore" (its name or ARN): the controller refuses the entry',
      );
    if (mode !== 'verify') {
      if (ts !== '')
        r.report(
          'alb-mutual-authentication',
          prop(e, 'trustStore')!.key,
          `mode "${mode}" takes no "trustStore" (only "verify" checks certificates): the controller refuses the entry`,
        );
      const ign = prop(e, 'ignoreClientCertificateExpiry');
      if (ign?.value && ign.value.type !== 'null')
        r.report(
          'alb-mutual-authentication',
          ign.key,
          `mode "${mode}" takes no "ignoreClientCertificateExpiry": the controller refuses the entry`,
        );
      const adv = prop(e, 'advertiseTrustStoreCaNames');
      if (adv?.value && adv.value.type !== 'null')
        r.report(
          'alb-mutual-authentication',
          adv.key,
          `"advertiseTrustStoreCaNames" needs mode "verify": the controller refuses it with "${mode}"`,
        );
    }
    const adv = present(e, 'advertiseTrustStoreCaNames');
    if (adv?.type === 'string' && !['on', 'off'].includes(adv.value as string))
      r.report('alb-mutual-authentication', adv, `"advertiseTrustStoreCaNames" is "on" or "off", not "${String(adv.value)}"`);
  }
}

/** auth-idp-cognito / auth-idp-oidc: the fields ELB needs to build the authenticate action. */
function checkIdp(r: Reporter, root: JsonNode, t: JType): void {
  if (!isObj(root) || t.kind !== 'object') return;
  const required = Object.entries(t.fields)
    .filter(([, f]) => f.required)
    .map(([n]) => n);
  requireStrings(
    r,
    root,
    required,
    'alb-auth-idp',
    r.a.key.slice(PREFIX.length),
    'ELB cannot build the authentication action without them (the OIDC Secret name is how the controller finds the client ID and secret)',
  );
  const extra = present(root, 'authenticationRequestExtraParams');
  if (extra?.type === 'object' && (extra.children ?? []).length > 10)
    r.report(
      'alb-auth-idp',
      prop(root, 'authenticationRequestExtraParams')!.key,
      `${(extra.children ?? []).length} authenticationRequestExtraParams: ELB allows at most 10`,
    );
}

function checkTransforms(r: Reporter, root: JsonNode): void {
  if (root.type !== 'array') return;
  for (const t of root.children ?? []) {
    if (!isObj(t)) continue;
    const tP = prop(t, 'type');
    const tv = present(t, 'type');
    const type = tv?.type === 'string' ? (tv.value as string) : undefined;
    if (!tv || type === '') {
      r.report('alb-transform-type', tP?.key ?? t, `This transform has no "type": use ${TRANSFORM_TYPES.join(' or ')}`);
      continue;
    }
    if (type === undefined) continue;
    if (!TRANSFORM_TYPES.includes(type)) {
      const guess = closest(type, TRANSFORM_TYPES, 1)[0];
      const fix = guess ? r.replaceString(tv, guess, `Change to "${guess}"`) : undefined;
      r.report(
        'alb-transform-type',
        tv,
        `Unknown transform type "${type}": use ${TRANSFORM_TYPES.join(' or ')}${guess ? `. Did you mean "${guess}"?` : ''}`,
        { fixes: fix ? [fix] : undefined },
      );
      continue;
    }
    const want = TRANSFORM_CONFIGS[type];
    for (const [ty, key] of Object.entries(TRANSFORM_CONFIGS)) {
      if (ty === type) continue;
      const p = prop(t, key);
      if (p?.value && p.value.type !== 'null')
        r.report('alb-transform-config', p.key, `"${key}" is ignored: this transform's type is "${type}" (it reads "${want}")`, {
          severity: 'warning',
        });
    }
    const cfg = present(t, want);
    if (!cfg) {
      r.report('alb-transform-config', tv, `A "${type}" transform needs "${want}": {"rewrites": [{"regex": ..., "replace": ...}]}`);
      continue;
    }
    if (!isObj(cfg)) continue;
    const rw = present(cfg, 'rewrites');
    if (!rw || (rw.type === 'array' && (rw.children ?? []).length === 0)) {
      r.report('alb-transform-config', prop(t, want)!.key, `"${want}" needs at least one entry in "rewrites"`);
      continue;
    }
    if (rw.type !== 'array') continue;
    for (const x of rw.children ?? []) {
      if (!isObj(x)) continue;
      const missing = ['regex', 'replace'].filter((k) => !present(x, k));
      if (missing.length) r.report('alb-transform-config', x, `A rewrite needs ${missing.map((m) => `"${m}"`).join(' and ')}`);
      const re = str(x, 'regex');
      if (re) {
        try {
          new RegExp(re);
        } catch {
          /* ALB uses its own regex dialect: do not judge */
        }
      }
    }
  }
}

// ------------------------------------------------------------------------------------------------ the checks

export const actionsJsonCheck: Check = {
  id: 'alb.actionsJson',
  scope: 'local',
  appliesTo: (o) => o.kind === 'Ingress' || o.kind === 'Service',
  run(ctx) {
    for (const a of albJsonAnnotations(ctx.obj)) {
      if (!a.ej) continue; // a YAML map/list or a non-string: the annotation catalog reports it
      const ej = a.ej;
      const r = reporter(ctx, a, ej);
      if (ej.text.trim() === '') {
        r.report(
          'alb-json-invalid',
          nodeRange(a.value) ?? r.at(undefined),
          `The ${a.kind} annotation is empty: the controller cannot decode it and the Ingress fails to reconcile`,
        );
        continue;
      }
      if (ej.errors.length) {
        // A template action or placeholder in the JSON (`{{ toJson .Values.x }}`): it is not JSON yet.
        if (isUnknownText(ej.text)) continue;
        for (const e of ej.errors.slice(0, 3)) {
          const range = ej.toSource(e.offset, Math.max(1, e.length));
          r.report(
            'alb-json-invalid',
            range,
            `Invalid JSON in ${a.key}: ${jsonErrorMessage(e)} (the controller cannot decode it and the Ingress fails to reconcile)`,
          );
        }
        continue;
      }
      const root = ej.root;
      if (!root) continue;
      const rt = rootType(a.kind);
      if (isListKind(a.kind) && root.type === 'object') {
        r.report(
          'alb-json-type',
          root,
          `The ${a.kind} annotation must be a JSON list ([ {...} ]), not a single object: the controller cannot decode it`,
        );
        continue;
      }
      walk(r, root, rt, a.kind === 'actions' ? 'The action' : `The ${a.kind} annotation`);
      switch (a.kind) {
        case 'actions':
          checkAction(r, root);
          break;
        case 'conditions':
          checkConditions(r, root, ctx.obj);
          break;
        case 'transforms':
          checkTransforms(r, root);
          break;
        case 'jwt-validation':
          checkJwt(r, root);
          break;
        case 'mutual-authentication':
          checkMtls(r, root);
          break;
        case 'auth-idp-cognito':
        case 'auth-idp-oidc':
          checkIdp(r, root, rt);
          break;
      }
    }
  },
};

/**
 * Judging an annotation value the way the controller parses it (Go strconv / encoding/json semantics):
 * integers are not trimmed, booleans accept Go's spellings (1, t, TRUE, False, …), stringLists skip empty
 * items, stringMaps split on unescaped commas. Returns problems with the code to report them under.
 */
import type { Severity } from '../../diagnostics/types';
import { SSL_POLICIES, type AlbAnnotationEntry } from './catalog';
import type { CatalogEntry } from '../../catalog/types';
import { isCidr } from '../../model/cidr';
import { clipJson } from '../../model/messageText';

export interface ValueProblem {
  code: string;
  message: string;
  severity?: Severity;
}

const GO_BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
const VALUE = 'alb-annotation-value';

/** The controller's split of a stringMap value: pairs separated by commas, `\` escapes the next character. */
export function splitKeyValuePairs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += s[i + 1];
      i++;
      continue;
    }
    if (c === ',') {
      const rest = s.slice(i + 1).trim();
      if (rest.includes('=')) {
        out.push(cur.trim());
        cur = '';
        continue;
      }
      if (rest.length > 0) {
        out.push(cur.trim(), rest);
        return out;
      }
      cur += c;
      continue;
    }
    cur += c;
  }
  if (cur.length > 0) out.push(cur.trim());
  return out;
}

const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:[^:\s]+:certificate\/[^\s,]+$/;
const IAM_CERT_ARN = /^arn:aws[a-z-]*:iam::[^:\s]+:server-certificate\/[^\s,]+$/;

/** An ACM certificate ARN or an IAM server certificate ARN. */
export function isCertificateArn(text: string): boolean {
  return ACM_ARN.test(text) || IAM_CERT_ARN.test(text);
}

function jsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Validate the text of a known ALB (or Service catalog) annotation. `label` is the name used in messages. */
export function validateValue(e: AlbAnnotationEntry | CatalogEntry, text: string, label: string): ValueProblem[] {
  const alb = e as AlbAnnotationEntry;
  switch (alb.check) {
    case 'json-owned-elsewhere':
      return []; // actions/conditions/transforms JSON: checked by the actions part
    case 'group-name': {
      if (text.length > 63)
        return [
          { code: 'alb-group-name', message: `${label} is ${text.length} characters long; IngressGroup names are at most 63 characters` },
        ];
      if (!alb.pattern!.test(text))
        return [{ code: 'alb-group-name', message: `${label} "${text}" is not a valid IngressGroup name: use ${alb.patternHint}` }];
      return [];
    }
    case 'certificate-arn': {
      const items = text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (items.length === 0)
        return [{ code: 'alb-certificate-arn', message: `${label} is empty; give at least one certificate ARN`, severity: 'warning' }];
      const bad = items.filter((a) => !ACM_ARN.test(a) && !IAM_CERT_ARN.test(a));
      return bad.map((b) => ({
        code: 'alb-certificate-arn',
        message: `"${b}" in ${label} is not a certificate ARN: expected ${alb.patternHint}`,
      }));
    }
    case 'listen-ports':
      return listenPortsProblems(text, label);
    case 'healthcheck-port': {
      if (text === 'traffic-port') return [];
      if (/^[+-]?\d+$/.test(text)) {
        const n = Number(text);
        return n >= 1 && n <= 65535 ? [] : [{ code: VALUE, message: `${label} must be a port between 1 and 65535, got ${text}` }];
      }
      if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(text) && text.length <= 15) return []; // a named Service port
      return [{ code: VALUE, message: `${label} must be "traffic-port", a port number or a Service port name; got "${text}"` }];
    }
    case 'success-codes':
    case 'nlb-success-codes': {
      const ranges = parseCodeRanges(text);
      if (!ranges) return [{ code: VALUE, message: `${label} must be status codes like "200", "200,302" or "200-399"; got "${text}"` }];
      const bad = ranges.find((r) => r[0] > r[1]);
      if (bad) return [{ code: VALUE, message: `${label}: the range ${bad[0]}-${bad[1]} runs backwards` }];
      if (alb.check === 'nlb-success-codes') {
        // The frontend NLB's HTTP(S) health check matcher (ELBv2 Matcher: 200–599 for Network Load Balancers).
        const out = ranges.find((r) => r[0] < 200 || r[1] > 599);
        return out
          ? [
              {
                code: VALUE,
                message: `${label}: ${out[0]}${out[1] !== out[0] ? `-${out[1]}` : ''} is outside 200–599, the codes a Network Load Balancer's health check accepts`,
              },
            ]
          : [];
      }
      // ELBv2 Matcher: HttpCode 200–499 on ALB target groups, GrpcCode 0–99 (backend-protocol-version GRPC).
      const neither = ranges.find((r) => !(r[0] >= 200 && r[1] <= 499) && !(r[0] >= 0 && r[1] <= 99));
      return neither
        ? [
            {
              code: VALUE,
              message: `${label}: ${neither[0]}${neither[1] !== neither[0] ? `-${neither[1]}` : ''} is neither an HTTP code 200–499 nor a gRPC code 0–99, the only ones ALB health checks accept`,
            },
          ]
        : [];
    }
    default:
      return moreValueProblems(e, text, label);
  }
}

/** The rest of validateValue: NLB ports and mappings, capacity, CIDRs, SSL policies, then the catalog type. */
function moreValueProblems(e: AlbAnnotationEntry | CatalogEntry, text: string, label: string): ValueProblem[] {
  const alb = e as AlbAnnotationEntry;
  switch (alb.check) {
    case 'nlb-healthcheck-port': {
      // model_build_frontend_nlb.go buildFrontendNlbTargetGroupHealthCheckPort: traffic-port or a number (no names).
      if (text === 'traffic-port') return [];
      if (/^[+-]?\d+$/.test(text)) {
        const n = Number(text);
        return n >= 1 && n <= 65535 ? [] : [{ code: VALUE, message: `${label} must be a port between 1 and 65535, got ${text}` }];
      }
      return [
        {
          code: VALUE,
          message: `${label} must be "traffic-port" or a port number; the frontend NLB cannot resolve a port name ("${text}") and the controller fails to build it`,
        },
      ];
    }
    case 'port-mapping': {
      // model_build_frontend_nlb.go parseFrontendNlbListenerPortMapping: nlbPort=albPort, both strconv.ParseInt(…, 10, 32).
      const shape = stringMapProblem(text, label);
      if (shape) return [shape];
      for (const part of splitKeyValuePairs(text)) {
        const [k, v] = part.split('=', 2).map((x) => x.trim()) as [string, string];
        for (const [what, n] of [
          ['NLB listener port', k],
          ['ALB listener port', v],
        ] as const) {
          if (!/^[+-]?\d+$/.test(n) || Number(n) < 1 || Number(n) > 65535)
            return [
              {
                code: VALUE,
                message: `${label}: "${part}" needs whole numbers on both sides (nlbPort=albPort, 1–65535); the ${what} "${n}" is not one`,
              },
            ];
        }
      }
      return [];
    }
    case 'capacity': {
      // model_build_load_balancer_capacity_reservation.go: the only key is CapacityUnits, an int32.
      const shape = stringMapProblem(text, label);
      if (shape) return [shape];
      for (const part of splitKeyValuePairs(text)) {
        const eq = part.indexOf('=');
        const k = part.slice(0, eq).trim(),
          v = part.slice(eq + 1).trim();
        if (k !== 'CapacityUnits')
          return [
            {
              code: VALUE,
              message: `${label}: the key must be exactly "CapacityUnits", not "${k}" (the controller rejects any other key)`,
            },
          ];
        if (!/^[+-]?\d+$/.test(v) || Math.abs(Number(v)) > 2147483647)
          return [{ code: VALUE, message: `${label}: CapacityUnits must be a whole number, got "${v}"` }];
      }
      return [];
    }
    case 'non-empty':
      // model_build_load_balancer.go buildLoadBalancerCOIPv4Pool: an empty value is an error, not "unset".
      return text === ''
        ? [{ code: VALUE, message: `${label} is empty: the controller refuses an empty value (remove the annotation to use no pool)` }]
        : [];
    case 'cidr': {
      const items = text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      return items
        .filter((c) => !isCidr(c))
        .map((c) => ({
          code: VALUE,
          message: `"${c}" in ${label} is not a CIDR (e.g. 10.0.0.0/16 or ::/0): the controller rejects the Ingress`,
        }));
    }
    case 'ssl-policy':
      if (SSL_POLICIES.includes(text)) return [];
      if (/^ELBSecurityPolicy-[A-Za-z0-9-]+$/.test(text))
        return [
          {
            code: VALUE,
            message: `${label} "${text}" is not one of the predefined ELB security policies we know; check the name (newer policies may be missing from our list)`,
            severity: 'info',
          },
        ];
      return [
        {
          code: VALUE,
          message: `${label} "${text}" is not a predefined ELB security policy (ALB accepts no custom policies), e.g. ELBSecurityPolicy-TLS13-1-2-2021-06`,
          severity: 'warning',
        },
      ];
    default:
      return typeProblems(e, text, label);
  }
}

/** Problems of a value by its catalog type (annotations without a check of their own). */
function typeProblems(e: AlbAnnotationEntry | CatalogEntry, text: string, label: string): ValueProblem[] {
  const alb = e as AlbAnnotationEntry;
  switch (e.type) {
    case 'integer': {
      if (!/^[+-]?\d+$/.test(text))
        return [
          { code: VALUE, message: `${label} must be an integer written as a string (e.g. '${e.default ?? e.min ?? 1}'), got "${text}"` },
        ];
      const n = Number(text);
      if (n < -2147483648 || n > 2147483647) return [{ code: VALUE, message: `${label} ${text} does not fit a 32-bit integer` }];
      if (e.min !== undefined && n < e.min)
        return [
          {
            code: VALUE,
            message: `${label} must be at least ${e.min}, got ${n}${e.max !== undefined ? ` (allowed: ${e.min}–${e.max})` : ''}`,
          },
        ];
      if (e.max !== undefined && n > e.max)
        return [
          {
            code: VALUE,
            message: `${label} must be at most ${e.max}, got ${n}${e.min !== undefined ? ` (allowed: ${e.min}–${e.max})` : ''}`,
          },
        ];
      return [];
    }
    case 'boolean':
      return GO_BOOLS.has(text) ? [] : [{ code: VALUE, message: `${label} must be 'true' or 'false', got "${text}"` }];
    case 'enum': {
      const allowed = (e.values ?? []).map((v) => v.value);
      if (allowed.includes(text)) return [];
      const ci = allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase());
      if (e.caseInsensitive && ci !== undefined && ci.toLowerCase() === text.toLowerCase()) return [];
      return [
        {
          code: VALUE,
          message: `${label} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; got "${text}"${ci ? ` (did you mean "${ci}"? values are case-sensitive)` : ''}`,
        },
      ];
    }
    case 'stringList':
      if (text.trim() === '') return [{ code: VALUE, message: `${label} is empty; give a comma-separated list`, severity: 'warning' }];
      return [];
    case 'stringMap': {
      const p = stringMapProblem(text, label);
      return p ? [p] : [];
    }
    case 'json': {
      const err = jsonError(text);
      return err ? [{ code: VALUE, message: `${label} is not valid JSON: ${err}` }] : [];
    }
    default: {
      const out: ValueProblem[] = [];
      if (alb.maxLength !== undefined && text.length > alb.maxLength)
        out.push({ code: VALUE, message: `${label} is ${text.length} characters long; at most ${alb.maxLength} are allowed` });
      else if (e.pattern && !e.pattern.test(text))
        out.push({ code: VALUE, message: `${label} "${text}" is not valid: expected ${e.patternHint ?? e.pattern.source}` });
      return out;
    }
  }
}

/** The controller's stringMap parse (parser.go ParseStringMapAnnotation): each pair needs `=` and a key. */
function stringMapProblem(text: string, label: string): ValueProblem | undefined {
  for (const part of splitKeyValuePairs(text)) {
    const eq = part.indexOf('=');
    if (eq === -1)
      return {
        code: VALUE,
        message: `"${part}" in ${label} is not a key=value pair (write key1=value1,key2=value2; escape a comma inside a value as \\,)`,
      };
    if (part.slice(0, eq).trim() === '') return { code: VALUE, message: `"${part}" in ${label} has an empty key` };
  }
  return undefined;
}

/** The controller's stringMap as a map (parser.go: keys and values trimmed, the last duplicate wins); undefined if malformed. */
export function parseStringMap(text: string): Map<string, string> | undefined {
  const m = new Map<string, string>();
  for (const part of splitKeyValuePairs(text)) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() === '') return undefined;
    m.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return m;
}

/** The controller's stringList (parser.go splitCommaSeparatedString): items trimmed, empty ones dropped. */
export function parseStringList(text: string): string[] {
  return text
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** Go's strconv.ParseBool; undefined when it does not parse. */
export function parseGoBool(text: string): boolean | undefined {
  if (!GO_BOOLS.has(text)) return undefined;
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text);
}

/** Status codes and ranges (`200`, `200,302`, `200-399`), as [from, to] pairs; undefined when malformed. */
export function parseCodeRanges(text: string): [number, number][] | undefined {
  if (!/^\s*\d{1,3}(\s*-\s*\d{1,3})?(\s*,\s*\d{1,3}(\s*-\s*\d{1,3})?)*\s*$/.test(text)) return undefined;
  return text.split(',').map((x) => {
    const [a, b] = x.split('-').map((n) => Number(n.trim()));
    return [a, b ?? a] as [number, number];
  });
}

export interface ListenPort {
  protocol: string;
  port: number;
}

/** listen-ports as the controller reads it, or undefined when it does not parse. */
export function parseListenPorts(text: string): ListenPort[] | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(v)) return undefined;
  const out: ListenPort[] = [];
  for (const item of v) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
    for (const [k, p] of Object.entries(item as Record<string, unknown>)) {
      if (typeof p !== 'number' || !Number.isInteger(p)) return undefined;
      out.push({ protocol: k, port: p });
    }
  }
  return out;
}

function listenPortsProblems(text: string, label: string): ValueProblem[] {
  const code = 'alb-listen-ports';
  const err = jsonError(text);
  if (err) return [{ code, message: `${label} is not valid JSON: ${err}. Expected e.g. '[{"HTTP": 80}, {"HTTPS": 443}]'` }];
  const v = JSON.parse(text) as unknown;
  if (!Array.isArray(v))
    return [
      {
        code,
        message: `${label} must be a JSON list like [{"HTTP": 80}, {"HTTPS": 443}], not ${typeof v === 'object' && v ? 'an object' : typeof v}`,
      },
    ];
  if (v.length === 0) return [{ code, message: `${label} is an empty list: the controller rejects it` }];
  const out: ValueProblem[] = [];
  const seen = new Map<number, string>();
  for (const item of v) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      out.push({ code, message: `Each entry of ${label} must be an object like {"HTTPS": 443}, got ${clipJson(item)}` });
      continue;
    }
    for (const [proto, port] of Object.entries(item as Record<string, unknown>)) {
      if (proto !== 'HTTP' && proto !== 'HTTPS') {
        const up = proto.toUpperCase();
        out.push({
          code,
          message: `"${proto}" in ${label} is not a listener protocol: use "HTTP" or "HTTPS"${up === 'HTTP' || up === 'HTTPS' ? ` (in capitals: "${up}")` : ''}`,
        });
        continue;
      }
      if (typeof port !== 'number' || !Number.isInteger(port)) {
        out.push({
          code,
          message: `The port of "${proto}" in ${label} must be a JSON number (e.g. ${proto === 'HTTPS' ? 443 : 80}), got ${clipJson(port)}`,
        });
        continue;
      }
      if (port < 1 || port > 65535) {
        out.push({ code, message: `Listen port ${port} in ${label} is outside 1–65535` });
        continue;
      }
      const prev = seen.get(port);
      if (prev !== undefined)
        out.push({
          code,
          message: `Port ${port} appears twice in ${label}${prev !== proto ? ` (as ${prev} and ${proto})` : ''}; each listener port may be defined once`,
          severity: prev === proto ? 'warning' : 'error',
        });
      seen.set(port, proto);
    }
  }
  return out;
}

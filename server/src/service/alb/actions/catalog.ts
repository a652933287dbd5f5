/**
 * The shapes the AWS Load Balancer Controller decodes from `actions.*`, `conditions.*` and `transforms.*`
 * (Go types in pkg/ingress/config_types.go, decoded with encoding/json: keys match case-insensitively and
 * unknown keys are dropped without a word). Limits come from the ELBv2 API the controller calls. Docs are
 * ours; each field links to the upstream section.
 */

export const DOCS = 'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/';
export const ELB_API = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/';

/** Go-side type of a field (decides which JSON values decode). */
export type JType =
  | { kind: 'string'; values?: string[]; valuesOpen?: boolean }
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'bool' }
  | { kind: 'intOrString' }
  | { kind: 'array'; items: JType }
  | { kind: 'map'; values: JType }
  | { kind: 'object'; name: string; fields: Record<string, Field> };

export interface Field {
  type: JType;
  doc: string;
  required?: boolean;
  link: string;
}

const str = (values?: string[], valuesOpen = false): JType => ({ kind: 'string', values, valuesOpen });
const strList: JType = { kind: 'array', items: { kind: 'string' } };

export const ACTION_TYPES = ['forward', 'redirect', 'fixed-response'];
export const CONDITION_FIELDS = ['host-header', 'http-header', 'http-request-method', 'path-pattern', 'query-string', 'source-ip'];
export const TRANSFORM_TYPES = ['url-rewrite', 'host-header-rewrite'];
export const CONTENT_TYPES = ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'];
export const REDIRECT_CODES = ['HTTP_301', 'HTTP_302'];
export const FIXED_CODES_COMMON = ['200', '204', '301', '400', '401', '403', '404', '429', '500', '502', '503', '504'];

const A = DOCS + '#actions';
const C = DOCS + '#conditions';
const T = DOCS + '#transforms';

export const TARGET_GROUP: JType = {
  kind: 'object',
  name: 'target group',
  fields: {
    serviceName: {
      type: str(),
      doc: "Name of a Kubernetes Service in the Ingress's namespace; the controller creates and manages its target group. Needs `servicePort`.",
      link: A,
    },
    servicePort: {
      type: { kind: 'intOrString' },
      doc: 'Port of that Service: its number (`80`, or `"80"`) or its name (`"http"`).',
      link: A,
    },
    targetGroupARN: {
      type: str(),
      doc: 'ARN of a target group managed outside Kubernetes (for example a legacy application). Use instead of `serviceName`.',
      link: A,
    },
    targetGroupName: { type: str(), doc: 'Name of a target group managed outside Kubernetes. Use instead of `serviceName`.', link: A },
    weight: {
      type: { kind: 'int', min: 0, max: 999 },
      doc: 'Share of traffic for this target group, 0–999, relative to the other weights (0 sends nothing). Required when there is more than one target group.',
      link: ELB_API + 'API_TargetGroupTuple.html',
    },
  },
};

export const STICKINESS: JType = {
  kind: 'object',
  name: 'targetGroupStickinessConfig',
  fields: {
    enabled: {
      type: { kind: 'bool' },
      doc: 'Keep a client on the same target group for `durationSeconds` (needs target group stickiness to make sense across targets).',
      link: ELB_API + 'API_TargetGroupStickinessConfig.html',
    },
    durationSeconds: {
      type: { kind: 'int', min: 1, max: 604800 },
      doc: 'How long a client stays on one target group, 1–604800 seconds (7 days). Required when `enabled` is true.',
      link: ELB_API + 'API_TargetGroupStickinessConfig.html',
    },
  },
};

export const FORWARD_CONFIG: JType = {
  kind: 'object',
  name: 'forwardConfig',
  fields: {
    targetGroups: {
      type: { kind: 'array', items: TARGET_GROUP },
      doc: 'Where to send the traffic: one to five target groups, each a Service (`serviceName` + `servicePort`) or an existing target group (`targetGroupARN`/`targetGroupName`), with `weight`s to split traffic (blue/green, canary).',
      required: true,
      link: A,
    },
    targetGroupStickinessConfig: {
      type: STICKINESS,
      doc: 'Keep each client on the target group it first reached (useful while shifting weights).',
      link: A,
    },
  },
};

export const REDIRECT_CONFIG: JType = {
  kind: 'object',
  name: 'redirectConfig',
  fields: {
    protocol: {
      type: str(['HTTP', 'HTTPS', '#{protocol}']),
      doc: '`HTTP`, `HTTPS` or `#{protocol}` (keep). HTTPS cannot be redirected to HTTP.',
      link: ELB_API + 'API_RedirectActionConfig.html',
    },
    host: {
      type: str(['#{host}'], true),
      doc: 'Host name to redirect to; may reuse `#{host}`.',
      link: ELB_API + 'API_RedirectActionConfig.html',
    },
    port: {
      type: str(['443', '80', '#{port}'], true),
      doc: 'Port 1–65535 or `#{port}`, **as a string** (`"443"`): the controller does not accept a JSON number here.',
      link: ELB_API + 'API_RedirectActionConfig.html',
    },
    path: {
      type: str(['/#{path}'], true),
      doc: 'Absolute path starting with `/`; may reuse `#{host}`, `#{path}` (without its leading slash) and `#{port}`.',
      link: ELB_API + 'API_RedirectActionConfig.html',
    },
    query: {
      type: str(['#{query}'], true),
      doc: 'Query string without the leading `?`; may reuse `#{query}`.',
      link: ELB_API + 'API_RedirectActionConfig.html',
    },
    statusCode: {
      type: str(REDIRECT_CODES),
      doc: '`HTTP_301` (permanent) or `HTTP_302` (temporary). Required.',
      required: true,
      link: ELB_API + 'API_RedirectActionConfig.html',
    },
  },
};

export const FIXED_RESPONSE_CONFIG: JType = {
  kind: 'object',
  name: 'fixedResponseConfig',
  fields: {
    statusCode: {
      type: str(FIXED_CODES_COMMON, true),
      doc: 'HTTP status to return, a 2XX, 4XX or 5XX code **as a string** (`"503"`). Required.',
      required: true,
      link: ELB_API + 'API_FixedResponseActionConfig.html',
    },
    contentType: {
      type: str(CONTENT_TYPES),
      doc: 'One of `text/plain`, `text/css`, `text/html`, `application/javascript`, `application/json`.',
      link: ELB_API + 'API_FixedResponseActionConfig.html',
    },
    messageBody: { type: str(), doc: 'Response body, at most 1024 characters.', link: ELB_API + 'API_FixedResponseActionConfig.html' },
  },
};

export const ACTION: JType = {
  kind: 'object',
  name: 'action',
  fields: {
    type: {
      type: str(ACTION_TYPES),
      doc: 'What the rule does: `forward` to target groups, `redirect` the client, or answer with a `fixed-response`. Case-sensitive. Required.',
      required: true,
      link: A,
    },
    forwardConfig: {
      type: FORWARD_CONFIG,
      doc: 'For `forward`: the target groups and their weights (the advanced form; needed for Services and for splitting traffic).',
      link: A,
    },
    targetGroupARN: {
      type: str(),
      doc: 'For `forward` to one existing target group (the simple form). Not together with `forwardConfig`.',
      link: A,
    },
    targetGroupName: {
      type: str(),
      doc: 'For `forward` to one existing target group by name (the simple form). Not together with `forwardConfig`.',
      link: A,
    },
    redirectConfig: { type: REDIRECT_CONFIG, doc: 'For `redirect`: where to send the client and with which status.', link: A },
    fixedResponseConfig: {
      type: FIXED_RESPONSE_CONFIG,
      doc: 'For `fixed-response`: the status, content type and body to answer with.',
      link: A,
    },
  },
};

const valuesField = (what: string): Field => ({
  type: strList,
  doc: `${what}, matched with wildcards (\`*\` any characters, \`?\` one). Not together with \`regexValues\`.`,
  link: C,
});
const regexField = (what: string): Field => ({
  type: strList,
  doc: `${what} as regular expressions. Not together with \`values\`.`,
  link: C,
});

export const CONDITION_CONFIGS: Record<string, { key: string; type: JType }> = {
  'host-header': {
    key: 'hostHeaderConfig',
    type: {
      kind: 'object',
      name: 'hostHeaderConfig',
      fields: { values: valuesField('Host names'), regexValues: regexField('Host names') },
    },
  },
  'http-header': {
    key: 'httpHeaderConfig',
    type: {
      kind: 'object',
      name: 'httpHeaderConfig',
      fields: {
        httpHeaderName: { type: str(), doc: 'Name of the request header to match (e.g. `User-Agent`). Required.', required: true, link: C },
        values: valuesField('Header values'),
        regexValues: regexField('Header values'),
      },
    },
  },
  'http-request-method': {
    key: 'httpRequestMethodConfig',
    type: {
      kind: 'object',
      name: 'httpRequestMethodConfig',
      fields: {
        values: {
          type: { kind: 'array', items: str(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], true) },
          doc: 'Request methods (case-sensitive: `GET`, `POST`, ...). No wildcards, no `regexValues`.',
          required: true,
          link: C,
        },
      },
    },
  },
  'path-pattern': {
    key: 'pathPatternConfig',
    type: { kind: 'object', name: 'pathPatternConfig', fields: { values: valuesField('Paths'), regexValues: regexField('Paths') } },
  },
  'query-string': {
    key: 'queryStringConfig',
    type: {
      kind: 'object',
      name: 'queryStringConfig',
      fields: {
        values: {
          type: {
            kind: 'array',
            items: {
              kind: 'object',
              name: 'query pair',
              fields: {
                key: { type: str(), doc: 'Query parameter name (optional: without it any parameter value matches).', link: C },
                value: { type: str(), doc: 'Query parameter value, wildcards allowed. Required.', required: true, link: C },
              },
            },
          },
          doc: 'List of `{"key": ..., "value": ...}` pairs (objects, not strings).',
          required: true,
          link: C,
        },
      },
    },
  },
  'source-ip': {
    key: 'sourceIPConfig',
    type: {
      kind: 'object',
      name: 'sourceIPConfig',
      fields: {
        values: { type: strList, doc: 'Client addresses as CIDR blocks (`10.0.0.0/8`, `2001:db8::/32`).', required: true, link: C },
      },
    },
  },
};

const conditionFields: Record<string, Field> = {
  field: {
    type: str(CONDITION_FIELDS),
    doc: 'Which part of the request to match; needs the matching `*Config`. Required.',
    required: true,
    link: C,
  },
};
for (const [field, cfg] of Object.entries(CONDITION_CONFIGS)) {
  conditionFields[cfg.key] = { type: cfg.type, doc: `Configuration for \`"field": "${field}"\`.`, link: C };
}
export const CONDITION: JType = { kind: 'object', name: 'condition', fields: conditionFields };
export const CONDITIONS: JType = { kind: 'array', items: CONDITION };

const REWRITES: JType = {
  kind: 'object',
  name: 'rewrite config',
  fields: {
    rewrites: {
      type: {
        kind: 'array',
        items: {
          kind: 'object',
          name: 'rewrite',
          fields: {
            regex: { type: str(), doc: 'Regular expression matched against the value to rewrite. Required.', required: true, link: T },
            replace: { type: str(), doc: 'Replacement; `$1`, `$2`, ... insert capture groups. Required.', required: true, link: T },
          },
        },
      },
      doc: 'The rewrites to apply (one is the usual case). Must not be empty.',
      required: true,
      link: T,
    },
  },
};
export const TRANSFORM_CONFIGS: Record<string, string> = {
  'url-rewrite': 'urlRewriteConfig',
  'host-header-rewrite': 'hostHeaderRewriteConfig',
};
export const TRANSFORM: JType = {
  kind: 'object',
  name: 'transform',
  fields: {
    type: {
      type: str(TRANSFORM_TYPES),
      doc: '`url-rewrite` (rewrites the path and query the targets see) or `host-header-rewrite` (rewrites the Host header). Required.',
      required: true,
      link: T,
    },
    urlRewriteConfig: { type: REWRITES, doc: 'For `url-rewrite`: the regex/replace pairs applied to the request URL.', link: T },
    hostHeaderRewriteConfig: {
      type: REWRITES,
      doc: 'For `host-header-rewrite`: the regex/replace pairs applied to the Host header.',
      link: T,
    },
  },
};
export const TRANSFORMS: JType = { kind: 'array', items: TRANSFORM };

// ------------------------------------------------------------------------------- authentication and mTLS

const AU = DOCS + '#auth-idp-oidc';
const MT = DOCS + '#mutual-authentication';
const JW = DOCS + '#jwt-validation';
const COGNITO_API = ELB_API + 'API_AuthenticateCognitoActionConfig.html';
const OIDC_API = ELB_API + 'API_AuthenticateOidcActionConfig.html';
const extraParams: Field = {
  type: { kind: 'map', values: str() },
  doc: 'Up to 10 query parameters (name → value) added to the redirect to the authorization endpoint.',
  link: DOCS + '#auth-idp-cognito',
};

/** `auth-idp-cognito` (pkg/ingress/config_types.go AuthIDPConfigCognito); ELB requires the three names. */
export const AUTH_IDP_COGNITO: JType = {
  kind: 'object',
  name: 'auth-idp-cognito',
  fields: {
    userPoolARN: {
      type: str(),
      doc: 'ARN of the Cognito user pool (`arn:aws:cognito-idp:<region>:<account>:userpool/<id>`). Required.',
      required: true,
      link: COGNITO_API,
    },
    userPoolClientID: { type: str(), doc: "ID of the user pool's app client. Required.", required: true, link: COGNITO_API },
    userPoolDomain: {
      type: str(),
      doc: "The user pool's domain prefix (or its full custom domain). Required.",
      required: true,
      link: COGNITO_API,
    },
    authenticationRequestExtraParams: extraParams,
  },
};

/** `auth-idp-oidc` (config_types.go AuthIDPConfigOIDC); the client ID and secret come from the Secret. */
export const AUTH_IDP_OIDC: JType = {
  kind: 'object',
  name: 'auth-idp-oidc',
  fields: {
    issuer: { type: str(), doc: "The identity provider's issuer URL (`https://…`). Required.", required: true, link: OIDC_API },
    authorizationEndpoint: { type: str(), doc: 'Its authorization endpoint URL. Required.', required: true, link: OIDC_API },
    tokenEndpoint: { type: str(), doc: 'Its token endpoint URL. Required.', required: true, link: OIDC_API },
    userInfoEndpoint: { type: str(), doc: 'Its user info endpoint URL. Required.', required: true, link: OIDC_API },
    secretName: {
      type: str(),
      doc: "Name of a Secret in the Ingress's namespace holding `clientID` (or `clientId`) and `clientSecret`. Required.",
      required: true,
      link: AU,
    },
    authenticationRequestExtraParams: extraParams,
  },
};

export const JWT_CLAIM_FORMATS = ['single-string', 'string-array', 'space-separated-values'];

/** `jwt-validation` (config_types.go JwtValidationConfig; enhanced_backend_builder.go buildJwtValidationConfig). */
export const JWT_VALIDATION: JType = {
  kind: 'object',
  name: 'jwt-validation',
  fields: {
    jwksEndpoint: {
      type: str(),
      doc: 'URL of the JSON Web Key Set with the keys that sign the tokens. Required.',
      required: true,
      link: JW,
    },
    issuer: { type: str(), doc: 'The `iss` the tokens must carry. Required.', required: true, link: JW },
    additionalClaims: {
      type: {
        kind: 'array',
        items: {
          kind: 'object',
          name: 'additional claim',
          fields: {
            format: {
              type: str(JWT_CLAIM_FORMATS),
              doc: "How the claim's value is written: `single-string`, `string-array` or `space-separated-values`. Required.",
              required: true,
              link: JW,
            },
            name: { type: str(), doc: 'The claim to check (e.g. `scope`). Required.', required: true, link: JW },
            values: { type: strList, doc: 'Accepted values; at least one. Required.', required: true, link: JW },
          },
        },
      },
      doc: 'More claims every token must satisfy.',
      link: JW,
    },
  },
};

export const MTLS_MODES = ['off', 'passthrough', 'verify'];

/** One `mutual-authentication` entry (model_build_listener.go MutualAuthenticationConfig). */
export const MUTUAL_AUTHENTICATION: JType = {
  kind: 'array',
  items: {
    kind: 'object',
    name: 'mutual-authentication entry',
    fields: {
      port: {
        type: { kind: 'int', min: 1, max: 65535 },
        doc: 'The HTTPS listener port this applies to. Required.',
        required: true,
        link: MT,
      },
      mode: {
        type: str(MTLS_MODES),
        doc: '`off`, `passthrough` (the ALB forwards the client certificate) or `verify` (the ALB checks it against a trust store). Required.',
        required: true,
        link: MT,
      },
      trustStore: { type: str(), doc: 'Name or ARN of the ELB trust store; required with `verify`, not allowed otherwise.', link: MT },
      ignoreClientCertificateExpiry: {
        type: { kind: 'bool' },
        doc: 'With `verify`: accept expired client certificates (default false). Not allowed with `off`/`passthrough`.',
        link: MT,
      },
      advertiseTrustStoreCaNames: {
        type: str(['on', 'off']),
        doc: "With `verify`: whether the ALB lists the trust store's CA names to clients (`on`/`off`).",
        link: MT,
      },
    },
  },
};

/** The JSON annotations this part checks: `actions.*`, `conditions.*`, `transforms.*` and four fixed ones. */
export type AnnotationKind =
  'actions' | 'conditions' | 'transforms' | 'jwt-validation' | 'mutual-authentication' | 'auth-idp-cognito' | 'auth-idp-oidc';
export const PREFIX = 'alb.ingress.kubernetes.io/';
const FIXED_KINDS: AnnotationKind[] = ['jwt-validation', 'mutual-authentication', 'auth-idp-cognito', 'auth-idp-oidc'];
/** The kinds a Service may carry (auth-idp-* are read from the backend Service too). */
export const SERVICE_KINDS: AnnotationKind[] = ['auth-idp-cognito', 'auth-idp-oidc'];

/** The kind and the variable name (empty for the fixed ones), for an annotation key of ours. */
export function annotationKind(key: string): { kind: AnnotationKind; name: string } | undefined {
  const m = /^alb\.ingress\.kubernetes\.io\/(actions|conditions|transforms)\.(.+)$/.exec(key);
  if (m) return { kind: m[1] as AnnotationKind, name: m[2] };
  const fixed = key.startsWith(PREFIX) ? key.slice(PREFIX.length) : '';
  return (FIXED_KINDS as string[]).includes(fixed) ? { kind: fixed as AnnotationKind, name: '' } : undefined;
}

export function rootType(kind: AnnotationKind): JType {
  switch (kind) {
    case 'actions':
      return ACTION;
    case 'conditions':
      return CONDITIONS;
    case 'transforms':
      return TRANSFORMS;
    case 'jwt-validation':
      return JWT_VALIDATION;
    case 'mutual-authentication':
      return MUTUAL_AUTHENTICATION;
    case 'auth-idp-cognito':
      return AUTH_IDP_COGNITO;
    case 'auth-idp-oidc':
      return AUTH_IDP_OIDC;
  }
}

/** Whether the annotation's JSON is a list (Go slice) at the top. */
export function isListKind(kind: AnnotationKind): boolean {
  return kind === 'conditions' || kind === 'transforms' || kind === 'mutual-authentication';
}

/** Go's field matching: exact name first, then case-insensitive. */
export function matchField(fields: Record<string, Field>, key: string): { name: string; field: Field; exact: boolean } | undefined {
  if (Object.prototype.hasOwnProperty.call(fields, key)) return { name: key, field: fields[key], exact: true };
  const lower = key.toLowerCase();
  for (const [name, field] of Object.entries(fields)) if (name.toLowerCase() === lower) return { name, field, exact: false };
  return undefined;
}

export function typeLabel(t: JType): string {
  switch (t.kind) {
    case 'string':
      return 'string';
    case 'int':
      return t.min !== undefined && t.max !== undefined ? `integer ${t.min}–${t.max}` : 'integer';
    case 'bool':
      return 'boolean';
    case 'intOrString':
      return 'integer or string';
    case 'array':
      return `list of ${typeLabel(t.items)}`;
    case 'map':
      return `map of ${typeLabel(t.values)}`;
    case 'object':
      return 'object';
  }
}

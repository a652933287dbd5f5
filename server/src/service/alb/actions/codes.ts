/** Codes of the checks of the JSON inside `actions.*`, `conditions.*` and `transforms.*` (stable: users disable them by name). */
import type { DiagnosticCodeInfo } from '../../diagnostics/types';

export const ACTIONS_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'alb-json-invalid',
    severity: 'error',
    area: 'alb',
    summary:
      'The JSON of an `actions.*`/`conditions.*`/`transforms.*` annotation (or of `jwt-validation`, `mutual-authentication`, `auth-idp-cognito`, `auth-idp-oidc`) does not parse or is empty (reported at the exact character inside the YAML scalar, in any scalar style).',
  },
  {
    code: 'alb-json-type',
    severity: 'error',
    area: 'alb',
    summary:
      'A JSON value has a type the controller cannot decode (e.g. `"weight": "50"`, `"statusCode": 503`, a redirect `"port": 443`): the whole annotation fails to load.',
  },
  {
    code: 'alb-json-unknown-key',
    severity: 'warning',
    area: 'alb',
    summary:
      'A key the controller does not know inside the annotation JSON: it is silently ignored (typos turn into a different load balancer); suggests the intended key.',
  },
  {
    code: 'alb-json-duplicate-key',
    severity: 'warning',
    area: 'alb',
    summary:
      'The same key twice in one JSON object (also `"type"` and `"Type"`): the controller keeps the last one and silently drops the first.',
  },
  {
    code: 'alb-json-key-case',
    severity: 'hint',
    area: 'alb',
    summary:
      'A key written in a different case (`"Type"`): the controller matches keys case-insensitively, so it works; the canonical spelling is suggested.',
  },
  {
    code: 'alb-action-type',
    severity: 'error',
    area: 'alb',
    summary: 'An action without `type` or with a type other than `forward`, `redirect`, `fixed-response` (case-sensitive).',
  },
  {
    code: 'alb-action-unused-config',
    severity: 'warning',
    area: 'alb',
    summary: 'An action carries a config for another type (e.g. `redirectConfig` on a `forward` action); the controller ignores it.',
  },
  {
    code: 'alb-action-forward-missing',
    severity: 'error',
    area: 'alb',
    summary:
      'A `forward` action (or one of its target groups) names no target: neither `forwardConfig.targetGroups` nor `targetGroupARN`/`targetGroupName` (or `serviceName`).',
  },
  {
    code: 'alb-action-forward-conflict',
    severity: 'error',
    area: 'alb',
    summary:
      'A top-level `targetGroupARN`/`targetGroupName` together with `forwardConfig`, or a target group with both `serviceName` and `targetGroupARN`/`targetGroupName`.',
  },
  {
    code: 'alb-action-target-groups-limit',
    severity: 'error',
    area: 'alb',
    summary: 'More than five target groups in one forward action (the ELB limit).',
  },
  {
    code: 'alb-action-service-port-missing',
    severity: 'error',
    area: 'alb',
    summary: 'A target group with `serviceName` but no `servicePort`.',
  },
  {
    code: 'alb-action-weight-missing',
    severity: 'error',
    area: 'alb',
    summary: 'A forward action with several target groups where one has no `weight` (required as soon as there are two).',
  },
  { code: 'alb-action-weight-range', severity: 'error', area: 'alb', summary: 'A target group `weight` outside 0–999.' },
  {
    code: 'alb-action-all-weights-zero',
    severity: 'warning',
    area: 'alb',
    summary: 'Every target group of a forward action has weight 0: no target receives traffic.',
  },
  {
    code: 'alb-action-stickiness',
    severity: 'error',
    area: 'alb',
    summary: '`targetGroupStickinessConfig` enabled without `durationSeconds`, or a duration outside 1–604800 seconds.',
  },
  {
    code: 'alb-action-redirect',
    severity: 'error',
    area: 'alb',
    summary:
      'A redirect action without `redirectConfig`, or with a bad `statusCode` (HTTP_301/HTTP_302), `protocol`, `port`, `path`, `query`, or one that redirects to itself.',
  },
  {
    code: 'alb-action-fixed-response',
    severity: 'error',
    area: 'alb',
    summary:
      'A fixed-response action without `fixedResponseConfig`, or with a `statusCode` that is not 2XX/4XX/5XX, an unsupported `contentType`, or a body over 1024 characters.',
  },
  {
    code: 'alb-action-service-missing',
    notInWorkspace: true,
    severity: 'warning',
    area: 'alb',
    summary:
      "A target group `serviceName` that names no Service of the Ingress's namespace in the workspace, or a `servicePort` that Service does not have.",
  },
  {
    code: 'alb-condition-field',
    severity: 'error',
    area: 'alb',
    summary:
      'A condition without `field` or with an unknown one: the controller drops the condition silently and the rule matches more than intended.',
  },
  {
    code: 'alb-condition-config',
    severity: 'error',
    area: 'alb',
    summary:
      'A condition without the `*Config` its field needs, with empty values, a missing `httpHeaderName`/query `value`, a bad method or CIDR, or with a config for another field (ignored).',
  },
  {
    code: 'alb-condition-values-conflict',
    severity: 'error',
    area: 'alb',
    summary:
      "`values` and `regexValues` together in one condition, or `regexValues` where the rule's own host/path already adds plain values (the controller refuses to mix them).",
  },
  {
    code: 'alb-condition-limits',
    severity: 'warning',
    area: 'alb',
    summary:
      "A rule over the ALB limits once the Ingress rule's own host and path are merged in: more than 3 values in one condition, more than 5 in the rule, or a second `http-request-method`/`source-ip` condition; ELB rejects the rule.",
  },
  {
    code: 'alb-transform-type',
    severity: 'error',
    area: 'alb',
    summary: 'A transform without `type` or with one other than `url-rewrite`/`host-header-rewrite`.',
  },
  {
    code: 'alb-jwt-validation',
    severity: 'error',
    area: 'alb',
    summary:
      '`jwt-validation` without `jwksEndpoint` or `issuer`, or an additional claim without `format`/`name`, with a format other than single-string/string-array/space-separated-values, or with no `values`: the controller or ELB refuses it.',
  },
  {
    code: 'alb-mutual-authentication',
    severity: 'error',
    area: 'alb',
    summary:
      'A `mutual-authentication` entry the controller refuses: no or an unknown `mode`, `verify` without `trustStore`, `trustStore`/`ignoreClientCertificateExpiry`/`advertiseTrustStoreCaNames` with `off`/`passthrough`, a port outside 1–65535, or an empty list.',
  },
  {
    code: 'alb-auth-idp',
    severity: 'error',
    area: 'alb',
    summary:
      '`auth-idp-cognito` without `userPoolARN`/`userPoolClientID`/`userPoolDomain`, `auth-idp-oidc` without `issuer`, an endpoint or `secretName`, or more than 10 `authenticationRequestExtraParams`.',
  },
  {
    code: 'alb-transform-config',
    severity: 'error',
    area: 'alb',
    summary:
      'A transform without the config its type needs, with no `rewrites`, a rewrite missing `regex`/`replace`, or with a config for the other type (ignored).',
  },
];

/**
 * Wrong input where the domain modules look: invalid JSON of every kind inside ALB annotations, and every
 * field of a NodePool, a NodeClass and a NetworkPolicy replaced by a value of every wrong type. Over the
 * bundled server: every request answers well-formed, the process stays alive, no uncaught exception.
 * Checks that throw are caught by the engine, and fail the test: no check may throw on any of these inputs.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { askEverything, assertDiagnostics, failureLogs, setText } from './support';

/** Nesting depth of the valid deep JSON values (deeper than any recursion of ours may go unbounded). */
const DEPTH = 5_000;
let client: LspClient | undefined;
after(async () => {
  await client?.stop();
});

/** Bad JSON texts: syntax errors, wrong top-level types, hostile sizes and encodings. */
const BAD_JSON = [
  '',
  ' ',
  '{',
  '}',
  '[',
  ']',
  '{"type": }',
  '{"type": "forward",}',
  '{type: forward}',
  "{'type': 'forward'}",
  '{"type": "forward" "x": 1}',
  '{"a": 1} trailing',
  '// comment\n{"type": "redirect"}',
  '/* c */ {"type": "fixed-response"}',
  'null',
  'true',
  '42',
  '-0',
  '1e999',
  '"just a string"',
  '[]',
  '[{"HTTP": 80}',
  '[{"HTTP": "80"}]',
  '[{"HTTP": 80.5}]',
  '[{"HTTPS": -1}]',
  '[{"FTP": 21}]',
  '[[[[[[[[[[]]]]]]]]]]',
  '{"type": null}',
  '{"type": ["forward"]}',
  '{"type": "forward", "forwardConfig": null}',
  '{"type": "forward", "forwardConfig": {"targetGroups": "x"}}',
  '{"type": "forward", "forwardConfig": {"targetGroups": [null, 1, "a", []]}}',
  '{"type": "forward", "forwardConfig": {"targetGroups": [{"serviceName": {}, "servicePort": [], "weight": "ten"}]}}',
  '{"type": "redirect", "redirectConfig": {"statusCode": 301, "port": {}, "protocol": 443}}',
  '{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "abc", "contentType": 5}}',
  '{"type": "forward", "type": "redirect", "Type": "x"}',
  '{"\\ud800": "\\udfff", "type": "\\u0000"}',
  '{"type": "forward\u0000"}',
  '{"x": "' + 'a'.repeat(100_000) + '"}',
  '['.repeat(DEPTH) + ']'.repeat(DEPTH),
  '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH),
  '['.repeat(20_000),
  '{"a": 1, '.repeat(2_000) + '}',
  'NaN',
  'Infinity',
  '0x10',
  '{"a": 01}',
  '\ufeff{"type": "forward"}',
  '[{"field": "host-header", "hostHeaderConfig": {"values": "x"}}]',
  '[{"field": "http-header", "httpHeaderConfig": {"httpHeaderName": 1, "values": [null]}}]',
  '[{"field": "query-string", "queryStringConfig": {"values": [{"key": [], "value": {}}]}}]',
  '[{"field": "source-ip", "sourceIpConfig": {"values": ["300.1.1.1/99"]}}]',
];

const JSON_ANNOTATIONS = [
  'actions.rollout',
  'conditions.rollout',
  'listen-ports',
  'ssl-redirect',
  'tags',
  'load-balancer-attributes',
  'target-group-attributes',
  'success-codes',
  'auth-idp-cognito',
  'auth-idp-oidc',
  'group.order',
  'inbound-cidrs',
  'healthcheck-port',
  'subnets',
];

/** YAML renderings of a JSON text as an annotation value: single-quoted, folded, literal, plain. */
function renderings(json: string): string[] {
  const indented = json
    .split('\n')
    .map((l) => '      ' + l)
    .join('\n');
  return [`'${json.replace(/'/g, "''")}'`, `>\n${indented}`, `|\n${indented}`, JSON.stringify(json)];
}

function ingress(annotation: string, value: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: bad
  namespace: shop
  annotations:
    alb.ingress.kubernetes.io/scheme: internet-facing
    alb.ingress.kubernetes.io/${annotation}: ${value}
spec:
  ingressClassName: alb
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: rollout
                port:
                  name: use-annotation
`;
}

/** Values of every wrong type (and some right types in wrong shapes) for any field. */
const WRONG = [
  'null',
  '~',
  '""',
  '0',
  '-1',
  '1.5',
  '1e400',
  'true',
  'yes',
  '[]',
  '{}',
  '[1, "a", null, {}]',
  '{a: [b, {c: d}]}',
  '"' + 'x'.repeat(10_000) + '"',
  '!!binary aGVsbG8=',
  '!!timestamp 2026-01-01',
  '!custom x',
  '&anchor {k: v}',
  '*nope',
  '*self',
  '|\n        multi\n        line',
  '[[[[[[]]]]]]',
  '"\\u0000"',
  '.nan',
  '-.inf',
  '0x1F',
  '0o17',
  '12:30:00',
];

const NODEPOOL = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: np
  self: &self {a: 1}
spec:
  template:
    metadata:
      labels:
        team: a
    spec:
      nodeClassRef:
        group: eks.amazonaws.com
        kind: NodeClass
        name: default
      expireAfter: 336h
      terminationGracePeriod: 24h
      taints:
        - key: k
          value: v
          effect: NoSchedule
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["on-demand"]
          minValues: 2
  disruption:
    consolidationPolicy: WhenEmptyOrUnderutilized
    consolidateAfter: 1m
    budgets:
      - nodes: "10%"
        schedule: "0 9 * * mon-fri"
        duration: 8h
        reasons: ["Underutilized"]
  limits:
    cpu: "200"
    memory: 800Gi
  weight: 10
`;

const NODECLASS = `apiVersion: eks.amazonaws.com/v1
kind: NodeClass
metadata:
  name: default
  self: &self {a: 1}
spec:
  role: AmazonEKSAutoNodeRole
  subnetSelectorTerms:
    - tags:
        kubernetes.io/role/internal-elb: "1"
    - id: subnet-0123456789abcdef0
  securityGroupSelectorTerms:
    - tags:
        aws:eks:cluster-name: prod
  snatPolicy: Random
  networkPolicy: DefaultAllow
  networkPolicyEventLogs: Disabled
  ephemeralStorage:
    size: 80Gi
    iops: 3000
    throughput: 125
  tags:
    team: a
`;

const NETWORKPOLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
  namespace: shop
  self: &self {a: 1}
spec:
  podSelector:
    matchLabels:
      app: web
    matchExpressions:
      - key: tier
        operator: In
        values: [frontend]
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress
          podSelector:
            matchLabels:
              app: lb
        - ipBlock:
            cidr: 10.0.0.0/16
            except:
              - 10.0.1.0/24
      ports:
        - protocol: TCP
          port: 8080
          endPort: 8090
  egress:
    - to:
        - podSelector: {}
      ports:
        - port: dns
          protocol: UDP
`;

/** Every `key: value` line of a template, with the value replaced by each wrong value (one at a time). */
function fieldVariants(template: string): { label: string; text: string; line: number }[] {
  const lines = template.split('\n');
  const out: { label: string; text: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*(?:- )?)([A-Za-z0-9./_-]+):(?: (.*))?$/.exec(lines[i]);
    if (!m || m[2] === 'apiVersion' || m[2] === 'kind') continue;
    // A key with a nested block: replace the whole block (the lines indented below it).
    let end = i + 1;
    const indent = m[1].length;
    if (m[3] === undefined)
      while (
        end < lines.length &&
        (lines[end].length - lines[end].trimStart().length > indent ||
          (lines[end].trimStart().startsWith('- ') && lines[end].length - lines[end].trimStart().length === indent && !m[1].includes('-')))
      )
        end++;
    for (const w of WRONG) {
      const replaced = [...lines.slice(0, i), `${m[1]}${m[2]}: ${w.replace(/\n/g, '\n' + ' '.repeat(indent))}`, ...lines.slice(end)];
      out.push({ label: `${m[2]} (line ${i + 1}) = ${w.slice(0, 20)}`, text: replaced.join('\n'), line: i });
    }
  }
  return out;
}

async function check(
  uri: string,
  text: string,
  version: number,
  label: string,
  positions: { line: number; character: number }[],
): Promise<void> {
  try {
    const d = await setText(client!, uri, text, version, 30_000);
    assertDiagnostics(d, text);
    for (const pos of positions) await askEverything(client!, uri, text, pos, d);
  } catch (err) {
    throw new Error(`${label}: ${(err as Error).message}`, { cause: err });
  }
  assert.ok(client!.alive, `${label}: server alive`);
}

test('invalid JSON of every kind in ALB annotations: well-formed answers, no crash', { timeout: 300_000 }, async (t) => {
  client = await LspClient.start({ settings: { yamlSyntaxErrors: 'always' } });
  const uri = 'file:///tmp/domain/ingress.yaml';
  let v = 0;
  let cases = 0;
  for (const a of JSON_ANNOTATIONS) {
    // Every bad JSON for the JSON-valued annotations; a sample for the others (they are mostly not JSON).
    const jsons = /^(actions|conditions)\.|listen-ports/.test(a) ? BAD_JSON : BAD_JSON.filter((_, i) => i % 5 === 0);
    for (const json of jsons) {
      for (const value of renderings(json).slice(0, /^(actions|conditions)\./.test(a) ? 4 : 1)) {
        const text = ingress(a, value);
        // Positions: on the annotation key, inside the value, and just after the JSON's first character.
        await check(uri, text, ++v, `${a} = ${JSON.stringify(json.slice(0, 40))}`, [
          { line: 7, character: 30 },
          { line: 7, character: 40 + a.length },
          { line: 8, character: 7 },
        ]);
        cases++;
      }
    }
  }
  const failures = failureLogs(client);
  t.diagnostic(`${cases} annotation inputs; ${failures.length} caught failures logged`);
  for (const f of [...new Set(failures.map((x) => x.split('\n')[0]))].slice(0, 20)) t.diagnostic(`caught: ${f}`);
  assert.deepEqual(
    failures.filter((l) => /Uncaught|Unhandled/.test(l)),
    [],
  );
  assert.deepEqual(failures, [], 'no check or feature threw');
});

test('NodePool, NodeClass and NetworkPolicy fields of every wrong type: well-formed answers, no crash', { timeout: 300_000 }, async (t) => {
  client ??= await LspClient.start({ settings: { yamlSyntaxErrors: 'always' } });
  const before = failureLogs(client).length;
  let cases = 0;
  for (const [name, template] of [
    ['nodepool', NODEPOOL],
    ['nodeclass', NODECLASS],
    ['networkpolicy', NETWORKPOLICY],
  ] as const) {
    const uri = `file:///tmp/domain/${name}.yaml`;
    let v = 0;
    for (const variant of fieldVariants(template)) {
      const lines = variant.text.split('\n');
      // Ask at the start of every 4th line and inside the line after each key (completion and hover on the changed field).
      const positions = [variant.line, variant.line + 1, 3].map((line) => ({
        line,
        character: Math.min(lines[line]?.length ?? 0, (lines[line]?.indexOf(':') ?? 0) + 2),
      }));
      await check(uri, variant.text, ++v, `${name}: ${variant.label}`, positions);
      cases++;
    }
  }
  const failures = failureLogs(client).slice(before);
  t.diagnostic(`${cases} field variants; ${failures.length} caught failures logged`);
  for (const f of [...new Set(failures.map((x) => x.split('\n')[0]))].slice(0, 20)) t.diagnostic(`caught: ${f}`);
  assert.deepEqual(
    failures.filter((l) => /Uncaught|Unhandled/.test(l)),
    [],
  );
  assert.deepEqual(failures, [], 'no check or feature threw');
});

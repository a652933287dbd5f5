/** Completion and hover for ALB annotation names and values (the real service, no LSP). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { serviceWith, uriOf } from '../../helpers/service';
import { positionOf } from '../../helpers/lspClient';
import { yamlString } from '../../../server/src/service/alb/annotations/features';

const P = 'alb.ingress.kubernetes.io/';
const SPEC = `spec:
  ingressClassName: alb
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: blue-green
                port:
                  name: use-annotation
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  number: 80
`;

function complete(text: string, needle: string, delta = needle.length, kind = 'Ingress') {
  const s = serviceWith({ 'a.yaml': text });
  const list = s.complete(uriOf('a.yaml'), positionOf(text, needle, delta));
  assert.deepEqual(s.internalErrors, []);
  void kind;
  return list?.items ?? [];
}
const newText = (i: CompletionItem) => (i.textEdit as TextEdit).newText;

test('names after the prefix: every annotation with type/default detail and Markdown docs', () => {
  const text = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    ${P}\n${SPEC}`;
  const items = complete(text, P);
  const scheme = items.find((i) => i.label === P + 'scheme')!;
  assert.ok(scheme, 'scheme offered');
  assert.match(scheme.detail!, /internal \| internet-facing, default internal/);
  assert.match(JSON.stringify(scheme.documentation), /internet-facing/);
  assert.match(JSON.stringify(scheme.documentation), /Exclusive/);
  assert.match(newText(scheme), /^alb\.ingress\.kubernetes\.io\/scheme: \$\{1\|internal,internet-facing\|\}$/);
  const interval = items.find((i) => i.label === P + 'healthcheck-interval-seconds')!;
  assert.match(interval.detail!, /integer \(5–300\), default 15/);
  // Quotes follow the file (model/edits.ts preferredQuote: double quotes when the file has none yet).
  assert.equal(newText(interval), `${P}healthcheck-interval-seconds: "\${1:15}"`);
  const bool = items.find((i) => i.label === P + 'shield-advanced-protection')!;
  assert.equal(newText(bool), `${P}shield-advanced-protection: "\${1|true,false|}"`);
  const depr = items.find((i) => i.label === P + 'web-acl-id')!;
  assert.deepEqual(depr.tags, [1]);
  // actions./conditions. offer the backend names.
  assert.ok(
    items.some((i) => i.label === P + 'actions.blue-green'),
    'action for the use-annotation backend',
  );
  assert.ok(!items.some((i) => i.label === P + 'actions.api'), 'no action for a real-port backend');
  assert.ok(items.some((i) => i.label === P + 'conditions.api') && items.some((i) => i.label === P + 'conditions.blue-green'));
  assert.ok(items.some((i) => i.label === P + 'transforms.api'));
  assert.ok(items.length > 65);
});

test('names from an empty annotations key, skipping names already present', () => {
  const text = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    ${P}scheme: internal\n    \n${SPEC}`;
  const items = complete(text, 'internal\n    ');
  assert.ok(items.some((i) => i.label === P + 'target-type'));
  assert.ok(!items.some((i) => i.label === P + 'scheme'), 'already present');
});

test('on a Service: only the Ingress+Service annotations and the service.beta ones', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    \nspec:\n  ports: [{port: 80}]\n';
  const items = complete(text, 'annotations:\n    ');
  assert.ok(items.some((i) => i.label === P + 'healthcheck-path'));
  assert.ok(!items.some((i) => i.label === P + 'scheme'));
  assert.ok(items.some((i) => i.label === 'service.beta.kubernetes.io/aws-load-balancer-scheme'));
});

test('values: enums, booleans as quoted strings, JSON templates; quoting follows the context', () => {
  const base = (line: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    ${line}\n${SPEC}`;
  const scheme = complete(base(`${P}scheme: `), `${P}scheme: `);
  assert.deepEqual(scheme.map((i) => i.label).sort(), ['internal', 'internet-facing']);
  assert.ok(scheme.find((i) => i.label === 'internal')!.preselect);
  const bool = complete(base(`${P}use-regex-path-match: `), 'match: ');
  assert.deepEqual(bool.map(newText).sort(), ['"false"', '"true"']);
  // A file that quotes with ' gets '.
  const single = complete(base(`${P}scheme: 'internal'\n    ${P}use-regex-path-match: `), 'match: ');
  assert.deepEqual(single.map(newText).sort(), ["'false'", "'true'"]);
  const quoted = complete(base(`${P}use-regex-path-match: "t"`), 'match: "t');
  assert.deepEqual(quoted.map(newText).sort(), ['false', 'true']);
  // An unclosed quote while typing: replace only on this line and close the quote.
  const open = complete(base(`${P}scheme: 'inter`), "scheme: 'inter");
  const ifc = open.find((i) => i.label === 'internet-facing')!;
  assert.equal(newText(ifc), "internet-facing'");
  assert.equal((ifc.textEdit as TextEdit).range.end.line, (ifc.textEdit as TextEdit).range.start.line);
  const lp = complete(base(`${P}listen-ports: `), 'ports: ');
  const tpl = lp.find((i) => i.label === 'listen-ports template')!;
  assert.equal(newText(tpl), `'[{"HTTP": \${1:80}}, {"HTTPS": \${2:443}}]'`);
  const act = complete(base(`${P}actions.blue-green: `), 'green: ');
  assert.ok(act.some((i) => i.label === 'actions: weighted forward (blue/green, canary)' && /"weight": \$\{3:90\}/.test(newText(i))));
  const policy = complete(base(`${P}ssl-policy: `), 'policy: ');
  assert.ok(policy.some((i) => i.label === 'ELBSecurityPolicy-TLS13-1-2-2021-06'));
  const order = complete(base(`${P}group.order: `), 'order: ');
  assert.equal(newText(order[0]), '"0"');
});

test('yamlString quotes what YAML would not read back as the same string', () => {
  assert.equal(yamlString('internet-facing'), 'internet-facing');
  assert.equal(yamlString('true'), "'true'");
  assert.equal(yamlString('443'), "'443'");
  assert.equal(yamlString('[{"HTTP": 80}]'), `'[{"HTTP": 80}]'`);
  assert.equal(yamlString("it's: x"), "'it''s: x'");
  assert.equal(yamlString('*'), "'*'");
});

test('hover on an annotation name: doc, type, default, range, group behaviour, Auto Mode note, link', () => {
  const text = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    ${P}group.name: team\n    ${P}healthcheck-interval-seconds: '10'\n    ${P}actions.blue-green: '{}'\n${SPEC}`;
  const s = serviceWith({ 'a.yaml': text });
  const h = s.hover(uriOf('a.yaml'), positionOf(text, 'group.name', 2))!;
  const md = JSON.stringify(h.contents);
  assert.match(md, /IngressGroup/);
  assert.match(md, /EKS Auto Mode/);
  assert.match(md, /kubernetes-sigs\.github\.io\/aws-load-balancer-controller.*#group\.name/);
  assert.equal(h.range!.start.line, 5);
  const hi = JSON.stringify(s.hover(uriOf('a.yaml'), positionOf(text, 'healthcheck-interval', 3))!.contents);
  assert.match(hi, /Range: 5 to 300/);
  assert.match(hi, /Default: `15`/);
  assert.match(hi, /Ingress and Service/);
  const tv = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations:\n    ${P}target-type: instance\n`;
  const hv = JSON.stringify(serviceWith({ 'b.yaml': tv }).hover(uriOf('b.yaml'), positionOf(tv, 'instance', 2))!.contents);
  assert.match(hv, /\*\*instance\*\* — Targets are the nodes/);
  const ha = JSON.stringify(s.hover(uriOf('a.yaml'), positionOf(text, 'actions.blue-green', 3))!.contents);
  assert.match(ha, /Used by 1 rule backend/);
});

test('spec.ingressClassName: IngressClasses of the workspace with their controller; hover names the controller', () => {
  const cls =
    'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: auto-alb\nspec:\n  controller: eks.amazonaws.com/alb\n';
  const ing = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  ingressClassName: auto-alb\n';
  const s = serviceWith({ 'c.yaml': cls, 'i.yaml': ing });
  const items = s.complete(uriOf('i.yaml'), positionOf(ing, 'ingressClassName: ', 18))!.items;
  const auto = items.find((i) => i.label === 'auto-alb')!;
  assert.match(auto.detail!, /EKS Auto Mode/);
  assert.ok(items.some((i) => i.label === 'alb'));
  const h = JSON.stringify(s.hover(uriOf('i.yaml'), positionOf(ing, 'auto-alb', 2))!.contents);
  assert.match(h, /eks\.amazonaws\.com\/alb/);
  assert.match(h, /does not support `group\.name`/);
});

test('IngressClass spec.controller: the two ALB controllers, with hover', () => {
  const cls = 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: alb\nspec:\n  controller: eks.amazonaws.com/alb\n';
  const s = serviceWith({ 'c.yaml': cls });
  const items = s.complete(uriOf('c.yaml'), positionOf(cls, 'controller: ', 12))!.items.map((i) => i.label);
  assert.ok(items.includes('ingress.k8s.aws/alb') && items.includes('eks.amazonaws.com/alb'));
  assert.match(JSON.stringify(s.hover(uriOf('c.yaml'), positionOf(cls, 'eks.amazonaws', 3))!.contents), /EKS Auto Mode/);
});

/**
 * Authoring help a new user meets first (issue 17): annotation names by their short names, values that are
 * valid as inserted, the action entry points, rule backends ↔ actions (completion and definition), the
 * ranking of templates inside JSON, quotes in the file's style, hovers that show `<name>` as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serviceWith, uriOf } from '../../helpers/service';
import { positionOf } from '../../helpers/lspClient';
import { P, actionIngress as ingress } from '../../fixtures/alb/manifests';
import { shiftTabStops } from '../../../server/src/service/alb/annotations/features';

function complete(text: string, needle: string, delta = needle.length, files: Record<string, string> = {}): CompletionItem[] {
  const s = serviceWith({ ...files, 'main.yaml': text });
  const list = s.complete(uriOf('main.yaml'), positionOf(text, needle, delta));
  assert.deepEqual(s.internalErrors, []);
  return list?.items ?? [];
}
const newText = (i: CompletionItem) => (i.textEdit as TextEdit).newText;

/** A snippet with each placeholder replaced by its default (the first choice). */
function expand(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\\$/g, '$');
}
/** The text after accepting a completion item (its placeholders at their defaults). */
function accept(text: string, item: CompletionItem): string {
  const e = item.textEdit as TextEdit;
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), [{ range: e.range, newText: expand(e.newText) }]);
}
const tabStops = (snippet: string) => [...snippet.matchAll(/(?<!\\)\$\{?(\d+)/g)].map((m) => Number(m[1]));

test('annotation names answer on the short names too: ssl, healthcheck, target-type', () => {
  for (const [typed, want] of [
    ['ssl', 'ssl-redirect'],
    ['healthcheck', 'healthcheck-interval-seconds'],
    ['target-type', 'target-type'],
  ]) {
    const text = ingress(`${typed}`);
    const items = complete(text, `    ${typed}`);
    const item = items.find((i) => i.label === P + want);
    assert.ok(item, `${typed}: ${items.map((i) => i.label).join(', ')}`);
    // The editor filters on what was typed: the short name, not the prefixed key.
    assert.ok(item.filterText!.startsWith(want), item.filterText);
    assert.ok(newText(item).startsWith(`${P}${want}: `), newText(item));
    assert.ok(
      items.every((i) => (i.filterText ?? '').includes(typed) || /actions/.test(i.label)),
      `${typed}: only matching names`,
    );
  }
  // Not in annotations, nothing from us; on a Service only what a Service can carry.
  assert.deepEqual(complete(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  ssl\n`, '  ssl'), []);
  const svc = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    health\nspec:\n  ports: [{port: 80}]\n`;
  const labels = complete(svc, '    health').map((i) => i.label);
  assert.ok(labels.includes(P + 'healthcheck-path') && labels.includes('service.beta.kubernetes.io/aws-load-balancer-healthcheck-path'));
  assert.ok(!labels.includes(P + 'frontend-nlb-healthcheck-path'), 'Ingress-only names stay off a Service');
});

test("inserted values are valid and useful: ssl-redirect '443', ARN-shaped placeholders", () => {
  const items = complete(ingress(`${P}`), `    ${P}`);
  const ssl = items.find((i) => i.label === P + 'ssl-redirect')!;
  assert.equal(expand(newText(ssl)), `${P}ssl-redirect: "443"`);
  const cert = items.find((i) => i.label === P + 'certificate-arn')!;
  assert.match(
    expand(newText(cert)),
    /^alb\.ingress\.kubernetes\.io\/certificate-arn: arn:aws:acm:region:account-id:certificate\/certificate-id$/,
  );
  for (const key of ['ssl-redirect', 'certificate-arn', 'acm-pca-arn', 'wafv2-acl-arn']) {
    const item = items.find((i) => i.label === P + key)!;
    const text = accept(ingress(`${P}`), item);
    const d = serviceWith({ 'main.yaml': text })
      .validate(uriOf('main.yaml'))
      .filter((x) => ['alb-annotation-value', 'alb-certificate-arn'].includes(String(x.code)));
    assert.deepEqual(
      d.map((x) => x.message),
      [],
      `${key} as inserted:\n${text}`,
    );
  }
});

test('actions.<name>: the name and the JSON have their own tab stops; the blue/green entry inserts a valid action', () => {
  const items = complete(ingress(`${P}`), `    ${P}`);
  const generic = items.find((i) => i.label === P + 'actions.${action-name}')!;
  const stops = tabStops(newText(generic));
  assert.equal(stops[0], 1, 'the name is $1');
  assert.ok(
    stops.slice(1).every((n) => n > 1),
    `the JSON's stops come after the name: ${newText(generic)}`,
  );
  for (const label of [`${P}actions: blue/green (weighted forward)`, `${P}actions: canary (weighted forward, sticky)`]) {
    const item = items.find((i) => i.label === label)!;
    assert.ok(item, label);
    const text = accept(ingress(`${P}`), item);
    // Named after the use-annotation backend that has no action yet.
    assert.match(text, /actions\.bg: \|/);
    const d = serviceWith({ 'main.yaml': text })
      .validate(uriOf('main.yaml'))
      .filter((x) => /^alb-(json|action)/.test(String(x.code)) || x.code === 'alb-use-annotation-missing-action');
    assert.deepEqual(
      d.map((x) => `${x.code}: ${x.message}`),
      [],
      text,
    );
  }
  // Other generic names keep their stops apart too.
  for (const label of [
    `${P}listener-attributes.\${Protocol}-\${Port}`,
    `${P}target-control-port.\${serviceName}.\${servicePort}`,
    `${P}conditions.\${conditions-name}`,
  ]) {
    const s = tabStops(newText(items.find((i) => i.label === label)!));
    const nameStops = label.includes('conditions') ? 1 : 2;
    assert.ok(
      s.slice(nameStops).every((n) => n > nameStops),
      `${label}: ${s.join(',')}`,
    );
  }
  assert.equal(shiftTabStops('${1:a} $2 \\$3 $0', 2), '${3:a} $4 \\$3 $0');
});

test('rule backends ↔ actions: use-annotation for port.name, action names for service.name, definition to the action', () => {
  const act = `${P}actions.blue-green: '{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "503"}}'`;
  const port = ingress(act, { backend: 'blue-green', port: 'name: ' });
  const items = complete(port, 'port:\n                  name: ');
  const use = items.find((i) => i.label === 'use-annotation')!;
  assert.ok(use, items.map((i) => i.label).join(','));
  assert.ok(use.preselect, 'preselected when the action exists');
  assert.match(use.detail!, /actions\.blue-green/);
  const name = ingress(act, { backend: 'b' });
  const names = complete(name, 'service:\n                name: b');
  assert.deepEqual(
    names.map((i) => i.label),
    ['blue-green'],
  );
  assert.equal(newText(names[0]), 'blue-green');
  // v1beta1 backends too.
  const beta = `apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: old\n  annotations:\n    ${act}\nspec:\n  rules:\n    - http:\n        paths:\n          - backend:\n              serviceName: blue-green\n              servicePort: u\n`;
  assert.ok(complete(beta, 'servicePort: u').some((i) => i.label === 'use-annotation'));
  // Go to definition from the backend to its annotation.
  const text = ingress(act, { backend: 'blue-green' });
  const s = serviceWith({ 'main.yaml': text });
  const locs = s.definition(uriOf('main.yaml'), positionOf(text, 'service:\n                name: blue-green', 33));
  assert.equal(locs.length, 1);
  assert.equal(locs[0].range.start.line, 6);
  assert.equal(text.split('\n')[6].slice(locs[0].range.start.character, locs[0].range.end.character), `${P}actions.blue-green`);
  // A backend that names no action (nor a Service here) leads nowhere.
  const other = ingress(act, { backend: 'web', port: 'number: 80' });
  assert.deepEqual(
    serviceWith({ 'main.yaml': other }).definition(uriOf('main.yaml'), positionOf(other, 'service:\n                name: web', 33)),
    [],
  );
});

test('inside a JSON action, Service names rank above the whole-annotation templates', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-blue\n  namespace: shop\nspec:\n  ports: [{port: 80}]\n';
  const text = ingress(
    `${P}actions.bg: '{"type": "forward", "forwardConfig": {"targetGroups": [{"serviceName": "", "servicePort": 80}]}}'`,
  );
  const items = complete(text, '"serviceName": "', 16, { 'svc.yaml': svc });
  const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  const first = sorted.findIndex((i) => i.label === 'web-blue');
  const template = sorted.findIndex((i) => /template|weighted forward/.test(i.label));
  assert.ok(first >= 0, items.map((i) => i.label).join(','));
  assert.ok(template === -1 || template > first, sorted.map((i) => `${i.label}:${i.sortText}`).join(' | '));
});

test('quotes follow the file: single-quoted files get single quotes, others double (model/edits.ts preferredQuote)', () => {
  const single = ingress(`${P}scheme: 'internal'\n${P}`);
  const s1 = complete(single, `'internal'\n    ${P}`).find((i) => i.label === P + 'shield-advanced-protection')!;
  assert.equal(newText(s1), `${P}shield-advanced-protection: '\${1|true,false|}'`);
  const double = ingress(`${P}scheme: "internal"\n${P}`);
  const s2 = complete(double, `"internal"\n    ${P}`).find((i) => i.label === P + 'shield-advanced-protection')!;
  assert.equal(newText(s2), `${P}shield-advanced-protection: "\${1|true,false|}"`);
});

test('hovers show <name> placeholders as written (no HTML), and a value with Markdown characters as text', () => {
  const text = ingress(
    `${P}actions.bg: '{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "503"}}'\n${P}target-control-port.web.80: "3000"`,
  );
  const s = serviceWith({ 'main.yaml': text });
  const md = (needle: string, d: number) => JSON.stringify(s.hover(uriOf('main.yaml'), positionOf(text, needle, d))!.contents);
  const action = md('actions.bg', 3);
  assert.ok(!/[^`]<name>/.test(action.replace(/`[^`]*`/g, '')), 'no raw <name> outside code spans');
  assert.match(action, /&lt;name&gt;/);
  assert.match(md('target-control-port', 3), /&lt;service name&gt;|`target-control-port\.<service name>\.<service port>`/);
});

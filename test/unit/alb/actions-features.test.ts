/**
 * Completion, hover and code lenses inside the ALB annotation JSON (service level, real parser). The lens
 * edits are applied to the text and the result re-parsed: the weights changed, every other byte stayed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit, CodeLens } from 'vscode-languageserver-types';
import { indexWith, objectsIn, serviceWith, uriOf } from '../../helpers/service';
import { positionOf } from '../../helpers/lspClient';
import { actionIngress as ing } from '../../fixtures/alb/manifests';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { percentages, shiftTo } from '../../../server/src/service/features/trafficSplit';

const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: web-blue
  namespace: shop
spec:
  ports:
    - name: http
      port: 80
    - name: admin
      port: 9090
---
apiVersion: v1
kind: Service
metadata:
  name: web-green
  namespace: shop
spec:
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: elsewhere
  namespace: other
spec:
  ports: [{port: 80}]
`;

function complete(text: string, needle: string, delta: number): CompletionItem[] {
  const s = serviceWith({ 'main.yaml': text, 'svc.yaml': SERVICES });
  const got = s.complete(uriOf('main.yaml'), positionOf(text, needle, delta))?.items ?? [];
  assert.deepEqual(s.internalErrors, []);
  return got.filter((i) => (i.data as { module?: string }).module === 'alb' && i.kind !== 15 /* Snippet: whole-annotation templates */);
}

/** Apply LSP text edits (single-line ranges suffice here) to a text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  for (const e of sorted) {
    assert.equal(e.range.start.line, e.range.end.line);
    const l = lines[e.range.start.line];
    lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
  }
  return lines.join('\n');
}

const BG_BLOCK = `alb.ingress.kubernetes.io/actions.bg: |
  {
    "type": "forward",
    "forwardConfig": {
      "targetGroups": [
        { "serviceName": "web-blue",  "servicePort": 80, "weight": 90 },
        { "serviceName": "web-green", "servicePort": 80, "weight": 10 }
      ]
    }
  }`;

test('completion: keys by JSON path, without the ones already there', () => {
  const text = ing(`alb.ingress.kubernetes.io/actions.bg: |\n  {\n    "type": "forward",\n    "\n  }`);
  const items = complete(text, '    "\n', 5);
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('forwardConfig') && labels.includes('targetGroupARN'));
  assert.ok(!labels.includes('type'), 'type is already there');
  const fc = items.find((i) => i.label === 'forwardConfig')!;
  assert.match((fc.textEdit as TextEdit).newText, /^"forwardConfig": \{/);
  const inner = ing(`alb.ingress.kubernetes.io/actions.bg: '{"type":"forward","forwardConfig":{"targetGroups":[{"weight":1, ""}]}}'`);
  const tgKeys = complete(inner, '"weight":1, "', 1).map((i) => i.label);
  assert.deepEqual(tgKeys.sort(), ['serviceName', 'servicePort', 'targetGroupARN', 'targetGroupName']);
});

test('completion: keys in a double-quoted scalar are escaped for YAML', () => {
  const text = ing(`alb.ingress.kubernetes.io/actions.bg: "{\\"type\\": \\"redirect\\", \\"redirectConfig\\": {\\"\\"}}"`);
  const needle = 'redirectConfig\\": {\\"';
  const items = complete(text, needle, needle.length);
  const sc = items.find((i) => i.label === 'statusCode')!;
  assert.ok(sc, `got ${items.map((i) => i.label)}`);
  // \\" in the snippet is a literal backslash + quote once the snippet escapes are read.
  assert.ok(
    (sc.textEdit as TextEdit).newText.startsWith('\\\\"statusCode\\\\": \\\\"${1|HTTP_301,HTTP_302|}'),
    (sc.textEdit as TextEdit).newText,
  );
});

test('completion: values of type, field and statusCode', () => {
  const t1 = ing(`alb.ingress.kubernetes.io/actions.bg: |\n  {"type": "fo"}`);
  assert.deepEqual(
    complete(t1, '"fo', 3).map((i) => i.label),
    ['forward', 'redirect', 'fixed-response'],
  );
  const edit = complete(t1, '"fo', 3)[0].textEdit as TextEdit;
  assert.equal(applyEdits(t1, [edit]).includes('{"type": "forward"}'), true);
  const t2 = ing(`alb.ingress.kubernetes.io/conditions.bg: '[{"field": ""}]'`);
  assert.ok(
    complete(t2, '"field": "', 10)
      .map((i) => i.label)
      .includes('http-header'),
  );
  const t3 = ing(`alb.ingress.kubernetes.io/actions.bg: '{"type":"redirect","redirectConfig":{"statusCode":""}}'`);
  assert.deepEqual(
    complete(t3, '"statusCode":"', 14).map((i) => i.label),
    ['HTTP_301', 'HTTP_302'],
  );
});

test('completion: serviceName offers the Services of the namespace, servicePort their ports', () => {
  const t = ing(
    `alb.ingress.kubernetes.io/actions.bg: |\n  {"type": "forward", "forwardConfig": {"targetGroups": [{"serviceName": "", "servicePort": 80}]}}`,
  );
  const svcs = complete(t, '"serviceName": "', 16)
    .map((i) => i.label)
    .sort();
  assert.deepEqual(svcs, ['web-blue', 'web-green']);
  const p = ing(
    `alb.ingress.kubernetes.io/actions.bg: |\n  {"type": "forward", "forwardConfig": {"targetGroups": [{"serviceName": "web-blue", "servicePort": }]}}`,
  );
  const ports = complete(p, '"servicePort": ', 15);
  assert.deepEqual(
    ports.map((i) => i.label),
    ['80', 'http', '9090', 'admin'],
  );
  assert.equal((ports[1].textEdit as TextEdit).newText, '"http"');
  assert.equal((ports[0].textEdit as TextEdit).newText, '80');
});

test('completion: nothing from us outside the JSON annotations', () => {
  const t = ing(`alb.ingress.kubernetes.io/scheme: internet-facing`);
  assert.deepEqual(
    complete(t, 'internet', 3).filter((i) => i.kind === 10),
    [],
  );
});

test('hover: a JSON key explains itself with type, values and link', () => {
  const t = ing(
    `alb.ingress.kubernetes.io/actions.bg: '{"type":"redirect","redirectConfig":{"statusCode":"HTTP_301","protocol":"HTTPS"}}'`,
  );
  const s = serviceWith({ 'main.yaml': t });
  const h = s.hover(uriOf('main.yaml'), positionOf(t, '"statusCode"', 3))!;
  const v = (h.contents as { value: string }).value;
  assert.match(v, /\*\*statusCode\*\* · string · required/);
  assert.match(v, /HTTP_301/);
  assert.match(v, /API_RedirectActionConfig/);
  const line = t.split('\n')[h.range!.start.line];
  assert.equal(line.slice(h.range!.start.character, h.range!.end.character), '"statusCode"');
  const ci = ing(`alb.ingress.kubernetes.io/actions.bg: '{"Type":"forward","targetGroupARN":"arn"}'`);
  const h2 = serviceWith({ 'main.yaml': ci }).hover(uriOf('main.yaml'), positionOf(ci, '"Type"', 2))!;
  assert.match((h2.contents as { value: string }).value, /case-insensitively/);
});

test('hover: a weighted forward action shows the split in percent', () => {
  const t = ing(BG_BLOCK.replace('"weight": 90', '"weight": 3').replace('"weight": 10', '"weight": 1'));
  const s = serviceWith({ 'main.yaml': t });
  const h = s.hover(uriOf('main.yaml'), positionOf(t, '"forwardConfig"', 2))!;
  assert.match((h.contents as { value: string }).value, /web-blue 75% · web-green 25%/);
});

test('percentages add up to 100; shifting moves points from the largest other target', () => {
  assert.deepEqual(percentages([1, 1, 1]), [34, 33, 33]);
  assert.deepEqual(percentages([0, 0]), [0, 0]);
  assert.deepEqual(shiftTo([90, 10], 1, 10), [80, 20]);
  assert.deepEqual(shiftTo([95, 5], 1, 10), [85, 15]);
  assert.deepEqual(shiftTo([0, 100], 1, 10), [0, 100]);
  assert.deepEqual(shiftTo([50, 30, 20], 2, 10), [40, 30, 30]);
});

/** The lenses of a file, each resolved as the editor does for the visible ones (codeLens/resolve). */
function lensesOf(text: string): CodeLens[] {
  const s = serviceWith({ 'main.yaml': text });
  const lenses = s.codeLenses(uriOf('main.yaml'));
  // Only the display lens comes with its command; the ones that change weights are resolved on demand.
  assert.ok(lenses.every((l) => (l.command ? l.command.command === '' : (l.data as { module?: string }).module === 'alb')));
  return lenses
    .map((l) => (l.command ? l : s.resolveCodeLens(JSON.parse(JSON.stringify(l)) as CodeLens)))
    .filter((l) => l.command?.title && /Traffic|%|Swap|All to/.test(l.command.title));
}

/** Weights of the action after applying a lens: re-parsed with the real service. */
function weightsAfter(text: string, lens: CodeLens): { text: string; weights: number[] } {
  const [uri, edits] = lens.command!.arguments as [string, TextEdit[]];
  assert.equal(uri, uriOf('main.yaml'));
  assert.equal(lens.command!.command, 'eksManifests.applyEdit');
  const next = applyEdits(text, edits);
  const l = lensesOf(next);
  const split = l[0].command!.title;
  const weights = [...next.matchAll(/"weight\\?":\s*(\d+)/g)].map((m) => Number(m[1]));
  assert.ok(split.startsWith('Traffic:'));
  return { text: next, weights };
}

for (const [style, ann] of Object.entries({
  literal: BG_BLOCK,
  folded: `alb.ingress.kubernetes.io/actions.bg: >\n  {"type":"forward","forwardConfig":{"targetGroups":[\n  {"serviceName":"web-blue","servicePort":80,"weight":90},\n  {"serviceName":"web-green","servicePort":80,"weight":10}]}}`,
  single: `alb.ingress.kubernetes.io/actions.bg: '{"type":"forward","forwardConfig":{"targetGroups":[{"serviceName":"web-blue","servicePort":80,"weight":90},{"serviceName":"web-green","servicePort":80,"weight":10}]}}'`,
  double: `alb.ingress.kubernetes.io/actions.bg: "{\\"type\\":\\"forward\\",\\"forwardConfig\\":{\\"targetGroups\\":[{\\"serviceName\\":\\"web-blue\\",\\"servicePort\\":80,\\"weight\\":90},{\\"serviceName\\":\\"web-green\\",\\"servicePort\\":80,\\"weight\\":10}]}}"`,
})) {
  test(`code lens (${style}): split, +10%, swap and all-to rewrite only the weights`, () => {
    const text = ing(ann);
    const lenses = lensesOf(text);
    const titles = lenses.map((l) => l.command!.title);
    assert.deepEqual(titles, ['Traffic: web-blue 90% · web-green 10%', '+10% to web-green', 'Swap', 'All to web-blue', 'All to web-green']);
    const norm = (s: string): string => s.replace(/("?weight\\?"?:\s*)\d+/g, '$1#');
    const plus = weightsAfter(text, lenses[1]);
    assert.deepEqual(plus.weights, [80, 20]);
    assert.equal(norm(plus.text), norm(text), 'only the weights changed');
    assert.deepEqual(weightsAfter(text, lenses[2]).weights, [10, 90]);
    assert.deepEqual(weightsAfter(text, lenses[4]).weights, [0, 100]);
    assert.equal(lensesOf(weightsAfter(text, lenses[1]).text)[0].command!.title, 'Traffic: web-blue 80% · web-green 20%');
    const s = serviceWith({ 'main.yaml': weightsAfter(text, lenses[2]).text });
    assert.deepEqual(
      s
        .validate(uriOf('main.yaml'))
        .filter((d) => d.severity === 1)
        .map((d) => d.code),
      [],
    );
  });
}

test('code lens: none for a single target, a broken JSON or a non-forward action', () => {
  assert.deepEqual(
    lensesOf(
      ing(
        `alb.ingress.kubernetes.io/actions.bg: '{"type":"forward","forwardConfig":{"targetGroups":[{"serviceName":"a","servicePort":80}]}}'`,
      ),
    ),
    [],
  );
  assert.deepEqual(
    lensesOf(ing(`alb.ingress.kubernetes.io/actions.bg: '{"type":"forward","forwardConfig":{"targetGroups":[{"weight":1},{"weight":2}]'`)),
    [],
  );
  assert.deepEqual(
    lensesOf(ing(`alb.ingress.kubernetes.io/actions.bg: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"503"}}'`)),
    [],
  );
});

test('completion: a key inserted between others brings its commas', () => {
  const t = ing(`alb.ingress.kubernetes.io/actions.bg: '{"type":"redirect"  "redirectConfig":{}}'`);
  const items = complete(t, '"type":"redirect" ', 18);
  const edit = items.find((i) => i.label === 'targetGroupARN')!.textEdit as TextEdit;
  assert.equal(edit.newText, ', "targetGroupARN": "$1", ');
  const t2 = ing(`alb.ingress.kubernetes.io/actions.bg: '{"type":"redirect",  }'`);
  const e2 = complete(t2, '"redirect", ', 12).find((i) => i.label === 'redirectConfig')!.textEdit as TextEdit;
  assert.equal(e2.newText, '"redirectConfig": {$1\\}');
});

test('definition and hover: serviceName inside the JSON leads to the Service', () => {
  const t = ing(BG_BLOCK);
  const s = serviceWith({ 'main.yaml': t, 'svc.yaml': SERVICES });
  const locs = s.definition(uriOf('main.yaml'), positionOf(t, '"web-green"', 3));
  assert.equal(locs.length, 1);
  assert.equal(locs[0].uri, uriOf('svc.yaml'));
  assert.equal(
    SERVICES.split('\n')[locs[0].range.start.line].slice(locs[0].range.start.character, locs[0].range.end.character),
    'web-green',
  );
  const h = s.hover(uriOf('main.yaml'), positionOf(t, '"web-blue"', 3))!;
  assert.match((h.contents as { value: string }).value, /Service `shop\/web-blue`: ports 80 \(http\), 9090 \(admin\)/);
  assert.deepEqual(s.definition(uriOf('main.yaml'), positionOf(t, '"forward"', 3)), []);
});

test('refactor: one-line JSON ↔ indented block, same JSON after the round trip', () => {
  const one = `alb.ingress.kubernetes.io/actions.bg: "{\\"type\\":\\"fixed-response\\",\\"fixedResponseConfig\\":{\\"statusCode\\":\\"503\\",\\"messageBody\\":\\"it's down, sorry: \\\\\\"later\\\\\\"\\"}}"`;
  const t = ing(one);
  const value = (text: string): unknown => {
    const obj = objectsIn(indexWith({ 'main.yaml': text }), 'main.yaml')[0];
    return JSON.parse(obj.annotations['alb.ingress.kubernetes.io/actions.bg']);
  };
  const original = value(t);
  const act = (text: string, title: RegExp): string => {
    const s = serviceWith({ 'main.yaml': text });
    const pos = positionOf(text, 'actions.bg', 3);
    const a = s.codeActions(uriOf('main.yaml'), { start: pos, end: pos }, []).find((x) => title.test(x.title))!;
    assert.ok(a, `no action ${title}`);
    const edits = a.edit!.changes![uriOf('main.yaml')];
    // Apply one multi-line edit by offsets.
    const lines = text.split('\n');
    const off = (p: { line: number; character: number }): number =>
      lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const e = edits[0];
    return text.slice(0, off(e.range.start)) + e.newText + text.slice(off(e.range.end));
  };
  const block = act(t, /indented block/);
  assert.match(block, /actions\.bg: \|\n {6}\{\n {8}"type": "fixed-response",/);
  assert.deepEqual(value(block), original);
  assert.deepEqual(
    serviceWith({ 'main.yaml': block })
      .validate(uriOf('main.yaml'))
      .filter((d) => String(d.code).startsWith('alb-json')),
    [],
  );
  const back = act(block, /one line/);
  assert.match(back, /actions\.bg: '\{"type": "fixed-response", /);
  assert.deepEqual(value(back), original);
  assert.match(back, /\n {4}\S|\nspec:/, 'the next line is untouched');
});

test('refactor: a trailing comment stays a comment (moved to the key line) and comes back; CRLF files keep CRLF', () => {
  const apply = (text: string, title: RegExp): string => {
    const s = serviceWith({ 'main.yaml': text });
    const pos = positionOf(text, 'actions.bg', 3);
    const a = s.codeActions(uriOf('main.yaml'), { start: pos, end: pos }, []).find((x) => title.test(x.title))!;
    assert.ok(a, `no action ${title}`);
    return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), a.edit!.changes![uriOf('main.yaml')]);
  };
  const value = (text: string) =>
    JSON.parse(objectsIn(indexWith({ 'main.yaml': text }), 'main.yaml')[0].annotations['alb.ingress.kubernetes.io/actions.bg']) as unknown;
  for (const eol of ['\n', '\r\n']) {
    const t = ing(
      `alb.ingress.kubernetes.io/actions.bg: '{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "404"}}'   # owned by team-a`,
    ).replace(/\n/g, eol);
    const block = apply(t, /indented block/);
    assert.ok(block.includes(`actions.bg: | # owned by team-a${eol}`), block);
    assert.deepEqual(value(block), value(t), 'the comment is not part of the JSON');
    if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(block), 'only CRLF line breaks');
    const back = apply(block, /one line/);
    assert.match(
      back,
      /actions\.bg: '\{"type": "fixed-response", "fixedResponseConfig": \{"statusCode": "404"\}\}' # owned by team-a\r?\n/,
    );
    assert.deepEqual(value(back), value(t));
  }
});

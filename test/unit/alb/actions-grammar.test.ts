/**
 * The injection grammar that highlights the JSON inside ALB json-typed annotations, run through the real
 * TextMate engine (vscode-textmate + oniguruma) with the YAML and JSON grammars from `tm-grammars`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../../helpers/lspClient';

const GRAMMAR = path.join(ROOT, 'syntaxes', 'alb-json.injection.tmLanguage.json');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('the grammar is valid JSON, contributed with injectTo source.yaml and an embedded json language', () => {
  const g = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8'));
  assert.equal(g.scopeName, 'eks.alb-json.injection');
  const c = pkg.contributes.grammars.find((x: { scopeName: string }) => x.scopeName === g.scopeName);
  assert.ok(c, 'not contributed');
  assert.deepEqual(c.injectTo, ['source.yaml']);
  assert.equal(c.embeddedLanguages['meta.embedded.alb-json'], 'json');
  assert.ok(fs.existsSync(path.join(ROOT, c.path)));
});

async function tokenizer() {
  const oniguruma = await import('vscode-oniguruma');
  const textmate = await import('vscode-textmate');
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const grammars: Record<string, string> = {
    'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
    'source.json': require.resolve('tm-grammars/grammars/json.json'),
    'eks.alb-json.injection': GRAMMAR,
  };
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      const p = grammars[scope];
      return p ? textmate.parseRawGrammar(fs.readFileSync(p, 'utf8'), p) : null;
    },
    getInjections: (scope: string) => (scope === 'source.yaml' ? ['eks.alb-json.injection'] : undefined),
  });
  const yaml = (await registry.loadGrammar('source.yaml'))!;
  return (text: string): { text: string; scopes: string[] }[][] => {
    let state = textmate.INITIAL;
    return text.split('\n').map((line) => {
      const r = yaml.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
}

/** Scopes of the token holding the last character of `needle` (grammars may split a word into tokens). */
function scopesOf(lines: { text: string; scopes: string[] }[][], needle: string): string[] {
  for (const l of lines) {
    const text = l.map((t) => t.text).join('');
    const i = text.indexOf(needle);
    if (i < 0) continue;
    const last = i + needle.length - 1;
    let pos = 0;
    for (const t of l) {
      if (last < pos + t.text.length) return t.scopes;
      pos += t.text.length;
    }
  }
  throw new Error(`no token with ${needle}`);
}

test('JSON inside block, single- and double-quoted annotation values is tokenised as JSON', async () => {
  const tokenize = await tokenizer();
  const doc = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  annotations:
    alb.ingress.kubernetes.io/actions.bg: |
      {"type": "forward",
       "forwardConfig": {"targetGroups": [{"serviceName": "blue", "weight": 90}]}}
    alb.ingress.kubernetes.io/conditions.bg: '[{"field": "http-header"}]'
    alb.ingress.kubernetes.io/listen-ports: "[{\\"HTTPS\\": 443}]"
    alb.ingress.kubernetes.io/transforms.bg: >-
      [{"type": "url-rewrite",

        "urlRewriteConfig": {"rewrites": []}}]
    alb.ingress.kubernetes.io/scheme: internet-facing
spec:
  rules: []
`;
  const lines = tokenize(doc);
  assert.ok(
    scopesOf(lines, 'forwardConfig').some((s) => s.startsWith('support.type.property-name.json')),
    scopesOf(lines, 'forwardConfig').join(' '),
  );
  assert.ok(scopesOf(lines, 'forwardConfig').includes('meta.embedded.alb-json'));
  assert.ok(scopesOf(lines, '90').some((s) => s.startsWith('constant.numeric.json')));
  assert.ok(scopesOf(lines, 'field').some((s) => s.startsWith('support.type.property-name.json')));
  assert.ok(scopesOf(lines, 'http-header').some((s) => s.startsWith('string.quoted.double.json')));
  assert.ok(scopesOf(lines, 'HTTPS').some((s) => s.startsWith('support.type.property-name.json')));
  assert.ok(scopesOf(lines, '443').some((s) => s.startsWith('constant.numeric.json')));
  assert.ok(
    scopesOf(lines, 'urlRewriteConfig').some((s) => s.startsWith('support.type.property-name.json')),
    'folded block after an empty line',
  );
  // The block ends with the next key: plain YAML again.
  assert.ok(!scopesOf(lines, 'internet-facing').includes('meta.embedded.alb-json'));
  assert.ok(!scopesOf(lines, 'rules').includes('meta.embedded.alb-json'));
  // Other annotations stay YAML.
  assert.ok(!scopesOf(lines, 'scheme').includes('meta.embedded.alb-json'));
});

/**
 * The ALB snippets, with every placeholder replaced by its default, produce manifests our own service finds
 * nothing wrong with (annotation-only snippets are placed in an Ingress whose rule uses the action).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../../helpers/lspClient';
import { serviceWith, uriOf } from '../../helpers/service';

const SNIPPETS = path.join(ROOT, 'snippets', 'alb.json');

/** Snippet body → text: ${n:default} → default, ${n|a,b|} → a, $n → '', \$ → $. */
export function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\\$/g, '$');
}

function inIngress(annotations: string, backend: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: default
  annotations:
${annotations.replace(/^(?=.)/gm, '    ')}
spec:
  ingressClassName: alb
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${backend}
                port:
                  name: use-annotation
`;
}

const snippets = JSON.parse(fs.readFileSync(SNIPPETS, 'utf8')) as Record<string, { prefix: string[]; body: string[]; description: string }>;

test('the ALB snippets are contributed for YAML', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.ok(
    pkg.contributes.snippets.some((s: { language: string; path: string }) => s.language === 'yaml' && s.path === './snippets/alb.json'),
  );
  // VS Code offers contributed snippets anywhere in YAML (at annotation values too): only whole manifests,
  // behind an alb-ingress prefix; annotation-level ones are server completion items.
  assert.deepEqual(Object.keys(snippets).length, 2);
  for (const s of Object.values(snippets)) {
    assert.ok(
      s.prefix.every((p) => p.startsWith('alb-ingress')),
      s.prefix.join(),
    );
    assert.match(s.body[0], /^apiVersion: /);
  }
});

for (const [name, s] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to a manifest with no diagnostics`, () => {
    let text = expand(s.body);
    const m = /^alb\.ingress\.kubernetes\.io\/actions\.([^:]+):/.exec(text);
    if (m) text = inIngress(text, m[1]);
    assert.match(text, /^apiVersion: networking\.k8s\.io\/v1/);
    const svc = serviceWith({ 'main.yaml': text });
    const d = svc.validate(uriOf('main.yaml'));
    assert.deepEqual(svc.internalErrors, []);
    assert.deepEqual(
      d.map((x) => `${x.code}: ${x.message}`),
      [],
      text,
    );
  });
}

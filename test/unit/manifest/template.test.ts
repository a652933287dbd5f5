/**
 * Helm/Go-template masking (server/src/service/parse/template.ts): actions are hidden from the YAML parser
 * without moving any offset or line. Fixtures are written in the shape of real chart templates (the
 * `helm create` scaffold, Bitnami's `common.*` includes, if/else alternatives).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskTemplate, templateActions, elseBranches } from '@shared/manifest/template';
import { YamlFile } from '@shared/manifest/yamlFile';
import { MASK_CHAR } from '@shared/manifest/templates';

const lines = (s: string) => s.split('\n');
/** The language service's reading (YamlFile masks templates only when asked: the cluster module reads text as is). */
const T = { templates: true };

test('masking keeps every offset and line: action-only lines become blank, inline actions MASK_CHAR runs', () => {
  const src = [
    '{{- if .Values.enabled }}',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: {{ include "app.fullname" . }}',
    '  labels:',
    '    {{- include "app.labels" . | nindent 4 }}',
    '{{- end }}',
    '',
  ].join('\n');
  const m = maskTemplate(src);
  assert.equal(m.text.length, src.length);
  const out = lines(m.text);
  assert.equal(out[0].trim(), '');
  assert.equal(out[4], '  name: ' + MASK_CHAR.repeat('{{ include "app.fullname" . }}'.length));
  assert.equal(out[6].trim(), '');
  assert.equal(out[7].trim(), '');
  assert.deepEqual(
    m.masked.filter((r) => r.line).map((r) => src.slice(r.start, r.end).trim()),
    ['{{- if .Values.enabled }}', '{{- include "app.labels" . | nindent 4 }}', '{{- end }}'],
  );
  assert.deepEqual(
    m.masked.filter((r) => !r.line).map((r) => src.slice(r.start, r.end)),
    ['{{ include "app.fullname" . }}'],
  );
});

test('the lexer ends an action at the first }} outside strings, raw strings and comments', () => {
  const src = 'a: {{ "}}" | quote }} b: {{ `x}}y` }} c: {{/* }} */}} d: {{ printf \'}\' }}';
  assert.deepEqual(
    templateActions(src).map(([s, e]) => src.slice(s, e)),
    ['{{ "}}" | quote }}', '{{ `x}}y` }}', '{{/* }} */}}', "{{ printf '}' }}"],
  );
});

test('an action that is never closed ends at its line (text being typed does not hide the file)', () => {
  const src = 'name: {{ .Values.na\nkind: Service\n';
  const m = maskTemplate(src);
  assert.equal(lines(m.text)[1], 'kind: Service');
});

test('a multi-line comment holding a --- line is one action: no document split inside it', () => {
  const src = 'apiVersion: v1\nkind: ConfigMap\n{{- /*\n---\nnot a document\n*/}}\nmetadata:\n  name: cm\n';
  const f = new YamlFile(src, T);
  assert.equal(f.chunks.length, 1);
  assert.equal(f.chunks[0].docs[0].errors.length, 0);
});

test('--- lines inside {{ range }} still split the documents, each parsed on its own', () => {
  const src = [
    '{{- range $name, $cfg := .Values.configMaps }}',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ $name }}',
    'data:',
    '  {{- toYaml $cfg | nindent 2 }}',
    '{{- end }}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: plain',
    '',
  ].join('\n');
  const f = new YamlFile(src, T);
  assert.equal(f.chunks.length, 3);
  for (const c of f.chunks) for (const d of c.docs) assert.deepEqual(d.errors, []);
  assert.equal(f.chunks[2].startLine, 9);
});

test('`key: {{- include … | nindent N }}` followed by literal keys opens a block (Bitnami style)', () => {
  const src = [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '  name: {{ include "common.names.fullname" . }}',
    '  labels: {{- include "common.labels.standard" ( dict "customLabels" .Values.commonLabels "context" $ ) | nindent 4 }}',
    '    app.kubernetes.io/component: primary',
    'spec:',
    '  template:',
    '    spec:',
    '      affinity:',
    '        podAntiAffinity:',
    '          preferredDuringSchedulingIgnoredDuringExecution:',
    '            - {{ toYaml $term | nindent 14 | trim }}',
    '              weight: 1',
    '',
  ].join('\n');
  const f = new YamlFile(src, T);
  assert.deepEqual(f.chunks[0].docs[0].errors, []);
  const labels = f.chunks[0].docs[0].getIn(['metadata', 'labels']) as { toJSON(): unknown };
  assert.deepEqual(labels.toJSON(), { 'app.kubernetes.io/component': 'primary' });
});

test('`key: {{ value }}` with a sibling key on the next line stays a scalar', () => {
  const src = 'spec:\n  containers:\n    - name: {{ .Chart.Name }}\n      image: nginx\n';
  const f = new YamlFile(src, T);
  const doc = f.chunks[0].docs[0];
  assert.deepEqual(doc.errors, []);
  assert.equal(doc.getIn(['spec', 'containers', 0, 'image']), 'nginx');
  assert.ok(String(doc.getIn(['spec', 'containers', 0, 'name'])).includes(MASK_CHAR));
});

test('if/else alternatives that are not YAML side by side are read with their first branch', () => {
  const src = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: db',
    'spec:',
    '  podSelector:',
    '    matchLabels:',
    '      {{- if .Values.podLabels }}',
    '      {{- range $k, $v := .Values.podLabels }}',
    '      {{ $k | quote }}: {{ $v | quote }}',
    '      {{- end }}',
    '      {{- else }}',
    '      {}',
    '      {{- end }}',
    '',
  ].join('\n');
  assert.deepEqual(elseBranches(src, templateActions(src)).length, 1);
  const f = new YamlFile(src, T);
  assert.deepEqual(f.chunks[0].docs[0].errors, []);
});

test('equal keys in two branches are not a duplicate; equal literal keys are', () => {
  const branches = 'metadata:\n  {{- if .Values.a }}\n  name: a\n  {{- else }}\n  name: b\n  {{- end }}\n';
  assert.deepEqual(new YamlFile(branches, T).chunks[0].docs[0].errors, []);
  const dup = 'metadata:\n  name: {{ .Values.a }}\n  labels: {}\n  name: b\n';
  assert.deepEqual(
    new YamlFile(dup, T).chunks[0].docs[0].errors.map((e) => e.code),
    ['DUPLICATE_KEY'],
  );
});

test('a block scalar whose first lines are actions parses (no "more-indented leading empty lines")', () => {
  const src = 'data:\n  config.yaml: |\n{{- if .Values.rules }}\n    rules:\n{{- end }}\n    global: {}\n';
  assert.deepEqual(new YamlFile(src, T).chunks[0].docs[0].errors, []);
});

test('a genuine YAML error in the literal text of a template is still found, at its position', () => {
  const src = 'metadata:\n  name: {{ .Release.Name }}\n  labels: {app: [web\n';
  const f = new YamlFile(src, T);
  const errs = f.chunks[0].docs[0].errors;
  assert.ok(errs.length > 0);
  assert.equal(f.chunks[0].toPosition(errs[0].pos[0]).line >= 2, true);
});

test('editing a template re-parses it with the same result as a fresh parse', () => {
  const a = 'kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n---\nkind: Secret\nmetadata:\n  name: s\n';
  const f = new YamlFile(a, T);
  const b = a.replace('name: s', 'name: {{ .Values.secretName }}');
  f.update(b);
  const fresh = new YamlFile(b, T);
  assert.deepEqual(
    f.chunks.map((c) => c.text),
    fresh.chunks.map((c) => c.text),
  );
  assert.equal(f.chunks[0], f.chunks[0]);
  assert.equal(f.lastReparsed, 1);
});

test('hostile templates: masking keeps the length and lines, and the parse never throws (bounded by input size)', () => {
  const inputs = [
    '{{'.repeat(100_000),
    '{{/* never closed\n'.repeat(5_000),
    'a: {{ "unterminated\n'.repeat(5_000),
    '{{ if .a }}\n'.repeat(3_000) + 'x: 1\n' + '{{ else }}\n{}\n{{ end }}\n'.repeat(3_000),
    Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i % 40)}k${i}: {{ include "x" . | nindent ${i % 40} }}`).join('\n'),
    "}}{{-}}{{- -}}{{`}}`}}{{'}}'}}".repeat(5_000),
    '---\n{{ range }}\n---\n{{ end }}\n'.repeat(2_000),
  ];
  for (const src of inputs) {
    const m = maskTemplate(src);
    assert.equal(m.text.length, src.length);
    assert.equal(m.text.split('\n').length, src.split('\n').length);
    const f = new YamlFile(src, T);
    assert.equal(
      f.chunks.reduce((n, c) => n + c.source.length, 0),
      src.length,
    );
  }
});

test('without the templates option the text is parsed as written (what apply sends to a cluster)', () => {
  const src = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rules\ndata:\n  alert: "{{ $labels.instance }} is down"\n';
  const f = new YamlFile(src);
  assert.equal(f.chunks[0].docs[0].getIn(['data', 'alert']), '{{ $labels.instance }} is down');
  assert.deepEqual(f.chunks[0].masked, []);
  assert.notEqual(new YamlFile(src, T).chunks[0].docs[0].getIn(['data', 'alert']), '{{ $labels.instance }} is down');
});

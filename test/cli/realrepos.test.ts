/**
 * The bundled CLI on a repository shaped like the real ones of issue 12: a Helm chart, a Kustomize overlay,
 * a Terraform `*.yaml.tpl`; `--exclude` globs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';

const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-cli-repo-'));
const write = (name: string, text: string) => {
  const p = path.join(repo, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
};
write('charts/web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
write('charts/web/values.yaml', 'kind: Deployment\nreplicaCount: 1\n');
write(
  'charts/web/templates/deployment.yaml',
  '{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: {{ .Values.kind }}\nmetadata:\n  name: {{ include "web.fullname" . }}\n  labels:\n    {{- include "web.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n{{- end }}\n',
);
write('charts/web/templates/_helpers.tpl', '{{- define "web.fullname" -}}{{ .Release.Name }}{{- end }}\n');
write('deploy/base/kustomization.yaml', 'resources:\n  - service.yaml\n');
write('deploy/base/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n');
write('deploy/prod/kustomization.yaml', 'namespace: prod\nresources:\n  - ../base\n  - ingress.yaml\n  - hpa.yaml\n');
write(
  'deploy/prod/ingress.yaml',
  'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port: {number: 80}\n',
);
write(
  'terraform/pdb.yaml.tpl',
  'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\nspec:\n  minAvailable: ${min}\n',
);
write('legacy/old.yaml', 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\n');

interface Row {
  file: string;
  code: string;
  line: number;
}
const check = (...args: string[]) => runCli(['check', '--format', 'json', ...args], repo);

test('a repository with a chart, kustomize folders and a *.yaml.tpl: only the true findings', () => {
  const r = check('.');
  assert.equal(r.code, 1, r.err);
  const rows = (JSON.parse(r.out) as Row[]).map((x) => [path.relative(repo, x.file), x.code, x.line]);
  assert.deepEqual(rows, [
    ['deploy/prod/kustomization.yaml', 'kustomize-path-missing', 5],
    ['legacy/old.yaml', 'api-removed', 1],
    ['terraform/pdb.yaml.tpl', 'api-removed', 1],
  ]);
  assert.match(runCli(['check', '.'], repo).out, /9 files checked: 3 errors, 0 warnings/);
});

test('--exclude: a folder glob, a name glob without /, repeatable; files given by name too', () => {
  const r = check('--exclude', 'legacy/**', '--exclude', '*.tpl', '.');
  const rows = (JSON.parse(r.out) as Row[]).map((x) => path.relative(repo, x.file));
  assert.deepEqual(rows, ['deploy/prod/kustomization.yaml']);
  assert.deepEqual(
    JSON.parse(check('--exclude', 'legacy', 'legacy/old.yaml', 'deploy').out).map((x: Row) => x.code),
    ['kustomize-path-missing'],
  );
  assert.match(
    runCli(['check', '--exclude', 'deploy', '--exclude', 'legacy', '--exclude=terraform/*', '.'], repo).out,
    /3 files checked: 0 errors/,
  );
});

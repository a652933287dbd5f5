/**
 * Every Datadog diagnostic firing on the wrong form and silent on the right one, with its exact range. Sources
 * (DataDog/datadog-agent main, read 2026-08): comp/core/autodiscovery/common/utils/pod_annotations.go
 * (parseChecksJSON: map of structs, instances via parseJSONObjToData), annotations.go (ParseCheckNames,
 * ParseJSONValue, BuildTemplates length and init_config checks, extractLogsTemplatesFromMap "expected an
 * array", extractTemplatesFromMapWithV2 precedence), the identifier validator (ValidateAnnotationsMatching with
 * LastIndex of "." and ".check.id"), comp/core/autodiscovery/configresolver (templateVariables, varPattern,
 * getPort), the tagger's parseJSONValue (.tags), pkg/clusteragent/admission (label selectors on
 * admission.datadoghq.com/enabled, autoinstrumentation supportedLanguages, all-lib.version "latest" only);
 * Datadog docs: integrations, unified service tagging, admission controller.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, serviceWith, uriOf, withCode } from '../../helpers/service';
import { DATADOG_CODES } from '../../../server/src/service/datadog/codes';

/** A Deployment whose Pod template has these annotations and labels, containers web (port http 8080, metrics 9090) and redis (6379). */
function deploy(
  podAnnotations: string,
  opts: { podLabels?: string; ownLabels?: string; ownAnnotations?: string; env?: string } = {},
): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
${opts.ownLabels ? `  labels:\n${opts.ownLabels.replace(/^/gm, '    ')}\n` : ''}${opts.ownAnnotations ? `  annotations:\n${opts.ownAnnotations.replace(/^/gm, '    ')}\n` : ''}spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
${opts.podLabels ? opts.podLabels.replace(/^/gm, '        ') + '\n' : ''}${podAnnotations ? `      annotations:\n${podAnnotations.replace(/^/gm, '        ')}\n` : ''}    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - name: http
              containerPort: 8080
            - name: metrics
              containerPort: 9090
${opts.env ? `          env:\n${opts.env.replace(/^/gm, '            ')}\n` : ''}        - name: redis
          image: redis
          ports:
            - containerPort: 6379
        - name: sidecar
          image: busybox
`;
}

const AD = 'ad.datadoghq.com';
const CHECKS_OK = `${AD}/redis.checks: |\n  {"redisdb": {"init_config": {}, "instances": [{"host": "%%host%%", "port": "%%port%%"}]}}`;

interface Case {
  code: string;
  why: string;
  fire: string;
  silent: string;
  fireText: string;
  severity?: number;
}

const cases: Case[] = [
  // JSON syntax at the exact character, in a block scalar and in a quoted scalar.
  {
    code: 'dd-ad-json',
    why: 'parseChecksJSON json.Unmarshal',
    fire: deploy(`${AD}/redis.checks: |\n  {"redisdb": {"init_config": {} "instances": [{"host": "%%host%%"}]}}`),
    silent: deploy(CHECKS_OK),
    fireText: '"instances"',
  },
  {
    code: 'dd-ad-json',
    why: 'trailing commas are invalid JSON',
    fire: deploy(`${AD}/web.logs: '[{"source": "nginx", "service": "web",}]'`),
    silent: deploy(`${AD}/web.logs: '[{"source": "nginx", "service": "web"}]'`),
    fireText: '}',
  },
  {
    code: 'dd-ad-json',
    why: 'ParseCheckNames "check_names is empty"',
    fire: deploy(`${AD}/redis.check_names: ''\n${AD}/redis.init_configs: '[{}]'\n${AD}/redis.instances: '[{}]'`),
    silent: deploy(`${AD}/redis.check_names: '["redisdb"]'\n${AD}/redis.init_configs: '[{}]'\n${AD}/redis.instances: '[{}]'`),
    fireText: "''",
  },
  {
    code: 'dd-ad-json-type',
    why: 'parseChecksJSON: map[string]struct, instances []interface{} of objects',
    fire: deploy(`${AD}/redis.checks: '{"redisdb": {"instances": {"host": "%%host%%"}}}'`),
    silent: deploy(`${AD}/redis.checks: '{"redisdb": {"instances": [{"host": "%%host%%"}]}}'`),
    fireText: '{"host": "%%host%%"}',
  },
  {
    code: 'dd-ad-json-type',
    why: 'struct field IgnoreAutodiscoveryTags bool',
    fire: deploy(`${AD}/redis.checks: '{"redisdb": {"ignore_autodiscovery_tags": "true", "instances": [{}]}}'`),
    silent: deploy(`${AD}/redis.checks: '{"redisdb": {"ignore_autodiscovery_tags": true, "instances": [{}]}}'`),
    fireText: '"true"',
  },
  {
    code: 'dd-ad-json-type',
    why: 'init_config as a string (docs/dev/kubernetes-autodiscovery-annotations.md)',
    fire: deploy(`${AD}/redis.checks: '{"redisdb": {"init_config": "{}", "instances": [{}]}}'`),
    silent: deploy(`${AD}/redis.checks: '{"redisdb": {"init_config": {}, "instances": [{}]}}'`),
    fireText: '"{}"',
    severity: 2,
  },
  {
    code: 'dd-ad-json-type',
    why: 'extractLogsTemplatesFromMap "invalid format, expected an array"',
    fire: deploy(`${AD}/web.logs: '{"source": "nginx"}'`),
    silent: deploy(`${AD}/web.logs: '[{"source": "nginx"}]'`),
    fireText: '{"source": "nginx"}',
  },
  {
    code: 'dd-ad-json-type',
    why: 'ParseJSONValue: elements objects or lists of objects',
    fire: deploy(`${AD}/redis.check_names: '["redisdb"]'\n${AD}/redis.init_configs: '[{}]'\n${AD}/redis.instances: '["localhost"]'`),
    silent: deploy(
      `${AD}/redis.check_names: '["redisdb"]'\n${AD}/redis.init_configs: '[{}]'\n${AD}/redis.instances: '[{"host": "%%host%%"}]'`,
    ),
    fireText: '"localhost"',
  },
  {
    code: 'dd-ad-json-type',
    why: 'tagger parseJSONValue: map[string]interface{}',
    fire: deploy(`${AD}/tags: '["team:shop"]'`),
    silent: deploy(`${AD}/tags: '{"team": "shop"}'`),
    fireText: '["team:shop"]',
  },
  {
    code: 'dd-ad-unknown-key',
    why: 'Go ignores fields the struct does not have',
    fire: deploy(`${AD}/redis.checks: '{"redisdb": {"instance": [{"host": "%%host%%"}]}}'`),
    silent: deploy(`${AD}/redis.checks: '{"redisdb": {"instances": [{"host": "%%host%%"}]}}'`),
    fireText: '"instance"',
  },
  {
    code: 'dd-ad-v1-incomplete',
    why: 'extractCheckTemplatesFromMap "missing init_configs key"',
    fire: deploy(`${AD}/redis.check_names: '["redisdb"]'\n${AD}/redis.instances: '[{}]'`),
    silent: deploy(`${AD}/redis.check_names: '["redisdb"]'\n${AD}/redis.init_configs: '[{}]'\n${AD}/redis.instances: '[{}]'`),
    fireText: `${AD}/redis.check_names`,
  },
  {
    code: 'dd-ad-v1-incomplete',
    why: 'BuildTemplates: lengths must match',
    fire: deploy(
      `${AD}/redis.check_names: '["redisdb", "redis_sentinel"]'\n${AD}/redis.init_configs: '[{}]'\n${AD}/redis.instances: '[{}]'`,
    ),
    silent: deploy(
      `${AD}/redis.check_names: '["redisdb", "redis_sentinel"]'\n${AD}/redis.init_configs: '[{}, {}]'\n${AD}/redis.instances: '[{}, {}]'`,
    ),
    fireText: `${AD}/redis.check_names`,
  },
  {
    code: 'dd-ad-v1-incomplete',
    why: 'BuildTemplates: each init config exactly one object',
    fire: deploy(`${AD}/redis.check_names: '["redisdb"]'\n${AD}/redis.init_configs: '[[{}, {}]]'\n${AD}/redis.instances: '[{}]'`),
    silent: deploy(`${AD}/redis.check_names: '["redisdb"]'\n${AD}/redis.init_configs: '[[{}]]'\n${AD}/redis.instances: '[{}]'`),
    fireText: '[{}, {}]',
  },
  {
    code: 'dd-ad-v1-ignored',
    why: 'extractTemplatesFromMapWithV2: .checks wins',
    fire: deploy(`${CHECKS_OK}\n${AD}/redis.check_names: '["redisdb"]'\n${AD}/redis.init_configs: '[{}]'\n${AD}/redis.instances: '[{}]'`),
    silent: deploy(CHECKS_OK),
    fireText: `${AD}/redis.check_names`,
  },
  {
    code: 'dd-ad-container-mismatch',
    why: 'ValidateAnnotationsMatching: identifier is the container name',
    fire: deploy(`${AD}/nginx.logs: '[{"source": "nginx"}]'`),
    silent: deploy(`${AD}/web.logs: '[{"source": "nginx"}]'`),
    fireText: `${AD}/nginx.logs`,
  },
  {
    code: 'dd-ad-container-mismatch',
    why: 'check.id identifiers are validated against container names',
    fire: deploy(`${AD}/cache.check.id: my-redis`),
    silent: deploy(`${AD}/redis.check.id: my-redis\n${AD}/my-redis.checks: '{"redisdb": {"instances": [{"host": "%%host%%"}]}}'`),
    fireText: `${AD}/cache.check.id`,
  },
  {
    code: 'dd-ad-unknown-annotation',
    why: 'annotations.go reads check_names, not check_name',
    fire: deploy(`${AD}/redis.check_name: '["redisdb"]'`),
    silent: deploy(`${AD}/redis.check_names: '["redisdb"]'\n${AD}/redis.init_configs: '[{}]'\n${AD}/redis.instances: '[{}]'`),
    fireText: `${AD}/redis.check_name`,
  },
  {
    code: 'dd-template-variable',
    why: 'configresolver templateVariables: unknown name',
    fire: deploy(`${AD}/web.checks: '{"nginx": {"instances": [{"nginx_status_url": "http://%%ip%%:8080/status"}]}}'`),
    silent: deploy(`${AD}/web.checks: '{"nginx": {"instances": [{"nginx_status_url": "http://%%host%%:8080/status"}]}}'`),
    fireText: '%%ip%%',
  },
  {
    code: 'dd-template-variable',
    why: 'getPort by name',
    fire: deploy(
      `${AD}/web.checks: '{"openmetrics": {"instances": [{"openmetrics_endpoint": "http://%%host%%:%%port_metric%%/metrics"}]}}'`,
    ),
    silent: deploy(
      `${AD}/web.checks: '{"openmetrics": {"instances": [{"openmetrics_endpoint": "http://%%host%%:%%port_metrics%%/metrics"}]}}'`,
    ),
    fireText: '%%port_metric%%',
  },
  {
    code: 'dd-template-variable',
    why: 'getPort: "no port found" for a container without ports',
    fire: deploy(`${AD}/sidecar.checks: '{"http_check": {"instances": [{"url": "http://%%host%%:%%port%%"}]}}'`),
    silent: deploy(`${AD}/redis.checks: '{"redisdb": {"instances": [{"port": "%%port%%"}]}}'`),
    fireText: '%%port%%',
  },
  {
    code: 'dd-template-variable',
    why: 'template_variables.md: %%pid%% not supported on Kubernetes',
    fire: deploy(`${AD}/web.checks: '{"process": {"instances": [{"pid": "%%pid%%"}]}}'`),
    silent: deploy(`${AD}/web.checks: '{"process": {"instances": [{"search_string": ["nginx"]}]}}'`),
    fireText: '%%pid%%',
  },
  {
    code: 'dd-ad-misplaced',
    why: 'integrations.md: annotations live on the Pod template',
    fire: deploy('', { ownAnnotations: `${AD}/web.logs: '[{"source": "nginx"}]'` }),
    silent: deploy(`${AD}/web.logs: '[{"source": "nginx"}]'`),
    fireText: `${AD}/web.logs`,
  },
  {
    code: 'dd-ad-misplaced',
    why: 'the webhook object selector reads Pod labels',
    fire: deploy('', { ownLabels: 'admission.datadoghq.com/enabled: "true"' }),
    silent: deploy('', { podLabels: 'admission.datadoghq.com/enabled: "true"' }),
    fireText: 'admission.datadoghq.com/enabled',
  },
  {
    code: 'dd-ust-mismatch',
    why: 'unified_service_tagging.md: template labels tag the Pods',
    fire: deploy('', { ownLabels: 'tags.datadoghq.com/env: prod' }),
    silent: deploy('', { ownLabels: 'tags.datadoghq.com/env: prod', podLabels: 'tags.datadoghq.com/env: prod' }),
    fireText: 'tags.datadoghq.com/env',
  },
  {
    code: 'dd-ust-mismatch',
    why: 'different values on the workload and its Pods',
    fire: deploy('', { ownLabels: 'tags.datadoghq.com/version: "1.2"', podLabels: 'tags.datadoghq.com/version: "1.3"' }),
    silent: deploy('', { ownLabels: 'tags.datadoghq.com/version: "1.3"', podLabels: 'tags.datadoghq.com/version: "1.3"' }),
    fireText: '"1.3"',
  },
  {
    code: 'dd-ust-mismatch',
    why: 'downward API from a label the template does not set',
    fire: deploy('', { env: "- name: DD_ENV\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.labels['tags.datadoghq.com/env']" }),
    silent: deploy('', {
      podLabels: 'tags.datadoghq.com/env: prod',
      ownLabels: 'tags.datadoghq.com/env: prod',
      env: "- name: DD_ENV\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.labels['tags.datadoghq.com/env']",
    }),
    fireText: "metadata.labels['tags.datadoghq.com/env']",
  },
  {
    code: 'dd-admission-label',
    why: 'webhook objectSelector matchLabels {enabled: "true"}',
    fire: deploy('', { podLabels: 'admission.datadoghq.com/enabled: "True"' }),
    silent: deploy('', { podLabels: 'admission.datadoghq.com/enabled: "true"' }),
    fireText: '"True"',
  },
  {
    code: 'dd-admission-label',
    why: 'config.mode values (admission_controller.md)',
    fire: deploy('', { podLabels: 'admission.datadoghq.com/config.mode: hostIP' }),
    silent: deploy('', { podLabels: 'admission.datadoghq.com/config.mode: hostip' }),
    fireText: 'hostIP',
  },
  {
    code: 'dd-lib-annotation',
    why: 'autoinstrumentation supportedLanguages has js, not node',
    fire: deploy('admission.datadoghq.com/node-lib.version: v5', { podLabels: 'admission.datadoghq.com/enabled: "true"' }),
    silent: deploy('admission.datadoghq.com/js-lib.version: v5', { podLabels: 'admission.datadoghq.com/enabled: "true"' }),
    fireText: 'admission.datadoghq.com/node-lib.version',
  },
  {
    code: 'dd-lib-annotation',
    why: 'all-lib.version: only "latest" is supported',
    fire: deploy('admission.datadoghq.com/all-lib.version: v1', { podLabels: 'admission.datadoghq.com/enabled: "true"' }),
    silent: deploy('admission.datadoghq.com/all-lib.version: latest', { podLabels: 'admission.datadoghq.com/enabled: "true"' }),
    fireText: 'v1',
  },
  {
    code: 'dd-lib-annotation',
    why: 'per-container form admission.datadoghq.com/<ctr>.<lang>-lib.version',
    fire: deploy('admission.datadoghq.com/api.python-lib.version: v2', { podLabels: 'admission.datadoghq.com/enabled: "true"' }),
    silent: deploy('admission.datadoghq.com/web.python-lib.version: v2', { podLabels: 'admission.datadoghq.com/enabled: "true"' }),
    fireText: 'admission.datadoghq.com/api.python-lib.version',
  },
  {
    code: 'dd-lib-annotation',
    why: 'label selector: without enabled "true" the webhook does not see the Pod (default)',
    fire: deploy('admission.datadoghq.com/java-lib.version: v1'),
    silent: deploy('admission.datadoghq.com/java-lib.version: v1', { podLabels: 'admission.datadoghq.com/enabled: "true"' }),
    fireText: 'admission.datadoghq.com/java-lib.version',
    severity: 3,
  },
];

for (const [i, c] of cases.entries()) {
  test(`${c.code} #${i} (${c.why}): fires on the wrong form, silent on the right one`, () => {
    const fired = withCode(diagnose(c.fire), c.code);
    assert.ok(fired.length > 0, `${c.code} did not fire on:\n${c.fire}`);
    const lines = c.fire.split('\n');
    const r = fired[0].range;
    assert.equal(r.start.line, r.end.line, 'single-line range');
    assert.equal(lines[r.start.line].slice(r.start.character, r.end.character), c.fireText, `range of ${c.code}`);
    if (c.severity) assert.equal(fired[0].severity, c.severity);
    const silent = withCode(diagnose(c.silent), c.code);
    assert.deepEqual(
      silent.map((d) => d.message),
      [],
      `${c.code} fired on the right form:\n${c.silent}`,
    );
  });
}

test('every Datadog code has a firing case', () => {
  const covered = new Set(cases.map((c) => c.code));
  for (const c of DATADOG_CODES) assert.ok(covered.has(c.code), `no test for ${c.code}`);
});

test('a fully configured workload (v2 checks, logs, tags, UST on both, admission, library) raises nothing', () => {
  const text = deploy(
    [
      `${AD}/web.checks: |`,
      '  {"nginx": {"init_config": {}, "instances": [{"nginx_status_url": "http://%%host%%:%%port_http%%/nginx_status"}]},',
      '   "openmetrics": {"instances": [{"openmetrics_endpoint": "http://%%host%%:%%port_1%%/metrics", "namespace": "web", "metrics": [".*"]}]}}',
      `${AD}/web.logs: '[{"source": "nginx", "service": "web", "log_processing_rules": [{"type": "exclude_at_match", "name": "health", "pattern": "GET /healthz"}]}]'`,
      `${AD}/redis.checks: '{"redisdb": {"instances": [{"host": "%%host%%", "port": "%%port%%", "password": "%%env_REDIS_PASSWORD%%"}]}}'`,
      `${AD}/tags: '{"team": "shop", "tier": ["front", "web"]}'`,
      'admission.datadoghq.com/java-lib.version: v1',
    ].join('\n'),
    {
      podLabels:
        'admission.datadoghq.com/enabled: "true"\ntags.datadoghq.com/env: prod\ntags.datadoghq.com/service: web\ntags.datadoghq.com/version: "1.4"',
      ownLabels: 'tags.datadoghq.com/env: prod\ntags.datadoghq.com/service: web\ntags.datadoghq.com/version: "1.4"',
    },
  );
  assert.deepEqual(
    diagnose(text).map((d) => `${d.code}: ${d.message}`),
    [],
  );
});

test('the milder forms: template-only tagging (info), v1 parts without check_names (warning), legacy keys next to ad.datadoghq.com ones', () => {
  const ust = withCode(diagnose(deploy('', { podLabels: 'tags.datadoghq.com/service: web' })), 'dd-ust-mismatch');
  assert.equal(ust.length, 1);
  assert.equal(ust[0].severity, 3);
  const v1 = withCode(diagnose(deploy(`${AD}/redis.instances: '[{}]'`)), 'dd-ad-v1-incomplete');
  assert.equal(v1.length, 1);
  assert.equal(v1[0].severity, 2);
  const legacy = withCode(
    diagnose(deploy(`${CHECKS_OK}\nservice-discovery.datadoghq.com/redis.check_names: '["redisdb"]'`)),
    'dd-ad-v1-ignored',
  );
  assert.equal(legacy.length, 1);
  assert.match(legacy[0].message, /legacy/);
  // A legacy set alone is still read (lowest priority): no finding.
  assert.deepEqual(
    diagnose(
      deploy(
        `service-discovery.datadoghq.com/redis.check_names: '["redisdb"]'\nservice-discovery.datadoghq.com/redis.init_configs: '[{}]'\nservice-discovery.datadoghq.com/redis.instances: '[{}]'`,
      ),
    ).map((d) => d.code),
    [],
  );
  // Lists of several instances for one check are fine (ParseJSONValue).
  assert.deepEqual(
    diagnose(
      deploy(
        `${AD}/redis.check_names: '["redisdb"]'\n${AD}/redis.init_configs: '[{}]'\n${AD}/redis.instances: '[[{"port": "6379"}, {"port": "6380"}]]'`,
      ),
    ).map((d) => d.code),
    [],
  );
});

test('JSON errors point at the exact character in a double-quoted scalar too', () => {
  const text = deploy(`${AD}/web.logs: "[{\\"source\\": \\"nginx\\" \\"service\\": \\"web\\"}]"`);
  const d = withCode(diagnose(text), 'dd-ad-json');
  assert.equal(d.length, 1);
  const line = text.split('\n')[d[0].range.start.line];
  assert.equal(line.slice(d[0].range.start.character, d[0].range.end.character), '\\"service\\"');
});

test('templated values and Helm-generated containers are not judged', () => {
  // A value with a template action: the JSON is not known yet.
  assert.deepEqual(
    diagnose(deploy(`${AD}/web.checks: '{"nginx": {"instances": [{"url": "http://%%host%%:{{ .Values.port }}"}]}}'`)).filter((d) =>
      String(d.code).startsWith('dd-'),
    ),
    [],
  );
  // A container list a template may extend: identifiers are not judged.
  const helm = deploy(`${AD}/agent-data-plane.checks: '{"openmetrics": {"instances": [{}]}}'`).replace(
    '        - name: sidecar',
    '        {{- if .Values.dataPlane }}\n        - name: sidecar',
  );
  assert.deepEqual(withCode(diagnose(helm), 'dd-ad-container-mismatch'), []);
});

test('quick fixes: rename the container identifier, the JSON key, the language', () => {
  const fixOf = (text: string, code: string) => {
    const s = serviceWith({ 'main.yaml': text });
    const d = withCode(s.validate(uriOf('main.yaml')), code)[0];
    return (d.data as { fixes: { title: string; edits: { newText: string }[] }[] }).fixes[0];
  };
  assert.equal(fixOf(deploy(`${AD}/webb.logs: '[{"source": "nginx"}]'`), 'dd-ad-container-mismatch').edits[0].newText, `${AD}/web.logs`);
  assert.equal(fixOf(deploy(`${AD}/redis.checks: '{"redisdb": {"instance": [{}]}}'`), 'dd-ad-unknown-key').edits[0].newText, 'instances');
  assert.equal(
    fixOf(deploy('admission.datadoghq.com/node-lib.version: v5'), 'dd-lib-annotation').edits[0].newText,
    'admission.datadoghq.com/js-lib.version',
  );
});

test("completion: Autodiscovery keys with the template's container names, admission and tagging labels", () => {
  const text = deploy('ad.');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.trim() === 'ad.');
  const s = serviceWith({ 'main.yaml': text });
  const labels = s.complete(uriOf('main.yaml'), { line, character: lines[line].length })?.items.map((i) => i.label) ?? [];
  for (const k of [`${AD}/web.checks`, `${AD}/redis.logs`, `${AD}/sidecar.tags`, `${AD}/tags`])
    assert.ok(labels.includes(k), `${k} in ${labels.slice(0, 10).join(',')}`);
  assert.ok(!labels.some((l) => l.startsWith('admission.')), 'admission keys only when the prefix fits');
  const adm = deploy('adm');
  const al = adm.split('\n');
  const aline = al.findIndex((l) => l.trim() === 'adm');
  const admItems =
    serviceWith({ 'main.yaml': adm })
      .complete(uriOf('main.yaml'), { line: aline, character: al[aline].length })
      ?.items.map((i) => i.label) ?? [];
  assert.ok(
    admItems.includes('admission.datadoghq.com/java-lib.version') && admItems.includes('admission.datadoghq.com/all-lib.version'),
    admItems.join(','),
  );
  const lt = deploy('', { podLabels: 'tags.' });
  const ll = lt.split('\n');
  const lline = ll.findIndex((l) => l.trim() === 'tags.');
  const labelItems =
    serviceWith({ 'main.yaml': lt })
      .complete(uriOf('main.yaml'), { line: lline, character: ll[lline].length })
      ?.items.map((i) => i.label) ?? [];
  assert.ok(labelItems.includes('tags.datadoghq.com/env') && labelItems.includes('tags.datadoghq.com/version'), labelItems.join(','));
});

test('hover on an Autodiscovery key names the container and its ports', () => {
  const text = deploy(CHECKS_OK);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(`${AD}/redis.checks`));
  const h = serviceWith({ 'main.yaml': text }).hover(uriOf('main.yaml'), { line, character: lines[line].indexOf('redis.checks') });
  const md = JSON.stringify(h?.contents);
  assert.match(md, /Container `redis`/);
  assert.match(md, /6379/);
});

test('hostile shapes never throw', () => {
  for (const t of [
    deploy(`${AD}/web.checks: '${'['.repeat(200)}'`),
    deploy(`${AD}/web.checks: '{"a": ${'{"b": '.repeat(80)}1${'}'.repeat(80)}}'`),
    deploy(`${AD}/web.checks: [1, 2]\n${AD}/.logs: x\n${AD}/: y\n${AD}/web.check.id: {a: b}`),
    deploy('', { env: '- 1\n- valueFrom: [x]\n- valueFrom: {fieldRef: {fieldPath: [y]}}' }),
  ])
    diagnose(t);
});

test('value completion: the admission label values, a JSON template for an empty Autodiscovery value', () => {
  const text = deploy(`${AD}/web.checks: `, { podLabels: 'admission.datadoghq.com/enabled: ' });
  const lines = text.split('\n');
  const s = serviceWith({ 'main.yaml': text });
  const l1 = lines.findIndex((l) => l.includes('admission.datadoghq.com/enabled: '));
  const v1 = s.complete(uriOf('main.yaml'), { line: l1, character: lines[l1].length })?.items ?? [];
  assert.deepEqual(
    v1.map((i) => [i.label, (i.textEdit as { newText: string }).newText]),
    [
      ['true', '"true"'],
      ['false', '"false"'],
    ],
  );
  const l2 = lines.findIndex((l) => l.includes(`${AD}/web.checks: `));
  const v2 = s.complete(uriOf('main.yaml'), { line: l2, character: lines[l2].length })?.items ?? [];
  assert.equal(v2.length, 1);
  assert.match((v2[0].textEdit as { newText: string }).newText, /"instances": \[\{/);
});

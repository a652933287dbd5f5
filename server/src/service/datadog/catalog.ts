/**
 * Datadog's Kubernetes annotations and labels as data: Autodiscovery (`ad.datadoghq.com/…`), unified service
 * tagging (`tags.datadoghq.com/…`), the Cluster Agent's admission controller and library injection
 * (`admission.datadoghq.com/…`), and Autodiscovery template variables. Written from DataDog/datadog-agent
 * `comp/core/autodiscovery/common/utils/annotations.go` and `pod_annotations.go` (parsing and precedence),
 * the identifier validation (`ValidateAnnotationsMatching`), `comp/core/autodiscovery/configresolver`
 * (template variables), `pkg/clusteragent/admission/mutate/autoinstrumentation` (languages, annotation
 * formats, `all-lib.version`), the webhook label selectors (`admission.datadoghq.com/enabled`), and the Datadog
 * documentation pages on Kubernetes integrations, log collection, tagging and the admission controller. Docs are
 * our own words.
 */
import { Catalog, type CatalogEntry } from '../catalog/types';

export const AD_PREFIX = 'ad.datadoghq.com/';
export const LEGACY_AD_PREFIX = 'service-discovery.datadoghq.com/';
export const ADMISSION_PREFIX = 'admission.datadoghq.com/';
export const UST_PREFIX = 'tags.datadoghq.com/';

const INTEGRATIONS = 'https://docs.datadoghq.com/containers/kubernetes/integrations/';
const LOGS = 'https://docs.datadoghq.com/containers/kubernetes/log/';
const TAGS = 'https://docs.datadoghq.com/containers/kubernetes/tag/';
const DISCOVERY = 'https://docs.datadoghq.com/containers/guide/container-discovery-management/';
const ADMISSION = 'https://docs.datadoghq.com/containers/cluster_agent/admission_controller/';
const UST = 'https://docs.datadoghq.com/getting_started/tagging/unified_service_tagging/';
const LIBS = 'https://docs.datadoghq.com/tracing/trace_collection/library_injection_local/';

/** What the JSON of an annotation must be. */
export type JsonShape = 'checks' | 'checkNames' | 'templates' | 'logs' | 'tags';

export interface AdAnnotation extends CatalogEntry {
  /** The JSON value's shape, for JSON annotations. */
  json?: JsonShape;
  /** AD v1 part (check_names, init_configs, instances). */
  v1?: boolean;
}

/** Suffixes of `ad.datadoghq.com/<container>.<suffix>`. */
export const AD_CONTAINER_KEYS = new Catalog<AdAnnotation>([
  {
    name: 'checks',
    type: 'json',
    json: 'checks',
    source: INTEGRATIONS,
    doc: 'Autodiscovery v2 (Agent 7.36+): one JSON object per integration, `{"<check>": {"init_config": {…}, "instances": [{…}]}}`; optional per check: `logs`, `name`, `ignore_autodiscovery_tags`, `check_tag_cardinality`. When present, the v1 annotations of the same container are ignored.',
    snippet: '\'{"${1:check}": {"init_config": {}, "instances": [{"${2:url}": "${3:http://%%host%%:%%port%%}"}]}}\'',
  },
  {
    name: 'check_names',
    type: 'json',
    json: 'checkNames',
    v1: true,
    source: INTEGRATIONS,
    doc: 'Autodiscovery v1: JSON list of integration names, e.g. `["redisdb"]`. Needs `init_configs` and `instances` with the same number of entries.',
    snippet: '\'["${1:check}"]\'',
  },
  {
    name: 'init_configs',
    type: 'json',
    json: 'templates',
    v1: true,
    source: INTEGRATIONS,
    doc: 'Autodiscovery v1: JSON list with one `init_config` object per check name (`[{}]` when there is none).',
    snippet: "'[{}]'",
  },
  {
    name: 'instances',
    type: 'json',
    json: 'templates',
    v1: true,
    source: INTEGRATIONS,
    doc: 'Autodiscovery v1: JSON list with one instance object per check name (or a list of instance objects for several instances of one check).',
    snippet: '\'[{"${1:url}": "${2:http://%%host%%:%%port%%}"}]\'',
  },
  {
    name: 'logs',
    type: 'json',
    json: 'logs',
    source: LOGS,
    doc: 'JSON list of log configurations for the container, e.g. `[{"source": "nginx", "service": "web"}]`; `log_processing_rules` filter, mask or join lines.',
    snippet: '\'[{"source": "${1:source}", "service": "${2:service}"}]\'',
  },
  {
    name: 'tags',
    type: 'json',
    json: 'tags',
    source: TAGS,
    doc: 'JSON object of tags for the container\'s metrics, logs and traces, e.g. `{"team": "payments"}` (a value may be a list).',
    snippet: '\'{"${1:team}": "${2:name}"}\'',
  },
  {
    name: 'check.id',
    type: 'string',
    source: INTEGRATIONS,
    doc: 'A custom Autodiscovery identifier for this container: the other AD annotations of the container must then use this identifier instead of the container name.',
  },
  {
    name: 'ignore_autodiscovery_tags',
    type: 'boolean',
    source: INTEGRATIONS,
    values: [{ value: 'true' }, { value: 'false' }],
    doc: "Autodiscovery v1: do not add the Autodiscovery tags to the check's metrics (v2: the field of the same name inside `.checks`).",
  },
  {
    name: 'check_tag_cardinality',
    type: 'enum',
    source: INTEGRATIONS,
    values: [{ value: 'low' }, { value: 'orchestrator' }, { value: 'high' }],
    doc: "Autodiscovery v1: tag cardinality of the check's metrics (v2: the field inside `.checks`).",
  },
  {
    name: 'exclude',
    type: 'boolean',
    source: DISCOVERY,
    values: [{ value: 'true' }, { value: 'false' }],
    doc: 'Exclude this container from metrics and logs collection (Agent 7.45+).',
  },
  {
    name: 'logs_exclude',
    type: 'boolean',
    source: DISCOVERY,
    values: [{ value: 'true' }, { value: 'false' }],
    doc: 'Exclude this container from log collection (Agent 7.45+).',
  },
  {
    name: 'metrics_exclude',
    type: 'boolean',
    source: DISCOVERY,
    values: [{ value: 'true' }, { value: 'false' }],
    doc: 'Exclude this container from metrics collection (Agent 7.45+).',
  },
]);

/** Pod-level `ad.datadoghq.com/<name>` keys (no container identifier). */
export const AD_POD_KEYS = new Catalog<AdAnnotation>([
  {
    name: 'tags',
    type: 'json',
    json: 'tags',
    source: TAGS,
    doc: 'JSON object of tags for everything the Pod emits, e.g. `{"team": "payments"}`.',
    snippet: '\'{"${1:team}": "${2:name}"}\'',
  },
  {
    name: 'exclude',
    type: 'boolean',
    source: DISCOVERY,
    values: [{ value: 'true' }, { value: 'false' }],
    doc: "Exclude the whole Pod from metrics and logs collection (Agent 7.45+); wins over the Agent's include filters.",
  },
  {
    name: 'logs_exclude',
    type: 'boolean',
    source: DISCOVERY,
    values: [{ value: 'true' }, { value: 'false' }],
    doc: 'Exclude the Pod from log collection (Agent 7.45+).',
  },
  {
    name: 'metrics_exclude',
    type: 'boolean',
    source: DISCOVERY,
    values: [{ value: 'true' }, { value: 'false' }],
    doc: 'Exclude the Pod from metrics collection (Agent 7.45+).',
  },
  {
    name: 'tolerate-unready',
    type: 'boolean',
    source: DISCOVERY,
    values: [{ value: 'true' }, { value: 'false' }],
    doc: 'Run checks and collect logs even while the Pod is not ready (skipped by default).',
  },
]);

/** Keys allowed inside one check of `.checks` (parseChecksJSON's struct; Go matches them case-insensitively). */
export const CHECK_FIELDS = ['name', 'init_config', 'instances', 'logs', 'ignore_autodiscovery_tags', 'check_tag_cardinality'];
export const CARDINALITIES = ['low', 'orchestrator', 'high'];

/** Library injection languages (autoinstrumentation supportedLanguages). */
export const LIB_LANGUAGES: { value: string; doc: string }[] = [
  { value: 'java', doc: 'dd-java-agent through JAVA_TOOL_OPTIONS' },
  { value: 'js', doc: 'Node.js dd-trace through NODE_OPTIONS' },
  { value: 'python', doc: 'ddtrace through PYTHONPATH' },
  { value: 'dotnet', doc: '.NET tracer through the CLR profiler variables' },
  { value: 'ruby', doc: 'datadog gem through RUBYOPT' },
  { value: 'php', doc: 'dd-trace-php through PHP_INI_SCANDIR' },
];
/** Names people write for a language, and the one the Cluster Agent knows. */
export const LANGUAGE_ALIASES: Record<string, string> = {
  node: 'js',
  nodejs: 'js',
  javascript: 'js',
  typescript: 'js',
  ts: 'js',
  py: 'python',
  python3: 'python',
  net: 'dotnet',
  csharp: 'dotnet',
  'c#': 'dotnet',
  rb: 'ruby',
  jvm: 'java',
  kotlin: 'java',
};

/** Pod-template annotations of the admission controller. */
export const ADMISSION_ANNOTATIONS = new Catalog<CatalogEntry>([
  {
    name: '<lang>-lib.version',
    type: 'string',
    source: LIBS,
    doc: 'Inject the APM library of this language, at this version (the tag of the `dd-lib-<lang>-init` image, e.g. `v1`). Languages: java, js, python, dotnet, ruby, php.',
  },
  {
    name: '<lang>-lib.custom-image',
    type: 'string',
    source: LIBS,
    doc: 'Inject the APM library of this language from this full image reference instead of the Datadog registry.',
  },
  {
    name: '<lang>-lib.config.v1',
    type: 'json',
    source: LIBS,
    doc: 'JSON object of library settings passed to the tracer (e.g. `{"tracing_rate_limit": 50}`).',
  },
  {
    name: 'all-lib.version',
    type: 'enum',
    values: [{ value: 'latest' }],
    source: LIBS,
    doc: 'Inject every supported library. Only `latest` is honoured; other versions are ignored with a warning in the Cluster Agent log.',
  },
  {
    name: 'apm-inject.version',
    type: 'string',
    source: LIBS,
    doc: 'Version of the APM injector used by Single Step / local library injection.',
  },
  { name: 'apm-inject.custom-image', type: 'string', source: LIBS, doc: 'Full image reference of the APM injector.' },
  {
    name: 'apm-inject.debug',
    type: 'boolean',
    values: [{ value: 'true' }, { value: 'false' }],
    source: LIBS,
    doc: 'Add debug variables to the Pod during injection.',
  },
  { name: 'apm-inject.injection-mode', type: 'string', source: LIBS, doc: 'How the injector is delivered (e.g. `init_container`, `csi`).' },
  {
    name: 'apm-inject.tracer-configs',
    type: 'json',
    source: LIBS,
    doc: 'JSON list of `{"name": "DD_…", "value": "…"}` tracer settings set as environment variables.',
  },
]);

/** Pod-template labels of the admission controller. */
export const ADMISSION_LABELS = new Catalog<CatalogEntry>([
  {
    name: 'enabled',
    type: 'enum',
    source: ADMISSION,
    values: [
      { value: 'true', doc: 'mutate this Pod (needed unless the Cluster Agent mutates unlabelled Pods)' },
      { value: 'false', doc: 'never mutate this Pod' },
    ],
    doc: 'Opt the Pod in or out of the Cluster Agent\'s admission controller (DD_AGENT_HOST, DD_ENTITY_ID, library injection). The webhook\'s object selector matches exactly `"true"` (default) or excludes exactly `"false"` (with `mutateUnlabelled`); other values do neither.',
  },
  {
    name: 'config.mode',
    type: 'enum',
    source: ADMISSION,
    values: [
      { value: 'hostip', doc: 'DD_AGENT_HOST = the node IP (default)' },
      { value: 'service', doc: "the Agent's local Service" },
      { value: 'socket', doc: 'Unix Domain Socket' },
      { value: 'csi', doc: "the Datadog CSI driver's socket volume" },
    ],
    doc: 'How the admission controller tells the Pod where the Agent is.',
  },
]);

/** Unified service tagging labels. */
export const UST_LABELS = new Catalog<CatalogEntry>([
  {
    name: 'env',
    type: 'string',
    source: UST,
    doc: "Environment tag (`env`). On the Pod template it tags the Pod's metrics, logs and traces; on the Deployment/StatefulSet it tags the Kubernetes State Metrics of the object. Set both.",
  },
  { name: 'service', type: 'string', source: UST, doc: 'Service tag (`service`). Set on the Pod template and on the workload.' },
  {
    name: 'version',
    type: 'string',
    source: UST,
    doc: 'Version tag (`version`); change it on every deploy. Quote it (`"1.10"`), or YAML reads it as a number.',
  },
]);

/** Template variable names (configresolver templateVariables) and what they are on Kubernetes. */
export const TEMPLATE_VARIABLES: Record<string, string> = {
  host: "the Pod's IP (`%%host_<network>%%` for a named network)",
  port: "the container's highest declared port; `%%port_<name>%%` a named port, `%%port_<n>%%` the n-th port",
  env: 'an environment variable of the **Agent**, not of the application: `%%env_<VAR>%%`',
  kube: 'Kubernetes metadata: `%%kube_namespace%%`, `%%kube_pod_name%%`, `%%kube_pod_uid%%`',
  extra: 'listener-specific data: `%%extra_<key>%%`',
  pid: "the container's process ID — not available on Kubernetes",
  hostname: "the container's hostname — not available on Kubernetes",
};

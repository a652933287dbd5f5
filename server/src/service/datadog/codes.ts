import type { DiagnosticCodeInfo } from '../diagnostics/types';

const A = 'datadog';

export const DATADOG_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'dd-ad-json',
    severity: 'error',
    area: A,
    summary:
      'The JSON of an Autodiscovery annotation (`.checks`, `.check_names`, `.init_configs`, `.instances`, `.logs`, `.tags`) does not parse or is empty, reported at the exact character in any YAML scalar style: the Agent drops the configuration and says so only in `agent status`.',
  },
  {
    code: 'dd-ad-json-type',
    severity: 'error',
    area: A,
    summary:
      "Autodiscovery JSON of the wrong shape for the Agent's decoder: `.checks` not an object of objects, `instances` not a list of objects, `ignore_autodiscovery_tags` not a JSON boolean, `.logs` not a list, `.tags` not an object, …; the whole annotation is dropped. `init_config` given as a string is a warning.",
  },
  {
    code: 'dd-ad-unknown-key',
    severity: 'warning',
    area: A,
    summary:
      'A key inside a `.checks` entry the Agent does not read (e.g. `instance` for `instances`): it is ignored silently; suggests the intended key. A different letter case only is a hint (Go matches keys case-insensitively).',
  },
  {
    code: 'dd-ad-v1-incomplete',
    severity: 'error',
    area: A,
    summary:
      'Autodiscovery v1 annotations that do not form a set: `check_names` without `init_configs` or `instances`, lists of different lengths, an `init_configs` entry that is not exactly one object, or `init_configs`/`instances` without `check_names` (ignored, warning).',
  },
  {
    code: 'dd-ad-v1-ignored',
    severity: 'warning',
    area: A,
    summary:
      'v1 annotations (`check_names`, `init_configs`, `instances`) of a container that also has v2 `.checks` — or legacy `service-discovery.datadoghq.com/` ones next to `ad.datadoghq.com/` ones: the Agent reads only the newer set and ignores these.',
  },
  {
    code: 'dd-ad-container-mismatch',
    severity: 'warning',
    area: A,
    summary:
      'An `ad.datadoghq.com/<id>.…` annotation whose identifier is neither a container of the Pod template nor a custom `check.id` (or a `<id>.check.id` whose id is not a container): the Agent ignores it. "Did you mean" with a rename fix.',
  },
  {
    code: 'dd-ad-unknown-annotation',
    severity: 'warning',
    area: A,
    summary:
      'An `ad.datadoghq.com/` annotation name that is a near miss of a known one (`.check_name`, `.instance`, `.log`): the Agent does not read it. Rename fix.',
  },
  {
    code: 'dd-template-variable',
    severity: 'warning',
    area: A,
    summary:
      'An Autodiscovery template variable that cannot resolve: an unknown `%%name%%` (the check is not scheduled), `%%pid%%`/`%%hostname%%` (not available on Kubernetes), or `%%port%%`/`%%port_<name>%%`/`%%port_<n>%%` for ports the container does not declare.',
  },
  {
    code: 'dd-ad-misplaced',
    severity: 'warning',
    area: A,
    summary:
      "Autodiscovery or admission-controller annotations, or the `admission.datadoghq.com/enabled` label, on the workload's own metadata: the Agent and the Cluster Agent read them from the Pod, so put them in the Pod template.",
  },
  {
    code: 'dd-ust-mismatch',
    severity: 'warning',
    area: A,
    summary:
      "Unified service tagging labels (`tags.datadoghq.com/env|service|version`) on the workload but not on its Pod template (the Pods are not tagged), with different values on the two, or a `DD_ENV`-style variable reading a label the template does not set (the variable is empty). On the template only is information (the workload's Kubernetes State Metrics are untagged).",
  },
  {
    code: 'dd-admission-label',
    severity: 'warning',
    area: A,
    summary:
      '`admission.datadoghq.com/enabled` other than exactly "true" or "false" (the webhook\'s object selector matches those strings only), or `admission.datadoghq.com/config.mode` other than hostip, service, socket, csi.',
  },
  {
    code: 'dd-lib-annotation',
    severity: 'warning',
    area: A,
    summary:
      'A library-injection annotation the Cluster Agent cannot use: an unknown language (`node-lib` for `js-lib`), a container the Pod does not have, `all-lib.version` other than `latest` (ignored); without the `admission.datadoghq.com/enabled: "true"` label the library is injected only if the Cluster Agent mutates unlabelled Pods (information).',
  },
];

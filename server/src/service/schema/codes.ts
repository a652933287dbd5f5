import type { DiagnosticCodeInfo } from '../diagnostics/types';

const A = 'schema';

/** All generic: a domain module's finding on the same line wins (engine/dedupe.ts). */
export const SCHEMA_CODES: DiagnosticCodeInfo[] = (
  [
    {
      code: 'schema-unknown-field',
      severity: 'error',
      area: A,
      summary:
        "A field the kind's schema does not have (typo, wrong level, or a field of another kind): the API server rejects it under strict field validation (kubectl's default). The message names the closest field.",
    },
    {
      code: 'schema-field-not-in-version',
      severity: 'error',
      area: A,
      summary:
        'A field that the target Kubernetes version (`eksManifests.kubernetesVersion`) does not serve yet (or no longer): the message names the version that adds it.',
    },
    {
      code: 'schema-type',
      severity: 'error',
      area: A,
      summary:
        'A value of the wrong type: a string where an integer goes (`replicas: "three"`), a list where an object goes, a number where a string goes, an invalid quantity, date-time or base64 value.',
    },
    {
      code: 'schema-enum',
      severity: 'error',
      area: A,
      summary:
        "A value outside the field's allowed set (`imagePullPolicy: Sometimes`, `type: LoadBalancers`); the message lists the allowed values.",
    },
    {
      code: 'schema-required',
      severity: 'error',
      area: A,
      summary: 'A required field is missing (a container without `image`, a Deployment without `selector`).',
    },
    {
      code: 'schema-pattern',
      severity: 'error',
      area: A,
      summary: "A value that does not match the field's pattern or format (DNS names, ports by name, CRD patterns and formats).",
    },
    {
      code: 'schema-range',
      severity: 'error',
      area: A,
      summary: "A number, string length, list or map size outside the field's minimum/maximum (`weight: -5`, a port above 65535).",
    },
    {
      code: 'schema-duplicate-key',
      severity: 'error',
      area: A,
      summary:
        'Two entries of a keyed list share their key: two containers with one name, two container ports with the same port and protocol, a repeated value in a set.',
    },
    {
      code: 'schema-cel',
      severity: 'error',
      area: A,
      summary:
        "A CustomResourceDefinition `x-kubernetes-validations` rule fails; the message is the rule's own. Rules that need the live object (`oldSelf`) or a Kubernetes CEL library we do not have are skipped.",
    },
    {
      code: 'schema-name-format',
      severity: 'error',
      area: A,
      summary:
        '`metadata.name` is not valid for the kind (DNS-1123 subdomain for most kinds, DNS-1123 label for Namespaces, DNS-1035 label for Services, no `/` or `%` for RBAC objects).',
    },
    {
      code: 'schema-version-not-served',
      severity: 'error',
      area: A,
      summary: 'A custom resource uses an apiVersion its CustomResourceDefinition does not serve; the message lists the served versions.',
    },
    {
      code: 'schema-unknown-kind',
      notInWorkspace: true,
      severity: 'hint',
      area: A,
      summary:
        'No schema is known for this kind (no CustomResourceDefinition for it in the workspace or the bundle), so its fields are not checked. At most one per document.',
    },
  ] satisfies DiagnosticCodeInfo[]
).map((c) => ({ ...c, generic: true }));

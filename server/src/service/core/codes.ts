import type { DiagnosticCodeInfo } from '../diagnostics/types';

export const CORE_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'api-removed',
    severity: 'error',
    area: 'core',
    summary:
      'The apiVersion is no longer served by the target Kubernetes version (`eksManifests.kubernetesVersion`); the message names the replacement. In a chart template inside `{{ if }}` on a value, a warning (rendered only when turned on); gated on the cluster version (Capabilities), nothing.',
  },
  {
    code: 'api-deprecated',
    severity: 'warning',
    area: 'core',
    summary:
      'The apiVersion still works at the target version but is deprecated and will be removed; the message says when and what replaces it.',
  },
  { code: 'missing-api-version', severity: 'error', area: 'core', summary: 'A document has `kind` but no `apiVersion`.' },
  { code: 'missing-kind', severity: 'error', area: 'core', summary: 'A document has `apiVersion` but no `kind`.' },
  { code: 'missing-name', severity: 'error', area: 'core', summary: 'An object has neither `metadata.name` nor `metadata.generateName`.' },
  {
    code: 'meta-too-long',
    severity: 'error',
    area: 'core',
    summary:
      'A label key or value, an annotation key or `metadata.name` longer than the API server accepts: label values and the name part of keys 63 characters, key prefixes 253, names 253 (63 for Namespaces and Services, 52 for CronJobs).',
  },
  {
    code: 'meta-value-not-string',
    severity: 'error',
    area: 'core',
    summary:
      'A label, annotation or ConfigMap data value is a YAML number, boolean or null; the API server accepts only strings (quote it).',
  },
];

/**
 * Datadog on EKS: Autodiscovery annotations (v1 and v2, JSON checked at the exact character, identifiers
 * against the Pod template's containers, template variables against their ports, v1/v2 precedence),
 * annotations on the workload's own metadata instead of the Pod template, unified service tagging labels,
 * the admission controller's label and library-injection annotations. Completion and hover for every key.
 */
import type { LanguageModule } from '../module';
import { DATADOG_CODES } from './codes';
import { DATADOG_CHECKS } from './checks';
import { completeDatadog, hoverDatadog } from './features';

export const datadogModule: LanguageModule = {
  id: 'datadog',
  codes: DATADOG_CODES,
  checks: DATADOG_CHECKS,
  complete: completeDatadog,
  hover: hoverDatadog,
};

/**
 * The schema engine: every built-in kind of the target Kubernetes version (1.28–1.35) and every custom
 * resource with a CRD (bundled, or in the workspace) checked field by field, with completion and hover from
 * the same schemas. Data: data/k8s.json and data/crds.json (derived by scripts/derive-*.ts).
 */
import type { LanguageModule } from '../module';
import { SCHEMA_CODES } from './codes';
import { builtinRequiredCheck, builtinSchemaCheck, crdSchemaCheck } from './checks';
import { completeSchema, hoverSchema, resolveSchemaCompletion } from './features';

export const schemaModule: LanguageModule = {
  id: 'schema',
  codes: SCHEMA_CODES,
  checks: [builtinSchemaCheck, builtinRequiredCheck, crdSchemaCheck],
  complete: completeSchema,
  resolveCompletion: resolveSchemaCompletion,
  hover: hoverSchema,
};

/**
 * The core module: checks every Kubernetes object needs (syntax, apiVersion lifecycle, identity, string
 * metadata), completion/hover for apiVersion and kind, and go-to-definition for Ingress backends.
 */
import type { LanguageModule } from '../module';
import { CORE_CODES } from './codes';
import { apiVersionCheck, requiredFieldsCheck } from './checks';
import { metadataValueCheck } from './metadataValueChecks';
import { completeCore, hoverCore, ingressBackendDefinition } from './features';

export const coreModule: LanguageModule = {
  id: 'core',
  codes: CORE_CODES,
  checks: [apiVersionCheck, requiredFieldsCheck, metadataValueCheck],
  complete: completeCore,
  hover: hoverCore,
  definition: ingressBackendDefinition,
};

/**
 * ALB actions/conditions/transforms JSON: checks (syntax at the exact position, Go decoding rules, controller
 * and ELB validation, Services in the workspace), completion and hover inside the JSON, and code lenses that
 * show and shift the traffic split of weighted forward actions.
 */
import type { ModulePart } from '../../module';
import { ACTIONS_CODES } from './codes';
import { actionsJsonCheck } from './checks';
import { actionsServiceCheck } from './workspaceChecks';
import { completeInJson, hoverInJson, jsonRefactors, serviceDefinition } from './features';
import { resolveWeightLens, weightLenses } from './lens';

export const actionsPart: ModulePart = {
  codes: ACTIONS_CODES,
  checks: [actionsJsonCheck, actionsServiceCheck],
  complete: completeInJson,
  hover: hoverInJson,
  codeLenses: weightLenses,
  resolveCodeLens: resolveWeightLens,
  definition: serviceDefinition,
  codeActions: jsonRefactors,
};

/**
 * ALB actions/conditions/transforms JSON: checks (syntax at the exact position, Go decoding rules, controller
 * and ELB validation, Services in the workspace), completion and hover inside the JSON, and code lenses that
 * show and shift the traffic split of weighted forward actions.
 */
import type { ModulePart } from '../../module';
import { ACTIONS_CODES, actionsJsonCheck, actionsServiceCheck } from './checks';
import { completeInJson } from './completion';
import { hoverInJson } from './hover';
import { weightLenses } from './lens';
import { serviceDefinition } from './definition';
import { jsonRefactors } from './refactor';

export const actionsPart: ModulePart = {
  codes: ACTIONS_CODES,
  checks: [actionsJsonCheck, actionsServiceCheck],
  complete: completeInJson,
  hover: hoverInJson,
  codeLenses: weightLenses,
  definition: serviceDefinition,
  codeActions: jsonRefactors,
};

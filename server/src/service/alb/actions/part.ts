/** ALB actions/conditions JSON features (filled in by the ALB actions work). */
import type { ModulePart } from '../../module';

export const actionsPart: ModulePart = { codes: [], checks: [] };

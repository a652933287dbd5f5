/** ALB annotation catalog features (filled in by the ALB annotations work). */
import type { ModulePart } from '../../module';

export const annotationsPart: ModulePart = { codes: [], checks: [] };

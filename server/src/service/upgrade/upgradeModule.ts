/**
 * Upgrade planning: the EKS version calendar (calendar.ts), the support window of an eksctl config's
 * version, version-specific breakages for the target version (breakages.ts), and the Plan Upgrade report
 * (plan.ts, a pure function used by the LSP server's request and the CLI's `plan-upgrade`).
 */
import type { LanguageModule } from '../module';
import { UPGRADE_CODES } from './codes';
import { eksVersionSupportCheck, upgradeBreakageCheck } from './checks';

export const upgradeModule: LanguageModule = {
  id: 'upgrade',
  codes: UPGRADE_CODES,
  checks: [eksVersionSupportCheck, upgradeBreakageCheck],
};

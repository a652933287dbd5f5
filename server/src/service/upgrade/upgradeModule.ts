/**
 * Upgrade planning: the EKS version calendar (calendar.ts), the support window of an eksctl config's
 * version, version-specific breakages for the target version (breakages.ts), and the Plan Upgrade report
 * (plan.ts; the requests in features.ts serve the editor's command and the CLI's `plan-upgrade`).
 */
import type { LanguageModule } from '../module';
import { UPGRADE_CODES } from './codes';
import { eksVersionSupportCheck, upgradeBreakageCheck } from './checks';
import { upgradeRequests, upgradeSettingsNotes } from './features';

export const upgradeModule: LanguageModule = {
  id: 'upgrade',
  codes: UPGRADE_CODES,
  checks: [eksVersionSupportCheck, upgradeBreakageCheck],
  requests: upgradeRequests,
  settingsNotes: upgradeSettingsNotes,
};

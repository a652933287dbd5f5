/**
 * Upgrade checks: the EKS support window of an eksctl config's Kubernetes version, and the version-specific
 * breakages of breakages.ts for the target version (the `kubernetesVersion` setting). The setting itself is
 * judged by `targetVersionNote` (shown by the LSP server and the CLI, which own the setting and the flag).
 */
import { isScalar, type Scalar } from 'yaml';
import type { Check } from '../checks/types';
import type { Severity } from '../diagnostics/types';
import type { Settings } from '../settings';
import { isUnknownNode } from '@shared/manifest/templates';
import { isClusterConfig, yaml11Type } from '../eksctl/model';
import { CALENDAR_SOURCE, supportStatus, supportWindowText, today } from './calendar';
import { upgradeItems } from './breakages';

export const eksVersionSupportCheck: Check = {
  id: 'upgrade.eksctl-version-support',
  scope: 'local',
  appliesTo: isClusterConfig,
  run(ctx) {
    const n = ctx.obj.node(['metadata', 'version']);
    // An unquoted version is reported (and misread) elsewhere: only a string is a version here.
    if (!isScalar(n) || isUnknownNode(n) || yaml11Type(n) !== 'string') return;
    const v = String((n as Scalar).value);
    const on = today(ctx.settings.today);
    const s = supportStatus(v, on);
    if (s.phase === 'ended')
      ctx.report(
        'eks-version-end-of-support',
        n,
        `${supportWindowText(v, on)} Pick a version in standard support. Calendar: ${CALENDAR_SOURCE}`,
      );
    else if (s.phase === 'extended')
      ctx.report('eks-version-extended-support', n, `${supportWindowText(v, on)} Calendar: ${CALENDAR_SOURCE}`);
  },
};

export const upgradeBreakageCheck: Check = {
  id: 'upgrade.breakages',
  scope: 'local',
  appliesTo: (o) => o.kind !== undefined,
  run(ctx) {
    for (const it of upgradeItems(ctx.obj, ctx.settings.kubernetesVersion)) {
      ctx.report(it.code, it.at, it.message, { severity: it.severity, fixes: it.fixes });
    }
  },
};

/**
 * What to tell the user about the target version they configured (`eksManifests.kubernetesVersion`,
 * `--kubernetes-version`): a warning past the end of extended support, an info in extended support.
 */
export function targetVersionNote(
  settings: Pick<Settings, 'kubernetesVersion' | 'today'>,
): { severity: Severity; message: string } | undefined {
  const on = today(settings.today);
  const s = supportStatus(settings.kubernetesVersion, on);
  if (s.phase === 'ended') return { severity: 'warning', message: `Target Kubernetes ${s.version}: ${supportWindowText(s.version, on)}` };
  if (s.phase === 'extended') return { severity: 'info', message: `Target Kubernetes ${s.version}: ${supportWindowText(s.version, on)}` };
  return undefined;
}

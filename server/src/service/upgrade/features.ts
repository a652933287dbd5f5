/**
 * The upgrade module's requests: the versions to pick from, the APIs removed up to a target (for the cluster
 * module), and the Plan Upgrade report rendered for the editor (Markdown with links) or the CLI.
 */
import { Requests } from '@shared/protocol';
import type { RequestHandlers, SettingsNote } from '../module';
import type { Settings } from '../settings';
import { EKS_CALENDAR, supportStatus, today } from './calendar';
import { planMarkdown, planText, planUpgrade, removedApisUpTo, type PlanLocation } from './plan';
import { targetVersionNote } from './checks';

export const upgradeRequests: RequestHandlers = {
  [Requests.upgradeTargets]: ({ today: fixed }) => {
    const on = today(fixed);
    return EKS_CALENDAR.map((e) => {
      const phase = supportStatus(e.version, on).phase as 'standard' | 'extended' | 'ended' | 'not-yet-released';
      const description =
        phase === 'standard'
          ? `standard support until ${e.endOfStandard}`
          : phase === 'extended'
            ? `extended support until ${e.endOfExtended}`
            : phase === 'ended'
              ? 'past extended support'
              : 'not yet on EKS';
      return { version: e.version, phase, description };
    });
  },
  [Requests.removedApis]: ({ target }) => removedApisUpTo(target),
  [Requests.planUpgrade]: (p, ctx) => {
    const plan = planUpgrade(ctx.index, { target: p.target, today: p.today });
    const mustChange = plan.items.filter((i) => i.level === 'must').length;
    const text =
      p.format === 'json'
        ? JSON.stringify(plan, null, 2) + '\n'
        : p.format === 'text'
          ? planText(plan, { where: (l) => `${relative(l.uri, p.base)}:${l.range.start.line + 1}:${l.range.start.character + 1}` })
          : planMarkdown(plan, { where: (l) => markdownLink(l, p.base, p.links ?? 'uri'), cluster: p.cluster });
    return { text, mustChange, items: plan.items.length };
  },
};

/** The note the target version deserves (extended support, or past it), for the host to show once. */
export function upgradeSettingsNotes(settings: Settings): SettingsNote[] {
  const note = targetVersionNote(settings);
  return note ? [{ setting: 'kubernetesVersion', severity: note.severity, message: note.message }] : [];
}

/** A file URI as a path relative to a folder URI (decoded for reading), else the URI's own path. */
function relative(uri: string, base: string | undefined): string {
  const b = base?.replace(/\/+$/, '');
  const rest = b && uri.startsWith(b + '/') ? uri.slice(b.length + 1) : uri.replace(/^file:\/\//, '');
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

function markdownLink(l: PlanLocation, base: string | undefined, links: 'uri' | 'relative'): string {
  const line = l.range.start.line + 1;
  const shown = `${relative(l.uri, base)}:${line}`;
  const target = links === 'relative' ? relative(l.uri, base).split('/').map(encodeURIComponent).join('/') : l.uri;
  return `[${shown}](${target}#L${line})`;
}

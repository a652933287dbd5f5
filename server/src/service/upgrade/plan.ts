/**
 * The Plan Upgrade report: a pure function of the workspace index and a target version, rendered as
 * Markdown (the editor) or plain text (the CLI's `plan-upgrade`). Every line that points at a file carries
 * its location. A cluster section (objects the cluster still serves through removed APIs) is computed by
 * the client's cluster module and rendered here too, so both views read the same way.
 */
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { K8sObject } from '@shared/manifest/k8sObject';
import type { Range } from '@shared/manifest/yamlFile';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { knownString } from '@shared/manifest/templates';
import { REMOVED_APIS, findRemovedApi, replacementAt, DEPRECATION_GUIDE } from '@shared/apiVersions';
import { compareVersions, parseMinorVersion } from '../settings';
import { fluxVersionState } from '../gitops/fluxApis';
import { addons, clusterVersionText, field, isClusterConfig, nodeGroups } from '../eksctl/model';
import { CALENDAR_AS_OF, CALENDAR_SOURCE, EKS_CALENDAR, supportStatus, supportWindowText, today, versionSteps } from './calendar';
import { upgradeItems, VERSIONS_STANDARD_DOC } from './breakages';
import type { ClusterFindings, RemovedApi } from '@shared/protocol';

export interface PlanLocation {
  uri: string;
  range: Range;
}

export type PlanSection = 'removed' | 'deprecated' | 'gitops' | 'eksctl' | 'breaking';

export interface PlanItem {
  section: PlanSection;
  /** `Kind namespace/name` of the object, or the eksctl cluster. */
  object: string;
  message: string;
  location?: PlanLocation;
  /** Severity of the item for a reader: must change before upgrading, or should. */
  level: 'must' | 'should';
}

export interface ClusterVersion {
  version: string;
  object: string;
  location?: PlanLocation;
}

export interface UpgradePlan {
  target: string;
  today: string;
  /** The target's support window, in words. */
  support: string;
  /** Cluster versions the workspace's eksctl configs declare. */
  current: ClusterVersion[];
  items: PlanItem[];
  /** Minor versions from the oldest declared version to the target, with their EKS dates. */
  calendar: { version: string; endOfStandard: string; endOfExtended: string; phase: string }[];
  objectsScanned: number;
}

export interface PlanOptions {
  target: string;
  today?: string;
  maxItems?: number;
}

/** A location from a path under the object, chunk offsets, or a node. */
function locOf(obj: K8sObject, at: unknown): PlanLocation {
  if (Array.isArray(at) && at.length === 2 && typeof at[0] === 'number' && typeof at[1] === 'number')
    return { uri: obj.uri, range: obj.chunk.toRange(at[0] as number, at[1] as number) };
  if (Array.isArray(at)) return { uri: obj.uri, range: obj.rangeOf(at as (string | number)[]) };
  const r = nodeRange(at);
  if (r) return { uri: obj.uri, range: obj.chunk.toRange(r[0], r[1]) };
  return { uri: obj.uri, range: obj.rangeOf([]) };
}

/** Build the plan. Bounded by `maxItems` (default 2000) so a huge workspace still answers. */
export function planUpgrade(index: WorkspaceIndex, opts: PlanOptions): UpgradePlan {
  const target = opts.target;
  const on = today(opts.today);
  const maxItems = opts.maxItems ?? 2000;
  const items: PlanItem[] = [];
  const current: ClusterVersion[] = [];
  let scanned = 0;
  const push = (it: PlanItem) => {
    if (items.length < maxItems) items.push(it);
  };
  for (const obj of index.all()) {
    scanned++;
    if (isClusterConfig(obj)) {
      eksctlPlan(obj, target, current, push);
      continue;
    }
    if (obj.isToolConfig || !obj.apiVersion || !obj.kind) continue;
    const api = findRemovedApi(obj.apiVersion, obj.kind);
    const repl = api ? replacementAt(api, target)?.apiVersion : undefined;
    if (api && (api.neverServed || (api.removedIn !== undefined && compareVersions(target, api.removedIn) >= 0))) {
      const what = api.neverServed ? `never served ${obj.kind}` : `was removed in Kubernetes ${api.removedIn}`;
      push({
        section: 'removed',
        level: 'must',
        object: obj.displayName,
        location: locOf(obj, ['apiVersion']),
        message: `${obj.apiVersion} ${what}: ${repl ? `use ${repl}` : `Kubernetes ${target} has no replacement`}.${api.notes ? ' ' + api.notes : ''}`,
      });
    } else if (api && compareVersions(target, api.deprecatedIn) >= 0) {
      const when = api.removedIn
        ? `is deprecated and stops being served in Kubernetes ${api.removedIn}`
        : `is deprecated since Kubernetes ${api.deprecatedIn} (no removal is scheduled)`;
      push({
        section: 'deprecated',
        level: 'should',
        object: obj.displayName,
        location: locOf(obj, ['apiVersion']),
        message: `${obj.apiVersion} ${when}: ${repl ? `move to ${repl}` : 'plan a replacement'}.`,
      });
    }
    const flux = fluxVersionState(obj.apiVersion, obj.kind);
    if (flux?.state === 'removed') {
      push({
        section: 'gitops',
        level: 'must',
        object: obj.displayName,
        location: locOf(obj, ['apiVersion']),
        message: `${obj.apiVersion} is not served by current Flux (removed in ${flux.removal.controller} ${flux.removal.release}, ${flux.removal.date}): use ${obj.group}/${flux.current} and run \`flux migrate\` before upgrading Flux.`,
      });
    } else if (flux?.state === 'old') {
      push({
        section: 'gitops',
        level: 'should',
        object: obj.displayName,
        location: locOf(obj, ['apiVersion']),
        message: `${obj.apiVersion} is an older Flux API; current controllers serve ${obj.group}/${flux.current}.`,
      });
    }
    for (const it of upgradeItems(obj, target)) {
      push({
        section: 'breaking',
        level: it.code === 'upgrade-deprecated-feature' || it.code === 'upgrade-vac-beta' ? 'should' : 'must',
        object: obj.displayName,
        location: locOf(obj, it.at),
        message: it.message,
      });
    }
  }
  const versions = current.map((c) => c.version).filter((v) => parseMinorVersion(v));
  const oldest = versions.reduce<string | undefined>((a, v) => (!a || compareVersions(v, a) < 0 ? v : a), undefined);
  const calendar = EKS_CALENDAR.filter(
    (e) =>
      compareVersions(e.version, target) <= 0 &&
      (!oldest || compareVersions(e.version, oldest) >= 0) &&
      (oldest || compareVersions(e.version, target) === 0),
  )
    .map((e) => ({
      version: e.version,
      endOfStandard: e.endOfStandard,
      endOfExtended: e.endOfExtended,
      phase: supportStatus(e.version, on).phase,
    }))
    .reverse();
  return { target, today: on, support: supportWindowText(target, on), current, items, calendar, objectsScanned: scanned };
}

function eksctlPlan(obj: K8sObject, target: string, current: ClusterVersion[], push: (it: PlanItem) => void): void {
  const name = `eksctl ClusterConfig ${knownString(obj.node(['metadata', 'name'])) ?? '(unnamed)'}`;
  const v = clusterVersionText(obj);
  const vNode = obj.node(['metadata', 'version']);
  if (v && /^\d+\.\d+$/.test(v)) {
    current.push({ version: v, object: name, location: locOf(obj, vNode) });
    const steps = versionSteps(v, target);
    if (steps.length) {
      push({
        section: 'eksctl',
        level: 'must',
        object: name,
        location: locOf(obj, vNode),
        message: `The control plane is at ${v}; EKS upgrades one minor version at a time: ${[v, ...steps].join(' → ')} (\`eksctl upgrade cluster -f … --approve\` per step, setting metadata.version to each). Then upgrade the node groups and add-ons.`,
      });
    } else if (compareVersions(v, target) > 0) {
      push({
        section: 'eksctl',
        level: 'should',
        object: name,
        location: locOf(obj, vNode),
        message: `metadata.version ${v} is already past the target ${target}.`,
      });
    }
  } else if (!vNode) {
    push({
      section: 'eksctl',
      level: 'should',
      object: name,
      location: locOf(obj, ['metadata']),
      message: 'No metadata.version: eksctl creates new clusters at its default version; set it to make upgrades explicit.',
    });
  }
  const ngs = nodeGroups(obj);
  if (ngs.length && v && compareVersions(v, target) < 0) {
    push({
      section: 'eksctl',
      level: 'must',
      object: name,
      location: locOf(obj, ngs[0].node),
      message: `${ngs.length} node group${ngs.length === 1 ? '' : 's'} stay on their version when the control plane moves: run \`eksctl upgrade nodegroup\` (managed) or replace self-managed groups after each control-plane step (node/control-plane skew is tested up to 3 minors).`,
    });
  }
  for (const a of addons(obj)) {
    const verNode = field(a.node, 'version', obj);
    const ver = knownString(verNode);
    if (!ver || ver === 'latest' || !verNode) continue;
    const m = /^v?(\d+)\.(\d+)\./.exec(ver);
    if (a.name === 'kube-proxy' && m && `${m[1]}.${m[2]}` !== target) {
      push({
        section: 'eksctl',
        level: 'must',
        object: name,
        location: locOf(obj, verNode),
        message: `kube-proxy ${ver} must follow the cluster minor: use a v${target}.x-eksbuild version after upgrading (\`eksctl utils describe-addon-versions --kubernetes-version ${target} --name kube-proxy\`).`,
      });
    } else if (a.name !== 'kube-proxy') {
      push({
        section: 'eksctl',
        level: 'should',
        object: name,
        location: locOf(obj, verNode),
        message: `Add-on ${a.name ?? '?'} is pinned to ${ver}; check it is offered for ${target} (\`eksctl utils describe-addon-versions --kubernetes-version ${target} --name ${a.name ?? '…'}\`) and update it after the control plane.`,
      });
    }
  }
  for (const it of upgradeItems(obj, target)) {
    if (it.code === 'upgrade-addon-version-skew') continue; // said above for the target
    push({ section: 'breaking', level: 'must', object: name, location: locOf(obj, it.at), message: it.message });
  }
}

// ───────────────────────────── cluster section ─────────────────────────────

// ───────────────────────────── rendering ─────────────────────────────

const TITLES: Record<PlanSection, string> = {
  removed: 'Objects whose API is removed by the target',
  deprecated: 'Objects whose API is deprecated at the target (removed later)',
  gitops: 'GitOps controller APIs (Flux) to move',
  eksctl: 'eksctl cluster, node groups and add-ons',
  breaking: 'Version-specific changes that affect these files',
};
const ORDER: PlanSection[] = ['removed', 'eksctl', 'breaking', 'gitops', 'deprecated'];

export interface RenderOptions {
  /** How to show a location (Markdown: a link; text: path:line:col). */
  where: (loc: PlanLocation) => string;
  cluster?: ClusterFindings;
}

function header(plan: UpgradePlan): string[] {
  const lines: string[] = [];
  lines.push(`Target: Kubernetes ${plan.target} on Amazon EKS, as of ${plan.today}.`, '', plan.support);
  if (plan.current.length)
    lines.push('', `Versions in this workspace: ${plan.current.map((c) => `${c.version} (${c.object})`).join(', ')}.`);
  return lines;
}

export function planMarkdown(plan: UpgradePlan, opts: RenderOptions): string {
  const out: string[] = [`# Upgrade plan: Kubernetes ${plan.target}`, '', ...header(plan), ''];
  if (plan.calendar.length) {
    out.push('| Version | End of standard support | End of extended support | Today |', '|---|---|---|---|');
    for (const c of plan.calendar) out.push(`| ${c.version} | ${c.endOfStandard} | ${c.endOfExtended} | ${c.phase} |`);
    out.push('', `Dates: [EKS Kubernetes release calendar](${CALENDAR_SOURCE}) (our data as of ${CALENDAR_AS_OF}).`, '');
  }
  const must = plan.items.filter((i) => i.level === 'must').length;
  out.push(
    `**${must} change${must === 1 ? '' : 's'} to make before upgrading**, ${plan.items.length - must} to plan, across ${plan.objectsScanned} object${plan.objectsScanned === 1 ? '' : 's'}.`,
    '',
  );
  for (const s of ORDER) {
    const list = plan.items.filter((i) => i.section === s);
    if (!list.length) continue;
    out.push(`## ${TITLES[s]}`, '');
    for (const it of list)
      out.push(
        `- ${it.level === 'must' ? '**must**' : 'should'} · \`${it.object}\` — ${md(it.message)}${it.location ? ` (${opts.where(it.location)})` : ''}`,
      );
    out.push('');
  }
  if (!plan.items.length) out.push('Nothing in this workspace needs to change for this version.', '');
  out.push(...clusterMarkdown(opts.cluster, plan.target));
  out.push(
    '---',
    '',
    `Removed APIs: [Kubernetes deprecation guide](${DEPRECATION_GUIDE}); per-version EKS changes: [EKS release notes](${VERSIONS_STANDARD_DOC}). Only the files of this workspace are covered${opts.cluster ? '' : '; connect to the cluster to add what it still serves'}.`,
  );
  return out.join('\n') + '\n';
}

function clusterMarkdown(c: ClusterFindings | undefined, target: string): string[] {
  if (!c) return [];
  const out = [`## The cluster (context \`${c.context}\`${c.serverVersion ? `, Kubernetes ${c.serverVersion}` : ''})`, ''];
  if (c.requested?.length) {
    out.push('Deprecated APIs clients have requested since the API server started (apiserver_requested_deprecated_apis):', '');
    for (const r of c.requested)
      out.push(
        `- \`${r.group ? r.group + '/' : ''}${r.version}\` ${r.resource}${r.removedRelease ? ` — removed in ${r.removedRelease}` : ''}`,
      );
    out.push('');
  } else if (c.requested) out.push('No client has requested a deprecated API since the API server started.', '');
  for (const s of c.served ?? []) {
    out.push(
      `- **must** · ${s.kind} through \`${s.apiVersion}\` (removed in ${s.removedIn}${s.replacement ? `; use ${s.replacement}` : ''}): ${s.total} object${s.total === 1 ? '' : 's'}${s.objects.length ? ` — ${s.objects.map((o) => `\`${o}\``).join(', ')}${s.total > s.objects.length ? ', …' : ''}` : ''}`,
    );
  }
  if (c.served && !c.served.length) out.push(`The cluster serves no API version that Kubernetes ${target} removed.`);
  for (const n of c.notes) out.push(`- ${n}`);
  out.push('');
  return out;
}

function md(s: string): string {
  return s.replace(/\|/g, '\\|');
}

export function planText(plan: UpgradePlan, opts: RenderOptions): string {
  const out: string[] = [`Upgrade plan: Kubernetes ${plan.target}`, '', ...header(plan), ''];
  for (const c of plan.calendar)
    out.push(`  ${c.version}: standard support until ${c.endOfStandard}, extended until ${c.endOfExtended} (${c.phase})`);
  if (plan.calendar.length) out.push('');
  for (const s of ORDER) {
    const list = plan.items.filter((i) => i.section === s);
    if (!list.length) continue;
    out.push(`${TITLES[s]}:`);
    for (const it of list) out.push(`  ${it.location ? opts.where(it.location) + ': ' : ''}${it.level} ${it.object}: ${it.message}`);
    out.push('');
  }
  const must = plan.items.filter((i) => i.level === 'must').length;
  out.push(
    `${must} change${must === 1 ? '' : 's'} to make before upgrading, ${plan.items.length - must} to plan, ${plan.objectsScanned} object${plan.objectsScanned === 1 ? '' : 's'} checked.`,
  );
  return out.join('\n') + '\n';
}

/** Removed APIs (Kubernetes) up to a target version, for the cluster module to look for. */
export function removedApisUpTo(target: string): RemovedApi[] {
  // A group/version that never served the kind holds no objects of it: nothing to look for.
  return REMOVED_APIS.filter(
    (a): a is typeof a & { removedIn: string } => !a.neverServed && a.removedIn !== undefined && compareVersions(a.removedIn, target) <= 0,
  ).map((a) => ({ apiVersion: a.apiVersion, kind: a.kind, removedIn: a.removedIn, replacement: replacementAt(a, target)?.apiVersion }));
}

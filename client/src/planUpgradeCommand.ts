/**
 * "EKS: Plan Upgrade to…": pick a target version, ask the language server for the plan of the workspace,
 * add what the cluster says when a context is configured (client/src/cluster/deprecatedApis.ts), and open the
 * report as a Markdown preview. Arguments for tests and keybindings: (target?: string, options?: { cluster?: boolean }).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { clusterUpgradeFindings } from './cluster';
import type { ClusterSession } from './commands/session';
import { planMarkdown, type ClusterFindings, type PlanLocation, type UpgradePlan } from '../../server/src/service/upgrade/plan';
import { EKS_CALENDAR, supportStatus, today } from '../../server/src/service/upgrade/calendar';

export const PLAN_UPGRADE = 'eksManifests.planUpgrade';

interface PlanResponse { plan: UpgradePlan; removed: { apiVersion: string; kind: string; removedIn: string; replacement?: string }[] }

export function registerPlanUpgradeCommand(context: vscode.ExtensionContext, client: LanguageClient, session: ClusterSession | undefined): void {
  context.subscriptions.push(vscode.commands.registerCommand(PLAN_UPGRADE, async (target?: string, opts?: { cluster?: boolean }) => {
    const version = typeof target === 'string' ? target : await pickVersion();
    if (!version) return undefined;
    const res = await client.sendRequest<PlanResponse | null>('eksManifests/planUpgrade', { target: version });
    if (!res) { void vscode.window.showErrorMessage(`EKS Manifests: could not build a plan for ${version}.`); return undefined; }
    let cluster: ClusterFindings | undefined;
    if (session && opts?.cluster !== false && vscode.workspace.isTrusted && session.currentContext()) {
      cluster = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Asking ${session.currentContext()} about removed APIs`, cancellable: true }, async (_p, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        try { return await clusterUpgradeFindings(session.connect(), version, res.removed, { signal: ac.signal }); } catch (e) {
          return { context: session.currentContext() ?? '?', notes: [`The cluster could not be asked: ${(e as Error).message}`] };
        }
      });
    }
    const where = (l: PlanLocation) => {
      const uri = vscode.Uri.parse(l.uri);
      const line = l.range.start.line + 1;
      return `[${vscode.workspace.asRelativePath(uri)}:${line}](${uri.with({ fragment: `L${line}` }).toString()})`;
    };
    const markdown = planMarkdown(res.plan, { where, cluster });
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri).then(undefined, () => vscode.window.showTextDocument(doc, { preview: true }));
    return markdown;
  }));
}

async function pickVersion(): Promise<string | undefined> {
  const on = today();
  const current = vscode.workspace.getConfiguration('eksManifests').get<string>('kubernetesVersion', '');
  const items = EKS_CALENDAR.map((e) => {
    const phase = supportStatus(e.version, on).phase;
    return { label: e.version, description: phase === 'standard' ? `standard support until ${e.endOfStandard}` : phase === 'extended' ? `extended support until ${e.endOfExtended}` : phase === 'ended' ? 'past extended support' : 'not yet on EKS', detail: e.version === current ? 'the eksManifests.kubernetesVersion setting' : undefined, phase };
  }).filter((i) => i.phase !== 'ended');
  const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Kubernetes version to plan the upgrade to' });
  return pick?.label;
}

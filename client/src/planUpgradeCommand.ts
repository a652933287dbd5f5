/**
 * "EKS: Plan Upgrade to…": pick a target version, ask the cluster (when a context is configured) which removed
 * APIs still serve objects (client/src/cluster/deprecatedApis.ts), then ask the language server for the report
 * of the workspace with those findings and open it as a Markdown preview. Arguments for tests and
 * keybindings: (target?: string, options?: { cluster?: boolean }).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { clusterUpgradeFindings } from './cluster';
import type { ClusterSession } from './commands/session';
import { Requests, SETTINGS_SECTION, type ClusterFindings, type RequestResult } from '@shared/protocol';

export const PLAN_UPGRADE = 'eksManifests.planUpgrade';

export function registerPlanUpgradeCommand(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  session: ClusterSession | undefined,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(PLAN_UPGRADE, async (target?: string, opts?: { cluster?: boolean }) => {
      const version = typeof target === 'string' ? target : await pickVersion(client);
      if (!version) return undefined;
      let cluster: ClusterFindings | undefined;
      if (session && opts?.cluster !== false && vscode.workspace.isTrusted && session.currentContext()) {
        cluster = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `Asking ${session.currentContext()} about removed APIs`,
            cancellable: true,
          },
          async (_p, token) => {
            const ac = new AbortController();
            token.onCancellationRequested(() => ac.abort());
            try {
              const removed = await client.sendRequest<RequestResult<typeof Requests.removedApis>>(Requests.removedApis, {
                target: version,
              });
              return await clusterUpgradeFindings(session.connect(), version, removed ?? [], { signal: ac.signal });
            } catch (e) {
              return { context: session.currentContext() ?? '?', notes: [`The cluster could not be asked: ${(e as Error).message}`] };
            }
          },
        );
      }
      const base = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
      const res = await client.sendRequest<RequestResult<typeof Requests.planUpgrade> | null>(Requests.planUpgrade, {
        target: version,
        format: 'markdown',
        base,
        links: 'uri',
        cluster,
      });
      if (!res) {
        void vscode.window.showErrorMessage(`EKS Manifests: could not build a plan for ${version}.`);
        return undefined;
      }
      const markdown = res.text;
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.commands
        .executeCommand('markdown.showPreview', doc.uri)
        .then(undefined, () => vscode.window.showTextDocument(doc, { preview: true }));
      return markdown;
    }),
  );
}

async function pickVersion(client: LanguageClient): Promise<string | undefined> {
  const current = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>('kubernetesVersion', '');
  const targets = (await client.sendRequest<RequestResult<typeof Requests.upgradeTargets> | null>(Requests.upgradeTargets, {})) ?? [];
  const items = targets
    .filter((t) => t.phase !== 'ended')
    .map((t) => ({
      label: t.version,
      description: t.description,
      detail: t.version === current ? 'the eksManifests.kubernetesVersion setting' : undefined,
    }));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Kubernetes version to plan the upgrade to' });
  return pick?.label;
}

/**
 * "EKS: Check Rendered Chart": the language server renders the Helm chart of the current file (or the folder
 * picked in the Explorer) with `helm template` and checks the rendered objects; the findings are shown on the
 * chart's template files in their own diagnostic collection (they describe the rendered chart, not the text).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Requests, type RequestResult } from '@shared/protocol';

export const CHECK_RENDERED_CHART = 'eksManifests.checkRenderedChart';

type Result = RequestResult<typeof Requests.checkRenderedChart>;

export function registerRenderedChartCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
  const collection = vscode.languages.createDiagnosticCollection('eks-manifests (rendered chart)');
  context.subscriptions.push(
    collection,
    vscode.commands.registerCommand(CHECK_RENDERED_CHART, async (arg?: vscode.Uri) => {
      const target = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!target) {
        void vscode.window.showInformationMessage('Open a file of a Helm chart (or pick the chart folder in the Explorer) first.');
        return undefined;
      }
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'EKS: rendering the chart with helm template…' },
        () => client.sendRequest<Result>(Requests.checkRenderedChart, { uri: target.toString() }),
      );
      if (!r.ok) {
        void vscode.window.showErrorMessage(r.reason === 'render-error' ? `helm template failed: ${r.message}` : r.message);
        return r;
      }
      collection.clear();
      let count = 0;
      for (const f of r.files) {
        const diags = await client.protocol2CodeConverter.asDiagnostics(f.diagnostics as Diagnostic[]);
        count += diags.length;
        collection.set(vscode.Uri.parse(f.uri), diags);
      }
      const name = path.basename(vscode.Uri.parse(r.chart).fsPath);
      void vscode.window.showInformationMessage(
        `Chart ${name} rendered (${r.documents} objects): ${count === 0 ? 'no findings' : `${count} finding${count === 1 ? '' : 's'}, shown on its templates`}.`,
      );
      return r;
    }),
  );
}

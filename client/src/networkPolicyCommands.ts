/**
 * "EKS: Explain NetworkPolicy": asks the language server for the plain-language explanation of the
 * NetworkPolicy under the cursor and shows it as a Markdown preview.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type RequestResult } from '@shared/protocol';

export const EXPLAIN_NETWORK_POLICY = 'eksManifests.explainNetworkPolicy';

export function registerNetworkPolicyCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(vscode.commands.registerCommand(EXPLAIN_NETWORK_POLICY, async (uri?: vscode.Uri, position?: vscode.Position) => {
    const editor = vscode.window.activeTextEditor;
    const target = uri instanceof vscode.Uri ? uri : editor?.document.uri;
    const pos = position ?? editor?.selection.active;
    if (!target || !pos) { void vscode.window.showInformationMessage('Open a NetworkPolicy manifest and put the cursor inside it.'); return undefined; }
    const result = await client.sendRequest<RequestResult<typeof Requests.explainNetworkPolicy>>(Requests.explainNetworkPolicy, {
      uri: target.toString(), position: { line: pos.line, character: pos.character },
    });
    if (!result) { void vscode.window.showInformationMessage('The cursor is not inside a NetworkPolicy.'); return undefined; }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
    await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri).then(undefined, () => vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside }));
    return result.markdown;
  }));
}

/**
 * "EKS: Explain NetworkPolicy": asks the language server for the plain-language explanation of the
 * NetworkPolicy under the cursor and shows it read-only: a virtual document (nothing to save when it is
 * closed) rendered as a Markdown preview. The command is offered only while the cursor is inside a
 * NetworkPolicy (context key `eksManifests.inNetworkPolicy`, set from the cursor here).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type RequestResult } from '@shared/protocol';
import { COMMANDS, CONTEXT_KEYS } from './commands/ids';
import type { ReadOnlyContent } from './views/readOnlyContent';
import { networkPolicyRanges } from './commands/documentScan';

export const EXPLAIN_NETWORK_POLICY = COMMANDS.explainNetworkPolicy;

export function registerNetworkPolicyCommands(context: vscode.ExtensionContext, client: LanguageClient, content: ReadOnlyContent): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPLAIN_NETWORK_POLICY, async (uri?: vscode.Uri, position?: vscode.Position) => {
      const editor = vscode.window.activeTextEditor;
      const target = uri instanceof vscode.Uri ? uri : editor?.document.uri;
      const pos = position ?? editor?.selection.active;
      if (!target || !pos) {
        void vscode.window.showInformationMessage('Open a NetworkPolicy manifest and put the cursor inside it.');
        return undefined;
      }
      const result = await client.sendRequest<RequestResult<typeof Requests.explainNetworkPolicy>>(Requests.explainNetworkPolicy, {
        uri: target.toString(),
        position: { line: pos.line, character: pos.character },
      });
      if (!result) {
        void vscode.window.showInformationMessage('The cursor is not inside a NetworkPolicy.');
        return undefined;
      }
      const name = `${result.namespace ?? 'default'}-${result.name ?? 'networkpolicy'}`.replace(/[^\w.-]+/g, '_');
      const doc = content.put(`explain/NetworkPolicy ${name}.md`, result.markdown);
      await vscode.commands.executeCommand('markdown.showPreviewToSide', doc).then(undefined, async () => {
        // no Markdown extension: the read-only document itself
        const d = await vscode.workspace.openTextDocument(doc);
        await vscode.languages.setTextDocumentLanguage(d, 'markdown');
        await vscode.window.showTextDocument(d, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      });
      return result.markdown;
    }),
  );

  // The context key that offers the command: recomputed on cursor moves and edits, ranges cached per version.
  const cache = new Map<string, { version: number; ranges: [number, number][] }>();
  let last: boolean | undefined;
  const update = (editor = vscode.window.activeTextEditor) => {
    let inside = false;
    if (editor && editor.document.languageId === 'yaml') {
      const d = editor.document;
      const key = d.uri.toString();
      let c = cache.get(key);
      if (!c || c.version !== d.version) {
        c = { version: d.version, ranges: networkPolicyRanges(d.getText()) };
        cache.set(key, c);
      }
      const line = editor.selection.active.line;
      inside = c.ranges.some(([a, b]) => line >= a && line <= b);
    }
    if (inside !== last) {
      last = inside;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.inNetworkPolicy, inside);
    }
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((e) => update(e)),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) update(e.textEditor);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) update();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => cache.delete(d.uri.toString())),
  );
  update();
}

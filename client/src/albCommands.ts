/**
 * `eksManifests.applyEdit`: the command behind the ALB traffic-split code lenses. The server computes the
 * edits (plain LSP TextEdits in file positions, only the weight numbers change) and passes
 * [uri, TextEdit[]]; this applies them as one undoable workspace edit.
 */
import * as vscode from 'vscode';
import { type TextEdit as LspTextEdit } from '@shared/protocol';
import { COMMANDS } from './commands/ids';

export const APPLY_EDIT = COMMANDS.applyEdit;

export function registerAlbCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(APPLY_EDIT, async (uri: string, edits: LspTextEdit[]) => {
      if (typeof uri !== 'string' || !Array.isArray(edits)) return false;
      const target = vscode.Uri.parse(uri);
      const we = new vscode.WorkspaceEdit();
      for (const e of edits) {
        const r = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
        we.replace(target, r, e.newText);
      }
      const ok = await vscode.workspace.applyEdit(we);
      if (!ok)
        void vscode.window.showWarningMessage('EKS Manifests: the traffic split could not be changed (the document changed meanwhile?).');
      return ok;
    }),
  );
}

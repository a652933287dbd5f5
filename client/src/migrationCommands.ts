/**
 * Migration previews: "EKS: Preview VPC Lattice Migration" (App Mesh Mesh/VirtualService/VirtualRouter → VPC
 * Lattice) and "EKS: Preview Ingress as Gateway API" (ALB Ingress → Load Balancer Controller Gateway). The
 * language server computes the text (requests previewLatticeMigration / previewGatewayMigration); this opens it as an untitled
 * YAML document. The server's code actions call `eksManifests.previewMigration` with [uri, position, target].
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type MigrationPreview } from '@shared/protocol';

export const PREVIEW_MIGRATION = 'eksManifests.previewMigration';
export const PREVIEW_LATTICE_MIGRATION = 'eksManifests.previewLatticeMigration';
export const PREVIEW_GATEWAY_MIGRATION = 'eksManifests.previewGatewayMigration';

type Target = 'gateway' | 'lattice';

export function registerMigrationCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const preview = async (
    target: Target,
    uri?: string | vscode.Uri,
    position?: { line: number; character: number },
  ): Promise<string | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const doc = uri === undefined ? editor?.document.uri : typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    const pos = position ?? editor?.selection.active;
    const what = target === 'lattice' ? 'an App Mesh Mesh, VirtualService or VirtualRouter' : 'an ALB Ingress';
    if (!doc || !pos) {
      void vscode.window.showInformationMessage(`Open a manifest and put the cursor inside ${what}.`);
      return undefined;
    }
    const method = target === 'lattice' ? Requests.previewLatticeMigration : Requests.previewGatewayMigration;
    const result = await client.sendRequest<MigrationPreview | null>(method, {
      uri: doc.toString(),
      position: { line: pos.line, character: pos.character },
    });
    if (!result) {
      void vscode.window.showInformationMessage(`The cursor is not inside ${what}.`);
      return undefined;
    }
    const opened = await vscode.workspace.openTextDocument({ language: 'yaml', content: result.content });
    await vscode.window.showTextDocument(opened, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    return result.content;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(PREVIEW_MIGRATION, (uri?: string, position?: { line: number; character: number }, target?: Target) =>
      preview(target ?? 'lattice', uri, position),
    ),
    vscode.commands.registerCommand(PREVIEW_LATTICE_MIGRATION, (uri?: vscode.Uri) => preview('lattice', uri)),
    vscode.commands.registerCommand(PREVIEW_GATEWAY_MIGRATION, (uri?: vscode.Uri) => preview('gateway', uri)),
  );
}

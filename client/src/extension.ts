/**
 * The VS Code side: start the language server, pass it the settings it cannot see itself, and host the
 * commands. Intelligence lives in the server; this stays small.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerAlbCommands } from './albCommands';
import { registerClusterFeatures } from './commands';

let client: LanguageClient | undefined;

/** When Red Hat's YAML extension is present it reports YAML syntax errors; we then leave them to it. */
function syntaxErrorsWanted(): boolean {
  const mode = vscode.workspace.getConfiguration('eksManifests').get<string>('yamlSyntaxErrors', 'auto');
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return vscode.extensions.getExtension('redhat.vscode-yaml') === undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const output = vscode.window.createOutputChannel('EKS Manifests');
  context.subscriptions.push(output);
  registerAlbCommands(context); // eksManifests.applyEdit, used by the ALB traffic-split code lenses
  registerClusterFeatures(context); // cluster commands, context status bar, Services view (client/src/commands, views)
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'yaml', scheme: 'file' }, { language: 'yaml', scheme: 'untitled' }],
    // The files the server scans (model/fileKind.ts isScannedFileName): YAML, *.yaml.tpl, Kustomization.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.yaml,*.yml,*.yaml.tpl,*.yml.tpl,Kustomization}') },
    initializationOptions: {
      syntaxErrors: syntaxErrorsWanted(),
      settings: vscode.workspace.getConfiguration('eksManifests'),
    },
    outputChannel: output,
    diagnosticCollectionName: 'eks-manifests',
  };
  client = new LanguageClient('eksManifests', 'EKS Manifests', serverOptions, clientOptions);
  await client.start();
  (await import('./networkPolicyCommands')).registerNetworkPolicyCommands(context, client);
  (await import('./renderedChartCommand')).registerRenderedChartCommand(context, client);
  context.subscriptions.push(vscode.extensions.onDidChange(() => {
    // Installing or removing Red Hat's YAML extension changes who reports syntax errors.
    client?.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }));
  return { client };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}

/**
 * The VS Code side: start the language server, pass it the settings it cannot see itself, and host the
 * commands. Intelligence lives in the server; this stays small.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerAlbCommands } from './albCommands';
import { registerClusterFeatures, type ClusterFeatures } from './commands';
import { DiagnosticDocs, docsLinkFor } from './views/diagnosticDocs';
import { SETTINGS_SECTION, type InitOptions } from '@shared/protocol';

let client: LanguageClient | undefined;

/** When Red Hat's YAML extension is present it reports YAML syntax errors; we then leave them to it. */
function syntaxErrorsWanted(): boolean {
  const mode = vscode.workspace.getConfiguration('eksManifests').get<string>('yamlSyntaxErrors', 'auto');
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return vscode.extensions.getExtension('redhat.vscode-yaml') === undefined;
}

/**
 * With eksManifests.schemaValidation `auto`, files that Red Hat's YAML extension validates with a Kubernetes
 * schema (a `yaml.schemas` entry whose key is `kubernetes` or a Kubernetes JSON-schema URL) are left to it,
 * so nobody sees each mistake twice. Returns those globs (none when that extension is absent or off).
 */
function yamlKubernetesGlobs(): string[] {
  if (vscode.extensions.getExtension('redhat.vscode-yaml') === undefined) return [];
  const yaml = vscode.workspace.getConfiguration('yaml');
  if (yaml.get<boolean>('validate', true) === false) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(yaml.get<Record<string, string | string[]>>('schemas', {}) ?? {})) {
    if (key !== 'kubernetes' && !/kubernetes/i.test(key)) continue;
    for (const g of Array.isArray(value) ? value : [value]) if (typeof g === 'string') out.push(g);
  }
  return out;
}

/**
 * The language server links each diagnostic code to the bundled docs/diagnostics.md (a file URL with the
 * code as fragment, which VS Code opens as raw Markdown at line 1): point it at the rendered page's row.
 */
function linkCodesToDocs(diagnostics: vscode.Diagnostic[]): void {
  for (const d of diagnostics) {
    const code = d.code;
    if (typeof code !== 'object' || code === null || !code.target) continue;
    const t = code.target;
    if (t.scheme === 'file' && t.path.endsWith('/docs/diagnostics.md'))
      d.code = { value: code.value, target: docsLinkFor(t.fragment || String(code.value)) };
  }
}

/** What `activate` returns: the language client, and the cluster parts (for the extension-host tests). */
export interface ExtensionApi extends ClusterFeatures {
  client: LanguageClient;
  docs: DiagnosticDocs;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const output = vscode.window.createOutputChannel('EKS Manifests');
  context.subscriptions.push(output);
  registerAlbCommands(context); // eksManifests.applyEdit, used by the ALB traffic-split code lenses
  const cluster = registerClusterFeatures(context); // cluster commands, context status bar, Services view (client/src/commands, views)
  const docs = new DiagnosticDocs(context);
  docs.register(context);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
    ],
    // The files the server scans (model/fileKind.ts isScannedFileName): YAML, *.yaml.tpl, Kustomization.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.yaml,*.yml,*.yaml.tpl,*.yml.tpl,Kustomization}') },
    initializationOptions: {
      syntaxErrors: syntaxErrorsWanted(),
      yamlKubernetesGlobs: yamlKubernetesGlobs(),
      settings: vscode.workspace.getConfiguration(SETTINGS_SECTION) as unknown as InitOptions['settings'],
    } satisfies InitOptions,
    outputChannel: output,
    diagnosticCollectionName: 'eks-manifests',
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => {
        linkCodesToDocs(diagnostics);
        next(uri, diagnostics);
      },
    },
  };
  client = new LanguageClient('eksManifests', 'EKS Manifests', serverOptions, clientOptions);
  await client.start();
  (await import('./networkPolicyCommands')).registerNetworkPolicyCommands(context, client, cluster.content);
  (await import('./planUpgradeCommand')).registerPlanUpgradeCommand(context, client, cluster.session);
  (await import('./migrationCommands')).registerMigrationCommands(context, client);
  (await import('./renderedChartCommand')).registerRenderedChartCommand(context, client);
  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      // Installing or removing Red Hat's YAML extension changes who reports syntax errors.
      client?.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }),
  );
  return { client, docs, ...cluster };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}

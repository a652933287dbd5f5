/** Registers everything cluster-related: context/namespace status bar, apply/dry-run/diff, Services view. */
import * as vscode from 'vscode';
import { ClusterSession } from './session';
import { ClusterCommands } from './clusterCommands';
import { COMMANDS } from './ids';
import { ReadOnlyContent, SCHEME } from '../views/readOnlyContent';
import { ServicesView } from '../views/servicesView';

/** The cluster parts other commands (Plan Upgrade) and the extension-host tests reach. */
export interface ClusterFeatures {
  session: ClusterSession;
  content: ReadOnlyContent;
  services: ServicesView;
}

export function registerClusterFeatures(context: vscode.ExtensionContext): ClusterFeatures {
  const output = vscode.window.createOutputChannel('EKS Manifests: Cluster');
  const content = new ReadOnlyContent();
  const session = new ClusterSession(output);
  context.subscriptions.push(output, content, session, vscode.workspace.registerTextDocumentContentProvider(SCHEME, content));
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.switchContext, (name?: unknown) => session.pickContext(name)),
    vscode.commands.registerCommand(COMMANDS.switchNamespace, () => session.pickNamespace()),
    vscode.commands.registerCommand(COMMANDS.reloadKubeconfig, () => session.reload()),
    vscode.commands.registerCommand(COMMANDS.useServerVersion, () => session.useServerVersion()),
  );
  new ClusterCommands(session, output, content).register(context);
  const services = new ServicesView(session, output, content);
  services.register(context);
  return { session, content, services };
}

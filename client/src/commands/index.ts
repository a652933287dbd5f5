/** Registers everything cluster-related: context/namespace status bar, apply/dry-run/diff, Services view. */
import * as vscode from 'vscode';
import { ClusterSession } from './session';
import { ClusterCommands } from './clusterCommands';
import { ReadOnlyContent, SCHEME } from '../views/readOnlyContent';
import { ServicesView } from '../views/servicesView';

/** Returns the cluster session so other commands (Plan Upgrade) can reach the active context. */
export function registerClusterFeatures(context: vscode.ExtensionContext): ClusterSession {
  const output = vscode.window.createOutputChannel('EKS Manifests: Cluster');
  const content = new ReadOnlyContent();
  const session = new ClusterSession(output);
  context.subscriptions.push(output, content, session, vscode.workspace.registerTextDocumentContentProvider(SCHEME, content));
  context.subscriptions.push(
    vscode.commands.registerCommand('eksManifests.cluster.switchContext', () => session.pickContext()),
    vscode.commands.registerCommand('eksManifests.cluster.switchNamespace', () => session.pickNamespace()),
    vscode.commands.registerCommand('eksManifests.cluster.reloadKubeconfig', () => session.reload()),
  );
  new ClusterCommands(session, output, content).register(context);
  new ServicesView(session, output, content).register(context);
  return session;
}

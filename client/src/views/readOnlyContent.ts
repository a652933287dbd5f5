/** Read-only documents (live objects, dry-run results) served from memory under our own URI scheme. */
import * as vscode from 'vscode';

export const SCHEME = 'eks-manifests-cluster';

export class ReadOnlyContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Store a text and return its URI (same path → same document, refreshed). */
  put(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: '/' + path.replace(/^\/+/, '') });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    if (this.texts.size > 200) this.texts.delete(this.texts.keys().next().value as string);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# (no longer available: run the command again)\n';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

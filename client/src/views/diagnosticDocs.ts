/**
 * The docs page of the diagnostic codes (the bundled docs/diagnostics.md), rendered, at the row of one
 * code. Each diagnostic's code links to `eks-manifests-docs:/Diagnostic Codes?<code>` (the client rewrites
 * the language server's file link, see `docsLinkFor`); VS Code opens that URI with this read-only custom
 * editor, which renders the Markdown with VS Code's own Markdown renderer, scrolls to the code's row and
 * highlights it. (A plain file link opened the raw Markdown at line 1.)
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/ids';

export const DOCS_SCHEME = 'eks-manifests-docs';
export const DOCS_VIEW_TYPE = 'eksManifests.diagnosticDocs';
const DOCS_PATH = '/Diagnostic Codes';

/** The link a diagnostic code gets (undefined code: the page's top). */
export function docsLinkFor(code?: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DOCS_SCHEME, path: DOCS_PATH, query: code ?? '' });
}

/** The code a docs URI points at ('' for the page itself). */
export function codeOfDocsLink(uri: vscode.Uri): string {
  return /^[a-z0-9][a-z0-9-]*$/.test(uri.query) ? uri.query : '';
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export class DiagnosticDocs implements vscode.CustomReadonlyEditorProvider, vscode.FileSystemProvider {
  private readonly file: vscode.Uri;
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  /** The code of the last page shown, with the HTML (for the tests that open it through VS Code). */
  lastShown: { code: string; html: string } | undefined;

  constructor(context: vscode.ExtensionContext) {
    this.file = vscode.Uri.joinPath(context.extensionUri, 'docs', 'diagnostics.md');
  }

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
      vscode.window.registerCustomEditorProvider(DOCS_VIEW_TYPE, this, {
        webviewOptions: { enableFindWidget: true },
        supportsMultipleEditorsPerDocument: false,
      }),
      // A read-only file system for the scheme: VS Code can then resolve the URI like any resource.
      vscode.workspace.registerFileSystemProvider(DOCS_SCHEME, this, { isReadonly: true, isCaseSensitive: true }),
      vscode.commands.registerCommand(COMMANDS.showDiagnosticDocs, (code?: unknown) =>
        vscode.commands.executeCommand('vscode.open', docsLinkFor(typeof code === 'string' ? code : undefined)),
      ),
      this.emitter,
    );
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const code = codeOfDocsLink(document.uri);
    const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.file));
    let body: string;
    try {
      body = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
      if (typeof body !== 'string' || !body) throw new Error('no HTML');
    } catch {
      body = `<pre>${escapeHtml(markdown)}</pre>`; // VS Code's Markdown extension is disabled
    }
    panel.title = code ? `Diagnostic code ${code}` : 'Diagnostic codes';
    panel.webview.options = { enableScripts: true, localResourceRoots: [] };
    const nonce = Array.from({ length: 24 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
    panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${panel.webview.cspSource} https:; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 40px; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 4px 8px; text-align: left; vertical-align: top; }
code { font-family: var(--vscode-editor-font-family); }
tr.current { background: var(--vscode-editor-findMatchHighlightBackground, #ea5c0055); outline: 2px solid var(--vscode-focusBorder); }
</style></head><body data-code="${escapeHtml(code)}">${body}
<script nonce="${nonce}">
const code = document.body.dataset.code;
const anchor = code && document.getElementById(code);
const row = anchor && anchor.closest('tr');
if (row) { row.classList.add('current'); row.scrollIntoView({ block: 'center' }); }
</script></body></html>`;
    this.lastShown = { code, html: panel.webview.html };
  }

  // ---- FileSystemProvider (read-only): every path of the scheme is the docs page.
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  async stat(): Promise<vscode.FileStat> {
    const s = await vscode.workspace.fs.stat(this.file);
    return { type: vscode.FileType.File, ctime: s.ctime, mtime: s.mtime, size: s.size, permissions: vscode.FilePermission.Readonly };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  readFile(): Thenable<Uint8Array> {
    return vscode.workspace.fs.readFile(this.file);
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
}

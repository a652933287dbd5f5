/**
 * A real LSP client for tests: spawns the bundled server (`node dist/server.js --stdio`) and speaks the
 * protocol over its stdio with vscode-jsonrpc. No mocks: every test goes through the wire format.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface StartOptions {
  rootPath?: string;
  initializationOptions?: Record<string, unknown>;
  /** Answer workspace/configuration with these `eksManifests` settings. */
  settings?: Record<string, unknown>;
}

export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** window/showMessage notifications and window/showMessageRequest requests (type 1 error, 2 warning, 3 info). */
  readonly messages: { type: number; message: string }[] = [];
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  settings: Record<string, unknown>;

  private constructor(opts: StartOptions) {
    this.settings = opts.settings ?? {};
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => this.stderr.push(String(d)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.conn.onNotification('window/showMessage', (p: { type: number; message: string }) => this.messages.push(p));
    this.conn.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      this.messages.push(p);
      return null;
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.listen();
  }

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    const c = new LspClient(opts);
    const rootUri = opts.rootPath ? pathToFileURL(opts.rootPath).href : null;
    await c.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { completion: { completionItem: { snippetSupport: true } } },
      },
      initializationOptions: { indexWorkspace: !!opts.rootPath, ...(opts.initializationOptions ?? {}) },
    });
    await c.conn.sendNotification('initialized', {});
    return c;
  }

  /** Resolves when the server logged that indexing finished (only with a rootPath). */
  async waitForIndex(timeoutMs = 30000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.logs.some((l) => l.startsWith('Indexed '))) {
      if (Date.now() > until) throw new Error(`index not ready; logs: ${this.logs.join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** Incremental change: replace a range. */
  change(uri: string, range: { start: Position; end: Position }, text: string): number {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text }] });
    return v;
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Wait for diagnostics of a URI (optionally of at least a given document version, or matching a predicate). */
  async diagnosticsFor(
    uri: string,
    opts: { version?: number; until?: (d: Diagnostic[]) => boolean; timeoutMs?: number } = {},
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + (opts.timeoutMs ?? 20000);
    for (;;) {
      const p = this.diagnostics.get(uri);
      if (p && (opts.version === undefined || (p.version ?? 0) >= opts.version) && (!opts.until || opts.until(p.diagnostics)))
        return p.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching diagnostics for ${uri}; last: ${JSON.stringify(p?.diagnostics.map((d) => d.code))}; stderr: ${this.stderr.join('')}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) {
      await Promise.race([new Promise((r) => this.proc.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
      if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
    }
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }
}

/** Position of the first occurrence of `needle` in text (plus an optional character offset). */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let idx = -1;
  for (let i = 0; i <= occurrence; i++) idx = text.indexOf(needle, idx + 1);
  if (idx < 0) throw new Error(`"${needle}" not found`);
  const off = idx + delta;
  const before = text.slice(0, off);
  const line = before.split('\n').length - 1;
  return { line, character: off - (before.lastIndexOf('\n') + 1) };
}

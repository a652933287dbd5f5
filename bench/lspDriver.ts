/**
 * A small LSP client for the benchmark: spawns a server over stdio, answers the requests a client must
 * answer (configuration, capability registration, `vscode/content` for schemas), and measures requests
 * from send to reply. Diagnostics are tracked per URI with a sequence number so "fresh diagnostics after
 * this change" can be awaited whether or not the server reports document versions.
 */
import { spawn, type ChildProcess } from 'child_process';
import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface ServerSpec {
  /** Label in the tables. */
  label: string;
  command: string;
  args: string[];
  /** initializationOptions for `initialize`. */
  initializationOptions?: unknown;
  /** Answer for `workspace/configuration` per section. */
  configuration: (section: string | undefined) => unknown;
  /** Notifications to send right after `initialized` (e.g. `yaml/registerContentRequest`). */
  afterInitialized?: { method: string; params?: unknown }[];
  /** Content for `vscode/content` requests (schemas); throw to answer with an error. */
  content?: (uri: string) => string;
}

interface Published {
  seq: number;
  version?: number;
  count: number;
  at: number;
}

export class BenchServer {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly logs: string[] = [];
  /**
   * The recent publishes per URI, oldest first. All of them, not just the last: two publishes that arrive in one
   * read of the pipe are dispatched before a waiter runs, and "the first diagnostics of this version" must
   * then still be the first one.
   */
  private readonly published = new Map<string, Published[]>();
  private seq = 0;
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  contentRequests = 0;
  /** When the last `publishDiagnostics` (of any URI) arrived. */
  lastPublishAt = 0;

  private constructor(readonly spec: ServerSpec) {
    this.proc = spawn(spec.command, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', () => undefined);
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      const list = this.published.get(p.uri) ?? [];
      list.push({ seq: ++this.seq, version: p.version, count: p.diagnostics.length, at: performance.now() });
      if (list.length > 64) list.shift();
      this.published.set(p.uri, list);
      this.lastPublishAt = performance.now();
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.conn.onNotification(() => undefined);
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => spec.configuration(i.section)),
    );
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('vscode/content', (uri: string) => {
      this.contentRequests++;
      if (!spec.content) throw new Error('no content');
      return spec.content(uri);
    });
    this.conn.onRequest('custom/schema/content', () => {
      throw new Error('offline');
    });
    this.conn.listen();
  }

  static async start(spec: ServerSpec, rootUri: string | null): Promise<BenchServer> {
    const s = new BenchServer(spec);
    await s.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
        },
      },
      initializationOptions: spec.initializationOptions,
    });
    await s.conn.sendNotification('initialized', {});
    for (const n of spec.afterInitialized ?? []) await s.conn.sendNotification(n.method, n.params);
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    return s;
  }

  get pid(): number {
    return this.proc.pid!;
  }

  /** The last diagnostics sequence number seen (0 = none yet), for "fresh after" waits. */
  lastSeq(uri: string): number {
    return this.published.get(uri)?.at(-1)?.seq ?? 0;
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** A one-range incremental change; returns the new version. */
  change(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): number {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text }] });
    return v;
  }

  /**
   * Wait for diagnostics of `uri` published after sequence `afterSeq`; when the server reports versions,
   * they must be at least `version`. Resolves with the time they arrived.
   */
  async diagnosticsAfter(uri: string, afterSeq: number, version: number | undefined, timeoutMs: number): Promise<Published> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const p = this.published
        .get(uri)
        ?.find((x) => x.seq > afterSeq && (version === undefined || x.version === undefined || x.version >= version));
      if (p) return p;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`${this.spec.label}: no diagnostics for ${uri} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The sequence number of the last `publishDiagnostics` of any URI. */
  globalSeq(): number {
    return this.seq;
  }

  /**
   * Wait until no `publishDiagnostics` (of any URI) has arrived for `quietMs`; resolves with the time the
   * last one arrived (the "complete" answer of a server that publishes in steps).
   */
  async quiet(quietMs: number, timeoutMs: number): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const s = this.seq;
      await new Promise<void>((resolve) => setTimeout(resolve, quietMs));
      if (this.seq === s || performance.now() > deadline) return this.lastPublishAt;
    }
  }

  /** Wait until a log line matches (e.g. our server's "Indexed N files"). */
  async waitForLog(re: RegExp, timeoutMs: number): Promise<string | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const l = this.logs.find((x) => re.test(x));
      if (l) return l;
      const left = deadline - performance.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Send a request and time it from send to reply. */
  async timed<T>(method: string, params: unknown): Promise<{ ms: number; result: T }> {
    const t0 = performance.now();
    const result = (await this.conn.sendRequest(method, params)) as T;
    return { ms: performance.now() - t0, result };
  }

  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): number {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      void this.conn.sendNotification('exit');
    } catch {
      /* gone */
    }
    await Promise.race([new Promise((r) => this.proc.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
    this.conn.dispose();
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}

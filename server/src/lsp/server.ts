/**
 * LSP wiring around the language service: documents in, diagnostics and answers out. Everything domain-
 * specific lives in the service; this file only translates and schedules.
 *
 *   node dist/server.js --stdio      (or --node-ipc when started by the VS Code client)
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  DidChangeConfigurationNotification,
  FileChangeType,
  ResponseError,
  ErrorCodes,
  StreamMessageReader,
  StreamMessageWriter,
  IPCMessageReader,
  IPCMessageWriter,
  type InitializeParams,
  type InitializeResult,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { promises as fs } from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { createLanguageService } from '../service/languageService';
import { defaultSettings, type Settings } from '../service/settings';
import { admitFile, DEFAULT_MAX_FILES, excludeMatcher, scanYamlFiles } from '../node/workspaceScan';
import { checkRenderedChart } from '../helm/renderCheck';
import { fieldDescriptionsFrom } from '../node/fieldDescriptions';
import { nodeFileSystem } from '../node/fileSystem';
import { ValidationScheduler } from './validationScheduler';
import {
  Requests,
  SETTINGS_SECTION,
  type ClientSettings,
  type InitOptions,
  type RequestParams,
  type RequestResult,
} from '@shared/protocol';

/**
 * The transport, made here (not by the library) so that a framing error ends the process: after a header
 * without a usable Content-Length the stream cannot be resynchronised, and a server that stays up would be
 * deaf. A body that is not JSON (its length was known) is only logged.
 */
function transport(): [MessageReader, MessageWriter] | undefined {
  if (process.argv.includes('--stdio')) {
    // Anything printed to stdout would corrupt the protocol stream.
    for (const k of ['log', 'info', 'warn', 'debug'] as const)
      console[k] = (...a: unknown[]) => {
        process.stderr.write(a.map(String).join(' ') + '\n');
      };
    const end = () => process.exit(shutDown ? 0 : 1);
    process.stdin.on('end', end);
    process.stdin.on('close', end);
    return [new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout)];
  }
  if (process.argv.includes('--node-ipc')) return [new IPCMessageReader(process), new IPCMessageWriter(process)];
  return undefined;
}

let shutDown = false;
const io = transport();
const connection = io ? createConnection(ProposedFeatures.all, io[0], io[1]) : createConnection(ProposedFeatures.all);
io?.[0].onError((err) => {
  if (!/content-length|header/i.test(err.message)) {
    connection.console.error(`Unreadable message: ${err.message}`);
    return;
  }
  process.stderr.write(`eks-manifests: malformed message frame, exiting: ${err.message.split('\n')[0]}\n`);
  process.exit(1);
});
connection.onShutdown(() => {
  shutDown = true;
});
const documents = new TextDocuments(TextDocument);
const docsFile = path.join(__dirname, '..', 'docs', 'diagnostics.md');
const docsHref = pathToFileURL(docsFile).href;

const service = createLanguageService({
  docsUrl: (code) => `${docsHref}#${code}`,
  log: (m) => connection.console.error(m),
  env: { fs: nodeFileSystem, fieldDescription: fieldDescriptionsFrom(path.join(__dirname, 'k8s-descriptions.json')) },
});

let workspaceFolders: string[] = [];
let excludePatterns: string[] = [];
let helmPath: string | undefined;

/** Whether the workspace scan skips this file (eksManifests.exclude, relative to its workspace folder). */
function isExcluded(file: string): boolean {
  if (excludePatterns.length === 0) return false;
  const matches = excludeMatcher(excludePatterns);
  return workspaceFolders.some((root) => {
    const rel = path.relative(root, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel) && matches(rel);
  });
}

/** Take a new exclude list: drop the files it now excludes, scan again for the ones it no longer does. */
async function setExclude(next: string[] | undefined): Promise<void> {
  const list = (next ?? []).filter((x) => typeof x === 'string');
  if (JSON.stringify(list) === JSON.stringify(excludePatterns)) return;
  const first = excludePatterns.length === 0 && indexing === undefined;
  excludePatterns = list;
  if (first) return;
  for (const uri of service.fileUris()) {
    if (!uri.startsWith('file:') || documents.get(uri)) continue;
    if (isExcluded(fileURLToPath(uri))) service.removeFile(uri);
  }
  if (indexWorkspace) await indexFolders();
}
let hasConfigurationCapability = false;
let syntaxErrorsAuto = true;
let yamlKubernetesGlobs: string[] = [];
let indexWorkspace = true;
/** eksManifests.maxWorkspaceFiles (not a service setting: the scan is the server's). */
let maxWorkspaceFiles = DEFAULT_MAX_FILES;

function toSettings(c: Partial<ClientSettings> | undefined): Partial<Settings> {
  const s: Partial<Settings> = {};
  if (!c) return s;
  if (typeof c.maxWorkspaceFiles === 'number' && c.maxWorkspaceFiles >= 1) maxWorkspaceFiles = Math.floor(c.maxWorkspaceFiles);
  if (typeof c.maxFileLines === 'number' && c.maxFileLines > 0) s.maxFileLines = c.maxFileLines;
  if (typeof c.kubernetesVersion === 'string' && c.kubernetesVersion) s.kubernetesVersion = c.kubernetesVersion;
  if (Array.isArray(c.diagnostics?.disabled)) s.disabled = c.diagnostics!.disabled.filter((x) => typeof x === 'string');
  if (typeof c.maxFileSize === 'number' && c.maxFileSize > 0) s.maxFileSize = c.maxFileSize;
  const mode = c.yamlSyntaxErrors ?? 'auto';
  s.syntaxErrors = mode === 'always' ? true : mode === 'never' ? false : syntaxErrorsAuto;
  const schema = c.schemaValidation ?? 'auto';
  s.schemaValidation = schema !== 'off';
  s.schemaSkipGlobs = schema === 'auto' ? yamlKubernetesGlobs : [];
  if (Array.isArray(c.exclude)) void setExclude(c.exclude);
  if (c.helm && typeof c.helm.path === 'string') helmPath = c.helm.path.trim() || undefined;
  return s;
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const opts = (params.initializationOptions ?? {}) as InitOptions;
  if (typeof opts.syntaxErrors === 'boolean') syntaxErrorsAuto = opts.syntaxErrors;
  if (Array.isArray(opts.yamlKubernetesGlobs)) yamlKubernetesGlobs = opts.yamlKubernetesGlobs.filter((g) => typeof g === 'string');
  if (opts.indexWorkspace === false) indexWorkspace = false;
  service.setSettings({ ...defaultSettings, ...toSettings(opts.settings) });
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { resolveProvider: true, triggerCharacters: ['/', '.', '"', ':', ' ', '-'] },
      hoverProvider: true,
      documentSymbolProvider: true,
      definitionProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor] },
      codeLensProvider: { resolveProvider: true },
    },
    serverInfo: { name: 'eks-manifests', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (hasConfigurationCapability) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    await pullConfiguration();
    scheduler.validateAll();
  }
  noteTargetVersion();
  if (indexWorkspace) await indexFolders();
});

async function pullConfiguration(): Promise<void> {
  if (!hasConfigurationCapability) return;
  try {
    const c = (await connection.workspace.getConfiguration(SETTINGS_SECTION)) as Partial<ClientSettings> | null;
    service.setSettings(toSettings(c ?? undefined));
  } catch (err) {
    connection.console.error(`Could not read settings: ${String(err)}`);
  }
}

connection.onDidChangeConfiguration(async (change) => {
  const limit = maxWorkspaceFiles;
  if (hasConfigurationCapability) await pullConfiguration();
  else service.setSettings(toSettings((change.settings as { eksManifests?: Partial<ClientSettings> })?.eksManifests));
  scheduler.validateAll();
  noteTargetVersion();
  // A new file limit: scan again (a scan that stopped at the old limit may now read everything).
  if (indexWorkspace && indexed && limit !== maxWorkspaceFiles) void indexFolders();
});

/** Files far larger than the analysis limit are not even read (an open editor still gets the "too large" note). */
const maxReadBytes = () => service.settings.maxFileSize * 4;
/** Files the index holds from disk (not open): a new scan drops the ones it no longer reads. */
const fromDisk = new Set<string>();
let indexed = false;
let indexing: Promise<void> | undefined;

/**
 * Read every YAML file of the workspace into the index, yielding between files so requests get answered.
 * While it runs, and for good when it stops at eksManifests.maxWorkspaceFiles, the index is incomplete:
 * the service then holds back findings that an object is missing.
 */
function indexFolders(): Promise<void> {
  const run = async (): Promise<void> => {
    const started = Date.now();
    let count = 0;
    service.setIndexComplete(false);
    const limit = maxWorkspaceFiles;
    const scan = await scanYamlFiles(workspaceFolders, limit, excludePatterns);
    const seen = new Set<string>();
    for (const file of scan.files) {
      const uri = pathToFileURL(file).href;
      seen.add(uri);
      if (documents.get(uri)) continue; // the editor's text wins over the disk
      const admitted = await admitFile(file, workspaceFolders, maxReadBytes());
      if (!admitted.ok) {
        connection.console.warn(`Skipped ${file}: ${admitted.reason}`);
        continue;
      }
      try {
        service.setFile(uri, await fs.readFile(file, 'utf8'));
        fromDisk.add(uri);
        count++;
      } catch (err) {
        connection.console.warn(`Skipped ${file}: ${(err as Error).message}`);
      }
      await new Promise((r) => setImmediate(r));
    }
    for (const uri of [...fromDisk])
      if (!seen.has(uri) && !documents.get(uri)) {
        service.removeFile(uri);
        fromDisk.delete(uri);
      }
    if (scan.truncated) {
      connection.console.warn(
        `The workspace scan stopped at ${limit} YAML files (eksManifests.maxWorkspaceFiles): the files after them are not indexed, so findings that an object is missing from the workspace are not reported. Raise the setting to index everything.`,
      );
    }
    service.setIndexComplete(!scan.truncated);
    indexed = true;
    connection.console.log(
      `Indexed ${count} YAML files in ${Date.now() - started} ms${scan.truncated ? ` (stopped at the limit of ${limit})` : ''}`,
    );
    scheduler.validateAll();
  };
  // One scan at a time; a request for another while one runs starts it after.
  indexing = (indexing ?? Promise.resolve())
    .then(run, run)
    .catch((err) => connection.console.error(`Indexing failed: ${(err as Error).stack}`));
  return indexing;
}

/**
 * Files changed on disk: each is admitted by the scan's rules (inside a workspace folder, a regular file or a
 * symlink to one inside the workspace, not too large) before it is read. Malformed events are ignored.
 */
async function watchedFilesChanged(params: unknown): Promise<void> {
  const changes = (params as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(changes)) {
    connection.console.warn('Ignored a didChangeWatchedFiles notification without a changes list');
    return;
  }
  for (const change of changes as { uri?: unknown; type?: unknown }[]) {
    const uri = change?.uri;
    if (typeof uri !== 'string' || documents.get(uri)) continue;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      continue;
    }
    if (change.type === FileChangeType.Deleted) {
      service.removeFile(uri);
      fromDisk.delete(uri);
      continue;
    }
    if (isExcluded(file)) continue;
    const admitted = await admitFile(file, workspaceFolders, maxReadBytes());
    try {
      if (!admitted.ok) throw new Error(admitted.reason);
      service.setFile(uri, await fs.readFile(file, 'utf8'));
      fromDisk.add(uri);
    } catch {
      service.removeFile(uri);
      fromDisk.delete(uri);
    }
  }
  scheduler.revalidateOthers(undefined);
}

connection.onDidChangeWatchedFiles((params) => {
  if (!indexWorkspace) return;
  watchedFilesChanged(params).catch((err) => connection.console.error(`didChangeWatchedFiles failed: ${(err as Error).stack}`));
});

/** A diagnostic as published: everything but `data`. */
function withoutData(d: Diagnostic): Diagnostic {
  if (d.data === undefined) return d;
  const { data: _data, ...rest } = d;
  return rest;
}

// --- validation scheduling (lsp/validationScheduler.ts) -------------------------------------------------------

const scheduler = new ValidationScheduler({
  service,
  versionOf: (uri) => documents.get(uri)?.version,
  openUris: () => documents.all().map((d) => d.uri),
  // Without `data` (the quick fixes): code actions take the fixes from the current diagnostics, never from what the
  // client sends back (service/features/codeActions.ts), so the client needs none of it. On a 5,000-document file
  // that is a third of each publish (1.6 MB to 1.1 MB), which every keystroke pays to encode, send and decode.
  publish: (uri, version, diagnostics) => connection.sendDiagnostics({ uri, version, diagnostics: diagnostics.map(withoutData) }),
  log: (m) => connection.console.error(m),
});

/** The library fires a content change right after each open: that one is not an edit. */
const justOpened = new Set<string>();

documents.onDidOpen((e) => {
  service.setFile(e.document.uri, e.document.getText());
  justOpened.add(e.document.uri);
  scheduler.opened(e.document.uri);
});

documents.onDidChangeContent((e) => {
  if (justOpened.delete(e.document.uri)) return;
  service.setFile(e.document.uri, e.document.getText());
  scheduler.edited(e.document.uri);
});

documents.onDidClose(async (e) => {
  scheduler.closed(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  // Keep the on-disk version in the index (it is still part of the workspace); drop it if it is gone.
  try {
    const text = await fs.readFile(fileURLToPath(e.document.uri), 'utf8');
    service.setFile(e.document.uri, text);
  } catch {
    service.removeFile(e.document.uri);
  }
});

// --- requests ----------------------------------------------------------------------------------------------

/**
 * A failing request answers with its empty result and a log line; it never takes the server down. After
 * `shutdown` every request is refused (LSP: InvalidRequest).
 */
function guard<T>(name: string, fallback: T, fn: () => T): T | ResponseError<void> {
  if (shutDown) return new ResponseError(ErrorCodes.InvalidRequest, `${name}: the server is shutting down`);
  try {
    return fn();
  } catch (err) {
    connection.console.error(`${name} failed: ${(err as Error).stack}`);
    return fallback;
  }
}

connection.onCompletion((p, token) =>
  guard('completion', null, () => (token.isCancellationRequested ? null : (service.complete(p.textDocument.uri, p.position) ?? null))),
);
connection.onCompletionResolve((item) => guard('completion resolve', item, () => service.resolveCompletion(item)));
connection.onHover((p, token) =>
  guard('hover', null, () => (token.isCancellationRequested ? null : (service.hover(p.textDocument.uri, p.position) ?? null))),
);
connection.onDefinition((p) => guard('definition', [], () => service.definition(p.textDocument.uri, p.position)));
connection.onDocumentSymbol((p) => guard('documentSymbol', [], () => service.documentSymbols(p.textDocument.uri)));
connection.onCodeAction((p) => guard('codeAction', [], () => service.codeActions(p.textDocument.uri, p.range, p.context.diagnostics)));
connection.onCodeLens((p, token) =>
  guard('codeLens', [], () =>
    token.isCancellationRequested ? [] : service.codeLenses(p.textDocument.uri, () => token.isCancellationRequested),
  ),
);
connection.onCodeLensResolve((lens, token) =>
  guard('codeLens resolve', lens, () => (token.isCancellationRequested ? lens : service.resolveCodeLens(lens))),
);

/** The modules' custom requests (shared/protocol.ts): each answers null when it has nothing to say. */
for (const method of service.requestMethods()) {
  connection.onRequest(method, (params: unknown) => guard(method, null, () => service.request(method, params as never) ?? null));
}

/**
 * Render the Helm chart holding `uri` with `helm template` and check the rendered objects
 * (server/src/helm/renderCheck.ts: runs a program, so it lives with the LSP server, not in the service).
 * The findings are grouped by template file, in LSP positions.
 */
connection.onRequest(
  Requests.checkRenderedChart,
  async (p: RequestParams<typeof Requests.checkRenderedChart>): Promise<RequestResult<typeof Requests.checkRenderedChart>> => {
    try {
      if (!p.uri.startsWith('file:')) return { ok: false, reason: 'no-chart', message: 'Check Rendered Chart works on files on disk.' };
      const r = await checkRenderedChart({ chartDir: fileURLToPath(p.uri), values: p.values, helm: helmPath, settings: service.settings });
      if (!r.ok) return r;
      const files = new Map<string, Diagnostic[]>();
      for (const f of r.findings) {
        const uri = pathToFileURL(f.file).href;
        const l = files.get(uri);
        if (l) l.push(f.diagnostic);
        else files.set(uri, [f.diagnostic]);
      }
      return {
        ok: true,
        chart: pathToFileURL(r.chart).href,
        documents: r.documents,
        files: [...files].map(([uri, diagnostics]) => ({ uri, diagnostics })),
      };
    } catch (err) {
      connection.console.error(`checkRenderedChart failed: ${(err as Error).stack}`);
      return { ok: false, reason: 'render-error', message: String((err as Error).message ?? err) };
    }
  },
);

/** Tell the user once what the settings themselves deserve (e.g. a target version past its EKS support). */
let lastNotes = '';
function noteTargetVersion(): void {
  const notes = service.settingsNotes();
  const key = JSON.stringify(notes);
  if (key === lastNotes) return;
  lastNotes = key;
  for (const n of notes) {
    const text = `EKS Manifests (eksManifests.${n.setting}): ${n.message}`;
    if (n.severity === 'warning' || n.severity === 'error') void connection.window.showWarningMessage(text);
    else void connection.window.showInformationMessage(text);
  }
}

/**
 * Custom request: the text of a migration preview for the object at a position — `gateway`: an ALB Ingress as
 * Gateway API objects; `lattice`: App Mesh objects as VPC Lattice ones (null when the object is not one).
 */

process.on('uncaughtException', (err) => connection.console.error(`Uncaught: ${err.stack}`));
process.on('unhandledRejection', (err) => connection.console.error(`Unhandled rejection: ${String(err)}`));

documents.listen(connection);
connection.listen();

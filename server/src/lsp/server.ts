/**
 * LSP wiring around the language service: documents in, diagnostics and answers out. Everything domain-
 * specific lives in the service; this file only translates and schedules.
 *
 *   node dist/server.js --stdio      (or --node-ipc when started by the VS Code client)
 */
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind,
  DidChangeConfigurationNotification, FileChangeType, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { promises as fs } from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { createLanguageService } from '../service/languageService';
import { defaultSettings, type Settings } from '../service/settings';
import { excludeMatcher, findYamlFiles } from '../node/workspaceScan';
import { checkRenderedChart } from '../helm/renderCheck';
import { fieldDescriptionsFrom } from '../node/fieldDescriptions';
import { nodeFileSystem } from '../node/fileSystem';
import { ValidationScheduler } from './validationScheduler';
import { Requests, SETTINGS_SECTION, type ClientSettings, type InitOptions, type RequestParams, type RequestResult } from '@shared/protocol';

const connection = createConnection(ProposedFeatures.all);
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
let indexedOnce = false;

/** Whether the workspace scan skips this file (eksManifests.exclude, relative to its workspace folder). */
function isExcluded(file: string): boolean {
  if (excludePatterns.length === 0) return false;
  const matches = excludeMatcher(excludePatterns);
  return workspaceFolders.some((root) => { const rel = path.relative(root, file); return !rel.startsWith('..') && !path.isAbsolute(rel) && matches(rel); });
}

/** Take a new exclude list: drop the files it now excludes, scan again for the ones it no longer does. */
async function setExclude(next: string[] | undefined): Promise<void> {
  const list = (next ?? []).filter((x) => typeof x === 'string');
  if (JSON.stringify(list) === JSON.stringify(excludePatterns)) return;
  const first = excludePatterns.length === 0 && !indexedOnce;
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

function toSettings(c: Partial<ClientSettings> | undefined): Partial<Settings> {
  const s: Partial<Settings> = {};
  if (!c) return s;
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
  if (hasConfigurationCapability) await pullConfiguration();
  else service.setSettings(toSettings((change.settings as { eksManifests?: Partial<ClientSettings> })?.eksManifests));
  scheduler.validateAll();
  noteTargetVersion();
});

/** Read every YAML file of the workspace into the index, yielding between files so requests get answered. */
async function indexFolders(): Promise<void> {
  const started = Date.now();
  let count = 0;
  indexedOnce = true;
  for (const folder of workspaceFolders) {
    const files = await findYamlFiles(folder, 20000, excludePatterns);
    for (const file of files) {
      const uri = pathToFileURL(file).href;
      if (documents.get(uri)) continue; // the editor's text wins over the disk
      try {
        const stat = await fs.stat(file);
        // Far larger than the limit: do not even read it (an open editor still gets the "too large" note).
        if (stat.size > service.settings.maxFileSize * 4) continue;
        const text = await fs.readFile(file, 'utf8');
        service.setFile(uri, text);
        count++;
      } catch (err) {
        connection.console.warn(`Skipped ${file}: ${(err as Error).message}`);
      }
      await new Promise((r) => setImmediate(r));
    }
  }
  connection.console.log(`Indexed ${count} YAML files in ${Date.now() - started} ms`);
  scheduler.validateAll();
}

connection.onDidChangeWatchedFiles(async (params) => {
  for (const change of params.changes) {
    if (documents.get(change.uri)) continue;
    if (change.type === FileChangeType.Deleted) { service.removeFile(change.uri); continue; }
    if (change.uri.startsWith('file:') && isExcluded(fileURLToPath(change.uri))) continue;
    try {
      const text = await fs.readFile(fileURLToPath(change.uri), 'utf8');
      service.setFile(change.uri, text);
    } catch (err) {
      service.removeFile(change.uri);
    }
  }
  scheduler.revalidateOthers(undefined);
});

// --- validation scheduling (lsp/validationScheduler.ts) -------------------------------------------------------

const scheduler = new ValidationScheduler({
  service,
  versionOf: (uri) => documents.get(uri)?.version,
  openUris: () => documents.all().map((d) => d.uri),
  publish: (uri, version, diagnostics) => connection.sendDiagnostics({ uri, version, diagnostics }),
  log: (m) => connection.console.error(m),
});

documents.onDidOpen((e) => {
  service.setFile(e.document.uri, e.document.getText());
  scheduler.opened(e.document.uri);
});

documents.onDidChangeContent((e) => {
  if (e.document.version === 0) return;
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

/** A failing request answers with its empty result and a log line; it never takes the server down. */
function guard<T>(name: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    connection.console.error(`${name} failed: ${(err as Error).stack}`);
    return fallback;
  }
}

connection.onCompletion((p, token) => guard('completion', null, () => token.isCancellationRequested ? null : service.complete(p.textDocument.uri, p.position) ?? null));
connection.onCompletionResolve((item) => guard('completion resolve', item, () => service.resolveCompletion(item)));
connection.onHover((p, token) => guard('hover', null, () => token.isCancellationRequested ? null : service.hover(p.textDocument.uri, p.position) ?? null));
connection.onDefinition((p) => guard('definition', [], () => service.definition(p.textDocument.uri, p.position)));
connection.onDocumentSymbol((p) => guard('documentSymbol', [], () => service.documentSymbols(p.textDocument.uri)));
connection.onCodeAction((p) => guard('codeAction', [], () => service.codeActions(p.textDocument.uri, p.range, p.context.diagnostics)));
connection.onCodeLens((p, token) => guard('codeLens', [], () => token.isCancellationRequested ? [] : service.codeLenses(p.textDocument.uri, () => token.isCancellationRequested)));
connection.onCodeLensResolve((lens, token) => guard('codeLens resolve', lens, () => token.isCancellationRequested ? lens : service.resolveCodeLens(lens)));

/** The modules' custom requests (shared/protocol.ts): each answers null when it has nothing to say. */
for (const method of service.requestMethods()) {
  connection.onRequest(method, (params: unknown) => guard(method, null, () => service.request(method, params as never) ?? null));
}

/**
 * Render the Helm chart holding `uri` with `helm template` and check the rendered objects
 * (server/src/helm/renderCheck.ts: runs a program, so it lives with the LSP server, not in the service).
 * The findings are grouped by template file, in LSP positions.
 */
connection.onRequest(Requests.checkRenderedChart, async (p: RequestParams<typeof Requests.checkRenderedChart>): Promise<RequestResult<typeof Requests.checkRenderedChart>> => {
  try {
    if (!p.uri.startsWith('file:')) return { ok: false, reason: 'no-chart', message: 'Check Rendered Chart works on files on disk.' };
    const r = await checkRenderedChart({ chartDir: fileURLToPath(p.uri), values: p.values, helm: helmPath, settings: service.settings });
    if (!r.ok) return r;
    const files = new Map<string, Diagnostic[]>();
    for (const f of r.findings) {
      const uri = pathToFileURL(f.file).href;
      const l = files.get(uri);
      if (l) l.push(f.diagnostic); else files.set(uri, [f.diagnostic]);
    }
    return { ok: true, chart: pathToFileURL(r.chart).href, documents: r.documents, files: [...files].map(([uri, diagnostics]) => ({ uri, diagnostics })) };
  } catch (err) {
    connection.console.error(`checkRenderedChart failed: ${(err as Error).stack}`);
    return { ok: false, reason: 'render-error', message: String((err as Error).message ?? err) };
  }
});

/** Tell the user once what the settings themselves deserve (e.g. a target version past its EKS support). */
let lastNotes = '';
function noteTargetVersion(): void {
  const notes = service.settingsNotes();
  const key = JSON.stringify(notes);
  if (key === lastNotes) return;
  lastNotes = key;
  for (const n of notes) {
    const text = `EKS Manifests (eksManifests.${n.setting}): ${n.message}`;
    if (n.severity === 'warning' || n.severity === 'error') void connection.window.showWarningMessage(text); else void connection.window.showInformationMessage(text);
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

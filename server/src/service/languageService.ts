/**
 * The whole public face of the language service. Callers (the LSP server, the CLI, tests) pass file texts,
 * URIs and positions, and get plain LSP *types* back; nothing here knows about a transport.
 *
 * The factory only wires the parts: the workspace index (workspace/), the diagnostics engine (engine/), the
 * editor features (features/) and the domain modules (modules.ts).
 */
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
} from 'vscode-languageserver-types';
import type { Position, Range } from '@shared/manifest/yamlFile';
import type { RequestMethod, RequestParams, RequestResult } from '@shared/protocol';
import { WorkspaceIndex } from './workspace/workspaceIndex';
import { defaultSettings, type Settings } from './settings';
import type { DiagnosticCodeInfo } from './diagnostics/types';
import { cursorContext } from './features/cursor';
import { NO_ENV, type ServiceEnv } from './env';
import type { LanguageModule, RequestHandlers, ServiceContext, SettingsNote } from './module';
import { ALL_MODULES } from './modules';
import { DiagnosticsEngine } from './engine/diagnosticsEngine';
import { documentSymbols } from './features/outline';
import { codeActions } from './features/codeActions';
import * as features from './features/moduleFeatures';

export interface LanguageServiceOptions {
  modules?: LanguageModule[];
  /** Link for a diagnostic code (the docs table entry); no link when absent. */
  docsUrl?: (code: string) => string | undefined;
  /** Where a check or feature that throws is reported (it never stops the others). */
  log?: (message: string) => void;
  settings?: Partial<Settings>;
  /** Resources of the host (see env.ts). */
  env?: ServiceEnv;
}

export interface LanguageService {
  /** Every diagnostic code the engine and the loaded modules can report. */
  codes(): DiagnosticCodeInfo[];
  readonly settings: Settings;
  setSettings(next: Partial<Settings>): void;

  /** Add or replace a file's text (open or on disk); only its changed documents are parsed again. */
  setFile(uri: string, text: string): void;
  removeFile(uri: string): boolean;
  hasFile(uri: string): boolean;
  /** The URIs of every file the service holds. */
  fileUris(): string[];
  /**
   * Whether the files set so far are the whole workspace (default true). The host says false while its scan
   * runs or when it stopped at its file limit: findings that an object is missing are then not reported.
   */
  setIndexComplete(complete: boolean): void;

  /** The complete diagnostics of a file. */
  validate(uri: string, isCancelled?: () => boolean): Diagnostic[];
  /** Diagnostics at once after an edit; `complete: false` when cross-document findings of unchanged documents are from before it. */
  validateQuick(uri: string): { diagnostics: Diagnostic[]; complete: boolean };
  /** Work towards complete diagnostics for about `budgetMs`; true when `validate` is now cheap. */
  refreshWorkspaceFindings(uri: string, budgetMs?: number): boolean;

  complete(uri: string, position: Position): CompletionList | undefined;
  resolveCompletion(item: CompletionItem): CompletionItem;
  hover(uri: string, position: Position): Hover | undefined;
  definition(uri: string, position: Position): Location[];
  documentSymbols(uri: string): DocumentSymbol[];
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[];
  /** Code lenses; lenses without a command get it from `resolveCodeLens`. Answers [] once `isCancelled` says so. */
  codeLenses(uri: string, isCancelled?: () => boolean): CodeLens[];
  /** The command (and its edits, computed from the current text) of a lens `codeLenses` returned without one. */
  resolveCodeLens(lens: CodeLens): CodeLens;

  /** What the user should know about the current settings (once per change; e.g. a target version past its support). */
  settingsNotes(): SettingsNote[];

  /** The custom requests the modules answer (shared/protocol.ts). */
  requestMethods(): RequestMethod[];
  request<M extends RequestMethod>(method: M, params: RequestParams<M>): RequestResult<M> | undefined;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const modules = options.modules ?? ALL_MODULES;
  const log = options.log ?? (() => undefined);
  const env = options.env ?? NO_ENV;
  const index = new WorkspaceIndex();
  let settings: Settings = { ...defaultSettings, ...options.settings };
  index.setLimits(settings);
  const engine = new DiagnosticsEngine({ modules, index, log, env, docsUrl: options.docsUrl }, settings);
  const handlers = requestHandlers(modules);

  const cursor = (uri: string, position: Position) => {
    const file = index.get(uri);
    if (!file || file.tooLarge) return undefined;
    return cursorContext(file, index, settings, position, env);
  };
  const fileContext = (uri: string) => {
    const file = index.get(uri);
    return file ? { file, index, settings } : undefined;
  };
  const serviceContext = (): ServiceContext => ({ index, settings, cursor });

  return {
    codes: () => engine.codes(),
    get settings() {
      return settings;
    },
    setSettings(next) {
      settings = { ...settings, ...next };
      index.setLimits(settings);
      engine.configure(settings);
    },

    setFile(uri, text) {
      index.set(uri, text);
    },
    removeFile: (uri) => index.delete(uri),
    hasFile: (uri) => index.get(uri) !== undefined,
    fileUris: () => index.uris(),
    setIndexComplete: (complete) => engine.setIndexComplete(complete),

    validate: (uri, isCancelled) => engine.validate(uri, isCancelled),
    validateQuick: (uri) => engine.validateQuick(uri),
    refreshWorkspaceFindings: (uri, budgetMs = 10) => engine.refresh(uri, budgetMs),

    complete(uri, position) {
      const ctx = cursor(uri, position);
      return ctx ? features.complete(modules, ctx, log) : undefined;
    },
    resolveCompletion: (item) => features.resolveCompletion(modules, item, log),
    hover(uri, position) {
      const ctx = cursor(uri, position);
      return ctx ? features.hover(modules, ctx, log) : undefined;
    },
    definition(uri, position) {
      const ctx = cursor(uri, position);
      return ctx ? features.definition(modules, ctx, log) : [];
    },
    documentSymbols(uri) {
      const file = index.get(uri);
      return file ? documentSymbols(file, modules, log) : [];
    },
    codeActions(uri, range, diagnostics) {
      const ctx = fileContext(uri);
      return ctx ? codeActions(ctx, range, diagnostics, () => engine.validate(uri), modules, log) : [];
    },
    codeLenses(uri, isCancelled) {
      const ctx = fileContext(uri);
      return ctx ? features.codeLenses(modules, ctx, log, isCancelled) : [];
    },
    resolveCodeLens(lens) {
      const uri = (lens.data as { uri?: unknown } | undefined)?.uri;
      return features.resolveCodeLens(modules, lens, typeof uri === 'string' ? fileContext(uri) : undefined, log);
    },

    settingsNotes: () =>
      modules.flatMap((m) => {
        try {
          return m.settingsNotes?.(settings) ?? [];
        } catch (err) {
          log(`settings notes in ${m.id} failed: ${(err as Error).stack}`);
          return [];
        }
      }),

    requestMethods: () => [...handlers.keys()],
    request(method, params) {
      const handle = handlers.get(method);
      if (!handle) return undefined;
      try {
        return handle(params, serviceContext()) as RequestResult<typeof method>;
      } catch (err) {
        log(`request ${method} failed: ${(err as Error).stack}`);
        return undefined;
      }
    },
  };
}

type AnyHandler = (params: unknown, ctx: ServiceContext) => unknown;

/** Each custom request method to the one module that answers it. */
function requestHandlers(modules: readonly LanguageModule[]): Map<RequestMethod, AnyHandler> {
  const out = new Map<RequestMethod, AnyHandler>();
  for (const m of modules) {
    for (const [method, handle] of Object.entries(m.requests ?? {}) as [RequestMethod, RequestHandlers[RequestMethod]][]) {
      if (!handle) continue;
      if (out.has(method)) throw new Error(`request ${method} is answered by two modules (${m.id})`);
      out.set(method, handle as AnyHandler);
    }
  }
  return out;
}

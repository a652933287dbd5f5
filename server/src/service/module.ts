/**
 * A domain module plugs knowledge into the service: its diagnostic codes, its checks, and editor features
 * at a cursor. The core module and each domain (ALB, NodePool, NetworkPolicy, ...) are one module each;
 * `modules.ts` lists them. Features return undefined when the cursor is not theirs; the first answer wins
 * for hover/definition, completion items are merged.
 */
import type { CompletionItem, Hover, Location, CodeAction, CodeLens, DocumentSymbol } from 'vscode-languageserver-types';
import type { Check } from './checks/types';
import type { DiagnosticCodeInfo, Severity } from './diagnostics/types';
import type { CursorContext } from './features/cursor';
import type { K8sObject } from '@shared/manifest/k8sObject';
import type { ManifestFile, WorkspaceIndex } from './workspace/workspaceIndex';
import type { Settings } from './settings';
import type { Position, Range } from '@shared/manifest/yamlFile';
import type { RequestMethod, RequestParams, RequestResult } from '@shared/protocol';

export interface FileContext {
  file: ManifestFile;
  index: WorkspaceIndex;
  settings: Settings;
}

/** What a module's custom requests may read: the workspace, the settings, the cursor at a position. */
export interface ServiceContext {
  index: WorkspaceIndex;
  settings: Settings;
  cursor(uri: string, position: Position): CursorContext | undefined;
}

/** Handlers of custom requests (declared with their types in shared/protocol.ts). */
export type RequestHandlers = { [M in RequestMethod]?: (params: RequestParams<M>, ctx: ServiceContext) => RequestResult<M> };

/** A note about a setting's value: `setting` names it (`kubernetesVersion`), so each host can say it its own way. */
export interface SettingsNote {
  setting: string;
  severity: Severity;
  message: string;
}

export interface LanguageModule {
  id: string;
  codes: DiagnosticCodeInfo[];
  checks?: Check[];
  complete?(ctx: CursorContext): CompletionItem[] | undefined;
  /** Fill in documentation for an item this module produced (item.data.module === id). */
  resolveCompletion?(item: CompletionItem): CompletionItem;
  hover?(ctx: CursorContext): Hover | undefined;
  definition?(ctx: CursorContext): Location[] | undefined;
  /** Code actions beyond the quick fixes attached to diagnostics (refactors, source actions). */
  codeActions?(ctx: FileContext, range: Range): CodeAction[];
  codeLenses?(ctx: FileContext, obj: K8sObject): CodeLens[];
  /** Fill in the command of a code lens this module produced without one (lens.data.module === id). */
  resolveCodeLens?(lens: CodeLens, ctx: FileContext): CodeLens | undefined;
  /** Extra children for an object's outline entry. */
  symbols?(obj: K8sObject): DocumentSymbol[] | undefined;
  /** Custom requests this module answers (one module per method). */
  requests?: RequestHandlers;
  /** Something the user should know about the settings themselves (e.g. a target version past its support). */
  settingsNotes?(settings: Settings): SettingsNote[];
}

/** A part of a module (a module may be built from parts owned by different files). */
export type ModulePart = Omit<LanguageModule, 'id'>;

/** One module from parts: codes and checks concatenated, features asked in order. */
export function combineParts(id: string, parts: ModulePart[]): LanguageModule {
  const first = <T>(pick: (p: ModulePart) => T | undefined): T | undefined => {
    for (const p of parts) {
      const v = pick(p);
      if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) return v;
    }
    return undefined;
  };
  return {
    id,
    codes: parts.flatMap((p) => p.codes),
    checks: parts.flatMap((p) => p.checks ?? []),
    complete: (ctx) => {
      const items = parts.flatMap((p) => p.complete?.(ctx) ?? []);
      return items.length ? items : undefined;
    },
    resolveCompletion: (item) => parts.reduce((it, p) => p.resolveCompletion?.(it) ?? it, item),
    hover: (ctx) => first((p) => p.hover?.(ctx)),
    definition: (ctx) => first((p) => p.definition?.(ctx)),
    codeActions: (ctx, range) => parts.flatMap((p) => p.codeActions?.(ctx, range) ?? []),
    codeLenses: (ctx, obj) => parts.flatMap((p) => p.codeLenses?.(ctx, obj) ?? []),
    resolveCodeLens: (lens, ctx) => first((p) => p.resolveCodeLens?.(lens, ctx)),
    symbols: (obj) => {
      const s = parts.flatMap((p) => p.symbols?.(obj) ?? []);
      return s.length ? s : undefined;
    },
    requests: Object.assign({}, ...parts.map((p) => p.requests ?? {})) as RequestHandlers,
    settingsNotes: (settings) => parts.flatMap((p) => p.settingsNotes?.(settings) ?? []),
  };
}

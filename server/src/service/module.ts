/**
 * A domain module plugs knowledge into the service: its diagnostic codes, its checks, and editor features
 * at a cursor. The core module and each domain (ALB, NodePool, NetworkPolicy, ...) are one module each;
 * `modules.ts` lists them. Features return undefined when the cursor is not theirs; the first answer wins
 * for hover/definition, completion items are merged.
 */
import type { CompletionItem, Hover, Location, CodeAction, CodeLens, DocumentSymbol } from 'vscode-languageserver-types';
import type { Check } from './checks/types';
import type { DiagnosticCodeInfo } from './diagnostics/types';
import type { CursorContext } from './features/cursor';
import type { K8sObject } from './model/k8sObject';
import type { ManifestFile, WorkspaceIndex } from './workspace/workspaceIndex';
import type { Settings } from './settings';
import type { Range } from './parse/yamlFile';

export interface FileContext {
  file: ManifestFile;
  index: WorkspaceIndex;
  settings: Settings;
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
  /** Extra children for an object's outline entry. */
  symbols?(obj: K8sObject): DocumentSymbol[] | undefined;
}

/**
 * The diagnostics engine: runs every module's checks over the documents of a file and caches the results,
 * so that an edit re-checks only what it can affect.
 *
 * Three caches, all on the chunk (one `---` document's text; unchanged chunks survive edits):
 * - LOCAL: syntax findings and local-check findings, per settings.
 * - WORKSPACE: cross-document findings per check, keyed by the index generations of the kinds the check
 *   `reads` (any change anywhere for a check that declares none).
 * - CONVERTED: the LSP diagnostics of the chunk, while its findings, settings and first line are unchanged.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { YamlChunk } from '@shared/manifest/yamlFile';
import { MemoKey } from '@shared/manifest/memo';
import type { LanguageModule } from '../module';
import type { DiagnosticCodeInfo, Finding } from '../diagnostics/types';
import { isSuppressed, suppressionsOf } from '../diagnostics/suppression';
import type { Settings } from '../settings';
import type { ServiceEnv } from '../env';
import type { ManifestFile, WorkspaceIndex } from '../workspace/workspaceIndex';
import { runChecks, type CheckEnv, type RegisteredCheck } from './checkRunner';
import { ENGINE_CODES, FILE_TOO_LARGE, YAML_SYNTAX, YAML_TOO_DEEP, YAML_UNKNOWN_ALIAS } from './codes';
import { MAX_NESTING } from '@shared/manifest/yamlFile';
import { sameFindings, toDiagnostic, tooLargeDiagnostic } from './toDiagnostic';
import { dropGenericDuplicates } from './dedupe';
import { forPartialObjects } from '../checks/partialObjects';

/**
 * The findings of a check that found nothing. Most (chunk, check) pairs find nothing: one shared, frozen empty
 * list instead of one each (5,000 documents × 47 workspace checks kept 230,000 empty arrays).
 */
const NO_FINDINGS = Object.freeze([]) as unknown as Finding[];

function flatOrNone(lists: Finding[][]): Finding[] {
  for (const l of lists) if (l.length) return lists.flat();
  return NO_FINDINGS;
}

interface LocalMemo {
  settings: string;
  found: Finding[];
}
interface WorkspaceMemo {
  settings: string;
  keys: string[];
  perCheck: Finding[][];
  found: Finding[];
}
interface ConvertedMemo {
  local: Finding[];
  ws: Finding[];
  line: number;
  settings: string;
  complete: boolean;
  out: Diagnostic[];
}

const LOCAL = new MemoKey<LocalMemo>('engine.local');
const WORKSPACE = new MemoKey<WorkspaceMemo>('engine.workspace');
const CONVERTED = new MemoKey<ConvertedMemo>('engine.converted');

/** At most this many parser errors are reported per document (the rest are noise after the first). */
const MAX_SYNTAX_ERRORS = 10;

export interface EngineOptions {
  modules: readonly LanguageModule[];
  env: ServiceEnv;
  index: WorkspaceIndex;
  log: (message: string) => void;
  docsUrl?: (code: string) => string | undefined;
}

export class DiagnosticsEngine {
  private readonly codeInfo = new Map<string, DiagnosticCodeInfo>();
  private readonly localChecks: RegisteredCheck[] = [];
  private readonly workspaceChecks: RegisteredCheck[] = [];
  /** Each workspace check as a list of one (what runChecks takes), made once. */
  private readonly singleChecks: RegisteredCheck[][] = [];
  /** One per-check list of a chunk that found nothing, shared by all of them (never written: copied first). */
  private readonly noWorkspaceFindings: Finding[][] = [];
  private readonly index: WorkspaceIndex;
  private settings!: Settings;
  private settingsKey = '';
  private keysMemo?: { generation: number; keys: string[] };
  /** False while the workspace index may lack files (see setIndexComplete). */
  private indexComplete = true;
  private readonly notInWorkspaceCodes: string[] = [];
  private readonly isGeneric = (code: string): boolean => this.codeInfo.get(code)?.generic === true;

  constructor(
    private readonly options: EngineOptions,
    settings: Settings,
  ) {
    this.index = options.index;
    for (const c of ENGINE_CODES) this.codeInfo.set(c.code, c);
    for (const m of options.modules) {
      for (const c of m.codes) {
        if (this.codeInfo.has(c.code)) throw new Error(`diagnostic code ${c.code} declared twice (module ${m.id})`);
        this.codeInfo.set(c.code, c);
      }
      const codes = new Map(m.codes.map((c) => [c.code, c] as const));
      for (const check of m.checks ?? [])
        (check.scope === 'local' ? this.localChecks : this.workspaceChecks).push({ check, module: m.id, codes });
    }
    for (const c of this.workspaceChecks) {
      this.singleChecks.push([c]);
      this.noWorkspaceFindings.push(NO_FINDINGS);
    }
    Object.freeze(this.noWorkspaceFindings);
    this.notInWorkspaceCodes = [...this.codeInfo.values()].filter((c) => c.notInWorkspace).map((c) => c.code);
    this.configure(settings);
  }

  /**
   * Whether the index holds every file of the workspace. While it does not, findings of codes declared
   * `notInWorkspace` (an object is not in the workspace) are not reported.
   */
  setIndexComplete(complete: boolean): void {
    this.indexComplete = complete;
  }

  /** Every code the engine and the loaded modules can report. */
  codes(): DiagnosticCodeInfo[] {
    return [...this.codeInfo.values()];
  }

  configure(settings: Settings): void {
    this.settings = settings;
    this.settingsKey = JSON.stringify(settings);
  }

  /** The complete diagnostics of a file: every cross-document finding is current. */
  validate(uri: string, isCancelled: () => boolean = () => false): Diagnostic[] {
    return this.diagnostics(uri, isCancelled, false).diagnostics;
  }

  /**
   * Diagnostics right after an edit: local findings are fresh everywhere (only changed documents are
   * computed), cross-document findings are fresh for changed documents and may be from the previous index
   * state for unchanged ones. `complete: false` means `refresh` and then `validate` are due.
   */
  validateQuick(uri: string): { diagnostics: Diagnostic[]; complete: boolean } {
    return this.diagnostics(uri, () => false, true);
  }

  /**
   * Bring the cross-document findings of a file up to date, document by document, for about `budgetMs`;
   * true when every document is current (then `validate` is cheap).
   */
  refresh(uri: string, budgetMs: number): boolean {
    const file = this.index.get(uri);
    if (!file || file.tooLarge || !file.isKubernetes) return true;
    const until = Date.now() + budgetMs;
    for (const chunk of file.chunks) {
      if (this.workspaceCurrent(chunk.memo.get(WORKSPACE))) continue;
      if (Date.now() > until) return false;
      this.workspaceFindings(file, chunk, false);
    }
    return true;
  }

  private diagnostics(uri: string, isCancelled: () => boolean, quick: boolean): { diagnostics: Diagnostic[]; complete: boolean } {
    const file = this.index.get(uri);
    if (!file) return { diagnostics: [], complete: true };
    const settings = this.settings;
    if (file.tooLarge) {
      const d = settings.disabled.includes(FILE_TOO_LARGE)
        ? []
        : [
            file.tooLargeSize !== undefined
              ? tooLargeDiagnostic(file.tooLargeSize, settings.maxFileSize, this.options.docsUrl)
              : tooLargeDiagnostic(file.tooManyLines!, settings.maxFileLines, this.options.docsUrl, 'lines'),
          ];
      return { diagnostics: d, complete: true };
    }
    if (!file.isKubernetes) return { diagnostics: [], complete: true };
    const disabled = new Set(settings.disabled);
    if (!settings.syntaxErrors) disabled.add(YAML_SYNTAX);
    if (!this.indexComplete) for (const c of this.notInWorkspaceCodes) disabled.add(c);
    const out: Diagnostic[] = [];
    let complete = true;
    for (const chunk of file.chunks) {
      if (isCancelled()) break;
      const computed = this.workspaceFindings(file, chunk, quick);
      if (computed.stale) complete = false;
      // Kustomize patches are partial objects (checks/partialObjects.ts).
      const { local, ws } = forPartialObjects(this.index, uri, chunk, this.codeInfo, this.localFindings(file, chunk), computed.found);
      for (const d of this.converted(chunk, local, ws, disabled)) out.push(d);
    }
    return { diagnostics: out, complete };
  }

  private env(file: ManifestFile): CheckEnv {
    return { env: this.options.env, file, index: this.index, settings: this.settings, log: this.options.log };
  }

  private localFindings(file: ManifestFile, chunk: YamlChunk): Finding[] {
    const memo = chunk.memo.get(LOCAL);
    if (memo && memo.settings === this.settingsKey) return memo.found;
    const found = syntaxFindings(chunk);
    const env = this.env(file);
    for (const obj of file.objectsOf(chunk)) if (obj.isManifest) runChecks(this.localChecks, env, obj, found);
    chunk.memo.set(LOCAL, { settings: this.settingsKey, found });
    return found;
  }

  /** Per workspace check, the key of the index state it depends on (its `reads` kinds, else everything). */
  private currentKeys(): string[] {
    const index = this.index;
    if (this.keysMemo?.generation === index.generation) return this.keysMemo.keys;
    const keys = this.workspaceChecks.map(({ check }) => (check.reads ? 'k' + index.kindsKey(check.reads) : 'g' + index.generation));
    this.keysMemo = { generation: index.generation, keys };
    return keys;
  }

  private workspaceCurrent(memo: WorkspaceMemo | undefined): boolean {
    if (!memo || memo.settings !== this.settingsKey) return false;
    const keys = this.currentKeys();
    for (let i = 0; i < keys.length; i++) if (memo.keys[i] !== keys[i]) return false;
    return true;
  }

  /**
   * Cross-document findings of a chunk, re-running only the checks whose kinds changed. With `allowStale`,
   * a chunk computed before under the same settings answers with its earlier findings (`stale: true`).
   */
  private workspaceFindings(file: ManifestFile, chunk: YamlChunk, allowStale: boolean): { found: Finding[]; stale: boolean } {
    const memo = chunk.memo.get(WORKSPACE);
    const sameSettings = memo !== undefined && memo.settings === this.settingsKey;
    if (sameSettings && this.workspaceCurrent(memo)) return { found: memo.found, stale: false };
    if (sameSettings && allowStale) return { found: memo.found, stale: true };
    const keys = this.currentKeys();
    const objs = file.objectsOf(chunk).filter((o) => o.isManifest);
    const env = this.env(file);
    const checks = this.workspaceChecks;
    // Copy on write: after an edit most chunks find what they found before, and then nothing is allocated for
    // them but this call (each refresh used to leave 5,000 memos of 47 fresh lists behind for the collector).
    let perCheck = sameSettings ? memo.perCheck : this.noWorkspaceFindings;
    let changed = !sameSettings;
    const out: Finding[] = [];
    for (let i = 0; i < checks.length; i++) {
      if (sameSettings && memo.keys[i] === keys[i]) continue;
      out.length = 0;
      for (const obj of objs) runChecks(this.singleChecks[i], env, obj, out);
      // Unchanged results keep their identity, so the chunk's converted diagnostics stay reusable.
      if (sameFindings(perCheck[i], out)) continue;
      if (perCheck === this.noWorkspaceFindings) perCheck = perCheck.slice();
      perCheck[i] = out.length ? out.slice() : NO_FINDINGS;
      changed = true;
    }
    const found = changed ? flatOrNone(perCheck) : memo!.found;
    if (sameSettings) {
      // The memo is this engine's own: bring it up to date in place.
      memo.keys = keys;
      memo.perCheck = perCheck;
      memo.found = found;
    } else chunk.memo.set(WORKSPACE, { settings: this.settingsKey, keys, perCheck, found });
    return { found, stale: false };
  }

  /**
   * The LSP diagnostics of a chunk (suppressions and disabled codes applied). Reused while its findings,
   * settings and first line are the same — not when a finding points into another chunk (it may have moved).
   */
  private converted(chunk: YamlChunk, local: Finding[], ws: Finding[], disabled: ReadonlySet<string>): Diagnostic[] {
    const memo = chunk.memo.get(CONVERTED);
    if (
      memo &&
      memo.local === local &&
      memo.ws === ws &&
      memo.line === chunk.startLine &&
      memo.settings === this.settingsKey &&
      memo.complete === this.indexComplete
    )
      return memo.out;
    const sup = suppressionsOf(chunk);
    const out: Diagnostic[] = [];
    let movable = true;
    for (const f of dropGenericDuplicates([...local, ...ws], this.isGeneric)) {
      if (disabled.has(f.code)) continue;
      if (isSuppressed(sup, chunk.lineCounter.linePos(f.start).line - 1, f.code)) continue;
      if (f.related?.some((r) => r.chunk !== chunk)) movable = false;
      out.push(toDiagnostic(f, this.codeInfo.get(f.code)!, this.options.docsUrl));
    }
    if (movable)
      chunk.memo.set(CONVERTED, { local, ws, line: chunk.startLine, settings: this.settingsKey, complete: this.indexComplete, out });
    else chunk.memo.delete(CONVERTED);
    return out;
  }
}

/** The parser's errors of a chunk as findings (or the one failure when the parser itself threw). */
function syntaxFindings(chunk: YamlChunk): Finding[] {
  const out: Finding[] = [];
  if (chunk.tooDeep)
    out.push({
      code: YAML_TOO_DEEP,
      message: `This document nests lists and maps more than ${MAX_NESTING} levels deep: it is not analysed`,
      chunk,
      start: 0,
      end: Math.min(1, chunk.text.length),
    });
  for (const a of chunk.unknownAliases)
    out.push({
      code: YAML_UNKNOWN_ALIAS,
      message: `No anchor &${a.name} before this alias in its document (anchors do not reach across ---): kubectl refuses the file with "unknown anchor"`,
      chunk,
      start: a.start,
      end: Math.max(a.end, a.start + 1),
    });
  if (chunk.parserFailure)
    out.push({
      code: YAML_SYNTAX,
      message: `The YAML parser failed on this document: ${chunk.parserFailure}`,
      chunk,
      start: 0,
      end: Math.min(1, chunk.text.length),
    });
  for (const doc of chunk.docs) {
    for (const e of doc.errors.slice(0, MAX_SYNTAX_ERRORS)) {
      const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      out.push({ code: YAML_SYNTAX, message: msg, chunk, start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) });
    }
  }
  return out;
}

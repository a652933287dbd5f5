/**
 * The whole public face of the language service: one factory returning plain functions over the
 * workspace index. No transport here: callers (the LSP server, the CLI, tests) pass text and positions
 * and get LSP *types* back.
 */
import {
  CodeAction, CodeActionKind, CompletionItem, CompletionList, Diagnostic, DiagnosticSeverity, DiagnosticTag,
  DocumentSymbol, Hover, Location, SymbolKind, TextEdit, type CodeLens,
} from 'vscode-languageserver-types';
import type { Node } from 'yaml';
import { WorkspaceIndex, type ManifestFile } from './workspace/workspaceIndex';
import type { Position, Range, YamlChunk } from './parse/yamlFile';
import { defaultSettings, type Settings } from './settings';
import type { Check, CheckContext, ReportOptions } from './checks/types';
import type { DiagnosticCodeInfo, Finding, Severity } from './diagnostics/types';
import { isSuppressed, suppressionsOf } from './diagnostics/suppression';
import { cursorContext, type CursorContext } from './features/cursor';
import { nodeRange, pairs, keyString, type NodePath } from './model/yamlNodes';
import type { K8sObject } from './model/k8sObject';
import type { LanguageModule } from './module';
import { ALL_MODULES } from './modules';
import { keepFinding } from './checks/unknownValues';
import { forPartialObjects } from './checks/partialObjects';
import type { FileSystem } from './fileSystem';

export interface LanguageServiceOptions {
  modules?: LanguageModule[];
  /** Link for a diagnostic code (the docs table entry); no link when absent. */
  docsUrl?: (code: string) => string | undefined;
  /** Where a check that throws is reported (it never stops the other checks). */
  log?: (message: string) => void;
  settings?: Partial<Settings>;
  /** What checks that need the disk ask (kustomization paths); without it they stay silent. */
  fileSystem?: FileSystem;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** The quick fixes a diagnostic carries in `data`, in file positions. */
export interface DiagnosticData { fixes?: { title: string; edits: TextEdit[]; preferred?: boolean }[] }

export type LanguageService = ReturnType<typeof createLanguageService>;

export function createLanguageService(options: LanguageServiceOptions = {}) {
  const modules = options.modules ?? ALL_MODULES;
  const log = options.log ?? (() => undefined);
  const index = new WorkspaceIndex();
  let settings: Settings = { ...defaultSettings, ...options.settings };
  let settingsKey = JSON.stringify(settings);
  index.maxFileSize = settings.maxFileSize;

  const codes = new Map<string, DiagnosticCodeInfo>();
  for (const m of modules) for (const c of m.codes) {
    if (codes.has(c.code)) throw new Error(`diagnostic code ${c.code} declared twice`);
    codes.set(c.code, c);
  }
  const localChecks: Check[] = modules.flatMap((m) => (m.checks ?? []).filter((c) => c.scope === 'local'));
  const workspaceChecks: Check[] = modules.flatMap((m) => (m.checks ?? []).filter((c) => c.scope === 'workspace'));

  function runChecks(checks: Check[], file: ManifestFile, obj: K8sObject, out: Finding[]): void {
    for (const check of checks) {
      if (check.appliesTo && !check.appliesTo(obj)) continue;
      const ctx: CheckContext = {
        obj, file, settings, index, fs: options.fileSystem,
        report(code: string, at: Node | NodePath | [number, number] | undefined, message: string, opts: ReportOptions = {}) {
          if (!codes.has(code)) throw new Error(`check ${check.id} reported undeclared code ${code}`);
          let r: [number, number] | undefined;
          let node: Node | undefined;
          // Two numbers are [start, end) offsets; any other array is a path (no path is two indexes).
          if (Array.isArray(at) && at.length === 2 && typeof at[0] === 'number' && typeof at[1] === 'number') r = at as [number, number];
          else if (Array.isArray(at)) r = nodeRange(node = obj.node(at as NodePath));
          else r = nodeRange(node = at);
          const resolved = r !== undefined;
          r ??= firstLine(obj);
          // Unknown values (template actions, placeholders) and open nodes: see checks/unknownValues.ts.
          if (!keepFinding(obj, code, codes.get(code), node, resolved, r[0], r[1])) return;
          out.push({ code, message, chunk: obj.chunk, start: r[0], end: r[1], severity: opts.severity, fixes: opts.fixes, tags: opts.tags, related: opts.related });
        },
      };
      try {
        check.run(ctx);
      } catch (err) {
        log(`check ${check.id} failed on ${obj.displayName} in ${file.uri}: ${(err as Error).stack ?? String(err)}`);
      }
    }
  }

  function syntaxFindings(chunk: YamlChunk): Finding[] {
    const out: Finding[] = [];
    if (chunk.parserFailure) out.push({ code: 'yaml-syntax', message: `The YAML parser failed on this document: ${chunk.parserFailure}`, chunk, start: 0, end: Math.min(1, chunk.text.length) });
    for (const doc of chunk.docs) {
      for (const e of doc.errors.slice(0, 10)) {
        const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        out.push({ code: 'yaml-syntax', message: msg, chunk, start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) });
      }
    }
    return out;
  }

  function localFindings(file: ManifestFile, chunk: YamlChunk): Finding[] {
    const key = 'local:' + settingsKey;
    let found = chunk.memo.get(key) as Finding[] | undefined;
    if (!found) {
      found = syntaxFindings(chunk);
      for (const obj of file.objectsOf(chunk)) if (obj.isManifest) runChecks(localChecks, file, obj, found);
      chunk.memo.set(key, found);
    }
    return found;
  }

  /** Per workspace check, the key of the index state it depends on (its `reads` kinds, else everything). */
  let keysMemo: { generation: number; keys: string[] } | undefined;
  function currentKeys(): string[] {
    if (keysMemo?.generation === index.generation) return keysMemo.keys;
    const keys = workspaceChecks.map((c) => (c.reads ? 'k' + index.kindsKey(c.reads) : 'g' + index.generation));
    keysMemo = { generation: index.generation, keys };
    return keys;
  }

  interface WsMemo { settings: string; keys: string[]; perCheck: Finding[][]; found: Finding[] }

  function wsCurrent(memo: WsMemo | undefined): boolean {
    if (!memo || memo.settings !== settingsKey) return false;
    const keys = currentKeys();
    for (let i = 0; i < keys.length; i++) if (memo.keys[i] !== keys[i]) return false;
    return true;
  }

  /**
   * Cross-document findings of a chunk, cached per check: a check is re-run only when the kinds it reads
   * changed (or the settings). With `stale` set, an unchanged chunk may answer with its earlier findings
   * (same settings); `stale.used` then says a full pass is still due. A chunk without any earlier result is
   * always computed.
   */
  function workspaceFindings(file: ManifestFile, chunk: YamlChunk, stale?: { used: boolean }): Finding[] {
    const memo = chunk.memo.get('ws') as WsMemo | undefined;
    const sameSettings = memo !== undefined && memo.settings === settingsKey;
    if (sameSettings && wsCurrent(memo)) return memo!.found;
    if (sameSettings && stale) { stale.used = true; return memo!.found; }
    const keys = currentKeys();
    const objs = file.objectsOf(chunk).filter((o) => o.isManifest);
    let changed = false;
    const perCheck: Finding[][] = workspaceChecks.map((check, i) => {
      if (sameSettings && memo!.keys[i] === keys[i]) return memo!.perCheck[i];
      const out: Finding[] = [];
      for (const obj of objs) runChecks([check], file, obj, out);
      // Unchanged results keep their identity, so the chunk's converted diagnostics stay reusable.
      if (sameSettings && sameFindings(memo!.perCheck[i], out)) return memo!.perCheck[i];
      changed = true;
      return out;
    });
    const found = sameSettings && !changed ? memo!.found : perCheck.flat();
    chunk.memo.set('ws', { settings: settingsKey, keys, perCheck, found } satisfies WsMemo);
    return found;
  }

  function toDiagnostic(f: Finding): Diagnostic {
    const info = codes.get(f.code)!;
    const d: Diagnostic = {
      range: f.chunk.toRange(f.start, f.end),
      severity: SEVERITY[f.severity ?? info.severity],
      code: f.code,
      source: 'eks-manifests',
      message: f.message,
    };
    const href = options.docsUrl?.(f.code);
    if (href) d.codeDescription = { href };
    if (f.tags) d.tags = f.tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
    if (f.related) d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: r.chunk.toRange(r.start, r.end) }, message: r.message }));
    if (f.fixes) {
      const data: DiagnosticData = { fixes: f.fixes.map((x) => ({ title: x.title, preferred: x.preferred, edits: x.edits.map((e) => TextEdit.replace(f.chunk.toRange(e.start, e.end), e.newText)) })) };
      d.data = data;
    }
    return d;
  }

  const api = {
    index,
    /** Every diagnostic code the loaded modules can report. */
    codes: (): DiagnosticCodeInfo[] => [...codes.values()],

    get settings(): Settings { return settings; },
    setSettings(next: Partial<Settings>): void {
      settings = { ...settings, ...next };
      settingsKey = JSON.stringify(settings);
      if (index.maxFileSize !== settings.maxFileSize) {
        index.maxFileSize = settings.maxFileSize;
        for (const uri of index.uris()) { const f = index.get(uri)!; const t = f.text; f.update(t, settings.maxFileSize); }
        index.touchAll();
      }
    },

    /** Add or replace a file's text (open or on disk). Only changed documents are re-parsed. */
    setFile(uri: string, text: string): ManifestFile {
      return index.set(uri, text);
    },
    removeFile(uri: string): boolean {
      return index.delete(uri);
    },

    /** Diagnostics of one file: local results are cached per document, cross-document ones per index state. */
    validate(uri: string, isCancelled: () => boolean = () => false, stale?: { used: boolean }): Diagnostic[] {
      const file = index.get(uri);
      if (!file) return [];
      if (file.tooLargeSize !== undefined) {
        if (settings.disabled.includes('file-too-large')) return [];
        return [{
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning,
          code: 'file-too-large', source: 'eks-manifests',
          message: `File too large to analyse (${file.tooLargeSize} characters; the limit is ${settings.maxFileSize}). Raise eksManifests.maxFileSize to analyse it.`,
          ...(options.docsUrl?.('file-too-large') ? { codeDescription: { href: options.docsUrl('file-too-large')! } } : {}),
        }];
      }
      if (!file.isKubernetes) return [];
      const disabled = new Set(settings.disabled);
      if (!settings.syntaxErrors) disabled.add('yaml-syntax');
      const out: Diagnostic[] = [];
      for (const chunk of file.chunks) {
        if (isCancelled()) break;
        // Kustomize patches are partial objects (checks/partialObjects.ts).
        const { local, ws } = forPartialObjects(index, uri, chunk, codes, localFindings(file, chunk), workspaceFindings(file, chunk, stale));
        // The converted diagnostics of a chunk are reused while its findings, settings and first line are the
        // same (positions are file lines: chunk.startLine + line in the chunk). Not when a finding points into
        // another chunk (that one may have moved).
        const memo = chunk.memo.get('diagnostics') as { local: Finding[]; ws: Finding[]; line: number; settings: string; out: Diagnostic[] } | undefined;
        if (memo && memo.local === local && memo.ws === ws && memo.line === chunk.startLine && memo.settings === settingsKey) {
          for (const d of memo.out) out.push(d);
          continue;
        }
        const sup = suppressionsOf(chunk);
        const mine: Diagnostic[] = [];
        let movable = true;
        for (const f of [...local, ...ws]) {
          if (disabled.has(f.code)) continue;
          if (isSuppressed(sup, chunk.lineCounter.linePos(f.start).line - 1, f.code)) continue;
          if (f.related?.some((r) => r.chunk !== chunk)) movable = false;
          mine.push(toDiagnostic(f));
        }
        if (movable) chunk.memo.set('diagnostics', { local, ws, line: chunk.startLine, settings: settingsKey, out: mine });
        else chunk.memo.delete('diagnostics');
        for (const d of mine) out.push(d);
      }
      return out;
    },

    /**
     * Fast diagnostics right after an edit: syntax and local findings are fresh for every document (only
     * changed ones are computed), cross-document findings are fresh for changed documents and may be from
     * the previous index state for unchanged ones. `complete: false` means a `validate` is due to refresh
     * them (the LSP server publishes both, the second a moment later).
     */
    validateQuick(uri: string): { diagnostics: Diagnostic[]; complete: boolean } {
      const stale = { used: false };
      const diagnostics = api.validate(uri, () => false, stale);
      return { diagnostics, complete: !stale.used };
    },

    /**
     * Bring the cross-document findings of a file up to the current index state, chunk by chunk, for at most
     * about `budgetMs`; true when every chunk is current (then `validate` is cheap). Lets the LSP server do
     * that work in slices between requests.
     */
    refreshWorkspaceFindings(uri: string, budgetMs = 10): boolean {
      const file = index.get(uri);
      if (!file || file.tooLargeSize !== undefined || !file.isKubernetes) return true;
      const until = Date.now() + budgetMs;
      for (const chunk of file.chunks) {
        if (wsCurrent(chunk.memo.get('ws') as WsMemo | undefined)) continue;
        if (Date.now() > until) return false;
        workspaceFindings(file, chunk);
      }
      return true;
    },

    complete(uri: string, position: Position): CompletionList | undefined {
      const ctx = cursor(uri, position);
      if (!ctx) return undefined;
      const items: CompletionItem[] = [];
      for (const m of modules) {
        try {
          const got = m.complete?.(ctx);
          if (got) items.push(...got.map((i) => ({ ...i, data: { ...(i.data ?? {}), module: m.id } })));
        } catch (err) { log(`completion in ${m.id} failed: ${(err as Error).stack}`); }
      }
      return { isIncomplete: false, items };
    },

    resolveCompletion(item: CompletionItem): CompletionItem {
      const id = (item.data as { module?: string } | undefined)?.module;
      const m = modules.find((x) => x.id === id);
      try { return m?.resolveCompletion?.(item) ?? item; } catch (err) { log(`resolve in ${id} failed: ${(err as Error).stack}`); return item; }
    },

    hover(uri: string, position: Position): Hover | undefined {
      const ctx = cursor(uri, position);
      if (!ctx) return undefined;
      for (const m of modules) {
        try {
          const h = m.hover?.(ctx);
          if (h) return h;
        } catch (err) { log(`hover in ${m.id} failed: ${(err as Error).stack}`); }
      }
      return undefined;
    },

    definition(uri: string, position: Position): Location[] {
      const ctx = cursor(uri, position);
      if (!ctx) return [];
      for (const m of modules) {
        try {
          const d = m.definition?.(ctx);
          if (d && d.length) return d;
        } catch (err) { log(`definition in ${m.id} failed: ${(err as Error).stack}`); }
      }
      return [];
    },

    /** One outline entry per object: `Kind namespace/name`, children for its main parts. */
    documentSymbols(uri: string): DocumentSymbol[] {
      const file = index.get(uri);
      if (!file) return [];
      const out: DocumentSymbol[] = [];
      for (const chunk of file.chunks) for (const obj of file.objectsOf(chunk)) {
        if (!obj.isManifest) continue;
        const [s, e] = obj.documentOffsets();
        const range = chunk.toRange(s, e);
        const nameNode = obj.node(['metadata', 'name']) ?? obj.node(['kind']);
        const nr = nodeRange(nameNode);
        const children: DocumentSymbol[] = [];
        for (const p of pairs(obj.root)) {
          const k = keyString(p);
          if (!k || k === 'apiVersion' || k === 'kind') continue;
          const pr = nodeRange(p.key);
          const vr = nodeRange(p.value) ?? pr;
          if (!pr || !vr) continue;
          const sub: DocumentSymbol[] = [];
          if (k === 'spec' || k === 'data' || k === 'metadata') {
            for (const q of pairs(p.value)) {
              const qk = keyString(q);
              const qr = nodeRange(q.key);
              const qv = nodeRange(q.value) ?? qr;
              if (qk && qr && qv) sub.push({ name: qk, kind: SymbolKind.Field, range: chunk.toRange(qr[0], Math.max(qr[1], qv[1])), selectionRange: chunk.toRange(qr[0], qr[1]) });
            }
          }
          children.push({ name: k, kind: k === 'metadata' ? SymbolKind.Namespace : SymbolKind.Field, range: chunk.toRange(pr[0], Math.max(pr[1], vr[1])), selectionRange: chunk.toRange(pr[0], pr[1]), children: sub });
        }
        for (const m of modules) {
          try { const extra = m.symbols?.(obj); if (extra) children.push(...extra); } catch (err) { log(`symbols in ${m.id} failed: ${(err as Error).stack}`); }
        }
        out.push({
          name: obj.displayName, detail: obj.apiVersion, kind: SymbolKind.Class, range,
          selectionRange: nr ? chunk.toRange(nr[0], nr[1]) : range, children,
        });
      }
      return out;
    },

    /** Quick fixes carried by our diagnostics, a "disable for this line" action for each, and module actions. */
    codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
      const file = index.get(uri);
      if (!file) return [];
      const actions: CodeAction[] = [];
      for (const d of diagnostics) {
        if (d.source !== 'eks-manifests') continue;
        const data = d.data as DiagnosticData | undefined;
        for (const fix of data?.fixes ?? []) {
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.preferred, edit: { changes: { [uri]: fix.edits } } });
        }
        if (d.code && d.code !== 'file-too-large') {
          const line = d.range.start.line;
          const text = lineOf(file.text, line);
          const lead = /^\s*/.exec(text)![0];
          actions.push({
            title: `Disable ${d.code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d],
            edit: { changes: { [uri]: [TextEdit.insert({ line, character: 0 }, `${lead}# eks-manifests-disable-next-line ${d.code}\n`)] } },
          });
        }
      }
      for (const m of modules) {
        try { actions.push(...(m.codeActions?.({ file, index, settings }, range) ?? [])); } catch (err) { log(`code actions in ${m.id} failed: ${(err as Error).stack}`); }
      }
      return actions;
    },

    codeLenses(uri: string): CodeLens[] {
      const file = index.get(uri);
      if (!file) return [];
      const out: CodeLens[] = [];
      for (const obj of file.objects()) {
        if (!obj.isManifest) continue;
        for (const m of modules) {
          try { out.push(...(m.codeLenses?.({ file, index, settings }, obj) ?? [])); } catch (err) { log(`code lens in ${m.id} failed: ${(err as Error).stack}`); }
        }
      }
      return out;
    },

    /** The cursor context (exposed for tests and modules' own commands). */
    cursor,
  };
  return api;

  function cursor(uri: string, position: Position): CursorContext | undefined {
    const file = index.get(uri);
    if (!file || file.tooLargeSize !== undefined) return undefined;
    return cursorContext(file, index, settings, position, options.fileSystem);
  }
}

/** Same findings in the same order (related information and fixes included, compared by content). */
function sameFindings(a: Finding[], b: Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x.code !== y.code || x.start !== y.start || x.end !== y.end || x.message !== y.message || x.severity !== y.severity || x.chunk !== y.chunk) return false;
    if (x.related || y.related || x.fixes || y.fixes || x.tags || y.tags) {
      if (JSON.stringify([x.fixes, x.tags, x.related?.map((r) => [r.uri, r.start, r.end, r.message])]) !== JSON.stringify([y.fixes, y.tags, y.related?.map((r) => [r.uri, r.start, r.end, r.message])])) return false;
      if (x.related?.some((r, j) => r.chunk !== y.related![j].chunk)) return false;
    }
  }
  return true;
}

function firstLine(obj: K8sObject): [number, number] {
  const [s] = obj.documentOffsets();
  const nl = obj.chunk.text.indexOf('\n', s);
  return [s, nl === -1 ? obj.chunk.text.length : nl];
}

function lineOf(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return '';
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end);
}


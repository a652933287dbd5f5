/**
 * Code actions: the quick fixes of our diagnostics, a "disable for this line" action for each, and the
 * modules' own actions (refactors) for a range.
 *
 * Fixes come from the current diagnostics, never from the `data` of the diagnostic the client sends back:
 * that one may be from an older version of the text, and its positions would edit the wrong place. A
 * diagnostic that no longer exists as sent (same code, range and message) gets no fix.
 */
import { CodeActionKind, TextEdit, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { Range } from '@shared/manifest/yamlFile';
import type { FileContext, LanguageModule } from '../module';
import { anchorLine } from '../diagnostics/suppression';
import { FILE_TOO_LARGE } from '../engine/codes';
import { SOURCE, type DiagnosticData } from '../engine/toDiagnostic';

export function codeActions(
  ctx: FileContext, range: Range, sent: readonly Diagnostic[], current: () => readonly Diagnostic[],
  modules: readonly LanguageModule[], log: (m: string) => void,
): CodeAction[] {
  const uri = ctx.file.uri;
  const actions: CodeAction[] = [];
  let now: readonly Diagnostic[] | undefined;
  for (const d of sent) {
    if (d.source !== SOURCE || d.code === undefined) continue;
    now ??= current();
    const live = now.find((x) => sameDiagnostic(x, d));
    if (!live) continue;
    for (const fix of (live.data as DiagnosticData | undefined)?.fixes ?? []) {
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.preferred, edit: { changes: { [uri]: fix.edits } } });
    }
    if (d.code !== FILE_TOO_LARGE) actions.push(disableForLine(ctx, d));
  }
  for (const m of modules) {
    try { actions.push(...(m.codeActions?.(ctx, range) ?? [])); } catch (err) { log(`code actions in ${m.id} failed: ${(err as Error).stack}`); }
  }
  return actions;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.message === b.message
    && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character
    && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

/**
 * `# eks-manifests-disable-next-line CODE` above the finding's line — or above the line where its entry
 * starts when the finding is inside a multi-line scalar (a comment there would become part of the value).
 * Written with the indentation and line ending of the line it goes above.
 */
function disableForLine(ctx: FileContext, d: Diagnostic): CodeAction {
  const file = ctx.file;
  const chunk = file.yaml.chunkAt(d.range.start);
  const line = chunk ? chunk.startLine + anchorLine(chunk, d.range.start.line - chunk.startLine) : d.range.start.line;
  const { text, eol } = lineAt(file.text, line);
  const indent = /^[ \t]*/.exec(text)![0];
  return {
    title: `Disable ${d.code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d],
    edit: { changes: { [file.uri]: [TextEdit.insert({ line, character: 0 }, `${indent}# eks-manifests-disable-next-line ${d.code}${eol}`)] } },
  };
}

function lineAt(text: string, line: number): { text: string; eol: string } {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return { text: '', eol: '\n' };
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  const raw = text.slice(start, end === -1 ? text.length : end);
  const crlf = raw.endsWith('\r') || (end === -1 && text.includes('\r\n'));
  return { text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, eol: crlf ? '\r\n' : '\n' };
}

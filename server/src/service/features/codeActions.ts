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
  ctx: FileContext,
  range: Range,
  sent: readonly Diagnostic[],
  current: () => readonly Diagnostic[],
  modules: readonly LanguageModule[],
  log: (m: string) => void,
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
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: fix.preferred,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
    if (d.code !== FILE_TOO_LARGE) actions.push(disableForLine(ctx, d));
  }
  for (const m of modules) {
    try {
      actions.push(...(m.codeActions?.(ctx, range) ?? []));
    } catch (err) {
      log(`code actions in ${m.id} failed: ${(err as Error).stack}`);
    }
  }
  for (const a of actions) for (const e of a.edit?.changes?.[uri] ?? []) e.newText = withLineEndingOf(ctx.file, e);
  return actions;
}

/**
 * The edit's text with every line break written as the one ending the line the edit starts on (a CRLF or a
 * CR-only file keeps its line endings whatever the fix was written with).
 */
function withLineEndingOf(file: FileContext['file'], e: TextEdit): string {
  if (!/[\r\n]/.test(e.newText)) return e.newText;
  const text = file.text;
  // The parsed text has the same offsets as the file's (a lone CR is a LF there).
  const chunk = file.yaml.chunkAt(e.range.start);
  const at = chunk ? chunk.startOffset + chunk.toOffset({ line: e.range.start.line, character: 0 }) : 0;
  const m = /\r\n|\r|\n/g;
  m.lastIndex = at;
  const eol = m.exec(text)?.[0] ?? /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  return e.newText.replace(/\r\n|\r|\n/g, eol);
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.code === b.code &&
    a.message === b.message &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

/**
 * `# eks-manifests-disable-next-line CODE` above the finding's line — or above the line where its entry
 * starts when the finding is inside a multi-line scalar (a comment there would become part of the value).
 * Written with the indentation and line ending of the line it goes above (see withLineEndingOf).
 */
function disableForLine(ctx: FileContext, d: Diagnostic): CodeAction {
  const file = ctx.file;
  const chunk = file.yaml.chunkAt(d.range.start);
  const rel = chunk ? anchorLine(chunk, d.range.start.line - chunk.startLine) : 0;
  const line = chunk ? chunk.startLine + rel : d.range.start.line;
  const indent = /^[ \t]*/.exec(chunk?.lineText(rel) ?? '')![0];
  return {
    title: `Disable ${d.code} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [file.uri]: [TextEdit.insert({ line, character: 0 }, `${indent}# eks-manifests-disable-next-line ${d.code}\n`)] } },
  };
}

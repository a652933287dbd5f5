/**
 * Refactors for the annotation JSON: a one-line quoted value → an indented `|` block (readable, diff-friendly,
 * no escaping), and a block → one single-quoted line. Tokens are kept as written (jsonc-parser's formatter
 * only changes white space), so the value stays the same JSON.
 */
import { applyEdits, createScanner, format, SyntaxKind } from 'jsonc-parser';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { FileContext } from '../../module';
import type { Range } from '@shared/manifest/yamlFile';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { albJsonAnnotations } from './checks';

function lineIndentAt(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let n = 0;
  while (text[s + n] === ' ') n++;
  return n;
}

export function jsonRefactors(ctx: FileContext, range: Range): CodeAction[] {
  const chunk = ctx.file.yaml.chunkAt(range.start);
  if (!chunk) return [];
  const at = chunk.toOffset(range.start);
  const out: CodeAction[] = [];
  for (const obj of ctx.file.objectsOf(chunk)) {
    for (const a of albJsonAnnotations(obj)) {
      const ej = a.ej;
      const kr = nodeRange(a.pair.key);
      if (!ej || !ej.root || ej.errors.length || !kr) continue;
      const [s, e] = ej.st.range;
      if (at < kr[0] || at > e) continue;
      const indent = lineIndentAt(chunk.text, kr[0]);
      const text = ej.text.trim();
      const block = ej.st.style === 'BLOCK_LITERAL' || ej.st.style === 'BLOCK_FOLDED';
      if (!block) {
        const pretty = applyEdits(text, format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' }));
        const pad = ' '.repeat(indent + 2);
        const body = pretty.split('\n').map((l) => pad + l).join('\n');
        out.push({
          title: 'Rewrite the JSON as an indented block (|)', kind: CodeActionKind.RefactorRewrite,
          edit: { changes: { [ctx.file.uri]: [{ range: chunk.toRange(s, e), newText: `|\n${body}` }] } },
        });
      } else {
        // The block runs to the end of its last line; keep the line break that ends it.
        const end = chunk.text[e - 1] === '\n' ? e - 1 : e;
        out.push({
          title: 'Rewrite the JSON on one line (single-quoted)', kind: CodeActionKind.RefactorRewrite,
          edit: { changes: { [ctx.file.uri]: [{ range: chunk.toRange(s, end), newText: `'${collapse(text).replace(/'/g, "''")}'` }] } },
        });
      }
    }
  }
  return out;
}

/** The JSON on one line, tokens as written, a space after ':' and ','. */
function collapse(text: string): string {
  const sc = createScanner(text, false);
  let out = '';
  for (let k = sc.scan(); k !== SyntaxKind.EOF; k = sc.scan()) {
    if (k === SyntaxKind.Trivia || k === SyntaxKind.LineBreakTrivia) continue;
    out += text.slice(sc.getTokenOffset(), sc.getTokenOffset() + sc.getTokenLength());
    if (k === SyntaxKind.CommaToken || k === SyntaxKind.ColonToken) out += ' ';
  }
  return out;
}

/**
 * Text for Markdown hovers and completion documentation, shown as written. VS Code renders Markdown with
 * HTML enabled for hovers: `<name>` or `<service>.<port>` outside a code span disappears as an unknown tag,
 * and `*`, `_`, `[` in a user's value turn into formatting or links. One place for the escaping:
 *
 * - `escapeMarkdown(text)`: plain text (a user's value, a name from a file) to Markdown that shows exactly it;
 * - `escapeHtml(md)`: our own Markdown with literal `<…>` in prose: `<`, `>` and `&` become entities outside
 *   code spans, code spans stay as they are (backticks already show their content literally);
 * - `inlineCode(text)`: text as a code span, whatever backticks it holds.
 */

const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** Plain text as Markdown that renders as that text: Markdown punctuation escaped, HTML characters as entities. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]|~]/g, (c) => '\\' + c)
      .replace(/[<>&]/g, (c) => ENTITIES[c])
      // What starts a block only at the start of a line: headings, lists, quotes.
      .replace(/^([ \t]*)([#+-])/gm, '$1\\$2')
      .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2')
  );
}

/** Our Markdown with `<`, `>` and `&` outside code spans turned into entities (no HTML gets through). */
export function escapeHtml(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    if (md[i] === '`') {
      // A code span: a run of n backticks up to the next run of exactly n backticks (CommonMark).
      let n = 0;
      while (md[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      let close = md.indexOf(fence, i + n);
      while (close !== -1 && md[close + n] === '`') close = md.indexOf(fence, close + n + 1);
      if (close !== -1) {
        out += md.slice(i, close + n);
        i = close + n;
        continue;
      }
      out += fence;
      i += n;
      continue;
    }
    const c = md[i];
    out += ENTITIES[c] ?? c;
    i++;
  }
  return out;
}

/** Text as an inline code span (a backtick run longer than any inside, padded when it starts or ends with one). */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

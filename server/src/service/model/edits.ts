/** Small quick-fix builders shared by modules: replace a scalar's text keeping its quotes, insert a line. */
import type { Node } from 'yaml';
import type { Fix } from '../diagnostics/types';
import { nodeRange } from './yamlNodes';

/** A fix replacing a scalar (a key or a value) with `text`, keeping single/double quotes when it had them. */
export function replaceScalarFix(chunkText: string, node: Node | undefined, text: string, title: string, preferred = true): Fix | undefined {
  const r = nodeRange(node);
  if (!r) return undefined;
  const src = chunkText.slice(r[0], r[1]);
  const q = src.startsWith('"') ? '"' : src.startsWith("'") ? "'" : '';
  const body = q === '"' ? text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : q === "'" ? text.replace(/'/g, "''") : text;
  return { title, edits: [{ start: r[0], end: r[1], newText: q + body + q }], preferred };
}

/**
 * A fix adding `key: value` as a new line of the block map that holds `sibling` (a key node of that map),
 * at the sibling's indentation, after the line where the sibling's value ends. Undefined for flow maps or when the line is not
 * found.
 */
export function insertSiblingLineFix(chunkText: string, sibling: Node | undefined, line: string, title: string, siblingValue?: Node): Fix | undefined {
  const r = nodeRange(sibling);
  if (!r) return undefined;
  const lineStart = chunkText.lastIndexOf('\n', r[0] - 1) + 1;
  const before = chunkText.slice(lineStart, r[0]);
  if (!/^[ \t]*(- )?[ \t]*$/.test(before)) return undefined;
  const indent = ' '.repeat(before.length);
  const end = Math.max(r[1], nodeRange(siblingValue)?.[1] ?? 0);
  let eol = chunkText.indexOf('\n', end);
  if (eol === -1) eol = chunkText.length;
  return { title, edits: [{ start: eol, end: eol, newText: `\n${indent}${line}` }] };
}

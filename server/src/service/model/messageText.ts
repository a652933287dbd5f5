/**
 * Values quoted in diagnostic messages, shortened so that a long or hostile value (a 1 MB annotation, JSON
 * nested 5,000 levels deep) does not make a message longer than the editor can show.
 */

/** `text` as it is when it has at most `max` characters, else its first `max - 1` characters and `…`. */
export function clip(text: string, max = 40): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** A JSON value as JSON text, clipped; a value too deep to write out is named so. */
export function clipJson(value: unknown, max = 60): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    return 'a value nested too deep to show';
  }
  return clip(text, max);
}

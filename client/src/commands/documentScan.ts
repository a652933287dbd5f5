/** Cheap, linear scans of a YAML text that run on every cursor move (no vscode, no parser). */

/**
 * 0-based [first, last] line ranges of the NetworkPolicy documents of a YAML text. A line scan (documents
 * split at `---`, a top-level `kind: NetworkPolicy`, or `"kind": "NetworkPolicy"` in a JSON document):
 * it runs on every cursor move, so it stays linear and never parses.
 */
export function networkPolicyRanges(text: string): [number, number][] {
  const lines = text.split(/\r?\n/);
  const out: [number, number][] = [];
  let start = 0;
  let isPolicy = false;
  const close = (end: number) => {
    if (isPolicy && end >= start) out.push([start, end]);
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^(---|\.\.\.)(\s|$)/.test(l)) {
      close(i - 1);
      start = i + 1;
      isPolicy = false;
      continue;
    }
    if (/^kind:\s*(["']?)NetworkPolicy\1\s*(#.*)?$/.test(l) || /"kind"\s*:\s*"NetworkPolicy"/.test(l)) isPolicy = true;
  }
  close(lines.length - 1);
  return out;
}

/** Small builders for eksctl ClusterConfig tests. */
import type { Diagnostic } from 'vscode-languageserver-types';

/** A ClusterConfig with metadata (version "1.34" unless given; null leaves it out) and the body. */
export function cc(body: string, version: string | null = '"1.34"'): string {
  return `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: demo
  region: us-west-2
${version === null ? '' : `  version: ${version}\n`}${body}`;
}

/** The text a diagnostic's range covers. */
export function textAt(text: string, d: Pick<Diagnostic, 'range'>): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(off(d.range.start), off(d.range.end));
}

/** Findings (chunk-relative offsets) → LSP Diagnostics (file positions), and the quick fixes they carry. */
import { DiagnosticSeverity, DiagnosticTag, TextEdit, type Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticCodeInfo, Finding, Severity } from '../diagnostics/types';
import { DIAGNOSTIC_SOURCE } from '@shared/protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = DIAGNOSTIC_SOURCE;

/**
 * What a diagnostic carries in `data`: its quick fixes in file positions. Code actions never replay the
 * fixes of a diagnostic a client sends back (its text may have moved on since): they take them from the
 * current diagnostic with the same code, range and message (features/codeActions.ts).
 */
export interface DiagnosticData {
  fixes?: { title: string; edits: TextEdit[]; preferred?: boolean }[];
}

export function toDiagnostic(f: Finding, info: DiagnosticCodeInfo, docsUrl?: (code: string) => string | undefined): Diagnostic {
  const d: Diagnostic = {
    range: f.chunk.toRange(f.start, f.end),
    severity: SEVERITY[f.severity ?? info.severity],
    code: f.code,
    source: SOURCE,
    message: f.message,
  };
  const href = docsUrl?.(f.code);
  if (href) d.codeDescription = { href };
  if (f.tags) d.tags = f.tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  if (f.related)
    d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: r.chunk.toRange(r.start, r.end) }, message: r.message }));
  if (f.fixes) {
    const data: DiagnosticData = {
      fixes: f.fixes.map((x) => ({
        title: x.title,
        preferred: x.preferred,
        edits: x.edits.map((e) => TextEdit.replace(f.chunk.toRange(e.start, e.end), e.newText)),
      })),
    };
    d.data = data;
  }
  return d;
}

/** The one diagnostic of a file too large to analyse (by characters, or by lines). */
export function tooLargeDiagnostic(
  size: number,
  limit: number,
  docsUrl?: (code: string) => string | undefined,
  unit: 'characters' | 'lines' = 'characters',
): Diagnostic {
  const href = docsUrl?.('file-too-large');
  const setting = unit === 'lines' ? 'eksManifests.maxFileLines' : 'eksManifests.maxFileSize';
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: 'file-too-large',
    source: SOURCE,
    message: `File too large to analyse (${size} ${unit}; the limit is ${limit}). Raise ${setting} to analyse it.`,
    ...(href ? { codeDescription: { href } } : {}),
  };
}

/** Same findings in the same order (related information and fixes included, compared by content). */
export function sameFindings(a: Finding[], b: Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i],
      y = b[i];
    if (
      x.code !== y.code ||
      x.start !== y.start ||
      x.end !== y.end ||
      x.message !== y.message ||
      x.severity !== y.severity ||
      x.chunk !== y.chunk
    )
      return false;
    if (x.related || y.related || x.fixes || y.fixes || x.tags || y.tags) {
      if (
        JSON.stringify([x.fixes, x.tags, x.related?.map((r) => [r.uri, r.start, r.end, r.message])]) !==
        JSON.stringify([y.fixes, y.tags, y.related?.map((r) => [r.uri, r.start, r.end, r.message])])
      )
        return false;
      if (x.related?.some((r, j) => r.chunk !== y.related![j].chunk)) return false;
    }
  }
  return true;
}

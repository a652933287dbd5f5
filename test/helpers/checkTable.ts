/**
 * The one table harness for check tests: each case names a code, a document on which it must fire (at an
 * exact range: the text the first finding covers), and the corrected document on which it must be silent.
 * Real parser, real service, every module loaded, like the editor.
 *
 *   checkTable('ALB annotations', [
 *     { code: 'alb-unknown-annotation', source: 'aws-load-balancer-controller pkg/annotations/constants.go',
 *       fire: ing('alb.ingress.kubernetes.io/shceme: internal'), at: 'alb.ingress.kubernetes.io/shceme',
 *       silent: ing('alb.ingress.kubernetes.io/scheme: internal') },
 *   ]);
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Settings } from '../../server/src/service/settings';
import { serviceWith, uriOf } from './service';

export interface CheckCase {
  code: string;
  /** The upstream source of the rule (repository + path + function, CRD, or documentation URL). */
  source?: string;
  /** The document (main.yaml) on which the code fires. */
  fire: string;
  /** The text the first finding with this code covers (its exact range). */
  at: string;
  /** The corrected document, on which the code must not fire. */
  silent: string;
  /** Other files of the workspace (for cross-document checks), by name. */
  files?: Record<string, string>;
  settings?: Partial<Settings>;
  /** The expected severity of the finding, when the code has several. */
  severity?: 'error' | 'warning' | 'info' | 'hint';
  /** A name for the case when a code has several. */
  name?: string;
  /** The exact number of findings with this code on `fire`, when it matters. */
  count?: number;
  /** A pattern the first finding's message must match. */
  message?: RegExp;
}

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/** Diagnostics of main.yaml with these other files, and the internal errors the service logged. */
export function diagnoseWith(text: string, files: Record<string, string> = {}, settings: Partial<Settings> = {}): Diagnostic[] {
  const s = serviceWith({ ...files, 'main.yaml': text }, settings);
  const d = s.validate(uriOf('main.yaml'));
  if (s.internalErrors.length) throw new Error(`a check threw:\n${s.internalErrors.join('\n')}`);
  return d;
}

/** The text a range covers. */
export function textAt(text: string, d: Diagnostic): string {
  const doc = TextDocument.create('file:///main.yaml', 'yaml', 1, text);
  return text.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end));
}

export function checkTable(title: string, cases: CheckCase[]): void {
  for (const [i, c] of cases.entries()) {
    test(`${title}: ${c.code}${c.name ? ` (${c.name})` : ` #${i}`} fires at its range, silent on the right form${c.source ? ` — ${c.source}` : ''}`, () => {
      const fired = diagnoseWith(c.fire, c.files, c.settings).filter((d) => d.code === c.code);
      assert.ok(fired.length > 0, `${c.code} did not fire on:\n${c.fire}`);
      assert.equal(textAt(c.fire, fired[0]), c.at, `range of ${c.code}: ${fired[0].message}`);
      if (c.severity) assert.equal(fired[0].severity, SEVERITY[c.severity], `severity of ${c.code}`);
      if (c.count !== undefined)
        assert.equal(fired.length, c.count, `number of ${c.code} findings: ${fired.map((d) => d.message).join(' | ')}`);
      if (c.message) assert.match(fired[0].message, c.message);
      const silent = diagnoseWith(c.silent, c.files, c.settings).filter((d) => d.code === c.code);
      assert.deepEqual(
        silent.map((d) => d.message),
        [],
        `${c.code} fired on the right form:\n${c.silent}`,
      );
    });
  }
}

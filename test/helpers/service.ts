/** Helpers for unit tests of the language service (the real parser and checks, no LSP). */
import { createLanguageService } from '../../server/src/service/languageService';
import type { Settings } from '../../server/src/service/settings';
import type { Diagnostic } from 'vscode-languageserver-types';

export function serviceWith(files: Record<string, string>, settings: Partial<Settings> = {}) {
  const errors: string[] = [];
  const service = createLanguageService({ settings, log: (m) => errors.push(m), docsUrl: (c) => `file:///docs/diagnostics.md#${c}` });
  for (const [name, text] of Object.entries(files)) service.setFile(uriOf(name), text);
  return Object.assign(service, { internalErrors: errors });
}

export function uriOf(name: string): string {
  return name.includes('://') ? name : `file:///ws/${name}`;
}

/** Diagnostics of one file (default: the only/first file) with the given code. */
export function diagnose(text: string, settings: Partial<Settings> = {}, extraFiles: Record<string, string> = {}): Diagnostic[] {
  const s = serviceWith({ 'main.yaml': text, ...extraFiles }, settings);
  const d = s.validate(uriOf('main.yaml'));
  if (s.internalErrors.length) throw new Error(`a check threw: ${s.internalErrors.join('\n')}`);
  return d;
}

export function codesOf(d: Diagnostic[]): string[] {
  return d.map((x) => String(x.code));
}

export function withCode(d: Diagnostic[], code: string): Diagnostic[] {
  return d.filter((x) => x.code === code);
}

/** Helpers for unit tests of the language service (the real parser and checks, no LSP). */
import { createLanguageService } from '../../server/src/service/languageService';
import { defaultSettings, type Settings } from '../../server/src/service/settings';
import { WorkspaceIndex } from '../../server/src/service/workspace/workspaceIndex';
import { cursorContext, type CursorContext } from '../../server/src/service/features/cursor';
import type { K8sObject } from '@shared/manifest/k8sObject';
import type { Position } from '@shared/manifest/yamlFile';
import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * The real language service over these files, plus `internalErrors` (what checks logged) and `index`: a
 * workspace index holding the same texts (kept in step with setFile/removeFile), for tests that call model
 * functions directly. The service's own index is not part of its face.
 */
export function serviceWith(files: Record<string, string>, settings: Partial<Settings> = {}) {
  const errors: string[] = [];
  const service = createLanguageService({ settings, log: (m) => errors.push(m), docsUrl: (c) => `file:///docs/diagnostics.md#${c}` });
  const index = new WorkspaceIndex();
  const [set, remove] = [service.setFile.bind(service), service.removeFile.bind(service)];
  const setFile = (uri: string, text: string) => {
    set(uri, text);
    index.set(uri, text);
  };
  const removeFile = (uri: string) => {
    index.delete(uri);
    return remove(uri);
  };
  for (const [name, text] of Object.entries(files)) setFile(uriOf(name), text);
  return Object.assign(service, { internalErrors: errors, index, setFile, removeFile });
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

/** The workspace index the service would hold for these files (for tests of the model and the index). */
export function indexWith(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.set(uriOf(name), text);
  return index;
}

/** The objects of one file of an index. */
export function objectsIn(index: WorkspaceIndex, name: string): K8sObject[] {
  return [...index.get(uriOf(name))!.objects()];
}

/** The cursor context at a position of a file (what modules' features receive). */
export function cursorIn(
  files: Record<string, string>,
  name: string,
  position: Position,
  settings: Partial<Settings> = {},
): CursorContext | undefined {
  const index = indexWith(files);
  return cursorContext(index.get(uriOf(name))!, index, { ...defaultSettings, ...settings }, position);
}

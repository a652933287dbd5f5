/** The codes the engine itself reports (not any module): a service built with no module still declares them. */
import type { DiagnosticCodeInfo } from '../diagnostics/types';

export const YAML_SYNTAX = 'yaml-syntax';
export const FILE_TOO_LARGE = 'file-too-large';

export const ENGINE_CODES: DiagnosticCodeInfo[] = [
  { code: YAML_SYNTAX, severity: 'error', area: 'core', summary: 'The YAML cannot be parsed (each problem at its position, up to 10 per document); the other documents of the file are still checked.' },
  { code: FILE_TOO_LARGE, severity: 'warning', area: 'core', summary: 'The file is larger than `eksManifests.maxFileSize` and is not analysed.' },
];

/** The codes the engine itself reports (not any module): a service built with no module still declares them. */
import type { DiagnosticCodeInfo } from '../diagnostics/types';

export const YAML_SYNTAX = 'yaml-syntax';
export const FILE_TOO_LARGE = 'file-too-large';
export const YAML_TOO_DEEP = 'yaml-too-deep';
export const YAML_UNKNOWN_ALIAS = 'yaml-unknown-alias';

export const ENGINE_CODES: DiagnosticCodeInfo[] = [
  {
    code: YAML_SYNTAX,
    severity: 'error',
    area: 'core',
    summary:
      'The YAML cannot be parsed (each problem at its position, up to 10 per document); the other documents of the file are still checked.',
  },
  {
    code: FILE_TOO_LARGE,
    severity: 'warning',
    area: 'core',
    summary: 'The file is larger than `eksManifests.maxFileSize` (characters) or `eksManifests.maxFileLines` (lines) and is not analysed.',
  },
  {
    code: YAML_TOO_DEEP,
    severity: 'warning',
    area: 'core',
    summary: 'A document nests lists and maps more than 500 levels deep; it is not analysed (the other documents of the file are).',
  },
  {
    code: YAML_UNKNOWN_ALIAS,
    severity: 'error',
    area: 'core',
    summary:
      'An alias (`*name`) with no anchor `&name` before it in its document; anchors do not reach across `---`, and kubectl refuses the file ("unknown anchor").',
  },
];

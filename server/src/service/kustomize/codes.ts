import type { DiagnosticCodeInfo } from '../diagnostics/types';

const A = 'kustomize';

/** Codes of the Kustomize module (stable: users disable them by name). */
export const KUSTOMIZE_CODES: DiagnosticCodeInfo[] = [
  {
    code: 'kustomize-path-missing',
    severity: 'error',
    area: A,
    summary:
      'A path a kustomization lists (`resources`, `bases`, `components`, `crds`, `patches[].path`, `patchesStrategicMerge`, `patchesJson6902[].path`, generator `files`/`envs`/`env`) does not exist, or a folder it lists has no kustomization file: `kustomize build` fails. Remote URLs are not checked.',
  },
];

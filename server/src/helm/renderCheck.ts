/**
 * Check a Helm chart as it renders: `helm template` with the user's values, every check of the language
 * service on the rendered objects (as one workspace: the chart is deployed together), and each finding mapped
 * back to the template it came from (the `# Source:` comment helm writes before each document):
 *
 * - at the template line that holds the offending text literally (the rendered line, trimmed, found once in
 *   the template; the range narrowed to the offending text when it is there too);
 * - otherwise at the line of the object's `kind:` in the template (the text came from a value or a helper).
 *
 * Used by `eks-manifests check --helm-render` and the editor command EKS: Check Rendered Chart. Node code (it
 * runs a process): not part of the pure language service.
 */
import { YamlFile } from '@shared/manifest/yamlFile';
import { nodeAt, scalarString } from '@shared/manifest/yamlNodes';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { createLanguageService } from '../service/languageService';
import { DEFAULT_KUBERNETES_VERSION, type Settings } from '../service/settings';
import { CURRENT_API_VERSIONS } from '@shared/apiVersions';
import { isCustomResource } from '@shared/manifest/documentKind';
import { nodeFileSystem } from '../node/fileSystem';

export interface RenderCheckOptions {
  chartDir: string;
  /** Values files (`-f`), in order. */
  values?: string[];
  /** The helm binary; default: `helm` found on PATH. */
  helm?: string;
  releaseName?: string;
  namespace?: string;
  settings?: Partial<Settings>;
  /** Upper bound for the render (ms). */
  timeoutMs?: number;
}

/** A finding on a template file of the chart (positions 0-based, as LSP). */
export interface MappedDiagnostic {
  file: string;
  diagnostic: Diagnostic;
  literal: boolean;
}

export type RenderCheckResult =
  | { ok: true; chart: string; documents: number; findings: MappedDiagnostic[] }
  | { ok: false; reason: 'no-helm' | 'no-chart' | 'render-error'; message: string };

/** The helm binary: the given path, else the first `helm` on PATH; undefined when there is none. */
export function findHelm(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (explicit) return isExecutable(explicit) ? path.resolve(explicit) : undefined;
  const names = process.platform === 'win32' ? ['helm.exe', 'helm.cmd', 'helm'] : ['helm'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const p = path.join(dir, n);
      if (isExecutable(p)) return p;
    }
  }
  return undefined;
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The chart folder holding a path: the path itself or the nearest folder above it with a Chart.yaml. */
export function chartDirOf(p: string): string | undefined {
  let dir = path.resolve(p);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    return undefined;
  }
  for (let i = 0; i < 40; i++) {
    if (fs.existsSync(path.join(dir, 'Chart.yaml'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

export const NO_HELM_MESSAGE =
  '--helm-render needs the helm binary (Helm 3 or later) to render the chart with `helm template`: none was found on PATH. Install Helm, or give its path with --helm PATH.';

function run(helm: string, args: string[], timeoutMs: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      helm,
      args,
      { maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, env: { ...process.env, HELM_NO_PLUGINS: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && code !== 0 ? String(err.message) : '') });
      },
    );
  });
}

/** API versions every cluster at a current Kubernetes version serves (built-in groups only). */
const BUILT_IN_API_VERSIONS = [
  'v1',
  'apps/v1',
  'batch/v1',
  'networking.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'storage.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'discovery.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'admissionregistration.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'coordination.k8s.io/v1',
  'node.k8s.io/v1',
  'certificates.k8s.io/v1',
  'events.k8s.io/v1',
];

/**
 * Render as against a cluster at the target Kubernetes version: `--kube-version`, and the built-in API versions
 * (with their kinds) in Capabilities.APIVersions, so `{{ if .Capabilities.APIVersions.Has "…/v1" }}` takes the
 * branch a real cluster would. Custom resource groups are not claimed.
 */
function capabilityArgs(kubernetesVersion: string): string[] {
  const gvs = new Set(BUILT_IN_API_VERSIONS);
  for (const [kind, gv] of Object.entries(CURRENT_API_VERSIONS)) {
    if (BUILT_IN_API_VERSIONS.includes(gv) && !isCustomResource(gv, kind)) gvs.add(`${gv}/${kind}`);
  }
  return ['--kube-version', `v${kubernetesVersion}.0`, ...[...gvs].flatMap((gv) => ['--api-versions', gv])];
}

/** One rendered document with the template it came from (`# Source: <chart>/templates/x.yaml`). */
export interface RenderedDoc {
  source: string;
  text: string;
}

/** Split `helm template` output into documents, each with its `# Source:` path (empty documents dropped). */
export function splitRendered(manifest: string): RenderedDoc[] {
  const out: RenderedDoc[] = [];
  for (const part of manifest.split(/^---[ \t]*$/m)) {
    const m = /^# Source: (.+)$/m.exec(part);
    const body = part.replace(/^\r?\n/, '');
    if (!m || !/^[ \t]*[A-Za-z"']/m.test(body.replace(/^#.*$/gm, ''))) continue;
    out.push({ source: m[1].trim(), text: body });
  }
  return out;
}

/** The template file a `# Source:` path names: `<chart>/templates/x.yaml` → CHART_DIR/templates/x.yaml. */
export function sourceFile(chartDir: string, source: string): string {
  const rest = source.split('/').slice(1).join('/');
  return path.join(chartDir, ...rest.split('/'));
}

export async function checkRenderedChart(opts: RenderCheckOptions): Promise<RenderCheckResult> {
  const chart = chartDirOf(opts.chartDir);
  if (!chart)
    return {
      ok: false,
      reason: 'no-chart',
      message: `${opts.chartDir}: no Chart.yaml in this folder or above it; --helm-render needs a chart folder`,
    };
  const helm = findHelm(opts.helm);
  if (!helm) return { ok: false, reason: 'no-helm', message: opts.helm ? `--helm ${opts.helm}: not an executable file` : NO_HELM_MESSAGE };
  const args = [
    'template',
    opts.releaseName ?? 'release-name',
    chart,
    '--namespace',
    opts.namespace ?? 'default',
    ...capabilityArgs(opts.settings?.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION),
  ];
  for (const v of opts.values ?? []) args.push('--values', path.resolve(v));
  const r = await run(helm, args, opts.timeoutMs ?? 120_000);
  if (r.code !== 0) return { ok: false, reason: 'render-error', message: r.stderr.trim() || `helm template exited with ${r.code}` };
  const docs = splitRendered(r.stdout);
  const service = createLanguageService({ settings: opts.settings, env: { fs: nodeFileSystem } });
  // All rendered documents in one folder: deployed together, as the release is.
  const bySource = new Map<string, string[]>();
  for (const d of docs) {
    const l = bySource.get(d.source);
    if (l) l.push(d.text);
    else bySource.set(d.source, [d.text]);
  }
  const virtual = new Map<string, { source: string; text: string }>();
  let n = 0;
  for (const [source, texts] of bySource) {
    const uri = `file:///eks-helm-render/${String(n++).padStart(4, '0')}-${encodeURIComponent(source.replace(/\//g, '__'))}`;
    const text = texts.map((t) => (t.endsWith('\n') ? t : t + '\n')).join('---\n');
    virtual.set(uri, { source, text });
    service.setFile(uri, text);
  }
  const findings: MappedDiagnostic[] = [];
  const templates = new Map<string, string[] | undefined>();
  for (const [uri, v] of virtual) {
    const file = sourceFile(chart, v.source);
    if (!templates.has(file)) {
      try {
        templates.set(file, fs.readFileSync(file, 'utf8').split('\n'));
      } catch {
        templates.set(file, undefined);
      }
    }
    const tpl = templates.get(file);
    const rendered = v.text.split('\n');
    const parsed = new YamlFile(v.text);
    const kindAt = (line: number): string | undefined => {
      const chunk = parsed.chunkAt({ line, character: 0 });
      return chunk ? scalarString(nodeAt(chunk.docs[0]?.contents, ['kind'])) : undefined;
    };
    for (const d of service.validate(uri)) findings.push(mapBack(file, tpl, rendered, d, kindAt));
  }
  findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.diagnostic.range.start.line - b.diagnostic.range.start.line ||
      a.diagnostic.range.start.character - b.diagnostic.range.start.character,
  );
  return { ok: true, chart, documents: docs.length, findings };
}

function mapBack(
  file: string,
  tpl: string[] | undefined,
  rendered: string[],
  d: Diagnostic,
  kindAt: (line: number) => string | undefined,
): MappedDiagnostic {
  const note = ' (in the chart as rendered by helm template)';
  const out = (range: Range, literal: boolean): MappedDiagnostic => ({
    file,
    literal,
    diagnostic: { ...d, range, message: d.message + note, relatedInformation: undefined, data: undefined },
  });
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (!tpl) return out(zero, false);
  const line = rendered[d.range.start.line] ?? '';
  const covered = d.range.start.line === d.range.end.line ? line.slice(d.range.start.character, d.range.end.character) : '';
  const wanted = line.trim();
  if (wanted && !wanted.startsWith('#')) {
    const hits = tpl.map((t, i) => (t.trim() === wanted ? i : -1)).filter((i) => i >= 0);
    if (hits.length === 1) {
      const t = tpl[hits[0]];
      const at = covered ? t.indexOf(covered) : -1;
      const start = at >= 0 ? at : t.length - t.trimStart().length;
      const end = at >= 0 ? at + covered.length : t.trimEnd().length;
      return out({ start: { line: hits[0], character: start }, end: { line: hits[0], character: end } }, true);
    }
  }
  // Not literal there: the line of the object's kind in the template.
  const kind = kindAt(d.range.start.line);
  let k = kind
    ? tpl.findIndex((t) => new RegExp(`^\\s*kind:\\s*["']?${kind.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*(#.*)?$`).test(t))
    : -1;
  if (k < 0) k = tpl.findIndex((t) => /^\s*kind:/.test(t));
  if (k < 0) return out(zero, false);
  const t = tpl[k];
  return out({ start: { line: k, character: t.length - t.trimStart().length }, end: { line: k, character: t.trimEnd().length } }, false);
}

/** For text output: the chart's file as a path relative to the current folder. */
export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

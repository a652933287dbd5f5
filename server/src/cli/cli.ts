/**
 * eks-manifests check [--format text|json|sarif] [--kubernetes-version X] [--disable CODE[,CODE]] [--exclude GLOB] PATH...
 * eks-manifests check --helm-render [--values FILE]... [--helm PATH] CHART_DIR
 *
 * Runs the editor's checks over files and folders (recursive *.yaml / *.yml), with cross-document checks
 * across everything given. Exit 0: no errors; 1: at least one error; 2: usage error, unreadable path, or
 * folders holding more YAML files than --max-files (unless --allow-incomplete).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../service/languageService';
import { DEFAULT_KUBERNETES_VERSION, parseMinorVersion, type Settings } from '../service/settings';
import { admitFile, DEFAULT_MAX_FILES, excludeMatcher, scanYamlFiles } from '../node/workspaceScan';
import { nodeFileSystem } from '../node/fileSystem';
import { checkRenderedChart } from '../helm/renderCheck';
import { planUpgradeMain } from './planUpgrade';

const VERSION = '0.1.0';
const USAGE = `Usage: eks-manifests check [options] PATH...
       eks-manifests check --helm-render [--values FILE]... [--helm PATH] [options] CHART_DIR
       eks-manifests plan-upgrade --to X.Y [options] PATH...   (see plan-upgrade --help)

Checks Kubernetes manifests for EKS (files, or folders searched for *.yaml, *.yml, *.yaml.tpl, *.yml.tpl and
Kustomization files). Helm chart templates and kustomizations are understood; placeholders are skipped.

Options:
  --format text|json|sarif     output format (default: text)
  --kubernetes-version X.Y     target Kubernetes version (default: ${DEFAULT_KUBERNETES_VERSION})
  --disable CODE[,CODE...]     turn diagnostic codes off (repeatable)
  --exclude GLOB               skip files and folders matching GLOB, relative to each PATH folder and to the
                               current folder (repeatable; a GLOB without / matches a name anywhere)
  --no-syntax-errors           do not report YAML syntax errors
  --schema on|off              check every field of built-in kinds and known CRDs against their schema
                               (default: on; the editor's eksManifests.schemaValidation)
  --max-files N                read at most N YAML files from folders (default: ${DEFAULT_MAX_FILES})
  --allow-incomplete           check the first N files when folders hold more, instead of exit 2
                               (findings that an object is missing are then not reported)
  --helm-render                render CHART_DIR with \`helm template\` and check the rendered objects; each finding
                               is reported on the template it came from (needs helm on PATH, or --helm)
  --values FILE                a values file for --helm-render (repeatable, in order)
  --helm PATH                  the helm binary for --helm-render
  -h, --help                   show this help
  --version                    print the version

Exit status: 0 no errors, 1 errors found, 2 usage error, unreadable path, more files than --max-files, no helm,
or helm could not render.`;

interface Options {
  format: 'text' | 'json' | 'sarif';
  kubernetesVersion: string;
  disabled: string[];
  syntaxErrors: boolean;
  schema: boolean;
  paths: string[];
  exclude: string[];
  helmRender: boolean;
  values: string[];
  helm?: string;
  maxFiles: number;
  allowIncomplete: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = {
    format: 'text',
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    disabled: [],
    syntaxErrors: true,
    schema: true,
    paths: [],
    exclude: [],
    helmRender: false,
    values: [],
    maxFiles: DEFAULT_MAX_FILES,
    allowIncomplete: false,
  };
  const args = [...argv];
  if (args[0] === '-h' || args[0] === '--help' || args[0] === 'help') return 'help';
  if (args[0] === '--version') return 'version';
  if (args[0] !== 'check') throw new UsageError(args[0] ? `unknown command "${args[0]}"` : 'missing command');
  args.shift();
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (args.length) {
    let a = args.shift()!;
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const val = (flag: string) => inline ?? value(flag);
    switch (a) {
      case '-h':
      case '--help':
        return 'help';
      case '--version':
        return 'version';
      case '--format': {
        const f = val(a);
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got "${f}")`);
        o.format = f;
        break;
      }
      case '--kubernetes-version': {
        const v = val(a);
        if (!parseMinorVersion(v)) throw new UsageError(`--kubernetes-version must look like 1.34 (got "${v}")`);
        o.kubernetesVersion = v.replace(/^v/, '').split('.').slice(0, 2).join('.');
        break;
      }
      case '--disable':
        o.disabled.push(
          ...val(a)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      case '--no-syntax-errors':
        o.syntaxErrors = false;
        break;
      case '--schema': {
        const v = val(a);
        if (v !== 'on' && v !== 'off') throw new UsageError(`--schema must be on or off (got "${v}")`);
        o.schema = v === 'on';
        break;
      }
      case '--exclude':
        o.exclude.push(val(a));
        break;
      case '--helm-render':
        o.helmRender = true;
        break;
      case '--values':
      case '-f':
        o.values.push(val(a));
        break;
      case '--helm':
        o.helm = val(a);
        break;
      case '--allow-incomplete':
        o.allowIncomplete = true;
        break;
      case '--max-files': {
        const v = val(a);
        if (!/^[1-9]\d*$/.test(v)) throw new UsageError(`--max-files must be a positive whole number (got "${v}")`);
        o.maxFiles = Number(v);
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.paths.push(a);
    }
  }
  if (o.paths.length === 0) throw new UsageError(o.helmRender ? 'no CHART_DIR given' : 'no PATH given');
  if (o.helmRender && o.paths.length !== 1) throw new UsageError('--helm-render takes one CHART_DIR');
  if (!o.helmRender && (o.values.length || o.helm)) throw new UsageError('--values and --helm go with --helm-render');
  return o;
}

interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
}

const SEV: Record<number, Row['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/**
 * The files to check: files given by name as they are; folders scanned by the editor's rules
 * (node/workspaceScan.ts), at most `maxFiles` YAML files across them (`truncated` when more were left).
 * `exclude` globs apply relative to each folder given and to the current folder.
 */
async function collectFiles(
  paths: string[],
  maxFiles: number,
  exclude: string[] = [],
): Promise<{ files: string[]; problems: string[]; truncated: boolean }> {
  const files: string[] = [];
  const problems: string[] = [];
  const folders: string[] = [];
  const excludedHere = excludeMatcher(exclude);
  const cwd = process.cwd();
  for (const p of paths) {
    try {
      const st = await fs.stat(p);
      if (st.isDirectory()) folders.push(path.resolve(p));
      else if (st.isFile()) {
        if (!excludedHere(path.relative(cwd, path.resolve(p)))) files.push(path.resolve(p));
      } else problems.push(`${p}: not a file or folder`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push(
        code === 'ENOENT'
          ? `${p}: no such file or folder`
          : code === 'EACCES'
            ? `${p}: permission denied`
            : `${p}: ${(err as Error).message}`,
      );
    }
  }
  const scan = await scanYamlFiles(folders, maxFiles, exclude);
  for (const f of scan.files) {
    if (excludedHere(path.relative(cwd, f))) continue;
    const admitted = await admitFile(f, folders, Number.MAX_SAFE_INTEGER);
    if (admitted.ok) files.push(f);
  }
  return { files: [...new Set(files)], problems, truncated: scan.truncated };
}

function sarif(rows: Row[], codes: { code: string; summary: string; severity: string }[]): unknown {
  const level = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'eks-manifests',
            version: VERSION,
            rules: codes.map((c) => ({
              id: c.code,
              shortDescription: { text: c.summary },
              helpUri: `docs/diagnostics.md#${c.code}`,
              defaultConfiguration: { level: level(c.severity) },
            })),
          },
        },
        results: rows.map((r) => ({
          ruleId: r.code,
          level: level(r.severity),
          message: { text: r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathToFileURL(r.file).href },
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}

export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  if (argv[0] === 'plan-upgrade') return planUpgradeMain(argv.slice(1), out, err);
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`eks-manifests: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    out(USAGE + '\n');
    return 0;
  }
  if (opts === 'version') {
    out(VERSION + '\n');
    return 0;
  }

  if (opts.helmRender) return helmRender(opts, out, err);

  const { files, problems, truncated } = await collectFiles(opts.paths, opts.maxFiles, opts.exclude);
  for (const p of problems) err(`eks-manifests: cannot read ${p}\n`);
  if (problems.length) return 2;
  if (truncated) {
    err(
      `eks-manifests: the folders hold more than ${opts.maxFiles} YAML files; ${opts.allowIncomplete ? `checking the first ${opts.maxFiles} only, without findings that an object is missing` : 'nothing checked'} (--max-files N raises the limit${opts.allowIncomplete ? '' : ', --allow-incomplete checks the first files anyway'})\n`,
    );
    if (!opts.allowIncomplete) return 2;
  }

  const service = createLanguageService({
    settings: serviceSettings(opts),
    log: (m) => err(`eks-manifests: internal: ${m}\n`),
    env: { fs: nodeFileSystem },
  });
  service.setIndexComplete(!truncated);
  const uris = new Map<string, string>();
  for (const f of files) {
    let text: string;
    try {
      text = await fs.readFile(f, 'utf8');
    } catch (e) {
      err(`eks-manifests: cannot read ${f}: ${(e as Error).message}\n`);
      return 2;
    }
    const uri = pathToFileURL(f).href;
    uris.set(uri, f);
    service.setFile(uri, text);
  }
  const rows: Row[] = [];
  const cwd = process.cwd();
  for (const [uri, f] of uris) {
    const diags: Diagnostic[] = service.validate(uri);
    for (const d of diags) {
      rows.push({
        file: opts.format === 'text' ? path.relative(cwd, f) || f : f,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEV[d.severity ?? DiagnosticSeverity.Error],
        code: String(d.code),
        message: d.message,
      });
    }
  }
  const notes = service
    .settingsNotes()
    .filter((n) => n.setting === 'kubernetesVersion')
    .map((n) => `--kubernetes-version ${opts.kubernetesVersion}: ${n.severity}: ${n.message}`);
  return report(rows, `${files.length} file${files.length === 1 ? '' : 's'} checked`, opts, service.codes(), out, notes);
}

function report(
  rows: Row[],
  what: string,
  opts: Options,
  codes: { code: string; summary: string; severity: string }[],
  out: (s: string) => void,
  notes: string[] = [],
): number {
  const errors = rows.filter((r) => r.severity === 'error').length;
  if (opts.format === 'json') out(JSON.stringify(rows, null, 2) + '\n');
  else if (opts.format === 'sarif') out(JSON.stringify(sarif(rows, codes), null, 2) + '\n');
  else {
    for (const r of rows) out(`${r.file}:${r.line}:${r.column}: ${r.severity} [${r.code}] ${r.message}\n`);
    const warnings = rows.filter((r) => r.severity === 'warning').length;
    for (const note of notes) out(`${note}\n`);
    out(
      `${what}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${rows.length - errors - warnings} other\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

/** The language service's settings from the options (the same for a check and for --helm-render). */
function serviceSettings(opts: Options): Partial<Settings> {
  return {
    kubernetesVersion: opts.kubernetesVersion,
    disabled: opts.disabled,
    syntaxErrors: opts.syntaxErrors,
    schemaValidation: opts.schema,
  };
}

/** --helm-render: render the chart with helm template, check it, report on the template files. */
async function helmRender(opts: Options, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const settings = serviceSettings(opts);
  for (const v of opts.values) {
    try {
      await fs.access(v);
    } catch {
      err(`eks-manifests: cannot read ${v}: no such values file\n`);
      return 2;
    }
  }
  const r = await checkRenderedChart({ chartDir: opts.paths[0], values: opts.values, helm: opts.helm, settings });
  if (!r.ok) {
    err(
      r.reason === 'render-error'
        ? `eks-manifests: helm template failed for ${opts.paths[0]}:\n${r.message}\n`
        : `eks-manifests: ${r.message}\n`,
    );
    return 2;
  }
  const cwd = process.cwd();
  const rows: Row[] = r.findings.map(({ file, diagnostic: d }) => ({
    file: opts.format === 'text' ? path.relative(cwd, file) || file : file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEV[d.severity ?? DiagnosticSeverity.Error],
    code: String(d.code),
    message: d.message,
  }));
  return report(
    rows,
    `chart ${path.relative(cwd, r.chart) || '.'} rendered (${r.documents} object${r.documents === 1 ? '' : 's'}) and checked`,
    opts,
    createLanguageService().codes(),
    out,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`eks-manifests: ${(e as Error).stack}\n`);
      process.exitCode = 2;
    },
  );
}

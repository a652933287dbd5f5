/**
 * The production guard: before anything is applied to a context that looks like production, the user
 * confirms. "Looks like production" means the case-insensitive pattern of
 * `eksManifests.cluster.productionContextPattern` (default `prod`) matches the context name, the name of
 * its cluster entry (for EKS the cluster ARN, so `aws eks update-kubeconfig --alias shop` of `shop-prod`
 * is still guarded) or the server URL (without credentials).
 *
 * The guard fails closed:
 * - an invalid pattern, or one this engine does not support, or a setting that is not a string, treats
 *   EVERY context as production, and the question says why;
 * - a name or URL longer than MAX_GUARD_INPUT is not searched: it counts as production too;
 * - only the user's own (application-scope) value counts: `guardPatternFromSetting` ignores workspace and
 *   folder values, so a repository's `.vscode/settings.json` cannot switch the guard off.
 *
 * Bounded matching: the pattern runs on RE2JS, a JavaScript port of RE2, whose matching time is linear in
 * the input (no backtracking), so a pattern like `(a+)+$` cannot block the extension host. We chose an
 * engine with that guarantee over a heuristic "is this regexp dangerous" check (those miss cases, e.g.
 * overlapping alternations) and over running the regexp in a worker with a timeout (a timed answer, and
 * async where the question is sync). What RE2 leaves out (lookaround, backreferences) makes a pattern
 * invalid, which fails closed. The pattern length is capped too, which bounds compile time.
 */
import { RE2JS } from 're2js';
import { stripUserinfo } from './redact';

export const DEFAULT_PRODUCTION_PATTERN = 'prod';
export const GUARD_SETTING = 'eksManifests.cluster.productionContextPattern';
/** Longest pattern we compile. */
export const MAX_GUARD_PATTERN = 1000;
/** Longest context name / cluster name / server URL we search; longer ones count as production. */
export const MAX_GUARD_INPUT = 4096;

/** What the guard looks at: the context name and, when known, its cluster entry's name and server URL. */
export interface GuardTarget {
  context: string;
  cluster?: string;
  server?: string;
}

export interface GuardVerdict {
  production: boolean;
  /** Why (for the question and the log): which name matched, or why everything counts as production. */
  reason: string;
  /** Set when the pattern itself is unusable (every context is then production). */
  invalidPattern?: string;
}

const compiled = new Map<string, RE2JS | Error>();

function compile(pattern: string): RE2JS | Error {
  let c = compiled.get(pattern);
  if (!c) {
    try {
      c =
        pattern.length > MAX_GUARD_PATTERN
          ? new Error(`longer than ${MAX_GUARD_PATTERN} characters`)
          : RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    } catch (e) {
      c = new Error(String((e as Error)?.message ?? e).replace(/^error parsing regexp:\s*/, ''));
    }
    if (compiled.size > 50) compiled.clear();
    compiled.set(pattern, c);
  }
  return c;
}

/** Decide whether a target needs the confirmation. `pattern` is the setting's value (any type). */
export function productionVerdict(target: GuardTarget | string, pattern: unknown = DEFAULT_PRODUCTION_PATTERN): GuardVerdict {
  const t: GuardTarget = typeof target === 'string' ? { context: target } : target;
  if (typeof pattern !== 'string') {
    const why = `${GUARD_SETTING} is not a string`;
    return { production: true, invalidPattern: why, reason: `${why}, so every context is treated as production` };
  }
  if (pattern.trim() === '') return { production: false, reason: `${GUARD_SETTING} is empty (the guard is off)` };
  const re = compile(pattern);
  if (re instanceof Error) {
    const why = `${GUARD_SETTING} ("${pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern}") is not a valid regular expression (${re.message})`;
    return { production: true, invalidPattern: why, reason: `${why}, so every context is treated as production` };
  }
  const fields: [string, string | undefined][] = [
    ['context', t.context],
    ['cluster', t.cluster],
    ['server', t.server === undefined ? undefined : stripUserinfo(t.server)],
  ];
  for (const [what, value] of fields) {
    if (value === undefined || value === '') continue;
    if (value.length > MAX_GUARD_INPUT)
      return {
        production: true,
        reason: `its ${what} name is too long to check (over ${MAX_GUARD_INPUT} characters), so it is treated as production`,
      };
    if (re.test(value))
      return {
        production: true,
        reason: `its ${what === 'server' ? 'server URL' : `${what} name`} "${value}" matches ${GUARD_SETTING} ("${pattern}")`,
      };
  }
  return { production: false, reason: `neither the context name, the cluster name nor the server URL matches ${GUARD_SETTING}` };
}

export function isProductionContext(target: GuardTarget | string, pattern: unknown = DEFAULT_PRODUCTION_PATTERN): boolean {
  return productionVerdict(target, pattern).production;
}

/** The confirmation question, or undefined when none is needed. */
export function confirmationNeeded(target: GuardTarget | string, pattern: unknown, action: string, count: number): string | undefined {
  const t: GuardTarget = typeof target === 'string' ? { context: target } : target;
  const v = productionVerdict(t, pattern === undefined ? DEFAULT_PRODUCTION_PATTERN : pattern);
  if (!v.production) return undefined;
  const objects = `${count} object${count === 1 ? '' : 's'}`;
  if (v.invalidPattern)
    return `${v.invalidPattern}: every context is treated as production until you fix it in your user settings. ${action} ${objects} to "${t.context}"?`;
  return `"${t.context}" looks like a production context: ${v.reason}. ${action} ${objects} to it?`;
}

/** What VS Code's `WorkspaceConfiguration.inspect` returns (the parts we read). */
export interface SettingInspection<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/**
 * The guard pattern from the setting's layers: the user's value, else the default. Workspace and folder
 * values are never used (the setting has application scope; this holds even where an older VS Code
 * would still merge them); `ignored` names them so the caller can say so.
 */
export function guardPatternFromSetting(i: SettingInspection<unknown> | undefined): { pattern: unknown; ignored: string[] } {
  const ignored: string[] = [];
  if (i?.workspaceValue !== undefined) ignored.push('workspace');
  if (i?.workspaceFolderValue !== undefined) ignored.push('workspace folder');
  const pattern =
    i?.globalValue !== undefined ? i.globalValue : i?.defaultValue !== undefined ? i.defaultValue : DEFAULT_PRODUCTION_PATTERN;
  return { pattern, ignored };
}

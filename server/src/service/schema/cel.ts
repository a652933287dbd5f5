/**
 * CEL rules of CRDs (`x-kubernetes-validations`), evaluated with @marcbachmann/cel-js. A rule is evaluated
 * only when it can be judged here: rules on `oldSelf` (transition rules need the live object), rules that
 * call a Kubernetes CEL library the evaluator lacks (quantity, url, ip, cidr, semver, format, ...), and rules
 * that fail to parse or evaluate are skipped, never reported. Only a rule that evaluates to `false` is a
 * finding.
 */
import { Environment } from '@marcbachmann/cel-js';

type Program = (vars: Record<string, unknown>) => unknown;

const env = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
  enableOptionalTypes: true,
  limits: { maxAstNodes: 5000, maxDepth: 60 },
});
const programs = new Map<string, Program | null>();

/** Kubernetes CEL extensions (and a few standard extensions) this evaluator does not implement. */
const UNSUPPORTED =
  /\b(quantity|isQuantity|url|isURL|ip|isIP|cidr|isCIDR|semver|isSemver|format\.\w+|authorizer|lowerAscii|upperAscii|replace|split|join|indexOf|lastIndexOf|substring|trim|reverse|sets\.\w+|lists\.\w+|math\.\w+|strings\.\w+|base64\.\w+|sort|sortBy|transformList|transformMap|transformMapEntry|getField)\s*\(/;

/** The compiled rule, or null when it cannot be judged here. */
function program(rule: string): Program | null {
  let p = programs.get(rule);
  if (p !== undefined) return p;
  p = null;
  if (!/\boldSelf\b/.test(rule) && !UNSUPPORTED.test(rule) && rule.length < 4000) {
    try {
      p = env.parse(rule) as unknown as Program;
    } catch {
      p = null;
    }
  }
  if (programs.size > 5000) programs.clear();
  programs.set(rule, p);
  return p;
}

/** true/false when the rule evaluated to a boolean; undefined when it was skipped or failed to evaluate. */
export function evaluateRule(rule: string, self: unknown): boolean | undefined {
  const p = program(rule);
  if (!p) return undefined;
  // The evaluator throws (and catches) an error for each absent field a `||` or `has` steps over; their stack
  // traces were most of the cost of checking a route with many rules, and nothing reads them.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const r = p({ self });
    return typeof r === 'boolean' ? r : undefined;
  } catch {
    return undefined;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

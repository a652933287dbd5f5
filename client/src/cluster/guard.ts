/**
 * The production guard: contexts whose name matches a configurable pattern need an explicit
 * confirmation before anything is applied. The pattern is a case-insensitive regular expression
 * (default `prod`, i.e. any name containing "prod"); an invalid expression is used as plain text.
 */
export const DEFAULT_PRODUCTION_PATTERN = 'prod';

export function isProductionContext(context: string, pattern: string = DEFAULT_PRODUCTION_PATTERN): boolean {
  if (!pattern) return false;
  try {
    return new RegExp(pattern, 'i').test(context);
  } catch {
    return context.toLowerCase().includes(pattern.toLowerCase());
  }
}

/** The confirmation question, or undefined when none is needed. */
export function confirmationNeeded(context: string, pattern: string | undefined, action: string, count: number): string | undefined {
  if (!isProductionContext(context, pattern ?? DEFAULT_PRODUCTION_PATTERN)) return undefined;
  return `"${context}" looks like a production context (matches eksManifests.cluster.productionContextPattern). ${action} ${count} object${count === 1 ? '' : 's'} to it?`;
}

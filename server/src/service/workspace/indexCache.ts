/**
 * A value derived from the workspace index, rebuilt only when objects of the kinds it reads change (the
 * per-kind generations of WorkspaceIndex). Modules build their cross-document tables with it instead of
 * keeping their own WeakMap + generation pairs.
 *
 *   const servicesByName = indexCache(['Service'], (index) => groupBy(index.byKind('Service'), (s) => s.name));
 *   servicesByName(ctx.index).get('web')
 *
 * `reads` must list every kind `build` reads (NAMESPACES_IN_USE for "which namespaces objects name"); a check
 * that uses the cache declares the same kinds in its own `reads`.
 */
import type { WorkspaceIndex } from './workspaceIndex';

export function indexCache<T>(reads: readonly string[], build: (index: WorkspaceIndex) => T): (index: WorkspaceIndex) => T {
  const cached = new WeakMap<WorkspaceIndex, { key: string; value: T }>();
  return (index) => {
    const key = index.kindsKey(reads);
    const c = cached.get(index);
    if (c && c.key === key) return c.value;
    const value = build(index);
    cached.set(index, { key, value });
    return value;
  };
}

/** Group objects by a key (objects without one are left out). */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const o of items) {
    const k = key(o);
    if (k === undefined) continue;
    const l = m.get(k);
    if (l) l.push(o);
    else m.set(k, [o]);
  }
  return m;
}

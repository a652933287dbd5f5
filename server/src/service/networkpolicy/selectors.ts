/** Label selectors in plain language (reading and matching live in model/labelSelector.ts). */

import type { Selector } from '../model/labelSelector';

export { readSelector, isEmptySelector, matches, type Selector, type SelectorExpr } from '../model/labelSelector';

/** `app=web and tier in (a, b)`; empty selector → undefined. */
export function selectorText(s: Selector): string | undefined {
  const parts: string[] = Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of s.expressions) {
    switch (e.operator) {
      case 'In': parts.push(e.values.length === 1 ? `${e.key}=${e.values[0]}` : `${e.key} in (${e.values.join(', ')})`); break;
      case 'NotIn': parts.push(e.values.length === 1 ? `${e.key}≠${e.values[0]}` : `${e.key} not in (${e.values.join(', ')})`); break;
      case 'Exists': parts.push(`label ${e.key} set`); break;
      case 'DoesNotExist': parts.push(`no label ${e.key}`); break;
      default: parts.push(`${e.key} ${e.operator} (${e.values.join(', ')})`);
    }
  }
  return parts.length ? parts.map((p) => '`' + p + '`').join(' and ') : undefined;
}

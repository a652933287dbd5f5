/**
 * Hover inside the annotation JSON: what a key does, its type, allowed values and a link; inside a weighted
 * forward action also the traffic split in percent.
 */
import { findNodeAtOffset, getNodePath } from 'jsonc-parser';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { CursorContext } from '../../features/cursor';
import { cursorJson, rootTypeOf, typeAt } from './jsonCursor';
import { typeLabel, type JType } from './schema';
import { splitText, weightedTargets } from './lens';
import { servicesAtCursor } from './definition';
import { servicePorts } from '../../model/service';

function allowed(t: JType | undefined): string | undefined {
  if (!t) return undefined;
  if (t.kind === 'string' && t.values) return `${t.valuesOpen ? 'Common values' : 'Allowed values'}: ${t.values.map((v) => `\`${v}\``).join(', ')}`;
  if (t.kind === 'int' && t.min !== undefined && t.max !== undefined) return `Range: ${t.min}–${t.max}`;
  if (t.kind === 'array') return allowed(t.items);
  return undefined;
}

export function hoverInJson(ctx: CursorContext): Hover | undefined {
  const c = cursorJson(ctx);
  if (!c || !c.ej.root) return undefined;
  const node = findNodeAtOffset(c.ej.root, c.off, true) ?? findNodeAtOffset(c.ej.root, Math.max(0, c.off - 1), true);
  if (!node) return undefined;
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  const keyPath = isKey && typeof node.value === 'string' ? [...getNodePath(node.parent!.parent ?? node), node.value] : getNodePath(node);
  const { field, name } = typeAt(rootTypeOf(c), keyPath);
  const lines: string[] = [];
  if (field && name) {
    lines.push(`**${name}** · ${typeLabel(field.type)}${field.required ? ' · required' : ''}`, '', field.doc);
    const al = allowed(field.type);
    if (al) lines.push('', al);
    if (isKey && node.value !== name) lines.push('', `Written \`${String(node.value)}\`: the controller matches keys case-insensitively, so this works.`);
  } else if (isKey) {
    lines.push(`**${String(node.value)}**`, '', 'Not a key the controller knows here: it is ignored silently.');
  }
  const inForward = c.a.kind === 'actions' && (keyPath.length === 0 || keyPath[0] === 'forwardConfig' || (keyPath[0] as string)?.toLowerCase?.() === 'forwardconfig' || keyPath[0] === 'type');
  const targets = inForward ? weightedTargets(c.ej.root) : undefined;
  if (targets) lines.push('', `**Traffic split:** ${splitText(targets)}`);
  const svc = !isKey ? servicesAtCursor(ctx) : undefined;
  if (svc) {
    const s = svc.services[0];
    lines.push('', s
      ? `Service \`${s.namespace ? s.namespace + '/' : ''}${s.name}\`: ports ${(servicePorts(s) ?? []).map((p) => `${p.port ?? '?'}${p.name ? ` (${p.name})` : ''}`).join(', ') || 'none listed'}`
      : `No Service \`${svc.name}\` in the workspace for this namespace.`);
  }
  if (field) lines.push('', `[Documentation](${field.link})`);
  if (!lines.length) return undefined;
  const [s, e] = c.ej.toSource(node.offset, node.length);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: ctx.chunk.toRange(s, e) };
}

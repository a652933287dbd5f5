/**
 * The engine's safety net for values that are not known yet (model/templates.ts): whatever a check reports,
 * no finding is published
 *
 * - on text that is (partly) a masked template action or a placeholder (`${VAR}`, `<value>`, …): its type,
 *   format and value are not there to judge (a finding about a whole map or list is not about its values);
 * - over a line where an action writes content YAML cannot see (`{{- include … | nindent 4 }}`);
 * - on a map or list into which an action may inject content (an open node), nor a missing-field finding
 *   ("absence" codes) about such a node, or about anything in a template when the check gave no node.
 *
 * Checks still read values through `knownString`/`isUnknownNode` where they combine several (one annotation
 * that reads another): this net only sees the node a finding is reported on.
 */
import { isMap, isPair, isScalar, isSeq, visit, type Node } from 'yaml';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { isUnknownText, someMaskedIn, type MaskedRegion } from '@shared/manifest/templates';
import type { DiagnosticCodeInfo } from '../diagnostics/types';

/** Codes whose findings say something is absent (a field, a value, an object): never on what a template may fill. */
export function isAbsenceCode(code: string, info: DiagnosticCodeInfo | undefined): boolean {
  return info?.absence === true || /^missing-/.test(code) || /-required$/.test(code);
}

/**
 * Whether a finding at chunk-relative [start, end) may be published. `node`: the node it was reported on
 * (undefined for explicit offsets); `resolved`: false when the check gave a path that does not exist, or
 * nothing, so the range is a fallback (the object's first line).
 */
export function keepFinding(
  obj: K8sObject,
  code: string,
  info: DiagnosticCodeInfo | undefined,
  node: Node | undefined,
  resolved: boolean,
  start: number,
  end: number,
): boolean {
  if (info?.readsTemplates && !/\/templates\//.test(obj.uri)) return true;
  const chunk = obj.chunk;
  const masked = chunk.masked;
  // Placeholders can be in any file; masked actions only in templates. A finding about a map or a list as a
  // whole (a missing name, a wrong shape) does not depend on the values inside it.
  const container = node !== undefined && (isMap(node) || isSeq(node));
  if (!container && isUnknownText(chunk.text.slice(start, Math.max(end, start + 1)))) return false;
  if (masked.length === 0) return true;
  if (writesInto(masked, start, end)) return false;
  if (!resolved) return !isAbsenceCode(code, info);
  if (node === undefined) return true;
  if ((isMap(node) || isSeq(node) || isEmptyScalar(node)) && obj.isOpen(node, emptyAfter(node))) return false;
  // A finding on a key is about its value too (`from:` "is empty" when an action writes the list under it).
  if (isScalar(node) && keyWithOpenValue(obj, node)) return false;
  if (isAbsenceCode(code, info)) {
    const container = containerOf(obj, node);
    if (container === 'root-open' || (container && obj.isOpen(container.node, container.after))) return false;
  }
  return true;
}

/** Whether [start, end) overlaps a line where an action writes content. */
function writesInto(masked: readonly MaskedRegion[], start: number, end: number): boolean {
  return someMaskedIn(masked, start, end, (m) => m.line && m.output);
}

/** Whether `node` is the key of a pair whose value a template may fill (empty with an action after it, or open). */
function keyWithOpenValue(obj: K8sObject, node: Node): boolean {
  let open = false;
  visit(obj.doc, {
    Pair(_k, pair) {
      if (pair.key !== node) return undefined;
      const v = pair.value as Node | null;
      const after = (node as { range?: number[] }).range?.[1];
      open = v === null || v === undefined ? obj.isOpen(undefined, after) : obj.isOpen(v, isEmptyScalar(v) ? after : undefined);
      return visit.BREAK;
    },
  });
  return open;
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && (node.value === null || node.value === undefined);
}

function emptyAfter(node: Node): number | undefined {
  return isEmptyScalar(node) ? node.range?.[0] : undefined;
}

/**
 * The map or list an absence finding is about: the node itself when it is one, the value of the pair whose
 * key it is (`labels:` reported on its key), else the map holding it (`kind` reported when apiVersion is
 * missing from the root map).
 */
function containerOf(obj: K8sObject, node: Node): { node: Node; after?: number } | 'root-open' | undefined {
  if (isMap(node) || isSeq(node)) return { node };
  const root = obj.root;
  if (!root) return undefined;
  let found: { node: Node; after?: number } | undefined;
  visit(obj.doc, {
    Pair(_key, pair, path) {
      if (pair.key === node) {
        const v = pair.value as Node | null;
        found =
          v && (isMap(v) || isSeq(v)) ? { node: v } : { node: parentOf(path) ?? root, after: (node as { range?: number[] }).range?.[1] };
        return visit.BREAK;
      }
      if (pair.value === node) {
        found = { node: parentOf(path) ?? root };
        return visit.BREAK;
      }
      return undefined;
    },
    Seq(_key, seq) {
      if (seq.items.includes(node as never)) {
        found = { node: seq };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (found === undefined) return undefined;
  // The root of a template is open when an action writes at its top level (a shared header, say).
  if (found.node === root && obj.isOpen(root)) return 'root-open';
  return found;
}

function parentOf(path: readonly unknown[]): Node | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const p = path[i];
    if (isMap(p) || isSeq(p)) return p as Node;
    if (isPair(p)) continue;
  }
  return undefined;
}

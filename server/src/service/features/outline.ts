/** The document outline: one entry per object (`Kind namespace/name`), children for its top-level parts. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { keyString, nodeRange, pairs } from '@shared/manifest/yamlNodes';
import type { LanguageModule } from '../module';
import type { ManifestFile } from '../workspace/workspaceIndex';

/** Keys whose own keys are listed one level deeper. */
const EXPANDED = new Set(['spec', 'data', 'metadata']);

export function documentSymbols(file: ManifestFile, modules: readonly LanguageModule[], log: (m: string) => void): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const obj of file.objects()) {
    if (!obj.isManifest) continue;
    const chunk = obj.chunk;
    const [s, e] = obj.documentOffsets();
    const range = chunk.toRange(s, e);
    const nr = nodeRange(obj.node(['metadata', 'name']) ?? obj.node(['kind']));
    const children = topLevelSymbols(obj);
    for (const m of modules) {
      try {
        const extra = m.symbols?.(obj);
        if (extra) children.push(...extra);
      } catch (err) {
        log(`symbols in ${m.id} failed: ${(err as Error).stack}`);
      }
    }
    out.push({
      name: obj.displayName,
      detail: obj.apiVersion,
      kind: SymbolKind.Class,
      range,
      selectionRange: nr ? chunk.toRange(nr[0], nr[1]) : range,
      children,
    });
  }
  return out;
}

function topLevelSymbols(obj: K8sObject): DocumentSymbol[] {
  const chunk = obj.chunk;
  const symbol = (
    name: string,
    kind: SymbolKind,
    key: unknown,
    value: unknown,
    children?: DocumentSymbol[],
  ): DocumentSymbol | undefined => {
    const kr = nodeRange(key);
    const vr = nodeRange(value) ?? kr;
    if (!kr || !vr) return undefined;
    return { name, kind, range: chunk.toRange(kr[0], Math.max(kr[1], vr[1])), selectionRange: chunk.toRange(kr[0], kr[1]), children };
  };
  const out: DocumentSymbol[] = [];
  for (const p of pairs(obj.root)) {
    const k = keyString(p);
    if (!k || k === 'apiVersion' || k === 'kind') continue;
    const sub: DocumentSymbol[] = [];
    if (EXPANDED.has(k)) {
      for (const q of pairs(p.value)) {
        const qk = keyString(q);
        const s = qk ? symbol(qk, SymbolKind.Field, q.key, q.value) : undefined;
        if (s) sub.push(s);
      }
    }
    const s = symbol(k, k === 'metadata' ? SymbolKind.Namespace : SymbolKind.Field, p.key, p.value, sub);
    if (s) out.push(s);
  }
  return out;
}

/**
 * Editor features at a cursor, asked of every module in order: completion items are merged, the first hover
 * and definition answer wins, code lenses are collected per object. A module that throws is logged and
 * skipped; the others still answer.
 */
import type { CodeLens, CompletionItem, CompletionList, Hover, Location } from 'vscode-languageserver-types';
import type { FileContext, LanguageModule } from '../module';
import type { CursorContext } from './cursor';

type Log = (message: string) => void;

function attempt<T>(log: Log, what: string, m: LanguageModule, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    log(`${what} in ${m.id} failed: ${(err as Error).stack}`);
    return undefined;
  }
}

export function complete(modules: readonly LanguageModule[], ctx: CursorContext, log: Log): CompletionList {
  const items: CompletionItem[] = [];
  for (const m of modules) {
    const got = attempt(log, 'completion', m, () => m.complete?.(ctx));
    if (got) for (const i of got) items.push({ ...i, data: { ...(i.data ?? {}), module: m.id } });
  }
  return { isIncomplete: false, items };
}

/** Documentation for an item, from the module that produced it (`data.module`). */
export function resolveCompletion(modules: readonly LanguageModule[], item: CompletionItem, log: Log): CompletionItem {
  const id = (item.data as { module?: string } | undefined)?.module;
  const m = modules.find((x) => x.id === id);
  if (!m?.resolveCompletion) return item;
  return attempt(log, 'completion resolve', m, () => m.resolveCompletion!(item)) ?? item;
}

export function hover(modules: readonly LanguageModule[], ctx: CursorContext, log: Log): Hover | undefined {
  for (const m of modules) {
    const h = attempt(log, 'hover', m, () => m.hover?.(ctx));
    if (h) return h;
  }
  return undefined;
}

export function definition(modules: readonly LanguageModule[], ctx: CursorContext, log: Log): Location[] {
  for (const m of modules) {
    const d = attempt(log, 'definition', m, () => m.definition?.(ctx));
    if (d && d.length) return d;
  }
  return [];
}

export function codeLenses(modules: readonly LanguageModule[], ctx: FileContext, log: Log, isCancelled?: () => boolean): CodeLens[] {
  const out: CodeLens[] = [];
  for (const obj of ctx.file.objects()) {
    if (isCancelled?.()) return [];
    if (!obj.isManifest) continue;
    for (const m of modules) {
      const got = attempt(log, 'code lens', m, () => m.codeLenses?.(ctx, obj));
      if (got) for (const l of got) out.push(l.command ? l : { ...l, data: { ...(l.data ?? {}), module: m.id, uri: ctx.file.uri } });
    }
  }
  return out;
}

/** The command of a lens returned without one, from the module that produced it (`data.module`). */
export function resolveCodeLens(modules: readonly LanguageModule[], lens: CodeLens, ctx: FileContext | undefined, log: Log): CodeLens {
  const id = (lens.data as { module?: string } | undefined)?.module;
  const m = modules.find((x) => x.id === id);
  if (!m?.resolveCodeLens || !ctx) return lens;
  return attempt(log, 'code lens resolve', m, () => m.resolveCodeLens!(lens, ctx)) ?? lens;
}

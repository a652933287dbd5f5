/**
 * A cluster rejection as problems on the fields it names, in plain words. The API server names fields in
 * three ways, all handled here:
 * - validation (422): `details.causes[].field`, e.g. `spec.template.spec.containers[0].ports[0].containerPort`;
 * - server-side apply's typed patch (500 before Kubernetes 1.2x, 422 after): the message lists
 *   `.spec.ports[port="abc",protocol="TCP"].port: expected numeric (int or float), got *value.valueUnstructured`,
 *   one per line under `errors:`; list elements are named by their keys, which we look up in the file;
 * - field-manager conflicts (409): causes with `.spec.replicas`-style fields.
 * "namespaces "x" not found" points at `metadata.namespace`, an unknown apiVersion/kind at `apiVersion`, and
 * anything else at `metadata.name` (the object, without underlining all of it).
 * Go's own notation (`&value.valueUnstructured{Value:1}`, `map[string]string{"a":"b"}`) is rewritten with
 * what the file actually holds at that field.
 */
import type { ClusterError } from './errors';

export interface FieldProblem {
  /** Canonical field path for `ManifestDoc.rangeOfField` (`spec.ports[0].port`); the deepest part that exists in the file. */
  field: string;
  message: string;
}

type Seg = string | number | { keys: [string, unknown][] };

/** Splits `.spec.ports[port="abc",protocol="TCP"].port` or `spec.containers[0].image` into segments. */
export function parseServerPath(path: string): Seg[] | undefined {
  const out: Seg[] = [];
  let i = path.startsWith('.') ? 1 : 0;
  while (i < path.length) {
    if (path[i] === '.') {
      i++;
      continue;
    }
    if (path[i] === '[') {
      const end = closingBracket(path, i);
      if (end < 0) return undefined;
      const inner = path.slice(i + 1, end);
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else {
        const keys = selectorKeys(inner);
        if (!keys) out.push(unquote(inner));
        else out.push({ keys });
      }
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}

function closingBracket(s: string, open: number): number {
  let quoted = false;
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ']') return i;
  }
  return -1;
}

/** `port="abc",protocol="TCP"` / `name="c"` / `="x"` (a set) → [key, value] pairs; undefined when not a selector. */
function selectorKeys(inner: string): [string, unknown][] | undefined {
  const keys: [string, unknown][] = [];
  const re = /\s*([A-Za-z0-9_-]*)=("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)\s*(,|$)/y;
  let pos = 0;
  while (pos < inner.length) {
    re.lastIndex = pos;
    const m = re.exec(inner);
    if (!m) return undefined;
    let v: unknown;
    try {
      v = JSON.parse(m[2]);
    } catch {
      return undefined;
    }
    keys.push([m[1], v]);
    pos = re.lastIndex;
    if (!m[3]) break;
  }
  return keys.length ? keys : undefined;
}

const unquote = (s: string) => s.replace(/^["']|["']$/g, '');

const same = (a: unknown, b: unknown) => a === b || (a !== undefined && a !== null && b !== null && String(a) === String(b));

/**
 * Resolves server segments against the file's object: selectors become indexes. Returns the canonical
 * path of the deepest part that exists, the value there, and whether the whole path exists.
 */
export function resolvePath(obj: unknown, segs: Seg[]): { field: string; value: unknown; complete: boolean } {
  let cur: unknown = obj;
  let field = '';
  for (const s of segs) {
    let next: unknown;
    let part: string;
    if (typeof s === 'number') {
      if (!Array.isArray(cur) || s >= cur.length) return { field, value: cur, complete: false };
      next = cur[s];
      part = `[${s}]`;
    } else if (typeof s === 'string') {
      if (!cur || typeof cur !== 'object' || Array.isArray(cur) || !(s in (cur as object))) return { field, value: cur, complete: false };
      next = (cur as Record<string, unknown>)[s];
      part = /^[A-Za-z0-9_-]+$/.test(s) ? `${field ? '.' : ''}${s}` : `[${s}]`;
    } else {
      if (!Array.isArray(cur)) return { field, value: cur, complete: false };
      const idx = cur.findIndex((el) =>
        s.keys.every(([k, v]) => (k === '' ? same(el, v) : !!el && typeof el === 'object' && same((el as Record<string, unknown>)[k], v))),
      );
      if (idx < 0) return { field, value: cur, complete: false };
      next = cur[idx];
      part = `[${idx}]`;
    }
    field += part;
    cur = next;
  }
  return { field, value: cur, complete: true };
}

/** What a value is, for a person: `the number 1`, `the string "abc"`, `a map`. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'empty (null)';
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v)}`;
  if (Array.isArray(v)) return 'a list';
  return 'a map';
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  'numeric (int or float)': 'a number',
  numeric: 'a number',
  int: 'an integer',
  float: 'a number',
  bool: 'a boolean (true or false)',
  boolean: 'a boolean (true or false)',
  map: 'a map (key: value lines)',
  list: 'a list (lines starting with "-")',
};

/** Go's notation in a server message, in plain words (without knowing the value). */
export function plainServerText(msg: string): string {
  return msg
    .replace(/^failed to create typed patch object(?: \([^)]*\))?:\s*/i, '')
    .replace(/&value\.valueUnstructured\{Value:(.*?)\}(?=$|[\s,;\]])/g, (_, v: string) => goValue(v))
    .replace(/\*value\.valueUnstructured/g, 'a value of another type')
    .replace(/map\[string\](?:string|interface \{\})\{(.*?)\}/g, (_, body: string) => `{${body.replace(/"([^"]*)":/g, '$1: ')}}`)
    .replace(/\[\]string\{(.*?)\}/g, '[$1]');
}

function goValue(v: string): string {
  if (/^-?\d+(\.\d+)?$/.test(v)) return `the number ${v}`;
  if (v === 'true' || v === 'false') return `the boolean ${v}`;
  if (v.startsWith('map[')) return 'a map';
  if (v.startsWith('[]')) return 'a list';
  return v;
}

/** One typed-patch line `.path: expected X, got Y` → field + plain message, using the file's value. */
function typedPatchProblem(obj: unknown, path: string, text: string): FieldProblem | undefined {
  const segs = parseServerPath(path);
  if (!segs) return undefined;
  const element = /^element (\d+): (.*)$/s.exec(text);
  if (element) {
    segs.push(Number(element[1]));
    text = element[2];
  }
  const r = resolvePath(obj, segs);
  const shown = r.field || path.replace(/^\./, '');
  const m = /^expected ([\w ()]+?), got (.*)$/s.exec(text);
  if (m && r.complete) {
    const want = EXPECTED[m[1]] ?? m[1];
    const fix =
      want === 'a string' && (typeof r.value === 'number' || typeof r.value === 'boolean') ? ` Quote it: "${String(r.value)}".` : '';
    return { field: r.field, message: `${shown} must be ${want}, but the file has ${describeValue(r.value)}.${fix}` };
  }
  const omits = /associative list with keys has an element that omits key field "([^"]+)"/.exec(text);
  if (omits) {
    return {
      field: r.field,
      message: `${shown} has no "${omits[1]}", which server-side apply needs to tell the list's items apart${omits[1] === 'protocol' ? ' (Kubernetes before 1.21): add `protocol: TCP`' : `: add \`${omits[1]}\``}.`,
    };
  }
  return { field: r.field, message: `${shown}: ${plainServerText(text)}` };
}

/** The `.path: text` lines of a typed-patch error (after `errors:` when there are several). */
function typedPatchLines(msg: string): { path: string; text: string }[] {
  const body = msg.replace(/^[\s\S]*?failed to create typed patch object(?: \([^)]*\))?:\s*/i, '').replace(/^errors:\s*/i, '');
  const out: { path: string; text: string }[] = [];
  for (const line of body.split('\n')) {
    const l = line.trim();
    if (!l.startsWith('.')) continue;
    // the path ends at the first ": " outside brackets and quotes
    let depth = 0,
      quoted = false,
      end = -1;
    for (let i = 0; i < l.length - 1; i++) {
      const c = l[i];
      if (quoted) {
        if (c === '\\') i++;
        else if (c === '"') quoted = false;
        continue;
      }
      if (c === '"') quoted = true;
      else if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === ':' && depth === 0 && l[i + 1] === ' ') {
        end = i;
        break;
      }
    }
    if (end > 0) out.push({ path: l.slice(0, end), text: l.slice(end + 2) });
  }
  return out;
}

/**
 * The problems of one rejected object, each on the field it concerns (`obj`: the object as sent, to look
 * up keyed list elements and the values the file has; `label`: `Kind namespace/name`, first in each message).
 */
export function fieldProblems(err: ClusterError, obj: Record<string, unknown>, label: string): FieldProblem[] {
  const server = err.details.serverMessage ?? err.message;
  const metadata = (obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {}) as Record<string, unknown>;
  const fallback = 'name' in metadata ? 'metadata.name' : '';
  if (err.kind === 'unknown-kind') return [{ field: 'apiVersion', message: `${label}: ${err.message}` }];
  const ns = err.kind === 'not-found' && /namespaces? "([^"]+)" not found/.exec(server);
  if (ns) {
    const inFile = typeof metadata.namespace === 'string';
    return [
      {
        field: inFile ? 'metadata.namespace' : fallback,
        message: `${label}: namespace "${ns[1]}" does not exist on the cluster${inFile ? '' : " (it is the context's default namespace: this file sets none)"}. Create it first, or apply its Namespace manifest together with this file.`,
      },
    ];
  }
  const withField = (err.details.causes ?? []).filter((c) => c.field);
  if (withField.length) {
    return withField.map((c) => {
      const segs = parseServerPath(c.field!);
      const r = segs ? resolvePath(obj, segs) : { field: '', complete: false, value: undefined };
      const where = c.field!.replace(/^\./, '');
      const conflict = c.reason === 'FieldManagerConflict';
      const text = conflict
        ? `${where} is managed by another field manager (${plainServerText(c.message)}); "Apply with Force" takes it over`
        : `${where}: ${plainServerText(c.message)}`;
      return { field: r.field || fallback, message: `${label}: ${text}` };
    });
  }
  const lines = typedPatchLines(server);
  const typed = lines.map((l) => typedPatchProblem(obj, l.path, l.text)).filter((p): p is FieldProblem => !!p);
  if (typed.length) return typed.map((p) => ({ field: p.field || fallback, message: `${label}: ${p.message}` }));
  return [{ field: fallback, message: `${label}: ${plainServerText(err.message)}` }];
}

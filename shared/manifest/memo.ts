/**
 * Typed memos. A chunk (one `---` document's text) and each K8sObject keep a Memo for results that depend
 * only on that text: they live exactly as long as the text is unchanged (YamlFile reuses unchanged chunks),
 * so no generation key is needed. Keys are objects, so two modules cannot collide on a name.
 */

/** A typed key; create one per kind of memoised value, at module level. */
export class MemoKey<T> {
  /** Only for typing: a key carries the type of its value. */
  declare private readonly valueType: T;
  constructor(readonly name: string) {}
}

export class Memo {
  private readonly values = new Map<MemoKey<unknown>, unknown>();

  get<T>(key: MemoKey<T>): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  has<T>(key: MemoKey<T>): boolean {
    return this.values.has(key);
  }

  set<T>(key: MemoKey<T>, value: T): void {
    this.values.set(key, value);
  }

  delete<T>(key: MemoKey<T>): void {
    this.values.delete(key);
  }

  /** The memoised value, computed once (an `undefined` result is memoised too). */
  getOrCreate<T>(key: MemoKey<T>, make: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const v = make();
    this.values.set(key, v);
    return v;
  }
}

/**
 * Polling for a condition, for the end-to-end tests (Node side and inside the extension host): never a
 * fixed delay. No dependencies, so the extension-host suites can bundle it.
 */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export type Probe<T> = () => Promise<T | undefined | false> | T | undefined | false;

/** Polls `probe` until it returns a truthy value; on timeout throws with the last value or error seen. */
export async function waitFor<T>(what: string, probe: Probe<T>, timeoutMs = 60000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as T;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
      );
    await sleep(everyMs);
  }
}

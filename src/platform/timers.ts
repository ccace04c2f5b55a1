/** Time and timers, injected so the poller runs on a fake clock in tests. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** `base`, counting the timers that are set and have neither fired nor been cleared (a leak shows as a count that grows). */
export function countingTimers(base: Timers): Timers & { readonly active: number } {
  const pending = new Set<unknown>();
  return {
    now: () => base.now(),
    setTimeout(callback, ms) {
      const handle: unknown = base.setTimeout(() => {
        pending.delete(handle);
        callback();
      }, ms);
      pending.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle);
      base.clearTimeout(handle);
    },
    get active() {
      return pending.size;
    },
  };
}

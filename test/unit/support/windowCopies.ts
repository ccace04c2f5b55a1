import type { KeyValueStore } from '../../../src/platform/keyValueStore';

/**
 * `globalState` as VS Code keeps it for several windows: one database every window writes whole values to
 * (the last write of a key wins), and a copy per window, which is what `get` reads. A window's own writes
 * reach its copy at once; another window's reach it only when `deliver()` says so, in the order they were
 * made. Until then its copy is stale, and a write it makes from that copy drops what it has not seen.
 */
export class WindowCopies {
  private readonly database = new Map<string, string>();
  private readonly copies: Array<Map<string, string>> = [];
  private pending: Array<{ from: Map<string, string>; key: string; text: string | undefined }> = [];
  writes = 0;

  /** A window that opens now: its copy starts as the database is. */
  window(): KeyValueStore {
    const copy = new Map(this.database);
    this.copies.push(copy);
    return {
      get: <T>(key: string): T | undefined => parse<T>(copy.get(key)),
      update: async (key: string, value: unknown): Promise<void> => {
        this.writes += 1;
        const text = value === undefined ? undefined : JSON.stringify(value);
        set(copy, key, text);
        set(this.database, key, text);
        this.pending.push({ from: copy, key, text });
      },
    };
  }

  /** Every write made so far reaches every other window's copy. */
  deliver(): void {
    const pending = this.pending;
    this.pending = [];
    for (const { from, key, text } of pending) {
      for (const copy of this.copies) {
        if (copy !== from) set(copy, key, text);
      }
    }
  }

  /** What the database holds: what a window opened now would read. */
  stored<T>(key: string): T | undefined {
    return parse<T>(this.database.get(key));
  }
}

function parse<T>(text: string | undefined): T | undefined {
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

function set(map: Map<string, string>, key: string, text: string | undefined): void {
  if (text === undefined) map.delete(key);
  else map.set(key, text);
}

import type { KeyValueStore } from '../../../src/platform/keyValueStore';

/**
 * `globalState` in memory, JSON in and out as a Memento stores it. `failWrites` makes every update reject,
 * as a full disk would; `snapshot()` copies it, as a reload would find it.
 */
export class MemoryStore implements KeyValueStore {
  failWrites = false;
  writes = 0;

  constructor(private readonly data = new Map<string, string>()) {}

  get<T>(key: string): T | undefined {
    const text = this.data.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async update(key: string, value: unknown): Promise<void> {
    this.writes += 1;
    if (this.failWrites) {
      throw new Error('disk full');
    }
    if (value === undefined) {
      this.data.delete(key);
    } else {
      this.data.set(key, JSON.stringify(value));
    }
  }

  snapshot(): MemoryStore {
    return new MemoryStore(new Map(this.data));
  }
}

import type { KeyValueStore } from '../../../src/records/inFlightStore';

/** `globalState` in memory; `failWrites` makes every update reject, as a full disk would. */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  failWrites = false;
  writes = 0;

  get<T>(key: string): T | undefined {
    const value = this.data.get(key);
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as T);
  }

  async update(key: string, value: unknown): Promise<void> {
    this.writes += 1;
    if (this.failWrites) {
      throw new Error('disk full');
    }
    // Mementos store JSON: keep only what survives it.
    this.data.set(key, value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  }
}

import type { KeyValueStore } from '../../../src/execute/choiceMemory';

/** globalState in memory, JSON in and out as a Memento stores it; `snapshot()` copies it, as a reload would find it. */
export class MemoryStore implements KeyValueStore {
  constructor(private readonly data = new Map<string, string>()) {}

  get<T>(key: string): T | undefined {
    const text = this.data.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async update(key: string, value: unknown): Promise<void> {
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

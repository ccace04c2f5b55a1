/** The part of VS Code's `Memento` (globalState) the extension's stores use, so they are tested without VS Code. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

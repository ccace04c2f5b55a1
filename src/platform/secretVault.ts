/**
 * Where values are kept that must never reach `globalState`, `workspaceState` or a file of the extension:
 * VS Code's `SecretStorage` (`context.secrets`), which the operating system's keychain backs on desktop.
 */
export interface SecretVault {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** A vault in memory: what it holds is gone with the process (a store used alone, tests). */
export function memoryVault(): SecretVault {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key),
    store: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
}

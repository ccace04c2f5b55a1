import type { KeyValueStore } from '../platform/keyValueStore';

const storageKey = 'serviceCatalog.accountFilters';

/** A filter of the accounts of each IAM Identity Center source (text found in an account's name or id), kept across sessions. */
export class AccountFilters {
  constructor(private readonly store: KeyValueStore) {}

  get size(): number {
    return Object.keys(this.all()).length;
  }

  get(source: string): string | undefined {
    return this.all()[source];
  }

  async set(source: string, text: string | undefined): Promise<void> {
    const filters = { ...this.all() };
    if (text?.trim()) {
      filters[source] = text.trim();
    } else {
      delete filters[source];
    }
    await this.store.update(storageKey, filters);
  }

  async clear(): Promise<void> {
    await this.store.update(storageKey, {});
  }

  private all(): Record<string, string> {
    return this.store.get<Record<string, string>>(storageKey) ?? {};
  }
}

/** Whether an account passes a filter: the text, without regard to case, in its name or its id. */
export function accountMatches(account: { accountId: string; accountName: string }, filter: string | undefined): boolean {
  if (!filter) return true;
  const text = filter.toLowerCase();
  return account.accountId.includes(text) || account.accountName.toLowerCase().includes(text);
}

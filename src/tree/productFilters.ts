import type { KeyValueStore } from '../platform/keyValueStore';

const storageKey = 'serviceCatalog.productFilters';

/** A `SearchQuery` per profile (for example `status:AVAILABLE` or `name:payments`), kept across sessions. */
export class ProductFilters {
  constructor(private readonly store: KeyValueStore) {}

  get size(): number {
    return Object.keys(this.all()).length;
  }

  get(profile: string): string | undefined {
    return this.all()[profile];
  }

  all(): Record<string, string> {
    return this.store.get<Record<string, string>>(storageKey) ?? {};
  }

  async set(profile: string, query: string | undefined): Promise<void> {
    const filters = { ...this.all() };
    if (query?.trim()) {
      filters[profile] = query.trim();
    } else {
      delete filters[profile];
    }
    await this.store.update(storageKey, filters);
  }

  async clear(): Promise<void> {
    await this.store.update(storageKey, {});
  }

  /** "dev: status:AVAILABLE · prod: name:web", for the view's description. */
  describe(): string {
    return Object.entries(this.all())
      .map(([profile, query]) => `${profile}: ${query}`)
      .join(' · ');
  }
}

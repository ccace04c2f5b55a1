import type { KeyValueStore } from '../platform/keyValueStore';
import { viewFilterOf, type ViewFilter } from '../catalog/viewFilter';

const storageKey = 'serviceCatalog.viewFilter';

/** Filter All's filter of the whole view, kept across sessions. */
export class ViewFilterStore {
  constructor(private readonly store: KeyValueStore) {}

  get(): ViewFilter | undefined {
    return viewFilterOf(this.store.get<unknown>(storageKey));
  }

  async set(filter: ViewFilter | undefined): Promise<void> {
    await this.store.update(storageKey, viewFilterOf(filter));
  }
}

import type { KeyValueStore } from '../../platform/keyValueStore';
import { activityStates, type ActivityState } from './activity';

/**
 * The statuses the Activity view of a window shows, kept in that window's `workspaceState` so a reload
 * shows the same: each window has its own filter. What is read back is checked: unknown states are
 * dropped, and a filter of none or of every state is no filter. No vscode import.
 */
export const activityFilterStorageKey = 'serviceCatalog.activity.statusFilter.v1';

/** The filter as the view holds it: undefined when every state shows (no states, or all of them, mean the same). */
export function normalizeActivityFilter(states: Iterable<unknown> | undefined): ReadonlySet<ActivityState> | undefined {
  const known = new Set(states ? [...states].filter((state): state is ActivityState => activityStates.includes(state as ActivityState)) : []);
  return known.size > 0 && known.size < activityStates.length ? known : undefined;
}

/** The filter this window kept, checked; undefined when it kept none or nothing usable. */
export function readActivityFilter(storage: KeyValueStore): ReadonlySet<ActivityState> | undefined {
  const stored = storage.get<unknown>(activityFilterStorageKey);
  return Array.isArray(stored) ? normalizeActivityFilter(stored) : undefined;
}

/** Keeps the filter (in the order of `activityStates`), or removes it when every state shows. */
export function saveActivityFilter(storage: KeyValueStore, states: ReadonlySet<ActivityState> | undefined): PromiseLike<void> {
  const filter = normalizeActivityFilter(states);
  return storage.update(activityFilterStorageKey, filter ? activityStates.filter((state) => filter.has(state)) : undefined);
}

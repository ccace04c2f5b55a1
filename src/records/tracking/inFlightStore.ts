import type { AwsFiles } from '../../aws/configFiles';
import type { KeyValueStore } from '../../platform/keyValueStore';
import type { Logger } from '../../platform/logger';
import { OwnedList } from '../../platform/ownedList';
import type { Timers } from '../../platform/timers';
import type { WindowOwner } from '../../platform/windowOwnership';
import { isParameters, sanitizeOrigin } from './recordOrigin';
import { recordKey, type RecordOrigin, type RecordRef } from '../../catalog/records';

/** A record being watched, as persisted: ids, names and the parameters the user typed; never credentials. */
export interface InFlightEntry {
  ref: RecordRef;
  origin: RecordOrigin;
  /** When the extension started watching it (epoch ms): the poll schedule continues from there after a reload. */
  watchedSince: number;
  /** The status changes seen so far (at most the last 20), so the panel's history survives a reload. */
  statusHistory?: Array<{ status: string; seenAt: number }>;
  /** Whose AWS files the record was seen through; the user's when absent (entries of older versions too). */
  files?: AwsFiles;
}

const maxHistory = 20;

export const inFlightStorageKey = 'serviceCatalog.records.inFlight.v1';

export interface InFlightStoreLimits {
  maxEntries: number;
  /** Entries watched for longer than this are dropped: a record stuck that long is not coming back. */
  maxAgeMs: number;
}

export const defaultInFlightLimits: InFlightStoreLimits = { maxEntries: 50, maxAgeMs: 3 * 24 * 60 * 60 * 1000 };

export interface InFlightStoreOptions {
  /** The window this store runs in: each entry is its window's (see `WindowOwnership`). */
  window: WindowOwner;
  timers: Timers;
  limits?: InFlightStoreLimits;
  /** How long a claim on a closed window's entries settles (see `OwnedList.adoptOrphans`). */
  settleMs?: number;
  log?: Logger;
}

/**
 * The records in flight, kept in the extension's global state so that a reload resumes watching them.
 * Every window of VS Code shares that state: each entry names the window that saves it, a window resumes
 * only its own entries and takes over those of closed windows (see `OwnedList`). Reads validate every
 * entry, because the stored data may come from an older version or be damaged.
 */
export class InFlightStore {
  private readonly list: OwnedList<InFlightEntry>;

  constructor(storage: KeyValueStore, options: InFlightStoreOptions) {
    const limits = options.limits ?? defaultInFlightLimits;
    this.list = new OwnedList<InFlightEntry>({
      storage,
      key: inFlightStorageKey,
      window: () => options.window,
      timers: options.timers,
      settleMs: options.settleMs,
      log: options.log,
      idOf: (entry) => recordKey(entry.ref),
      parse: (value) => (isInFlightEntry(value) ? sanitizeEntry(value) : undefined),
      limit: (entries) => {
        const oldest = options.timers.now() - limits.maxAgeMs;
        const recent = entries.filter((entry) => entry.item.watchedSince >= oldest);
        return recent.slice(Math.max(0, recent.length - limits.maxEntries));
      },
    });
  }

  /** Every valid, recent entry, of every window, newest last. */
  all(): InFlightEntry[] {
    return this.list.entries().map((entry) => entry.item);
  }

  /** The entries this window resumes at once: its own, saved before a reload (or a restart). */
  mine(): InFlightEntry[] {
    return this.list.mine();
  }

  /** Takes over the entries of windows that are gone; resolves with those this window now follows. */
  adoptOrphans(): Promise<InFlightEntry[]> {
    return this.list.adoptOrphans();
  }

  /** Adds or replaces the entry of a record, as this window's. */
  put(entry: InFlightEntry): Promise<void> {
    return this.list.put(sanitizeEntry(entry));
  }

  remove(ref: RecordRef): Promise<void> {
    return this.list.remove(recordKey(ref));
  }

  /** Resolves once every write asked for so far has settled, written or failed (never rejects: `put` says whether one was saved). */
  flushed(): Promise<void> {
    return this.list.flushed();
  }

  dispose(): void {
    this.list.dispose();
  }
}


/** Keeps only the known fields, so nothing else an entry or its origin carries is ever written. */
export function sanitizeEntry(entry: InFlightEntry): InFlightEntry {
  return {
    ref: { profile: entry.ref.profile, region: entry.ref.region, recordId: entry.ref.recordId },
    origin: sanitizeOrigin(entry.origin),
    watchedSince: entry.watchedSince,
    ...(entry.statusHistory ? { statusHistory: entry.statusHistory.slice(-maxHistory).map(({ status, seenAt }) => ({ status, seenAt })) } : {}),
    ...(entry.files === 'sandbox' ? { files: 'sandbox' as const } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHistory(value: unknown): value is InFlightEntry['statusHistory'] {
  return (
    Array.isArray(value) &&
    value.every((item) => isObject(item) && typeof item.status === 'string' && typeof item.seenAt === 'number' && Number.isFinite(item.seenAt))
  );
}

function isInFlightEntry(value: unknown): value is InFlightEntry {
  if (!isObject(value) || !isObject(value.ref) || !isObject(value.origin)) {
    return false;
  }
  const { ref, origin } = value;
  const optionalString = (field: unknown) => field === undefined || typeof field === 'string';
  return (
    typeof ref.profile === 'string' &&
    ref.profile !== '' &&
    typeof ref.region === 'string' &&
    ref.region !== '' &&
    typeof ref.recordId === 'string' &&
    ref.recordId !== '' &&
    typeof value.watchedSince === 'number' &&
    Number.isFinite(value.watchedSince) &&
    (value.statusHistory === undefined || isHistory(value.statusHistory)) &&
    (value.files === undefined || value.files === 'user' || value.files === 'sandbox') &&
    ['provisionedProductId', 'provisionedProductName', 'productName', 'serviceActionId', 'serviceActionName', 'accountId'].every((key) =>
      optionalString(origin[key]),
    ) &&
    (origin.parameters === undefined || isParameters(origin.parameters))
  );
}

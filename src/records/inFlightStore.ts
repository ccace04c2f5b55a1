import type { KeyValueStore } from '../platform/keyValueStore';
import { isParameters, sanitizeOrigin } from './recordOrigin';
import type { RecordOrigin, RecordRef } from './recordTypes';


/** A record being watched, as persisted: ids, names and the parameters the user typed; never credentials. */
export interface InFlightEntry {
  ref: RecordRef;
  origin: RecordOrigin;
  /** When the extension started watching it (epoch ms): the poll schedule continues from there after a reload. */
  watchedSince: number;
  /** The status changes seen so far (at most the last 20), so the panel's history survives a reload. */
  statusHistory?: Array<{ status: string; seenAt: number }>;
}

const maxHistory = 20;

export const inFlightStorageKey = 'serviceCatalog.records.inFlight.v1';

export interface InFlightStoreLimits {
  maxEntries: number;
  /** Entries watched for longer than this are dropped: a record stuck that long is not coming back. */
  maxAgeMs: number;
}

export const defaultInFlightLimits: InFlightStoreLimits = { maxEntries: 50, maxAgeMs: 3 * 24 * 60 * 60 * 1000 };

/**
 * The records in flight, kept in the extension's global state so that a reload resumes watching them.
 * Writes are serialised; reads validate every entry, because the stored data may come from an older
 * version or be damaged.
 */
export class InFlightStore {
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: KeyValueStore,
    private readonly now: () => number,
    private readonly limits: InFlightStoreLimits = defaultInFlightLimits,
  ) {}

  /** The valid, recent entries, newest last. */
  load(): InFlightEntry[] {
    return this.clean(this.storage.get<unknown>(inFlightStorageKey));
  }

  /** Adds or replaces the entry of a record. */
  save(entry: InFlightEntry): Promise<void> {
    return this.change((entries) => [...entries.filter((other) => !sameRef(other.ref, entry.ref)), sanitizeEntry(entry)]);
  }

  remove(ref: RecordRef): Promise<void> {
    return this.change((entries) => entries.filter((other) => !sameRef(other.ref, ref)));
  }

  /** Resolves once every write asked for so far has reached the storage. */
  flushed(): Promise<void> {
    return this.writes;
  }

  private change(edit: (entries: InFlightEntry[]) => InFlightEntry[]): Promise<void> {
    const write = this.writes.then(async () => {
      const next = this.clean(edit(this.load()));
      await this.storage.update(inFlightStorageKey, next);
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  private clean(value: unknown): InFlightEntry[] {
    if (!Array.isArray(value)) {
      return [];
    }
    const oldest = this.now() - this.limits.maxAgeMs;
    const valid = value.filter(isInFlightEntry).filter((entry) => entry.watchedSince >= oldest);
    const unique = valid.filter((entry, index) => valid.findIndex((other) => sameRef(other.ref, entry.ref)) === index);
    return unique.slice(Math.max(0, unique.length - this.limits.maxEntries));
  }
}

function sameRef(a: RecordRef, b: RecordRef): boolean {
  return a.recordId === b.recordId && a.profile === b.profile && a.region === b.region;
}

/** Keeps only the known fields, so nothing else an entry or its origin carries is ever written. */
function sanitizeEntry(entry: InFlightEntry): InFlightEntry {
  return {
    ref: { profile: entry.ref.profile, region: entry.ref.region, recordId: entry.ref.recordId },
    origin: sanitizeOrigin(entry.origin),
    watchedSince: entry.watchedSince,
    ...(entry.statusHistory ? { statusHistory: entry.statusHistory.slice(-maxHistory).map(({ status, seenAt }) => ({ status, seenAt })) } : {}),
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
    ['provisionedProductId', 'provisionedProductName', 'productName', 'serviceActionId', 'serviceActionName', 'accountId'].every((key) =>
      optionalString(origin[key]),
    ) &&
    (origin.parameters === undefined || isParameters(origin.parameters))
  );
}

import type { AwsFiles } from '../../aws/configFiles';
import { silentLogger, type Logger } from '../../platform/logger';
import { sanitizeEntry, type InFlightEntry, type InFlightStore } from './inFlightStore';
import { recordKey, type RecordOrigin, type RecordRef, type RecordSnapshot } from '../../catalog/records';

/** What the tracker knows of a record that matters for after a reload. */
export interface RecordToKeep {
  ref: RecordRef;
  origin: RecordOrigin;
  /** When watching started (epoch ms): the poll schedule continues from there after a reload. */
  watchedSince: number;
  statusHistory: RecordSnapshot['statusHistory'];
  /** Seen running (from an execution, a reload or a poll) and still followed: not ended, not given up, not forgotten. */
  inFlight: boolean;
  /** Whose AWS files it was seen through. */
  files: AwsFiles;
}

/**
 * The persistence policy of live records: which records are saved for after a reload, what is saved,
 * when, and when it is removed. The tracker reports each record's state; this decides.
 *
 * - Saved: a record in flight (seen running and still followed). A record only looked at, or first
 *   seen already ended, is never saved.
 * - What: its ref, origin (ids, names, the parameters typed), when watching started and the status
 *   history; `InFlightStore` keeps only those fields, never credentials.
 * - When: as soon as it is known to be in flight, then again whenever what is saved changes (a new
 *   status, more of its origin); a poll that changes nothing writes nothing.
 * - Removed: once it is no longer followed: it ended, it was not found for good, its profile or region
 *   cannot be used, or it was forgotten (a sandbox that stopped). A window that closes or reloads keeps
 *   its entries: the next load of the window resumes them (see `InFlightStore` for windows).
 */
export class RecordPersistence {
  /** What was last saved of each record this window keeps (its normalised JSON). */
  private readonly saved = new Map<string, string>();
  /** The last write of each record: `whenSaved` waits for it. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly log: Logger;

  constructor(
    private readonly store: InFlightStore,
    log?: Logger,
  ) {
    this.log = log ?? silentLogger;
  }

  /** The entries to resume at once: this window's own, saved before a reload. They count as saved. */
  restore(): InFlightEntry[] {
    return this.keep(this.store.mine());
  }

  /** The entries of windows that are gone, once this window has taken them over. They count as saved. */
  async adoptOrphans(): Promise<InFlightEntry[]> {
    return this.keep(await this.store.adoptOrphans());
  }

  /** Brings what is saved of a record in line with its state. */
  sync(record: RecordToKeep): void {
    const key = recordKey(record.ref);
    if (!record.inFlight) {
      if (this.saved.delete(key)) {
        this.store.remove(record.ref).catch((error: unknown) => this.log.warn(`Could not forget record ${record.ref.recordId}`, error));
      }
      return;
    }
    const entry: InFlightEntry = { ref: record.ref, origin: record.origin, watchedSince: record.watchedSince, statusHistory: record.statusHistory, files: record.files };
    const text = normalised(entry);
    if (this.saved.get(key) === text) {
      return;
    }
    this.saved.set(key, text);
    const write = this.store.put(entry);
    this.writes.set(key, write);
    write.then(
      () => this.writes.get(key) === write && this.writes.delete(key),
      (error: unknown) => {
        // Not saved: the next change of the record tries again.
        if (this.saved.get(key) === text) this.saved.delete(key);
        this.log.warn(`Could not save record ${record.ref.recordId} for after a reload`, error);
      },
    );
  }

  isSaved(ref: RecordRef): boolean {
    return this.saved.has(recordKey(ref));
  }

  /** Resolves once the last write of the record has reached storage; rejects when it failed. At once when none is under way. */
  whenSaved(ref: RecordRef): Promise<void> {
    return this.writes.get(recordKey(ref)) ?? Promise.resolve();
  }

  dispose(): void {
    this.store.dispose();
  }

  private keep(entries: InFlightEntry[]): InFlightEntry[] {
    for (const entry of entries) {
      this.saved.set(recordKey(entry.ref), normalised(entry));
    }
    return entries;
  }
}


/** The entry as the store writes it, so an entry read back compares equal to the same one about to be saved. */
function normalised(entry: InFlightEntry): string {
  return JSON.stringify(sanitizeEntry({ ...entry, statusHistory: entry.statusHistory ?? [] }));
}

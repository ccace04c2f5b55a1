import type { KeyValueStore } from './keyValueStore';
import { silentLogger, type Logger } from './logger';
import type { Timers } from './timers';
import type { WindowOwner } from './windowOwnership';

/** An entry as stored: the item and the window that wrote it (none for entries of older versions). */
export interface Owned<T> {
  item: T;
  owner?: string;
}

export interface OwnedListOptions<T> {
  storage: KeyValueStore;
  /** The `globalState` key: an array of items, each with an `owner` field besides its own. */
  key: string;
  /** The window this list runs in; asked at each use, so a list built before the window started finds it. */
  window: () => WindowOwner;
  timers: Timers;
  idOf(item: T): string;
  /** A stored value as an item with only its known fields, or undefined for damaged or foreign data. */
  parse(value: unknown): T | undefined;
  /** Limits applied at every read and write (age, count); keeps the order. */
  limit?(entries: Array<Owned<T>>): Array<Owned<T>>;
  /** How long a claim on another window's entries is left to reach the other windows before it counts. */
  settleMs?: number;
  log?: Logger;
}

export const defaultSettleMs = 5_000;
/** How long this window remembers what it removed, to remove it again if another window's late write brings it back. */
const tombstoneMs = 10 * 60_000;

/**
 * A list of entries in `globalState` that several VS Code windows share, each entry owned by the
 * window that wrote it (see `WindowOwnership`).
 *
 * - Writes merge: each write re-reads the list, applies this window's change, and writes it back,
 *   keeping every other window's entries. Writes of one window are serialised.
 * - `globalState` is one value per extension of which each window keeps a copy, and a copy can briefly
 *   hold an older list (another window's write in flight, or this window's own change arriving late).
 *   So this window's part is what it knows, not what the copy says: reads and writes see what it saved
 *   and not what it removed, and a copy that lost either is written again at once (and at each heartbeat).
 * - Entries of a window that is gone are taken over by claiming them (writing this window as their
 *   owner), waiting `settleMs` for the other windows' claims, and keeping those still ours: when several
 *   windows start together, one of them follows each entry.
 */
export class OwnedList<T extends object> {
  private writes: Promise<void> = Promise.resolve();
  /** What this window saved and has not removed. */
  private readonly written = new Map<string, T>();
  /** What this window removed, and when. */
  private readonly removed = new Map<string, number>();
  private beats: { owner: WindowOwner; subscription: { dispose(): void } } | undefined;
  private repairing: Promise<void> | undefined;
  private readonly log: Logger;

  constructor(private readonly options: OwnedListOptions<T>) {
    this.log = options.log ?? silentLogger;
  }

  /** Every valid entry, whoever owns it, oldest first. */
  entries(): Array<Owned<T>> {
    const stored = this.options.storage.get<unknown>(this.options.key);
    if (!Array.isArray(stored)) {
      return [];
    }
    const parsed = stored.flatMap((value): Array<Owned<T>> => {
      const item = this.options.parse(value);
      return item ? [withOwner(item, ownerOf(value))] : [];
    });
    const ids = parsed.map((entry) => this.options.idOf(entry.item));
    const unique = parsed.filter((_entry, index) => ids.indexOf(ids[index]) === index);
    return this.options.limit ? this.options.limit(unique) : unique;
  }

  /** The items this window follows: those it wrote, in this session or before a reload. */
  mine(): T[] {
    const window = this.window();
    const stored = this.entries();
    if (this.needsRepair(stored) && !this.repairing) {
      this.repairing = this.repair()
        .catch((error: unknown) => this.log.warn(`Could not repair ${this.options.key}`, error))
        .finally(() => (this.repairing = undefined));
    }
    const known = this.withOwnPart(stored);
    return (this.options.limit ? this.options.limit(known) : known)
      .filter((entry) => window.claimOf(entry.owner) === 'mine')
      .map((entry) => entry.item);
  }

  /** Adds or replaces an item, as this window's. */
  put(item: T): Promise<void> {
    const id = this.options.idOf(item);
    const owner = this.window().windowId;
    this.written.set(id, item);
    this.removed.delete(id);
    return this.change((entries) => [...entries.filter((entry) => this.options.idOf(entry.item) !== id), withOwner(item, owner)]).catch(
      (error: unknown) => {
        // The caller is told it was not saved and acts on that (the runner logs that a reload would not resume
        // the request): a later write must not save it behind the caller's back.
        if (this.written.get(id) === item) this.written.delete(id);
        throw error;
      },
    );
  }

  remove(id: string): Promise<void> {
    this.written.delete(id);
    this.removed.set(id, this.options.timers.now());
    return this.change((entries) => entries.filter((entry) => this.options.idOf(entry.item) !== id));
  }

  /**
   * Takes over the entries of windows that are gone: claims them, waits for the claims of other windows
   * starting at the same time to arrive, and returns those that are still this window's.
   */
  async adoptOrphans(): Promise<T[]> {
    const window = this.window();
    const owner = window.windowId;
    const orphans = new Set(
      this.entries()
        .filter((entry) => window.claimOf(entry.owner) === 'orphan')
        .map((entry) => this.options.idOf(entry.item)),
    );
    if (orphans.size === 0 || owner === undefined) {
      return [];
    }
    await this.change((entries) =>
      entries.map((entry) =>
        orphans.has(this.options.idOf(entry.item)) && window.claimOf(entry.owner) === 'orphan' ? withOwner(entry.item, owner) : entry,
      ),
    );
    await new Promise<void>((resolve) => this.options.timers.setTimeout(resolve, this.options.settleMs ?? defaultSettleMs));
    const adopted = this.entries().filter((entry) => {
      const id = this.options.idOf(entry.item);
      return orphans.has(id) && entry.owner === owner && !this.removed.has(id);
    });
    for (const entry of adopted) {
      this.written.set(this.options.idOf(entry.item), entry.item);
    }
    return adopted.map((entry) => entry.item);
  }

  /** Saves again what this window saved and another window's write dropped; removes again what it removed and came back. */
  async repair(): Promise<void> {
    const now = this.options.timers.now();
    for (const [id, at] of this.removed) {
      if (now - at > tombstoneMs) {
        this.removed.delete(id);
      }
    }
    if (this.needsRepair(this.entries())) {
      this.log.info(`An older copy of ${this.options.key} replaced some of this window's entries; writing them again`);
      // Every change writes this window's part as it knows it.
      await this.change((entries) => entries);
    }
  }

  /**
   * Resolves once every write asked for so far has settled, written or failed: it never rejects. Whether
   * one entry was saved is what its own `put` says.
   */
  flushed(): Promise<void> {
    return this.writes;
  }

  dispose(): void {
    this.beats?.subscription.dispose();
    this.beats = undefined;
  }

  /** The stored entries with this window's part as it knows it: what it saved is there, what it removed is not. */
  private withOwnPart(entries: Array<Owned<T>>): Array<Owned<T>> {
    const kept = entries.filter((entry) => !this.isResurrected(entry));
    const present = new Set(kept.map((entry) => this.options.idOf(entry.item)));
    const missing = [...this.written].filter(([id]) => !present.has(id)).map(([, item]) => withOwner(item, this.window().windowId));
    return [...kept, ...missing];
  }

  private needsRepair(entries: Array<Owned<T>>): boolean {
    const present = new Set(entries.map((entry) => this.options.idOf(entry.item)));
    return [...this.written.keys()].some((id) => !present.has(id)) || entries.some((entry) => this.isResurrected(entry));
  }

  /** Removed by this window and back, unless a live window has saved it since (it follows that record itself). */
  private isResurrected(entry: Owned<T>): boolean {
    return this.removed.has(this.options.idOf(entry.item)) && this.window().claimOf(entry.owner) !== 'other';
  }

  private window(): WindowOwner {
    const window = this.options.window();
    if (this.beats?.owner !== window) {
      this.beats?.subscription.dispose();
      this.beats = { owner: window, subscription: window.onDidBeat(() => void this.repair().catch((error: unknown) => this.log.warn(`Could not repair ${this.options.key}`, error))) };
    }
    return window;
  }

  private change(edit: (entries: Array<Owned<T>>) => Array<Owned<T>>): Promise<void> {
    const write = this.writes.then(async () => {
      const edited = edit(this.withOwnPart(this.entries()));
      const next = this.options.limit ? this.options.limit(edited) : edited;
      // What the limits drop (too old, too many) is not put back by a repair.
      const kept = new Set(next.map((entry) => this.options.idOf(entry.item)));
      for (const entry of edited) {
        const id = this.options.idOf(entry.item);
        if (!kept.has(id)) {
          this.written.delete(id);
        }
      }
      await this.options.storage.update(
        this.options.key,
        next.map((entry) => (entry.owner === undefined ? { ...entry.item } : { ...entry.item, owner: entry.owner })),
      );
    });
    this.writes = write.catch(() => undefined);
    return write;
  }
}

function withOwner<T>(item: T, owner: string | undefined): Owned<T> {
  return owner === undefined ? { item } : { item, owner };
}

function ownerOf(value: unknown): string | undefined {
  const owner = typeof value === 'object' && value !== null ? (value as { owner?: unknown }).owner : undefined;
  return typeof owner === 'string' && owner !== '' ? owner : undefined;
}

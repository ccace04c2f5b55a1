import type { KeyValueStore } from './keyValueStore';
import { silentLogger, type Logger } from './logger';
import type { Timers } from './timers';

/**
 * Which VS Code window an entry of `globalState` belongs to.
 *
 * Every window of VS Code shares the extension's `globalState`, so entries that one window saves for
 * after its own reload (records in flight, pending executions) are seen by every other window too.
 * Each entry therefore names the window that wrote it, and each window says it is alive by writing a
 * heartbeat into a shared registry every `heartbeatMs`:
 *
 * - `mine`: the entry was written by this window, in this session or an earlier one (a reload);
 * - `other`: another window wrote it and its heartbeat is fresh: that window follows it, leave it alone;
 * - `orphan`: its window stopped beating (it was closed, or VS Code quit), or it carries no owner (saved
 *   by a version without owners): any window may take it over, after claiming it (see `OwnedList`).
 *
 * The window id must survive a reload, which gives the window a new extension host: `registerRecords`
 * keeps it in `workspaceState`, which belongs to the window's workspace (a folder, a workspace file, or
 * an empty window's own storage) and is there again after a reload or a restart. `vscode.env.sessionId`
 * cannot serve: it is new at every window load, and where telemetry is not set up (code-server, OSS
 * builds, extension development) it is the same constant in every window.
 *
 * No vscode import: the storage and the timers are injected.
 */
export type Claim = 'mine' | 'orphan' | 'other';

/** What a store needs to know about the window it runs in. */
export interface WindowOwner {
  /** Written as the owner of the entries this window saves; undefined: entries carry no owner. */
  readonly windowId: string | undefined;
  /** What this window may do with an entry whose owner is `owner`. */
  claimOf(owner: string | undefined): Claim;
  /** Called after each heartbeat: a chance to repair what another window's write may have dropped. */
  onDidBeat(listener: () => void): { dispose(): void };
}

/** For stores used alone (tests, a store built without a window): every entry is this window's, and none names an owner. */
export const soleWindow: WindowOwner = {
  windowId: undefined,
  claimOf: () => 'mine',
  onDidBeat: () => ({ dispose: () => undefined }),
};

export const windowsStorageKey = 'serviceCatalog.windows.v1';

export interface WindowOwnershipOptions {
  storage: KeyValueStore;
  timers: Timers;
  /** This window's id: the same after a reload, different in another window. */
  windowId: string;
  /** How often this window says it is alive. */
  heartbeatMs?: number;
  /** A window silent for longer is gone: its entries are orphans. */
  staleAfterMs?: number;
  /** Registry slots silent for longer are dropped, so the registry does not grow with every window ever opened. */
  forgetAfterMs?: number;
  log?: Logger;
}

export const defaultHeartbeatMs = 30_000;
/** Three missed heartbeats: a window busy for a moment (a long synchronous task) is not taken for closed. */
export const defaultStaleAfterMs = 3 * defaultHeartbeatMs;
const defaultForgetAfterMs = 7 * 24 * 60 * 60 * 1000;

type Registry = Map<string, { beatAt: number }>;

const byStorage = new WeakMap<KeyValueStore, WindowOwnership>();

/**
 * This window's heartbeat in the shared registry (`windowsStorageKey`: window id → last beat), and the
 * verdict on entries written by other windows. Writes merge: each beat re-reads the registry and
 * changes only this window's slot.
 */
export class WindowOwnership implements WindowOwner {
  readonly windowId: string;
  private readonly heartbeatMs: number;
  private readonly staleAfterMs: number;
  private readonly forgetAfterMs: number;
  private readonly log: Logger;
  private readonly listeners = new Set<() => void>();
  private timer: unknown;
  private beating: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: WindowOwnershipOptions) {
    this.windowId = options.windowId;
    this.heartbeatMs = options.heartbeatMs ?? defaultHeartbeatMs;
    this.staleAfterMs = options.staleAfterMs ?? defaultStaleAfterMs;
    this.forgetAfterMs = options.forgetAfterMs ?? defaultForgetAfterMs;
    this.log = options.log ?? silentLogger;
  }

  /** The ownership started for this storage in this extension host, if any: stores built without one find it here. */
  static of(storage: KeyValueStore): WindowOwnership | undefined {
    return byStorage.get(storage);
  }

  /** Beats now and every `heartbeatMs` until disposed; registers itself as the window of its storage. */
  start(): this {
    byStorage.set(this.options.storage, this);
    void this.beat();
    return this;
  }

  /** Writes this window's heartbeat (merged into the registry), then tells the listeners. */
  beat(): Promise<void> {
    if (this.disposed) {
      return this.beating;
    }
    this.clearTimer();
    const beat = this.beating.then(async () => {
      const now = this.options.timers.now();
      const registry = this.registry();
      const kept = [...registry].filter(([id, slot]) => id !== this.windowId && now - slot.beatAt <= this.forgetAfterMs);
      await this.options.storage.update(windowsStorageKey, Object.fromEntries([...kept, [this.windowId, { beatAt: now }]]));
    });
    this.beating = beat.catch((error: unknown) => this.log.warn('Could not write this window\'s heartbeat', error));
    const done = this.beating.then(() => {
      if (this.disposed) {
        return;
      }
      this.clearTimer();
      this.timer = this.options.timers.setTimeout(() => void this.beat(), this.heartbeatMs);
      for (const listener of [...this.listeners]) {
        try {
          listener();
        } catch (error) {
          this.log.error('A heartbeat listener failed', error);
        }
      }
    });
    return done;
  }

  claimOf(owner: string | undefined): Claim {
    if (owner === undefined) {
      return 'orphan';
    }
    if (owner === this.windowId) {
      return 'mine';
    }
    const slot = this.registry().get(owner);
    return slot && this.options.timers.now() - slot.beatAt <= this.staleAfterMs ? 'other' : 'orphan';
  }

  onDidBeat(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Stops beating. The slot stays: a window that closes cannot be told from one that reloads (the reload
   * finds its entries by its id), and other windows take over its entries once its heartbeat is stale.
   */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.listeners.clear();
    if (byStorage.get(this.options.storage) === this) {
      byStorage.delete(this.options.storage);
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.options.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private registry(): Registry {
    const stored = this.options.storage.get<unknown>(windowsStorageKey);
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
      return new Map();
    }
    return new Map(
      Object.entries(stored as Record<string, unknown>).flatMap(([id, slot]): Array<[string, { beatAt: number }]> => {
        const beatAt = typeof slot === 'object' && slot !== null ? (slot as { beatAt?: unknown }).beatAt : undefined;
        return typeof beatAt === 'number' && Number.isFinite(beatAt) ? [[id, { beatAt }]] : [];
      }),
    );
  }
}

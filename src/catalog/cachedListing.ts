import { problemOf, type AwsProblem } from '../aws/errors';
import type { SecretRedactor } from '../aws/secrets';
import { systemTimers, type Timers } from '../platform/timers';

/**
 * Where a listing is:
 * - `loading`: asked for; `value` holds what has arrived so far (the first pages), if anything;
 * - `loaded`: complete. `savedAt` is set while the value is the one kept on disk, shown until AWS answers again;
 * - `failed`: the last attempt failed; `value` and `savedAt` keep what was shown before, if anything.
 */
export type ListingState<T> =
  | { kind: 'idle' }
  | { kind: 'loading'; value?: T }
  | { kind: 'loaded'; value: T; savedAt?: number; refreshing?: boolean }
  | { kind: 'failed'; problem: AwsProblem; value?: T; savedAt?: number };

export interface CachedListingOptions<T> {
  /** The last complete value kept on disk, if any. */
  readCache(): Promise<{ value: T; savedAt: number } | undefined>;
  /** Lists from AWS; `partial` shows what has arrived so far (each page); `signal` aborts when the listing is reset or replaced. */
  fetch(partial: (soFar: T) => void, isCurrent: () => boolean, signal: AbortSignal): Promise<T>;
  writeCache(value: T): Promise<void>;
  /** The state changed (a page, the end, a failure, a refresh). */
  onDidChange(): void;
  redactor: SecretRedactor;
  /** How long a value shown from the disk waits before it is listed again; default a second. */
  refreshDelayMs?: number;
  timers?: Timers;
}

export const defaultRefreshDelayMs = 1_000;

/**
 * One listing that opens at once from what was seen last and fills in as it loads: on first demand it shows the
 * value kept on disk (with its age) and lists again in the background a moment later; without one, it shows each
 * page as it arrives. Concurrent callers share one load; `reset` starts over, and a load overtaken by a reset is
 * ignored. Shared by the products of a scope and the accounts and roles of IAM Identity Center.
 */
export class CachedListing<T> {
  private current: ListingState<T> = { kind: 'idle' };
  /** Resolves once the state has something to show (a cached or partial value, or the end). */
  private shown: Promise<void> | undefined;
  /** Resolves once the listing from AWS has ended (loaded or failed). */
  private ended: Promise<void> | undefined;
  private generation = 0;
  private refreshTimer: { handle: unknown; wake: () => void } | undefined;
  /** Aborts the listing in flight when it is reset or replaced: its calls are not worth finishing. */
  private inFlight: AbortController | undefined;
  /** The disk's value read by `prime`, shown until `load` lists again. */
  private primed: Promise<{ value: T; savedAt: number } | undefined> | undefined;
  private readonly timers: Timers;

  constructor(private readonly options: CachedListingOptions<T>) {
    this.timers = options.timers ?? systemTimers;
  }

  get state(): ListingState<T> {
    return this.current;
  }

  /**
   * Shows the value kept on disk, if there is one, without asking AWS anything: a node's row says what it held
   * last before it is expanded. `load` then lists again (after the refresh delay).
   */
  async prime(): Promise<void> {
    if (this.current.kind !== 'idle' || this.shown) {
      return;
    }
    const generation = this.generation;
    this.primed ??= this.options.readCache().catch(() => undefined);
    const cached = await this.primed;
    if (cached && generation === this.generation && this.current.kind === 'idle' && !this.shown) {
      this.current = { kind: 'loaded', value: cached.value, savedAt: cached.savedAt, refreshing: false };
    }
  }

  /** Starts the listing unless it has started; resolves when there is something to show. */
  load(): Promise<void> {
    if (!this.shown) {
      this.start(this.generation);
    }
    return this.shown!;
  }

  /** Resolves when the listing from AWS has ended, whatever was shown before. */
  async settled(): Promise<void> {
    await this.load();
    await this.ended;
  }

  /** Forgets everything; the next `load` lists again (from the disk first). */
  reset(): void {
    this.generation += 1;
    this.abortInFlight();
    this.cancelRefresh();
    this.primed = undefined;
    this.shown = undefined;
    this.ended = undefined;
    this.current = { kind: 'idle' };
  }

  /**
   * Ends the wait before listing again a value shown from the disk, if it is waiting: someone wants AWS's answer
   * now (a search), not after the new window's first paint. Nothing else changes; `settled` resolves with that listing.
   */
  listNow(): void {
    this.cancelRefresh();
  }

  /** Lists from AWS again now, keeping what is shown until the new value arrives (an in-place refresh). */
  refresh(): Promise<void> {
    if (!this.shown) {
      return this.load();
    }
    this.cancelRefresh();
    this.abortInFlight();
    const generation = ++this.generation;
    this.ended = this.fetch(generation, this.shownValue());
    return this.ended;
  }

  /** Replaces the value in place (a product that changed); no effect unless loaded. */
  update(change: (value: T) => T): boolean {
    if (this.current.kind !== 'loaded') {
      return false;
    }
    this.current = { ...this.current, value: change(this.current.value) };
    return true;
  }

  dispose(): void {
    this.reset();
  }

  private start(generation: number): void {
    let markShown: () => void = () => undefined;
    this.shown = new Promise<void>((resolve) => (markShown = resolve));
    const wasPrimed = this.current.kind === 'loaded';
    if (!wasPrimed) this.current = { kind: 'loading' };
    this.ended = (async () => {
      const cached = await (this.primed ?? this.options.readCache()).catch(() => undefined);
      if (generation !== this.generation) return;
      if (cached) {
        this.current = { kind: 'loaded', value: cached.value, savedAt: cached.savedAt, refreshing: true };
        if (!wasPrimed) this.options.onDidChange();
        markShown();
        // The refresh waits a moment: a new window paints what it knew before it asks AWS anything.
        await new Promise<void>((resolve) => {
          this.refreshTimer = { handle: this.timers.setTimeout(resolve, this.options.refreshDelayMs ?? defaultRefreshDelayMs), wake: resolve };
        });
        this.refreshTimer = undefined;
        if (generation !== this.generation) return;
      }
      await this.fetch(generation, cached, markShown);
    })().finally(markShown);
  }

  /** Lists from AWS; until it ends, `shownBefore` stays on screen (no flicker), or each page replaces it. */
  private async fetch(generation: number, shownBefore: { value: T; savedAt?: number } | undefined, markShown: () => void = () => undefined): Promise<void> {
    if (shownBefore && this.current.kind === 'loaded') {
      this.current = { ...this.current, refreshing: true };
    }
    const isCurrent = () => generation === this.generation;
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const value = await this.options.fetch(
        (soFar) => {
          if (!isCurrent() || shownBefore) return;
          this.current = { kind: 'loading', value: soFar };
          this.options.onDidChange();
          markShown();
        },
        isCurrent,
        controller.signal,
      );
      if (!isCurrent()) return;
      this.current = { kind: 'loaded', value };
      void this.options.writeCache(value).catch(() => undefined);
    } catch (error) {
      if (!isCurrent()) return;
      this.current = { kind: 'failed', problem: problemOf(error, this.options.redactor), value: shownBefore?.value, savedAt: shownBefore?.savedAt };
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
    this.options.onDidChange();
  }

  private abortInFlight(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private shownValue(): { value: T; savedAt?: number } | undefined {
    const state = this.current;
    if (state.kind === 'loaded') return { value: state.value, savedAt: state.savedAt };
    if (state.kind === 'failed' && state.value !== undefined) return { value: state.value, savedAt: state.savedAt };
    return undefined;
  }

  private cancelRefresh(): void {
    const timer = this.refreshTimer;
    if (timer !== undefined) {
      this.refreshTimer = undefined;
      this.timers.clearTimeout(timer.handle);
      timer.wake();
    }
  }
}

import { productKey } from '../catalog/products';
import type { Disposable } from '../platform/disposable';
import type { Timers } from '../platform/timers';
import { pinnedRef, type PinnedProduct } from './pinnedProducts';

/** How the stored pins differ from those the view shows: what came, what went, and whether the group appears or goes. */
export interface PinnedChange {
  added: PinnedProduct[];
  removed: PinnedProduct[];
  /** Something was pinned before, and is after: the group stays, only its rows change. */
  groupKept: boolean;
}

/**
 * What differs between the pins the view shows and the pins stored now; undefined when the view's rows would be the
 * same products in the same order (a name remembered by another window changes no row: names are read when drawn).
 */
export function pinnedChange(shown: readonly PinnedProduct[], stored: readonly PinnedProduct[]): PinnedChange | undefined {
  const shownKeys = shown.map(keyOf);
  const storedKeys = stored.map(keyOf);
  if (shownKeys.length === storedKeys.length && shownKeys.every((key, index) => key === storedKeys[index])) return undefined;
  const before = new Set(shownKeys);
  const after = new Set(storedKeys);
  return {
    added: stored.filter((pin) => !before.has(keyOf(pin))),
    removed: shown.filter((pin) => !after.has(keyOf(pin))),
    groupKept: shown.length > 0 && stored.length > 0,
  };
}

function keyOf(pin: PinnedProduct): string {
  return productKey(pinnedRef(pin));
}

export interface PinnedWatchDependencies {
  /** The pins as stored now: the global state, which another window may have written. */
  read(): PinnedProduct[];
  /** The stored pins differ from those shown: the view shows them. */
  changed(change: PinnedChange): void;
  timers: Timers;
  /** How often the stored pins are read while the view is visible. */
  intervalMs?: number;
}

/** How often a visible view reads the stored pins again (another window's Pin or Unpin shows within this). */
export const pinnedWatchIntervalMs = 5_000;

/**
 * Keeps the Pinned group in step with the pins every window of the machine shares. VS Code updates the global state
 * when another window writes it but tells the extension nothing: while the view is visible, the watch reads the
 * stored pins again every few seconds (and at once when the view becomes visible), and says when they differ from
 * what the view shows. One pending timer while visible, none while hidden or after dispose.
 */
export class PinnedWatch implements Disposable {
  /** The pins the view was last told of. */
  private shown: PinnedProduct[];
  private visible = false;
  private ticker: unknown;
  private disposed = false;

  constructor(private readonly deps: PinnedWatchDependencies) {
    this.shown = deps.read();
  }

  /** Reads the stored pins; when they differ from those shown, tells, and takes them as shown. */
  check(): PinnedChange | undefined {
    if (this.disposed) return undefined;
    const stored = this.deps.read();
    const change = pinnedChange(this.shown, stored);
    this.shown = stored;
    if (change) this.deps.changed(change);
    return change;
  }

  /** The view was shown or hidden: reads at once when shown, then ticks; stops ticking when hidden. */
  setVisible(visible: boolean): void {
    if (this.disposed) return;
    const shownNow = visible && !this.visible;
    this.visible = visible;
    if (shownNow) this.check();
    this.keepTicking();
  }

  dispose(): void {
    this.disposed = true;
    this.visible = false;
    this.stopTicking();
  }

  private keepTicking(): void {
    if (!this.visible) {
      this.stopTicking();
      return;
    }
    this.ticker ??= this.deps.timers.setTimeout(() => {
      this.ticker = undefined;
      try {
        this.check();
      } finally {
        this.keepTicking();
      }
    }, this.deps.intervalMs ?? pinnedWatchIntervalMs);
  }

  private stopTicking(): void {
    if (this.ticker !== undefined) {
      this.deps.timers.clearTimeout(this.ticker);
      this.ticker = undefined;
    }
  }
}

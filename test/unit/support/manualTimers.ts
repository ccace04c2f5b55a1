import type { Timers } from '../../../src/platform/timers';

/** Timers that fire only when the test says so. */
export class ManualTimers implements Timers {
  now = () => Date.now();
  private pending: Array<{ callback: () => void; ms: number }> = [];

  setTimeout(callback: () => void, ms: number) {
    const entry = { callback, ms };
    this.pending.push(entry);
    return entry;
  }

  clearTimeout(handle: unknown) {
    this.pending = this.pending.filter((entry) => entry !== handle);
  }

  get delays(): number[] {
    return this.pending.map((entry) => entry.ms);
  }

  fireAll() {
    const due = this.pending;
    this.pending = [];
    due.forEach((entry) => entry.callback());
  }
}

import type { Timers } from '../../../src/platform/timers';

interface Pending {
  id: number;
  at: number;
  callback: () => void;
}

/** A clock that moves only when a test says so; timers fire in order, with the promises they start settled in between. */
export class FakeTimers implements Timers {
  private current: number;
  private nextId = 1;
  private pending: Pending[] = [];

  constructor(start = Date.UTC(2025, 0, 1, 12, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ id, at: this.current + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  get timerCount(): number {
    return this.pending.length;
  }

  /** When the next timer fires, if any. */
  get nextAt(): number | undefined {
    return this.pending.length ? Math.min(...this.pending.map((timer) => timer.at)) : undefined;
  }

  /** Moves time forward by `ms`, firing every timer that falls due and letting the work it starts settle. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    await settle();
    for (;;) {
      const due = this.pending.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) {
        break;
      }
      this.pending = this.pending.filter((timer) => timer !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
      await settle();
    }
    this.current = end;
  }
}

/** Lets pending promise callbacks run (several turns, for chains of awaits). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

import { defaultPollSchedule, nextPollDelay, retryDelay, type PollScheduleOptions } from './pollSchedule';
import { predictedPollDelay, type ExpectedEnd } from './expectedEnd';
import type { Timers } from '../../platform/timers';

export interface PollerOptions<T> {
  timers: Timers;
  /** When watching started (epoch ms): the schedule slows down as this recedes. */
  startedAt: number;
  poll(signal: AbortSignal): Promise<T>;
  /** A result after which polling stops (the record ended). */
  isFinal(result: T): boolean;
  onResult(result: T): void;
  /**
   * A poll failed. Return `stop` to give up (nothing will be polled again unless `pollNow` is called).
   * `retryInMs` is when the next attempt is due.
   */
  onFailure(error: unknown, failures: number, retryInMs: number): 'retry' | 'stop';
  /** The next attempt after a failure waits longer when this is true. */
  isThrottling?(error: unknown): boolean;
  schedule?: PollScheduleOptions;
  random?: () => number;
}

export type PollerState = 'idle' | 'waiting' | 'polling' | 'stopped' | 'disposed';

/**
 * Polls one thing on a schedule that slows down over time, backs off after failures, and stops at a
 * final result; once told when the result is expected to become final (`expectEnd`), it polls densely
 * there and slowly before (`expectedEnd.ts`). One poll at a time: `pollNow` during a poll waits for that
 * poll instead of starting another.
 */
export class Poller<T> {
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private failures = 0;
  private currentState: PollerState = 'idle';
  private due: number | undefined;
  private expected: ExpectedEnd | undefined;

  constructor(private readonly options: PollerOptions<T>) {}

  get state(): PollerState {
    return this.currentState;
  }

  /** When the next poll is due (epoch ms), while one is scheduled. */
  get nextPollAt(): number | undefined {
    return this.currentState === 'waiting' ? this.due : undefined;
  }

  /** Starts polling: the first poll after `delayMs` (now by default). */
  start(delayMs = 0): void {
    if (this.currentState === 'idle' || this.currentState === 'stopped') {
      this.schedule(delayMs);
    }
  }

  /** Polls now, whatever the schedule says; resumes the schedule unless the result is final. */
  pollNow(): Promise<void> {
    if (this.currentState === 'disposed') {
      return Promise.resolve();
    }
    if (this.inFlight) {
      return this.inFlight;
    }
    this.clearTimer();
    return this.run();
  }

  /** Where the final result is expected: the schedule polls densely there from now on, sooner than planned if need be. */
  expectEnd(expected: ExpectedEnd | undefined): void {
    this.expected = expected;
    if (!expected || this.currentState !== 'waiting' || this.due === undefined) {
      return;
    }
    const now = this.options.timers.now();
    const sooner = now < expected.from ? expected.from : now + predictedPollDelay(now, this.options.startedAt, expected, this.scheduleOptions);
    if (sooner < this.due) {
      this.schedule(Math.max(0, sooner - now));
    }
  }

  dispose(): void {
    this.currentState = 'disposed';
    this.clearTimer();
    this.abort?.abort();
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.currentState = 'waiting';
    this.due = this.options.timers.now() + delayMs;
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.options.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.due = undefined;
  }

  private run(): Promise<void> {
    this.currentState = 'polling';
    const abort = new AbortController();
    this.abort = abort;
    const attempt = this.attempt(abort.signal).finally(() => {
      if (this.inFlight === attempt) {
        this.inFlight = undefined;
      }
    });
    this.inFlight = attempt;
    return attempt;
  }

  private async attempt(signal: AbortSignal): Promise<void> {
    let result: T;
    try {
      result = await this.options.poll(signal);
    } catch (error) {
      if (this.currentState === 'disposed') {
        return;
      }
      this.failures += 1;
      const delay = retryDelay(this.failures, this.elapsed(), {
        throttled: this.options.isThrottling?.(error) ?? false,
        random: (this.options.random ?? Math.random)(),
        scheduledMs: this.nextDelay(),
      }, this.scheduleOptions);
      this.schedule(delay);
      if (this.options.onFailure(error, this.failures, delay) === 'stop') {
        this.stop();
      }
      return;
    }
    if (this.currentState === 'disposed') {
      return;
    }
    this.failures = 0;
    if (this.options.isFinal(result)) {
      this.stop();
    } else {
      this.schedule(this.nextDelay());
    }
    this.options.onResult(result);
  }

  private stop(): void {
    this.clearTimer();
    this.currentState = 'stopped';
  }

  private nextDelay(): number {
    return this.expected
      ? predictedPollDelay(this.options.timers.now(), this.options.startedAt, this.expected, this.scheduleOptions)
      : nextPollDelay(this.elapsed(), this.scheduleOptions);
  }

  private elapsed(): number {
    return this.options.timers.now() - this.options.startedAt;
  }

  private get scheduleOptions(): PollScheduleOptions {
    return this.options.schedule ?? defaultPollSchedule;
  }
}

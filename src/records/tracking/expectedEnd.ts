import type { DurationEstimate } from '../../catalog/durations';
import { defaultPollSchedule, nextPollDelay, type PollScheduleOptions } from './pollSchedule';

/**
 * Polling for a record whose action has a history: densely where it is expected to end, slowly before,
 * for no more DescribeRecord calls than the usual schedule (`pollSchedule`) makes by the end of that window.
 * Pure arithmetic on epoch milliseconds of this machine's clock, tested on numbers.
 *
 * - The first minute of watching is polled as usual, so early changes are seen as soon as ever.
 * - After it, until the window: every elapsed/3 (at most a minute), and exactly at the window's start.
 * - In the window: every `spacingMs` at the likeliest end, twice that at the window's edges, and never
 *   less often than usual. `spacingMs` is the smallest of `denseDelaysMs` that keeps the calls within
 *   the usual schedule's; when none does (earlier runs spread too widely), there is no plan: the usual schedule.
 * - After the window (a run longer than usual): as usual.
 */
export interface ExpectedEnd {
  from: number;
  to: number;
  likeliest: number;
  spacingMs: number;
}

export interface ExpectedEndOptions {
  /** How long after watching starts the usual schedule is kept whatever is expected. */
  unchangedForMs: number;
  /** Before the window, the delay is `elapsed / sparseDivisor`. */
  sparseDivisor: number;
  /** The window reaches this far beyond the 10th and 90th percentiles: a fraction of the typical duration, at least `minMarginMs`. */
  marginFraction: number;
  minMarginMs: number;
  /** The spacings tried at the likeliest end, densest first. */
  denseDelaysMs: readonly number[];
  /** Never two polls closer than this (reaching the window's start exactly). */
  minDelayMs: number;
}

export const defaultExpectedEndOptions: ExpectedEndOptions = {
  unchangedForMs: 60_000,
  sparseDivisor: 3,
  marginFraction: 0.02,
  minMarginMs: 1_000,
  denseDelaysMs: [1_000, 1_250, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000, 7_500, 10_000, 15_000, 20_000, 30_000],
  minDelayMs: 250,
};

/**
 * Where a record that started at `createdAt` should end, from its action's estimate, and how densely to
 * poll there; undefined when that window had passed when watching started, or is too wide to poll densely.
 */
export function planExpectedEnd(
  estimate: Pick<DurationEstimate, 'typicalMs' | 'lowMs' | 'highMs'>,
  createdAt: number,
  watchedSince: number,
  schedule: PollScheduleOptions = defaultPollSchedule,
  options: ExpectedEndOptions = defaultExpectedEndOptions,
): ExpectedEnd | undefined {
  const margin = Math.max(options.minMarginMs, estimate.typicalMs * options.marginFraction);
  const window = {
    from: createdAt + estimate.lowMs - margin,
    to: createdAt + estimate.highMs + margin,
    likeliest: createdAt + estimate.typicalMs,
  };
  if (window.to <= watchedSince) {
    return undefined;
  }
  const budget = pollsUntil(window.to, watchedSince, (now) => nextPollDelay(now - watchedSince, schedule));
  for (const spacingMs of options.denseDelaysMs) {
    const candidate = { ...window, spacingMs };
    if (pollsUntil(window.to, watchedSince, (now) => predictedPollDelay(now, watchedSince, candidate, schedule, options)) <= budget) {
      return candidate;
    }
  }
  return undefined;
}

/** The delay after a successful poll at `now` of a record watched since `watchedSince` that is expected to end in `expected`. */
export function predictedPollDelay(
  now: number,
  watchedSince: number,
  expected: ExpectedEnd,
  schedule: PollScheduleOptions = defaultPollSchedule,
  options: ExpectedEndOptions = defaultExpectedEndOptions,
): number {
  const elapsed = Math.max(0, now - watchedSince);
  const usual = nextPollDelay(elapsed, schedule);
  if (now > expected.to) {
    return usual;
  }
  if (now >= expected.from) {
    const halfWidth = Math.max(1, expected.likeliest - expected.from, expected.to - expected.likeliest);
    const spacing = Math.round(expected.spacingMs * (1 + Math.min(1, Math.abs(now - expected.likeliest) / halfWidth)));
    return Math.min(usual, Math.max(options.minDelayMs, spacing));
  }
  const before = elapsed < options.unchangedForMs ? usual : Math.min(schedule.maxDelayMs, Math.max(usual, Math.round(elapsed / options.sparseDivisor)));
  return Math.max(options.minDelayMs, Math.min(before, expected.from - now));
}

/** How many polls a schedule makes from `start` (a poll at once) up to `end`. */
export function pollsUntil(end: number, start: number, delayAt: (now: number) => number): number {
  let polls = 0;
  for (let now = start; now <= end; now += Math.max(1, delayAt(now))) {
    polls += 1;
  }
  return polls;
}

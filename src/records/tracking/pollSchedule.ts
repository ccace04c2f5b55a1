/**
 * When to ask Service Catalog about a record again. Pure arithmetic, so the schedule is tested on numbers.
 *
 * While a record runs: every second for the first 20 s (most actions change status then, and a
 * person is watching), then every elapsed/12 (5 s at one minute, 25 s at five), never more than a
 * minute apart. A five-minute record costs about 53 DescribeRecord calls, an hour-long one about 110.
 *
 * After a failed poll: exponential backoff from 2 s (5 s when throttled), doubling to a minute, with
 * jitter, and never sooner than the schedule would have polled (`scheduledMs`: the usual one by default).
 */
export interface PollScheduleOptions {
  fastPhaseMs: number;
  fastDelayMs: number;
  /** After the fast phase the delay is `elapsed / slowdownDivisor`. */
  slowdownDivisor: number;
  minSlowDelayMs: number;
  maxDelayMs: number;
  retryBaseMs: number;
  throttledRetryBaseMs: number;
  maxRetryDelayMs: number;
}

export const defaultPollSchedule: PollScheduleOptions = {
  fastPhaseMs: 20_000,
  fastDelayMs: 1_000,
  slowdownDivisor: 12,
  minSlowDelayMs: 2_000,
  maxDelayMs: 60_000,
  retryBaseMs: 2_000,
  throttledRetryBaseMs: 5_000,
  maxRetryDelayMs: 60_000,
};

/** The delay after a successful poll, given how long the record has been watched. */
export function nextPollDelay(elapsedMs: number, schedule: PollScheduleOptions = defaultPollSchedule): number {
  const elapsed = Math.max(0, elapsedMs);
  if (elapsed < schedule.fastPhaseMs) {
    return schedule.fastDelayMs;
  }
  return clamp(Math.round(elapsed / schedule.slowdownDivisor), schedule.minSlowDelayMs, schedule.maxDelayMs);
}

/**
 * The delay after `failures` consecutive failed polls (1 for the first). `random` is in [0, 1): the
 * delay is drawn between half and all of the exponential step ("equal jitter"), so many windows
 * retrying after the same outage do not all call at once.
 */
export function retryDelay(
  failures: number,
  elapsedMs: number,
  options: { throttled: boolean; random: number; scheduledMs?: number },
  schedule: PollScheduleOptions = defaultPollSchedule,
): number {
  const base = options.throttled ? schedule.throttledRetryBaseMs : schedule.retryBaseMs;
  const step = Math.min(schedule.maxRetryDelayMs, base * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  const jittered = Math.round(step / 2 + (step / 2) * clamp(options.random, 0, 1));
  return Math.max(jittered, options.scheduledMs ?? nextPollDelay(elapsedMs, schedule));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

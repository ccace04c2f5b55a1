import type { AwsProblemKind } from '../../aws/errors';
import type { StopReason } from '../../catalog/records';

/** ResourceNotFound answers in a row for one record: how many, and when the first came (epoch ms). */
export interface NotFoundStreak {
  count: number;
  since: number;
}

/** A record that cannot be found is given up after `attempts` answers in a row spanning at least `minMs`. */
export interface NotFoundPolicy {
  attempts: number;
  minMs: number;
}

/** Reads are eventually consistent: a record just created may not be readable at once, so one answer is not enough. */
export const defaultNotFoundPolicy: NotFoundPolicy = { attempts: 3, minMs: 30_000 };

/** Problems that polling again cannot fix: the profile is gone or misconfigured, its region unknown, the request refused. */
const hopelessKinds: ReadonlySet<AwsProblemKind> = new Set(['invalid-config', 'invalid-region', 'invalid-parameters', 'too-many-pages']);

/**
 * What a failed poll of a record means: stop following it (and why), or retry. `streak` is the
 * not-found streak so far; the verdict carries the next one. Other failures (throttling, the network,
 * credentials the user can renew) are retried and leave the streak as it is: they say nothing about
 * whether the record exists. A successful poll ends the streak (the tracker drops it).
 */
export function judgeFailure(
  kind: AwsProblemKind,
  streak: NotFoundStreak | undefined,
  now: number,
  policy: NotFoundPolicy = defaultNotFoundPolicy,
): { stop?: Exclude<StopReason, 'forgotten'>; notFound?: NotFoundStreak } {
  if (hopelessKinds.has(kind)) {
    return { stop: 'cannot-follow', notFound: streak };
  }
  if (kind !== 'not-found') {
    return { notFound: streak };
  }
  const next = { count: (streak?.count ?? 0) + 1, since: streak?.since ?? now };
  return next.count >= policy.attempts && now - next.since >= policy.minMs ? { stop: 'not-found', notFound: next } : { notFound: next };
}

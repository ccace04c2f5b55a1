import * as assert from 'node:assert/strict';
import type { AwsProblemKind } from '../../../src/aws/errors';
import { judgeFailure, type NotFoundStreak } from '../../../src/records/tracking/pollFailures';

describe('what a failed poll means (pollFailures)', () => {
  it('stops at once for problems waiting cannot fix', () => {
    for (const kind of ['invalid-config', 'invalid-region', 'invalid-parameters'] as const) {
      assert.equal(judgeFailure(kind, undefined, 0).stop, 'cannot-follow', kind);
    }
  });

  it('retries what time or the user can fix, keeping any not-found streak', () => {
    const streak = { count: 2, since: 0 };
    const retried: AwsProblemKind[] = ['throttled', 'network', 'service-unavailable', 'expired-credentials', 'sso-login-required', 'access-denied', 'unknown'];
    for (const kind of retried) {
      assert.deepEqual(judgeFailure(kind, streak, 60_000), { notFound: streak }, kind);
    }
  });

  it('gives a record up only after three not-founds in a row spanning 30 s', () => {
    let streak: NotFoundStreak | undefined;
    const at = (seconds: number) => {
      const verdict = judgeFailure('not-found', streak, seconds * 1000);
      streak = verdict.notFound;
      return verdict.stop;
    };
    assert.equal(at(1), undefined, 'the first poll after an execution');
    assert.equal(at(3), undefined);
    assert.equal(at(7), undefined, 'three, but within 6 s');
    assert.equal(at(31), 'not-found', 'three or more over 30 s');
    assert.deepEqual(streak, { count: 4, since: 1000 });
    assert.equal(judgeFailure('not-found', { count: 1, since: 0 }, 60_000).stop, undefined, 'a long wait alone is not enough');
    assert.equal(judgeFailure('not-found', undefined, 0, { attempts: 1, minMs: 0 }).stop, 'not-found', 'the policy can be set');
  });
});

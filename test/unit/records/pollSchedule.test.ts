import * as assert from 'node:assert/strict';
import { defaultPollSchedule, nextPollDelay, retryDelay } from '../../../src/records/tracking/pollSchedule';

/** How many polls a record that runs `durationMs` costs on the normal schedule (the first poll at 0 included). */
function pollsFor(durationMs: number): number {
  let elapsed = 0;
  let polls = 1;
  while (elapsed < durationMs) {
    elapsed += nextPollDelay(elapsed);
    polls += 1;
  }
  return polls;
}

describe('poll schedule', () => {
  it('polls every second during the first 20 seconds', () => {
    for (let elapsed = 0; elapsed < 20_000; elapsed += 500) {
      assert.equal(nextPollDelay(elapsed), 1_000, `at ${elapsed} ms`);
    }
  });

  it('backs off as the record runs long, never beyond a minute', () => {
    assert.equal(nextPollDelay(20_000), 2_000);
    assert.equal(nextPollDelay(60_000), 5_000);
    assert.equal(nextPollDelay(300_000), 25_000);
    assert.equal(nextPollDelay(3_600_000), 60_000);
    let previous = 0;
    for (let elapsed = 0; elapsed < 4 * 3_600_000; elapsed += 7_000) {
      const delay = nextPollDelay(elapsed);
      assert.ok(delay >= previous, `the delay never shrinks (at ${elapsed} ms)`);
      assert.ok(delay <= defaultPollSchedule.maxDelayMs);
      previous = delay;
    }
  });

  it('costs at most about 60 DescribeRecord calls for a five-minute record', () => {
    const polls = pollsFor(5 * 60_000);
    assert.ok(polls <= 60, `${polls} polls`);
    assert.ok(polls >= 30, `${polls} polls is too few to see changes quickly`);
  });

  it('treats a negative elapsed time (clock moved back) as the start', () => {
    assert.equal(nextPollDelay(-5_000), 1_000);
  });

  it('retries after a failure with exponential backoff capped at a minute', () => {
    const delays = [1, 2, 3, 4, 5, 6, 10, 50].map((failures) => retryDelay(failures, 0, { throttled: false, random: 1 }));
    assert.deepEqual(delays, [2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('waits longer after throttling', () => {
    assert.equal(retryDelay(1, 0, { throttled: true, random: 1 }), 5_000);
    assert.equal(retryDelay(2, 0, { throttled: true, random: 1 }), 10_000);
    assert.ok(retryDelay(1, 0, { throttled: true, random: 0 }) > retryDelay(1, 0, { throttled: false, random: 1 }));
  });

  it('spreads retries with jitter between half and all of the step', () => {
    assert.equal(retryDelay(3, 0, { throttled: false, random: 0 }), 4_000);
    assert.equal(retryDelay(3, 0, { throttled: false, random: 0.5 }), 6_000);
    assert.equal(retryDelay(3, 0, { throttled: false, random: 0.999999 }), 8_000);
  });

  it('never retries sooner than the normal schedule would poll', () => {
    assert.equal(retryDelay(1, 3_600_000, { throttled: false, random: 0 }), 60_000);
  });
});

import * as assert from 'node:assert/strict';
import { Poller, type PollerOptions } from '../../../src/records/tracking/poller';
import { FakeTimers, settle } from './fakeTimers';

interface Harness {
  timers: FakeTimers;
  poller: Poller<string>;
  calls: number[];
  results: string[];
  failures: Array<{ failures: number; retryInMs: number }>;
}

/** A poller whose poll answers from `answer(callIndex)`: a string, or an Error to throw. */
function harness(answer: (call: number) => string | Error, overrides: Partial<PollerOptions<string>> = {}): Harness {
  const timers = new FakeTimers();
  const calls: number[] = [];
  const results: string[] = [];
  const failures: Harness['failures'] = [];
  const poller = new Poller<string>({
    timers,
    startedAt: timers.now(),
    poll: async () => {
      calls.push(timers.now() - start);
      const value = answer(calls.length - 1);
      if (value instanceof Error) {
        throw value;
      }
      return value;
    },
    isFinal: (result) => result === 'done',
    onResult: (result) => results.push(result),
    onFailure: (_error, count, retryInMs) => {
      failures.push({ failures: count, retryInMs });
      return 'retry';
    },
    random: () => 1,
    ...overrides,
  });
  const start = timers.now();
  return { timers, poller, calls, results, failures };
}

describe('Poller', () => {
  it('told where the end is expected, polls there sooner than its long wait, and densely until the end', async () => {
    const h = harness((call) => (call < 100 ? 'running' : 'done'));
    h.poller.start();
    await h.timers.advance(250_000);
    const before = h.calls.length;
    const waitingUntil = h.poller.nextPollAt! - h.timers.now();
    assert.ok(waitingUntil > 5_000, `a long wait at 250 s: ${waitingUntil} ms`);
    const start = h.timers.now() - 250_000;
    h.poller.expectEnd({ from: start + 252_000, to: start + 262_000, likeliest: start + 257_000, spacingMs: 1_000 });
    assert.equal(h.poller.nextPollAt, start + 252_000, 'the next poll moved to the start of the window');
    await h.timers.advance(10_000);
    const inWindow = h.calls.slice(before);
    assert.equal(inWindow[0], 252_000);
    assert.ok(inWindow.length >= 5, `polled densely in the window: ${inWindow.join(', ')}`);
  });

  it('polls at once, then every second, and stops at the final result', async () => {
    const h = harness((call) => (call < 5 ? 'running' : 'done'));
    h.poller.start();
    await h.timers.advance(60_000);
    assert.deepEqual(h.calls, [0, 1_000, 2_000, 3_000, 4_000, 5_000]);
    assert.deepEqual(h.results, ['running', 'running', 'running', 'running', 'running', 'done']);
    assert.equal(h.poller.state, 'stopped');
    assert.equal(h.timers.timerCount, 0, 'no timer left behind');
  });

  it('slows down as time passes', async () => {
    const h = harness(() => 'running');
    h.poller.start();
    await h.timers.advance(5 * 60_000);
    const gaps = h.calls.slice(1).map((at, i) => at - h.calls[i]);
    assert.equal(gaps[0], 1_000);
    assert.ok(gaps[gaps.length - 1] > 20_000, `last gap ${gaps[gaps.length - 1]}`);
    assert.ok(h.calls.length <= 60, `${h.calls.length} polls in five minutes`);
    h.poller.dispose();
  });

  it('retries failed polls with growing delays and resets after a success', async () => {
    const h = harness((call) => (call >= 1 && call <= 3 ? new Error('boom') : call < 6 ? 'running' : 'done'));
    h.poller.start();
    await h.timers.advance(120_000);
    assert.deepEqual(
      h.failures.map((failure) => failure.failures),
      [1, 2, 3],
    );
    assert.deepEqual(
      h.failures.map((failure) => failure.retryInMs),
      [2_000, 4_000, 8_000],
    );
    // 0 ok, 1 s fail, +2 s fail, +4 s fail, +8 s ok, then back to the normal schedule.
    assert.deepEqual(h.calls, [0, 1_000, 3_000, 7_000, 15_000, 16_000, 17_000]);
    assert.equal(h.poller.state, 'stopped');
  });

  it('waits longer when the failure is throttling', async () => {
    const h = harness((call) => (call === 0 ? new Error('Rate exceeded') : 'done'), { isThrottling: () => true });
    h.poller.start();
    await h.timers.advance(30_000);
    assert.deepEqual(h.calls, [0, 5_000]);
  });

  it('stops when the failure handler says so', async () => {
    const h = harness(() => new Error('gone'), { onFailure: () => 'stop' });
    h.poller.start();
    await h.timers.advance(60_000);
    assert.deepEqual(h.calls, [0]);
    assert.equal(h.poller.state, 'stopped');
    assert.equal(h.timers.timerCount, 0);
  });

  it('polls now on demand and keeps the schedule afterwards', async () => {
    const h = harness(() => 'running');
    h.poller.start();
    await h.timers.advance(30_000);
    const before = h.calls.length;
    await h.timers.advance(100);
    await h.poller.pollNow();
    assert.equal(h.calls.length, before + 1);
    assert.equal(h.timers.timerCount, 1, 'exactly one next poll is scheduled');
    h.poller.dispose();
  });

  it('never runs two polls at once: pollNow during a poll waits for it', async () => {
    const timers = new FakeTimers();
    let release: (value: string) => void = () => undefined;
    let calls = 0;
    const poller = new Poller<string>({
      timers,
      startedAt: timers.now(),
      poll: () => {
        calls += 1;
        return new Promise<string>((resolve) => (release = resolve));
      },
      isFinal: () => false,
      onResult: () => undefined,
      onFailure: () => 'retry',
    });
    poller.start();
    await timers.advance(0);
    assert.equal(calls, 1);
    const a = poller.pollNow();
    const b = poller.pollNow();
    assert.equal(calls, 1);
    release('running');
    await Promise.all([a, b]);
    assert.equal(calls, 1);
    poller.dispose();
  });

  it('aborts the poll in flight and ignores its answer once disposed', async () => {
    const timers = new FakeTimers();
    let signal: AbortSignal | undefined;
    let release: (value: string) => void = () => undefined;
    const results: string[] = [];
    const poller = new Poller<string>({
      timers,
      startedAt: timers.now(),
      poll: (s) => {
        signal = s;
        return new Promise<string>((resolve) => (release = resolve));
      },
      isFinal: () => false,
      onResult: (result) => results.push(result),
      onFailure: () => 'retry',
    });
    poller.start();
    await timers.advance(0);
    poller.dispose();
    assert.equal(signal?.aborted, true);
    release('late');
    await settle();
    assert.deepEqual(results, []);
    assert.equal(timers.timerCount, 0);
    assert.equal(poller.state, 'disposed');
  });

  it('can poll once more after it stopped, and stays stopped on a final answer', async () => {
    const h = harness(() => 'done');
    h.poller.start();
    await h.timers.advance(5_000);
    assert.equal(h.calls.length, 1);
    await h.poller.pollNow();
    assert.equal(h.calls.length, 2);
    assert.equal(h.poller.state, 'stopped');
    assert.equal(h.timers.timerCount, 0);
  });

  it('says when the next poll is due', async () => {
    const h = harness(() => 'running');
    h.poller.start();
    await h.timers.advance(0);
    assert.equal(h.poller.nextPollAt, h.timers.now() + 1_000);
    h.poller.dispose();
    assert.equal(h.poller.nextPollAt, undefined);
  });
});

import type { AwsFiles } from '../../../src/aws/configFiles';
import * as assert from 'node:assert/strict';
import type { RecordDetail } from '@aws-sdk/client-service-catalog';
import { SecretRedactor } from '../../../src/aws/secrets';
import type { DurationEstimate, DurationQuery } from '../../../src/catalog/durations';
import type { RecordRef } from '../../../src/catalog/records';
import { soleWindow } from '../../../src/platform/windowOwnership';
import { planExpectedEnd, pollsUntil, predictedPollDelay } from '../../../src/records/tracking/expectedEnd';
import { InFlightStore } from '../../../src/records/tracking/inFlightStore';
import { LiveRecordTracker } from '../../../src/records/tracking/liveRecordTracker';
import { nextPollDelay, retryDelay } from '../../../src/records/tracking/pollSchedule';
import { MemoryStore } from '../support/memoryStore';
import { FakeTimers } from './fakeTimers';

const fiveMinutes: DurationEstimate = { typicalMs: 300_000, lowMs: 280_000, highMs: 320_000, longerAfterMs: 450_000, runs: 7 };

/** The polls a schedule makes for a record that ends at `endMs` (ms after watching started): how many, and how late the end is seen. */
function follow(endMs: number, delayAt: (now: number) => number, changes: number[] = []): { calls: number; delays: number[] } {
  const pending = [...changes, endMs];
  const delays: number[] = [];
  let calls = 0;
  for (let now = 0; ; now += delayAt(now)) {
    calls += 1;
    while (pending.length > 0 && pending[0] <= now) delays.push(now - pending.shift()!);
    if (now >= endMs) return { calls, delays };
  }
}

describe('Polling around the expected end', () => {
  it('plans a window from the 10th to the 90th percentile, around the median, that has not passed', () => {
    const plan = planExpectedEnd(fiveMinutes, 1_000_000, 1_000_000)!;
    assert.equal(plan.from, 1_000_000 + 280_000 - 6_000);
    assert.equal(plan.to, 1_000_000 + 320_000 + 6_000);
    assert.equal(plan.likeliest, 1_300_000);
    assert.equal(planExpectedEnd(fiveMinutes, 0, 400_000), undefined, 'watched only after the window');
  });

  it('keeps the usual schedule for the first minute, so early changes are seen as soon as before', () => {
    const plan = planExpectedEnd(fiveMinutes, 0, 0)!;
    for (let now = 0; now < 60_000; now += 700) {
      assert.equal(predictedPollDelay(now, 0, plan), nextPollDelay(now), `at ${now} ms`);
    }
  });

  it('polls slowly before the window, lands on its start, and densest at the likeliest end', () => {
    const plan = planExpectedEnd(fiveMinutes, 0, 0)!;
    assert.ok(predictedPollDelay(120_000, 0, plan) > nextPollDelay(120_000), 'sparser than usual after the first minute');
    assert.ok(predictedPollDelay(120_000, 0, plan) <= 60_000);
    assert.equal(predictedPollDelay(plan.from - 3_000, 0, plan), 3_000, 'the first poll of the window is at its start');
    assert.equal(predictedPollDelay(plan.likeliest, 0, plan), plan.spacingMs);
    assert.ok(predictedPollDelay(plan.from + 1, 0, plan) > plan.spacingMs, 'sparser at the edges');
    assert.ok(plan.spacingMs <= 2_500, `${plan.spacingMs} ms at the likeliest end`);
    assert.equal(predictedPollDelay(plan.to + 1, 0, plan), nextPollDelay(plan.to + 1), 'as usual once the run is longer than usual');
  });

  it('sees the end within about a second or two for no more calls than the usual schedule', () => {
    const plan = planExpectedEnd(fiveMinutes, 0, 0)!;
    for (const end of [285_000, 295_000, 300_000, 304_000, 315_000]) {
      const usual = follow(end, (now) => nextPollDelay(now));
      const predicted = follow(end, (now) => predictedPollDelay(now, 0, plan));
      assert.ok(predicted.delays[0] <= 5_000, `end at ${end}: seen ${predicted.delays[0]} ms late (usually ${usual.delays[0]})`);
      assert.ok(predicted.calls <= usual.calls + 1, `end at ${end}: ${predicted.calls} calls, usually ${usual.calls}`);
    }
    assert.equal(follow(300_000, (now) => predictedPollDelay(now, 0, plan)).delays[0] <= 1_250, true);
    assert.ok(pollsUntil(plan.to, 0, (now) => predictedPollDelay(now, 0, plan)) <= pollsUntil(plan.to, 0, (now) => nextPollDelay(now)));
  });

  it('never polls less often than usual in the window, and makes no plan when earlier runs spread too widely to afford', () => {
    const plan = planExpectedEnd(fiveMinutes, 0, 0)!;
    for (let now = plan.from; now <= plan.to; now += 500) {
      assert.ok(predictedPollDelay(now, 0, plan) <= nextPollDelay(now), `at ${now}`);
    }
    assert.equal(planExpectedEnd({ typicalMs: 600_000, lowMs: 120_000, highMs: 1_800_000 }, 0, 0), undefined);
    const hourly = planExpectedEnd({ typicalMs: 3_600_000, lowMs: 3_300_000, highMs: 3_900_000 }, 0, 0)!;
    assert.ok(pollsUntil(hourly.to, 0, (now) => predictedPollDelay(now, 0, hourly)) <= pollsUntil(hourly.to, 0, (now) => nextPollDelay(now)));
  });

  it('retries a failed poll in the window no later than the window would poll', () => {
    const plan = planExpectedEnd(fiveMinutes, 0, 0)!;
    const scheduledMs = predictedPollDelay(plan.likeliest, 0, plan);
    assert.equal(retryDelay(1, plan.likeliest, { throttled: false, random: 1, scheduledMs }), Math.max(2_000, scheduledMs));
    assert.equal(retryDelay(1, plan.likeliest, { throttled: false, random: 1 }), nextPollDelay(plan.likeliest), 'the usual floor without a plan');
  });

  describe('in the tracker', () => {
    const ref: RecordRef = { profile: 'dev', region: 'us-east-1', recordId: 'rec-five' };

    function track(endSeconds: number, estimate: ((query: DurationQuery) => Promise<DurationEstimate | undefined>) | undefined, files?: () => AwsFiles) {
      const timers = new FakeTimers();
      const createdAt = timers.now();
      const polls: number[] = [];
      const tracker = new LiveRecordTracker({
        describe: async () => {
          polls.push(timers.now());
          const seconds = (timers.now() - createdAt) / 1000;
          const record: RecordDetail = {
            RecordId: ref.recordId,
            Status: seconds >= endSeconds ? 'SUCCEEDED' : seconds >= 2 ? 'IN_PROGRESS' : 'CREATED',
            ProductId: 'prod-1',
            ProvisioningArtifactId: 'pa-1',
            ProvisionedProductId: 'pp-1',
            RecordType: 'EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION',
            CreatedTime: new Date(createdAt),
            UpdatedTime: new Date(timers.now()),
          };
          return { record, outputs: [] };
        },
        store: new InFlightStore(new MemoryStore(), { window: soleWindow, timers }),
        redactor: new SecretRedactor(),
        timers,
        estimate,
        files,
      });
      const initial: RecordDetail = { RecordId: ref.recordId, Status: 'CREATED', ProductId: 'prod-1', ProvisioningArtifactId: 'pa-1', ProvisionedProductId: 'pp-1', CreatedTime: new Date(createdAt) };
      tracker.watch(ref, { serviceActionId: 'act-1', provisionedProductId: 'pp-1' }, initial);
      return { timers, tracker, polls, createdAt };
    }

    it('asks for the estimate of the action it ran, shows it, and sees the end at once for fewer calls', async () => {
      const asked: DurationQuery[] = [];
      const predicted = track(300, async (query) => (asked.push(query), fiveMinutes));
      await predicted.timers.advance(330_000);
      assert.deepEqual(asked, [{ profile: 'dev', region: 'us-east-1', productId: 'prod-1', provisioningArtifactId: 'pa-1', serviceActionId: 'act-1', recordType: undefined, recordId: 'rec-five' }]);
      const snapshot = predicted.tracker.snapshot(ref)!;
      assert.deepEqual(snapshot.estimate, fiveMinutes);
      assert.equal(snapshot.record?.Status, 'SUCCEEDED');
      const seenAt = snapshot.statusHistory.at(-1)!.seenAt - predicted.createdAt;

      const usual = track(300, undefined);
      await usual.timers.advance(330_000);
      const usualSeenAt = usual.tracker.snapshot(ref)!.statusHistory.at(-1)!.seenAt - usual.createdAt;
      assert.ok(seenAt - 300_000 <= 1_250, `seen ${seenAt - 300_000} ms after the end (usually ${usualSeenAt - 300_000})`);
      assert.ok(usualSeenAt - 300_000 > 5_000);
      assert.ok(predicted.polls.length <= usual.polls.length, `${predicted.polls.length} polls, usually ${usual.polls.length}`);
      predicted.tracker.dispose();
      usual.tracker.dispose();
    });

    it('keeps polling densely around the expected end when it follows a record again after the sandbox stops', async () => {
      const files = { current: 'user' as AwsFiles };
      const run = track(300, async () => fiveMinutes, () => files.current);
      await run.timers.advance(100_000);
      files.current = 'sandbox';
      run.tracker.useFiles();
      await run.timers.advance(100_000);
      files.current = 'user';
      run.tracker.useFiles();
      await run.timers.advance(130_000);
      const snapshot = run.tracker.snapshot(ref)!;
      assert.equal(snapshot.record?.Status, 'SUCCEEDED');
      const late = snapshot.statusHistory.at(-1)!.seenAt - run.createdAt - 300_000;
      assert.ok(late <= 1_250, `seen ${late} ms after the end`);
      run.tracker.dispose();
    });

    it('polls as usual without an estimate, and when asking fails', async () => {
      const none = track(300, async () => undefined);
      const failing = track(300, async () => Promise.reject(new Error('no history')));
      const usual = track(300, undefined);
      for (const run of [none, failing, usual]) await run.timers.advance(330_000);
      assert.deepEqual(none.polls.map((at) => at - none.createdAt), usual.polls.map((at) => at - usual.createdAt));
      assert.deepEqual(failing.polls.map((at) => at - failing.createdAt), usual.polls.map((at) => at - usual.createdAt));
      assert.equal(none.tracker.snapshot(ref)?.estimate, undefined);
      [none, failing, usual].forEach((run) => run.tracker.dispose());
    });

    it('asks nothing for a record whose action it does not know', async () => {
      const asked: DurationQuery[] = [];
      const timers = new FakeTimers();
      const tracker = new LiveRecordTracker({
        describe: async () => ({ record: { RecordId: 'rec-x', Status: 'IN_PROGRESS', ProductId: 'prod-1', CreatedTime: new Date(timers.now()) }, outputs: [] }),
        store: new InFlightStore(new MemoryStore(), { window: soleWindow, timers }),
        redactor: new SecretRedactor(),
        timers,
        estimate: async (query) => (asked.push(query), fiveMinutes),
      });
      tracker.watch({ ...ref, recordId: 'rec-x' });
      await timers.advance(5_000);
      assert.deepEqual(asked, []);
      tracker.dispose();
    });
  });
});

import * as assert from 'node:assert/strict';
import type { AwsProblem } from '../../../src/aws/errors';
import { AwsCallError } from '../../../src/aws/errors';
import { SecretRedactor } from '../../../src/aws/secrets';
import { soleWindow } from '../../../src/platform/windowOwnership';
import { InFlightStore } from '../../../src/records/tracking/inFlightStore';
import { LiveRecordTracker, type DescribedRecord } from '../../../src/records/tracking/liveRecordTracker';
import type { RecordRef, RecordSnapshot, StopReason } from '../../../src/catalog/records';
import { FakeTimers } from './fakeTimers';
import { MemoryStore } from '../support/memoryStore';

const sandboxStopped: AwsProblem = { kind: 'not-found', summary: 'Sandbox stopped', detail: 'The sandbox stopped.', retryable: false };

/** `forget`: records that can no longer exist (a stopped sandbox's) are dropped at once, quietly, and for good. */
describe('LiveRecordTracker.forget', () => {
  function setup(storage = new MemoryStore(), describe?: (ref: RecordRef) => Promise<DescribedRecord>) {
    const timers = new FakeTimers();
    const calls: string[] = [];
    const tracker = new LiveRecordTracker({
      describe: async (ref) => {
        calls.push(`${ref.profile}/${ref.recordId}`);
        return describe ? describe(ref) : { record: { RecordId: ref.recordId, Status: 'IN_PROGRESS' }, outputs: [] };
      },
      store: new InFlightStore(storage, { window: soleWindow, timers }),
      redactor: new SecretRedactor(),
      timers,
      random: () => 1,
    });
    const events = { changes: [] as RecordSnapshot[], ends: [] as RecordSnapshot[], lost: [] as Array<[string, StopReason]> };
    tracker.onDidChange((snapshot) => events.changes.push(snapshot));
    tracker.onDidEnd((snapshot) => events.ends.push(snapshot));
    tracker.onDidStopWatching((snapshot, reason) => events.lost.push([snapshot.ref.recordId, reason]));
    return { timers, calls, tracker, storage, events };
  }

  const sandboxRecord: RecordRef = { profile: 'acme-payments-prod', region: 'us-east-1', recordId: 'rec-sandbox' };
  const realRecord: RecordRef = { profile: 'work', region: 'eu-west-1', recordId: 'rec-real' };

  it('stops polling the chosen records, ends them with the problem, and removes them from the store', async () => {
    const t = setup();
    t.tracker.watch(sandboxRecord, {}, { RecordId: 'rec-sandbox', Status: 'IN_PROGRESS' });
    t.tracker.watch(realRecord, {}, { RecordId: 'rec-real', Status: 'IN_PROGRESS' });
    await t.timers.advance(3_000);
    assert.equal(new InFlightStore(t.storage, { window: soleWindow, timers: t.timers }).all().length, 2);

    const forgotten = t.tracker.forget((ref) => ref.profile === 'acme-payments-prod', sandboxStopped);
    assert.equal(forgotten, 1);
    const last = t.events.changes[t.events.changes.length - 1];
    assert.deepEqual(last.ref, sandboxRecord);
    assert.equal(last.connection, 'ended');
    assert.equal(last.problem, sandboxStopped);
    assert.equal(t.tracker.snapshot(sandboxRecord), undefined, 'forgotten');
    assert.deepEqual(t.tracker.inFlight().map((snapshot) => snapshot.ref.recordId), ['rec-real']);
    assert.deepEqual(t.events.ends, [], 'no end notification');
    assert.deepEqual(t.events.lost, [['rec-sandbox', 'forgotten']], 'listeners learn it will not end, and why (the notifications say nothing for "forgotten")');

    t.calls.length = 0;
    await t.timers.advance(60_000);
    assert.ok(t.calls.length > 0 && t.calls.every((call) => call === 'work/rec-real'), t.calls.join(', '));
    assert.deepEqual(new InFlightStore(t.storage, { window: soleWindow, timers: t.timers }).all().map((entry) => entry.ref.recordId), ['rec-real'], 'a reload does not bring it back');
  });

  it('forgets records restored after a reload before their first poll, and a record watched again starts afresh', async () => {
    const storage = new MemoryStore();
    const first = setup(storage);
    first.tracker.watch(sandboxRecord, {}, { RecordId: 'rec-sandbox', Status: 'IN_PROGRESS' });
    await first.timers.advance(0);
    first.tracker.dispose();

    // The next session: the sandbox profile does not resolve (yet), so a poll would fail.
    const next = setup(storage, async () => {
      throw new AwsCallError({ kind: 'invalid-config', summary: 'Profile not found', detail: 'no profile', retryable: false }, 'LoadProfiles');
    });
    assert.equal(next.tracker.restore().length, 1);
    assert.equal(next.tracker.forget((ref) => ref.profile === sandboxRecord.profile, sandboxStopped), 1);
    await next.timers.advance(120_000);
    assert.deepEqual(next.calls, [], 'never polled');
    assert.equal(next.timers.timerCount, 0);

    next.tracker.watch(sandboxRecord);
    assert.equal(next.tracker.forget(() => true, sandboxStopped), 1, 'watched again: in flight until its first answer');
    next.tracker.watch(sandboxRecord);
    await next.timers.advance(0);
    assert.deepEqual(next.calls, ['acme-payments-prod/rec-sandbox'], 'each time afresh: polled once the second time');
    assert.equal(next.tracker.snapshot(sandboxRecord)?.problem?.kind, 'invalid-config', 'a profile that does not resolve stops it at once');
    assert.equal(next.tracker.forget(() => true, sandboxStopped), 0, 'nothing left in flight');
    assert.equal(next.tracker.snapshot(sandboxRecord), undefined, 'forgotten all the same');
  });
});

import * as assert from 'node:assert/strict';
import type { RecordDetail } from '@aws-sdk/client-service-catalog';
import type { AwsProblem } from '../../../src/aws/errors';
import { AwsCallError } from '../../../src/aws/errors';
import { SecretRedactor } from '../../../src/aws/secrets';
import { soleWindow } from '../../../src/platform/windowOwnership';
import { InFlightStore } from '../../../src/records/tracking/inFlightStore';
import { LiveRecordTracker, type DescribedRecord } from '../../../src/records/tracking/liveRecordTracker';
import type { RecordRef, RecordSnapshot, StopReason } from '../../../src/catalog/records';
import { FakeTimers, settle } from './fakeTimers';
import { MemoryStore } from '../support/memoryStore';
import { silentLogger } from '../../../src/platform/logger';

const ref: RecordRef = { profile: 'dev', region: 'eu-west-1', recordId: 'rec-1' };

function problem(kind: AwsProblem['kind']): AwsCallError {
  return new AwsCallError({ kind, summary: kind, detail: `${kind} happened`, retryable: kind !== 'not-found' }, 'DescribeRecord');
}

/** A record whose status follows `timeline` (seconds since the test started); `faults` make chosen calls fail. */
class ScriptedRecord {
  calls = 0;
  readonly startedAt: number;
  constructor(
    private readonly timers: FakeTimers,
    private readonly timeline: Array<[number, string]>,
    private readonly faults: (call: number) => Error | undefined = () => undefined,
  ) {
    this.startedAt = timers.now();
  }

  describe = async (_ref: RecordRef, _signal: AbortSignal): Promise<DescribedRecord> => {
    const call = this.calls++;
    const fault = this.faults(call);
    if (fault) {
      throw fault;
    }
    const seconds = (this.timers.now() - this.startedAt) / 1000;
    const status = [...this.timeline].reverse().find(([at]) => at <= seconds)?.[1] ?? 'CREATED';
    const record: RecordDetail = { RecordId: ref.recordId, Status: status as RecordDetail['Status'], ProvisionedProductId: 'pp-1' };
    if (status === 'FAILED') {
      record.RecordErrors = [{ Code: 'E1', Description: 'first' }];
    }
    return { record, outputs: status === 'SUCCEEDED' ? [{ OutputKey: 'k', OutputValue: 'v' }] : [] };
  };
}

function setup(script: (timers: FakeTimers) => ScriptedRecord, storage = new MemoryStore(), timers = new FakeTimers()) {
  const record = script(timers);
  const store = new InFlightStore(storage, { window: soleWindow, timers });
  const warnings: string[] = [];
  const log = { ...silentLogger, warn: (message: string) => warnings.push(message) };
  const tracker = new LiveRecordTracker({ describe: record.describe, store, timers, random: () => 1, redactor: new SecretRedactor(), log });
  const changes: RecordSnapshot[] = [];
  const ends: RecordSnapshot[] = [];
  const lost: RecordSnapshot[] = [];
  const stopReasons: StopReason[] = [];
  tracker.onDidChange((s) => changes.push(s));
  tracker.onDidEnd((s) => ends.push(s));
  tracker.onDidStopWatching((s, reason) => {
    lost.push(s);
    stopReasons.push(reason);
  });
  return { timers, record, store, storage, tracker, changes, ends, lost, stopReasons, warnings };
}

describe('LiveRecordTracker (fake clock)', () => {
  it('follows a record to SUCCEEDED, records each status change once, announces the end once', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'CREATED'], [2, 'IN_PROGRESS'], [10, 'SUCCEEDED']]));
    const first = t.tracker.watch(ref, { serviceActionName: 'Restart' }, { RecordId: 'rec-1', Status: 'CREATED' });
    assert.equal(first.connection, 'live');
    assert.equal(first.record?.Status, 'CREATED');
    await t.timers.advance(60_000);
    const last = t.tracker.snapshot(ref)!;
    assert.equal(last.record?.Status, 'SUCCEEDED');
    assert.equal(last.connection, 'ended');
    assert.deepEqual(
      last.statusHistory.map((h) => h.status),
      ['CREATED', 'IN_PROGRESS', 'SUCCEEDED'],
    );
    assert.deepEqual(last.outputs, [{ OutputKey: 'k', OutputValue: 'v' }]);
    assert.equal(t.ends.length, 1);
    assert.equal(t.ends[0].record?.Status, 'SUCCEEDED');
    assert.equal(t.timers.timerCount, 0, 'polling stopped');
    assert.equal(t.record.calls, 11, 'one call a second until it ended at 10 s');
    assert.deepEqual(t.tracker.inFlight(), []);
    assert.deepEqual(t.tracker.recentlyEnded().map((s) => s.ref.recordId), ['rec-1']);
  });

  it('persists a record while it runs and forgets it when it ends', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS'], [5, 'FAILED']]));
    t.tracker.watch(ref, { parameters: { Target: ['i-1'] } }, { RecordId: 'rec-1', Status: 'CREATED' });
    await t.store.flushed();
    assert.deepEqual(t.store.all().map((e) => e.ref.recordId), ['rec-1']);
    assert.deepEqual(t.store.all()[0].origin.parameters, { Target: ['i-1'] });
    await t.timers.advance(10_000);
    await t.store.flushed();
    assert.deepEqual(t.store.all(), []);
    assert.equal(t.ends[0].record?.RecordErrors?.[0].Description, 'first');
  });

  it('does not announce the end of a record first seen already ended', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'SUCCEEDED']]));
    t.tracker.watch(ref);
    await t.timers.advance(5_000);
    assert.equal(t.tracker.snapshot(ref)?.connection, 'ended');
    assert.equal(t.ends.length, 0);
    assert.equal(t.record.calls, 1);
    assert.equal(t.storage.writes, 0, 'nothing persisted');
  });

  it('shares one poller between everyone who watches the same record', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS'], [30, 'SUCCEEDED']]));
    t.tracker.watch(ref);
    t.tracker.watch({ ...ref }, { productName: 'Web' });
    t.tracker.watch({ ...ref });
    await t.timers.advance(10_000);
    assert.equal(t.record.calls, 11);
    assert.equal(t.tracker.snapshot(ref)?.origin.productName, 'Web');
    t.tracker.dispose();
  });

  it('marks the snapshot reconnecting while polls fail, keeps the last data, and recovers', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS'], [40, 'SUCCEEDED']], (call) => (call >= 2 && call <= 4 ? problem('throttled') : undefined)));
    t.tracker.watch(ref);
    await t.timers.advance(1_500);
    const fetchedAt = t.tracker.snapshot(ref)!.fetchedAt;
    await t.timers.advance(1_000);
    const failing = t.tracker.snapshot(ref)!;
    assert.equal(failing.connection, 'reconnecting');
    assert.equal(failing.problem?.kind, 'throttled');
    assert.equal(failing.fetchedAt, fetchedAt, 'the last successful answer keeps its time: stale data is not shown as fresh');
    assert.equal(failing.record?.Status, 'IN_PROGRESS');
    assert.ok(failing.nextPollAt! > t.timers.now());
    await t.timers.advance(60_000);
    const recovered = t.tracker.snapshot(ref)!;
    assert.equal(recovered.record?.Status, 'SUCCEEDED');
    assert.equal(recovered.problem, undefined);
    assert.ok(t.changes.some((s) => s.connection === 'reconnecting'));
    assert.equal(t.ends.length, 1);
  });

  it('stops watching a record that cannot be found, after three answers in a row over 30 s, and says so if it was in flight', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS']], (call) => (call >= 1 ? problem('not-found') : undefined)));
    t.tracker.watch(ref);
    await t.timers.advance(10_000);
    const waiting = t.tracker.snapshot(ref)!;
    assert.equal(t.record.calls, 4, 'one answer, then not found at 1 s, 3 s and 7 s');
    assert.equal(waiting.connection, 'reconnecting', 'three not-founds within 6 s are not enough');
    assert.equal(waiting.problem?.kind, 'not-found');
    await t.store.flushed();
    assert.deepEqual(t.store.all().map((entry) => entry.ref.recordId), ['rec-1'], 'still saved for after a reload');
    assert.equal(t.lost.length, 0);

    await t.timers.advance(60_000);
    const snapshot = t.tracker.snapshot(ref)!;
    assert.equal(snapshot.connection, 'ended');
    assert.equal(snapshot.problem?.kind, 'not-found');
    assert.equal(t.record.calls, 6, 'given up at the answer 30 s after the first not-found (at 1, 3, 7, 15 and 31 s)');
    assert.equal(t.timers.timerCount, 0, 'polling stopped');
    assert.deepEqual(t.stopReasons, ['not-found']);
    assert.equal(t.ends.length, 0);
    assert.deepEqual(t.tracker.inFlight(), []);
    await t.store.flushed();
    assert.deepEqual(t.store.all(), []);
  });

  it('keeps following a new record that the first polls after its execution do not find yet (reads are eventually consistent)', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS'], [20, 'SUCCEEDED']], (call) => (call <= 1 ? problem('not-found') : undefined)));
    t.tracker.watch(ref, { serviceActionName: 'Restart' }, { RecordId: 'rec-1', Status: 'CREATED' });
    await t.timers.advance(2_500);
    assert.equal(t.tracker.snapshot(ref)?.connection, 'reconnecting');
    assert.equal(t.tracker.snapshot(ref)?.problem?.kind, 'not-found');
    await t.store.flushed();
    assert.equal(t.store.all().length, 1, 'the saved entry stays');
    await t.timers.advance(60_000);
    assert.equal(t.tracker.snapshot(ref)?.record?.Status, 'SUCCEEDED');
    assert.equal(t.ends.length, 1);
    assert.equal(t.lost.length, 0);
  });

  it('starts counting not-founds afresh after the record was found', async () => {
    // Not found at calls 0-1, found at 2, not found at 3-4, found again: never three in a row.
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS'], [120, 'SUCCEEDED']], (call) => ([0, 1, 3, 4].includes(call) ? problem('not-found') : undefined)));
    t.tracker.watch(ref, {}, { RecordId: 'rec-1', Status: 'CREATED' });
    await t.timers.advance(200_000);
    assert.equal(t.tracker.snapshot(ref)?.record?.Status, 'SUCCEEDED');
    assert.equal(t.lost.length, 0);
  });

  for (const kind of ['invalid-config', 'invalid-region'] as const) {
    it(`stops following a record in flight at once when its profile cannot be used (${kind}): shown, logged, not running, not saved`, async () => {
      const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS']], (call) => (call >= 1 ? problem(kind) : undefined)));
      t.tracker.watch(ref, { serviceActionName: 'Restart' }, { RecordId: 'rec-1', Status: 'CREATED' });
      await t.timers.advance(1_500);
      const snapshot = t.tracker.snapshot(ref)!;
      assert.equal(snapshot.connection, 'ended');
      assert.equal(snapshot.problem?.kind, kind, 'the panel shows the problem');
      assert.equal(snapshot.record?.Status, 'IN_PROGRESS', 'and the last status it knew');
      assert.equal(t.record.calls, 2, 'no retry');
      assert.equal(t.timers.timerCount, 0);
      assert.deepEqual(t.tracker.inFlight(), [], 'the status bar does not count it');
      assert.deepEqual(t.stopReasons, ['cannot-follow']);
      assert.ok(t.warnings.some((line) => line.includes('Stopped following record rec-1') && line.includes(`${kind} happened`)), t.warnings.join('\n'));
      await t.store.flushed();
      assert.deepEqual(t.store.all(), [], 'a reload does not bring it back');

      // Once the profile is fixed, watching it again (or Refresh) follows it again.
      await t.tracker.refresh(ref);
      assert.equal(t.record.calls, 3);
    });
  }

  it('follows a record stopped for its profile again once the AWS files change and the profile is back; announces the stop once', async () => {
    let profileBack = false;
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS'], [30, 'SUCCEEDED']], (call) => (call >= 1 && !profileBack ? problem('invalid-config') : undefined)));
    t.tracker.watch(ref, {}, { RecordId: 'rec-1', Status: 'CREATED' });
    await t.timers.advance(1_500);
    assert.equal(t.tracker.snapshot(ref)?.connection, 'ended');
    assert.equal(t.tracker.retryAfterConfigChange(), 1, 'the files changed, but not that profile');
    await t.timers.advance(1_000);
    assert.equal(t.tracker.snapshot(ref)?.connection, 'ended');
    assert.deepEqual(t.stopReasons, ['cannot-follow'], 'still unusable: not announced again');
    assert.equal(t.timers.timerCount, 0);

    profileBack = true;
    t.tracker.retryAfterConfigChange();
    await t.timers.advance(0);
    assert.equal(t.tracker.snapshot(ref)?.connection, 'live');
    assert.equal(t.tracker.snapshot(ref)?.problem, undefined);
    await t.store.flushed();
    assert.equal(t.store.all().length, 1, 'saved again for after a reload');
    await t.timers.advance(60_000);
    assert.equal(t.ends.length, 1, 'its end is announced');
    assert.equal(t.tracker.retryAfterConfigChange(), 0);
  });

  it('keeps retrying problems that waiting or signing in can fix (expired credentials, access denied)', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS'], [100, 'SUCCEEDED']], (call) => (call === 1 ? problem('expired-credentials') : call === 2 ? problem('access-denied') : undefined)));
    t.tracker.watch(ref, {}, { RecordId: 'rec-1', Status: 'CREATED' });
    await t.timers.advance(4_000);
    assert.equal(t.tracker.snapshot(ref)?.connection, 'reconnecting');
    await t.timers.advance(200_000);
    assert.equal(t.tracker.snapshot(ref)?.record?.Status, 'SUCCEEDED');
    assert.equal(t.lost.length, 0);
  });

  it('masks credentials in the text of an error it did not expect before the panel or the log sees it', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS']], (call) => (call >= 1 ? new Error(`proxy said: aws_secret_access_key=${secret} is bad`) : undefined)));
    t.tracker.watch(ref, {}, { RecordId: 'rec-1', Status: 'CREATED' });
    await t.timers.advance(1_500);
    const snapshot = t.tracker.snapshot(ref)!;
    assert.equal(snapshot.connection, 'reconnecting');
    assert.ok(snapshot.problem, 'a problem is shown');
    const shown = JSON.stringify([snapshot.problem, t.changes.map((change) => change.problem), t.warnings]);
    assert.ok(!shown.includes(secret), shown);
    assert.match(snapshot.problem.detail, /aws_secret_access_key=\*\*\*\*/);
    t.tracker.dispose();
  });

  it('tries again when a record that could not be found is watched again', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'SUCCEEDED']], (call) => (call === 0 ? problem('not-found') : undefined)));
    t.tracker.watch(ref);
    await t.timers.advance(1_000);
    assert.equal(t.tracker.snapshot(ref)?.problem?.kind, 'not-found');
    t.tracker.watch(ref);
    await t.timers.advance(1_000);
    assert.equal(t.tracker.snapshot(ref)?.record?.Status, 'SUCCEEDED');
    assert.equal(t.tracker.snapshot(ref)?.problem, undefined);
  });

  it('refresh polls at once', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS']]));
    t.tracker.watch(ref);
    await t.timers.advance(100_000);
    const calls = t.record.calls;
    await t.tracker.refresh(ref);
    assert.equal(t.record.calls, calls + 1);
    t.tracker.dispose();
    assert.equal(t.timers.timerCount, 0);
  });

  it('resumes persisted records after a reload and announces those that ended meanwhile', async () => {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    const before = setup((clock) => new ScriptedRecord(clock, [[0, 'IN_PROGRESS']]), storage, timers);
    before.tracker.watch(ref, { serviceActionName: 'Restart' }, { RecordId: 'rec-1', Status: 'CREATED' });
    await timers.advance(3_000);
    before.tracker.dispose();
    await before.store.flushed();

    // "Reload": a new tracker over the same storage; the record ended while VS Code was closed.
    const after = setup((clock) => new ScriptedRecord(clock, [[0, 'SUCCEEDED']]), storage, timers);
    const restored = after.tracker.restore();
    assert.deepEqual(restored.map((s) => s.ref.recordId), ['rec-1']);
    assert.equal(restored[0].origin.serviceActionName, 'Restart');
    assert.deepEqual(restored[0].statusHistory.map((h) => h.status), ['CREATED', 'IN_PROGRESS']);
    assert.equal(after.tracker.inFlight().length, 1);
    await timers.advance(1_000);
    assert.equal(after.ends.length, 1);
    assert.deepEqual(after.ends[0].statusHistory.map((h) => h.status), ['CREATED', 'IN_PROGRESS', 'SUCCEEDED']);
    await after.store.flushed();
    assert.deepEqual(after.store.all(), []);
  });

  it('keeps polling (and says nothing is lost) when persisting fails', async () => {
    const storage = new MemoryStore();
    storage.failWrites = true;
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'IN_PROGRESS'], [3, 'SUCCEEDED']]), storage);
    t.tracker.watch(ref, {}, { RecordId: 'rec-1', Status: 'CREATED' });
    await t.timers.advance(10_000);
    await settle();
    assert.equal(t.tracker.snapshot(ref)?.record?.Status, 'SUCCEEDED');
    assert.equal(t.ends.length, 1);
  });

  it('isolates a failing listener from the others', async () => {
    const t = setup((timers) => new ScriptedRecord(timers, [[0, 'SUCCEEDED']]));
    let seen = 0;
    t.tracker.onDidChange(() => {
      throw new Error('listener bug');
    });
    t.tracker.onDidChange(() => (seen += 1));
    t.tracker.watch(ref, {}, { RecordId: 'rec-1', Status: 'IN_PROGRESS' });
    await t.timers.advance(1_000);
    assert.ok(seen >= 1);
  });
});

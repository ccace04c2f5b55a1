import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AwsContext } from '../../../src/aws/awsContext';
import { SecretRedactor } from '../../../src/aws/secrets';
import { systemTimers } from '../../../src/platform/timers';
import { soleWindow } from '../../../src/platform/windowOwnership';
import { InFlightStore } from '../../../src/records/tracking/inFlightStore';
import { LiveRecordTracker } from '../../../src/records/tracking/liveRecordTracker';
import { defaultPollSchedule, type PollScheduleOptions } from '../../../src/records/tracking/pollSchedule';
import type { RecordRef, RecordSnapshot } from '../../../src/catalog/records';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';
import { MemoryStore } from '../support/memoryStore';
import { waitUntil } from '../../../tools/waitUntil';

/** How long a wait for the tracker may take before it fails, saying what it waited for. */
const within = 15_000;

/** The tracker against the emulator over HTTP with the real SDK; the schedule is shortened so the suite runs in seconds. */
const quickSchedule: PollScheduleOptions = { ...defaultPollSchedule, fastDelayMs: 100, retryBaseMs: 100, throttledRetryBaseMs: 150, maxRetryDelayMs: 400 };

describe('LiveRecordTracker against the emulator', function () {
  this.timeout(60_000);
  let fixture: EmulatorFixture;
  let aws: AwsContext;
  let tracker: LiveRecordTracker;
  let storage: MemoryStore;
  let ends: RecordSnapshot[];
  let changes: RecordSnapshot[];

  before(async () => {
    fixture = await startEmulatorFixture({ clockSpeed: 10 });
  });
  after(() => fixture.stop());
  beforeEach(() => {
    fixture.emulator.reset();
    fixture.emulator.faults.clear();
    // One attempt per call, so the faults reach the tracker instead of being absorbed by the SDK's retries.
    aws = fixture.context({ clientOverrides: { maxAttempts: 1 } });
    storage = new MemoryStore();
    tracker = newTracker(storage);
    ends = [];
    changes = [];
    tracker.onDidEnd((snapshot) => ends.push(snapshot));
    tracker.onDidChange((snapshot) => changes.push(snapshot));
  });
  afterEach(() => tracker.dispose());

  function newTracker(store: MemoryStore): LiveRecordTracker {
    return new LiveRecordTracker({
      describe: async (ref, signal) => (await aws.apiFor(ref.profile, ref.region)).describeRecord(ref.recordId, { signal }),
      store: new InFlightStore(store, { window: soleWindow, timers: systemTimers }),
      redactor: new SecretRedactor(),
      schedule: quickSchedule,
      restoreStaggerMs: 0,
      notFound: { attempts: 3, minMs: 300 },
    });
  }

  async function execute(provisionedProductId: string, serviceActionId: string, parameters?: Record<string, string[]>) {
    const api = await aws.apiFor('main-alice', 'us-east-1');
    const record = await api.executeServiceAction({ provisionedProductId, serviceActionId, executeToken: randomUUID(), parameters });
    const ref: RecordRef = { profile: 'main-alice', region: 'us-east-1', recordId: record.RecordId! };
    return { ref, record };
  }

  it('follows an execution to SUCCEEDED and reads its outputs', async () => {
    const { ref, record } = await execute('pp-alice00000001', 'act-restart000001');
    tracker.watch(ref, { serviceActionName: 'Restart-Instance' }, record);
    const ended = await waitUntil('the record to end', () => ends[0], within, 20);
    assert.equal(ended.record?.Status, 'SUCCEEDED');
    assert.equal(ended.connection, 'ended');
    const statuses = ended.statusHistory.map((entry) => entry.status);
    assert.equal(statuses[0], 'CREATED');
    assert.equal(statuses[statuses.length - 1], 'SUCCEEDED');
    assert.ok(statuses.includes('IN_PROGRESS'), statuses.join(' > '));
    assert.deepEqual(ended.outputs.map((output) => output.OutputKey).sort(), ['InstanceState', 'RestartedInstance']);
    await tracker.refresh(ref);
    assert.equal(ends.length, 1, 'the end is announced once');
  });

  it('shows a failing action as failing-but-not-finished, then FAILED with every error', async () => {
    const { ref, record } = await execute('pp-alice00000002', 'act-rotate0000001');
    tracker.watch(ref, {}, record);
    const ended = await waitUntil('the record to end', () => ends[0], within, 20);
    assert.equal(ended.record?.Status, 'FAILED');
    assert.ok(ended.statusHistory.some((entry) => entry.status === 'IN_PROGRESS_IN_ERROR'), 'IN_PROGRESS_IN_ERROR was seen');
    assert.deepEqual(
      ended.record?.RecordErrors?.map((error) => error.Code),
      ['AutomationStepFailed', 'RollbackStarted', 'RollbackComplete'],
    );
  });

  it('collects outputs spread over several DescribeRecord pages', async () => {
    const { ref, record } = await execute('pp-alice00000003', 'act-export0000001');
    tracker.watch(ref, {}, record);
    const ended = await waitUntil('the record to end', () => ends[0], within, 20);
    assert.equal(ended.outputs.length, 45);
    assert.equal(new Set(ended.outputs.map((output) => output.OutputKey)).size, 45);
  });

  it('says reconnecting during a burst of throttling and recovers by itself', async () => {
    const { ref, record } = await execute('pp-alice00000009', 'act-snapshot00001');
    tracker.watch(ref, {}, record);
    await waitUntil('a first answer', () => tracker.snapshot(ref)?.fetchedAt, within, 20);
    fixture.emulator.faults.set([{ kind: 'throttle', operation: 'DescribeRecord', times: 4 }]);
    const reconnecting = await waitUntil('reconnecting', () => changes.find((s) => s.connection === 'reconnecting'), within, 20);
    assert.equal(reconnecting.problem?.kind, 'throttled');
    const ended = await waitUntil('the record to end', () => ends[0], within, 20);
    assert.equal(ended.record?.Status, 'SUCCEEDED');
    assert.equal(ended.problem, undefined);
    assert.equal(fixture.emulator.counters().faults.throttle, 4);
  });

  it('survives a dropped connection and the service going down for a moment', async () => {
    const { ref, record } = await execute('pp-alice00000009', 'act-snapshot00001');
    tracker.watch(ref, {}, record);
    await waitUntil('a first answer', () => tracker.snapshot(ref)?.fetchedAt, within, 20);
    fixture.emulator.faults.set([{ kind: 'drop', operation: 'DescribeRecord', times: 1 }]);
    const dropped = await waitUntil('reconnecting after the drop', () => changes.find((s) => s.connection === 'reconnecting'), within, 20);
    assert.equal(dropped.problem?.kind, 'network');
    await waitUntil('live again', () => tracker.snapshot(ref)?.connection === 'live', within, 20);
    changes.length = 0;
    const back = fixture.emulator.down(1_000);
    await waitUntil('reconnecting while down', () => changes.find((s) => s.connection === 'reconnecting'), within, 20);
    await back;
    const ended = await waitUntil('the record to end', () => ends[0], within, 20);
    assert.equal(ended.record?.Status, 'SUCCEEDED');
  });

  it('resumes an execution after a reload from what it persisted', async () => {
    const { ref, record } = await execute('pp-alice00000012', 'act-snapshot00001');
    tracker.watch(ref, { serviceActionId: 'act-snapshot00001', parameters: { DbInstanceId: ['db-1'] } }, record);
    await waitUntil('a first answer', () => tracker.snapshot(ref)?.fetchedAt, within, 20);
    tracker.dispose();
    assert.ok(ends.length === 0, 'it had not ended before the "reload"');

    const reloaded = newTracker(storage);
    const reloadedEnds: RecordSnapshot[] = [];
    reloaded.onDidEnd((snapshot) => reloadedEnds.push(snapshot));
    try {
      const restored = reloaded.restore();
      assert.deepEqual(restored.map((snapshot) => snapshot.ref), [ref]);
      assert.deepEqual(restored[0].origin.parameters, { DbInstanceId: ['db-1'] });
      const ended = await waitUntil('the resumed record to end', () => reloadedEnds[0], within, 20);
      assert.equal(ended.record?.Status, 'SUCCEEDED');
      await waitUntil('the store to forget it', () => new InFlightStore(storage, { window: soleWindow, timers: systemTimers }).all().length === 0, within, 20);
    } finally {
      reloaded.dispose();
    }
  });

  it('stops watching a record id that does not exist, after several answers that say so', async () => {
    const ref: RecordRef = { profile: 'main-alice', region: 'us-east-1', recordId: 'rec-doesnotexist1' };
    tracker.watch(ref);
    const stopped = await waitUntil('polling to stop', () => (tracker.snapshot(ref)?.connection === 'ended' ? tracker.snapshot(ref) : undefined), within, 20);
    assert.equal(stopped.problem?.kind, 'not-found');
    assert.equal(stopped.record, undefined);
    assert.ok((fixture.emulator.counters().calls.DescribeRecord ?? 0) >= 3, 'asked at least three times');
  });

  it('stops following a record in flight whose profile is gone, says why, and no longer counts it as running', async () => {
    const { ref, record } = await execute('pp-alice00000012', 'act-snapshot00001');
    tracker.watch(ref, {}, record);
    await waitUntil('a first answer', () => tracker.snapshot(ref)?.fetchedAt, within, 20);
    const stops: string[] = [];
    tracker.onDidStopWatching((_snapshot, reason) => stops.push(reason));
    // The profile is removed from the AWS files: the tracker's next poll cannot find it.
    tracker.watch({ ...ref, profile: 'main-removed' }, {}, record);
    const stopped = await waitUntil('polling to stop', () => (tracker.snapshot({ ...ref, profile: 'main-removed' })?.connection === 'ended' ? tracker.snapshot({ ...ref, profile: 'main-removed' }) : undefined), within, 20);
    assert.equal(stopped.problem?.kind, 'invalid-config');
    assert.match(stopped.problem?.detail ?? '', /main-removed/);
    assert.deepEqual(stops, ['cannot-follow']);
    assert.deepEqual(tracker.inFlight().map((snapshot) => snapshot.ref.profile), ['main-alice'], 'only the record that can be followed counts as running');
    const saved = () => new InFlightStore(storage, { window: soleWindow, timers: systemTimers }).all().map((entry) => entry.ref.profile);
    await waitUntil(() => `only main-alice's record saved for after a reload (saved: ${saved().join()})`, () => saved().join() === 'main-alice', within, 20);
  });
});

import * as assert from 'node:assert/strict';
import type { AwsFiles } from '../../../src/aws/configFiles';
import { SecretRedactor } from '../../../src/aws/secrets';
import { soleWindow } from '../../../src/platform/windowOwnership';
import { InFlightStore } from '../../../src/records/tracking/inFlightStore';
import { LiveRecordTracker } from '../../../src/records/tracking/liveRecordTracker';
import { endedExecutionOf, type EndedExecution } from '../../../src/records/tracking/executionHistory';
import type { RecordRef } from '../../../src/catalog/records';
import { FakeTimers } from './fakeTimers';
import { MemoryStore } from '../support/memoryStore';

/**
 * Records are tied to the AWS files they were seen through (the user's or the sandbox's): each is polled
 * only while its files are the ones read, and never given up, nor dropped from what a reload resumes,
 * because the other files are read.
 */
describe('LiveRecordTracker and the AWS files of each record', () => {
  const userRecord: RecordRef = { profile: 'work', region: 'eu-west-1', recordId: 'rec-user' };
  const sandboxRecord: RecordRef = { profile: 'acme-payments-prod', region: 'us-east-1', recordId: 'rec-sandbox' };

  function session(storage: MemoryStore, timers: FakeTimers, files: { current: AwsFiles }) {
    const calls: string[] = [];
    const tracker = new LiveRecordTracker({
      describe: async (ref) => {
        calls.push(ref.recordId);
        return { record: { RecordId: ref.recordId, Status: 'IN_PROGRESS' }, outputs: [] };
      },
      store: new InFlightStore(storage, { window: soleWindow, timers }),
      redactor: new SecretRedactor(),
      timers,
      random: () => 1,
      restoreStaggerMs: 0,
      files: () => files.current,
    });
    return { tracker, calls };
  }
  const saved = (storage: MemoryStore, timers: FakeTimers) => new InFlightStore(storage, { window: soleWindow, timers }).all();

  it('resumes after a reload with the sandbox on only the sandbox\'s records, keeps the user\'s saved and in flight, and follows them once the sandbox stops', async () => {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    const files = { current: 'user' as AwsFiles };
    const before = session(storage, timers, files);
    before.tracker.watch(userRecord, {}, { RecordId: 'rec-user', Status: 'IN_PROGRESS' });
    files.current = 'sandbox';
    before.tracker.useFiles();
    before.tracker.watch(sandboxRecord, {}, { RecordId: 'rec-sandbox', Status: 'IN_PROGRESS' });
    await timers.advance(0);
    assert.deepEqual(saved(storage, timers).map((entry) => [entry.ref.recordId, entry.files ?? 'user']), [['rec-user', 'user'], ['rec-sandbox', 'sandbox']]);
    before.tracker.dispose();

    // The window reloads with the sandbox on.
    const after = session(storage, timers, files);
    assert.deepEqual(after.tracker.restore().map((snapshot) => snapshot.ref.recordId).sort(), ['rec-sandbox', 'rec-user']);
    await timers.advance(60_000);
    assert.ok(after.calls.length > 0 && after.calls.every((call) => call === 'rec-sandbox'), after.calls.join(', '));
    const waiting = after.tracker.snapshot(userRecord)!;
    assert.equal(waiting.problem?.summary, 'Waiting for your AWS files');
    assert.notEqual(waiting.connection, 'ended', 'still in flight');
    assert.deepEqual(after.tracker.inFlight().map((snapshot) => snapshot.ref.recordId).sort(), ['rec-sandbox', 'rec-user']);
    assert.deepEqual(saved(storage, timers).map((entry) => entry.ref.recordId).sort(), ['rec-sandbox', 'rec-user'], 'a second reload still finds it');

    // The sandbox stops: its records are forgotten, the user's are followed again at once.
    files.current = 'user';
    after.tracker.forget((_ref, recordFiles) => recordFiles === 'sandbox', { kind: 'not-found', summary: 'Sandbox stopped', detail: '', retryable: false });
    after.tracker.useFiles();
    after.calls.length = 0;
    await timers.advance(0);
    assert.deepEqual(after.calls, ['rec-user']);
    assert.equal(after.tracker.snapshot(userRecord)?.problem, undefined);
    assert.deepEqual(saved(storage, timers).map((entry) => entry.ref.recordId), ['rec-user']);
    after.tracker.dispose();
  });

  it('stops polling the user\'s records while the sandbox runs in the same window, without giving them up', async () => {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    const files = { current: 'user' as AwsFiles };
    const window = session(storage, timers, files);
    window.tracker.watch(userRecord, {}, { RecordId: 'rec-user', Status: 'IN_PROGRESS' });
    await timers.advance(0);
    files.current = 'sandbox';
    window.tracker.useFiles();
    window.calls.length = 0;
    await timers.advance(10 * 60_000);
    assert.deepEqual(window.calls, [], 'not polled with the sandbox\'s files');
    assert.equal(window.tracker.snapshot(userRecord)?.connection, 'reconnecting');
    assert.equal(saved(storage, timers).length, 1);
    await window.tracker.refresh(userRecord);
    assert.deepEqual(window.calls, [], 'not even on Refresh');
    window.tracker.dispose();
  });

  it('tells whose AWS files a record that ended was seen through, so its run joins the history of those files only', async () => {
    const timers = new FakeTimers();
    const files = { current: 'sandbox' as AwsFiles };
    let status: 'IN_PROGRESS' | 'SUCCEEDED' = 'IN_PROGRESS';
    const tracker = new LiveRecordTracker({
      describe: async (ref) => ({
        record: {
          RecordId: ref.recordId,
          Status: status,
          ProductId: 'prod-1',
          ProvisionedProductId: 'pp-1',
          RecordType: 'EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION',
          CreatedTime: new Date(Date.UTC(2025, 0, 1, 12, 0, 0)),
          UpdatedTime: new Date(Date.UTC(2025, 0, 1, 12, 0, 30)),
        },
        outputs: [],
      }),
      store: new InFlightStore(new MemoryStore(), { window: soleWindow, timers }),
      redactor: new SecretRedactor(),
      timers,
      random: () => 1,
      files: () => files.current,
    });
    const ended: Array<EndedExecution | undefined> = [];
    tracker.onDidEnd((snapshot) => {
      const recordFiles = tracker.filesOf(snapshot.ref);
      ended.push(recordFiles && endedExecutionOf(snapshot, recordFiles));
    });
    tracker.watch(sandboxRecord, { serviceActionId: 'act-1', provisionedProductId: 'pp-1' });
    await timers.advance(0);
    assert.equal(tracker.filesOf(sandboxRecord), 'sandbox');
    assert.equal(tracker.filesOf(userRecord), undefined, 'a record not watched');
    status = 'SUCCEEDED';
    await timers.advance(60_000);
    assert.deepEqual(ended.map((entry) => entry && [entry.ref.recordId, entry.serviceActionId, entry.files]), [['rec-sandbox', 'act-1', 'sandbox']]);
    tracker.dispose();
  });
});

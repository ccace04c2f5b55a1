import * as assert from 'node:assert/strict';
import { soleWindow, type WindowOwner } from '../../../src/platform/windowOwnership';
import {
  endedExecutionOf,
  ExecutionHistory,
  executionHistoryStorageKey,
  type EndedExecution,
  type ExecutionHistoryLimits,
} from '../../../src/records/tracking/executionHistory';
import { MemoryStore } from '../support/memoryStore';
import { FakeTimers } from './fakeTimers';
import { failedSnapshot } from './sampleSnapshot';

const now = Date.UTC(2025, 0, 10);
const ended = (recordId: string, updatedAt = now - 60_000): EndedExecution => ({
  ref: { profile: 'dev', region: 'eu-west-1', recordId },
  provisionedProductId: 'pp-xyz',
  productId: 'prod-1',
  provisioningArtifactId: 'pa-1',
  serviceActionId: 'act-1',
  recordType: 'EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION',
  status: 'SUCCEEDED',
  createdAt: updatedAt - 40_000,
  updatedAt,
  files: 'user',
});

const historyOf = (storage: MemoryStore, limits?: ExecutionHistoryLimits, window: WindowOwner = soleWindow) =>
  new ExecutionHistory(storage, { window, timers: new FakeTimers(now), limits });

describe('ExecutionHistory', () => {
  it('keeps the executions that ended, for every later window and reload, oldest first', async () => {
    const storage = new MemoryStore();
    const history = historyOf(storage);
    await history.add(ended('rec-1'));
    await history.add(ended('rec-2'));
    assert.deepEqual(historyOf(storage.snapshot()).entries(), [ended('rec-1'), ended('rec-2')]);
  });

  it("sees every window's executions, and its own at once", async () => {
    const storage = new MemoryStore();
    const windowOf = (windowId: string): WindowOwner => ({ windowId, claimOf: (owner) => (owner === windowId ? 'mine' : 'other'), onDidBeat: () => ({ dispose: () => undefined }) });
    const first = historyOf(storage, undefined, windowOf('window-1'));
    const second = historyOf(storage, undefined, windowOf('window-2'));
    await first.add(ended('rec-1'));
    await second.add(ended('rec-2'));
    assert.deepEqual(first.entries().map((entry) => entry.ref.recordId).sort(), ['rec-1', 'rec-2']);
    assert.deepEqual(second.entries().map((entry) => entry.ref.recordId).sort(), ['rec-1', 'rec-2']);
  });

  it('stays small: the newest entries within the age limit', async () => {
    const stored = new MemoryStore();
    const bounded = historyOf(stored, { maxEntries: 3, maxAgeMs: 24 * 3_600_000 });
    await bounded.add(ended('rec-old', now - 2 * 24 * 3_600_000));
    for (const id of ['rec-1', 'rec-2', 'rec-3', 'rec-4']) await bounded.add(ended(id));
    assert.deepEqual(
      historyOf(stored.snapshot(), { maxEntries: 3, maxAgeMs: 24 * 3_600_000 }).entries().map((entry) => entry.ref.recordId),
      ['rec-2', 'rec-3', 'rec-4'],
    );
  });

  it('writes ids and times only, and reads back only entries that are whole', async () => {
    const storage = new MemoryStore();
    const leaky = { ...ended('rec-1'), parameters: { Password: ['hunter2'] }, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    await historyOf(storage).add(leaky as EndedExecution);
    const raw = JSON.stringify(storage.get(executionHistoryStorageKey));
    assert.ok(!raw.includes('hunter2') && !raw.includes('wJalr'), raw);

    await storage.update(executionHistoryStorageKey, [
      ...(storage.get<unknown[]>(executionHistoryStorageKey) ?? []),
      { ...ended('rec-2'), updatedAt: 'yesterday' },
      { ...ended('rec-3'), status: 'IN_PROGRESS' },
      { ...ended('rec-4'), serviceActionId: '<script>' },
      { ...ended('rec-5'), files: undefined },
      { ...ended('rec-6'), files: 'elsewhere' },
      'garbage',
      null,
    ]);
    assert.deepEqual(historyOf(storage).entries().map((entry) => entry.ref.recordId), ['rec-1']);
  });

  it("keeps whose AWS files each run was made with", async () => {
    const storage = new MemoryStore();
    await historyOf(storage).add({ ...ended('rec-1'), files: 'sandbox' });
    await historyOf(storage).add(ended('rec-2'));
    assert.deepEqual(historyOf(storage.snapshot()).entries().map((entry) => [entry.ref.recordId, entry.files]), [['rec-1', 'sandbox'], ['rec-2', 'user']]);
  });

  it("makes an entry of a record that ended, when the extension knows the action it ran", () => {
    const snapshot = failedSnapshot();
    assert.deepEqual(endedExecutionOf(snapshot, 'user'), {
      ref: snapshot.ref,
      provisionedProductId: 'pp-xyz',
      productId: 'prod-1',
      provisioningArtifactId: 'pa-1',
      serviceActionId: 'act-1',
      recordType: 'EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION',
      status: 'FAILED',
      createdAt: Date.UTC(2025, 0, 1, 12, 0, 0),
      updatedAt: Date.UTC(2025, 0, 1, 12, 0, 20),
      // The names AWS gave, for the Activity view; the origin's parameters stay behind.
      provisionedProductName: 'web-01',
      productName: 'Web server',
      serviceActionName: 'Rotate',
      files: 'user',
    });
    assert.equal(endedExecutionOf(snapshot, 'sandbox')?.files, 'sandbox', "a run with the sandbox's files says so");
    assert.equal(endedExecutionOf({ ...snapshot, origin: { ...snapshot.origin, serviceActionId: undefined } }, 'user'), undefined, 'a record opened from the history: its action is not known');
    assert.equal(endedExecutionOf({ ...snapshot, origin: { ...snapshot.origin, provisionedProductId: 'pp-other' } }, 'user'), undefined, 'an origin of another product');
    assert.equal(endedExecutionOf({ ...snapshot, record: { ...snapshot.record, Status: 'IN_PROGRESS' } }, 'user'), undefined);
  });
});

import * as assert from 'node:assert/strict';
import type { RecordDetail } from '@aws-sdk/client-service-catalog';
import { batchSummary, runWithLimit, whenAllEnded } from '../../../src/execute/executionBatch';
import type { RecordRef, RecordSnapshot, RecordTracker } from '../../../src/records/recordTypes';

function snapshot(recordId: string, status: string, errors: RecordDetail['RecordErrors'] = []): RecordSnapshot {
  return {
    ref: { profile: 'p', region: 'us-east-1', recordId },
    origin: {},
    record: { RecordId: recordId, Status: status as RecordDetail['Status'], RecordErrors: errors },
    outputs: [],
    statusHistory: [],
    connection: status === 'SUCCEEDED' || status === 'FAILED' ? 'ended' : 'live',
  };
}

/** Just what whenAllEnded uses: snapshots, and onDidEnd. */
class FakeTracker {
  readonly snapshots = new Map<string, RecordSnapshot>();
  private listeners: Array<(snapshot: RecordSnapshot) => void> = [];
  subscriptions = 0;

  snapshot(ref: RecordRef) {
    return this.snapshots.get(ref.recordId);
  }
  onDidEnd(listener: (snapshot: RecordSnapshot) => void) {
    this.listeners.push(listener);
    this.subscriptions++;
    return { dispose: () => (this.listeners = this.listeners.filter((other) => other !== listener)) };
  }
  end(recordId: string, status: string) {
    const ended = snapshot(recordId, status);
    this.snapshots.set(recordId, ended);
    this.listeners.forEach((listener) => listener(ended));
  }
  get listening() {
    return this.listeners.length;
  }
}

describe('several executions', () => {
  it('runs at most the limit at a time and returns results in order', async () => {
    const gates: Array<() => void> = [];
    let running = 0;
    let most = 0;
    const done = runWithLimit([1, 2, 3, 4, 5], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return n * 10;
    });
    // Release them one by one, as they start.
    while (gates.length > 0 || running > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    assert.deepEqual(await done, [10, 20, 30, 40, 50]);
    assert.equal(most, 3);
  });

  it('waits until every record has ended, then stops listening', async () => {
    const tracker = new FakeTracker();
    const refs = ['rec-1', 'rec-2'].map((recordId) => ({ profile: 'p', region: 'us-east-1', recordId }));
    tracker.snapshots.set('rec-1', snapshot('rec-1', 'IN_PROGRESS'));
    tracker.snapshots.set('rec-2', snapshot('rec-2', 'SUCCEEDED'));
    const waiting = whenAllEnded(tracker as unknown as RecordTracker, refs);
    let settled = false;
    void waiting.ended.then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false);
    tracker.end('rec-1', 'FAILED');
    const ended = await waiting.ended;
    assert.deepEqual(ended.map((s) => s.record?.Status), ['FAILED', 'SUCCEEDED']);
    assert.equal(tracker.listening, 0);
  });

  it('summarizes how each ended, with the first error of a failure', () => {
    const summary = batchSummary('Restart', [
      { productName: 'web-1', record: snapshot('rec-1', 'SUCCEEDED') },
      { productName: 'web-2', record: snapshot('rec-2', 'FAILED', [{ Code: 'StepFailed', Description: 'Instance not found' }, { Code: 'Other' }]) },
      { productName: 'web-3', notStarted: 'web-3 is under change.' },
    ]);
    assert.equal(summary.message, 'Restart on 3 products: 1 succeeded, 1 failed, 1 did not start.');
    assert.deepEqual(summary.lines, [
      'web-1: SUCCEEDED (record rec-1)',
      'web-2: FAILED (record rec-2): Instance not found',
      'web-3: did not start: web-3 is under change.',
    ]);
  });
});

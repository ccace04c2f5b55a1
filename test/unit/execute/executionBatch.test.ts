import * as assert from 'node:assert/strict';
import type { RecordDetail } from '@aws-sdk/client-service-catalog';
import { batchOutcome, batchSummary, runWithLimit, startingTitle, whenAllEnded, type BatchRecord } from '../../../src/execute/run/executionBatch';
import type { AwsProblem } from '../../../src/aws/errors';
import type { RecordRef, RecordSnapshot, StopReason } from '../../../src/catalog/records';

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

const notFound: AwsProblem = { kind: 'not-found', summary: 'Not found', detail: 'Record rec-2 not found.', retryable: false };

/** Just what whenAllEnded uses: snapshots, onDidEnd and onDidStopWatching, as LiveRecordTracker fires them. */
class FakeTracker {
  readonly snapshots = new Map<string, RecordSnapshot>();
  private ended: Array<(snapshot: RecordSnapshot) => void> = [];
  private stopped: Array<(snapshot: RecordSnapshot, reason: StopReason) => void> = [];

  snapshot(ref: RecordRef) {
    return this.snapshots.get(ref.recordId);
  }
  onDidEnd(listener: (snapshot: RecordSnapshot) => void) {
    this.ended.push(listener);
    return { dispose: () => (this.ended = this.ended.filter((other) => other !== listener)) };
  }
  onDidStopWatching(listener: (snapshot: RecordSnapshot, reason: StopReason) => void) {
    this.stopped.push(listener);
    return { dispose: () => (this.stopped = this.stopped.filter((other) => other !== listener)) };
  }
  end(recordId: string, status: string) {
    const ended = snapshot(recordId, status);
    this.snapshots.set(recordId, ended);
    this.ended.forEach((listener) => listener(ended));
  }
  /** Not found for good: polling stopped, the snapshot stays, ended without a terminal status. */
  lose(recordId: string) {
    const lost: RecordSnapshot = { ...this.snapshots.get(recordId)!, connection: 'ended', problem: notFound };
    this.snapshots.set(recordId, lost);
    this.stopped.forEach((listener) => listener(lost, 'not-found'));
  }
  /** `forget`: the record is dropped; the stop event carries its last snapshot. */
  forget(recordId: string) {
    const last: RecordSnapshot = { ...this.snapshots.get(recordId)!, connection: 'ended', problem: { ...notFound, kind: 'cancelled', detail: 'The sandbox stopped.' } };
    this.snapshots.delete(recordId);
    this.stopped.forEach((listener) => listener(last, 'forgotten'));
  }
  get listening() {
    return this.ended.length + this.stopped.length;
  }
}

const refsOf = (...ids: string[]): RecordRef[] => ids.map((recordId) => ({ profile: 'p', region: 'us-east-1', recordId }));
const statuses = (records: BatchRecord[]) => records.map((record) => record.snapshot?.record?.Status);

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
    const waiting = whenAllEnded(tracker, refs);
    let settled = false;
    void waiting.ended.then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false);
    tracker.end('rec-1', 'FAILED');
    const ended = await waiting.ended;
    assert.deepEqual(statuses(ended), ['FAILED', 'SUCCEEDED']);
    assert.equal(tracker.listening, 0);
  });

  it('counts a record that is no longer followed as done: not found for good, forgotten, or already dropped', async () => {
    const tracker = new FakeTracker();
    for (const id of ['rec-1', 'rec-2', 'rec-3']) {
      tracker.snapshots.set(id, snapshot(id, 'IN_PROGRESS'));
    }
    // rec-4 ended earlier and was dropped from the tracker (eviction): nothing to wait for.
    const waiting = whenAllEnded(tracker, refsOf('rec-1', 'rec-2', 'rec-3', 'rec-4'));
    let settled = false;
    void waiting.ended.then(() => (settled = true));
    tracker.end('rec-1', 'SUCCEEDED');
    tracker.lose('rec-2');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false, 'rec-3 still runs');
    tracker.forget('rec-3');
    const ended = await waiting.ended;
    assert.deepEqual(statuses(ended), ['SUCCEEDED', 'IN_PROGRESS', 'IN_PROGRESS', undefined]);
    assert.equal(ended[1].snapshot?.problem?.kind, 'not-found');
    assert.equal(ended[2].snapshot?.problem?.detail, 'The sandbox stopped.', 'the last snapshot of a forgotten record');
    assert.equal(tracker.listening, 0, 'nothing stays subscribed');

    const summary = batchSummary('Restart', ended.map((record, index) => ({ productName: `web-${index + 1}`, record })));
    assert.equal(summary.message, 'Restart on 4 products: 1 succeeded, 3 not followed to the end.');
    assert.deepEqual(summary.lines, [
      'web-1: SUCCEEDED (record rec-1)',
      'web-2: not followed to the end (record rec-2): Record rec-2 not found.',
      'web-3: not followed to the end (record rec-3): The sandbox stopped.',
      'web-4: not followed to the end (record rec-4)',
    ]);
  });

  it('stops listening when disposed before the records end', () => {
    const tracker = new FakeTracker();
    tracker.snapshots.set('rec-1', snapshot('rec-1', 'IN_PROGRESS'));
    const waiting = whenAllEnded(tracker, refsOf('rec-1'));
    assert.equal(tracker.listening, 2);
    waiting.dispose();
    assert.equal(tracker.listening, 0);
  });

  it('summarizes how each ended, with the first error of a failure', () => {
    const summary = batchSummary('Restart', [
      { productName: 'web-1', record: { ref: refsOf('rec-1')[0], snapshot: snapshot('rec-1', 'SUCCEEDED') } },
      { productName: 'web-2', record: { ref: refsOf('rec-2')[0], snapshot: snapshot('rec-2', 'FAILED', [{ Code: 'StepFailed', Description: 'Instance not found' }, { Code: 'Other' }]) } },
      { productName: 'web-3', notStarted: 'web-3 is under change.' },
    ]);
    assert.equal(summary.message, 'Restart on 3 products: 1 succeeded, 1 failed, 1 did not start.');
    assert.deepEqual(summary.lines, [
      'web-1: SUCCEEDED (record rec-1)',
      'web-2: FAILED (record rec-2): Instance not found',
      'web-3: did not start: web-3 is under change.',
    ]);
  });

  it('keeps AWS names in the progress title as text: a [text](command:…) in them does not become a link', () => {
    const product = { profile: 'p', region: 'us-east-1', id: 'pp-1', name: 'web [x](command:workbench.action.terminal.new)' };
    const action = { id: 'act-1', name: 'Restart [a](command:workbench.action.terminal.new)' };
    const one = startingTitle({ action, products: [product], parameters: {}, parameterNames: [], secretParameterNames: [], skipped: [] });
    const several = startingTitle({ action, products: [product, { ...product, id: 'pp-2' }], parameters: {}, parameterNames: [], secretParameterNames: [], skipped: [] });
    assert.equal(one.replace(/\u200b/g, ''), 'Starting Restart [a](command:workbench.action.terminal.new) on web [x](command:workbench.action.terminal.new)…');
    assert.equal(several.replace(/\u200b/g, ''), 'Starting Restart [a](command:workbench.action.terminal.new) on 2 products…');
    for (const title of [one, several]) {
      assert.doesNotMatch(title, /\]\s*\(/, 'no Markdown link syntax left');
    }
  });

  it('sorts a batch’s outcomes into what the command returns and the summary’s products, skipped ones last', () => {
    const request = (id: string, name?: string) => ({ executeToken: `t-${id}`, profile: 'p', region: 'us-east-1', provisionedProductId: id, provisionedProductName: name, serviceActionId: 'act-1', serviceActionName: 'Restart', parameters: {}, createdAt: 0 });
    const ref = { profile: 'p', region: 'us-east-1', recordId: 'rec-1' };
    const plan = {
      action: { id: 'act-1', name: 'Restart' },
      products: [],
      parameters: {},
      parameterNames: [],
      secretParameterNames: [],
      skipped: [{ product: { profile: 'p', region: 'us-east-1', id: 'pp-3', name: 'web-3' }, reason: 'web-3 is under change.' }],
    };
    const { result, products } = batchOutcome(plan, [
      { ok: true, request: request('pp-1', 'web-1'), record: { RecordId: 'rec-1' }, ref },
      { ok: false, request: request('pp-2'), failure: { problem: { kind: 'throttled', summary: '', detail: 'Slow down.', retryable: true }, maybeStarted: false } },
    ]);
    assert.deepEqual(result.started, [ref]);
    assert.deepEqual(result.notStarted.map((entry) => entry.provisionedProductId), ['pp-2', 'pp-3']);
    assert.match(result.notStarted[0].message, /^Could not start Restart on pp-2: Slow down\./);
    assert.deepEqual(products.map((product) => [product.name, product.ref?.recordId, product.notStarted !== undefined]), [
      ['web-1', 'rec-1', false],
      ['pp-2', undefined, true],
      ['web-3', undefined, true],
    ]);
  });
});

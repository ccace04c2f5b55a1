import * as assert from 'node:assert/strict';
import { PendingExecutionStore, type PendingExecution } from '../../../src/execute/pendingExecutions';
import { WindowOwnership } from '../../../src/platform/windowOwnership';
import { FakeTimers } from '../records/fakeTimers';
import { MemoryStore } from '../support/memoryStore';

const pending = (executeToken: string, extra: Record<string, unknown> = {}): PendingExecution => ({
  executeToken,
  profile: 'dev',
  region: 'eu-west-1',
  provisionedProductId: 'pp-1',
  serviceActionId: 'act-1',
  parameters: { Target: ['i-1'] },
  serviceActionName: 'Restart',
  createdAt: Date.UTC(2025, 0, 1),
  ...extra,
});

/** Two windows over one globalState, each with its own PendingExecutionStore, as `registerExecuteServiceAction` builds it. */
describe('PendingExecutionStore in several windows', () => {
  function windows() {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    const open = (windowId: string) => {
      const window = new WindowOwnership({ storage, timers, windowId }).start();
      return { window, store: new PendingExecutionStore(storage, { window, timers, settleMs: 5_000 }) };
    };
    return { storage, timers, open };
  }

  it('lists, and so resumes, only the requests of its own window; neither window loses the other\'s', async () => {
    const { storage, timers, open } = windows();
    const a = open('window-a');
    const b = open('window-b');
    await Promise.all([a.store.add(pending('token-a1')), b.store.add(pending('token-b1')), a.store.add(pending('token-a2'))]);
    assert.deepEqual(a.store.list().map((entry) => entry.executeToken), ['token-a1', 'token-a2']);
    assert.deepEqual(b.store.list().map((entry) => entry.executeToken), ['token-b1']);
    await b.store.remove('token-b1');
    assert.deepEqual(a.store.list().map((entry) => entry.executeToken), ['token-a1', 'token-a2'], 'removing merges too');

    // A reload of window A: a new extension host, the same window id.
    a.window.dispose();
    await timers.advance(1_000);
    const reloaded = open('window-a');
    assert.deepEqual(reloaded.store.list().map((entry) => entry.executeToken), ['token-a1', 'token-a2']);
    assert.deepEqual(await b.store.adoptOrphans(), [], 'window B leaves them: A is not gone');
    assert.ok(storage.writes > 0);
    reloaded.window.dispose();
    b.window.dispose();
  });

  it('takes over the requests of a closed window once its heartbeat is stale', async () => {
    const { timers, open } = windows();
    const a = open('window-a');
    await a.store.add(pending('token-a1'));
    a.window.dispose();
    const b = open('window-b');
    assert.deepEqual(b.store.list(), []);
    await timers.advance(100_000);
    const adopting = b.store.adoptOrphans();
    await timers.advance(5_000);
    assert.deepEqual((await adopting).map((entry) => entry.executeToken), ['token-a1']);
    assert.deepEqual(b.store.list().map((entry) => entry.executeToken), ['token-a1'], 'now its own');
    b.window.dispose();
  });

  it('finds the window started for its storage when built without one, as registerExecuteServiceAction builds it', async () => {
    const { storage, timers } = windows();
    const other = new WindowOwnership({ storage, timers, windowId: 'window-b' }).start();
    await new PendingExecutionStore(storage, { window: other }).add(pending('token-b1'));
    const mine = new WindowOwnership({ storage, timers, windowId: 'window-a' }).start();
    const store = new PendingExecutionStore(storage);
    await store.add(pending('token-a1'));
    assert.deepEqual(store.list().map((entry) => entry.executeToken), ['token-a1']);
    mine.dispose();
    other.dispose();
  });

  it('works alone, as before, when no window was started: every entry is its own', async () => {
    const storage = new MemoryStore();
    await new PendingExecutionStore(storage).add(pending('token-1'));
    assert.deepEqual(new PendingExecutionStore(storage).list().map((entry) => entry.executeToken), ['token-1']);
  });

  it('writes only the fields of a pending execution', async () => {
    const storage = new MemoryStore();
    const store = new PendingExecutionStore(storage);
    await store.add(pending('token-1', { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', credentials: { sessionToken: 'abc' } }));
    const raw = JSON.stringify(storage.get('serviceCatalog.execute.pending'));
    assert.ok(!raw.includes('wJalr') && !raw.includes('sessionToken'), raw);
    assert.deepEqual(store.list(), [pending('token-1')]);
  });
});

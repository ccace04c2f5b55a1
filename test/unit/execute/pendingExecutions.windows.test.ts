import * as assert from 'node:assert/strict';
import { PendingExecutionStore, type PendingExecution } from '../../../src/execute/run/pendingExecutions';
import { WindowOwnership } from '../../../src/platform/windowOwnership';
import { FakeTimers } from '../records/fakeTimers';
import { MemoryStore } from '../support/memoryStore';
import { WindowCopies } from '../support/windowCopies';

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

const storageKey = 'serviceCatalog.execute.pending';
/** Lets the writes a read started reach the storage. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Two windows over one globalState, each with its own PendingExecutionStore, as `registerExecuteServiceAction`
 * builds it, and each with its own copy of globalState, as VS Code keeps it (`WindowCopies`): another window's
 * write reaches a window's copy a moment later, and a write made from a stale copy drops what it has not seen.
 */
describe('PendingExecutionStore in several windows', () => {
  function windows() {
    const states = new WindowCopies();
    const timers = new FakeTimers();
    const open = (windowId: string) => {
      const storage = states.window();
      const window = new WindowOwnership({ storage, timers, windowId }).start();
      return { window, store: new PendingExecutionStore(storage, { window, timers, settleMs: 5_000 }) };
    };
    return { states, timers, open };
  }
  const tokensOf = (entries: PendingExecution[] | undefined) => (entries ?? []).map((entry) => entry.executeToken).sort();
  /** One storage object for the windows (what a single window's own copy does, or a disk that fails). */
  function oneStorage() {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    const open = (windowId: string) => {
      const window = new WindowOwnership({ storage, timers, windowId }).start();
      return { window, store: new PendingExecutionStore(storage, { window, timers, settleMs: 5_000 }) };
    };
    return { storage, timers, open };
  }

  it('lists, and so resumes, only the requests of its own window; neither window loses the other\'s, though each writes from a stale copy', async () => {
    const { states, timers, open } = windows();
    const a = open('window-a');
    await settled();
    states.deliver();
    const b = open('window-b');
    await settled();
    states.deliver();

    // Each window writes before the other's writes reach its copy: the database keeps only the last list written.
    await a.store.put(pending('token-a1'));
    await b.store.put(pending('token-b1'));
    await a.store.put(pending('token-a2'));
    assert.deepEqual(tokensOf(states.stored(storageKey)), ['token-a1', 'token-a2'], 'B\'s request is not in the database for now');
    states.deliver();
    assert.deepEqual(tokensOf(a.store.mine()), ['token-a1', 'token-a2']);
    assert.deepEqual(tokensOf(b.store.mine()), ['token-b1'], 'B still lists its own, and writes it back');
    await settled();
    states.deliver();
    await settled();
    states.deliver();
    assert.deepEqual(tokensOf(states.stored(storageKey)), ['token-a1', 'token-a2', 'token-b1'], 'both windows\' requests are back in the database');

    await b.store.remove('token-b1');
    states.deliver();
    assert.deepEqual(tokensOf(a.store.mine()), ['token-a1', 'token-a2'], 'removing merges too');
    await settled();
    assert.deepEqual(tokensOf(states.stored(storageKey)), ['token-a1', 'token-a2']);

    // A reload of window A: a new extension host, the same window id, a fresh copy.
    a.window.dispose();
    await timers.advance(1_000);
    const reloaded = open('window-a');
    await settled();
    states.deliver();
    assert.deepEqual(tokensOf(reloaded.store.mine()), ['token-a1', 'token-a2']);
    assert.deepEqual(await b.store.adoptOrphans(), [], 'window B leaves them: A is not gone');
    reloaded.window.dispose();
    b.window.dispose();
  });

  it('takes over the requests of a closed window once its heartbeat is stale, even from a copy that saw them late', async () => {
    const { states, timers, open } = windows();
    const a = open('window-a');
    await a.store.put(pending('token-a1'));
    await settled();
    a.window.dispose();
    const b = open('window-b');
    assert.deepEqual(b.store.mine(), []);
    await timers.advance(100_000);
    states.deliver();
    const adopting = b.store.adoptOrphans();
    await timers.advance(5_000);
    assert.deepEqual(tokensOf(await adopting), ['token-a1']);
    assert.deepEqual(tokensOf(b.store.mine()), ['token-a1'], 'now its own');
    b.window.dispose();
  });

  it('finds the window started for its storage when built without one, as registerExecuteServiceAction builds it', async () => {
    const { storage, timers } = oneStorage();
    const other = new WindowOwnership({ storage, timers, windowId: 'window-b' }).start();
    await new PendingExecutionStore(storage, { window: other }).put(pending('token-b1'));
    const mine = new WindowOwnership({ storage, timers, windowId: 'window-a' }).start();
    const store = new PendingExecutionStore(storage);
    await store.put(pending('token-a1'));
    assert.deepEqual(store.mine().map((entry) => entry.executeToken), ['token-a1']);
    mine.dispose();
    other.dispose();
  });

  it("keeps its own requests when its copy of globalState goes back to an older value of its own, and writes them back at once", async () => {
    // VS Code 1.100 can deliver a write's change event after the next write: the window's copy is an older list for a moment.
    const { storage, open } = oneStorage();
    const a = open('window-a');
    const stored = () => (storage.get<PendingExecution[]>(storageKey) ?? []).map((entry) => entry.executeToken);
    await a.store.put(pending('token-1'));
    const afterFirst = storage.get(storageKey);
    await a.store.put(pending('token-2'));
    await a.store.put(pending('token-3'));
    const afterThird = storage.get(storageKey);
    await a.store.remove('token-3');

    await storage.update(storageKey, afterFirst);
    assert.deepEqual(a.store.mine().map((entry) => entry.executeToken), ['token-1', 'token-2'], 'token-2, saved, is still listed');
    await settled();
    assert.deepEqual(stored(), ['token-1', 'token-2'], 'and written back without waiting for a heartbeat');

    await storage.update(storageKey, afterThird);
    assert.deepEqual(a.store.mine().map((entry) => entry.executeToken), ['token-1', 'token-2'], 'token-3, removed, is not listed again');
    await settled();
    assert.deepEqual(stored(), ['token-1', 'token-2'], 'and removed again');

    await storage.update(storageKey, afterFirst);
    await a.store.put(pending('token-4'));
    assert.deepEqual(stored(), ['token-1', 'token-2', 'token-4'], 'a write from the older copy keeps what the window saved');
    a.window.dispose();
  });

  it('does not save later, behind the caller\'s back, a request whose save failed', async () => {
    const { storage, timers, open } = oneStorage();
    const a = open('window-a');
    storage.failWrites = true;
    await assert.rejects(a.store.put(pending('token-failed')), /disk full/);
    storage.failWrites = false;
    await a.store.put(pending('token-1'));
    await timers.advance(60_000); // two heartbeats, each a chance to repair
    assert.deepEqual(a.store.mine().map((entry) => entry.executeToken), ['token-1']);
    assert.ok(!JSON.stringify(storage.get(storageKey)).includes('token-failed'));
    a.window.dispose();
  });

  it('works alone, as before, when no window was started: every entry is its own', async () => {
    const storage = new MemoryStore();
    await new PendingExecutionStore(storage).put(pending('token-1'));
    assert.deepEqual(new PendingExecutionStore(storage).mine().map((entry) => entry.executeToken), ['token-1']);
  });

  it('writes only the fields of a pending execution', async () => {
    const storage = new MemoryStore();
    const store = new PendingExecutionStore(storage);
    await store.put(pending('token-1', { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', credentials: { sessionToken: 'abc' } }));
    const raw = JSON.stringify(storage.get(storageKey));
    assert.ok(!raw.includes('wJalr') && !raw.includes('sessionToken'), raw);
    assert.deepEqual(store.mine(), [pending('token-1')]);
  });
});

import * as assert from 'node:assert/strict';
import { PendingExecutionStore, type PendingExecution } from '../../../src/execute/run/pendingExecutions';
import { defaultResumeLimits, droppedLine, planResume, resumePendingRequests, resumeQuestion, type ResumeActions } from '../../../src/execute/run/resumePolicy';
import { silentLogger } from '../../../src/platform/logger';
import { WindowOwnership } from '../../../src/platform/windowOwnership';
import { FakeTimers } from '../records/fakeTimers';
import { MemoryStore } from '../support/memoryStore';

const now = Date.UTC(2025, 0, 2, 12, 0, 0);
const minute = 60_000;
const hour = 60 * minute;

function pending(token: string, ageMs: number, names: Partial<PendingExecution> = {}): PendingExecution {
  return {
    executeToken: token,
    profile: 'main-alice',
    region: 'us-east-1',
    provisionedProductId: `pp-${token}`,
    serviceActionId: 'act-restart000001',
    parameters: {},
    createdAt: now - ageMs,
    ...names,
  };
}

const tokens = (requests: PendingExecution[]) => requests.map((request) => request.executeToken);

describe('resume policy: the pending requests found on activation', () => {
  it('sends recent ones again at once, asks about older ones, drops those older than a token can be relied on', () => {
    const plan = planResume(
      [
        pending('ask-2', 3 * hour),
        pending('recent', 2 * minute),
        pending('edge-recent', 10 * minute),
        pending('ask-1', 10 * minute + 1),
        pending('edge-ask', 24 * hour),
        pending('drop', 24 * hour + 1),
        pending('drop-old', 30 * 24 * hour),
        pending('future', -5 * minute),
      ],
      now,
    );
    assert.deepEqual(tokens(plan.resume), ['edge-recent', 'recent', 'future']);
    assert.deepEqual(tokens(plan.ask), ['edge-ask', 'ask-2', 'ask-1'], 'oldest first');
    assert.deepEqual(tokens(plan.drop), ['drop-old', 'drop']);
    assert.deepEqual(defaultResumeLimits, { resumeWithoutAskingMs: 10 * minute, tokenLifetimeMs: 24 * hour });
  });

  it('asks one question for all the older requests, naming each and the age of the oldest', () => {
    const question = resumeQuestion(
      [
        pending('a', 20 * minute, { serviceActionName: 'Restart-Instance', provisionedProductName: 'web-1' }),
        pending('b', 95 * minute, { provisionedProductName: 'web-2' }),
        pending('c', 30 * minute, { serviceActionName: 'Flush-Cache' }),
      ],
      now,
    );
    assert.equal(
      question,
      '3 requests were interrupted before Service Catalog answered, the oldest 95 minutes ago: Restart-Instance on web-1, act-restart000001 on web-2, Flush-Cache on pp-c. Send them again? Each carries its own token: one that did start then will not run twice.',
    );
    assert.equal(
      resumeQuestion([pending('a', 20 * minute, { serviceActionName: 'Restart-Instance', provisionedProductName: 'web-1' })], now),
      'Restart-Instance on web-1 was interrupted 20 minutes ago before Service Catalog answered. Send the request again? It carries the same token: if it did start then, it will not run twice.',
    );
  });

  it('keeps AWS names in the question as text: no link', () => {
    const question = resumeQuestion(
      [pending('a', 20 * minute, { serviceActionName: 'Run [x](command:workbench.action.terminal.new)' }), pending('b', 20 * minute)],
      now,
    );
    assert.doesNotMatch(question, /\]\s*\(/);
    assert.ok(question.replace(/\u200b/g, '').includes('Run [x](command:workbench.action.terminal.new) on pp-a'));
  });

  it('logs what it drops, with its age and the limit, and no parameter value', () => {
    const line = droppedLine(pending('tok-1', 30 * hour, { parameters: { Password: ['hunter2'] } }), now);
    assert.equal(line, 'Dropped the pending execution tok-1 (act-restart000001 on pp-tok-1, main-alice, us-east-1): confirmed 30 h ago, longer than its token can be relied on (24 h); it was not sent again');
  });

  it('on activation, applies the policy to this window’s requests at once, then to those of closed windows once taken over', async () => {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    const open = (windowId: string) => {
      const window = new WindowOwnership({ storage, timers, windowId }).start();
      return { window, store: new PendingExecutionStore(storage, { window, timers, settleMs: 5_000 }) };
    };
    const start = timers.now();
    // Window A is closed with three requests pending: recent, older, and too old.
    const a = open('window-a');
    await a.store.put(pending('a-recent', 0, { createdAt: start - minute }));
    await a.store.put(pending('a-older', 0, { createdAt: start - hour }));
    await a.store.put(pending('a-stale', 0, { createdAt: start - 2 * 24 * hour }));
    a.window.dispose();
    // Two minutes later (A has been silent long enough to be gone), window B loads with one of its own.
    await timers.advance(2 * minute);
    const b = open('window-b');
    await b.store.put(pending('b-recent', 0, { createdAt: timers.now() }));

    const done: string[] = [];
    const asked: string[][] = [];
    const dropped: string[] = [];
    const actions: ResumeActions = {
      now: () => timers.now(),
      files: () => 'user',
      log: silentLogger,
      resume: async (request) => {
        done.push(request.executeToken);
        await b.store.remove(request.executeToken);
      },
      ask: (requests) => asked.push(tokens(requests)),
      discard: async (request) => {
        dropped.push(request.executeToken);
        await b.store.remove(request.executeToken);
      },
      inProgress: () => false,
    };
    const { own, orphans } = resumePendingRequests(b.store, actions);
    await own;
    assert.deepEqual(done, ['b-recent'], 'its own at once; window A’s once the claim on them has settled');

    await timers.advance(5_000);
    await orphans;
    assert.deepEqual(done, ['b-recent', 'a-recent']);
    assert.deepEqual(asked, [['a-older']]);
    assert.deepEqual(dropped, ['a-stale']);
    assert.deepEqual(tokens(b.store.mine()), ['a-older'], 'the older one waits for the answer');
    b.window.dispose();
  });

  it('leaves the requests of the other AWS files as they are, whatever their age, and completes them once those files are read again', async () => {
    const storage = new MemoryStore();
    const store = new PendingExecutionStore(storage);
    const now = Date.UTC(2025, 0, 2);
    await store.put(pending('user-recent', 0, { createdAt: now - minute }));
    await store.put(pending('user-stale', 0, { createdAt: now - 2 * 24 * hour }));
    await store.put(pending('sandbox-recent', 0, { createdAt: now - minute, files: 'sandbox' }));
    let files: 'user' | 'sandbox' = 'sandbox';
    const done: string[] = [];
    const dropped: string[] = [];
    const lines: string[] = [];
    const actions: ResumeActions = {
      now: () => now,
      files: () => files,
      log: { ...silentLogger, info: (line) => lines.push(line) },
      resume: async (request) => {
        done.push(request.executeToken);
        await store.remove(request.executeToken);
      },
      ask: () => undefined,
      discard: async (request) => {
        dropped.push(request.executeToken);
        await store.remove(request.executeToken);
      },
      inProgress: () => false,
    };
    // A window that activates with the sandbox on.
    await resumePendingRequests(store, actions).own;
    assert.deepEqual(done, ['sandbox-recent']);
    assert.deepEqual(dropped, [], 'none of the user\'s requests is dropped because the sandbox\'s files are read');
    assert.deepEqual(tokens(store.mine()), ['user-recent', 'user-stale']);
    assert.ok(lines.some((line) => /2 pending execution\(s\) left by a reload wait for the user's AWS files/.test(line)), lines.join('\n'));

    // The sandbox stops: the user's files are read again.
    files = 'user';
    await resumePendingRequests(store, actions).own;
    assert.deepEqual(done, ['sandbox-recent', 'user-recent']);
    assert.deepEqual(dropped, ['user-stale'], 'dropped for its age, now that it is judged');
  });
});

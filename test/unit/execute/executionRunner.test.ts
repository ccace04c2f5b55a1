import * as assert from 'node:assert/strict';
import type { AwsContext } from '../../../src/aws/awsContext';
import { executionsOf, runWithLimit } from '../../../src/execute/run/executionBatch';
import { ExecutionRunner, originOf, type ExecuteApi, type NewExecution } from '../../../src/execute/run/executionRunner';
import { executionFailureMessage } from '../../../src/execute/failureMessages';
import { PendingExecutionStore, type PendingExecution } from '../../../src/execute/run/pendingExecutions';
import type { RecordOrigin, RecordRef, RecordSnapshot, RecordTracker } from '../../../src/catalog/records';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';
import { MemoryStore } from '../support/memoryStore';
import { InFlightStore } from '../../../src/records/tracking/inFlightStore';
import { LiveRecordTracker } from '../../../src/records/tracking/liveRecordTracker';
import { soleWindow } from '../../../src/platform/windowOwnership';
import { systemTimers } from '../../../src/platform/timers';
import type { Logger } from '../../../src/platform/logger';
import { memoryVault } from '../../../src/platform/secretVault';

const region = 'us-east-1';
const executeOperation = 'ExecuteProvisionedProductServiceAction';

const restartWeb01: NewExecution = {
  profile: 'main-alice',
  region,
  provisionedProductId: 'pp-alice00000001',
  provisionedProductName: 'alice-web-01',
  serviceActionId: 'act-restart000001',
  serviceActionName: 'Restart-Instance',
  parameters: {},
};

describe('ExecutionRunner (against the emulator)', function () {
  let fixture: EmulatorFixture;
  let aws: AwsContext;
  let storage: MemoryStore;
  let store: PendingExecutionStore;
  let tokens: number;

  before(async () => {
    fixture = await startEmulatorFixture();
  });
  after(async () => {
    await fixture.stop();
  });
  beforeEach(() => {
    fixture.emulator.reset();
    fixture.emulator.faults.clear();
    aws = fixture.context();
    storage = new MemoryStore();
    store = new PendingExecutionStore(storage);
    tokens = 0;
  });

  function runner(
    options: {
      api?: (profile: string, region: string) => Promise<ExecuteApi>;
      retries?: number;
      context?: AwsContext;
      pending?: PendingExecutionStore;
      tracker?: Pick<RecordTracker, 'watch' | 'saved'>;
      log?: Logger;
    } = {},
  ) {
    const context = options.context ?? aws;
    return new ExecutionRunner({
      api: options.api ?? ((profile, region) => context.apiFor(profile, region)),
      pending: options.pending ?? store,
      tracker: options.tracker ?? new SavingTracker(storage),
      redactor: fixture.redactor,
      newToken: () => `00000000-0000-4000-8000-${String(++tokens).padStart(12, '0')}`,
      sleep: async () => undefined,
      retries: options.retries,
      log: options.log,
    });
  }

  const executions = () => fixture.emulator.counters().executions;

  it('saves the request with its token before the call and clears it once the record is known', async () => {
    let seenDuringCall: PendingExecution[] = [];
    const outcome = await runner({
      api: async (profile, region) => {
        const api = await aws.apiFor(profile, region);
        return {
          describeProvisionedProduct: (id) => api.describeProvisionedProduct(id),
          executeServiceAction: (request) => {
            seenDuringCall = store.mine();
            return api.executeServiceAction(request);
          },
        };
      },
    }).start({ ...restartWeb01, parameters: { InstanceId: ['i-0other'] } });

    assert.ok(outcome.ok);
    assert.equal(seenDuringCall.length, 1);
    assert.equal(seenDuringCall[0].executeToken, outcome.request.executeToken);
    assert.deepEqual(
      { ...seenDuringCall[0], createdAt: 0 },
      { ...restartWeb01, parameters: { InstanceId: ['i-0other'] }, executeToken: outcome.request.executeToken, createdAt: 0 },
    );
    assert.deepEqual(store.mine(), []);
    assert.match(outcome.record.RecordId ?? '', /^rec-/);
    assert.deepEqual(executions().byExecuteToken, { [outcome.request.executeToken]: 1 });
  });

  it('gives every request its own UUID v4 token by default', async () => {
    const real = new ExecutionRunner({ api: (profile, region) => aws.apiFor(profile, region), pending: store, tracker: new SavingTracker(storage), redactor: fixture.redactor });
    const first = await real.start(restartWeb01);
    const second = await real.start({ ...restartWeb01, provisionedProductId: 'pp-alice00000002', provisionedProductName: 'alice-web-02' });
    assert.ok(first.ok && second.ok);
    for (const outcome of [first, second]) {
      assert.match(outcome.request.executeToken, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    assert.notEqual(first.request.executeToken, second.request.executeToken);
  });

  it('retries a throttled execute with the same token after the SDK’s own retries: exactly one execution', async () => {
    // The SDK makes 3 attempts per call: the first call fails, the runner's retry gets through on its second attempt.
    fixture.emulator.faults.set([{ kind: 'throttle', operation: executeOperation, times: 4 }]);
    const outcome = await runner().start(restartWeb01);

    assert.ok(outcome.ok, JSON.stringify(outcome));
    const counters = fixture.emulator.counters();
    assert.equal(counters.faults.throttle, 4);
    assert.equal(counters.calls[executeOperation], 5);
    assert.deepEqual(counters.executions.byExecuteToken, { [outcome.request.executeToken]: 1 });
    assert.equal(counters.executions.total, 1);
    assert.deepEqual(store.mine(), []);
  });

  it('retries a 5xx and a dropped connection with the same token', async () => {
    const oneAttempt = fixture.context({ clientOverrides: { maxAttempts: 1 } });
    fixture.emulator.faults.set([
      { kind: 'internalFailure', operation: executeOperation, times: 1 },
      { kind: 'drop', operation: executeOperation, times: 1 },
    ]);
    const outcome = await runner({ context: oneAttempt }).start(restartWeb01);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(fixture.emulator.counters().calls[executeOperation], 3);
    assert.deepEqual(executions().byExecuteToken, { [outcome.request.executeToken]: 1 });
  });

  it('gives up after its retries, says whether the request may have started, and runs nothing', async () => {
    const oneAttempt = fixture.context({ clientOverrides: { maxAttempts: 1 } });
    fixture.emulator.faults.set([{ kind: 'throttle', operation: executeOperation }]);
    const throttled = await runner({ context: oneAttempt, retries: 2 }).start(restartWeb01);
    assert.ok(!throttled.ok);
    assert.equal(throttled.failure.problem.kind, 'throttled');
    assert.equal(throttled.failure.maybeStarted, false);
    assert.equal(fixture.emulator.counters().calls[executeOperation], 3);
    assert.equal(executions().total, 0);
    assert.deepEqual(store.mine(), []);
    const words = executionFailureMessage(throttled.request, throttled.failure);
    assert.match(words.message, /^Could not start Restart-Instance on alice-web-01: .* It did not start\. Try Again when AWS answers\.$/);
    assert.deepEqual(words.actions, [{ kind: 'tryAgain' }]);

    fixture.emulator.faults.set([{ kind: 'serviceUnavailable', operation: executeOperation }]);
    const unavailable = await runner({ context: oneAttempt, retries: 1 }).start(restartWeb01);
    assert.ok(!unavailable.ok);
    assert.equal(unavailable.failure.maybeStarted, true);
    assert.match(executionFailureMessage(unavailable.request, unavailable.failure).message, /It may have started\. Try Again sends the same request token, so it cannot run twice\./);
  });

  it('keeps a request that may have reached Service Catalog after its retries, so the next activation sends it again with its token', async () => {
    const oneAttempt = fixture.context({ clientOverrides: { maxAttempts: 1 } });
    // The request reaches Service Catalog and starts the action; every answer is lost on the way back.
    fixture.emulator.faults.set([{ kind: 'drop', operation: executeOperation }]);
    const failed = await runner({ context: oneAttempt, retries: 2 }).start(restartWeb01);
    assert.ok(!failed.ok);
    assert.equal(failed.failure.problem.kind, 'network');
    assert.equal(failed.failure.maybeStarted, true);
    assert.deepEqual(store.mine().map((entry) => entry.executeToken), [failed.request.executeToken], 'the request is still pending');

    // The next window (a reload, or VS Code started again) completes it with the same token.
    fixture.emulator.faults.clear();
    const reloaded = runner({ pending: new PendingExecutionStore(storage.snapshot()) });
    const [pending] = reloaded.pending();
    assert.equal(pending.executeToken, failed.request.executeToken);
    const resumed = await reloaded.complete(pending);
    assert.ok(resumed.ok, JSON.stringify(resumed));
    assert.deepEqual(reloaded.pending(), []);
    assert.ok(executions().total <= 1, 'never two executions for one token');
    assert.deepEqual(Object.keys(executions().byExecuteToken), [failed.request.executeToken]);
  });

  it('keeps the values of secret parameters in the vault, never in globalState, while a request that may have started is pending; a reload sends it with them', async () => {
    const vault = memoryVault();
    const secretStore = new PendingExecutionStore(storage, { vault });
    const oneAttempt = fixture.context({ clientOverrides: { maxAttempts: 1 } });
    const rotate: NewExecution = {
      ...restartWeb01,
      serviceActionId: 'act-rotate0000001',
      serviceActionName: 'Rotate-Credentials',
      // Reason is a plain name the user marked as secret; DbPass is secret by its name.
      parameters: { Reason: ['marked-secret-reason'] },
      secretParameterNames: ['Reason'],
    };
    fixture.emulator.faults.set([{ kind: 'drop', operation: executeOperation }]);
    const failed = await runner({ context: oneAttempt, retries: 1, pending: secretStore }).start(rotate);
    assert.ok(!failed.ok);
    assert.equal(failed.failure.maybeStarted, true);
    const [kept] = secretStore.mine();
    assert.deepEqual(kept.parameters, {}, 'the pending entry holds no secret value');
    assert.deepEqual(kept.secretParameterNames, ['Reason']);
    assert.ok(!JSON.stringify(storage.get('serviceCatalog.execute.pending')).includes('marked-secret-reason'), 'globalState holds no secret value');
    assert.equal(await vault.get(`serviceCatalog.execute.pending.secrets.${failed.request.executeToken}`), JSON.stringify({ Reason: ['marked-secret-reason'] }));

    // After a reload: the same vault (VS Code's SecretStorage), globalState as it was.
    fixture.emulator.faults.clear();
    const reloadedStore = new PendingExecutionStore(storage.snapshot(), { vault });
    const reloaded = runner({ pending: reloadedStore });
    const resumed = await reloaded.complete(reloaded.pending()[0]);
    assert.ok(resumed.ok, JSON.stringify(resumed));
    const record = fixture.emulator.state.records.get(resumed.record.RecordId!)!;
    assert.deepEqual(record.execution?.parameters.Reason, ['marked-secret-reason'], 'sent with the secret value');
    assert.equal(executions().total, 1);
    assert.deepEqual(reloaded.pending(), []);
    assert.equal(await vault.get(`serviceCatalog.execute.pending.secrets.${failed.request.executeToken}`), undefined, 'deleted once the record is known');
    assert.deepEqual(originOf(resumed.request, resumed.record).parameters, {}, 'the record keeps no secret either');
  });

  it('drops a pending request whose secret values the vault lost, and says why instead of sending it without them', async () => {
    const oneAttempt = fixture.context({ clientOverrides: { maxAttempts: 1 } });
    fixture.emulator.faults.set([{ kind: 'drop', operation: executeOperation }]);
    const failed = await runner({ context: oneAttempt, retries: 0, pending: new PendingExecutionStore(storage, { vault: memoryVault() }) }).start({ ...restartWeb01, serviceActionId: 'act-rotate0000001', parameters: { DbPass: ['x'] } });
    assert.ok(!failed.ok);
    fixture.emulator.faults.clear();
    const reloaded = runner({ pending: new PendingExecutionStore(storage.snapshot(), { vault: memoryVault() }) });
    const outcome = await reloaded.complete(reloaded.pending()[0]);
    assert.ok(!outcome.ok);
    assert.equal(outcome.failure.problem.summary, 'Secret values not kept');
    assert.match(executionFailureMessage(outcome.request, outcome.failure).message, /^Restart-Instance on alice-web-01 was not sent again: The values of its secret parameters \(DbPass\) were not kept/);
    assert.deepEqual(reloaded.pending(), []);
    assert.equal(fixture.emulator.counters().calls[executeOperation], 1, 'not sent without them');
  });

  it('words a failure that was not classified without the secrets it echoes', async () => {
    await aws.profiles();
    const outcome = await runner({
      api: async () => ({
        describeProvisionedProduct: async () => ({}),
        executeServiceAction: async () => {
          throw new Error('request signed with alice-secret-key was refused');
        },
      }),
    }).start(restartWeb01);
    assert.ok(!outcome.ok);
    assert.ok(outcome.failure.problem.detail.includes('was refused'), outcome.failure.problem.detail);
    assert.ok(!outcome.failure.problem.detail.includes('alice-secret-key'), outcome.failure.problem.detail);
  });

  it('clears a request that Service Catalog refused: it definitely did not run', async () => {
    const outcome = await runner().start({ ...restartWeb01, parameters: { Nope: ['x'] } });
    assert.ok(!outcome.ok);
    assert.equal(outcome.failure.maybeStarted, false);
    assert.deepEqual(store.mine(), []);
  });

  it('clears the pending request only once its record is persisted in flight: a reload at that moment finds the record', async () => {
    /** globalState that keeps what a reload right after the pending entry was cleared would find. */
    class ReloadWhenCleared extends MemoryStore {
      atClear: MemoryStore | undefined;
      override async update(key: string, value: unknown): Promise<void> {
        const before = new PendingExecutionStore(this).mine().length;
        await super.update(key, value);
        if (before > 0 && new PendingExecutionStore(this).mine().length === 0) {
          this.atClear ??= this.snapshot();
        }
      }
    }
    const globalState = new ReloadWhenCleared();
    const tracker = new SavingTracker(globalState);
    const outcome = await runner({ pending: new PendingExecutionStore(globalState), tracker }).start(restartWeb01);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.deepEqual(tracker.watched.map((watched) => watched.ref), [outcome.ref], 'the record was handed to the tracker');
    assert.ok(globalState.atClear, 'the pending entry was cleared');
    // The window that starts after a reload at that moment resumes the record: it was saved before the entry went.
    assert.deepEqual(SavingTracker.saved(globalState.atClear).map((entry) => entry.ref), [outcome.ref]);
    assert.equal(SavingTracker.saved(globalState.atClear)[0].origin.serviceActionName, 'Restart-Instance');
  });

  it('keeps the pending request when the real in-flight store fails to save its record, says so, and a reload finds that record', async () => {
    const inFlightStorage = new MemoryStore();
    inFlightStorage.failWrites = true;
    const tracker = new LiveRecordTracker({
      describe: async (ref, signal) => (await aws.apiFor(ref.profile, ref.region)).describeRecord(ref.recordId, { signal }),
      store: new InFlightStore(inFlightStorage, { window: soleWindow, timers: systemTimers }),
      redactor: fixture.redactor,
    });
    const warnings: string[] = [];
    const log: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (message) => warnings.push(message), error: () => undefined };
    try {
      const outcome = await runner({ tracker, log }).start(restartWeb01);
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.ok(inFlightStorage.writes > 0, 'the tracker tried to save the record');
      assert.deepEqual(store.mine().map((entry) => entry.executeToken), [outcome.request.executeToken], 'the request is still pending');
      assert.ok(warnings.some((line) => line.includes(`Could not save record ${outcome.record.RecordId} for after a reload; the request ${outcome.request.executeToken} stays pending`)), warnings.join('\n'));

      // After a reload the request is sent again with its token: Service Catalog answers with the same record.
      const reloaded = runner({ pending: new PendingExecutionStore(storage.snapshot()) });
      const [pending] = reloaded.pending();
      const resumed = await reloaded.complete(pending);
      assert.ok(resumed.ok, JSON.stringify(resumed));
      assert.equal(resumed.record.RecordId, outcome.record.RecordId);
      assert.equal(executions().total, 1);
    } finally {
      tracker.dispose();
    }
  });

  describe('a reload in the middle of an execution', () => {
    /** An API that lets the call reach Service Catalog, then "reloads": the window dies before the answer is handled. */
    function reloadDuringCall(after: 'request' | 'response', onReload: () => void) {
      return async (profile: string, region: string): Promise<ExecuteApi> => {
        const api = await aws.apiFor(profile, region);
        return {
          describeProvisionedProduct: (id) => api.describeProvisionedProduct(id),
          executeServiceAction: async (request) => {
            if (after === 'response') {
              await api.executeServiceAction(request);
            }
            onReload();
            throw new Error('the window reloaded');
          },
        };
      };
    }

    for (const moment of ['response', 'request'] as const) {
      it(`completes the pending request with its own token after a reload before the ${moment} (one execution)`, async () => {
        let afterReload: MemoryStore | undefined;
        const original = await runner({ api: reloadDuringCall(moment, () => (afterReload = storage.snapshot())) }).start(restartWeb01);
        assert.ok(!original.ok);
        assert.equal(executions().total, moment === 'response' ? 1 : 0);

        // The new window finds the request in globalState as it was when the old one died.
        const reloaded = runner({ pending: new PendingExecutionStore(afterReload!) });
        const pending = reloaded.pending();
        assert.equal(pending.length, 1);
        assert.equal(pending[0].executeToken, original.request.executeToken);

        const resumed = await reloaded.complete(pending[0]);
        assert.ok(resumed.ok, JSON.stringify(resumed));
        assert.equal(resumed.request.executeToken, original.request.executeToken);
        const counters = fixture.emulator.counters();
        assert.equal(counters.executions.total, 1);
        assert.deepEqual(counters.executions.byExecuteToken, { [original.request.executeToken]: 1 });
        assert.equal(counters.calls[executeOperation], moment === 'response' ? 2 : 1);
        assert.deepEqual(reloaded.pending(), []);
        if (moment === 'response') {
          const records = [...fixture.emulator.state.records.values()].filter((record) => record.execution?.executeToken === original.request.executeToken);
          assert.equal(records.length, 1);
          assert.equal(resumed.record.RecordId, records[0].id);
        }
      });
    }

    it('sends a request being sent only once, even when asked twice', async () => {
      const run = runner();
      const pending: PendingExecution = { ...restartWeb01, executeToken: '00000000-0000-4000-8000-00000000000a', createdAt: 1 };
      const [first, second] = await Promise.all([run.complete(pending), run.complete(pending)]);
      assert.ok(first.ok && second.ok);
      assert.equal(fixture.emulator.counters().calls[executeOperation], 1);
    });
  });

  describe('errors in words a user can act on', () => {
    it('a product under change: names the running record and offers to show it', async () => {
      const outcome = await runner().start({ ...restartWeb01, provisionedProductId: 'pp-alice00000010', provisionedProductName: 'alice-db-10', serviceActionId: 'act-snapshot00001', serviceActionName: 'Snapshot-Database' });
      assert.ok(!outcome.ok);
      assert.equal(outcome.failure.problem.kind, 'invalid-state');
      assert.equal(outcome.failure.runningRecordId, 'rec-inprogress001');
      const words = executionFailureMessage(outcome.request, outcome.failure);
      assert.equal(words.message, 'alice-db-10 is under change: record rec-inprogress001 is still running. Wait until it ends, then run Snapshot-Database again.');
      assert.deepEqual(words.actions, [{ kind: 'showRecord', ref: { profile: 'main-alice', region, recordId: 'rec-inprogress001' } }]);
    });

    it('a second execution while the first runs is refused, naming the first one’s record', async () => {
      const first = await runner().start(restartWeb01);
      assert.ok(first.ok);
      const second = await runner().start(restartWeb01);
      assert.ok(!second.ok);
      assert.equal(second.failure.runningRecordId, first.record.RecordId);
      assert.match(executionFailureMessage(second.request, second.failure).message, new RegExp(`record ${first.record.RecordId} is still running`));
      assert.equal(executions().total, 1);
    });

    it('invalid parameters: names the parameter when the message does', async () => {
      const outcome = await runner().start({ ...restartWeb01, parameters: { Nope: ['x'] } });
      assert.ok(!outcome.ok);
      assert.equal(outcome.failure.problem.kind, 'invalid-parameters');
      const words = executionFailureMessage(outcome.request, outcome.failure, ['InstanceId', 'Nope']);
      assert.match(words.message, /^Service Catalog refused parameter Nope of Restart-Instance: .*Nope/);
      assert.deepEqual(words.actions, [{ kind: 'changeParameters' }]);
    });

    it('not found: says what was not found and where', async () => {
      const outcome = await runner().start({ ...restartWeb01, provisionedProductId: 'pp-doesnotexist', provisionedProductName: undefined });
      assert.ok(!outcome.ok);
      assert.equal(outcome.failure.problem.kind, 'not-found');
      assert.match(executionFailureMessage(outcome.request, outcome.failure).message, /^pp-doesnotexist or the action Restart-Instance was not found in us-east-1 .*profile main-alice/);
    });

    it('expired credentials: says so with the fix', async () => {
      const outcome = await runner().start({ ...restartWeb01, profile: 'main-expired' });
      assert.ok(!outcome.ok);
      assert.equal(outcome.failure.problem.kind, 'expired-credentials');
      const words = executionFailureMessage(outcome.request, outcome.failure);
      assert.match(words.message, /have expired\. Renew them/);
      assert.ok(!/expired-secret-key|expired-session-token/.test(words.message), 'no secret in the message');
    });
  });

  it('runs several products at most N at a time, each with its own token and record', async () => {
    const products = ['pp-alice00000001', 'pp-alice00000002', 'pp-alice00000003', 'pp-alice00000004'];
    const requests = executionsOf({
      action: { id: 'act-restart000001', name: 'Restart-Instance' },
      products: products.map((id) => ({ profile: 'main-alice', region, id, name: id })),
      parameters: {},
      parameterNames: ['InstanceId'],
      secretParameterNames: [],
      skipped: [],
    });
    let running = 0;
    let mostAtOnce = 0;
    const run = runner({
      api: async (profile, region) => {
        const api = await aws.apiFor(profile, region);
        return {
          describeProvisionedProduct: (id) => api.describeProvisionedProduct(id),
          executeServiceAction: async (request) => {
            running++;
            mostAtOnce = Math.max(mostAtOnce, running);
            try {
              return await api.executeServiceAction(request);
            } finally {
              running--;
            }
          },
        };
      },
    });
    const outcomes = await runWithLimit(requests, 2, (request) => run.start(request));
    assert.equal(mostAtOnce, 2);
    assert.deepEqual(outcomes.map((outcome) => outcome.request.provisionedProductId), products);
    assert.ok(outcomes.every((outcome) => outcome.ok));
    const counters = executions();
    assert.equal(counters.total, 4);
    assert.equal(Object.keys(counters.byExecuteToken).length, 4);
    assert.equal(new Set(outcomes.map((outcome) => outcome.ok && outcome.record.RecordId)).size, 4);
  });
});

/**
 * What the runner uses of the records' tracker: `watch` saves a record in flight into globalState a
 * moment later (as a write queued behind others would), `saved` resolves once it is there.
 */
class SavingTracker implements Pick<RecordTracker, 'watch' | 'saved'> {
  static readonly key = 'test.inFlight';
  readonly watched: Array<{ ref: RecordRef; origin: RecordOrigin }> = [];
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly globalState: MemoryStore) {}

  static saved(globalState: MemoryStore): Array<{ ref: RecordRef; origin: RecordOrigin }> {
    return globalState.get(SavingTracker.key) ?? [];
  }

  watch(ref: RecordRef, origin: RecordOrigin = {}): RecordSnapshot {
    this.watched.push({ ref, origin });
    this.writes = this.writes
      .then(() => new Promise((resolve) => setTimeout(resolve, 5)))
      .then(() => this.globalState.update(SavingTracker.key, [...SavingTracker.saved(this.globalState), { ref, origin }]));
    return { ref, origin, outputs: [], statusHistory: [], connection: 'live' };
  }

  saved(): Promise<void> {
    return this.writes;
  }
}

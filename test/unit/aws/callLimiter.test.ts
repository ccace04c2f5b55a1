import { strict as assert } from 'node:assert';
import { SearchProvisionedProductsCommand, ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import { CallLimiter } from '../../../src/aws/callLimiter';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';

/** A call that stays in flight until its test lets it end. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CallLimiter', () => {
  it('lets at most the limit run at once, and the rest as slots free up', async () => {
    const limiter = new CallLimiter(2);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, index) => limiter.run('a', async () => (started.push(index), g.opened)));
    await tick();
    assert.deepEqual(started, [0, 1]);
    assert.deepEqual({ inFlight: limiter.stats().inFlight, queued: limiter.stats().queued }, { inFlight: 2, queued: 1 });
    gates[0].open();
    await tick();
    await tick();
    assert.deepEqual(started, [0, 1, 2]);
    gates.forEach((g) => g.open());
    await Promise.all(runs);
    assert.equal(limiter.stats().peakInFlight, 2);
  });

  it('gives free slots to the waiting keys in turn, so a key with a long queue cannot starve another', async () => {
    const limiter = new CallLimiter(1);
    const blocker = gate();
    const order: string[] = [];
    const running = [limiter.run('busy', () => blocker.opened)];
    for (let i = 0; i < 5; i++) running.push(limiter.run('busy', async () => void order.push(`busy${i}`)));
    running.push(limiter.run('quiet', async () => void order.push('quiet0')));
    running.push(limiter.run('quiet', async () => void order.push('quiet1')));
    blocker.open();
    await Promise.all(running);
    assert.deepEqual(order, ['quiet0', 'busy0', 'quiet1', 'busy1', 'busy2', 'busy3', 'busy4']);
  });

  it('takes no slot for a call aborted while it waits, and applies a new limit at once', async () => {
    const limiter = new CallLimiter(1);
    const blocker = gate();
    const first = limiter.run('a', () => blocker.opened);
    const controller = new AbortController();
    const aborted = limiter.run('b', async () => assert.fail('must not run'), controller.signal);
    controller.abort(new Error('stopped'));
    await assert.rejects(aborted, /stopped/);
    const later = gate();
    let laterStarted = false;
    const second = limiter.run('c', async () => ((laterStarted = true), later.opened));
    await tick();
    assert.equal(laterStarted, false);
    limiter.setLimit(2);
    await tick();
    assert.equal(laterStarted, true);
    blocker.open();
    later.open();
    await Promise.all([first, second]);
    assert.equal(limiter.stats().queued, 0);
  });

  describe('as a plugin of the real SDK against the emulator', () => {
    let fixture: EmulatorFixture;
    before(async () => (fixture = await startEmulatorFixture()));
    after(() => fixture.stop());
    afterEach(() => fixture.emulator.faults.clear());

    const clientOf = (limiter: CallLimiter, profile: string, maxAttempts = 3) => {
      const credential = fixture.seed.credentials.find((candidate) => candidate.profileName === profile)!;
      const client = new ServiceCatalogClient({
        endpoint: fixture.emulator.endpoint,
        region: 'us-east-1',
        maxAttempts,
        credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey, sessionToken: credential.sessionToken },
      });
      client.middlewareStack.use(limiter.plugin(profile));
      return { client, credential };
    };
    const search = () => new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'User', Value: 'self' }, PageSize: 1 });

    it('holds every attempt to the limit, whatever the number of clients', async () => {
      fixture.emulator.faults.set([{ kind: 'latency', latencyMs: 40 }]);
      const limiter = new CallLimiter(3);
      const clients = ['main-alice', 'main-bob', 'other-erin'].map((profile) => clientOf(limiter, profile).client);
      await Promise.all(Array.from({ length: 12 }, (_, i) => clients[i % 3].send(search())));
      assert.equal(limiter.stats().peakInFlight, 3);
      assert.equal(limiter.stats().started, 12);
      clients.forEach((client) => client.destroy());
    });

    it('lets a throttled scope retry through the SDK without holding a slot between attempts, while another completes', async () => {
      const limiter = new CallLimiter(1);
      const alice = clientOf(limiter, 'main-alice');
      const erin = clientOf(limiter, 'other-erin');
      fixture.emulator.faults.set([
        { kind: 'latency', latencyMs: 20 },
        { kind: 'throttle', accessKeyId: alice.credential.accessKeyId, times: 2 },
      ]);
      const done: string[] = [];
      await Promise.all([
        alice.client.send(search()).then(() => done.push('alice')),
        erin.client.send(search()).then(() => done.push('erin')),
      ]);
      assert.deepEqual(done, ['erin', 'alice'], 'erin ran during alice’s backoff');
      assert.equal(limiter.stats().startedByKey['main-alice'], 3, 'alice’s three attempts each took a slot');
      assert.equal(fixture.emulator.counters().faults.throttle, 2);
      alice.client.destroy();
      erin.client.destroy();
    });
  });
});

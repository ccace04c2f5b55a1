import assert from 'node:assert/strict';
import { ScanProvisionedProductsCommand, SearchProvisionedProductsCommand } from '@aws-sdk/client-service-catalog';
import { FaultInjector } from '../../../src/emulator/faults';
import { startEmulator } from '../../../src/emulator/index';
import { TEST_SEED_PATH } from '../../fixtures/seeds';
import { client, rejectsWith, useEmulator } from './helpers';

const scan = new ScanProvisionedProductsCommand({});

describe('emulator: fault injection', () => {
  const ctx = useEmulator();

  it('adds latency to the matching calls only', async () => {
    ctx.emulator.faults.set([{ kind: 'latency', latencyMs: 150, operation: 'ScanProvisionedProducts' }]);
    const sc = client(ctx.emulator);
    let started = Date.now();
    await sc.send(scan);
    assert.ok(Date.now() - started >= 145, `took ${Date.now() - started} ms`);
    started = Date.now();
    await sc.send(new SearchProvisionedProductsCommand({}));
    assert.ok(Date.now() - started < 140, 'another operation is not slowed');
    assert.equal(ctx.emulator.counters().faults.delayed, 1);
  });

  it('throttles with ThrottlingException "Rate exceeded" (HTTP 400)', async () => {
    ctx.emulator.faults.set([{ kind: 'throttle' }]);
    const err = await rejectsWith(client(ctx.emulator).send(scan), 'ThrottlingException', 'Rate exceeded');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(ctx.emulator.counters().faults.throttle, 1);
  });

  it('is retried by the SDK when maxAttempts > 1', async () => {
    ctx.emulator.faults.set([{ kind: 'throttle', times: 1 }]);
    const output = await client(ctx.emulator, 'main-alice', { maxAttempts: 3 }).send(scan);
    assert.equal(output.$metadata.attempts, 2);
    assert.equal(ctx.emulator.counters().calls.ScanProvisionedProducts, 2);
  });

  it('throttles every Nth call, or with a seeded probability that repeats run after run', async () => {
    const sc = client(ctx.emulator);
    const pattern = async (calls: number) => {
      const outcome: string[] = [];
      for (let i = 0; i < calls; i++) outcome.push(await sc.send(scan).then(() => '.', (err: Error) => (err.name === 'ThrottlingException' ? 'T' : '?')));
      return outcome.join('');
    };
    ctx.emulator.faults.set([{ kind: 'throttle', everyNth: 3 }]);
    assert.equal(await pattern(7), '..T..T.');
    ctx.emulator.faults.set([{ kind: 'throttle', probability: 0.5, seed: 7 }]);
    const first = await pattern(16);
    ctx.emulator.faults.set([{ kind: 'throttle', probability: 0.5, seed: 7 }]);
    assert.equal(await pattern(16), first);
    assert.match(first, /T/);
    assert.match(first, /\./);
  });

  it('scopes a rule to an access key and lets it expire after forMs', async () => {
    ctx.emulator.faults.set([{ kind: 'throttle', accessKeyId: 'ASIATESTBOB00000001', forMs: 150 }]);
    await client(ctx.emulator).send(scan);
    await rejectsWith(client(ctx.emulator, 'main-bob').send(scan), 'ThrottlingException');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client(ctx.emulator, 'main-bob').send(scan);
    ctx.emulator.faults.set([{ kind: 'throttle' }]);
    ctx.emulator.faults.clear();
    await client(ctx.emulator).send(scan);
  });

  it('answers 5xx: InternalFailure (500) and ServiceUnavailable (503), which the SDK retries', async () => {
    ctx.emulator.faults.set([{ kind: 'internalFailure' }]);
    const internal = await rejectsWith(client(ctx.emulator).send(scan), 'InternalFailure');
    assert.equal(internal.$metadata?.httpStatusCode, 500);
    ctx.emulator.faults.set([{ kind: 'serviceUnavailable' }]);
    const unavailable = await rejectsWith(client(ctx.emulator).send(scan), 'ServiceUnavailable');
    assert.equal(unavailable.$metadata?.httpStatusCode, 503);
    ctx.emulator.faults.set([{ kind: 'serviceUnavailable', times: 1 }]);
    const output = await client(ctx.emulator, 'main-alice', { maxAttempts: 2 }).send(scan);
    assert.equal(output.$metadata.attempts, 2);
  });

  it('drops the connection without answering', async () => {
    ctx.emulator.faults.set([{ kind: 'drop', times: 1 }]);
    await assert.rejects(client(ctx.emulator).send(scan), (err: Error & { code?: string }) => {
      assert.ok(err.code === 'ECONNRESET' || /socket hang up/.test(err.message), `${err.code}: ${err.message}`);
      return true;
    });
    assert.equal(ctx.emulator.counters().faults.drop, 1);
    ctx.emulator.faults.set([{ kind: 'drop', times: 1 }]);
    const output = await client(ctx.emulator, 'main-alice', { maxAttempts: 2 }).send(scan);
    assert.equal(output.$metadata.attempts, 2, 'the SDK retries a reset connection');
  });

  it('goes down and comes back on the same port', async () => {
    const sc = client(ctx.emulator);
    await sc.send(scan); // leaves a keep-alive connection open
    const back = ctx.emulator.down(200);
    await assert.rejects(sc.send(scan), (err: Error & { code?: string }) => {
      assert.ok(['ECONNREFUSED', 'ECONNRESET'].includes(err.code ?? ''), `${err.code}: ${err.message}`);
      return true;
    });
    await back;
    await sc.send(scan);
    const again = ctx.emulator.down(50);
    await assert.rejects(ctx.emulator.down(10), /already down/);
    await again;
    assert.equal((await sc.send(scan)).$metadata.httpStatusCode, 200);
  });

  it('takes rules at start and validates them', async () => {
    const emulator = await startEmulator({ seed: TEST_SEED_PATH, quiet: true, faults: [{ kind: 'throttle', operation: 'ScanProvisionedProducts' }] });
    try {
      await rejectsWith(client(emulator).send(scan), 'ThrottlingException');
      assert.throws(() => emulator.faults.set([{ kind: 'explode' as never }]), /kind must be one of/);
      assert.throws(() => emulator.faults.set([{ kind: 'throttle', probability: 2 }]), /probability must be between 0 and 1/);
      assert.throws(() => emulator.faults.set([{ kind: 'latency' }]), /latencyMs/);
    } finally {
      await emulator.stop();
    }
  });
});

describe('FaultInjector', () => {
  it('adds latencies, lets the first failure win, and counts everyNth per rule', () => {
    let now = 0;
    const faults = new FaultInjector(() => now);
    faults.set([
      { kind: 'latency', latencyMs: 10 },
      { kind: 'latency', latencyMs: 5, operation: 'A' },
      { kind: 'drop', everyNth: 2, operation: 'A' },
      { kind: 'throttle', operation: 'A', forMs: 100 },
    ]);
    assert.deepEqual(faults.decide({ operation: 'A' }), { latencyMs: 15, failure: 'throttle' });
    assert.deepEqual(faults.decide({ operation: 'A' }), { latencyMs: 15, failure: 'drop' });
    assert.deepEqual(faults.decide({ operation: 'B' }), { latencyMs: 10 });
    now = 100;
    assert.deepEqual(faults.decide({ operation: 'A' }), { latencyMs: 15 });
    assert.equal(faults.list().length, 3, 'the expired rule is no longer listed');
  });
});

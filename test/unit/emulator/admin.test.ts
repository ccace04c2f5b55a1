import assert from 'node:assert/strict';
import { ExecuteProvisionedProductServiceActionCommand, ScanProvisionedProductsCommand } from '@aws-sdk/client-service-catalog';
import { EmulatorAdminClient, EmulatorAdminError } from '../../../src/emulator/adminClient';
import { generateSeed } from '../../../src/emulator/index';
import { TEST_SEED_PATH } from '../../fixtures/seeds';
import { client, rawCall, rejectsWith, testSeed, useEmulator } from './helpers';

describe('emulator: admin API', () => {
  const ctx = useEmulator();
  let admin: EmulatorAdminClient;
  beforeEach(() => (admin = new EmulatorAdminClient(ctx.emulator.endpoint)));

  it('reports health and counters', async () => {
    const health = await admin.health();
    assert.equal(health.ok, true);
    assert.equal(health.endpoint, ctx.emulator.endpoint);
    assert.equal(health.provisionedProducts, testSeed.provisionedProducts.length);
    await client(ctx.emulator).send(new ScanProvisionedProductsCommand({}));
    const counters = await admin.counters();
    assert.equal(counters.calls.ScanProvisionedProducts, 1);
    assert.equal(counters.callsByAccessKey.AKIATESTALICE000001.ScanProvisionedProducts, 1);
    assert.equal(counters.totalCalls, 1, 'admin calls are not counted');
  });

  it('drives the clock and reads a record timeline', async () => {
    const { RecordDetail } = await client(ctx.emulator).send(new ExecuteProvisionedProductServiceActionCommand({ ProvisionedProductId: 'pp-alice00000001', ServiceActionId: 'act-restart000001' }));
    const id = RecordDetail!.RecordId!;
    assert.deepEqual((await admin.recordTimeline(id)).map((s) => s.status), ['CREATED']);
    const before = await admin.clock();
    const after = await admin.advanceClock(10_000);
    assert.equal(after.now - before.now, 10_000);
    const timeline = await admin.recordTimeline(id);
    assert.deepEqual(timeline.map((s) => s.status), ['CREATED', 'IN_PROGRESS', 'SUCCEEDED']);
    assert.equal(timeline[2].at - timeline[0].at, 10_000);
    assert.equal((await admin.setClockSpeed(60)).speed, 60);
    await assert.rejects(admin.recordTimeline('rec-nothing'), (err: EmulatorAdminError) => err.status === 404);
    await assert.rejects(admin.setClockSpeed(-1), (err: EmulatorAdminError) => err.status === 400 && /speed/.test(err.message));
  });

  it('sets, lists and clears faults', async () => {
    await admin.setFaults([{ kind: 'throttle', operation: 'ScanProvisionedProducts' }]);
    assert.equal((await admin.faults()).length, 1);
    await rejectsWith(client(ctx.emulator).send(new ScanProvisionedProductsCommand({})), 'ThrottlingException');
    await admin.clearFaults();
    await client(ctx.emulator).send(new ScanProvisionedProductsCommand({}));
    await assert.rejects(admin.setFaults([{ kind: 'nope' as never }]), (err: EmulatorAdminError) => err.status === 400 && /kind must be one of/.test(err.message));
  });

  it('expires a session token', async () => {
    await admin.expireSessionToken('ASIATESTBOB00000001');
    await rejectsWith(client(ctx.emulator, 'main-bob').send(new ScanProvisionedProductsCommand({})), 'ExpiredTokenException');
    await assert.rejects(admin.expireSessionToken('AKIANOTHING00000001'), (err: EmulatorAdminError) => err.status === 404);
  });

  it('resets to the start seed, or to another seed given as an object or a path', async () => {
    await client(ctx.emulator).send(new ExecuteProvisionedProductServiceActionCommand({ ProvisionedProductId: 'pp-alice00000001', ServiceActionId: 'act-restart000001' }));
    const reset = await admin.reset();
    assert.equal(reset.records, testSeed.records!.length);
    assert.equal((await admin.counters()).totalCalls, 0);
    assert.equal(ctx.emulator.state.provisionedProducts.get('pp-alice00000001')?.status, 'AVAILABLE');
    const generated = await admin.reset(generateSeed({ accounts: 1, productsPerAccount: 5 }));
    assert.equal(generated.provisionedProducts, 5);
    const byPath = await fetch(`${ctx.emulator.endpoint}/_emulator/reset`, { method: 'POST', body: JSON.stringify({ seedPath: TEST_SEED_PATH }) });
    assert.equal(((await byPath.json()) as { provisionedProducts: number }).provisionedProducts, testSeed.provisionedProducts.length);
    await assert.rejects(admin.reset('/no/such/seed.json'), (err: EmulatorAdminError) => err.status === 400 && /cannot read the file/.test(err.message));
  });

  it('goes down on request and comes back', async () => {
    await admin.down(150);
    await assert.rejects(fetch(`${ctx.emulator.endpoint}/_emulator/health`));
    const health = await admin.waitUntilUp(2000, 20);
    assert.equal(health.ok, true);
  });

  it('is only reached under /_emulator/, never through the AWS protocol', async () => {
    const aws = await rawCall(ctx.emulator, { unsigned: true, body: { accessKeyId: 'ASIATESTBOB00000001' } });
    assert.equal(aws.body?.__type, 'MissingAuthenticationTokenException');
    const unknown = await fetch(`${ctx.emulator.endpoint}/_emulator/nothing`);
    assert.equal(unknown.status, 404);
    assert.match(((await unknown.json()) as { error: string }).error, /No admin route GET/);
    const badJson = await fetch(`${ctx.emulator.endpoint}/_emulator/faults`, { method: 'POST', body: '{' });
    assert.equal(badJson.status, 400);
  });
});

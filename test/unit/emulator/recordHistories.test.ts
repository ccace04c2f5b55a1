import assert from 'node:assert/strict';
import { DescribeRecordCommand, ExecuteProvisionedProductServiceActionCommand, ListRecordHistoryCommand, type RecordDetail } from '@aws-sdk/client-service-catalog';
import { EXECUTE_RECORD_TYPE, loadSeed, SeedValidationError, startEmulator, validateSeed, type RunningEmulator, type Seed } from '../../../src/emulator/index';
import { ESTIMATES_SEED_PATH } from '../../fixtures/seeds';
import { client } from './helpers';

const seconds = (record: RecordDetail) => (record.UpdatedTime!.getTime() - record.CreatedTime!.getTime()) / 1000;

describe('emulator: record histories and runs whose durations vary', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ seed: ESTIMATES_SEED_PATH, quiet: true, clockSpeed: 0 });
  });
  afterEach(() => emulator.stop());

  async function history(productId: string): Promise<RecordDetail[]> {
    const sc = client(emulator);
    const records: RecordDetail[] = [];
    let PageToken: string | undefined;
    do {
      const page = await sc.send(new ListRecordHistoryCommand({ SearchFilter: { Key: 'product', Value: productId }, PageSize: 5, PageToken }));
      records.push(...(page.RecordDetails ?? []));
      PageToken = page.NextPageToken;
    } while (PageToken);
    return records;
  }

  it('lists the earlier runs of an action by product, newest first, lasting about their typical duration, ended before the emulator started', async () => {
    const records = await history('prod-indexer00001');
    const runs = records.filter((record) => record.RecordType === EXECUTE_RECORD_TYPE);
    assert.equal(runs.length, 12, 'seven runs of Rebuild-Index and five of Compact-Index');
    assert.equal(records.filter((record) => record.RecordType === 'PROVISION_PRODUCT').length, 3);
    const created = records.map((record) => record.CreatedTime!.getTime());
    assert.deepEqual(created, [...created].sort((a, b) => b - a), 'newest first');

    const rebuild = runs.filter((record) => record.ProvisioningArtifactId === 'pa-indexv10000001');
    assert.equal(rebuild.length, 7);
    for (const record of rebuild) {
      assert.equal(record.Status, 'SUCCEEDED');
      assert.ok(seconds(record) >= 36 && seconds(record) <= 44, `about 40 s, give or take 4: ${seconds(record)}`);
      assert.ok(record.UpdatedTime!.getTime() <= emulator.clock.now());
    }
    assert.ok(new Set(rebuild.map(seconds)).size > 1, 'the durations vary');
    assert.deepEqual(new Set(rebuild.map((record) => record.ProvisionedProductId)), new Set(['pp-alice0index001', 'pp-alice0index002']));
    const compact = runs.filter((record) => record.ProvisioningArtifactId === 'pa-indexv20000001');
    assert.ok(compact.every((record) => seconds(record) >= 110 && seconds(record) <= 130));
  });

  it('generates the same history at every start, relative to the clock', async () => {
    const generated = async () => (await history('prod-indexer00001')).filter((record) => record.RecordType === EXECUTE_RECORD_TYPE);
    const first = (await generated()).map((record) => [record.RecordId, seconds(record), emulator.clock.now() - record.CreatedTime!.getTime()]);
    await emulator.stop();
    emulator = await startEmulator({ seed: ESTIMATES_SEED_PATH, quiet: true, clockSpeed: 0 });
    const second = (await generated()).map((record) => [record.RecordId, seconds(record), emulator.clock.now() - record.CreatedTime!.getTime()]);
    assert.deepEqual(second, first);
  });

  it('runs an action with a spread for a different, repeatable duration each time', async () => {
    const sc = client(emulator);
    const durations: number[] = [];
    for (const token of ['run-1', 'run-2', 'run-3']) {
      const { RecordDetail } = await sc.send(
        new ExecuteProvisionedProductServiceActionCommand({ ProvisionedProductId: 'pp-alice0index001', ServiceActionId: 'act-reindex000001', ExecuteToken: token }),
      );
      emulator.clock.advance(60_000);
      const ended = (await sc.send(new DescribeRecordCommand({ Id: RecordDetail!.RecordId! }))).RecordDetail!;
      assert.equal(ended.Status, 'SUCCEEDED');
      durations.push(seconds(ended));
    }
    assert.ok(durations.every((value) => value >= 36 && value <= 44), durations.join(', '));
    assert.equal(new Set(durations).size, 3, durations.join(', '));

    emulator.reset();
    const again = emulator.state.nextRunSeconds(emulator.state.serviceActions.get('act-reindex000001')!);
    assert.equal(again, durations[0], 'a reset starts the sequence again');
  });

  it('keeps the failed records of every documented error', async () => {
    const sc = client(emulator);
    const { RecordDetail } = await sc.send(new DescribeRecordCommand({ Id: 'rec-err-target-type-not-found' }));
    assert.equal(RecordDetail?.Status, 'FAILED');
    assert.match(RecordDetail?.RecordErrors?.[0].Description ?? '', /Cannot find any resources with type AWS::EC2::Instance/);
  });

  it('refuses histories that name unknown or unassociated actions and products, and spreads that do not fit', () => {
    const seed = loadSeed(ESTIMATES_SEED_PATH);
    const problems = (change: (copy: Seed) => void): string => {
      const copy = structuredClone(seed);
      change(copy);
      try {
        validateSeed(copy);
      } catch (error) {
        assert.ok(error instanceof SeedValidationError);
        return error.message;
      }
      return '';
    };
    assert.match(problems((copy) => (copy.recordHistories![0].serviceActionId = 'act-nothing00001')), /recordHistories\[0\]\.serviceActionId: service action "act-nothing00001" is not in serviceActions/);
    assert.match(problems((copy) => (copy.recordHistories![0].provisionedProductIds = ['pp-alice0guard001'])), /is not associated with the version of pp-alice0guard001/);
    assert.match(problems((copy) => (copy.recordHistories![0].runs = 0)), /recordHistories\[0\]\.runs: must be >= 1/);
    assert.match(problems((copy) => (copy.recordHistories![0].spreadSeconds = 50)), /must not exceed the typical duration \(40s\)/);
    assert.match(problems((copy) => (copy.serviceActions[0].outcome.spreadSeconds = 40)), /spreadSeconds: must be less than durationSeconds/);
    assert.match(
      problems((copy) => (copy.serviceActions[0].outcome.timeline = [{ status: 'CREATED', atSeconds: 0 }, { status: 'SUCCEEDED', atSeconds: 40 }])),
      /cannot go with an explicit timeline/,
    );
    assert.equal(problems(() => undefined), '');
  });
});

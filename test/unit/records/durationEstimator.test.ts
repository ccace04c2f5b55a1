import * as assert from 'node:assert/strict';
import { ListRecordHistoryCommand, type RecordDetail } from '@aws-sdk/client-service-catalog';
import type { AwsContext } from '../../../src/aws/awsContext';
import { AwsCallError } from '../../../src/aws/errors';
import type { DurationQuery } from '../../../src/catalog/durations';
import { DurationEstimator, type HistoryApi } from '../../../src/records/estimates/durationEstimator';
import { silentLogger } from '../../../src/platform/logger';
import { estimateFrom, quantile } from '../../../src/records/estimates/durationStats';
import type { EndedExecution } from '../../../src/records/tracking/executionHistory';
import { ESTIMATES_SEED_PATH } from '../../fixtures/seeds';
import { client } from '../emulator/helpers';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';

const rebuild: DurationQuery = { profile: 'main-alice', region: 'us-east-1', productId: 'prod-indexer00001', provisioningArtifactId: 'pa-indexv10000001', serviceActionId: 'act-reindex000001' };
const compact: DurationQuery = { ...rebuild, provisioningArtifactId: 'pa-indexv20000001', serviceActionId: 'act-compact000001' };

function ran(recordId: string, serviceActionId: string, seconds: number, overrides: Partial<EndedExecution> = {}): EndedExecution {
  const createdAt = Date.parse('2024-05-01T10:00:00Z');
  return {
    ref: { profile: 'main-alice', region: 'us-east-1', recordId },
    provisionedProductId: 'pp-alice0index003',
    productId: 'prod-indexer00001',
    provisioningArtifactId: 'pa-indexv20000001',
    serviceActionId,
    recordType: 'EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION',
    status: 'SUCCEEDED',
    createdAt,
    updatedAt: createdAt + seconds * 1000,
    files: 'user',
    ...overrides,
  };
}

describe('Duration estimates', () => {
  describe('statistics', () => {
    it('is the median, with the 10th and 90th percentiles, of at least two runs', () => {
      assert.equal(estimateFrom([]), undefined);
      assert.equal(estimateFrom([40_000]), undefined, 'one run says nothing');
      const estimate = estimateFrom([50_000, 40_000, 38_000, 42_000, 41_000]);
      assert.deepEqual(estimate, { typicalMs: 41_000, lowMs: 38_800, highMs: 46_800, longerAfterMs: 61_500, runs: 5 });
      assert.equal(quantile([10, 20], 0.5), 15);
    });

    it('says "longer than usual" only past half as long again as usual and past every earlier run', () => {
      assert.equal(estimateFrom([60_000, 60_000, 200_000])?.longerAfterMs, 200_000);
      assert.equal(estimateFrom([60_000, 60_000, 61_000])?.longerAfterMs, 90_000);
    });

    it('ignores durations that are not durations', () => {
      assert.equal(estimateFrom([Number.NaN, -1, 30_000, Infinity])?.runs, undefined);
      assert.equal(estimateFrom([Number.NaN, 30_000, 32_000])?.runs, 2);
    });
  });

  describe('against the emulator', function () {
    this.timeout(30_000);
    let fixture: EmulatorFixture;
    let aws: AwsContext;
    let executions: EndedExecution[];
    let estimator: DurationEstimator;
    let warnings: string[];
    const log = { ...silentLogger, warn: (message: string) => void warnings.push(message) };

    before(async () => {
      fixture = await startEmulatorFixture({ seed: ESTIMATES_SEED_PATH });
    });
    after(() => fixture.stop());
    beforeEach(() => {
      fixture.emulator.reset();
      aws = fixture.context();
      executions = [];
      warnings = [];
      estimator = new DurationEstimator({ api: (profile, region) => aws.apiFor(profile, region), executions: () => executions, accessLevel: () => 'User', log });
    });

    async function rebuildDurations(): Promise<number[]> {
      const { RecordDetails } = await client(fixture.emulator).send(new ListRecordHistoryCommand({ SearchFilter: { Key: 'product', Value: 'prod-indexer00001' } }));
      return (RecordDetails ?? [])
        .filter((record: RecordDetail) => record.ProvisioningArtifactId === 'pa-indexv10000001' && record.RecordType !== 'PROVISION_PRODUCT')
        .map((record: RecordDetail) => record.UpdatedTime!.getTime() - record.CreatedTime!.getTime());
    }

    it("counts the product's earlier runs on a version whose only action is this one", async () => {
      const estimate = await estimator.estimate(rebuild);
      assert.deepEqual(estimate, estimateFrom(await rebuildDurations()));
      assert.equal(estimate?.runs, 7);
      assert.ok(Math.abs(estimate!.typicalMs - 40_000) <= 4_000, String(estimate?.typicalMs));
    });

    it("never counts runs on a version with several actions: their records do not say which action ran", async () => {
      assert.equal((await estimator.estimate({ ...rebuild, provisioningArtifactId: 'pa-indexv20000001' }))?.runs, 7, "v2.0's runs are not Rebuild-Index's");
      assert.equal(await estimator.estimate(compact), undefined, "Compact-Index's runs are on v2.0, where Rebuild-Index runs too");
    });

    it('counts the runs this machine made of the action, on any version, and never as another action', async () => {
      executions.push(ran('rec-local0000001', 'act-compact000001', 118), ran('rec-local0000002', 'act-compact000001', 126), ran('rec-local0000003', 'act-reindex000001', 39));
      assert.deepEqual(await estimator.estimate(compact), estimateFrom([118_000, 126_000]));
      assert.equal((await estimator.estimate(rebuild))?.runs, 8, "seven from the product's history and this machine's own");

      // A record of v1.0 that this machine knows ran another action (before the version's actions changed) is not Rebuild-Index's.
      const [record] = (await client(fixture.emulator).send(new ListRecordHistoryCommand({ SearchFilter: { Key: 'product', Value: 'prod-indexer00001' } }))).RecordDetails!.filter(
        (candidate) => candidate.ProvisioningArtifactId === 'pa-indexv10000001' && candidate.RecordType !== 'PROVISION_PRODUCT',
      );
      executions.push(ran(record.RecordId!, 'act-compact000001', 120, { provisioningArtifactId: 'pa-indexv10000001' }));
      assert.equal((await estimator.estimate(rebuild))?.runs, 7);
    });

    it("leaves out the run's own record, and records of another type than the run's", async () => {
      const [own] = (await client(fixture.emulator).send(new ListRecordHistoryCommand({ SearchFilter: { Key: 'product', Value: 'prod-indexer00001' } }))).RecordDetails!.filter(
        (candidate) => candidate.ProvisioningArtifactId === 'pa-indexv10000001' && candidate.RecordType !== 'PROVISION_PRODUCT',
      );
      assert.equal((await estimator.estimate({ ...rebuild, recordId: own.RecordId }))?.runs, 6);
      assert.equal(await estimator.estimate({ ...rebuild, recordType: 'SOME_OTHER_TYPE' }), undefined);
    });

    it('reads the history once a session, a few pages at most, and again after a failure', async () => {
      await estimator.estimate(rebuild);
      await estimator.estimate(rebuild);
      await estimator.estimate({ ...rebuild, provisioningArtifactId: 'pa-indexv20000001' });
      const counters = fixture.emulator.counters();
      assert.equal(counters.calls.ListRecordHistory, 1, 'one page of 20 holds the 15 records');
      assert.equal(counters.calls.ListServiceActionsForProvisioningArtifact, 2, 'each version once');

      fixture.emulator.reset();
      estimator.clear();
      fixture.emulator.faults.set([{ kind: 'internalFailure', operation: 'ListRecordHistory' }]);
      const failing = fixture.context({ clientOverrides: { maxAttempts: 1 } });
      const withLocal = new DurationEstimator({ api: (profile, region) => failing.apiFor(profile, region), executions: () => executions, accessLevel: () => 'User', log });
      executions.push(ran('rec-local0000003', 'act-reindex000001', 39), ran('rec-local0000004', 'act-reindex000001', 41));
      assert.equal((await withLocal.estimate(rebuild))?.runs, 2, "this machine's runs still make an estimate");
      assert.match(warnings.join('\n'), /Could not read the record history of product prod-indexer00001/);
      fixture.emulator.faults.clear();
      assert.equal((await withLocal.estimate(rebuild))?.runs, 9, 'read again once it works');
    });
  });

  describe('with the AWS files read now', function () {
    this.timeout(30_000);
    let fixture: EmulatorFixture;
    before(async () => {
      fixture = await startEmulatorFixture({ seed: ESTIMATES_SEED_PATH });
    });
    after(() => fixture.stop());

    it("counts only the runs made with the AWS files read now, and reads the history again once they switch", async () => {
      const aws = fixture.context();
      const executions = [
        ran('rec-mine00000001', 'act-compact000001', 118),
        ran('rec-mine00000002', 'act-compact000001', 126),
        ran('rec-sandbox00001', 'act-compact000001', 600, { files: 'sandbox' }),
        ran('rec-sandbox00002', 'act-compact000001', 640, { files: 'sandbox' }),
        ran('rec-sandbox00003', 'act-reindex000001', 300, { files: 'sandbox' }),
      ];
      const estimator = new DurationEstimator({ api: (profile, region) => aws.apiFor(profile, region), executions: () => executions, accessLevel: () => 'User', files: aws });
      try {
        assert.deepEqual(await estimator.estimate(compact), estimateFrom([118_000, 126_000]), "the sandbox's runs are not the user's");
        assert.equal((await estimator.estimate(rebuild))?.runs, 7, "the sandbox's run of Rebuild-Index is left out");
        assert.equal(fixture.emulator.counters().calls.ListRecordHistory, 1);

        await aws.useEnvironment(fixture.env, 'sandbox');
        assert.deepEqual(await estimator.estimate(compact), estimateFrom([600_000, 640_000]), "with the sandbox's files, only its runs");
        assert.equal((await estimator.estimate(rebuild))?.runs, 8);
        assert.equal(fixture.emulator.counters().calls.ListRecordHistory, 2, 'the history read with the other files is forgotten');
      } finally {
        estimator.dispose();
      }
      await aws.useEnvironment(fixture.env, 'user');
      await estimator.estimate(rebuild);
      assert.equal(fixture.emulator.counters().calls.ListRecordHistory, 3, 'a disposed estimator keeps nothing it read');
    });
  });

  it('reads at most a few pages, and falls back to its own records when the account level is denied', async () => {
    const calls: Array<{ accessLevel: string; pageToken?: string }> = [];
    const endless: HistoryApi = {
      async listRecordHistory(request) {
        calls.push({ accessLevel: request.accessLevel, pageToken: request.pageToken });
        if (request.accessLevel === 'Account') {
          throw new AwsCallError({ kind: 'access-denied', summary: 'Access denied', detail: 'not authorized', retryable: false }, 'ListRecordHistory');
        }
        const at = Date.parse('2024-05-01T10:00:00Z');
        return {
          records: [{ RecordId: `rec-${calls.length}`, RecordType: 'RUN', Status: 'SUCCEEDED', ProvisioningArtifactId: 'pa-1', CreatedTime: new Date(at), UpdatedTime: new Date(at + 30_000) }],
          nextPageToken: `page-${calls.length}`,
        };
      },
      listServiceActions: async () => [{ Id: 'act-1' }],
    };
    const estimator = new DurationEstimator({ api: async () => endless, executions: () => [], accessLevel: () => 'Account' });
    const estimate = await estimator.estimate({ profile: 'p', region: 'us-east-1', productId: 'prod-1', serviceActionId: 'act-1' });
    assert.deepEqual(calls.map((call) => call.accessLevel), ['Account', 'User', 'User', 'User']);
    assert.equal(estimate?.runs, 3);
  });
});

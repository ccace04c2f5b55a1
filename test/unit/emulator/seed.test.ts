import assert from 'node:assert/strict';
import { explainRecordError } from '../../../src/catalog/recordErrors';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SearchProvisionedProductsCommand } from '@aws-sdk/client-service-catalog';
import { generateSeed, loadSeed, SAMPLE_SEED_PATH, SeedValidationError, startEmulator, validateSeed, type Seed } from '../../../src/emulator/index';
import { TEST_SEED_PATH } from '../../fixtures/seeds';
import { client } from './helpers';

function problemsOf(mutate: (seed: Seed) => void): string[] {
  const seed = loadSeed(TEST_SEED_PATH);
  mutate(seed);
  try {
    validateSeed(seed);
  } catch (err) {
    assert.ok(err instanceof SeedValidationError, String(err));
    return err.problems;
  }
  return [];
}

describe('emulator: seeds', () => {
  it('validates the sample and test seeds', () => {
    const sample = loadSeed(SAMPLE_SEED_PATH);
    assert.ok(sample.accounts.length >= 3);
    assert.ok(sample.regions.length >= 2);
    assert.ok(sample.provisionedProducts.length >= 40);
    const statuses = new Set(sample.provisionedProducts.map((pp) => pp.status));
    for (const status of ['AVAILABLE', 'TAINTED', 'ERROR', 'UNDER_CHANGE']) assert.ok(statuses.has(status as never), status);
    assert.ok(sample.provisionedProducts.some((pp) => pp.name.length === 128));
    assert.ok(sample.serviceActions.some((a) => a.outcome.status === 'FAILED' && (a.outcome.errors?.length ?? 0) >= 3));
    assert.ok(sample.serviceActions.some((a) => a.outcome.durationSeconds >= 240));
    assert.ok(sample.serviceActions.some((a) => (a.outcome.outputs?.length ?? 0) > 40));
    // An action with earlier runs on a version it is alone on (an estimate), and a documented error (explained).
    assert.ok((sample.recordHistories ?? []).some((history) => sample.associations.filter((a) => a.provisioningArtifactId === sample.provisionedProducts.find((pp) => pp.id === history.provisionedProductIds[0])?.provisioningArtifactId).length === 1));
    assert.ok(sample.serviceActions.some((a) => (a.outcome.errors ?? []).some((error) => explainRecordError(error) !== undefined)));
    const paramTypes = new Set(sample.serviceActions.flatMap((a) => a.definition.parameters.map((p) => p.type)));
    assert.deepEqual([...paramTypes].sort(), ['TARGET', 'TEXT_VALUE']);
    loadSeed(TEST_SEED_PATH);
  });

  it('says where each problem is', () => {
    const problems = problemsOf((seed) => {
      seed.accounts[0].id = '1234';
      seed.regions.push('mars-north-1');
      seed.credentials[1].accountId = '999999999999';
      seed.provisionedProducts[0].productId = 'prod-missing';
      seed.provisionedProducts[1].status = 'RUNNING' as never;
      seed.provisionedProducts[2].name = 'has spaces';
      seed.provisionedProducts[3].id = seed.provisionedProducts[4].id;
      seed.serviceActions[0].outcome.durationSeconds = -1;
      seed.associations[0].provisioningArtifactId = 'pa-dbv10000000001';
    });
    const expected = [
      /^accounts\[0\]\.id: "1234" does not look like a 12-digit account id$/,
      /^regions\[2\]: "mars-north-1" is not an AWS region name$/,
      /^credentials\[1\]\.accountId: account "999999999999" is not in accounts$/,
      /^provisionedProducts\[0\]\.productId: product "prod-missing" is not in products$/,
      /^provisionedProducts\[1\]\.status: must be one of AVAILABLE, UNDER_CHANGE, TAINTED, ERROR, PLAN_IN_PROGRESS, got "RUNNING"$/,
      /^provisionedProducts\[2\]\.name: "has spaces" does not look like a provisioned product name/,
      /^provisionedProducts\[4\]: duplicate provisioned product id "pp-alice00000005" \(first at provisionedProducts\[3\]\)$/,
      /^serviceActions\[0\]\.outcome\.durationSeconds: must be >= 0, got -1$/,
      /^associations\[0\]\.provisioningArtifactId: "pa-dbv10000000001" is not a version of product prod-webserver001$/,
    ];
    for (const pattern of expected) assert.ok(problems.some((p) => pattern.test(p)), `${pattern} not in:\n${problems.join('\n')}`);
  });

  it('checks credentials, timelines, records and references', () => {
    const problems = problemsOf((seed) => {
      delete seed.credentials[0].sessionToken;
      seed.credentials[0].expired = true;
      seed.credentials[2].accessLevels = ['Everything' as never];
      seed.credentials[4].userArn = 'arn:aws:iam::111111111111:user/erin';
      seed.serviceActions[0].outcome.timeline = [
        { status: 'IN_PROGRESS', atSeconds: 0 },
        { status: 'CREATED', atSeconds: 5 },
      ];
      seed.serviceActions[1].defaultValues = { Target: ['x'] };
      seed.provisionedProducts[5].lastRecordId = 'rec-missing';
      seed.records![0].status = 'DONE' as never;
    });
    const expected = [
      /^credentials\[0\]\.expired: only a credential with a sessionToken can be expired$/,
      /^credentials\[2\]\.accessLevels\[0\]: must be one of User, Role, Account/,
      /^credentials\[4\]\.userArn: is in another account than accountId 222222222222$/,
      /^serviceActions\[0\]\.outcome\.timeline\[0\]: a timeline starts with/,
      /^serviceActions\[0\]\.outcome\.timeline\[1\]\.status: CREATED cannot follow IN_PROGRESS$/,
      /^serviceActions\[0\]\.outcome\.timeline: must end with the outcome status SUCCEEDED/,
      /^serviceActions\[1\]\.defaultValues\.Target: only TEXT_VALUE parameters take defaults here/,
      /^provisionedProducts\[5\]\.lastRecordId: record "rec-missing" is not in records$/,
      /^records\[0\]\.status: must be one of/,
    ];
    for (const pattern of expected) assert.ok(problems.some((p) => pattern.test(p)), `${pattern} not in:\n${problems.join('\n')}`);
  });

  it('reports a file that is missing or not JSON, and a seed that is not an object', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sc-emulator-seed-'));
    try {
      const broken = path.join(dir, 'broken.json');
      writeFileSync(broken, '{ "accounts": [ }');
      assert.throws(() => loadSeed(broken), (err: Error) => err instanceof SeedValidationError && err.message.includes(broken) && /not valid JSON/.test(err.message));
      assert.throws(() => loadSeed(path.join(dir, 'missing.json')), /cannot read the file/);
      assert.throws(() => validateSeed([]), /seed: must be an object, got an array/);
      assert.throws(() => validateSeed({ accounts: [] }), /regions: must be an array, got undefined/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on an invalid seed', async () => {
    await assert.rejects(startEmulator({ seed: { ...loadSeed(TEST_SEED_PATH), regions: [] }, quiet: true }), /regions: must list at least one region/);
  });

  it('does not share objects with a seed passed as an object', async () => {
    const seed = loadSeed(TEST_SEED_PATH);
    const emulator = await startEmulator({ seed, quiet: true });
    try {
      seed.provisionedProducts.length = 0;
      assert.equal(emulator.state.provisionedProducts.size, 35);
    } finally {
      await emulator.stop();
    }
  });

  it('generates large, valid, deterministic seeds for benchmarks', async () => {
    const seed = generateSeed({ accounts: 3, productsPerAccount: 2000, recordsPerProvisionedProduct: 1 });
    validateSeed(seed);
    assert.equal(seed.provisionedProducts.length, 6000);
    assert.equal(seed.records?.length, 6000);
    assert.deepEqual(generateSeed({ accounts: 2, productsPerAccount: 10 }), generateSeed({ accounts: 2, productsPerAccount: 10 }));
    const emulator = await startEmulator({ seed, quiet: true });
    try {
      const cred = seed.credentials[0];
      const sc = client(emulator, 'main-alice');
      sc.config.credentials = async () => ({ accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey });
      const page = await sc.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'Account', Value: 'self' }, PageSize: 100 }));
      assert.equal(page.TotalResultsCount, 1000, 'half of the account is in the first region');
      assert.equal(page.ProvisionedProducts?.length, 100);
    } finally {
      await emulator.stop();
    }
  });
});

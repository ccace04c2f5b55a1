import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { awsCliVersion, requireAwsCli } from '../support/awsCli';
import { credential, useEmulator } from './helpers';

const run = promisify(execFile);

describe('emulator: the AWS CLI as a client', function () {
  this.timeout(60_000);
  const ctx = useEmulator();
  let dir: string;

  before(function () {
    requireAwsCli(this);
  });
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'sc-emulator-awscli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    const alice = credential('main-alice');
    const { stdout } = await run('aws', ['servicecatalog', ...args, '--endpoint-url', ctx.emulator.endpoint, '--region', 'us-east-1', '--output', 'json'], {
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
        AWS_ACCESS_KEY_ID: alice.accessKeyId,
        AWS_SECRET_ACCESS_KEY: alice.secretAccessKey,
        // Keep the machine's own AWS files and pager out of the test.
        AWS_CONFIG_FILE: path.join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-credentials'),
        AWS_PAGER: '',
      },
    });
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  it(`lists, executes and describes a record (${awsCliVersion ?? 'aws not installed'})`, async () => {
    const search = await aws('search-provisioned-products', '--access-level-filter', 'Key=Account,Value=self', '--filters', 'SearchQuery=status:TAINTED');
    assert.equal(search.TotalResultsCount, 1);
    const executed = (await aws('execute-provisioned-product-service-action', '--provisioned-product-id', 'pp-alice00000001', '--service-action-id', 'act-restart000001')) as {
      RecordDetail: { RecordId: string; Status: string };
    };
    assert.equal(executed.RecordDetail.Status, 'CREATED');
    ctx.emulator.clock.advance(10_000);
    const described = (await aws('describe-record', '--id', executed.RecordDetail.RecordId)) as { RecordDetail: { Status: string }; RecordOutputs: unknown[] };
    assert.equal(described.RecordDetail.Status, 'SUCCEEDED');
    assert.equal(described.RecordOutputs.length, 2);
    assert.equal(ctx.emulator.counters().executions.total, 1);
  });
});

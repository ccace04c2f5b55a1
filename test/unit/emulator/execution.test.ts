import assert from 'node:assert/strict';
import {
  DescribeProvisionedProductCommand,
  DescribeRecordCommand,
  ExecuteProvisionedProductServiceActionCommand,
  type ExecuteProvisionedProductServiceActionCommandInput,
  type ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import { EXECUTE_RECORD_TYPE } from '../../../src/emulator/index';
import { client, rejectsWith, useEmulator } from './helpers';

describe('emulator: executing service actions', () => {
  const ctx = useEmulator();
  let sc: ServiceCatalogClient;
  beforeEach(() => (sc = client(ctx.emulator)));

  const execute = (input: Partial<ExecuteProvisionedProductServiceActionCommandInput> = {}) =>
    sc.send(new ExecuteProvisionedProductServiceActionCommand({ ProvisionedProductId: 'pp-alice00000001', ServiceActionId: 'act-restart000001', ...input }));
  const status = async (recordId: string) => (await sc.send(new DescribeRecordCommand({ Id: recordId }))).RecordDetail?.Status;
  const productStatus = async (id = 'pp-alice00000001') => (await sc.send(new DescribeProvisionedProductCommand({ Id: id }))).ProvisionedProductDetail;

  it('creates a record that runs CREATED, IN_PROGRESS, SUCCEEDED on the clock, with outputs at the end', async () => {
    const started = ctx.emulator.clock.now();
    const { RecordDetail: record } = await execute({ ExecuteToken: 'token-lifecycle' });
    assert.equal(record?.Status, 'CREATED');
    assert.equal(record?.RecordType, EXECUTE_RECORD_TYPE);
    assert.equal(record?.ProvisionedProductName, 'alice-web-01');
    assert.equal(record?.PathId, 'lpv3-platform0001');
    assert.deepEqual(record?.RecordTags, [
      { Key: 'env', Value: 'prod' },
      { Key: 'team', Value: 'payments' },
    ]);
    assert.equal(record?.CreatedTime?.getTime(), started);
    const id = record!.RecordId!;

    ctx.emulator.clock.advance(1000);
    const running = await sc.send(new DescribeRecordCommand({ Id: id }));
    assert.equal(running.RecordDetail?.Status, 'IN_PROGRESS');
    assert.equal(running.RecordDetail?.UpdatedTime?.getTime(), started + 1000);
    assert.deepEqual(running.RecordOutputs, [], 'no outputs before the end');

    ctx.emulator.clock.advance(9000);
    const done = await sc.send(new DescribeRecordCommand({ Id: id }));
    assert.equal(done.RecordDetail?.Status, 'SUCCEEDED');
    assert.deepEqual(done.RecordOutputs, [
      { OutputKey: 'InstanceState', OutputValue: 'running' },
      { OutputKey: 'RestartedInstance', OutputValue: 'i-0alice01', Description: 'The instance restarted' },
    ]);
    assert.deepEqual(ctx.emulator.recordTimeline(id), [
      { status: 'CREATED', at: started },
      { status: 'IN_PROGRESS', at: started + 1000 },
      { status: 'SUCCEEDED', at: started + 10_000 },
    ]);
  });

  it('holds the product UNDER_CHANGE with the new LastRecordId, then makes it AVAILABLE again', async () => {
    const before = await productStatus();
    const { RecordDetail: record } = await execute();
    const during = await productStatus();
    assert.equal(during?.Status, 'UNDER_CHANGE');
    assert.equal(during?.LastRecordId, record?.RecordId);
    assert.equal(during?.LastProvisioningRecordId, before?.LastProvisioningRecordId, 'a service action only changes LastRecordId');
    ctx.emulator.clock.advance(9_999);
    assert.equal((await productStatus())?.Status, 'UNDER_CHANGE');
    ctx.emulator.clock.advance(1);
    assert.equal((await productStatus())?.Status, 'AVAILABLE');
    assert.equal(ctx.emulator.state.provisionedProducts.get('pp-alice00000001')?.status, 'AVAILABLE');
  });

  it('runs a failing action through IN_PROGRESS_IN_ERROR to FAILED with its errors, leaving the product TAINTED', async () => {
    const { RecordDetail: record } = await execute({ ServiceActionId: 'act-rotate0000001', Parameters: { Reason: ['incident 42'] } });
    const id = record!.RecordId!;
    ctx.emulator.clock.advance(2000);
    assert.equal(await status(id), 'IN_PROGRESS');
    ctx.emulator.clock.advance(13_000);
    const failing = await sc.send(new DescribeRecordCommand({ Id: id }));
    assert.equal(failing.RecordDetail?.Status, 'IN_PROGRESS_IN_ERROR');
    assert.equal(failing.RecordDetail?.RecordErrors?.length, 3, 'errors show as soon as it goes wrong');
    assert.equal((await productStatus())?.Status, 'UNDER_CHANGE');
    ctx.emulator.clock.advance(5000);
    const failed = await sc.send(new DescribeRecordCommand({ Id: id }));
    assert.equal(failed.RecordDetail?.Status, 'FAILED');
    assert.deepEqual(failed.RecordDetail?.RecordErrors?.[0], { Code: 'AutomationStepFailed', Description: 'Step rotateSecret failed: AccessDenied on secretsmanager:RotateSecret for i-0alice01' });
    const product = await productStatus();
    assert.equal(product?.Status, 'TAINTED');
    assert.equal(product?.StatusMessage, 'Step rotateSecret failed: AccessDenied on secretsmanager:RotateSecret for i-0alice01');
    assert.deepEqual(
      ctx.emulator.recordTimeline(id).map((step) => step.status),
      ['CREATED', 'IN_PROGRESS', 'IN_PROGRESS_IN_ERROR', 'FAILED'],
    );
  });

  it('follows an explicit timeline from the seed', async () => {
    const { RecordDetail: record } = await execute({ ProvisionedProductId: 'pp-alice00000009', ServiceActionId: 'act-snapshot00001' });
    ctx.emulator.clock.advance(2999);
    assert.equal(await status(record!.RecordId!), 'CREATED');
    ctx.emulator.clock.advance(1);
    assert.equal(await status(record!.RecordId!), 'IN_PROGRESS');
    ctx.emulator.clock.advance(27_000);
    const done = await sc.send(new DescribeRecordCommand({ Id: record!.RecordId! }));
    assert.deepEqual(done.RecordOutputs, [{ OutputKey: 'SnapshotId', OutputValue: 'snap-db-alice-09' }]);
  });

  it('pages record outputs in DescribeRecord, 20 by default', async () => {
    const { RecordDetail: record } = await execute({ ServiceActionId: 'act-export0000001' });
    ctx.emulator.clock.advance(5000);
    const keys: string[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const page = await sc.send(new DescribeRecordCommand({ Id: record!.RecordId!, PageToken: token }));
      assert.equal(page.RecordDetail?.RecordId, record?.RecordId, 'every page carries the record');
      sizes.push(page.RecordOutputs!.length);
      keys.push(...page.RecordOutputs!.map((o) => o.OutputKey!));
      token = page.NextPageToken;
    } while (token);
    assert.deepEqual(sizes, [20, 20, 5]);
    assert.equal(new Set(keys).size, 45);
    assert.equal(keys[44], 'LogFile45');
    const small = await sc.send(new DescribeRecordCommand({ Id: record!.RecordId!, PageSize: 7 }));
    assert.equal(small.RecordOutputs?.length, 7);
  });

  it('refuses a second execution while the product is UNDER_CHANGE, naming the running record', async () => {
    const { RecordDetail: record } = await execute();
    const err = await rejectsWith(execute({ ServiceActionId: 'act-flush00000001' }), 'InvalidStateException');
    assert.match(err.message, new RegExp(`alice-web-01 \\(pp-alice00000001\\) is UNDER_CHANGE\\. Record ${record!.RecordId} is CREATED\\.`));
    await rejectsWith(execute({ ProvisionedProductId: 'pp-alice00000010', ServiceActionId: 'act-snapshot00001' }), 'InvalidStateException', /is UNDER_CHANGE\. Record rec-inprogress001 is IN_PROGRESS/);
    await rejectsWith(execute({ ProvisionedProductId: 'pp-alice00000011', ServiceActionId: 'act-snapshot00001' }), 'InvalidStateException', /is PLAN_IN_PROGRESS/);
    ctx.emulator.clock.advance(10_000);
    await execute({ ServiceActionId: 'act-flush00000001' });
    assert.equal(ctx.emulator.counters().executions.byProvisionedProduct['pp-alice00000001'], 2);
  });

  it('lets TAINTED and ERROR products run actions', async () => {
    const zoe = await execute({ ProvisionedProductId: 'pp-zoexx00000025' });
    assert.equal(zoe.RecordDetail?.Status, 'CREATED');
  });

  it('is idempotent per ExecuteToken: same request, same record and nothing new started', async () => {
    const first = await execute({ ExecuteToken: 'retry-me', Parameters: { InstanceId: ['i-0abc'] } });
    ctx.emulator.clock.advance(1000);
    const again = await execute({ ExecuteToken: 'retry-me', Parameters: { InstanceId: ['i-0abc'] } });
    assert.equal(again.RecordDetail?.RecordId, first.RecordDetail?.RecordId);
    assert.equal(again.RecordDetail?.Status, 'IN_PROGRESS', 'the same record, as it is now');
    const counters = ctx.emulator.counters();
    assert.equal(counters.executions.total, 1);
    assert.equal(counters.executions.byExecuteToken['retry-me'], 1);
    assert.equal(counters.calls.ExecuteProvisionedProductServiceAction, 2);
  });

  it('treats omitted parameters and their explicit defaults as the same request', async () => {
    const first = await execute({ ExecuteToken: 'defaults' });
    const again = await execute({ ExecuteToken: 'defaults', Parameters: { InstanceId: ['i-0alice01'] } });
    assert.equal(again.RecordDetail?.RecordId, first.RecordDetail?.RecordId);
  });

  it('refuses the same ExecuteToken with other parameters', async () => {
    const first = await execute({ ExecuteToken: 'reused', Parameters: { InstanceId: ['i-0abc'] } });
    await rejectsWith(
      execute({ ExecuteToken: 'reused', Parameters: { InstanceId: ['i-0def'] } }),
      'InvalidParametersException',
      `ExecuteToken reused was already used for a different request (record ${first.RecordDetail?.RecordId}). Use a new token for a new request.`,
    );
    await rejectsWith(execute({ ExecuteToken: 'reused', ServiceActionId: 'act-flush00000001' }), 'InvalidParametersException');
    assert.equal(ctx.emulator.counters().executions.total, 1);
  });

  it('rejects parameters the action does not define, naming them', async () => {
    await rejectsWith(
      execute({ Parameters: { InstanceId: ['i-1'], Force: ['true'] } }),
      'InvalidParametersException',
      'Parameter Force is not defined by service action act-restart000001. Its parameters are: InstanceId.',
    );
    await rejectsWith(execute({ ServiceActionId: 'act-flush00000001', Parameters: { A: [], B: [] } }), 'InvalidParametersException', 'Parameters A, B are not defined by service action act-flush00000001. It takes no parameters.');
  });

  it('runs with the given values, defaults for the others, visible in outputs and errors', async () => {
    const { RecordDetail: record } = await execute({ ServiceActionId: 'act-rotate0000001', Parameters: { Target: ['secret-x'] } });
    ctx.emulator.clock.advance(20_000);
    const done = await sc.send(new DescribeRecordCommand({ Id: record!.RecordId! }));
    assert.match(done.RecordDetail?.RecordErrors?.[0].Description ?? '', /for secret-x$/);
    const run = ctx.emulator.state.records.get(record!.RecordId!);
    assert.deepEqual(run?.execution?.parameters, { Reason: ['scheduled'], Target: ['secret-x'] });
  });

  it('answers ResourceNotFoundException and association errors before anything runs', async () => {
    await rejectsWith(execute({ ProvisionedProductId: 'pp-nothing' }), 'ResourceNotFoundException', 'Provisioned product pp-nothing not found.');
    await rejectsWith(execute({ ServiceActionId: 'act-nothing' }), 'ResourceNotFoundException', 'Service action act-nothing not found.');
    await rejectsWith(execute({ ServiceActionId: 'act-snapshot00001' }), 'InvalidParametersException', /not associated/);
    await rejectsWith(client(ctx.emulator, 'main-carol').send(new ExecuteProvisionedProductServiceActionCommand({ ProvisionedProductId: 'pp-alice00000001', ServiceActionId: 'act-restart000001' })), 'AccessDeniedException');
    assert.equal(ctx.emulator.counters().executions.total, 0);
  });

  it('derives status from a clock that runs fast', async () => {
    ctx.emulator.clock.setSpeed(1000);
    const { RecordDetail: record } = await execute();
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(await status(record!.RecordId!), 'SUCCEEDED', '10 s at 1000x is 10 ms');
    assert.equal((await productStatus())?.Status, 'AVAILABLE');
  });
});

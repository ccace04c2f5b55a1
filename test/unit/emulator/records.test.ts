import assert from 'node:assert/strict';
import {
  DescribeRecordCommand,
  ExecuteProvisionedProductServiceActionCommand,
  ListRecordHistoryCommand,
  type ListRecordHistoryCommandInput,
  type RecordDetail,
  type ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import { fillPlaceholders } from '../../../src/emulator/state/records';
import { client, rejectsWith, useEmulator } from './helpers';

async function history(sc: ServiceCatalogClient, input: ListRecordHistoryCommandInput = {}) {
  const records: RecordDetail[] = [];
  const sizes: number[] = [];
  let token: string | undefined;
  do {
    const page = await sc.send(new ListRecordHistoryCommand({ ...input, PageToken: token }));
    sizes.push(page.RecordDetails!.length);
    records.push(...page.RecordDetails!);
    token = page.NextPageToken;
  } while (token);
  return { records, sizes, ids: records.map((r) => r.RecordId!) };
}

describe('emulator: record history and records', () => {
  const ctx = useEmulator();

  it('ListRecordHistory pages the whole account newest first, without duplicates', async () => {
    const { records, sizes, ids } = await history(client(ctx.emulator), { AccessLevelFilter: { Key: 'Account', Value: 'self' } });
    assert.deepEqual(sizes, [20, 7]);
    assert.equal(new Set(ids).size, 27);
    assert.deepEqual(ids.slice(0, 2), ['rec-inprogress001', 'rec-failedexec001']);
    const times = records.map((r) => r.CreatedTime!.getTime());
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
  });

  it('ListRecordHistory defaults to the User level and honours Role', async () => {
    assert.equal((await history(client(ctx.emulator))).records.length, 13);
    const bob = client(ctx.emulator, 'main-bob');
    assert.equal((await history(bob)).records.length, 6);
    assert.equal((await history(bob, { AccessLevelFilter: { Key: 'Role', Value: 'self' } })).records.length, 8);
    await rejectsWith(
      client(ctx.emulator, 'main-carol').send(new ListRecordHistoryCommand({ AccessLevelFilter: { Key: 'Account', Value: 'self' } })),
      'AccessDeniedException',
      /user\/carol is not authorized to perform: servicecatalog:ListRecordHistory/,
    );
  });

  it('ListRecordHistory filters by product or provisioned product', async () => {
    const sc = client(ctx.emulator);
    const account = { Key: 'Account', Value: 'self' } as const;
    const zoe = await history(sc, { AccessLevelFilter: account, SearchFilter: { Key: 'provisionedproduct', Value: 'pp-zoexx00000024' } });
    assert.deepEqual(zoe.ids, ['rec-failedexec001', 'rec-prov000000024']);
    assert.equal(zoe.records[0].Status, 'FAILED');
    assert.deepEqual(zoe.records[0].RecordErrors, [{ Code: 'AutomationStepFailed', Description: 'Step restart failed: instance i-0zoe not found' }]);
    assert.equal((await history(sc, { AccessLevelFilter: account, SearchFilter: { Key: 'product', Value: 'prod-bucket000001' } })).records.length, 3);
  });

  it('lists a new execution in the history of whoever ran it', async () => {
    const alice = client(ctx.emulator);
    const { RecordDetail: record } = await alice.send(new ExecuteProvisionedProductServiceActionCommand({ ProvisionedProductId: 'pp-bobxx00000013', ServiceActionId: 'act-restart000001' }));
    const mine = await alice.send(new ListRecordHistoryCommand({ PageSize: 1 }));
    assert.equal(mine.RecordDetails?.[0].RecordId, record?.RecordId);
    assert.ok(!(await history(client(ctx.emulator, 'main-bob'))).ids.includes(record!.RecordId!));
    // Bob cannot list it, but he can read it: it is on his product.
    const described = await client(ctx.emulator, 'main-bob').send(new DescribeRecordCommand({ Id: record!.RecordId! }));
    assert.equal(described.RecordDetail?.ProvisionedProductName, 'bob-web-01');
  });

  it('DescribeRecord reads seeded records and hides records of other accounts and owners', async () => {
    const sc = client(ctx.emulator);
    const running = await sc.send(new DescribeRecordCommand({ Id: 'rec-inprogress001' }));
    assert.equal(running.RecordDetail?.Status, 'IN_PROGRESS');
    assert.equal(running.RecordDetail?.RecordType, 'UPDATE_PROVISIONED_PRODUCT');
    const provisioned = await sc.send(new DescribeRecordCommand({ Id: 'rec-prov000000001' }));
    assert.equal(provisioned.RecordOutputs?.[0].OutputKey, 'StackId');
    await rejectsWith(client(ctx.emulator, 'other-erin').send(new DescribeRecordCommand({ Id: 'rec-prov000000001' })), 'ResourceNotFoundException');
    await rejectsWith(client(ctx.emulator, 'main-alice', { region: 'eu-west-1' }).send(new DescribeRecordCommand({ Id: 'rec-prov000000001' })), 'ResourceNotFoundException');
    await rejectsWith(client(ctx.emulator, 'main-carol').send(new DescribeRecordCommand({ Id: 'rec-prov000000001' })), 'AccessDeniedException');
    await client(ctx.emulator, 'main-carol').send(new DescribeRecordCommand({ Id: 'rec-prov000000021' }));
  });
});

describe('emulator: output placeholders', () => {
  it('fills {{Name}} only from the parameters themselves, never from inherited object properties', () => {
    assert.equal(fillPlaceholders('id {{InstanceId}}', { InstanceId: ['i-1', 'i-2'] }), 'id i-1,i-2');
    assert.equal(fillPlaceholders('{{constructor}} {{toString}} {{__proto__}}', {}), '{{constructor}} {{toString}} {{__proto__}}');
  });
});

import assert from 'node:assert/strict';
import { rawCall, useEmulator } from './helpers';

describe('emulator: awsJson1_1 protocol', () => {
  const ctx = useEmulator();

  it('answers an unknown operation with UnknownOperationException (HTTP 400), as AWS does', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ProvisionProduct' });
    assert.equal(raw.status, 400);
    assert.deepEqual(raw.body, { __type: 'com.amazon.coral.service#UnknownOperationException' });
    const otherService = await rawCall(ctx.emulator, { headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' } });
    assert.equal(otherService.body?.__type, 'com.amazon.coral.service#UnknownOperationException');
    const none = await rawCall(ctx.emulator, {});
    assert.equal(none.body?.__type, 'com.amazon.coral.service#UnknownOperationException');
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', body: '{"PageSize": ' });
    assert.equal(raw.status, 400);
    assert.equal(raw.body?.__type, 'com.amazon.coral.service#SerializationException');
    const list = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', body: '[1,2]' });
    assert.equal(list.body?.__type, 'com.amazon.coral.service#SerializationException');
  });

  it('answers a non-POST request with SerializationException', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', method: 'GET' });
    assert.equal(raw.status, 400);
    assert.equal(raw.body?.__type, 'com.amazon.coral.service#SerializationException');
    assert.match(String(raw.body?.Message), /Only POST/);
  });

  it('accepts an empty body as an empty input', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', body: '' });
    assert.equal(raw.status, 200);
    assert.ok(Array.isArray(raw.body?.ProvisionedProducts));
  });

  it('answers a JSON value of the wrong type with SerializationException', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', body: { PageSize: 'ten' } });
    assert.equal(raw.body?.__type, 'com.amazon.coral.service#SerializationException');
    assert.equal(raw.body?.Message, "STRING_VALUE can not be converted to an Integer (at 'pageSize')");
    const structure = await rawCall(ctx.emulator, { operation: 'SearchProvisionedProducts', body: { AccessLevelFilter: ['Account'] } });
    assert.match(String(structure.body?.Message), /^Start of list found where not expected/);
  });

  it('ignores unknown members and treats null members as absent', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', body: { Unknown: 1, PageSize: null } });
    assert.equal(raw.status, 200);
  });

  it('names modelled errors in x-amzn-ErrorType with the Coral suffix and puts the text in Message', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'DescribeRecord', body: { Id: 'rec-doesnotexist' } });
    assert.equal(raw.status, 400);
    assert.equal(raw.headers.get('x-amzn-errortype'), 'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.servicecatalog/');
    assert.deepEqual(raw.body, { __type: 'ResourceNotFoundException', Message: 'Record rec-doesnotexist not found.' });
  });
});

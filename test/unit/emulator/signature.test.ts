import assert from 'node:assert/strict';
import { ScanProvisionedProductsCommand, SearchProvisionedProductsCommand } from '@aws-sdk/client-service-catalog';
import { client, rawCall, rejectsWith, useEmulator } from './helpers';

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

describe('emulator: SigV4 verification', () => {
  const ctx = useEmulator();

  it('accepts a request signed by the real SDK, and answers with Date and x-amzn-RequestId', async () => {
    const output = await client(ctx.emulator).send(new ScanProvisionedProductsCommand({}));
    assert.ok(output.$metadata.requestId, 'x-amzn-RequestId is read by the SDK as requestId');
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts' });
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.match(raw.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    const date = Date.parse(raw.headers.get('date') ?? '');
    assert.ok(Math.abs(date - Date.now()) < 5000, 'the Date header is the real time');
  });

  it('rejects a wrong secret with InvalidSignatureException', async () => {
    const err = await rejectsWith(client(ctx.emulator, 'main-alice', { secretAccessKey: 'not-the-secret' }).send(new ScanProvisionedProductsCommand({})), 'InvalidSignatureException', SIGNATURE_MISMATCH);
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });

  it('rejects an unknown access key with UnrecognizedClientException', async () => {
    const raw = await rawCall(ctx.emulator, {
      operation: 'ScanProvisionedProducts',
      afterSigning: (r) => (r.headers.authorization = r.headers.authorization.replace('AKIATESTALICE000001', 'AKIAUNKNOWNKEY00001')),
    });
    assert.equal(raw.status, 400);
    assert.deepEqual(raw.body, { __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
  });

  it('rejects a session token marked expired in the seed with ExpiredTokenException', async () => {
    await rejectsWith(client(ctx.emulator, 'main-expired').send(new ScanProvisionedProductsCommand({})), 'ExpiredTokenException', 'The security token included in the request is expired');
  });

  it('expires a session token at run time', async () => {
    const bob = client(ctx.emulator, 'main-bob');
    await bob.send(new ScanProvisionedProductsCommand({}));
    ctx.emulator.expireSessionToken('ASIATESTBOB00000001');
    await rejectsWith(bob.send(new ScanProvisionedProductsCommand({})), 'ExpiredTokenException');
    assert.throws(() => ctx.emulator.expireSessionToken('AKIANOSUCHKEY000001'), /No credential/);
  });

  it('rejects a missing or different session token with UnrecognizedClientException', async () => {
    await rejectsWith(client(ctx.emulator, 'main-bob', { sessionToken: null }).send(new ScanProvisionedProductsCommand({})), 'UnrecognizedClientException');
    await rejectsWith(client(ctx.emulator, 'main-bob', { sessionToken: 'another-token' }).send(new ScanProvisionedProductsCommand({})), 'UnrecognizedClientException');
    await rejectsWith(client(ctx.emulator, 'main-alice', { sessionToken: 'unexpected-token' }).send(new ScanProvisionedProductsCommand({})), 'UnrecognizedClientException');
  });

  it('rejects a region that is not an AWS region name', async () => {
    await rejectsWith(client(ctx.emulator, 'main-alice', { region: 'moon-base-1' }).send(new ScanProvisionedProductsCommand({})), 'InvalidSignatureException', 'Credential should be scoped to a valid region.');
  });

  it('serves any real region, empty where the seed has nothing', async () => {
    const output = await client(ctx.emulator, 'main-alice', { region: 'ap-southeast-2' }).send(new SearchProvisionedProductsCommand({}));
    assert.equal(output.TotalResultsCount, 0);
  });

  it('rejects a signature scoped to another service', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', service: 'ec2' });
    assert.equal(raw.status, 400);
    assert.equal(raw.body?.__type, 'InvalidSignatureException');
    assert.equal(raw.body?.message, "Credential should be scoped to correct service: 'servicecatalog'.");
  });

  it('rejects a body changed after signing', async () => {
    const raw = await rawCall(ctx.emulator, {
      operation: 'ScanProvisionedProducts',
      body: { PageSize: 5 },
      afterSigning: (r) => {
        r.body = JSON.stringify({ PageSize: 6 });
        delete r.headers['x-amz-content-sha256'];
      },
    });
    assert.equal(raw.body?.__type, 'InvalidSignatureException');
    assert.equal(raw.body?.message, SIGNATURE_MISMATCH);
  });

  it('rejects a body that does not match its x-amz-content-sha256 header', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', body: { PageSize: 5 }, afterSigning: (r) => (r.body = JSON.stringify({ PageSize: 6 })) });
    assert.equal(raw.body?.__type, 'InvalidSignatureException');
  });

  it('rejects a changed signed header and accepts unsigned extra headers', async () => {
    const changed = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', afterSigning: (r) => (r.headers['x-amz-target'] = 'AWS242ServiceCatalogService.SearchProvisionedProducts') });
    assert.equal(changed.body?.__type, 'InvalidSignatureException');
    const extra = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', afterSigning: (r) => (r.headers['x-extra-unsigned'] = 'fine') });
    assert.equal(extra.status, 200);
  });

  it('rejects a missing Authorization header with MissingAuthenticationTokenException', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', unsigned: true });
    assert.deepEqual(raw.body, { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('rejects a malformed Authorization header with IncompleteSignatureException', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', afterSigning: (r) => (r.headers.authorization = r.headers.authorization.replace(/, Signature=.*/, '')) });
    assert.equal(raw.body?.__type, 'IncompleteSignatureException');
    assert.match(String(raw.body?.message), /requires 'Signature' parameter/);
  });

  it('rejects a signature more than 15 minutes old', async () => {
    const raw = await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', signingDate: new Date(Date.now() - 20 * 60_000) });
    assert.equal(raw.body?.__type, 'InvalidSignatureException');
    assert.match(String(raw.body?.message), /^Signature expired: \d{8}T\d{6}Z is now earlier than/);
  });

  it('takes the region from the credential scope and the account from the access key', async () => {
    const eu = await client(ctx.emulator, 'main-alice', { region: 'eu-west-1' }).send(new SearchProvisionedProductsCommand({}));
    assert.equal(eu.TotalResultsCount, 3);
    assert.ok(eu.ProvisionedProducts?.every((pp) => pp.Arn?.includes(':eu-west-1:111111111111:')));
    const other = await client(ctx.emulator, 'other-erin').send(new SearchProvisionedProductsCommand({}));
    assert.equal(other.TotalResultsCount, 4);
    assert.ok(other.ProvisionedProducts?.every((pp) => pp.Arn?.includes(':us-east-1:222222222222:')));
  });
});

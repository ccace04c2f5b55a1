import assert from 'node:assert/strict';
import { DescribeRecordCommand, ScanProvisionedProductsCommand, SearchProvisionedProductsCommand } from '@aws-sdk/client-service-catalog';
import { EmulatorAdminClient } from '../../../src/emulator/adminClient';
import { client, rawCall, useEmulator } from './helpers';

describe('emulator: AcceptLanguage counters', () => {
  const ctx = useEmulator();

  it('counts every Service Catalog call by the AcceptLanguage it sent, in process and through the admin API', async () => {
    const sc = client(ctx.emulator);
    await sc.send(new SearchProvisionedProductsCommand({ AcceptLanguage: 'jp' }));
    await sc.send(new SearchProvisionedProductsCommand({ AcceptLanguage: 'jp' }));
    await sc.send(new ScanProvisionedProductsCommand({ AcceptLanguage: 'zh' }));
    await sc.send(new ScanProvisionedProductsCommand({ AcceptLanguage: 'en' }));
    await sc.send(new ScanProvisionedProductsCommand({}));
    // Refused calls count too: the counter says what the client sent, not what the service accepted.
    await assert.rejects(sc.send(new DescribeRecordCommand({ Id: 'rec-nothing', AcceptLanguage: 'jp' })));
    // Any other string is accepted (as by AWS) and counted under its own value.
    await sc.send(new ScanProvisionedProductsCommand({ AcceptLanguage: 'fr' }));

    const expected = { en: 1, jp: 3, zh: 1, none: 1, fr: 1 };
    assert.deepEqual(ctx.emulator.counters().acceptLanguages, expected);
    const admin = new EmulatorAdminClient(ctx.emulator.endpoint);
    assert.deepEqual(await admin.acceptLanguages(), expected);
    assert.deepEqual((await admin.counters()).acceptLanguages, expected);
  });

  it('starts at zero for every language, counts bodies that are not JSON objects as none, and resets', async () => {
    assert.deepEqual(ctx.emulator.counters().acceptLanguages, { en: 0, jp: 0, zh: 0, none: 0 });
    await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', body: 'not json' });
    await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', body: '["AcceptLanguage"]' });
    await rawCall(ctx.emulator, { operation: 'ScanProvisionedProducts', body: { AcceptLanguage: 7 } });
    assert.equal(ctx.emulator.counters().acceptLanguages.none, 3);
    ctx.emulator.reset();
    assert.deepEqual(ctx.emulator.counters().acceptLanguages, { en: 0, jp: 0, zh: 0, none: 0 });
  });

  it('does not count admin calls or STS calls', async () => {
    const admin = new EmulatorAdminClient(ctx.emulator.endpoint);
    await admin.health();
    const sts = await fetch(ctx.emulator.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(sts.status, 403, 'an unsigned STS call is refused');
    assert.deepEqual(await admin.acceptLanguages(), { en: 0, jp: 0, zh: 0, none: 0 });
  });
});

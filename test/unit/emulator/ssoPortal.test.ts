import assert from 'node:assert/strict';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { SearchProvisionedProductsCommand, ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import { generateOrganisationSeed, startEmulator, validateSeed, type RunningEmulator } from '../../../src/emulator/index';
import { testSeed, useEmulator } from './helpers';

const token = testSeed.identityCenter!.sessions.find((session) => session.name === 'acme-sso')!.accessToken;
const expiredToken = testSeed.identityCenter!.sessions.find((session) => session.name === 'acme-expired')!.accessToken;

function portal(emulator: { endpoint: string }, maxAttempts = 1): SSOClient {
  return new SSOClient({ endpoint: emulator.endpoint, region: 'us-east-1', maxAttempts });
}

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected the call to fail');
}

describe('emulator: IAM Identity Center portal (@aws-sdk/client-sso over HTTP)', () => {
  const ctx = useEmulator();

  it('lists the accounts a session reaches, page by page, with their names and emails', async () => {
    const sso = portal(ctx.emulator);
    const first = await sso.send(new ListAccountsCommand({ accessToken: token, maxResults: 2 }));
    assert.deepEqual(first.accountList?.map((account) => account.accountId), ['111111111111', '444444444444']);
    assert.ok(first.nextToken);
    const second = await sso.send(new ListAccountsCommand({ accessToken: token, maxResults: 2, nextToken: first.nextToken }));
    assert.deepEqual(second.accountList, [{ accountId: '555555555555', accountName: 'Restricted', emailAddress: 'restricted@example.com' }]);
    assert.equal(second.nextToken, undefined);
    assert.equal(ctx.emulator.counters().calls['sso:ListAccounts'], 2);
  });

  it('lists the roles of an account and refuses an account the user has none in', async () => {
    const sso = portal(ctx.emulator);
    const roles = await sso.send(new ListAccountRolesCommand({ accessToken: token, accountId: '444444444444' }));
    assert.deepEqual(roles.roleList?.map((role) => role.roleName), ['ServiceCatalogEndUser', 'ReadOnlyAccess']);
    const error = await rejection(sso.send(new ListAccountRolesCommand({ accessToken: token, accountId: '222222222222' })));
    assert.equal(error.name, 'ResourceNotFoundException');
    assert.equal(error.$metadata?.httpStatusCode, 404);
  });

  it('gives role credentials that Service Catalog accepts as the role session of the signed-in user', async () => {
    const sso = portal(ctx.emulator);
    const { roleCredentials } = await sso.send(new GetRoleCredentialsCommand({ accessToken: token, accountId: '444444444444', roleName: 'ServiceCatalogEndUser' }));
    assert.match(roleCredentials?.accessKeyId ?? '', /^ASIA/);
    assert.ok((roleCredentials?.expiration ?? 0) > Date.now() + 50 * 60_000, 'valid for about an hour (epoch milliseconds)');
    const catalog = new ServiceCatalogClient({
      endpoint: ctx.emulator.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: roleCredentials!.accessKeyId!, secretAccessKey: roleCredentials!.secretAccessKey!, sessionToken: roleCredentials!.sessionToken },
    });
    const found = await catalog.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'User', Value: 'self' } }));
    assert.deepEqual(found.ProvisionedProducts?.map((product) => product.Name).sort(), ['sso-web-01', 'sso-web-02', 'sso-web-03']);
  });

  it('keeps role credentials valid across a reset of the data, as AWS keeps sessions it handed out', async () => {
    const { roleCredentials } = await portal(ctx.emulator).send(new GetRoleCredentialsCommand({ accessToken: token, accountId: '444444444444', roleName: 'ServiceCatalogEndUser' }));
    ctx.emulator.reset();
    const catalog = new ServiceCatalogClient({
      endpoint: ctx.emulator.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: roleCredentials!.accessKeyId!, secretAccessKey: roleCredentials!.secretAccessKey!, sessionToken: roleCredentials!.sessionToken },
    });
    const found = await catalog.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'User', Value: 'self' } }));
    assert.equal(found.ProvisionedProducts?.length, 3);
  });

  it('denies every Service Catalog call of a role whose assignment has no access level', async () => {
    const sso = portal(ctx.emulator);
    const { roleCredentials } = await sso.send(new GetRoleCredentialsCommand({ accessToken: token, accountId: '555555555555', roleName: 'ServiceCatalogEndUser' }));
    const catalog = new ServiceCatalogClient({
      endpoint: ctx.emulator.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: roleCredentials!.accessKeyId!, secretAccessKey: roleCredentials!.secretAccessKey!, sessionToken: roleCredentials!.sessionToken },
    });
    const error = await rejection(catalog.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'User', Value: 'self' } })));
    assert.equal(error.name, 'AccessDeniedException');
  });

  it('answers UnauthorizedException for an expired, unknown or missing token', async () => {
    const sso = portal(ctx.emulator);
    for (const accessToken of [expiredToken, 'not-a-token-of-this-portal', '']) {
      const error = await rejection(sso.send(new ListAccountsCommand({ accessToken })));
      assert.equal(error.name, 'UnauthorizedException', accessToken);
      assert.equal(error.$metadata?.httpStatusCode, 401);
      assert.equal(error.message, 'Session token not found or invalid');
    }
    ctx.emulator.setSsoSessionExpired('acme-sso', true);
    assert.equal((await rejection(sso.send(new ListAccountsCommand({ accessToken: token })))).name, 'UnauthorizedException');
    ctx.emulator.setSsoSessionExpired('acme-sso', false);
    assert.equal((await sso.send(new ListAccountsCommand({ accessToken: token }))).accountList?.length, 3);
  });

  it('validates maxResults and the page token as the model says', async () => {
    const sso = portal(ctx.emulator);
    for (const maxResults of [0, 101]) {
      const error = await rejection(sso.send(new ListAccountsCommand({ accessToken: token, maxResults })));
      assert.equal(error.name, 'InvalidRequestException');
      assert.match(error.message, /maxResults/);
    }
    const wrongToken = await rejection(sso.send(new ListAccountsCommand({ accessToken: token, nextToken: 'forged' })));
    assert.equal(wrongToken.name, 'InvalidRequestException');
  });

  it('throttles with TooManyRequestsException when a fault says so, which the SDK retries', async () => {
    ctx.emulator.faults.set([{ kind: 'throttle', operation: 'sso:ListAccounts', times: 1 }]);
    const error = await rejection(portal(ctx.emulator).send(new ListAccountsCommand({ accessToken: token })));
    assert.equal(error.name, 'TooManyRequestsException');
    assert.equal(error.$metadata?.httpStatusCode, 429);
    ctx.emulator.faults.set([{ kind: 'throttle', operation: 'sso:ListAccounts', times: 1 }]);
    const retried = await portal(ctx.emulator, 3).send(new ListAccountsCommand({ accessToken: token }));
    assert.equal(retried.accountList?.length, 3);
  });
});

describe('emulator: a generated organisation', () => {
  let emulator: RunningEmulator;
  const seed = generateOrganisationSeed({ accounts: 150 });
  before(async () => {
    emulator = await startEmulator({ seed, quiet: true, clockSpeed: 0 });
  });
  after(() => emulator.stop());

  it('is a valid seed of 150 accounts with one to three roles each, some without products', () => {
    validateSeed(JSON.parse(JSON.stringify(seed)));
    const roles = new Map<string, number>();
    for (const assignment of seed.identityCenter!.assignments) roles.set(assignment.accountId, (roles.get(assignment.accountId) ?? 0) + 1);
    assert.equal(roles.size, 150);
    assert.deepEqual([...new Set(roles.values())].sort(), [1, 2, 3]);
    const withProducts = new Set(seed.provisionedProducts.map((product) => product.accountId));
    assert.ok(seed.organisation.emptyAccountIds.length > 0 && seed.organisation.emptyAccountIds.every((id) => !withProducts.has(id)));
  });

  it('lists its 150 accounts in two pages of 100', async () => {
    const sso = portal(emulator);
    const accessToken = seed.identityCenter!.sessions[0].accessToken;
    const first = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 100 }));
    const second = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 100, nextToken: first.nextToken }));
    assert.equal((first.accountList?.length ?? 0) + (second.accountList?.length ?? 0), 150);
    assert.equal(second.nextToken, undefined);
  });

  it('has one account that denies Service Catalog and one that throttles every second call', async () => {
    const sso = portal(emulator);
    const accessToken = seed.identityCenter!.sessions[0].accessToken;
    const catalogAs = async (accountId: string) => {
      const { roleCredentials } = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName: 'ServiceCatalogEndUser' }));
      return new ServiceCatalogClient({
        endpoint: emulator.endpoint,
        region: 'us-east-1',
        maxAttempts: 1,
        credentials: { accessKeyId: roleCredentials!.accessKeyId!, secretAccessKey: roleCredentials!.secretAccessKey!, sessionToken: roleCredentials!.sessionToken },
      });
    };
    const search = new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'User', Value: 'self' } });
    assert.equal((await rejection((await catalogAs(seed.organisation.deniedAccountId)).send(search))).name, 'AccessDeniedException');
    const throttled = await catalogAs(seed.organisation.throttledAccountId);
    const outcomes: string[] = [];
    for (let call = 0; call < 4; call++) outcomes.push(await throttled.send(search).then(() => 'ok', (error: Error) => error.name));
    assert.deepEqual(outcomes, ['ok', 'ThrottlingException', 'ok', 'ThrottlingException']);
  });
});

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AwsCallError } from '../../../src/aws/errors';
import { discoveredScopeName } from '../../../src/aws/scopeNames';
import { scopeNameForRole } from '../../../src/aws/ssoSources';
import { ssoTokenCacheFile } from '../../../src/emulator';
import { startEmulatorFixture, withProcessEnv, type EmulatorFixture } from '../support/emulatorFixture';

const workloadsRole = discoveredScopeName({ source: 'acme-sso', accountId: '444444444444', roleName: 'ServiceCatalogEndUser' });

/** IAM Identity Center through the extension's AWS layer, the real SDK and the emulator's portal over HTTP. */
describe('IAM Identity Center discovery and discovered roles', function () {
  this.timeout(20_000);
  let fixture: EmulatorFixture;
  before(async () => (fixture = await startEmulatorFixture({ identityCenter: true })));
  after(() => fixture.stop());
  withProcessEnv(() => fixture.processEnv);
  beforeEach(() => {
    fixture.emulator.faults.clear();
    fixture.emulator.reset();
  });

  const sourceOf = async (aws: ReturnType<EmulatorFixture['context']>, id: string) => {
    const source = (await aws.profiles()).ssoSources.find((candidate) => candidate.id === id);
    assert.ok(source, `source ${id}`);
    return source;
  };

  it('reads each sso-session as a source, with the profiles that sign in through it', async () => {
    const aws = fixture.context();
    const sources = (await aws.profiles()).ssoSources;
    assert.deepEqual(
      sources.map((source) => ({ id: source.id, kind: source.kind, region: source.region, profiles: source.profiles })),
      [
        { id: 'acme-expired', kind: 'session', region: 'us-east-1', profiles: [] },
        { id: 'acme-sso', kind: 'session', region: 'us-east-1', profiles: ['main-sso'] },
      ],
    );
  });

  it('lists a session’s accounts and an account’s roles through the portal, with the token the AWS CLI cached', async () => {
    const aws = fixture.context();
    const portal = aws.portal(await sourceOf(aws, 'acme-sso'));
    const accounts = await portal.accounts();
    assert.deepEqual(accounts.map((account) => `${account.accountId} ${account.accountName}`), ['111111111111 Main', '444444444444 Workloads', '555555555555 Restricted']);
    assert.deepEqual(await portal.roles('444444444444'), ['ServiceCatalogEndUser', 'ReadOnlyAccess']);
    const calls = fixture.emulator.counters().calls;
    assert.equal(calls['sso:ListAccounts'], 1);
    assert.equal(calls['sso:ListAccountRoles'], 1);
    assert.equal(aws.limiter.stats().startedByKey['sso-portal acme-sso'] >= 2, true, 'the portal’s calls go through the limiter');
  });

  it('signs a discovered role in with the SDK’s fromSSO and lists its products, without writing to the AWS files', async () => {
    const configBefore = readFileSync(fixture.configFile, 'utf8');
    const aws = fixture.context();
    const api = await aws.apiFor(workloadsRole, 'us-east-1');
    const products = await api.searchProvisionedProducts({ accessLevel: 'User' });
    assert.deepEqual(products.map((product) => product.Name).sort(), ['sso-web-01', 'sso-web-02', 'sso-web-03']);
    assert.equal(fixture.emulator.counters().calls['sso:GetRoleCredentials'], 1);
    // Cached per role: a second listing, and another region, sign in no more.
    await api.searchProvisionedProducts({ accessLevel: 'User' });
    await (await aws.apiFor(workloadsRole, 'eu-west-1')).searchProvisionedProducts({ accessLevel: 'User' });
    assert.equal(fixture.emulator.counters().calls['sso:GetRoleCredentials'], 1);
    assert.equal(readFileSync(fixture.configFile, 'utf8'), configBefore, 'the user’s config file is unchanged');
    assert.ok(aws.limiter.stats().startedByKey[workloadsRole] >= 4, 'credentials and listings hold slots of the role');
  });

  it('says to sign in to the session, with its command, when its token has expired', async () => {
    const aws = fixture.context();
    const expiredRole = discoveredScopeName({ source: 'acme-expired', accountId: '444444444444', roleName: 'ServiceCatalogEndUser' });
    const portalError = await (await sourceAndPortal(aws, 'acme-expired')).accounts().catch((error: unknown) => error);
    assert.ok(portalError instanceof AwsCallError);
    assert.equal(portalError.problem.kind, 'sso-login-required');
    assert.equal(portalError.problem.ssoLoginCommand, 'aws sso login --sso-session acme-expired');
    assert.match(portalError.problem.detail, /IAM Identity Center session "acme-expired"/);

    const listing = await (await aws.apiFor(expiredRole, 'us-east-1')).searchProvisionedProducts({ accessLevel: 'User' }).catch((error: unknown) => error);
    assert.ok(listing instanceof AwsCallError);
    assert.equal(listing.problem.kind, 'sso-login-required');
    assert.equal(listing.problem.ssoLoginCommand, 'aws sso login --sso-session acme-expired');
    assert.equal(fixture.emulator.counters().calls['sso:GetRoleCredentials'] ?? 0, 0, 'the SDK saw the cached token expired and called nothing');
  });

  it('says to sign in when the portal refuses a token the cache thinks valid', async () => {
    fixture.emulator.setSsoSessionExpired('acme-sso', true);
    const aws = fixture.context();
    const error = await (await sourceAndPortal(aws, 'acme-sso')).accounts().catch((caught: unknown) => caught);
    assert.ok(error instanceof AwsCallError);
    assert.equal(error.problem.kind, 'sso-login-required');
    const listing = await (await aws.apiFor(workloadsRole, 'us-east-1')).searchProvisionedProducts({ accessLevel: 'User' }).catch((caught: unknown) => caught);
    assert.ok(listing instanceof AwsCallError);
    assert.equal(listing.problem.kind, 'sso-login-required', listing.problem.detail);
  });

  it('classifies a role that Service Catalog denies as access denied, and a role of a gone session as misconfigured', async () => {
    const aws = fixture.context();
    const denied = discoveredScopeName({ source: 'acme-sso', accountId: '555555555555', roleName: 'ServiceCatalogEndUser' });
    const error = await (await aws.apiFor(denied, 'us-east-1')).searchProvisionedProducts({ accessLevel: 'User' }).catch((caught: unknown) => caught);
    assert.ok(error instanceof AwsCallError);
    assert.equal(error.problem.kind, 'access-denied');
    const gone = await aws.apiFor('sso no-such-session/444444444444/ServiceCatalogEndUser', 'us-east-1').catch((caught: unknown) => caught);
    assert.ok(gone instanceof AwsCallError);
    assert.equal(gone.problem.kind, 'invalid-config');
  });

  it('uses the profile that already names an account and role, and finds a configured SSO profile’s portal through AWS_ENDPOINT_URL_SSO', async () => {
    const aws = fixture.context();
    const catalog = await aws.profiles();
    const source = await sourceOf(aws, 'acme-sso');
    assert.equal(scopeNameForRole(source, { accountId: '111111111111', roleName: 'ServiceCatalogEndUser' }, catalog.profiles), 'main-sso');
    assert.equal(scopeNameForRole(source, { accountId: '444444444444', roleName: 'ServiceCatalogEndUser' }, catalog.profiles), workloadsRole);
    const products = await (await aws.apiFor('main-sso', 'us-east-1')).searchProvisionedProducts({ accessLevel: 'User' });
    assert.deepEqual(products, [], 'the SSO user launched nothing in the main account');
    assert.equal(fixture.emulator.counters().calls['sso:GetRoleCredentials'], 1, 'the profile signed in through the emulator’s portal');
  });

  it('reaches the portal only through the standard endpoint setting, not a services section', async () => {
    delete process.env.AWS_ENDPOINT_URL_SSO;
    process.env.AWS_MAX_ATTEMPTS = '1';
    const aws = fixture.context({ ssoClientOverrides: { maxAttempts: 1, requestHandler: { requestTimeout: 1000, connectionTimeout: 500 } } });
    // The config's services section names the emulator for service_catalog and sts only, as a user's might.
    const error = await (await sourceAndPortal(aws, 'acme-sso')).accounts().catch((caught: unknown) => caught);
    assert.ok(error instanceof AwsCallError);
    assert.equal(fixture.emulator.counters().calls['sso:ListAccounts'] ?? 0, 0);
  });

  it('contacts no portal whose endpoint is http:// to another machine, for sessions, discovered roles and SSO profiles', async () => {
    // The SDK's clients would still reach the emulator through the process's AWS_ENDPOINT_URL_SSO: only the check stops them.
    const aws = fixture.context({ env: { ...fixture.processEnv, AWS_ENDPOINT_URL_SSO_OIDC: 'http://oidc.example.com' } });
    const source = await sourceOf(aws, 'acme-sso');
    assert.match(source.problem ?? '', /AWS_ENDPOINT_URL_SSO_OIDC uses http:\/\/ for oidc\.example\.com/);
    const listing = await aws.portal(source).accounts().catch((caught: unknown) => caught);
    assert.ok(listing instanceof AwsCallError);
    assert.equal(listing.problem.kind, 'invalid-config');
    for (const scope of [workloadsRole, 'main-sso']) {
      const error = await (await aws.apiFor(scope, 'us-east-1')).searchProvisionedProducts({ accessLevel: 'User' }).catch((caught: unknown) => caught);
      assert.ok(error instanceof AwsCallError, scope);
      assert.equal(error.problem.kind, 'invalid-config', `${scope}: ${error.problem.detail}`);
      assert.match(error.problem.detail, /http:\/\//);
    }
    const calls = fixture.emulator.counters().calls;
    assert.deepEqual(Object.keys(calls).filter((operation) => operation.startsWith('sso:') || operation === 'SearchProvisionedProducts'), [], 'nothing was called');
  });

  it('stops following a portal that keeps answering with new page tokens after 200 pages, and says so', async () => {
    fixture.emulator.faults.set([{ kind: 'endlessPages', operation: 'sso:ListAccounts' }]);
    const aws = fixture.context();
    const error = await (await sourceAndPortal(aws, 'acme-sso')).accounts().catch((caught: unknown) => caught);
    assert.ok(error instanceof AwsCallError);
    assert.equal(error.problem.kind, 'too-many-pages');
    assert.match(error.problem.detail, /ListAccounts .*200 pages/);
    assert.equal(fixture.emulator.counters().calls['sso:ListAccounts'], 200);
  });

  it('keeps the profile that lets fromSSO find a session in the extension’s storage, with no secret in it', async () => {
    const aws = fixture.context();
    await (await aws.apiFor(workloadsRole, 'us-east-1')).searchProvisionedProducts({ accessLevel: 'User' });
    const storage = path.join(path.dirname(fixture.configFile), 'storage');
    const files = readdirSync(storage).map((file) => readFileSync(path.join(storage, file), 'utf8'));
    assert.ok(files.some((text) => /sso_session = acme-sso/.test(text)));
    const token = fixture.seed.identityCenter!.sessions[0].accessToken;
    assert.ok(files.every((text) => !text.includes(token) && !/secret|token =/i.test(text)));
  });

  it('lists the accounts of legacy SSO profiles (start URL, no sso-session) with the token cached under the start URL', async () => {
    const legacyConfig = path.join(path.dirname(fixture.configFile), 'legacy-config');
    writeFileSync(
      legacyConfig,
      '[profile legacy-dev]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 444444444444\nsso_role_name = ServiceCatalogEndUser\nregion = us-east-1\nservices = service-catalog-emulator\n' +
        readFileSync(fixture.configFile, 'utf8').slice(readFileSync(fixture.configFile, 'utf8').indexOf('[services ')),
    );
    const legacyCache = ssoTokenCacheFile(fixture.homeDir, 'https://acme.awsapps.com/start');
    writeFileSync(legacyCache, readFileSync(ssoTokenCacheFile(fixture.homeDir, 'acme-sso'), 'utf8'));
    try {
      const aws = fixture.context({ env: { ...fixture.processEnv, AWS_CONFIG_FILE: legacyConfig, AWS_PROFILE: 'legacy-dev' } });
      const [source] = (await aws.profiles()).ssoSources;
      assert.deepEqual({ kind: source.kind, id: source.id, label: source.label, profiles: source.profiles }, { kind: 'legacy', id: 'https://acme.awsapps.com/start', label: 'acme.awsapps.com', profiles: ['legacy-dev'] });
      assert.equal((await aws.portal(source).accounts()).length, 3);
      const role = discoveredScopeName({ source: source.id, accountId: '444444444444', roleName: 'ReadOnlyAccess' });
      assert.deepEqual(await (await aws.apiFor(role, 'us-east-1')).searchProvisionedProducts({ accessLevel: 'User' }), []);
      rmSync(legacyCache);
      const error = await aws.portal(source).accounts().catch((caught: unknown) => caught);
      assert.ok(error instanceof AwsCallError);
      assert.equal(error.problem.ssoLoginCommand, 'aws sso login --profile legacy-dev');
    } finally {
      if (existsSync(legacyCache)) rmSync(legacyCache);
    }
  });

  async function sourceAndPortal(aws: ReturnType<EmulatorFixture['context']>, id: string) {
    return aws.portal(await sourceOf(aws, id));
  }
});

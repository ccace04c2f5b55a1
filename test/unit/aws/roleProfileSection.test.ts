import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { appendProfileSection, roleProfileSection, type RoleOfSource } from '../../../src/aws/roleProfileSection';
import { scopeNameForRole, type SsoSource } from '../../../src/aws/ssoSources';
import { startEmulatorFixture, withProcessEnv, type EmulatorFixture } from '../support/emulatorFixture';

const session: SsoSource = { kind: 'session', id: 'acme-sso', label: 'acme-sso', startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1', profiles: [] };
const legacy: SsoSource = { kind: 'legacy', id: 'https://legacy.awsapps.com/start', label: 'legacy.awsapps.com', startUrl: 'https://legacy.awsapps.com/start', region: 'eu-west-1', profiles: ['old'] };
const workloads = (source: SsoSource, roleName = 'ServiceCatalogEndUser'): RoleOfSource => ({ source, accountId: '444444444444', roleName });

describe('"Add as a Profile": the section written for a discovered role', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'sc-role-profile-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the session, account, role and region, as aws configure sso writes them', () => {
    assert.deepEqual(roleProfileSection(workloads(session), 'us-west-2'), {
      name: 'acme-sso-444444444444-ServiceCatalogEndUser',
      lines: ['[profile acme-sso-444444444444-ServiceCatalogEndUser]', 'sso_session = acme-sso', 'sso_account_id = 444444444444', 'sso_role_name = ServiceCatalogEndUser', 'region = us-west-2'],
    });
    assert.deepEqual(roleProfileSection(workloads(legacy), 'eu-west-1').lines, [
      '[profile legacy.awsapps.com-444444444444-ServiceCatalogEndUser]',
      'sso_start_url = https://legacy.awsapps.com/start',
      'sso_region = eu-west-1',
      'sso_account_id = 444444444444',
      'sso_role_name = ServiceCatalogEndUser',
      'region = eu-west-1',
    ]);
  });

  it('refuses a value that would add lines to the config file', () => {
    assert.throws(() => roleProfileSection(workloads(session, 'Admin\n[profile injected]\ncredential_process = evil'), 'us-east-1'), /sso_role_name/);
    assert.throws(() => roleProfileSection(workloads(session), 'us-east-1\r'), /region/);
  });

  it('appends after the file’s last line, and the SDK’s loader reads the profile and keeps every other section', async () => {
    const config = path.join(dir, 'config');
    const before = '[sso-session acme-sso]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\n\n[profile dev]\nregion = eu-west-1';
    writeFileSync(config, before);
    await appendProfileSection(config, roleProfileSection(workloads(session), 'us-east-1'));
    const text = readFileSync(config, 'utf8');
    assert.ok(text.startsWith(`${before}\n\n[profile acme-sso-444444444444-ServiceCatalogEndUser]\n`), text);
    const { configFile } = await loadSharedConfigFiles({ configFilepath: config, filepath: path.join(dir, 'none'), ignoreCache: true });
    assert.deepEqual(configFile['acme-sso-444444444444-ServiceCatalogEndUser'], { sso_session: 'acme-sso', sso_account_id: '444444444444', sso_role_name: 'ServiceCatalogEndUser', region: 'us-east-1' });
    assert.deepEqual(configFile.dev, { region: 'eu-west-1' });
    assert.equal(configFile['sso-session.acme-sso']?.sso_start_url, 'https://acme.awsapps.com/start');
  });

  it('creates the file, readable by its owner only, when there is none', async function () {
    if (process.platform === 'win32') this.skip();
    const config = path.join(dir, 'new', 'config');
    await appendProfileSection(config, roleProfileSection(workloads(legacy), 'eu-west-1'));
    assert.ok(readFileSync(config, 'utf8').startsWith('[profile legacy.awsapps.com-444444444444-ServiceCatalogEndUser]\n'));
    assert.equal(statSync(config).mode & 0o777, 0o600);
  });
});

describe('"Add as a Profile" against the emulator: the SDK’s fromIni signs in with the written profile', function () {
  this.timeout(20_000);
  let fixture: EmulatorFixture;
  before(async () => (fixture = await startEmulatorFixture({ identityCenter: true })));
  after(() => fixture.stop());
  withProcessEnv(() => fixture.processEnv);

  it('lists the role’s products through the new profile, which then stands for the discovered role', async () => {
    const config = path.join(path.dirname(fixture.configFile), 'config-with-added-profile');
    copyFileSync(fixture.configFile, config);
    const source = (await fixture.context().profiles()).ssoSources.find((candidate) => candidate.id === 'acme-sso');
    assert.ok(source);
    const section = roleProfileSection(workloads(source), 'us-east-1');
    await appendProfileSection(config, section);

    // As for a user, the process reads the config the extension reads (the SDK's nested fromSSO looks there); a
    // profile without an endpoint of its own reaches the emulator the SDK's standard way.
    process.env.AWS_CONFIG_FILE = config;
    const aws = fixture.context({ env: { ...fixture.processEnv, AWS_CONFIG_FILE: config, AWS_ENDPOINT_URL_SERVICE_CATALOG: fixture.emulator.endpoint } });
    const catalog = await aws.profiles();
    const added = catalog.profiles.find((profile) => profile.name === section.name);
    assert.equal(added?.credentialKind, 'sso');
    const reloadedSource = catalog.ssoSources.find((candidate) => candidate.id === 'acme-sso')!;
    assert.equal(scopeNameForRole(reloadedSource, { accountId: '444444444444', roleName: 'ServiceCatalogEndUser' }, catalog.profiles), section.name, 'the view shows the role once, as the profile');

    const before = fixture.emulator.counters().calls['sso:GetRoleCredentials'] ?? 0;
    const products = await (await aws.apiFor(section.name, 'us-east-1')).searchProvisionedProducts({ accessLevel: 'User' });
    assert.deepEqual(products.map((product) => product.Name).sort(), ['sso-web-01', 'sso-web-02', 'sso-web-03']);
    assert.equal((fixture.emulator.counters().calls['sso:GetRoleCredentials'] ?? 0) - before, 1, 'signed in through the portal with the session’s token');
  });
});

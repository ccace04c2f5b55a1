import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ScanProvisionedProductsCommand, ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { loadSharedConfigFiles, parseKnownFiles } from '@smithy/shared-ini-file-loader';
import { writeAwsConfig } from '../../../src/emulator/index';
import { testSeed, useEmulator } from './helpers';

describe('emulator: writeAwsConfig', () => {
  const ctx = useEmulator();
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'sc-emulator-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one profile per credential, read back by the SDK loader with the services section', async () => {
    const written = writeAwsConfig(dir, ctx.emulator, testSeed);
    assert.deepEqual(written.profiles, testSeed.credentials.map((c) => c.profileName));
    const { configFile, credentialsFile } = await loadSharedConfigFiles({ configFilepath: written.configFile, filepath: written.credentialsFile });
    assert.deepEqual(configFile['main-alice'], { region: 'us-east-1', services: 'service-catalog-emulator' });
    assert.deepEqual(configFile['services.service-catalog-emulator'], {
      'service_catalog.endpoint_url': ctx.emulator.endpoint,
      'sts.endpoint_url': ctx.emulator.endpoint,
    });
    assert.deepEqual(configFile['empty-frida'], { region: 'eu-west-1', endpoint_url: ctx.emulator.endpoint }, 'the last profile uses endpoint_url');
    assert.deepEqual(credentialsFile['main-bob'], { aws_access_key_id: 'ASIATESTBOB00000001', aws_secret_access_key: 'bob-secret-key', aws_session_token: 'bob-session-token' });
    const merged = await parseKnownFiles({ configFilepath: written.configFile, filepath: written.credentialsFile });
    assert.equal(merged['main-alice'].aws_access_key_id, 'AKIATESTALICE000001');
    assert.equal(merged['main-alice'].services, 'service-catalog-emulator');
    assert.equal(statSync(written.credentialsFile).mode & 0o777, 0o600);
  });

  it('writes the IAM Identity Center sessions, their profiles and the tokens the AWS CLI would cache, only when asked', async () => {
    const without = writeAwsConfig(dir, ctx.emulator, testSeed);
    assert.ok(!readFileSync(without.configFile, 'utf8').includes('sso'), 'no Identity Center unless asked (the extension sandbox cannot place a token cache)');

    const home = path.join(dir, 'home');
    const written = writeAwsConfig(dir, ctx.emulator, testSeed, { identityCenter: { homeDir: home } });
    assert.ok(written.profiles.includes('main-sso'));
    const { configFile } = await loadSharedConfigFiles({ configFilepath: written.configFile, filepath: written.credentialsFile });
    assert.deepEqual(configFile['sso-session.acme-sso'], { sso_start_url: 'https://acme.awsapps.com/start', sso_region: 'us-east-1', sso_registration_scopes: 'sso:account:access' });
    assert.equal(configFile['main-sso'].sso_session, 'acme-sso');
    assert.equal(configFile['main-sso'].sso_account_id, '111111111111');
    assert.equal(configFile['main-sso'].sso_role_name, 'ServiceCatalogEndUser');
    const cacheFile = (name: string) => path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(name).digest('hex')}.json`);
    const valid = JSON.parse(readFileSync(cacheFile('acme-sso'), 'utf8')) as { accessToken: string; expiresAt: string };
    assert.equal(valid.accessToken, testSeed.identityCenter!.sessions[0].accessToken);
    assert.ok(Date.parse(valid.expiresAt) > Date.now() + 7 * 3600_000);
    const expired = JSON.parse(readFileSync(cacheFile('acme-expired'), 'utf8')) as { expiresAt: string };
    assert.ok(Date.parse(expired.expiresAt) < Date.now());
    assert.equal(statSync(cacheFile('acme-sso')).mode & 0o777, 0o600);
  });

  it('takes regions per profile', () => {
    const written = writeAwsConfig(dir, ctx.emulator, testSeed, { regionsPerProfile: { 'main-alice': 'eu-west-1' } });
    return loadSharedConfigFiles({ configFilepath: written.configFile, filepath: written.credentialsFile }).then(({ configFile }) => {
      assert.equal(configFile['main-alice'].region, 'eu-west-1');
    });
  });

  it('lets the real SDK reach the emulator through both routes, with credentials from the files', async () => {
    const written = writeAwsConfig(dir, ctx.emulator, testSeed);
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { AWS_CONFIG_FILE: written.configFile, AWS_SHARED_CREDENTIALS_FILE: written.credentialsFile });
      delete process.env.AWS_ENDPOINT_URL;
      delete process.env.AWS_ENDPOINT_URL_SERVICE_CATALOG;
      for (const profile of ['main-alice', 'empty-frida']) {
        // The SDK's config-file endpoint lookup follows AWS_PROFILE, not the client's profile option.
        process.env.AWS_PROFILE = profile;
        const sc = new ServiceCatalogClient({ credentials: fromIni({ profile }), maxAttempts: 1 });
        const output = await sc.send(new ScanProvisionedProductsCommand({}));
        assert.equal(output.$metadata.httpStatusCode, 200, profile);
      }
      assert.equal(ctx.emulator.counters().callsByAccessKey.AKIATESTFRIDA000001?.ScanProvisionedProducts, 1);
      assert.equal(ctx.emulator.counters().callsByAccessKey.AKIATESTALICE000001?.ScanProvisionedProducts, 1);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});

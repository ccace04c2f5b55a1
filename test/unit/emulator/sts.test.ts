import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SearchProvisionedProductsCommand, ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { loadSeed, startEmulator, validateSeed, writeAwsConfig, type RunningEmulator, type Seed } from '../../../src/emulator/index';
import { TEST_SEED_PATH } from '../../fixtures/seeds';

const MFA_SERIAL = 'arn:aws:iam::111111111111:mfa/alice';

/** A form-encoded STS call signed as alice; STS answers XML, so the text is returned. */
async function signedStsCall(endpoint: string, body: string, secretAccessKey = 'alice-secret-key'): Promise<{ status: number; text: string }> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ credentials: { accessKeyId: 'AKIATESTALICE000001', secretAccessKey }, region: 'us-east-1', service: 'sts', sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' }, body }),
  );
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  const response = await fetch(endpoint, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

function seedWithRoles(): Seed {
  const seed = loadSeed(TEST_SEED_PATH);
  seed.roles = [
    {
      roleArn: 'arn:aws:iam::111111111111:role/Developer',
      trustedPrincipals: ['arn:aws:iam::111111111111:user/alice'],
      mfaSerial: MFA_SERIAL,
      mfaCode: '123456',
      profileName: 'main-developer-mfa',
      sourceProfile: 'main-alice',
    },
    { roleArn: 'arn:aws:iam::222222222222:role/CrossAccountReader', accessLevels: ['User', 'Role'], profileName: 'other-reader', sourceProfile: 'main-alice' },
  ];
  return seed;
}

describe('emulator: STS AssumeRole and GetCallerIdentity', () => {
  let emulator: RunningEmulator;
  let dir: string;
  let files: { configFile: string; credentialsFile: string; profiles: string[] };
  beforeEach(async () => {
    const seed = seedWithRoles();
    emulator = await startEmulator({ seed, quiet: true });
    dir = mkdtempSync(path.join(tmpdir(), 'sc-emulator-sts-'));
    files = writeAwsConfig(dir, emulator, seed);
  });
  afterEach(async () => {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // The SDK's own role assumer, as the extension uses it, with the STS endpoint given explicitly.
  const credentialsOf = (profile: string, mfaCode?: string) =>
    fromIni({
      profile,
      filepath: files.credentialsFile,
      configFilepath: files.configFile,
      mfaCodeProvider: async (serial) => {
        assert.equal(serial, MFA_SERIAL);
        if (mfaCode === undefined) throw new Error('no MFA code expected');
        return mfaCode;
      },
      clientConfig: { endpoint: emulator.endpoint },
    })();

  it('writes role profiles with role_arn, source_profile and mfa_serial', () => {
    assert.deepEqual(files.profiles.slice(-2), ['main-developer-mfa', 'other-reader']);
  });

  it('assumes a role with the right MFA code, and the session calls Service Catalog as the role', async () => {
    const credentials = await credentialsOf('main-developer-mfa', '123456');
    assert.match(credentials.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.ok(credentials.sessionToken);
    assert.ok(credentials.expiration && credentials.expiration.getTime() > Date.now() + 50 * 60_000);
    const sc = new ServiceCatalogClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    const roleLevel = await sc.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'Role', Value: 'self' } }));
    assert.equal(roleLevel.TotalResultsCount, 8, "the Developer role's products");
    assert.equal(emulator.counters().calls['sts:AssumeRole'], 1);
  });

  it('refuses a wrong MFA code, an untrusted caller and an unknown role with AccessDenied', async () => {
    await assert.rejects(credentialsOf('main-developer-mfa', '654321'), (err: Error) => err.name === 'AccessDenied' && /MultiFactorAuthentication failed/.test(err.message));
    const seed = seedWithRoles();
    seed.roles![0].trustedPrincipals = ['arn:aws:iam::111111111111:user/somebody-else'];
    emulator.reset(seed);
    await assert.rejects(credentialsOf('main-developer-mfa', '123456'), (err: Error) =>
      err.name === 'AccessDenied' && err.message === 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/Developer',
    );
  });

  it('assumes a role in another account, with that role access levels', async () => {
    const credentials = await credentialsOf('other-reader');
    const sc = new ServiceCatalogClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    await assert.rejects(sc.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'Account', Value: 'self' } })), (err: Error) => err.name === 'AccessDeniedException');
    assert.equal((await sc.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'User', Value: 'self' } }))).TotalResultsCount, 0);
  });

  it('expires the temporary credentials when their time is up', async () => {
    const credentials = await credentialsOf('other-reader');
    emulator.state.credentials.get(credentials.accessKeyId)!.expiresAt = Date.now() - 1;
    const sc = new ServiceCatalogClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    await assert.rejects(sc.send(new SearchProvisionedProductsCommand({})), (err: Error) => err.name === 'ExpiredTokenException');
  });

  it('answers GetCallerIdentity, validation errors, unknown actions and bad signatures in XML', async () => {
    const call = (body: string, secretAccessKey?: string) => signedStsCall(emulator.endpoint, body, secretAccessKey);
    const identity = await call('Action=GetCallerIdentity&Version=2011-06-15');
    assert.equal(identity.status, 200);
    assert.match(identity.text, /<GetCallerIdentityResult><UserId>AIDA[A-Z2-7]{17}<\/UserId><Account>111111111111<\/Account><Arn>arn:aws:iam::111111111111:user\/alice<\/Arn><\/GetCallerIdentityResult>/);
    const invalid = await call('Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2FDeveloper&RoleSessionName=x');
    assert.equal(invalid.status, 400);
    assert.match(invalid.text, /<Code>ValidationError<\/Code><Message>1 validation error detected: Value 'x' at 'roleSessionName'/);
    const unknown = await call('Action=GetSessionToken&Version=2011-06-15');
    assert.match(unknown.text, /<Code>InvalidAction<\/Code>/);
    const badSignature = await call('Action=GetCallerIdentity&Version=2011-06-15', 'wrong-secret');
    assert.equal(badSignature.status, 403);
    assert.match(badSignature.text, /<Type>Sender<\/Type><Code>SignatureDoesNotMatch<\/Code>/);
  });

  it('validates roles in seeds', () => {
    const seed = seedWithRoles();
    seed.roles![0].mfaCode = undefined;
    seed.roles![1].sourceProfile = 'nobody';
    assert.throws(() => validateSeed(seed), (err: Error) => /roles\[0\]: mfaSerial and mfaCode go together/.test(err.message) && /roles\[1\]\.sourceProfile: "nobody" is not the profileName of a credential/.test(err.message));
  });
});

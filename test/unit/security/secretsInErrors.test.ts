import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { AwsCallError } from '../../../src/aws/errors';
import { echoedSecrets, fixtureText, secretEchoingFixture, secretEchoingProfiles } from '../../fixtures/awsConfigCorpus';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';

/**
 * Failures that tend to echo secrets, through the real SDK (fromIni, fromProcess, the client) and the
 * extension's AwsContext, against the emulator over HTTP: the problem the extension shows and logs
 * (summary, detail, fix, code) and the error's own message carry no secret of the profiles.
 */
describe('Security: secrets never reach an error message', function () {
  this.timeout(30_000);
  let fixture: EmulatorFixture;
  let profileSecrets: string[];

  before(async () => {
    fixture = await startEmulatorFixture();
    const alice = fixture.seed.credentials.find((credential) => credential.profileName === 'main-alice')!;
    fs.appendFileSync(
      fixture.configFile,
      `\n${fixtureText(secretEchoingFixture, { endpoint: fixture.emulator.endpoint, services: 'service-catalog-emulator', alice })}\n`,
    );
    profileSecrets = fixture.seed.credentials.flatMap((credential) => [credential.secretAccessKey, credential.sessionToken ?? '']).filter(Boolean);
  });

  after(() => fixture.stop());

  async function failureOf(profile: string, region = 'us-east-1'): Promise<AwsCallError> {
    const aws = fixture.context();
    const api = await aws.apiFor(profile, region);
    const error = await api.searchProvisionedProducts({ accessLevel: 'User' }).then(
      () => assert.fail(`listing with ${profile} should fail`),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof AwsCallError, String(error));
    return error;
  }

  function assertNoSecret(error: AwsCallError, secrets: readonly string[]): void {
    const shown = JSON.stringify({ problem: error.problem, message: error.message });
    for (const secret of secrets) {
      assert.ok(!shown.includes(secret), `"${secret}" appears in ${shown}`);
    }
  }

  for (const profile of secretEchoingProfiles) {
    it(`a failing credential_process that echoes credentials (${profile})`, async () => {
      const error = await failureOf(profile);
      assert.equal(error.problem.kind, 'missing-credentials', JSON.stringify(error.problem));
      assertNoSecret(error, [...echoedSecrets, ...profileSecrets]);
    });
  }

  it('a signature mismatch (a wrong secret key) names neither the wrong key nor the right one', async () => {
    const original = fs.readFileSync(fixture.credentialsFile, 'utf8');
    try {
      fs.writeFileSync(fixture.credentialsFile, original.replace('alice-secret-key', 'alice-mistyped-secret-key'));
      const error = await failureOf('main-alice');
      assert.equal(error.problem.kind, 'invalid-credentials');
      assertNoSecret(error, ['alice-mistyped-secret-key', ...profileSecrets]);
    } finally {
      fs.writeFileSync(fixture.credentialsFile, original);
    }
  });

  it('a session token the service does not know, and an expired one', async () => {
    const original = fs.readFileSync(fixture.credentialsFile, 'utf8');
    try {
      fs.writeFileSync(fixture.credentialsFile, original.replace('bob-session-token', 'bob-session-token-that-is-stale'));
      const stale = await failureOf('main-bob');
      assert.equal(stale.problem.kind, 'invalid-credentials');
      assertNoSecret(stale, ['bob-session-token-that-is-stale', ...profileSecrets]);
    } finally {
      fs.writeFileSync(fixture.credentialsFile, original);
    }
    const expired = await failureOf('main-expired');
    assert.equal(expired.problem.kind, 'expired-credentials');
    assertNoSecret(expired, profileSecrets);
  });
});

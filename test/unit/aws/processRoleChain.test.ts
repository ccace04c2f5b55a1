import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsContext } from '../../../src/aws/awsContext';
import { AwsCallError } from '../../../src/aws/errors';
import { SecretRedactor } from '../../../src/aws/secrets';
import { loadSeed, startEmulator, type RunningEmulator } from '../../../src/emulator/index';
import { waitUntil } from '../../../tools/waitUntil';
import { TEST_SEED_PATH } from '../../fixtures/seeds';
import { credentialHelper as helper, helperCommandLine, processAlive as alive } from '../support/credentialHelper';
import { TempAwsFiles } from './tempAwsFiles';

const mfaSerial = 'arn:aws:iam::111111111111:mfa/alice';
const developerRole = 'arn:aws:iam::111111111111:role/Developer';
const mfaRole = 'arn:aws:iam::111111111111:role/DeveloperWithMfa';
const readerRole = 'arn:aws:iam::222222222222:role/CrossAccountReader';
/** What the failing helper's command line and stderr hold; none may reach a message. */
const leaked = ['hunter2-cmdline-secret', '--password', 'eyJhbGciOiJIUzI1NiJ9', 'plain-secret-from-stderr', 'slash+secret-value', 'FwoGZXIvYXdzEncoded', helper];

/**
 * A role whose source profile runs a `credential_process`: the extension runs that helper itself, as it
 * does a process profile's own (one per profile, ended when given up, failures told without its command
 * line), and assumes the role through the emulator's STS AssumeRole.
 */
describe('credential_process of a role\'s source profile', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let pidsDir: string;
  let files: TempAwsFiles;
  let aws: AwsContext;
  let mfaAsked: Array<[string, string]>;
  const pids = () => fs.readdirSync(pidsDir).map(Number);
  const assumeRoleCalls = () => emulator.counters().calls['sts:AssumeRole'] ?? 0;

  before(async () => {
    const seed = loadSeed(TEST_SEED_PATH);
    seed.roles = [
      { roleArn: developerRole },
      { roleArn: mfaRole, mfaSerial, mfaCode: '123456' },
      { roleArn: readerRole, accessLevels: ['User', 'Role'] },
    ];
    emulator = await startEmulator({ seed, port: 0, quiet: true });
  });
  after(async () => {
    await emulator.stop();
  });

  beforeEach(() => {
    emulator.reset();
    pidsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-role-helper-pids-'));
    mfaAsked = [];
  });
  afterEach(() => {
    aws?.dispose();
    files?.remove();
    for (const pid of pids()) {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    fs.rmSync(pidsDir, { recursive: true, force: true });
  });

  /** AWS files with a `vault` profile running `sourceCommand` and role profiles sourced from it. */
  function context(sourceCommand: string, options: { credentialTimeoutMs?: number; env?: Record<string, string> } = {}): AwsContext {
    files = new TempAwsFiles(`
      [profile vault]
      region = us-east-1
      endpoint_url = ${emulator.endpoint}
      credential_process = ${sourceCommand}

      [profile developer]
      region = us-east-1
      endpoint_url = ${emulator.endpoint}
      role_arn = ${developerRole}
      source_profile = vault

      [profile developer-mfa]
      region = us-east-1
      endpoint_url = ${emulator.endpoint}
      role_arn = ${mfaRole}
      source_profile = vault
      mfa_serial = ${mfaSerial}

      [profile reader-through-developer]
      region = us-east-1
      endpoint_url = ${emulator.endpoint}
      role_arn = ${readerRole}
      source_profile = developer
      role_session_name = reader-session
    `);
    aws = new AwsContext({
      env: { ...files.env, ...options.env },
      redactor: new SecretRedactor(),
      askMfaCode: async (profile, serial) => {
        mfaAsked.push([profile, serial]);
        return '123456';
      },
      acceptLanguage: () => 'en',
      credentialTimeoutMs: options.credentialTimeoutMs ?? 30_000,
    });
    return aws;
  }

  const search = async (profile: string) => (await aws.apiFor(profile, 'us-east-1')).searchProvisionedProducts({ accessLevel: 'User' });
  const failure = (profile: string) =>
    search(profile).then(
      () => assert.fail(`${profile} should fail`),
      (error: unknown) => {
        assert.ok(error instanceof AwsCallError, String(error));
        return error;
      },
    );
  const aliceKeys = { args: ['AKIATESTALICE000001', 'alice-secret-key'] };

  it('gets the role\'s credentials from a working source helper: the emulator accepts the AssumeRole', async () => {
    context(helperCommandLine('keys', { ...aliceKeys, pidsDir }));
    // The role and its source profile at once: the helper is the runner's, shared by both.
    await Promise.all([search('developer'), search('vault')]);
    assert.equal(assumeRoleCalls(), 1);
    assert.equal(pids().length, 1, 'one helper for the role and its source profile');
  });

  it('asks the MFA code of a role sourced from a helper, and assumes it with the code', async () => {
    context(helperCommandLine('keys', aliceKeys));
    await search('developer-mfa');
    assert.deepEqual(mfaAsked, [['developer-mfa', mfaSerial]]);
    assert.equal(assumeRoleCalls(), 1);
  });

  it('follows a chain of roles down to the helper: two AssumeRole calls, one helper', async () => {
    context(helperCommandLine('keys', { ...aliceKeys, pidsDir }));
    await search('reader-through-developer');
    assert.equal(assumeRoleCalls(), 2);
    assert.equal(pids().length, 1);
  });

  it('still refuses an http:// STS endpoint that is not this machine', async () => {
    context(helperCommandLine('keys', { ...aliceKeys, pidsDir }), { env: { AWS_ENDPOINT_URL_STS: 'http://sts.example.com' } });
    const error = await failure('developer');
    assert.equal(error.problem.kind, 'invalid-config');
    assert.match(error.problem.detail, /uses http:\/\/ for sts\.example\.com/);
    assert.equal(pids().length, 0, 'no helper was started');
    assert.equal(assumeRoleCalls(), 0);
  });

  it('tells a failing source helper by its program name and exit code, with none of its arguments', async () => {
    context(helperCommandLine('fail'));
    const error = await failure('developer');
    const shown = JSON.stringify(error.problem);
    assert.match(error.problem.detail, new RegExp(`${path.basename(process.execPath)} exited with code 3`));
    for (const secret of leaked) {
      assert.ok(!shown.includes(secret), `${secret} in ${shown}`);
    }
    assert.equal(assumeRoleCalls(), 0);
  });

  it('gives up a hanging source helper and ends it and its child; a retry starts one helper, not two', async () => {
    context(helperCommandLine('hang', { pidsDir }), { credentialTimeoutMs: 1_000 });
    const first = await failure('developer');
    assert.equal(first.problem.kind, 'credentials-timeout');
    const started = await waitUntil('the helper and its child', () => (pids().length === 2 ? pids() : undefined));
    await waitUntil('the helper and its child to be ended', () => started.every((pid) => !alive(pid)), 10_000);
    await waitUntil('the runner to forget it', () => aws.credentialProcesses.running === 0);

    // The role and its source profile asked again at once: one helper for both.
    const again = await Promise.all([failure('developer'), failure('vault')]);
    assert.deepEqual(
      again.map((error) => error.problem.kind),
      ['credentials-timeout', 'credentials-timeout'],
    );
    await waitUntil('every helper to be ended', () => pids().every((pid) => !alive(pid)), 10_000);
    assert.equal(pids().length, 4, 'the retry started one helper (and its child)');
    assert.equal(assumeRoleCalls(), 0);
  });
});

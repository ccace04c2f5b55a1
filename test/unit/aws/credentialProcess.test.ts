import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CredentialProcessRunner } from '../../../src/aws/credentialProcess';
import { CredentialProcessError, programName, sdkProcessFailure } from '../../../src/aws/credentialProcessFailure';
import { AwsCallError, classifyAwsError } from '../../../src/aws/errors';
import { SecretRedactor } from '../../../src/aws/secrets';
import { waitUntil } from '../../../tools/waitUntil';
import { credentialHelper as helper, helperCommandLine, processAlive as alive } from '../support/credentialHelper';
import { TempAwsFiles } from './tempAwsFiles';
import { AwsContext } from '../../../src/aws/awsContext';

/** What the failing helper's command line and stderr hold; none may reach a message. */
const leaked = [
  'hunter2-cmdline-secret',
  'eyJhbGciOiJIUzI1NiJ9',
  'plain-secret-from-stderr',
  'slash+secret-value',
  'FwoGZXIvYXdzEncoded',
  'flooded-secret',
];

/**
 * `credential_process` run by the extension with real processes: at most one helper per profile, ended
 * with its children when given up, output capped, and failures told by program name, exit code and one
 * redacted line of stderr.
 */
describe('credential_process helpers', function () {
  this.timeout(60_000);
  let pidsDir: string;
  let runner: CredentialProcessRunner;
  const pids = () => fs.readdirSync(pidsDir).map(Number);

  beforeEach(() => {
    pidsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-helper-pids-'));
    runner = new CredentialProcessRunner(new SecretRedactor(), { maxStdoutBytes: 64 * 1024, stderrTailBytes: 8 * 1024, killGraceMs: 500 });
  });

  afterEach(async () => {
    await runner.dispose();
    for (const pid of pids()) {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    fs.rmSync(pidsDir, { recursive: true, force: true });
  });

  it('reads the credentials a helper prints', async () => {
    const credentials = await runner.credentials('ok', helperCommandLine('ok'), new AbortController().signal, '123456789012');
    assert.equal(credentials.accessKeyId, 'ASIAHELPEROK00000001');
    assert.equal(credentials.secretAccessKey, 'helper-ok-secret-access-key');
    assert.equal(credentials.sessionToken, 'helper-ok-session-token');
    assert.equal(credentials.accountId, '123456789012');
  });

  it('tells a failing helper by its program and exit code, with one redacted line of stderr and none of its arguments', async () => {
    const error = await runner.credentials('fails', helperCommandLine('fail'), new AbortController().signal).then(
      () => assert.fail('the helper fails'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof CredentialProcessError);
    assert.deepEqual({ ...error.failure, stderrLine: undefined }, { reason: 'exited', program: path.basename(process.execPath), exitCode: 3, signal: undefined, stderrLine: undefined });
    const problem = classifyAwsError(error, { profile: 'fails' }, new SecretRedactor());
    const shown = JSON.stringify(problem);
    assert.match(problem.detail, new RegExp(`${path.basename(process.execPath)} exited with code 3: GET /token\\?X-Amz-Security-Token=\\*\\*\\*\\* failed`));
    for (const secret of [...leaked, helper, '--password']) {
      assert.ok(!shown.includes(secret), `${secret} in ${shown}`);
    }
  });

  it('ends a hanging helper and the processes it started when the caller gives up; a retry starts one again', async () => {
    const giveUp = new AbortController();
    const first = runner.credentials('hangs', helperCommandLine('hang', { pidsDir }), giveUp.signal);
    const started = await waitUntil('the helper and its child', () => (pids().length === 2 ? pids() : undefined));
    assert.ok(started.every(alive));
    giveUp.abort(new Error('timed out'));
    await assert.rejects(first, /timed out/);
    await waitUntil('the helper and its child to be ended', () => started.every((pid) => !alive(pid)), 10_000);
    await waitUntil('the runner to forget it', () => runner.running === 0);

    const retry = new AbortController();
    const again = runner.credentials('hangs', helperCommandLine('hang', { pidsDir }), retry.signal);
    await waitUntil('the retry\'s helper and child', () => pids().length === 4);
    assert.equal(pids().filter(alive).length, 2, 'one helper (and its child) at a time');
    retry.abort(new Error('timed out again'));
    await assert.rejects(again, /timed out again/);
    await waitUntil('every helper to be ended', () => pids().every((pid) => !alive(pid)), 10_000);
  });

  it('runs one helper per profile: a second call while it runs waits for the same helper', async () => {
    const waiting = [new AbortController(), new AbortController(), new AbortController()];
    const calls = waiting.map((controller) => runner.credentials('hangs', helperCommandLine('hang', { pidsDir }), controller.signal).catch((error: unknown) => error));
    await waitUntil('the helper and its child', () => pids().length === 2);
    waiting[0].abort(new Error('first gave up'));
    waiting[1].abort(new Error('second gave up'));
    assert.ok(pids().every(alive), 'still wanted by the third caller');
    assert.equal(runner.running, 1);
    waiting[2].abort(new Error('third gave up'));
    await Promise.all(calls);
    await waitUntil('the helper to be ended once nobody waits', () => pids().every((pid) => !alive(pid)), 10_000);
    assert.equal(pids().length, 2, 'only one helper was ever started');
  });

  it('keeps only a tail of a flood on stderr, and says it in one short line', async () => {
    const error = await runner.credentials('flood', helperCommandLine('flood-stderr'), new AbortController().signal).catch((caught: unknown) => caught);
    const problem = classifyAwsError(error, { profile: 'flood' }, new SecretRedactor());
    assert.ok(problem.detail.length < 400, `${problem.detail.length} characters`);
    assert.match(problem.detail, /exited with code 1: last words: password=\*\*\*\*/);
    assert.ok(!JSON.stringify(problem).includes('flooded-secret'));
  });

  it('ends a helper that prints more than the cap on stdout', async () => {
    const error = await runner.credentials('flood', helperCommandLine('flood-stdout'), new AbortController().signal).catch((caught: unknown) => caught);
    assert.ok(error instanceof CredentialProcessError);
    assert.equal(error.failure.reason, 'too-much-output');
    assert.match(classifyAwsError(error, { profile: 'flood' }, new SecretRedactor()).detail, /printed more than 64 KB and was stopped/);
  });

  it('names the program, not its folder, its quotes or the variables set before it', () => {
    assert.equal(programName('/usr/local/bin/aws-vault exec prod --json'), 'aws-vault');
    assert.equal(programName('"C:\\Program Files\\Vault\\helper.exe" --password x'), 'helper.exe');
    assert.equal(programName('VAULT_PASSWORD=hunter2 AWS_X=1 helper --json'), 'helper');
    assert.equal(programName('  '), 'credential_process');
  });

  it('reads the SDK\'s "Command failed" of a source profile\'s helper the same way, without the command line', () => {
    const redactor = new SecretRedactor();
    const failure = sdkProcessFailure('Command failed: vault-helper --password hunter2-cmdline-secret\nstarting\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJ9\n', redactor);
    assert.deepEqual(failure, { reason: 'exited', program: 'vault-helper', stderrLine: 'Authorization: ****' });
    const problem = classifyAwsError(Object.assign(new Error('Command failed: vault-helper --password hunter2-cmdline-secret\nsecret_key=plain-secret-from-stderr'), { name: 'CredentialsProviderError' }), { profile: 'role' }, redactor);
    assert.equal(problem.kind, 'missing-credentials');
    assert.ok(!/hunter2|plain-secret|--password/.test(JSON.stringify(problem)), JSON.stringify(problem));
  });

  it('gives up a hanging helper after the credential timeout, through AwsContext, and ends it', async () => {
    const files = new TempAwsFiles(`
      [profile hangs]
      region = us-east-1
      endpoint_url = http://127.0.0.1:9
      credential_process = ${helperCommandLine('hang', { pidsDir })}
    `);
    const aws = new AwsContext({ env: files.env, redactor: new SecretRedactor(), askMfaCode: async () => undefined, acceptLanguage: () => 'en', credentialTimeoutMs: 1_000 });
    try {
      const api = await aws.apiFor('hangs', 'us-east-1');
      const error = await api.searchProvisionedProducts({ accessLevel: 'User' }).catch((caught: unknown) => caught);
      assert.ok(error instanceof AwsCallError);
      assert.equal(error.problem.kind, 'credentials-timeout');
      await waitUntil('the helper to be ended', () => pids().length === 2 && pids().every((pid) => !alive(pid)), 10_000);
    } finally {
      aws.dispose();
      files.remove();
    }
  });
});

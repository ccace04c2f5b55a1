import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { readAwsConfigFiles } from '../../../src/aws/configFiles';
import { listProfiles } from '../../../src/aws/profiles';
import { TempAwsFiles } from './tempAwsFiles';

describe('AWS profiles from the shared files', () => {
  let files: TempAwsFiles;
  afterEach(() => files.remove());

  async function profilesOf(env: Record<string, string | undefined>) {
    const catalog = listProfiles(await readAwsConfigFiles(env), env);
    return { catalog, byName: new Map(catalog.profiles.map((profile) => [profile.name, profile])) };
  }

  it('reads every kind of section through the SDK loader, default first', async () => {
    files = new TempAwsFiles(
      `
      [default]
      region = us-east-1

      [profile dev]
      region = eu-west-1
      services = local

      [profile sso-user]
      sso_session = corp
      sso_account_id = 111111111111
      sso_role_name = ReadOnly
      region = us-west-2

      [sso-session corp]
      sso_start_url = https://corp.awsapps.com/start
      sso_region = us-east-1

      [services local]
      service_catalog =
        endpoint_url = http://127.0.0.1:4599

      [profile admin]
      role_arn = arn:aws:iam::222222222222:role/Admin
      source_profile = dev
      mfa_serial = arn:aws:iam::111111111111:mfa/alice

      [profile tool]
      credential_process = /usr/bin/false
      `,
      `
      [default]
      aws_access_key_id = AKIAEXAMPLEDEFAULT01
      aws_secret_access_key = default-secret-value-000000000000000000

      [dev]
      aws_access_key_id = AKIAEXAMPLEDEV000001
      aws_secret_access_key = dev-secret-value-00000000000000000000000

      [creds-only]
      aws_access_key_id = AKIAEXAMPLECREDSONLY
      aws_secret_access_key = creds-only-secret-0000000000000000000000
      `,
    );
    const { catalog, byName } = await profilesOf(files.env);

    assert.deepEqual(
      catalog.profiles.map((profile) => profile.name),
      ['default', 'admin', 'creds-only', 'dev', 'sso-user', 'tool'],
    );
    assert.equal(byName.get('default')?.region, 'us-east-1');
    assert.equal(byName.get('default')?.credentialKind, 'static');
    assert.equal(byName.get('dev')?.region, 'eu-west-1');
    assert.equal(byName.get('sso-user')?.credentialKind, 'sso');
    assert.equal(byName.get('admin')?.credentialKind, 'assume-role');
    assert.equal(byName.get('admin')?.mfaSerial, 'arn:aws:iam::111111111111:mfa/alice');
    assert.equal(byName.get('tool')?.credentialKind, 'process');
    assert.equal(byName.get('creds-only')?.region, undefined);
    assert.deepEqual(byName.get('dev')?.serviceCatalogEndpoint, {
      kind: 'configured',
      endpoint: { url: 'http://127.0.0.1:4599', source: '[services local] service_catalog endpoint_url' },
    });
    assert.deepEqual(byName.get('default')?.serviceCatalogEndpoint, { kind: 'default' });
    assert.deepEqual(catalog.files.problems, []);
    assert.equal(catalog.files.configExists, true);
  });

  it('follows AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE and treats missing files as empty', async () => {
    files = new TempAwsFiles();
    const { catalog } = await profilesOf(files.env);
    assert.deepEqual(catalog.profiles, []);
    assert.equal(catalog.files.configExists, false);
    assert.equal(catalog.files.credentialsExists, false);
    assert.equal(catalog.files.paths.config, files.configFile);
    assert.deepEqual(catalog.files.problems, []);
  });

  it('reads the files again on every call instead of using the loader cache', async () => {
    files = new TempAwsFiles('[profile one]\nregion = us-east-1\n');
    assert.deepEqual((await profilesOf(files.env)).catalog.profiles.map((p) => p.name), ['one']);
    files.writeConfig('[profile one]\nregion = us-east-1\n[profile two]\nregion = eu-west-1\n');
    assert.deepEqual((await profilesOf(files.env)).catalog.profiles.map((p) => p.name), ['one', 'two']);
  });

  it('explains lines of a malformed config file that the SDK ignores, and keeps the good profiles', async () => {
    files = new TempAwsFiles(
      `
      region = us-east-1
      [profile good]
      region = us-east-1
      [work]
      region = eu-west-1
      [profile broken
      region = eu-west-1
      [profile also-good]
      this line has no equals sign
      region = ap-southeast-2
      `,
    );
    const { catalog, byName } = await profilesOf(files.env);
    assert.deepEqual(catalog.profiles.map((p) => p.name).sort(), ['also-good', 'good']);
    assert.equal(byName.get('also-good')?.region, 'ap-southeast-2');
    const problems = catalog.files.problems.map((problem) => `${problem.line}: ${problem.message}`);
    assert.deepEqual(problems, [
      '1: the setting comes before any section',
      '4: the config file ignores "[work]": write "[profile work]"',
      '6: the section header is not closed with "]", so the settings below it do not form a profile',
      '9: the line is not "key = value"',
    ]);
  });

  it('says when the SDK rejects a whole file', async () => {
    files = new TempAwsFiles(undefined, '[__proto__]\naws_access_key_id = AKIAEXAMPLEPROTO0001\n[ok]\nregion = us-east-1\n');
    const { catalog } = await profilesOf(files.env);
    assert.deepEqual(catalog.profiles, []);
    const messages = catalog.files.problems.map((problem) => problem.message);
    assert.ok(messages.some((message) => message.includes('rejects the whole file')));
    assert.ok(messages.some((message) => message.includes('could not read any profile')));
  });

  it('reports a config path that exists but cannot be read as a file', async () => {
    files = new TempAwsFiles();
    mkdirSync(files.configFile);
    const { catalog } = await profilesOf(files.env);
    assert.match(catalog.files.problems[0].message, /cannot be read \(EISDIR\)/);
  });

  it('never quotes a malformed line of the credentials file, which may hold a secret', async () => {
    files = new TempAwsFiles(undefined, '[dev]\naws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    const { catalog } = await profilesOf(files.env);
    assert.ok(catalog.files.problems.some((problem) => problem.line === 2));
    assert.doesNotMatch(JSON.stringify(catalog.files.problems), /wJalr|EXAMPLEKEY/);
  });

  it('flags [profile x] in the credentials file, where sections are plain names', async () => {
    files = new TempAwsFiles(undefined, '[profile dev]\naws_access_key_id = AKIAEXAMPLEDEV000001\n');
    const { catalog } = await profilesOf(files.env);
    assert.match(catalog.files.problems[0].message, /names sections "\[dev\]", not "\[profile dev\]"/);
  });

  it('reads max_attempts and retry_mode of each profile', async () => {
    files = new TempAwsFiles('[profile a]\nmax_attempts = 5\nretry_mode = adaptive\n[profile b]\nmax_attempts = lots\n');
    const { byName } = await profilesOf(files.env);
    assert.equal(byName.get('a')?.maxAttempts, 5);
    assert.equal(byName.get('a')?.retryMode, 'adaptive');
    assert.equal(byName.get('b')?.maxAttempts, undefined);
  });

  it('handles unicode and 128-character profile names', async () => {
    const long = 'p'.repeat(128);
    files = new TempAwsFiles(`[profile ${long}]\nregion = us-east-1\n`, '[développeur]\nregion = eu-west-3\n');
    const { byName } = await profilesOf(files.env);
    assert.equal(byName.get(long)?.region, 'us-east-1');
    assert.equal(byName.get('développeur')?.region, 'eu-west-3');
  });

  it('keeps a file whose section names would corrupt the SDK parser away from the SDK, and says why', async () => {
    files = new TempAwsFiles('[profile good]\nregion = us-east-1\n', '[good]\naws_access_key_id = AKIAEXAMPLE000000001\n[constructor]\nscPollutionProbe = polluted\n[toString]\nscPollutionProbe = polluted\n');
    const { catalog } = await profilesOf(files.env);
    assert.equal((Object as unknown as Record<string, unknown>).scPollutionProbe, undefined, 'Object was not written to');
    assert.equal((Object.prototype.toString as unknown as Record<string, unknown>).scPollutionProbe, undefined);
    assert.deepEqual(catalog.profiles, []);
    assert.deepEqual(
      catalog.files.problems.map((problem) => problem.line),
      [3, 5],
    );
    assert.match(catalog.files.problems[0].message, /\[constructor\]" has a name the AWS SDK cannot read safely/);
  });
});

import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { AwsContext } from '../../../src/aws/awsContext';
import type { AwsCallError } from '../../../src/aws/errors';
import { SecretRedactor } from '../../../src/aws/secrets';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';
import { TempAwsFiles } from './tempAwsFiles';

describe('AwsContext', function () {
  this.timeout(10_000);
  const created: TempAwsFiles[] = [];
  afterEach(() => created.splice(0).forEach((files) => files.remove()));

  const files = (config: string, credentials?: string) => {
    const made = new TempAwsFiles(config, credentials);
    created.push(made);
    return made;
  };
  const context = (env: Record<string, string>) =>
    new AwsContext({ env, redactor: new SecretRedactor(), askMfaCode: async () => undefined, acceptLanguage: () => 'en' });
  const names = async (aws: AwsContext) => (await aws.profiles()).profiles.map((profile) => profile.name);

  it('keeps the profiles until reload, and switches to other files on request', async () => {
    const mine = files('[profile mine]\nregion = us-east-1\n');
    const sandbox = files('[profile sandbox]\nregion = eu-west-1\n');
    const aws = context(mine.env);
    assert.deepEqual(await names(aws), ['mine']);
    mine.writeConfig('[profile mine]\nregion = us-east-1\n[profile mine-too]\nregion = us-east-1\n');
    assert.deepEqual(await names(aws), ['mine'], 'cached until reload');
    assert.deepEqual((await aws.reload()).profiles.map((profile) => profile.name), ['mine', 'mine-too']);
    await aws.useEnvironment(sandbox.env);
    assert.deepEqual(await names(aws), ['sandbox']);
    assert.equal(aws.paths.config, sandbox.configFile);
    aws.dispose();
  });

  it('remembers the secrets of the files it reads, so no log or message can show them', async () => {
    const redactor = new SecretRedactor();
    const mine = files('[profile mine]\n', '[mine]\naws_access_key_id = AKIAEXAMPLE000000001\naws_secret_access_key = a-very-secret-value\n');
    const aws = new AwsContext({ env: mine.env, redactor, askMfaCode: async () => undefined, acceptLanguage: () => 'en' });
    await aws.profiles();
    assert.equal(redactor.redact('oops a-very-secret-value'), 'oops ****');
    aws.dispose();
  });

  it('tells listeners when the files it currently uses change', async () => {
    const mine = files('[profile mine]\n');
    const sandbox = files('[profile sandbox]\n');
    const aws = context(mine.env);
    let changes = 0;
    aws.onDidChangeFiles(() => changes++);
    await aws.useEnvironment(sandbox.env);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    sandbox.writeConfig('[profile sandbox]\n[profile more]\n');
    const deadline = Date.now() + 5000;
    while (changes === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(changes > 0, 'a change of the sandbox files is seen');
    aws.dispose();
  });
});

describe('AwsContext reloads against the emulator', function () {
  this.timeout(20_000);
  let fixture: EmulatorFixture;
  before(async () => (fixture = await startEmulatorFixture()));
  after(() => fixture.stop());

  it('keeps the profiles an edit did not touch, and gives a changed one new settings, even to callers holding the old one', async () => {
    const original = readFileSync(fixture.configFile, 'utf8');
    const aws = fixture.context();
    try {
      const before = await aws.profiles();
      const alice = before.profiles.find((profile) => profile.name === 'main-alice')!;
      const erin = before.profiles.find((profile) => profile.name === 'other-erin')!;
      const aliceApi = aws.api(alice, 'us-east-1');
      await aliceApi.describeProvisionedProduct('pp-alice00000001');

      // Only erin's region changes; then alice is pointed at a closed port.
      writeFileSync(fixture.configFile, original.replace(/(\[profile other-erin\]\nregion = )[a-z0-9-]+/, '$1eu-west-1'));
      const afterErin = await aws.reload();
      assert.equal(afterErin.profiles.find((profile) => profile.name === 'main-alice'), alice, 'an untouched profile keeps its object');
      assert.notEqual(afterErin.profiles.find((profile) => profile.name === 'other-erin'), erin);
      assert.equal(aws.api(alice, 'us-east-1'), aliceApi, 'and its API');

      writeFileSync(fixture.configFile, original.replace(/(\[profile main-alice\][^[]*?)services = [^\n]+/, `$1endpoint_url = http://127.0.0.1:9`));
      const afterAlice = await aws.reload();
      assert.notEqual(afterAlice.profiles.find((profile) => profile.name === 'main-alice'), alice);
      await assert.rejects(aliceApi.describeProvisionedProduct('pp-alice00000001'), (error: AwsCallError) => {
        assert.equal(error.problem.kind, 'network', 'the old API object now uses the new endpoint');
        return true;
      });
    } finally {
      writeFileSync(fixture.configFile, original);
      aws.dispose();
    }
  });
});

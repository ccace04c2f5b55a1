import { strict as assert } from 'node:assert';
import { AwsContext } from '../../../src/aws/awsContext';
import { SecretRedactor } from '../../../src/aws/secrets';
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

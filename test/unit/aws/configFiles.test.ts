import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { maxAwsFileBytes, readAwsConfigFiles } from '../../../src/aws/configFiles';
import { AwsContext } from '../../../src/aws/awsContext';
import { SecretRedactor } from '../../../src/aws/secrets';
import { TempAwsFiles } from './tempAwsFiles';

/** AWS files over the size limit are refused before anything parses them; files under it are read as always. */
describe('AWS files at and over the size limit', () => {
  let files: TempAwsFiles;
  const profile = (index: number) => `[profile team-${index}]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = default\n\n`;
  const configOf = (bytes: number) => {
    let text = '';
    for (let index = 0; text.length + profile(index).length <= bytes; index++) text += profile(index);
    return text;
  };

  beforeEach(() => {
    files = new TempAwsFiles(undefined, '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n');
  });
  afterEach(() => files.remove());

  it('reads a config just under the limit', async () => {
    fs.writeFileSync(files.configFile, configOf(maxAwsFileBytes));
    const read = await readAwsConfigFiles(files.env);
    assert.deepEqual(read.problems, []);
    assert.ok(Object.keys(read.config).length > 4_000, `${Object.keys(read.config).length} sections`);
  });

  it('refuses a config over the limit with what, how big and the limit, and reads no profile', async () => {
    fs.writeFileSync(files.configFile, configOf(3 * 1024 * 1024));
    const aws = new AwsContext({ env: files.env, redactor: new SecretRedactor(), askMfaCode: async () => undefined, acceptLanguage: () => 'en' });
    try {
      const catalog = await aws.profiles();
      assert.deepEqual(catalog.profiles, []);
      assert.deepEqual(catalog.files.problems, [
        { file: files.configFile, message: 'the file is 3.0 MB, more than the 0.5 MB the extension reads: no profile is read from the AWS files until it is smaller' },
      ]);
      assert.ok(catalog.files.configExists);
    } finally {
      aws.dispose();
    }
  });

  it('refuses a credentials file over the limit the same way', async () => {
    fs.writeFileSync(files.configFile, profile(1));
    fs.writeFileSync(files.credentialsFile, `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n${'# padding\n'.repeat(60_000)}`);
    const read = await readAwsConfigFiles(files.env);
    assert.deepEqual(read.config, {});
    assert.equal(read.problems.length, 1);
    assert.equal(read.problems[0].file, files.credentialsFile);
    assert.match(read.problems[0].message, /^the file is 0\.6 MB, more than the 0\.5 MB/);
  });
});

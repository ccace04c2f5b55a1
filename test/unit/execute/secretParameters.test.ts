import * as assert from 'node:assert/strict';
import { ChoiceMemory } from '../../../src/execute/wizard/choiceMemory';
import { originOf } from '../../../src/execute/run/executionRunner';
import { isSecretParameter, looksSecret, withoutSecretValues } from '../../../src/execute/wizard/secretParameters';
import { MemoryStore } from '../support/memoryStore';

/** Every name the rule decides, and how: the table is the rule's specification. */
const names: Array<[name: string, secret: boolean, why: string]> = [
  ['Password', true, 'password'],
  ['DB_PASSWORD', true, 'password, upper case with underscores'],
  ['dbPassword', true, 'password, camelCase'],
  ['db-passwd', true, 'passwd'],
  ['Passphrase', true, 'passphrase'],
  ['AdminPwd', true, 'pwd'],
  ['ClientSecret', true, 'secret'],
  ['secret_arn', true, 'secret (an ARN of one: masked, when in doubt)'],
  ['AuthToken', true, 'token'],
  ['GITHUB_TOKEN', true, 'token'],
  ['Credentials', true, 'credential'],
  ['ApiKey', true, 'api key'],
  ['api_key', true, 'api key'],
  ['API-KEY', true, 'api key'],
  ['PrivateKey', true, 'private key'],
  ['private_key_pem', true, 'private key'],
  ['AccessKey', true, 'access key'],
  ['SigningKey', true, 'signing key'],
  ['ConnectionString', true, 'connection string'],
  // What the security review found treated as plain on main:
  ['DbPass', true, 'pass as a word'],
  ['AdminPass', true, 'pass as a word'],
  ['MasterUserPw', true, 'pw as a word'],
  ['Passcode', true, 'passcode'],
  ['SshKey', true, 'a name ending in key'],
  ['SSHKey', true, 'a name ending in key, acronym'],
  ['AuthKey', true, 'a name ending in key'],
  ['Otp', true, 'one-time password'],
  ['Pin', true, 'PIN'],
  ['card_pin', true, 'PIN'],
  ['LicenseKey', true, 'a name ending in key'],
  ['EncryptionKey', true, 'a name ending in key (it may be a key itself)'],
  ['dbpass', true, 'one lower-case run ending in pass'],
  ['sshkey', true, 'one lower-case run ending in key'],
  ['MfaCode', true, 'an MFA code'],
  // Identifiers and data, never secrets:
  ['InstanceId', false, 'an id'],
  ['Target', false, 'a target'],
  ['Days', false, 'a number'],
  ['Reason', false, 'text'],
  ['Region', false, 'a region'],
  ['BucketName', false, 'a name'],
  ['KeyName', false, 'the name of an EC2 key pair'],
  ['SSHKeyName', false, 'the name of a key'],
  ['KeyPairName', false, 'the name of a key pair'],
  ['KmsKeyId', false, 'the id of a KMS key'],
  ['KmsKeyArn', false, 'the ARN of a KMS key'],
  ['KmsKey', false, 'a KMS key, named by its id or ARN'],
  ['KeyAlias', false, 'an alias'],
  ['PublicKey', false, 'a public key'],
  ['SshPublicKey', false, 'a public key'],
  ['PartitionKey', false, 'a table key'],
  ['SortKey', false, 'a table key'],
  ['S3Key', false, 'an S3 object key'],
  ['ObjectKey', false, 'an S3 object key'],
  ['TagKey', false, 'a tag key'],
  ['Passenger', false, 'a word that starts with pass'],
  ['Bypass', false, 'a word that ends with pass'],
  ['Compass', false, 'a word that ends with pass'],
  ['Spinner', false, 'a word with pin inside'],
  ['Shipping', false, 'a word with pin inside'],
];

describe('secret parameters', () => {
  for (const [name, secret, why] of names) {
    it(`${name} is ${secret ? 'secret' : 'not secret'} (${why})`, () => {
      assert.equal(looksSecret(name), secret);
    });
  }

  it('counts a parameter the user marked as secret as one, whatever its name', () => {
    assert.equal(isSecretParameter('Reason', ['Reason']), true);
    assert.equal(isSecretParameter('Reason', ['Days']), false);
    assert.deepEqual(withoutSecretValues({ Days: ['3'], Password: ['x'], ApiKey: ['y'], Reason: ['z'] }, ['Reason']), { Days: ['3'] });
  });

  it('are never remembered for the next run, nor read back from an older version that did', async () => {
    const store = new MemoryStore();
    const memory = new ChoiceMemory(store);
    await memory.remember({ products: [{ profile: 'p', region: 'us-east-1', id: 'pp-1' }], actionId: 'act-1', parameters: { Days: ['3'], DbPassword: ['hunter2'], DbPass: ['hunter3'] } });
    assert.deepEqual(memory.lastParameters('p', 'us-east-1', 'pp-1', 'act-1'), { Days: ['3'] });
    assert.ok(!/hunter/.test(JSON.stringify(store.get('serviceCatalog.execute.lastChoices'))));

    await store.update('serviceCatalog.execute.lastChoices', { parameters: { 'p\u0000us-east-1\u0000pp-1\u0000act-1': { Days: ['3'], ApiToken: ['old'], Otp: ['123456'] } } });
    assert.deepEqual(memory.lastParameters('p', 'us-east-1', 'pp-1', 'act-1'), { Days: ['3'] });
  });

  it('remembers which parameters the user marked, per action, and forgets values already kept of them', async () => {
    const store = new MemoryStore();
    const memory = new ChoiceMemory(store);
    const products = [{ profile: 'p', region: 'us-east-1', id: 'pp-1' }];
    await memory.remember({ products, actionId: 'act-1', parameters: { Days: ['3'], Reason: ['first'] } });
    await memory.remember({ products: [{ profile: 'p', region: 'us-east-1', id: 'pp-2' }], actionId: 'act-1', parameters: { Days: ['4'], Reason: ['second'] }, markedSecret: ['Reason'] });
    assert.deepEqual(memory.markedSecret('act-1'), ['Reason']);
    assert.deepEqual(memory.markedSecret('act-2'), []);
    assert.deepEqual(memory.lastParameters('p', 'us-east-1', 'pp-1', 'act-1'), { Days: ['3'] }, 'the value kept of pp-1 before the mark is gone too');
    assert.ok(!/first|second/.test(JSON.stringify(store.get('serviceCatalog.execute.lastChoices'))));
    await memory.remember({ products, actionId: 'act-1', parameters: { Days: ['5'], Reason: ['third'] }, markedSecret: [] });
    assert.deepEqual(memory.markedSecret('act-1'), [], 'unmarked again');
    assert.deepEqual(memory.lastParameters('p', 'us-east-1', 'pp-1', 'act-1'), { Days: ['5'], Reason: ['third'] });
  });

  it('are not in the origin of the record: neither persisted in flight nor shown by the record panel', () => {
    const origin = originOf({
      executeToken: 't',
      profile: 'p',
      region: 'us-east-1',
      provisionedProductId: 'pp-1',
      serviceActionId: 'act-1',
      parameters: { Days: ['3'], ClientSecret: ['hunter2'], AdminPass: ['hunter3'], Reason: ['marked'] },
      secretParameterNames: ['Reason'],
      createdAt: 0,
    });
    assert.deepEqual(origin.parameters, { Days: ['3'] });
  });
});

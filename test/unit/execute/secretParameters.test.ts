import * as assert from 'node:assert/strict';
import { ChoiceMemory } from '../../../src/execute/wizard/choiceMemory';
import { originOf } from '../../../src/execute/run/executionRunner';
import { looksSecret, withoutSecretValues } from '../../../src/execute/wizard/secretParameters';
import { MemoryStore } from '../support/memoryStore';

describe('parameters whose names look like secrets', () => {
  it('are recognized whatever the case and separators', () => {
    for (const name of ['Password', 'DB_PASSWORD', 'dbPassword', 'db-passwd', 'Passphrase', 'AdminPwd', 'ClientSecret', 'secret_arn', 'AuthToken', 'GITHUB_TOKEN', 'Credentials', 'ApiKey', 'api_key', 'API-KEY', 'PrivateKey', 'private_key_pem', 'AccessKey', 'SigningKey', 'ConnectionString']) {
      assert.equal(looksSecret(name), true, name);
    }
    for (const name of ['InstanceId', 'Target', 'Days', 'Reason', 'KeyName', 'KmsKeyId', 'Region', 'BucketName']) {
      assert.equal(looksSecret(name), false, name);
    }
    assert.deepEqual(withoutSecretValues({ Days: ['3'], Password: ['x'], ApiKey: ['y'] }), { Days: ['3'] });
  });

  it('are never remembered for the next run, nor read back from an older version that did', async () => {
    const store = new MemoryStore();
    const memory = new ChoiceMemory(store);
    await memory.remember({ products: [{ profile: 'p', region: 'us-east-1', id: 'pp-1' }], actionId: 'act-1', parameters: { Days: ['3'], DbPassword: ['hunter2'] } });
    assert.deepEqual(memory.lastParameters('p', 'us-east-1', 'pp-1', 'act-1'), { Days: ['3'] });
    assert.ok(!JSON.stringify(store.get('serviceCatalog.execute.lastChoices')).includes('hunter2'));

    await store.update('serviceCatalog.execute.lastChoices', { parameters: { 'p\u0000us-east-1\u0000pp-1\u0000act-1': { Days: ['3'], ApiToken: ['old'] } } });
    assert.deepEqual(memory.lastParameters('p', 'us-east-1', 'pp-1', 'act-1'), { Days: ['3'] });
  });

  it('are not in the origin of the record: neither persisted in flight nor shown by the record panel', () => {
    const origin = originOf({
      executeToken: 't',
      profile: 'p',
      region: 'us-east-1',
      provisionedProductId: 'pp-1',
      serviceActionId: 'act-1',
      parameters: { Days: ['3'], ClientSecret: ['hunter2'] },
      createdAt: 0,
    });
    assert.deepEqual(origin.parameters, { Days: ['3'] });
  });
});

import { strict as assert } from 'node:assert';
import { SecretRedactor } from '../../../src/aws/secrets';

describe('SecretRedactor', () => {
  it('masks values it was told about, wherever they appear', () => {
    const redactor = new SecretRedactor();
    redactor.remember('s3cr3t-value-that-is-long', undefined, 'short');
    assert.equal(redactor.redact('a s3cr3t-value-that-is-long b'), 'a **** b');
    assert.equal(redactor.redact('short stays'), 'short stays');
  });

  it('masks secret settings of parsed config sections', () => {
    const redactor = new SecretRedactor();
    redactor.rememberSections({
      dev: { aws_access_key_id: 'AKIAEXAMPLE000000001', aws_secret_access_key: 'the-dev-secret-key', aws_session_token: 'the-session-token' },
    });
    const text = redactor.redact('failed with the-dev-secret-key and the-session-token');
    assert.equal(text, 'failed with **** and ****');
  });

  it('masks the shapes secrets take in text it has not seen', () => {
    const redactor = new SecretRedactor();
    const processOutput = '{"Version": 1, "AccessKeyId": "ASIAEXAMPLE000000001", "SecretAccessKey": "abc/DEF+ghi", "SessionToken": "FwoGZXIvYXdz"}';
    const redacted = redactor.redact(processOutput);
    assert.doesNotMatch(redacted, /abc\/DEF\+ghi|FwoGZXIvYXdz|EXAMPLE000000001/);
    assert.equal(redactor.redact('aws_secret_access_key = wJalrXUtnFEMI'), 'aws_secret_access_key = ****');
    assert.equal(redactor.redact('key AKIAIOSFODNN7EXAMPLE used'), 'key AKIA**** used');
    assert.equal(redactor.redact(`Signature=${'a'.repeat(64)}`), 'Signature=****');
  });
});

import * as assert from 'node:assert/strict';
import { SecretRedactor } from '../../../src/aws/secrets';

/**
 * The shapes credentials take in text the extension has never seen (what a credential helper prints,
 * headers, config lines): the redactor masks the secret in each, whatever the quoting.
 */
describe('Security: secret shapes in unseen text are masked', () => {
  const secret = 'wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY';
  const token = 'FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN';
  const shapes: Array<[string, string]> = [
    ['JSON', `{"Version": 1, "SecretAccessKey": "${secret}", "SessionToken": "${token}"}`],
    ['JSON with escaped quotes in a command line', `sh -c 'echo "{\\"SecretAccessKey\\": \\"${secret}\\", \\"SessionToken\\": \\"${token}\\"}"'`],
    ['a Python dict', `{'SecretAccessKey': '${secret}', 'SessionToken': '${token}'}`],
    ['YAML', `SecretAccessKey: ${secret}\nSessionToken: ${token}`],
    ['shell exports', `export AWS_SECRET_ACCESS_KEY=${secret}\nexport AWS_SESSION_TOKEN=${token}`],
    ['config lines', `aws_secret_access_key = ${secret}\naws_session_token=${token}`],
    ['camelCase', `{ secretAccessKey: '${secret}', sessionToken: "${token}" }`],
    ['a header', `X-Amz-Security-Token: ${token} SecretAccessKey=${secret}`],
  ];

  for (const [shape, text] of shapes) {
    it(`in ${shape}`, () => {
      const redacted = new SecretRedactor().redact(text);
      assert.ok(!redacted.includes(secret), redacted);
      assert.ok(!redacted.includes(token), redacted);
    });
  }

  it('masks remembered secrets anywhere, also inside other words and escaped text', () => {
    const redactor = new SecretRedactor();
    redactor.remember(secret, token);
    for (const text of [`x${secret}y`, JSON.stringify({ nested: { value: secret } }), encodeURIComponent(`${token}`).replace(/%2F/g, '/')]) {
      const redacted = redactor.redact(text);
      assert.ok(!redacted.includes(secret) && !redacted.includes(token), redacted);
    }
  });

  it('leaves ordinary text alone', () => {
    const text = 'The action Restart-Instance on alice-web-01 failed: AccessDenied on ssm:SendCommand.';
    assert.equal(new SecretRedactor().redact(text), text);
  });
});

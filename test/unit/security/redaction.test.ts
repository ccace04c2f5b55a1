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

  it('masks remembered secrets anywhere, also inside other words, JSON-escaped and URL-encoded', () => {
    const redactor = new SecretRedactor();
    const slashed = 'abc/def+ghi=jkl/mnopq';
    redactor.remember(secret, token, slashed);
    const forms = [
      `x${secret}y`,
      JSON.stringify({ nested: { value: secret } }),
      `token=${encodeURIComponent(token)}&next=1`,
      `token=${encodeURIComponent(token).toLowerCase()}`,
      `{"value":"${slashed.replace(/\//g, '\\/')}"}`,
      `body=${encodeURIComponent(JSON.stringify({ value: slashed }))}`,
    ];
    const encoded = [token, encodeURIComponent(token), encodeURIComponent(token).toLowerCase(), slashed, slashed.replace(/\//g, '\\/'), encodeURIComponent(slashed)];
    for (const text of forms) {
      const redacted = redactor.redact(text);
      for (const form of [secret, ...encoded]) {
        assert.ok(!redacted.includes(form), `${form} in ${redacted}`);
      }
    }
  });

  /** What the security review tried on main, where each came through a failing credential_process. */
  const tried: Array<[string, string, string]> = [
    ['a password option on a command line', 'Command failed: helper --password hunter2-cmdline-secret --user bob', 'hunter2-cmdline-secret'],
    ['a bearer token in an Authorization header', 'request failed: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl', 'eyJhbGciOiJIUzI1NiJ9'],
    ['a bearer token alone', 'sent Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ', 'eyJhbGciOiJIUzI1NiJ9'],
    ['secret_key=', 'error: secret_key=plain-secret while refreshing', 'plain-secret'],
    ['JSON with escaped slashes', '{"Version":1,"SecretAccessKey":"abc\\/def+ghi-jklmnop"}', 'def+ghi'],
    ['an unknown session token URL-encoded', 'GET /?X-Amz-Security-Token=FwoGZXIvYXdz%2FEJr%2B%2F%2FwEaDunseen%3D%3D&Action=x', 'FwoGZXIvYXdz'],
    ['a token assignment URL-encoded', 'SessionToken%3DFwoGZXIvYXdzunseen%26x', 'FwoGZXIvYXdzunseen'],
    ['password= with a quoted value holding a space', 'db_password: "p@ss w0rd-123"', 'w0rd-123'],
    ['passwd and pwd', 'passwd=first-one pwd=second-one', 'first-one'],
    ['pwd', 'connect pwd=second-one', 'second-one'],
    ['a client secret option', 'helper -client-secret=opt-secret-value', 'opt-secret-value'],
    ['an api key', "{'api_key': 'k-123456789'}", 'k-123456789'],
    ['basic credentials', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA'],
  ];
  for (const [shape, text, hidden] of tried) {
    it(`masks ${shape}`, () => {
      const redacted = new SecretRedactor().redact(text);
      assert.ok(!redacted.includes(hidden), redacted);
      assert.ok(redacted.includes('****'), redacted);
    });
  }

  it('leaves ordinary text alone', () => {
    for (const text of [
      'The action Restart-Instance on alice-web-01 failed: AccessDenied on ssm:SendCommand.',
      'credential helper: the token could not be refreshed',
      'Completing the execution 0b7c1e5e-6a1f-4c51-9a4f-c0ffee000001 (token 0b7c1e5e) that a reload interrupted',
      'Enter the password of the vault when asked.',
    ]) {
      assert.equal(new SecretRedactor().redact(text), text);
    }
  });
});

import { strict as assert } from 'node:assert';
import { AwsContext } from '../../../src/aws/awsContext';
import { discoveredScopeName, isDiscoveredScopeName, parseDiscoveredScopeName, profileNameForRole } from '../../../src/aws/scopeNames';
import { SecretRedactor } from '../../../src/aws/secrets';
import { TempAwsFiles } from './tempAwsFiles';

describe('scope names', () => {
  it('names a discovered role "sso SOURCE/ACCOUNT/ROLE" and reads it back, legacy start URLs included', () => {
    for (const ref of [
      { source: 'my-sso', accountId: '123456789012', roleName: 'ServiceCatalogEndUser' },
      { source: 'https://acme.awsapps.com/start', accountId: '210987654321', roleName: 'Admin+Ops=1,a.b@c-d' },
    ]) {
      const name = discoveredScopeName(ref);
      assert.deepEqual(parseDiscoveredScopeName(name), ref);
    }
    assert.equal(discoveredScopeName({ source: 'my-sso', accountId: '123456789012', roleName: 'R' }), 'sso my-sso/123456789012/R');
    for (const profile of ['default', 'sso', 'sso-dev', 'sso:my-sso/123456789012/R', 'my-sso/123456789012/R', 'sso my-sso/12345/R']) {
      assert.equal(isDiscoveredScopeName(profile), false, profile);
    }
  });

  it('can never be the name of a profile the SDK reads: such sections are skipped, or refused with a message', async () => {
    const files = new TempAwsFiles(
      `
      [profile real]
      region = us-east-1
      [sso my-sso/123456789012/ServiceCatalogEndUser]
      region = us-east-1
      `,
      `
      [sso my-sso/123456789012/Admin,Ops]
      aws_access_key_id = AKIAEXAMPLE000000001
      aws_secret_access_key = example-secret-value
      [sso my-sso/123456789012/ReadOnly]
      aws_access_key_id = AKIAEXAMPLE000000002
      aws_secret_access_key = example-secret-value
      `,
    );
    const aws = new AwsContext({ env: files.env, redactor: new SecretRedactor(), askMfaCode: async () => undefined, acceptLanguage: () => 'en' });
    try {
      const catalog = await aws.profiles();
      assert.deepEqual(catalog.profiles.map((profile) => profile.name), ['real']);
      // The SDK's parser skips two-word headers whose second word fits its name pattern; the one with a comma gets through it and is refused here.
      const refused = catalog.files.problems.filter((problem) => /IAM Identity Center/.test(problem.message));
      assert.equal(refused.length, 1);
      assert.match(refused[0].message, /sso my-sso\/123456789012\/Admin,Ops/);
    } finally {
      aws.dispose();
      files.remove();
    }
  });

  it('suggests a profile name the AWS CLI reads for a discovered role', () => {
    assert.equal(profileNameForRole({ source: 'my-sso', accountId: '123456789012', roleName: 'ServiceCatalogEndUser' }, 'my-sso'), 'my-sso-123456789012-ServiceCatalogEndUser');
    assert.equal(profileNameForRole({ source: 'x', accountId: '123456789012', roleName: 'Admin,Ops=1' }, 'acme.awsapps.com'), 'acme.awsapps.com-123456789012-Admin-Ops-1');
  });
});

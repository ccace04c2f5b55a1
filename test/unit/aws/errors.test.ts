import { strict as assert } from 'node:assert';
import {
  InvalidParametersException,
  InvalidStateException,
  ResourceNotFoundException,
  ServiceCatalogServiceException,
} from '@aws-sdk/client-service-catalog';
import { CredentialsProviderError, TokenProviderError } from '@smithy/core/config';
import { classifyAwsError, CredentialsTimeoutError, MfaCancelledError } from '../../../src/aws/errors';
import { SecretRedactor } from '../../../src/aws/secrets';

function serviceError(name: string, message: string, status = 400, attempts = 1) {
  return new ServiceCatalogServiceException({
    name,
    message,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts, requestId: 'req-1' },
  });
}

const metadata = { $metadata: { httpStatusCode: 400, requestId: 'req-2' }, message: 'boom' };

describe('classifyAwsError', () => {
  const redactor = new SecretRedactor();
  const context = { profile: 'dev', region: 'us-east-1' };
  const kindOf = (error: unknown) => classifyAwsError(error, context, redactor).kind;

  it('tells an expired SSO session apart, with the login command', () => {
    const problem = classifyAwsError(
      new TokenProviderError('The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run aws sso login with the corresponding profile.'),
      context,
      redactor,
    );
    assert.equal(problem.kind, 'sso-login-required');
    assert.equal(problem.ssoLoginCommand, 'aws sso login --profile dev');
    assert.match(problem.fix ?? '', /aws sso login --profile dev/);
  });

  it('quotes the profile in the login command it shows, so it can be pasted into a shell as it is', () => {
    const sso = new TokenProviderError('The SSO session token associated with profile was not found or is invalid.');
    for (const [profile, command] of [
      ['semi;id', "aws sso login --profile 'semi;id'"],
      ["it's $(id)", `aws sso login --profile 'it'\\''s $(id)'`],
      ['-rf', 'aws sso login --profile=-rf'],
      ['plain-name', 'aws sso login --profile plain-name'],
    ]) {
      const problem = classifyAwsError(sso, { profile }, redactor);
      assert.equal(problem.ssoLoginCommand, command);
      assert.ok(problem.fix?.includes(command), problem.fix);
    }
  });

  it('classifies credential problems', () => {
    assert.equal(kindOf(serviceError('ExpiredTokenException', 'The security token included in the request is expired')), 'expired-credentials');
    assert.equal(kindOf(serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.')), 'invalid-credentials');
    assert.equal(kindOf(serviceError('InvalidSignatureException', 'The request signature we calculated does not match')), 'invalid-credentials');
    assert.equal(kindOf(new CredentialsProviderError('Could not resolve credentials using profile: [dev]')), 'missing-credentials');
    assert.equal(kindOf(new CredentialsTimeoutError(30)), 'credentials-timeout');
    assert.equal(kindOf(new MfaCancelledError()), 'mfa-cancelled');
  });

  it('classifies what the service says', () => {
    assert.equal(kindOf(serviceError('AccessDeniedException', 'User: arn:aws:iam::1:user/a is not authorized')), 'access-denied');
    assert.equal(kindOf(serviceError('ThrottlingException', 'Rate exceeded', 400, 3)), 'throttled');
    assert.equal(kindOf(new ResourceNotFoundException(metadata)), 'not-found');
    assert.equal(kindOf(new InvalidStateException(metadata)), 'invalid-state');
    assert.equal(kindOf(new InvalidParametersException(metadata)), 'invalid-parameters');
    assert.equal(kindOf(serviceError('InternalFailure', 'oops', 500, 3)), 'service-unavailable');
    assert.equal(kindOf(serviceError('InvalidSignatureException', 'Credential should be scoped to a valid region.')), 'invalid-region');
  });

  it('tells a Service Catalog quota apart from throttling, and SSO words in other errors from an SSO sign-in', () => {
    const quota = classifyAwsError(serviceError('LimitExceededException', 'The maximum number of actions for this product version is 25'), context, redactor);
    assert.equal(quota.kind, 'limit-exceeded');
    assert.match(quota.detail, /maximum number of actions/);
    assert.equal(kindOf(serviceError('InvalidParametersException', 'Parameter SsoLoginToken has expired values')), 'invalid-parameters');
    assert.equal(kindOf(new CredentialsProviderError('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login')), 'sso-login-required');
  });

  it('says how often a throttled call was tried', () => {
    const problem = classifyAwsError(serviceError('ThrottlingException', 'Rate exceeded', 400, 3), context, redactor);
    assert.match(problem.detail, /tried 3 times/);
    assert.equal(problem.retryable, true);
    assert.equal(problem.requestId, 'req-1');
  });

  it('classifies network failures and names the endpoint', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const problem = classifyAwsError(refused, { ...context, endpointHost: '127.0.0.1:1' }, redactor);
    assert.equal(problem.kind, 'network');
    assert.match(problem.detail, /127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    assert.equal(kindOf(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), 'network');
    assert.equal(kindOf(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' })), 'network');
  });

  it('never repeats a secret that reached an error message', () => {
    const secretful = new SecretRedactor();
    secretful.remember('my-secret-access-key-value');
    const error = new CredentialsProviderError('credential_process printed {"SecretAccessKey": "my-secret-access-key-value"} and failed');
    const problem = classifyAwsError(error, context, secretful);
    assert.doesNotMatch(JSON.stringify(problem), /my-secret-access-key-value/);
  });

  it('falls back to the error text for anything else', () => {
    const problem = classifyAwsError(new Error('something odd'), context, redactor);
    assert.equal(problem.kind, 'unknown');
    assert.equal(problem.detail, 'something odd');
    assert.equal(classifyAwsError('a string', context, redactor).detail, 'a string');
  });
});

import { strict as assert } from 'node:assert';
import type { AwsProblem } from '../../../src/aws/errors';
import type { AwsProfile } from '../../../src/aws/profiles';
import { displayUrl, failureFollowUp, profileKindLabel, profileTooltipLines, scopeSummary } from '../../../src/tree/scopePresentation';

const problem = (kind: AwsProblem['kind'], extra: Partial<AwsProblem> = {}): AwsProblem => ({
  kind,
  summary: `summary of ${kind}`,
  detail: `detail of ${kind}`,
  retryable: false,
  ...extra,
});

const profile = (overrides: Partial<AwsProfile> = {}): AwsProfile => ({
  name: 'dev',
  credentialKind: 'static',
  serviceCatalogEndpoint: { kind: 'default' },
  stsEndpoint: { kind: 'default' },
  ...overrides,
});

describe('scope presentation', () => {
  it('summarises a scope by its state', () => {
    assert.equal(scopeSummary({ kind: 'idle' }).description, '');
    assert.equal(scopeSummary({ kind: 'loading' }).description, 'loading…');
    assert.equal(scopeSummary({ kind: 'loaded', products: [{}], accessLevel: 'User' }).description, '1 product');
    assert.equal(scopeSummary({ kind: 'loaded', products: [{}, {}], accessLevel: 'User' }).description, '2 products');
    const fallback = scopeSummary({ kind: 'loaded', products: [{}, {}], accessLevel: 'User', accessLevelFallback: problem('access-denied') });
    assert.equal(fallback.description, '2 products · your own only');
    const failed = scopeSummary({ kind: 'failed', problem: problem('throttled') });
    assert.deepEqual(failed, { description: 'summary of throttled', problem: problem('throttled') });
  });

  it('offers sign-in for SSO, the config file for credentials and configuration, nothing else otherwise', () => {
    assert.equal(failureFollowUp(problem('sso-login-required', { ssoLoginCommand: 'aws sso login --profile dev' })), 'sso-login');
    for (const kind of ['expired-credentials', 'invalid-credentials', 'missing-credentials', 'invalid-config', 'invalid-region'] as const) {
      assert.equal(failureFollowUp(problem(kind)), 'open-config', kind);
    }
    for (const kind of ['access-denied', 'throttled', 'network', 'service-unavailable'] as const) {
      assert.equal(failureFollowUp(problem(kind)), 'none', kind);
    }
  });

  it('names how a profile gets credentials', () => {
    assert.equal(profileKindLabel(profile({ credentialKind: 'sso' })), 'SSO');
    assert.equal(profileKindLabel(profile({ credentialKind: 'assume-role', mfaSerial: 'arn:aws:iam::1:mfa/a' })), 'assume role with MFA');
    assert.equal(profileKindLabel(profile({ credentialKind: 'none' })), 'no credentials');
  });

  it('lists the endpoint without any password it carries, and each region with what went wrong', () => {
    const lines = profileTooltipLines(
      profile({ serviceCatalogEndpoint: { kind: 'configured', endpoint: { url: 'https://user:pa55@proxy.example/sc', source: 'endpoint_url of profile "dev"' } } }),
      [
        { region: 'us-east-1', state: { kind: 'loaded', products: [{}], accessLevel: 'User' } },
        { region: 'eu-west-1', state: { kind: 'failed', problem: problem('expired-credentials', { fix: 'renew them' }) } },
        { region: 'ap-south-1', state: { kind: 'idle' } },
      ],
    );
    assert.deepEqual(lines, [
      'Credentials: access keys',
      'Endpoint: https://proxy.example/sc (from endpoint_url of profile "dev")',
      'us-east-1: 1 product',
      'eu-west-1: summary of expired-credentials',
      'detail of expired-credentials',
      'renew them',
      'ap-south-1: not loaded yet',
    ]);
    assert.equal(displayUrl('not a url'), 'not a url');
  });
});

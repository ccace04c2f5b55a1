import { strict as assert } from 'node:assert';
import { resolveServiceEndpoint } from '../../../src/aws/endpoints';

describe('per-profile endpoint resolution', () => {
  const sections = {
    withServices: { services: 'local', endpoint_url: 'https://profile-level.example' },
    withEndpoint: { endpoint_url: 'https://profile-level.example' },
    plain: { region: 'us-east-1' },
    missingServices: { services: 'nowhere' },
    ignoring: { services: 'local', ignore_configured_endpoint_urls: 'true' },
    badUrl: { endpoint_url: 'not a url' },
    ftp: { endpoint_url: 'ftp://example.com' },
    'services.local': { 'service_catalog.endpoint_url': 'http://127.0.0.1:4599', 'sts.endpoint_url': 'http://127.0.0.1:4600' },
  };

  const urlOf = (profile: string, env: Record<string, string> = {}, service: 'Service Catalog' | 'STS' = 'Service Catalog') => {
    const resolution = resolveServiceEndpoint(service, profile, sections, env);
    return resolution.kind === 'configured' ? resolution.endpoint.url : resolution.kind;
  };

  it('prefers the service environment variable, then AWS_ENDPOINT_URL', () => {
    const env = { AWS_ENDPOINT_URL_SERVICE_CATALOG: 'http://sc-env.example', AWS_ENDPOINT_URL: 'http://all-env.example' };
    assert.equal(urlOf('withServices', env), 'http://sc-env.example');
    assert.equal(urlOf('withServices', { AWS_ENDPOINT_URL: 'http://all-env.example' }), 'http://all-env.example');
    assert.equal(urlOf('withServices', env, 'STS'), 'http://all-env.example');
  });

  it('uses the services section before the profile endpoint_url, per service', () => {
    assert.equal(urlOf('withServices'), 'http://127.0.0.1:4599');
    assert.equal(urlOf('withServices', {}, 'STS'), 'http://127.0.0.1:4600');
    assert.equal(urlOf('withEndpoint'), 'https://profile-level.example');
  });

  it('resolves each profile on its own, whatever AWS_PROFILE says', () => {
    assert.equal(urlOf('plain', { AWS_PROFILE: 'withServices' }), 'default');
  });

  it('honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS and ignore_configured_endpoint_urls', () => {
    assert.equal(urlOf('withServices', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://x' }), 'default');
    assert.equal(urlOf('ignoring'), 'default');
  });

  it('explains a services section that does not exist and endpoints that are not URLs', () => {
    const missing = resolveServiceEndpoint('Service Catalog', 'missingServices', sections, {});
    assert.equal(missing.kind, 'invalid');
    assert.match(missing.kind === 'invalid' ? missing.message : '', /services section "nowhere"/);
    assert.equal(urlOf('badUrl'), 'invalid');
    assert.equal(urlOf('ftp'), 'invalid');
  });

  it('says where an endpoint came from', () => {
    const resolution = resolveServiceEndpoint('Service Catalog', 'withEndpoint', sections, {});
    assert.deepEqual(resolution, {
      kind: 'configured',
      endpoint: { url: 'https://profile-level.example', source: 'endpoint_url of profile "withEndpoint"' },
    });
  });
});

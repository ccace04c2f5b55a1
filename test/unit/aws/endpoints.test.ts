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
    const env = { AWS_ENDPOINT_URL_SERVICE_CATALOG: 'https://sc-env.example', AWS_ENDPOINT_URL: 'https://all-env.example' };
    assert.equal(urlOf('withServices', env), 'https://sc-env.example');
    assert.equal(urlOf('withServices', { AWS_ENDPOINT_URL: 'https://all-env.example' }), 'https://all-env.example');
    assert.equal(urlOf('withServices', env, 'STS'), 'https://all-env.example');
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

  it('allows http:// only for this machine, and says where another http:// endpoint was configured', () => {
    for (const url of ['http://127.0.0.1:4599', 'http://127.8.9.10', 'http://localhost:8080/', 'http://LOCALHOST', 'http://emulator.localhost', 'http://[::1]:4599']) {
      assert.equal(urlOf('plain', { AWS_ENDPOINT_URL: url }), url);
    }
    for (const [url, env] of [
      ['http://servicecatalog.example.com', 'AWS_ENDPOINT_URL'],
      ['http://10.0.0.5:8080', 'AWS_ENDPOINT_URL_SERVICE_CATALOG'],
      ['http://127.0.0.1.evil.example', 'AWS_ENDPOINT_URL'],
      ['http://[::2]', 'AWS_ENDPOINT_URL'],
    ]) {
      const resolution = resolveServiceEndpoint('Service Catalog', 'plain', sections, { [env]: url });
      assert.equal(resolution.kind, 'invalid', url);
      assert.match(resolution.kind === 'invalid' ? resolution.message : '', new RegExp(`environment variable ${env} uses http:// for ${new URL(url).host.replace(/[.[\]]/g, '\\$&')}`));
    }
    const fromProfile = resolveServiceEndpoint('STS', 'plain', { plain: { endpoint_url: 'http://sts.example.com' } }, {});
    assert.match(fromProfile.kind === 'invalid' ? fromProfile.message : '', /endpoint_url of profile "plain" uses http:\/\/ for sts\.example\.com/);
    assert.equal(urlOf('withEndpoint', { AWS_ENDPOINT_URL: 'https://plain-http-is-fine-over-tls.example' }), 'https://plain-http-is-fine-over-tls.example');
  });

  it('says where an endpoint came from', () => {
    const resolution = resolveServiceEndpoint('Service Catalog', 'withEndpoint', sections, {});
    assert.deepEqual(resolution, {
      kind: 'configured',
      endpoint: { url: 'https://profile-level.example', source: 'endpoint_url of profile "withEndpoint"' },
    });
  });
});

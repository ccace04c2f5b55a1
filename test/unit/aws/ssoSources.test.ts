import { strict as assert } from 'node:assert';
import { listSsoSources, ssoLoginCommand, ssoLoginOption } from '../../../src/aws/ssoSources';

const session = { sso_start_url: 'https://acme.awsapps.com/start', sso_region: 'us-east-1' };

describe('IAM Identity Center sources: the sign-in command and the portal endpoint', () => {
  it('quotes a session name as one shell word in the command it shows', () => {
    const [source] = listSsoSources({ "sso-session.team a;$(id)'x": session }, []);
    assert.equal(ssoLoginCommand(source), `aws sso login --sso-session 'team a;$(id)'\\''x'`);
    assert.deepEqual(ssoLoginOption(source), { option: '--sso-session', value: "team a;$(id)'x" });
  });

  it('joins a name that starts with a dash with = so the CLI cannot read it as an option', () => {
    const [source] = listSsoSources({}, [{ name: '-dev', sso: { startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1' } }]);
    assert.equal(source.kind, 'legacy');
    assert.equal(ssoLoginCommand(source), 'aws sso login --profile=-dev');
    assert.equal(ssoLoginCommand(listSsoSources({ 'sso-session.plain': session }, [])[0]), 'aws sso login --sso-session plain');
  });

  it('refuses an http:// portal or OIDC endpoint of another machine, wherever the SDK would read it', () => {
    const refused = (env: Record<string, string>, sections: Record<string, Record<string, string>> = {}) => listSsoSources({ 'sso-session.acme': session, ...sections }, [], env)[0].problem;
    assert.equal(refused({ AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:4566' }), undefined, 'this machine over http:// is fine');
    assert.equal(refused({ AWS_ENDPOINT_URL_SSO: 'https://portal.example.com' }), undefined);
    assert.match(refused({ AWS_ENDPOINT_URL_SSO: 'http://portal.example.com' }) ?? '', /AWS_ENDPOINT_URL_SSO uses http:\/\/ for portal\.example\.com/);
    assert.match(refused({ AWS_ENDPOINT_URL_SSO_OIDC: 'http://oidc.example.com' }) ?? '', /AWS_ENDPOINT_URL_SSO_OIDC/);
    assert.match(refused({ AWS_ENDPOINT_URL: 'http://everything.example.com' }) ?? '', /AWS_ENDPOINT_URL uses http:\/\//);
    assert.match(
      refused({ AWS_PROFILE: 'work' }, { work: { services: 'proxied' }, 'services.proxied': { 'sso.endpoint_url': 'http://proxy.example.com' } }) ?? '',
      /\[services proxied\] sso endpoint_url/,
      "the default profile's services section, which the SDK's portal client reads",
    );
    assert.equal(refused({ AWS_ENDPOINT_URL_SSO: 'http://portal.example.com', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), undefined, 'ignored endpoints are not used');
  });
});

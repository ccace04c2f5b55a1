import * as assert from 'node:assert/strict';
import type { ParsedIniData } from '@smithy/shared-ini-file-loader';
import { processRoleChain } from '../../../src/aws/roleChain';

const helper = { credential_process: 'vault-helper --json' };
const role = (name: string, source: string, extra: Record<string, string> = {}) => ({ role_arn: `arn:aws:iam::111111111111:role/${name}`, source_profile: source, ...extra });

/** Which role profiles get their credentials from a helper run by the extension: the SDK's `fromIni` order. */
describe('processRoleChain', () => {
  const cases: Array<[string, ParsedIniData, string | undefined]> = [
    ['a role on a helper', { r: role('R', 'vault'), vault: helper }, 'vault'],
    ['a role on a role on a helper', { outer: role('Outer', 'inner'), inner: role('Inner', 'vault'), vault: helper }, 'vault'],
    ['a source with keys, which win over its helper', { r: role('R', 'vault'), vault: { ...helper, aws_access_key_id: 'AKIA', aws_secret_access_key: 's' } }, undefined],
    ['a source with keys, which win over its own role', { r: role('R', 'inner'), inner: { ...role('Inner', 'vault'), aws_access_key_id: 'AKIA', aws_secret_access_key: 's' }, vault: helper }, undefined],
    ['a source with credential_source', { r: role('R', 'vault'), vault: { ...helper, credential_source: 'Environment' } }, undefined],
    ['a source of web identity', { r: role('R', 'vault'), vault: { ...helper, role_arn: 'arn:aws:iam::1:role/W', web_identity_token_file: '/t' } }, undefined],
    ['a source of SSO', { r: role('R', 'sso'), sso: { sso_session: 'corp' } }, undefined],
    ['a missing source', { r: role('R', 'gone') }, undefined],
    ['a cycle', { a: role('A', 'b'), b: role('B', 'a') }, undefined],
    ['a profile that is the helper itself', { r: helper }, undefined],
  ];
  for (const [what, sections, source] of cases) {
    it(`${what}: ${source ?? 'left to the SDK'}`, () => {
      const first = Object.keys(sections)[0];
      assert.equal(processRoleChain(first, sections)?.source.profile, source);
    });
  }

  it('keeps each role\'s settings, innermost first', () => {
    const chain = processRoleChain('outer', {
      outer: role('Outer', 'inner', { mfa_serial: 'arn:aws:iam::111111111111:mfa/alice', role_session_name: 'me', external_id: 'x-1', duration_seconds: '900' }),
      inner: role('Inner', 'vault'),
      vault: { ...helper, aws_account_id: '111111111111' },
    });
    assert.deepEqual(chain, {
      source: { profile: 'vault', commandLine: 'vault-helper --json', accountId: '111111111111' },
      roles: [
        { profile: 'inner', roleArn: 'arn:aws:iam::111111111111:role/Inner', durationSeconds: 3600 },
        { profile: 'outer', roleArn: 'arn:aws:iam::111111111111:role/Outer', sessionName: 'me', externalId: 'x-1', durationSeconds: 900, mfaSerial: 'arn:aws:iam::111111111111:mfa/alice' },
      ],
    });
  });
});

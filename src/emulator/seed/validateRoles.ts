import type { SeedChecker } from './seedChecker';
import { ACCESS_LEVELS, type Seed } from './seedTypes';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

export function validateRoles(check: SeedChecker, seed: Seed, accountIds: ReadonlySet<string>): void {
  if (!check.isArray('roles', seed.roles, { optional: true })) return;
  const credentialProfiles = new Set(seed.credentials.map((c) => c?.profileName));
  seed.roles.forEach((role, i) => {
    const path = `roles[${i}]`;
    if (!check.isObject(path, role)) return;
    if (check.string(`${path}.roleArn`, role.roleArn, { pattern: ROLE_ARN, patternHint: 'an IAM role ARN' })) {
      const account = ROLE_ARN.exec(role.roleArn)?.[1];
      if (account && !accountIds.has(account)) check.fail(`${path}.roleArn`, `account ${account} is not in accounts`);
    }
    if (check.stringList(`${path}.trustedPrincipals`, role.trustedPrincipals, { optional: true })) {
      role.trustedPrincipals.forEach((arn, j) => check.string(`${path}.trustedPrincipals[${j}]`, arn, { pattern: /^arn:aws/, patternHint: 'an ARN' }));
    }
    check.string(`${path}.mfaSerial`, role.mfaSerial, { optional: true, pattern: /^arn:aws[a-z-]*:iam::\d{12}:mfa\/.+$/, patternHint: 'an MFA device ARN' });
    check.string(`${path}.mfaCode`, role.mfaCode, { optional: true, pattern: /^\d{6}$/, patternHint: 'a 6-digit code' });
    if ((role.mfaSerial === undefined) !== (role.mfaCode === undefined)) check.fail(path, 'mfaSerial and mfaCode go together');
    if (check.isArray(`${path}.accessLevels`, role.accessLevels, { optional: true, nonEmpty: true })) {
      role.accessLevels.forEach((level, j) => check.string(`${path}.accessLevels[${j}]`, level, { oneOf: ACCESS_LEVELS }));
    }
    check.number(`${path}.maxSessionDurationSeconds`, role.maxSessionDurationSeconds, { optional: true, min: 900, max: 43200 });
    if (role.profileName !== undefined) {
      check.string(`${path}.profileName`, role.profileName, { pattern: /^[A-Za-z0-9_.-]+$/, patternHint: 'a profile name (letters, digits, _ . -)' });
      if (credentialProfiles.has(role.profileName)) check.fail(`${path}.profileName`, `"${role.profileName}" is already the profile of a credential`);
      if (check.string(`${path}.sourceProfile`, role.sourceProfile) && !credentialProfiles.has(role.sourceProfile)) {
        check.fail(`${path}.sourceProfile`, `"${role.sourceProfile}" is not the profileName of a credential`);
      }
    }
  });
  check.unique('roles', seed.roles, (r) => r?.roleArn, 'roleArn');
  check.unique('roles', seed.roles, (r) => r?.profileName, 'profileName');
}

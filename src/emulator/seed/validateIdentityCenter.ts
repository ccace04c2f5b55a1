import { isAwsRegion } from '../auth/awsRegions';
import type { SeedChecker } from './seedChecker';
import { ACCESS_LEVELS, type Seed } from './seedTypes';

/** `[sso-session NAME]`: what the SDK's config parser takes as a section name. */
const SESSION_NAME = /^[\w\-@+.%:/]+$/;
/** An IAM role name, which is what a permission set becomes in each account. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export function validateIdentityCenter(check: SeedChecker, seed: Seed, accountIds: ReadonlySet<string>): void {
  const center = seed.identityCenter;
  if (center === undefined || !check.isObject('identityCenter', center)) return;
  const sessionNames = new Set<string>();
  if (check.isArray('identityCenter.sessions', center.sessions, { nonEmpty: true })) {
    center.sessions.forEach((session, i) => {
      const path = `identityCenter.sessions[${i}]`;
      if (!check.isObject(path, session)) return;
      if (check.string(`${path}.name`, session.name, { pattern: SESSION_NAME, patternHint: 'an sso-session name (letters, digits, - _ @ + . % : /)' })) {
        sessionNames.add(session.name);
      }
      check.string(`${path}.startUrl`, session.startUrl, { pattern: /^https:\/\/\S+$/, patternHint: 'an https start URL' });
      if (check.string(`${path}.region`, session.region) && !isAwsRegion(session.region)) check.fail(`${path}.region`, `"${session.region}" is not an AWS region name`);
      check.string(`${path}.userName`, session.userName, { pattern: /^[\w+=,.@-]{2,64}$/, patternHint: 'a role session name (2-64 of letters, digits, + = , . @ _ -)' });
      check.string(`${path}.accessToken`, session.accessToken, { pattern: /^\S{16,}$/, patternHint: 'a token of at least 16 characters without spaces' });
      check.boolean(`${path}.expired`, session.expired);
    });
    check.unique('identityCenter.sessions', center.sessions, (s) => s?.name, 'session name');
    check.unique('identityCenter.sessions', center.sessions, (s) => s?.accessToken, 'access token');
  }
  const credentialProfiles = new Set([...seed.credentials.map((c) => c?.profileName), ...(seed.roles ?? []).map((r) => r?.profileName)]);
  if (check.isArray('identityCenter.assignments', center.assignments)) {
    center.assignments.forEach((assignment, i) => {
      const path = `identityCenter.assignments[${i}]`;
      if (!check.isObject(path, assignment)) return;
      if (check.string(`${path}.session`, assignment.session) && !sessionNames.has(assignment.session)) {
        check.fail(`${path}.session`, `session "${assignment.session}" is not in identityCenter.sessions`);
      }
      if (check.string(`${path}.accountId`, assignment.accountId) && !accountIds.has(assignment.accountId)) {
        check.fail(`${path}.accountId`, `account "${assignment.accountId}" is not in accounts`);
      }
      check.string(`${path}.roleName`, assignment.roleName, { pattern: ROLE_NAME, patternHint: 'an IAM role name' });
      if (check.isArray(`${path}.accessLevels`, assignment.accessLevels, { optional: true })) {
        assignment.accessLevels.forEach((level, j) => check.string(`${path}.accessLevels[${j}]`, level, { oneOf: ACCESS_LEVELS }));
      }
      if (check.string(`${path}.profileName`, assignment.profileName, { optional: true, pattern: /^[A-Za-z0-9_.-]+$/, patternHint: 'a profile name (letters, digits, _ . -)' })) {
        if (credentialProfiles.has(assignment.profileName)) check.fail(`${path}.profileName`, `"${assignment.profileName}" is already the profile of a credential or role`);
      }
    });
    check.unique('identityCenter.assignments', center.assignments, (a) => (a ? `${a.session}/${a.accountId}/${a.roleName}` : undefined), 'assignment');
    check.unique('identityCenter.assignments', center.assignments, (a) => a?.profileName, 'profileName');
  }
}

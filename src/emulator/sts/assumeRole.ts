import { createHash, randomBytes } from 'node:crypto';
import { AwsError } from '../protocol/awsErrors';
import type { CredentialState, EmulatorState } from '../state/emulatorState';

export const stsErrors = {
  validation: (message: string) => new AwsError('ValidationError', message, 400),
  accessDenied: (message: string) => new AwsError('AccessDenied', message, 403),
  invalidAction: (action: string) => new AwsError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`, 400),
};

export interface AssumedRole {
  credential: CredentialState;
  assumedRoleId: string;
}

/** STS AssumeRole against the seed's roles: trust, MFA code and session length are checked as STS does. */
export function assumeRole(params: URLSearchParams, caller: CredentialState, state: EmulatorState, realNow: number): AssumedRole {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  const durationText = params.get('DurationSeconds');
  const serialNumber = params.get('SerialNumber');
  const tokenCode = params.get('TokenCode');
  const violations: string[] = [];
  const violation = (value: string | null, member: string, constraint: string) =>
    violations.push(`Value ${value === null ? 'null' : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`);
  if (roleArn === null) violation(null, 'roleArn', 'Member must not be null');
  else if (roleArn.length < 20 || roleArn.length > 2048) violation(roleArn, 'roleArn', 'Member must have length between 20 and 2048');
  if (sessionName === null) violation(null, 'roleSessionName', 'Member must not be null');
  else if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) violation(sessionName, 'roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}');
  const duration = durationText === null ? 3600 : Number(durationText);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) violation(durationText, 'durationSeconds', 'Member must have value between 900 and 43200');
  if (serialNumber !== null && (serialNumber.length < 9 || serialNumber.length > 256)) violation(serialNumber, 'serialNumber', 'Member must have length between 9 and 256');
  if (tokenCode !== null && !/^\d{6}$/.test(tokenCode)) violation(tokenCode, 'tokenCode', 'Member must satisfy regular expression pattern: [\\d]{6}');
  if (violations.length > 0) throw stsErrors.validation(`${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`);

  const role = state.roles.get(roleArn!);
  const notAuthorized = () => stsErrors.accessDenied(`User: ${caller.userArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  if (!role || (role.trustedPrincipals && !role.trustedPrincipals.includes(caller.userArn))) throw notAuthorized();
  if (role.mfaSerial !== undefined) {
    if (serialNumber === null || tokenCode === null) throw notAuthorized();
    if (serialNumber !== role.mfaSerial || tokenCode !== role.mfaCode) throw stsErrors.accessDenied('MultiFactorAuthentication failed with invalid MFA one time pass code. ');
  }
  if (duration > (role.maxSessionDurationSeconds ?? 3600)) throw stsErrors.validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

  const [, accountId, roleName] = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(role.roleArn)!;
  const credential: CredentialState = {
    profileName: `${roleName}/${sessionName}`,
    accessKeyId: `ASIA${randomText(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `FwoGZXIvYXdzE${randomBytes(120).toString('base64')}`,
    accountId,
    userArn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    accessLevels: role.accessLevels,
    expired: false,
    expiresAt: realNow + duration * 1000,
  };
  state.credentials.set(credential.accessKeyId, credential);
  return { credential, assumedRoleId: `${stableId('AROA', role.roleArn)}:${sessionName}` };
}

/** The UserId GetCallerIdentity reports: AIDA... for users, AROA...:session for role sessions. */
export function callerUserId(credential: CredentialState): string {
  const assumed = /:assumed-role\/([^/]+)\/(.+)$/.exec(credential.userArn);
  if (assumed) return `${stableId('AROA', `${credential.accountId}/${assumed[1]}`)}:${assumed[2]}`;
  return stableId('AIDA', credential.userArn);
}

function stableId(prefix: string, seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = createHash('sha256').update(seed).digest();
  return prefix + Array.from(bytes.subarray(0, 17), (b) => alphabet[b % 32]).join('');
}

function randomText(length: number, alphabet: string): string {
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}

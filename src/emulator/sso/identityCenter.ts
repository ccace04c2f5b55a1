import { createHash, randomBytes } from 'node:crypto';
import { AwsError } from '../protocol/awsErrors';
import { ACCESS_LEVELS, type SeedAccount, type SeedSsoAssignment, type SeedSsoSession } from '../seed/seedTypes';
import type { CredentialState, EmulatorState } from '../state/emulatorState';

/** How long the role credentials of GetRoleCredentials last (real time), as the portal's default of one hour. */
export const ROLE_CREDENTIALS_SECONDS = 3600;

/** The portal's modelled errors (restJson1: `x-amzn-ErrorType` and a `message`). */
export const ssoErrors = {
  unauthorized: () => new AwsError('UnauthorizedException', 'Session token not found or invalid', 401, { messageKey: 'message' }),
  invalidRequest: (message: string) => new AwsError('InvalidRequestException', message, 400, { messageKey: 'message' }),
  notFound: () => new AwsError('ResourceNotFoundException', 'The specified resource doesn\u2019t exist.', 404, { messageKey: 'message' }),
  tooManyRequests: () => new AwsError('TooManyRequestsException', 'HTTP 429 Unknown Code', 429, { messageKey: 'message' }),
};

/**
 * The ARN of the session a permission set gives in an account: IAM Identity Center names the role
 * `AWSReservedSSO_<permission set>_<16 hex digits>`; the emulator derives the digits from the account and role,
 * so seeds can name the products a user launched through it.
 */
export function ssoRoleSessionArn(accountId: string, roleName: string, userName: string): string {
  const suffix = createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16);
  return `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_${suffix}/${userName}`;
}

/** The signed-in session a bearer token belongs to; UnauthorizedException for an unknown, missing or expired one. */
export function sessionOfToken(state: EmulatorState, token: string | undefined): SeedSsoSession {
  const session = token === undefined ? undefined : state.ssoSessionsByToken.get(token);
  if (!session || state.expiredSsoSessions.has(session.name)) throw ssoErrors.unauthorized();
  return session;
}

export interface PortalAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
}

/** The accounts a session's user has at least one role in, in the order of the seed's accounts. */
export function accountsOf(state: EmulatorState, session: SeedSsoSession): PortalAccount[] {
  const assigned = new Set(assignmentsOf(state, session).map((assignment) => assignment.accountId));
  return [...state.accounts.values()].filter((account) => assigned.has(account.id)).map(portalAccount);
}

/** The roles (permission sets) of one account for a session's user; ResourceNotFoundException when it has none there. */
export function rolesOf(state: EmulatorState, session: SeedSsoSession, accountId: string): Array<{ roleName: string; accountId: string }> {
  const roles = assignmentsOf(state, session).filter((assignment) => assignment.accountId === accountId);
  if (roles.length === 0) throw ssoErrors.notFound();
  return roles.map((assignment) => ({ roleName: assignment.roleName, accountId }));
}

/** New temporary credentials of a role, known to the emulator's signature check from now on. */
export function roleCredentials(state: EmulatorState, session: SeedSsoSession, accountId: string, roleName: string, realNow: number): CredentialState {
  const assignment = assignmentsOf(state, session).find((candidate) => candidate.accountId === accountId && candidate.roleName === roleName);
  if (!assignment) throw ssoErrors.notFound();
  const credential: CredentialState = {
    profileName: `${session.name}/${accountId}/${roleName}`,
    accessKeyId: `ASIA${Array.from(randomBytes(16), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('')}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(120).toString('base64')}`,
    accountId,
    userArn: ssoRoleSessionArn(accountId, roleName, session.userName),
    accessLevels: assignment.accessLevels ?? [...ACCESS_LEVELS],
    expired: false,
    expiresAt: realNow + ROLE_CREDENTIALS_SECONDS * 1000,
  };
  state.credentials.set(credential.accessKeyId, credential);
  return credential;
}

function assignmentsOf(state: EmulatorState, session: SeedSsoSession): SeedSsoAssignment[] {
  return (state.seed.identityCenter?.assignments ?? []).filter((assignment) => assignment.session === session.name);
}

function portalAccount(account: SeedAccount): PortalAccount {
  return { accountId: account.id, accountName: account.name ?? account.alias ?? account.id, ...(account.email ? { emailAddress: account.email } : {}) };
}

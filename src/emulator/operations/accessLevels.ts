import { errors } from '../protocol/awsErrors';
import type { AccessLevel } from '../seed/seedTypes';
import type { Caller, OperationContext } from './context';

/**
 * AccessLevelFilter: `User` is what the caller launched (or requested), `Role` what anyone in the
 * caller's role did, `Account` everything in the account and region. A caller whose seed credential
 * lacks a level gets AccessDeniedException for it, as an IAM policy with servicecatalog:accountLevel
 * conditions would give.
 */
export function resolveAccessLevel(context: OperationContext, filter: { Key?: string; Value?: string } | undefined, defaultLevel: AccessLevel): AccessLevel {
  if (filter?.Value !== undefined && filter.Value !== 'self') {
    throw errors.invalidParameters(`AccessLevelFilter value '${filter.Value}' is not supported. The only supported value is self.`);
  }
  const level = (filter?.Key as AccessLevel | undefined) ?? defaultLevel;
  if (!context.caller.accessLevels.has(level)) throw accessDenied(context, `arn:aws:servicecatalog:${context.region}:${context.caller.accountId}:*`);
  return level;
}

/** The widest level the caller may use, for reads of single resources (Describe*, Execute). */
export function broadestLevel(caller: Caller): AccessLevel {
  if (caller.accessLevels.has('Account')) return 'Account';
  return caller.accessLevels.has('Role') ? 'Role' : 'User';
}

/** Whether a resource made by any of `owners` (user or session ARNs) is visible to the caller at `level`. */
export function visibleAtLevel(caller: Caller, level: AccessLevel, owners: Array<string | undefined>): boolean {
  if (level === 'Account') return true;
  const known = owners.filter((o): o is string => o !== undefined);
  if (known.includes(caller.userArn)) return true;
  if (level === 'User') return false;
  const callerRole = roleOf(caller.userArn);
  // An IAM user has no role: Role is the same as User for it.
  return callerRole !== undefined && known.some((owner) => roleOf(owner) === callerRole);
}

export function assertVisible(context: OperationContext, owners: Array<string | undefined>, resourceArn: string): void {
  if (!visibleAtLevel(context.caller, broadestLevel(context.caller), owners)) throw accessDenied(context, resourceArn);
}

function accessDenied(context: OperationContext, resource: string) {
  return errors.accessDenied(`User: ${context.caller.userArn} is not authorized to perform: servicecatalog:${context.operation} on resource: ${resource}`);
}

/** `<account>:<role name>` for role and assumed-role ARNs, undefined for users. */
function roleOf(arn: string): string | undefined {
  const assumed = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  if (assumed) return `${assumed[1]}:${assumed[2]}`;
  const role = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return role ? `${role[1]}:${role[2]}` : undefined;
}

/**
 * What a scope is and how it is named. A scope is what the extension lists products from and runs actions
 * through: a profile of the AWS files, named by its profile name, or a role that IAM Identity Center gives in
 * an account (a *discovered* role), named `sso SOURCE/ACCOUNT_ID/ROLE_NAME`. SOURCE is the sso-session's name,
 * or for legacy SSO profiles (no sso_session) their start URL.
 *
 * The space after `sso` keeps the two kinds apart: the SDK's config parser reads a section header of two words
 * (`[sso x/1/R]`) as a section kind it does not know and skips it, so no profile it reads is named like that.
 * `listProfiles` refuses the rare name that gets through (a credentials-file section whose role part holds
 * characters the parser's pattern lacks), so a name always means one thing.
 */
export interface DiscoveredRoleRef {
  /** The sso-session name, or the start URL of legacy SSO profiles. */
  source: string;
  accountId: string;
  roleName: string;
}

const prefix = 'sso ';
const discoveredPattern = /^sso (\S+)\/(\d{12})\/([\w+=,.@-]{1,64})$/;

export function discoveredScopeName(ref: DiscoveredRoleRef): string {
  return `${prefix}${ref.source}/${ref.accountId}/${ref.roleName}`;
}

/** The role a discovered scope name names; undefined for a profile name. */
export function parseDiscoveredScopeName(name: string): DiscoveredRoleRef | undefined {
  const match = discoveredPattern.exec(name);
  return match ? { source: match[1], accountId: match[2], roleName: match[3] } : undefined;
}

export function isDiscoveredScopeName(name: string): boolean {
  return discoveredPattern.test(name);
}

/** The names of the scopes of one source start with this. */
export function sourceScopePrefix(source: string): string {
  return `${prefix}${source}/`;
}

/**
 * The profile name "Add as a Profile" writes for a discovered role, and that copied AWS CLI commands use:
 * `SOURCE-ACCOUNT-ROLE` in the characters the SDK's parser takes in a profile name.
 */
export function profileNameForRole(ref: DiscoveredRoleRef, sourceLabel: string): string {
  return `${sourceLabel}-${ref.accountId}-${ref.roleName}`.replace(/[^\w\-@+.%:/]/g, '-');
}

/** How the view names a source: the session name, or the host of a legacy start URL. */
export function sourceLabel(source: string): string {
  if (!/^https?:\/\//.test(source)) return source;
  try {
    return new URL(source).host || source;
  } catch {
    return source;
  }
}

/**
 * The `--profile` of an AWS CLI command for a scope: the profile's own name, or for a discovered role the profile
 * "Add as a Profile" writes for it (the command works once the role is added).
 */
export function cliProfileName(scope: string): string {
  const role = parseDiscoveredScopeName(scope);
  return role ? profileNameForRole(role, sourceLabel(role.source)) : scope;
}

/** An account as a person reads it: "Payments Prod (123456789012)". */
export function accountLabel(account: { accountId: string; accountName?: string }): string {
  return account.accountName && account.accountName !== account.accountId ? `${account.accountName} (${account.accountId})` : account.accountId;
}

/** How commands name an IAM Identity Center source itself (to sign in to it): `sso SOURCE`. */
export function ssoSourceReference(source: string): string {
  return `${prefix}${source}`;
}

/** The source a reference names (`sso SOURCE`), or the source of a discovered scope name; undefined for a profile name. */
export function sourceOfReference(reference: string): string | undefined {
  const role = parseDiscoveredScopeName(reference);
  if (role) return role.source;
  return /^sso \S+$/.test(reference) ? reference.slice(prefix.length) : undefined;
}

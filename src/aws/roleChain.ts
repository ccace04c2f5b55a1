import type { ParsedIniData } from '@smithy/shared-ini-file-loader';

/** One `AssumeRole` of a chain: the settings of the role profile that asks for it. */
export interface RoleHop {
  profile: string;
  roleArn: string;
  sessionName?: string;
  externalId?: string;
  durationSeconds: number;
  mfaSerial?: string;
}

/**
 * A role profile whose `source_profile` chain ends at a `credential_process` profile: the extension
 * runs that helper itself (one per profile, capped, ended when given up) and assumes the roles in turn.
 */
export interface ProcessRoleChain {
  source: { profile: string; commandLine: string; accountId?: string };
  /** The innermost role first; the profile's own role last. */
  roles: RoleHop[];
}

/**
 * The chain of `profileName` when its credentials come, through one or more roles, from a
 * `credential_process`; `undefined` for any other source, which stays with the SDK's `fromIni`.
 * Follows `fromIni`'s order: a source profile with keys uses them even when it names a role.
 */
export function processRoleChain(profileName: string, sections: ParsedIniData): ProcessRoleChain | undefined {
  const roles: RoleHop[] = [];
  const seen = new Set<string>();
  for (let current = profileName; ; ) {
    const section = sections[current];
    if (!section || seen.has(current)) {
      return undefined;
    }
    seen.add(current);
    const isSource = current !== profileName;
    const has = (key: string) => section[key] !== undefined;
    if (isSource && has('aws_access_key_id') && has('aws_secret_access_key')) {
      return undefined;
    }
    if (isSource && has('credential_source') && !has('role_arn')) {
      return undefined;
    }
    if (has('role_arn') && has('source_profile') && !has('credential_source')) {
      roles.unshift(roleHop(current, section));
      current = section.source_profile!;
      continue;
    }
    if (!isSource || (has('role_arn') && has('credential_source') && !has('source_profile'))) {
      return undefined;
    }
    if ((has('web_identity_token_file') && has('role_arn')) || !has('credential_process')) {
      return undefined;
    }
    return {
      source: { profile: current, commandLine: section.credential_process!, ...(section.aws_account_id ? { accountId: section.aws_account_id } : {}) },
      roles,
    };
  }
}

function roleHop(profile: string, section: Record<string, string | undefined>): RoleHop {
  return {
    profile,
    roleArn: section.role_arn!,
    ...(section.role_session_name ? { sessionName: section.role_session_name } : {}),
    ...(section.external_id !== undefined ? { externalId: section.external_id } : {}),
    durationSeconds: parseInt(section.duration_seconds || '3600', 10),
    ...(section.mfa_serial ? { mfaSerial: section.mfa_serial } : {}),
  };
}

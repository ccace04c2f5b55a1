import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Seed } from './seed/seedTypes';

export const EMULATOR_SERVICES_SECTION = 'service-catalog-emulator';

export interface WriteAwsConfigOptions {
  /** The region written for a profile, by profile name; default the credential's region, else the first seed region. */
  regionsPerProfile?: Record<string, string>;
  /** The profile that gets `endpoint_url` instead of a `services` section; default the last one (when there are several). */
  endpointUrlProfile?: string;
  /**
   * Also write the seed's IAM Identity Center: an `[sso-session]` per session, a profile per assignment that
   * names one, and the token `aws sso login` would cache for each session under `<homeDir>/.aws/sso/cache/`.
   * The portal is reached through `AWS_ENDPOINT_URL_SSO` (the SDK's SSO clients read no `services` section).
   */
  identityCenter?: { homeDir: string };
}

/**
 * Writes `config` and `credentials` files whose profiles (one per seed credential, then one per seed
 * role that names a profile) point at the emulator through the SDK's standard mechanisms: most
 * profiles use `services = <section>` with a `[services <section>]` block for service_catalog and sts;
 * one uses the profile's own `endpoint_url`, so both routes are exercised.
 */
export function writeAwsConfig(
  dir: string,
  emulator: { endpoint: string },
  seed: Seed,
  options: WriteAwsConfigOptions = {},
): { configFile: string; credentialsFile: string; profiles: string[] } {
  mkdirSync(dir, { recursive: true });
  const profiles = seed.credentials.map((c) => c.profileName);
  const endpointUrlProfile = options.endpointUrlProfile ?? (profiles.length > 1 ? profiles[profiles.length - 1] : undefined);

  const config: string[] = [`# Written by the Service Catalog emulator for ${emulator.endpoint}`, ''];
  const credentials: string[] = [`# Written by the Service Catalog emulator: test credentials known only to the emulator.`, ''];
  for (const cred of seed.credentials) {
    const name = cred.profileName;
    config.push(name === 'default' ? '[default]' : `[profile ${name}]`);
    config.push(`region = ${options.regionsPerProfile?.[name] ?? cred.region ?? seed.regions[0]}`);
    config.push(name === endpointUrlProfile ? `endpoint_url = ${emulator.endpoint}` : `services = ${EMULATOR_SERVICES_SECTION}`);
    config.push('');

    credentials.push(`[${name}]`, `aws_access_key_id = ${cred.accessKeyId}`, `aws_secret_access_key = ${cred.secretAccessKey}`);
    if (cred.sessionToken) credentials.push(`aws_session_token = ${cred.sessionToken}`);
    credentials.push('');
  }
  // Roles the seed lets credentials assume: profiles resolved by the SDK through STS AssumeRole.
  for (const role of seed.roles ?? []) {
    if (!role.profileName || !role.sourceProfile) continue;
    const source = seed.credentials.find((c) => c.profileName === role.sourceProfile);
    config.push(`[profile ${role.profileName}]`);
    config.push(`region = ${options.regionsPerProfile?.[role.profileName] ?? source?.region ?? seed.regions[0]}`);
    config.push(`role_arn = ${role.roleArn}`, `source_profile = ${role.sourceProfile}`);
    if (role.mfaSerial) config.push(`mfa_serial = ${role.mfaSerial}`);
    config.push(`services = ${EMULATOR_SERVICES_SECTION}`, '');
    profiles.push(role.profileName);
  }
  if (options.identityCenter && seed.identityCenter) {
    for (const session of seed.identityCenter.sessions) {
      config.push(`[sso-session ${session.name}]`, `sso_start_url = ${session.startUrl}`, `sso_region = ${session.region}`, 'sso_registration_scopes = sso:account:access', '');
    }
    for (const assignment of seed.identityCenter.assignments) {
      if (!assignment.profileName) continue;
      config.push(`[profile ${assignment.profileName}]`);
      config.push(`region = ${options.regionsPerProfile?.[assignment.profileName] ?? seed.regions[0]}`);
      config.push(`sso_session = ${assignment.session}`, `sso_account_id = ${assignment.accountId}`, `sso_role_name = ${assignment.roleName}`);
      config.push(`services = ${EMULATOR_SERVICES_SECTION}`, '');
      profiles.push(assignment.profileName);
    }
    writeSsoTokenCache(options.identityCenter.homeDir, seed);
  }
  config.push(`[services ${EMULATOR_SERVICES_SECTION}]`);
  for (const service of ['service_catalog', 'sts']) config.push(`${service} =`, `  endpoint_url = ${emulator.endpoint}`);
  config.push('');

  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  writeFileSync(configFile, config.join('\n'));
  writeFileSync(credentialsFile, credentials.join('\n'), { mode: 0o600 });
  return { configFile, credentialsFile, profiles };
}

/** Where the AWS CLI caches the token of an sso-session: `~/.aws/sso/cache/<SHA-1 of the session name>.json`. */
export function ssoTokenCacheFile(homeDir: string, sessionName: string): string {
  return path.join(homeDir, '.aws', 'sso', 'cache', `${createHash('sha1').update(sessionName).digest('hex')}.json`);
}

/**
 * Writes, for every IAM Identity Center session of the seed, the token file `aws sso login --sso-session NAME`
 * leaves behind: valid for eight hours, or expired an hour ago for a session the seed marks `expired`.
 */
export function writeSsoTokenCache(homeDir: string, seed: Seed, now = Date.now()): string[] {
  const files: string[] = [];
  for (const session of seed.identityCenter?.sessions ?? []) {
    const file = ssoTokenCacheFile(homeDir, session.name);
    mkdirSync(path.dirname(file), { recursive: true });
    const expiresAt = new Date(now + (session.expired ? -3600 : 8 * 3600) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    writeFileSync(file, JSON.stringify({ startUrl: session.startUrl, region: session.region, accessToken: session.accessToken, expiresAt }, null, 2), { mode: 0o600 });
    files.push(file);
  }
  return files;
}

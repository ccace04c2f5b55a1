import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Seed } from './seed/seedTypes';

export const EMULATOR_SERVICES_SECTION = 'service-catalog-emulator';

export interface WriteAwsConfigOptions {
  /** The region written for a profile, by profile name; default the credential's region, else the first seed region. */
  regionsPerProfile?: Record<string, string>;
  /** The profile that gets `endpoint_url` instead of a `services` section; default the last one (when there are several). */
  endpointUrlProfile?: string;
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
  config.push(`[services ${EMULATOR_SERVICES_SECTION}]`);
  for (const service of ['service_catalog', 'sts']) config.push(`${service} =`, `  endpoint_url = ${emulator.endpoint}`);
  config.push('');

  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  writeFileSync(configFile, config.join('\n'));
  writeFileSync(credentialsFile, credentials.join('\n'), { mode: 0o600 });
  return { configFile, credentialsFile, profiles };
}

import type { ParsedIniData } from '@smithy/shared-ini-file-loader';
import type { AwsConfigFiles, Environment } from './configFiles';
import { resolveServiceEndpoint, type EndpointResolution } from './endpoints';

export type CredentialKind =
  | 'static'
  | 'assume-role'
  | 'sso'
  | 'process'
  | 'web-identity'
  | 'credential-source'
  | 'login'
  | 'none';

export interface AwsProfile {
  name: string;
  /** The profile's own `region`, if it has one. */
  region?: string;
  credentialKind: CredentialKind;
  /** Set when an assume-role profile asks for an MFA code. */
  mfaSerial?: string;
  /** The command line of a `process` profile: run by the extension, never shown (it may hold secrets). */
  credentialProcess?: string;
  /** `aws_account_id`, for credentials that do not name their account. */
  accountId?: string;
  serviceCatalogEndpoint: EndpointResolution;
  stsEndpoint: EndpointResolution;
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive' | 'legacy';
}

/**
 * What a profile's clients and credentials depend on: its section, the sections it points at
 * (`source_profile`, `sso_session`, `services`), and the endpoint variables of the environment.
 * Two reads with the same fingerprint need no new client; any other change of the files does not matter to it.
 */
export function profileFingerprint(name: string, sections: ParsedIniData, env: Environment): string {
  const involved: unknown[] = [];
  const seen = new Set<string>();
  for (let current: string | undefined = name; current !== undefined && !seen.has(current); current = sections[current]?.source_profile) {
    seen.add(current);
    const section = sections[current] ?? {};
    involved.push(current, section);
    if (section.sso_session) {
      involved.push(sections[`sso-session.${section.sso_session}`]);
    }
    if (section.services) {
      involved.push(sections[`services.${section.services}`]);
    }
  }
  const endpointVariables = Object.entries(env)
    .filter(([key]) => key.startsWith('AWS_ENDPOINT_URL') || key === 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS')
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([involved, endpointVariables]);
}

export interface ProfileCatalog {
  profiles: AwsProfile[];
  files: AwsConfigFiles;
  /** Each profile's fingerprint, by name. */
  fingerprints: Map<string, string>;
}

const sectionPrefixes = ['sso-session.', 'services.'];

/** The profiles of the shared files, `default` first, then by name. */
export function listProfiles(files: AwsConfigFiles, env: Environment): ProfileCatalog {
  const sections = mergeSections(files.config, files.credentials);
  const names = Object.keys(sections)
    .filter((name) => !sectionPrefixes.some((prefix) => name.startsWith(prefix)))
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));

  const profiles = names.map((name) => describeProfile(name, sections, env));
  const fingerprints = new Map(names.map((name) => [name, profileFingerprint(name, sections, env)]));
  return { profiles, files, fingerprints };
}

/** The regions to show for a profile: its own region, then the extra regions of the settings, without duplicates. */
export function profileRegions(profile: AwsProfile, extraRegions: readonly string[]): string[] {
  const regions = [profile.region, ...extraRegions].filter((region): region is string => !!region?.trim()).map((region) => region.trim());
  return [...new Set(regions)];
}

/** The same merge as the SDK's `parseKnownFiles`: the credentials file wins key by key. */
export function mergeSections(config: ParsedIniData, credentials: ParsedIniData): ParsedIniData {
  const merged: ParsedIniData = {};
  for (const file of [config, credentials]) {
    for (const [name, values] of Object.entries(file)) {
      merged[name] = { ...merged[name], ...values };
    }
  }
  return merged;
}

function describeProfile(name: string, sections: ParsedIniData, env: Environment): AwsProfile {
  const section = sections[name];
  const kind = credentialKind(section);
  return {
    name,
    region: section.region || undefined,
    credentialKind: kind,
    mfaSerial: section.role_arn ? section.mfa_serial : undefined,
    ...(kind === 'process' ? { credentialProcess: section.credential_process } : {}),
    ...(section.aws_account_id ? { accountId: section.aws_account_id } : {}),
    serviceCatalogEndpoint: resolveServiceEndpoint('Service Catalog', name, sections, env),
    stsEndpoint: resolveServiceEndpoint('STS', name, sections, env),
    maxAttempts: positiveInteger(section.max_attempts),
    retryMode: retryMode(section.retry_mode),
  };
}

/** Mirrors the order in which `fromIni` picks a credential source. */
function credentialKind(section: Record<string, string | undefined>): CredentialKind {
  if (section.role_arn && (section.source_profile || section.credential_source)) {
    return 'assume-role';
  }
  if (section.credential_source) {
    return 'credential-source';
  }
  if (section.aws_access_key_id && section.aws_secret_access_key) {
    return 'static';
  }
  if (section.web_identity_token_file && section.role_arn) {
    return 'web-identity';
  }
  if (section.credential_process) {
    return 'process';
  }
  if (section.sso_start_url || section.sso_session || section.sso_account_id || section.sso_role_name) {
    return 'sso';
  }
  if (section.login_session) {
    return 'login';
  }
  return 'none';
}

function positiveInteger(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

function retryMode(value: string | undefined): AwsProfile['retryMode'] {
  return value === 'standard' || value === 'adaptive' || value === 'legacy' ? value : undefined;
}

import { t } from '@vscode/l10n';
import type { ParsedIniData } from '@smithy/shared-ini-file-loader';
import type { AwsConfigFiles, Environment } from './configFiles';
import { resolveServiceEndpoint, ssoEndpointProblem, type EndpointResolution } from './endpoints';
import { processRoleChain, type ProcessRoleChain } from './roleChain';
import { isDiscoveredScopeName } from './scopeNames';
import { listSsoSources, type ProfileSsoSettings, type SsoSource } from './ssoSources';

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
  /** Set when an assume-role profile's credentials come, through its source profiles, from a `credential_process`. */
  processRoleChain?: ProcessRoleChain;
  /** `aws_account_id`, for credentials that do not name their account. */
  accountId?: string;
  serviceCatalogEndpoint: EndpointResolution;
  stsEndpoint: EndpointResolution;
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive' | 'legacy';
  /** The IAM Identity Center settings of an SSO profile. */
  sso?: ProfileSsoSettings;
  /** Why an SSO profile's portal endpoint is refused (http:// to another machine), if it is. */
  ssoEndpointProblem?: string;
  /** Set for a role discovered through IAM Identity Center rather than read from the AWS files. */
  identityCenter?: { source: SsoSource; accountId: string; roleName: string };
}

/**
 * What a profile's clients and credentials depend on: its section, the sections it points at
 * (`source_profile`, `sso_session`, `services`), and the endpoint variables of the environment.
 * Two reads with the same fingerprint need no new client; any other change of the files does not matter to it.
 */
export function profileFingerprint(name: string, sections: ParsedIniData, env: Environment, variables = endpointVariables(env)): string {
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
  return JSON.stringify([involved, variables]);
}

/** The variables of the environment that change endpoints, sorted (reading all of `process.env` is slow: once per listing). */
function endpointVariables(env: Environment): Array<[string, string | undefined]> {
  return Object.entries(env)
    .filter(([key]) => key.startsWith('AWS_ENDPOINT_URL') || key === 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS')
    .sort(([a], [b]) => a.localeCompare(b));
}

export interface ProfileCatalog {
  profiles: AwsProfile[];
  files: AwsConfigFiles;
  /** Each profile's fingerprint, by name. */
  fingerprints: Map<string, string>;
  /** The IAM Identity Center sessions (and legacy start URLs) whose accounts and roles can be discovered. */
  ssoSources: SsoSource[];
}

const sectionPrefixes = ['sso-session.', 'services.'];

/** The profiles of the shared files, `default` first, then by name. */
export function listProfiles(files: AwsConfigFiles, env: Environment): ProfileCatalog {
  const listing = startListing(files, env);
  return listing.finish(listing.names.map(listing.describe));
}

/**
 * The same, giving way to the event loop every `step` profiles: a config of thousands of profiles is read
 * in the extension host that every extension shares.
 */
export async function listProfilesInSteps(files: AwsConfigFiles, env: Environment, yieldToOthers: () => Promise<void>, step = 2_000): Promise<ProfileCatalog> {
  const listing = startListing(files, env);
  const profiles: Array<[AwsProfile, string]> = [];
  for (let start = 0; start < listing.names.length; start += step) {
    await yieldToOthers();
    profiles.push(...listing.names.slice(start, start + step).map(listing.describe));
  }
  return listing.finish(profiles);
}

function startListing(files: AwsConfigFiles, env: Environment) {
  const sections = mergeSections(files.config, files.credentials);
  const collator = new Intl.Collator();
  const all = Object.keys(sections).filter((name) => !sectionPrefixes.some((prefix) => name.startsWith(prefix)));
  // A name the extension gives discovered IAM Identity Center roles cannot also be a profile's.
  const reserved = all.filter(isDiscoveredScopeName);
  const names = all
    .filter((name) => !reserved.includes(name))
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : collator.compare(a, b)));
  const variables = endpointVariables(env);
  const endpointEnv: Environment = Object.fromEntries(variables);
  return {
    names,
    describe: (name: string): [AwsProfile, string] => [describeProfile(name, sections, endpointEnv), profileFingerprint(name, sections, env, variables)],
    finish: (described: Array<[AwsProfile, string]>): ProfileCatalog => {
      const profiles = described.map(([profile]) => profile);
      const problems = reserved.map((name) => ({
        file: files.paths.credentials,
        message: t('profile "{0}" is not shown: names of the form "sso SESSION/ACCOUNT/ROLE" are those of IAM Identity Center roles', name),
      }));
      return {
        profiles,
        files: problems.length > 0 ? { ...files, problems: [...files.problems, ...problems] } : files,
        fingerprints: new Map(described.map(([profile, fingerprint]) => [profile.name, fingerprint])),
        ssoSources: listSsoSources(sections, profiles, env),
      };
    },
  };
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
    ...withProcessRoleChain(kind, name, sections),
    ...(section.aws_account_id ? { accountId: section.aws_account_id } : {}),
    serviceCatalogEndpoint: resolveServiceEndpoint('Service Catalog', name, sections, env),
    stsEndpoint: resolveServiceEndpoint('STS', name, sections, env),
    maxAttempts: positiveInteger(section.max_attempts),
    retryMode: retryMode(section.retry_mode),
    sso: ssoSettings(section),
    ...(kind === 'sso' ? { ssoEndpointProblem: ssoEndpointProblem([name], sections, env) } : {}),
  };
}

function ssoSettings(section: Record<string, string | undefined>): AwsProfile['sso'] {
  if (!section.sso_session && !section.sso_start_url) {
    return undefined;
  }
  return {
    session: section.sso_session || undefined,
    startUrl: section.sso_start_url || undefined,
    region: section.sso_region || undefined,
    accountId: section.sso_account_id || undefined,
    roleName: section.sso_role_name || undefined,
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

function withProcessRoleChain(kind: CredentialKind, name: string, sections: ParsedIniData): Pick<AwsProfile, 'processRoleChain'> {
  const chain = kind === 'assume-role' ? processRoleChain(name, sections) : undefined;
  return chain ? { processRoleChain: chain } : {};
}

function positiveInteger(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

function retryMode(value: string | undefined): AwsProfile['retryMode'] {
  return value === 'standard' || value === 'adaptive' || value === 'legacy' ? value : undefined;
}

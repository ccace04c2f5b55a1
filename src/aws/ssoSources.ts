import { t } from '@vscode/l10n';
import type { ParsedIniData } from '@smithy/shared-ini-file-loader';
import { shellOption } from '../platform/shellQuote';
import type { Environment } from './configFiles';
import { ssoEndpointProblem } from './endpoints';
import { discoveredScopeName, sourceLabel, type DiscoveredRoleRef } from './scopeNames';

/** The IAM Identity Center settings of an SSO profile: which session (or legacy start URL and region), account and role. */
export interface ProfileSsoSettings {
  session?: string;
  startUrl?: string;
  region?: string;
  accountId?: string;
  roleName?: string;
}

/** What the sources need to know of a profile. */
interface SsoProfile {
  name: string;
  sso?: ProfileSsoSettings;
}

/**
 * Where IAM Identity Center roles are discovered from: an `[sso-session NAME]` of the config file, or the start
 * URL that legacy SSO profiles (`sso_start_url` without `sso_session`) share. Its token is the one
 * `aws sso login` caches for it.
 */
export interface SsoSource {
  kind: 'session' | 'legacy';
  /** The session name, or the legacy start URL: the SOURCE part of its scopes' names. */
  id: string;
  /** How the view names it: the session name, or the start URL's host for legacy profiles. */
  label: string;
  startUrl: string;
  /** `sso_region`: where its portal is, and the region its discovered roles list products in unless the settings add others. */
  region: string;
  /** The profiles that sign in through it, by name. */
  profiles: string[];
  /** What keeps it from working (a missing `sso_start_url` or `sso_region`), shown instead of its accounts. */
  problem?: string;
}

/**
 * The sources of the merged config sections: every sso-session, then each start URL of legacy SSO profiles. A
 * source whose portal endpoint would be refused (http:// to another machine) has that as its problem.
 */
export function listSsoSources(sections: ParsedIniData, profiles: readonly SsoProfile[], env: Environment = {}): SsoSource[] {
  const defaultProfile = env.AWS_PROFILE || 'default';
  const withEndpointChecked = (source: SsoSource): SsoSource =>
    source.problem ? source : { ...source, problem: ssoEndpointProblem([defaultProfile, ...source.profiles], sections, env) };
  const sessions: SsoSource[] = [];
  for (const [key, section] of Object.entries(sections)) {
    if (!key.startsWith('sso-session.')) continue;
    const name = key.slice('sso-session.'.length);
    const missing = ['sso_start_url', 'sso_region'].filter((setting) => !section[setting]);
    sessions.push({
      kind: 'session',
      id: name,
      label: name,
      startUrl: section.sso_start_url ?? '',
      region: section.sso_region ?? '',
      profiles: profiles.filter((profile) => profile.sso?.session === name).map((profile) => profile.name),
      problem: missing.length > 0 ? t('sso-session "{0}" has no {1} in the AWS config file', name, missing.join(', ')) : undefined,
    });
  }
  const legacy = new Map<string, SsoSource>();
  for (const profile of profiles) {
    const sso = profile.sso;
    if (!sso || sso.session || !sso.startUrl || !sso.region) continue;
    const existing = legacy.get(sso.startUrl);
    if (existing) {
      existing.profiles.push(profile.name);
    } else {
      legacy.set(sso.startUrl, { kind: 'legacy', id: sso.startUrl, label: sourceLabel(sso.startUrl), startUrl: sso.startUrl, region: sso.region, profiles: [profile.name] });
    }
  }
  return [...sessions.sort((a, b) => a.id.localeCompare(b.id)), ...legacy.values()].map(withEndpointChecked);
}

/** The profile that already names this account and role through this source, if the config has one. */
export function profileForRole<P extends SsoProfile>(source: SsoSource, ref: Omit<DiscoveredRoleRef, 'source'>, profiles: readonly P[]): P | undefined {
  return profiles.find((profile) => {
    const sso = profile.sso;
    if (!sso || sso.accountId !== ref.accountId || sso.roleName !== ref.roleName) return false;
    return source.kind === 'session' ? sso.session === source.id : !sso.session && sso.startUrl === source.startUrl;
  });
}

/** The scope name of a role of a source: the profile that names it when there is one, else the discovered name. */
export function scopeNameForRole(source: SsoSource, ref: Omit<DiscoveredRoleRef, 'source'>, profiles: readonly SsoProfile[]): string {
  return profileForRole(source, ref, profiles)?.name ?? discoveredScopeName({ source: source.id, ...ref });
}

/** The option of `aws sso login` for a source: its session, or (legacy) the first profile that uses it. */
export function ssoLoginOption(source: SsoSource): { option: '--sso-session' | '--profile'; value: string } {
  return source.kind === 'session' ? { option: '--sso-session', value: source.id } : { option: '--profile', value: source.profiles[0] ?? '' };
}

/** The command shown to the user, each value quoted as one shell word. */
export function ssoLoginCommand(source: SsoSource): string {
  const { option, value } = ssoLoginOption(source);
  return `aws sso login ${shellOption(option, value)}`;
}

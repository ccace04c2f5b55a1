import { t } from '@vscode/l10n';
import { isCredentialProblem, type AwsProblem } from '../aws/errors';
import type { AwsProfile } from '../aws/profiles';
import { relativeTime } from '../shared/recordFormat';
import type { ScopeState } from './productScope';

/**
 * The words next to a profile, role or region node: its count (and, while it shows the listing kept on disk,
 * how old it is), that it is loading and how far, or what failed.
 */
export function scopeSummary(state: ScopeState, now = Date.now()): { description: string; problem?: AwsProblem } {
  switch (state.kind) {
    case 'idle':
      return { description: '' };
    case 'loading':
      return { description: state.products ? t('{0} loaded so far…', state.products.length) : t('loading…') };
    case 'failed':
      return { description: state.problem.summary, problem: state.problem };
    case 'loaded': {
      const count = state.products.length === 1 ? t('1 product') : t('{0} products', state.products.length);
      const parts = [state.accessLevelFallback ? t('{0} · your own only', count) : count];
      if (state.savedAt !== undefined) {
        parts.push(asOf(state.savedAt, now));
      }
      return { description: parts.join(' · ') };
    }
  }
}

/** "as of 12 min ago": how old a listing kept on disk is, while it is shown and listed again. */
export function asOf(savedAt: number, now = Date.now()): string {
  return t('as of {0}', relativeTime(savedAt, now));
}

/** How a profile gets its credentials, in a few words. */
export function profileKindLabel(profile: AwsProfile): string {
  switch (profile.credentialKind) {
    case 'sso':
      return 'SSO';
    case 'assume-role':
      return profile.mfaSerial ? t('assume role with MFA') : t('assume role');
    case 'process':
      return 'credential_process';
    case 'static':
      return t('access keys');
    case 'web-identity':
      return t('web identity');
    case 'credential-source':
      return 'credential_source';
    case 'login':
      return t('console login');
    case 'none':
      return t('no credentials');
  }
}

/** What a failure node offers besides trying again: signing in, or opening the AWS config file. */
export function failureFollowUp(problem: AwsProblem): 'sso-login' | 'open-config' | 'none' {
  if (problem.ssoLoginCommand) {
    return 'sso-login';
  }
  return isCredentialProblem(problem) || problem.kind === 'invalid-config' || problem.kind === 'invalid-region' ? 'open-config' : 'none';
}

/** The lines of a profile's (or discovered role's) tooltip: credentials, endpoint, and each region's state. */
export function profileTooltipLines(profile: AwsProfile, regions: Array<{ region: string; state: ScopeState }>): string[] {
  const role = profile.identityCenter;
  const lines = role
    ? [t('IAM Identity Center: role {0} of account {1}, through {2}', role.roleName, role.accountId, role.source.label), t('Name in commands and records: {0}', profile.name)]
    : [t('Credentials: {0}', profileKindLabel(profile))];
  const endpoint = profile.serviceCatalogEndpoint;
  if (endpoint.kind === 'configured') {
    lines.push(t('Endpoint: {0} (from {1})', displayUrl(endpoint.endpoint.url), endpoint.endpoint.source));
  } else if (endpoint.kind === 'invalid') {
    lines.push(endpoint.message);
  }
  for (const { region, state } of regions) {
    lines.push(`${region}: ${scopeSummary(state).description || t('not loaded yet')}`);
    if (state.kind === 'failed') {
      lines.push(state.problem.detail, ...(state.problem.fix ? [state.problem.fix] : []));
    }
    if (state.kind === 'loaded' && state.accessLevelFallback) {
      lines.push(t('Account-wide listing was denied, so only the products you launched are shown.'));
    }
  }
  return lines;
}

/** An endpoint URL without any user name or password it may carry. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

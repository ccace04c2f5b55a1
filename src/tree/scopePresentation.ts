import { t } from '@vscode/l10n';
import { isCredentialProblem, type AwsProblem } from '../aws/errors';
import type { AwsProfile } from '../aws/profiles';
import type { ScopeState } from './productScope';

/** The words next to a profile or region node: its count, that it is loading, or what failed. */
export function scopeSummary(state: ScopeState): { description: string; problem?: AwsProblem } {
  switch (state.kind) {
    case 'idle':
      return { description: '' };
    case 'loading':
      return { description: t('loading…') };
    case 'failed':
      return { description: state.problem.summary, problem: state.problem };
    case 'loaded': {
      const count = state.products.length === 1 ? t('1 product') : t('{0} products', state.products.length);
      return { description: state.accessLevelFallback ? t('{0} · your own only', count) : count };
    }
  }
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

/** The lines of a profile's tooltip: credentials, endpoint, and each region's state. */
export function profileTooltipLines(profile: AwsProfile, regions: Array<{ region: string; state: ScopeState }>): string[] {
  const lines = [t('Credentials: {0}', profileKindLabel(profile))];
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

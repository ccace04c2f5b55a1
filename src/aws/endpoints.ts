import { t } from '@vscode/l10n';
import type { ParsedIniData } from '@smithy/shared-ini-file-loader';
import type { Environment } from './configFiles';

/** The services whose endpoints the extension resolves itself, by their SDK service id. */
export type ServiceId = 'Service Catalog' | 'STS' | 'SSO' | 'SSO OIDC';

export interface ConfiguredEndpoint {
  url: string;
  /** Where the endpoint came from, for the tooltip and the log: never a secret. */
  source: string;
}

export type EndpointResolution =
  | { kind: 'default' }
  | { kind: 'configured'; endpoint: ConfiguredEndpoint }
  | { kind: 'invalid'; message: string };

/**
 * Resolves a service endpoint for one profile with the SDK's precedence: the service's environment
 * variable, `AWS_ENDPOINT_URL`, the profile's `services` section, the profile's own `endpoint_url`.
 * The SDK does this lookup for `AWS_PROFILE` only, whatever profile a client uses, so an extension
 * that shows several profiles at once must do it per profile and pass the result as `endpoint`.
 */
export function resolveServiceEndpoint(
  serviceId: ServiceId,
  profileName: string,
  sections: ParsedIniData,
  env: Environment,
): EndpointResolution {
  const profile = sections[profileName] ?? {};
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) || isTrue(profile.ignore_configured_endpoint_urls)) {
    return { kind: 'default' };
  }

  const serviceVariable = ['AWS_ENDPOINT_URL', ...serviceId.split(' ').map((word) => word.toUpperCase())].join('_');
  // Where each candidate comes from is worded only for the one used: a config of thousands of profiles resolves them all.
  const candidates: Array<[string | undefined, () => string]> = [
    [env[serviceVariable], () => t('environment variable {0}', serviceVariable)],
    [env.AWS_ENDPOINT_URL, () => t('environment variable {0}', 'AWS_ENDPOINT_URL')],
  ];

  if (profile.services) {
    const section = sections[`services.${profile.services}`];
    if (!section) {
      return {
        kind: 'invalid',
        message: t('profile "{0}" names services section "{1}", which is not in the config file', profileName, profile.services),
      };
    }
    const serviceKey = serviceId.split(' ').map((word) => word.toLowerCase()).join('_');
    candidates.push([section[`${serviceKey}.endpoint_url`], () => `[services ${profile.services}] ${serviceKey} endpoint_url`]);
  }
  candidates.push([profile.endpoint_url, () => t('endpoint_url of profile "{0}"', profileName)]);

  for (const [url, source] of candidates) {
    if (url) {
      return validated(url, source());
    }
  }
  return { kind: 'default' };
}

/**
 * Why the SDK's IAM Identity Center clients (the portal's, and the OIDC client that refreshes a session's token)
 * must not be built: they find their endpoint themselves (`AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL_SSO_OIDC`,
 * `AWS_ENDPOINT_URL`, then a profile's `services` or `endpoint_url`), so the endpoint they would reach is checked
 * here for each profile they may read it from, with the rules of every other endpoint (http:// only to this machine).
 */
export function ssoEndpointProblem(profileNames: readonly string[], sections: ParsedIniData, env: Environment): string | undefined {
  for (const serviceId of ['SSO', 'SSO OIDC'] as const) {
    for (const name of new Set(profileNames)) {
      const resolution = resolveServiceEndpoint(serviceId, name, sections, env);
      if (resolution.kind === 'invalid') {
        return resolution.message;
      }
    }
  }
  return undefined;
}

function validated(url: string, source: string): EndpointResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'invalid', message: t('the endpoint in {0} is not a URL', source) };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { kind: 'invalid', message: t('the endpoint in {0} must start with https:// or http://', source) };
  }
  // Over http:// the signed requests and the session token they carry travel in clear: only to this machine.
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    return {
      kind: 'invalid',
      message: t('the endpoint in {0} uses http:// for {1}: only this machine (127.0.0.1, localhost, [::1]) may be reached without https://', source, parsed.host),
    };
  }
  return { kind: 'configured', endpoint: { url, source } };
}

/** 127.0.0.0/8, localhost and [::1]: requests that never leave the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === 'true';
}

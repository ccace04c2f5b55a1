/** Client settings tests and benchmarks may add to the SSO clients (never an endpoint). */
export type SsoClientOverrides = { maxAttempts?: number; requestHandler?: unknown; retryStrategy?: unknown };

/** Requests that hang give up after this long (the SDK retries them), as the Service Catalog clients do. */
const requestTimeoutMs = 30_000;
const connectionTimeoutMs = 5_000;

/**
 * The settings of both clients of IAM Identity Center's portal: the one `fromSSO` builds for GetRoleCredentials
 * (it copies this `clientConfig` and adds the `sso_region`), and the one that lists accounts and roles. Neither
 * names an endpoint, so both find it the SDK's standard way, `AWS_ENDPOINT_URL_SSO` first (the nested client of
 * `fromSSO` reads no `services` section of a profile): what reaches one reaches the other.
 */
export function ssoClientConfig(region: string | undefined, overrides: SsoClientOverrides = {}): Record<string, unknown> {
  return {
    ...(region ? { region } : {}),
    requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: connectionTimeoutMs },
    ...overrides,
  };
}

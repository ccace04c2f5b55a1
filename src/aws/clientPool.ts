import type { ServiceCatalogClient, ServiceCatalogClientConfig } from '@aws-sdk/client-service-catalog';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { scopeCredentials, type CredentialOptions } from './credentials';
import { ProfileConfigError } from './errors';
import { loadAwsSdk } from './loadSdk';
import type { AwsProfile } from './profiles';

export interface ClientPoolOptions extends CredentialOptions {
  /** Extra client settings, for tests and benchmarks (never endpoints: those come from the AWS config). */
  clientOverrides?: Pick<ServiceCatalogClientConfig, 'maxAttempts' | 'retryStrategy' | 'requestHandler'>;
}

/** Requests that hang (a dropped connection) give up after this long and are retried by the SDK. */
const requestTimeoutMs = 30_000;
const connectionTimeoutMs = 5_000;

/**
 * One `ServiceCatalogClient` per scope (profile or discovered role) and region, created on first use. The SDK
 * is loaded only then, which keeps it out of the extension's activation. Every attempt of every request goes
 * through the limiter under the scope's name.
 */
export class ServiceCatalogClientPool {
  private readonly clients = new Map<string, { profile: AwsProfile; client: Promise<ServiceCatalogClient> }>();
  private readonly credentials = new Map<string, AwsCredentialIdentityProvider>();
  /** The profiles of the AWS files as last read, by name: a caller holding an older copy still gets today's settings. */
  private current = new Map<string, AwsProfile>();
  private readonly retiring = new Set<NodeJS.Timeout>();

  constructor(private options: ClientPoolOptions) {}

  client(requested: AwsProfile, region: string): Promise<ServiceCatalogClient> {
    const profile = this.current.get(requested.name) ?? requested;
    const key = `${profile.name}\u0000${region}`;
    const cached = this.clients.get(key);
    if (cached?.profile === profile) {
      return cached.client;
    }
    const client = this.create(profile, region);
    if (this.current.get(profile.name) === profile || this.current.size === 0) {
      this.clients.set(key, { profile, client });
      client.catch(() => this.clients.get(key)?.client === client && this.clients.delete(key));
      if (cached) {
        this.retire(cached.client);
      }
    }
    return client;
  }

  /** The profiles as the AWS files now say; clients of a profile whose settings changed are replaced on next use. */
  useProfiles(profiles: readonly AwsProfile[]): void {
    this.current = new Map(profiles.map((profile) => [profile.name, profile]));
  }

  /** Forgets clients and credentials of some profiles (all without names), after their settings changed or their credentials were rejected. */
  invalidate(profileNames?: readonly string[], options?: Partial<ClientPoolOptions>): void {
    this.options = { ...this.options, ...options };
    const names = profileNames && new Set(profileNames);
    const affected = (name: string) => names === undefined || names.has(name);
    for (const [key, entry] of [...this.clients]) {
      if (affected(entry.profile.name)) {
        this.clients.delete(key);
        this.retire(entry.client);
      }
    }
    for (const name of [...this.credentials.keys()]) {
      if (affected(name)) {
        this.credentials.delete(name);
      }
    }
  }

  dispose(): void {
    for (const timer of this.retiring) {
      clearTimeout(timer);
    }
    for (const { client } of this.clients.values()) {
      void client.then((done) => done.destroy(), () => undefined);
    }
    this.clients.clear();
    this.credentials.clear();
  }

  /** Closes a replaced client once the requests it may still be serving are over (they time out after 30 s). */
  private retire(client: Promise<ServiceCatalogClient>): void {
    const timer = setTimeout(() => {
      this.retiring.delete(timer);
      void client.then((done) => done.destroy(), () => undefined);
    }, requestTimeoutMs + connectionTimeoutMs);
    timer.unref?.();
    this.retiring.add(timer);
  }

  private async create(profile: AwsProfile, region: string): Promise<ServiceCatalogClient> {
    if (profile.serviceCatalogEndpoint.kind === 'invalid') {
      throw new ProfileConfigError(profile.serviceCatalogEndpoint.message);
    }
    const { ServiceCatalogClient } = await loadAwsSdk();
    const endpoint = profile.serviceCatalogEndpoint.kind === 'configured' ? profile.serviceCatalogEndpoint.endpoint.url : undefined;
    const client = new ServiceCatalogClient({
      region,
      // The SDK reads settings such as retry_mode from this profile rather than from AWS_PROFILE (a discovered role has none).
      ...(profile.identityCenter ? {} : { profile: profile.name }),
      credentials: this.credentialsOf(profile),
      // Without an endpoint of its own, a profile must not inherit the one AWS_PROFILE configures.
      ...(endpoint ? { endpoint, useFipsEndpoint: false, useDualstackEndpoint: false } : { ignoreConfiguredEndpointUrls: true }),
      maxAttempts: profile.maxAttempts ?? 3,
      retryMode: profile.retryMode ?? 'standard',
      requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: connectionTimeoutMs },
      ...this.options.clientOverrides,
    });
    client.middlewareStack.use(this.options.limiter.plugin(profile.name));
    return client;
  }

  private credentialsOf(profile: AwsProfile): AwsCredentialIdentityProvider {
    let provider = this.credentials.get(profile.name);
    if (!provider) {
      provider = scopeCredentials(profile, this.options);
      this.credentials.set(profile.name, provider);
    }
    return provider;
  }
}

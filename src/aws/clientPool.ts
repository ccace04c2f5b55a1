import type { ServiceCatalogClient, ServiceCatalogClientConfig } from '@aws-sdk/client-service-catalog';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { profileCredentials, type CredentialOptions } from './credentials';
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
 * One `ServiceCatalogClient` per profile and region, created on first use. The SDK is loaded only
 * then, which keeps it out of the extension's activation.
 */
export class ServiceCatalogClientPool {
  private readonly clients = new Map<string, Promise<ServiceCatalogClient>>();
  private readonly credentials = new Map<string, AwsCredentialIdentityProvider>();

  constructor(private options: ClientPoolOptions) {}

  client(profile: AwsProfile, region: string): Promise<ServiceCatalogClient> {
    const key = `${profile.name}\u0000${region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.create(profile, region);
      this.clients.set(key, client);
      client.catch(() => this.clients.delete(key));
    }
    return client;
  }

  /** Forgets clients and credentials, after the AWS files changed or credentials were rejected. */
  invalidate(profileName?: string, options?: Partial<ClientPoolOptions>): void {
    this.options = { ...this.options, ...options };
    for (const key of [...this.clients.keys()]) {
      if (profileName === undefined || key.startsWith(`${profileName}\u0000`)) {
        void this.clients.get(key)?.then((client) => client.destroy(), () => undefined);
        this.clients.delete(key);
      }
    }
    if (profileName === undefined) {
      this.credentials.clear();
    } else {
      this.credentials.delete(profileName);
    }
  }

  dispose(): void {
    this.invalidate();
  }

  private async create(profile: AwsProfile, region: string): Promise<ServiceCatalogClient> {
    if (profile.serviceCatalogEndpoint.kind === 'invalid') {
      throw new ProfileConfigError(profile.serviceCatalogEndpoint.message);
    }
    const { ServiceCatalogClient } = await loadAwsSdk();
    const endpoint = profile.serviceCatalogEndpoint.kind === 'configured' ? profile.serviceCatalogEndpoint.endpoint.url : undefined;
    return new ServiceCatalogClient({
      region,
      // The SDK reads settings such as retry_mode from this profile rather than from AWS_PROFILE.
      profile: profile.name,
      credentials: this.credentialsOf(profile),
      // Without an endpoint of its own, a profile must not inherit the one AWS_PROFILE configures.
      ...(endpoint ? { endpoint, useFipsEndpoint: false, useDualstackEndpoint: false } : { ignoreConfiguredEndpointUrls: true }),
      maxAttempts: profile.maxAttempts ?? 3,
      retryMode: profile.retryMode ?? 'standard',
      requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: connectionTimeoutMs },
      ...this.options.clientOverrides,
    });
  }

  private credentialsOf(profile: AwsProfile): AwsCredentialIdentityProvider {
    let provider = this.credentials.get(profile.name);
    if (!provider) {
      provider = profileCredentials(profile, this.options);
      this.credentials.set(profile.name, provider);
    }
    return provider;
  }
}

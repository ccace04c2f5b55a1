import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ConfigFilePaths } from './configFiles';
import type { CredentialProcessRunner } from './credentialProcess';
import { CredentialsTimeoutError, MfaCancelledError, ProfileConfigError } from './errors';
import { loadAwsSdk } from './loadSdk';
import type { AwsProfile } from './profiles';
import type { SecretRedactor } from './secrets';

/** Asks the user for an MFA code; resolves `undefined` when they dismiss the prompt. */
export type MfaCodePrompt = (profile: string, mfaSerial: string) => Promise<string | undefined>;

export interface CredentialOptions {
  paths: ConfigFilePaths;
  askMfaCode: MfaCodePrompt;
  redactor: SecretRedactor;
  /** How long a credential source may take, not counting the time the user spends typing an MFA code. */
  timeoutMs: number;
  /** Runs the `credential_process` of process profiles (one helper per profile, ended when given up). */
  processes: CredentialProcessRunner;
}

const refreshBeforeExpiryMs = 5 * 60 * 1000;

/**
 * Credentials of one profile through the SDK's `fromIni` (or, for a `credential_process` profile, the
 * extension's `CredentialProcessRunner`), shared by all regions of the profile so an MFA code is asked
 * once, memoized until shortly before they expire, and bounded by a timeout so a hanging
 * `credential_process` cannot hang the tree: when it passes, the helper is ended.
 */
export function profileCredentials(profile: AwsProfile, options: CredentialOptions): AwsCredentialIdentityProvider {
  let cached: Promise<AwsCredentialIdentity> | undefined;

  const resolve = async (): Promise<AwsCredentialIdentity> => {
    const timer = new PausableTimeout(options.timeoutMs);
    const giveUp = new AbortController();
    try {
      const credentials = await timer.race(source(giveUp.signal, timer));
      options.redactor.remember(credentials.secretAccessKey, credentials.sessionToken);
      return credentials;
    } finally {
      giveUp.abort(new CredentialsTimeoutError(Math.round(options.timeoutMs / 1000)));
    }
  };

  const source = async (signal: AbortSignal, timer: PausableTimeout): Promise<AwsCredentialIdentity> => {
    if (profile.credentialKind === 'process' && profile.credentialProcess) {
      return options.processes.credentials(profile.name, profile.credentialProcess, signal, profile.accountId);
    }
    if (profile.stsEndpoint.kind === 'invalid' && usesSts(profile)) {
      throw new ProfileConfigError(profile.stsEndpoint.message);
    }
    const { fromIni } = await loadAwsSdk();
    const provider = fromIni({
      profile: profile.name,
      configFilepath: options.paths.config,
      filepath: options.paths.credentials,
      ignoreCache: true,
      clientConfig: stsClientConfig(profile),
      mfaCodeProvider: async (serial) => {
        timer.pause();
        try {
          const code = await options.askMfaCode(profile.name, serial);
          if (!code) {
            throw new MfaCancelledError();
          }
          return code;
        } finally {
          timer.resume();
        }
      },
    });
    return provider();
  };

  return () => {
    if (!cached) {
      cached = resolve();
      cached.then(
        (credentials) => {
          if (!credentials.expiration) {
            return;
          }
          const renewIn = credentials.expiration.getTime() - Date.now() - refreshBeforeExpiryMs;
          setTimeout(() => (cached = undefined), Math.max(0, renewIn)).unref?.();
        },
        () => (cached = undefined),
      );
    }
    return cached;
  };
}

/** Profiles whose credentials come from STS: a refused STS endpoint must stop them rather than fall back to AWS's own. */
function usesSts(profile: AwsProfile): boolean {
  return profile.credentialKind === 'assume-role' || profile.credentialKind === 'web-identity';
}

function stsClientConfig(profile: AwsProfile): Record<string, unknown> {
  const sts = profile.stsEndpoint;
  return sts.kind === 'configured' ? { endpoint: sts.endpoint.url } : { ignoreConfiguredEndpointUrls: true };
}

/** A timeout that stops counting while the user is being asked something. */
class PausableTimeout {
  private remainingMs: number;
  private startedAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private reject: ((error: Error) => void) | undefined;

  constructor(private readonly totalMs: number) {
    this.remainingMs = totalMs;
  }

  race<T>(work: Promise<T>): Promise<T> {
    const timeout = new Promise<never>((_resolve, reject) => {
      this.reject = reject;
      this.start();
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(this.timer));
  }

  pause(): void {
    clearTimeout(this.timer);
    this.remainingMs -= Date.now() - this.startedAt;
  }

  resume(): void {
    this.start();
  }

  private start(): void {
    this.startedAt = Date.now();
    this.timer = setTimeout(
      () => this.reject?.(new CredentialsTimeoutError(Math.round(this.totalMs / 1000))),
      Math.max(0, this.remainingMs),
    );
  }
}

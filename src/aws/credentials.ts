import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { CallLimiter, LimiterSlot } from './callLimiter';
import type { ConfigFilePaths } from './configFiles';
import type { CredentialProcessRunner } from './credentialProcess';
import { CredentialsTimeoutError, MfaCancelledError, ProfileConfigError } from './errors';
import { loadAwsSdk } from './loadSdk';
import { processRoleCredentials } from './processRoleCredentials';
import type { AwsProfile } from './profiles';
import type { SecretRedactor } from './secrets';
import { ssoClientConfig, type SsoClientOverrides } from './ssoClientConfig';
import type { SsoHelperProfiles } from './ssoHelperProfiles';

/** Asks the user for an MFA code; resolves `undefined` when they dismiss the prompt. */
export type MfaCodePrompt = (profile: string, mfaSerial: string) => Promise<string | undefined>;

export interface CredentialOptions {
  paths: ConfigFilePaths;
  askMfaCode: MfaCodePrompt;
  redactor: SecretRedactor;
  /** How long a credential source may take, not counting the time the user spends typing an MFA code. */
  timeoutMs: number;
  /** Resolving credentials is an AWS call too (STS, the SSO portal): it holds a slot of the profile's key. */
  limiter: CallLimiter;
  /** The profiles through which the SDK finds a discovered role's session token. */
  ssoProfiles: SsoHelperProfiles;
  ssoClientOverrides?: SsoClientOverrides;
  /** Runs the `credential_process` of process profiles (one helper per profile, ended when given up). */
  processes: CredentialProcessRunner;
}

const refreshBeforeExpiryMs = 5 * 60 * 1000;

/** The credentials of a scope: a profile's through `fromIni`, a discovered IAM Identity Center role's through `fromSSO`. */
export function scopeCredentials(profile: AwsProfile, options: CredentialOptions): AwsCredentialIdentityProvider {
  return profile.identityCenter ? discoveredRoleCredentials(profile, options) : profileCredentials(profile, options);
}

/**
 * Credentials of one profile through the SDK's `fromIni` (or, when a `credential_process` provides them,
 * directly or behind roles, the extension's `CredentialProcessRunner`), shared by all regions of the
 * profile so an MFA code is asked once, memoized until shortly before they expire, and bounded by a timeout so a hanging
 * `credential_process` cannot hang the tree: when it passes, the helper is ended.
 */
export function profileCredentials(profile: AwsProfile, options: CredentialOptions): AwsCredentialIdentityProvider {
  return memoizedUntilExpiry(async () => {
    // Held while the source works, given back while the user types an MFA code.
    const held: { slot?: LimiterSlot } = { slot: await options.limiter.acquire(profile.name) };
    const timer = new PausableTimeout(options.timeoutMs);
    const giveUp = new AbortController();
    try {
      const credentials = await timer.race(source(giveUp.signal, timer, held));
      options.redactor.remember(credentials.secretAccessKey, credentials.sessionToken);
      return credentials;
    } finally {
      held.slot?.release();
      giveUp.abort(new CredentialsTimeoutError(Math.round(options.timeoutMs / 1000)));
    }
  });

  async function source(signal: AbortSignal, timer: PausableTimeout, held: { slot?: LimiterSlot }): Promise<AwsCredentialIdentity> {
    if (profile.credentialKind === 'process' && profile.credentialProcess) {
      return options.processes.credentials(profile.name, profile.credentialProcess, signal, profile.accountId);
    }
    if (profile.stsEndpoint.kind === 'invalid' && usesSts(profile)) {
      throw new ProfileConfigError(profile.stsEndpoint.message);
    }
    if (profile.ssoEndpointProblem) {
      throw new ProfileConfigError(profile.ssoEndpointProblem);
    }
    const mfaCode = async (serial: string): Promise<string> => {
      // No slot is held while the user types.
      timer.pause();
      held.slot?.release();
      held.slot = undefined;
      try {
        const code = await options.askMfaCode(profile.name, serial);
        if (!code) {
          throw new MfaCancelledError();
        }
        return code;
      } finally {
        held.slot = await options.limiter.acquire(profile.name);
        timer.resume();
      }
    };
    if (profile.processRoleChain) {
      const stsClientConfigOfChain = { ...stsClientConfig(profile), ...(profile.region ? { region: profile.region } : {}) };
      return processRoleCredentials(profile.processRoleChain, signal, { processes: options.processes, stsClientConfig: stsClientConfigOfChain, mfaCode });
    }
    const { fromIni } = await loadAwsSdk();
    const provider = fromIni({
      profile: profile.name,
      configFilepath: options.paths.config,
      filepath: options.paths.credentials,
      ignoreCache: true,
      // An SSO profile's nested client is the portal's: it finds its endpoint as fromSSO's does (AWS_ENDPOINT_URL_SSO).
      clientConfig: profile.credentialKind === 'sso' ? ssoClientConfig(profile.sso?.region, options.ssoClientOverrides) : stsClientConfig(profile),
      mfaCodeProvider: mfaCode,
    });
    return provider();
  }
}

/**
 * Credentials of a role discovered through IAM Identity Center, from the SDK's `fromSSO` for its session (or
 * legacy start URL), account and role: the session's cached token (refreshed by the SDK when it can), then the
 * portal's GetRoleCredentials. Cached per role until shortly before they expire; nothing is written to the
 * user's AWS files.
 */
export function discoveredRoleCredentials(profile: AwsProfile, options: CredentialOptions): AwsCredentialIdentityProvider {
  const role = profile.identityCenter!;
  return memoizedUntilExpiry(async () => {
    const source = role.source;
    if (source.problem) {
      throw new ProfileConfigError(source.problem);
    }
    const { fromSSO } = await loadAwsSdk();
    const common = {
      ssoStartUrl: source.startUrl,
      ssoRegion: source.region,
      ssoAccountId: role.accountId,
      ssoRoleName: role.roleName,
      clientConfig: ssoClientConfig(source.region, options.ssoClientOverrides),
    };
    const helper = source.kind === 'session' ? await options.ssoProfiles.profileFor(source.id) : undefined;
    const provider = helper
      ? fromSSO({ ...common, ssoSession: source.id, profile: helper.profile, filepath: helper.filepath, configFilepath: options.paths.config, ignoreCache: true })
      : fromSSO(common);
    const credentials = await options.limiter.run(profile.name, () => new PausableTimeout(options.timeoutMs).race(provider()));
    options.redactor.remember(credentials.secretAccessKey, credentials.sessionToken);
    return credentials;
  });
}

/** Resolves once and shares the result until five minutes before the credentials expire (or it fails). */
function memoizedUntilExpiry(resolve: () => Promise<AwsCredentialIdentity>): AwsCredentialIdentityProvider {
  let cached: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    if (!cached) {
      const current = resolve();
      cached = current;
      current.then(
        (credentials) => {
          if (!credentials.expiration) {
            return;
          }
          const renewIn = credentials.expiration.getTime() - Date.now() - refreshBeforeExpiryMs;
          setTimeout(() => cached === current && (cached = undefined), Math.max(0, renewIn)).unref?.();
        },
        () => cached === current && (cached = undefined),
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

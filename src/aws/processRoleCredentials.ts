import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { CredentialProcessRunner } from './credentialProcess';
import { loadAwsSdk } from './loadSdk';
import type { ProcessRoleChain } from './roleChain';

export interface ProcessRoleOptions {
  processes: CredentialProcessRunner;
  /** The STS client settings of the profile asked for (region, endpoint), used for every role of the chain as `fromIni` does. */
  stsClientConfig: Record<string, unknown>;
  /** Resolves the code for an `mfa_serial`, or rejects when the user dismisses the prompt. */
  mfaCode: (serial: string) => Promise<string>;
}

/**
 * The credentials of a role whose source profile (maybe through other roles) runs a `credential_process`:
 * the helper is run by the `CredentialProcessRunner` (one per profile, capped, ended when `signal` gives up,
 * failures told without the command line), and each role is assumed in turn with the SDK's
 * `fromTemporaryCredentials`, as `fromIni` would with its own helper run.
 */
export async function processRoleCredentials(chain: ProcessRoleChain, signal: AbortSignal, options: ProcessRoleOptions): Promise<AwsCredentialIdentity> {
  const { fromTemporaryCredentials } = await loadAwsSdk();
  const { source } = chain;
  let credentials: AwsCredentialIdentityProvider = () => options.processes.credentials(source.profile, source.commandLine, signal, source.accountId);
  for (const role of chain.roles) {
    credentials = fromTemporaryCredentials({
      masterCredentials: credentials,
      params: {
        RoleArn: role.roleArn,
        ...(role.sessionName ? { RoleSessionName: role.sessionName } : {}),
        ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
        DurationSeconds: role.durationSeconds,
        ...(role.mfaSerial ? { SerialNumber: role.mfaSerial } : {}),
      },
      clientConfig: options.stsClientConfig,
      mfaCodeProvider: options.mfaCode,
    });
  }
  return credentials();
}

/**
 * The sandbox: the emulator with its sample seed on 127.0.0.1, and AWS files whose profiles point at it.
 * The entry of its own bundle, dist/sandbox.js, which the extension requires only when the sandbox
 * starts, so neither the main bundle nor activation carries the emulator or its seed.
 */
import { randomBytes } from 'node:crypto';
import { startEmulator, writeAwsConfig, type Seed } from '../emulator/index';
import sampleSeed from '../emulator/seeds/sample.json';
import type { SandboxControl, SandboxControllerOptions, SandboxServer, SandboxServerOptions } from './sandboxApi';
import { SandboxController } from './sandboxController';

export { SANDBOX_API_VERSION } from './sandboxApi';

export function createSandboxController(options: Omit<SandboxControllerOptions, 'startServer'>): SandboxControl {
  return new SandboxController({ ...options, startServer: startSandboxServer });
}

/** The loopback address the sandbox listens on; never anything else, whatever the caller asks. */
export const SANDBOX_HOST = '127.0.0.1';

/**
 * The sample seed with keys made for this session: the seed's own keys are public (in the repository and
 * in this bundle), so any local process could sign calls with them. Only the extension, which reads the
 * files written for the session, knows these.
 */
export function withSessionKeys(seed: Seed): Seed {
  const alphanumeric = (length: number) =>
    Array.from(randomBytes(length), (byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[byte % 32]).join('');
  return {
    ...seed,
    credentials: seed.credentials.map((credential) => ({
      ...credential,
      accessKeyId: `${credential.sessionToken ? 'ASIA' : 'AKIA'}${alphanumeric(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      ...(credential.sessionToken ? { sessionToken: randomBytes(96).toString('base64') } : {}),
    })),
  };
}

export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const seed = withSessionKeys(sampleSeed as unknown as Seed);
  const emulator = await startEmulator({
    seed,
    host: SANDBOX_HOST,
    port: 0,
    quiet: true,
    clockSpeed: options.clockSpeed ?? 1,
    // Only the extension's own clients talk to it: no admin API, and only requests addressed to 127.0.0.1.
    adminApi: false,
    requireLoopbackHost: true,
  });
  try {
    // The credentials file holds this session's keys, which only this emulator accepts and which sign
    // nothing anywhere else. "Credentials never in a file of ours" is about real credentials: these are
    // sample data, like the products, and the file is the user's alone (0600).
    const { configFile, credentialsFile, profiles } = writeAwsConfig(options.dir, emulator, seed);
    return {
      endpoint: emulator.endpoint,
      port: emulator.port,
      configFile,
      credentialsFile,
      environment: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
      profiles,
      regions: [...seed.regions],
      stop: () => emulator.stop(),
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/**
 * The sandbox: the emulator with its sample seed on 127.0.0.1, and AWS files whose profiles point at it.
 * The entry of its own bundle, dist/sandbox.js, which the extension requires only when the sandbox
 * starts, so neither the main bundle nor activation carries the emulator or its seed.
 */
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

export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const seed = sampleSeed as unknown as Seed;
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
    // The credentials file holds the sample seed's keys: made-up keys that only this emulator knows and
    // that sign nothing anywhere else. "Credentials never in a file of ours" is about real credentials;
    // these are sample data, like the products.
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

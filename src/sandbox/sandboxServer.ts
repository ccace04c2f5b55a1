/**
 * The sandbox: the Service Catalog emulator of test/emulator with its realistic sample seed, served on
 * 127.0.0.1, and the AWS config and credentials files whose profiles point at it.
 *
 * This file is the entry of its own bundle, dist/sandbox.js (scripts/sandboxBuild.mjs), which the
 * extension loads with a runtime `require` only when someone starts the sandbox: neither the main
 * bundle nor activation carries the emulator, the seed or the controller. The seed JSON is inlined
 * by the bundler; nothing is read from test/ at run time. No vscode import.
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
    // Nobody but the extension's own SDK clients talks to it: no admin API (it could reset, fault or
    // stop the sandbox, or read a seed file by path), and only requests addressed to 127.0.0.1.
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

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AwsContext, type AwsContextOptions } from '../../../src/aws/awsContext';
import { SecretRedactor } from '../../../src/aws/secrets';
import { startEmulator, writeAwsConfig, type RunningEmulator, type Seed } from '../../../src/emulator';
import { TEST_SEED_PATH } from '../../fixtures/seeds';

/** The emulator with the test seed, AWS files whose profiles point at it, and an AwsContext reading those files. */
export interface EmulatorFixture {
  emulator: RunningEmulator;
  seed: Seed;
  env: Record<string, string>;
  configFile: string;
  credentialsFile: string;
  redactor: SecretRedactor;
  context(options?: Partial<AwsContextOptions>): AwsContext;
  stop(): Promise<void>;
}

export async function startEmulatorFixture(options: { seed?: Seed | string; clockSpeed?: number } = {}): Promise<EmulatorFixture> {
  const seedSource = options.seed ?? TEST_SEED_PATH;
  const seed: Seed = typeof seedSource === 'string' ? (JSON.parse(readFileSync(seedSource, 'utf8')) as Seed) : seedSource;
  const emulator = await startEmulator({ seed, port: 0, quiet: true, clockSpeed: options.clockSpeed });
  const dir = mkdtempSync(path.join(tmpdir(), 'sc-fixture-'));
  const { configFile, credentialsFile } = writeAwsConfig(dir, emulator, seed);
  const env = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile };
  const redactor = new SecretRedactor();
  const contexts: AwsContext[] = [];
  return {
    emulator,
    seed,
    env,
    configFile,
    credentialsFile,
    redactor,
    context(overrides = {}) {
      const context = new AwsContext({
        env,
        redactor,
        askMfaCode: async () => undefined,
        acceptLanguage: () => 'en',
        ...overrides,
      });
      contexts.push(context);
      return context;
    },
    async stop() {
      contexts.forEach((context) => context.dispose());
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

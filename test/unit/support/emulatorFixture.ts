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
  /** With `identityCenter`: the HOME whose `.aws/sso/cache` holds the sessions' tokens. */
  homeDir: string;
  /** With `identityCenter`: what the SDK reads from the process environment to find the portal and the token cache. */
  processEnv: Record<string, string>;
  context(options?: Partial<AwsContextOptions>): AwsContext;
  stop(): Promise<void>;
}

/**
 * `identityCenter` also writes the seed's IAM Identity Center sessions and their token cache. The SDK reads the
 * token cache from HOME and the portal's endpoint from AWS_ENDPOINT_URL_SSO in the process environment (not the
 * AwsContext's `env`): a suite sets `processEnv` around its tests with `withProcessEnv`.
 */
export async function startEmulatorFixture(options: { seed?: Seed | string; clockSpeed?: number; identityCenter?: boolean } = {}): Promise<EmulatorFixture> {
  const seedSource = options.seed ?? TEST_SEED_PATH;
  const seed: Seed = typeof seedSource === 'string' ? (JSON.parse(readFileSync(seedSource, 'utf8')) as Seed) : seedSource;
  const emulator = await startEmulator({ seed, port: 0, quiet: true, clockSpeed: options.clockSpeed });
  const dir = mkdtempSync(path.join(tmpdir(), 'sc-fixture-'));
  const homeDir = path.join(dir, 'home');
  const { configFile, credentialsFile, profiles } = writeAwsConfig(dir, emulator, seed, options.identityCenter ? { identityCenter: { homeDir } } : {});
  const env = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile };
  // A discovered role takes its Service Catalog endpoint from AWS_PROFILE's profile, as the SDK does for a client without one.
  const processEnv = { ...env, HOME: homeDir, AWS_ENDPOINT_URL_SSO: emulator.endpoint, AWS_PROFILE: profiles[0] ?? 'default' };
  const redactor = new SecretRedactor();
  const contexts: AwsContext[] = [];
  return {
    emulator,
    seed,
    env,
    configFile,
    credentialsFile,
    redactor,
    homeDir,
    processEnv,
    context(overrides = {}) {
      const context = new AwsContext({
        env: options.identityCenter ? processEnv : env,
        storageDir: path.join(dir, 'storage'),
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

/** Sets these process environment variables around each test of the suite, and restores the others after. */
export function withProcessEnv(variables: () => Record<string, string>): void {
  let saved: NodeJS.ProcessEnv | undefined;
  beforeEach(() => {
    saved = { ...process.env };
    for (const key of Object.keys(process.env)) if (/^AWS_/.test(key)) delete process.env[key];
    Object.assign(process.env, variables());
  });
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved!)) delete process.env[key];
    Object.assign(process.env, saved);
  });
}

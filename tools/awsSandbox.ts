import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadSeed, startEmulator, writeAwsConfig, type RunningEmulator } from '../src/emulator';

export interface AwsSandboxOptions {
  /** A seed JSON file of the emulator (src/emulator/seeds/). */
  seedPath: string;
  /** Folder for the sandbox's HOME and its AWS config and credentials files. */
  dir: string;
  /** 0 picks a free port. */
  port?: number;
  /** How fast records advance; 1 is real time. */
  clockSpeed?: number;
  /** Print a line per request on stderr (for `npm start`); tests keep the emulator quiet. */
  logRequests?: boolean;
  /**
   * Also write the seed's IAM Identity Center sessions, with their token cache in the sandbox's HOME (default
   * true). Only a VS Code given that HOME (`isolateHome`) finds the tokens; desktop VS Code keeps the real one.
   */
  identityCenter?: boolean;
}

export interface AwsSandbox {
  emulator: RunningEmulator;
  /** The emulator's endpoint, `http://127.0.0.1:PORT`; its admin API is under `/_emulator/`. */
  endpoint: string;
  configFile: string;
  credentialsFile: string;
  /** The profile names written, one per seed credential. */
  profiles: string[];
  /** An empty HOME, so the machine's own ~/.aws never leaks in; with Identity Center, its `.aws/sso/cache` holds the sessions' tokens. */
  homeDir: string;
  /** The IAM Identity Center sessions written to the config (none without `identityCenter` or a seed that has them). */
  ssoSessions: string[];
  stop(): Promise<void>;
}

/** Starts the emulator and writes an AWS config whose profiles point at it. */
export async function startAwsSandbox(options: AwsSandboxOptions): Promise<AwsSandbox> {
  const seed = loadSeed(options.seedPath);
  const emulator = await startEmulator({
    seed,
    port: options.port ?? 0,
    quiet: !options.logRequests,
    ...(options.clockSpeed === undefined ? {} : { clockSpeed: options.clockSpeed }),
  });
  const awsDir = path.join(options.dir, 'aws');
  const homeDir = path.join(options.dir, 'home');
  fs.mkdirSync(awsDir, { recursive: true });
  fs.mkdirSync(homeDir, { recursive: true });
  const identityCenter = options.identityCenter !== false && seed.identityCenter !== undefined;
  const { configFile, credentialsFile, profiles } = writeAwsConfig(awsDir, emulator, seed, identityCenter ? { identityCenter: { homeDir } } : {});
  return {
    emulator,
    endpoint: emulator.endpoint,
    configFile,
    credentialsFile,
    profiles,
    homeDir,
    ssoSessions: identityCenter ? seed.identityCenter!.sessions.map((session) => session.name) : [],
    stop: () => emulator.stop(),
  };
}

export interface SandboxVariableOptions {
  /** Also give the process an empty HOME (code-server); desktop VS Code keeps the real one for its display. */
  isolateHome: boolean;
  /** Tell the suites inside the extension host where the emulator's admin API is. */
  exposeEmulatorToTests: boolean;
}

/** The variables that point the AWS SDK (and the suites) at the sandbox, through the standard mechanisms. */
export function sandboxVariables(sandbox: AwsSandbox, options: SandboxVariableOptions): Record<string, string> {
  const variables: Record<string, string> = {
    AWS_CONFIG_FILE: sandbox.configFile,
    AWS_SHARED_CREDENTIALS_FILE: sandbox.credentialsFile,
    // No instance metadata lookups from a test machine.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  if (options.isolateHome) {
    Object.assign(variables, {
      HOME: sandbox.homeDir,
      XDG_CONFIG_HOME: path.join(sandbox.homeDir, '.config'),
      XDG_DATA_HOME: path.join(sandbox.homeDir, '.local', 'share'),
      XDG_CACHE_HOME: path.join(sandbox.homeDir, '.cache'),
      XDG_STATE_HOME: path.join(sandbox.homeDir, '.local', 'state'),
    });
  }
  if (sandbox.ssoSessions.length > 0) {
    // The portal through the SDK's standard setting, which fromSSO's nested client reads; a discovered role has
    // no profile of its own, so its Service Catalog endpoint is AWS_PROFILE's, as for any client without one.
    variables.AWS_ENDPOINT_URL_SSO = sandbox.endpoint;
    if (sandbox.profiles.length > 0) variables.AWS_PROFILE = sandbox.profiles[0];
  }
  if (options.exposeEmulatorToTests) variables.SERVICE_CATALOG_TEST_EMULATOR = sandbox.endpoint;
  return variables;
}

/** A developer's AWS_PROFILE, keys or endpoint must not leak into a sandboxed VS Code, nor stale test settings. */
export function isLeakyVariable(name: string): boolean {
  return /^AWS_/i.test(name) || name.startsWith('SERVICE_CATALOG_');
}

/** This process's environment without the leaky variables, plus the sandbox's and `extra`. */
export function sandboxEnvironment(
  sandbox: AwsSandbox,
  options: SandboxVariableOptions & { extra?: Record<string, string> },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!isLeakyVariable(name)) env[name] = value;
  }
  return { ...env, ...sandboxVariables(sandbox, options), ...options.extra };
}

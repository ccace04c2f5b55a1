/**
 * What the extension and the sandbox bundle (dist/sandbox.js, built from sandboxServer.ts) agree on.
 * Types and a few lines only: the extension imports this file, never sandboxServer.ts or
 * sandboxController.ts (except for types), so the emulator, its seed and the controller stay out of
 * the main bundle.
 */
import * as path from 'node:path';
import type { Environment } from '../aws/configFiles';
import type { Logger } from '../platform/logger';

/** Bumped when the shapes below change, so the extension never drives a bundle it does not understand. */
export const SANDBOX_API_VERSION = 1;

export interface SandboxServerOptions {
  /** Where `config` and `credentials` are written (created when missing). */
  dir: string;
  /** How fast records run compared with real time; default 1 (a 10-second action takes 10 seconds). */
  clockSpeed?: number;
}

/** What the extension gives AwsContext.useEnvironment: only these two variables, nothing of the process's AWS_* ones. */
export type SandboxEnvironment = {
  AWS_CONFIG_FILE: string;
  AWS_SHARED_CREDENTIALS_FILE: string;
};

export interface SandboxServer {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  readonly port: number;
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly environment: SandboxEnvironment;
  /** The profiles written, one per credential of the sample seed. */
  readonly profiles: readonly string[];
  /** The regions that hold sample data. */
  readonly regions: readonly string[];
  /** Closes the server and cuts open connections. The files stay: the caller owns `dir`. */
  stop(): Promise<void>;
}

export type SandboxState = 'off' | 'starting' | 'on' | 'stopping';

export interface SandboxControllerOptions {
  /** Starts the emulator and writes its AWS files (`startSandboxServer`; tests may wrap it). */
  startServer(options: SandboxServerOptions): Promise<SandboxServer>;
  /** The folder that holds one sub-folder of AWS files per running sandbox (globalStorage/sandbox). */
  storageDir: string;
  /** Switches the extension's AWS files (AwsContext.useEnvironment). */
  useEnvironment(env: Environment | undefined): Promise<unknown>;
  /**
   * Drops the watched records of these profiles: a sandbox's records live in its memory only, so
   * once it stops (or a new one starts after a reload) they cannot be found again. Returns how many
   * were still in flight.
   */
  forgetRecords(profiles: ReadonlySet<string>): number;
  /** How fast sandbox records run; default real time. */
  clockSpeed?: number;
  log?: Logger;
  /** This extension host: it names the sub-folder, so each window's sandbox has its own files. */
  pid?: number;
  isProcessAlive?(pid: number): boolean;
}

export interface RunningSandbox {
  readonly endpoint: string;
  readonly environment: SandboxEnvironment;
  readonly profiles: readonly string[];
  readonly regions: readonly string[];
  /** Records of an earlier sandbox (before a reload) that were dropped when this one started. */
  readonly forgottenRecords: number;
}

/** What the extension drives of the sandbox bundle's controller (sandboxController.ts). */
export interface SandboxControl {
  readonly state: SandboxState;
  readonly current: RunningSandbox | undefined;
  readonly sessionDir: string;
  onDidChangeState(listener: (state: SandboxState) => void): { dispose(): void };
  start(): Promise<RunningSandbox>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/** What `require('dist/sandbox.js')` returns. */
export interface SandboxModule {
  SANDBOX_API_VERSION: number;
  startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer>;
  /** A controller whose `startServer` is this bundle's `startSandboxServer`. */
  createSandboxController(options: Omit<SandboxControllerOptions, 'startServer'>): SandboxControl;
}

/** The folder of one extension host's sandbox files, under the sandbox storage folder. */
export function sessionDirOf(storageDir: string, pid: number): string {
  return path.join(storageDir, String(pid));
}

/** The files a sandbox in `dir` uses (writeAwsConfig's names), known before it has written them. */
export function environmentOf(dir: string): SandboxEnvironment {
  return { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') };
}

import type { AwsContext } from '../aws/awsContext';
import type { Logger } from '../platform/logger';
import { loadSandboxModule } from './loadSandboxModule';
import { environmentOf, sessionDirOf, type RunningSandbox, type SandboxControl, type SandboxState } from './sandboxApi';

export interface SandboxSessionOptions {
  /** dist/sandbox.js: the emulator and the controller, loaded on the first start only. */
  bundlePath: string;
  /** Where each window's sandbox writes its AWS files (globalStorage/sandbox). */
  storageDir: string;
  aws: AwsContext;
  /** Drops the records of these profiles (they lived in a sandbox that is gone); returns how many were in flight. */
  forgetRecords(profiles: ReadonlySet<string>): number;
  onDidChangeState(state: SandboxState, running: RunningSandbox | undefined): void;
  log: Logger;
}

/**
 * This window's sandbox from off to on and back: loads the bundle's controller on the first start,
 * switches the AWS files the extension reads, and goes back to the user's files when a start fails.
 */
export class SandboxSession {
  private controller: SandboxControl | undefined;
  private launching: Promise<RunningSandbox> | undefined;

  constructor(private readonly options: SandboxSessionOptions) {}

  get state(): SandboxState {
    return this.controller?.state ?? (this.launching ? 'starting' : 'off');
  }

  get current(): RunningSandbox | undefined {
    return this.controller?.current;
  }

  /** Starts the sandbox, or joins the start under way; resolves once it runs. */
  launch(): Promise<RunningSandbox> {
    if (this.state === 'off') {
      // Before anything is loaded or awaited, so that a start after a reload never lists the user's
      // profiles or calls AWS meanwhile: the sandbox's files do not exist yet, which the view shows as starting.
      this.options.onDidChangeState('starting', undefined);
      void this.options.aws.useEnvironment(environmentOf(sessionDirOf(this.options.storageDir, process.pid))).catch(() => undefined);
    }
    this.launching ??= this.start().finally(() => (this.launching = undefined));
    return this.launching;
  }

  /** Stops the sandbox and returns to the user's AWS files; false when it was not on. */
  async stop(): Promise<boolean> {
    await this.launching?.catch(() => undefined);
    if (!this.controller || this.controller.state === 'off') {
      return false;
    }
    await this.controller.stop();
    return true;
  }

  dispose(): void {
    void this.controller?.dispose();
  }

  private async start(): Promise<RunningSandbox> {
    try {
      // Activation returns before the bundle is loaded.
      await new Promise((resolve) => setImmediate(resolve));
      return await this.loadController().start();
    } catch (error) {
      if (!this.controller || this.controller.state === 'off') {
        await this.options.aws.useEnvironment(undefined).catch(() => undefined);
        this.options.onDidChangeState('off', undefined);
      }
      throw error;
    }
  }

  private loadController(): SandboxControl {
    if (!this.controller) {
      const { storageDir, aws, forgetRecords, log } = this.options;
      const created = loadSandboxModule(this.options.bundlePath).createSandboxController({
        storageDir,
        useEnvironment: (env) => aws.useEnvironment(env),
        forgetRecords,
        log,
      });
      created.onDidChangeState((next) => this.options.onDidChangeState(next, created.current));
      this.controller = created;
    }
    return this.controller;
  }
}

import { promises as fs, rmSync } from 'node:fs';
import * as path from 'node:path';
import { silentLogger, type Logger } from '../platform/logger';
import { sessionDirOf, type RunningSandbox, type SandboxControl, type SandboxControllerOptions, type SandboxServer, type SandboxState } from './sandboxApi';

/**
 * Starts and stops the sandbox: the emulator with sample data on 127.0.0.1 and the AWS files that
 * point at it, and switches the extension's AWS files to them and back. It is part of the sandbox
 * bundle (dist/sandbox.js), so the main bundle carries none of it. No vscode import.
 *
 * Each extension host (window) has its own sub-folder, named by its pid, so two windows' sandboxes
 * never share files; folders of hosts that are gone are removed at the next start.
 */
export class SandboxController implements SandboxControl {
  private currentState: SandboxState = 'off';
  private server: SandboxServer | undefined;
  private running: RunningSandbox | undefined;
  private starting: Promise<RunningSandbox> | undefined;
  private stopping: Promise<void> | undefined;
  private readonly listeners = new Set<(state: SandboxState) => void>();
  private readonly log: Logger;
  private readonly pid: number;
  private disposed = false;

  constructor(private readonly options: SandboxControllerOptions) {
    this.log = options.log ?? silentLogger;
    this.pid = options.pid ?? process.pid;
  }

  get state(): SandboxState {
    return this.currentState;
  }

  /** The running sandbox, while it is on. */
  get current(): RunningSandbox | undefined {
    return this.running;
  }

  /** Where this window's sandbox writes its `config` and `credentials`. */
  get sessionDir(): string {
    return sessionDirOf(this.options.storageDir, this.pid);
  }

  onDidChangeState(listener: (state: SandboxState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Starts the sandbox, or returns the one running or starting. Fails (and leaves the real AWS files in use) when it cannot start. */
  start(): Promise<RunningSandbox> {
    if (this.running) {
      return Promise.resolve(this.running);
    }
    if (this.starting) {
      return this.starting;
    }
    const starting = (this.stopping ?? Promise.resolve()).then(() => this.doStart());
    this.starting = starting;
    if (!this.stopping) {
      this.setState('starting');
    }
    const forget = () => {
      if (this.starting === starting) {
        this.starting = undefined;
      }
    };
    starting.then(forget, forget);
    return starting;
  }

  /** Stops the sandbox (waiting for a start in progress) and goes back to the process's own AWS files. */
  stop(): Promise<void> {
    if (this.stopping) {
      return this.stopping;
    }
    if (this.currentState === 'off' && !this.starting) {
      return Promise.resolve();
    }
    const stopping = (this.starting ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.doStop())
      .finally(() => {
        this.stopping = undefined;
      });
    this.stopping = stopping;
    return stopping;
  }

  /** For deactivation: closes the server and removes the files without waiting; the AWS context is going away too. */
  dispose(): Promise<void> {
    this.disposed = true;
    const server = this.server;
    this.server = undefined;
    this.running = undefined;
    this.listeners.clear();
    this.currentState = 'off';
    removeDir(this.sessionDir);
    return server ? server.stop().catch(() => undefined) : Promise.resolve();
  }

  private async doStart(): Promise<RunningSandbox> {
    this.setState('starting');
    try {
      await this.removeStaleSessions();
      const server = await this.options.startServer({ dir: this.sessionDir, clockSpeed: this.options.clockSpeed });
      this.server = server;
      if (this.disposed) {
        throw new Error('The extension was deactivated while the sandbox started.');
      }
      const forgottenRecords = this.options.forgetRecords(new Set(server.profiles));
      await this.options.useEnvironment(server.environment);
      this.running = { endpoint: server.endpoint, environment: server.environment, profiles: server.profiles, regions: server.regions, forgottenRecords };
      this.log.info(`Sandbox started on ${server.endpoint} with ${server.profiles.length} profiles; AWS files in ${this.sessionDir}`);
      if (forgottenRecords > 0) {
        this.log.info(`Dropped ${forgottenRecords} record(s) of an earlier sandbox: they existed only in its memory`);
      }
      this.setState('on');
      return this.running;
    } catch (error) {
      const server = this.server;
      this.server = undefined;
      await server?.stop().catch(() => undefined);
      removeDir(this.sessionDir);
      if (!this.disposed) {
        await this.options.useEnvironment(undefined).catch(() => undefined);
      }
      this.setState('off');
      throw error;
    }
  }

  private async doStop(): Promise<void> {
    const server = this.server;
    if (!server || this.currentState === 'off') {
      return;
    }
    this.setState('stopping');
    this.server = undefined;
    this.running = undefined;
    try {
      const forgotten = this.options.forgetRecords(new Set(server.profiles));
      await this.options.useEnvironment(undefined);
      await server.stop();
      this.log.info(`Sandbox stopped${forgotten > 0 ? `; ${forgotten} record(s) it was running are no longer followed` : ''}; back to the AWS files of the environment`);
    } finally {
      removeDir(this.sessionDir);
      this.setState('off');
    }
  }

  /** Removes the folders of sandboxes whose extension host is gone (a crash, a killed window). */
  private async removeStaleSessions(): Promise<void> {
    const isAlive = this.options.isProcessAlive ?? processIsAlive;
    let entries: string[];
    try {
      entries = await fs.readdir(this.options.storageDir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const pid = Number(entry);
      if (/^\d+$/.test(entry) && pid !== this.pid && !isAlive(pid)) {
        removeDir(path.join(this.options.storageDir, entry));
      }
    }
  }

  private setState(state: SandboxState): void {
    if (state === this.currentState) {
      return;
    }
    this.currentState = state;
    for (const listener of [...this.listeners]) {
      try {
        listener(state);
      } catch (error) {
        this.log.error('A sandbox state listener failed', error);
      }
    }
  }
}

function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Best effort: a leftover folder holds only sample data and is removed by the next start.
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

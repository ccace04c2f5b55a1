import { spawn } from 'node:child_process';

export interface CappedProcessLimits {
  /** More on stdout than this ends the process: its answer cannot be that big. */
  maxStdoutBytes: number;
  /** Only the last bytes of stderr are kept; the rest is read and dropped. */
  stderrTailBytes: number;
  /** How long the process (and its children) get after SIGTERM before SIGKILL. */
  killGraceMs: number;
}

export const defaultCappedProcessLimits: CappedProcessLimits = { maxStdoutBytes: 64 * 1024, stderrTailBytes: 8 * 1024, killGraceMs: 2_000 };

export type CappedProcessResult =
  | { kind: 'exited'; exitCode: number | null; signal: NodeJS.Signals | null; stdout: string; stderrTail: string }
  /** It printed more than `maxStdoutBytes` and was ended. */
  | { kind: 'too-much-output'; stderrTail: string }
  /** It could not be started (`code`: ENOENT, EACCES...). */
  | { kind: 'not-started'; code: string };

export interface CappedProcess {
  readonly pid: number | undefined;
  /** Settles when the process has exited and its output is closed. */
  readonly result: Promise<CappedProcessResult>;
  /** Resolves once the process has exited and, after a `kill`, once every process of its group is gone too. */
  readonly gone: Promise<void>;
  /** Ends the process and its children: SIGTERM to the group, SIGKILL after the grace period. Resolves when they are gone. */
  kill(): Promise<void>;
}

/**
 * Runs a command line through the shell, as `child_process.exec` does, but with what exec lacks for a
 * helper that may misbehave: its output is capped as it arrives (so a process printing without end
 * neither fills memory nor blocks anything), stdin is closed, and it runs in a process group of its
 * own so that ending it ends the processes it started too.
 */
export function startCappedProcess(commandLine: string, limits: CappedProcessLimits = defaultCappedProcessLimits): CappedProcess {
  const posix = process.platform !== 'win32';
  const child = spawn(commandLine, { shell: true, detached: posix, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  const stdout: Buffer[] = [];
  let stdoutBytes = 0;
  let stderrTail = Buffer.alloc(0);
  let overflow = false;
  let exited = false;
  let killing: Promise<void> | undefined;

  const groupAlive = (): boolean => {
    if (child.pid === undefined) return false;
    if (!posix) return !exited;
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  const signalGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      if (posix) {
        process.kill(-child.pid, signal);
      } else {
        spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
      }
    } catch {
      // Already gone.
    }
  };

  const kill = (): Promise<void> => {
    killing ??= (async () => {
      signalGroup('SIGTERM');
      const deadline = Date.now() + limits.killGraceMs;
      while (groupAlive() && Date.now() < deadline) {
        await pause(50);
      }
      if (groupAlive()) {
        signalGroup('SIGKILL');
        while (groupAlive()) {
          await pause(50);
        }
      }
    })();
    return killing;
  };

  const result = new Promise<CappedProcessResult>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (overflow) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > limits.maxStdoutBytes) {
        overflow = true;
        stdout.length = 0;
        void kill();
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const joined = Buffer.concat([stderrTail, chunk]);
      stderrTail = joined.subarray(Math.max(0, joined.length - limits.stderrTailBytes));
    });
    child.on('exit', () => (exited = true));
    child.on('error', (error: NodeJS.ErrnoException) => {
      exited = true;
      resolve({ kind: 'not-started', code: error.code ?? error.message });
    });
    child.on('close', (exitCode, signal) => {
      exited = true;
      const stderrText = stderrTail.toString('utf8');
      resolve(
        overflow
          ? { kind: 'too-much-output', stderrTail: stderrText }
          : { kind: 'exited', exitCode, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderrTail: stderrText },
      );
    });
  });

  const gone = result.then(async () => {
    // A process that exited may have left children in its group: they count until they are gone too, or ended.
    await (killing ?? Promise.resolve());
  });

  return { pid: child.pid, result, gone, kill };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

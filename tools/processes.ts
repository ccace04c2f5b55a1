import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Child processes started by the harness, each the leader of its own process group so that
 * stopping it also stops what it started (code-server's extension hosts, for example).
 */
const running = new Set<ChildProcess>();

export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** SIGTERM to the child's process group, then SIGKILL if it has not exited within `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child, 'SIGKILL'); // the leader is gone; make sure nothing it started lingers
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signalGroup(child, 'SIGKILL');
}

/** Kills every group still running; synchronous so it also works from an 'exit' handler. */
export function killAllGroupsNow(): void {
  for (const child of running) signalGroup(child, 'SIGKILL');
}

process.on('exit', killAllGroupsNow);

/**
 * Runs `cleanup` once on SIGINT/SIGTERM/SIGHUP, then exits with the conventional 128+signal code.
 * Returns a function that removes the handlers.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  let stopping = false;
  const codes: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    const forceExit = setTimeout(() => process.exit(codes[signal] ?? 1), 15_000);
    forceExit.unref();
    void cleanup()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(codes[signal] ?? 1));
  };
  for (const signal of Object.keys(codes) as NodeJS.Signals[]) process.on(signal, handler);
  return () => {
    for (const signal of Object.keys(codes) as NodeJS.Signals[]) process.off(signal, handler);
  };
}

/**
 * Calls `cleanup` when this process's parent goes away, e.g. `npm start` killed with SIGTERM: npm
 * passes the signal to its shell, which dies without passing it on, leaving this process orphaned.
 */
export function onParentExit(cleanup: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      cleanup();
    }
  }, 1000);
  timer.unref();
}

/** Resolves with the promise's value, or rejects with `message` after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (timed out after ${Math.round(ms / 1000)} s)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// The one polling helper of every test suite: unit tests in Node, the integration suites inside the extension
// host (scripts/build-tests.mjs bundles it into each suite), and the UI suites driving the VS Code window.

/** Thrown by a probe when what it waits for can no longer happen (the process it watches exited): `waitUntil` fails at once. */
export class StopWaiting extends Error {}

/**
 * Polls `probe` every `intervalMs` until it returns something other than undefined, null or false, and returns
 * that. A probe that throws is asked again (what it reads may be changing under it: a tree being rebuilt, a frame
 * navigating), unless it throws `StopWaiting`. After `timeoutMs` it fails saying what it waited for, with the
 * probe's last error if it had one.
 *
 * For conditions no single event or Playwright wait expresses: the emulator's counters, a log file, the
 * extension's state.
 */
export async function waitUntil<T>(
  what: string | (() => string),
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      if (error instanceof StopWaiting) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const description = typeof what === 'string' ? what : what();
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${description}${lastError === undefined ? '' : ` (last error: ${String(lastError)})`}`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

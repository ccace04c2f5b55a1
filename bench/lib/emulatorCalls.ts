import type { EmulatorCounters } from '../../src/emulator';

/** The calls the emulator answered between two readings of its counters, by operation (only those made). */
export function callsBetween(before: EmulatorCounters, after: EmulatorCounters): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const [operation, count] of Object.entries(after.calls)) {
    const delta = count - (before.calls[operation] ?? 0);
    if (delta > 0) calls[operation] = delta;
  }
  return calls;
}

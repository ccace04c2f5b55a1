import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { ConfigFilePaths } from './configFiles';

/**
 * Calls `onChange` when the AWS config or credentials file is created, edited, replaced or deleted.
 * Polling `stat` (about once a second) works for files outside the workspace, for files that do not
 * exist yet, for editors that save by renaming, and on remote hosts: the cost is two `stat` calls.
 */
export function watchConfigFiles(paths: ConfigFilePaths, onChange: () => void, options: { intervalMs?: number; debounceMs?: number } = {}): { dispose(): void } {
  const intervalMs = options.intervalMs ?? 1000;
  const debounceMs = options.debounceMs ?? 200;
  let pending: NodeJS.Timeout | undefined;
  const listener = (current: Stats, previous: Stats) => {
    if (current.mtimeMs === previous.mtimeMs && current.size === previous.size && current.ino === previous.ino) {
      return;
    }
    clearTimeout(pending);
    pending = setTimeout(onChange, debounceMs);
  };
  const files = [...new Set([paths.config, paths.credentials])];
  for (const file of files) {
    watchFile(file, { interval: intervalMs, persistent: false }, listener);
  }
  return {
    dispose: () => {
      clearTimeout(pending);
      for (const file of files) {
        unwatchFile(file, listener);
      }
    },
  };
}

import * as fs from 'node:fs';
import * as path from 'node:path';

export const extensionId = 'service-catalog-actions.service-catalog-actions';

/**
 * Each extension host that code-server starts logs to `<logsDir>/<session>/exthostN/remoteexthost.log`;
 * a window reload starts a new one. Returns them oldest first.
 */
export function extensionHostLogFiles(logsDir: string): string[] {
  const files: Array<{ file: string; mtime: number; n: number }> = [];
  for (const session of safeReaddir(logsDir)) {
    for (const hostDir of safeReaddir(path.join(logsDir, session))) {
      const match = /^exthost(\d+)$/.exec(hostDir);
      const file = path.join(logsDir, session, hostDir, 'remoteexthost.log');
      if (match && fs.existsSync(file)) files.push({ file, mtime: fs.statSync(file).birthtimeMs, n: Number(match[1]) });
    }
  }
  return files.sort((a, b) => a.mtime - b.mtime || a.n - b.n).map((entry) => entry.file);
}

/** True when the extension host that wrote `logFile` has activated our extension. */
export function hasActivated(logFile: string, id = extensionId): boolean {
  const text = fs.readFileSync(logFile, 'utf8');
  return text.includes(`ExtensionService#_doActivateExtension ${id},`) || text.includes(`ExtensionService#_doActivateExtension ${id} `);
}

/**
 * Waits until an extension host newer than the first `hostsBefore` ones has activated the extension.
 * Pass the count from before a reload to wait for the reloaded window's host.
 */
export async function waitForActivation(
  logsDir: string,
  options: { hostsBefore?: number; timeoutMs?: number; id?: string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const newer = extensionHostLogFiles(logsDir).slice(options.hostsBefore ?? 0);
    if (newer.some((file) => hasActivated(file, options.id))) return;
    if (Date.now() > deadline) {
      throw new Error(
        `The extension ${options.id ?? extensionId} did not activate in a new extension host within ${(options.timeoutMs ?? 30_000) / 1000} s (host logs: ${newer.join(', ') || 'none yet'})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

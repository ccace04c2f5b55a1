import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkbenchSession } from '../../runner/session';

/**
 * For a suite that runs its own VS Code session (test/l10n, test/vsix): registers an afterEach that keeps a
 * screenshot of the window under `resultsDir` when a test fails, and returns what its `after` calls before
 * closing the session, to keep the session's logs there too when any test failed.
 */
export function keepFailureArtifacts(resultsDir: string, session: () => WorkbenchSession | undefined): { saveLogsIfAnyFailed(): void } {
  let anyFailed = false;
  afterEach(async function () {
    const current = session();
    if (this.currentTest?.state !== 'failed' || !current) return;
    anyFailed = true;
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
    // Evidence for a failure already reported: a window that cannot be photographed must not add a second one.
    await current.page.screenshot({ path: file }).catch(() => undefined);
    console.error(`    screenshot: ${path.relative(process.cwd(), file)}`);
  });
  return {
    saveLogsIfAnyFailed() {
      const current = session();
      if (!anyFailed || !current) return;
      const destination = path.join(resultsDir, 'logs');
      current.saveLogs(destination);
      console.error(`    logs of code-server, the extension host and the workbench: ${path.relative(process.cwd(), destination)}`);
    },
  };
}

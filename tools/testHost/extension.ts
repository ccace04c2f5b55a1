// What `--extensionTestsPath` does on desktop, as an installed extension: a release build of VS Code's web workbench
// ignores extensionDevelopmentPath and extensionTestsPath in its URL. On activation it loads the module named by
// SERVICE_CATALOG_TEST_HOST_ENTRY, awaits its `run()`, and appends the lines the module logs with testHostLog()
// (tools/testHostLog.ts), then the result (0 when run() resolved, 1 when it rejected), to the report file
// SERVICE_CATALOG_TEST_HOST_REPORT that the runner follows (tools/testHost.ts). Bundled into each run's folder.
import { appendFileSync } from 'node:fs';
import type { TestHostReport } from '../testHost';
import { testHostLogGlobal } from '../testHostLog';

export function activate(): void {
  const entry = process.env.SERVICE_CATALOG_TEST_HOST_ENTRY;
  const reportFile = process.env.SERVICE_CATALOG_TEST_HOST_REPORT;
  if (!entry || !reportFile) return;
  const report = (value: TestHostReport): void => appendFileSync(reportFile, `${JSON.stringify(value)}\n`);
  (globalThis as Record<string, unknown>)[testHostLogGlobal] = (line: string) => report({ kind: 'log', text: line });

  void (async () => {
    let code = 0;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is chosen at run time, as VS Code's test runner loads it
      await (require(entry) as { run(): Promise<void> }).run();
    } catch (error) {
      console.error(error);
      report({ kind: 'log', text: `test host: run() of ${entry} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
      code = 1;
    }
    report({ kind: 'exit', code });
  })();
}

export function deactivate(): void {}

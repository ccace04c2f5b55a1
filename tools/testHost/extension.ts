// What `--extensionTestsPath` does on desktop, as an installed extension: a release build of VS Code's web workbench
// ignores extensionDevelopmentPath and extensionTestsPath in its URL. On activation it loads the module named by
// SERVICE_CATALOG_TEST_HOST_ENTRY, awaits its `run()`, and sends the lines the module logs with testHostLog()
// (tools/testHostLog.ts), then the result (0 when run() resolved, 1 when it rejected), to the harness at
// SERVICE_CATALOG_TEST_HOST_URL (tools/testHost.ts). Bundled by tools/testHost.ts into each run's folder.
import { testHostLogGlobal } from '../testHostLog';

export function activate(): void {
  const entry = process.env.SERVICE_CATALOG_TEST_HOST_ENTRY;
  const url = process.env.SERVICE_CATALOG_TEST_HOST_URL;
  if (!entry || !url) return;

  // One request at a time, so the harness gets the lines in the order they were written.
  let sent = Promise.resolve();
  const send = (kind: 'log' | 'exit', body: object): Promise<void> => {
    sent = sent
      .then(() => fetch(`${url}${kind}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }))
      .then(
        () => undefined,
        (error: unknown) => void process.stderr.write(`test host: could not reach the harness: ${String(error)}\n`),
      );
    return sent;
  };
  (globalThis as Record<string, unknown>)[testHostLogGlobal] = (line: string) => void send('log', { type: 'host', text: line });

  void (async () => {
    let code = 0;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is chosen at run time, as VS Code's test runner loads it
      await (require(entry) as { run(): Promise<void> }).run();
    } catch (error) {
      console.error(error);
      code = 1;
    }
    await send('exit', { code });
  })();
}

export function deactivate(): void {}

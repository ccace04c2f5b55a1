// Runs the mocha suites of test/integration/ inside a real VS Code extension host: code-server with the
// extension under development, opened in headless Chromium, against the emulator. Exits with the suites' result.
// The test host extension (tools/testHost/) runs them in the host and reports back (tools/testHost.ts).
//
//   npm run test:integration                      all suites, on the newest VS Code
//   SERVICE_CATALOG_VSCODE=oldest npm run test:integration    on the oldest supported one
//   npm run test:integration -- --grep Commands   only tests whose full title matches
//   npm run test:integration -- --verbose         also print the workbench's and the extension host's logs
//   npm run test:l10n                             the suites of test/integration/locale/ in a Japanese VS Code (--locale ja)
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { integrationReportPrefix, integrationTestEnv } from '../integration/testEnvironment';
import { extensionBundle, integrationTestsEntry, suiteResultsDir } from '../../tools/paths';
import { checkBuilt, MissingPrerequisiteError } from '../../tools/prerequisites';
import { onInterrupt, withTimeout } from '../../tools/processes';
import { startWorkbenchSession, type WorkbenchSession } from './session';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string', short: 'g', default: process.env[integrationTestEnv.grep] },
    verbose: { type: 'boolean', default: false },
    // VS Code's display language; the run is then of the suites of test/integration/locale/ only.
    locale: { type: 'string' },
  },
});
const runTimeoutMs = Number(process.env.SERVICE_CATALOG_TEST_RUN_TIMEOUT_MS ?? 10 * 60_000);
const logsDestination = suiteResultsDir(options.locale ? `integration-${options.locale}` : 'integration');
/** From mocha's closing line, `integration: N passed, N failed, N skipped`. */
let summary: { passed: number; failed: number } | undefined;

async function main(): Promise<number> {
  checkBuilt([
    { file: extensionBundle, buildCommand: 'npm run build' },
    { file: integrationTestsEntry, buildCommand: 'npm run build:tests' },
  ]);
  const started = Date.now();
  fs.rmSync(logsDestination, { recursive: true, force: true }); // a previous failure's logs
  let session: WorkbenchSession | undefined;
  onInterrupt(async () => session?.close());
  let exitCode = 1;
  try {
    session = await startWorkbenchSession({
      name: 'integration',
      extensionTestsPath: integrationTestsEntry,
      ...(options.locale ? { locale: options.locale } : {}),
      extraEnv: {
        [integrationTestEnv.prefixReport]: '1',
        ...(options.locale ? { [integrationTestEnv.locale]: options.locale } : {}),
        ...(options.grep ? { [integrationTestEnv.grep]: options.grep } : {}),
        ...(process.stdout.isTTY ? { [integrationTestEnv.color]: '1' } : {}),
      },
      onLog: printReportLine,
    });
    exitCode = await withTimeout(
      Promise.race([session.testsExit, endedWithoutResult(session)]),
      runTimeoutMs,
      'The integration suites did not finish',
    );
  } catch (error) {
    console.error(error instanceof MissingPrerequisiteError ? error.message : error);
  }
  // A pass needs mocha's summary too: a run() that resolved without running the suites is no pass.
  if (exitCode === 0 && (summary === undefined || summary.failed > 0)) {
    console.error(summary ? 'The workbench reported success but mocha reported failures.' : 'The extension host ended before mocha reported its summary (did it crash?).');
    exitCode = 1;
  }
  if (exitCode !== 0 && session) {
    session.saveLogs(logsDestination);
    console.error(`Integration run failed; logs of code-server, the extension host and the workbench are in ${logsDestination}`);
  }
  await session?.close();
  console.log(`Integration run took ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return exitCode;
}

/**
 * Settles with 1 when code-server or the extension host dies without the workbench reporting a result,
 * so a crash fails the run at once instead of at the run timeout. The host also exits after a normal
 * end, so its exit only counts when no result follows within a few seconds.
 */
function endedWithoutResult(session: WorkbenchSession): Promise<number> {
  const graceMs = 5_000;
  return new Promise((resolve) => {
    const fail = (reason: string): void => {
      setTimeout(() => {
        console.error(`${reason} before the suites reported a result.`);
        resolve(1);
      }, graceMs).unref();
    };
    session.server.process.once('exit', () => fail('code-server exited'));
    session.server.process.stdout?.on('data', (chunk: Buffer) => {
      const exited = /Extension Host Process exited with code: (\S+), signal: (\S+)\./.exec(chunk.toString());
      if (exited) fail(`The extension host exited (code ${exited[1]}, signal ${exited[2]})`);
    });
  });
}

function printReportLine(type: string, text: string): void {
  if (text.startsWith(integrationReportPrefix)) {
    const line = text.slice(integrationReportPrefix.length);
    const counts = /^integration: (\d+) passed, (\d+) failed/.exec(line);
    if (counts) summary = { passed: Number(counts[1]), failed: Number(counts[2]) };
    console.log(line);
  } else if (options.verbose) {
    console.log(`  [${type}] ${text}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

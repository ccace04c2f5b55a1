// The mocha entry that VS Code loads into the extension host (`extensionTestsPath`) and whose `run()`
// it awaits; the code-server runner (test/runner/runIntegration.ts) and the desktop runner
// (test/runner/runDesktop.ts) both point at its bundle, out/test/integration/index.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { testHostLog } from '../../tools/testHostLog';
import { observeStartup } from './helpers/startupCalls';
import { specReporterWithSummary } from '../runner/summaryReporter';
import { integrationReportPrefix, integrationTestEnv } from './testEnvironment';

export async function run(): Promise<void> {
  if (process.env[integrationTestEnv.prefixReport] === '1') {
    // The code-server runner prints the lines that carry the prefix; the rest of what the host logs goes to its log file.
    const write = testHostLog() ?? console.log;
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => write(integrationReportPrefix + format(...args));
  }

  // Before any suite touches the view: what activation and opening the view asked of AWS (activation.test.ts).
  if (!process.env[integrationTestEnv.locale]) await observeStartup();

  const grep = process.env[integrationTestEnv.grep];
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: process.env[integrationTestEnv.color] === '1',
    reporter: specReporterWithSummary('integration'),
    ...(grep ? { grep } : {}),
  });
  // The suites of locale/ expect a display language other than English, so they run only in a run that sets one.
  const localeRun = Boolean(process.env[integrationTestEnv.locale]);
  const localeDir = path.join(__dirname, 'locale') + path.sep;
  for (const file of findSuiteFiles(__dirname)) {
    if (file.startsWith(localeDir) === localeRun) mocha.addFile(file);
  }

  const { failures, tests } = await new Promise<{ failures: number; tests: number }>((resolve, reject) => {
    try {
      const runner = mocha.run((count) => resolve({ failures: count, tests: runner.stats?.tests ?? 0 }));
    } catch (error) {
      reject(error);
    }
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed.`);
  if (tests === 0) throw new Error(`No integration test ran${grep ? ` (nothing matched --grep ${grep})` : ''}.`);
}

function findSuiteFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return findSuiteFiles(file);
      return entry.name.endsWith('.test.js') ? [file] : [];
    })
    .sort();
}

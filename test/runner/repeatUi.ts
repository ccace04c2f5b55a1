// `npm run test:ui:repeat -- N`: the UI suites (test/e2e, the Japanese and Chinese UI of test/l10n, test/vsix) N times in a row,
// from one build of the extension and one package of it, then a table of how many of the N runs each test failed.
// Exits non-zero when any test failed in any run: a flaky test is measured, not retried into green.
//
//   npm run test:ui:repeat -- 5                          five runs of the three suites
//   npm run test:ui:repeat -- 3 --suite e2e              three runs of one suite (--suite again for another)
//   npm run test:ui:repeat -- 10 --suite e2e --grep Escape   only the tests whose full title matches
//
// Each run keeps its output and the results of each suite in test-results/repeat/run-<n>/, and the screenshots and
// logs of a suite that failed in test-results/repeat/run-<n>/<suite>/ (what the suite leaves in test-results/<suite>/).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { resultsFileEnv, type SuiteResults } from '../e2e/support/uiReporter';
import { repoRoot, suiteResultsDir, testResultsDir } from '../../tools/paths';

const suites = ['e2e', 'l10n', 'vsix'] as const;
type Suite = (typeof suites)[number];

/** The VSIX suite installs this package instead of packaging the extension itself (test/vsix/installedVsix.test.ts). */
const prebuiltVsixEnv = 'SERVICE_CATALOG_TEST_VSIX';
const repeatDir = path.join(testResultsDir, 'repeat');
const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');

interface Row {
  suite: Suite;
  title: string;
  failedRuns: number[];
  skippedRuns: number[];
  lastError?: string;
}

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run test:ui:repeat -- N [--suite e2e|l10n|vsix]... [--grep PATTERN]`);
  process.exit(2);
}

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    suite: { type: 'string', multiple: true },
    grep: { type: 'string' },
  },
});
const runs = Number(positionals[0]);
if (positionals.length !== 1 || !Number.isInteger(runs) || runs < 1) usage('How many runs? Give a whole number of at least 1.');
const chosen = (options.suite ?? [...suites]).map((name) => {
  if (!(suites as readonly string[]).includes(name)) usage(`Unknown suite "${name}".`);
  return name as Suite;
});

let interrupted = false;
process.on('SIGINT', () => {
  // The suite running now gets the same Ctrl+C and stops; then the table of the runs so far.
  interrupted = true;
});

async function main(): Promise<number> {
  fs.rmSync(repeatDir, { recursive: true, force: true });
  fs.mkdirSync(repeatDir, { recursive: true });
  const relative = (file: string): string => path.relative(process.cwd(), file);

  console.log('Building the extension once for every run (npm run build)...');
  if ((await run(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], path.join(repeatDir, 'build.log'))) !== 0) {
    console.error(`The build failed: ${relative(path.join(repeatDir, 'build.log'))}`);
    return 1;
  }
  const packageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-repeat-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (chosen.includes('vsix')) {
      console.log('Packaging the VSIX once for every run...');
      const { packageExtension } = (await import(path.join(repoRoot, 'scripts', 'package.mjs'))) as {
        packageExtension(options: { out: string; quiet: boolean }): string;
      };
      env[prebuiltVsixEnv] = packageExtension({ out: path.join(packageDir, 'service-catalog-actions.vsix'), quiet: true });
    }

    const rows = new Map<string, Row>();
    const crashes: string[] = [];
    let completed = 0;
    for (let n = 1; n <= runs && !interrupted; n++) {
      const runDir = path.join(repeatDir, `run-${n}`);
      for (const suite of chosen) {
        if (interrupted) break;
        console.log(`\n=== Run ${n} of ${runs}: ${suite} ===`);
        const resultsDir = suiteResultsDir(suite);
        fs.rmSync(resultsDir, { recursive: true, force: true }); // what an earlier run left: this run's only
        const resultsFile = path.join(runDir, `${suite}.json`);
        const args = [mocha, '--config', path.join('test', suite, '.mocharc.json'), ...(options.grep ? ['--grep', options.grep] : [])];
        const code = await run(process.execPath, args, path.join(runDir, `${suite}.log`), { ...env, [resultsFileEnv]: resultsFile });

        const results = readResults(resultsFile);
        for (const outcome of results?.outcomes ?? []) {
          const key = `${suite}\u0000${outcome.title}`;
          const row = rows.get(key) ?? { suite, title: outcome.title, failedRuns: [], skippedRuns: [] };
          rows.set(key, row);
          if (outcome.state === 'failed') {
            row.failedRuns.push(n);
            row.lastError = outcome.error;
          } else if (outcome.state === 'skipped') {
            row.skippedRuns.push(n);
          }
        }
        const failed = code !== 0 || (results?.outcomes ?? []).some((outcome) => outcome.state === 'failed');
        if (code !== 0 && !results?.outcomes.some((outcome) => outcome.state === 'failed')) {
          crashes.push(`run ${n}, ${suite}: mocha exited with ${code} ${results ? 'with no test failed' : 'before writing its results'} (output: ${relative(path.join(runDir, `${suite}.log`))})`);
        }
        if (failed && fs.existsSync(resultsDir)) {
          fs.cpSync(resultsDir, path.join(runDir, suite), { recursive: true });
          fs.rmSync(resultsDir, { recursive: true, force: true });
        }
      }
      if (!interrupted) completed = n;
    }

    printTable([...rows.values()], completed, crashes);
    const anyFailed = crashes.length > 0 || [...rows.values()].some((row) => row.failedRuns.length > 0);
    return interrupted ? 130 : anyFailed ? 1 : 0;
  } finally {
    fs.rmSync(packageDir, { recursive: true, force: true });
  }
}

/** Runs a command with its output shown here and kept in `logFile`; resolves with its exit code. */
function run(command: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));
    child.once('error', (error) => {
      log.end(`${error.message}\n`);
      resolve(1);
    });
    child.once('close', (code, signal) => {
      log.end();
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

function readResults(file: string): SuiteResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
  } catch {
    return undefined; // mocha stopped before its end: counted as a crash of that run
  }
}

function printTable(rows: Row[], completed: number, crashes: string[]): void {
  const relative = (file: string): string => path.relative(process.cwd(), file);
  console.log(`\n=== Failures per test over ${completed} complete run(s) of ${chosen.join(', ')} ===\n`);
  const lines = rows.map((row) => ({
    failures: `${row.failedRuns.length}/${completed}`,
    runs: row.failedRuns.length > 0 ? `run ${row.failedRuns.join(', ')}` : row.skippedRuns.length > 0 ? `skipped in ${row.skippedRuns.length}` : '',
    suite: row.suite,
    title: row.title,
  }));
  const width = (key: 'failures' | 'runs' | 'suite'): number => Math.max(key.length, ...lines.map((line) => line[key].length));
  const [failuresWidth, suiteWidth, runsWidth] = [width('failures'), width('suite'), width('runs')];
  console.log(`${'failures'.padStart(failuresWidth)}  ${'suite'.padEnd(suiteWidth)}  ${'runs'.padEnd(runsWidth)}  test`);
  for (const line of lines) {
    console.log(`${line.failures.padStart(failuresWidth)}  ${line.suite.padEnd(suiteWidth)}  ${line.runs.padEnd(runsWidth)}  ${line.title}`);
  }
  const flaky = rows.filter((row) => row.failedRuns.length > 0);
  console.log(`\n${rows.length} tests and hooks reported; ${flaky.length} failed at least once.`);
  for (const row of flaky) console.log(`  ${row.suite}: ${row.title}\n    last error: ${row.lastError ?? '(none reported)'}`);
  for (const crash of crashes) console.log(`  ${crash}`);
  console.log(`Output, results, screenshots and logs of each run: ${relative(repeatDir)}${path.sep}run-<n>${path.sep}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

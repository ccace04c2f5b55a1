import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { specReporterWithSummary } from '../../runner/summaryReporter';

/**
 * When set, a UI suite's reporter writes each test's outcome there as JSON (`SuiteResults`) at the end of the run:
 * how `npm run test:ui:repeat` (test/runner/repeatUi.ts) counts the failures of each test over its runs.
 */
export const resultsFileEnv = 'SERVICE_CATALOG_TEST_RESULTS_FILE';

export interface TestOutcome {
  /** mocha's full title; a hook that failed is "<suite> "before each" hook for "<test>"". */
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  /** The first line of a failure's error. */
  error?: string;
}

export interface SuiteResults {
  suite: string;
  outcomes: TestOutcome[];
}

/**
 * The mocha reporter of a UI suite (e2e, l10n, vsix): the spec report and its summary line, then, when anything failed,
 * where the screenshots and logs of the failures are, so a red CI run can be understood from its output alone; and
 * each test's outcome in the file `SERVICE_CATALOG_TEST_RESULTS_FILE` names, if it names one.
 */
export function uiSuiteReporter(kind: string, resultsDir: string): typeof Mocha.reporters.Spec {
  const SpecWithSummary = specReporterWithSummary(kind);
  return class UiSuiteReporter extends SpecWithSummary {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
      const outcomes: TestOutcome[] = [];
      runner.on(EVENT_TEST_PASS, (test) => outcomes.push({ title: test.fullTitle(), state: 'passed' }));
      runner.on(EVENT_TEST_FAIL, (test, error: unknown) =>
        outcomes.push({ title: test.fullTitle(), state: 'failed', error: String(error instanceof Error ? error.message : error).split('\n')[0] }),
      );
      runner.on(EVENT_TEST_PENDING, (test) => outcomes.push({ title: test.fullTitle(), state: 'skipped' }));
      runner.once(EVENT_RUN_END, () => {
        if ((runner.stats?.failures ?? 0) > 0) {
          Mocha.reporters.Base.consoleLog(`${kind}: screenshots and logs of the failures are in ${path.relative(process.cwd(), resultsDir) || '.'}${path.sep}`);
        }
        const file = process.env[resultsFileEnv];
        if (file) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, `${JSON.stringify({ suite: kind, outcomes } satisfies SuiteResults, null, 2)}\n`);
        }
      });
    }
  };
}

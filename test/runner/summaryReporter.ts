import Mocha from 'mocha';

/**
 * mocha's spec reporter, closing with one plain line, `<suite kind>: N passed, N failed, N skipped`,
 * that CI log readers recognise in any language.
 */
export function specReporterWithSummary(kind: string): typeof Mocha.reporters.Spec {
  return class SpecWithSummary extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
        const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
        Mocha.reporters.Base.consoleLog(`${kind}: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
      });
    }
  };
}

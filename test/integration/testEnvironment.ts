// What the runners and the suites inside the extension host agree on.

/** Lines of the mocha report start with this, so the runner can tell them from the workbench's own logs. */
export const integrationReportPrefix = '[integration-report] ';

/** Environment variables the runners set for the extension host (tests only: the extension never reads them). */
export const integrationTestEnv = {
  /** The emulator's endpoint; its admin API is under `/_emulator/`. */
  emulator: 'SERVICE_CATALOG_TEST_EMULATOR',
  /** Runs only the tests whose full title matches this pattern (mocha's --grep). */
  grep: 'SERVICE_CATALOG_TEST_GREP',
  /** '1' for a coloured report. */
  color: 'SERVICE_CATALOG_TEST_COLOR',
  /** '1' when the runner reads the report from the host's log lines (code-server): lines get integrationReportPrefix. */
  prefixReport: 'SERVICE_CATALOG_TEST_PREFIX_REPORT',
  /**
   * Set (e.g. 'ja') when VS Code runs in that display language: then only the suites of `locale/` run,
   * which expect it; without it they are left out and every other suite runs.
   */
  locale: 'SERVICE_CATALOG_TEST_LOCALE',
} as const;

/** The emulator's endpoint, from the runner; throws when a suite runs without it. */
export function emulatorEndpoint(): string {
  const endpoint = process.env[integrationTestEnv.emulator];
  if (!endpoint) throw new Error(`${integrationTestEnv.emulator} is not set: run the suites with npm run test:integration.`);
  return endpoint;
}

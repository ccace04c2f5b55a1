import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Context, Hook, Runnable, Suite } from 'mocha';
import type { Page } from 'playwright-core';
import type { WorkbenchSession } from '../../runner/session';

/**
 * A test that did not pass: it failed, or a `beforeEach` hook failed before it could run (mocha then runs the
 * `afterEach` hooks with the test's state unset). Skipped tests are not failures.
 */
export function didNotPass(test: Runnable | undefined): boolean {
  return test !== undefined && test.state !== 'passed' && test.state !== 'pending' && !test.isPending();
}

/** mocha keeps a suite's hooks in fields its typings call private. */
interface SuiteHooks {
  _beforeAll: Hook[];
  _beforeEach: Hook[];
  _afterEach: Hook[];
  _afterAll: Hook[];
}

function hooksOf(suite: Suite): SuiteHooks {
  return suite as unknown as SuiteHooks;
}

/** The tests and hooks of `suite` and of the suites in it that failed. */
export function failuresIn(suite: Suite): Runnable[] {
  const { _beforeAll, _beforeEach, _afterEach, _afterAll } = hooksOf(suite);
  const own = [..._beforeAll, ..._beforeEach, ..._afterEach, ..._afterAll, ...suite.tests].filter((runnable) => runnable.state === 'failed');
  return [...own, ...suite.suites.flatMap(failuresIn)];
}

/**
 * mocha goes from a `before`/`after` hook that failed straight to the suite's `after` hooks, with no `afterEach`: nothing
 * would photograph the window as the failure left it. So each such hook of the suites under `root` is wrapped to take
 * that screenshot itself when it throws (then the error goes on to mocha as it was). Hooks that take a `done` callback
 * are left as they are.
 */
export function screenshotWhenSuiteHooksFail(root: Suite, screenshot: (hook: Hook) => Promise<void>): void {
  const wrap = (suite: Suite): void => {
    const { _beforeAll, _afterAll } = hooksOf(suite);
    for (const hook of [..._beforeAll, ..._afterAll]) {
      const original = hook.fn;
      if (!original || original.length > 0) continue;
      hook.fn = async function (this: Context) {
        try {
          return await (original as (this: Context) => unknown).call(this);
        } catch (error) {
          if (!hook.isPending()) await screenshot(hook).catch(() => undefined); // this.skip() throws too
          throw error;
        }
      };
    }
    suite.suites.forEach(wrap);
  };
  root.suites.forEach(wrap);
}

/** Saves a screenshot of `page` as `file`; a window that cannot be photographed must not add a second failure to the one reported. */
export async function saveScreenshot(page: Page, file: string): Promise<boolean> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return page.screenshot({ path: file, timeout: 10_000 }).then(
    () => true,
    () => false,
  );
}

/** A file name for a test or hook title. */
export function slug(text: string, length = 80): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, length) || 'untitled';
}

/**
 * For a suite that runs its own VS Code session (test/l10n, test/vsix): registers an afterEach that keeps a screenshot of
 * the window under `resultsDir` when a test fails (or a beforeEach hook fails before it), and returns what the suite's
 * `after` calls first, before closing the session: it photographs the window when a `before` hook failed (nothing has
 * run since: mocha goes from the failed hook to the `after` hooks), and keeps the session's logs when anything failed.
 * Each prints where it wrote.
 */
export function keepFailureArtifacts(resultsDir: string, session: () => WorkbenchSession | undefined): { afterSuite(context: Context): Promise<void> } {
  let anyFailed = false;
  afterEach(async function () {
    const current = session();
    if (!didNotPass(this.currentTest) || !current) return;
    anyFailed = true;
    const file = path.join(resultsDir, `${slug(this.currentTest!.title, 60)}.png`);
    if (await saveScreenshot(current.page, file)) console.error(`    screenshot: ${path.relative(process.cwd(), file)}`);
  });
  return {
    async afterSuite(context) {
      const current = session();
      const suite = context.test?.parent;
      if (!current || !suite) return;
      const { _beforeAll, _beforeEach, _afterEach } = hooksOf(suite);
      for (const hook of _beforeAll.filter((candidate) => candidate.state === 'failed')) {
        const file = path.join(resultsDir, `${slug(hook.title, 60)}.png`);
        if (await saveScreenshot(current.page, file)) console.error(`    screenshot: ${path.relative(process.cwd(), file)}`);
      }
      // Its own hooks, not those of a suite in it that keeps its own artifacts (the afterEach above saw their tests).
      anyFailed ||= [..._beforeAll, ..._beforeEach, ..._afterEach].some((hook) => hook.state === 'failed');
      if (!anyFailed) return;
      const destination = path.join(resultsDir, 'logs');
      current.saveLogs(destination);
      console.error(`    logs of code-server, the extension host and the workbench: ${path.relative(process.cwd(), destination)}`);
    },
  };
}

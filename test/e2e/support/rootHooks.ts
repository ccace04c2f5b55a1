// mocha root hooks for the e2e suites: one real VS Code for the whole run, a screenshot trail per test
// kept when it fails (or a hook fails around it), and the server's logs kept when anything failed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Context } from 'mocha';
import { MissingPrerequisiteError } from '../../../tools/prerequisites';
import { didNotPass, failuresIn, saveScreenshot, screenshotWhenSuiteHooksFail, slug } from './failureArtifacts';
import { runningE2eSession, startE2eSession, stopE2eSession, workbench } from './session';
import { e2eResultsDir, stepRecorder } from './steps';

let anyFailed = false;

export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    this.timeout(20 * 60_000); // the first run installs code-server
    fs.rmSync(path.join(e2eResultsDir, 'logs'), { recursive: true, force: true }); // a previous failure's logs
    try {
      await startE2eSession();
    } catch (error) {
      if (error instanceof MissingPrerequisiteError) console.error(error.message);
      throw error;
    }
    screenshotWhenSuiteHooksFail(this.test!.parent!, async (hook) => {
      anyFailed = true;
      const file = path.join(e2eResultsDir, slug(hook.fullTitle()), 'failure.png');
      if (await saveScreenshot(workbench().page, file)) console.error(`    screenshot of the window as the hook failed: ${path.relative(process.cwd(), file)}`);
    });
  },

  async beforeEach(this: Context): Promise<void> {
    stepRecorder.begin(workbench().page, this.currentTest?.fullTitle() ?? 'test');
  },

  async afterEach(this: Context): Promise<void> {
    // A test that failed, or one whose beforeEach hook failed (the 2026-12-04 CI failure): keep its steps' screenshots.
    const failed = didNotPass(this.currentTest);
    anyFailed ||= failed;
    const kept = await stepRecorder.end(failed);
    if (kept) console.error(`    screenshots of the failed test's steps: ${path.relative(process.cwd(), kept)}`);
    await workbench().dismissTransientUi().catch(() => undefined);
  },

  async afterAll(this: Context): Promise<void> {
    this.timeout(60_000);
    anyFailed ||= failuresIn(this.test!.parent!).length > 0;
    const session = runningE2eSession();
    if (anyFailed && session) {
      const destination = path.join(e2eResultsDir, 'logs');
      session.saveLogs(destination);
      console.error(`e2e logs of code-server, the extension host and the workbench: ${path.relative(process.cwd(), destination)}`);
    }
    await stopE2eSession();
  },
};

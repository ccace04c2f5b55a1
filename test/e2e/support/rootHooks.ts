// mocha root hooks for the e2e suites: one real VS Code for the whole run, a screenshot trail per test
// kept when it fails, and the server's logs kept when anything failed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Context } from 'mocha';
import { MissingPrerequisiteError } from '../../../tools/prerequisites';
import { e2eSession, startE2eSession, stopE2eSession, workbench } from './session';
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
  },

  async beforeEach(this: Context): Promise<void> {
    stepRecorder.begin(workbench().page, this.currentTest?.fullTitle() ?? 'test');
  },

  async afterEach(this: Context): Promise<void> {
    const failed = this.currentTest?.state === 'failed';
    anyFailed ||= failed;
    const kept = await stepRecorder.end(failed);
    if (kept) console.error(`    screenshots of the failed test's steps: ${path.relative(process.cwd(), kept)}`);
    await workbench().dismissTransientUi().catch(() => undefined);
  },

  async afterAll(this: Context): Promise<void> {
    this.timeout(60_000);
    if (anyFailed) {
      const destination = path.join(e2eResultsDir, 'logs');
      e2eSession().saveLogs(destination);
      console.error(`e2e logs of code-server, the extension host and the workbench: ${path.relative(process.cwd(), destination)}`);
    }
    await stopE2eSession();
  },
};

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { suiteResultsDir } from '../../../tools/paths';
import { saveScreenshot, slug } from './failureArtifacts';

export const e2eResultsDir = suiteResultsDir('e2e');

/** Screenshots of the current test's steps; kept only when the test fails. */
class StepRecorder {
  private dir: string | undefined;
  private count = 0;
  private page: Page | undefined;

  begin(page: Page, testTitle: string): void {
    this.page = page;
    this.count = 0;
    this.dir = path.join(e2eResultsDir, slug(testTitle));
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
  }

  async screenshot(name: string): Promise<void> {
    if (!this.page || !this.dir) return;
    this.count += 1;
    await saveScreenshot(this.page, path.join(this.dir, `${String(this.count).padStart(2, '0')}-${slug(name)}.png`));
  }

  /** Keeps the folder (with a last screenshot) when the test failed, deletes it otherwise. */
  async end(failed: boolean): Promise<string | undefined> {
    const dir = this.dir;
    if (!dir) return undefined;
    if (failed) await this.screenshot('failure');
    else if (!process.env.SERVICE_CATALOG_E2E_KEEP_SCREENSHOTS) fs.rmSync(dir, { recursive: true, force: true });
    this.dir = undefined;
    return failed ? dir : undefined;
  }
}

export const stepRecorder = new StepRecorder();

/** One step of a person's flow: runs it, then screenshots the result (also when the step fails). */
export async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } finally {
    await stepRecorder.screenshot(name);
  }
}

import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { AwsContext } from '../../src/aws/awsContext';
import { e2eSession, sandboxAwsContext, workbench } from './support/session';
import { step } from './support/steps';
import { WorkbenchUi } from './support/workbenchUi';

const long = 90_000;

/**
 * Two VS Code windows share the extension's globalState (in code-server, two tabs of one browser on two
 * folders). Each follows, counts and announces only the records it started; a reload of one resumes its own.
 */
describe('Record panel (e2e) in two windows', () => {
  let aws: AwsContext;
  let second: { page: Page; ui: WorkbenchUi; folder: string } | undefined;

  before(() => {
    aws = sandboxAwsContext();
  });

  after(async () => {
    aws.dispose();
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(1);
    emulator.reset();
    if (second) {
      await second.page.close().catch(() => undefined);
      fs.rmSync(second.folder, { recursive: true, force: true });
    }
    await workbench().runCommand('View: Close All Editors').catch(() => undefined);
  });

  it('a second window neither counts nor announces the first window\'s record; a reload of the first resumes it', async () => {
    const ui = workbench();
    const session = e2eSession();
    const { emulator } = session.sandbox;
    emulator.reset();
    // Slow enough that the record runs through opening a second window and reloading the first.
    emulator.clock.setSpeed(0.05);
    const api = await aws.apiFor('main-alice', 'us-east-1');
    const recordId = (await api.executeServiceAction({ provisionedProductId: 'pp-alice00000009', serviceActionId: 'act-snapshot00001', executeToken: randomUUID() })).RecordId!;

    await step('window 1 opens the record, which runs', async () => {
      const frame = await openRecord(ui, recordId);
      await frame.waitForFunction(() => ['CREATED', 'IN_PROGRESS'].includes(document.querySelector('[data-testid="status"]')?.getAttribute('data-status') ?? ''), undefined, { timeout: 30_000 });
    });
    await step('window 1 counts it in its status bar', () => runningItem(ui.page).waitFor({ state: 'visible', timeout: 30_000 }));

    second = await step('open a second window on another folder', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-second-window-'));
      const url = new URL(session.url);
      url.searchParams.set('folder', folder);
      const page = await ui.page.context().newPage();
      await page.goto(url.toString(), { timeout: 60_000 });
      const other = new WorkbenchUi(page, session.server.logsDir);
      await other.waitUntilReady();
      await other.waitForExtensionActive(60_000);
      return { page, ui: other, folder };
    });
    // Long enough for the second window to restore what is its own and to take over what it may (5 s to settle).
    await second.page.waitForTimeout(10_000);
    assert.equal(await runningItem(second.page).count(), 0, 'the second window does not count the first window\'s record');
    assert.equal(await runningItem(ui.page).count(), 1, 'the first still does');

    await step('reload window 1', () => ui.reload());
    await step('window 1 resumes its record: the status bar counts it again', () => runningItem(ui.page).waitFor({ state: 'visible', timeout: 60_000 }));
    assert.equal(await runningItem(second.page).count(), 0, 'the reload did not hand it to the second window');

    emulator.clock.setSpeed(20);
    await step('window 1 says it succeeded', () => ui.waitForNotification(/succeeded/, long));
    await second.page.waitForTimeout(3_000);
    const secondMessages = await second.ui.notificationMessages();
    assert.deepEqual(secondMessages.filter((message) => /succeeded|failed|Stopped following/.test(message)), [], 'the second window says nothing about it');
    assert.equal(emulator.counters().executions.total, 1);
  });
});

function runningItem(page: Page) {
  return page.locator('.statusbar-item').filter({ hasText: /action(s)? running/ });
}

/** "Service Catalog: Show Record...": the record id, then the profile; returns the panel's frame. */
async function openRecord(ui: WorkbenchUi, recordId: string): Promise<Frame> {
  await ui.runCommand('Service Catalog: Show Record...');
  await waitForQuickInputTitle(ui, /Show Record \(1\/3\)/);
  await ui.typeInQuickInput(recordId);
  await waitForQuickInputTitle(ui, /Show Record \(2\/3\)/);
  await ui.typeInQuickInput('main-alice');
  return ui.waitForWebviewText(recordId, 30_000);
}

async function waitForQuickInputTitle(ui: WorkbenchUi, title: RegExp): Promise<void> {
  await ui.quickInput().locator('.quick-input-title').filter({ hasText: title }).waitFor({ state: 'visible', timeout: 15_000 });
}

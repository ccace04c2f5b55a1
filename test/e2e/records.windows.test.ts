import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AwsContext } from '../../src/aws/awsContext';
import { openRecord, waitForAnyRecordStatus } from './support/recordPanel';
import { e2eSession, sandboxAwsContext, workbench } from './support/session';
import { step } from './support/steps';
import type { WorkbenchUi } from '../../tools/workbenchUi';

const long = 90_000;
/** The status bar item of the records a window follows. */
const running = /action(s)? running/;
/** What a window logs once it has resumed its own records in flight and taken over those of closed windows. */
const recordsChecked = /Records in flight: resumed (\d+) of this window, took over (\d+) of closed windows/;

/**
 * Two VS Code windows share the extension's globalState (in code-server, two tabs of one browser on two
 * folders). Each follows, counts and announces only the records it started; a reload of one resumes its own.
 */
describe('Record panel (e2e) in two windows', () => {
  let aws: AwsContext;
  let second: { ui: WorkbenchUi; folder: string } | undefined;

  before(() => {
    aws = sandboxAwsContext();
  });

  after(async () => {
    aws.dispose();
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(1);
    emulator.reset();
    if (second) {
      await second.ui.page.close().catch(() => undefined);
      fs.rmSync(second.folder, { recursive: true, force: true });
    }
    await workbench().closeAllEditors().catch(() => undefined);
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
      assert.ok(['CREATED', 'IN_PROGRESS'].includes(await waitForAnyRecordStatus(frame)), 'the record runs');
    });
    await step('window 1 counts it in its status bar', () => ui.statusBarItem(running).waitFor({ state: 'visible', timeout: 30_000 }));

    const other = await step('open a second window on another folder', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-second-window-'));
      second = { ui: await ui.openAnotherWindow(withFolder(session.url, folder)), folder };
      return second.ui;
    });
    // A window follows the records it resumes or takes over when it starts, and those it starts or opens itself: once it
    // has said what it resumed and took over, whatever it counts is settled.
    const checked = await step('the second window has checked the records in flight of the other windows', () => other.waitForExtensionLog(recordsChecked, { timeoutMs: 60_000 }));
    assert.deepEqual(recordsChecked.exec(checked)?.slice(1), ['0', '0'], `the second window resumed and took over nothing: ${checked}`);
    assert.equal(await other.statusBarItem(running).count(), 0, 'the second window does not count the first window\'s record');
    assert.equal(await ui.statusBarItem(running).count(), 1, 'the first still does');

    await step('reload window 1', () => ui.reload());
    await step('window 1 resumes its record: the status bar counts it again', () => ui.statusBarItem(running).waitFor({ state: 'visible', timeout: 60_000 }));
    assert.match(await ui.waitForExtensionLog(recordsChecked), /resumed 1 of this window/);
    assert.equal(await other.statusBarItem(running).count(), 0, 'the reload did not hand it to the second window');

    emulator.clock.setSpeed(20);
    await step('window 1 says it succeeded', () => ui.waitForNotification(/succeeded/, long));
    // The second window never followed the record (its log said so above), so it has nothing to announce: its log and
    // its notifications say nothing of it now, and nothing later could.
    assert.doesNotMatch(other.extensionLog(), new RegExp(recordId), 'the second window\'s log says nothing of the record');
    const secondMessages = await other.notificationMessages();
    assert.deepEqual(secondMessages.filter((message) => /succeeded|failed|Stopped following/.test(message)), [], 'the second window says nothing about it');
    assert.equal(emulator.counters().executions.total, 1);
  });
});

/** The workbench URL of the session, opening `folder` instead. */
function withFolder(url: string, folder: string): string {
  const other = new URL(url);
  other.searchParams.set('folder', folder);
  return other.toString();
}

import * as assert from 'node:assert/strict';
import { executeUpToReview } from './support/executeWizard';
import { startFromTheSeed } from './support/fixtures';
import { openRecord, recordStatus, waitForFreshness, waitForRecordStatus } from './support/recordPanel';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';
import { waitUntil } from '../../tools/waitUntil';
import type { WorkbenchUi } from '../../tools/workbenchUi';

const executeOperation = 'ExecuteProvisionedProductServiceAction';
const long = 90_000;

/**
 * Reliability as a person lives it in the VS Code window: a reload in the middle of three executions
 * (one of them sent but not answered), the service going away and coming back while a record runs, a
 * throttling storm, and a webview that sends what it should not.
 */
describe('Reliability (e2e)', () => {
  startFromTheSeed('each');

  afterEach(async () => {
    // These tests take the service away: the next one (and the next suite) starts from a view listed while it answers.
    const ui = workbench();
    await ui.dismissTransientUi();
    await ui.runCommand('Service Catalog: Refresh');
  });

  it('after a reload with three executions in flight, one sent but not yet answered, follows each to its end, runs each once and notifies each', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    // Ten-second actions at a tenth of real speed: all three are still running after the reload.
    emulator.clock.setSpeed(0.1);
    for (const [index, product] of ['alice-web-04', 'alice-web-05'].entries()) {
      await step(`execute Restart-Instance on ${product} from its context menu`, async () => {
        await executeUpToReview(ui, { product, action: 'Restart-Instance' });
        await ui.page.keyboard.press('Enter');
        await waitUntil(`execution ${index + 1} started`, () => emulator.counters().executions.total === index + 1, 30_000);
      });
    }
    let answerHeldUntil = 0;
    await step('execute on alice-web-06, whose request Service Catalog holds for 30 s before answering', async () => {
      await executeUpToReview(ui, { product: 'alice-web-06', action: 'Restart-Instance' });
      emulator.faults.set([{ kind: 'latency', operation: executeOperation, latencyMs: 30_000, times: 1 }]);
      await ui.page.keyboard.press('Enter');
      await waitUntil('the request to arrive and be held', () => emulator.counters().faults.delayed === 1, 30_000);
      answerHeldUntil = Date.now() + 30_000;
    });
    const beforeReload = emulator.counters();
    assert.equal(beforeReload.calls[executeOperation], 3, 'three requests were sent');
    assert.equal(beforeReload.executions.total, 2, 'the third has not run yet: its request is being held');

    await step('reload the window', () => ui.reload());
    await step('the interrupted request is sent again with its token', () =>
      waitUntil('the third execution', () => emulator.counters().executions.total === 3, long),
    );
    emulator.clock.setSpeed(10);
    for (const product of ['alice-web-04', 'alice-web-05', 'alice-web-06']) {
      await step(`a notification says Restart-Instance on ${product} succeeded`, () =>
        ui.waitForNotification(new RegExp(`Restart-Instance on ${product} succeeded`), long),
      );
    }
    // The held request is answered once its 30 s are up; by then it must find its record, not start another.
    await waitUntil('the held request to be answered', () => Date.now() > answerHeldUntil + 2_000, long);
    const counters = emulator.counters();
    assert.equal(counters.executions.total, 3, 'three executions in all');
    assert.deepEqual(Object.values(counters.executions.byExecuteToken).sort(), [1, 1, 1], 'each token ran once');
    assert.deepEqual(counters.executions.byProvisionedProduct, { 'pp-alice00000004': 1, 'pp-alice00000005': 1, 'pp-alice00000006': 1 });
    assert.equal(counters.calls[executeOperation], 4, 'the held request was sent once more, with its own token');
  });

  it('says reconnecting in the record panel while the service is down, then follows the record to its end; the tree recovers on refresh', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(0.2);
    await step('execute Restart-Instance on alice-web-07', async () => {
      await executeUpToReview(ui, { product: 'alice-web-07', action: 'Restart-Instance' });
      await ui.page.keyboard.press('Enter');
    });
    const frame = await step('the record panel shows it running', () => ui.waitForWebviewText('Restart-Instance on alice-web-07', 60_000));
    await waitForFreshness(frame, /Updated/, 60_000);

    // Retries back off to 16-32 s during the outage: at a fifth of real speed the record could end before the next poll,
    // and the panel would go from reconnecting straight to its final status. Slowed, it is still running when polled again.
    emulator.clock.setSpeed(0.02);
    const backUp = emulator.down(20_000);
    await step('the service is down: the panel says it is reconnecting', () => waitForFreshness(frame, /Reconnecting/, 60_000));
    assert.ok(['CREATED', 'IN_PROGRESS'].includes((await recordStatus(frame)) ?? ''), 'the last known status stays');
    await step('refreshing the tree shows the profile cannot reach AWS', async () => {
      await ui.runCommand('Service Catalog: Refresh');
      await ui.expandTreeItem('main-alice');
      await ui.treeItem('Cannot reach AWS').first().waitFor({ state: 'visible', timeout: 60_000 });
    });

    await backUp;
    await step('back: the panel is live again by itself', () => waitForFreshness(frame, /Updated/, long));
    emulator.clock.setSpeed(10);
    await step('it follows the record to SUCCEEDED', () => waitForRecordStatus(frame, 'SUCCEEDED', long));
    await step('a notification says it succeeded', () => ui.waitForNotification(/Restart-Instance on alice-web-07 succeeded/, long));
    assert.equal(emulator.counters().executions.total, 1);
    await step('refreshing the tree lists the products again', async () => {
      await ui.runCommand('Service Catalog: Refresh');
      await ui.expandTreeItem('main-alice');
      await ui.treeItem('alice-web-07').first().waitFor({ state: 'visible', timeout: 60_000 });
    });
    assert.deepEqual(await rowsMatching(ui, /Cannot reach AWS/), []);
  });

  it('shows no error for throttles the retries absorb during a 30-second storm, while the tree is refreshed and a record runs', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(0.25);
    await step('execute Restart-Instance on alice-web-08', async () => {
      await executeUpToReview(ui, { product: 'alice-web-08', action: 'Restart-Instance' });
      await ui.page.keyboard.press('Enter');
    });
    await ui.waitForWebviewText('Restart-Instance on alice-web-08', 60_000);
    const throttledBefore = emulator.counters().faults.throttle;
    emulator.faults.set([{ kind: 'throttle', probability: 0.5, seed: 11, forMs: 30_000 }]);
    const stormEnds = Date.now() + 30_000;
    const toasts = new Set<string>();
    let refreshes = 0;
    while (Date.now() < stormEnds) {
      await step(`refresh ${refreshes + 1} during the storm`, async () => {
        await ui.runCommand('Service Catalog: Refresh');
        for (const profile of ['main-alice', 'main-bob', 'other-erin']) {
          await ui.expandTreeItem(profile);
        }
        await ui.treeItem('alice-web-01').first().waitFor({ state: 'visible', timeout: long });
        await ui.treeItem('bob-web-01').first().waitFor({ state: 'visible', timeout: long });
        await ui.treeItem('erin-web-01').first().waitFor({ state: 'visible', timeout: long });
      });
      refreshes += 1;
      for (const message of await ui.notificationMessages()) toasts.add(message);
      assert.deepEqual(await rowsMatching(ui, /Throttled|Cannot reach|failed/i), [], 'no failure in the tree');
    }
    assert.ok(emulator.counters().faults.throttle - throttledBefore >= 10, 'the storm throttled calls');
    emulator.clock.setSpeed(10);
    await step('the record ends and says so', () => ui.waitForNotification(/Restart-Instance on alice-web-08 succeeded/, long));
    for (const message of await ui.notificationMessages()) toasts.add(message);
    assert.deepEqual([...toasts].filter((message) => /throttl|rate|limit|failed|error/i.test(message)), [], `notifications: ${[...toasts].join(' | ')}`);
    assert.equal(emulator.counters().executions.total, 1, 'nothing ran twice');
  });

  it('ignores and logs messages from the webview that are not part of its protocol; the panel keeps working', async () => {
    const ui = workbench();
    const frame = await step('open a record from the palette', () => openRecord(ui, 'rec-prov000000001'));
    await waitForRecordStatus(frame, 'SUCCEEDED', long);
    const logMark = ui.extensionLogMark();
    // The panel's script reaches the host through its host frame's __vscode_post_message__ (what acquireVsCodeApi wraps).
    const host = frame.parentFrame();
    assert.ok(host, 'the webview\'s host frame');
    await step('the webview sends messages that are not part of the protocol', () =>
      host.evaluate(() => {
        const post = (window as unknown as { __vscode_post_message__: (channel: string, data: unknown) => void }).__vscode_post_message__;
        for (const message of [
          { type: 'bogus-type' },
          { type: 'copy', item: { kind: 'field', field: '__proto__' } },
          { type: 'copy', item: { kind: 'output', index: -1 } },
          { type: 'copy' },
          'a string',
          null,
          [1, 2, 3],
          { type: 42 },
          { type: 'x'.repeat(10_000) },
        ]) {
          post('onmessage', { message });
        }
      }),
    );
    const log = await waitUntil(
      'the extension to log the ignored messages',
      () => {
        const text = ui.extensionLog(logMark);
        return /ignored an unexpected message of type "bogus-type"/.test(text) && /message of kind string/.test(text) && (text.match(/ignored an unexpected/g)?.length ?? 0) >= 9 ? text : undefined;
      },
      30_000,
    );
    assert.ok(!log.includes('x'.repeat(50)), 'a rejected message is described, not copied into the log');
    await step('the panel still answers: Refresh', () => frame.locator('button[data-key="refresh"]').click());
    await waitForFreshness(frame, /Final status, checked/, 30_000);
    assert.equal(await recordStatus(frame), 'SUCCEEDED');
  });
});

async function rowsMatching(ui: WorkbenchUi, pattern: RegExp): Promise<string[]> {
  return (await ui.treeItemNames()).filter((name) => pattern.test(name));
}

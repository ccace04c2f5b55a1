import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';
import type { WorkbenchUi } from './support/workbenchUi';

const executeOperation = 'ExecuteProvisionedProductServiceAction';
const long = 90_000;

/**
 * Reliability as a person lives it in the VS Code window: a reload in the middle of three executions
 * (one of them sent but not answered), the service going away and coming back while a record runs, a
 * throttling storm, and a webview that sends what it should not.
 */
describe('Reliability (e2e)', () => {
  beforeEach(async () => {
    const { emulator } = e2eSession().sandbox;
    emulator.faults.clear();
    emulator.reset();
    emulator.clock.setSpeed(1);
    await closeEditors(workbench());
  });

  after(async () => {
    const { emulator } = e2eSession().sandbox;
    emulator.faults.clear();
    emulator.clock.setSpeed(1);
    emulator.reset();
    await closeEditors(workbench()).catch(() => undefined);
  });

  it('after a reload with three executions in flight, one sent but not yet answered, follows each to its end, runs each once and notifies each', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    // Ten-second actions at a tenth of real speed: all three are still running after the reload.
    emulator.clock.setSpeed(0.1);
    for (const [index, product] of ['alice-web-04', 'alice-web-05'].entries()) {
      await step(`execute Restart-Instance on ${product} from its context menu`, async () => {
        await executeFromTree(ui, product, 'Restart-Instance');
        await ui.page.keyboard.press('Enter');
        await waitUntil(`execution ${index + 1} started`, () => emulator.counters().executions.total === index + 1);
      });
    }
    let answerHeldUntil = 0;
    await step('execute on alice-web-06, whose request Service Catalog holds for 30 s before answering', async () => {
      await executeFromTree(ui, 'alice-web-06', 'Restart-Instance');
      emulator.faults.set([{ kind: 'latency', operation: executeOperation, latencyMs: 30_000, times: 1 }]);
      await ui.page.keyboard.press('Enter');
      await waitUntil('the request to arrive and be held', () => emulator.counters().faults.delayed === 1);
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
      await executeFromTree(ui, 'alice-web-07', 'Restart-Instance');
      await ui.page.keyboard.press('Enter');
    });
    const frame = await step('the record panel shows it running', () => ui.waitForWebviewText('Restart-Instance on alice-web-07', 60_000));
    await freshness(frame, /Updated/, 60_000);

    const backUp = emulator.down(20_000);
    await step('the service is down: the panel says it is reconnecting', () => freshness(frame, /Reconnecting/, 60_000));
    assert.ok(['CREATED', 'IN_PROGRESS'].includes((await statusOf(frame)) ?? ''), 'the last known status stays');
    await step('refreshing the tree shows the profile cannot reach AWS', async () => {
      await runPaletteCommand(ui, 'Service Catalog: Refresh');
      await expand(ui, 'main-alice');
      await ui.treeItem('Cannot reach AWS').first().waitFor({ state: 'visible', timeout: 60_000 });
    });

    await backUp;
    await step('back: the panel is live again by itself', () => freshness(frame, /Updated/, long));
    emulator.clock.setSpeed(10);
    await step('it follows the record to SUCCEEDED', () => waitForStatus(frame, 'SUCCEEDED', long));
    await step('a notification says it succeeded', () => ui.waitForNotification(/Restart-Instance on alice-web-07 succeeded/, long));
    assert.equal(emulator.counters().executions.total, 1);
    await step('refreshing the tree lists the products again', async () => {
      await runPaletteCommand(ui, 'Service Catalog: Refresh');
      await expand(ui, 'main-alice');
      await ui.treeItem('alice-web-07').first().waitFor({ state: 'visible', timeout: 60_000 });
    });
    assert.deepEqual(await rowsMatching(ui, /Cannot reach AWS/), []);
  });

  it('shows no error for throttles the retries absorb during a 30-second storm, while the tree is refreshed and a record runs', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(0.25);
    await step('execute Restart-Instance on alice-web-08', async () => {
      await executeFromTree(ui, 'alice-web-08', 'Restart-Instance');
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
        await runPaletteCommand(ui, 'Service Catalog: Refresh');
        for (const profile of ['main-alice', 'main-bob', 'other-erin']) {
          await expand(ui, profile);
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
    const frame = await step('open a record from the palette', async () => {
      await runPaletteCommand(ui, 'Service Catalog: Show Record...');
      await waitForTitle(ui, /Show Record \(1\/3\)/);
      await ui.typeInQuickInput('rec-prov000000001');
      await waitForTitle(ui, /Show Record \(2\/3\)/);
      await ui.typeInQuickInput('main-alice');
      return ui.waitForWebviewText('rec-prov000000001', 30_000);
    });
    await waitForStatus(frame, 'SUCCEEDED', long);
    const logsBefore = extensionLog();
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
        const text = extensionLog().slice(logsBefore.length);
        return /ignored an unexpected message of type "bogus-type"/.test(text) && /message of kind string/.test(text) && (text.match(/ignored an unexpected/g)?.length ?? 0) >= 9 ? text : undefined;
      },
      30_000,
    );
    assert.ok(!log.includes('x'.repeat(50)), 'a rejected message is described, not copied into the log');
    await step('the panel still answers: Refresh', () => frame.locator('button[data-key="refresh"]').click());
    await freshness(frame, /Final status, checked/, 30_000);
    assert.equal(await statusOf(frame), 'SUCCEEDED');
  });
});

/** Opens main-alice in the tree, right-clicks the product and goes through the wizard up to its review step. */
async function executeFromTree(ui: WorkbenchUi, product: string, action: string): Promise<void> {
  await ui.openServiceCatalogView();
  await expand(ui, 'main-alice');
  await ui.treeItem(product).first().waitFor({ state: 'visible', timeout: long });
  await ui.openTreeItemContextMenu(product);
  await chooseMenuItem(ui, 'Execute Service Action');
  await waitForTitle(ui, /^Execute Service Action \(1\/\d\)$/);
  await ui.pickQuickPickItem(action);
  await waitForTitle(ui, /^Execute Service Action \(2\/\d\)$/);
  await waitForItem(ui, 'Use the value Service Catalog provides');
  await ui.page.keyboard.press('Enter');
  await waitForTitle(ui, /^Execute Service Action \(3\/3\)$/);
  await waitForItem(ui, `Execute ${action}`);
}

/** The extension's log ("Service Catalog" output channel) of the newest extension host. */
function extensionLog(): string {
  const logsDir = e2eSession().server.logsDir;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name === 'Service Catalog.log') files.push(file);
    }
  };
  walk(logsDir);
  const newest = files.sort((a, b) => fs.statSync(a).birthtimeMs - fs.statSync(b).birthtimeMs).pop();
  return newest ? fs.readFileSync(newest, 'utf8') : '';
}

/**
 * Expands a tree item, also while the tree is being refreshed (its rows are then replaced, so this
 * looks the row up again until it says it is expanded).
 */
async function expand(ui: WorkbenchUi, label: string): Promise<void> {
  await waitUntilAsync(
    `${label} to be expanded`,
    async () => {
      const row = ui.treeItem(label).first();
      const expanded = await row.getAttribute('aria-expanded', { timeout: 1_000 }).catch(() => undefined);
      if (expanded === 'true') return true;
      if (expanded === 'false') await row.locator('.monaco-tl-twistie').click({ timeout: 1_000 }).catch(() => undefined);
      return false;
    },
    long,
  );
}

async function rowsMatching(ui: WorkbenchUi, pattern: RegExp): Promise<string[]> {
  return (await ui.treeItemNames()).filter((name) => pattern.test(name));
}

async function freshness(frame: Frame, text: RegExp, timeoutMs: number): Promise<void> {
  await frame.locator('[data-testid="freshness"]').filter({ hasText: text }).waitFor({ state: 'visible', timeout: timeoutMs });
}

async function statusOf(frame: Frame): Promise<string | undefined> {
  return (await frame.locator('[data-testid="status"]').getAttribute('data-status')) ?? undefined;
}

async function waitForStatus(frame: Frame, status: string, timeoutMs: number): Promise<void> {
  await frame.waitForFunction(
    (expected) => document.querySelector('[data-testid="status"]')?.getAttribute('data-status') === expected,
    status,
    { timeout: timeoutMs },
  );
}

/** Waits for a condition of the test process (the emulator's counters, the logs), polling. */
async function waitUntil<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitForTitle(ui: WorkbenchUi, title: RegExp): Promise<void> {
  const locator = ui.quickInput().locator('.quick-input-title');
  await waitUntilAsync(`the quick input titled ${String(title)}`, async () => title.test((await locator.innerText().catch(() => '')).trim()));
}

async function waitUntilAsync(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForItem(ui: WorkbenchUi, text: string): Promise<void> {
  await ui.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Clicks a context-menu item; a click that lands while the menu is still opening is followed by Enter. */
async function chooseMenuItem(ui: WorkbenchUi, label: string): Promise<void> {
  const item = ui.contextMenu().locator('.action-item .action-label').filter({ hasText: label }).first();
  await item.hover();
  await item.click();
  const closed = await ui.contextMenu().waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false);
  if (!closed) await ui.page.keyboard.press('Enter');
}

/** Runs a command by its title; the row is found by its text (its accessible label gains ", recently used"). */
async function runPaletteCommand(ui: WorkbenchUi, title: string): Promise<void> {
  await ui.page.keyboard.press('F1');
  await ui.typeInQuickInput(`>${title}`, { accept: false });
  const row = ui.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

async function closeEditors(ui: WorkbenchUi): Promise<void> {
  for (let i = 0; i < 3 && (await ui.quickInput().isVisible()); i++) await ui.page.keyboard.press('Escape');
  if ((await ui.notificationToasts().count()) > 0) await runPaletteCommand(ui, 'Notifications: Clear All Notifications');
  await runPaletteCommand(ui, 'View: Close All Editors');
}

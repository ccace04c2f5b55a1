import * as assert from 'node:assert/strict';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';
import type { WorkbenchUi } from './support/workbenchUi';

// Names with payloads, as a server that breaks its own rules could send them (AWS restricts these characters).
const hostileProductName = '<img src=x onerror="window.__injected=30">inject [x](command:workbench.action.terminal.new) $(zap)';
const hostileActionName = '<svg onload="window.__injected=31">Flush $(zap) [a](command:workbench.action.terminal.new)';

/** Text as a person reads it: no-break spaces as spaces, zero-width spaces (that keep `$(` and `](` inert) removed. */
function readable(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\u200b/g, '');
}

/**
 * The notifications of Execute Service Action that quote AWS names: the progress notification shown
 * while a request is sent says "Starting <action> on <product>…" with the names as text, never a
 * link (VS Code makes `[text](command:…)` in a notification a command link).
 */
describe('Execute Service Action: AWS names in its notifications (e2e)', () => {
  before(() => {
    const { emulator } = e2eSession().sandbox;
    emulator.faults.clear();
    emulator.reset();
    emulator.state.provisionedProducts.get('pp-alice00000004')!.name = hostileProductName;
    emulator.state.serviceActions.get('act-flush00000001')!.name = hostileActionName;
  });

  after(async () => {
    const { emulator } = e2eSession().sandbox;
    emulator.faults.clear();
    emulator.reset();
    await closeTransientUi(workbench()).catch(() => undefined);
  });

  it('shows the names in the progress notification as text: no link, nothing runs', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    await closeTransientUi(ui);
    await step('run the command, pick the profile and the product with the hostile name', async () => {
      await runPaletteCommand(ui, 'Service Catalog: Execute Service Action');
      await waitForTitle(ui, /^Execute Service Action \(1\/\d\)$/);
      await ui.pickQuickPickItem('main-alice');
      await waitForTitle(ui, /^Execute Service Action \(2\/\d\)$/);
      await waitForRow(ui, 'pp-alice00000004');
      await ui.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: 'pp-alice00000004' }).first().click();
    });
    await step('pick the action with the hostile name and come to the review', async () => {
      await waitForTitle(ui, /^Execute Service Action \(3\/\d\)$/);
      await waitForRow(ui, 'act-flush00000001');
      await ui.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: 'act-flush00000001' }).first().click();
      await waitForTitle(ui, /^Execute Service Action \(4\/4\)$/);
      await waitForRow(ui, 'Inject');
    });
    // Service Catalog takes its time to answer: the progress notification stays while the request is sent.
    emulator.faults.set([{ kind: 'latency', latencyMs: 8_000, operation: 'ExecuteProvisionedProductServiceAction' }]);
    await step('confirm', () => ui.page.keyboard.press('Enter'));
    const toast = await step('the progress notification names the action and the product', () => ui.waitForNotification(/Starting/, 30_000));
    const message = toast.locator('.notification-list-item-message');
    const shown = readable(await message.innerText());
    assert.ok(shown.includes(`Starting ${hostileActionName} on ${hostileProductName}`), shown);
    assert.equal(await message.locator('a').count(), 0, 'no link from AWS text in the progress notification');
    assert.equal(await message.locator('img, svg, .codicon-zap').count(), 0, 'no element or icon from AWS text');
    emulator.faults.clear();
    await step('the execution goes on to its end', () => ui.waitForNotification(/succeeded/, 60_000));
    assert.equal(emulator.counters().executions.total, 1);
    for (const frame of [ui.page.mainFrame(), ...ui.page.frames()]) {
      const injected = await frame.evaluate(() => (window as unknown as { __injected?: unknown }).__injected).catch(() => undefined);
      assert.equal(injected, undefined, `a payload ran in ${frame.name() || frame.url()}`);
    }
  });
});

async function waitForTitle(ui: WorkbenchUi, title: RegExp): Promise<void> {
  const locator = ui.quickInput().locator('.quick-input-title');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const shown = (await locator.innerText().catch(() => '')).trim();
    if (title.test(shown)) return;
    if (Date.now() > deadline) throw new Error(`The quick input's title stayed "${shown}", not ${String(title)}`);
    await ui.page.waitForTimeout(100);
  }
}

async function waitForRow(ui: WorkbenchUi, text: string): Promise<void> {
  await ui.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

async function runPaletteCommand(ui: WorkbenchUi, title: string): Promise<void> {
  await ui.page.keyboard.press('F1');
  await ui.typeInQuickInput(`>${title}`, { accept: false });
  const row = ui.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

async function closeTransientUi(ui: WorkbenchUi): Promise<void> {
  for (let i = 0; i < 3 && (await ui.quickInput().isVisible()); i++) await ui.page.keyboard.press('Escape');
  if ((await ui.notificationToasts().count()) > 0) await runPaletteCommand(ui, 'Notifications: Clear All Notifications');
}

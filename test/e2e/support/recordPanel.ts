import type { Frame, Locator } from 'playwright-core';
import type { WorkbenchUi } from './workbenchUi';

/** The record panel's status as its status element carries it (`data-status`: CREATED, IN_PROGRESS, SUCCEEDED, ...). */
export async function recordStatus(frame: Frame): Promise<string | undefined> {
  return (await frame.locator('[data-testid="status"]').getAttribute('data-status')) ?? undefined;
}

/** Waits until the record panel shows `status`; a timeout says which status it showed instead. */
export async function waitForRecordStatus(frame: Frame, status: string, timeoutMs = 90_000): Promise<void> {
  try {
    await frame.waitForFunction(
      (expected) => document.querySelector('[data-testid="status"]')?.getAttribute('data-status') === expected,
      status,
      { timeout: timeoutMs },
    );
  } catch (error) {
    const shown = await recordStatus(frame).catch((reason: unknown) => `unreadable (${String(reason)})`);
    throw new Error(`The record panel's status stayed ${shown}, not ${status}, for ${timeoutMs / 1000} s (${String(error).split('\n')[0]})`, { cause: error });
  }
}

/** Waits until the panel's freshness line ("Updated 3 s ago", "Reconnecting…", "Final status, checked …") matches `text`. */
export async function waitForFreshness(frame: Frame, text: RegExp, timeoutMs = 60_000): Promise<void> {
  await frame.locator('[data-testid="freshness"]').filter({ hasText: text }).waitFor({ state: 'visible', timeout: timeoutMs });
}

/** "Service Catalog: Show Record...": the record id, then the profile; returns the frame of the panel that opens. */
export async function openRecord(ui: WorkbenchUi, recordId: string, profile = 'main-alice', timeoutMs = 30_000): Promise<Frame> {
  await ui.runCommand('Service Catalog: Show Record...');
  await ui.waitForQuickInputTitle(/Show Record \(1\/3\)/);
  await ui.typeInQuickInput(recordId);
  await ui.waitForQuickInputTitle(/Show Record \(2\/3\)/);
  await ui.typeInQuickInput(profile);
  return ui.waitForWebviewText(recordId, timeoutMs);
}

/** The editor tab of a record's panel (its title carries the record id). */
export function recordTab(ui: WorkbenchUi, recordId: string): Locator {
  return ui.page.locator('.tabs-container .tab').filter({ hasText: recordId }).first();
}

/**
 * Does `click` (a button of the record panel that opens the AWS console) and returns the URL the browser was
 * asked to load, which starts with `prefix`; VS Code's "Open external website?" dialog is confirmed, and the
 * page that opened is closed. A request carries no fragment: the page and its query are what reach the network.
 */
export async function openedConsoleRequest(ui: WorkbenchUi, prefix: string, click: () => Promise<void>): Promise<string> {
  const opened = ui.page.context().waitForEvent('request', { predicate: (request) => request.url().startsWith(prefix), timeout: 30_000 });
  await click();
  const open = ui.page.locator('.monaco-dialog-box .monaco-button').filter({ hasText: /^Open$/ });
  await open.click({ timeout: 10_000 }).catch(() => undefined);
  const request = await opened;
  for (const page of ui.page.context().pages().filter((page) => page !== ui.page)) {
    await page.close().catch(() => undefined);
  }
  return request.url();
}

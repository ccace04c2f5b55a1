import type { Frame, Locator } from 'playwright-core';
import { waitUntil } from '../../../tools/waitUntil';
import type { WorkbenchUi } from '../../../tools/workbenchUi';

/** The record panel's status as its status element carries it (`data-status`: CREATED, IN_PROGRESS, SUCCEEDED, ...). */
export async function recordStatus(frame: Frame): Promise<string | undefined> {
  return (await frame.locator('[data-testid="status"]').getAttribute('data-status')) ?? undefined;
}

/** The record panel's status as a person reads it, e.g. "Failing, not finished". */
export async function recordStatusText(frame: Frame): Promise<string> {
  return (await frame.locator('[data-testid="status"]').innerText()).trim();
}

/** Waits until the record panel shows a status (it shows the record id before its first DescribeRecord answers), and returns it. */
export async function waitForAnyRecordStatus(frame: Frame, timeoutMs = 30_000): Promise<string> {
  return waitUntil('the record panel to show a status', async () => (await recordStatus(frame)) || undefined, timeoutMs);
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

/** The panel's freshness line as shown, e.g. "Updated 3 s ago". */
export async function recordFreshness(frame: Frame): Promise<string> {
  return (await frame.locator('[data-testid="freshness"]').innerText()).trim();
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

/** What the panel says when it could not show an update (the webview refused it). */
export function rejectedUpdate(frame: Frame): Locator {
  return frame.locator('[data-testid="rejected"]');
}

/** Waits until the panel says it could not show an update, and returns what it says. */
export async function waitForRejectedUpdate(frame: Frame, timeoutMs = 30_000): Promise<string> {
  await rejectedUpdate(frame).waitFor({ state: 'visible', timeout: timeoutMs });
  return (await rejectedUpdate(frame).innerText()).trim();
}

/** Hands the panel's script a message as if the host had posted it (the webview's own window receives the host's messages). */
export async function deliverToPanel(frame: Frame, message: unknown): Promise<void> {
  // A script as text: the test runner's transform would add helpers the page does not have.
  await frame.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }))`);
}

/**
 * Does `click` (a button of the record panel that opens the AWS console) and returns the URL the browser was
 * asked to load, which starts with `prefix`. VS Code's "Open external website?" dialog, when it asks (a site
 * not trusted yet), is confirmed; the page that opened is closed. A request carries no fragment: the page and its
 * query are what reach the network.
 */
export async function openedConsoleRequest(ui: WorkbenchUi, prefix: string, click: () => Promise<void>): Promise<string> {
  const opened = ui.page.context().waitForEvent('request', { predicate: (request) => request.url().startsWith(prefix), timeout: 30_000 });
  await click();
  const asked = ui.dialog().waitFor({ state: 'visible', timeout: 30_000 }).then(
    () => true,
    () => false,
  );
  const first = await Promise.race([opened.then(() => 'opened' as const), asked.then((shown) => (shown ? ('asked' as const) : ('opened' as const)))]);
  if (first === 'asked') {
    await ui.dialogButton('Open').click({ timeout: 10_000 });
  }
  const request = await opened;
  for (const page of ui.page.context().pages().filter((page) => page !== ui.page)) {
    await page.close().catch(() => undefined);
  }
  return request.url();
}

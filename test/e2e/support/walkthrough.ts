import type { Locator } from 'playwright-core';
import type { WorkbenchUi } from '../../../tools/workbenchUi';

/** The extension's walkthrough (package.json `contributes.walkthroughs`), as VS Code's Welcome page shows it. */
export const walkthroughTitle = 'Get started with Service Catalog Actions';

/** Opens (or reveals) the walkthrough with "Welcome: Open Walkthrough...", and waits for its steps. */
export async function openWalkthrough(ui: WorkbenchUi): Promise<void> {
  await ui.runCommand('Welcome: Open Walkthrough...');
  await ui.waitForQuickPickItem(walkthroughTitle, 30_000);
  await ui.pickQuickPickItem(walkthroughTitle);
  await walkthroughSteps(ui).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** The step rows of the open walkthrough. */
export function walkthroughSteps(ui: WorkbenchUi): Locator {
  return ui.page.locator('.gettingStartedContainer button.getting-started-step');
}

export function walkthroughStep(ui: WorkbenchUi, title: string): Locator {
  return walkthroughSteps(ui).filter({ has: ui.page.locator('.step-title', { hasText: title }) });
}

/** The titles of the steps shown (a step whose `when` is false is not). */
export async function walkthroughStepTitles(ui: WorkbenchUi): Promise<string[]> {
  return walkthroughSteps(ui).locator('.step-title').evaluateAll((titles) => titles.map((title) => (title.textContent ?? '').trim()));
}

/** Whether VS Code shows the step as done (its check mark: `aria-checked`). */
export async function isStepDone(ui: WorkbenchUi, title: string): Promise<boolean> {
  return (await walkthroughStep(ui, title).getAttribute('aria-checked')) === 'true';
}

export async function waitForStepDone(ui: WorkbenchUi, title: string, timeoutMs = 30_000): Promise<void> {
  await walkthroughSteps(ui)
    .and(ui.page.locator('[aria-checked="true"]'))
    .filter({ has: ui.page.locator('.step-title', { hasText: title }) })
    .waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Expands a step (clicking its title) and clicks the button of its description labelled `button`. */
export async function clickStepButton(ui: WorkbenchUi, stepTitle: string, button: string): Promise<void> {
  const row = walkthroughStep(ui, stepTitle);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.step-title').click();
  const link = row.getByRole('button', { name: button, exact: true }).or(row.getByRole('link', { name: button, exact: true }));
  await link.first().click({ timeout: 30_000 });
}

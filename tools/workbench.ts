import type { Browser, Page } from 'playwright-core';
import { withTimeout } from './processes';

export interface WorkbenchTarget {
  /** `http://127.0.0.1:PORT/` */
  url: string;
}

/**
 * The workbench opening `folder`. Extensions come from code-server's extensions folder (see CodeServerOptions'
 * `linkedExtensions`): a release build ignores the launch arguments of the URL's `payload`.
 */
export function workbenchUrl(target: WorkbenchTarget, folder: string): string {
  return `${target.url}?${new URLSearchParams({ folder }).toString()}`;
}

export interface WorkbenchHooks {
  /** Every message the workbench writes to the browser's console. */
  onLog(type: string, text: string): void;
  /**
   * The browser's language (`navigator.language`), e.g. 'ja'. VS Code in the browser takes its display language
   * (`vscode.env.language`, and so the extensions' translations) from it; code-server's `--locale` gives the rest.
   */
  locale?: string;
}

/** Opens the workbench in a new page. */
export async function openWorkbench(browser: Browser, url: string, hooks: WorkbenchHooks): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...(hooks.locale ? { locale: hooks.locale } : {}) });
  const page = await context.newPage();
  page.on('console', (message) => hooks.onLog(`console.${message.type()}`, message.text()));
  await page.goto(url, { timeout: 60_000 });
  return page;
}

/** Waits until the workbench has rendered its activity bar and status bar. */
export async function waitForWorkbenchReady(page: Page, timeoutMs = 60_000): Promise<void> {
  await withTimeout(
    page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs }),
    timeoutMs + 1000,
    'The VS Code workbench did not render',
  );
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
}

import type { Browser, Page } from 'playwright-core';
import { withTimeout } from './processes';

export interface WorkbenchTarget {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** `127.0.0.1:PORT` */
  authority: string;
}

export interface WorkbenchLaunch {
  /** The folder the window opens. */
  folder: string;
  /** Loaded as the extension under development, as `--extensionDevelopmentPath` does on desktop; none when absent. */
  extensionDevelopmentPath?: string;
  /** A module exporting `run()`, called in the extension host, as `--extensionTestsPath` does on desktop. */
  extensionTestsPath?: string;
}

/**
 * The web workbench reads its launch arguments from the `payload` query parameter; paths are
 * `vscode-remote://` URIs on the server's authority, because the extension host runs on the server.
 */
export function workbenchUrl(target: WorkbenchTarget, launch: WorkbenchLaunch): string {
  const remote = (absolutePath: string): string => `vscode-remote://${target.authority}${absolutePath}`;
  const payload: Array<[string, string]> = [];
  if (launch.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(launch.extensionDevelopmentPath)]);
  if (launch.extensionTestsPath) payload.push(['extensionTestsPath', remote(launch.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: launch.folder, payload: JSON.stringify(payload) });
  return `${target.url}?${query.toString()}`;
}

export interface AutomationHooks {
  /** Every log line the workbench and the extension host report (`codeAutomationLog(type, args)`). */
  onLog(type: string, args: unknown[]): void;
  /**
   * The browser's language (`navigator.language`), e.g. 'ja'. VS Code in the browser takes its display language
   * (`vscode.env.language`, and so the extensions' translations) from it; code-server's `--locale` gives the rest.
   */
  locale?: string;
}

export interface OpenedWorkbench {
  page: Page;
  /** Settles with the code the workbench passes to `codeAutomationExit`: 0 when the tests' `run()` resolved. */
  automationExit: Promise<number>;
}

/** Opens the workbench in a new page, with the automation hooks exposed before the first script runs. */
export async function openWorkbench(browser: Browser, url: string, hooks: AutomationHooks): Promise<OpenedWorkbench> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...(hooks.locale ? { locale: hooks.locale } : {}) });
  const page = await context.newPage();
  let exit: (code: number) => void = () => {};
  const automationExit = new Promise<number>((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => hooks.onLog(type, args));
  await page.goto(url, { timeout: 60_000 });
  return { page, automationExit };
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

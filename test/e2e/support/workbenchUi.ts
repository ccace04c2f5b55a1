import type { Frame, Locator, Page } from 'playwright-core';
import { extensionHostLogFiles, waitForActivation } from '../../runner/extensionHostLogs';
import { waitForWorkbenchReady } from '../../runner/workbench';

const shortWait = 10_000;

/**
 * What a person does in the VS Code window, as Playwright actions on the workbench's DOM.
 * Selectors follow VS Code 1.100's markup; they are kept here so a VS Code update is fixed in one place.
 */
export class WorkbenchUi {
  constructor(
    readonly page: Page,
    /** code-server's VS Code log folder, where each extension host logs its activations. */
    private readonly logsDir: string,
  ) {}

  // --- The window -----------------------------------------------------------------------------

  /** Waits for the workbench and for the remote extension host's contributions (our activity bar entry). */
  async waitUntilReady(): Promise<void> {
    await waitForWorkbenchReady(this.page);
    await this.serviceCatalogActivityBarEntry().waitFor({ state: 'attached', timeout: 60_000 });
  }

  /** Waits until the extension under test has been activated by the current window's extension host. */
  async waitForExtensionActive(timeoutMs = 30_000): Promise<void> {
    await waitForActivation(this.logsDir, { hostsBefore: Math.max(0, extensionHostLogFiles(this.logsDir).length - 1), timeoutMs });
  }

  /**
   * Reloads the window; the extension host is replaced by a new one. Waits for the workbench and for the
   * extension to be active in the new host (it activates on its own at startup or when the restored
   * window shows its view; otherwise this opens the view after a few seconds).
   *
   * By default this runs "Developer: Reload Window", which lets VS Code save its state (open editors and
   * webview panels, the visible view) as desktop VS Code does. `{ browserRefresh: true }` reloads the page
   * instead, like the browser's refresh button: VS Code may then lose state it had not saved yet.
   */
  async reload(options: { browserRefresh?: boolean } = {}): Promise<void> {
    const hostsBefore = extensionHostLogFiles(this.logsDir).length;
    if (options.browserRefresh) {
      await this.page.reload({ timeout: 60_000 });
    } else {
      const loaded = this.page.waitForEvent('load', { timeout: 60_000 });
      await this.runCommand('Developer: Reload Window');
      await loaded;
    }
    await this.waitUntilReady();
    try {
      await waitForActivation(this.logsDir, { hostsBefore, timeoutMs: 5_000 });
    } catch {
      await this.openServiceCatalogView();
      await waitForActivation(this.logsDir, { hostsBefore, timeoutMs: 30_000 });
    }
  }

  /** Closes whatever a previous step left open: quick input, menus, notifications. */
  async dismissTransientUi(): Promise<void> {
    for (let i = 0; i < 3 && (await this.quickInput().isVisible()); i++) await this.page.keyboard.press('Escape');
    if (await this.contextMenu().isVisible()) await this.page.keyboard.press('Escape');
    if ((await this.notificationToasts().count()) > 0) await this.runCommand('Notifications: Clear All Notifications');
  }

  // --- The Service Catalog view -----------------------------------------------------------------

  serviceCatalogActivityBarEntry(): Locator {
    return this.page.locator('.activitybar a.action-label[aria-label^="Service Catalog"]');
  }

  serviceCatalogContainer(): Locator {
    return this.page.locator('[id="workbench.view.extension.serviceCatalog"]');
  }

  /** Clicks the Service Catalog icon in the activity bar, unless its side bar is already showing. */
  async openServiceCatalogView(): Promise<void> {
    if (!(await this.serviceCatalogContainer().isVisible())) {
      await this.serviceCatalogActivityBarEntry().click({ timeout: 30_000 });
    }
    await this.serviceCatalogContainer().waitFor({ state: 'visible', timeout: shortWait });
  }

  /** The side bar's title, e.g. "Service Catalog: Provisioned Products" when the container has one view. */
  async sideBarTitle(): Promise<string> {
    return (await this.page.locator('.part.sidebar .composite.title h2').innerText()).trim();
  }

  /** The message a tree view shows instead of items (e.g. when no data provider is registered yet). */
  viewMessage(viewName = 'Provisioned Products'): Locator {
    return this.viewBody(viewName).locator('.tree-explorer-viewlet-tree-view > .message');
  }

  /**
   * True when the extension has registered a tree for the view. The view says "no data provider" until
   * the extension activates and registers one, so this waits for activation and gives it `graceMs`.
   */
  async viewHasDataProvider(viewName = 'Provisioned Products', graceMs = 5_000): Promise<boolean> {
    await this.waitForExtensionActive();
    const deadline = Date.now() + graceMs;
    for (;;) {
      const message = this.viewMessage(viewName);
      const noProvider = (await message.isVisible()) && (await message.innerText()).includes('no data provider');
      if (!noProvider) return true;
      if (Date.now() > deadline) return false;
      await this.page.waitForTimeout(200);
    }
  }

  /** The welcome content (`viewsWelcome`) of a view, when it shows one. */
  viewWelcome(viewName = 'Provisioned Products'): Locator {
    return this.viewBody(viewName).locator('.welcome-view-content');
  }

  private viewBody(viewName: string): Locator {
    return this.page.locator('.pane').filter({ has: this.page.locator(`.pane-header[aria-label="${viewName} Section"]`) }).locator('.pane-body');
  }

  // --- Trees ------------------------------------------------------------------------------------

  /** Rows of a view's tree whose label (not description) is `label` exactly, or matches the pattern. */
  treeItem(label: string | RegExp, viewName = 'Provisioned Products'): Locator {
    const name = this.page.locator('.label-name').filter({ hasText: typeof label === 'string' ? exactly(label) : label });
    return this.tree(viewName).locator('.monaco-list-row[role="treeitem"]').filter({ has: name });
  }

  tree(viewName = 'Provisioned Products'): Locator {
    return this.page.locator(`.monaco-list[role="tree"][aria-label="${viewName}"]`);
  }

  async treeItemLabels(viewName = 'Provisioned Products'): Promise<string[]> {
    return this.tree(viewName)
      .locator('.monaco-list-row[role="treeitem"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? (row as HTMLElement).innerText));
  }

  /** Expands a collapsed tree item by clicking its twistie; waits until the tree says it is expanded. */
  /** The labels (without descriptions) of the rows the tree shows, top to bottom. */
  async treeItemNames(viewName = 'Provisioned Products'): Promise<string[]> {
    return this.tree(viewName).locator('.monaco-list-row[role="treeitem"] .label-name').allInnerTexts();
  }

  async expandTreeItem(label: string | RegExp, viewName?: string): Promise<void> {
    const item = this.treeItem(label, viewName).first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.locator('.monaco-tl-twistie').click();
    await this.page.waitForFunction(
      (row) => row?.getAttribute('aria-expanded') === 'true',
      await item.elementHandle(),
      { timeout: shortWait },
    );
  }

  // --- Menus ------------------------------------------------------------------------------------

  contextMenu(): Locator {
    return this.page.locator('.context-view .monaco-menu');
  }

  /** Right-clicks a tree item and returns the labels of the context menu that opens. */
  async openTreeItemContextMenu(label: string | RegExp, viewName?: string): Promise<string[]> {
    await this.treeItem(label, viewName).first().click({ button: 'right' });
    await this.contextMenu().waitFor({ state: 'visible', timeout: shortWait });
    return this.contextMenu()
      .locator('.action-item:not(.disabled) .action-label')
      .evaluateAll((labels) => labels.map((label) => (label as HTMLElement).innerText.trim()).filter(Boolean));
  }

  async chooseContextMenuItem(label: string): Promise<void> {
    await this.contextMenu().locator('.action-item .action-label').filter({ hasText: label }).first().click();
  }

  // --- Command palette and quick input ------------------------------------------------------------

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command from the palette by its full title, e.g. "Service Catalog: Execute Service Action". */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: shortWait });
    await input.fill(`>${title}`);
    await this.pickQuickPickItem(title);
  }

  /** Waits for a quick pick or input box and returns its title ("" when it has none). */
  async waitForQuickInput(timeoutMs = shortWait): Promise<string> {
    await this.quickInput().waitFor({ state: 'visible', timeout: timeoutMs });
    return (await this.quickInput().locator('.quick-input-title').innerText()).trim();
  }

  /**
   * The quick pick's row whose label is exactly `label` (or matches the pattern). Matched on the label
   * text, not the accessible label, which gains a description or ", recently used".
   */
  quickPickItem(label: string | RegExp): Locator {
    const name = this.page.locator('.label-name').filter({ hasText: typeof label === 'string' ? exactly(label) : label });
    return this.quickInput().locator('.quick-input-list .monaco-list-row').filter({ has: name }).first();
  }

  async waitForQuickPickItem(label: string | RegExp, timeoutMs = shortWait): Promise<void> {
    await this.quickPickItem(label).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** The labels of the quick pick's rows, as shown (without descriptions). */
  async quickPickItems(): Promise<string[]> {
    return this.quickInput().locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
  }

  async pickQuickPickItem(label: string | RegExp): Promise<void> {
    await this.waitForQuickPickItem(label);
    await this.quickPickItem(label).click();
  }

  /** Types into the quick input's box (an input box step, or a quick pick's filter); Enter accepts. */
  async typeInQuickInput(text: string, options: { accept?: boolean } = {}): Promise<void> {
    const input = this.quickInput().locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: shortWait });
    await input.fill(text);
    if (options.accept ?? true) await input.press('Enter');
  }

  /** The quick input's message: its prompt, or a validation error. */
  async quickInputMessage(): Promise<string> {
    return (await this.quickInput().locator('.quick-input-message').innerText()).trim();
  }

  // --- Notifications ----------------------------------------------------------------------------

  notificationToasts(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  async waitForNotification(text: string | RegExp, timeoutMs = shortWait): Promise<Locator> {
    const toast = this.notificationToasts().filter({ hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
    return toast;
  }

  async notificationMessages(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  // --- Webviews ---------------------------------------------------------------------------------

  /**
   * The content frames of the open webviews: the frame inside each webview's host iframe, which
   * VS Code 1.100 names "pending-frame" (other versions swap it to "active-frame" once loaded).
   */
  webviewFrames(): Frame[] {
    return this.page.frames().filter((frame) => frame.name() === 'pending-frame' || frame.name() === 'active-frame');
  }

  /** Waits until a webview shows `text` and returns its frame, to read or query as a person sees it. */
  async waitForWebviewText(text: string | RegExp, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.webviewFrames()) {
        const shown = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return frame;
      }
      if (Date.now() > deadline) throw new Error(`No webview showed ${String(text)} within ${timeoutMs / 1000} s`);
      await this.page.waitForTimeout(250);
    }
  }

  /** The editor tab titles, e.g. to find a record panel. */
  async editorTabTitles(): Promise<string[]> {
    return this.page.locator('.tabs-container .tab .label-name').allInnerTexts();
  }
}

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

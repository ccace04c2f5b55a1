import type { Frame, Locator, Page } from 'playwright-core';
import { extensionHostLogFiles, waitForActivation } from '../../runner/extensionHostLogs';
import { waitForWorkbenchReady } from '../../runner/workbench';
import { waitUntil } from '../../support/waitUntil';

const shortWait = 10_000;
/** How long after rendering a context menu's item VS Code 1.100 starts taking clicks on it (100 ms), with a margin. */
const menuItemArmsAfterMs = 200;

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

  /** A clean window for the next flow: nothing transient open, no notification, no editor (record panels included). */
  async closeAllEditors(): Promise<void> {
    await this.dismissTransientUi();
    await this.runCommand('View: Close All Editors');
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

  /** The rows of a view's tree that have no children (in the Provisioned Products view: the products, and messages). */
  leafTreeItems(viewName = 'Provisioned Products'): Locator {
    return this.tree(viewName).locator('.monaco-list-row[role="treeitem"]:not([aria-expanded])');
  }

  tree(viewName = 'Provisioned Products'): Locator {
    return this.page.locator(`.monaco-list[role="tree"][aria-label="${viewName}"]`);
  }

  async treeItemLabels(viewName = 'Provisioned Products'): Promise<string[]> {
    return this.tree(viewName)
      .locator('.monaco-list-row[role="treeitem"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? (row as HTMLElement).innerText));
  }

  /** The labels (without descriptions) of the rows the tree shows, top to bottom. */
  async treeItemNames(viewName = 'Provisioned Products'): Promise<string[]> {
    return this.tree(viewName).locator('.monaco-list-row[role="treeitem"] .label-name').allInnerTexts();
  }

  /**
   * Expands a tree item by clicking its twistie, and waits until the tree says it is expanded. While the tree
   * is refreshed its rows are replaced, so the row is looked up again (and clicked again if it came back
   * collapsed) until it stays expanded.
   */
  async expandTreeItem(label: string | RegExp, viewName?: string, timeoutMs = 90_000): Promise<void> {
    await waitUntil(`${String(label)} to be expanded`, async () => {
      const row = this.treeItem(label, viewName).first();
      const expanded = await row.getAttribute('aria-expanded', { timeout: 1_000 }).catch(() => undefined); // not there yet, or replaced
      if (expanded === 'true') return true;
      if (expanded === 'false') await row.locator('.monaco-tl-twistie').click({ timeout: 1_000 }).catch(() => undefined); // replaced meanwhile: next round
      return false;
    }, timeoutMs);
  }

  /** Collapses the tree items that are shown expanded; the others are left alone. */
  async collapseTreeItems(labels: Array<string | RegExp>, viewName?: string): Promise<void> {
    for (const label of labels) {
      const row = this.treeItem(label, viewName).first();
      if ((await row.count()) > 0 && (await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
    }
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

  /**
   * Right-clicks a tree item and chooses `label` in its context menu. A menu that has closed by the time its items
   * take clicks (the view was refreshed under it: a CI run saw one go while products under change were checked) is
   * opened again, up to three times; nothing has run then.
   */
  async chooseTreeItemContextMenuItem(treeLabel: string | RegExp, label: string, viewName?: string): Promise<void> {
    const item = this.contextMenu().locator('.action-item:not(.disabled) .action-label').filter({ hasText: exactly(label) }).first();
    for (let attempt = 1; ; attempt++) {
      const labels = await this.openTreeItemContextMenu(treeLabel, viewName);
      await this.page.waitForTimeout(menuItemArmsAfterMs);
      if (await item.isVisible()) break;
      if (attempt === 3) throw new Error(`The context menu of "${String(treeLabel)}" closed or had no "${label}" three times (last: ${labels.join(' | ')})`);
      await this.page.keyboard.press('Escape');
    }
    await this.chooseContextMenuItem(label);
  }

  /**
   * Clicks the context menu's item labelled `label` (exactly), and waits until the menu has closed.
   * VS Code 1.100 starts listening for a menu item's mouse-up 100 ms after rendering it, so a click that lands
   * while the menu is still opening is dropped (the menu stays open, nothing runs): this waits that long
   * before clicking, and should the click still be dropped, chooses the item with Enter, the pointer over it
   * having focused it. Either way the command runs once.
   */
  async chooseContextMenuItem(label: string): Promise<void> {
    const menu = this.contextMenu();
    const item = menu.locator('.action-item:not(.disabled) .action-label').filter({ hasText: exactly(label) }).first();
    await item.waitFor({ state: 'visible', timeout: shortWait });
    await this.page.waitForTimeout(menuItemArmsAfterMs);
    await item.hover();
    await item.click();
    if (await menu.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false)) return;
    await item.hover();
    await menu.locator('.action-item.focused .action-label').filter({ hasText: exactly(label) }).waitFor({ state: 'visible', timeout: shortWait });
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: shortWait });
  }

  // --- Command palette and quick input ------------------------------------------------------------

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Opens the command palette (F1) with `>filter` typed in it. */
  async openCommandPalette(filter = ''): Promise<void> {
    const input = this.quickInput().locator('.quick-input-box input');
    // An F1 can go unanswered while the previous command's quick input is closing and focus is moving: press it again.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      if (await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) break;
      if (attempt === 3) throw new Error(`F1 did not open the command palette (pressed 3 times) for "${filter}"`);
    }
    await input.fill(`>${filter}`);
  }

  /**
   * Runs a command from the palette by its full title, e.g. "Service Catalog: Execute Service Action". The row
   * is found by its label's text: its accessible label also carries the keybinding, or ", recently used".
   */
  async runCommand(title: string): Promise<void> {
    await this.openCommandPalette(title);
    await this.waitForQuickPickItem(title, 15_000);
    await this.quickPickItem(title).click();
  }

  /** Waits for a quick pick or input box and returns its title ("" when it has none). */
  async waitForQuickInput(timeoutMs = shortWait): Promise<string> {
    await this.quickInput().waitFor({ state: 'visible', timeout: timeoutMs });
    return (await this.quickInput().locator('.quick-input-title').innerText()).trim();
  }

  /** Waits until the quick input's title is `title` (exactly) or matches the pattern, e.g. a wizard's "(2/6)". */
  async waitForQuickInputTitle(title: string | RegExp, timeoutMs = 30_000): Promise<void> {
    const locator = this.quickInput().locator('.quick-input-title');
    let shown = '';
    await waitUntil(
      () => `the quick input's title to be ${String(title)} (it is "${shown}")`,
      async () => {
        shown = (await locator.innerText({ timeout: 1_000 }).catch(() => '')).trim(); // no quick input yet
        return typeof title === 'string' ? shown === title : title.test(shown);
      },
      timeoutMs,
    );
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

  /**
   * The quick pick's first row showing `text` anywhere (label, description or detail), e.g. a review step's
   * "Parameter Days: 3" or a product's id; rows may still be loading, so wait on it.
   */
  quickPickRowWith(text: string | RegExp): Locator {
    return this.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first();
  }

  async waitForQuickPickRowWith(text: string | RegExp, timeoutMs = 30_000): Promise<void> {
    await this.quickPickRowWith(text).waitFor({ state: 'visible', timeout: timeoutMs });
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

  /**
   * Waits until a webview shows `text` and returns its frame, to read or query as a person sees it. The text
   * is compared as a person reads it (see `readable`).
   */
  async waitForWebviewText(text: string | RegExp, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.webviewFrames()) {
        // A frame still loading, or going away with its panel, has no text to offer yet: the next round looks again.
        const shown = readable(await frame.evaluate(() => document.body?.innerText ?? '').catch(() => ''));
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

/** Text as a person reads it: no-break spaces as spaces, zero-width spaces (that keep `$(` and `](` inert) removed. */
export function readable(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\u200b/g, '');
}

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

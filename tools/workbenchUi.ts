import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { extensionHostLogFiles, extensionId, hasActivated, waitForActivation } from './extensionHostLogs';
import { waitForWorkbenchReady } from './workbench';
import { waitUntil } from './waitUntil';

const shortWait = 10_000;
/** How long after rendering a context menu's item VS Code 1.100 starts taking clicks on it (100 ms), with a margin. */
const menuItemArmsAfterMs = 200;

/** A place in the extension's log of a window (`WorkbenchUi.extensionLogMark`). */
export interface ExtensionLogMark {
  file: string | undefined;
  length: number;
}

/**
 * What a person does in the VS Code window, as Playwright actions on the workbench's DOM.
 * Selectors follow VS Code 1.100's markup; they are kept here so a VS Code update is fixed in one place.
 */
export class WorkbenchUi {
  /** The log of this window's extension host, once it is known (`waitForExtensionActive`, `reload`). */
  private hostLog: string | undefined;

  constructor(
    readonly page: Page,
    /** code-server's VS Code log folder, where each extension host logs its activations. */
    private readonly logsDir: string,
    /**
     * How many extension hosts the server had started before this window opened, when known: this window's host is a
     * newer one. Unknown, the newest host is taken for this window's.
     */
    private hostsBefore?: number,
  ) {}

  /**
   * Opens another VS Code window of the same server (a new browser tab, as code-server opens one) at `url`, and
   * waits until the extension is active in it. Close its page when done.
   */
  async openAnotherWindow(url: string): Promise<WorkbenchUi> {
    const hostsBefore = extensionHostLogFiles(this.logsDir).length;
    const page = await this.page.context().newPage();
    await page.goto(url, { timeout: 60_000 });
    const other = new WorkbenchUi(page, this.logsDir, hostsBefore);
    await other.waitUntilReady();
    await other.waitForExtensionActive(60_000);
    return other;
  }

  // --- The window -----------------------------------------------------------------------------

  /** Waits for the workbench and for the remote extension host's contributions (our activity bar entry). */
  async waitUntilReady(): Promise<void> {
    await waitForWorkbenchReady(this.page);
    await this.serviceCatalogActivityBarEntry().waitFor({ state: 'attached', timeout: 60_000 });
  }

  /** Waits until the extension under test has been activated by the current window's extension host. */
  async waitForExtensionActive(timeoutMs = 30_000): Promise<void> {
    const hostsBefore = this.hostsBefore ?? Math.max(0, extensionHostLogFiles(this.logsDir).length - 1);
    await waitForActivation(this.logsDir, { hostsBefore, timeoutMs });
    this.hostLog = extensionHostLogFiles(this.logsDir).slice(hostsBefore).find((file) => hasActivated(file));
  }

  /** What the extension logged ("Service Catalog" output channel) in this window's current extension host so far. */
  extensionLog(since?: ExtensionLogMark): string {
    const file = this.extensionLogFile();
    const text = file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    return since && since.file === file ? text.slice(since.length) : text;
  }

  /** Where the extension's log of this window ends now: `waitForExtensionLog(pattern, { since })` then reads only what follows. */
  extensionLogMark(): ExtensionLogMark {
    return { file: this.extensionLogFile(), length: this.extensionLog().length };
  }

  /**
   * Waits until the extension's log in this window's extension host has a line matching `pattern` (after `since`, when
   * given), and returns the line: how a test knows the extension has done something that shows nothing.
   */
  async waitForExtensionLog(pattern: RegExp, options: { since?: ExtensionLogMark; timeoutMs?: number } = {}): Promise<string> {
    return waitUntil(
      () => `the extension to log ${String(pattern)} in this window`,
      () => this.extensionLog(options.since).split('\n').find((line) => pattern.test(line)),
      options.timeoutMs ?? 30_000,
      250,
    );
  }

  private extensionLogFile(): string | undefined {
    const hostLog = this.hostLog ?? extensionHostLogFiles(this.logsDir).at(-1);
    return hostLog && path.join(path.dirname(hostLog), extensionId, 'Service Catalog.log');
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
    this.hostsBefore = hostsBefore;
    this.hostLog = undefined;
    if (options.browserRefresh) {
      await this.page.reload({ timeout: 60_000 });
    } else {
      const loaded = this.page.waitForEvent('load', { timeout: 60_000 });
      await this.runCommand('Developer: Reload Window');
      await loaded;
    }
    await this.waitUntilReady();
    try {
      await this.waitForExtensionActive(5_000);
    } catch {
      await this.openServiceCatalogView();
      await this.waitForExtensionActive(30_000);
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

  /**
   * Everything VS Code for the web keeps in the browser for this window, as text: every IndexedDB database
   * (`globalState` and `workspaceState` live there, in `vscode-web-state-db-*`) and localStorage (where
   * code-server keeps `SecretStorage`, encrypted). How a test checks what reached VS Code's state.
   */
  async browserStorageText(): Promise<string> {
    // A script as text: the test runner's transform would add helpers (esbuild's __name) the page does not have.
    return this.page.evaluate<string>(`(async () => {
      const texts = [];
      for (let index = 0; index < localStorage.length; index++) {
        const key = localStorage.key(index) || '';
        texts.push('localStorage ' + key + ': ' + (localStorage.getItem(key) || ''));
      }
      const read = (request) => new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const { name } of await indexedDB.databases()) {
        if (!name) continue;
        const database = await read(indexedDB.open(name));
        for (const store of Array.from(database.objectStoreNames)) {
          const objects = database.transaction(store, 'readonly').objectStore(store);
          const [keys, values] = await Promise.all([read(objects.getAllKeys()), read(objects.getAll())]);
          keys.forEach((key, at) => {
            const value = values[at];
            const text = typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : JSON.stringify(value);
            texts.push(name + '/' + store + ' ' + String(key) + ': ' + text);
          });
        }
        database.close();
      }
      return texts.join('\\n');
    })()`);
  }

  /**
   * This extension's `globalState` as the browser keeps it (one JSON value per extension in the state database),
   * or undefined when none is there yet. To check one key: the whole value also holds the extension's other keys.
   */
  async extensionGlobalState(): Promise<Record<string, unknown> | undefined> {
    // The workspace's state database keys its workspaceState by the same extension id.
    const marker = `vscode-web-state-db-global/ItemTable ${extensionId}: `;
    for (const line of (await this.browserStorageText()).split('\n')) {
      if (!line.startsWith(marker)) continue;
      try {
        const value: unknown = JSON.parse(line.slice(marker.length));
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
      } catch {
        // Not a JSON value: not the extension's globalState.
      }
    }
    return undefined;
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
    const message = this.viewMessage(viewName);
    const noProvider = async (): Promise<boolean> => (await message.isVisible()) && (await message.innerText()).includes('no data provider');
    return waitUntil(`the ${viewName} view to have a data provider`, async () => !(await noProvider()), graceMs, 200).catch(() => false);
  }

  /** The welcome content (`viewsWelcome`) of a view, when it shows one. */
  viewWelcome(viewName = 'Provisioned Products'): Locator {
    return this.viewBody(viewName).locator('.welcome-view-content');
  }

  /** A view's pane in its container: its header and its body (e.g. for a screenshot of the view alone). */
  viewPane(viewName = 'Provisioned Products'): Locator {
    return this.page.locator('.pane').filter({ has: this.paneHeader(viewName) });
  }

  /** A view's pane header, by its title: its aria-label also holds the view's description ("Name - description Section"). */
  private paneHeader(viewName: string): Locator {
    return this.page.locator('.pane-header').filter({ has: this.page.locator('h3.title').filter({ hasText: exactly(viewName) }) });
  }

  /** A view's description, beside its name in the pane's header (e.g. the filter it applies); empty when it has none. */
  async viewDescription(viewName = 'Provisioned Products'): Promise<string> {
    const description = this.viewPane(viewName).locator('.pane-header .description');
    // textContent: a narrow header gives the room to its actions while focused, and the description is then not rendered.
    return (await description.count()) === 0 ? '' : ((await description.first().textContent()) ?? '').trim();
  }

  /** Widens (or, negative, narrows) the side bar by dragging its edge `by` pixels, as a person does for a wider view. */
  async resizeSideBar(by: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) throw new Error('The side bar is not showing');
    await this.page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width + 1 + by, box.y + box.height / 2, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Expands or collapses a view's pane by clicking its header, unless it already is; waits until it says so. */
  async setViewExpanded(viewName: string, expanded: boolean): Promise<void> {
    const header = this.paneHeader(viewName);
    await header.waitFor({ state: 'visible', timeout: shortWait });
    if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
    await waitUntil(`the ${viewName} view to be ${expanded ? 'expanded' : 'collapsed'}`, async () => (await header.getAttribute('aria-expanded')) === String(expanded), shortWait);
  }

  private viewBody(viewName: string): Locator {
    return this.viewPane(viewName).locator('.pane-body');
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

  /** The description a tree item shows beside its label ("" when it has none), e.g. a profile's "us-east-1 · 12 products". */
  async treeItemDescription(label: string | RegExp, viewName?: string): Promise<string> {
    const description = this.treeItem(label, viewName).first().locator('.label-description');
    return (await description.count()) > 0 ? (await description.innerText({ timeout: 1_000 })).trim() : '';
  }

  /**
   * Scrolls a view's tree until a row whose label is `label` is rendered, as a person scrolls to it: the tree renders
   * only the rows in view (e.g. the last row under a profile with a hundred products).
   */
  async scrollTreeToItem(label: string | RegExp, viewName?: string, timeoutMs = 30_000): Promise<void> {
    await this.tree(viewName).hover();
    await waitUntil(`${String(label)} to be scrolled into view`, async () => {
      if ((await this.treeItem(label, viewName).count()) > 0) return true;
      await this.page.mouse.wheel(0, 300);
      return false;
    }, timeoutMs, 100);
  }

  /** A tree item as a person reads it: its label and description, spaces collapsed ("Workloads 444444444444 · 2 roles"). */
  async treeItemText(label: string | RegExp, viewName?: string): Promise<string> {
    return (await this.treeItem(label, viewName).first().innerText({ timeout: shortWait })).replace(/\s+/g, ' ').trim();
  }

  /** Whether a tree item shows expanded (undefined when it is not shown, or has no children). */
  async isTreeItemExpanded(label: string | RegExp, viewName?: string): Promise<boolean | undefined> {
    const expanded = await this.treeItem(label, viewName).first().getAttribute('aria-expanded', { timeout: 1_000 }).catch(() => null);
    return expanded === null ? undefined : expanded === 'true';
  }

  /** Whether a tree item is selected (e.g. revealed by a command). */
  async isTreeItemSelected(label: string | RegExp, viewName?: string): Promise<boolean> {
    return (await this.treeItem(label, viewName).first().getAttribute('aria-selected', { timeout: 1_000 }).catch(() => null)) === 'true';
  }

  /** Waits until a tree item is shown and selected, e.g. a product a command revealed in the view. */
  async waitForTreeItemSelected(label: string | RegExp, viewName?: string, timeoutMs = 30_000): Promise<void> {
    await this.treeItem(label, viewName).and(this.page.locator('[aria-selected="true"]')).first().waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Every row the tree shows (items, loading rows and messages), top to bottom. */
  treeRows(viewName = 'Provisioned Products'): Locator {
    return this.tree(viewName).locator('.monaco-list-row[role="treeitem"]');
  }

  /** The expand/collapse arrow of a tree item, e.g. to click several in one go. */
  treeItemTwistie(label: string | RegExp, viewName?: string): Locator {
    return this.treeItem(label, viewName).first().locator('.monaco-tl-twistie');
  }

  /**
   * Points at a tree item and returns its inline action buttons (shown while the pointer is over the row), or the one
   * whose title starts with `title` (e.g. "Execute Service Action"), once visible.
   */
  async treeItemActions(label: string | RegExp, options: { title?: string; viewName?: string } = {}): Promise<Locator> {
    const row = this.treeItem(label, options.viewName).first();
    await row.hover();
    const actions = row.locator(options.title ? `.actions .action-label[aria-label^="${options.title}"]` : '.actions .action-label');
    await actions.first().waitFor({ state: 'visible', timeout: shortWait });
    return options.title ? actions.first() : actions;
  }

  /** Clicks a tree item's inline action whose title starts with `title`, e.g. its "Execute Service Action" button. */
  async clickTreeItemAction(label: string | RegExp, title: string, viewName?: string): Promise<void> {
    await (await this.treeItemActions(label, { title, ...(viewName ? { viewName } : {}) })).click();
  }

  /**
   * Points at a tree item's label until its tooltip (hover) shows `containing`, and returns the hover. VS Code shows a
   * hover after a delay and drops it when the pointer has not moved onto the row freshly, so the pointer leaves and
   * comes back between tries.
   */
  async hoverTreeItem(label: string | RegExp, containing: string, viewName?: string): Promise<Locator> {
    const row = this.treeItem(label, viewName).first();
    const hover = this.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: containing }).last();
    await waitUntil(
      `the tooltip of ${String(label)} to show "${containing}"`,
      async () => {
        if (await hover.isVisible()) return true;
        await this.page.mouse.move(0, 0);
        await row.locator('.label-name').first().hover();
        return hover.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
      },
      30_000,
    );
    return hover;
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
   * opened again, up to three times; nothing has run then. Returns the labels of the menu it was chosen from.
   */
  async chooseTreeItemContextMenuItem(treeLabel: string | RegExp, label: string, viewName?: string): Promise<string[]> {
    const item = this.contextMenu().locator('.action-item:not(.disabled) .action-label').filter({ hasText: exactly(label) }).first();
    let labels: string[];
    for (let attempt = 1; ; attempt++) {
      labels = await this.openTreeItemContextMenu(treeLabel, viewName);
      await this.page.waitForTimeout(menuItemArmsAfterMs);
      if (await item.isVisible()) break;
      if (attempt === 3) throw new Error(`The context menu of "${String(treeLabel)}" closed or had no "${label}" three times (last: ${labels.join(' | ')})`);
      await this.page.keyboard.press('Escape');
    }
    await this.chooseContextMenuItem(label);
    return labels;
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

  /** The quick input's text box: an input box step, or a quick pick's filter. */
  quickInputBox(): Locator {
    return this.quickInput().locator('.quick-input-box input');
  }

  /**
   * Opens the command palette (F1) with `>filter` typed in it. VS Code 1.100 can leave an F1 unanswered while the
   * previous quick input is closing and focus is moving, and a quick input still closing looks open for a moment (a
   * CI run typed into one that then hid): so this waits for the palette itself, its box focused and holding the `>`
   * prefix, and presses F1 again when it does not come, or goes before the filter is typed.
   */
  async openCommandPalette(filter = ''): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      const opened = await this.page
        .waitForFunction(
          () => {
            const widget = document.querySelector<HTMLElement>('.quick-input-widget');
            const box = widget?.querySelector<HTMLInputElement>('.quick-input-box input');
            return !!widget && widget.style.display !== 'none' && !!box && box === document.activeElement && box.value.startsWith('>');
          },
          undefined,
          { timeout: 3_000, polling: 100 },
        )
        .then(() => true, () => false);
      if (opened && (await this.quickInputBox().fill(`>${filter}`, { timeout: 3_000 }).then(() => true, () => false))) return;
      if (attempt === 3) throw new Error(`F1 did not open the command palette (pressed 3 times) for "${filter}"`);
    }
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

  /** Waits for a command in the palette by its full title, typed (the palette renders only the rows in view), then closes the palette. */
  async waitForPaletteCommand(title: string): Promise<void> {
    await this.openCommandPalette(title);
    await this.waitForQuickPickItem(title);
    await this.page.keyboard.press('Escape');
    await this.waitForQuickInputClosed();
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
    return this.quickPickList().locator('.monaco-list-row').filter({ hasText: text }).first();
  }

  /** The quick pick's list of rows, e.g. to read every row at once. */
  quickPickList(): Locator {
    return this.quickInput().locator('.quick-input-list');
  }

  async waitForQuickPickRowWith(text: string | RegExp, timeoutMs = 30_000): Promise<void> {
    await this.quickPickRowWith(text).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  async pickQuickPickItem(label: string | RegExp): Promise<void> {
    await this.waitForQuickPickItem(label);
    if (typeof label === 'string') {
      // A quick pick whose items are replaced while the click lands (cached rows, then fresh ones) reuses its row
      // elements, so the click can hit another item at the same place; filtered to the label, every row there is it.
      await this.typeInQuickInput(label, { accept: false });
      await this.waitForQuickPickItem(label);
    }
    await this.quickPickItem(label).click();
  }

  /** Types into the quick input's box (an input box step, or a quick pick's filter); Enter accepts. */
  async typeInQuickInput(text: string, options: { accept?: boolean } = {}): Promise<void> {
    const input = this.quickInputBox();
    await input.waitFor({ state: 'visible', timeout: shortWait });
    await input.fill(text);
    if (options.accept ?? true) await input.press('Enter');
  }

  /** The quick input's message: its prompt, or a validation error. */
  async quickInputMessage(): Promise<string> {
    return (await this.quickInput().locator('.quick-input-message').innerText()).trim();
  }

  /** Waits until the quick input's message (its prompt, or a validation error as it is typed) shows `text`. */
  async waitForQuickInputMessage(text: string | RegExp, timeoutMs = shortWait): Promise<void> {
    await this.quickInput().locator('.quick-input-message').filter({ hasText: text }).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Waits until the quick input's box shows a placeholder matching `pattern` (a step can say it is loading first). */
  async waitForQuickInputPlaceholder(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    let shown = '';
    await waitUntil(
      () => `the quick input's placeholder to match ${String(pattern)} (it is "${shown}")`,
      async () => {
        shown = (await this.quickInputBox().getAttribute('placeholder', { timeout: 1_000 })) ?? '';
        return pattern.test(shown);
      },
      timeoutMs,
    );
  }

  /** Clicks the quick input's Back button (a wizard's step). */
  async goBackInQuickInput(): Promise<void> {
    await this.quickInput().locator('.quick-input-titlebar .codicon-quick-input-back').click();
  }

  /** Waits until no quick input shows (Escape ended it, or its last step was accepted). */
  async waitForQuickInputClosed(timeoutMs = shortWait): Promise<void> {
    await this.quickInput().waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /** "Preferences: Color Theme", then the theme named `theme` (e.g. "Light Modern"). */
  async chooseColorTheme(theme: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    await this.typeInQuickInput(theme, { accept: false });
    await this.pickQuickPickItem(theme);
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

  /** The message of a notification toast (`waitForNotification`'s), without its source and buttons. */
  notificationMessage(toast: Locator): Locator {
    return toast.locator('.notification-list-item-message');
  }

  /** A button of a notification toast (`waitForNotification`'s), e.g. its "Show Record". */
  notificationButton(toast: Locator, label: string): Locator {
    return toast.locator('.monaco-button').filter({ hasText: label }).first();
  }

  // --- Status bar and dialogs -------------------------------------------------------------------

  /** The status bar items showing `text`, e.g. /1 action running/. */
  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar-item').filter({ hasText: text });
  }

  /** The status bar entry VS Code or an extension contributes with the id `id`, e.g. "status.workspaceTrust". */
  statusBarEntry(id: string): Locator {
    return this.page.locator(`.part.statusbar [id="${id}"]`);
  }

  /** The banner above the editors (e.g. Restricted Mode's). */
  banner(): Locator {
    return this.page.locator('.part.banner');
  }

  /** A modal dialog showing `text` (e.g. VS Code's "Do you trust the authors..." or "Do you want to open..."). */
  dialog(text?: string | RegExp): Locator {
    const dialogs = this.page.locator('.monaco-dialog-box');
    return text === undefined ? dialogs : dialogs.filter({ hasText: text });
  }

  /** The button of a modal dialog whose label is `label` exactly. */
  dialogButton(label: string, dialog: Locator = this.dialog()): Locator {
    return dialog.locator('.monaco-button').filter({ hasText: exactly(label) });
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
    return waitUntil(
      `a webview to show ${String(text)}`,
      async () => {
        for (const frame of this.webviewFrames()) {
          // A frame still loading, or going away with its panel, has no text to offer yet: the next round looks again.
          const shown = readable(await frame.evaluate(() => document.body?.innerText ?? '').catch(() => ''));
          if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return frame;
        }
        return undefined;
      },
      timeoutMs,
      250,
    );
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

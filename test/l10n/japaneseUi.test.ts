// The extension as a Japanese user sees it, through the VS Code window (npm run test:l10n, after the in-host
// suites of test/integration/locale/): code-server with --locale ja, a Japanese browser and a stand-in
// language pack, so VS Code's display language is Japanese while its own menus stay English.
import * as assert from 'node:assert/strict';
import { waitForRecordStatus } from '../e2e/support/recordPanel';
import type { WorkbenchUi } from '../../tools/workbenchUi';
import { inLocaleWindow } from './support/localeWindow';

const long = 60_000;
const viewName = 'プロビジョニングされた製品';
const executeTitle = 'サービスアクションの実行';

describe('In a Japanese VS Code window', function () {
  const window = inLocaleWindow('ja');
  let ui: WorkbenchUi;

  before(() => {
    ui = window.ui();
  });

  it('names the views in Japanese', async () => {
    await ui.openServiceCatalogView();
    // Two views in the container: each pane's header names its view (the side bar's title is the container's).
    await ui.viewPane(viewName).waitFor({ state: 'visible', timeout: long });
    await ui.viewPane('アクティビティ').waitFor({ state: 'visible', timeout: long });
    await ui.tree(viewName).waitFor({ state: 'visible', timeout: long });
  });

  it('lists the commands in the palette by their Japanese titles', async () => {
    for (const title of [executeTitle, 'サンドボックスを起動', 'プロビジョニングされた製品に移動...', 'すべてをフィルター...']) {
      await ui.waitForPaletteCommand(`Service Catalog: ${title}`);
    }
  });

  it('shows product statuses, the wizard, the notification and the record panel in Japanese', async () => {
    window.session().sandbox.emulator.clock.setSpeed(10);
    await ui.openServiceCatalogView();
    await ui.expandTreeItem('main-alice', viewName);
    const row = ui.treeItem('alice-web-01', viewName).first();
    await row.waitFor({ state: 'visible', timeout: long });
    assert.match((await row.getAttribute('aria-label')) ?? '', /^alice-web-01, 使用可能, /);

    await ui.clickTreeItemAction('alice-web-01', executeTitle, viewName);
    await ui.waitForQuickInputTitle(new RegExp(`^${executeTitle} \\(1/\\d\\)$`));
    // The step says it is loading the product's actions (in Japanese too) before it asks for one.
    await ui.waitForQuickInputPlaceholder(/アクションを選択してください/, long);
    await ui.pickQuickPickItem('Restart-Instance');
    await ui.waitForQuickInputTitle(`${executeTitle} (2/3)`);
    await ui.quickPickItem('Service Catalog が提供する値を使用').waitFor({ state: 'visible', timeout: long });
    await ui.page.keyboard.press('Enter');
    await ui.waitForQuickInputTitle(`${executeTitle} (3/3)`);
    await ui.waitForQuickPickRowWith('Restart-Instance を実行', long);
    await ui.page.keyboard.press('Enter');

    await ui.waitForNotification(/Restart-Instance.*が成功しました/, long);
    // The webview's texts come from the host's l10n bundle (its init message).
    const frame = await ui.waitForWebviewText('alice-web-01 での Restart-Instance', long);
    await waitForRecordStatus(frame, 'SUCCEEDED', long);
    const shown = await frame.evaluate(() => document.body.innerText);
    for (const text of ['成功', '詳細', '出力', 'プロビジョニングされた製品: alice-web-01']) {
      assert.ok(shown.includes(text), `the record panel shows "${text}":\n${shown.slice(0, 1500)}`);
    }
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'ja');
  });
});

// The extension as a Chinese (Simplified) user sees it, through the VS Code window (npm run test:l10n): code-server
// with --locale zh-cn, a Chinese browser and a stand-in language pack. It walks the features of finding and keeping:
// Go to Provisioned Product, an action run on what it found, the Activity view and a pin.
import { waitUntil } from '../../tools/waitUntil';
import type { WorkbenchUi } from '../../tools/workbenchUi';
import { inLocaleWindow } from './support/localeWindow';

const long = 60_000;
const viewName = '预置产品';
const activityView = '活动';
const executeTitle = '执行服务操作';
const goToTitle = '转到预置产品';

describe('In a Chinese VS Code window', function () {
  const window = inLocaleWindow('zh-cn');
  let ui: WorkbenchUi;

  before(() => {
    ui = window.ui();
  });

  it('names the views and the commands in Chinese', async () => {
    await ui.openServiceCatalogView();
    await ui.viewPane(viewName).waitFor({ state: 'visible', timeout: long });
    await ui.viewPane(activityView).waitFor({ state: 'visible', timeout: long });
    for (const title of [executeTitle, `${goToTitle}...`, '全部筛选...', '显示正在运行的操作']) {
      await ui.waitForPaletteCommand(`Service Catalog: ${title}`);
    }
  });

  it('finds a product by part of a tag, runs an action on it, sees it in Activity and pins it, in Chinese', async () => {
    window.session().sandbox.emulator.clock.setSpeed(10);
    await ui.openServiceCatalogView();
    await ui.treeItem('main-alice', viewName).first().waitFor({ state: 'visible', timeout: long });

    await ui.runCommand(`Service Catalog: ${goToTitle}...`);
    // "转到预置产品 (已搜索 7/7 个范围，1 个失败)": every scope has answered.
    await ui.waitForQuickInputTitle(new RegExp(`^${goToTitle} \\(已搜索 (\\d+)/\\1 个范围`), long);
    await ui.typeInQuickInput('paym', { accept: false });
    await ui.waitForQuickPickRowWith('标签 team=payments', long);
    await ui.quickPickItem('alice-web-05').click();
    await ui.waitForTreeItemSelected('alice-web-05', viewName);

    await ui.waitForQuickInputTitle('alice-web-05');
    await ui.pickQuickPickItem(executeTitle);
    await ui.waitForQuickInputTitle(new RegExp(`^${executeTitle} \\(1/\\d\\)$`));
    await ui.pickQuickPickItem('Restart-Instance');
    await ui.waitForQuickInputTitle(`${executeTitle} (2/3)`);
    await ui.quickPickItem('使用 Service Catalog 提供的值').waitFor({ state: 'visible', timeout: long });
    await ui.page.keyboard.press('Enter');
    await ui.waitForQuickInputTitle(`${executeTitle} (3/3)`);
    await ui.waitForQuickPickRowWith('执行 Restart-Instance', long);
    await ui.page.keyboard.press('Enter');
    await ui.waitForNotification(/alice-web-05 上的 Restart-Instance 成功/, long);

    await ui.setViewExpanded(activityView, true);
    await ui
      .treeItem('alice-web-05 上的 Restart-Instance', activityView)
      .filter({ hasText: /成功 · main-alice, us-east-1 · / })
      .first()
      .waitFor({ state: 'visible', timeout: long });
    await ui.setViewExpanded(activityView, false);

    await ui.chooseTreeItemContextMenuItem('alice-web-05', '固定', viewName);
    await ui.treeItem('已固定', viewName).first().waitFor({ state: 'visible', timeout: long });
    // The Pinned group is at the top: the first row so named is the pinned one, with its status in Chinese.
    await waitUntil(
      'alice-web-05 pinned, available',
      async () => /^alice-web-05, 可用, /.test((await ui.treeItem('alice-web-05', viewName).first().getAttribute('aria-label')) ?? ''),
      long,
    );
  });
});

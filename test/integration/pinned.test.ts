import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AwsContext } from '../../src/aws/awsContext';
import { SecretRedactor } from '../../src/aws/secrets';
import { IdentityCenterDirectory } from '../../src/catalog/identityCenterDirectory';
import { Settings, type SettingName } from '../../src/catalog/settings';
import { silentLogger } from '../../src/platform/logger';
import { configurationSection } from '../../src/platform/vscode/configuration';
import { AccountFilters } from '../../src/tree/accountFilters';
import { ViewFilterStore } from '../../src/tree/viewFilterStore';
import type { TreeNode } from '../../src/tree/nodes';
import { PinnedProducts, pinnedStorageKey, type PinnedProduct } from '../../src/tree/pinnedProducts';
import { ProductFilters } from '../../src/tree/productFilters';
import { ProvisionedProductsProvider } from '../../src/tree/provisionedProductsProvider';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import { waitUntil } from '../../tools/waitUntil';
import { emulatorAdmin, extensionApi } from './helpers/serviceCatalogApi';

/** Pinned products in a real VS Code, against the emulator through the AWS files the runner wrote. */
describe('Pinned products', function () {
  this.timeout(60_000);
  let api: ServiceCatalogExtensionApi;
  let tree: ProvisionedProductsProvider;
  const admin = emulatorAdmin();

  before(async () => {
    api = await extensionApi();
    tree = api.tree;
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
  });

  afterEach(async () => {
    for (const pin of tree.pinned.pins.list()) {
      await tree.pinned.unpin({ profile: pin.scope, region: pin.region, provisionedProductId: pin.provisionedProductId });
    }
    await admin.clearFaults();
  });

  const label = (node: TreeNode) => {
    const itemLabel = node.getTreeItem().label;
    return typeof itemLabel === 'string' ? itemLabel : (itemLabel?.label ?? '');
  };
  const item = (provider: ProvisionedProductsProvider, node: TreeNode) => provider.resolveTreeItem(provider.getTreeItem(node), node);
  const iconOf = (provider: ProvisionedProductsProvider, node: TreeNode) => (item(provider, node).iconPath as vscode.ThemeIcon).id;
  const productOf = async (profile: string, name: string) => {
    const profileNode = (await tree.getChildren()).find((node) => node.id === `profile:${profile}`);
    assert.ok(profileNode, `profile ${profile} is shown`);
    const product = (await tree.getChildren(profileNode)).find((node) => label(node) === name);
    assert.ok(product, `${name} is listed under ${profile}`);
    return product;
  };
  const pinnedRows = async (provider: ProvisionedProductsProvider = tree) => {
    const [top] = await provider.getChildren();
    assert.equal(top?.id, 'pinned', 'the Pinned group is at the top');
    return provider.getChildren(top);
  };

  it('pins a product from its row: the Pinned group shows it at the top with its status; Unpin hides the group', async () => {
    assert.notEqual((await tree.getChildren())[0]?.id, 'pinned', 'no group while nothing is pinned');
    assert.equal(tree.getChildren(), tree.getChildren(), 'one answer for the top level until it changes: callers tell a rebuild by it');
    const web = await productOf('main-alice', 'alice-web-01');
    assert.doesNotMatch(tree.getTreeItem(web).contextValue ?? '', /\.pinned$/, 'its menu offers Pin');

    await vscode.commands.executeCommand('serviceCatalog.pinProduct', web);

    const [group] = await tree.getChildren();
    assert.equal(label(group), 'Pinned');
    assert.equal(group.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const rows = await pinnedRows();
    assert.deepEqual(rows.map(label), ['alice-web-01']);
    const row = item(tree, rows[0]);
    assert.equal(iconOf(tree, rows[0]), 'pass', 'the same status icon as its own row');
    assert.match(String(row.description), /^main-alice · us-east-1/, 'where it is (and how old, while it is the listing kept on disk)');
    assert.match(row.accessibilityInformation?.label ?? '', /^alice-web-01, Available, /);
    assert.match(row.contextValue ?? '', /^product\.actionable\..*\.pinned$/, 'the menus of a product, and Unpin');
    assert.ok((row.tooltip as vscode.MarkdownString).value.replace(/\\/g, '').includes('pp-alice00000001'), 'the product’s tooltip');
    assert.match(tree.getTreeItem(web).contextValue ?? '', /\.pinned$/, 'its own row now offers Unpin');
    assert.deepEqual(tree.pinned.pins.list(), [{ scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000001', name: 'alice-web-01' }]);

    // A pinned row is a product item: the product commands work on it.
    await vscode.commands.executeCommand('serviceCatalog.showLastRecord', rows[0]);
    const ref = { profile: 'main-alice', region: 'us-east-1', recordId: 'rec-prov000000001' };
    await waitUntil('the record panel of its last record', () => api.records.panels.find(ref));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    await vscode.commands.executeCommand('serviceCatalog.unpinProduct', rows[0]);
    assert.notEqual((await tree.getChildren())[0]?.id, 'pinned', 'the group is hidden again');
    assert.doesNotMatch(tree.getTreeItem(web).contextValue ?? '', /\.pinned$/);
  });

  it('follows a pinned product of a profile the view has not listed: one describe, then under change while an action runs', async () => {
    const settings = vscode.workspace.getConfiguration('serviceCatalog');
    const speed = (await admin.clock()).speed;
    await tree.pinned.pin({ profile: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000006' }, 'alice-web-06');
    // The profile's listing is forgotten: the pinned row has to find its status on its own.
    tree.rebuild();
    const describes = (await admin.counters()).calls.DescribeProvisionedProduct ?? 0;
    const rowIcon = async () => {
      const [row] = await pinnedRows();
      return iconOf(tree, row);
    };
    try {
      // What the disk kept may show first ("as of ..."); then what AWS says.
      await waitUntil('the pinned product’s live status', async () => item(tree, (await pinnedRows())[0]).description === 'main-alice · us-east-1');
      assert.equal(await rowIcon(), 'pass');
      assert.ok(((await admin.counters()).calls.DescribeProvisionedProduct ?? 0) > describes, 'asked with DescribeProvisionedProduct');

      await settings.update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
      await admin.setClockSpeed(1);
      const executed = (await vscode.commands.executeCommand('serviceCatalog.executeServiceAction', {
        profile: 'main-alice',
        region: 'us-east-1',
        provisionedProductId: 'pp-alice00000006',
        serviceActionId: 'act-restart000001',
        parameters: {},
      })) as { outcome: string };
      assert.equal(executed.outcome, 'executed');
      await waitUntil('the pinned product to show it is under change', async () => (await rowIcon()) === 'sync~spin');
      await admin.setClockSpeed(60);
      await waitUntil('the pinned product to be available again', async () => (await rowIcon()) === 'pass', 40_000);
    } finally {
      await settings.update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
      await admin.setClockSpeed(speed);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('shows what another window pins and unpins while the view is visible, with no command run here', async () => {
    // Another window writes the global state every window shares; VS Code updates it here but tells the extension nothing.
    const store = tree.pinned.pins.store;
    const web02: PinnedProduct = { scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000002', name: 'alice-web-02' };
    const web01: PinnedProduct = { scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000001', name: 'alice-web-01' };
    const web = await productOf('main-alice', 'alice-web-01');
    const notified: Array<TreeNode | undefined> = [];
    const listener = tree.onDidChangeTreeData((node) => notified.push(node));
    try {
      assert.notEqual((await tree.getChildren())[0]?.id, 'pinned', 'nothing pinned yet');

      await store.update(pinnedStorageKey, [web02]);
      await waitUntil('the Pinned group to appear with the other window’s pin', async () => (await tree.getChildren())[0]?.id === 'pinned');
      assert.deepEqual((await pinnedRows()).map(label), ['alice-web-02']);

      notified.length = 0;
      await store.update(pinnedStorageKey, [web02, web01]);
      await waitUntil('the Pinned group to be drawn again', () => notified.some((node) => node?.id === 'pinned'));
      assert.ok(!notified.includes(undefined), 'only the group, not the whole view');
      assert.deepEqual((await pinnedRows()).map(label), ['alice-web-02', 'alice-web-01']);
      assert.ok(notified.includes(web), 'the product’s own row is drawn again');
      assert.match(tree.getTreeItem(web).contextValue ?? '', /\.pinned$/, 'and now offers Unpin');

      notified.length = 0;
      await store.update(pinnedStorageKey, [web02]);
      await waitUntil('the other window’s unpinned product to go', () => notified.some((node) => node?.id === 'pinned'));
      assert.deepEqual((await pinnedRows()).map(label), ['alice-web-02']);
      assert.doesNotMatch(tree.getTreeItem(web).contextValue ?? '', /\.pinned$/, 'its own row offers Pin again');

      await store.update(pinnedStorageKey, []);
      await waitUntil('the Pinned group to go', async () => (await tree.getChildren())[0]?.id !== 'pinned');
    } finally {
      listener.dispose();
    }
  });

  it('reads other windows’ pins only while the view is visible, and at once when it is shown again', async () => {
    await waitUntil('one tick pending while the view is visible', () => tree.usage().activeTimers === 1);
    assert.notEqual((await tree.getChildren())[0]?.id, 'pinned');
    try {
      await vscode.commands.executeCommand('workbench.view.explorer');
      await waitUntil('no timer left once the view is hidden', () => tree.usage().activeTimers === 0);
      await tree.pinned.pins.store.update(pinnedStorageKey, [{ scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000003', name: 'alice-web-03' }]);
    } finally {
      await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
    }
    await waitUntil('the pin made while hidden to show once the view is visible', async () => (await tree.getChildren())[0]?.id === 'pinned');
    assert.deepEqual((await pinnedRows()).map(label), ['alice-web-03']);
    assert.equal(tree.usage().activeTimers, 1, 'ticking again');
  });

  it('keeps pins across a reload: a new provider over the same global state shows them with their status', async () => {
    const web = await productOf('main-alice', 'alice-web-01');
    await vscode.commands.executeCommand('serviceCatalog.pinProduct', web);

    // What a new window builds, over the same global state and disk cache.
    const store = tree.pinned.pins.store;
    const redactor = new SecretRedactor();
    const aws = new AwsContext({ askMfaCode: async () => undefined, acceptLanguage: () => 'en', redactor });
    const settings = new Settings(configurationSection<SettingName>('serviceCatalog'), vscode.env.language);
    const cache = api.aws.listingCache;
    const directory = new IdentityCenterDirectory({ portal: (source) => aws.portal(source), cache, redactor, log: silentLogger });
    const reloaded = new ProvisionedProductsProvider({
      aws,
      settings,
      filters: new ProductFilters(store),
      accountFilters: new AccountFilters(store),
      viewFilter: new ViewFilterStore(store),
      directory,
      cache,
      log: silentLogger,
      pins: new PinnedProducts(store),
    });
    try {
      const rows = await pinnedRows(reloaded);
      assert.deepEqual(rows.map(label), ['alice-web-01']);
      // What the disk kept shows first ("as of ..."); then what AWS says.
      await waitUntil('the pinned product’s live status in the new window', () => item(reloaded, rows[0]).description === 'main-alice · us-east-1');
      assert.equal(iconOf(reloaded, rows[0]), 'pass');
    } finally {
      reloaded.dispose();
      directory.dispose();
      aws.dispose();
    }
  });

  it('says when a pinned product no longer exists, or its profile is gone, and unpins it', async () => {
    await tree.pinned.pin({ profile: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-terminated0001' }, 'alice-terminated');
    await tree.pinned.pin({ profile: 'removed-profile', region: 'us-east-1', provisionedProductId: 'pp-alice00000002' }, 'alice-web-02');
    tree.rebuild();
    const descriptions = async () => (await pinnedRows()).map((row) => `${label(row)}: ${String(item(tree, row).description)}`);
    await waitUntil('both pinned rows to say what is wrong', async () => !(await descriptions()).some((text) => text.includes('loading')));
    assert.deepEqual(await descriptions(), ['alice-terminated: no longer exists · main-alice · us-east-1', 'alice-web-02: Profile not found · removed-profile · us-east-1']);
    const rows = await pinnedRows();
    for (const row of rows) {
      const shown = item(tree, row);
      assert.equal(shown.contextValue, 'pinnedRow.pinned', 'Unpin (and Refresh), not the product commands');
      assert.equal(shown.command?.command, 'serviceCatalog.refreshItem', 'a click tries again');
    }
    // VS Code 1.103 escapes the text appended to a MarkdownString (\- and &nbsp;); the newest does not.
    const tooltip = (item(tree, rows[1]).tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.match(tooltip, /removed-profile/);

    await vscode.commands.executeCommand('serviceCatalog.unpinProduct', rows[0]);
    assert.deepEqual((await pinnedRows()).map(label), ['alice-web-02']);
    await vscode.commands.executeCommand('serviceCatalog.unpinProduct', rows[1]);
    assert.notEqual((await tree.getChildren())[0]?.id, 'pinned');
  });
});
